//! The slope of reading REFI-QDA: each dimension doubled (sources, codings on one selection,
//! code-tree depth) while the others stay fixed. Linear work shows as time x2 per doubling
//! (issue 20 measured x3.8 for sources and x4.9 for codings before the maps). No timing asserts.
#![allow(clippy::unwrap_used, missing_docs)]

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use lomonitor::coding::{read_qdc, read_qdpx};

fn guid(i: usize) -> String {
    format!("{i:08x}-0000-8000-8000-000000000000")
}

/// A project: `sources` sources of one line each, one selection each with `codings` codings
/// (codes cycled over 32), and a flat codebook of 32 codes.
fn project(sources: usize, codings: usize) -> String {
    let mut s = String::from("<?xml version=\"1.0\"?><Project name=\"b\"><CodeBook><Codes>");
    for c in 0..32 {
        let _ = write!(s, "<Code guid=\"{}\" name=\"c{c}\" isCodable=\"true\"/>", guid(c));
    }
    s.push_str("</Codes></CodeBook><Sources>");
    for i in 0..sources {
        let _ = write!(
            s,
            "<TextSource guid=\"s{i}\" name=\"GM0363_2025-03-{:02}_JS_{i}.txt\"><PlainTextContent>Wij investeren in leren.</PlainTextContent><PlainTextSelection guid=\"p{i}\" startPosition=\"0\" endPosition=\"10\">",
            i % 28 + 1
        );
        for k in 0..codings {
            let _ = write!(s, "<Coding guid=\"k{i}-{k}\"><CodeRef targetGUID=\"{}\"/></Coding>", guid(k % 32));
        }
        s.push_str("</PlainTextSelection></TextSource>");
    }
    s.push_str("</Sources></Project>");
    s
}

fn write_qdpx(path: &Path, xml: &str) {
    let mut w = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    w.start_file("project.qde", zip::write::SimpleFileOptions::default()).unwrap();
    w.write_all(xml.as_bytes()).unwrap();
    w.finish().unwrap();
}

/// A `.qdc` of a chain `depth` codes deep, repeated so the file has about 4,096 codes.
fn chain_qdc(depth: usize) -> String {
    let mut s = String::from("<?xml version=\"1.0\"?><CodeBook><Codes>");
    let mut n = 0;
    while n < 4096 {
        for _ in 0..depth {
            let _ = write!(s, "<Code guid=\"{}\" name=\"c{n}\" isCodable=\"true\">", guid(n));
            n += 1;
        }
        s.push_str(&"</Code>".repeat(depth));
    }
    s.push_str("</Codes></CodeBook>");
    s
}

fn dir() -> PathBuf {
    let d = std::env::temp_dir().join(format!("lomonitor-bench-qda-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn refi_qda(c: &mut Criterion) {
    let d = dir();
    let mut g = c.benchmark_group("qdpx/sources");
    for n in [500, 1000, 2000, 4000] {
        let p = d.join(format!("s{n}.qdpx"));
        write_qdpx(&p, &project(n, 4));
        g.bench_with_input(BenchmarkId::from_parameter(n), &p, |b, p| b.iter(|| read_qdpx(p, None).unwrap()));
    }
    g.finish();
    let mut g = c.benchmark_group("qdpx/codings_on_one_selection");
    for n in [500, 1000, 2000, 4000] {
        let p = d.join(format!("c{n}.qdpx"));
        write_qdpx(&p, &project(1, n));
        g.bench_with_input(BenchmarkId::from_parameter(n), &p, |b, p| b.iter(|| read_qdpx(p, None).unwrap()));
    }
    g.finish();
    // Depth doubles up to the codebook's limit of 32 levels (a theme and 31 below it).
    let mut g = c.benchmark_group("qdc/tree_depth");
    for depth in [4, 8, 16, 32] {
        let p = d.join(format!("t{depth}.qdc"));
        std::fs::write(&p, chain_qdc(depth)).unwrap();
        g.bench_with_input(BenchmarkId::from_parameter(depth), &p, |b, p| b.iter(|| read_qdc(p).unwrap()));
    }
    g.finish();
}

criterion_group!(benches, refi_qda);
criterion_main!(benches);
