//! The codebook of the interviews: codes with an id, a label, a description and a parent,
//! forming a tree whose roots are the themes.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{Error, Location, Result};
use crate::instrument::Text;

/// The deepest a code may lie below its theme (a theme has depth 0).
///
/// Real codebooks have three or four levels; the limit keeps every walk over the tree short and
/// bounded, whatever a file from another tool holds.
pub const MAX_CODE_DEPTH: usize = 32;

/// One code of a codebook. A code without a parent is a theme (a root of the tree).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Code {
    /// The id, used in codings files: letters, digits, `_`, `-` and `.`, starting with a letter,
    /// e.g. `budget_unspent`.
    pub id: String,
    /// The label, e.g. "Budget blijft liggen".
    pub label: Text,
    /// What the code means and when to apply it (the coding rule).
    pub description: Option<Text>,
    /// The parent code; `None` for a theme.
    pub parent: Option<String>,
    /// Whether segments may be coded with it directly (a theme used only to group codes is not
    /// codable). Default: true.
    pub codable: bool,
}

/// A codebook: codes in file order, forming a tree (checked: unique ids, parents exist, no
/// cycles). Roots are the themes.
///
/// ```
/// use lomonitor::instrument::Codebook;
/// let cb = Codebook::from_toml_str(r#"
/// [codebook]
/// id = "lo"
/// version = "1"
/// title = "L&O"
/// [[codes]]
/// id = "budget"
/// label = "Budget"
/// [[codes]]
/// id = "budget_unspent"
/// parent = "budget"
/// label = "Budget blijft liggen"
/// "#, None).unwrap();
/// assert_eq!(cb.theme_of("budget_unspent"), Some("budget"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Codebook {
    /// The id, e.g. `lo-interviews`.
    pub id: String,
    /// The version.
    pub version: String,
    /// The title.
    pub title: Text,
    /// The codes, in file order (a parent need not come before its children).
    pub codes: Vec<Code>,
    #[serde(skip)]
    index: HashMap<String, usize>,
    #[serde(skip)]
    file: Option<PathBuf>,
}

// ---- the definition file, as written ----

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    codebook: RawHeader,
    #[serde(default)]
    codes: Vec<RawCode>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHeader {
    id: String,
    version: String,
    title: String,
    #[serde(default)]
    title_en: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCode {
    id: String,
    label: String,
    #[serde(default)]
    label_en: Option<String>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    description_en: Option<String>,
    #[serde(default)]
    parent: Option<String>,
    #[serde(default = "yes")]
    codable: bool,
}

fn yes() -> bool {
    true
}

impl Codebook {
    /// Build a codebook from codes, checking the tree.
    ///
    /// # Errors
    /// [`Error::Definition`] (without a file) for an invalid or duplicate id, an unknown parent or
    /// a cycle, naming the code.
    pub fn new(id: String, version: String, title: Text, codes: Vec<Code>) -> Result<Codebook> {
        Self::build(id, version, title, codes, "", None)
    }

    /// Read a codebook from a `.toml` or `.json` file (see `docs/interviews-format.md`).
    ///
    /// # Errors
    /// [`Error::Io`]; [`Error::Definition`] naming file, line and code (see
    /// [`Codebook::from_toml_str`]).
    pub fn load(path: &Path) -> Result<Codebook> {
        let (text, json) = super::definition::read(path)?;
        if json { Self::from_json_str(&text, Some(path)) } else { Self::from_toml_str(&text, Some(path)) }
    }

    /// Parse TOML text.
    ///
    /// # Errors
    /// [`Error::Definition`] naming file, line and code: a parse error or unknown key, an id that
    /// is not valid or occurs twice, a parent that is not a code of the codebook, a cycle of
    /// parents.
    pub fn from_toml_str(text: &str, file: Option<&Path>) -> Result<Codebook> {
        Self::from_raw(super::definition::from_toml(text, file)?, text, file)
    }

    /// Parse JSON text with the same structure as the TOML format.
    ///
    /// # Errors
    /// As [`Codebook::from_toml_str`].
    pub fn from_json_str(text: &str, file: Option<&Path>) -> Result<Codebook> {
        Self::from_raw(super::definition::from_json(text, file)?, text, file)
    }

    fn from_raw(raw: RawFile, source: &str, file: Option<&Path>) -> Result<Codebook> {
        let codes = raw
            .codes
            .into_iter()
            .map(|c| Code {
                id: c.id,
                label: Text { nl: c.label, en: c.label_en },
                description: c.description.map(|nl| Text { nl, en: c.description_en }),
                parent: c.parent,
                codable: c.codable,
            })
            .collect();
        let title = Text { nl: raw.codebook.title, en: raw.codebook.title_en };
        Self::build(raw.codebook.id, raw.codebook.version, title, codes, source, file)
    }

    fn build(
        id: String,
        version: String,
        title: Text,
        codes: Vec<Code>,
        source: &str,
        file: Option<&Path>,
    ) -> Result<Codebook> {
        // `nth`: which occurrence of `id = "<code>"` in the file (for a duplicate, the second).
        let at = |code: &str, nth: usize, key: &str, message: String| Error::Definition {
            location: Location {
                file: file.map(Path::to_path_buf),
                line: find_key_line(source, "id", code, nth),
                column: Some(format!("codes.{key}")),
            },
            message,
        };
        let mut index = HashMap::with_capacity(codes.len());
        for (i, c) in codes.iter().enumerate() {
            if !valid_code_id(&c.id) {
                return Err(at(
                    &c.id,
                    0,
                    "id",
                    format!("code id {:?}: use letters, digits, '_', '-' or '.', starting with a letter", c.id),
                ));
            }
            if index.insert(c.id.clone(), i).is_some() {
                return Err(at(&c.id, 1, "id", format!("code id {:?} occurs twice", c.id)));
            }
            if c.label.nl.trim().is_empty() {
                return Err(at(&c.id, 0, "label", format!("code {:?} has an empty label", c.id)));
            }
        }
        for c in &codes {
            if let Some(p) = &c.parent
                && !index.contains_key(p)
            {
                return Err(at(
                    &c.id,
                    0,
                    "parent",
                    format!("code {:?}: parent {p:?} is not a code of the codebook", c.id),
                ));
            }
        }
        // Cycles and depth: walk up from every code, at most MAX_CODE_DEPTH + 1 steps (so the
        // check stays linear in the number of codes however the tree is shaped).
        for c in &codes {
            let mut seen = HashSet::new();
            let mut cur = c;
            while let Some(p) = cur.parent.as_deref() {
                if seen.len() >= MAX_CODE_DEPTH && !seen.contains(cur.id.as_str()) {
                    return Err(at(
                        &c.id,
                        0,
                        "parent",
                        format!("code {:?} lies deeper than {MAX_CODE_DEPTH} levels below its theme", c.id),
                    ));
                }
                if !seen.insert(cur.id.as_str()) {
                    return Err(at(
                        &c.id,
                        0,
                        "parent",
                        format!("the parents of code {:?} form a cycle (through {:?})", c.id, cur.id),
                    ));
                }
                match index.get(p).and_then(|&i| codes.get(i)) {
                    Some(next) => cur = next,
                    None => break,
                }
            }
        }
        Ok(Codebook { id, version, title, codes, index, file: file.map(Path::to_path_buf) })
    }

    /// The file the codebook was read from, if any.
    pub fn file(&self) -> Option<&Path> {
        self.file.as_deref()
    }

    /// The code with this id.
    pub fn get(&self, id: &str) -> Option<&Code> {
        self.index.get(id).and_then(|&i| self.codes.get(i))
    }

    /// The position of a code in [`Codebook::codes`].
    pub fn position(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
    }

    /// Whether the codebook has this code.
    pub fn contains(&self, id: &str) -> bool {
        self.index.contains_key(id)
    }

    /// Number of codes (themes included).
    pub fn len(&self) -> usize {
        self.codes.len()
    }

    /// Whether the codebook has no codes.
    pub fn is_empty(&self) -> bool {
        self.codes.is_empty()
    }

    /// The themes (codes without a parent), in file order.
    pub fn themes(&self) -> impl Iterator<Item = &Code> {
        self.codes.iter().filter(|c| c.parent.is_none())
    }

    /// The direct children of a code, in file order.
    pub fn children<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a Code> + 'a {
        self.codes.iter().filter(move |c| c.parent.as_deref() == Some(id))
    }

    /// The ancestors of a code, nearest first (its parent, grandparent, ..., its theme). Empty
    /// for a theme or an unknown code.
    pub fn ancestors(&self, id: &str) -> Vec<&str> {
        let mut out = Vec::new();
        let mut cur = self.get(id);
        while let Some(p) = cur.and_then(|c| c.parent.as_deref()) {
            if out.len() > self.codes.len() {
                break; // cannot happen for a checked codebook; guards a hand-built one
            }
            out.push(p);
            cur = self.get(p);
        }
        out
    }

    /// The theme (root) a code belongs to; the code itself for a theme; `None` for an unknown code.
    pub fn theme_of<'a>(&'a self, id: &'a str) -> Option<&'a str> {
        let code = self.get(id)?;
        Some(self.ancestors(id).last().copied().unwrap_or(code.id.as_str()))
    }

    /// Depth in the tree: 0 for a theme.
    pub fn depth(&self, id: &str) -> usize {
        self.ancestors(id).len()
    }

    /// Whether `id` is `ancestor` or lies below it.
    pub fn is_within(&self, id: &str, ancestor: &str) -> bool {
        id == ancestor || self.ancestors(id).contains(&ancestor)
    }

    /// The codes in tree order (depth first, children in file order), with their depth: the order
    /// of tables and of the exported `.qdc`.
    ///
    /// Linear in the number of codes: the children are grouped once, and the walk uses an explicit
    /// stack (no recursion), bounded by [`MAX_CODE_DEPTH`] for a hand-built codebook too.
    pub fn tree_order(&self) -> Vec<(&Code, usize)> {
        let mut children: HashMap<&str, Vec<&Code>> = HashMap::new();
        for c in &self.codes {
            if let Some(p) = c.parent.as_deref() {
                children.entry(p).or_default().push(c);
            }
        }
        let mut out = Vec::with_capacity(self.codes.len());
        let mut stack: Vec<(&Code, usize)> = self.themes().map(|t| (t, 0)).collect();
        stack.reverse();
        while let Some((code, depth)) = stack.pop() {
            out.push((code, depth));
            if depth < MAX_CODE_DEPTH
                && let Some(kids) = children.get(code.id.as_str())
            {
                stack.extend(kids.iter().rev().map(|k| (*k, depth + 1)));
            }
        }
        out
    }

    /// Rebuild the id index after deserializing with serde.
    #[must_use]
    pub fn reindexed(mut self) -> Self {
        self.index = self.codes.iter().enumerate().map(|(i, c)| (c.id.clone(), i)).collect();
        self
    }
}

/// Whether `id` is a valid code id.
pub(crate) fn valid_code_id(id: &str) -> bool {
    let mut chars = id.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
        && id.len() <= 64
}

/// The line of the `nth` (0-based) occurrence of `key = "value"` (TOML) or `"key": "value"`
/// (JSON) in `source`; the last occurrence when there are fewer.
pub(crate) fn find_key_line(source: &str, key: &str, value: &str, nth: usize) -> Option<u64> {
    if source.is_empty() {
        return None;
    }
    let needle = format!("\"{value}\"");
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(off) = source.get(from..).and_then(|s| s.find(&needle)) {
        let pos = from + off;
        let before = source.get(..pos).unwrap_or("").trim_end();
        if let Some(b) = before.strip_suffix('=').or_else(|| before.strip_suffix(':')) {
            let b = b.trim_end();
            let b = b.strip_suffix('"').unwrap_or(b);
            if b.ends_with(key) {
                found.push(pos);
            }
        }
        from = pos + needle.len();
    }
    found.get(nth).or(found.last()).map(|&off| crate::io::line_of(source, off))
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = r#"[codebook]
id = "t"
version = "1"
title = "T"

[[codes]]
id = "a"
label = "A"

[[codes]]
id = "a1"
parent = "a"
label = "A1"

[[codes]]
id = "a1x"
parent = "a1"
label = "A1x"
"#;

    #[test]
    fn tree() {
        let cb = Codebook::from_toml_str(BASE, None).unwrap();
        assert_eq!(cb.ancestors("a1x"), ["a1", "a"]);
        assert_eq!(cb.theme_of("a1x"), Some("a"));
        assert_eq!(cb.theme_of("a"), Some("a"));
        assert_eq!(cb.depth("a1x"), 2);
        assert!(cb.is_within("a1x", "a"));
        assert!(!cb.is_within("a", "a1"));
        let order: Vec<_> = cb.tree_order().iter().map(|(c, d)| (c.id.as_str(), *d)).collect();
        assert_eq!(order, [("a", 0), ("a1", 1), ("a1x", 2)]);
    }

    fn chain(levels: usize) -> String {
        let mut s = String::from("[codebook]\nid = \"t\"\nversion = \"1\"\ntitle = \"T\"\n");
        for i in 0..=levels {
            s.push_str(&format!("\n[[codes]]\nid = \"c{i}\"\nlabel = \"C{i}\"\n"));
            if i > 0 {
                s.push_str(&format!("parent = \"c{}\"\n", i - 1));
            }
        }
        s
    }

    #[test]
    fn depth_is_limited() {
        let cb = Codebook::from_toml_str(&chain(MAX_CODE_DEPTH), None).unwrap();
        assert_eq!(cb.depth(&format!("c{MAX_CODE_DEPTH}")), MAX_CODE_DEPTH);
        assert_eq!(cb.tree_order().len(), MAX_CODE_DEPTH + 1);
        let e = Codebook::from_toml_str(&chain(MAX_CODE_DEPTH + 1), Some(Path::new("cb.toml"))).unwrap_err();
        let m = e.to_string();
        assert!(m.contains("cb.toml") && m.contains("deeper than 32 levels") && m.contains("\"c33\""), "{m}");
        // A 5,000-level chain from another tool: an error, quickly, not a quadratic walk.
        assert!(Codebook::from_toml_str(&chain(5_000), None).is_err());
    }

    #[test]
    fn errors_name_line_and_code() {
        let dup = BASE.replace("id = \"a1x\"", "id = \"a1\"");
        let e = Codebook::from_toml_str(&dup, Some(Path::new("cb.toml"))).unwrap_err();
        assert_eq!(e.location().unwrap().line, Some(16), "{e}");
        assert!(e.to_string().contains("\"a1\" occurs twice"), "{e}");

        let e = Codebook::from_toml_str(&BASE.replace("parent = \"a1\"", "parent = \"zz\""), None).unwrap_err();
        assert_eq!(e.location().unwrap().line, Some(16), "{e}");
        assert!(e.to_string().contains("zz"), "{e}");

        let cyc = BASE.replace("id = \"a\"\nlabel", "id = \"a\"\nparent = \"a1x\"\nlabel");
        let e = Codebook::from_toml_str(&cyc, None).unwrap_err();
        assert!(e.to_string().contains("cycle"), "{e}");
        assert_eq!(e.location().unwrap().line, Some(7), "{e}");

        let e = Codebook::from_toml_str(&BASE.replace("label = \"A1\"", "lable = \"A1\""), None).unwrap_err();
        assert_eq!(e.location().unwrap().line, Some(13), "{e}");
    }

    #[test]
    fn json_lines() {
        let json = "{\"codebook\": {\"id\": \"t\", \"version\": \"1\", \"title\": \"T\"},\n\"codes\": [\n{\"id\": \"a\", \"label\": \"A\"},\n{\"id\": \"a\", \"label\": \"B\"}]}";
        let e = Codebook::from_json_str(json, None).unwrap_err();
        assert_eq!(e.location().unwrap().line, Some(4), "{e}");
    }
}
