#!/usr/bin/env python3
"""Simplify the CBS/PDOK municipal boundaries into the compact format the crate carries.

Input: shared/data/municipalities.geojson (342 municipalities, WGS84, CBS Wijk- en Buurtkaart 2024
via PDOK, CC BY 4.0; provenance in shared/data/SOURCE.md).
Output: crates/lomonitor/data/boundaries/{gemeenten,provincies}.txt, read by
`lomonitor::report::charts::boundaries`.

The municipalities are simplified as one coverage (shapely.coverage_simplify, GEOS >= 3.12), so
neighbours keep one shared border and no gaps open between them; the provinces are the union of
their simplified municipalities (slivers closed by a 0.0005 degree buffer out and in).

Format (text, UTF-8): lines starting with '#' are comments; `F<TAB>key<TAB>name` starts a
feature; `P` starts a polygon of it; `R<TAB>x,y dx,dy dx,dy ...` is a ring (the first is the
outer ring of the polygon, the rest holes) in units of 1e-4 degree longitude/latitude, the first
point absolute and each further point a difference to the one before. Rings are not closed (the
first point is not repeated).

Usage: python3 scripts/simplify_boundaries.py [path/to/shared/data] (needs shapely >= 2.1).
"""
import json
import sys
from pathlib import Path

import shapely
from shapely.geometry import MultiPolygon, Polygon, shape

TOLERANCE = 0.0012  # degrees, about 80-130 m: under one pixel of a 560 px wide map at 2x
UNIT = 1e4          # coordinates in 1e-4 degree (7-11 m)
SLIVER = 0.0005     # degrees: the buffer that closes slivers between municipalities of a province
MIN_AREA = 2e-6     # square degrees: islets smaller than about 1.5 ha are dropped

root = Path(__file__).resolve().parent.parent
data = Path(sys.argv[1]) if len(sys.argv) > 1 else root.parent / "shared" / "data"
out = root / "crates" / "lomonitor" / "data" / "boundaries"
out.mkdir(parents=True, exist_ok=True)

doc = json.loads((data / "municipalities.geojson").read_text(encoding="utf-8"))
feats = doc["features"]
geoms = [shape(f["geometry"]).buffer(0) for f in feats]
simple = shapely.coverage_simplify(geoms, TOLERANCE)


def polygons(g):
    if isinstance(g, Polygon):
        return [g]
    if isinstance(g, MultiPolygon):
        return list(g.geoms)
    return [p for p in getattr(g, "geoms", []) if isinstance(p, Polygon)]


def ring_text(coords):
    pts = [(round(x * UNIT), round(y * UNIT)) for x, y in coords]
    dedup = []
    for p in pts:
        if not dedup or dedup[-1] != p:
            dedup.append(p)
    if len(dedup) > 1 and dedup[0] == dedup[-1]:
        dedup.pop()
    if len(dedup) < 3:
        return None
    parts = [f"{dedup[0][0]},{dedup[0][1]}"]
    for (x0, y0), (x1, y1) in zip(dedup, dedup[1:]):
        parts.append(f"{x1 - x0},{y1 - y0}")
    return "R\t" + " ".join(parts)


def feature_lines(key, name, geom):
    lines = [f"F\t{key}\t{name}"]
    polys = sorted(polygons(geom), key=lambda p: -p.area)
    for i, p in enumerate(polys):
        if i > 0 and p.area < MIN_AREA:
            continue
        outer = ring_text(p.exterior.coords)
        if outer is None:
            continue
        lines.append("P")
        lines.append(outer)
        for hole in p.interiors:
            if Polygon(hole).area >= MIN_AREA:
                h = ring_text(hole.coords)
                if h:
                    lines.append(h)
    return lines


header = [
    "# lomonitor boundaries v1. Source: CBS/PDOK, Wijk- en Buurtkaart 2024 (CC BY 4.0),",
    "# municipal division of 1 January 2025; simplified by scripts/simplify_boundaries.py",
    f"# (coverage_simplify, tolerance {TOLERANCE} degree). Units: 1e-4 degree WGS84 lon,lat, deltas.",
]
lines = list(header)
by_province = {}
for f, g in zip(feats, simple):
    p = f["properties"]
    lines += feature_lines(p["code"], p["name"], g)
    by_province.setdefault(p["province"], []).append(g)
(out / "gemeenten.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")

lines = list(header) + ["# Provinces: the union of their simplified municipalities."]
for prov in sorted(by_province):
    # The source polygons were simplified one by one (SOURCE.md): they overlap or leave slivers
    # of a few metres, so the union closes those with a small buffer out and in.
    u = shapely.union_all([g.buffer(SLIVER) for g in by_province[prov]]).buffer(-SLIVER)
    u = shapely.simplify(u, TOLERANCE / 2, preserve_topology=True)
    lines += feature_lines(prov, prov, u)
(out / "provincies.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
for n in ("gemeenten.txt", "provincies.txt"):
    print(n, (out / n).stat().st_size, "bytes")
