//! The main job on the example study: load the study folder and describe it.
//!
//! ```sh
//! cargo run --release --example report                 # the example study
//! cargo run --release --example report -- path/to/study --boundaries gemeenten.geojson
//! ```
//!
//! Prints the frame per stratum and the study's contents, and writes the full descriptive report
//! to `out/<study folder name>/`: `rapport.html` (self-contained), `tabellen.xlsx` (every table),
//! `infographic.html`/`.svg`, `grafieken/*.svg` and `overview.md`. With `--boundaries` (a GeoJSON
//! of the municipalities, e.g. from CBS/PDOK) the report carries a map of who responded.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use lomonitor::{Language, StratumVar, Study};

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let mut folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/study");
    let mut out_root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../out");
    let mut options_boundaries: Option<PathBuf> = None;
    let mut options_provinces: Option<PathBuf> = None;
    let mut english = false;
    let mut args = std::env::args_os().skip(1);
    while let Some(arg) = args.next() {
        match arg.to_str() {
            Some("--boundaries") => options_boundaries = args.next().map(PathBuf::from),
            Some("--provinces") => options_provinces = args.next().map(PathBuf::from),
            Some("--out") => out_root = args.next().map(PathBuf::from).ok_or("--out needs a folder")?,
            Some("--english") => english = true,
            Some("--help" | "-h") => {
                println!(
                    "usage: report [STUDY_FOLDER] [--boundaries municipalities.geojson] [--provinces provinces.geojson] [--english] [--out FOLDER]"
                );
                return Ok(());
            }
            _ => folder = PathBuf::from(arg),
        }
    }
    let study = Study::load(&folder)?;
    let text = overview(&study)?;
    print!("{text}");

    let name = study.root().file_name().map_or_else(|| "study".into(), |n| n.to_string_lossy().into_owned());
    let out_dir = out_root.join(name);
    if study.questionnaire().is_some() && study.responses().is_some() {
        let mut options = study.report_options();
        options.boundaries = options_boundaries;
        options.province_boundaries = options_provinces;
        if english {
            options.lang = Language::En;
        }
        let report = study.build_report(&options)?;
        let files = report.write(&out_dir)?;
        println!("\n## Rapport\n");
        println!("{} tabellen, {} grafieken, infographic", report.tables.len(), report.charts.len());
        for w in &report.warnings {
            println!("let op: {w}");
        }
        println!("Rapport:      {}", shown(&files.html));
        println!("Tabellen:     {}", shown(&files.xlsx));
        println!("Infographic:  {}", shown(&files.infographic_html));
        println!("Grafieken:    {}", shown(&files.charts));
    }
    // After the report: writing the report replaces its folder as a whole (it is staged beside
    // it and moved into place), so the overview goes in once the report is there.
    std::fs::create_dir_all(&out_dir)?;
    lomonitor::io::write_atomic(&out_dir.join("overview.md"), |w| w.write_all(text.as_bytes()))?;
    Ok(())
}

fn shown(p: &Path) -> String {
    p.canonicalize().unwrap_or_else(|_| p.to_path_buf()).display().to_string()
}

fn overview(study: &Study) -> Result<String, Box<dyn std::error::Error>> {
    let info = study.info();
    let frame = study.frame();
    let mut s = String::new();
    writeln!(s, "# {}", info.title)?;
    writeln!(s)?;
    writeln!(s, "Peildatum onderzoek: {}", info.reference_date)?;
    writeln!(
        s,
        "Populatie: {} gemeenten (gemeentelijke indeling {}), {} inwoners",
        frame.len(),
        frame.reference_date(),
        dutch(frame.total_inhabitants())
    )?;
    writeln!(s, "{}", frame.source())?;

    let mut vars = vec![StratumVar::SizeClass];
    vars.extend(study.breakdowns().iter().filter(|v| **v != StratumVar::SizeClass));
    for var in vars {
        let strat = study.stratification(var.key())?;
        writeln!(s, "\n## Populatie naar {}\n", var.label(lomonitor::Language::Nl).to_lowercase())?;
        writeln!(s, "| {} | gemeenten (N_h) | inwoners |", var.label(lomonitor::Language::Nl))?;
        writeln!(s, "|---|---:|---:|")?;
        let counts = strat.counts(frame);
        for c in &counts {
            writeln!(s, "| {} | {} | {} |", c.stratum.label, c.count, dutch(c.inhabitants))?;
        }
        let total: u64 = counts.iter().map(|c| c.count).sum();
        writeln!(s, "| **totaal** | **{total}** | **{}** |", dutch(frame.total_inhabitants()))?;
    }

    let orgs = study.organisations();
    writeln!(s, "\n## Werkorganisaties\n")?;
    writeln!(
        s,
        "{} werkorganisaties bedienen samen {} gemeenten; per organisatie geteld zijn er {} eenheden.\n",
        orgs.len(),
        orgs.iter().map(|o| o.municipalities.len()).sum::<usize>(),
        orgs.units(frame).len()
    )?;
    for o in orgs.iter() {
        let names: Vec<String> =
            o.municipalities.iter().filter_map(|c| frame.get(*c)).map(|m| m.name.clone()).collect();
        writeln!(s, "- **{}** (`{}`): {}", o.name, o.id, names.join(", "))?;
    }

    writeln!(s, "\n## Bestanden van het onderzoek\n")?;
    let files = study.files().named();
    if files.is_empty() {
        writeln!(s, "(nog geen bestanden genoemd in study.toml)")?;
    }
    for (key, path) in files {
        writeln!(s, "- {key}: `{}`", path.display())?;
    }
    Ok(s)
}

fn dutch(v: u64) -> String {
    let digits = v.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}
