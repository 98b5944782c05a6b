"""Reference values for the WGS84 -> RD New (EPSG:28992) projection used by the report's
municipal choropleth (crates/lomonitor/src/report/charts/rd.rs).

Peer: pyproj (PROJ). Without the RDNAPTRANS grid files PROJ uses the EPSG Helmert-based
transformation, itself accurate to about a metre; the Schreutelkamp & Strang van Hees
approximation is too, so the Rust test compares to within 2 m.

Run: /work/venv-ref/bin/python python/tests/reference/ref_report_rd.py
"""

import json
from pathlib import Path

import pyproj
from pyproj.transformer import TransformerGroup

POINTS = [
    ("Amersfoort (RD origin)", 5.38720621, 52.15517440),
    ("Amsterdam Dam", 4.89260, 52.37309),
    ("Groningen Martinitoren", 6.56850, 53.21930),
    ("Maastricht Vrijthof", 5.68970, 50.84880),
    ("Vlissingen", 3.57380, 51.44230),
    ("Eemshaven", 6.83500, 53.44800),
    ("Den Helder", 4.75930, 52.95630),
    ("Enschede", 6.89370, 52.22150),
    ("Rotterdam Erasmusbrug", 4.48290, 51.90940),
    ("Cadzand", 3.38300, 51.37000),
    ("Vaals", 6.01900, 50.77100),
    ("Schiermonnikoog", 6.20000, 53.48000),
    ("Nieuweschans", 7.20000, 53.18000),
    ("Eijsden", 5.71000, 50.77000),
]


def main() -> None:
    # The best available operation (without grid files: the Amersfoort-to-WGS 84 Helmert
    # transformation followed by the RD New oblique stereographic projection).
    t = TransformerGroup("EPSG:4326", "EPSG:28992", always_xy=True).transformers[0]
    cases = []
    for name, lon, lat in POINTS:
        x, y = t.transform(lon, lat)
        cases.append({"name": name, "lon": lon, "lat": lat, "x": x, "y": y})
    out = {
        "peers": {"pyproj": pyproj.__version__, "proj": pyproj.proj_version_str},
        "transformation": t.description,
        "transformation_accuracy_m": t.accuracy,
        "cases": cases,
    }
    path = Path(__file__).with_name("expected_report_rd.json")
    path.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
