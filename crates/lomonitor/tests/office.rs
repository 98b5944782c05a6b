//! The Office outputs of the example study's report, read back as a reader's program would:
//! `rapport.docx` (word/document.xml, word/styles.xml), `presentatie.pptx` (ppt/slides/*.xml),
//! `figuren/*.png` (decoded) and `tabellen.xlsx` (the contents sheet), each compared with the
//! report model they were written from.
#![cfg(feature = "report")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use lomonitor::Study;
use lomonitor::report::{Block, ReportFiles, StudyReport};

fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/study")
}

/// The example study's report, built once and written into a fresh folder.
fn written() -> &'static (StudyReport, ReportFiles, PathBuf) {
    static ONCE: OnceLock<(StudyReport, ReportFiles, PathBuf)> = OnceLock::new();
    ONCE.get_or_init(|| {
        let study = Study::load(example()).unwrap();
        let report = study.build_report(&study.report_options()).unwrap();
        let out = std::env::temp_dir().join(format!("lomonitor-office-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&out);
        std::fs::create_dir_all(&out).unwrap();
        let files = report.write(&out).unwrap();
        (report, files, out)
    })
}

fn zip_entries(path: &Path) -> HashMap<String, Vec<u8>> {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut out = HashMap::new();
    for i in 0..archive.len() {
        let mut f = archive.by_index(i).unwrap();
        let mut bytes = Vec::new();
        f.read_to_end(&mut bytes).unwrap();
        out.insert(f.name().unwrap().to_string(), bytes);
    }
    out
}

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

fn w_text(node: roxmltree::Node<'_, '_>) -> String {
    node.descendants().filter(|n| n.has_tag_name((W, "t"))).filter_map(|n| n.text()).collect()
}

fn style_of(p: roxmltree::Node<'_, '_>) -> Option<String> {
    p.children()
        .find(|n| n.has_tag_name((W, "pPr")))
        .and_then(|ppr| ppr.children().find(|n| n.has_tag_name((W, "pStyle"))))
        .and_then(|s| s.attribute((W, "val")))
        .map(str::to_owned)
}

#[test]
fn word_has_every_table_with_the_model_numbers_and_heading_styles() {
    let (report, _, out) = written();
    let lang = report.lang;
    let docx = zip_entries(&out.join("rapport.docx"));
    let xml = String::from_utf8(docx["word/document.xml"].clone()).unwrap();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let body = doc.descendants().find(|n| n.has_tag_name((W, "body"))).unwrap();

    // Headings: one Heading1 per section, in order, with its text.
    let heading1: Vec<String> = body
        .children()
        .filter(|n| n.has_tag_name((W, "p")) && style_of(*n).as_deref() == Some("Heading1"))
        .map(w_text)
        .collect();
    let sections: Vec<String> = report.sections.iter().map(|s| s.heading.clone()).collect();
    assert_eq!(heading1, sections);
    let n_sub = report.sections.iter().flat_map(|s| &s.blocks).filter(|b| matches!(b, Block::Heading(_))).count();
    let heading2 = body.children().filter(|n| style_of(*n).as_deref() == Some("Heading2")).count();
    assert_eq!(heading2, n_sub);
    assert!(n_sub > 10, "the questions are subheadings");
    // Word's built-in heading styles, which its table of contents collects ...
    let styles = String::from_utf8(docx["word/styles.xml"].clone()).unwrap();
    let styles = roxmltree::Document::parse(&styles).unwrap();
    for (id, name) in [("Heading1", "heading 1"), ("Heading2", "heading 2")] {
        let s = styles.descendants().find(|n| n.has_tag_name((W, "style")) && n.attribute((W, "styleId")) == Some(id));
        let s = s.unwrap_or_else(|| panic!("no style {id}"));
        let got = s.children().find(|n| n.has_tag_name((W, "name"))).and_then(|n| n.attribute((W, "val")));
        assert_eq!(got, Some(name));
    }
    // ... and the TOC field over them.
    let instr: String =
        doc.descendants().filter(|n| n.has_tag_name((W, "instrText"))).filter_map(|n| n.text()).collect();
    assert!(instr.contains("TOC \\o \"1-2\""), "{instr}");

    // Every table, in the order of the sections, with its caption and every cell.
    let order: Vec<usize> = report
        .sections
        .iter()
        .flat_map(|s| &s.blocks)
        .filter_map(|b| if let Block::Table(i) = b { Some(*i) } else { None })
        .collect();
    assert_eq!(order.len(), report.tables.len(), "every table is placed in a section");
    let tables: Vec<roxmltree::Node<'_, '_>> = body.children().filter(|n| n.has_tag_name((W, "tbl"))).collect();
    assert_eq!(tables.len(), report.tables.len());
    let captions: Vec<String> = body
        .children()
        .filter(|n| style_of(*n).as_deref() == Some("Caption"))
        .map(w_text)
        .filter(|t| t.starts_with("Tabel "))
        .collect();
    for ((&i, wt), caption) in order.iter().zip(&tables).zip(&captions) {
        let table = &report.tables[i];
        assert_eq!(caption, &format!("Tabel {}. {}", i + 1, table.title()));
        let rows: Vec<Vec<String>> = wt
            .children()
            .filter(|n| n.has_tag_name((W, "tr")))
            .map(|tr| tr.children().filter(|n| n.has_tag_name((W, "tc"))).map(w_text).collect())
            .collect();
        let header: Vec<String> = table.columns().iter().map(|c| c.label.clone()).collect();
        assert_eq!(rows[0], header, "{}", table.title());
        assert_eq!(rows.len(), table.rows().len() + 1, "{}", table.title());
        for (got, row) in rows[1..].iter().zip(table.rows()) {
            let want: Vec<String> = row.cells.iter().map(|c| c.display(lang)).collect();
            assert_eq!(got, &want, "{}", table.title());
        }
    }
    // Every chart drawn is a picture.
    let pictures = doc.descendants().filter(|n| n.tag_name().name() == "blip").count();
    assert_eq!(pictures, report.charts.len());
    let media = docx.keys().filter(|k| k.starts_with("word/media/") && k.ends_with(".png")).count();
    assert_eq!(media, report.charts.len());
}

#[test]
fn the_word_numbers_are_the_api_numbers() {
    // One item end to end: the valid percentages of the first single-choice item in the Word
    // table are the analysis API's.
    let (report, _, out) = written();
    let study = Study::load(example()).unwrap();
    let q = study.analysis().questionnaire().unwrap();
    let item = q.items.iter().find(|i| matches!(i.kind, lomonitor::instrument::ItemKind::Single { .. })).unwrap();
    let f = study.analysis().frequencies(&item.id, &lomonitor::analysis::AnalysisOptions::default()).unwrap();
    let docx = zip_entries(&out.join("rapport.docx"));
    let xml = String::from_utf8(docx["word/document.xml"].clone()).unwrap();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let caption_index = report.tables.iter().position(|t| t.title() == f.label).unwrap();
    let caption = format!("Tabel {}. {}", caption_index + 1, f.label);
    let body = doc.descendants().find(|n| n.has_tag_name((W, "body"))).unwrap();
    let mut after = body.children().skip_while(|n| w_text(*n) != caption);
    let tbl = after.find(|n| n.has_tag_name((W, "tbl"))).unwrap();
    let cells: Vec<Vec<String>> = tbl
        .children()
        .filter(|n| n.has_tag_name((W, "tr")))
        .skip(1)
        .map(|tr| tr.children().filter(|n| n.has_tag_name((W, "tc"))).map(w_text).collect())
        .collect();
    for row in f.rows.iter().filter(|r| r.code.is_some()) {
        let line = cells.iter().find(|c| c[0] == row.label).unwrap_or_else(|| panic!("no row {}", row.label));
        assert_eq!(line[1], lomonitor::report::format::format_count(row.count, lomonitor::Language::Nl));
        if let Some(v) = row.valid_percent {
            assert_eq!(line[3], lomonitor::report::format::format_percent(v, 1, lomonitor::Language::Nl));
        }
    }
}

const P: &str = "http://schemas.openxmlformats.org/presentationml/2006/main";

#[test]
fn slides_are_16_9_with_a_picture_on_each_question_slide() {
    let (report, _, out) = written();
    let pptx = zip_entries(&out.join("presentatie.pptx"));
    let pres = String::from_utf8(pptx["ppt/presentation.xml"].clone()).unwrap();
    let pres = roxmltree::Document::parse(&pres).unwrap();
    let size = pres.descendants().find(|n| n.has_tag_name((P, "sldSz"))).unwrap();
    assert_eq!((size.attribute("cx"), size.attribute("cy")), (Some("12192000"), Some("6858000")));
    let n_ids = pres.descendants().filter(|n| n.has_tag_name((P, "sldId"))).count();
    let mut slides: Vec<(usize, String)> = pptx
        .iter()
        .filter_map(|(k, v)| {
            let n = k.strip_prefix("ppt/slides/slide")?.strip_suffix(".xml")?.parse().ok()?;
            Some((n, String::from_utf8(v.clone()).unwrap()))
        })
        .collect();
    slides.sort();
    assert_eq!(slides.len(), n_ids);
    // Title, response, key figures, one per question with a chart, interviews, method.
    let questions = report
        .sections
        .iter()
        .filter(|s| ["vragen", "schalen"].contains(&s.id.as_str()))
        .flat_map(|s| {
            let mut n = 0;
            let mut open = true;
            for b in &s.blocks {
                match b {
                    Block::Heading(_) => open = true,
                    Block::Chart(_) if open => {
                        n += 1;
                        open = false;
                    }
                    _ => {}
                }
            }
            std::iter::once(n)
        })
        .sum::<usize>();
    assert!(questions > 10);
    assert_eq!(slides.len(), 3 + questions + 2);
    let titles: Vec<String> = slides
        .iter()
        .map(|(_, xml)| {
            let d = roxmltree::Document::parse(xml).unwrap();
            let title = d.descendants().find(|n| {
                n.has_tag_name((P, "sp"))
                    && n.descendants().any(|p| p.has_tag_name((P, "ph")) && p.attribute("type") == Some("title"))
            });
            title
                .map(|t| {
                    t.descendants().filter_map(|n| if n.tag_name().name() == "t" { n.text() } else { None }).collect()
                })
                .unwrap_or_default()
        })
        .collect();
    assert_eq!(titles[0], report.title);
    assert!(titles.iter().all(|t| !t.is_empty()), "{titles:?}");
    assert_eq!(titles.last().unwrap(), "Methode en bronnen");
    for (n, xml) in &slides[3..3 + questions] {
        let d = roxmltree::Document::parse(xml).unwrap();
        assert!(d.descendants().any(|n| n.has_tag_name((P, "pic"))), "slide {n} has no chart");
        let rels = String::from_utf8(pptx[&format!("ppt/slides/_rels/slide{n}.xml.rels")].clone()).unwrap();
        let target = rels.split("Target=\"../media/").nth(1).unwrap().split('"').next().unwrap();
        assert!(pptx.contains_key(&format!("ppt/media/{target}")), "slide {n}: {target}");
    }
    // The joint display's quotes are beside their item's chart.
    assert!(slides.iter().any(|(_, x)| x.contains("Uit de interviews") && x.contains("“")));
    // Reproducible: the same report gives the same bytes.
    let again = lomonitor::report::pptx::pptx_bytes(report).unwrap().0;
    assert_eq!(again, std::fs::read(out.join("presentatie.pptx")).unwrap());
}

#[test]
fn every_chart_has_a_png_that_shows_something() {
    let (report, files, out) = written();
    assert!(files.warnings.is_empty(), "{:?}", files.warnings);
    for (name, _) in &report.charts {
        let path = out.join("figuren").join(name.replace(".svg", ".png"));
        let bytes = std::fs::read(&path).unwrap();
        let pix = resvg::tiny_skia::Pixmap::decode_png(&bytes).unwrap();
        let data = pix.data();
        let n = data.len() / 4;
        let non_white = data.chunks(4).filter(|p| p[0] < 240 || p[1] < 240 || p[2] < 240).count();
        let dark = data.chunks(4).filter(|p| p[0] < 80 && p[1] < 80 && p[2] < 80).count();
        assert!(pix.width() >= 800, "{name}: {} px is not 2x", pix.width());
        assert!(non_white * 100 > n, "{name}: nearly blank");
        assert!(dark > 200, "{name}: no dark pixels (no text?)");
    }
}

#[test]
fn the_map_is_drawn_by_default_with_its_attribution() {
    let (report, _, _) = written();
    let (_, svg) = report.charts.iter().find(|(n, _)| n == "kaart-respons.svg").expect("no map in the default report");
    assert_eq!(svg.matches("<path data-code=\"GM").count(), 342);
    assert!(svg.contains("Bron: CBS/PDOK, CC BY 4.0"));
    assert!(svg.contains("class=\"lm-overlay\""), "the provinces are drawn over the municipalities");
    assert!(
        !report
            .sections
            .iter()
            .flat_map(|s| &s.blocks)
            .any(|b| matches!(b, Block::Paragraph(p) if p.contains("grenzenbestand")))
    );
}

#[test]
fn the_workbook_contents_link_every_table() {
    let (report, _, out) = written();
    let xlsx = zip_entries(&out.join("tabellen.xlsx"));
    let wb = String::from_utf8(xlsx["xl/workbook.xml"].clone()).unwrap();
    let wb = roxmltree::Document::parse(&wb).unwrap();
    let sheets: Vec<String> = wb
        .descendants()
        .filter(|n| n.tag_name().name() == "sheet")
        .map(|n| n.attribute("name").unwrap().to_owned())
        .collect();
    assert_eq!(sheets.len(), report.tables.len() + 1);
    assert_eq!(sheets[0], "Inhoud");
    let mut lower: Vec<String> = sheets.iter().map(|s| s.to_lowercase()).collect();
    lower.sort();
    lower.dedup();
    assert_eq!(lower.len(), sheets.len(), "sheet names are unique");
    for (i, name) in sheets.iter().enumerate().skip(1) {
        assert!(name.encode_utf16().count() <= 31, "{name}");
        assert!(name.starts_with(&format!("{i} ")), "{name} is not numbered {i}");
        // Not cut mid-word: the name is the title's start up to a whole word.
        let title = format!("{i} {}", report.tables[i - 1].title());
        let clean: String = title.chars().map(|c| if "[]:*?/\\".contains(c) { ' ' } else { c }).collect();
        let clean = clean.split_whitespace().collect::<Vec<_>>().join(" ");
        let stem = name.split(" (").next().unwrap();
        let rest = clean.strip_prefix(stem).unwrap_or_else(|| panic!("{name} vs {clean}"));
        assert!(rest.is_empty() || rest.starts_with(' ') || stem.encode_utf16().count() < 16, "{name} cuts {clean}");
    }
    // The contents sheet links each table's sheet, in order.
    let contents = String::from_utf8(xlsx["xl/worksheets/sheet1.xml"].clone()).unwrap();
    let contents = roxmltree::Document::parse(&contents).unwrap();
    let links: Vec<String> = contents
        .descendants()
        .filter(|n| n.tag_name().name() == "hyperlink")
        .map(|n| n.attribute("location").unwrap().to_owned())
        .collect();
    let want: Vec<String> = sheets[1..].iter().map(|s| format!("'{}'!A1", s.replace('\'', "''"))).collect();
    assert_eq!(links, want);
    // The header is frozen and the print set up on A4 on every table sheet.
    let sheet2 = String::from_utf8(xlsx["xl/worksheets/sheet2.xml"].clone()).unwrap();
    assert!(
        sheet2.contains("state=\"frozen\"")
            && sheet2.contains("paperSize=\"9\"")
            && sheet2.contains("fitToPage=\"1\"")
            && sheet2.contains("fitToHeight=\"0\""),
        "{sheet2}"
    );
    // Reproducible: a fixed creation date.
    let core = String::from_utf8(xlsx["docProps/core.xml"].clone()).unwrap();
    assert!(core.contains("2000-01-01T00:00:00Z"), "{core}");
}
