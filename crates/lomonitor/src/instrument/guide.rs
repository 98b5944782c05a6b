//! The interview guide: topics with questions and probes.

use std::collections::HashSet;
use std::path::Path;

use serde::Deserialize;

use crate::error::{Error, Location, Result};
use crate::instrument::Text;
use crate::instrument::codebook::{Codebook, find_key_line};

/// One question of a topic, with its probes (doorvragen).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct GuideQuestion {
    /// The id, unique in the guide, e.g. `budget_use`.
    pub id: String,
    /// The question as asked.
    pub text: Text,
    /// Follow-up prompts, in order.
    pub probes: Vec<Text>,
}

/// A topic of the guide.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Topic {
    /// The id, unique in the guide.
    pub id: String,
    /// The title.
    pub title: Text,
    /// Suggested minutes, if given.
    pub minutes: Option<u16>,
    /// The codebook themes or codes the topic is expected to yield (checked against a codebook by
    /// [`InterviewGuide::check_codes`]).
    pub codes: Vec<String>,
    /// The questions, in order.
    pub questions: Vec<GuideQuestion>,
}

/// A semi-structured interview guide (gespreksleidraad): an introduction and topics with
/// questions and probes, bilingual.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct InterviewGuide {
    /// The id, e.g. `lo-interviews`.
    pub id: String,
    /// The version.
    pub version: String,
    /// The title.
    pub title: Text,
    /// What the interviewer says first (purpose, consent, recording), if given.
    pub introduction: Option<Text>,
    /// The topics, in order.
    pub topics: Vec<Topic>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    guide: RawHeader,
    #[serde(default)]
    topics: Vec<RawTopic>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHeader {
    id: String,
    version: String,
    title: String,
    #[serde(default)]
    title_en: Option<String>,
    #[serde(default)]
    introduction: Option<String>,
    #[serde(default)]
    introduction_en: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTopic {
    id: String,
    title: String,
    #[serde(default)]
    title_en: Option<String>,
    #[serde(default)]
    minutes: Option<u16>,
    #[serde(default)]
    codes: Vec<String>,
    #[serde(default)]
    questions: Vec<RawQuestion>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuestion {
    id: String,
    text: String,
    #[serde(default)]
    text_en: Option<String>,
    #[serde(default)]
    probes: Vec<String>,
    #[serde(default)]
    probes_en: Vec<String>,
}

impl InterviewGuide {
    /// Read a guide from a `.toml` or `.json` file (see `docs/interviews-format.md`).
    ///
    /// # Errors
    /// [`Error::Io`]; [`Error::Definition`] naming file, line and topic or question.
    pub fn load(path: &Path) -> Result<InterviewGuide> {
        let (text, json) = super::definition::read(path)?;
        if json { Self::from_json_str(&text, Some(path)) } else { Self::from_toml_str(&text, Some(path)) }
    }

    /// Parse TOML text.
    ///
    /// # Errors
    /// [`Error::Definition`]: a parse error or unknown key, a topic or question id that is empty
    /// or occurs twice, a topic without questions, English probes that do not match the Dutch
    /// ones in number.
    pub fn from_toml_str(text: &str, file: Option<&Path>) -> Result<InterviewGuide> {
        Self::from_raw(super::definition::from_toml(text, file)?, text, file)
    }

    /// Parse JSON text with the same structure as the TOML format.
    ///
    /// # Errors
    /// As [`InterviewGuide::from_toml_str`].
    pub fn from_json_str(text: &str, file: Option<&Path>) -> Result<InterviewGuide> {
        Self::from_raw(super::definition::from_json(text, file)?, text, file)
    }

    fn from_raw(raw: RawFile, source: &str, file: Option<&Path>) -> Result<InterviewGuide> {
        let at = |id: &str, nth: usize, key: &str, message: String| Error::Definition {
            location: Location {
                file: file.map(Path::to_path_buf),
                line: find_key_line(source, "id", id, nth),
                column: Some(key.to_owned()),
            },
            message,
        };
        let mut ids = HashSet::new();
        let mut topics = Vec::with_capacity(raw.topics.len());
        for t in raw.topics {
            if t.id.trim().is_empty() || !ids.insert(t.id.clone()) {
                return Err(at(&t.id, 1, "topics.id", format!("topic id {:?} is empty or occurs twice", t.id)));
            }
            if t.questions.is_empty() {
                return Err(at(&t.id, 0, "topics.questions", format!("topic {:?} has no questions", t.id)));
            }
            let mut questions = Vec::with_capacity(t.questions.len());
            for q in t.questions {
                if q.id.trim().is_empty() || !ids.insert(q.id.clone()) {
                    return Err(at(
                        &q.id,
                        1,
                        "topics.questions.id",
                        format!("question id {:?} is empty or occurs twice", q.id),
                    ));
                }
                if !q.probes_en.is_empty() && q.probes_en.len() != q.probes.len() {
                    return Err(at(
                        &q.id,
                        0,
                        "topics.questions.probes_en",
                        format!("{} English probes for {} probes", q.probes_en.len(), q.probes.len()),
                    ));
                }
                let mut en = q.probes_en.into_iter();
                let probes = q.probes.into_iter().map(|nl| Text { nl, en: en.next() }).collect();
                questions.push(GuideQuestion { id: q.id, text: Text { nl: q.text, en: q.text_en }, probes });
            }
            topics.push(Topic {
                id: t.id,
                title: Text { nl: t.title, en: t.title_en },
                minutes: t.minutes,
                codes: t.codes,
                questions,
            });
        }
        Ok(InterviewGuide {
            id: raw.guide.id,
            version: raw.guide.version,
            title: Text { nl: raw.guide.title, en: raw.guide.title_en },
            introduction: raw.guide.introduction.map(|nl| Text { nl, en: raw.guide.introduction_en }),
            topics,
        })
    }

    /// Check that every code a topic names is in the codebook.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] naming the topic and the unknown code.
    pub fn check_codes(&self, codebook: &Codebook) -> Result<()> {
        for t in &self.topics {
            if let Some(c) = t.codes.iter().find(|c| !codebook.contains(c)) {
                return Err(Error::InvalidArgument {
                    name: "interview guide",
                    message: format!("topic {:?} names code {c:?}, which is not in codebook {:?}", t.id, codebook.id),
                });
            }
        }
        Ok(())
    }

    /// Number of questions over all topics.
    pub fn n_questions(&self) -> usize {
        self.topics.iter().map(|t| t.questions.len()).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = r#"[guide]
id = "g"
version = "1"
title = "Leidraad"

[[topics]]
id = "budget"
title = "Budget"

[[topics.questions]]
id = "b1"
text = "Hoe groot is het budget?"
probes = ["Wordt het op?", "Wie beslist?"]
probes_en = ["Is it spent?", "Who decides?"]
"#;

    #[test]
    fn reads_topics_and_probes() {
        let g = InterviewGuide::from_toml_str(BASE, None).unwrap();
        assert_eq!(g.n_questions(), 1);
        let p = &g.topics[0].questions[0].probes[1];
        assert_eq!((p.nl.as_str(), p.get(crate::meta::Language::En)), ("Wie beslist?", "Who decides?"));
    }

    #[test]
    fn errors() {
        let e = InterviewGuide::from_toml_str(&BASE.replace("\"Who decides?\"", ""), Some(Path::new("g.toml")))
            .unwrap_err();
        assert_eq!(e.location().unwrap().line, Some(11), "{e}");
        let e = InterviewGuide::from_toml_str(&BASE.replace("id = \"b1\"", "id = \"budget\""), None).unwrap_err();
        assert!(e.to_string().contains("occurs twice"), "{e}");
        assert_eq!(e.location().unwrap().line, Some(11), "{e}");
    }
}
