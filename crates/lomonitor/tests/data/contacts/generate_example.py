"""Generate the fictional contacts directory and fieldwork log of the example study.

Writes examples/study/contacts.csv and examples/study/fieldwork.csv from the embedded CBS frame
(crates/lomonitor/data/gemeenten-2025.csv). Every person is fictional: surnames are made of
words such as "Proef", "Fabel", "Verzin" ("test", "fable", "make up"), e-mail addresses are at
<municipality>.example.nl, phone numbers are made up. Deterministic (seeded); standard library only.

    python3 crates/lomonitor/tests/data/contacts/generate_example.py
"""

import csv
import datetime as dt
import pathlib
import random
import re
import unicodedata

ROOT = pathlib.Path(__file__).resolve().parents[5]
FRAME = ROOT / "crates/lomonitor/data/gemeenten-2025.csv"
OUT = ROOT / "examples/study"
rng = random.Random(20250301)

ORGS = {  # from examples/study/study.toml
    "buch": ["GM0373", "GM0450", "GM0383", "GM0399"],
    "hltsamen": ["GM0534", "GM0553", "GM1525"],
    "duivenvoorde": ["GM0626", "GM0629"],
    "bel": ["GM0376", "GM0317", "GM0417"],
    "de-wolden-hoogeveen": ["GM1690", "GM0118"],
}
FIRST = ["Anouk", "Bram", "Carlijn", "Daan", "Esmee", "Floris", "Germaine", "Hidde", "Ilse", "Joost", "Kim",
         "Lotte", "Maarten", "Noor", "Olaf", "Pien", "Quinten", "Roos", "Sander", "Tessa", "Ugo", "Vera",
         "Wouter", "Yara", "Zeger", "Fatima", "Mehmet", "Priya", "Sem", "Lieke", "Ruben", "Merel"]
STEM = ["Proef", "Fabel", "Verzin", "Schets", "Ontwerp", "Droom", "Sprookjes", "Fictie", "Voorbeeld", "Model"]
END = ["sma", "stra", "ink", "huis", "man", "berg", "veld", "ema", "kamp", "hof"]
TITLES = {
    "lo_adviser": ["Adviseur leren en ontwikkelen", "L&O-specialist", "Adviseur L&O", "Leer- en ontwikkelspecialist"],
    "hr_adviser": ["HR-adviseur", "Adviseur P&O", "Senior HR-adviseur"],
    "training_coordinator": ["Opleidingscoördinator", "Coördinator opleidingen"],
    "hr_manager": ["Teamleider HR", "Afdelingshoofd P&O", "Manager HRM"],
    "other": ["Beleidsmedewerker P&O", "Programmamanager organisatieontwikkeling"],
}
SOURCES = ["interview 2024", "A&O-netwerk", "website gemeente", "contactpersoon Personeelsmonitor",
           "VNG-netwerk", "doorverwezen door collega", "congres Leren & Ontwikkelen 2024"]


def slug(name):
    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    s = re.sub(r"\(.*?\)", "", s)
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")


def person():
    first = rng.choice(FIRST)
    last = rng.choice(STEM) + rng.choice(END)
    return first, last


def phone():
    if rng.random() < 0.6:
        return rng.choice(["06-{}", "06 {}", "+31 6 {}"]).format(f"{rng.randrange(10**7, 10**8)}")
    area = rng.choice(["020", "010", "030", "040", "050", "070", "024", "026", "043", "058"])
    return f"{area}-{rng.randrange(10**6, 10**7)}"


def date_between(a, b):
    return a + dt.timedelta(days=rng.randrange((b - a).days + 1))


frame = list(csv.DictReader(FRAME.open(encoding="utf-8")))
by_code = {m["code"]: m for m in frame}
in_org = {c for cs in ORGS.values() for c in cs}
singles = [m["code"] for m in frame if m["code"] not in in_org]
rng.shuffle(singles)
covered_singles = sorted(singles[:188])

contacts = []  # dicts with the columns of contacts.csv, plus _munis
used_names = set()


def add(covers, munis, role, domain_name):
    while True:
        first, last = person()
        if (first, last) not in used_names:
            used_names.add((first, last))
            break
    r = rng.random()
    status = "active" if r < 0.88 else ("left" if r < 0.95 else "bounced")
    if rng.random() < 0.85:
        verified = date_between(dt.date(2024, 3, 15), dt.date(2025, 2, 28))
    else:  # stale: older than the 12-month window on 1 March 2025
        verified = date_between(dt.date(2023, 6, 1), dt.date(2024, 2, 28))
    pub = rng.random()
    consent_publish = "yes" if pub < 0.4 else (rng.choice(["name|email", "name|function", "role", "name|function|email"]) if pub < 0.65 else "no")
    contacts.append({
        "contact_id": f"c{len(contacts) + 1:04d}",
        "name": f"{first} {last}",
        "function": rng.choice(TITLES[role]),
        "role": role,
        "covers": covers,
        "email": f"{first[0].lower()}.{last.lower()}@{slug(domain_name)}.example.nl",
        "phone": phone() if rng.random() < 0.7 else "",
        "source": rng.choice(SOURCES),
        "verified": verified.isoformat() if rng.random() < 0.85 else verified.strftime("%-d-%-m-%Y"),
        "status": status,
        "consent_research": "yes" if rng.random() < 0.96 else "no",
        "consent_publish": consent_publish,
        "notes": "",
        "_munis": munis,
    })


for org, munis in ORGS.items():
    if org == "duivenvoorde":
        continue  # a gap: a werkorganisatie nobody has found yet
    add(org, munis, rng.choice(["lo_adviser", "hr_adviser"]), org)
for code in covered_singles:
    m = by_code[code]
    role = rng.choices(list(TITLES), weights=[55, 20, 12, 8, 5])[0]
    add(code, [code], role, m["name"])
    if int(m["inhabitants"]) > 100_000 and rng.random() < 0.7:
        add(code, [code], rng.choice(["hr_adviser", "training_coordinator"]), m["name"])
# One person entered twice (same e-mail, later verification): the reader warns, a merge resolves it.
dup = dict(contacts[10])
dup["contact_id"] = f"c{len(contacts) + 1:04d}"
dup["verified"] = "2025-02-20"
dup["phone"] = ""
dup["source"] = "A&O-netwerk"
contacts.append(dup)

cols = ["contact_id", "name", "function", "role", "covers", "email", "phone", "source", "verified", "status",
        "consent_research", "consent_publish", "notes"]
with (OUT / "contacts.csv").open("w", newline="", encoding="utf-8") as f:
    w = csv.DictWriter(f, fieldnames=cols, extrasaction="ignore", lineterminator="\n")
    w.writeheader()
    w.writerows(contacts)

# Fieldwork: invitations sent 3 March 2025, reminders 17 and 31 March, state as of 7 April 2025.
sent, rem1, rem2, now = dt.date(2025, 3, 3), dt.date(2025, 3, 17), dt.date(2025, 3, 31), dt.date(2025, 4, 7)
invited_munis = set()
rows = []
for c in contacts[:-1]:
    if c["status"] == "left" or c["consent_research"] != "yes":
        continue
    for code in c["_munis"]:
        if code in invited_munis:
            continue
        invited_munis.add(code)
        invited = sent if rng.random() < 0.9 else date_between(sent, dt.date(2025, 3, 20))
        if c["status"] == "bounced":
            rows.append([c["contact_id"], code, invited, 0, "", "bounced", invited + dt.timedelta(days=1)])
            continue
        r = rng.random()
        if r < 0.46:
            status, sdate = "completed", date_between(invited, now)
        elif r < 0.52:
            status, sdate = "started", date_between(invited, now)
        elif r < 0.58:
            status, sdate = "refused", date_between(invited, now)
        elif r < 0.59:
            status, sdate = "not_eligible", date_between(invited, now)
        else:
            status, sdate = "invited", None
        reminders = [d for d in (rem1, rem2) if d > invited and (sdate is None or d < sdate)]
        if status == "invited" and reminders:
            status = "reminded"
        if status == "invited" and invited > rem1 and rng.random() < 0.5:
            reminders = []  # invited late: its reminder is still to come
        rows.append([c["contact_id"], code, invited, len(reminders), reminders[-1] if reminders else "", status,
                     sdate or ""])
with (OUT / "fieldwork.csv").open("w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["contact_id", "municipality", "invited", "reminders", "last_reminder", "status", "status_date"])
    w.writerows(rows)
print(len(contacts), "contacts,", len(rows), "invitations")
