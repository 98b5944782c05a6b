//! The floor plan of the crate, checked: data flows one way, and a room may use only the rooms
//! on the floors below it (and the other files of its own room). The order is written down once,
//! here and in `docs/architecture.md`:
//!
//! ```text
//! 0 ground      error, meta, options, io, cells, validation, table, xml
//! 1 stats       numbers only, over slices
//! 2 frame       municipalities, register, strata, organisations
//! 3 instrument  items, routing, scales, columns, guide, codebook
//! 4 responses | contacts | coding   (beside each other: none imports another)
//! 5 analysis    the analysis context and every study-level statistic
//! 6 report      tables, renderers, charts: consumes analysis results
//! 7 study       the roof: loads study.toml and assembles the rooms
//! ```
//!
//! The test reads every `crate::<room>` path in the code and the doc comments of each file under
//! `src/` (plain comments left out) and fails on every arrow that runs up or sideways, naming the
//! file and line.

#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)] // a test

use std::path::{Path, PathBuf};

const FLOORS: &[&[&str]] = &[
    &["error", "meta", "options", "io", "cells", "validation", "table", "xml"],
    &["stats"],
    &["frame"],
    &["instrument"],
    &["responses", "contacts", "coding"],
    &["analysis"],
    &["report"],
    &["study"],
];

/// The crate root re-exports a few names (`crate::Error`, `crate::Study`, ...): each counts as a
/// use of the room it comes from.
const ROOT_NAMES: &[(&str, &str)] = &[
    ("Error", "error"),
    ("Result", "error"),
    ("Location", "error"),
    ("Language", "meta"),
    ("StudyInfo", "meta"),
    ("Text", "meta"),
    ("Study", "study"),
];

fn floor_of(room: &str) -> Option<usize> {
    let room = ROOT_NAMES.iter().find(|(n, _)| *n == room).map_or(room, |(_, r)| r);
    if room.starts_with(|c: char| c.is_ascii_uppercase()) {
        // Another re-export of the crate root: a frame type (lib.rs re-exports frame's types).
        return FLOORS.iter().position(|f| f.contains(&"frame"));
    }
    FLOORS.iter().position(|f| f.contains(&room))
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// The room of a file: its first path component under `src/` (`stats/crosstab.rs` -> `stats`,
/// `cells.rs` -> `cells`).
fn room_of(src: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(src).unwrap();
    let first = rel.components().next().unwrap().as_os_str().to_string_lossy().into_owned();
    first.trim_end_matches(".rs").to_owned()
}

/// Every `crate::name` in the code of a line or in its doc comment (a doc link is an arrow
/// too: rustdoc resolves it, and a reader follows it); plain `//` comments are left out.
fn crate_paths(line: &str) -> Vec<String> {
    let trimmed = line.trim_start();
    let code = if let Some(doc) = trimmed.strip_prefix("///").or_else(|| trimmed.strip_prefix("//!")) {
        doc
    } else {
        line.split("//").next().unwrap_or("")
    };
    let mut out = Vec::new();
    let mut rest = code;
    while let Some(i) = rest.find("crate::") {
        let before = rest[..i].chars().last();
        let after = &rest[i + "crate::".len()..];
        let name: String = after.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
        if !before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_') && !name.is_empty() {
            out.push(name);
        }
        rest = after;
    }
    out
}

#[test]
fn no_room_imports_a_room_above_or_beside_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    assert!(files.len() > 50, "found only {} source files under {}", files.len(), src.display());
    let mut arrows_up = Vec::new();
    let mut unplaced = Vec::new();
    for file in &files {
        let room = room_of(&src, file);
        if room == "lib" {
            continue;
        }
        let Some(own) = floor_of(&room) else {
            unplaced.push(room.clone());
            continue;
        };
        let text = std::fs::read_to_string(file).unwrap();
        // Unit tests may use anything: the plan is about the library's code.
        let code = text.split("#[cfg(test)]").next().unwrap_or(&text);
        for (n, line) in code.lines().enumerate() {
            for target in crate_paths(line) {
                if target == room {
                    continue;
                }
                match floor_of(&target) {
                    Some(f) if f < own || (f == 0 && own == 0) => {}
                    Some(f) => arrows_up.push(format!(
                        "{}:{}: {room} (floor {own}) uses crate::{target} (floor {f})",
                        file.strip_prefix(&src).unwrap().display(),
                        n + 1
                    )),
                    None => unplaced.push(format!("crate::{target} in {}", file.display())),
                }
            }
        }
    }
    unplaced.sort();
    unplaced.dedup();
    assert!(
        unplaced.is_empty(),
        "rooms missing from the floor plan (add them to FLOORS and docs/architecture.md): {unplaced:?}"
    );
    assert!(arrows_up.is_empty(), "arrows that run up or sideways:\n{}", arrows_up.join("\n"));
}

#[test]
fn the_checker_sees_an_arrow() {
    assert_eq!(crate_paths("use crate::study::Study; // crate::report"), vec!["study".to_owned()]);
    assert_eq!(crate_paths("let x = crate::stats::mean(&v);"), vec!["stats".to_owned()]);
    assert_eq!(crate_paths("/// see [`crate::report`]"), vec!["report".to_owned()], "a doc link is an arrow");
    assert!(crate_paths("// crate::report in a plain comment").is_empty());
    assert!(crate_paths("use lomonitor_crate::x;").is_empty());
    assert!(floor_of("study") > floor_of("report"));
}
