//! DDI Codebook 2.5 XML describing an exported response CSV, for data archives (DANS and others
//! that ingest DDI-C).
//!
//! Written with `quick-xml`, which escapes text and attributes. Structure (element order as the
//! DDI 2.5 schema requires):
//!
//! ```text
//! codeBook
//!   docDscr/citation            what wrote the codebook
//!   stdyDscr/citation           title, IDNo = instrument id + version, authoring and funding
//!   stdyDscr/stdyInfo/sumDscr   reference date, collection dates, nation
//!   fileDscr/fileTxt            file name, case and variable counts, text/csv, delimiter
//!   dataDscr
//!     varGrp*                   multiple-response groups, rankings, scales (var = IDREFS)
//!     var*                      one per CSV column: labl, qstn, valrng, invalrng, universe,
//!                               sumStat, txt, catgry (catValu, labl, catStat freq), varFormat
//! ```
//!
//! Open-text columns are counted (`sumStat type="vald"` is the number of non-empty texts); their
//! contents never appear.

use std::io::Write;

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

use crate::error::{Error, Result};
use crate::instrument::{ItemKind, Questionnaire, Text};
use crate::meta::{Language, StudyInfo};
use crate::responses::export::dictionary::{ColumnRole, GroupKind, condition_in_words, groups, style_parts, summarize};
use crate::responses::{CsvStyle, ResponseSet};

/// The DDI Codebook 2.5 namespace.
pub const DDI_NAMESPACE: &str = "ddi:codebook:2_5";

struct Xml {
    w: Writer<Vec<u8>>,
}

fn xml_err<E: std::fmt::Display>(e: E) -> Error {
    Error::io("<ddi>", std::io::Error::other(e.to_string()))
}

/// XML 1.0 forbids most control characters and U+FFFE/U+FFFF: [`crate::xml::strip_illegal`]
/// removes them (quick-xml escapes the markup).
fn clean(text: &str) -> String {
    crate::xml::strip_illegal(text).into_owned()
}

impl Xml {
    fn start(&mut self, name: &str, attrs: &[(&str, &str)]) -> Result<()> {
        let mut e = BytesStart::new(name);
        for (k, v) in attrs {
            e.push_attribute((*k, clean(v).as_str()));
        }
        self.w.write_event(Event::Start(e)).map_err(xml_err)
    }

    fn end(&mut self, name: &str) -> Result<()> {
        self.w.write_event(Event::End(BytesEnd::new(name))).map_err(xml_err)
    }

    fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) -> Result<()> {
        let mut e = BytesStart::new(name);
        for (k, v) in attrs {
            e.push_attribute((*k, clean(v).as_str()));
        }
        self.w.write_event(Event::Empty(e)).map_err(xml_err)
    }

    fn el(&mut self, name: &str, attrs: &[(&str, &str)], text: &str) -> Result<()> {
        self.start(name, attrs)?;
        let t = clean(text);
        self.w.write_event(Event::Text(BytesText::new(&t))).map_err(xml_err)?;
        self.end(name)
    }

    /// One element per language: Dutch, then English when given.
    fn el_text(&mut self, name: &str, attrs: &[(&str, &str)], text: &Text) -> Result<()> {
        let mut a = attrs.to_vec();
        a.push(("xml:lang", "nl"));
        self.el(name, &a, &text.nl)?;
        if let Some(en) = &text.en {
            let mut a = attrs.to_vec();
            a.push(("xml:lang", "en"));
            self.el(name, &a, en)?;
        }
        Ok(())
    }
}

/// An `xs:ID`-safe form of a string (letters, digits, `-`, `_`, `.`; starting with a letter).
fn ncname(s: &str) -> String {
    let mut out: String =
        s.chars().map(|c| if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') { c } else { '_' }).collect();
    if !out.chars().next().is_some_and(|c| c.is_ascii_alphabetic()) {
        out.insert(0, 'I');
    }
    out
}

/// Write a DDI Codebook 2.5 document describing the CSV `csv_file` written by
/// [`super::write_csv`] with `style`: the study (`info`, when known, else the questionnaire's
/// title), the file, and per column a `<var>` with labels, question text, routing (as
/// `<universe>`), valid range, missing codes (`<invalrng>` and `<catgry missing="Y">`), categories
/// with frequencies (`<catStat type="freq">`), counts of valid and invalid cells (`<sumStat>`),
/// and the format; `<varGrp>` for multiple-response groups, rankings and scales.
///
/// Variable ids are `V1`, `V2`, ... in column order; the file id is `F1`.
///
/// # Errors
/// [`Error::InvalidArgument`] when the set does not belong to `q`; [`Error::Io`] on write errors.
pub fn write_ddi<W: Write>(
    mut out: W,
    set: &ResponseSet,
    q: &Questionnaire,
    info: Option<&StudyInfo>,
    csv_file: &str,
    style: CsvStyle,
) -> Result<()> {
    let cols = summarize(set, q)?;
    let lang = info.map(|i| i.language).unwrap_or_default();
    let mut x = Xml { w: Writer::new_with_indent(Vec::new(), b' ', 2) };
    x.w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None))).map_err(xml_err)?;
    let id = ncname(&format!("{}-{}", q.id, q.version));
    x.start(
        "codeBook",
        &[
            ("xmlns", DDI_NAMESPACE),
            ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
            (
                "xsi:schemaLocation",
                "ddi:codebook:2_5 http://www.ddialliance.org/Specification/DDI-Codebook/2.5/XMLSchema/codebook.xsd",
            ),
            ("version", "2.5"),
            ("ID", &id),
            ("xml:lang", if lang == Language::En { "en" } else { "nl" }),
        ],
    )?;

    // docDscr: the codebook itself.
    x.start("docDscr", &[])?;
    x.start("citation", &[])?;
    x.start("titlStmt", &[])?;
    x.el("titl", &[], &format!("Codebook {csv_file} ({} {})", q.id, q.version))?;
    x.end("titlStmt")?;
    x.start("prodStmt", &[])?;
    x.el("software", &[("version", env!("CARGO_PKG_VERSION"))], "lomonitor")?;
    x.end("prodStmt")?;
    x.end("citation")?;
    x.end("docDscr")?;

    // stdyDscr
    x.start("stdyDscr", &[])?;
    x.start("citation", &[])?;
    x.start("titlStmt", &[])?;
    match info {
        Some(i) => {
            // Schema order: titl, subTitl*, altTitl*, parTitl*, IDNo*.
            x.el("titl", &[("xml:lang", "nl")], &i.title)?;
            x.el("altTitl", &[("xml:lang", "nl")], &q.title.nl)?;
            if let Some(en) = &i.title_en {
                x.el("parTitl", &[("xml:lang", "en")], en)?;
            }
        }
        None => {
            x.el("titl", &[("xml:lang", "nl")], &q.title.nl)?;
            if let Some(en) = &q.title.en {
                x.el("parTitl", &[("xml:lang", "en")], en)?;
            }
        }
    }
    x.el("IDNo", &[("agency", "lomonitor")], &format!("{} {}", q.id, q.version))?;
    x.end("titlStmt")?;
    if let Some(inst) = info.and_then(|i| i.institution.as_deref()) {
        x.start("rspStmt", &[])?;
        x.el("AuthEnty", &[], inst)?;
        x.end("rspStmt")?;
    }
    if let Some(fund) = info.and_then(|i| i.commissioned_by.as_deref()) {
        x.start("prodStmt", &[])?;
        x.el("fundAg", &[], fund)?;
        x.end("prodStmt")?;
    }
    x.start("verStmt", &[])?;
    x.el("version", &[], &q.version)?;
    x.end("verStmt")?;
    x.end("citation")?;
    x.start("stdyInfo", &[])?;
    x.start("sumDscr", &[])?;
    if let Some(i) = info {
        let d = i.reference_date.to_string();
        x.el("timePrd", &[("event", "single"), ("date", &d)], &d)?;
    }
    let dates: Vec<chrono::NaiveDate> =
        set.started.iter().chain(&set.submitted).filter_map(|t| t.map(|t| t.date())).collect();
    if let (Some(lo), Some(hi)) = (dates.iter().min(), dates.iter().max()) {
        let (lo, hi) = (lo.to_string(), hi.to_string());
        x.el("collDate", &[("event", "start"), ("date", &lo)], &lo)?;
        x.el("collDate", &[("event", "end"), ("date", &hi)], &hi)?;
    }
    x.el("nation", &[("abbr", "NL")], "Nederland")?;
    x.el("dataKind", &[], "survey data")?;
    x.end("sumDscr")?;
    x.end("stdyInfo")?;
    x.end("stdyDscr")?;

    // fileDscr
    let (delim, dec, enc) = style_parts(style);
    x.start("fileDscr", &[("ID", "F1"), ("URI", csv_file)])?;
    x.start("fileTxt", &[])?;
    x.el("fileName", &[], csv_file)?;
    x.el(
        "fileCont",
        &[],
        &format!("Responses to questionnaire {} version {}: one row per respondent.", q.id, q.version),
    )?;
    x.start("dimensns", &[])?;
    x.el("caseQnty", &[], &set.len().to_string())?;
    x.el("varQnty", &[], &cols.len().to_string())?;
    x.end("dimensns")?;
    x.el("fileType", &[], "text/csv")?;
    x.el(
        "format",
        &[],
        &format!(
            "delimited (RFC 4180): delimiter '{delim}', decimal separator '{dec}', {enc}; first line holds the variable names"
        ),
    )?;
    x.el(
        "dataMsng",
        &[],
        "NA: not asked (routing). Empty cell: seen but not answered (rank columns: not ranked; _missing columns: no missing code; text: no text). Declared missing codes (e.g. 97 don't know) are numbers in the data.",
    )?;
    x.el("software", &[("version", env!("CARGO_PKG_VERSION"))], "lomonitor")?;
    x.end("fileTxt")?;
    x.end("fileDscr")?;

    // dataDscr
    x.start("dataDscr", &[])?;
    let var_id = |name: &str| cols.iter().position(|c| c.name == name).map(|i| format!("V{}", i + 1));
    for (gi, g) in groups(q).iter().enumerate() {
        let ids: Vec<String> = g.variables.iter().filter_map(|v| var_id(v)).collect();
        let (ty, what) = match g.kind {
            GroupKind::MultipleResponse => ("multipleResp", "multiple-response question: one 0/1 variable per option"),
            GroupKind::Ranking => ("grid", "ranking question: the rank given to each option (empty = not ranked)"),
            GroupKind::Scale => ("analysis", "scale: Likert items combined into one score"),
        };
        let gid = format!("VG{}", gi + 1);
        let vars = ids.join(" ");
        x.start("varGrp", &[("ID", &gid), ("type", ty), ("var", &vars), ("name", &g.id)])?;
        x.el_text("labl", &[], &g.label)?;
        let mut t = what.to_owned();
        if g.kind == GroupKind::Scale {
            let rev: Vec<&str> =
                g.variables.iter().filter(|v| q.item(v).is_some_and(|i| i.reverse)).map(String::as_str).collect();
            if !rev.is_empty() {
                t.push_str(&format!("; reverse keyed: {}", rev.join(", ")));
            }
        }
        x.el("txt", &[], &t)?;
        x.end("varGrp")?;
    }

    for (i, c) in cols.iter().enumerate() {
        let item = c.item.as_deref().and_then(|id| q.item(id));
        let vid = format!("V{}", i + 1);
        let intrvl = if c.role == ColumnRole::Number { "contin" } else { "discrete" };
        x.start("var", &[("ID", &vid), ("name", &c.name), ("files", "F1"), ("intrvl", intrvl)])?;
        x.el_text("labl", &[("level", "variable")], &c.label)?;
        if let Some(item) = item {
            let domain = match (&c.role, &item.kind) {
                (ColumnRole::OtherText | ColumnRole::Text, _) => "text",
                (_, ItemKind::Multiple { .. }) => "multiple",
                (_, ItemKind::Numeric { .. }) => "numeric",
                (_, ItemKind::Ranking { .. }) => "other",
                _ => "category",
            };
            x.start("qstn", &[("xml:lang", "nl"), ("responseDomainType", domain)])?;
            x.el("qstnLit", &[], &item.text.nl)?;
            x.end("qstn")?;
            if let Some(en) = &item.text.en {
                x.start("qstn", &[("xml:lang", "en"), ("responseDomainType", domain)])?;
                x.el("qstnLit", &[], en)?;
                x.end("qstn")?;
            }
            if let (ColumnRole::Number, ItemKind::Numeric { min, max, integer, .. }) = (&c.role, &item.kind)
                && (min.is_some() || max.is_some())
            {
                let (lo, hi) = (min.map(|v| v.to_string()), max.map(|v| v.to_string()));
                let mut a: Vec<(&str, &str)> = vec![("UNITS", if *integer { "INT" } else { "REAL" })];
                if let Some(lo) = &lo {
                    a.push(("min", lo));
                }
                if let Some(hi) = &hi {
                    a.push(("max", hi));
                }
                x.start("valrng", &[])?;
                x.empty("range", &a)?;
                x.end("valrng")?;
            }
            let missing_codes: Vec<String> =
                c.values.iter().filter(|v| v.missing).map(|v| v.value.to_string()).collect();
            if !missing_codes.is_empty() || !c.role.is_text() || c.n_not_asked > 0 {
                x.start("invalrng", &[])?;
                for m in &missing_codes {
                    x.empty("item", &[("VALUE", m)])?;
                }
                x.empty("item", &[("VALUE", "NA")])?;
                x.end("invalrng")?;
            }
            if let Some(cond) = &item.show_if {
                let words = condition_in_words(cond, q, lang);
                let prefix = if lang == Language::En { "asked if" } else { "gesteld als" };
                x.el("universe", &[("clusion", "I")], &format!("{prefix}: {words}"))?;
            }
        }
        let n_valid = c.n_valid.to_string();
        let n_invalid = (c.n_missing + c.n_empty + c.n_not_asked).to_string();
        x.el("sumStat", &[("type", "vald")], &n_valid)?;
        x.el("sumStat", &[("type", "invd")], &n_invalid)?;
        let mut txt = match &c.role {
            ColumnRole::Meta => "Respondent metadata.".to_owned(),
            ColumnRole::Code => "Answer code.".to_owned(),
            ColumnRole::Selected { code } => format!("1 = option {code} selected, 0 = not selected."),
            ColumnRole::Rank { code } => format!("Rank given to option {code} (1 = first); empty = not ranked."),
            ColumnRole::ItemMissing => "Missing code of the question as a whole; empty = none.".to_owned(),
            ColumnRole::Number => "A number.".to_owned(),
            ColumnRole::OtherText => {
                "Text of the 'other, namely' option; contents not described here (privacy).".to_owned()
            }
            ColumnRole::Text => "Open answer; contents not described here (privacy).".to_owned(),
        };
        if item.is_some_and(|i| i.reverse) {
            txt.push_str(" Reverse keyed.");
        }
        if let Some(ItemKind::Numeric { unit: Some(u), .. }) = item.map(|i| &i.kind) {
            txt.push_str(&format!(" Unit: {u}."));
        }
        x.el("txt", &[], &txt)?;
        for v in &c.values {
            let attrs: &[(&str, &str)] = if v.missing { &[("missing", "Y")] } else { &[] };
            x.start("catgry", attrs)?;
            x.el("catValu", &[], &v.value.to_string())?;
            x.el_text("labl", &[("level", "category")], &v.label)?;
            x.el("catStat", &[("type", "freq")], &v.count.to_string())?;
            x.end("catgry")?;
        }
        if item.is_some() && !c.role.is_text() {
            x.start("catgry", &[("missing", "Y")])?;
            x.el("catValu", &[], "NA")?;
            x.el_text(
                "labl",
                &[("level", "category")],
                &Text { nl: "niet gesteld".into(), en: Some("not asked".into()) },
            )?;
            x.el("catStat", &[("type", "freq")], &c.n_not_asked.to_string())?;
            x.end("catgry")?;
        }
        let character = matches!(c.role, ColumnRole::Meta | ColumnRole::OtherText | ColumnRole::Text);
        x.empty("varFormat", &[("type", if character { "character" } else { "numeric" })])?;
        x.end("var")?;
    }
    x.end("dataDscr")?;
    x.end("codeBook")?;
    let mut bytes = x.w.into_inner();
    bytes.push(b'\n');
    out.write_all(&bytes).map_err(|e| Error::io("<ddi>", e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_ncnames() {
        assert_eq!(ncname("lo-gemeenten-1.0"), "lo-gemeenten-1.0");
        assert_eq!(ncname("1 x"), "I1_x");
    }
}
