//! The one rule that maps lomonitor item ids (lowercase letters, digits, `_`) to codes a survey
//! platform accepts, and answer codes to the platform's answer and subquestion codes.
//!
//! # The rule
//! 1. Each `_` is dropped and the character after it is upper-cased (`budget_fte` -> `budgetFte`);
//!    an `_` before a digit becomes `Z` (`klimaat_1` -> `klimaatZ1`), so that, because lomonitor
//!    ids hold no capitals, every capital marks an underscore and the code maps back by rule alone.
//! 2. A code that does not start with a letter gets the prefix `Q`.
//! 3. Codes are cut to 20 characters (LimeSurvey's limit).
//! 4. Collisions (after cutting) are resolved in questionnaire order: the second and later holders
//!    of a code get a suffix `2`, `3`, ... replacing their last characters so the code stays within
//!    20 characters; each resolution is reported as a [`Collision`].
//!
//! Answer option code `c` is `A{c}` (`AM{-c}` for negative codes); subquestion code of option `c`
//! of a multiple-choice item is `SQ{c:03}` (`SQM{-c:03}`). Both map back by rule.
//!
//! The export records the item id beside the code (the `lomonitor` question attribute of a `.lss`,
//! the `lomonitor` key of a `.qsf` question), and [`CodeMap`] is the side table.

use std::collections::{HashMap, HashSet};

/// The longest code LimeSurvey accepts.
pub const MAX_CODE_LEN: usize = 20;

/// The platform code of one id by rule steps 1–3 (before collision resolution).
pub fn base_code(id: &str) -> String {
    let mut out = String::with_capacity(id.len());
    let mut upper = false;
    for ch in id.chars() {
        if ch == '_' {
            upper = true;
            continue;
        }
        if upper {
            if ch.is_ascii_digit() {
                out.push('Z');
                out.push(ch);
            } else {
                out.extend(ch.to_uppercase());
            }
            upper = false;
        } else if ch.is_ascii_alphanumeric() {
            out.push(ch);
        }
    }
    if upper {
        out.push('Z');
    }
    if !out.chars().next().is_some_and(|c| c.is_ascii_alphabetic()) {
        out.insert(0, 'Q');
    }
    out.chars().take(MAX_CODE_LEN).collect()
}

/// The id a code maps back to by rule alone (the inverse of steps 1–2 for codes that were not
/// cut or suffixed): capitals become `_` + lower case, `Z` before a digit becomes `_`.
pub fn id_from_code(code: &str) -> String {
    let mut out = String::with_capacity(code.len() + 4);
    let chars: Vec<char> = code.chars().collect();
    for (i, &ch) in chars.iter().enumerate() {
        if ch == 'Z' && chars.get(i + 1).is_some_and(char::is_ascii_digit) {
            out.push('_');
        } else if ch.is_ascii_uppercase() {
            if i > 0 {
                out.push('_');
            }
            out.push(ch.to_ascii_lowercase());
        } else if ch.is_ascii_alphanumeric() {
            out.push(ch);
        } else {
            out.push('_');
        }
    }
    out
}

/// A code that two ids would have shared, and how it was resolved.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Collision {
    /// The id that kept the code.
    pub first: String,
    /// The id that was given another code.
    pub id: String,
    /// The code both mapped to.
    pub code: String,
    /// The code given to `id`.
    pub resolved: String,
}

/// The side table: item id -> platform code, in questionnaire order, with the collisions.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CodeMap {
    /// `(id, code)` pairs in order.
    pub codes: Vec<(String, String)>,
    /// Collisions resolved by rule step 4.
    pub collisions: Vec<Collision>,
    #[serde(skip)]
    by_id: HashMap<String, String>,
    #[serde(skip)]
    by_code: HashMap<String, String>,
}

impl CodeMap {
    /// Map ids in order by the rule.
    pub fn new<'a>(ids: impl IntoIterator<Item = &'a str>) -> CodeMap {
        let mut map = CodeMap::default();
        let mut owner: HashMap<String, String> = HashMap::new();
        let mut taken: HashSet<String> = HashSet::new();
        for id in ids {
            let base = base_code(id);
            let mut code = base.clone();
            let mut n = 2u32;
            while taken.contains(&code) {
                let suffix = n.to_string();
                let keep = MAX_CODE_LEN.saturating_sub(suffix.len()).min(base.chars().count());
                code = base.chars().take(keep).collect::<String>() + &suffix;
                n += 1;
            }
            if code != base {
                map.collisions.push(Collision {
                    first: owner.get(&base).cloned().unwrap_or_default(),
                    id: id.to_owned(),
                    code: base.clone(),
                    resolved: code.clone(),
                });
            }
            owner.entry(base).or_insert_with(|| id.to_owned());
            taken.insert(code.clone());
            map.push(id, &code);
        }
        map
    }

    fn push(&mut self, id: &str, code: &str) {
        self.codes.push((id.to_owned(), code.to_owned()));
        self.by_id.insert(id.to_owned(), code.to_owned());
        self.by_code.insert(code.to_owned(), id.to_owned());
    }

    /// The code of an id.
    pub fn code(&self, id: &str) -> Option<&str> {
        self.by_id.get(id).map(String::as_str)
    }

    /// The id of a code.
    pub fn id(&self, code: &str) -> Option<&str> {
        self.by_code.get(code).map(String::as_str)
    }
}

/// The platform answer code of a lomonitor option code: `A1`, `A97`, `AM1` for -1.
pub fn answer_code(code: i32) -> String {
    if code < 0 { format!("AM{}", code.unsigned_abs()) } else { format!("A{code}") }
}

/// The subquestion code of a multiple-choice option: `SQ001`, `SQM001` for -1.
pub fn subquestion_code(code: i32) -> String {
    if code < 0 { format!("SQM{:03}", code.unsigned_abs()) } else { format!("SQ{code:03}") }
}

/// The lomonitor code of a platform answer or subquestion code: `A1`, `AO01`, `SQ001`, `AM3`, a
/// bare integer; `None` when the code carries no number.
pub fn code_from_platform(code: &str) -> Option<i32> {
    let code = code.trim();
    if let Ok(n) = code.parse::<i32>() {
        return Some(n);
    }
    let (neg, digits) = if let Some(rest) = code.strip_prefix("SQM").or_else(|| code.strip_prefix("AM")) {
        (true, rest)
    } else {
        let start = code.find(|c: char| c.is_ascii_digit())?;
        let (prefix, rest) = code.split_at(start);
        if !prefix.chars().all(|c| c.is_ascii_alphabetic()) {
            return None;
        }
        (false, rest)
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let n: i32 = digits.parse().ok()?;
    Some(if neg { -n } else { n })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_maps_and_back() {
        assert_eq!(base_code("budget_fte"), "budgetFte");
        assert_eq!(base_code("klimaat_1"), "klimaatZ1");
        assert_eq!(id_from_code("klimaatZ1"), "klimaat_1");
        assert_eq!(id_from_code("budgetFte"), "budget_fte");
        assert_eq!(base_code("_1x"), "Z1x");
        assert_eq!(id_from_code("Z1x"), "_1x");
        assert_eq!(base_code("1x"), "Q1x");
        assert_eq!(base_code("a_b_c_d_e_f_g_h_i_j_k_l"), "aBCDEFGHIJKL");
        assert_eq!(base_code(&"x".repeat(30)).len(), 20);
    }

    #[test]
    fn collisions_are_resolved_and_reported() {
        let long = "a".repeat(25);
        let longer = "a".repeat(26);
        let m = CodeMap::new([long.as_str(), longer.as_str(), "b"]);
        assert_eq!(m.code(&long), Some("a".repeat(20).as_str()));
        assert_eq!(m.code(&longer), Some(format!("{}2", "a".repeat(19)).as_str()));
        assert_eq!(m.collisions.len(), 1);
        assert_eq!(m.id("b"), Some("b"));
    }

    #[test]
    fn answer_codes() {
        assert_eq!(answer_code(5), "A5");
        assert_eq!(code_from_platform("A5"), Some(5));
        assert_eq!(code_from_platform("AO01"), Some(1));
        assert_eq!(code_from_platform("SQ010"), Some(10));
        assert_eq!(code_from_platform(&subquestion_code(-3)), Some(-3));
        assert_eq!(code_from_platform(&answer_code(-3)), Some(-3));
        assert_eq!(code_from_platform("yes"), None);
        assert_eq!(code_from_platform("A1b"), None);
    }
}
