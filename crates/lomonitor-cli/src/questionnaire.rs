//! `lomonitor questionnaire`: the questionnaire to and from survey platforms (LimeSurvey `.lss`,
//! Qualtrics `.qsf`), on [`lomonitor::instrument::platform`], and the draft written back as the
//! project's TOML definition format (`docs/instrument-format.md`).

use std::path::Path;

use lomonitor::instrument::platform::{self, CodeMap, Unmapped};
use lomonitor::instrument::{ItemKind, MissingCode, Questionnaire, Text};

use crate::{Failure, Outcome, load, to_json};

/// The platform of a `questionnaire` subcommand.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Platform {
    LimeSurvey,
    Qualtrics,
}

impl Platform {
    fn name(self) -> &'static str {
        match self {
            Platform::LimeSurvey => "LimeSurvey",
            Platform::Qualtrics => "Qualtrics",
        }
    }
}

/// The questionnaire of `source`: a questionnaire file (`.toml` or `.json`, not `study.toml`) or a
/// study folder (its `files.instrument`).
fn questionnaire_of(source: &Path) -> Result<Questionnaire, Failure> {
    let is_definition = source.is_file()
        && source.file_name().is_some_and(|n| n != lomonitor::study::STUDY_FILE)
        && source.extension().is_some_and(|e| e == "toml" || e == "json");
    if is_definition {
        return Ok(Questionnaire::load(source)?);
    }
    let study = load(source)?;
    study.questionnaire().cloned().ok_or_else(|| {
        Failure::Other(format!(
            "{}: the study names no questionnaire (files.instrument in study.toml)",
            study.root().join(lomonitor::study::STUDY_FILE).display()
        ))
    })
}

/// `to-limesurvey` / `to-qualtrics`: write the platform file and report the code map.
pub(crate) fn to_platform(platform: Platform, source: &Path, out: &Path) -> Result<Outcome, Failure> {
    let q = questionnaire_of(source)?;
    let (text, map): (String, CodeMap) = match platform {
        Platform::LimeSurvey => platform::to_limesurvey(&q, &Default::default()),
        Platform::Qualtrics => platform::to_qualtrics(&q),
    };
    lomonitor::io::write_atomic(out, |w| w.write_all(text.as_bytes()))?;
    let mut s = format!(
        "{} survey written: {} ({} items, questionnaire {} version {})\n",
        platform.name(),
        out.display(),
        q.items.len(),
        q.id,
        q.version
    );
    let renamed: Vec<_> = map.codes.iter().filter(|(id, code)| id != code).collect();
    if !renamed.is_empty() {
        s.push_str("item ids with another code on the platform (the platform's rules for codes):\n");
        for (id, code) in &renamed {
            s.push_str(&format!("  {id} -> {code}\n"));
        }
    }
    let json = serde_json::json!({
        "platform": platform.name(),
        "file": out,
        "items": q.items.len(),
        "codes": to_json(&map)?,
    });
    Ok(Outcome { text: s, json, findings: false })
}

/// `from-limesurvey` / `from-qualtrics`: read the platform file, write the draft questionnaire as
/// TOML and list what could not be mapped. Anything unmapped, or a draft that does not pass the
/// questionnaire's checks, is a finding (exit 1): the TOML is written all the same, for a person
/// to review.
pub(crate) fn from_platform(platform: Platform, source: &Path, out: &Path) -> Result<Outcome, Failure> {
    let bytes = std::fs::read(source).map_err(|e| lomonitor::Error::io(source, e))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        Failure::Other(format!("{}: not UTF-8 text (byte {})", source.display(), e.utf8_error().valid_up_to()))
    })?;
    let (draft, unmapped): (Questionnaire, Vec<Unmapped>) = match platform {
        Platform::LimeSurvey => platform::from_limesurvey(&text, Some(source))?,
        Platform::Qualtrics => platform::from_qualtrics(&text, Some(source))?,
    };
    let toml_text = to_toml(&draft)?;
    lomonitor::io::write_atomic(out, |w| w.write_all(toml_text.as_bytes()))?;
    // The draft is checked the way `lomonitor check` reads it.
    let check = Questionnaire::from_toml_str(&toml_text, Some(out)).err().map(|e| e.to_string());
    let mut s = format!(
        "draft questionnaire written: {} ({} items, from {} file {})\n",
        out.display(),
        draft.items.len(),
        platform.name(),
        source.display()
    );
    if unmapped.is_empty() {
        s.push_str("everything was mapped\n");
    } else {
        s.push_str(&format!("not mapped ({}), review the draft:\n", unmapped.len()));
        for u in &unmapped {
            s.push_str(&format!("  {} (type {}): {}\n", u.code, u.kind, u.reason));
        }
    }
    if let Some(e) = &check {
        s.push_str(&format!("the draft does not pass the questionnaire checks yet: {e}\n"));
    }
    let findings = !unmapped.is_empty() || check.is_some();
    let json = serde_json::json!({
        "platform": platform.name(),
        "file": out,
        "items": draft.items.len(),
        "unmapped": to_json(&unmapped)?,
        "check_error": check,
    });
    Ok(Outcome { text: s, json, findings })
}

// ---- the questionnaire as TOML, in the shape `Questionnaire::from_toml_str` reads ----

#[derive(serde::Serialize)]
struct File {
    instrument: Header,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    missing: Vec<Missing>,
    items: Vec<ItemOut>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    scales: Vec<ScaleOut>,
}

#[derive(serde::Serialize)]
struct Header {
    id: String,
    version: String,
    title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    title_en: Option<String>,
}

#[derive(serde::Serialize)]
struct Missing {
    code: i32,
    label: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    label_en: Option<String>,
}

#[derive(serde::Serialize, Default)]
struct ItemOut {
    id: String,
    kind: &'static str,
    text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    text_en: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    label: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    label_en: Option<String>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    required: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    show_if: Option<String>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    reverse: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    other: Option<i32>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    exclusive: Vec<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    points: Option<u8>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    labels: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    labels_en: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    unit: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    min: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    max: Option<f64>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    integer: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    top: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    instrument_missing: Option<bool>,
    // Tables last: TOML writes arrays of tables after the plain keys.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    options: Vec<Missing>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    missing: Vec<Missing>,
}

#[derive(serde::Serialize)]
struct ScaleOut {
    id: String,
    label: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    label_en: Option<String>,
    items: Vec<String>,
}

fn coded(code: i32, t: &Text) -> Missing {
    Missing { code, label: t.nl.clone(), label_en: t.en.clone() }
}

fn missing_of(m: &MissingCode) -> Missing {
    coded(m.code, &m.label)
}

/// The questionnaire in the TOML definition format: the instrument's missing codes once, an
/// item's own missing codes on the item, `instrument_missing = false` where the item does not take
/// the instrument's.
pub(crate) fn to_toml(q: &Questionnaire) -> Result<String, Failure> {
    let mut items = Vec::with_capacity(q.items.len());
    for item in &q.items {
        let mut out = ItemOut {
            id: item.id.clone(),
            kind: item.kind.name(),
            text: item.text.nl.clone(),
            text_en: item.text.en.clone(),
            label: item.label.as_ref().map(|l| l.nl.clone()),
            label_en: item.label.as_ref().and_then(|l| l.en.clone()),
            required: item.required,
            show_if: item.show_if.as_ref().map(ToString::to_string),
            reverse: item.reverse,
            ..ItemOut::default()
        };
        // Item.missing holds the instrument's codes (when applied) and the item's own.
        let takes_instrument = q.missing.iter().all(|m| item.missing.contains(m));
        out.instrument_missing = (!q.missing.is_empty() && !takes_instrument).then_some(false);
        out.missing =
            item.missing.iter().filter(|m| !(takes_instrument && q.missing.contains(m))).map(missing_of).collect();
        match &item.kind {
            ItemKind::Single { options, other } => {
                out.options = options.iter().map(|o| coded(o.code, &o.label)).collect();
                out.other = *other;
            }
            ItemKind::Multiple { options, other, exclusive } => {
                out.options = options.iter().map(|o| coded(o.code, &o.label)).collect();
                out.other = *other;
                out.exclusive.clone_from(exclusive);
            }
            ItemKind::Likert { points, labels } => {
                out.points = Some(*points);
                out.labels = labels.iter().map(|l| l.nl.clone()).collect();
                if labels.iter().any(|l| l.en.is_some()) {
                    out.labels_en = labels.iter().map(|l| l.en.clone().unwrap_or_else(|| l.nl.clone())).collect();
                }
            }
            ItemKind::Numeric { unit, min, max, integer } => {
                out.unit.clone_from(unit);
                out.min = *min;
                out.max = *max;
                out.integer = *integer;
            }
            ItemKind::Ranking { options, top } => {
                out.options = options.iter().map(|o| coded(o.code, &o.label)).collect();
                out.top = Some(*top);
            }
            ItemKind::Open => {}
        }
        items.push(out);
    }
    let file = File {
        instrument: Header {
            id: q.id.clone(),
            version: q.version.clone(),
            title: q.title.nl.clone(),
            title_en: q.title.en.clone(),
        },
        missing: q.missing.iter().map(missing_of).collect(),
        items,
        scales: q
            .scales
            .iter()
            .map(|s| ScaleOut {
                id: s.id.clone(),
                label: s.label.nl.clone(),
                label_en: s.label.en.clone(),
                items: s.items.clone(),
            })
            .collect(),
    };
    let body =
        toml::to_string(&file).map_err(|e| Failure::Other(format!("cannot write the questionnaire as TOML: {e}")))?;
    Ok(format!(
        "# Draft questionnaire written by `lomonitor questionnaire` (format: docs/instrument-format.md).\n\
         # Review it, then name it in study.toml (files.instrument) and run `lomonitor check`.\n\n{body}"
    ))
}
