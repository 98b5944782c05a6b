"""lomonitor: descriptive mixed-methods studies of Dutch municipalities.

The population frame (all municipalities, strata, werkorganisaties), contacts and fieldwork,
instruments and responses, and the finite-population statistics a report needs::

    import lomonitor as lm
    frame = lm.register()                 # the CBS register carried by the package
    frame.strata("size_class")            # N_h per stratum
    study = lm.Study.load("examples/study")
    lm.stats.proportion_ci(41, 148, population=342)   # statistics over arrays
"""

from __future__ import annotations

from lomonitor import exceptions, stats
from lomonitor._lomonitor import (
    Frame,
    Municipality,
    Organisation,
    StratumTable,
    Study,
    __version__,
    register,
)
from lomonitor.exceptions import (
    AmbiguousError,
    ArgumentError,
    FileError,
    InputError,
    InsufficientDataError,
    LomonitorError,
    NotFoundError,
)

__all__ = [
    "AmbiguousError",
    "ArgumentError",
    "FileError",
    "Frame",
    "InputError",
    "InsufficientDataError",
    "LomonitorError",
    "Municipality",
    "NotFoundError",
    "Organisation",
    "StratumTable",
    "Study",
    "__version__",
    "exceptions",
    "register",
    "stats",
]
