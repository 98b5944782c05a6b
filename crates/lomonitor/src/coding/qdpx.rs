//! REFI-QDA exchange: reading a project (`.qdpx`) or a codebook (`.qdc`), writing a codebook.
//!
//! REFI-QDA Project Exchange standard 1.0 (<https://www.qdasoftware.org>): a `.qdpx` is a zip
//! holding `project.qde` (XML) and the sources under `sources/`; a `.qdc` is the codebook alone.
//! MAXQDA, ATLAS.ti and NVivo read and write both.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::io::Read as _;
use std::path::Path;
use std::rc::Rc;

use chrono::NaiveDate;
use quick_xml::events::Event;

use crate::coding::segments::{parse_date, valid_initials};
use crate::coding::{Coding, Codings, Interview, Segment};
use crate::error::{Error, Location, Result};
use crate::frame::{Unit, normalize};
use crate::instrument::{Code, Codebook, Text};
use crate::meta::Language;

/// A REFI-QDA project read into lomonitor's model.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct QdaProject {
    /// The project's name attribute.
    pub name: Option<String>,
    /// The codebook: the one given to [`read_qdpx`], or the project's own.
    pub codebook: Codebook,
    /// The coded segments.
    pub codings: Codings,
    /// Codes of the project that map to no code of the given codebook and were applied to no
    /// segment (listed, not dropped silently; an applied unmapped code is an error).
    pub unmapped_codes: Vec<String>,
}

/// Caps on what [`read_qdpx`] inflates from an archive, so a zip bomb is an error, not an
/// exhausted memory. The sizes an archive declares are not trusted: every entry is read through
/// [`std::io::Read::take`], and the count is checked before anything is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ArchiveLimits {
    /// The largest inflated size of one entry, in bytes.
    pub max_entry_bytes: u64,
    /// The largest inflated size of all entries read together, in bytes (each entry counts once,
    /// however many sources point at it).
    pub max_total_bytes: u64,
    /// The most entries the archive may hold.
    pub max_entries: usize,
}

/// The default largest inflated entry: 256 MiB.
pub const MAX_ENTRY_BYTES: u64 = 256 << 20;
/// The default largest inflated total: 1 GiB.
pub const MAX_TOTAL_BYTES: u64 = 1 << 30;
/// The default largest number of entries: 10,000.
pub const MAX_ENTRIES: usize = 10_000;

impl Default for ArchiveLimits {
    fn default() -> Self {
        ArchiveLimits { max_entry_bytes: MAX_ENTRY_BYTES, max_total_bytes: MAX_TOTAL_BYTES, max_entries: MAX_ENTRIES }
    }
}

/// A source text with a sparse index from code-point positions to byte offsets (one mark every
/// [`CharText::STEP`] characters): slices by REFI-QDA positions without a `Vec<char>` (four bytes
/// a character) and without a scan from the start for each selection.
struct CharText {
    text: String,
    marks: Vec<usize>,
    chars: usize,
}

impl CharText {
    const STEP: usize = 64;

    fn new(text: String) -> CharText {
        let mut marks = Vec::with_capacity(text.len() / Self::STEP + 1);
        let mut chars = 0;
        for (i, (b, _)) in text.char_indices().enumerate() {
            if i % Self::STEP == 0 {
                marks.push(b);
            }
            chars = i + 1;
        }
        CharText { text, marks, chars }
    }

    /// The byte offset of code point `pos` (`pos <= chars`).
    fn byte(&self, pos: usize) -> Option<usize> {
        if pos == self.chars {
            return Some(self.text.len());
        }
        let from = *self.marks.get(pos / Self::STEP)?;
        self.text.get(from..)?.char_indices().nth(pos % Self::STEP).map(|(b, _)| from + b)
    }

    fn slice(&self, start: usize, end: usize) -> Option<&str> {
        self.text.get(self.byte(start)?..self.byte(end)?)
    }
}

/// A minimal XML tree: what the REFI-QDA files need.
#[derive(Debug, Default)]
struct Node {
    name: String,
    attrs: Vec<(String, String)>,
    children: Vec<Node>,
    text: String,
    line: u64,
}

impl Node {
    fn attr(&self, key: &str) -> Option<&str> {
        self.attrs.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }
    fn child(&self, name: &str) -> Option<&Node> {
        self.children.iter().find(|c| c.name == name)
    }
    fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Node> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }
}

/// Where in a REFI-QDA file: the archive (or `.qdc`), the inner file, the line and element.
struct Origin<'a> {
    file: &'a Path,
    inner: &'a str,
}

impl Origin<'_> {
    fn at(&self, node: &Node) -> Location {
        let element =
            if self.inner.is_empty() { format!("<{}>", node.name) } else { format!("{} <{}>", self.inner, node.name) };
        Location { file: Some(self.file.to_path_buf()), line: Some(node.line), column: Some(element) }
    }
    fn bad(&self, node: &Node, value: &str, message: String) -> Error {
        Error::InvalidValue { location: self.at(node), value: value.to_owned(), message }
    }
    fn require<'n>(&self, node: &'n Node, key: &str) -> Result<&'n str> {
        node.attr(key).ok_or_else(|| Error::Missing { location: self.at(node), what: format!("attribute {key:?}") })
    }
}

/// The deepest element nesting [`parse_xml`] reads.
const MAX_XML_DEPTH: usize = 256;

fn parse_xml(xml: &str, origin: &Origin<'_>) -> Result<Node> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut stack: Vec<Node> = vec![Node::default()];
    // Lines are counted from the last position asked for (positions only grow while reading),
    // so a large project costs one pass, not one pass per element.
    let counted = std::cell::Cell::new((0usize, 1u64));
    let line_at = |pos: u64| {
        let p = usize::try_from(pos).unwrap_or(usize::MAX).min(xml.len());
        let tag = xml.get(p..).and_then(|s| s.find('<')).map_or(p, |o| p + o);
        let (from, line) = counted.get();
        if tag < from {
            return crate::io::line_of(xml, tag);
        }
        let more = xml.as_bytes().get(from..tag).map_or(0, |b| b.iter().filter(|&&c| c == b'\n').count());
        let line = line + more as u64;
        counted.set((tag, line));
        line
    };
    let xml_err = |pos: u64, message: String| Error::Definition {
        location: Location {
            file: Some(origin.file.to_path_buf()),
            line: Some(line_at(pos)),
            column: Some(origin.inner.to_owned()).filter(|s| !s.is_empty()),
        },
        message: format!("malformed XML: {message}"),
    };
    let open = |e: &quick_xml::events::BytesStart<'_>, line: u64| -> Result<Node> {
        let mut attrs = Vec::new();
        for a in e.attributes() {
            let a = a.map_err(|err| xml_err(0, err.to_string()))?;
            let key = a.key.local_name().as_ref().to_owned();
            let value =
                a.normalized_value(quick_xml::XmlVersion::Implicit1_0).map_err(|err| xml_err(0, err.to_string()))?;
            attrs.push((key, value.into_owned()));
        }
        Ok(Node { name: e.local_name().as_ref().to_owned(), attrs, children: Vec::new(), text: String::new(), line })
    };
    loop {
        let before = reader.buffer_position();
        let event = reader.read_event().map_err(|e| xml_err(reader.error_position(), e.to_string()))?;
        match event {
            Event::Start(e) => {
                // The tree is walked (and dropped) recursively: a bounded depth keeps a hostile
                // file from overflowing the stack. REFI-QDA nests a few levels; code trees a few more.
                if stack.len() > MAX_XML_DEPTH {
                    return Err(xml_err(before, format!("elements nested deeper than {MAX_XML_DEPTH} levels")));
                }
                stack.push(open(&e, line_at(before))?);
            }
            Event::Empty(e) => {
                let node = open(&e, line_at(before))?;
                if let Some(top) = stack.last_mut() {
                    top.children.push(node);
                }
            }
            Event::End(_) => {
                let node = stack.pop().ok_or_else(|| xml_err(before, "unbalanced end tag".into()))?;
                match stack.last_mut() {
                    Some(top) => top.children.push(node),
                    None => return Err(xml_err(before, "unbalanced end tag".into())),
                }
            }
            Event::Text(t) => {
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&t.xml10_content());
                }
            }
            Event::CData(t) => {
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    _ => quick_xml::escape::resolve_predefined_entity(&r)
                        .map(str::to_owned)
                        .ok_or_else(|| xml_err(before, format!("unknown entity &{};", &*r)))?,
                };
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&resolved);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if stack.len() != 1 {
        return Err(xml_err(xml.len() as u64, "the document ends inside an element".into()));
    }
    stack.pop().and_then(|root| root.children.into_iter().next()).ok_or_else(|| xml_err(0, "no root element".into()))
}

/// A stable GUID for a code of a codebook: FNV-1a (128 bit) of `lomonitor/<codebook>/<code>`,
/// formatted as an RFC 9562 version-8 UUID. Exported `.qdc` files carry these, so a codebook read
/// back maps to the same code ids.
pub fn code_guid(codebook_id: &str, code_id: &str) -> String {
    let mut h: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
    for b in format!("lomonitor/{codebook_id}/{code_id}").bytes() {
        h ^= u128::from(b);
        h = h.wrapping_mul(0x0000_0000_0100_0000_0000_0000_0000_013B);
    }
    let mut bytes = h.to_be_bytes();
    if let Some(b) = bytes.get_mut(6) {
        *b = (*b & 0x0f) | 0x80;
    }
    if let Some(b) = bytes.get_mut(8) {
        *b = (*b & 0x3f) | 0x80;
    }
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        hex.get(0..8).unwrap_or(""),
        hex.get(8..12).unwrap_or(""),
        hex.get(12..16).unwrap_or(""),
        hex.get(16..20).unwrap_or(""),
        hex.get(20..32).unwrap_or("")
    )
}

/// A code id from a REFI-QDA code name: folded to lower-case ASCII, other characters as `_`.
fn slug(name: &str) -> String {
    let s = normalize(name).replace(' ', "_");
    let s: String = s.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
    if s.chars().next().is_some_and(|c| c.is_ascii_alphabetic()) { s } else { format!("c_{s}") }
}

/// The codes of a `<Codes>` element (nested), as (guid, code, node line) in document order.
fn read_codes(codes: &Node, origin: &Origin<'_>) -> Result<Vec<(String, Code, u64)>> {
    fn walk(
        node: &Node,
        parent: Option<&str>,
        origin: &Origin<'_>,
        seen: &mut HashMap<String, u64>,
        out: &mut Vec<(String, Code, u64)>,
    ) -> Result<()> {
        for c in node.all("Code") {
            let guid = origin.require(c, "guid")?.to_owned();
            let name = origin.require(c, "name")?.trim().to_owned();
            let id = slug(&name);
            if let Some(first) = seen.insert(id.clone(), c.line) {
                return Err(origin.bad(
                    c,
                    &name,
                    format!("two codes are named alike (the first on line {first}); give them different names"),
                ));
            }
            let codable = match c.attr("isCodable") {
                None | Some("true" | "1") => true,
                Some("false" | "0") => false,
                Some(other) => return Err(origin.bad(c, other, "isCodable must be true or false".into())),
            };
            let description = c.child("Description").map(|d| d.text.trim().to_owned()).filter(|d| !d.is_empty());
            out.push((
                guid,
                Code {
                    id: id.clone(),
                    label: Text::nl(name),
                    description: description.map(Text::nl),
                    parent: parent.map(str::to_owned),
                    codable,
                },
                c.line,
            ));
            walk(c, Some(&id), origin, seen, out)?;
        }
        Ok(())
    }
    let mut out = Vec::new();
    walk(codes, None, origin, &mut HashMap::new(), &mut out)?;
    Ok(out)
}

/// Map the project's codes (by guid) to ids of `codebook`: by [`code_guid`], else by id equal to
/// the name, else by label (Dutch or English) equal to the name (compared folded).
fn map_codes(codes: &[(String, Code, u64)], codebook: &Codebook) -> (HashMap<String, String>, Vec<String>) {
    let by_guid: HashMap<String, &str> =
        codebook.codes.iter().map(|c| (code_guid(&codebook.id, &c.id), c.id.as_str())).collect();
    let mut map = HashMap::new();
    let mut unmapped = Vec::new();
    for (guid, code, _) in codes {
        let name = &code.label.nl;
        let found = by_guid.get(&guid.to_ascii_lowercase()).copied().or_else(|| {
            codebook.get(name).map(|c| c.id.as_str()).or_else(|| {
                let n = normalize(name);
                codebook
                    .codes
                    .iter()
                    .find(|c| normalize(&c.label.nl) == n || c.label.en.as_deref().is_some_and(|en| normalize(en) == n))
                    .map(|c| c.id.as_str())
            })
        });
        match found {
            Some(id) => {
                map.insert(guid.to_ascii_lowercase(), id.to_owned());
            }
            None => unmapped.push(name.clone()),
        }
    }
    (map, unmapped)
}

fn codebook_from(codes: &[(String, Code, u64)], id: &str, title: &str, origin: &Origin<'_>) -> Result<Codebook> {
    Codebook::new(id.to_owned(), "1".to_owned(), Text::nl(title), codes.iter().map(|c| c.1.clone()).collect())
        .map_err(|e| Error::Definition { location: Location::file(origin.file), message: e.to_string() })
}

/// Read a REFI-QDA codebook (`.qdc`). Code ids are made from the names, folded to lower-case
/// ASCII with `_` (`Budget blijft liggen` -> `budget_blijft_liggen`); the tree follows the nesting.
///
/// # Errors
/// [`Error::Io`]; [`Error::Definition`] for malformed XML or a codebook that does not hold
/// together; [`Error::Missing`] / [`Error::InvalidValue`] naming file, line and element.
pub fn read_qdc(path: &Path) -> Result<Codebook> {
    let (xml, _) = crate::io::read_text(path)?;
    let origin = Origin { file: path, inner: "" };
    let root = parse_xml(&xml, &origin)?;
    let codes_node = if root.name == "CodeBook" { root.child("Codes") } else { None };
    let codes_node =
        codes_node.ok_or_else(|| Error::Missing { location: origin.at(&root), what: "<CodeBook><Codes>".into() })?;
    let codes = read_codes(codes_node, &origin)?;
    let stem = path.file_stem().map_or_else(|| "codebook".to_owned(), |s| s.to_string_lossy().into_owned());
    codebook_from(&codes, &stem, root.attr("name").unwrap_or(&stem), &origin)
}

/// Write a codebook as a REFI-QDA codebook (`.qdc`): nested `<Code guid name isCodable>` with
/// `<Description>`, names from the Dutch labels (English when `lang` asks), GUIDs from
/// [`code_guid`].
///
/// # Errors
/// [`Error::Io`].
pub fn write_qdc<W: std::io::Write>(
    codebook: &Codebook,
    lang: Language,
    mut out: W,
    path_for_errors: &Path,
) -> Result<()> {
    use crate::xml::escape;
    let order = codebook.tree_order();
    let result = (|| -> std::io::Result<()> {
        writeln!(out, "<?xml version=\"1.0\" encoding=\"utf-8\"?>")?;
        writeln!(
            out,
            "<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\" origin=\"lomonitor {}\">",
            env!("CARGO_PKG_VERSION")
        )?;
        writeln!(out, "  <Codes>")?;
        // Tree order with an explicit stack of open elements: linear in the codes, no recursion;
        // the indent is capped (the depth itself is bounded by the codebook's MAX_CODE_DEPTH).
        let pad = |depth: usize| "  ".repeat(depth.min(8) + 2);
        let mut open: Vec<usize> = Vec::new();
        for (i, (code, depth)) in order.iter().enumerate() {
            while open.last().is_some_and(|&d| d >= *depth) {
                let d = open.pop().unwrap_or(0);
                writeln!(out, "{}</Code>", pad(d))?;
            }
            let has_children = order.get(i + 1).is_some_and(|(_, next)| next > depth);
            write!(
                out,
                "{}<Code guid=\"{}\" name=\"{}\" isCodable=\"{}\"",
                pad(*depth),
                code_guid(&codebook.id, &code.id),
                escape(code.label.get(lang)),
                code.codable
            )?;
            if code.description.is_none() && !has_children {
                writeln!(out, "/>")?;
                continue;
            }
            writeln!(out, ">")?;
            if let Some(d) = &code.description {
                writeln!(out, "{}  <Description>{}</Description>", pad(*depth), escape(d.get(lang)))?;
            }
            open.push(*depth);
        }
        while let Some(d) = open.pop() {
            writeln!(out, "{}</Code>", pad(d))?;
        }
        writeln!(out, "  </Codes>")?;
        writeln!(out, "</CodeBook>")?;
        out.flush()
    })();
    result.map_err(|e| Error::io(path_for_errors, e))
}
/// Initials of a user name: `Jos Sanders` -> `JS`; a name without spaces that is valid as
/// initials is kept.
fn initials(name: &str) -> String {
    let t = name.trim();
    if valid_initials(t) {
        return t.to_owned();
    }
    t.split(|c: char| c.is_whitespace() || c == '.')
        .filter_map(|w| w.chars().find(|c| c.is_alphanumeric()))
        .filter(char::is_ascii_alphanumeric)
        .flat_map(char::to_uppercase)
        .take(16)
        .collect()
}

/// Read a REFI-QDA project (`.qdpx`).
///
/// Each `<TextSource>` is an interview. Its unit, date and interviewer come from the source's
/// variables `unit` (or `gemeente`, `municipality`), `date` (or `datum`) and `interviewer` when
/// it has them, else from its name, split at `_` and spaces: the first part is the unit (a
/// municipality code or organisation id), a part `YYYY-MM-DD` the date, and a part after the date
/// the interviewer's initials (`GM0363_2025-03-12_JS.txt`); a missing date falls back to the
/// source's `creationDateTime`, a missing interviewer to the initials of its `creatingUser`.
/// Each `<PlainTextSelection>` is a segment (its text cut from the source's plain text by the
/// code-point positions); selections with the same span are one segment; each `<Coding>` adds its
/// code to the coding of its `creatingUser` (the user's initials; `unknown` when absent).
///
/// With `codebook`, the project's codes are mapped to its ids (by [`code_guid`], id or label) and
/// every applied code must map; without, the project's own codebook is used.
///
/// # Errors
/// [`Error::Io`] for the file; [`Error::Definition`] for a zip or XML that cannot be read;
/// naming the archive, inner file, line, element and value: [`Error::Missing`] for a missing
/// attribute or source text, [`Error::InvalidValue`] for a source whose unit or date cannot be
/// found, a selection outside its text, a `<CodeRef>` to a code that is not in the project, an
/// applied code that maps to none of `codebook` or is not codable.
pub fn read_qdpx(path: &Path, codebook: Option<&Codebook>) -> Result<QdaProject> {
    read_qdpx_with_limits(path, codebook, ArchiveLimits::default())
}

/// [`read_qdpx`] with caps of one's own on what is inflated (the defaults: [`MAX_ENTRY_BYTES`],
/// [`MAX_TOTAL_BYTES`], [`MAX_ENTRIES`]).
///
/// # Errors
/// As [`read_qdpx`]; and [`Error::Definition`] naming the archive and the entry when the archive
/// holds more than `max_entries` entries, an entry inflates beyond `max_entry_bytes`, or the
/// entries read inflate beyond `max_total_bytes` together.
pub fn read_qdpx_with_limits(path: &Path, codebook: Option<&Codebook>, limits: ArchiveLimits) -> Result<QdaProject> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let zip_err = |message: String| Error::Definition { location: Location::file(path), message };
    let mut archive = zip::ZipArchive::new(file).map_err(|e| zip_err(format!("not a readable zip archive: {e}")))?;
    if archive.len() > limits.max_entries {
        return Err(zip_err(format!(
            "the archive holds {} entries, more than the {} lomonitor reads",
            archive.len(),
            limits.max_entries
        )));
    }
    let mut inflated: u64 = 0;
    // Each entry is read (and decoded) once, however many sources point at it.
    let mut cache: HashMap<String, Option<Rc<CharText>>> = HashMap::new();
    let mut read_entry = |name: &str| -> Result<Option<Rc<CharText>>> {
        if let Some(hit) = cache.get(name) {
            return Ok(hit.clone());
        }
        let mut entry = match archive.by_name(name) {
            Ok(e) => e,
            Err(zip::result::ZipError::FileNotFound) => {
                cache.insert(name.to_owned(), None);
                return Ok(None);
            }
            Err(e) => return Err(zip_err(format!("{name}: {e}"))),
        };
        let left = limits.max_total_bytes.saturating_sub(inflated);
        let cap = limits.max_entry_bytes.min(left);
        // The declared size only sizes the first allocation, within the cap.
        let mut bytes = Vec::with_capacity(usize::try_from(entry.size().min(cap).min(1 << 20)).unwrap_or(0));
        (&mut entry)
            .take(cap.saturating_add(1))
            .read_to_end(&mut bytes)
            .map_err(|e| zip_err(format!("{name}: {e}")))?;
        let got = bytes.len() as u64;
        if got > cap {
            return Err(zip_err(if cap < limits.max_entry_bytes {
                format!(
                    "{name}: the entries read inflate to more than {} bytes together (a zip bomb?); lomonitor stops there",
                    limits.max_total_bytes
                )
            } else {
                format!(
                    "{name}: the entry inflates to more than {} bytes (a zip bomb?); lomonitor stops there",
                    limits.max_entry_bytes
                )
            }));
        }
        inflated += got;
        let text = Rc::new(CharText::new(crate::io::decode_text(&bytes).0));
        drop(bytes);
        cache.insert(name.to_owned(), Some(Rc::clone(&text)));
        Ok(Some(text))
    };
    let project = read_entry("project.qde")?
        .ok_or_else(|| Error::Missing { location: Location::file(path), what: "project.qde in the archive".into() })?;
    let xml = project.text.as_str();
    let origin = Origin { file: path, inner: "project.qde" };
    let root = parse_xml(xml, &origin)?;
    if root.name != "Project" {
        return Err(origin.bad(&root, &root.name, "expected the root element <Project>".into()));
    }
    let project_codes = match root.child("CodeBook").and_then(|c| c.child("Codes")) {
        Some(codes) => read_codes(codes, &origin)?,
        None => Vec::new(),
    };
    let project_name = root.attr("name").map(str::to_owned);
    let (codebook, guid_map, unmapped) = match codebook {
        Some(cb) => {
            let (map, unmapped) = map_codes(&project_codes, cb);
            (cb.clone(), map, unmapped)
        }
        None => {
            let stem = path.file_stem().map_or_else(|| "project".to_owned(), |s| s.to_string_lossy().into_owned());
            let cb = codebook_from(&project_codes, &stem, project_name.as_deref().unwrap_or(&stem), &origin)?;
            let map = project_codes.iter().map(|(g, c, _)| (g.to_ascii_lowercase(), c.id.clone())).collect();
            (cb, map, Vec::new())
        }
    };
    let project_guids: HashMap<String, &str> =
        project_codes.iter().map(|(g, c, _)| (g.to_ascii_lowercase(), c.label.nl.as_str())).collect();

    let users: HashMap<String, String> = root
        .child("Users")
        .map(|u| {
            u.all("User")
                .filter_map(|x| Some((x.attr("guid")?.to_ascii_lowercase(), initials(x.attr("name").unwrap_or("")))))
                .collect()
        })
        .unwrap_or_default();
    let coder_of =
        |guid: Option<&str>| guid.and_then(|g| users.get(&g.to_ascii_lowercase())).filter(|s| !s.is_empty()).cloned();
    let variables: HashMap<String, String> = root
        .child("Variables")
        .map(|v| {
            v.all("Variable")
                .filter_map(|x| {
                    Some((x.attr("guid")?.to_ascii_lowercase(), x.attr("name")?.trim().to_ascii_lowercase()))
                })
                .collect()
        })
        .unwrap_or_default();

    let mut codings = Codings { file: Some(path.to_path_buf()), ..Codings::default() };
    let sources = root.child("Sources").map(|s| s.all("TextSource").collect::<Vec<_>>()).unwrap_or_default();
    let mut source_names: HashSet<String> = HashSet::with_capacity(sources.len());
    // The codes of each (segment, coding), collected as sets and written once at the end, so
    // many codings on one selection cost a set insert each, not a search and a sort.
    let mut code_sets: HashMap<(usize, usize), BTreeSet<String>> = HashMap::new();
    let mut coding_of: HashMap<(usize, String), usize> = HashMap::new();
    for source in sources {
        let name = origin.require(source, "name")?.trim().to_owned();
        let mut vars: HashMap<String, String> = HashMap::new();
        for vv in source.all("VariableValue") {
            let Some(var) = vv.child("VariableRef").and_then(|r| r.attr("targetGUID")) else { continue };
            let Some(var_name) = variables.get(&var.to_ascii_lowercase()) else { continue };
            let value = vv.children.iter().find(|c| c.name != "VariableRef").map(|c| c.text.trim().to_owned());
            if let Some(v) = value {
                vars.insert(var_name.clone(), v);
            }
        }
        let var = |keys: &[&str]| keys.iter().find_map(|k| vars.get(*k)).map(String::as_str);
        let stem = name.rsplit_once('.').filter(|(_, ext)| ext.len() <= 4).map_or(name.as_str(), |(s, _)| s);
        let parts: Vec<&str> = stem.split(['_', ' ']).filter(|p| !p.is_empty()).collect();
        let unit_text = var(&["unit", "gemeente", "municipality"]).or(parts.first().copied()).unwrap_or("");
        let unit = Unit::parse(unit_text).map_err(|e| {
            origin.bad(
                source,
                &name,
                format!("cannot tell the unit: {e}; start the source name with the municipality code (GM0363_2025-03-12_JS) or give it a variable \"unit\""),
            )
        })?;
        let date_pos = parts.iter().position(|p| NaiveDate::parse_from_str(p, "%Y-%m-%d").is_ok());
        let date = match (var(&["date", "datum"]), date_pos.and_then(|i| parts.get(i)), source.attr("creationDateTime"))
        {
            (Some(d), _, _) => parse_date(d, &origin.at(source))?,
            (None, Some(d), _) => parse_date(d, &origin.at(source))?,
            (None, None, Some(dt)) => parse_date(dt.get(..10).unwrap_or(dt), &origin.at(source))?,
            (None, None, None) => {
                return Err(origin.bad(
                    source,
                    &name,
                    "cannot tell the date: put YYYY-MM-DD in the source name or give a variable \"date\"".into(),
                ));
            }
        };
        let interviewer = var(&["interviewer"])
            .map(initials)
            .or_else(|| date_pos.and_then(|i| parts.get(i + 1)).filter(|p| valid_initials(p)).map(|p| (*p).to_owned()))
            .or_else(|| coder_of(source.attr("creatingUser")))
            .unwrap_or_else(|| "unknown".to_owned());
        let text: Rc<CharText> = match (source.child("PlainTextContent"), source.attr("plainTextPath")) {
            (Some(c), _) => Rc::new(CharText::new(c.text.clone())),
            (None, Some(p)) => {
                let inner = p
                    .strip_prefix("internal://")
                    .ok_or_else(|| origin.bad(source, p, "only internal:// source paths are supported".into()))?;
                read_entry(&format!("sources/{inner}"))?.ok_or_else(|| Error::Missing {
                    location: origin.at(source),
                    what: format!("sources/{inner} in the archive (the text of {name:?})"),
                })?
            }
            (None, None) => {
                return Err(Error::Missing {
                    location: origin.at(source),
                    what: format!("the plain text of source {name:?}"),
                });
            }
        };
        if !source_names.insert(name.clone()) {
            return Err(origin.bad(source, &name, "two sources have this name".into()));
        }
        codings.interviews.push(Interview { id: name.clone(), unit, date, interviewer });

        let mut by_span: HashMap<(u64, u64), usize> = HashMap::new();
        for sel in source.all("PlainTextSelection") {
            let num = |key: &str| -> Result<u64> {
                let v = origin.require(sel, key)?;
                v.trim().parse::<u64>().map_err(|_| origin.bad(sel, v, format!("{key} must be a whole number")))
            };
            let (start, end) = (num("startPosition")?, num("endPosition")?);
            if start >= end || end > text.chars as u64 {
                return Err(origin.bad(
                    sel,
                    &format!("{start}-{end}"),
                    format!("the selection lies outside the text of {name:?} ({} characters)", text.chars),
                ));
            }
            let quote =
                text.slice(usize::try_from(start).unwrap_or(0), usize::try_from(end).unwrap_or(0)).unwrap_or_default();
            let seg_index = match by_span.get(&(start, end)) {
                Some(&i) => i,
                None => {
                    let guid = origin.require(sel, "guid")?;
                    codings.segments.push(Segment {
                        interview: name.clone(),
                        id: guid.to_owned(),
                        span: Some((start, end)),
                        text: quote.trim().to_owned(),
                        codings: Vec::new(),
                    });
                    by_span.insert((start, end), codings.segments.len() - 1);
                    codings.segments.len() - 1
                }
            };
            for coding in sel.all("Coding") {
                let coder = coder_of(coding.attr("creatingUser"))
                    .or_else(|| coder_of(sel.attr("creatingUser")))
                    .unwrap_or_else(|| "unknown".to_owned());
                let target = coding.child("CodeRef").and_then(|r| r.attr("targetGUID")).ok_or_else(|| {
                    Error::Missing { location: origin.at(coding), what: "<CodeRef targetGUID>".into() }
                })?;
                let key = target.to_ascii_lowercase();
                let Some(project_name) = project_guids.get(&key) else {
                    return Err(origin.bad(
                        coding,
                        target,
                        "the coding refers to a code that is not in the project's codebook".into(),
                    ));
                };
                let Some(code_id) = guid_map.get(&key) else {
                    return Err(origin.bad(
                        coding,
                        project_name,
                        format!(
                            "code {project_name:?} is not in codebook {:?} (matched by GUID, id or label)",
                            codebook.id
                        ),
                    ));
                };
                if codebook.get(code_id).is_some_and(|c| !c.codable) {
                    return Err(origin.bad(
                        coding,
                        code_id,
                        "the code is not codable (it only groups other codes)".into(),
                    ));
                }
                if let Some(seg) = codings.segments.get_mut(seg_index) {
                    let at = match coding_of.get(&(seg_index, coder.clone())) {
                        Some(&i) => i,
                        None => {
                            seg.codings.push(Coding {
                                coder: coder.clone(),
                                codes: Vec::new(),
                                line: Some(coding.line),
                            });
                            coding_of.insert((seg_index, coder), seg.codings.len() - 1);
                            seg.codings.len() - 1
                        }
                    };
                    code_sets.entry((seg_index, at)).or_default().insert(code_id.clone());
                }
            }
        }
    }
    for ((seg, at), codes) in code_sets {
        if let Some(c) = codings.segments.get_mut(seg).and_then(|s| s.codings.get_mut(at)) {
            c.codes = codes.into_iter().collect();
        }
    }
    Ok(QdaProject { name: project_name, codebook, codings, unmapped_codes: unmapped })
}
