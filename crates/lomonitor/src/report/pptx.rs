//! The slides for the meeting (`presentatie.pptx`): a 16:9 PowerPoint deck, editable (real text
//! boxes and pictures, one slide layout with a title placeholder, so PowerPoint's outline view
//! lists the slide titles).
//!
//! The deck, from the report model:
//! 1. title: the report's title and subtitle;
//! 2. response and representativeness: the response sentence and the contacts coverage beside
//!    the municipal map (or the province tile map);
//! 3. the key figures of the summary, large;
//! 4. one slide per question with a chart (the results and scales chapters), the chart with, for
//!    the item of the joint display, the interview quotes (pseudonymised in the model) beside it;
//! 5. the interviews: the themes most often met, with quotes;
//! 6. method and sources.
//!
//! # Why PresentationML is written here
//! Of the Rust writers, `ppt-rs` (0.2, one maintainer) bundles a web server, an MCP server, a
//! PDF exporter and an HTTP client behind its features and is young; python-pptx is mature but
//! would make the CLI depend on Python. The deck needs five part types (presentation, master,
//! layout, theme, slides) with text boxes and pictures, which is a few hundred lines on the
//! `zip` crate the library already uses, with every text escaped by [`crate::xml::escape`].
//! The file is reproducible: fixed zip timestamps and no creation date.
//!
//! # References
//! ECMA-376 Part 1 (5th ed., 2016), §19 PresentationML; Part 2, Open Packaging Conventions.

use std::fmt::Write as _;
use std::io::Write as _;

use zip::write::SimpleFileOptions;

use super::office::{chart_pngs, svg_title};
use super::png::Png;
use super::study_report::{Block, Section, StudyReport};
use crate::error::{Error, Result};
use crate::meta::Language;
use crate::xml::escape;

/// Slide width (16:9, 13.333 in) in EMU.
pub const SLIDE_W: i64 = 12_192_000;
/// Slide height (7.5 in) in EMU.
pub const SLIDE_H: i64 = 6_858_000;
const MARGIN: i64 = 457_200;
const TITLE_H: i64 = 900_000;
const BODY_Y: i64 = 1_350_000;
const BODY_H: i64 = SLIDE_H - BODY_Y - 500_000;
const BLUE: &str = "0072B2";

const NS: &str = r#"xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main""#;

/// One slide being built: its shapes and its pictures.
struct Slide {
    shapes: String,
    next_id: u32,
    images: Vec<usize>,
    lang: &'static str,
}

/// A paragraph of a text box: text, size in points, bold, colour.
struct Par<'a> {
    text: &'a str,
    size: u32,
    bold: bool,
    colour: &'a str,
    bullet: bool,
}

impl<'a> Par<'a> {
    fn new(text: &'a str, size: u32) -> Self {
        Self { text, size, bold: false, colour: "222222", bullet: false }
    }
    fn bold(mut self) -> Self {
        self.bold = true;
        self
    }
    fn colour(mut self, c: &'a str) -> Self {
        self.colour = c;
        self
    }
    fn bullet(mut self) -> Self {
        self.bullet = true;
        self
    }
}

impl Slide {
    fn new(lang: Language) -> Self {
        let lang = match lang {
            Language::Nl => "nl-NL",
            Language::En => "en-GB",
        };
        Self { shapes: String::new(), next_id: 2, images: Vec::new(), lang }
    }

    fn id(&mut self) -> u32 {
        let id = self.next_id;
        self.next_id += 1;
        id
    }

    fn paragraphs(&self, pars: &[Par<'_>]) -> String {
        let mut s = String::new();
        for p in pars {
            let ppr = if p.bullet {
                "<a:pPr marL=\"285750\" indent=\"-285750\"><a:spcBef><a:spcPts val=\"600\"/></a:spcBef><a:buFont typeface=\"Arial\"/><a:buChar char=\"•\"/></a:pPr>"
            } else {
                "<a:pPr><a:spcBef><a:spcPts val=\"600\"/></a:spcBef><a:buNone/></a:pPr>"
            };
            let _ = write!(
                s,
                "<a:p>{ppr}<a:r><a:rPr lang=\"{}\" sz=\"{}\" b=\"{}\" dirty=\"0\"><a:solidFill><a:srgbClr val=\"{}\"/></a:solidFill></a:rPr><a:t>{}</a:t></a:r></a:p>",
                self.lang,
                p.size * 100,
                u8::from(p.bold),
                p.colour,
                escape(p.text)
            );
        }
        if s.is_empty() {
            s.push_str("<a:p><a:endParaRPr lang=\"nl-NL\"/></a:p>");
        }
        s
    }

    fn title(&mut self, text: &str, y: i64, h: i64, size: u32) {
        let id = self.id();
        let body = self.paragraphs(&[Par::new(text, size).bold().colour(BLUE)]);
        let _ = write!(
            self.shapes,
            "<p:sp><p:nvSpPr><p:cNvPr id=\"{id}\" name=\"Titel {id}\"/><p:cNvSpPr><a:spLocks noGrp=\"1\"/></p:cNvSpPr><p:nvPr><p:ph type=\"title\"/></p:nvPr></p:nvSpPr><p:spPr><a:xfrm><a:off x=\"{MARGIN}\" y=\"{y}\"/><a:ext cx=\"{}\" cy=\"{h}\"/></a:xfrm></p:spPr><p:txBody><a:bodyPr anchor=\"b\"><a:normAutofit/></a:bodyPr><a:lstStyle/>{body}</p:txBody></p:sp>",
            SLIDE_W - 2 * MARGIN
        );
    }

    fn text(&mut self, x: i64, y: i64, w: i64, h: i64, pars: &[Par<'_>]) {
        let id = self.id();
        let body = self.paragraphs(pars);
        let _ = write!(
            self.shapes,
            "<p:sp><p:nvSpPr><p:cNvPr id=\"{id}\" name=\"Tekst {id}\"/><p:cNvSpPr txBox=\"1\"/><p:nvPr/></p:nvSpPr><p:spPr><a:xfrm><a:off x=\"{x}\" y=\"{y}\"/><a:ext cx=\"{w}\" cy=\"{h}\"/></a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom><a:noFill/></p:spPr><p:txBody><a:bodyPr wrap=\"square\" lIns=\"0\" rIns=\"0\" rtlCol=\"0\"><a:normAutofit/></a:bodyPr><a:lstStyle/>{body}</p:txBody></p:sp>"
        );
    }

    /// A picture (index `image` into the deck's PNGs) fitted into the box, centred.
    fn picture(&mut self, image: usize, png: &Png, bx: (i64, i64, i64, i64), descr: &str) {
        let (x, y, w, h) = bx;
        let (pw, ph) = (i64::from(png.width.max(1)), i64::from(png.height.max(1)));
        let (cw, ch) = if w * ph <= h * pw { (w, w * ph / pw) } else { (h * pw / ph, h) };
        let (ox, oy) = (x + (w - cw) / 2, y + (h - ch) / 2);
        let id = self.id();
        self.images.push(image);
        let rid = self.images.len() + 1;
        let _ = write!(
            self.shapes,
            "<p:pic><p:nvPicPr><p:cNvPr id=\"{id}\" name=\"Grafiek {id}\" descr=\"{}\"/><p:cNvPicPr><a:picLocks noChangeAspect=\"1\"/></p:cNvPicPr><p:nvPr/></p:nvPicPr><p:blipFill><a:blip r:embed=\"rId{rid}\"/><a:stretch><a:fillRect/></a:stretch></p:blipFill><p:spPr><a:xfrm><a:off x=\"{ox}\" y=\"{oy}\"/><a:ext cx=\"{cw}\" cy=\"{ch}\"/></a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></p:spPr></p:pic>",
            escape(descr)
        );
    }

    fn xml(&self) -> String {
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<p:sld {NS}><p:cSld><p:spTree><p:nvGrpSpPr><p:cNvPr id=\"1\" name=\"\"/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"0\" cy=\"0\"/><a:chOff x=\"0\" y=\"0\"/><a:chExt cx=\"0\" cy=\"0\"/></a:xfrm></p:grpSpPr>{}</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sld>",
            self.shapes
        )
    }

    fn rels(&self, image_names: &[String]) -> String {
        let mut s = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/slideLayout\" Target=\"../slideLayouts/slideLayout1.xml\"/>",
        );
        for (k, img) in self.images.iter().enumerate() {
            if let Some(name) = image_names.get(*img) {
                let _ = write!(
                    s,
                    "<Relationship Id=\"rId{}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/image\" Target=\"../media/{name}\"/>",
                    k + 2
                );
            }
        }
        s.push_str("</Relationships>");
        s
    }
}

/// Text cut to at most `max` characters at a word boundary, with an ellipsis.
fn cut(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut out = String::new();
    for word in text.split_whitespace() {
        if out.chars().count() + word.chars().count() + 1 > max.saturating_sub(1) {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out.push('…');
    out
}

fn section<'a>(report: &'a StudyReport, id: &str) -> Option<&'a Section> {
    report.sections.iter().find(|s| s.id == id)
}

fn paragraphs(section: Option<&Section>) -> Vec<String> {
    section
        .map(|s| {
            s.blocks
                .iter()
                .filter_map(|b| match b {
                    Block::Paragraph(p) => Some(p.clone()),
                    _ => None,
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The quotes of the joint display: its item's short label and lines "theme · answer: “quote”".
fn joint_quotes(report: &StudyReport) -> Option<(String, Vec<String>)> {
    let table = report.tables.iter().find(|t| t.title().starts_with("Joint display"))?;
    let item = table.title().rsplit(" × ").next()?.trim().to_owned();
    let mut lines = Vec::new();
    for row in table.rows() {
        let theme = row.cells.first().map(|c| c.display(Language::Nl)).unwrap_or_default();
        for (cell, col) in row.cells.iter().zip(table.columns()).skip(1) {
            let text = cell.display(Language::Nl);
            if let Some(q) = text.split_once('“').map(|(_, q)| q.trim_end_matches('”')) {
                let answer = col.label.rsplit_once(" (").map_or(col.label.as_str(), |(a, _)| a);
                lines.push(format!("{} · {answer}: “{}”", theme.trim(), cut(q, 160)));
            }
        }
    }
    Some((item, lines))
}

const NOT_QUESTIONS: [&str; 5] = ["samenvatting", "respons", "uitsplitsingen", "interviews", "verantwoording"];

/// The deck's bytes, with a warning for each chart that could not be drawn.
///
/// # Errors
/// [`Error::InvalidArgument`] when the package cannot be written (a bug, not a property of the
/// data).
pub fn pptx_bytes(report: &StudyReport) -> Result<(Vec<u8>, Vec<String>)> {
    let (pngs, warnings) = chart_pngs(report);
    pptx_with_pngs(report, &pngs).map(|b| (b, warnings))
}

fn chart_index(report: &StudyReport, name: &str) -> Option<usize> {
    report.charts.iter().position(|(n, _)| n == name)
}

/// As [`pptx_bytes`], with the charts already rendered (`pngs[i]` for `report.charts[i]`).
#[allow(clippy::too_many_lines)]
pub(crate) fn pptx_with_pngs(report: &StudyReport, pngs: &[Option<Png>]) -> Result<Vec<u8>> {
    let lang = report.lang;
    let mut slides: Vec<Slide> = Vec::new();
    let full_w = SLIDE_W - 2 * MARGIN;

    // 1. Title.
    let mut s = Slide::new(lang);
    s.title(&report.title, 1_900_000, 1_600_000, 40);
    s.text(MARGIN, 3_650_000, full_w, 900_000, &[Par::new(&report.subtitle, 20).colour("444444")]);
    slides.push(s);

    // 2. Response and representativeness.
    let summary = paragraphs(section(report, "samenvatting"));
    let respons = section(report, "respons");
    let mut s = Slide::new(lang);
    s.title(
        respons.map_or(lang.tr("Respons en representativiteit", "Response and representativeness"), |r| &r.heading),
        250_000,
        TITLE_H,
        30,
    );
    let mut bullets: Vec<String> = summary.first().cloned().into_iter().collect();
    bullets.extend(paragraphs(respons).into_iter().map(|p| cut(&p, 260)));
    let pars: Vec<Par<'_>> = bullets.iter().map(|b| Par::new(b, 18).bullet()).collect();
    let picture = chart_index(report, "kaart-respons.svg").or_else(|| chart_index(report, "respons-provincies.svg"));
    match picture.and_then(|i| pngs.get(i).and_then(Option::as_ref).map(|p| (i, p))) {
        Some((i, png)) => {
            s.text(MARGIN, BODY_Y, full_w * 4 / 10, BODY_H, &pars);
            let descr = report.charts.get(i).and_then(|(_, svg)| svg_title(svg)).unwrap_or_default();
            s.picture(i, png, (MARGIN + full_w * 42 / 100, BODY_Y, full_w * 58 / 100, BODY_H), &descr);
        }
        None => s.text(MARGIN, BODY_Y, full_w, BODY_H, &pars),
    }
    slides.push(s);

    // 3. Key figures.
    if summary.len() > 1 {
        let mut s = Slide::new(lang);
        s.title(lang.tr("Kerncijfers", "Key figures"), 250_000, TITLE_H, 30);
        let pars: Vec<Par<'_>> = summary.iter().skip(1).take(8).map(|b| Par::new(b, 22).bullet()).collect();
        s.text(MARGIN, BODY_Y, full_w, BODY_H, &pars);
        slides.push(s);
    }

    // 4. One slide per question with a chart.
    let joint = joint_quotes(report);
    for sec in report.sections.iter().filter(|s| !NOT_QUESTIONS.contains(&s.id.as_str())) {
        let mut heading: Option<String> = None;
        let mut done_heading = false;
        for block in &sec.blocks {
            match block {
                Block::Heading(h) => {
                    heading = Some(h.clone());
                    done_heading = false;
                }
                Block::Chart(i) if !done_heading => {
                    let Some(Some(png)) = pngs.get(*i) else { continue };
                    done_heading = true;
                    let chart_title = report.charts.get(*i).and_then(|(_, svg)| svg_title(svg)).unwrap_or_default();
                    let title = heading.clone().unwrap_or_else(|| format!("{}: {chart_title}", sec.heading));
                    // The chart shows the item's short label; the slide's title is the question
                    // (a heading is "short label — question").
                    let shown = title.split_once(" — ").map_or(title.as_str(), |(_, q)| q);
                    let mut s = Slide::new(lang);
                    s.title(&cut(shown, 110), 250_000, TITLE_H, 24);
                    let quotes = joint.as_ref().filter(|(item, _)| {
                        !item.is_empty() && (title.starts_with(&format!("{item} ")) || title == *item)
                    });
                    match quotes {
                        Some((_, lines)) if !lines.is_empty() => {
                            s.picture(*i, png, (MARGIN, BODY_Y, full_w * 6 / 10, BODY_H), &chart_title);
                            let head = lang.tr("Uit de interviews", "From the interviews");
                            let mut pars = vec![Par::new(head, 18).bold().colour(BLUE)];
                            pars.extend(lines.iter().take(5).map(|l| Par::new(l, 13).bullet()));
                            s.text(MARGIN + full_w * 63 / 100, BODY_Y, full_w * 37 / 100, BODY_H, &pars);
                        }
                        _ => s.picture(*i, png, (MARGIN, BODY_Y, full_w, BODY_H), &chart_title),
                    }
                    slides.push(s);
                }
                _ => {}
            }
        }
    }

    // 5. The interviews.
    if let Some(sec) = section(report, "interviews") {
        let themes: Vec<String> = sec
            .blocks
            .iter()
            .find_map(|b| match b {
                Block::Table(i) => report.tables.get(*i),
                _ => None,
            })
            .map(|t| {
                t.rows()
                    .iter()
                    .filter(|r| r.cells.first().is_some_and(|c| !c.display(lang).starts_with(' ')))
                    .take(6)
                    .map(|r| {
                        let label = r.cells.first().map(|c| c.display(lang)).unwrap_or_default();
                        let n = r.cells.get(1).map(|c| c.display(lang)).unwrap_or_default();
                        format!("{label}: {n} {}", lang.tr("interviews", "interviews"))
                    })
                    .collect()
            })
            .unwrap_or_default();
        if !themes.is_empty() {
            let mut s = Slide::new(lang);
            s.title(&sec.heading, 250_000, TITLE_H, 30);
            let head = lang.tr("Thema's die het vaakst terugkomen", "Themes met most often");
            let mut pars = vec![Par::new(head, 18).bold().colour(BLUE)];
            pars.extend(themes.iter().map(|t| Par::new(t, 16).bullet()));
            s.text(MARGIN, BODY_Y, full_w * 45 / 100, BODY_H, &pars);
            if let Some((_, lines)) = &joint {
                let head = lang.tr("Citaten", "Quotes");
                let mut pars = vec![Par::new(head, 18).bold().colour(BLUE)];
                pars.extend(lines.iter().take(4).map(|l| Par::new(l, 13).bullet()));
                s.text(MARGIN + full_w / 2, BODY_Y, full_w / 2, BODY_H, &pars);
            }
            slides.push(s);
        }
    }

    // 6. Method and sources.
    let mut s = Slide::new(lang);
    s.title(lang.tr("Methode en bronnen", "Method and sources"), 250_000, TITLE_H, 30);
    let method: Vec<String> = paragraphs(section(report, "verantwoording")).iter().map(|p| cut(p, 330)).collect();
    let mut pars: Vec<Par<'_>> = method.iter().map(|m| Par::new(m, 12).bullet()).collect();
    let sources = lang.tr(
        "Bronnen: CBS, gemeentelijke indeling en bevolking (CC BY 4.0); kaart: CBS/PDOK, CC BY 4.0.",
        "Sources: CBS, municipal division and population (CC BY 4.0); map: CBS/PDOK, CC BY 4.0.",
    );
    pars.push(Par::new(sources, 12).bold());
    s.text(MARGIN, BODY_Y - 150_000, full_w, BODY_H + 300_000, &pars);
    slides.push(s);

    package(&slides, pngs)
}

fn package(slides: &[Slide], pngs: &[Option<Png>]) -> Result<Vec<u8>> {
    let image_names: Vec<String> = (0..pngs.len()).map(|i| format!("image{}.png", i + 1)).collect();
    let used: std::collections::BTreeSet<usize> = slides.iter().flat_map(|s| s.images.iter().copied()).collect();
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    let mut ct = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Default Extension=\"png\" ContentType=\"image/png\"/><Override PartName=\"/ppt/presentation.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml\"/><Override PartName=\"/ppt/slideMasters/slideMaster1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.presentationml.slideMaster+xml\"/><Override PartName=\"/ppt/slideLayouts/slideLayout1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.presentationml.slideLayout+xml\"/><Override PartName=\"/ppt/theme/theme1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.theme+xml\"/><Override PartName=\"/ppt/presProps.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.presentationml.presProps+xml\"/><Override PartName=\"/ppt/viewProps.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.presentationml.viewProps+xml\"/><Override PartName=\"/ppt/tableStyles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.presentationml.tableStyles+xml\"/><Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>",
    );
    let mut pres_rels = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/slideMaster\" Target=\"slideMasters/slideMaster1.xml\"/><Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme\" Target=\"theme/theme1.xml\"/><Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/presProps\" Target=\"presProps.xml\"/><Relationship Id=\"rId4\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/viewProps\" Target=\"viewProps.xml\"/><Relationship Id=\"rId5\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/tableStyles\" Target=\"tableStyles.xml\"/>",
    );
    let mut sld_ids = String::new();
    for (k, slide) in slides.iter().enumerate() {
        let n = k + 1;
        let _ = write!(
            ct,
            "<Override PartName=\"/ppt/slides/slide{n}.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.presentationml.slide+xml\"/>"
        );
        let _ = write!(
            pres_rels,
            "<Relationship Id=\"rId{}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/slide\" Target=\"slides/slide{n}.xml\"/>",
            n + 5
        );
        let _ = write!(sld_ids, "<p:sldId id=\"{}\" r:id=\"rId{}\"/>", 255 + n, n + 5);
        files.push((format!("ppt/slides/slide{n}.xml"), slide.xml().into_bytes()));
        files.push((format!("ppt/slides/_rels/slide{n}.xml.rels"), slide.rels(&image_names).into_bytes()));
    }
    ct.push_str("</Types>");
    pres_rels.push_str("</Relationships>");
    for i in used {
        if let (Some(Some(png)), Some(name)) = (pngs.get(i), image_names.get(i)) {
            files.push((format!("ppt/media/{name}"), png.bytes.clone()));
        }
    }
    let presentation = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<p:presentation {NS} saveSubsetFonts=\"1\"><p:sldMasterIdLst><p:sldMasterId id=\"2147483648\" r:id=\"rId1\"/></p:sldMasterIdLst><p:sldIdLst>{sld_ids}</p:sldIdLst><p:sldSz cx=\"{SLIDE_W}\" cy=\"{SLIDE_H}\"/><p:notesSz cx=\"6858000\" cy=\"9144000\"/></p:presentation>"
    );
    let app = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\"><Application>lomonitor {}</Application><Slides>{}</Slides><PresentationFormat>Breedbeeld (16:9)</PresentationFormat></Properties>",
        env!("CARGO_PKG_VERSION"),
        slides.len()
    );
    let mut head: Vec<(String, Vec<u8>)> = vec![
        ("[Content_Types].xml".into(), ct.into_bytes()),
        ("_rels/.rels".into(), ROOT_RELS.as_bytes().to_vec()),
        ("docProps/app.xml".into(), app.into_bytes()),
        ("ppt/presentation.xml".into(), presentation.into_bytes()),
        ("ppt/_rels/presentation.xml.rels".into(), pres_rels.into_bytes()),
        ("ppt/presProps.xml".into(), PRES_PROPS.as_bytes().to_vec()),
        ("ppt/viewProps.xml".into(), VIEW_PROPS.as_bytes().to_vec()),
        ("ppt/tableStyles.xml".into(), TABLE_STYLES.as_bytes().to_vec()),
        ("ppt/slideMasters/slideMaster1.xml".into(), master().into_bytes()),
        ("ppt/slideMasters/_rels/slideMaster1.xml.rels".into(), MASTER_RELS.as_bytes().to_vec()),
        ("ppt/slideLayouts/slideLayout1.xml".into(), layout().into_bytes()),
        ("ppt/slideLayouts/_rels/slideLayout1.xml.rels".into(), LAYOUT_RELS.as_bytes().to_vec()),
        ("ppt/theme/theme1.xml".into(), THEME.as_bytes().to_vec()),
    ];
    head.extend(files);
    zip_files(&head)
}

fn zip_files(files: &[(String, Vec<u8>)]) -> Result<Vec<u8>> {
    let err = |e: &dyn std::fmt::Display| Error::InvalidArgument {
        name: "pptx",
        message: format!("the slides could not be packed: {e}"),
    };
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    for (name, bytes) in files {
        zip.start_file(name.as_str(), options).map_err(|e| err(&e))?;
        zip.write_all(bytes).map_err(|e| err(&e))?;
    }
    zip.finish().map(std::io::Cursor::into_inner).map_err(|e| err(&e))
}

const ROOT_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"ppt/presentation.xml\"/><Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties\" Target=\"docProps/app.xml\"/></Relationships>";
const MASTER_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/slideLayout\" Target=\"../slideLayouts/slideLayout1.xml\"/><Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme\" Target=\"../theme/theme1.xml\"/></Relationships>";
const LAYOUT_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/slideMaster\" Target=\"../slideMasters/slideMaster1.xml\"/></Relationships>";
const PRES_PROPS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<p:presentationPr xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" xmlns:p=\"http://schemas.openxmlformats.org/presentationml/2006/main\"/>";
const VIEW_PROPS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<p:viewPr xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" xmlns:p=\"http://schemas.openxmlformats.org/presentationml/2006/main\"><p:normalViewPr><p:restoredLeft sz=\"15620\"/><p:restoredTop sz=\"94660\"/></p:normalViewPr><p:gridSpacing cx=\"72008\" cy=\"72008\"/></p:viewPr>";
const TABLE_STYLES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<a:tblStyleLst xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" def=\"{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}\"/>";

const GROUP: &str = "<p:nvGrpSpPr><p:cNvPr id=\"1\" name=\"\"/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"0\" cy=\"0\"/><a:chOff x=\"0\" y=\"0\"/><a:chExt cx=\"0\" cy=\"0\"/></a:xfrm></p:grpSpPr>";

fn title_placeholder() -> String {
    format!(
        "<p:sp><p:nvSpPr><p:cNvPr id=\"2\" name=\"Titel 1\"/><p:cNvSpPr><a:spLocks noGrp=\"1\"/></p:cNvSpPr><p:nvPr><p:ph type=\"title\"/></p:nvPr></p:nvSpPr><p:spPr><a:xfrm><a:off x=\"{MARGIN}\" y=\"250000\"/><a:ext cx=\"{}\" cy=\"{TITLE_H}\"/></a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></p:spPr><p:txBody><a:bodyPr anchor=\"b\"><a:normAutofit/></a:bodyPr><a:lstStyle/><a:p><a:endParaRPr lang=\"nl-NL\"/></a:p></p:txBody></p:sp>",
        SLIDE_W - 2 * MARGIN
    )
}

fn master() -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<p:sldMaster {NS}><p:cSld><p:bg><p:bgRef idx=\"1001\"><a:schemeClr val=\"bg1\"/></p:bgRef></p:bg><p:spTree>{GROUP}{}</p:spTree></p:cSld><p:clrMap bg1=\"lt1\" tx1=\"dk1\" bg2=\"lt2\" tx2=\"dk2\" accent1=\"accent1\" accent2=\"accent2\" accent3=\"accent3\" accent4=\"accent4\" accent5=\"accent5\" accent6=\"accent6\" hlink=\"hlink\" folHlink=\"folHlink\"/><p:sldLayoutIdLst><p:sldLayoutId id=\"2147483649\" r:id=\"rId1\"/></p:sldLayoutIdLst><p:txStyles><p:titleStyle><a:lvl1pPr algn=\"l\"><a:defRPr sz=\"3000\" b=\"1\"><a:solidFill><a:srgbClr val=\"{BLUE}\"/></a:solidFill><a:latin typeface=\"+mj-lt\"/></a:defRPr></a:lvl1pPr></p:titleStyle><p:bodyStyle><a:lvl1pPr><a:defRPr sz=\"1800\"><a:solidFill><a:schemeClr val=\"tx1\"/></a:solidFill><a:latin typeface=\"+mn-lt\"/></a:defRPr></a:lvl1pPr></p:bodyStyle><p:otherStyle><a:lvl1pPr><a:defRPr sz=\"1800\"><a:solidFill><a:schemeClr val=\"tx1\"/></a:solidFill><a:latin typeface=\"+mn-lt\"/></a:defRPr></a:lvl1pPr></p:otherStyle></p:txStyles></p:sldMaster>",
        title_placeholder()
    )
}

fn layout() -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<p:sldLayout {NS} preserve=\"1\"><p:cSld name=\"Titel en inhoud\"><p:spTree>{GROUP}{}</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>",
        title_placeholder()
    )
}

const THEME: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<a:theme xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" name=\"lomonitor\"><a:themeElements><a:clrScheme name=\"lomonitor\"><a:dk1><a:srgbClr val=\"222222\"/></a:dk1><a:lt1><a:srgbClr val=\"FFFFFF\"/></a:lt1><a:dk2><a:srgbClr val=\"44546A\"/></a:dk2><a:lt2><a:srgbClr val=\"E7E6E6\"/></a:lt2><a:accent1><a:srgbClr val=\"0072B2\"/></a:accent1><a:accent2><a:srgbClr val=\"E69F00\"/></a:accent2><a:accent3><a:srgbClr val=\"009E73\"/></a:accent3><a:accent4><a:srgbClr val=\"56B4E9\"/></a:accent4><a:accent5><a:srgbClr val=\"D55E00\"/></a:accent5><a:accent6><a:srgbClr val=\"CC79A7\"/></a:accent6><a:hlink><a:srgbClr val=\"0072B2\"/></a:hlink><a:folHlink><a:srgbClr val=\"7F4F9F\"/></a:folHlink></a:clrScheme><a:fontScheme name=\"lomonitor\"><a:majorFont><a:latin typeface=\"Calibri\"/><a:ea typeface=\"\"/><a:cs typeface=\"\"/></a:majorFont><a:minorFont><a:latin typeface=\"Calibri\"/><a:ea typeface=\"\"/><a:cs typeface=\"\"/></a:minorFont></a:fontScheme><a:fmtScheme name=\"lomonitor\"><a:fillStyleLst><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill></a:fillStyleLst><a:lnStyleLst><a:ln w=\"6350\"><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill></a:ln><a:ln w=\"12700\"><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill></a:ln><a:ln w=\"19050\"><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill></a:ln></a:lnStyleLst><a:effectStyleLst><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle></a:effectStyleLst><a:bgFillStyleLst><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill></a:bgFillStyleLst></a:fmtScheme></a:themeElements></a:theme>";
