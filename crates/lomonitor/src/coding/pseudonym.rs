//! Pseudonymising quotes: municipality names (and any names the team lists) replaced by labels.

use std::collections::HashMap;

use crate::frame::{Frame, Stratification, strip_cbs_suffix};

/// Everyday names that differ from the CBS name, with the CBS code they stand for.
const EVERYDAY: &[(&str, &str)] = &[
    ("Den Bosch", "GM0796"),
    ("Hertogenbosch", "GM0796"),
    ("Den Haag", "GM0518"),
    ("The Hague", "GM0518"),
    ("Nuenen", "GM0820"),
];

/// Replaces names in quotes before they reach any output.
///
/// Municipality names are found as the frame has them, without CBS's province suffix
/// (`Bergen (NH.)` -> `Bergen`), with hyphens or spaces (`Súdwest-Fryslân`, `Súdwest Fryslân`),
/// with any apostrophe form and the everyday forms (`'s-Hertogenbosch`, `’s-Hertogenbosch`,
/// `s-Hertogenbosch`, `Den Bosch`; `'s-Gravenhage`, `Den Haag`). A name matches as a whole word,
/// case-insensitively except that a name written with a capital must start with one in the quote
/// (so the town Best is replaced and the word "best" is not); the longest name wins
/// (`Bergen op Zoom` before `Bergen`). A municipality name is replaced by
/// `[gemeente, <stratum label>]` (`[municipality, ...]` in English); a name shared by
/// municipalities of different strata by `[gemeente]`. Note that province names equal to a
/// municipality's (Groningen, Utrecht) are replaced too: pseudonymisation errs on the safe side.
///
/// People's names do not belong in codings at all (interviewers and coders are initials, checked
/// on reading); names that slip into transcripts, and villages or organisation names that would
/// identify a municipality, are listed with [`Pseudonymiser::with_names`].
///
/// ```
/// use lomonitor::{Frame, SizeClasses, Stratification};
/// use lomonitor::coding::Pseudonymiser;
/// let frame = Frame::embedded();
/// let strata = Stratification::parse("size_class", SizeClasses::default())?;
/// let p = Pseudonymiser::municipalities(&frame, &strata, false);
/// assert_eq!(p.apply("In Den Bosch doen we dat best anders."), "In [gemeente, ≥ 100.000] doen we dat best anders.");
/// # Ok::<(), lomonitor::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Pseudonymiser {
    /// (name as written, replacement), longest name first.
    patterns: Vec<(String, String)>,
}

impl Pseudonymiser {
    /// A pseudonymiser that replaces nothing (yet): quotes pass unchanged unless names are added.
    pub fn none() -> Self {
        Self::default()
    }

    /// Replace every municipality name of the frame by its stratum label.
    pub fn municipalities(frame: &Frame, stratification: &Stratification, english: bool) -> Self {
        let labels: HashMap<String, String> = stratification
            .counts_with_labels(frame, english)
            .into_iter()
            .map(|c| (c.stratum.key, c.stratum.label))
            .collect();
        let word = if english { "municipality" } else { "gemeente" };
        let mut by_name: HashMap<String, (String, String)> = HashMap::new(); // folded -> (written, replacement)
        let mut add = |name: &str, replacement: String| {
            let mut variants = vec![name.to_owned()];
            if name.contains('-') {
                variants.push(name.replace('-', " "));
            }
            if let Some(rest) = name.strip_prefix("'s-") {
                variants.push(format!("s-{rest}"));
                variants.push(format!("'s {rest}"));
            }
            for v in variants {
                let key = fold(&v);
                match by_name.get_mut(&key) {
                    Some(existing) if existing.1 != replacement => existing.1 = format!("[{word}]"),
                    Some(_) => {}
                    None => {
                        by_name.insert(key, (v, replacement.clone()));
                    }
                }
            }
        };
        let mut label_of = HashMap::new();
        for m in frame.iter() {
            let label = labels.get(&stratification.key_of(m)).cloned().unwrap_or_default();
            let replacement = format!("[{word}, {label}]");
            label_of.insert(m.code, replacement.clone());
            add(&m.name, replacement.clone());
            let short = strip_cbs_suffix(&m.name);
            if short != m.name {
                add(short, replacement);
            }
        }
        for (alias, code) in EVERYDAY {
            if let Ok(code) = crate::frame::MunicipalityCode::new(code)
                && let Some(r) = label_of.get(&code)
            {
                add(alias, r.clone());
            }
        }
        let mut patterns: Vec<(String, String)> = by_name.into_values().collect();
        sort(&mut patterns);
        Self { patterns }
    }

    /// Also replace these names (people, villages, organisations) by `replacement`, e.g. `[naam]`.
    #[must_use]
    pub fn with_names<S: AsRef<str>>(mut self, names: &[S], replacement: &str) -> Self {
        for n in names {
            let n = n.as_ref().trim();
            if !n.is_empty() {
                self.patterns.push((n.to_owned(), replacement.to_owned()));
            }
        }
        sort(&mut self.patterns);
        self
    }

    /// The text with every listed name replaced.
    pub fn apply(&self, text: &str) -> String {
        if self.patterns.is_empty() {
            return text.to_owned();
        }
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let mut out = String::with_capacity(text.len());
        let mut i = 0;
        while let Some(&(_, c)) = chars.get(i) {
            let at_word_start = i == 0 || chars.get(i - 1).is_none_or(|&(_, p)| !p.is_alphanumeric());
            let hit = if at_word_start {
                self.patterns
                    .iter()
                    .find_map(|(name, replacement)| matches_at(&chars, i, name).map(|len| (len, replacement)))
            } else {
                None
            };
            match hit {
                Some((len, replacement)) => {
                    out.push_str(replacement);
                    i += len;
                }
                None => {
                    out.push(c);
                    i += 1;
                }
            }
        }
        out
    }
}

fn sort(patterns: &mut [(String, String)]) {
    patterns.sort_by(|a, b| b.0.chars().count().cmp(&a.0.chars().count()).then_with(|| a.0.cmp(&b.0)));
}

fn fold_char(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '`' | '\u{b4}' | '\u{2bc}' => '\'',
        _ => c.to_lowercase().next().unwrap_or(c),
    }
}

fn fold(s: &str) -> String {
    s.chars().map(fold_char).collect()
}

/// The number of chars of `name` matched at `chars[i..]`, when it matches as a whole word.
fn matches_at(chars: &[(usize, char)], i: usize, name: &str) -> Option<usize> {
    let mut n = 0;
    for (k, nc) in name.chars().enumerate() {
        let &(_, tc) = chars.get(i + k)?;
        if fold_char(tc) != fold_char(nc) {
            return None;
        }
        if k == 0 && nc.is_uppercase() && !tc.is_uppercase() {
            return None;
        }
        n += 1;
    }
    if chars.get(i + n).is_some_and(|&(_, c)| c.is_alphanumeric()) {
        return None;
    }
    Some(n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::frame::SizeClasses;

    #[test]
    fn replaces_names_not_words() {
        let f = Frame::embedded();
        let s = Stratification::parse("size_class", SizeClasses::default()).unwrap();
        let p = Pseudonymiser::municipalities(&f, &s, false).with_names(&["Jansen"], "[naam]");
        assert_eq!(
            p.apply("Best is klein; het best werkt ’s-Hertogenbosch samen met Bergen op Zoom en mevrouw Jansen."),
            "[gemeente, 20.000–50.000] is klein; het best werkt [gemeente, ≥ 100.000] samen met [gemeente, 50.000–100.000] en mevrouw [naam]."
        );
        // Bergen: two municipalities (L. and NH.) in different strata? then the generic label
        let out = p.apply("Bergen");
        assert!(out.starts_with("[gemeente"), "{out}");
        assert_eq!(p.apply("Amsterdammers"), "Amsterdammers");
    }
}
