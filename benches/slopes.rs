//! The slope of lomonitor's work in every dimension of issue 20: rows and columns of a response
//! file (the streamed import), REFI-QDA sources, codings on one selection, and code-tree depth.
//! Each dimension doubles three times while the others stay fixed; the CPU time per run (all threads) is
//! measured and the ratio per doubling printed with its exponent (time ~ n^k: k = log2 ratio;
//! linear work gives k ~ 1). Plain timing (no criterion), so one run prints the whole table:
//!
//! ```sh
//! cargo bench -p lomonitor --bench slopes | tee benches/results/slopes.txt
//! ```
#![allow(clippy::unwrap_used, clippy::indexing_slicing, missing_docs)]

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use lomonitor::coding::{read_qdc, read_qdpx};
use lomonitor::instrument::Questionnaire;
use lomonitor::responses::{ImportOptions, import_csv_path};
use lomonitor::{Frame, Organisations};

fn dir() -> PathBuf {
    let d = std::env::temp_dir().join(format!("lomonitor-bench-slopes-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn questionnaire(items: usize) -> Questionnaire {
    let mut toml = String::from("[instrument]\nid = \"s\"\nversion = \"1\"\ntitle = \"S\"\n");
    for i in 1..=items {
        let _ = write!(
            toml,
            "\n[[items]]\nid = \"q{i}\"\nkind = \"likert\"\ntext = \"Stelling {i}\"\npoints = 5\n\
             labels = [\"1\", \"2\", \"3\", \"4\", \"5\"]\n"
        );
    }
    Questionnaire::from_toml_str(&toml, None).unwrap()
}

fn responses(path: &Path, rows: usize, items: usize) {
    let frame = Frame::embedded();
    let codes: Vec<String> = frame.iter().map(|m| m.code.to_string()).collect();
    let mut s = String::from("respondent_id,unit,status,started,submitted");
    for i in 1..=items {
        let _ = write!(s, ",q{i}");
    }
    s.push('\n');
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    for r in 0..rows {
        let _ = write!(s, "r{r:06},{},complete,2025-03-04 10:15:00,2025-03-04 10:35:00", codes[r % codes.len()]);
        for _ in 0..items {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let _ = write!(s, ",{}", 1 + state % 5);
        }
        s.push('\n');
    }
    std::fs::write(path, s).unwrap();
}

fn guid(i: usize) -> String {
    format!("{i:08x}-0000-8000-8000-000000000000")
}

fn project(sources: usize, codings: usize) -> String {
    let mut s = String::from("<?xml version=\"1.0\"?><Project name=\"b\"><CodeBook><Codes>");
    for c in 0..32 {
        let _ = write!(s, "<Code guid=\"{}\" name=\"c{c}\" isCodable=\"true\"/>", guid(c));
    }
    s.push_str("</Codes></CodeBook><Sources>");
    for i in 0..sources {
        let _ = write!(
            s,
            "<TextSource guid=\"s{i}\" name=\"GM0363_2025-03-{:02}_JS_{i}.txt\"><PlainTextContent>Wij investeren in \
             leren.</PlainTextContent><PlainTextSelection guid=\"p{i}\" startPosition=\"0\" endPosition=\"10\">",
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

/// A `.qdc` of chains `depth` codes deep with `depth * width` codes in all (the tree grows with
/// its depth, so that deep trees cannot hide a cost per level behind a fixed code count).
fn chain_qdc(depth: usize, width: usize) -> String {
    let mut s = String::from("<?xml version=\"1.0\"?><CodeBook><Codes>");
    let mut n = 0;
    for _ in 0..width {
        for _ in 0..depth {
            let _ = write!(s, "<Code guid=\"{}\" name=\"c{n}\" isCodable=\"true\">", guid(n));
            n += 1;
        }
        s.push_str(&"</Code>".repeat(depth));
    }
    s.push_str("</Codes></CodeBook>");
    s
}

/// CPU time of the whole process so far (user + system, every thread, also those that have
/// ended: the import's workers), from /proc/self/stat in clock ticks (1/100 s on Linux).
fn cpu() -> Duration {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap();
    let rest = &stat[stat.rfind(')').unwrap() + 2..];
    let f: Vec<u64> = rest.split_whitespace().skip(11).take(2).map(|x| x.parse().unwrap()).collect();
    Duration::from_millis((f[0] + f[1]) * 10)
}

/// CPU time and wall time per run, over as many runs (at least 3) as take 0.5 s of CPU. On a
/// shared machine wall time grows with the other processes (a run longer than a time slice is
/// interleaved with them, a short one is not, which makes wall-time slopes look super-linear);
/// CPU time counts only this process's work, so the slope is read from it.
fn timed(mut f: impl FnMut()) -> (Duration, Duration) {
    f(); // warm up
    let (c0, w0) = (cpu(), Instant::now());
    let mut runs = 0u32;
    while runs < 3 || cpu() - c0 < Duration::from_millis(500) {
        f();
        runs += 1;
    }
    ((cpu() - c0) / runs, w0.elapsed() / runs)
}

fn series(name: &str, sizes: &[usize], mut run: impl FnMut(usize) -> (Duration, Duration)) {
    println!("\n{name}");
    println!("{:>10} {:>10} {:>12} {:>16} {:>6}", "n", "cpu ms", "wall ms", "x per doubling", "k");
    let mut last: Option<Duration> = None;
    let mut ks = Vec::new();
    for &n in sizes {
        let (t, med) = run(n);
        let (ms, med) = (t.as_secs_f64() * 1e3, med.as_secs_f64() * 1e3);
        match last {
            Some(l) => {
                let r = t.as_secs_f64() / l.as_secs_f64();
                ks.push(r.log2());
                println!("{n:>10} {ms:>10.2} {med:>12.2} {r:>16.2} {:>6.2}", r.log2());
            }
            None => println!("{n:>10} {ms:>10.2} {med:>12.2} {:>16} {:>6}", "", ""),
        }
        last = Some(t);
    }
    let k = ks.iter().sum::<f64>() / ks.len() as f64;
    println!("slope {name}: mean k = {k:.2} over the CPU times (1 = linear, 2 = quadratic)");
}

fn main() {
    // `--test` (as criterion benches take it) or LOMONITOR_BENCH_QUICK: two tiny cases a series.
    let quick = std::env::args().any(|a| a == "--test") || std::env::var_os("LOMONITOR_BENCH_QUICK").is_some();
    let d = dir();
    let frame = Frame::embedded();
    let orgs = Organisations::new(Vec::new(), &frame).unwrap();
    let options = ImportOptions { several_per_unit: true, ..ImportOptions::default() };
    let scale = |v: &[usize]| if quick { v[..2].iter().map(|n| n / 8).collect::<Vec<_>>() } else { v.to_vec() };
    println!(
        "lomonitor {} slopes ({} build)",
        env!("CARGO_PKG_VERSION"),
        if cfg!(debug_assertions) { "debug" } else { "release" }
    );

    let q20 = questionnaire(20);
    series("response rows (20 items)", &scale(&[5_000, 10_000, 20_000, 40_000]), |n| {
        let p = d.join(format!("rows{n}.csv"));
        responses(&p, n, 20);
        timed(|| assert_eq!(import_csv_path(&p, &q20, &frame, &orgs, &options).unwrap().responses.len(), n))
    });
    series("response columns (2,000 rows)", &scale(&[25, 50, 100, 200]), |n| {
        let p = d.join(format!("cols{n}.csv"));
        responses(&p, 2_000, n);
        let q = questionnaire(n);
        timed(|| assert_eq!(import_csv_path(&p, &q, &frame, &orgs, &options).unwrap().responses.len(), 2_000))
    });
    series("qdpx sources (4 codings each)", &scale(&[1_000, 2_000, 4_000, 8_000]), |n| {
        let p = d.join(format!("s{n}.qdpx"));
        write_qdpx(&p, &project(n, 4));
        timed(|| drop(read_qdpx(&p, None).unwrap()))
    });
    series("qdpx codings on one selection", &scale(&[1_000, 2_000, 4_000, 8_000]), |n| {
        let p = d.join(format!("c{n}.qdpx"));
        write_qdpx(&p, &project(1, n));
        timed(|| drop(read_qdpx(&p, None).unwrap()))
    });
    // Depth up to the codebook's limit of 32 levels; 128 chains, so depth x 128 codes.
    series(
        "qdc code-tree depth (128 chains)",
        &scale(&[4, 8, 16, 32]).iter().map(|n| (*n).max(2)).collect::<Vec<_>>(),
        |n| {
            let p = d.join(format!("t{n}.qdc"));
            std::fs::write(&p, chain_qdc(n, 128)).unwrap();
            timed(|| drop(read_qdc(&p).unwrap()))
        },
    );
    let _ = std::fs::remove_dir_all(&d);
}
