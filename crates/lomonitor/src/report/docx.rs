//! The report as a Word document (`rapport.docx`), for the team that writes its report in Word.
//!
//! Written with `docx-rs` (MIT, the maintained Rust writer of WordprocessingML, also used from
//! WebAssembly): it has real tables, inline PNG pictures, paragraph styles and a table of
//! contents field, so nothing of OOXML is written by hand here. The document has:
//! - A4 portrait, 2.5 cm margins, page numbers in the footer;
//! - a title page (title, subtitle) and a table of contents (a `TOC \o "1-2"` field over the
//!   headings, marked dirty so that Word fills it, with page numbers, on opening);
//! - the sections of the report under Word's built-in styles `Heading 1` and `Heading 2`
//!   (style ids `Heading1`, `Heading2`, names `heading 1`, `heading 2`, as Word's own), so
//!   Word's navigation pane and any table of contents it makes pick them up;
//! - every table as a Word table, captioned "Tabel n. title" (n = its number in the
//!   workbook, so the Word report and `tabellen.xlsx` number alike), with a header row, totals in
//!   bold and its notes beneath;
//! - every chart as a PNG picture ([`super::png`]) at the text width, captioned "Figuur n".

use docx_rs::{
    AlignmentType, BreakType, Docx, Footer, PageMargin, PageNum, Paragraph, Pic, Run, RunFonts, Style, StyleType,
    Table as WTable, TableCell, TableOfContents, TableRow, WidthType,
};

use super::office::{chart_pngs, svg_title};
use super::png::Png;
use super::study_report::{Block, StudyReport};
use crate::error::{Error, Result};
use crate::meta::Language;
use crate::table::{Align, Table};

/// A4 in twentieths of a point.
const A4: (u32, u32) = (11_906, 16_838);
/// 2.5 cm in twentieths of a point.
const MARGIN: i32 = 1_418;
/// The text width in twentieths of a point (21 cm − 2 × 2.5 cm).
const TEXT_WIDTH: usize = 9_070;
/// The text width in EMU (16 cm).
const TEXT_WIDTH_EMU: u32 = 5_760_000;
/// Tables with more columns than this are set in a smaller font.
const WIDE: usize = 6;
/// Tables with more columns than this (crosstabs by province) are set smaller still.
const VERY_WIDE: usize = 10;

fn styles(docx: Docx) -> Docx {
    let font = RunFonts::new().ascii("Calibri").hi_ansi("Calibri").cs("Calibri");
    docx.default_fonts(font)
        .default_size(21)
        .add_style(
            Style::new("Title", StyleType::Paragraph)
                .name("Title")
                .based_on("Normal")
                .next("Normal")
                .q_format(true)
                .size(52)
                .color("0072B2"),
        )
        .add_style(
            Style::new("Subtitle", StyleType::Paragraph)
                .name("Subtitle")
                .based_on("Normal")
                .next("Normal")
                .q_format(true)
                .size(28)
                .color("444444"),
        )
        .add_style(
            Style::new("Heading1", StyleType::Paragraph)
                .name("heading 1")
                .based_on("Normal")
                .next("Normal")
                .q_format(true)
                .ui_priority(9)
                .outline_lvl(0)
                .size(32)
                .bold()
                .color("0072B2"),
        )
        .add_style(
            Style::new("Heading2", StyleType::Paragraph)
                .name("heading 2")
                .based_on("Normal")
                .next("Normal")
                .q_format(true)
                .ui_priority(9)
                .outline_lvl(1)
                .size(25)
                .bold()
                .color("222222"),
        )
        .add_style(
            Style::new("Caption", StyleType::Paragraph)
                .name("caption")
                .based_on("Normal")
                .next("Normal")
                .q_format(true)
                .size(19)
                .bold(),
        )
        .add_style(
            Style::new("TableNote", StyleType::Paragraph)
                .name("Table Note")
                .based_on("Normal")
                .next("Normal")
                .size(16)
                .italic()
                .color("444444"),
        )
        .add_style(Style::new("TOCHeading", StyleType::Paragraph).name("TOC Heading").based_on("Heading1").size(32))
}

fn text_par(text: &str, style: &str) -> Paragraph {
    Paragraph::new().style(style).add_run(Run::new().add_text(text))
}

/// The width of each column in twentieths of a point: the first (the labels) wider.
fn grid(ncols: usize) -> Vec<usize> {
    match ncols {
        0 => Vec::new(),
        1 => vec![TEXT_WIDTH],
        n => {
            let first = match n {
                ..=3 => TEXT_WIDTH / 2,
                4..=VERY_WIDE => TEXT_WIDTH * 3 / 10,
                _ => TEXT_WIDTH / 6,
            };
            let rest = (TEXT_WIDTH - first) / (n - 1);
            std::iter::once(first).chain(std::iter::repeat_n(rest, n - 1)).collect()
        }
    }
}

fn cell(text: &str, width: usize, align: Align, bold: bool, size: usize) -> TableCell {
    let mut run = Run::new().add_text(text).size(size);
    if bold {
        run = run.bold();
    }
    let al = match align {
        Align::Left => AlignmentType::Left,
        Align::Center => AlignmentType::Center,
        Align::Right => AlignmentType::Right,
    };
    TableCell::new().width(width, WidthType::Dxa).add_paragraph(Paragraph::new().align(al).add_run(run))
}

/// A table of the report as a Word table: the header row in bold, totals in bold.
fn word_table(table: &Table, lang: Language) -> WTable {
    let ncols = table.columns().len();
    let widths = grid(ncols);
    let size = match ncols {
        ..=WIDE => 18,
        7..=VERY_WIDE => 15,
        _ => 12,
    };
    let w = |j: usize| widths.get(j).copied().unwrap_or(TEXT_WIDTH);
    let header = TableRow::new(
        table.columns().iter().enumerate().map(|(j, c)| cell(&c.label, w(j), c.align, true, size)).collect(),
    )
    .cant_split();
    let mut rows = vec![header];
    for row in table.rows() {
        let cells = row
            .cells
            .iter()
            .zip(table.columns())
            .enumerate()
            .map(|(j, (c, col))| {
                let align = if c.is_numeric() { Align::Right } else { col.align };
                cell(&c.display(lang), w(j), align, row.total, size)
            })
            .collect();
        rows.push(TableRow::new(cells).cant_split());
    }
    WTable::new(rows).set_grid(widths).width(TEXT_WIDTH, WidthType::Dxa)
}

fn picture(png: &Png) -> Pic {
    // 96 px per inch in Word's eyes; the PNG is at 2x, so its natural size is half its pixels,
    // and it is shrunk to the text width where wider.
    let emu_per_px = 9_525u64;
    let natural = u64::from(png.width / 2) * emu_per_px;
    let width = natural.min(u64::from(TEXT_WIDTH_EMU));
    let height = width * u64::from(png.height) / u64::from(png.width.max(1));
    let (w, h) = (u32::try_from(width).unwrap_or(TEXT_WIDTH_EMU), u32::try_from(height).unwrap_or(TEXT_WIDTH_EMU));
    Pic::new_with_dimensions(png.bytes.clone(), png.width, png.height).size(w, h)
}

/// The Word document's bytes, with a warning for each chart that could not be drawn.
///
/// # Errors
/// [`Error::InvalidArgument`] when the document cannot be packed (a bug, not a property of the
/// data: every text is escaped by `docx-rs`).
pub fn docx_bytes(report: &StudyReport) -> Result<(Vec<u8>, Vec<String>)> {
    let (pngs, warnings) = chart_pngs(report);
    docx_with_pngs(report, &pngs).map(|b| (b, warnings))
}

/// As [`docx_bytes`], with the charts already rendered (`pngs[i]` for `report.charts[i]`).
pub(crate) fn docx_with_pngs(report: &StudyReport, pngs: &[Option<Png>]) -> Result<Vec<u8>> {
    let lang = report.lang;
    let mut docx = styles(Docx::new())
        .page_size(A4.0, A4.1)
        .page_margin(PageMargin::new().top(MARGIN).bottom(MARGIN).left(MARGIN).right(MARGIN).header(708).footer(708))
        .footer(
            Footer::new().add_paragraph(Paragraph::new().align(AlignmentType::Center).add_page_num(PageNum::new())),
        );

    // Title page.
    docx = docx
        .add_paragraph(Paragraph::new().add_run(Run::new().add_break(BreakType::TextWrapping)))
        .add_paragraph(text_par(&report.title, "Title"))
        .add_paragraph(text_par(&report.subtitle, "Subtitle"))
        .add_paragraph(Paragraph::new().add_run(Run::new().add_break(BreakType::Page)));
    // Contents.
    docx = docx.add_paragraph(text_par(lang.tr("Inhoud", "Contents"), "TOCHeading")).add_table_of_contents(
        // Marked dirty, so Word fills it (with page numbers) on opening. docx-rs can pre-fill
        // it (`auto`), but escapes `&` twice there and LibreOffice then shows the field code.
        TableOfContents::new().heading_styles_range(1, 2).alias(lang.tr("Inhoud", "Contents")).dirty(),
    );

    let figure = lang.tr("Figuur", "Figure");
    let table_word = lang.tr("Tabel", "Table");
    let mut n_figure = 0usize;
    for section in &report.sections {
        docx = docx.add_paragraph(
            Paragraph::new()
                .style("Heading1")
                .page_break_before(true)
                .keep_next(true)
                .add_run(Run::new().add_text(&section.heading)),
        );
        for block in &section.blocks {
            match block {
                Block::Heading(h) => {
                    docx = docx.add_paragraph(
                        Paragraph::new().style("Heading2").keep_next(true).add_run(Run::new().add_text(h)),
                    );
                }
                Block::Paragraph(p) => {
                    docx = docx.add_paragraph(Paragraph::new().add_run(Run::new().add_text(p)));
                }
                Block::Table(i) => {
                    let Some(table) = report.tables.get(*i) else { continue };
                    docx = docx
                        .add_paragraph(
                            Paragraph::new().style("Caption").keep_next(true).add_run(Run::new().add_text(format!(
                                "{table_word} {}. {}",
                                i + 1,
                                table.title()
                            ))),
                        )
                        .add_table(word_table(table, lang));
                    for line in table.note_lines(lang) {
                        docx = docx.add_paragraph(text_par(&line, "TableNote"));
                    }
                    docx = docx.add_paragraph(Paragraph::new());
                }
                Block::Chart(i) => {
                    let Some(Some(png)) = pngs.get(*i) else { continue };
                    n_figure += 1;
                    let title = report.charts.get(*i).and_then(|(_, svg)| svg_title(svg)).unwrap_or_default();
                    docx = docx
                        .add_paragraph(
                            Paragraph::new()
                                .style("Caption")
                                .keep_next(true)
                                .add_run(Run::new().add_text(format!("{figure} {n_figure}. {title}"))),
                        )
                        .add_paragraph(Paragraph::new().add_run(Run::new().add_image(picture(png))));
                }
            }
        }
    }
    let mut buf = std::io::Cursor::new(Vec::new());
    docx.build().pack(&mut buf).map_err(|e| Error::InvalidArgument {
        name: "docx",
        message: format!("the Word document could not be packed: {e}"),
    })?;
    Ok(buf.into_inner())
}
