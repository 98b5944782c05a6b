#!/usr/bin/env python3
"""Peer comparison of lomonitor's aggregation routines (issue 9).

Run from the repository root, on a machine with Python 3.10+, Rust and network access:

    python3 benches/peers.py

It creates the venv benches/.venv-peers (once), installs numpy, pandas, polars, svy, pingouin,
krippendorff, weightipy and maturin into it, builds and installs lomonitor from this checkout,
re-runs itself inside the venv, and then times the same operations on the same seeded data
(200,000 respondents x 100 one-byte items, a 12-level group, weights; 2,000 units x 5 coders)
through lomonitor's Python package and every peer, all in one process: the median of several
runs after a warm-up run. It prints the ratio of each peer's time to lomonitor's and writes
benches/results/peers.md and benches/results/peers.json (machine, versions, sizes, timings,
targets met or not). Timings on shared machines vary by up to a third between runs: only the
ratios within one run count.

Options:
    --quick           tiny sizes, one repetition, no target verdicts; writes target/peers-quick.*
    --no-venv         run in the current interpreter (lomonitor must be installed); peers that
                      are not installed are skipped (the CI smoke run uses this with --quick)
    --no-build        do not rebuild lomonitor into the venv
    --repeats N       timed runs per operation (default 5)
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / "benches" / ".venv-peers"
PEERS = ["numpy", "pandas", "polars", "svy", "pingouin", "krippendorff", "weightipy"]
LEVELS = 5
GROUPS = 12


# --------------------------------------------------------------------------------------------
# bootstrap: the venv


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def bootstrap(args: argparse.Namespace) -> None:
    """Create the venv, install the peers and lomonitor, and re-run this script inside it."""
    py = venv_python()
    if not py.exists():
        print(f"creating {VENV}", flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        subprocess.run([str(py), "-m", "pip", "install", "--quiet", "--upgrade", "pip"], check=True)
        subprocess.run([str(py), "-m", "pip", "install", "--quiet", "maturin>=1.9.4,<2", *PEERS], check=True)
    if not args.no_build:
        print("building lomonitor into the venv (release)", flush=True)
        subprocess.run([str(py), "-m", "pip", "install", "--quiet", "--no-build-isolation", str(ROOT)], check=True)
    argv = [str(py), str(Path(__file__).resolve()), "--no-venv", *sys.argv[1:]]
    os.execv(str(py), argv)


# --------------------------------------------------------------------------------------------
# data


def make_data(n: int, n_items: int, seed: int = 2025) -> dict[str, Any]:
    import numpy as np

    rng = np.random.default_rng(seed)
    p = np.array([0.08, 0.14, 0.30, 0.34, 0.14])
    # Fortran order: each item is a contiguous column (the response store's layout).
    codes = np.asfortranarray(rng.choice(LEVELS, size=(n, n_items), p=p).astype(np.uint8))
    group = rng.integers(0, GROUPS, size=n, dtype=np.uint8)
    weights = 0.5 + 2.0 * rng.random(n)
    return {"codes": codes, "group": group, "weights": weights}


def make_codings(units: int, coders: int, seed: int = 9) -> Any:
    import numpy as np

    rng = np.random.default_rng(seed)
    truth = rng.integers(0, 4, size=units)
    agree = rng.random((units, coders)) < 0.8
    other = rng.integers(0, 4, size=(units, coders))
    m = np.where(agree, truth[:, None], other).astype(float)
    m[rng.random((units, coders)) < 0.05] = np.nan
    return m


def questionnaire_toml(n_items: int) -> str:
    opts = ", ".join(f'{{ code = {k}, label = "{k}" }}' for k in range(1, LEVELS + 1))
    head = '[instrument]\nid = "bench"\nversion = "1"\ntitle = "bench"\n'
    return head + "".join(
        f'\n[[items]]\nid = "q{j:03}"\nkind = "single"\ntext = "q{j}"\noptions = [{opts}]\n' for j in range(n_items)
    )


def make_csv(codes: Any, units: list[str]) -> str:
    import numpy as np

    n, m = codes.shape
    body = np.empty((n, 2 * m + 1), dtype=np.uint8)
    body[:, 0 : 2 * m : 2] = ord(",")
    body[:, 1 : 2 * m : 2] = codes + ord("1")
    body[:, 2 * m] = ord("\n")
    rows = body.tobytes().decode("ascii")
    width = 2 * m + 1
    header = "respondent_id,unit,status," + ",".join(f"q{j:03}" for j in range(m)) + "\n"
    parts = [header]
    for i in range(n):
        parts.append(f"r{i},{units[i % len(units)]},complete")
        parts.append(rows[i * width : (i + 1) * width])
    return "".join(parts)


def unit_codes() -> list[str]:
    import lomonitor as lm

    return [m.code for m in lm.register().municipalities]


# --------------------------------------------------------------------------------------------
# timing


def timed(fn: Callable[[], Any], repeats: int, first: float) -> tuple[float, list[float]]:
    """Median seconds of `repeats` runs after the warm-up run that took `first` seconds. A
    warm-up slower than 5 s counts as a run and the median is of at most 3 runs (so that slow
    peers finish)."""
    runs = []
    if first > 5.0:
        runs.append(first)
        repeats = min(repeats, 3)
    while len(runs) < repeats:
        t0 = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - t0)
    return statistics.median(runs), runs


def have(name: str) -> bool:
    try:
        __import__(name)
        return True
    except Exception:  # noqa: BLE001 - a peer that fails to import is skipped
        return False


# --------------------------------------------------------------------------------------------
# the comparison


def run(args: argparse.Namespace) -> dict[str, Any]:
    import numpy as np

    import lomonitor as lm
    from lomonitor import _lomonitor as native

    quick = args.quick
    n, n_items = (2_000, 10) if quick else (200_000, 100)
    units, coders = (200, 5) if quick else (2_000, 5)
    repeats = 1 if quick else args.repeats
    d = make_data(n, n_items)
    X, g, w = d["codes"], d["group"], d["weights"]
    items = [f"q{j:03}" for j in range(n_items)]
    levels = [LEVELS]
    results: dict[str, Any] = {"operations": {}}
    ops = results["operations"]

    def record(op: str, tool: str, fn: Callable[[], Any], check: Callable[[Any], bool] | None = None) -> None:
        if tool != "lomonitor" and tool.split(" ")[0] not in ("numpy", "floor") and not have(tool.split(" ")[0]):
            print(f"  {op:<28} {tool:<22} skipped (not installed)", flush=True)
            return
        t0 = time.perf_counter()
        out = fn()  # the warm-up run, whose result is checked against lomonitor's
        first = time.perf_counter() - t0
        ok = None if check is None else bool(check(out))
        del out
        med, runs = timed(fn, repeats, first)
        ops.setdefault(op, {})[tool] = {"seconds": med, "runs": runs, "agrees": ok}
        base = ops[op].get("lomonitor", {}).get("seconds")
        ratio = f"{med / base:8.1f}x" if base and tool != "lomonitor" else ""
        agree = "" if ok is None else ("  same result" if ok else "  RESULT DIFFERS")
        print(f"  {op:<28} {tool:<22} {med * 1e3:10.2f} ms {ratio}{agree}", flush=True)

    pd = pl = None
    if have("pandas"):
        import pandas as pd
    if have("polars"):
        import polars as pl
    df = pd.DataFrame({c: X[:, j] for j, c in enumerate(items)} | {"g": g, "w": w}) if pd else None
    pdf = pl.DataFrame({c: X[:, j] for j, c in enumerate(items)} | {"g": g, "w": w}) if pl else None

    # -- frequencies of all items ------------------------------------------------------------
    print(f"frequencies of {n_items} items, {n} respondents", flush=True)
    ref = np.stack([np.bincount(X[:, j], minlength=LEVELS) for j in range(n_items)])
    record("frequencies", "lomonitor", lambda: native._bench_count_columns(X, levels), lambda o: np.array_equal(o, ref))
    record("frequencies", "floor (one read)", lambda: native._bench_read_floor(X))
    record("frequencies", "numpy bincount", lambda: [np.bincount(X[:, j], minlength=LEVELS) for j in range(n_items)])
    if df is not None:
        record(
            "frequencies",
            "pandas value_counts",
            lambda: [df[c].value_counts(sort=False) for c in items],
            lambda o: all(int(o[j].get(2, 0)) == ref[j, 2] for j in range(n_items)),
        )
    if pdf is not None:
        record(
            "frequencies",
            "polars value_counts",
            lambda: pl.collect_all([pdf.lazy().select(pl.col(c).value_counts()) for c in items]),
        )

    # -- crosstabs of all items by the group -------------------------------------------------
    print(f"crosstabs of {n_items} items by a {GROUPS}-level group", flush=True)
    gi = g.astype(np.intp)
    ref_ct = np.stack(
        [np.bincount(X[:, j].astype(np.intp) * GROUPS + gi, minlength=LEVELS * GROUPS) for j in range(n_items)]
    ).reshape(n_items, LEVELS, GROUPS)
    record(
        "crosstabs",
        "lomonitor",
        lambda: native._bench_crosstab_columns(X, levels, g, GROUPS),
        lambda o: np.array_equal(o, ref_ct),
    )
    record(
        "crosstabs",
        "numpy bincount",
        lambda: [np.bincount(X[:, j].astype(np.intp) * GROUPS + gi, minlength=LEVELS * GROUPS) for j in range(n_items)],
    )
    if df is not None:
        record(
            "crosstabs",
            "pandas crosstab",
            lambda: [pd.crosstab(df[c], df["g"]) for c in items],
            lambda o: np.array_equal(o[0].to_numpy(), ref_ct[0]),
        )
    if pdf is not None:
        record(
            "crosstabs",
            "polars group_by",
            lambda: pl.collect_all([pdf.lazy().group_by(c, "g").len() for c in items]),
        )

    # -- weighted frequencies ----------------------------------------------------------------
    print("weighted frequencies", flush=True)
    ref_w = np.stack([np.bincount(X[:, j], weights=w, minlength=LEVELS) for j in range(n_items)])
    record(
        "weighted frequencies",
        "lomonitor",
        lambda: native._bench_weighted_count_columns(X, levels, w),
        lambda o: np.allclose(o, ref_w, rtol=1e-12),
    )
    record(
        "weighted frequencies",
        "numpy bincount",
        lambda: [np.bincount(X[:, j], weights=w, minlength=LEVELS) for j in range(n_items)],
    )
    if df is not None:
        record(
            "weighted frequencies",
            "pandas groupby sum",
            lambda: [df.groupby(c, observed=True)["w"].sum() for c in items],
        )
    if pdf is not None:
        record(
            "weighted frequencies",
            "polars group_by sum",
            lambda: pl.collect_all([pdf.lazy().group_by(c).agg(pl.col("w").sum()) for c in items]),
        )

    # -- design-based proportions with SE and CI, all items, weighted ------------------------
    print("weighted proportions with SE and logit CI, every level of every item", flush=True)
    lo_props = native._bench_survey_proportions(X, levels, w, 0.95, "logit")
    record("proportions (SE, CI)", "lomonitor", lambda: native._bench_survey_proportions(X, levels, w, 0.95, "logit"))
    if have("svy") and pdf is not None:
        import svy

        sdf = pdf.select([*items, "w"]).with_columns([pl.col(c).cast(pl.Int64) for c in items])

        def svy_props() -> Any:
            smp = svy.Sample(sdf, design=svy.Design(wgt="w"))
            return smp.estimation.prop(y=items, ci_method="logit")

        def svy_agrees(o: Any) -> bool:
            first = o[0] if isinstance(o, list) else o
            t = first.to_polars() if hasattr(first, "to_polars") else None
            if t is None:
                return False
            est = t["est"].to_numpy()
            se = t["se"].to_numpy()
            return bool(np.allclose(est, lo_props[0][0, : len(est)], rtol=1e-9)) and bool(
                np.allclose(se, lo_props[1][0, : len(se)], rtol=1e-6)
            )

        record("proportions (SE, CI)", "svy", svy_props, svy_agrees)

    # -- Cronbach's alpha on 10 items ---------------------------------------------------------
    print("Cronbach's alpha, 10 items", flush=True)
    X10 = np.asfortranarray(X[:, :10])
    a_lo = native._bench_cronbach_alpha(X10)
    record("cronbach alpha (10 items)", "lomonitor", lambda: native._bench_cronbach_alpha(X10))
    if have("pingouin") and pd is not None:
        import pingouin as pg

        df10 = pd.DataFrame(X10.astype(float), columns=items[:10])
        record(
            "cronbach alpha (10 items)",
            "pingouin",
            lambda: pg.cronbach_alpha(data=df10),
            lambda o: abs(o[0] - a_lo) < 1e-9,
        )

    # -- Krippendorff's alpha -----------------------------------------------------------------
    print(f"Krippendorff's alpha, {units} units x {coders} coders", flush=True)
    K = make_codings(units, coders)
    k_lo = native._bench_krippendorff_alpha(K)
    record("krippendorff alpha", "lomonitor", lambda: native._bench_krippendorff_alpha(K))
    if have("krippendorff"):
        import krippendorff

        record(
            "krippendorff alpha",
            "krippendorff",
            lambda: krippendorff.alpha(reliability_data=K.T, level_of_measurement="nominal"),
            lambda o: abs(o - k_lo) < 1e-9,
        )

    # -- raking on two margins ----------------------------------------------------------------
    print("raking on two margins (group x item 1)", flush=True)
    margins = np.asfortranarray(np.column_stack([g, X[:, 0]]))
    share_g = np.linspace(1.0, 2.0, GROUPS)
    share_g /= share_g.sum()
    share_x = np.array([0.1, 0.15, 0.3, 0.3, 0.15])
    targets = [list(share_g * n), list(share_x * n)]
    tol = 1e-6
    w_lo = native._bench_rake(margins, targets, tol * n, 1000)
    record("raking (2 margins)", "lomonitor", lambda: native._bench_rake(margins, targets, tol * n, 1000))
    if have("weightipy") and pd is not None:
        import weightipy as wp

        mdf = pd.DataFrame({"g": g.astype(int), "x": X[:, 0].astype(int)})
        scheme = wp.scheme_from_dict(
            {
                "g": {k: float(100 * share_g[k]) for k in range(GROUPS)},
                "x": {k: float(100 * share_x[k]) for k in range(LEVELS)},
            },
            rim_params={"convcrit": tol, "max_iterations": 1000},
        )
        record(
            "raking (2 margins)",
            "weightipy",
            lambda: wp.weight(mdf, scheme),
            lambda o: bool(np.allclose(o.to_numpy(), w_lo, rtol=1e-4)),
        )

    # -- CSV import with validation ------------------------------------------------------------
    print("CSV import", flush=True)
    text = make_csv(X, unit_codes())
    raw = text.encode()
    qt = questionnaire_toml(n_items)
    # A staff survey: every response of a municipality is kept (200,000 respondents, 342 units).
    info = native._bench_import_csv(text, qt, True)
    record("csv import", "lomonitor", lambda: native._bench_import_csv(text, qt, True))
    if pd is not None:
        record("csv import", "pandas read_csv", lambda: pd.read_csv(io.StringIO(text)))
    if pl is not None:
        record("csv import", "polars read_csv", lambda: pl.read_csv(io.BytesIO(raw)))
    results["import"] = dict(info) | {"csv_bytes": len(raw)}

    # -- memory -------------------------------------------------------------------------------
    mem: dict[str, Any] = {"item_store_bytes": info["item_bytes"], "store_bytes": info["store_bytes"]}
    mem["data_bytes"] = n * n_items
    for tool in ("lomonitor", "pandas", "polars"):
        if tool != "lomonitor" and not have(tool):
            continue
        out = subprocess.run(
            [sys.executable, str(Path(__file__).resolve()), "--memory-child", tool, "--n", str(n), "--items", str(n_items)],
            capture_output=True,
            text=True,
            check=False,
        )
        try:
            mem[f"peak_import_bytes_{tool}"] = json.loads(out.stdout.strip().splitlines()[-1])["peak_bytes"]
        except Exception:  # noqa: BLE001 - reported as missing
            mem[f"peak_import_bytes_{tool}"] = None
            print(out.stderr[-2000:], file=sys.stderr)
    results["memory"] = mem
    print(f"memory: {json.dumps(mem)}", flush=True)
    results["sizes"] = {
        "respondents": n,
        "items": n_items,
        "levels": LEVELS,
        "groups": GROUPS,
        "agreement_units": units,
        "agreement_coders": coders,
        "csv_bytes": len(raw),
    }
    results["repeats"] = repeats
    return results


def memory_child(tool: str, n: int, n_items: int) -> None:
    """Peak resident memory added by one import (Linux: VmHWM, reset after the text is made)."""
    import gc

    d = make_data(n, n_items)
    text = make_csv(d["codes"], unit_codes())
    qt = questionnaire_toml(n_items)
    del d
    gc.collect()

    def rss(field: str) -> int:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
        return 0

    # Import the tool first: only the import itself is measured.
    if tool == "lomonitor":
        from lomonitor import _lomonitor as native

        def go() -> Any:
            return native._bench_import_csv(text, qt, True)
    elif tool == "pandas":
        import pandas as pd

        def go() -> Any:
            return pd.read_csv(io.StringIO(text))
    else:
        import polars as pl

        def go() -> Any:
            return pl.read_csv(io.BytesIO(text.encode()))

    gc.collect()
    Path("/proc/self/clear_refs").write_text("5")
    before = rss("VmRSS")
    result = go()
    print(json.dumps({"peak_bytes": rss("VmHWM") - before}))
    del result


# --------------------------------------------------------------------------------------------
# report


TARGETS = [
    # (operation, peer, minimum peer/lomonitor ratio) ; a maximum is given as a negative ratio
    ("frequencies", "pandas value_counts", 20.0),
    ("frequencies", "polars value_counts", 20.0),
    ("frequencies", "floor (one read)", -4.0),
    ("crosstabs", "pandas crosstab", 100.0),
    ("crosstabs", "polars group_by", 15.0),
    ("weighted frequencies", "pandas groupby sum", 20.0),
    ("proportions (SE, CI)", "svy", 100.0),
    ("cronbach alpha (10 items)", "pingouin", 5.0),
    ("krippendorff alpha", "krippendorff", 5.0),
    ("raking (2 margins)", "weightipy", 10.0),
    ("csv import", "pandas read_csv", 2.0),
    ("csv import", "polars read_csv", 0.5),
]


def verdicts(results: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    ops = results["operations"]
    for op, peer, target in TARGETS:
        lo = ops.get(op, {}).get("lomonitor", {}).get("seconds")
        pe = ops.get(op, {}).get(peer, {}).get("seconds")
        if lo is None or pe is None:
            out.append({"operation": op, "peer": peer, "target": target, "ratio": None, "met": None})
            continue
        ratio = pe / lo
        if 0 < target < 1:
            met = ratio >= target
            text = f"no slower than {1 / target:g}x the peer"
        elif target > 0:
            met = ratio >= target
            text = f">= {target:g}x faster"
        else:
            ratio = lo / pe  # lomonitor time / floor time
            met = ratio <= -target
            text = f"within {-target:g}x of the floor (lomonitor / floor)"
        out.append({"operation": op, "peer": peer, "target": text, "ratio": ratio, "met": met})
    mem = results.get("memory", {})
    data = mem.get("data_bytes")
    if data:
        store = mem.get("item_store_bytes")
        out.append(
            {
                "operation": "memory: item store",
                "peer": f"{data / 1e6:.0f} MB of answers",
                "target": "<= 1.2x the answers",
                "ratio": store / data if store else None,
                "met": (store / data <= 1.2) if store else None,
            }
        )
        peak = mem.get("peak_import_bytes_lomonitor")
        base = mem.get("store_bytes")
        out.append(
            {
                "operation": "memory: import peak",
                "peer": "whole store",
                "target": "<= 3x the store",
                "ratio": peak / base if peak and base else None,
                "met": (peak / base <= 3.0) if peak and base else None,
            }
        )
    return out


def machine() -> dict[str, Any]:
    cpu = platform.processor()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        load = os.getloadavg()
    except OSError:
        load = None
    return {
        "platform": platform.platform(),
        "python": platform.python_version(),
        "cpu": cpu,
        "cpu_count": os.cpu_count(),
        "load_average_at_start": load,
    }


def versions() -> dict[str, str | None]:
    from importlib.metadata import PackageNotFoundError, version

    out: dict[str, str | None] = {}
    for name in ["lomonitor", *PEERS]:
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            out[name] = None
    return out


def write_report(results: dict[str, Any], quick: bool) -> None:
    out_dir = ROOT / ("target" if quick else "benches/results")
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = "peers-quick" if quick else "peers"
    (out_dir / f"{stem}.json").write_text(json.dumps(results, indent=2, default=str) + "\n")
    m, s = results["machine"], results["sizes"]
    lines = [
        "# lomonitor against its peers",
        "",
        "Produced by `python3 benches/peers.py` (see the file's docstring). One process, the same seeded",
        "data for every tool; median of several runs after a warm-up run. Ratios are peer time /",
        "lomonitor time (higher = lomonitor faster). Timings on shared machines vary by up to a third",
        "between runs: only the ratios within one run count.",
        "",
        f"- Machine: {m['cpu']}, {m['cpu_count']} logical CPUs, {m['platform']}, Python {m['python']};"
        f" load average at start {m['load_average_at_start']}",
        f"- Data: {s['respondents']:,} respondents x {s['items']} one-byte items ({s['levels']} levels),"
        f" a {s['groups']}-level group, weights; agreement {s['agreement_units']:,} units x"
        f" {s['agreement_coders']} coders; CSV {s['csv_bytes'] / 1e6:.1f} MB",
        "- Versions: " + ", ".join(f"{k} {v}" for k, v in results["versions"].items() if v),
        f"- Date: {results['date']}",
        "",
        "## Targets",
        "",
        "| operation | against | target | measured | met |",
        "|---|---|---|---|---|",
    ]
    for v in results["verdicts"]:
        r = "n/a" if v["ratio"] is None else f"{v['ratio']:.2f}x"
        met = "n/a" if v["met"] is None else ("yes" if v["met"] else "**no**")
        lines.append(f"| {v['operation']} | {v['peer']} | {v['target']} | {r} | {met} |")
    lines += ["", "## All timings", "", "| operation | tool | median ms | peer / lomonitor | same result |", "|---|---|---|---|---|"]
    for op, tools in results["operations"].items():
        base = tools.get("lomonitor", {}).get("seconds")
        for tool, t in tools.items():
            ratio = "" if tool == "lomonitor" or not base else f"{t['seconds'] / base:.1f}x"
            agree = {None: "", True: "yes", False: "**no**"}[t["agrees"]]
            lines.append(f"| {op} | {tool} | {t['seconds'] * 1e3:.2f} | {ratio} | {agree} |")
    mem = results.get("memory", {})
    imp = results.get("import", {})
    lines += [
        "",
        "## Memory and import",
        "",
        f"- Item columns of the response store: {mem.get('item_store_bytes', 0) / 1e6:.1f} MB for"
        f" {mem.get('data_bytes', 0) / 1e6:.1f} MB of answers; the whole store (ids, units, status,"
        f" timestamps, source lines too): {mem.get('store_bytes', 0) / 1e6:.1f} MB.",
        "- Peak resident memory added by one import (VmHWM after a reset, in a fresh process):"
        + "".join(
            f" {k.rsplit('_', 1)[1]} {v / 1e6:.1f} MB;" for k, v in mem.items() if k.startswith("peak_") and v is not None
        ),
        f"- The import read {imp.get('rows_read')} rows as a staff survey (several_per_unit: every"
        f" response of a municipality kept): kept {imp.get('rows_kept')}, set {imp.get('rows_set_aside')}"
        f" aside, {imp.get('issues')} issues in the validation report. Memory figures count both sets.",
    ]
    if results.get("notes"):
        lines += ["", "## Notes", ""] + [f"- {n}" for n in results["notes"]]
    (out_dir / f"{stem}.md").write_text("\n".join(lines) + "\n")
    print(f"wrote {out_dir / stem}.md and .json")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--no-venv", action="store_true")
    ap.add_argument("--no-build", action="store_true")
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--memory-child", choices=["lomonitor", "pandas", "polars"])
    ap.add_argument("--n", type=int, default=200_000)
    ap.add_argument("--items", type=int, default=100)
    ap.add_argument("--report-only", action="store_true", help="rewrite peers.md from peers.json and notes.json")
    args = ap.parse_args()
    if args.report_only:
        results = json.loads((ROOT / "benches/results/peers.json").read_text())
        notes_file = ROOT / "benches" / "results" / "notes.json"
        if notes_file.exists():
            results["notes"] = json.loads(notes_file.read_text())
        results["verdicts"] = verdicts(results)
        write_report(results, False)
        return
    if args.memory_child:
        memory_child(args.memory_child, args.n, args.items)
        return
    if not args.no_venv:
        bootstrap(args)
    info = {"machine": machine(), "versions": versions(), "date": time.strftime("%Y-%m-%d %H:%M")}
    results = run(args) | info
    notes_file = ROOT / "benches" / "results" / "notes.json"
    if notes_file.exists() and not args.quick:
        results["notes"] = json.loads(notes_file.read_text())
    results["verdicts"] = [] if args.quick else verdicts(results)
    write_report(results, args.quick)
    if not args.quick:
        print()
        for v in results["verdicts"]:
            r = "n/a" if v["ratio"] is None else f"{v['ratio']:.2f}x"
            print(f"  {v['operation']:<28} vs {v['peer']:<22} {v['target']:<28} {r:>10}  {v['met']}")


if __name__ == "__main__":
    main()
