//! SPSS syntax (`.sps`) that reads an exported response CSV with its labels, missing values,
//! measurement levels and multiple-response sets. Tested with GNU PSPP.
//!
//! Every item column is read as text first and then converted with `RECODE ... (CONVERT)`, so
//! that `NA` (not asked) and empty cells (seen but unanswered) become two distinct codes declared
//! user-missing ([`SpecialCodes`]) instead of both becoming system-missing. The codes are -8
//! ("niet gesteld") and -9 ("niet beantwoord") where SPSS's limit of three missing values (or one
//! range and one value) allows; otherwise the two codes just above (or below) the item's declared
//! missing codes, so that one range covers them all.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::io::Write;

use crate::error::{Error, Result};
use crate::instrument::{Item, ItemKind, Questionnaire};
use crate::meta::Language;
use crate::responses::export::dictionary::*;
use crate::responses::export::dictionary::{ColumnRole, ColumnSummary, GroupKind, groups, summarize};
use crate::responses::values::neutralise;
use crate::responses::{ANSWERED, CsvStyle, ItemData, ResponseSet};
const RESERVED: [&str; 13] = ["ALL", "AND", "BY", "EQ", "GE", "GT", "LE", "LT", "NE", "NOT", "OR", "TO", "WITH"];

/// Whether a name is a valid SPSS variable name (letters, digits, `_`, at most 64 bytes, starting
/// with a letter, not a reserved word).
fn valid_spss_name(name: &str) -> bool {
    name.len() <= 64
        && name.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !RESERVED.iter().any(|r| r.eq_ignore_ascii_case(name))
}

/// A quoted SPSS string: single quotes doubled, line breaks as spaces, cut to `max_bytes`, split
/// into pieces joined with `+` so no syntax line gets long.
fn quote(text: &str, max_bytes: usize) -> String {
    let mut clean = String::with_capacity(text.len());
    for ch in text.chars() {
        let ch = if ch.is_control() { ' ' } else { ch };
        if clean.len() + ch.len_utf8() > max_bytes {
            break;
        }
        clean.push(ch);
    }
    let chars: Vec<char> = clean.chars().collect();
    let pieces: Vec<String> =
        chars.chunks(60).map(|c| format!("'{}'", c.iter().collect::<String>().replace('\'', "''"))).collect();
    if pieces.is_empty() { "''".to_owned() } else { pieces.join(" +\n    ") }
}

/// A one-line comment (ends with a period; no line breaks inside).
fn comment(text: &str) -> String {
    let t: String = text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    format!("* {}.\n", t.trim_end_matches('.'))
}

/// How a column is read and typed.
struct SpssVar<'a> {
    col: &'a ColumnSummary,
    /// The name read by GET DATA (a temporary name for columns converted to numbers).
    read_name: String,
    /// Width of the text read, in bytes.
    read_width: usize,
    /// Numeric format (width, decimals), `None` for string variables.
    numeric: Option<(usize, usize)>,
    specials: Option<SpecialCodes>,
}

fn level_of(col: &ColumnSummary, item: Option<&Item>) -> &'static str {
    match (&col.role, item.map(|i| &i.kind)) {
        (ColumnRole::Code, Some(ItemKind::Likert { .. })) | (ColumnRole::Rank { .. }, _) => "ORDINAL",
        (ColumnRole::Number, _) => "SCALE",
        _ => "NOMINAL",
    }
}

/// Write SPSS syntax that reads the CSV written by [`super::write_csv`] with `style` from
/// `csv_file` (a path as SPSS should see it; relative paths resolve against SPSS's working
/// folder) and gives it variable and value labels (in `lang`, Dutch when no English is given),
/// missing values, measurement levels and multiple-response sets.
///
/// `NA` and empty cells are recoded into [`SpecialCodes`] declared user-missing, per item; text
/// columns stay text (`NA` declared missing in open answers). Timestamps are read as text
/// (`A19`, `yyyy-mm-dd hh:mm:ss`).
///
/// # Errors
/// [`Error::InvalidArgument`] when the set does not belong to `q`, or a column name is not a
/// valid SPSS name (more than 64 bytes, a reserved word such as `TO`, or equal to another name
/// but for case); [`Error::Io`] on write errors.
pub fn write_spss<W: Write>(
    mut out: W,
    set: &ResponseSet,
    q: &Questionnaire,
    csv_file: &str,
    style: CsvStyle,
    lang: Language,
) -> Result<()> {
    let cols = summarize(set, q)?;
    let en = lang == Language::En;
    let mut seen = HashSet::new();
    for c in &cols {
        if !valid_spss_name(&c.name) || !seen.insert(c.name.to_ascii_uppercase()) {
            return Err(Error::InvalidArgument {
                name: "questionnaire",
                message: format!(
                    "column {:?} is not a valid SPSS variable name (at most 64 bytes, not a reserved word, unique regardless of case)",
                    c.name
                ),
            });
        }
    }
    let n = set.len();
    let num = |v: f64| {
        let s = v.to_string();
        if style == CsvStyle::DutchExcel { s.replace('.', ",") } else { s }
    };
    let tmp_prefix = {
        let mut p = String::from("lotmp_");
        while seen.iter().any(|s| s.starts_with(&p.to_ascii_uppercase())) {
            p.insert(0, 'x');
        }
        p
    };

    let mut vars: Vec<SpssVar<'_>> = Vec::with_capacity(cols.len());
    for (i, c) in cols.iter().enumerate() {
        let item = c.item.as_deref().and_then(|id| q.item(id));
        let data = item.and_then(|it| set.column(q, &it.id));
        let text_width = |texts: &mut dyn Iterator<Item = usize>| texts.max().unwrap_or(1).max(1);
        let codes_width = || {
            let mut w = c.values.iter().map(|v| v.value.to_string().len()).max().unwrap_or(1);
            if c.n_not_asked > 0 {
                w = w.max(2);
            }
            w
        };
        let v = match (&c.role, item, data) {
            (ColumnRole::Meta, _, _) => {
                let w = match c.name.as_str() {
                    "respondent_id" => text_width(&mut set.respondent_id.iter().map(|s| neutralise(s).len())),
                    "unit" => text_width(&mut set.unit.iter().map(|u| u.to_string().len())),
                    "status" => text_width(&mut set.status.iter().map(|s| s.as_str().len())),
                    "started" | "submitted" => 19,
                    _ => set.instrument_version.len().max(1),
                };
                SpssVar { col: c, read_name: c.name.clone(), read_width: w, numeric: None, specials: None }
            }
            (ColumnRole::OtherText | ColumnRole::Text, Some(_), Some(d)) => {
                let texts: Vec<&String> = match d {
                    ItemData::Coded { other_text: Some(t), .. } | ItemData::Multiple { other_text: Some(t), .. } => {
                        t.iter().collect()
                    }
                    ItemData::Open { text, .. } => text.iter().collect(),
                    _ => Vec::new(),
                };
                let w = text_width(&mut texts.iter().map(|t| neutralise(t).len())).max(2);
                SpssVar { col: c, read_name: c.name.clone(), read_width: w, numeric: None, specials: None }
            }
            (_, Some(it), Some(d)) => {
                let specials = special_codes(it, d);
                let (read_width, width, decimals) = match d {
                    ItemData::Numeric { state, values } => {
                        let answered: Vec<String> =
                            state.iter().zip(values).filter(|(s, _)| **s == ANSWERED).map(|(_, v)| num(*v)).collect();
                        let w = answered.iter().map(String::len).max().unwrap_or(1).max(codes_width()).max(2);
                        let dec = answered
                            .iter()
                            .filter_map(|s| s.split_once([',', '.']).map(|(_, f)| f.len()))
                            .max()
                            .unwrap_or(0)
                            .min(16);
                        let int =
                            answered.iter().map(|s| s.split([',', '.']).next().map_or(1, str::len)).max().unwrap_or(1);
                        (w, (int.max(4) + dec + 2).clamp(8, 40), dec)
                    }
                    _ => (codes_width().max(2), 8, 0),
                };
                SpssVar {
                    col: c,
                    read_name: format!("{tmp_prefix}{}", i + 1),
                    read_width,
                    numeric: Some((width, decimals)),
                    specials,
                }
            }
            _ => SpssVar { col: c, read_name: c.name.clone(), read_width: 1, numeric: None, specials: None },
        };
        vars.push(v);
    }

    let (delim, _, enc) = crate::responses::export::dictionary::style_parts(style);
    let mut s = String::new();
    s.push_str("* Encoding: UTF-8.\n");
    s.push_str(&comment(&format!(
        "{} {} ({} {}): {} {csv_file}",
        if en { "Questionnaire" } else { "Vragenlijst" },
        q.id,
        if en { "version" } else { "versie" },
        q.version,
        if en { "SPSS syntax for" } else { "SPSS-syntax voor" },
    )));
    s.push_str(&comment(&format!(
        "Written by lomonitor {}: {n} respondents, {} variables; delimiter {delim}, {enc}",
        env!("CARGO_PKG_VERSION"),
        cols.len()
    )));
    s.push_str(&comment("Run from the folder that holds the CSV, or first set the folder with CD 'path/to/folder'"));
    s.push_str(&comment(
        "NA (niet gesteld, not asked) and empty cells (niet beantwoord, unanswered) become distinct user-missing codes per variable, see VALUE LABELS and MISSING VALUES",
    ));
    // GET DATA reads one line per case: a text with a line break would split its row.
    for (item, data) in q.items.iter().zip(&set.items) {
        let texts = match data {
            ItemData::Open { text, .. } => Some(text),
            ItemData::Coded { other_text, .. } | ItemData::Multiple { other_text, .. } => other_text.as_ref(),
            _ => None,
        };
        let broken = texts.map_or(0, |t| t.iter().filter(|t| t.contains(['\n', '\r'])).count());
        if broken > 0 {
            s.push_str(&comment(&format!(
                "WARNING: {broken} text(s) of {} contain a line break; SPSS reads one line per case, so replace the line breaks in the CSV before running this syntax",
                item.id
            )));
        }
    }
    s.push_str("SET DECIMAL=DOT.\n\nGET DATA\n  /TYPE=TXT\n");
    let _ = writeln!(s, "  /FILE={}", quote(csv_file, usize::MAX));
    let _ = writeln!(
        s,
        "  /ENCODING='UTF8'\n  /DELIMITERS=\"{delim}\"\n  /QUALIFIER='\"'\n  /ARRANGEMENT=DELIMITED\n  /FIRSTCASE=2\n  /VARIABLES="
    );
    for v in &vars {
        let _ = writeln!(s, "    {} A{}", v.read_name, v.read_width.min(32767));
    }
    s.push_str(".\n\n");

    for v in vars.iter().filter(|v| v.numeric.is_some()) {
        if style == CsvStyle::DutchExcel && v.col.role == ColumnRole::Number {
            let _ = writeln!(s, "COMPUTE {0} = REPLACE({0}, ',', '.').", v.read_name);
        }
        let (na, empty) = match (&v.col.role, v.specials) {
            (ColumnRole::Code | ColumnRole::Number | ColumnRole::Selected { .. }, Some(sp)) => {
                (sp.not_asked.to_string(), sp.unanswered.to_string())
            }
            (_, Some(sp)) => (sp.not_asked.to_string(), "SYSMIS".to_owned()),
            (_, None) => ("SYSMIS".to_owned(), "SYSMIS".to_owned()),
        };
        let _ = writeln!(s, "RECODE {} ('NA'={na}) (' '={empty}) (CONVERT) INTO {}.", v.read_name, v.col.name);
    }
    s.push_str("FORMATS");
    for v in &vars {
        if let Some((w, d)) = v.numeric {
            let _ = write!(s, "\n  {} (F{w}.{d})", v.col.name);
        }
    }
    s.push_str(".\nEXECUTE.\n\nMATCH FILES /FILE=*\n  /KEEP=");
    for v in &vars {
        let _ = write!(s, "\n    {}", v.col.name);
    }
    s.push_str(".\nEXECUTE.\n\nVARIABLE LABELS");
    for (i, v) in vars.iter().enumerate() {
        let _ = write!(s, "\n  {}{} {}", if i > 0 { "/" } else { "" }, v.col.name, quote(v.col.label.get(lang), 255));
    }
    s.push_str(".\n\n");

    let (w_na, w_un) = if en { ("not asked", "unanswered") } else { ("niet gesteld", "niet beantwoord") };
    let mut labelled = Vec::new();
    for v in vars.iter().filter(|v| v.numeric.is_some()) {
        let mut labels: Vec<(i32, String)> =
            v.col.values.iter().map(|x| (x.value, x.label.get(lang).to_owned())).collect();
        if let Some(sp) = v.specials {
            labels.push((sp.not_asked, w_na.to_owned()));
            if matches!(v.col.role, ColumnRole::Code | ColumnRole::Number | ColumnRole::Selected { .. }) {
                labels.push((sp.unanswered, w_un.to_owned()));
            }
        }
        if !labels.is_empty() {
            labelled.push((v, labels));
        }
    }
    if !labelled.is_empty() {
        s.push_str("VALUE LABELS");
        for (i, (v, labels)) in labelled.iter().enumerate() {
            let _ = write!(s, "\n  {}{}", if i > 0 { "/" } else { "" }, v.col.name);
            for (code, label) in labels {
                let _ = write!(s, "\n    {code} {}", quote(label, 120));
            }
        }
        s.push_str(".\n\n");
    }

    let mut missing_lines = Vec::new();
    for v in &vars {
        let item = v.col.item.as_deref().and_then(|id| q.item(id));
        if v.col.role == ColumnRole::Text && v.col.n_not_asked > 0 {
            missing_lines.push(format!("{} ('NA')", v.col.name));
            continue;
        }
        let (Some(item), Some(_)) = (item, v.numeric) else { continue };
        let mut d: Vec<i32> = match v.col.role {
            ColumnRole::Code | ColumnRole::Number => item.missing.iter().map(|m| m.code).collect(),
            _ => Vec::new(),
        };
        if let Some(sp) = v.specials {
            d.push(sp.not_asked);
            if matches!(v.col.role, ColumnRole::Code | ColumnRole::Number | ColumnRole::Selected { .. }) {
                d.push(sp.unanswered);
            }
        }
        let valid = set.column(q, &item.id).and_then(|data| valid_of(item, data));
        match valid.as_ref().and_then(|valid| MissingSpec::fit(&d, valid)) {
            Some(spec) => missing_lines.push(format!("{} ({})", v.col.name, spec.syntax())),
            None if !d.is_empty() => {
                // More declared codes than SPSS can hold: declare the first three.
                d.sort_unstable();
                d.dedup();
                d.truncate(3);
                let list: Vec<String> = d.iter().map(i32::to_string).collect();
                missing_lines.push(format!("{} ({})", v.col.name, list.join(", ")));
            }
            None => {}
        }
    }
    if !missing_lines.is_empty() {
        s.push_str("MISSING VALUES");
        for (i, l) in missing_lines.iter().enumerate() {
            let _ = write!(s, "\n  {}{l}", if i > 0 { "/" } else { "" });
        }
        s.push_str(".\n\n");
    }

    s.push_str("VARIABLE LEVEL");
    let mut first = true;
    for level in ["NOMINAL", "ORDINAL", "SCALE"] {
        let names: Vec<&str> = vars
            .iter()
            .filter(|v| level_of(v.col, v.col.item.as_deref().and_then(|id| q.item(id))) == level)
            .map(|v| v.col.name.as_str())
            .collect();
        if names.is_empty() {
            continue;
        }
        let _ = write!(s, "\n  {}", if first { "" } else { "/" });
        first = false;
        for chunk in names.chunks(6) {
            let _ = write!(s, "{}\n    ", chunk.join(" "));
        }
        let _ = write!(s, "({level})");
    }
    s.push_str(".\n\n");

    for g in groups(q) {
        match g.kind {
            GroupKind::MultipleResponse => {
                let name = format!("${}", g.id);
                if name.len() > 64 {
                    s.push_str(&comment(&format!("Multiple-response set of {} left out: the name is too long", g.id)));
                    continue;
                }
                let vars: Vec<String> = g.variables.chunks(6).map(|c| c.join(" ")).collect();
                let _ = writeln!(
                    s,
                    "MRSETS /MDGROUP NAME={name}\n  LABEL={}\n  CATEGORYLABELS=VARLABELS\n  VARIABLES={}\n  VALUE=1.",
                    quote(g.label.get(lang), 255),
                    vars.join("\n    ")
                );
            }
            GroupKind::Ranking => {
                s.push_str(&comment(&format!(
                    "Ranking {}: rank per option in {} (1 = first; system-missing = not ranked)",
                    g.id,
                    g.variables.join(" ")
                )));
            }
            GroupKind::Scale => {
                s.push_str(&comment(&format!("Scale {}: items {}", g.id, g.variables.join(" "))));
                for it in g.variables.iter().filter_map(|v| q.item(v)).filter(|i| i.reverse) {
                    if let ItemKind::Likert { points, .. } = it.kind {
                        let pairs: Vec<String> = (1..=points).map(|k| format!("({k}={})", points + 1 - k)).collect();
                        s.push_str(&comment(&format!(
                            "{} is reverse keyed; to score it: RECODE {} {} INTO {}_r",
                            it.id,
                            it.id,
                            pairs.join(""),
                            it.id
                        )));
                    }
                }
            }
        }
    }
    s.push_str("\nEXECUTE.\n");
    out.write_all(s.as_bytes()).map_err(|e| Error::io("<sps>", e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_doubles_single_quotes_and_splits() {
        assert_eq!(quote("it's", 255), "'it''s'");
        let long = "a".repeat(130);
        let q = quote(&long, 255);
        assert_eq!(q.matches(" +\n").count(), 2);
        assert_eq!(quote("ééé", 4), "'éé'");
        assert_eq!(quote("a\nb", 255), "'a b'");
    }

    #[test]
    fn missing_specs_fit_spss_limits() {
        let codes = Valid::Codes(vec![1, 2, 3, 4]);
        let s = MissingSpec::fit(&[97, 98, 99, 100, 101], &codes).unwrap();
        assert_eq!(s.syntax(), "97 THRU 101");
        assert!(MissingSpec::fit(&[97, 98, 99, -8, -9], &codes).is_none());
        assert_eq!(MissingSpec::fit(&[-1, -8, -9], &codes).unwrap().syntax(), "-9, -8, -1");
        let s = MissingSpec::fit(&[-9, -8, -7, 97], &codes).unwrap();
        assert_eq!(s.syntax(), "-9 THRU -7, 97");
    }

    #[test]
    fn names() {
        assert!(valid_spss_name("q01_3"));
        assert!(!valid_spss_name("to"));
        assert!(!valid_spss_name(&"a".repeat(65)));
    }
}
