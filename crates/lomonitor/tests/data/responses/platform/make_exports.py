"""Write examples/study's responses as LimeSurvey and Qualtrics export them.

Run from the repository root: python3 crates/lomonitor/tests/data/responses/platform/make_exports.py
(the standard library only; Python >= 3.11 for tomllib). It writes, beside this script:

- limesurvey-codes.csv: LimeSurvey "Export results" as CSV, headings "question code", answers
  "answer codes", null values "N/A", participant data included (token, attribute_1 = unit).
  The shape follows LimeSurvey's writer: application/helpers/admin/export/CsvWriter.php (UTF-8
  byte-order mark, every cell quoted, CRLF, a blank line at the end), Writer.php (headings:
  the field code, participant fields by their field name) and SurveyObj.php (answers).
- limesurvey-full.csv: the same with answers "full answers" (option texts, "Ja" for a chosen
  multiple-choice option, "Anders" for a list's other, Dutch) and without participant data
  (the unit comes from the token through the participant table), `;` as separator.
- qualtrics-numeric.csv: Qualtrics' CSV export with numeric values (recode values), three
  header rows (export tag, question text, {"ImportId":...}), "seen but unanswered" as -99,
  questions not displayed empty, plus a survey preview and a spam response (to be set aside).
- qualtrics-text.csv: the same with choice text.

The questionnaire goes out as lomonitor's to_limesurvey / to_qualtrics write it: question codes by
the rule of crates/lomonitor/src/instrument/platform/codes.rs (re-implemented below), answers
A<code>, subquestions SQ<code:03>, Qualtrics choice ids = option position, recode = code.
"""

import csv
import io
import json
import random
import tomllib
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[5]
STUDY = ROOT / "examples" / "study"


def base_code(item_id: str) -> str:
    """The rule of codes.rs, steps 1-3 (the example has no collisions)."""
    out, upper = [], False
    for ch in item_id:
        if ch == "_":
            upper = True
            continue
        if upper:
            out.append("Z" + ch if ch.isdigit() else ch.upper())
            upper = False
        elif ch.isalnum():
            out.append(ch)
    if upper:
        out.append("Z")
    code = "".join(out)
    if not code[:1].isalpha():
        code = "Q" + code
    return code[:20]


def answer_code(c: int) -> str:
    return f"AM{-c}" if c < 0 else f"A{c}"


def sq_code(c: int) -> str:
    return f"SQM{-c:03}" if c < 0 else f"SQ{c:03}"


q = tomllib.loads((STUDY / "questionnaire.toml").read_text(encoding="utf-8"))
shared_missing = q.get("missing", [])
items = q["items"]
codes = [base_code(it["id"]) for it in items]
assert len(set(codes)) == len(codes)


def options(it):
    if it["kind"] == "likert":
        pts = it.get("points", 5)
        labels = it.get("labels", [])
        return [{"code": k + 1, "label": labels[k] if k < len(labels) else str(k + 1)} for k in range(pts)]
    return it.get("options", [])


def missing_codes(it):
    own = it.get("missing", [])
    if it["kind"] in ("single", "likert") and it.get("instrument_missing", True):
        return own + shared_missing
    return own


def label_of(it, code: int) -> str:
    for o in options(it) + missing_codes(it):
        if o["code"] == code:
            return o["label"]
    raise KeyError((it["id"], code))


with open(STUDY / "responses.csv", encoding="utf-8-sig", newline="") as f:
    rows = list(csv.DictReader(f))

rng = random.Random(15)
tokens = [f"tk{rng.randrange(16**10):010x}" for _ in rows]


# ---------------------------------------------------------------- LimeSurvey
def limesurvey(full: bool, with_participants: bool, sep: str) -> str:
    header = ["id", "submitdate", "lastpage", "startlanguage", "seed", "token", "startdate", "datestamp", "ipaddr", "refurl"]
    if with_participants:
        header += ["firstname", "lastname", "email", "attribute_1"]
    for it, code in zip(items, codes):
        k = it["kind"]
        if k == "multiple":
            header += [f"{code}[{sq_code(o['code'])}]" for o in options(it) if o["code"] != it.get("other")]
            if "other" in it:
                header.append(f"{code}[other]")
        elif k == "ranking":
            header += [f"{code}[{p}]" for p in range(1, it["top"] + 1)]
        else:
            header.append(code)
            if k == "single" and "other" in it:
                header.append(f"{code}[other]")
    out = []
    for n, (r, tok) in enumerate(zip(rows, tokens), start=1):
        complete = r["status"] == "complete"
        line = [str(n), r["submitted"] if complete else "", "7" if complete else "3", "nl", str(rng.randrange(10**9)), tok,
                r["started"], r["submitted"] or r["started"], "", ""]
        if with_participants:
            line += ["Proefsma", "Testpersoon", "l.o@gemeente.example.nl", r["unit"]]
        for it, code in zip(items, codes):
            k, i = it["kind"], it["id"]
            na = "N/A"
            if k in ("single", "likert"):
                v = r[i]
                if v == "NA":
                    line.append(na)
                elif v == "":
                    line.append("")
                elif k == "single" and int(v) == it.get("other"):
                    line.append("Anders" if full else "-oth-")
                else:
                    line.append(label_of(it, int(v)) if full else answer_code(int(v)))
                if k == "single" and "other" in it:
                    t = r[f"{i}_other"]
                    line.append(na if v == "NA" else (t if v and int(v) == it["other"] else ""))
            elif k == "multiple":
                vals = [r[f"{i}_{o['code']}"] for o in options(it)]
                not_asked = all(v == "NA" for v in vals)
                for o in options(it):
                    if o["code"] == it.get("other"):
                        continue
                    v = r[f"{i}_{o['code']}"]
                    line.append(na if not_asked else (("Ja" if full else "Y") if v == "1" else ""))
                if "other" in it:
                    chosen = r[f"{i}_{it['other']}"] == "1"
                    line.append(na if not_asked else (r[f"{i}_other"] if chosen else ""))
            elif k == "ranking":
                ranks = {o["code"]: r[f"{i}_{o['code']}"] for o in options(it)}
                not_asked = all(v == "NA" for v in ranks.values())
                by_pos = {int(v): c for c, v in ranks.items() if v not in ("", "NA")}
                for p in range(1, it["top"] + 1):
                    if not_asked:
                        line.append(na)
                    elif p in by_pos:
                        line.append(label_of(it, by_pos[p]) if full else answer_code(by_pos[p]))
                    else:
                        line.append("")
            else:  # numeric, open
                v = r[i]
                line.append(na if v == "NA" else v)
        out.append(line)

    def q(v: str) -> str:
        return '"' + v.replace('"', '""') + '"'

    text = "\ufeff" + sep.join(q(h) for h in header) + "\r\n"
    text += "".join(sep.join(q(v) for v in line) + "\r\n" for line in out)
    return text + "\r\n"


# ---------------------------------------------------------------- Qualtrics
def qualtrics(text: bool) -> str:
    meta = ["StartDate", "EndDate", "Status", "IPAddress", "Progress", "Duration (in seconds)", "Finished", "RecordedDate",
            "ResponseId", "RecipientLastName", "RecipientFirstName", "RecipientEmail", "ExternalReference",
            "LocationLatitude", "LocationLongitude", "DistributionChannel", "UserLanguage"]
    meta_text = ["Start Date", "End Date", "Response Type", "IP Address", "Progress", "Duration (in seconds)", "Finished",
                 "Recorded Date", "Response ID", "Recipient Last Name", "Recipient First Name", "Recipient Email",
                 "External Data Reference", "Location Latitude", "Location Longitude", "Distribution Channel", "User Language"]
    meta_ids = ["startDate", "endDate", "status", "ipAddress", "progress", "duration", "finished", "recordedDate", "_recordId",
                "recipientLastName", "recipientFirstName", "recipientEmail", "externalDataReference", "locationLatitude",
                "locationLongitude", "distributionChannel", "userLanguage"]
    h1, h2, h3 = list(meta), list(meta_text), [json.dumps({"ImportId": m}) for m in meta_ids]
    for n, (it, code) in enumerate(zip(items, codes), start=1):
        qid, k, opts = f"QID{n}", it["kind"], options(it)
        if k == "ranking":
            for p, o in enumerate(opts, start=1):
                h1.append(f"{code}_{p}"); h2.append(f"{it['text']} - {o['label']}"); h3.append(json.dumps({"ImportId": f"{qid}_{p}"}))
        else:
            sel = " - Selected Choice" if "other" in it else ""
            h1.append(code); h2.append(it["text"] + sel); h3.append(json.dumps({"ImportId": qid}))
            if "other" in it:
                p = [o["code"] for o in opts].index(it["other"]) + 1
                h1.append(f"{code}_{p}_TEXT"); h2.append(f"{it['text']} - {label_of(it, it['other'])} - Text")
                h3.append(json.dumps({"ImportId": f"{qid}_{p}_TEXT"}))

    def line_of(r, n, status="0", channel="email"):
        complete = r["status"] == "complete"
        st = {"0": "IP Address", "1": "Survey Preview", "8": "Spam"}[status] if text else status
        fin = ("True" if complete else "False") if text else ("1" if complete else "0")
        line = [r["started"], r["submitted"] or r["started"], st, "192.0.2.1", "100" if complete else "40", "900", fin,
                r["submitted"] or r["started"], f"R_{n:015d}", "Proefsma", "Testpersoon", "l.o@gemeente.example.nl",
                r["unit"], "52.1", "5.1", channel, "NL"]
        for it in items:
            k, i, opts = it["kind"], it["id"], options(it)
            if k in ("single", "likert"):
                v = r[i]
                line.append("" if v == "NA" else "-99" if v == "" else (label_of(it, int(v)) if text else v))
                if "other" in it:
                    line.append(r[f"{i}_other"] if v and v != "NA" and int(v) == it["other"] else "")
            elif k == "multiple":
                vals = {o["code"]: r[f"{i}_{o['code']}"] for o in opts}
                if all(v == "NA" for v in vals.values()):
                    line.append("")
                else:
                    chosen = [c for c, v in vals.items() if v == "1"]
                    line.append(",".join(label_of(it, c) if text else str(c) for c in chosen) if chosen else "-99")
                if "other" in it:
                    line.append(r[f"{i}_other"] if vals.get(it["other"]) == "1" else "")
            elif k == "ranking":
                vals = [r[f"{i}_{o['code']}"] for o in opts]
                if all(v == "NA" for v in vals):
                    line += [""] * len(opts)
                elif all(v == "" for v in vals):
                    line += ["-99"] * len(opts)
                else:
                    line += vals
            else:
                v = r[i]
                line.append("" if v == "NA" else "-99" if v == "" else v)
        return line

    lines = [line_of(r, n) for n, r in enumerate(rows, start=1)]
    # Not respondents' answers: a preview by the researcher and a response marked as spam.
    lines.insert(3, line_of(rows[0], 9001, status="1", channel="preview"))
    lines.append(line_of(rows[1], 9002, status="8", channel="anonymous"))
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerows([h1, h2, h3] + lines)
    return "\ufeff" + buf.getvalue()


def write(name: str, text: str) -> None:
    (HERE / name).write_bytes(text.encode("utf-8"))


write("limesurvey-codes.csv", limesurvey(full=False, with_participants=True, sep=","))
write("limesurvey-full.csv", limesurvey(full=True, with_participants=False, sep=";"))
write("qualtrics-numeric.csv", qualtrics(text=False))
write("qualtrics-text.csv", qualtrics(text=True))
with open(HERE / "participants.csv", "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f)
    w.writerow(["token", "attribute_1"])
    w.writerows(zip(tokens, (r["unit"] for r in rows)))
