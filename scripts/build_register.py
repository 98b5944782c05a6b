#!/usr/bin/env python3
"""Write the embedded register, crates/lomonitor/data/gemeenten-2025.csv, from CBS facts.

Input: the CBS register compiled in ../shared/data/municipalities.csv (see SOURCE.md beside it:
CBS open data, CC BY 4.0): the municipal division of 1 January 2025, inhabitants on 1 January 2024
(StatLine 85984NED), COROP areas (StatLine 85755NED).

Output: the project's own layout,
    code,name,province,inhabitants,inhabitants_date,corop_code,corop_name
UTF-8 without BOM, comma-delimited, sorted by code.

Usage: python3 scripts/build_register.py [path/to/municipalities.csv]
"""
import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "data" / "municipalities.csv"
OUT = ROOT / "crates" / "lomonitor" / "data" / "gemeenten-2025.csv"

with SRC.open(encoding="utf-8", newline="") as f:
    rows = sorted(csv.DictReader(f), key=lambda r: r["code"])

with OUT.open("w", encoding="utf-8", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["code", "name", "province", "inhabitants", "inhabitants_date", "corop_code", "corop_name"])
    for r in rows:
        w.writerow([r["code"], r["name"], r["province"], int(r["inhabitants"]),
                    f"{int(r['inhabitants_year'])}-01-01", r["corop_code"], r["corop_name"]])
print(f"wrote {len(rows)} municipalities to {OUT.relative_to(ROOT)}")
