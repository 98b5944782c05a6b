import sys
from fontTools.ttLib import TTFont
src, dst, style = sys.argv[1:4]
f = TTFont(src)
name = f["name"]
fam = "Lomonitor Sans"
for rec in list(name.names):
    if rec.nameID in (1, 16):
        name.setName(fam, rec.nameID, rec.platformID, rec.platEncID, rec.langID)
    elif rec.nameID == 4:
        name.setName(f"{fam} {style}", rec.nameID, rec.platformID, rec.platEncID, rec.langID)
    elif rec.nameID == 6:
        name.setName(f"LomonitorSans-{style}", rec.nameID, rec.platformID, rec.platEncID, rec.langID)
    elif rec.nameID == 3:
        name.setName(f"LomonitorSans-{style}; subset of Liberation Sans 2.1.5", rec.nameID, rec.platformID, rec.platEncID, rec.langID)
f.save(dst)
