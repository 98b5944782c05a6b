//! The report of a study: one self-contained HTML file, an XLSX workbook with every table, the
//! charts as SVG files and a one-page infographic, all from the study folder.
//!
//! What goes into the report (the order of the HTML):
//! 1. summary: the key figures of `[report]` in `study.toml`;
//! 2. response and representativeness: response rates per breakdown with the chi-square
//!    goodness-of-fit test, the province tile map, the municipal map (when a boundary file is
//!    given) and the coverage of the L&O contacts directory;
//! 3. every item: its frequencies, weighted and unweighted proportions with intervals, a chart;
//! 4. crosstabs of every single-choice item by the breakdowns, with disclosure control;
//! 5. scales with reliability;
//! 6. interview themes, intercoder agreement and the joint display;
//! 7. methods: weighting, interval methods, finite population correction, suppression, sources.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::input::ReportInput;
use crate::analysis::{AnalysisOptions, ItemFrequencies, ItemProportions, Weighting, WeightingSummary};
use crate::coding::{Level, Merge, Pseudonymiser};
use crate::contacts::{Contact, CoverageOptions, Directory, published_overview};
use crate::error::{Error, Result};
use crate::frame::{MunicipalityCode, Province, StratumVar};
use crate::instrument::ItemKind;
use crate::io::write_atomic;
use crate::meta::Language;
use crate::report::charts::{
    BarChart, BarDatum, Category, ChoroplethOptions, GeoLayer, Infographic, KeyFigure, LikertChart, LikertItem,
    TileMap, ValueFormat, bar_chart_svg, choropleth_svg, infographic_svg, likert_svg, province_tile_map_svg,
    response_rate_svg,
};
use crate::report::render::{HTML_CSS, html_table};
use crate::report::table::{
    Cell, Column, CrosstabCells, Table, crosstab_table, descriptives_table, reliability_table, representativeness_table,
};
use crate::report::templates::{self, BlockView, ReportStyle, SectionView};
use crate::report::xlsx::write_xlsx_book;
use crate::stats::{CiMethod, Missing};
use crate::table::format::{format_count, format_percent};

/// A key figure of the infographic and summary: the weighted share of valid answers to `item`
/// that fall in `codes` (for a multiple-choice item: that selected any of `codes`).
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyFigureSpec {
    /// The item.
    pub item: String,
    /// The answer codes that count.
    pub codes: Vec<i32>,
    /// The caption (Dutch), e.g. "heeft een vastgesteld L&O-beleid".
    pub caption: String,
    /// The caption in English.
    #[serde(default)]
    pub caption_en: Option<String>,
}

/// The `[report]` table of `study.toml`.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportConfig {
    /// The weighting of the weighted figures (default: post-stratification by the study's default
    /// stratification), e.g. `"poststratify:size_class"` or `"rake:size_class,province"`.
    #[serde(default)]
    pub weighting: Option<String>,
    /// The interval method of unweighted proportions: wald, wilson (default), clopper-pearson,
    /// logit, korn-graubard, hypergeometric.
    #[serde(default)]
    pub ci: Option<String>,
    /// Confidence level (default 0.95).
    #[serde(default)]
    pub level: Option<f64>,
    /// Crosstab cells with an unweighted count from 1 to this minus 1 are suppressed (default 5).
    #[serde(default)]
    pub suppress_below: Option<u64>,
    /// The key figures (up to eight).
    #[serde(default)]
    pub key_figures: Vec<KeyFigureSpec>,
    /// The multiple-choice item of the themes that matter now.
    #[serde(default)]
    pub themes_now: Option<String>,
    /// The ranking item of the themes of the coming years.
    #[serde(default)]
    pub themes_future: Option<String>,
    /// The single-choice item the interview themes are set against in the joint display.
    #[serde(default)]
    pub joint_item: Option<String>,
    /// The house style: `[report.style]`.
    #[serde(default)]
    pub style: Option<StyleConfig>,
}

/// `[report.style]` of `study.toml`: the team's house style for the HTML report (paths relative
/// to the study folder). The study reads the files into a [`ReportStyle`].
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StyleConfig {
    /// A logo (PNG, JPEG or SVG) shown above the title.
    #[serde(default)]
    pub logo: Option<PathBuf>,
    /// The accent colour, e.g. `"#0072B2"`.
    #[serde(default)]
    pub accent: Option<String>,
    /// The font family, e.g. `"Open Sans"`.
    #[serde(default)]
    pub font: Option<String>,
    /// A folder with the team's own `report.html` template (auto-escaped like the built-in one).
    #[serde(default)]
    pub templates: Option<PathBuf>,
}

/// Parse an interval method name.
///
/// # Errors
/// [`Error::InvalidArgument`] for an unknown name.
#[deprecated(note = "use `CiMethod::from_str` (`name.parse::<CiMethod>()`): the one parser of interval method names")]
pub fn parse_ci(name: &str) -> Result<CiMethod> {
    name.parse()
}

/// How to build a report.
#[derive(Clone, Debug, PartialEq)]
pub struct ReportOptions {
    /// The language of labels (default: the study's).
    pub lang: Language,
    /// A GeoJSON file of municipal boundaries (WGS84, a property with the GM code), for the map.
    pub boundaries: Option<PathBuf>,
    /// A GeoJSON file of province boundaries, drawn over the municipal map.
    pub province_boundaries: Option<PathBuf>,
    /// The date for contact coverage (default: the study's reference date).
    pub as_of: Option<NaiveDate>,
    /// The house style (logo, colour, font, template) of the HTML report.
    pub style: ReportStyle,
    /// Print the HTML report to PDF with headless Chromium when it is installed (default: yes;
    /// without Chromium the PDF is skipped with a line in the report log).
    pub pdf: bool,
    /// Notes for the report log from preparing these options (e.g. a logo that could not be read).
    pub notes: Vec<String>,
}

impl ReportOptions {
    /// Labels in `lang`, no map, coverage at the study's reference date.
    pub fn new(lang: Language) -> Self {
        Self {
            lang,
            boundaries: None,
            province_boundaries: None,
            as_of: None,
            style: ReportStyle::default(),
            pdf: true,
            notes: Vec::new(),
        }
    }

    /// The study's language, no map.
    pub fn for_study(info: &crate::meta::StudyInfo) -> Self {
        Self::new(info.language)
    }
}

/// A block of a report section.
#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    /// A paragraph of plain text (escaped by every renderer; never markup).
    Paragraph(String),
    /// A table (index into [`StudyReport::tables`]).
    Table(usize),
    /// A chart (index into [`StudyReport::charts`]).
    Chart(usize),
    /// A sub-heading (plain text) inside a section, e.g. one question.
    Heading(String),
}

/// A section of the report.
#[derive(Clone, Debug, PartialEq)]
pub struct Section {
    /// The heading.
    pub heading: String,
    /// Its id (for the table of contents).
    pub id: String,
    /// The content.
    pub blocks: Vec<Block>,
}

/// A built report, ready to write.
#[derive(Clone, Debug, PartialEq)]
pub struct StudyReport {
    /// The title.
    pub title: String,
    /// The subtitle.
    pub subtitle: String,
    /// The language.
    pub lang: Language,
    /// The sections, in order.
    pub sections: Vec<Section>,
    /// Every table (also the sheets of the workbook).
    pub tables: Vec<Table>,
    /// Every chart: a file name and the SVG.
    pub charts: Vec<(String, String)>,
    /// The infographic (SVG).
    pub infographic: String,
    /// Warnings met while building (a section left out, and why).
    pub warnings: Vec<String>,
    /// Notes for the user of the tool (not for the client's report): what was left out by
    /// choice and how to add it. Written with the warnings into the report log.
    pub log: Vec<String>,
    /// The house style of the HTML report.
    pub style: ReportStyle,
    /// Whether [`StudyReport::write`] prints the HTML report to PDF (with headless Chromium).
    pub pdf: bool,
    /// The published overview of L&O responsibles (only what each person consented to publish,
    /// only contacts verified within the coverage window) and its completeness per stratum:
    /// written as its own files, never into the report itself.
    pub overview: Vec<Table>,
}

/// The files [`StudyReport::write`] wrote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReportFiles {
    /// The self-contained HTML report.
    pub html: PathBuf,
    /// The workbook with every table.
    pub xlsx: PathBuf,
    /// The infographic as SVG.
    pub infographic_svg: PathBuf,
    /// The infographic as an HTML page.
    pub infographic_html: PathBuf,
    /// The folder with one SVG file per chart.
    pub charts: PathBuf,
    /// The report as PDF (A4), when Chromium was there to print it.
    pub pdf: Option<PathBuf>,
    /// The report log: warnings and notes for the user of the tool.
    pub log: PathBuf,
    /// The published overview of L&O responsibles (HTML with its completeness per stratum), when
    /// the study has a contacts directory.
    pub overview: Option<PathBuf>,
    /// Warnings of the files written (a text cut to Excel's cell limit, a chart left out of the
    /// PNG, Word and PowerPoint files).
    pub warnings: Vec<String>,
}

struct Builder<'a> {
    study: &'a ReportInput<'a>,
    lang: Language,
    unweighted: AnalysisOptions,
    weighted: AnalysisOptions,
    suppress_below: u64,
    report: StudyReport,
}

impl Builder<'_> {
    fn table(&mut self, table: Table) -> Block {
        self.report.tables.push(table);
        Block::Table(self.report.tables.len() - 1)
    }

    fn chart(&mut self, name: String, svg: String) -> Block {
        self.report.charts.push((name, svg));
        Block::Chart(self.report.charts.len() - 1)
    }

    fn warn(&mut self, what: String) {
        self.report.warnings.push(what);
    }

    fn note(&mut self, what: String) {
        self.report.log.push(what);
    }
}

/// Build the report of a study.
///
/// # Errors
/// [`Error::InvalidArgument`] when the study names no instrument or responses, or the `[report]`
/// configuration names an unknown item or method; errors of the analysis functions. Sections that
/// cannot be made from the data (no contacts, no codings, no boundary file) are left out with a
/// warning in [`StudyReport::warnings`] rather than failing the report.
pub fn build_report(study: &ReportInput<'_>, options: &ReportOptions) -> Result<StudyReport> {
    let q = study.questionnaire().ok_or_else(|| Error::InvalidArgument {
        name: "study",
        message: "the study names no instrument (files.instrument): there is nothing to report".into(),
    })?;
    if study.responses().is_none() {
        return Err(Error::InvalidArgument {
            name: "study",
            message: "the study names no responses (files.responses): there is nothing to report".into(),
        });
    }
    let n_responses = study.n_responses();
    let config = study.report_config().clone();
    let lang = options.lang;
    let ci = config.ci.as_deref().map(str::parse::<CiMethod>).transpose()?.unwrap_or(CiMethod::Wilson);
    let level = config.level.unwrap_or(0.95);
    let weighting: Weighting = match &config.weighting {
        Some(w) => w.parse()?,
        None => Weighting::PostStratify(study.default_stratification().spec()),
    };
    let unweighted = AnalysisOptions { weighting: Weighting::None, level, ci, language: lang };
    let weighted = AnalysisOptions { weighting: weighting.clone(), ..unweighted.clone() };
    let info = study.info();
    let subtitle = [
        info.institution.clone(),
        info.commissioned_by
            .as_ref()
            .map(|c| format!("{} {c}", lang.tr("in opdracht van", "commissioned by").to_owned())),
        Some(format!("{} {}", lang.tr("peildatum", "reference date").to_owned(), long_date(info.reference_date, lang))),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" · ");
    let title = if lang.is_english() {
        info.title_en.clone().unwrap_or_else(|| info.title.clone())
    } else {
        info.title.clone()
    };
    let mut b = Builder {
        study,
        lang,
        unweighted,
        weighted,
        suppress_below: config.suppress_below.unwrap_or(5),
        report: StudyReport {
            title,
            subtitle,
            lang,
            sections: Vec::new(),
            tables: Vec::new(),
            charts: Vec::new(),
            infographic: String::new(),
            warnings: Vec::new(),
            log: options.notes.clone(),
            style: options.style.clone(),
            pdf: options.pdf,
            overview: Vec::new(),
        },
    };
    if let Err(e) = options.style.check() {
        b.warn(format!("house style not used: {e}"));
        b.report.style = ReportStyle::default();
    }
    let weights = match study.weights(&weighting) {
        Ok(w) => w,
        Err(e) => {
            b.warn(format!("weighting {weighting} not possible, the figures are unweighted: {e}"));
            b.weighted = b.unweighted.clone();
            None
        }
    };
    let weighting = b.weighted.weighting.clone();

    // 1. Summary and infographic.
    let mut key_figures = Vec::new();
    let mut summary = vec![Block::Paragraph(format!(
        "{} {} {} {}: {} {}.",
        format_count(n_responses as f64, lang),
        lang.tr("van de", "of the").to_owned(),
        format_count(b.units_total() as f64, lang),
        lang.tr(
            "eenheden (gemeenten en werkorganisaties) vulden de vragenlijst in",
            "units (municipalities and shared service organisations) completed the questionnaire"
        )
        .to_owned(),
        lang.tr("een respons van", "a response of").to_owned(),
        format_percent(100.0 * n_responses as f64 / b.units_total().max(1) as f64, 0, lang)
    ))];
    key_figures.push(KeyFigure {
        value: 100.0 * n_responses as f64 / b.units_total().max(1) as f64,
        format: ValueFormat::Percent(0),
        caption: lang.tr("respons", "response").to_owned(),
    });
    for spec in &config.key_figures {
        let share = match b.key_share(spec) {
            Ok(s) if s.is_finite() => s,
            Ok(_) => {
                b.warn(format!("key figure {:?} left out: no valid answers", spec.item));
                continue;
            }
            Err(e) => {
                b.warn(format!("key figure {:?} left out: {e}", spec.item));
                continue;
            }
        };
        let caption = if lang.is_english() {
            spec.caption_en.clone().unwrap_or_else(|| spec.caption.clone())
        } else {
            spec.caption.clone()
        };
        let interval = b.key_interval(spec);
        summary.push(Block::Paragraph(match interval {
            Some((lo, hi)) => format!(
                "{} {caption} ({}; {} {}).",
                format_percent(share, 0, lang),
                lang.tr("gewogen", "weighted").to_owned(),
                ci_name(b.weighted.level, lang),
                crate::table::format::format_interval(lo, hi, 0, true, lang)
            ),
            None => {
                format!("{} {caption} ({}).", format_percent(share, 0, lang), lang.tr("gewogen", "weighted").to_owned())
            }
        }));
        key_figures.push(KeyFigure { value: share, format: ValueFormat::Percent(0), caption });
    }

    // 2. Response and representativeness.
    let mut blocks = Vec::new();
    let mut breakdowns: Vec<StratumVar> = study.breakdowns().to_vec();
    if breakdowns.is_empty() {
        breakdowns.push(StratumVar::SizeClass);
    }
    let mut province_rates: Vec<(Province, Option<f64>)> = Vec::new();
    for var in &breakdowns {
        let rr = match study.response_rates(var.key(), lang) {
            Ok(rr) => rr,
            Err(e) => {
                b.warn(format!("response by {} left out: {e}", var.key()));
                continue;
            }
        };
        let labels: Vec<&str> = rr.labels.iter().map(String::as_str).collect();
        let title = format!("{} {}", lang.tr("Respons naar", "Response by").to_owned(), var.label(lang).to_lowercase());
        match representativeness_table(&rr.result, &title, &labels, lang) {
            Ok(table) => blocks.push(b.table(table)),
            Err(e) => b.warn(format!("table of the response by {} left out: {e}", var.key())),
        }
        match response_rate_svg(&rr.result, &labels, &title, lang) {
            Ok(svg) => blocks.push(b.chart(format!("respons-{}.svg", var.key()), svg)),
            Err(e) => b.warn(format!("chart of the response by {} left out: {e}", var.key())),
        }
        if *var == StratumVar::Province {
            province_rates = province_rates_of(&rr);
        }
    }
    if province_rates.is_empty() {
        province_rates = match study.response_rates("province", lang) {
            Ok(rr) => province_rates_of(&rr),
            Err(_) => Province::ALL.iter().map(|p| (*p, Some(0.0))).collect(),
        };
    }
    let tile = TileMap {
        title: lang.tr("Respons per provincie", "Response by province").to_owned(),
        subtitle: None,
        values: province_rates.clone(),
        format: ValueFormat::Percent(0),
        legend_title: lang.tr("Respons", "Response").to_owned(),
        domain: Some((0.0, 100.0)),
        note: Some(
            lang.tr(
                "Aandeel eenheden (gemeenten en werkorganisaties) dat de vragenlijst invulde.",
                "Share of units (municipalities and shared service organisations) that completed the questionnaire.",
            )
            .to_owned(),
        ),
    };
    match province_tile_map_svg(&tile, lang) {
        Ok(svg) => blocks.push(b.chart("respons-provincies.svg".into(), svg)),
        Err(e) => b.warn(format!("tile map of the response left out: {e}")),
    }
    b.contacts_blocks(&mut blocks, options);
    b.map_block(&mut blocks, options);
    b.report.sections.push(Section {
        heading: lang.tr("Respons en representativiteit", "Response and representativeness").to_owned(),
        id: "respons".into(),
        blocks,
    });

    // 3. Every item.
    let mut blocks = Vec::new();
    for item in &q.items {
        let mut item_blocks = Vec::new();
        match b.item_blocks(&item.id, &mut item_blocks) {
            Ok(()) => blocks.append(&mut item_blocks),
            Err(e) => b.warn(format!("{}: left out of the report ({e})", item.id)),
        }
    }
    b.report.sections.push(Section {
        heading: lang.tr("Resultaten per vraag", "Results per question").to_owned(),
        id: "vragen".into(),
        blocks,
    });

    // 4. Crosstabs.
    let mut differences: Vec<(f64, String)> = Vec::new();
    let mut blocks = vec![Block::Paragraph(format!(
        "{} {}",
        lang.tr(
            "Kolompercentages van de geldige antwoorden, ongewogen. Cellen met minder dan",
            "Column percentages of the valid answers, unweighted. Cells with fewer than"
        )
        .to_owned(),
        lang.tr(
            &format!("{} gemeenten zijn afgeschermd (•), zodat geen gemeente herkenbaar is.", b.suppress_below),
            &format!(
                "{} municipalities are suppressed (•) so that no municipality can be singled out.",
                b.suppress_below
            )
        )
        .to_owned()
    ))];
    for item in q.items.iter().filter(|i| matches!(i.kind, ItemKind::Single { .. })) {
        for var in &breakdowns {
            let ct = match study.crosstab(&item.id, var.key(), &b.unweighted, Some(b.suppress_below)) {
                Ok(ct) => ct,
                Err(e) => {
                    b.warn(format!("crosstab {} × {} left out: {e}", item.id, var.key()));
                    continue;
                }
            };
            if let Some(f) = difference_finding(&ct, lang) {
                differences.push(f);
            }
            let rows: Vec<&str> = ct.row_labels.iter().map(String::as_str).collect();
            let cols: Vec<&str> = ct.col_labels.iter().map(String::as_str).collect();
            let title = format!("{} × {}", ct.label, ct.by_label.to_lowercase());
            let table = crosstab_table(
                &ct.table,
                &title,
                &rows,
                &cols,
                CrosstabCells::ColumnPercent,
                ct.suppression.as_ref(),
                lang,
            )?;
            blocks.push(b.table(table));
        }
    }
    differences.sort_by(|a, b| b.0.total_cmp(&a.0));
    if differences.is_empty() {
        summary.push(Block::Paragraph(lang.tr(
            "Tussen de strata (gemeentegrootte, provincie) is bij geen enkele vraag een statistisch significant verschil gevonden (chi-kwadraattoets, p < 0,05).",
            "No question shows a statistically significant difference between the strata (chi-square test, p < 0.05).",
        ).to_owned()));
    } else {
        summary.push(Block::Paragraph(lang.tr(
            "De grootste verschillen tussen de strata die de toetsen ondersteunen (chi-kwadraattoets, p < 0,05; ongewogen):",
            "The largest differences between the strata that the tests support (chi-square test, p < 0.05; unweighted):",
        ).to_owned()));
        for (_, text) in differences.iter().take(3) {
            summary.push(Block::Paragraph(text.clone()));
        }
    }
    b.report.sections.insert(
        0,
        Section {
            heading: lang.tr("Belangrijkste bevindingen", "Key findings").to_owned(),
            id: "samenvatting".into(),
            blocks: summary,
        },
    );
    b.report.sections.push(Section {
        heading: lang.tr("Uitsplitsingen", "Breakdowns").to_owned(),
        id: "uitsplitsingen".into(),
        blocks,
    });

    // 5. Scales.
    let mut blocks = Vec::new();
    for scale in &q.scales {
        let s = match study.scale(&scale.id, &b.unweighted, Missing::Listwise) {
            Ok(s) => s,
            Err(e) => {
                b.warn(format!("scale {} left out: {e}", scale.id));
                continue;
            }
        };
        let labels: Vec<String> = s.items.iter().map(|i| i.label.clone()).collect();
        let label_refs: Vec<&str> = labels.iter().map(String::as_str).collect();
        let title = format!("{}: {}", lang.tr("Betrouwbaarheid", "Reliability").to_owned(), s.label);
        let mut table = reliability_table(&s.reliability, &title, &label_refs, lang)?;
        // The respondents left out (listwise: anyone with a missing answer), not the missing cells.
        table.notes.missing = Some(s.reliability.n_rows.saturating_sub(s.reliability.n) as f64);
        table.notes.method = Some(reliability_method(&s.reliability, lang));
        if !s.reversed.is_empty() {
            table.notes.other.push(format!(
                "{}: {}",
                lang.tr("Omgekeerd gescoord", "Reverse-keyed").to_owned(),
                s.reversed.join(", ")
            ));
        }
        blocks.push(b.table(table));
        let mut items = Vec::new();
        let mut categories = Vec::new();
        let mut failed = None;
        for iid in &s.item_ids {
            let f = match study.frequencies(iid, &b.weighted) {
                Ok(f) => f,
                Err(e) => {
                    failed = Some(format!("{iid}: {e}"));
                    break;
                }
            };
            if categories.is_empty() {
                categories = f
                    .rows
                    .iter()
                    .filter(|r| r.code.is_some() && r.valid_percent.is_some())
                    .map(|r| r.label.clone())
                    .collect();
            }
            // Weighted shares, scaled to the respondents with a valid answer, so that the chart's
            // percentages are weighted and its `n` counts respondents (not the weights' total).
            let valid: Vec<&crate::analysis::LabelledRow> =
                f.rows.iter().filter(|r| r.valid_percent.is_some()).collect();
            let weighted_total: f64 = valid.iter().map(|r| r.count).sum();
            let respondents = valid.iter().map(|r| r.unweighted_count).sum::<u64>() as f64;
            let scale_by = if weighted_total > 0.0 { respondents / weighted_total } else { 0.0 };
            let counts = valid.iter().map(|r| r.count * scale_by).collect();
            items.push(LikertItem { label: f.question.clone(), counts });
        }
        if let Some(e) = failed {
            b.warn(format!("chart of scale {} left out: {e}", s.id));
            continue;
        }
        let chart = LikertChart {
            title: s.label.clone(),
            subtitle: None,
            categories,
            items,
            note: Some(format!(
                "{}; {}. {}",
                lang.tr("Percentages van de geldige antwoorden", "Percentages of the valid answers").to_owned(),
                weighting_phrase(&b.weighted.weighting, lang),
                b.source_line()
            )),
        };
        match likert_svg(&chart, lang) {
            Ok(svg) => blocks.push(b.chart(format!("schaal-{}.svg", s.id), svg)),
            Err(e) => b.warn(format!("chart of scale {} left out: {e}", s.id)),
        }
    }
    b.report.sections.push(Section { heading: lang.tr("Schalen", "Scales").to_owned(), id: "schalen".into(), blocks });

    // 6. Interviews.
    let blocks = match b.interview_blocks(config.joint_item.as_deref()) {
        Ok(blocks) => blocks,
        Err(e) => {
            b.warn(format!("interviews left out: {e}"));
            Vec::new()
        }
    };
    if !blocks.is_empty() {
        b.report.sections.push(Section {
            heading: lang.tr("Interviews", "Interviews").to_owned(),
            id: "interviews".into(),
            blocks,
        });
    }

    // 7. Methods.
    let weighting_text = weights.as_ref().map(|w| weighting_sentence(w, b.units_total(), lang));
    let methods = b.methods(weighting_text.as_deref(), ci, level);
    b.report.sections.push(Section {
        heading: lang.tr("Verantwoording", "Methods").to_owned(),
        id: "verantwoording".into(),
        blocks: methods,
    });

    // The infographic.
    let mut themes = Vec::new();
    let themes_title;
    if let Some(m) = config.themes_now.as_ref().and_then(|item| match study.multiple(item, &b.weighted) {
        Ok(m) => Some(m),
        Err(e) => {
            b.warn(format!("themes of the infographic left out: {e}"));
            None
        }
    }) {
        let mut list: Vec<(String, f64)> =
            m.option_labels.iter().zip(&m.table.options).map(|(l, o)| (l.clone(), o.percent_of_respondents)).collect();
        list.sort_by(|a, b| b.1.total_cmp(&a.1));
        themes = list.into_iter().take(6).collect();
        themes_title = lang.tr("Belangrijkste thema's nu", "Most important themes now").to_owned();
    } else {
        themes_title = String::new();
    }
    let mut footer = format!(
        "{}: {} (n = {}). {}; {}",
        lang.tr("Bron", "Source").to_owned(),
        b.report.title,
        n_responses,
        capitalise(&weighting_phrase(&weighting, lang)),
        lang.tr("populatie: CBS, gemeentelijke indeling.", "population: CBS municipal register.")
    );
    if let Some(r) = config.themes_future.as_ref().and_then(|item| study.ranking(item, &b.weighted).ok())
        && let Some((label, opt)) =
            r.option_labels.iter().zip(&r.table.options).max_by(|a, b| a.1.percent_top_k.total_cmp(&b.1.percent_top_k))
    {
        {
            let _ = write!(
                footer,
                " {} {label} ({}).",
                lang.tr("Komende jaren het vaakst in de top 3:", "Most often in the top 3 for the coming years:")
                    .to_owned(),
                format_percent(opt.percent_top_k, 0, lang)
            );
        }
    }
    if key_figures.len() > 8 {
        b.warn(format!("the infographic shows the first 8 of {} key figures (it has room for 8)", key_figures.len()));
    }
    let info_page = Infographic {
        title: b.report.title.clone(),
        subtitle: Some(b.report.subtitle.clone()),
        key_figures: key_figures.into_iter().take(8).collect(),
        themes_title,
        themes,
        map: Some(tile),
        footer: Some(footer),
    };
    b.report.infographic = match infographic_svg(&info_page, lang) {
        Ok(svg) => svg,
        Err(e) => {
            b.warn(format!("infographic laid out without themes and footer: {e}"));
            let smaller = Infographic { themes: Vec::new(), footer: None, ..info_page };
            match infographic_svg(&smaller, lang) {
                Ok(svg) => svg,
                Err(e) => {
                    b.warn(format!("infographic left out: {e}"));
                    String::new()
                }
            }
        }
    };
    Ok(b.report)
}

/// A date written out: `2 december 2026` (Dutch) or `2 December 2026`.
pub fn long_date(d: NaiveDate, lang: Language) -> String {
    use chrono::Datelike as _;
    const NL: [&str; 12] = [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ];
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let names = match lang {
        Language::Nl => NL,
        Language::En => EN,
    };
    let month = names.get(d.month0() as usize).copied().unwrap_or("");
    format!("{} {month} {}", d.day(), d.year())
}

/// `95%-BI` / `95% CI` for a confidence level.
fn ci_name(level: f64, lang: Language) -> String {
    let pct = format_count((100.0 * level).round(), lang);
    match lang {
        Language::Nl => format!("{pct}%-BI"),
        Language::En => format!("{pct}% CI"),
    }
}

fn capitalise(text: &str) -> String {
    let mut c = text.chars();
    c.next().map_or_else(String::new, |f| f.to_uppercase().collect::<String>() + c.as_str())
}

/// The labels of a stratification spec (`size_class*province`) for a sentence, lower case.
fn spec_label(spec: &str, lang: Language) -> String {
    spec.split(['*', '×', '+', ','])
        .map(|v| match v.trim().parse::<StratumVar>() {
            Ok(var) => var.label(lang).to_lowercase(),
            Err(_) => v.trim().to_owned(),
        })
        .collect::<Vec<_>>()
        .join(lang.tr(" en ", " and "))
}

/// How the weighted figures are weighted, in words: `gewogen naar gemeentegrootte`.
fn weighting_phrase(w: &Weighting, lang: Language) -> String {
    match w {
        Weighting::None => lang.tr("ongewogen", "unweighted").to_owned(),
        Weighting::PostStratify(spec) => {
            format!("{} {}", lang.tr("gewogen naar", "weighted by"), spec_label(spec, lang))
        }
        Weighting::Rake(margins) => {
            format!("{} {} (raking)", lang.tr("gewogen naar", "weighted by"), spec_label(&margins.join(","), lang))
        }
        Weighting::Custom(name) => format!("{} ({name})", lang.tr("met eigen gewichten", "with custom weights")),
    }
}

/// The weighting for the methods section, in the report's language.
fn weighting_sentence(w: &WeightingSummary, n_units: usize, lang: Language) -> String {
    match lang {
        Language::En => w.description.clone(),
        Language::Nl => {
            let how = match &w.scheme {
                Weighting::None => "geen weging".to_owned(),
                Weighting::PostStratify(spec) => format!(
                    "poststratificatie naar de {} eenheden van de populatie per {}",
                    format_count(n_units as f64, lang),
                    spec_label(spec, lang)
                ),
                Weighting::Rake(m) => format!(
                    "raking (iteratief proportioneel passen) naar de randtotalen van {} van de {} eenheden",
                    spec_label(&m.join(","), lang),
                    format_count(n_units as f64, lang)
                ),
                Weighting::Custom(name) => format!("eigen gewichten ({name}), door het team aangeleverd"),
            };
            format!(
                "{how}; designeffect van de weging (Kish) {}, effectieve n {}.",
                crate::table::format::format_number(w.kish_design_effect, 2, lang),
                crate::table::format::format_number(w.effective_sample_size, 1, lang)
            )
        }
    }
}

/// The reliability method in the report's language.
fn reliability_method(r: &crate::stats::ScaleReliability, lang: Language) -> String {
    match (lang, r.missing) {
        (Language::En, _) => r.method.clone(),
        (Language::Nl, Missing::Listwise) => {
            "Cronbachs alfa over de respondenten die alle items beantwoordden; betrouwbaarheidsinterval volgens Feldt"
                .to_owned()
        }
        (Language::Nl, _) => {
            "Cronbachs alfa uit paarsgewijs complete antwoorden; betrouwbaarheidsinterval volgens Feldt".to_owned()
        }
    }
}

/// Year items: the mean, interval, median, minimum and maximum as years (`2020`), without a
/// thousands separator or decimals.
fn year_cells(table: &Table, lang: Language) -> Result<Table> {
    use crate::table::format::format_plain;
    let mut out = Table::new(table.title().to_owned(), table.columns().to_vec());
    out.notes = table.notes.clone();
    for row in table.rows() {
        let cells = row
            .cells
            .iter()
            .enumerate()
            .map(|(i, cell)| match cell {
                // The SD (column 3) is a number of years, not a year.
                Cell::Number { value, .. } if i != 3 => Cell::text(format_plain(value.round(), 0, lang)),
                Cell::Interval { lower, upper, .. } => Cell::text(format!(
                    "{}–{}",
                    format_plain(lower.round(), 0, lang),
                    format_plain(upper.round(), 0, lang)
                )),
                other => other.clone(),
            })
            .collect();
        if row.total { out.push_total_row(cells)? } else { out.push_row(cells)? }
    }
    Ok(out)
}

/// A sentence on a crosstab whose Pearson test has p < 0.05, with its Cramér's V (to rank the
/// findings): the first answer's lowest and highest column percentage.
fn difference_finding(ct: &crate::analysis::ItemCrosstab, lang: Language) -> Option<(f64, String)> {
    let test = ct.table.chi_square.as_ref()?;
    if test.p_value.is_nan() || test.p_value >= 0.05 {
        return None;
    }
    let n_cols = ct.table.n_cols;
    let row = ct.row_labels.first()?;
    let cells: Vec<(usize, f64)> = (0..n_cols)
        .filter_map(|c| ct.table.col_percent.get(c).copied().flatten().map(|p| (c, p)))
        .filter(|(c, _)| ct.table.col_totals.get(*c).is_some_and(|t| *t > 0.0))
        .collect();
    let lo = cells.iter().min_by(|a, b| a.1.total_cmp(&b.1))?;
    let hi = cells.iter().max_by(|a, b| a.1.total_cmp(&b.1))?;
    let (lo_label, hi_label) = (ct.col_labels.get(lo.0)?, ct.col_labels.get(hi.0)?);
    let text = format!(
        "{} {} {}: “{}” {} {} ({}) {} {} ({}); χ²({}) = {}, p = {}, Cramér's V = {}.",
        ct.label,
        lang.tr("verschilt naar", "differs by"),
        ct.by_label.to_lowercase(),
        row,
        lang.tr("loopt uiteen van", "ranges from"),
        format_percent(lo.1, 0, lang),
        lo_label,
        lang.tr("tot", "to"),
        format_percent(hi.1, 0, lang),
        hi_label,
        test.df,
        crate::table::format::format_number(test.statistic, 2, lang),
        crate::table::format::format_p_value(test.p_value, lang),
        crate::table::format::format_number(test.cramers_v, 2, lang)
    );
    Some((test.cramers_v, text))
}

/// The response rate (in %) of each province, from response rates by province.
fn province_rates_of(rr: &crate::analysis::ResponseRates) -> Vec<(Province, Option<f64>)> {
    Province::ALL
        .iter()
        .map(|p| {
            let stratum =
                rr.labels.iter().position(|l| l == p.name() || l == p.name_en()).and_then(|i| rr.result.strata.get(i));
            (*p, stratum.and_then(|s| s.response_rate).map(|r| 100.0 * r))
        })
        .collect()
}

impl Builder<'_> {
    /// `Bron: <title>, <year>` for the charts.
    fn source_line(&self) -> String {
        use chrono::Datelike as _;
        format!(
            "{}: {}, {}",
            self.lang.tr("Bron", "Source"),
            self.report.title,
            self.study.info().reference_date.year()
        )
    }

    /// The weighted interval of a key figure of one answer code of a single-choice item.
    fn key_interval(&self, spec: &KeyFigureSpec) -> Option<(f64, f64)> {
        let [code] = spec.codes.as_slice() else { return None };
        let p = self.study.proportions(&spec.item, &self.weighted).ok()?;
        let o = p.options.iter().find(|o| o.code == *code)?;
        Some((100.0 * o.estimate.lower, 100.0 * o.estimate.upper))
    }

    fn units_total(&self) -> usize {
        self.study.organisations().units(self.study.frame()).len()
    }

    /// The weighted % of valid answers in `codes` ([`crate::analysis::Analysis::share_of`]).
    fn key_share(&self, spec: &KeyFigureSpec) -> Result<f64> {
        let q = self
            .study
            .questionnaire()
            .ok_or_else(|| Error::InvalidArgument { name: "study", message: "no instrument".into() })?;
        let item = q.item(&spec.item).ok_or_else(|| Error::InvalidArgument {
            name: "report.key_figures",
            message: format!("unknown item {:?} in study.toml [report]", spec.item),
        })?;
        self.study.share_of(&item.id, &spec.codes, &self.weighted)
    }

    fn item_blocks(&mut self, id: &str, blocks: &mut Vec<Block>) -> Result<()> {
        let study = self.study;
        let q = study
            .questionnaire()
            .ok_or_else(|| Error::InvalidArgument { name: "study", message: "no instrument".into() })?;
        let Some(item) = q.item(id) else { return Ok(()) };
        let lang = self.lang;
        let heading = format!("{} — {}", item.short_label(self.lang), item.text.get(self.lang));
        blocks.push(Block::Heading(heading));
        match &item.kind {
            ItemKind::Single { .. } | ItemKind::Likert { .. } => {
                let f = study.frequencies(id, &self.unweighted)?;
                let pw = study.proportions(id, &self.weighted);
                let pu = study.proportions(id, &self.unweighted);
                let table = self.frequency_with_proportions(&f, pu.as_ref().ok(), pw.as_ref().ok())?;
                blocks.push(self.table(table));
                if let Ok(pw) = pw {
                    let bars: Vec<BarDatum> = pw
                        .options
                        .iter()
                        .map(|o| BarDatum {
                            label: o.label.clone(),
                            value: 100.0 * o.estimate.estimate,
                            interval: Some((100.0 * o.estimate.lower, 100.0 * o.estimate.upper)),
                            suppressed: false,
                            annotation: f
                                .rows
                                .iter()
                                .find(|r| r.code == Some(o.code))
                                .map(|r| format!("n = {}", r.unweighted_count)),
                        })
                        .collect();
                    let mut chart = BarChart::new(
                        item.short_label(self.lang),
                        lang.tr("Percentage (gewogen)", "Percentage (weighted)").to_owned(),
                        bars,
                    );
                    chart.subtitle = Some(item.text.get(self.lang).to_owned());
                    chart.interval_level = pw.level;
                    chart.note = Some(format!(
                        "n = {}; {}; {}. {}",
                        f.n_valid,
                        lang.tr("basis: de geldige antwoorden", "base: the valid answers").to_owned(),
                        weighting_phrase(&self.weighted.weighting, lang),
                        self.source_line()
                    ));
                    blocks.push(self.chart(format!("vraag-{id}.svg"), bar_chart_svg(&chart, lang)?));
                } else if let Err(e) = pw {
                    self.warn(format!("{id}: no weighted proportions ({e})"));
                }
            }
            ItemKind::Multiple { .. } => {
                let mu = study.multiple(id, &self.unweighted)?;
                let pw = study.proportions(id, &self.weighted);
                let mut table = Table::new(
                    item.short_label(self.lang),
                    vec![
                        Column::text(lang.tr("Antwoord", "Answer").to_owned()),
                        Column::numeric("n"),
                        Column::numeric(lang.tr("% respondenten", "% of respondents").to_owned()),
                        Column::numeric(lang.tr("% vermeldingen", "% of mentions").to_owned()),
                        Column::numeric(lang.tr("% gewogen", "% weighted").to_owned()),
                        Column::numeric(lang.tr("95%-BI (gewogen)", "95% CI (weighted)").to_owned()),
                    ],
                );
                for (k, (label, o)) in mu.option_labels.iter().zip(&mu.table.options).enumerate() {
                    let w = pw.as_ref().ok().and_then(|p| p.options.get(k)).map(|o| &o.estimate);
                    table.push_row(vec![
                        Cell::text(label.clone()),
                        Cell::count(o.count),
                        Cell::percent(o.percent_of_respondents, 1),
                        Cell::opt_percent(o.percent_of_mentions, 1),
                        w.map_or(Cell::Empty, |e| Cell::percent(100.0 * e.estimate, 1)),
                        w.map_or(Cell::Empty, |e| Cell::interval(100.0 * e.lower, 100.0 * e.upper, 1, true)),
                    ])?;
                }
                table.notes.n = Some(mu.table.n_asked as f64);
                table.notes.other.push(format!(
                    "{}: {}; {}: {}",
                    lang.tr("niet gesteld", "not asked").to_owned(),
                    mu.n_not_asked,
                    lang.tr("niets gekozen of ontbrekend", "nothing chosen or missing").to_owned(),
                    mu.n_unanswered
                ));
                if let Ok(p) = &pw {
                    table.notes.method = Some(p.method.clone());
                }
                blocks.push(self.table(table));
                if let Ok(pw) = pw {
                    let mut bars: Vec<BarDatum> = pw
                        .options
                        .iter()
                        .map(|o| BarDatum {
                            label: o.label.clone(),
                            value: 100.0 * o.estimate.estimate,
                            interval: Some((100.0 * o.estimate.lower, 100.0 * o.estimate.upper)),
                            suppressed: false,
                            annotation: None,
                        })
                        .collect();
                    bars.sort_by(|a, b| b.value.total_cmp(&a.value));
                    let mut chart = BarChart::new(
                        item.short_label(self.lang),
                        lang.tr("Percentage respondenten (gewogen)", "Percentage of respondents (weighted)").to_owned(),
                        bars,
                    );
                    chart.subtitle = Some(item.text.get(self.lang).to_owned());
                    chart.note = Some(format!(
                        "n = {}; {}; {}; {}. {}",
                        pw.n,
                        lang.tr("basis: wie de vraag kreeg en iets koos", "base: those asked who chose something")
                            .to_owned(),
                        lang.tr("meerdere antwoorden mogelijk", "several answers possible").to_owned(),
                        weighting_phrase(&self.weighted.weighting, lang),
                        self.source_line()
                    ));
                    blocks.push(self.chart(format!("vraag-{id}.svg"), bar_chart_svg(&chart, lang)?));
                }
            }
            ItemKind::Ranking { top, .. } => {
                let r = study.ranking(id, &self.weighted)?;
                let mut table = Table::new(
                    item.short_label(self.lang),
                    vec![
                        Column::text(lang.tr("Thema", "Theme").to_owned()),
                        Column::numeric(lang.tr("Gem. rang", "Mean rank").to_owned()),
                        Column::numeric(lang.tr("% op 1", "% ranked first").to_owned()),
                        Column::numeric(format!("% top {top}")),
                    ],
                );
                for (label, o) in r.option_labels.iter().zip(&r.table.options) {
                    table.push_row(vec![
                        Cell::text(label.clone()),
                        Cell::opt_number(o.mean_rank, 2),
                        Cell::percent(o.percent_first, 1),
                        Cell::percent(o.percent_top_k, 1),
                    ])?;
                }
                table.notes.n = Some(r.table.n_asked as f64);
                table.notes.method =
                    r.weighting.as_ref().map(|_| capitalise(&weighting_phrase(&self.weighted.weighting, lang)));
                blocks.push(self.table(table));
            }
            ItemKind::Numeric { unit, min, max, integer } => {
                let year = *integer
                    && min.is_some_and(|m| (1000.0..=2999.0).contains(&m))
                    && max.is_some_and(|m| (1000.0..=2999.0).contains(&m));
                let du = study.describe(id, &self.unweighted)?;
                let dw = study.describe(id, &self.weighted)?;
                let mut table = descriptives_table(
                    &format!(
                        "{}{}",
                        item.short_label(self.lang),
                        unit.as_ref().map_or(String::new(), |u| format!(" ({u})"))
                    ),
                    &[
                        (lang.tr("ongewogen", "unweighted").to_owned().as_str(), &du.stats),
                        (lang.tr("gewogen", "weighted").to_owned().as_str(), &dw.stats),
                    ],
                    1,
                    lang,
                )?;
                // Both rows describe the same respondents: their missing answers once.
                // (`missing` counts every respondent without a value; those not asked are told apart.)
                table.notes.missing = Some(du.stats.missing.saturating_sub(du.n_not_asked) as f64);
                if year {
                    table = year_cells(&table, lang)?;
                }
                if du.n_not_asked > 0 {
                    table.notes.other.push(format!(
                        "{} {}",
                        du.n_not_asked,
                        lang.tr(
                            "respondenten kregen deze vraag niet (routing) en vallen buiten de basis.",
                            "respondents were not asked this question (routing) and are outside the base."
                        )
                        .to_owned()
                    ));
                }
                blocks.push(self.table(table));
            }
            ItemKind::Open => {
                let n = study.open_answers(id)?;
                blocks.push(Block::Paragraph(format!(
                    "{} {}",
                    format_count(n as f64, lang),
                    lang.tr(
                        "open antwoorden. Open antwoorden staan niet in dit rapport: zij kunnen namen bevatten (AVG).",
                        "open answers. Open answers are not in this report: they may contain names (GDPR)."
                    )
                    .to_owned()
                )));
            }
        }
        Ok(())
    }

    fn frequency_with_proportions(
        &self,
        f: &ItemFrequencies,
        pu: Option<&ItemProportions>,
        pw: Option<&ItemProportions>,
    ) -> Result<Table> {
        let lang = self.lang;
        let level = pw.or(pu).map_or(0.95, |p| p.level);
        let ci_label = format!("{}%-BI", format_count((100.0 * level).round(), lang));
        let mut table = Table::new(
            f.label.clone(),
            vec![
                Column::text(lang.tr("Antwoord", "Answer").to_owned()),
                Column::numeric("n"),
                Column::numeric(lang.tr("%", "%").to_owned()),
                Column::numeric(lang.tr("% geldig", "valid %").to_owned()),
                Column::numeric(ci_label.clone()),
                Column::numeric(lang.tr("% gewogen", "% weighted").to_owned()),
                Column::numeric(format!("{ci_label} {}", lang.tr("(gewogen)", "(weighted)").to_owned())),
            ],
        );
        for row in &f.rows {
            // A missing-answer row nobody gave ("niet van toepassing 0 0,0%") says nothing.
            if row.unweighted_count == 0 && row.valid_percent.is_none() {
                continue;
            }
            let find = |p: Option<&ItemProportions>| {
                p.and_then(|p| p.options.iter().find(|o| Some(o.code) == row.code)).map(|o| o.estimate.clone())
            };
            let (u, w) = (find(pu), find(pw));
            table.push_row(vec![
                Cell::text(row.label.clone()),
                Cell::count(row.count),
                Cell::percent(row.percent, 1),
                Cell::opt_percent(row.valid_percent, 1),
                u.as_ref().map_or(Cell::Empty, |e| Cell::interval(100.0 * e.lower, 100.0 * e.upper, 1, true)),
                w.as_ref().map_or(Cell::Empty, |e| Cell::percent(100.0 * e.estimate, 1)),
                w.as_ref().map_or(Cell::Empty, |e| Cell::interval(100.0 * e.lower, 100.0 * e.upper, 1, true)),
            ])?;
        }
        table.notes.n = Some(f.n_asked as f64);
        table.notes.missing = Some((f.n_asked - f.n_valid) as f64);
        let mut methods = Vec::new();
        if let Some(p) = pu {
            methods.push(format!("{}: {}", lang.tr("ongewogen", "unweighted").to_owned(), p.method));
        }
        if let Some(p) = pw {
            methods.push(format!("{}: {}", lang.tr("gewogen", "weighted").to_owned(), p.method));
        }
        table.notes.method = Some(methods.join("; "));
        if f.n_not_asked > 0 {
            table.notes.other.push(format!(
                "{} {} {}",
                f.n_not_asked,
                lang.tr(
                    "respondenten kregen deze vraag niet (routing) en vallen buiten de basis.",
                    "respondents were not asked this question (routing) and are outside the base."
                )
                .to_owned(),
                ""
            ));
        }
        Ok(table)
    }

    fn contacts_blocks(&mut self, blocks: &mut Vec<Block>, options: &ReportOptions) {
        let study = self.study;
        let lang = self.lang;
        let loaded = match &study.contacts {
            None => return,
            Some(Ok(l)) => l,
            Some(Err(e)) => {
                self.warn(format!("contacts not reported: {e}"));
                return;
            }
        };
        let as_of = options.as_of.unwrap_or(study.info().reference_date);
        let cov = match study.contact_coverage(&loaded.value, &CoverageOptions::at(as_of)) {
            Ok(c) => c,
            Err(e) => {
                self.warn(format!("contact coverage not reported: {e}"));
                return;
            }
        };
        blocks.push(Block::Paragraph(format!(
            "{} {} {} {} {} ({}), {} {}.",
            lang.tr("Het overzicht van L&O-verantwoordelijken dekt", "The directory of L&O responsibles covers")
                .to_owned(),
            cov.overall.covered,
            lang.tr("van de", "of the").to_owned(),
            cov.overall.n,
            lang.tr("gemeenten", "municipalities").to_owned(),
            format_percent(100.0 * cov.overall.share, 0, lang),
            lang.tr(
                "met een actief contact dat in de laatste 12 maanden is geverifieerd, op",
                "with an active contact verified in the last 12 months, on"
            )
            .to_owned(),
            long_date(cov.as_of, lang)
        )));
        self.published_overview(&loaded.value, as_of);
        for group in &cov.by {
            let mut table = Table::new(
                format!(
                    "{} {}",
                    lang.tr("Dekking contactenoverzicht naar", "Directory coverage by").to_owned(),
                    group.by.label(self.lang).to_lowercase()
                ),
                vec![
                    Column::text(group.by.label(self.lang)),
                    Column::numeric(lang.tr("Gemeenten", "Municipalities").to_owned()),
                    Column::numeric(lang.tr("Met contact", "With contact").to_owned()),
                    Column::numeric(lang.tr("Dekking", "Coverage").to_owned()),
                ],
            );
            for c in &group.cells {
                if table
                    .push_row(vec![
                        Cell::text(c.label.clone()),
                        Cell::count(c.n as f64),
                        Cell::count(c.covered as f64),
                        Cell::percent(100.0 * c.share, 0),
                    ])
                    .is_err()
                {
                    continue;
                }
            }
            table.notes.other.push(
                lang.tr(
                    "Telling van de populatie (geen steekproef): geen betrouwbaarheidsinterval.",
                    "A count of the population (no sample): no interval.",
                )
                .to_owned(),
            );
            blocks.push(self.table(table));
        }
    }

    /// The published overview: contacts verified within the coverage window (12 months up to
    /// `as_of`), each with only the fields they consented to publish, and the share of
    /// municipalities with a listed contact per stratum.
    fn published_overview(&mut self, directory: &Directory, as_of: NaiveDate) {
        let study = self.study;
        let lang = self.lang;
        let start = as_of.checked_sub_months(chrono::Months::new(12));
        let fresh: Vec<Contact> =
            directory.iter().filter(|c| c.verified.is_some_and(|v| start.is_some_and(|s| v >= s))).cloned().collect();
        let listed: Vec<Contact> = fresh.iter().filter(|c| c.consent_publish.listed).cloned().collect();
        let (fresh, listed) = match (Directory::new(fresh), Directory::new(listed)) {
            (Ok(f), Ok(l)) => (f, l),
            (Err(e), _) | (_, Err(e)) => {
                self.warn(format!("published overview left out: {e}"));
                return;
            }
        };
        let overview = published_overview(&fresh, study.frame(), study.organisations());
        match overview.to_table(self.lang) {
            Ok(t) => self.report.overview.push(t),
            Err(e) => {
                self.warn(format!("published overview left out: {e}"));
                return;
            }
        }
        let cov = match study.contact_coverage(&listed, &CoverageOptions::at(as_of)) {
            Ok(c) => c,
            Err(e) => {
                self.warn(format!("completeness of the published overview left out: {e}"));
                return;
            }
        };
        for group in &cov.by {
            let mut table = Table::new(
                format!(
                    "{} {}",
                    lang.tr("Volledigheid van het overzicht naar", "Completeness of the overview by").to_owned(),
                    group.by.label(self.lang).to_lowercase()
                ),
                vec![
                    Column::text(group.by.label(self.lang)),
                    Column::numeric(lang.tr("Gemeenten", "Municipalities").to_owned()),
                    Column::numeric(lang.tr("Met vermelde contactpersoon", "With a listed contact").to_owned()),
                    Column::numeric(lang.tr("Volledigheid", "Completeness").to_owned()),
                ],
            );
            for c in &group.cells {
                let _ = table.push_row(vec![
                    Cell::text(c.label.clone()),
                    Cell::count(c.n as f64),
                    Cell::count(c.covered as f64),
                    Cell::percent(100.0 * c.share, 0),
                ]);
            }
            table.notes.other.push(match lang {
                Language::Nl => format!(
                    "Alleen contactpersonen die toestemming gaven voor vermelding en die in de 12 maanden tot {} zijn geverifieerd.",
                    long_date(as_of, lang)
                ),
                Language::En => format!(
                    "Only contacts who consented to be listed and were verified in the 12 months up to {}.",
                    long_date(as_of, lang)
                ),
            });
            self.report.overview.push(table);
        }
    }

    fn map_block(&mut self, blocks: &mut Vec<Block>, options: &ReportOptions) {
        let lang = self.lang;
        // The boundaries the crate carries unless the user gives a file.
        let (layer, own) = match &options.boundaries {
            Some(path) => (GeoLayer::read(path, None), true),
            None => (crate::report::charts::boundaries::municipalities(), false),
        };
        let layer = match layer {
            Ok(l) => l,
            Err(e) => {
                self.warn(format!("municipal map left out: {e}"));
                return;
            }
        };
        let overlay = match &options.province_boundaries {
            Some(p) => GeoLayer::read(p, Some("province")).ok(),
            None if !own => crate::report::charts::boundaries::provinces().ok(),
            None => None,
        };
        let study = self.study;
        let mut category: HashMap<MunicipalityCode, usize> = HashMap::new();
        let contacts = study.contacts.as_ref().and_then(|l| l.as_ref().ok()).and_then(|l| {
            study
                .contact_coverage(&l.value, &CoverageOptions::at(options.as_of.unwrap_or(study.info().reference_date)))
                .ok()
        });
        let gaps: std::collections::HashSet<MunicipalityCode> =
            contacts.as_ref().map(|c| c.gaps.iter().map(|g| g.code).collect()).unwrap_or_default();
        let responded = study.responding_municipalities();
        for m in study.frame().iter() {
            let c = if responded.contains(&m.code) {
                0
            } else if contacts.is_some() && !gaps.contains(&m.code) {
                1
            } else {
                2
            };
            category.insert(m.code, c);
        }
        let mut map_options = ChoroplethOptions::new(
            lang.tr("Wie vulde de vragenlijst in?", "Who completed the questionnaire?").to_owned(),
            vec![
                Category { label: lang.tr("Gereageerd", "Responded").to_owned(), colour: Some("#0072B2".into()) },
                Category {
                    label: lang.tr("Niet gereageerd, L&O-contact bekend", "No response, L&O contact known").to_owned(),
                    colour: Some("#E69F00".into()),
                },
                Category {
                    label: lang
                        .tr("Niet gereageerd, geen actueel contact", "No response, no current contact")
                        .to_owned(),
                    colour: Some("#D9D9D9".into()),
                },
            ],
        );
        map_options.source = Some(crate::report::charts::boundaries::attribution(lang).to_owned());
        match choropleth_svg(&layer, &category, &map_options, overlay.as_ref(), lang) {
            Ok(svg) => blocks.push(self.chart("kaart-respons.svg".into(), svg)),
            Err(e) => self.warn(format!("municipal map left out: {e}")),
        }
    }

    fn interview_blocks(&mut self, joint_item: Option<&str>) -> Result<Vec<Block>> {
        let study = self.study;
        let lang = self.lang;
        let mut blocks = Vec::new();
        let codings = match &study.codings {
            Ok(c) => c.as_ref(),
            Err(e) => {
                self.warn(format!("interviews not reported: {e}"));
                return Ok(blocks);
            }
        };
        let Some((codebook, codings)) = codings else {
            self.note(
                "no interviews in the report: the study names no codebook and codings (files.codebook, files.codings)"
                    .into(),
            );
            return Ok(blocks);
        };
        let freq = study.code_frequencies(codebook, codings, Merge::Union);
        let mut table = Table::new(
            lang.tr("Thema's en codes in de interviews", "Themes and codes in the interviews").to_owned(),
            vec![
                Column::text(lang.tr("Thema / code", "Theme / code").to_owned()),
                Column::numeric(lang.tr("Interviews", "Interviews").to_owned()),
                Column::numeric(lang.tr("% interviews", "% interviews").to_owned()),
                Column::numeric(lang.tr("Fragmenten", "Segments").to_owned()),
            ],
        );
        for r in &freq.rows {
            // The indent shows the depth up to 8 levels: deeper codes line up with the eighth,
            // so a hostile codebook cannot make each row (and the report) grow with its depth.
            let indent = "  ".repeat(r.depth.min(8));
            table.push_row(vec![
                Cell::text(format!("{indent}{}", r.label.get(self.lang))),
                Cell::count(r.interviews as f64),
                Cell::opt_percent(r.share_interviews.map(|s| 100.0 * s), 0),
                Cell::count(r.segments as f64),
            ])?;
        }
        table.notes.n = Some(freq.n_interviews as f64);
        table.notes.other.push(format!(
            "{} {}",
            freq.n_segments,
            lang.tr(
                "gecodeerde fragmenten; dubbel gecodeerde fragmenten tellen één keer (vereniging van de codes).",
                "coded segments; double-coded segments count once (union of the codes)."
            )
            .to_owned()
        ));
        blocks.push(self.table(table));

        if let Some(agreement) = study.intercoder_agreement(codebook, codings, Level::Code) {
            match agreement {
                Ok(ag) => {
                    let rows: Vec<(String, usize, f64, Option<f64>)> = ag
                        .per_code
                        .iter()
                        .filter(|c| c.both + c.only_first + c.only_second > 0)
                        .map(|c| {
                            let label = codebook
                                .get(&c.code)
                                .map_or_else(|| c.code.clone(), |code| code.label.get(self.lang).to_owned());
                            (label, c.n_segments, c.percent_agreement, c.kappa)
                        })
                        .collect();
                    let mut table = Table::new(
                        format!(
                            "{} ({} {} {})",
                            lang.tr("Overeenstemming tussen codeurs", "Intercoder agreement").to_owned(),
                            ag.coders[0],
                            lang.tr("en", "and").to_owned(),
                            ag.coders[1]
                        ),
                        vec![
                            Column::text(lang.tr("Code", "Code").to_owned()),
                            Column::numeric(lang.tr("Fragmenten", "Segments").to_owned()),
                            Column::numeric(lang.tr("% overeenstemming", "% agreement").to_owned()),
                            Column::numeric(lang.tr("Cohens kappa", "Cohen's kappa").to_owned()),
                        ],
                    );
                    for (label, n, pa, kappa) in rows {
                        table.push_row(vec![
                            Cell::text(label),
                            Cell::count(n as f64),
                            Cell::percent(100.0 * pa, 1),
                            Cell::opt_number(kappa, 2),
                        ])?;
                    }
                    if let Some(pa) = ag.percent_agreement {
                        table.push_total_row(vec![
                            Cell::text(lang.tr("Totaal (gepoold)", "Total (pooled)").to_owned()),
                            Cell::count(ag.n_segments as f64),
                            Cell::percent(100.0 * pa, 1),
                            Cell::opt_number(ag.kappa, 2),
                        ])?;
                    }
                    table.notes.method = Some(match lang {
                        Language::Nl => "Cohens kappa (1960) en het percentage overeenstemming, over de aan- of afwezigheid van elke code per fragment".to_owned(),
                        Language::En => ag.coefficient.clone(),
                    });
                    table.notes.other.push(format!(
                        "{} {}",
                        ag.n_interviews,
                        lang.tr("dubbel gecodeerde interviews.", "double-coded interviews.").to_owned()
                    ));
                    blocks.push(self.table(table));
                }
                Err(e) => self.warn(format!("intercoder agreement left out: {e}")),
            }
        }

        if let Some(item_id) = joint_item {
            let q = study
                .questionnaire()
                .ok_or_else(|| Error::InvalidArgument { name: "study", message: "no instrument".into() })?;
            let item = q.item(item_id).ok_or_else(|| Error::InvalidArgument {
                name: "report.joint_item",
                message: format!("unknown item {item_id:?} in study.toml [report]"),
            })?;
            let mut pseudo = Pseudonymiser::municipalities(study.frame(), study.default_stratification(), self.lang);
            if let Some(Ok(contacts)) = &study.contacts {
                pseudo = pseudo.with_contacts(
                    contacts.value.iter().map(|c| (c.name.as_str(), c.email.as_ref().map(|e| e.as_str()))),
                );
            }
            match study.joint_display(codebook, codings, &item.id, Level::Theme, Merge::Union, self.lang, &pseudo) {
                Ok(jd) => {
                    let mut columns =
                        vec![Column::text(lang.tr("Thema (interviews)", "Theme (interviews)").to_owned())];
                    for (c, n) in jd.categories.iter().zip(&jd.category_interviews) {
                        columns.push(Column::text(format!("{} ({} {})", c, n, lang.tr("int.", "int.").to_owned())));
                    }
                    let mut table = Table::new(
                        format!(
                            "{}: {} × {}",
                            lang.tr("Joint display", "Joint display").to_owned(),
                            lang.tr("interviewthema's", "interview themes").to_owned(),
                            item.short_label(self.lang)
                        ),
                        columns,
                    );
                    for ((label, cells), _) in jd.row_labels.iter().zip(&jd.cells).zip(&jd.rows) {
                        let mut row = vec![Cell::text(label.get(self.lang).to_owned())];
                        for cell in cells {
                            row.push(Cell::text(match &cell.quote {
                                Some(q) => format!("{} — “{}”", cell.interviews, q.text),
                                None => cell.interviews.to_string(),
                            }));
                        }
                        table.push_row(row)?;
                    }
                    table.notes.n = Some(jd.n_interviews as f64);
                    table.notes.other.push(lang.tr("Per cel: het aantal geïnterviewde gemeenten met dat antwoord dat het thema noemt, met een citaat. Gemeentenamen in citaten zijn vervangen door hun grootteklasse; namen, e-mailadressen en telefoonnummers door [naam], [e-mail] en [telefoon].",
                        "Per cell: the number of interviewed units with that answer that mention the theme, with a quote. Municipality names in quotes are replaced by their size class; names, e-mail addresses and phone numbers by [name], [e-mail] and [phone].",).to_owned());
                    if !jd.without_answer.is_empty() {
                        table.notes.other.push(format!(
                            "{} {}",
                            jd.without_answer.len(),
                            lang.tr(
                                "interviews zonder antwoord op de vragenlijst zijn niet opgenomen.",
                                "interviews without a questionnaire answer are left out."
                            )
                            .to_owned()
                        ));
                    }
                    blocks.push(self.table(table));
                }
                Err(e) => self.warn(format!("joint display left out: {e}")),
            }
        }
        Ok(blocks)
    }

    fn methods(&self, weighting: Option<&str>, ci: CiMethod, level: f64) -> Vec<Block> {
        let lang = self.lang;
        let study = self.study;
        let frame = study.frame();
        let n_units = self.units_total();
        let mut out = vec![
            Block::Paragraph(format!(
                "{} {} ({} {}), {} {} {}. {} {}",
                lang.tr("Populatie: alle", "Population: all").to_owned(),
                frame.len(),
                lang.tr("gemeenten van de indeling van", "municipalities of the division of").to_owned(),
                long_date(frame.reference_date(), lang),
                lang.tr("geteld als", "counted as").to_owned(),
                n_units,
                lang.tr("eenheden: elke werkorganisatie één keer en elke andere gemeente apart",
                    "units: every werkorganisatie once and every other municipality on its own").to_owned(),
                frame.source(),
                lang.tr("Eén respondent per eenheid; bij dubbele antwoorden telt het laatste volledige antwoord.",
                    "One respondent per unit; where a unit answered twice, the latest complete response counts.").to_owned()
            )),
            Block::Paragraph(format!(
                "{} {}",
                lang.tr("Weging:", "Weighting:").to_owned(),
                weighting.unwrap_or(lang.tr("geen", "none"))
            )),
            Block::Paragraph(format!(
                "{} {}%-{} {}; {} {}",
                lang.tr("Onzekerheid: ongewogen percentages krijgen een", "Uncertainty: unweighted percentages get a").to_owned(),
                format_count((100.0 * level).round(), lang),
                lang.tr("betrouwbaarheidsinterval volgens", "confidence interval by").to_owned(),
                ci.label(lang),
                lang.tr("met eindige-populatiecorrectie (1 − n/N). Die correctie behandelt de respondenten als een aselecte deelverzameling van de gemeenten (per stratum); non-respons is geen aselecte steekproef, dus de intervallen gelden alleen als het wel of niet antwoorden binnen een stratum losstaat van de antwoorden. Gewogen schattingen zijn domeinschattingen binnen het volledige gewogen design (de gewichten van alle respondenten; Taylor-linearisatie, gestratificeerd, met eindige-populatiecorrectie per stratum) met een logit-interval.",
                    "with the finite population correction (1 − n/N). That correction treats the respondents as a random subset of the municipalities (per stratum); nonresponse is not random sampling, so the intervals hold only if responding within a stratum is unrelated to the answers. Weighted estimates are domain estimates within the full weighted design (the weights of all respondents; Taylor linearization, stratified, with a finite population correction per stratum) with a logit interval.").to_owned(),
                lang.tr("Toetsen: chi-kwadraat (Pearson) en Cramér's V; bij kleine verwachte aantallen een exacte toets (Fisher bij 2×2, Fisher-Freeman-Halton met Monte Carlo, 10.000 trekkingen, bij grotere tabellen); gewogen tabellen met de Rao–Scott-correctie. Bij elke tabel staat welke toets is gebruikt. Met veel toetsen in één rapport is een deel van de 'significante' uitkomsten toeval; waar vermeld zijn p-waarden gecorrigeerd (Holm of Benjamini-Hochberg).",
                    "Tests: Pearson's chi-square and Cramér's V; with small expected counts an exact test (Fisher for 2×2, Fisher-Freeman-Halton by Monte Carlo, 10,000 draws, for larger tables); weighted tables with the Rao–Scott correction. Each table names the test used. With many tests in one report some 'significant' results are chance; where stated, p-values are adjusted (Holm or Benjamini-Hochberg).").to_owned()
            )),
            Block::Paragraph(lang.tr("Non-respons: wie niet antwoordde kan systematisch verschillen van wie wel antwoordde. Weging corrigeert alleen voor verschillen in de wegingskenmerken (bijvoorbeeld grootteklasse); de vergelijking van gewogen en ongewogen uitkomsten is een gevoeligheidsanalyse: liggen ze dicht bij elkaar, dan hangen de conclusies niet af van die kenmerken, wat niet bewijst dat er geen vertekening is. Gedeeltelijke antwoorden tellen mee voor de vragen die de respondent bereikte; vragen die hij niet bereikte vallen buiten de basis, zodat elke vraag een eigen basis (n) heeft.",
                "Nonresponse: those who did not answer may differ systematically from those who did. Weighting corrects only for differences in the weighting variables (e.g. size class); comparing weighted and unweighted results is a sensitivity check: when they are close, conclusions do not depend on those variables, which does not prove there is no bias. Partial responses count for the questions the respondent reached; questions not reached are outside the base, so each question has its own base (n).").to_owned()),
            Block::Paragraph(lang.tr("Ontbrekende antwoorden: wie een vraag door de routing niet kreeg, valt buiten de basis van die vraag; 'weet niet', 'n.v.t.' en 'wil ik niet zeggen' staan in de frequenties maar tellen niet mee in de geldige percentages; niet beantwoorde vragen evenmin.",
                "Missing answers: respondents not asked a question (routing) are outside its base; 'don't know', 'not applicable' and 'prefer not to say' are shown in frequencies but excluded from valid percentages, as are unanswered questions.",).to_owned()),
            Block::Paragraph(format!(
                "{} {} {}",
                lang.tr("Afscherming: in kruistabellen zijn cellen met 1 tot",
                    "Disclosure control: in crosstabs, cells with 1 to").to_owned(),
                self.suppress_below.saturating_sub(1),
                lang.tr("gemeenten afgeschermd (•), met zo nodig een tweede cel in dezelfde rij en kolom, zodat geen gemeente herkenbaar is. Namen, e-mailadressen en telefoonnummers van contactpersonen komen in geen enkele uitvoer voor.",
                    "municipalities suppressed (•), with a second cell in the same row and column where needed, so that no municipality can be singled out. Names, e-mail addresses and phone numbers of contacts appear in no output.").to_owned(),
            )),
        ];
        out.push(Block::Paragraph(format!(
            "{} lomonitor {}.",
            lang.tr("Gemaakt met", "Made with").to_owned(),
            env!("CARGO_PKG_VERSION")
        )));
        out
    }
}

/// A table wider than this many columns is laid out on a landscape page in print.
const WIDE_COLUMNS: usize = 7;

impl StudyReport {
    /// The report as one self-contained HTML page (charts inline, no scripts, no external files),
    /// rendered through the auto-escaping template (`report/templates/report.html`).
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] for a house style that fails [`ReportStyle::check`] or a
    /// team template that does not render.
    pub fn try_html(&self) -> Result<String> {
        let sections: Vec<SectionView> = self
            .sections
            .iter()
            .map(|sec| SectionView {
                id: sec.id.clone(),
                heading: sec.heading.clone(),
                blocks: sec
                    .blocks
                    .iter()
                    .filter_map(|block| match block {
                        Block::Heading(h) => Some(BlockView::text("heading", h)),
                        Block::Paragraph(p) => Some(BlockView::text("paragraph", p)),
                        Block::Table(i) => self.tables.get(*i).map(|t| {
                            BlockView::markup("table", html_table(t, self.lang), t.columns().len() > WIDE_COLUMNS)
                        }),
                        Block::Chart(i) => self.charts.get(*i).map(|(_, svg)| {
                            let body = svg
                                .strip_prefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
                                .unwrap_or(svg)
                                .trim_start();
                            BlockView::markup("chart", body.to_owned(), false)
                        }),
                    })
                    .collect(),
            })
            .collect();
        templates::report_page(&self.title, &self.subtitle, self.lang, &sections, &self.style, HTML_CSS)
    }

    /// [`StudyReport::try_html`], or with a bad house style or template the page made with the
    /// built-in template and style.
    pub fn html(&self) -> String {
        self.try_html().unwrap_or_else(|_| {
            let plain = StudyReport { style: ReportStyle::default(), ..self.clone() };
            plain.try_html().unwrap_or_default()
        })
    }

    /// The report log: the warnings (parts left out, and why) and the notes for the user of the
    /// tool, one a line.
    pub fn log_text(&self) -> String {
        let mut out = String::new();
        for w in &self.warnings {
            let _ = writeln!(out, "{}: {w}", self.lang.tr("waarschuwing", "warning"));
        }
        for n in &self.log {
            let _ = writeln!(out, "{}: {n}", self.lang.tr("opmerking", "note"));
        }
        out
    }

    /// Write the report into `dir`: `rapport.html`, `rapport.pdf` (with Chromium),
    /// `tabellen.xlsx` (the table book), `infographic.svg`, `infographic.html`, `grafieken/*.svg`,
    /// `rapport.docx`, `presentatie.pptx`, `figuren/*.png` and the report log `rapportlog.txt`
    /// (English names with an English report).
    ///
    /// The files are written into a temporary folder beside `dir` and moved into place at the
    /// end, so `dir` never holds files of two runs; temporary folders left by a killed run are
    /// removed. An existing `dir` is replaced only when it is empty or holds an earlier report
    /// (its report log or HTML page).
    ///
    /// # Errors
    /// [`Error::Io`] naming the file that could not be written; [`Error::InvalidArgument`] when
    /// `dir` is a folder with other files than an earlier report.
    pub fn write(&self, dir: &Path) -> Result<ReportFiles> {
        let (html, pdf, xlsx, charts, log) = match self.lang {
            Language::Nl => ("rapport.html", "rapport.pdf", "tabellen.xlsx", "grafieken", "rapportlog.txt"),
            Language::En => ("report.html", "report.pdf", "tables.xlsx", "charts", "report-log.txt"),
        };
        if dir.is_dir() {
            let empty = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?.next().is_none();
            // An earlier report: its log, or (written before the log existed) its HTML page.
            let earlier = ["rapportlog.txt", "report-log.txt", "rapport.html", "report.html"]
                .iter()
                .any(|f| dir.join(f).is_file());
            if !empty && !earlier {
                return Err(Error::InvalidArgument {
                    name: "out",
                    message: format!(
                        "{}: the folder holds other files than an earlier report; give a new or empty folder",
                        dir.display()
                    ),
                });
            }
        }
        let parent = match dir.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        std::fs::create_dir_all(&parent).map_err(|e| Error::io(&parent, e))?;
        let base = dir.file_name().map_or_else(|| "report".into(), |n| n.to_string_lossy().into_owned());
        let prefix_tmp = format!(".{base}.lomonitor-tmp-");
        let prefix_old = format!(".{base}.lomonitor-old-");
        if let Ok(entries) = std::fs::read_dir(&parent) {
            for e in entries.flatten() {
                let name = e.file_name().to_string_lossy().into_owned();
                if name.starts_with(&prefix_tmp) || name.starts_with(&prefix_old) {
                    let _ = std::fs::remove_dir_all(e.path());
                }
            }
        }
        let stamp = format!(
            "{}-{}",
            std::process::id(),
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos())
        );
        let stage = parent.join(format!("{prefix_tmp}{stamp}"));
        let result = self.write_into(&stage, html, pdf, xlsx, charts, log);
        let (wrote_pdf, warnings) = match result {
            Ok(p) => p,
            Err(e) => {
                let _ = std::fs::remove_dir_all(&stage);
                return Err(e);
            }
        };
        let old = parent.join(format!("{prefix_old}{stamp}"));
        if dir.exists() {
            std::fs::rename(dir, &old).map_err(|e| {
                let _ = std::fs::remove_dir_all(&stage);
                Error::io(dir, e)
            })?;
        }
        if let Err(e) = std::fs::rename(&stage, dir) {
            if old.exists() {
                let _ = std::fs::rename(&old, dir);
            }
            let _ = std::fs::remove_dir_all(&stage);
            return Err(Error::io(dir, e));
        }
        if old.exists() {
            let _ = std::fs::remove_dir_all(&old);
        }
        Ok(ReportFiles {
            html: dir.join(html),
            xlsx: dir.join(xlsx),
            infographic_svg: dir.join("infographic.svg"),
            infographic_html: dir.join("infographic.html"),
            charts: dir.join(charts),
            pdf: wrote_pdf.then(|| dir.join(pdf)),
            warnings,
            log: dir.join(log),
            overview: (!self.overview.is_empty()).then(|| {
                dir.join(match self.lang {
                    Language::Nl => "overzicht-lo-verantwoordelijken.html",
                    Language::En => "overview-ld-responsibles.html",
                })
            }),
        })
    }

    /// Write every file into `stage`; whether the PDF was made.
    fn write_into(
        &self,
        stage: &Path,
        html: &str,
        pdf: &str,
        xlsx: &str,
        charts: &str,
        log: &str,
    ) -> Result<(bool, Vec<String>)> {
        let charts_dir = stage.join(charts);
        std::fs::create_dir_all(&charts_dir).map_err(|e| Error::io(&charts_dir, e))?;
        let mut notes = Vec::new();
        let page = match self.try_html() {
            Ok(p) => p,
            Err(e) => {
                notes.push(format!("house style or template not used: {e}"));
                self.html()
            }
        };
        let html_path = stage.join(html);
        write_atomic(&html_path, |w| w.write_all(page.as_bytes()))?;
        let mut warnings = write_xlsx_book(&stage.join(xlsx), &self.tables, self.lang)?;
        write_atomic(&stage.join("infographic.svg"), |w| w.write_all(self.infographic.as_bytes()))?;
        let info_html = templates::infographic_page(&self.infographic, &self.title, self.lang)?;
        write_atomic(&stage.join("infographic.html"), |w| w.write_all(info_html.as_bytes()))?;
        for (name, svg) in &self.charts {
            write_atomic(&charts_dir.join(name), |w| w.write_all(svg.as_bytes()))?;
        }
        if !self.overview.is_empty() {
            let (name, title) = match self.lang {
                Language::Nl => ("overzicht-lo-verantwoordelijken", "Overzicht van L&O-verantwoordelijken"),
                Language::En => ("overview-ld-responsibles", "Overview of L&D responsibles"),
            };
            write_atomic(&stage.join(format!("{name}.html")), |w| {
                w.write_all(crate::report::render::html_page(title, &self.overview, self.lang).as_bytes())
            })?;
            if let Some(t) = self.overview.first() {
                crate::report::render::write_csv(
                    &stage.join(format!("{name}.csv")),
                    t,
                    self.lang,
                    crate::report::render::CsvLayout::Data,
                )?;
            }
        }
        let mut made_pdf = false;
        if self.pdf {
            match print_pdf(&html_path, &stage.join(pdf)) {
                Ok(()) => made_pdf = true,
                Err(e) => notes.push(format!("{pdf} not made: {e}")),
            }
        }
        warnings.extend(super::office::write_office(self, stage)?);
        let mut text = self.log_text();
        for w in &warnings {
            let _ = writeln!(text, "{}: {w}", self.lang.tr("waarschuwing", "warning"));
        }
        for n in notes {
            let _ = writeln!(text, "{}: {n}", self.lang.tr("opmerking", "note"));
        }
        write_atomic(&stage.join(log), |w| w.write_all(text.as_bytes()))?;
        Ok((made_pdf, warnings))
    }
}

/// The Chromium to print with: `LOMONITOR_CHROMIUM`, else `chromium`, `chromium-browser` or
/// `google-chrome` on the `PATH`.
fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("LOMONITOR_CHROMIUM") {
        let p = PathBuf::from(p);
        return p.is_file().then_some(p);
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).find_map(|dir| {
        ["chromium", "chromium-browser", "google-chrome"].iter().map(|n| dir.join(n)).find(|p| p.is_file())
    })
}

/// Print `html` to an A4 PDF at `out` with headless Chromium (the page's `@page` rules set the
/// size, margins and page numbers); at most two minutes.
fn print_pdf(html: &Path, out: &Path) -> std::result::Result<(), String> {
    use std::process::{Command, Stdio};
    let exe = chromium().ok_or("Chromium is not installed (apt-get install chromium)")?;
    let abs = |p: &Path| std::path::absolute(p).map_err(|e| format!("{}: {e}", p.display()));
    let (html, out) = (abs(html)?, abs(out)?);
    let profile = std::env::temp_dir().join(format!(
        "lomonitor-pdf-{}-{}",
        std::process::id(),
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos())
    ));
    let mut child = Command::new(&exe)
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", "--no-first-run"])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--print-to-pdf={}", out.display()))
        .arg(format!("file://{}", html.display()))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("{}: {e}", exe.display()))?;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    let status = loop {
        match child.try_wait() {
            Ok(Some(s)) => break Ok(s),
            Ok(None) if std::time::Instant::now() < deadline => {
                std::thread::sleep(std::time::Duration::from_millis(100))
            }
            Ok(None) => {
                let _ = child.kill();
                let _ = child.wait();
                break Err("Chromium did not finish within two minutes".to_owned());
            }
            Err(e) => break Err(e.to_string()),
        }
    };
    let _ = std::fs::remove_dir_all(&profile);
    let status = status?;
    let ok = std::fs::metadata(&out).map(|m| m.len() > 0).unwrap_or(false);
    if status.success() && ok { Ok(()) } else { Err(format!("Chromium ended with {status} and no PDF")) }
}
