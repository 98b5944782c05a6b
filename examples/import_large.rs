//! Peak memory of importing a large response file: 200,000 respondents x 100 five-point items.
//!
//! ```text
//! cargo run --release --example import_large -- generate /tmp/large.csv [rows] [items]
//! cargo run --release --example import_large -- import /tmp/large.csv [items] [--several-per-unit]
//! ```
//! `generate` writes the file (and the questionnaire it needs is built in memory from the item
//! count); `import` imports it in a fresh process and prints the peak resident memory (VmHWM of
//! /proc/self/status, Linux) before and after, so the number is the import's alone. Units cycle
//! through the 342 municipalities, so all but 342 rows are set aside as second responses of a
//! unit, each with a report entry: the worst case for the report as well. With
//! `--several-per-unit` every response is kept (a staff survey), as the peer benchmark imports it.
#![allow(clippy::print_stdout)]

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;

use lomonitor::instrument::Questionnaire;
use lomonitor::responses::{ImportOptions, import_csv_path};
use lomonitor::{Frame, Organisations};

fn questionnaire(items: usize) -> Result<Questionnaire, lomonitor::Error> {
    let mut toml = String::from("[instrument]\nid = \"large\"\nversion = \"1\"\ntitle = \"Large\"\n");
    for i in 1..=items {
        let _ = write!(
            toml,
            "\n[[items]]\nid = \"q{i}\"\nkind = \"likert\"\ntext = \"Stelling {i}\"\npoints = 5\n\
             labels = [\"1\", \"2\", \"3\", \"4\", \"5\"]\n"
        );
    }
    Questionnaire::from_toml_str(&toml, None)
}

/// Peak and current resident memory in MiB (Linux), `None` elsewhere.
fn memory() -> Option<(f64, f64)> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let kb = |key: &str| -> Option<f64> {
        let line = status.lines().find(|l| l.starts_with(key))?;
        line.split_whitespace().nth(1)?.parse::<f64>().ok()
    };
    Some((kb("VmHWM:")? / 1024.0, kb("VmRSS:")? / 1024.0))
}

fn generate(path: &Path, rows: usize, items: usize) -> std::io::Result<()> {
    let frame = Frame::embedded();
    let codes: Vec<String> = frame.iter().map(|m| m.code.to_string()).collect();
    let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
    let mut header = String::from("respondent_id,unit,status,started,submitted");
    for i in 1..=items {
        let _ = write!(header, ",q{i}");
    }
    writeln!(out, "{header}")?;
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut line = String::new();
    for r in 0..rows {
        line.clear();
        let unit = codes.get(r % codes.len()).map_or("GM0363", String::as_str);
        let _ = write!(line, "r{r:06},{unit},complete,2025-03-04 10:15:00,2025-03-04 10:35:00");
        for _ in 0..items {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let _ = write!(line, ",{}", 1 + state % 5);
        }
        writeln!(out, "{line}")?;
    }
    out.flush()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let mode = args.get(1).map_or("", String::as_str);
    let path = Path::new(args.get(2).map_or("/tmp/lomonitor-large.csv", String::as_str));
    match mode {
        "generate" => {
            let rows = args.get(3).and_then(|a| a.parse().ok()).unwrap_or(200_000);
            let items = args.get(4).and_then(|a| a.parse().ok()).unwrap_or(100);
            generate(path, rows, items)?;
            println!(
                "wrote {} ({} bytes): {rows} rows x {items} items",
                path.display(),
                std::fs::metadata(path)?.len()
            );
        }
        "import" => {
            let items = args.get(3).and_then(|a| a.parse().ok()).unwrap_or(100);
            let several_per_unit = args.iter().any(|a| a == "--several-per-unit");
            let options = ImportOptions { several_per_unit, ..ImportOptions::default() };
            let q = questionnaire(items)?;
            let frame = Frame::embedded();
            let organisations = Organisations::new(Vec::new(), &frame)?;
            let before = memory();
            let start = std::time::Instant::now();
            let result = import_csv_path(path, &q, &frame, &organisations, &options)?;
            let elapsed = start.elapsed();
            let after = memory();
            let file_mib = std::fs::metadata(path)?.len() as f64 / (1024.0 * 1024.0);
            println!(
                "file {file_mib:.1} MiB; {} rows read, {} kept, {} set aside, {} report entries; {:.1} s",
                result.report.rows_read,
                result.report.rows_kept,
                result.report.rows_set_aside,
                result.report.issues.len(),
                elapsed.as_secs_f64()
            );
            if let (Some((hwm0, rss0)), Some((hwm1, rss1))) = (before, after) {
                println!(
                    "resident memory: before {rss0:.1} MiB (peak {hwm0:.1}); after {rss1:.1} MiB; peak {hwm1:.1} MiB"
                );
            }
        }
        _ => {
            println!("usage: import_large generate <path> [rows] [items] | import <path> [items] [--several-per-unit]")
        }
    }
    Ok(())
}
