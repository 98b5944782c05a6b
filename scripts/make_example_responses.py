#!/usr/bin/env python3
"""Generate the example study's fictional responses and the platform-layout test fixtures.

    python3 scripts/make_example_responses.py

Reads the questionnaire (examples/study/questionnaire.toml) and the embedded register, draws a
seeded, plausible response pattern (larger municipalities respond more often; two werkorganisaties
answer for their municipalities), and writes:

- examples/study/responses.csv                       lomonitor's own layout (all respondents)
- crates/lomonitor/tests/data/responses/limesurvey.csv   the first 40 in LimeSurvey's layout
- crates/lomonitor/tests/data/responses/qualtrics.csv    the first 40 in Qualtrics' layout
- crates/lomonitor/tests/data/responses/dutch-excel.csv  the first 40 as Dutch Excel saves them
                                                        (';', decimal comma, Windows-1252)
The answers are fictional; only the frame is real (CBS).
"""
from __future__ import annotations

import csv
import io
import random
import tomllib
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
Q = tomllib.loads((ROOT / "examples/study/questionnaire.toml").read_text(encoding="utf-8"))
ITEMS = Q["items"]
rng = random.Random(20250301)

frame = list(csv.DictReader((ROOT / "crates/lomonitor/data/gemeenten-2025.csv").open(encoding="utf-8")))
study = tomllib.loads((ROOT / "examples/study/study.toml").read_text(encoding="utf-8"))
orgs = {o["id"]: o for o in study.get("organisations", [])}
served = set()
name_to_code = {m["name"]: m["code"] for m in frame}
for o in orgs.values():
    for m in o["municipalities"]:
        served.add(name_to_code.get(m, m))

# Units: municipalities not served by an organisation, plus the organisations.
units = []
for m in frame:
    if m["code"] in served:
        continue
    n = int(m["inhabitants"])
    p = 0.30 if n < 20000 else 0.40 if n < 50000 else 0.55 if n < 100000 else 0.70
    if rng.random() < p:
        units.append((m["code"], n))
for oid in ["buch", "hltsamen"]:
    units.append((oid, 120000))
rng.shuffle(units)

def pick(weights: dict[int, float]) -> int:
    r = rng.random() * sum(weights.values())
    for code, w in weights.items():
        r -= w
        if r <= 0:
            return code
    return list(weights)[-1]

OTHER_FUNCTIE = ["beleidsmedewerker P&O", "programmamanager leren", "strategisch HR-adviseur"]
OTHER_INSTR = ["leerwerktraject", "interne mobiliteitspool", "leiderschapsdagen"]
TOELICHTING = [
    "Er staat veel budget op de plank; medewerkers maken geen tijd om te leren.",
    "Leidinggevenden zijn de sleutel: waar zij leren bespreekbaar maken, gebeurt het.",
    "We bouwen aan een eigen academie met de buurgemeenten.",
    "Strategische personeelsplanning staat nog in de kinderschoenen.",
    "Het aanbod is groot, maar medewerkers weten niet wat ze moeten kiezen.",
]

def answer(item: dict, ans: dict, size: int, unit: str, latent: float):
    """Return the answer of a respondent to an item in the abstract form:
    None (unanswered), ('code', c), ('num', v), ('multi', [codes], other), ('rank', {code: rank}), ('text', s)."""
    iid, kind = item["id"], item["kind"]
    if rng.random() < 0.02 and not item.get("required"):
        return None
    if iid == "functie":
        c = pick({1: 40, 2: 35, 3: 10, 4: 10, 5: 5})
        return ("code", c, rng.choice(OTHER_FUNCTIE) if c == 5 else "")
    if iid == "werkorg":
        return ("code", 1 if not unit.startswith("GM") else pick({1: 3, 2: 97}))
    if iid == "positie":
        return ("code", pick({1: 60, 2: 15, 3: 5, 4: 18, 97: 2}))
    if iid == "fte_lo":
        if rng.random() < 0.06:
            return ("num", -1)
        base = 0.3 if size < 20000 else 0.8 if size < 50000 else 1.5 if size < 100000 else 4.0
        return ("num", round(max(0.0, rng.gauss(base, base / 3)), 1))
    if iid == "visie":
        big = size >= 50000
        return ("code", pick({1: 55 if big else 40, 2: 30, 3: 15 if big else 30}))
    if iid == "visie_jaar":
        return ("num", rng.randint(2014, 2024))
    if iid == "eigenaar":
        return ("code", pick({1: 55, 2: 20, 3: 5 if unit.startswith("GM") else 60, 4: 20, 97: 3}))
    if iid == "doelen":
        return ("code", pick({1: 35, 2: 60, 97: 5}))
    if iid == "opleidingsplan":
        return ("code", pick({1: 50, 2: 20, 3: 30}))
    if iid == "budget_fte":
        if rng.random() < 0.12:
            return ("num", -1)
        return ("num", float(round(min(3000, max(100, rng.gauss(800, 300))) / 10) * 10))
    if iid == "budget_besteed":
        return ("code", pick({1: 15, 2: 35, 3: 38, 4: 4, 97: 8}))
    if iid == "budget_toekomst":
        return ("code", pick({1: 15, 2: 50, 3: 30, 97: 5}))
    if iid == "instrumenten":
        if rng.random() < 0.03:
            return ("multi", [10], "")
        probs = {1: 0.55, 2: 0.45, 3: 0.70, 4: 0.50 + 0.2 * (size >= 50000), 5: 0.25 + 0.2 * (size >= 100000), 6: 0.60, 7: 0.55, 8: 0.2 * (size >= 50000), 9: 0.06}
        chosen = [c for c, p in probs.items() if rng.random() < p] or [6]
        return ("multi", chosen, rng.choice(OTHER_INSTR) if 9 in chosen else "")
    if iid == "platform":
        return ("code", pick({1: 25, 2: 60, 3: 15}))
    if iid == "samenwerking":
        return ("code", pick({1: 20, 2: 50, 3: 30}))
    if iid == "evaluatie":
        return ("code", pick({1: 15, 2: 65, 3: 20}))
    if iid == "themas_nu":
        probs = {1: 0.6, 2: 0.55, 3: 0.5, 4: 0.35, 5: 0.3, 6: 0.55, 7: 0.3}
        chosen = [c for c, p in probs.items() if rng.random() < p] or [1]
        return ("multi", chosen, "")
    if iid == "themas_top3":
        weights = {1: 8, 2: 6, 3: 6, 4: 2, 5: 3, 6: 9, 7: 5}
        order = []
        while len(order) < 3:
            c = pick({k: v for k, v in weights.items() if k not in order})
            order.append(c)
        return ("rank", {c: i + 1 for i, c in enumerate(order)})
    if iid == "belemmeringen":
        probs = {1: 0.7, 2: 0.6, 3: 0.15, 4: 0.3, 5: 0.25}
        chosen = [c for c, p in probs.items() if rng.random() < p] or [1]
        return ("multi", chosen, "")
    if iid.startswith("klimaat_"):
        v = latent + rng.gauss(0, 0.8)
        if item.get("reverse"):
            v = -v
        return ("code", min(5, max(1, round(3 + v))))
    if iid == "toelichting":
        return ("text", rng.choice(TOELICHTING)) if rng.random() < 0.3 else None
    raise ValueError(iid)

def shown(item: dict, ans: dict) -> bool:
    cond = item.get("show_if")
    if not cond:
        return True
    if cond == "visie == 1":
        a = ans.get("visie")
        return bool(a) and a[1] == 1
    if cond == "visie in [1, 2]":
        a = ans.get("visie")
        return bool(a) and a[1] in (1, 2)
    if cond == "instrumenten has 3":
        a = ans.get("instrumenten")
        return bool(a) and a[0] == "multi" and 3 in a[1]
    raise ValueError(cond)

respondents = []
start0 = datetime(2025, 3, 3, 9, 0, 0)
for k, (unit, size) in enumerate(units, start=1):
    latent = rng.gauss(0.3, 0.7)
    partial_at = rng.randint(5, len(ITEMS) - 2) if rng.random() < 0.08 else None
    ans: dict = {}
    for i, item in enumerate(ITEMS):
        if partial_at is not None and i >= partial_at:
            ans[item["id"]] = "NA"
        elif not shown(item, ans):
            ans[item["id"]] = "NA"
        else:
            ans[item["id"]] = answer(item, ans, size, unit, latent)
    started = start0 + timedelta(days=rng.randint(0, 30), minutes=rng.randint(0, 600))
    submitted = started + timedelta(minutes=rng.randint(8, 40))
    respondents.append({
        "respondent_id": f"r{k:03d}",
        "unit": unit,
        "status": "partial" if partial_at is not None else "complete",
        "started": started,
        "submitted": submitted,
        "answers": ans,
    })

def own_layout(dutch: bool = False) -> tuple[list[str], list[list[str]]]:
    header = ["respondent_id", "unit", "status", "started", "submitted", "instrument_version"]
    for it in ITEMS:
        if it["kind"] == "single":
            header.append(it["id"])
            if "other" in it:
                header.append(f"{it['id']}_other")
        elif it["kind"] in ("multiple", "ranking"):
            header += [f"{it['id']}_{o['code']}" for o in it["options"]]
            if it["kind"] == "multiple" and "other" in it:
                header.append(f"{it['id']}_other")
            if it.get("instrument_missing", True) and Q.get("missing") or it.get("missing"):
                header.append(f"{it['id']}_missing")
        else:
            header.append(it["id"])
    rows = []
    for r in respondents:
        fmt = "%d-%m-%Y %H:%M" if dutch else "%Y-%m-%d %H:%M:%S"
        row = [r["respondent_id"], r["unit"], r["status"], r["started"].strftime(fmt), r["submitted"].strftime(fmt), Q["instrument"]["version"]]
        for it in ITEMS:
            a = r["answers"][it["id"]]
            has_missing = bool(it.get("instrument_missing", True) and Q.get("missing") or it.get("missing"))
            if it["kind"] == "single":
                row.append("NA" if a == "NA" else "" if a is None else str(a[1]))
                if "other" in it:
                    row.append("NA" if a == "NA" else "" if a is None else (a[2] if len(a) > 2 else ""))
            elif it["kind"] == "multiple":
                opts = [o["code"] for o in it["options"]]
                if a == "NA":
                    row += ["NA"] * len(opts)
                elif a is None:
                    row += [""] * len(opts)
                else:
                    row += ["1" if c in a[1] else "0" for c in opts]
                if "other" in it:
                    row.append("NA" if a == "NA" else "" if a is None else a[2])
                if has_missing:
                    row.append("NA" if a == "NA" else "")
            elif it["kind"] == "ranking":
                opts = [o["code"] for o in it["options"]]
                if a == "NA":
                    row += ["NA"] * len(opts)
                elif a is None:
                    row += [""] * len(opts)
                else:
                    row += [str(a[1].get(c, "")) for c in opts]
                if has_missing:
                    row.append("NA" if a == "NA" else "")
            elif it["kind"] == "numeric":
                if a == "NA":
                    row.append("NA")
                elif a is None:
                    row.append("")
                else:
                    v = a[1]
                    s = str(int(v)) if float(v).is_integer() else str(v)
                    row.append(s.replace(".", ",") if dutch else s)
            elif it["kind"] == "likert":
                row.append("NA" if a == "NA" else "" if a is None else str(a[1]))
            else:
                row.append("NA" if a == "NA" else "" if a is None else a[1])
        rows.append(row)
    return header, rows

def write(path: Path, header, rows, delimiter=",", encoding="utf-8", lineterminator="\r\n"):
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator=lineterminator)
    w.writerow(header)
    w.writerows(rows)
    path.write_bytes(buf.getvalue().encode(encoding))
    print(f"wrote {path.relative_to(ROOT)} ({len(rows)} rows)")

h, rows = own_layout()
write(ROOT / "examples/study/responses.csv", h, rows, lineterminator="\n")
fx = ROOT / "crates/lomonitor/tests/data/responses"
fx.mkdir(parents=True, exist_ok=True)
h, rows = own_layout(dutch=True)
write(fx / "dutch-excel.csv", h, rows[:40], delimiter=";", encoding="cp1252")

FIRST = respondents[:40]

# ---- LimeSurvey: answer codes, question codes as headers, NULL exported as N/A ----
ls_header = ["id", "submitdate", "lastpage", "startlanguage", "seed", "startdate", "datestamp", "gemeentecode"]
for it in ITEMS:
    if it["kind"] == "multiple":
        ls_header += [f"{it['id']}[SQ{k:03d}]" for k in range(1, len(it["options"]) + 1)]
        if "other" in it:
            ls_header.append(f"{it['id']}[other]")
    elif it["kind"] == "ranking":
        ls_header += [f"{it['id']}[{k}]" for k in range(1, it["top"] + 1)]
    else:
        ls_header.append(it["id"])
        if it["kind"] == "single" and "other" in it:
            ls_header.append(f"{it['id']}[other]")
ls_rows = []
for n, r in enumerate(FIRST, start=1):
    complete = r["status"] == "complete"
    row = [str(n), r["submitted"].strftime("%Y-%m-%d %H:%M:%S") if complete else "", "7", "nl", str(rng.randint(10**8, 10**9)),
           r["started"].strftime("%Y-%m-%d %H:%M:%S"), r["submitted"].strftime("%Y-%m-%d %H:%M:%S"), r["unit"]]
    for it in ITEMS:
        a = r["answers"][it["id"]]
        null = "N/A"
        if it["kind"] == "multiple":
            k = len(it["options"])
            if a == "NA":
                row += [null] * k
            elif a is None:
                row += [""] * k
            else:
                row += ["Y" if o["code"] in a[1] else "" for o in it["options"]]
            if "other" in it:
                row.append(null if a == "NA" else "" if a is None else a[2])
        elif it["kind"] == "ranking":
            if a == "NA":
                row += [null] * it["top"]
            elif a is None:
                row += [""] * it["top"]
            else:
                by_rank = {v: c for c, v in a[1].items()}
                row += [str(by_rank.get(k, "")) for k in range(1, it["top"] + 1)]
        else:
            if a == "NA":
                cell = null
            elif a is None:
                cell = ""
            elif it["kind"] == "single" and "other" in it and a[1] == it["other"]:
                cell = "-oth-"
            else:
                v = a[1]
                cell = v if isinstance(v, str) else (str(int(v)) if float(v).is_integer() else str(v))
            row.append(cell)
            if it["kind"] == "single" and "other" in it:
                row.append(null if a == "NA" else "" if a is None else (a[2] if len(a) > 2 else ""))
    ls_rows.append(row)
buf = io.StringIO()
w = csv.writer(buf, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
w.writerow(ls_header)
w.writerows(ls_rows)
(fx / "limesurvey.csv").write_text(buf.getvalue(), encoding="utf-8")
print(f"wrote {(fx / 'limesurvey.csv').relative_to(ROOT)} ({len(ls_rows)} rows)")

# ---- Qualtrics: three header rows, numeric values, multi-select as "1,3", -99 for seen-unanswered ----
meta = ["StartDate", "EndDate", "Status", "IPAddress", "Progress", "Duration (in seconds)", "Finished", "RecordedDate",
        "ResponseId", "RecipientLastName", "RecipientFirstName", "RecipientEmail", "ExternalReference",
        "LocationLatitude", "LocationLongitude", "DistributionChannel", "UserLanguage"]
q_header, q_text, q_import = list(meta), [], []
meta_text = {"StartDate": "Start Date", "EndDate": "End Date", "Status": "Response Type", "IPAddress": "IP Address",
             "Progress": "Progress", "Duration (in seconds)": "Duration (in seconds)", "Finished": "Finished",
             "RecordedDate": "Recorded Date", "ResponseId": "Response ID", "RecipientLastName": "Recipient Last Name",
             "RecipientFirstName": "Recipient First Name", "RecipientEmail": "Recipient Email",
             "ExternalReference": "External Data Reference", "LocationLatitude": "Location Latitude",
             "LocationLongitude": "Location Longitude", "DistributionChannel": "Distribution Channel", "UserLanguage": "User Language"}
q_text = [meta_text[m] for m in meta]
q_import = ['{"ImportId":"%s"}' % {"ResponseId": "_recordId", "Finished": "finished"}.get(m, m[0].lower() + m[1:]) for m in meta]
for n, it in enumerate(ITEMS, start=1):
    qid = f"QID{n}"
    if it["kind"] == "ranking":
        for o in it["options"]:
            q_header.append(f"{it['id']}_{o['code']}")
            q_text.append(f"{it['text']} - {o['label']}")
            q_import.append('{"ImportId":"%s_%s"}' % (qid, o["code"]))
    else:
        q_header.append(it["id"])
        q_text.append(it["text"] + (" - Selected Choice" if "other" in it else ""))
        q_import.append('{"ImportId":"%s"}' % qid)
        if "other" in it:
            q_header.append(f"{it['id']}_{it['other']}_TEXT")
            q_text.append(f"{it['text']} - anders, namelijk - Text")
            q_import.append('{"ImportId":"%s_%s_TEXT"}' % (qid, it["other"]))
q_rows = []
for r in FIRST:
    complete = r["status"] == "complete"
    dur = int((r["submitted"] - r["started"]).total_seconds())
    row = [r["started"].strftime("%Y-%m-%d %H:%M:%S"), r["submitted"].strftime("%Y-%m-%d %H:%M:%S"), "0", "192.0.2.%d" % rng.randint(1, 254),
           "100" if complete else str(rng.randint(20, 90)), str(dur), "1" if complete else "0", r["submitted"].strftime("%Y-%m-%d %H:%M:%S"),
           "R_" + "".join(rng.choice("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(15)),
           "Proefsma", "Testpersoon", "l.o@gemeente.example.nl", r["unit"], "52.1", "5.1", "email", "NL"]
    for it in ITEMS:
        a = r["answers"][it["id"]]
        if it["kind"] == "ranking":
            if a == "NA":
                row += [""] * len(it["options"])
            elif a is None:
                row += ["-99"] * len(it["options"])
            else:
                row += [str(a[1].get(o["code"], "")) for o in it["options"]]
            continue
        if a == "NA":
            cell = ""
        elif a is None:
            cell = "-99"
        elif it["kind"] == "multiple":
            cell = ",".join(str(c) for c in a[1])
        else:
            v = a[1]
            cell = v if isinstance(v, str) else (str(int(v)) if float(v).is_integer() else str(v))
        row.append(cell)
        if "other" in it:
            row.append("" if a in ("NA", None) else (a[2] if len(a) > 2 else ""))
    q_rows.append(row)
buf = io.StringIO()
w = csv.writer(buf, lineterminator="\r\n")
w.writerow(q_header)
w.writerow(q_text)
w.writerow(q_import)
w.writerows(q_rows)
(fx / "qualtrics.csv").write_bytes(b"\xef\xbb\xbf" + buf.getvalue().encode("utf-8"))
print(f"wrote {(fx / 'qualtrics.csv').relative_to(ROOT)} ({len(q_rows)} rows)")
