//! The report read as a reader reads it: the rendered HTML's text (tags stripped, entities
//! decoded), the infographic, the report log, the PDF. Every number checked here is compared with
//! the API's result for the same item (the API's statistics are checked against the peers in
//! `analysis_peers.rs` / `core_peers.rs`), not typed by hand.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use lomonitor::analysis::AnalysisOptions;
use lomonitor::instrument::ItemKind;
use lomonitor::report::format::{format_count, format_percent};
use lomonitor::{Language, Study};

fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/study")
}

fn temp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("lomonitor-report-reader-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

/// A copy of the example study with `edit` applied to `file`.
fn edited(name: &str, edits: &[(&str, &dyn Fn(String) -> String)]) -> PathBuf {
    let dir = temp(name).join("study");
    copy_dir(&example(), &dir);
    for (file, edit) in edits {
        let p = dir.join(file);
        let text = std::fs::read_to_string(&p).unwrap();
        std::fs::write(&p, edit(text)).unwrap();
    }
    dir
}

/// The text a reader sees: `<style>` and `<svg>` left out, tags removed, entities decoded,
/// white space collapsed (one line per block element).
fn without(html: &str, open: &str, close: &str) -> String {
    let mut kept = String::new();
    let mut rest = html;
    while let Some(i) = rest.find(open) {
        kept.push_str(&rest[..i]);
        kept.push(' ');
        rest = rest[i..].find(close).map_or("", |j| &rest[i + j + close.len()..]);
    }
    kept.push_str(rest);
    kept
}

fn reader_text(html: &str) -> String {
    let out = without(&without(html, "<style", "</style>"), "<svg", "</svg>");
    let mut text = String::new();
    let mut in_tag = false;
    let mut tag = String::new();
    for c in out.chars() {
        match c {
            '<' => {
                in_tag = true;
                tag.clear();
            }
            '>' if in_tag => {
                in_tag = false;
                let name = tag.trim_start_matches('/').split_whitespace().next().unwrap_or("").to_ascii_lowercase();
                if matches!(
                    name.as_str(),
                    "p" | "tr" | "h1" | "h2" | "h3" | "li" | "caption" | "br/" | "br" | "td" | "th"
                ) {
                    text.push(if matches!(name.as_str(), "td" | "th") { ' ' } else { '\n' });
                }
            }
            _ if in_tag => tag.push(c),
            _ => text.push(c),
        }
    }
    let text = text
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&#x2f;", "/")
        .replace("&amp;", "&");
    text.lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

struct Built {
    study: Study,
    text: String,
    infographic: String,
    log: String,
    charts: PathBuf,
}

/// The example study's report, written once (without PDF) for the tests that read it.
fn example_report() -> &'static Built {
    static B: OnceLock<Built> = OnceLock::new();
    B.get_or_init(|| {
        let study = Study::load(example()).unwrap();
        let mut options = study.report_options();
        options.pdf = false;
        let out = temp("example").join("out");
        let files = study.build_report(&options).unwrap().write(&out).unwrap();
        let html = std::fs::read_to_string(&files.html).unwrap();
        Built {
            text: reader_text(&html),
            infographic: std::fs::read_to_string(&files.infographic_svg).unwrap(),
            log: std::fs::read_to_string(&files.log).unwrap(),
            charts: files.charts,
            study,
        }
    })
}

#[test]
fn every_frequency_row_reads_as_the_api_gives_it() {
    let b = example_report();
    let q = b.study.questionnaire().unwrap();
    let opts = AnalysisOptions { weighting: lomonitor::analysis::Weighting::None, ..AnalysisOptions::default() };
    let mut checked = 0;
    for item in q.items.iter().filter(|i| matches!(i.kind, ItemKind::Single { .. } | ItemKind::Likert { .. })) {
        let f = b.study.frequencies(&item.id, &opts).unwrap();
        for row in f.rows.iter().filter(|r| r.unweighted_count > 0) {
            let mut line = format!(
                "{} {} {}",
                row.label,
                format_count(row.count, Language::Nl),
                format_percent(row.percent, 1, Language::Nl)
            );
            if let Some(v) = row.valid_percent {
                line = format!("{line} {}", format_percent(v, 1, Language::Nl));
            }
            assert!(b.text.contains(&line), "{}: the report has no line starting {line:?}", item.id);
            checked += 1;
        }
        let n_line = format!("n = {}; ontbrekend: {}", f.n_asked, f.n_asked - f.n_valid);
        assert!(b.text.contains(&n_line), "{}: no {n_line:?}", item.id);
    }
    assert!(checked > 40, "only {checked} rows checked");
}

#[test]
fn zero_rows_of_missing_codes_are_left_out() {
    let text = &example_report().text;
    for zero in ["niet van toepassing 0 0,0%", "wil ik niet zeggen 0 0,0%", "weet niet 0 0,0%"] {
        assert!(!text.contains(zero), "{zero:?} still in the report");
    }
}

#[test]
fn numeric_tables_count_missing_once_and_years_read_as_years() {
    let b = example_report();
    let q = b.study.questionnaire().unwrap();
    let mut seen_year = false;
    for item in q.items.iter().filter(|i| matches!(i.kind, ItemKind::Numeric { .. })) {
        let d = b.study.describe(&item.id, &AnalysisOptions::default()).unwrap();
        let title_at = b.text.find(&format!("\n{}", item.short_label(lomonitor::Language::Nl))).unwrap();
        let after = &b.text[title_at..];
        let missing = after.find("ontbrekend: ").map(|i| &after[i + 12..]).unwrap();
        let shown: String = missing.chars().take_while(char::is_ascii_digit).collect();
        // the respondents asked who gave no valid value (those not asked are told apart)
        assert_eq!(shown, (d.stats.missing - d.n_not_asked).to_string(), "{}: ontbrekend", item.id);
        if let ItemKind::Numeric { min: Some(m), integer: true, .. } = item.kind
            && m >= 1000.0
        {
            seen_year = true;
            let table = &after[..after.find("ontbrekend").unwrap()];
            assert!(!table.contains("2.0"), "{}: a year with a thousands separator: {table}", item.id);
            let mean = format!("{}", d.stats.mean.round());
            assert!(table.contains(&mean), "{}: mean year {mean} not in {table}", item.id);
        }
    }
    assert!(seen_year, "the example has a year item");
}

#[test]
fn the_likert_chart_counts_respondents_not_weights() {
    let b = example_report();
    let q = b.study.questionnaire().unwrap();
    let scale = q.scales.first().unwrap();
    let svg = std::fs::read_to_string(b.charts.join(format!("schaal-{}.svg", scale.id))).unwrap();
    let mut ns: Vec<String> = svg
        .match_indices("n = ")
        .map(|(i, _)| svg[i + 4..].chars().take_while(char::is_ascii_digit).collect())
        .collect();
    let mut expected: Vec<String> = scale
        .items
        .iter()
        .map(|id| {
            let f = b.study.frequencies(id, &AnalysisOptions::default()).unwrap();
            f.n_valid.to_string()
        })
        .collect();
    ns.sort();
    expected.sort();
    assert_eq!(ns, expected, "the n of each Likert bar is its respondents with a valid answer");
}

#[test]
fn the_scale_note_counts_respondents_left_out() {
    let b = example_report();
    let q = b.study.questionnaire().unwrap();
    let scale = q.scales.first().unwrap();
    let s = b.study.scale(&scale.id, &AnalysisOptions::default(), lomonitor::stats::Missing::Listwise).unwrap();
    let line = format!("n = {}; ontbrekend: {}", s.reliability.n, s.reliability.n_rows - s.reliability.n);
    assert!(b.text.contains(&line), "no {line:?}");
}

/// English words and internal keys that have no place in a Dutch report.
const NOT_DUTCH: &[&str] = &[
    " the ",
    " with ",
    " and ",
    "weighted",
    "post-stratification",
    "deletion",
    "listwise",
    "respondents",
    "municipalities",
    "interval with",
    "supplied",
    "size_class",
    "poststratify",
    "rake:",
    "cohen's kappa (1960) and",
    "cronbach's alpha",
    "kish deff",
    "effective n",
];

#[test]
fn the_dutch_report_has_no_english_and_no_internal_keys() {
    let b = example_report();
    let lower = format!(" {} ", b.text.to_lowercase().replace('\n', " \n "));
    for w in NOT_DUTCH {
        assert!(!lower.contains(w), "{w:?} in the Dutch report: …{}…", {
            let i = lower.find(w).unwrap();
            &lower[i.saturating_sub(80)..(i + 80).min(lower.len())]
        });
    }
    let info = reader_text(&b.infographic).to_lowercase();
    for w in NOT_DUTCH {
        assert!(!info.contains(w), "{w:?} in the infographic");
    }
}

#[test]
fn tool_messages_go_to_the_log_not_the_report() {
    let b = example_report();
    for msg in ["grenzenbestand", "door de gebruiker", "De studie noemt geen", "--boundaries", "warning", "left out"] {
        assert!(!b.text.contains(msg), "{msg:?} in the client's report");
        assert!(!b.infographic.contains(msg), "{msg:?} in the infographic");
    }
    // The map needs no file from the user any more: it is drawn from the boundaries the crate
    // carries, with their attribution, and the log has no hint about a boundary file.
    let map = std::fs::read_to_string(b.charts.join("kaart-respons.svg")).unwrap();
    assert!(map.contains("CBS/PDOK, CC BY 4.0"), "the map names its source");
    assert!(!b.log.contains("boundary file"), "no hint for a map that is drawn anyway: {}", b.log);
}

#[test]
fn dates_are_dutch_and_units_are_named_rightly() {
    let b = example_report();
    assert!(b.text.contains("peildatum 1 maart 2025"), "subtitle date");
    assert!(!b.text.contains("2025-03-01"), "an ISO date in the report");
    assert!(!b.text.contains(" 1 strata"), "1 strata");
    let n = b.study.analysis().n_responses();
    let units = b.study.organisations().units(b.study.frame()).len();
    let line = format!("{n} van de {units} eenheden (gemeenten en werkorganisaties)");
    assert!(b.text.contains(&line), "no {line:?}");
}

#[test]
fn key_findings_come_first_with_their_intervals() {
    let b = example_report();
    let first = b.text.find("Belangrijkste bevindingen\n").unwrap();
    let second = b.text[first + 10..].find("Belangrijkste bevindingen\n").unwrap() + first + 10;
    let respons = b.text.find("\nRespons en representativiteit\nRespons naar").unwrap();
    assert!(second < respons, "the findings open the report");
    let opts = AnalysisOptions { weighting: "poststratify:size_class".parse().unwrap(), ..AnalysisOptions::default() };
    let p = b.study.proportions("visie", &opts).unwrap();
    let o = p.options.iter().find(|o| o.code == 1).unwrap();
    let line = format!(
        "{} heeft een vastgesteld L&O-beleid (gewogen; 95%-BI {}",
        format_percent(100.0 * o.estimate.estimate, 0, Language::Nl),
        lomonitor::report::format::format_interval(
            100.0 * o.estimate.lower,
            100.0 * o.estimate.upper,
            0,
            true,
            Language::Nl
        )
    );
    assert!(b.text.contains(&line), "no {line:?}");
}

#[test]
fn multiple_response_bars_are_sorted_and_charts_name_their_source() {
    let b = example_report();
    let svg = std::fs::read_to_string(b.charts.join("vraag-instrumenten.svg")).unwrap();
    let words: String = {
        let mut t = String::new();
        let mut in_tag = false;
        for c in svg.chars() {
            match c {
                '<' => {
                    in_tag = true;
                    t.push(' ');
                }
                '>' => in_tag = false,
                _ if !in_tag => t.push(c),
                _ => {}
            }
        }
        t.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    assert!(words.contains("Bron: Leren en Ontwikkelen binnen Nederlandse gemeenten, 2025"), "Bron: in {words}");
    assert!(words.contains("n = ") && words.contains("basis:"), "n and base in {words}");
    let p = b
        .study
        .proportions(
            "instrumenten",
            &AnalysisOptions { weighting: "poststratify:size_class".parse().unwrap(), ..Default::default() },
        )
        .unwrap();
    let mut opts = p.options.clone();
    opts.sort_by(|a, b| b.estimate.estimate.total_cmp(&a.estimate.estimate));
    let pos: Vec<usize> = opts.iter().map(|o| svg.find(&format!(">{}<", o.label)).unwrap()).collect();
    assert!(pos.windows(2).all(|w| w[0] < w[1]), "bars not sorted by share");
}

#[test]
fn the_infographic_footer_names_the_weighting_used() {
    let unweighted = edited(
        "unweighted",
        &[("study.toml", &|t: String| t.replace("weighting = \"poststratify:size_class\"", "weighting = \"none\""))],
    );
    let study = Study::load(&unweighted).unwrap();
    let mut options = study.report_options();
    options.pdf = false;
    let r = study.build_report(&options).unwrap();
    assert!(r.infographic.contains("Ongewogen"), "unweighted footer");
    assert!(!r.infographic.contains("Gewogen naar"), "a weighting that was not used");
    assert!(example_report().infographic.contains("Gewogen naar gemeentegrootte"));
}

const PAYLOAD: &str = "<script>document.title='PWNED'</script><img src=x onerror=\"document.title='PWNED'\"><b>vet</b>";

/// The study with markup and script in every text field: title, institution, key-figure
/// captions, item labels and texts, option labels, scale labels, code labels and quotes.
fn hostile_study() -> PathBuf {
    let p = PAYLOAD.replace('"', "\\\"");
    let esc_csv = PAYLOAD.replace('"', "\"\"");
    let toml_edit = move |t: String| {
        t.replace("title = \"Leren en Ontwikkelen binnen Nederlandse gemeenten\"", &format!("title = \"Leren {p}\""))
            .replace("institution = \"Lectoraat (voorbeeld)\"", &format!("institution = \"Lectoraat {p}\""))
            .replace("caption = \"heeft een vastgesteld L&O-beleid\"", &format!("caption = \"beleid {p}\""))
    };
    let p2 = PAYLOAD.replace('"', "\\\"");
    let q_edit = move |t: String| {
        t.replace("label = \"Opleidingsplan\"", &format!("label = \"Opleidingsplan {p2}\""))
            .replace("{ code = 1, label = \"jaarlijks\"", &format!("{{ code = 1, label = \"jaarlijks {p2}\""))
            .replace("text = \"In welk jaar is dat beleid vastgesteld?\"", &format!("text = \"In welk jaar {p2}\""))
    };
    let p3 = PAYLOAD.replace('"', "\\\"");
    let cb_edit = move |t: String| t.replace("label = \"Druk op het budget\"", &format!("label = \"Druk {p3}\""));
    let codings_edit = move |t: String| {
        let mut lines: Vec<String> = t.lines().map(str::to_owned).collect();
        if let Some(l) = lines.get_mut(1) {
            // the quote is the last field: append the payload inside it
            if let Some(i) = l.rfind('"') {
                l.insert_str(i, &format!(" {esc_csv}"));
            }
        }
        lines.join("\n") + "\n"
    };
    edited(
        "hostile",
        &[
            ("study.toml", &toml_edit),
            ("questionnaire.toml", &q_edit),
            ("codebook.toml", &cb_edit),
            ("codings.csv", &codings_edit),
        ],
    )
}

#[test]
fn markup_in_every_text_field_is_shown_as_text() {
    let dir = hostile_study();
    let study = Study::load(&dir).unwrap();
    let mut options = study.report_options();
    options.pdf = false;
    let out = dir.parent().unwrap().join("out");
    let files = study.build_report(&options).unwrap().write(&out).unwrap();
    let html = std::fs::read_to_string(&files.html).unwrap();
    let info = std::fs::read_to_string(&files.infographic_html).unwrap();
    for page in [&html, &info] {
        assert!(!page.contains("<script"), "a script element reached the page");
        assert!(!page.contains("<img src=x"), "an img element reached the page");
        assert!(!page.contains("<b>vet"), "markup reached the page");
    }
    let text = reader_text(&html);
    assert!(text.contains("beleid <script>document.title='PWNED'</script>"), "the caption is shown as text");
    assert!(text.contains("Opleidingsplan <script>"), "the item label is shown as text");

    // In the browser: nothing ran (the title would read PWNED).
    let Some(chromium) = ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .find_map(|n| std::env::split_paths(&std::env::var_os("PATH")?).map(|d| d.join(n)).find(|p| p.is_file()))
    else {
        eprintln!("chromium not installed: the browser half of this test is skipped");
        return;
    };
    for page in [&files.html, &files.infographic_html] {
        let profile = dir.parent().unwrap().join(format!("profile-{}", page.file_stem().unwrap().to_string_lossy()));
        let o = std::process::Command::new(&chromium)
            .args(["--headless", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=3000", "--dump-dom"])
            .arg(format!("--user-data-dir={}", profile.display()))
            .arg(format!("file://{}", std::path::absolute(page).unwrap().display()))
            .output()
            .unwrap();
        let dom = String::from_utf8_lossy(&o.stdout);
        assert!(dom.contains("<title>"), "chromium rendered nothing: {}", String::from_utf8_lossy(&o.stderr));
        assert!(!dom.contains("<title>PWNED</title>"), "a script ran in {}", page.display());
        assert!(!dom.contains("<script>document"), "a live script element in {}", page.display());
    }
}

#[test]
fn a_study_with_zero_responses_still_makes_a_report() {
    let dir = edited("zero", &[("responses.csv", &|t: String| t.lines().next().unwrap().to_owned() + "\n")]);
    let study = Study::load(&dir).unwrap();
    assert_eq!(study.analysis().n_responses(), 0);
    let mut options = study.report_options();
    options.pdf = false;
    let r = study.build_report(&options).unwrap();
    assert!(!r.warnings.is_empty(), "what was left out is in the log");
    let files = r.write(&dir.parent().unwrap().join("out")).unwrap();
    let log = std::fs::read_to_string(&files.log).unwrap();
    assert!(log.contains("left out"), "{log}");
    let text = reader_text(&std::fs::read_to_string(&files.html).unwrap());
    assert!(text.contains("0 van de"), "{text}");
}

#[test]
fn a_long_label_and_too_many_key_figures_are_logged_not_fatal() {
    let long = "lang ".repeat(400);
    let many: String = (0..10)
        .map(|i| format!("\n[[report.key_figures]]\nitem = \"visie\"\ncodes = [1]\ncaption = \"figuur {i}\"\n"))
        .collect();
    let dir = edited(
        "robust",
        &[
            ("study.toml", &move |t: String| t + &many),
            ("questionnaire.toml", &move |t: String| {
                t.replace("label = \"Opleidingsplan\"", &format!("label = \"{long}\""))
            }),
        ],
    );
    let study = Study::load(&dir).unwrap();
    let mut options = study.report_options();
    options.pdf = false;
    let r = study.build_report(&options).unwrap();
    assert!(r.warnings.iter().any(|w| w.contains("key figures")), "{:?}", r.warnings);
    r.write(&dir.parent().unwrap().join("out")).unwrap();
}

#[test]
fn the_output_folder_holds_one_run_and_no_leftovers() {
    let b = example_report();
    let root = temp("staged");
    let out = root.join("out");
    let mut options = b.study.report_options();
    options.pdf = false;
    let report = b.study.build_report(&options).unwrap();
    report.write(&out).unwrap();
    std::fs::write(out.join("grafieken/stale-from-an-older-run.svg"), "<svg/>").unwrap();
    // a killed run's leftovers
    std::fs::create_dir_all(root.join(".out.lomonitor-tmp-1-2")).unwrap();
    report.write(&out).unwrap();
    assert!(!out.join("grafieken/stale-from-an-older-run.svg").exists(), "files of two runs mixed");
    let names: Vec<String> =
        std::fs::read_dir(&root).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert_eq!(names, vec!["out".to_owned()], "leftovers beside the output");
    // a folder with other files is not replaced
    let other = root.join("mine");
    std::fs::create_dir_all(&other).unwrap();
    std::fs::write(other.join("thesis.docx"), "x").unwrap();
    let err = report.write(&other).unwrap_err().to_string();
    assert!(err.contains("other files"), "{err}");
    assert!(other.join("thesis.docx").exists());
}

#[test]
fn the_pdf_is_a4_with_pages() {
    let b = example_report();
    let out = temp("pdf").join("out");
    let mut options = b.study.report_options();
    options.pdf = true;
    let files = b.study.build_report(&options).unwrap().write(&out).unwrap();
    let Some(pdf) = files.pdf else {
        let log = std::fs::read_to_string(&files.log).unwrap();
        assert!(log.contains("rapport.pdf not made"), "a skipped PDF is logged: {log}");
        eprintln!("no chromium: the PDF is skipped with a line in the log");
        return;
    };
    let bytes = std::fs::read(pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    let text = String::from_utf8_lossy(&bytes);
    let boxes: Vec<&str> = text
        .match_indices("/MediaBox [")
        .map(|(i, _)| {
            let s = &text[i + 11..];
            &s[..s.find(']').unwrap()]
        })
        .collect();
    assert!(boxes.len() >= 10, "{} pages", boxes.len());
    for b in &boxes {
        let v: Vec<f64> = b.split_whitespace().map(|x| x.parse().unwrap()).collect();
        let (w, h) = (v[2] - v[0], v[3] - v[1]);
        let a4 = |x: f64, y: f64| (x - 595.3).abs() < 2.0 && (y - 841.9).abs() < 2.0;
        assert!(a4(w, h) || a4(h, w), "page {w} x {h} pt is not A4");
    }
}

#[test]
fn snapshot_of_tables() {
    let b = example_report();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/snapshots");
    for caption in ["\nRespons naar gemeentegrootte\n", "\nOpleidingsplan\n", "\nJaar vaststelling beleid\n"] {
        let start = b.text.find(caption).unwrap() + 1;
        let rest = &b.text[start..];
        let end = rest.find("\nMethode").map_or(rest.len(), |i| i);
        let table = &rest[..end];
        let name = caption.trim().to_lowercase().replace(' ', "-") + ".txt";
        let path = dir.join(&name);
        if std::env::var_os("LOMONITOR_UPDATE_SNAPSHOTS").is_some() {
            std::fs::write(&path, table).unwrap();
        }
        let expected = std::fs::read_to_string(&path).unwrap();
        assert_eq!(table, expected, "{name} changed (LOMONITOR_UPDATE_SNAPSHOTS=1 to accept)");
    }
}

#[test]
fn the_house_style_reaches_the_page_and_a_bad_one_is_logged() {
    let dir = edited(
        "style",
        &[("study.toml", &|t: String| {
            t + "\n[report.style]\nlogo = \"logo.svg\"\naccent = \"#C8102E\"\nfont = \"Open Sans\"\n"
        })],
    );
    std::fs::write(dir.join("logo.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/>")
        .unwrap();
    let study = Study::load(&dir).unwrap();
    let mut options = study.report_options();
    options.pdf = false;
    let html = study.build_report(&options).unwrap().html();
    assert!(html.contains("<img class=\"lm-logo\" src=\"data:image/svg+xml;base64,"), "logo");
    assert!(html.contains("--lm-accent:#C8102E") && html.contains("font-family:Open Sans"), "colour and font");

    let bad = edited(
        "badstyle",
        &[("study.toml", &|t: String| t + "\n[report.style]\naccent = \"red;}</style><script>x\"\n")],
    );
    let study = Study::load(&bad).unwrap();
    let mut options = study.report_options();
    options.pdf = false;
    let r = study.build_report(&options).unwrap();
    assert!(r.warnings.iter().any(|w| w.contains("report.style.accent")), "{:?}", r.warnings);
    assert!(!r.html().contains("<script>x"));
}

#[test]
fn the_published_overview_holds_only_consented_fresh_contacts() {
    let b = example_report();
    let out = temp("overview").join("out");
    let mut options = b.study.report_options();
    options.pdf = false;
    let files = b.study.build_report(&options).unwrap().write(&out).unwrap();
    let csv = std::fs::read_to_string(out.join("overzicht-lo-verantwoordelijken.csv")).unwrap();
    assert!(files.overview.unwrap().exists());
    let directory = b.study.contacts().unwrap().value;
    let as_of = b.study.info().reference_date;
    let start = as_of.checked_sub_months(chrono::Months::new(12)).unwrap();
    let mut listed = 0;
    for c in directory.iter() {
        let fresh = c.verified.is_some_and(|v| v >= start);
        let shown = c.consent_publish.listed && fresh && c.status == lomonitor::contacts::ContactStatus::Active;
        if let Some(e) = &c.email {
            let in_csv = csv.contains(&format!(";{e};"));
            assert_eq!(in_csv, shown && c.consent_publish.email, "{}: e-mail shown = {in_csv}", c.id);
        }
        if !c.name.is_empty() && !shown {
            assert!(!csv.contains(&format!(";{};", c.name)), "{} listed without consent or fresh verification", c.id);
        }
        listed += usize::from(shown);
    }
    assert!(listed > 10, "{listed} listed contacts");
}
