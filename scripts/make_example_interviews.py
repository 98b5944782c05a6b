#!/usr/bin/env python3
"""Write the fictional coded interviews of the example study.

    python3 scripts/make_example_interviews.py

Writes examples/study/codings.csv and examples/study/interviews.qdpx (REFI-QDA 1.0) from the
codebook in examples/study/codebook.toml. Standard library only; deterministic (seeded).

The interviewed municipalities are the sample lomonitor's sampler draws from the embedded CBS
frame: `InterviewSample::draw(frame, size_class with G4 apart, n = 20, proportional, seed 2023)`,
after two refusals (Laren (NH.) -> replaced by Landsmeer, Hollands Kroon -> De Bilt). The test
`example_codings_follow_the_sample` in crates/lomonitor/tests/coding.rs checks this list against
the sampler. Blaricum and Hoogeveen are interviewed through their werkorganisaties (units `bel`
and `de-wolden-hoogeveen`).

Everything said in the interviews is invented; the themes follow what published L&O studies
report (unspent budgets, no time, managers as key, learning platforms, workforce planning,
vitality, labour-market shortage).
"""

import csv
import io
import pathlib
import random
import tomllib
import zipfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
STUDY = ROOT / "examples" / "study"

# (unit, name as spoken, interview date) in the sampler's draw order, refusals replaced.
INTERVIEWS = [
    ("GM0473", "Zandvoort", "2025-01-13"),
    ("bel", "Blaricum", "2025-01-14"),
    ("GM0060", "Ameland", "2025-01-16"),
    ("GM1742", "Rijssen-Holten", "2025-01-20"),
    ("GM0098", "Weststellingwerf", "2025-01-21"),
    ("GM1774", "Dinkelland", "2025-01-23"),
    ("GM0397", "Heemstede", "2025-01-27"),
    ("GM0736", "De Ronde Venen", "2025-01-28"),
    ("GM0512", "Gorinchem", "2025-01-30"),
    ("GM0770", "Eersel", "2025-02-03"),
    ("GM0420", "Medemblik", "2025-02-04"),
    ("GM1979", "Eemsdelta", "2025-02-06"),
    ("GM1705", "Lingewaard", "2025-02-10"),
    ("GM1581", "Utrechtse Heuvelrug", "2025-02-11"),
    ("GM0106", "Assen", "2025-02-13"),
    ("de-wolden-hoogeveen", "Hoogeveen", "2025-02-17"),
    ("GM0321", "Houten", "2025-02-18"),
    ("GM0153", "Enschede", "2025-02-20"),
    ("GM0415", "Landsmeer", "2025-02-24"),  # replaces Laren (NH.)
    ("GM0310", "De Bilt", "2025-02-25"),  # replaces Hollands Kroon
]
INTERVIEWERS = ["MV", "KO"]
PRIMARY, SECOND = "MV", "RB"
DOUBLE_CODED = {"I03", "I07", "I11", "I15", "I18"}

# Quotes per code; {name} is the municipality as the respondent says it.
QUOTES = {
    "budget_unspent": [
        "Eerlijk gezegd blijft er elk jaar geld op de plank liggen. Vorig jaar hebben we maar zestig procent van het opleidingsbudget uitgegeven.",
        "Het budget is er wel, dat is het probleem niet. Het wordt gewoon niet opgemaakt.",
        "In {name} zeggen we weleens: we hebben meer geld dan aanvragen.",
    ],
    "budget_central": [
        "Het budget ligt centraal bij HR, teams moeten een aanvraag doen. Dat drempeltje werkt soms tegen.",
        "We hebben het budget juist naar de afdelingen gebracht, dan voelen de managers zich eigenaar.",
        "Een deel is centraal voor organisatiebrede programma's, de rest zit in de teambudgetten.",
    ],
    "budget_individual": [
        "Medewerkers kunnen hun IKB inzetten voor een opleiding, maar de meesten laten het uitbetalen.",
        "Iedereen heeft een persoonlijk ontwikkelbudget, en dat wordt eigenlijk alleen door de jongere collega's gebruikt.",
    ],
    "budget_pressure": [
        "Met het ravijnjaar in zicht kijkt de raad naar alles wat niet wettelijk moet, en opleiden is dan een makkelijke post.",
        "We weten niet wat we volgend jaar hebben. Dat maakt het lastig om langlopende trajecten te beginnen.",
    ],
    "time_no_time": [
        "Mensen willen wel, maar ze komen er gewoon niet aan toe. Het werk gaat altijd voor.",
        "Een training van twee dagen, dat lukt in het sociaal domein bijna niet. Wie neemt dan de telefoon op?",
        "Je hoort vaak: ik doe het na de zomer wel. En dan is het weer december.",
    ],
    "time_workload": [
        "De werkdruk is hoog, zeker bij vergunningen sinds de Omgevingswet. Leren voelt dan als iets extra's.",
        "Als je team onderbezet is, is een opleiding het eerste wat sneuvelt.",
    ],
    "time_shortage": [
        "We vinden geen mensen meer op de arbeidsmarkt, dus we moeten ze zelf opleiden. Dat is echt omgeslagen.",
        "Voor een kleine gemeente als {name} is het lastig concurreren met de grote steden, dus we investeren in onze eigen mensen.",
        "We hebben nu een leer-werktraject voor zij-instromers bij Publiekszaken, samen met de buurgemeenten.",
    ],
    "lead_key": [
        "Het staat of valt met de leidinggevende. Als die het gesprek niet voert, gebeurt er niets.",
        "Teams met een leidinggevende die zelf leert, die zie je ook vaker in ons aanbod terug.",
        "De leidinggevenden zijn de sleutel, maar ze hebben het zelf ook ontzettend druk.",
    ],
    "lead_dialogue": [
        "We voeren geen beoordelingsgesprekken meer maar goede gesprekken, drie keer per jaar, en ontwikkeling is daar een vast onderdeel van.",
        "Een POP is verplicht, maar het blijft vaak een formulier dat in een la verdwijnt.",
    ],
    "lead_culture": [
        "Leren moet vanzelfsprekend worden, iets wat je gewoon doet in je werk en niet alleen in een cursus.",
        "Er is nog een cultuur van: je bent opgeleid voor je vak en dan ben je klaar.",
        "We merken dat fouten maken hier nog niet echt mag, en dat remt het leren.",
    ],
    "lead_programme": [
        "Alle leidinggevenden hebben het afgelopen jaar een leiderschapstraject gevolgd, gericht op dienend leiderschap.",
        "We zijn gestart met intervisie voor teamleiders, dat werkt beter dan een losse training.",
    ],
    "offer_platform": [
        "We hebben sinds vorig jaar een online leerplatform. Het aanbod is enorm, het gebruik valt tegen.",
        "Via het leerplatform zien we nu tenminste wie wat volgt. Daarvoor hadden we geen registratie.",
        "Het platform werkt goed voor de korte e-learnings, voor vakinhoudelijke opleidingen gaan mensen nog naar buiten.",
    ],
    "offer_academy": [
        "We hebben een eigen academie opgezet, met collega's die trainingen geven aan collega's.",
        "Ons leerhuis is klein, maar het is wel een herkenbaar loket geworden.",
    ],
    "offer_regional": [
        "Met de gemeenten in de regio kopen we samen in, anders is het voor ons niet te doen.",
        "In de werkorganisatie delen we het aanbod, een medewerker van {name} kan gewoon aanschuiven bij een training van de andere gemeenten.",
    ],
    "offer_choice": [
        "Medewerkers weten niet goed wat ze moeten kiezen. Er is zoveel, en wat past nou bij mij?",
        "De vraag die ik het vaakst krijg is: wat zou jij doen? Mensen hebben behoefte aan advies.",
    ],
    "offer_hybrid": [
        "Sinds corona is bijna alles online of hybride. Dat scheelt reistijd, maar het netwerken mis je.",
        "Hybride werken vraagt ook iets van het leren: je leert minder van elkaar als je elkaar niet ziet.",
    ],
    "strategy_swp": [
        "We zijn begonnen met strategische personeelsplanning: welke functies hebben we over vijf jaar nodig?",
        "De pensioengolf komt eraan. Een derde van onze mensen is over tien jaar weg, daar moeten we nu op opleiden.",
    ],
    "strategy_vitality": [
        "Vitaliteit is een speerpunt. We hebben een programma duurzame inzetbaarheid, ook voor de oudere medewerkers.",
        "Het verzuim is hoog, en daar hoort leren ook bij: wie zich ontwikkelt, blijft langer met plezier werken.",
    ],
    "strategy_policy": [
        "We hebben sinds twee jaar een opleidingsplan dat aansluit bij de organisatiedoelen.",
        "Beleid op papier hebben we niet echt, het gebeurt vooral per afdeling.",
    ],
    "strategy_evaluation": [
        "Wat het oplevert weten we eigenlijk niet. We meten tevredenheid na een training en dat is het.",
        "We willen meer sturen op effect, maar hoe meet je dat nou bij leren?",
    ],
}
# Codes that tend to come together in one segment.
PAIRS = [
    ("budget_unspent", "time_no_time"),
    ("lead_key", "lead_dialogue"),
    ("offer_platform", "offer_choice"),
    ("time_shortage", "strategy_swp"),
    ("strategy_vitality", "offer_hybrid"),
]
QUESTIONS = [
    "Interviewer: Hoe is het opleidingsbudget geregeld?",
    "Interviewer: Wat houdt medewerkers tegen?",
    "Interviewer: Welke rol spelen leidinggevenden?",
    "Interviewer: Welk aanbod is er?",
    "Interviewer: Hoe kijkt u naar de toekomst?",
]


def code_guid(codebook_id: str, code_id: str) -> str:
    """lomonitor's code_guid: FNV-1a 128 of lomonitor/<codebook>/<code> as a v8 UUID."""
    h = 0x6C62272E07BB014262B821756295C58D
    for b in f"lomonitor/{codebook_id}/{code_id}".encode():
        h ^= b
        h = (h * 0x0000000001000000000000000000013B) % (1 << 128)
    by = bytearray(h.to_bytes(16, "big"))
    by[6] = (by[6] & 0x0F) | 0x80
    by[8] = (by[8] & 0x3F) | 0x80
    x = by.hex()
    return f"{x[0:8]}-{x[8:12]}-{x[12:16]}-{x[16:20]}-{x[20:32]}"


def guid(rng: random.Random) -> str:
    x = "%032x" % rng.getrandbits(128)
    return f"{x[0:8]}-{x[8:12]}-4{x[13:16]}-a{x[17:20]}-{x[20:32]}"


def second_coder(rng: random.Random, codes: list[str]) -> list[str]:
    """The second coder: mostly the same codes, sometimes one missed, swapped or added."""
    out = list(codes)
    r = rng.random()
    theme = {c: c.split("_")[0] for c in QUOTES}
    if r < 0.12 and len(out) > 1:
        out.pop()
    elif r < 0.24:
        siblings = [c for c in QUOTES if theme[c] == theme[out[0]] and c not in out]
        if siblings:
            out[0] = rng.choice(siblings)
    elif r < 0.32:
        extra = rng.choice(list(QUOTES))
        if extra not in out:
            out.append(extra)
    return sorted(set(out))


def main() -> None:
    codebook = tomllib.loads((STUDY / "codebook.toml").read_text(encoding="utf-8"))
    for c in codebook["codes"]:
        if c.get("codable", True):
            assert c["id"] in QUOTES, c["id"]
    rng = random.Random(2023)
    weights = {c: 1.0 for c in QUOTES}
    for c in ("budget_unspent", "time_no_time", "lead_key", "offer_platform", "time_shortage"):
        weights[c] = 2.5  # the findings most interviews report
    rows = []
    sources = []  # (interview id, unit, date, interviewer, name, transcript, selections)
    for n, (unit, name, date) in enumerate(INTERVIEWS, start=1):
        iid = f"I{n:02d}"
        interviewer = INTERVIEWERS[n % 2]
        k = rng.randint(7, 11)
        codes_pool = list(QUOTES)
        chosen = rng.choices(codes_pool, weights=[weights[c] for c in codes_pool], k=k)
        used_quotes = set()
        transcript = ""
        selections = []
        for s, code in enumerate(chosen, start=1):
            codes = [code]
            for a, b in PAIRS:
                if code in (a, b) and rng.random() < 0.35:
                    codes.append(b if code == a else a)
            options = [q for q in QUOTES[code] if (code, q) not in used_quotes] or QUOTES[code]
            quote = rng.choice(options)
            used_quotes.add((code, quote))
            text = quote.format(name=name)
            transcript += QUESTIONS[(s - 1) % len(QUESTIONS)] + "\nRespondent: "
            start = len(transcript)
            transcript += text
            end = len(transcript)
            transcript += "\n\n"
            seg = f"S{s:02d}"
            codings = [(PRIMARY, sorted(set(codes)))]
            if iid in DOUBLE_CODED:
                codings.append((SECOND, second_coder(rng, sorted(set(codes)))))
            for coder, cs in codings:
                rows.append([iid, unit, date, interviewer, seg, start, end, coder, "|".join(cs), text])
            selections.append((seg, start, end, codings))
        sources.append((iid, unit, date, interviewer, name, transcript, selections))

    with open(STUDY / "codings.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["interview", "unit", "date", "interviewer", "segment", "start", "end", "coder", "codes", "text"])
        w.writerows(rows)

    # ---- REFI-QDA project ----
    from xml.sax.saxutils import quoteattr, escape

    users = {PRIMARY: guid(rng), SECOND: guid(rng)}
    var_unit = guid(rng)
    out = io.StringIO()
    out.write('<?xml version="1.0" encoding="utf-8"?>\n')
    out.write('<Project xmlns="urn:QDA-XML:project:1.0" name="L&amp;O interviews (voorbeeld)" origin="make_example_interviews.py">\n')
    out.write("  <Users>\n")
    for initials, g in users.items():
        out.write(f"    <User guid={quoteattr(g)} name={quoteattr(initials)}/>\n")
    out.write("  </Users>\n  <CodeBook>\n    <Codes>\n")

    def write_code(code, depth):
        pad = "  " * (depth + 3)
        children = [c for c in codebook["codes"] if c.get("parent") == code["id"]]
        attrs = f'guid={quoteattr(code_guid(codebook["codebook"]["id"], code["id"]))} name={quoteattr(code["label"])} isCodable="{str(code.get("codable", True)).lower()}"'
        out.write(f"{pad}<Code {attrs}>\n")
        if "description" in code:
            out.write(f"{pad}  <Description>{escape(code['description'])}</Description>\n")
        for c in children:
            write_code(c, depth + 1)
        out.write(f"{pad}</Code>\n")

    for code in codebook["codes"]:
        if "parent" not in code:
            write_code(code, 0)
    out.write("    </Codes>\n  </CodeBook>\n")
    out.write(f'  <Variables>\n    <Variable guid={quoteattr(var_unit)} name="unit" typeOfVariable="Text"/>\n  </Variables>\n')
    out.write("  <Sources>\n")
    files = {}
    for iid, unit, date, interviewer, name, transcript, selections in sources:
        sg = guid(rng)
        # Sources are named <unit>_<date>_<interviewer>; organisation units also as a variable.
        src_name = f"{unit}_{date}_{interviewer}"
        files[f"sources/{sg}.txt"] = transcript
        out.write(f'    <TextSource guid={quoteattr(sg)} name={quoteattr(src_name)} plainTextPath="internal://{sg}.txt" creatingUser={quoteattr(users[PRIMARY])}>\n')
        for seg, start, end, codings in selections:
            out.write(f'      <PlainTextSelection guid={quoteattr(guid(rng))} name="{seg}" startPosition="{start}" endPosition="{end}" creatingUser={quoteattr(users[PRIMARY])}>\n')
            for coder, cs in codings:
                for c in cs:
                    out.write(f'        <Coding guid={quoteattr(guid(rng))} creatingUser={quoteattr(users[coder])}><CodeRef targetGUID={quoteattr(code_guid(codebook["codebook"]["id"], c))}/></Coding>\n')
            out.write("      </PlainTextSelection>\n")
        out.write(f'      <VariableValue><VariableRef targetGUID={quoteattr(var_unit)}/><TextValue>{escape(unit)}</TextValue></VariableValue>\n')
        out.write("    </TextSource>\n")
    out.write("  </Sources>\n</Project>\n")
    with zipfile.ZipFile(STUDY / "interviews.qdpx", "w", zipfile.ZIP_DEFLATED) as z:
        def add(name, text):
            info = zipfile.ZipInfo(name, date_time=(2025, 3, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text.encode("utf-8"))
        add("project.qde", out.getvalue())
        for name, text in files.items():
            add(name, text)
    print(f"{len(sources)} interviews, {sum(len(s[6]) for s in sources)} segments, {len(rows)} coding rows")


if __name__ == "__main__":
    main()
