#!/usr/bin/env bash
# Build crates/lomonitor/data/fonts/LomonitorSans-{Regular,Bold}.ttf: a Latin subset of
# Liberation Sans 2.1.5 (SIL OFL 1.1, Debian package fonts-liberation2), renamed because the
# OFL reserves the name "Liberation" for unmodified fonts. Needs fonttools (pip install fonttools).
# Usage: bash scripts/make_fonts.sh /usr/share/fonts/truetype/liberation2
set -euo pipefail
src=${1:-/usr/share/fonts/truetype/liberation2}
out=crates/lomonitor/data/fonts
unicodes="U+0020-007E,U+00A0-017F,U+2010-2027,U+2030,U+2032-2033,U+2039-203A,U+20AC,U+2190-2193,U+2212,U+2248,U+2260,U+2264-2265,U+25CF"
tmp=$(mktemp -d)
for s in Regular Bold; do
  pyftsubset "$src/LiberationSans-$s.ttf" --unicodes="$unicodes" --layout-features='kern,liga' --output-file="$tmp/$s.ttf"
  python3 scripts/font_rename.py "$tmp/$s.ttf" "$out/LomonitorSans-$s.ttf" "$s"
done
rm -r "$tmp"
