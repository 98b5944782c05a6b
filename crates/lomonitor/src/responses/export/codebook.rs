//! What goes beside an exported response CSV: a per-column description with frequency counts
//! ([`summarize`]) and a codebook in Markdown ([`write_codebook`]) that someone who never saw
//! lomonitor can read.
//!
//! Counts only: open answers and "anders, namelijk" texts may contain names, so the codebook
//! gives the number of non-empty texts, never their contents.

use std::fmt::Write as _;
use std::io::Write;

use crate::error::{Error, Result};
use crate::instrument::{Item, ItemKind, Questionnaire, Text};
use crate::meta::{Language, StudyInfo};
use crate::responses::export::dictionary::*;
use crate::responses::export::dictionary::{SpecialCodes, special_codes};
use crate::responses::{CsvStyle, ResponseSet};

/// Escape text for a Markdown paragraph or table cell.
fn md(text: &str) -> String {
    let mut s = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' => {
                s.push('\\');
                s.push(ch);
            }
            '\r' | '\n' => s.push(' '),
            c => s.push(c),
        }
    }
    s
}

/// A Markdown code span (no escapes inside code spans).
fn code(text: &str) -> String {
    let t: String = text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    if t.contains('`') { format!("`` {t} ``") } else { format!("`{t}`") }
}

fn kind_words(item: &Item, lang: Language) -> String {
    match &item.kind {
        ItemKind::Single { .. } => lang.tr("enkele keuze", "single choice").to_owned(),
        ItemKind::Multiple { .. } => lang.tr("meerkeuze (meer antwoorden mogelijk)", "multiple response").to_owned(),
        ItemKind::Likert { points, .. } => {
            lang.tr(&format!("Likert, {points} punten"), &format!("Likert, {points} points")).to_owned()
        }
        ItemKind::Numeric { integer: true, .. } => lang.tr("getal (geheel)", "number (whole)").to_owned(),
        ItemKind::Numeric { .. } => lang.tr("getal", "number").to_owned(),
        ItemKind::Ranking { top, .. } => {
            lang.tr(&format!("rangorde (top {top})"), &format!("ranking (top {top})")).to_owned()
        }
        ItemKind::Open => lang.tr("open tekst", "open text").to_owned(),
    }
}

fn role_words(role: &ColumnRole, lang: Language) -> String {
    match role {
        ColumnRole::Meta => lang.tr("metagegeven", "metadata").to_owned(),
        ColumnRole::Code => lang.tr("code (numeriek)", "code (numeric)").to_owned(),
        ColumnRole::Selected { .. } => lang.tr("0/1: optie gekozen", "0/1: option selected").to_owned(),
        ColumnRole::Rank { .. } => {
            lang.tr("rang (numeriek; leeg = niet gerangschikt)", "rank (numeric; empty = not ranked)").to_owned()
        }
        ColumnRole::ItemMissing => {
            lang.tr("ontbrekend-code van de hele vraag", "missing code of the whole question").to_owned()
        }
        ColumnRole::Number => lang.tr("getal", "number").to_owned(),
        ColumnRole::OtherText => lang.tr("tekst bij \"anders, namelijk\"", "text of \"other, namely\"").to_owned(),
        ColumnRole::Text => lang.tr("tekst", "text").to_owned(),
    }
}

fn empty_words(role: &ColumnRole, lang: Language) -> String {
    match role {
        ColumnRole::Meta => lang.tr("geen waarde", "no value").to_owned(),
        ColumnRole::Code | ColumnRole::Number => lang.tr("gezien, niet beantwoord", "seen, not answered").to_owned(),
        ColumnRole::Selected { .. } => lang
            .tr(
                "vraag niet beantwoord of ontbrekend-code (zie `_missing`)",
                "question unanswered or a missing code (see `_missing`)",
            )
            .to_owned(),
        ColumnRole::Rank { .. } => {
            lang.tr("niet gerangschikt of vraag niet beantwoord", "not ranked, or question unanswered").to_owned()
        }
        ColumnRole::ItemMissing => lang.tr("geen ontbrekend-code", "no missing code").to_owned(),
        ColumnRole::OtherText | ColumnRole::Text => lang.tr("geen tekst", "no text").to_owned(),
    }
}

fn text_both(t: &Text, lang: Language) -> String {
    match (&t.en, lang) {
        (Some(en), Language::Nl) => format!("{} — *{}*", md(&t.nl), md(en)),
        (Some(en), Language::En) => format!("{} — *{}*", md(en), md(&t.nl)),
        (None, _) => md(&t.nl),
    }
}

fn fmt_num(v: f64) -> String {
    v.to_string()
}

/// Write the codebook of an exported response CSV in Markdown.
///
/// It gives the study and instrument (id, version, title), the file layout (delimiter, decimal
/// separator, encoding, what empty cells and `NA` mean), then per column, in the CSV's order:
/// name, question text (Dutch and English), type, value labels, declared missing codes, the
/// routing condition in words, reverse keying, unit and range, the codes the SPSS syntax gives to
/// "not asked" and "unanswered", and the frequency counts (n valid, n per code, n missing, n empty,
/// n not asked). Then the multiple-response groups, ranking groups and scales. Texts are counted,
/// never shown.
///
/// `csv_file` is the name of the CSV file it describes; `info` the study, when known.
///
/// # Errors
/// [`Error::InvalidArgument`] when the set does not belong to `q`; [`Error::Io`] on write errors.
pub fn write_codebook<W: Write>(
    mut out: W,
    set: &ResponseSet,
    q: &Questionnaire,
    info: Option<&StudyInfo>,
    csv_file: &str,
    style: CsvStyle,
) -> Result<()> {
    let cols = summarize(set, q)?;
    let lang = info.map(|i| i.language).unwrap_or_default();
    let en = lang == Language::En;
    let mut s = String::new();
    let title = match info {
        Some(i) => match (&i.title_en, en) {
            (Some(t), true) => t.clone(),
            _ => i.title.clone(),
        },
        None => q.title.get(lang).to_owned(),
    };
    let _ = writeln!(s, "# {} — {}\n", lang.tr("Codeboek", "Codebook").to_owned(), md(&title));
    if let Some(i) = info {
        let _ = writeln!(
            s,
            "- {}: {}",
            lang.tr("Studie", "Study").to_owned(),
            text_both(&Text { nl: i.title.clone(), en: i.title_en.clone() }, lang)
        );
        let _ = writeln!(s, "- {}: {}", lang.tr("Peildatum", "Reference date").to_owned(), i.reference_date);
        if let Some(c) = &i.commissioned_by {
            let _ = writeln!(s, "- {}: {}", lang.tr("Opdrachtgever", "Commissioned by").to_owned(), md(c));
        }
        if let Some(c) = &i.institution {
            let _ = writeln!(s, "- {}: {}", lang.tr("Uitvoering", "Carried out by").to_owned(), md(c));
        }
    }
    let _ = writeln!(
        s,
        "- {}: {}, {} {}",
        lang.tr("Vragenlijst", "Questionnaire").to_owned(),
        code(&q.id),
        lang.tr("versie", "version").to_owned(),
        code(&q.version)
    );
    let _ = writeln!(
        s,
        "- {}: {}",
        lang.tr("Titel vragenlijst", "Questionnaire title").to_owned(),
        text_both(&q.title, lang)
    );
    let _ = writeln!(s, "- {}: {}", lang.tr("Aantal respondenten (rijen)", "Respondents (rows)").to_owned(), set.len());
    let _ = writeln!(
        s,
        "- {}: {}\n",
        lang.tr("Aantal variabelen (kolommen)", "Variables (columns)").to_owned(),
        cols.len()
    );

    let (delim, dec, enc) = style_parts(style);
    let _ = writeln!(s, "## {}\n", lang.tr("Bestand", "File").to_owned());
    let _ = writeln!(s, "- {}: {}", lang.tr("Bestand", "File").to_owned(), code(csv_file));
    let _ = writeln!(
        s,
        "- {}: `{delim}`; {}: `{dec}`; {}: {enc}",
        lang.tr("Scheidingsteken", "Delimiter").to_owned(),
        lang.tr("decimaalteken", "decimal separator").to_owned(),
        lang.tr("codering", "encoding").to_owned()
    );
    let _ = writeln!(
        s,
        "- {}",
        lang.tr("Eerste regel: de variabelenamen. Eén rij per respondent. Tekst tussen dubbele aanhalingstekens waar nodig (RFC 4180).",
            "First line: the variable names. One row per respondent. Text quoted with double quotes where needed (RFC 4180).").to_owned()
    );
    let _ = writeln!(
        s,
        "- `NA`: {}",
        lang.tr(
            "niet gesteld — de vraag is door de routing niet voorgelegd.",
            "not asked — routing skipped the question."
        )
        .to_owned()
    );
    let _ = writeln!(
        s,
        "- {}",
        lang.tr("Lege cel: de vraag is gezien maar niet beantwoord (bij rangorde: optie niet gerangschikt; bij `_missing`: geen ontbrekend-code; bij tekst: geen tekst).",
            "Empty cell: the question was seen but not answered (ranking: option not ranked; `_missing`: no missing code; text: no text).").to_owned()
    );
    let _ = writeln!(
        s,
        "- {}",
        lang.tr("Ontbrekend-codes (zoals 97 \"weet niet\") staan als getal in de data; ze tellen niet mee als geldig antwoord.",
            "Missing codes (such as 97 \"don't know\") are numbers in the data; they do not count as valid answers.").to_owned()
    );
    let _ = writeln!(
        s,
        "- {}",
        lang.tr("Tekst die een spreadsheet als formule zou uitvoeren (begint met `=`, `+`, `-`, `@`) staat er met een apostrof voor.",
            "Text that a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`) is written with a leading apostrophe.").to_owned()
    );
    let _ = writeln!(
        s,
        "- {}\n",
        lang.tr("De SPSS-syntax (`.sps`) hercodeert `NA` en lege cellen naar aparte, als ontbrekend gedeclareerde codes (zie per variabele); daardoor blijven \"niet gesteld\" en \"niet beantwoord\" ook in SPSS te onderscheiden.",
            "The SPSS syntax (`.sps`) recodes `NA` and empty cells into distinct codes declared user-missing (see each variable), so \"not asked\" and \"unanswered\" stay distinct in SPSS too.").to_owned()
    );

    let _ = writeln!(s, "## {}\n", lang.tr("Variabelen", "Variables").to_owned());
    let _ = writeln!(
        s,
        "| # | {} | {} | {} |",
        lang.tr("naam", "name").to_owned(),
        lang.tr("label", "label").to_owned(),
        lang.tr("type", "type").to_owned()
    );
    let _ = writeln!(s, "|---|---|---|---|");
    for (i, c) in cols.iter().enumerate() {
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} |",
            i + 1,
            code(&c.name),
            md(c.label.get(lang)),
            role_words(&c.role, lang)
        );
    }
    let _ = writeln!(s);

    let mut specials_of: Option<(String, Option<SpecialCodes>)> = None;
    for c in &cols {
        let _ = writeln!(s, "### {}\n", code(&c.name));
        let _ = writeln!(s, "- {}: {}", lang.tr("Label", "Label").to_owned(), text_both(&c.label, lang));
        let item = c.item.as_deref().and_then(|id| q.item(id));
        if let Some(item) = item {
            let data = set.column(q, &item.id);
            let _ = writeln!(s, "- {}: {}", lang.tr("Vraag", "Question").to_owned(), text_both(&item.text, lang));
            let _ = writeln!(
                s,
                "- {}: {}, {}",
                lang.tr("Vraag-id en soort", "Question id and kind").to_owned(),
                code(&item.id),
                kind_words(item, lang)
            );
            let _ =
                writeln!(s, "- {}: {}", lang.tr("Inhoud kolom", "Column holds").to_owned(), role_words(&c.role, lang));
            if let Some(cond) = &item.show_if {
                let _ = writeln!(
                    s,
                    "- {}: {}",
                    lang.tr("Gesteld als", "Asked if").to_owned(),
                    md(&condition_in_words(cond, q, lang))
                );
            }
            if item.reverse {
                let _ = writeln!(
                    s,
                    "- {}",
                    lang.tr(
                        "Omgekeerd geformuleerd (reverse keyed): hoge instemming = lage score op de schaal.",
                        "Reverse keyed: high agreement means a low score on the scale."
                    )
                    .to_owned()
                );
            }
            if item.required {
                let _ = writeln!(
                    s,
                    "- {}",
                    lang.tr("Verplicht als de vraag getoond wordt.", "Required when shown.").to_owned()
                );
            }
            if let ItemKind::Numeric { unit, min, max, integer } = &item.kind {
                if let Some(u) = unit {
                    let _ = writeln!(s, "- {}: {}", lang.tr("Eenheid", "Unit").to_owned(), md(u));
                }
                let lo = min.map_or_else(|| "-".to_owned(), fmt_num);
                let hi = max.map_or_else(|| "-".to_owned(), fmt_num);
                let _ = writeln!(
                    s,
                    "- {}: {lo} .. {hi}{}",
                    lang.tr("Bereik", "Range").to_owned(),
                    if *integer { lang.tr(", geheel getal", ", whole number").to_owned() } else { String::new() }
                );
            }
            if !item.missing.is_empty()
                && matches!(c.role, ColumnRole::Code | ColumnRole::Number | ColumnRole::ItemMissing)
            {
                let ms: Vec<String> =
                    item.missing.iter().map(|m| format!("{} = {}", m.code, md(m.label.get(lang)))).collect();
                let _ = writeln!(s, "- {}: {}", lang.tr("Ontbrekend-codes", "Missing codes").to_owned(), ms.join("; "));
            }
            if !c.role.is_text() {
                let sp = match &specials_of {
                    Some((id, sp)) if *id == item.id => *sp,
                    _ => {
                        let sp = data.and_then(|d| special_codes(item, d));
                        specials_of = Some((item.id.clone(), sp));
                        sp
                    }
                };
                let words = match (sp, &c.role) {
                    (Some(sp), ColumnRole::Code | ColumnRole::Number | ColumnRole::Selected { .. }) => format!(
                        "`NA` → {} ({}), {} → {} ({})",
                        sp.not_asked,
                        lang.tr("niet gesteld", "not asked").to_owned(),
                        lang.tr("leeg", "empty").to_owned(),
                        sp.unanswered,
                        lang.tr("niet beantwoord", "unanswered").to_owned()
                    ),
                    (Some(sp), _) => format!(
                        "`NA` → {} ({}), {} → {}",
                        sp.not_asked,
                        lang.tr("niet gesteld", "not asked").to_owned(),
                        lang.tr("leeg", "empty").to_owned(),
                        lang.tr("systeem-ontbrekend", "system-missing").to_owned()
                    ),
                    (None, _) => {
                        lang.tr("`NA` en leeg → systeem-ontbrekend", "`NA` and empty → system-missing").to_owned()
                    }
                };
                let _ = writeln!(s, "- SPSS: {words}");
            }
        } else {
            let _ =
                writeln!(s, "- {}: {}", lang.tr("Inhoud kolom", "Column holds").to_owned(), role_words(&c.role, lang));
        }
        let _ = writeln!(s);
        let _ = writeln!(
            s,
            "| {} | {} | n |",
            lang.tr("waarde", "value").to_owned(),
            lang.tr("betekenis", "meaning").to_owned()
        );
        let _ = writeln!(s, "|---|---|---|");
        for v in c.values.iter().filter(|v| !v.missing) {
            let _ = writeln!(s, "| {} | {} | {} |", v.value, md(v.label.get(lang)), v.count);
        }
        if c.values.iter().all(|v| v.missing) {
            let what = if c.role.is_text() {
                lang.tr("niet-lege tekst (inhoud niet getoond)", "non-empty text (contents not shown)").to_owned()
            } else {
                lang.tr("geldige waarde", "valid value").to_owned()
            };
            let _ = writeln!(s, "| | {what} | {} |", c.n_valid);
        }
        for v in c.values.iter().filter(|v| v.missing) {
            let _ = writeln!(
                s,
                "| {} | {} ({}) | {} |",
                v.value,
                md(v.label.get(lang)),
                lang.tr("ontbrekend", "missing").to_owned(),
                v.count
            );
        }
        let _ =
            writeln!(s, "| {} | {} | {} |", lang.tr("leeg", "empty").to_owned(), empty_words(&c.role, lang), c.n_empty);
        if c.item.is_some() {
            let _ = writeln!(s, "| NA | {} | {} |", lang.tr("niet gesteld", "not asked").to_owned(), c.n_not_asked);
        }
        let _ = writeln!(
            s,
            "\n{}: {} {}, {} {}, {} {}, {} {}.\n",
            lang.tr("Totaal", "Total").to_owned(),
            c.n_valid,
            lang.tr("geldig", "valid").to_owned(),
            c.n_missing,
            lang.tr("ontbrekend-code", "missing code").to_owned(),
            c.n_empty,
            lang.tr("leeg", "empty").to_owned(),
            c.n_not_asked,
            lang.tr("niet gesteld", "not asked").to_owned()
        );
    }

    let groups = groups(q);
    if !groups.is_empty() {
        let _ = writeln!(s, "## {}\n", lang.tr("Groepen van variabelen", "Groups of variables").to_owned());
        for g in &groups {
            let kind = match g.kind {
                GroupKind::MultipleResponse => lang
                    .tr(
                        "meerkeuzevraag (0/1 per optie; telwaarde 1)",
                        "multiple-response question (0/1 per option; counted value 1)",
                    )
                    .to_owned(),
                GroupKind::Ranking => {
                    lang.tr("rangordevraag (rang per optie)", "ranking question (rank per option)").to_owned()
                }
                GroupKind::Scale => lang.tr("schaal (Likert-items)", "scale (Likert items)").to_owned(),
            };
            let vars: Vec<String> = g.variables.iter().map(|v| code(v)).collect();
            let _ = writeln!(s, "- **{}** ({}; {kind}): {}", md(&g.id), text_both(&g.label, lang), vars.join(", "));
            if g.kind == GroupKind::Scale {
                let rev: Vec<String> =
                    g.variables.iter().filter(|v| q.item(v).is_some_and(|i| i.reverse)).map(|v| code(v)).collect();
                if !rev.is_empty() {
                    let _ = writeln!(
                        s,
                        "  - {}: {}",
                        lang.tr("omgekeerd gescoord", "reverse keyed").to_owned(),
                        rev.join(", ")
                    );
                }
            }
        }
        let _ = writeln!(s);
    }
    let _ =
        writeln!(s, "---\n{} lomonitor {}.", lang.tr("Gemaakt met", "Made with").to_owned(), env!("CARGO_PKG_VERSION"));
    out.write_all(s.as_bytes()).map_err(|e| Error::io("<codebook>", e))
}
