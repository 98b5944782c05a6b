//! The `lomonitor` command: start, check, report, export and maintain a study folder.
//!
//! The logic lives here so that the binary (`src/main.rs`) and the Python console script (through
//! `lomonitor._lomonitor._cli_main`) run the same code: [`run`] takes the arguments and returns
//! the exit code.
//!
//! Exit codes: [`EXIT_OK`] (0), [`EXIT_FINDINGS`] (1: errors or findings in the user's files),
//! [`EXIT_USAGE`] (2: wrong usage, as clap reports it).

use std::ffi::OsString;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand, ValueEnum};

use lomonitor::{Language, Study};

mod questionnaire;
use questionnaire::Platform;

/// Everything went well.
pub const EXIT_OK: u8 = 0;
/// The user's files have errors or findings (or could not be read or written).
pub const EXIT_FINDINGS: u8 = 1;
/// Wrong usage: an unknown flag, a missing value, a bad argument.
pub const EXIT_USAGE: u8 = 2;

/// Descriptive mixed-methods studies of Dutch municipalities.
#[derive(Debug, Parser)]
#[command(name = "lomonitor", version, about, long_about = None)]
pub struct Cli {
    /// Print the result as JSON on stdout (for scripts) instead of text.
    #[arg(long, global = true)]
    json: bool,
    /// The subcommand.
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Make a new study folder that works at once (study.toml, questionnaire, empty data files).
    Init {
        /// The folder to create (must be empty or absent).
        dir: PathBuf,
        /// The study's title.
        #[arg(long, default_value = "Nieuw onderzoek")]
        title: String,
    },
    /// Load the study and validate every file it names; print the validation report.
    Check {
        /// The study folder (or its study.toml).
        dir: PathBuf,
    },
    /// Write the full descriptive report (HTML, XLSX, infographic, charts).
    Report {
        /// The study folder.
        dir: PathBuf,
        /// The output folder (default: out/<study folder name>).
        #[arg(long)]
        out: Option<PathBuf>,
        /// The report language (default: the study's).
        #[arg(long, value_enum)]
        lang: Option<Lang>,
        /// A GeoJSON of the municipal boundaries, for the response map.
        #[arg(long, requires = "provinces")]
        boundaries: Option<PathBuf>,
        /// A GeoJSON of the provincial boundaries.
        #[arg(long, requires = "boundaries")]
        provinces: Option<PathBuf>,
    },
    /// Write the archive: responses CSV, codebook (Markdown), DDI Codebook 2.5, SPSS syntax.
    Export {
        /// The study folder.
        dir: PathBuf,
        /// The output folder.
        #[arg(long)]
        out: PathBuf,
    },
    /// Write the published overview of L&O responsibles (CSV, XLSX, Markdown).
    Overview {
        /// The study folder.
        dir: PathBuf,
        /// The output folder.
        #[arg(long)]
        out: PathBuf,
        /// English column labels.
        #[arg(long)]
        english: bool,
    },
    /// Draw a stratified random sample of municipalities to interview.
    Sample {
        /// The study folder.
        dir: PathBuf,
        /// The sample size.
        #[arg(long)]
        n: usize,
        /// The stratification, e.g. `size_class` or `size_class*province`.
        #[arg(long, default_value = "size_class")]
        by: String,
        /// The seed (the same seed gives the same sample).
        #[arg(long)]
        seed: u64,
        /// Equal allocation over the strata instead of proportional.
        #[arg(long)]
        equal: bool,
    },
    /// Erase a person from the contacts and fieldwork files (AVG art. 17) and print the proof.
    Erase {
        /// The study folder.
        dir: PathBuf,
        /// The person's e-mail address.
        #[arg(long, conflicts_with = "name", required_unless_present = "name")]
        email: Option<String>,
        /// The person's name.
        #[arg(long)]
        name: Option<String>,
    },
    /// Move the questionnaire to and from survey platforms (LimeSurvey .lss, Qualtrics .qsf).
    Questionnaire {
        /// What to do.
        #[command(subcommand)]
        action: QuestionnaireAction,
    },
}

#[derive(Debug, Subcommand)]
enum QuestionnaireAction {
    /// Write the questionnaire as a LimeSurvey survey structure file (.lss) to import there.
    ToLimesurvey {
        /// The study folder, or a questionnaire file (.toml or .json).
        source: PathBuf,
        /// The .lss file to write.
        #[arg(short, long)]
        out: PathBuf,
    },
    /// Write the questionnaire as a Qualtrics survey file (.qsf) to import there.
    ToQualtrics {
        /// The study folder, or a questionnaire file (.toml or .json).
        source: PathBuf,
        /// The .qsf file to write.
        #[arg(short, long)]
        out: PathBuf,
    },
    /// Read a LimeSurvey survey structure file (.lss) as a draft questionnaire (TOML); exit 1 when
    /// anything could not be mapped (listed) or the draft does not pass the checks.
    FromLimesurvey {
        /// The .lss file.
        source: PathBuf,
        /// The questionnaire file to write (TOML).
        #[arg(short, long)]
        out: PathBuf,
    },
    /// Read a Qualtrics survey file (.qsf) as a draft questionnaire (TOML); exit 1 when anything
    /// could not be mapped (listed) or the draft does not pass the checks.
    FromQualtrics {
        /// The .qsf file.
        source: PathBuf,
        /// The questionnaire file to write (TOML).
        #[arg(short, long)]
        out: PathBuf,
    },
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum Lang {
    Nl,
    En,
}

/// What a subcommand hands back: text for people, JSON for scripts, and whether the user's files
/// had findings.
struct Outcome {
    text: String,
    json: serde_json::Value,
    findings: bool,
}

/// A failure of a subcommand: the core's error (naming file, line, column and value) or an
/// output that could not be serialised.
#[derive(Debug)]
enum Failure {
    Core(lomonitor::Error),
    Other(String),
}

impl From<lomonitor::Error> for Failure {
    fn from(e: lomonitor::Error) -> Self {
        Failure::Core(e)
    }
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::Core(e) => e.fmt(f),
            Failure::Other(s) => f.write_str(s),
        }
    }
}

fn to_json<T: serde::Serialize>(v: &T) -> Result<serde_json::Value, Failure> {
    serde_json::to_value(v).map_err(|e| Failure::Other(format!("cannot write JSON: {e}")))
}

/// Run the command line `args` (the first is the program name) and return the exit code.
///
/// Prints on stdout (the result) and stderr (`error: ...`, progress on a terminal).
pub fn run<I, T>(args: I) -> u8
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(c) => c,
        Err(e) => {
            // --help and --version are not errors; clap's usage errors exit 2.
            let _ = e.print();
            return if e.use_stderr() { EXIT_USAGE } else { EXIT_OK };
        }
    };
    let json = cli.json;
    // Progress goes to a terminal only, and never beside JSON output.
    QUIET.store(json, std::sync::atomic::Ordering::Relaxed);
    match execute(cli.command) {
        Ok(out) => {
            let mut stdout = std::io::stdout().lock();
            let written = if json { writeln!(stdout, "{}", out.json) } else { write!(stdout, "{}", out.text) };
            if written.is_err() {
                return EXIT_FINDINGS;
            }
            if out.findings { EXIT_FINDINGS } else { EXIT_OK }
        }
        Err(e) => {
            if json {
                println!("{}", serde_json::json!({ "error": e.to_string() }));
            }
            eprintln!("error: {e}");
            EXIT_FINDINGS
        }
    }
}

/// Set for `--json`: no progress then, even on a terminal.
static QUIET: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// A spinner on stderr when it is a terminal (and the output is not `--json`); hidden otherwise.
fn progress(message: &str) -> indicatif::ProgressBar {
    if std::io::stderr().is_terminal() && !QUIET.load(std::sync::atomic::Ordering::Relaxed) {
        let bar = indicatif::ProgressBar::new_spinner();
        bar.set_message(message.to_owned());
        bar.enable_steady_tick(std::time::Duration::from_millis(100));
        bar
    } else {
        indicatif::ProgressBar::hidden()
    }
}

/// Load a study: the one place every subcommand reads a study folder.
fn load(dir: &Path) -> Result<Study, Failure> {
    let bar = progress("loading the study");
    let study = Study::load(dir);
    bar.finish_and_clear();
    Ok(study?)
}

fn execute(command: Command) -> Result<Outcome, Failure> {
    match command {
        Command::Init { dir, title } => init(&dir, &title),
        Command::Check { dir } => check(&dir),
        Command::Report { dir, out, lang, boundaries, provinces } => report(&dir, out, lang, boundaries, provinces),
        Command::Export { dir, out } => export(&dir, &out),
        Command::Overview { dir, out, english } => overview(&dir, &out, english),
        Command::Sample { dir, n, by, seed, equal } => sample(&dir, n, &by, seed, equal),
        Command::Erase { dir, email, name } => erase(&dir, email, name),
        Command::Questionnaire { action } => match action {
            QuestionnaireAction::ToLimesurvey { source, out } => {
                questionnaire::to_platform(Platform::LimeSurvey, &source, &out)
            }
            QuestionnaireAction::ToQualtrics { source, out } => {
                questionnaire::to_platform(Platform::Qualtrics, &source, &out)
            }
            QuestionnaireAction::FromLimesurvey { source, out } => {
                questionnaire::from_platform(Platform::LimeSurvey, &source, &out)
            }
            QuestionnaireAction::FromQualtrics { source, out } => {
                questionnaire::from_platform(Platform::Qualtrics, &source, &out)
            }
        },
    }
}

/// The template files of `lomonitor init`, with `{{TITLE}}`, `{{ID}}` and `{{DATE}}` to fill in.
const TEMPLATE: [(&str, &str); 8] = [
    ("study.toml", include_str!("../template/study.toml")),
    ("questionnaire.toml", include_str!("../template/questionnaire.toml")),
    ("codebook.toml", include_str!("../template/codebook.toml")),
    ("contacts.csv", include_str!("../template/contacts.csv")),
    ("fieldwork.csv", include_str!("../template/fieldwork.csv")),
    ("codings.csv", include_str!("../template/codings.csv")),
    ("responses.csv", include_str!("../template/responses.csv")),
    ("README.md", include_str!("../template/README.md")),
];

fn init(dir: &Path, title: &str) -> Result<Outcome, Failure> {
    let io = |p: &Path, e: std::io::Error| Failure::Core(lomonitor::Error::io(p, e));
    if dir.exists() {
        let mut entries = std::fs::read_dir(dir).map_err(|e| io(dir, e))?;
        if entries.next().is_some() {
            return Err(Failure::Other(format!(
                "{}: the folder is not empty; `lomonitor init` only writes into a new or empty folder",
                dir.display()
            )));
        }
    }
    std::fs::create_dir_all(dir).map_err(|e| io(dir, e))?;
    let id: String = title
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    let id = if id.is_empty() { "onderzoek".to_owned() } else { id };
    let date = chrono_today();
    // TOML basic strings: escape what would end or break the string.
    let toml_title = title.replace('\\', "\\\\").replace('"', "\\\"");
    let mut written = Vec::new();
    for (name, text) in TEMPLATE {
        let t = if name == "README.md" { title } else { toml_title.as_str() };
        let text = text.replace("{{TITLE}}", t).replace("{{ID}}", &id).replace("{{DATE}}", &date);
        let path = dir.join(name);
        lomonitor::io::write_atomic(&path, |w| w.write_all(text.as_bytes()))?;
        written.push(path);
    }
    let mut text = format!("Made the study folder {}:\n", dir.display());
    for p in &written {
        text.push_str(&format!("  {}\n", p.display()));
    }
    text.push_str(&format!("Next: lomonitor check {}\n", dir.display()));
    Ok(Outcome { text, json: serde_json::json!({ "dir": dir, "files": written }), findings: false })
}

/// Today's date as YYYY-MM-DD (UTC), from the system clock.
fn chrono_today() -> String {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let days = i64::try_from(secs / 86_400).unwrap_or(0);
    // Civil date from days since 1970-01-01 (H. Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

fn check(dir: &Path) -> Result<Outcome, Failure> {
    let study = load(dir)?;
    let mut text = String::new();
    let mut findings = false;
    let mut files = Vec::new();
    text.push_str(&format!(
        "{}: study.toml read; {} municipalities in the frame\n",
        dir.display(),
        study.frame().len()
    ));
    if let Some(report) = study.validation_report() {
        text.push_str(&format!("responses: {report}\n"));
        findings |= !report.is_clean();
        files.push(serde_json::json!({ "file": "responses", "report": to_json(report)? }));
    }
    let named: Vec<&str> = study.files().named().into_iter().map(|(k, _)| k).collect();
    if named.contains(&"contacts") {
        let loaded = study.contacts()?;
        text.push_str(&format!("contacts: {} issues\n", loaded.issues.len()));
        for i in &loaded.issues {
            text.push_str(&format!("  {i}\n"));
        }
        findings |= loaded.has_errors();
        files.push(serde_json::json!({ "file": "contacts", "issues": to_json(&loaded.issues)? }));
    }
    if named.contains(&"fieldwork") {
        let loaded = study.fieldwork()?;
        text.push_str(&format!("fieldwork: {} issues\n", loaded.issues.len()));
        for i in &loaded.issues {
            text.push_str(&format!("  {i}\n"));
        }
        findings |= loaded.has_errors();
        files.push(serde_json::json!({ "file": "fieldwork", "issues": to_json(&loaded.issues)? }));
    }
    if let Some(p) = study.files().interview_guide.as_deref() {
        lomonitor::instrument::InterviewGuide::load(&study.path_of(p))?;
        text.push_str("interview_guide: ok\n");
        files.push(serde_json::json!({ "file": "interview_guide", "issues": [] }));
    }
    if let Some(p) = study.files().codebook.as_deref() {
        lomonitor::instrument::Codebook::load(&study.path_of(p))?;
        text.push_str("codebook: ok\n");
    }
    if let Some((_, codings)) = study.codings()? {
        text.push_str(&format!("codings: ok ({} segments)\n", codings.segments.len()));
        files.push(serde_json::json!({ "file": "codings", "issues": [] }));
    }
    text.push_str(if findings { "findings: see above\n" } else { "ok\n" });
    Ok(Outcome { text, json: serde_json::json!({ "ok": !findings, "files": files }), findings })
}

fn report(
    dir: &Path,
    out: Option<PathBuf>,
    lang: Option<Lang>,
    boundaries: Option<PathBuf>,
    provinces: Option<PathBuf>,
) -> Result<Outcome, Failure> {
    let study = load(dir)?;
    let name = study.root().file_name().map_or_else(|| "study".into(), |n| n.to_string_lossy().into_owned());
    let out_dir = out.unwrap_or_else(|| Path::new("out").join(name));
    if study.questionnaire().is_none() || study.responses().is_none() {
        return Err(Failure::Other(format!(
            "{}: the report needs files.instrument and files.responses in study.toml",
            study.root().join("study.toml").display()
        )));
    }
    let mut options = study.report_options();
    options.boundaries = boundaries;
    options.province_boundaries = provinces;
    match lang {
        Some(Lang::En) => options.lang = Language::En,
        Some(Lang::Nl) => options.lang = Language::Nl,
        None => {}
    }
    let bar = progress("writing the report");
    let built = study.build_report(&options).and_then(|r| r.write(&out_dir).map(|f| (r, f)));
    bar.finish_and_clear();
    let (report, files) = built?;
    let mut text = format!("{} tables, {} charts, infographic\n", report.tables.len(), report.charts.len());
    for w in &report.warnings {
        text.push_str(&format!("warning: {w}\n"));
    }
    text.push_str(&format!(
        "report:      {}\ntables:      {}\ninfographic: {}\ncharts:      {}\n",
        files.html.display(),
        files.xlsx.display(),
        files.infographic_html.display(),
        files.charts.display()
    ));
    if let Some(pdf) = &files.pdf {
        text.push_str(&format!("pdf:         {}\n", pdf.display()));
    }
    text.push_str(&format!("log:         {}\n", files.log.display()));
    let json = serde_json::json!({
        "tables": report.tables.len(),
        "charts": report.charts.len(),
        "warnings": report.warnings.iter().map(ToString::to_string).collect::<Vec<_>>(),
        "files": { "html": files.html, "xlsx": files.xlsx, "infographic_html": files.infographic_html,
                   "infographic_svg": files.infographic_svg, "charts": files.charts,
                   "pdf": files.pdf, "log": files.log },
    });
    Ok(Outcome { text, json, findings: false })
}

fn export(dir: &Path, out: &Path) -> Result<Outcome, Failure> {
    let study = load(dir)?;
    let (Some(q), Some(set)) = (study.questionnaire(), study.responses()) else {
        return Err(Failure::Other(format!(
            "{}: the archive needs files.instrument and files.responses in study.toml",
            study.root().join("study.toml").display()
        )));
    };
    let bar = progress("writing the archive");
    let files = lomonitor::responses::export_archive(out, set, q, Some(study.info()), Default::default());
    bar.finish_and_clear();
    let files = files?;
    let text = format!(
        "archive written:\n  {}\n  {}\n  {}\n  {}\n",
        files.csv.display(),
        files.codebook.display(),
        files.ddi.display(),
        files.spss.display()
    );
    Ok(Outcome { text, json: to_json(&files)?, findings: false })
}

fn overview(dir: &Path, out: &Path, english: bool) -> Result<Outcome, Failure> {
    let files = load(dir)?.write_overview(out, Language::english_if(english))?;
    let text = format!(
        "published overview: {} rows\n  {}\n  {}\n  {}\n",
        files.rows,
        files.csv.display(),
        files.xlsx.display(),
        files.markdown.display()
    );
    Ok(Outcome {
        text,
        json: serde_json::json!({ "rows": files.rows, "files": [files.csv, files.xlsx, files.markdown] }),
        findings: false,
    })
}

fn sample(dir: &Path, n: usize, by: &str, seed: u64, equal: bool) -> Result<Outcome, Failure> {
    use lomonitor::coding::{Allocation, InterviewSample};
    let study = load(dir)?;
    let strata = study.stratification(by)?;
    let allocation = if equal { Allocation::Equal } else { Allocation::Proportional };
    let s = InterviewSample::draw(study.frame(), &strata, n, allocation, seed)?;
    let mut text = format!("interview sample: n = {n}, by {}, seed {seed}\n", s.stratification);
    for st in &s.strata {
        text.push_str(&format!("  {:<24} N = {:>3}  n = {:>2}\n", st.stratum.label, st.population, st.allocated));
    }
    for u in &s.units {
        let label = s.strata.iter().find(|st| st.stratum.index == u.stratum).map_or("", |st| st.stratum.label.as_str());
        text.push_str(&format!("{}  {:<28} {}\n", u.code, u.name, label));
    }
    Ok(Outcome { text, json: to_json(&s)?, findings: false })
}

fn erase(dir: &Path, email: Option<String>, name: Option<String>) -> Result<Outcome, Failure> {
    use lomonitor::contacts::PersonQuery;
    let query = match (email, name) {
        (Some(e), _) => PersonQuery::Email(e),
        (None, Some(n)) => PersonQuery::Name(n),
        (None, None) => return Err(Failure::Other("give --email or --name".into())),
    };
    let study = load(dir)?;
    let proof = lomonitor::study::erase(&study, &query)?;
    let mut text = format!(
        "erased contact ids {:?}: {} contact rows, {} fieldwork rows\nfiles rewritten:\n",
        proof.contact_ids.iter().map(ToString::to_string).collect::<Vec<_>>(),
        proof.contact_rows.len(),
        proof.fieldwork_rows.len()
    );
    for f in &proof.files_written {
        text.push_str(&format!("  {}\n", f.display()));
    }
    for (what, files) in [("regenerated", &proof.files_regenerated), ("removed", &proof.files_removed)] {
        if !files.is_empty() {
            text.push_str(&format!("outputs {what}:\n"));
            for f in files {
                text.push_str(&format!("  {}\n", f.display()));
            }
        }
    }
    let partly = proof.searched.iter().filter(|s| !s.complete).count();
    text.push_str(&format!("searched: {} files and links ({partly} not fully)\n", proof.searched.len()));
    if proof.still_found.is_empty() {
        text.push_str("no trace found in the study folder\n");
    } else {
        text.push_str("still found (remove by hand):\n");
        for t in &proof.still_found {
            let entry = t.entry.as_deref().map(|e| format!(" [{e}]")).unwrap_or_default();
            text.push_str(&format!("  {}{entry}: {:?}\n", t.path.display(), t.found));
        }
    }
    if !proof.remaining.is_empty() {
        text.push_str("remaining copies not searched:\n");
        for r in &proof.remaining {
            text.push_str(&format!("  {}: {}\n", r.path.display(), r.what));
            if let Some(c) = &r.command {
                text.push_str(&format!("    -> {}\n", c.replace('\n', "\n       ")));
            }
        }
    }
    // Traces left behind or copies not searched are findings: the erasure is not proven complete.
    let findings = !proof.complete();
    Ok(Outcome { text, json: to_json(&proof)?, findings })
}
