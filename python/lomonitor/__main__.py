"""``python -m lomonitor``: the ``lomonitor`` command."""

from lomonitor.cli import main

if __name__ == "__main__":
    main()
