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
use crate::analysis::{AnalysisOptions, ItemFrequencies, ItemProportions, Weighting};
use crate::coding::{Level, Merge, Pseudonymiser};
use crate::contacts::{CoverageOptions, coverage};
use crate::error::{Error, Result};
use crate::frame::{MunicipalityCode, Province, StratumVar};
use crate::instrument::ItemKind;
use crate::io::write_atomic;
use crate::meta::Language;
use crate::report::charts::{
    BarChart, BarDatum, Category, ChoroplethOptions, GeoLayer, Infographic, KeyFigure, LikertChart, LikertItem,
    TileMap, ValueFormat, bar_chart_svg, choropleth_svg, infographic_html, infographic_svg, likert_svg,
    province_tile_map_svg, response_rate_svg,
};
use crate::report::render::{HTML_CSS, html_escape, html_table};
use crate::report::table::{
    Cell, Column, CrosstabCells, Table, crosstab_table, descriptives_table, reliability_table, representativeness_table,
};
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
}

impl ReportOptions {
    /// Labels in `lang`, no map, coverage at the study's reference date.
    pub fn new(lang: Language) -> Self {
        Self { lang, boundaries: None, province_boundaries: None, as_of: None }
    }

    /// The study's language, no map.
    pub fn for_study(info: &crate::meta::StudyInfo) -> Self {
        Self::new(info.language)
    }
}

/// A block of a report section.
#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    /// A paragraph of text.
    Paragraph(String),
    /// A table (index into [`StudyReport::tables`]).
    Table(usize),
    /// A chart (index into [`StudyReport::charts`]).
    Chart(usize),
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
    /// Warnings of the files written (a text cut to Excel's cell limit, a chart left out of the
    /// PNG, Word and PowerPoint files).
    pub warnings: Vec<String>,
}

struct Builder<'a> {
    study: &'a ReportInput<'a>,
    lang: Language,
    english: bool,
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
    let english = lang == Language::En;
    let ci = config.ci.as_deref().map(str::parse::<CiMethod>).transpose()?.unwrap_or(CiMethod::Wilson);
    let level = config.level.unwrap_or(0.95);
    let weighting: Weighting = match &config.weighting {
        Some(w) => w.parse()?,
        None => Weighting::PostStratify(study.default_stratification().spec()),
    };
    let unweighted = AnalysisOptions { weighting: Weighting::None, level, ci, english };
    let weighted = AnalysisOptions { weighting: weighting.clone(), ..unweighted.clone() };
    let info = study.info();
    let subtitle = [
        info.institution.clone(),
        info.commissioned_by
            .as_ref()
            .map(|c| format!("{} {c}", lang.tr("in opdracht van", "commissioned by").to_owned())),
        Some(format!("{} {}", lang.tr("peildatum", "reference date").to_owned(), info.reference_date)),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" · ");
    let title = if english { info.title_en.clone().unwrap_or_else(|| info.title.clone()) } else { info.title.clone() };
    let mut b = Builder {
        study,
        lang,
        english,
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
        },
    };
    let weights = study.weights(&weighting)?;

    // 1. Summary and infographic.
    let mut key_figures = Vec::new();
    let mut summary = vec![Block::Paragraph(format!(
        "{} {} {} {} ({}).",
        format_count(n_responses as f64, lang),
        lang.tr("van de", "of the").to_owned(),
        format_count(b.units_total() as f64, lang),
        lang.tr(
            "gemeenten en werkorganisaties namen deel aan de vragenlijst",
            "municipalities and shared service organisations took part in the questionnaire"
        )
        .to_owned(),
        format_percent(100.0 * n_responses as f64 / b.units_total().max(1) as f64, 0, lang)
    ))];
    key_figures.push(KeyFigure {
        value: 100.0 * n_responses as f64 / b.units_total().max(1) as f64,
        format: ValueFormat::Percent(0),
        caption: lang.tr("respons", "response").to_owned(),
    });
    for spec in &config.key_figures {
        let share = b.key_share(spec)?;
        let caption = if english {
            spec.caption_en.clone().unwrap_or_else(|| spec.caption.clone())
        } else {
            spec.caption.clone()
        };
        summary.push(Block::Paragraph(format!(
            "{} {caption} ({}).",
            format_percent(share, 0, lang),
            lang.tr("gewogen", "weighted").to_owned()
        )));
        key_figures.push(KeyFigure { value: share, format: ValueFormat::Percent(0), caption });
    }
    b.report.sections.push(Section {
        heading: lang.tr("Samenvatting", "Summary").to_owned(),
        id: "samenvatting".into(),
        blocks: summary,
    });

    // 2. Response and representativeness.
    let mut blocks = Vec::new();
    let mut breakdowns: Vec<StratumVar> = study.breakdowns().to_vec();
    if breakdowns.is_empty() {
        breakdowns.push(StratumVar::SizeClass);
    }
    let mut province_rates: Vec<(Province, Option<f64>)> = Vec::new();
    for var in &breakdowns {
        let rr = study.response_rates(var.key(), english)?;
        let labels: Vec<&str> = rr.labels.iter().map(String::as_str).collect();
        let title =
            format!("{} {}", lang.tr("Respons naar", "Response by").to_owned(), var.label(english).to_lowercase());
        let table = representativeness_table(&rr.result, &title, &labels, lang)?;
        blocks.push(b.table(table));
        let svg = response_rate_svg(&rr.result, &labels, &title, lang)?;
        blocks.push(b.chart(format!("respons-{}.svg", var.key()), svg));
        if *var == StratumVar::Province {
            province_rates = province_rates_of(&rr);
        }
    }
    if province_rates.is_empty() {
        province_rates = province_rates_of(&study.response_rates("province", english)?);
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
                "Aandeel gemeenten en werkorganisaties dat de vragenlijst invulde.",
                "Share of units that completed the questionnaire.",
            )
            .to_owned(),
        ),
    };
    blocks.push(b.chart("respons-provincies.svg".into(), province_tile_map_svg(&tile, lang)?));
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
        b.item_blocks(&item.id, &mut blocks)?;
    }
    b.report.sections.push(Section {
        heading: lang.tr("Resultaten per vraag", "Results per question").to_owned(),
        id: "vragen".into(),
        blocks,
    });

    // 4. Crosstabs.
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
            let ct = study.crosstab(&item.id, var.key(), &b.unweighted, Some(b.suppress_below))?;
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
    b.report.sections.push(Section {
        heading: lang.tr("Uitsplitsingen", "Breakdowns").to_owned(),
        id: "uitsplitsingen".into(),
        blocks,
    });

    // 5. Scales.
    let mut blocks = Vec::new();
    for scale in &q.scales {
        let s = study.scale(&scale.id, &b.unweighted, Missing::Listwise)?;
        let labels: Vec<String> = s.items.iter().map(|i| i.label.clone()).collect();
        let label_refs: Vec<&str> = labels.iter().map(String::as_str).collect();
        let title = format!("{}: {}", lang.tr("Betrouwbaarheid", "Reliability").to_owned(), s.label);
        let mut table = reliability_table(&s.reliability, &title, &label_refs, lang)?;
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
        for iid in &s.item_ids {
            let f = study.frequencies(iid, &b.weighted)?;
            if categories.is_empty() {
                categories = f
                    .rows
                    .iter()
                    .filter(|r| r.code.is_some() && r.valid_percent.is_some())
                    .map(|r| r.label.clone())
                    .collect();
            }
            let counts = f.rows.iter().filter(|r| r.valid_percent.is_some()).map(|r| r.count).collect();
            items.push(LikertItem { label: f.question.clone(), counts });
        }
        let chart = LikertChart {
            title: s.label.clone(),
            subtitle: None,
            categories,
            items,
            note: Some(format!(
                "{} ({})",
                lang.tr("Gewogen percentages van de geldige antwoorden", "Weighted percentages of the valid answers")
                    .to_owned(),
                b.weighted.weighting
            )),
        };
        blocks.push(b.chart(format!("schaal-{}.svg", s.id), likert_svg(&chart, lang)?));
    }
    b.report.sections.push(Section { heading: lang.tr("Schalen", "Scales").to_owned(), id: "schalen".into(), blocks });

    // 6. Interviews.
    let blocks = b.interview_blocks(config.joint_item.as_deref())?;
    b.report.sections.push(Section {
        heading: lang.tr("Interviews", "Interviews").to_owned(),
        id: "interviews".into(),
        blocks,
    });

    // 7. Methods.
    let methods = b.methods(weights.as_ref().map(|w| w.description.as_str()), ci, level);
    b.report.sections.push(Section {
        heading: lang.tr("Verantwoording", "Methods").to_owned(),
        id: "verantwoording".into(),
        blocks: methods,
    });

    // The infographic.
    let mut themes = Vec::new();
    let themes_title;
    if let Some(item) = &config.themes_now {
        let m = study.multiple(item, &b.weighted)?;
        let mut list: Vec<(String, f64)> =
            m.option_labels.iter().zip(&m.table.options).map(|(l, o)| (l.clone(), o.percent_of_respondents)).collect();
        list.sort_by(|a, b| b.1.total_cmp(&a.1));
        themes = list.into_iter().take(6).collect();
        themes_title = lang.tr("Belangrijkste thema's nu", "Most important themes now").to_owned();
    } else {
        themes_title = String::new();
    }
    let mut footer = format!(
        "{}: {} (n = {}). {}",
        lang.tr("Bron", "Source").to_owned(),
        b.report.title,
        n_responses,
        lang.tr(
            "Gewogen naar gemeentegrootte; populatie: CBS, gemeentelijke indeling.",
            "Weighted to the frame; population: CBS municipal register."
        )
        .to_owned()
    );
    if let Some(item) = &config.themes_future {
        let r = study.ranking(item, &b.weighted)?;
        if let Some((label, opt)) =
            r.option_labels.iter().zip(&r.table.options).max_by(|a, b| a.1.percent_top_k.total_cmp(&b.1.percent_top_k))
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
    let info_page = Infographic {
        title: b.report.title.clone(),
        subtitle: Some(b.report.subtitle.clone()),
        key_figures: key_figures.into_iter().take(8).collect(),
        themes_title,
        themes,
        map: Some(tile),
        footer: Some(footer),
    };
    b.report.infographic = infographic_svg(&info_page, lang)?;
    Ok(b.report)
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
        let heading = format!("{} — {}", item.short_label(self.english), item.text.get(self.english));
        blocks.push(Block::Paragraph(format!("<h3>{}</h3>", html_escape(&heading))));
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
                            annotation: Some(format!("n = {}", o.count)),
                        })
                        .collect();
                    let mut chart = BarChart::new(
                        item.short_label(self.english),
                        lang.tr("Percentage (gewogen)", "Percentage (weighted)").to_owned(),
                        bars,
                    );
                    chart.subtitle = Some(item.text.get(self.english).to_owned());
                    chart.interval_level = pw.level;
                    chart.note = Some(format!("n = {}; {}", pw.n, pw.method));
                    blocks.push(self.chart(format!("vraag-{id}.svg"), bar_chart_svg(&chart, lang)?));
                } else if let Err(e) = pw {
                    self.warn(format!("{id}: no weighted proportions ({e})"));
                }
            }
            ItemKind::Multiple { .. } => {
                let mu = study.multiple(id, &self.unweighted)?;
                let pw = study.proportions(id, &self.weighted);
                let mut table = Table::new(
                    item.short_label(self.english),
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
                    let bars = pw
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
                    let mut chart = BarChart::new(
                        item.short_label(self.english),
                        lang.tr("Percentage respondenten (gewogen)", "Percentage of respondents (weighted)").to_owned(),
                        bars,
                    );
                    chart.subtitle = Some(item.text.get(self.english).to_owned());
                    chart.note = Some(format!(
                        "n = {}; {}",
                        pw.n,
                        lang.tr("meerdere antwoorden mogelijk", "several answers possible").to_owned()
                    ));
                    blocks.push(self.chart(format!("vraag-{id}.svg"), bar_chart_svg(&chart, lang)?));
                }
            }
            ItemKind::Ranking { top, .. } => {
                let r = study.ranking(id, &self.weighted)?;
                let mut table = Table::new(
                    item.short_label(self.english),
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
                table.notes.method = r.weighting.clone();
                blocks.push(self.table(table));
            }
            ItemKind::Numeric { unit, .. } => {
                let du = study.describe(id, &self.unweighted)?;
                let dw = study.describe(id, &self.weighted)?;
                let mut table = descriptives_table(
                    &format!(
                        "{}{}",
                        item.short_label(self.english),
                        unit.as_ref().map_or(String::new(), |u| format!(" ({u})"))
                    ),
                    &[
                        (lang.tr("ongewogen", "unweighted").to_owned().as_str(), &du.stats),
                        (lang.tr("gewogen", "weighted").to_owned().as_str(), &dw.stats),
                    ],
                    1,
                    lang,
                )?;
                table.notes.other.push(format!(
                    "{}: {}",
                    lang.tr("niet gesteld", "not asked").to_owned(),
                    du.n_not_asked
                ));
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
            if row.code.is_none() && row.unweighted_count == 0 {
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
        let cov = match coverage(
            study.frame(),
            study.organisations(),
            study.size_classes(),
            &loaded.value,
            &CoverageOptions::at(as_of),
        ) {
            Ok(c) => c,
            Err(e) => {
                self.warn(format!("contact coverage not reported: {e}"));
                return;
            }
        };
        blocks.push(Block::Paragraph(format!(
            "{} {} {} {} ({}), {} {}.",
            lang.tr("Het overzicht van L&O-verantwoordelijken dekt", "The directory of L&O responsibles covers")
                .to_owned(),
            cov.overall.covered,
            lang.tr("van de", "of the").to_owned(),
            cov.overall.n,
            format_percent(100.0 * cov.overall.share, 0, lang),
            lang.tr(
                "met een actief contact dat in de laatste 12 maanden is geverifieerd, op",
                "with an active contact verified in the last 12 months, on"
            )
            .to_owned(),
            cov.as_of
        )));
        for group in &cov.by {
            let mut table = Table::new(
                format!(
                    "{} {}",
                    lang.tr("Dekking contactenoverzicht naar", "Directory coverage by").to_owned(),
                    group.by.label(self.english).to_lowercase()
                ),
                vec![
                    Column::text(group.by.label(self.english)),
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
            coverage(
                study.frame(),
                study.organisations(),
                study.size_classes(),
                &l.value,
                &CoverageOptions::at(options.as_of.unwrap_or(study.info().reference_date)),
            )
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
            blocks.push(Block::Paragraph(
                lang.tr("De studie noemt geen gecodeerde interviews.", "The study names no coded interviews.")
                    .to_owned(),
            ));
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
                Cell::text(format!("{indent}{}", r.label.get(self.english))),
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
                                .map_or_else(|| c.code.clone(), |code| code.label.get(self.english).to_owned());
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
                            Column::numeric("Cohen's kappa"),
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
                    table.notes.method = Some(ag.coefficient.clone());
                    table.notes.other.push(format!(
                        "{} {} {}",
                        ag.n_interviews,
                        lang.tr("dubbel gecodeerde interviews", "double-coded interviews").to_owned(),
                        ""
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
            let mut pseudo = Pseudonymiser::municipalities(study.frame(), study.default_stratification(), self.english);
            if let Some(Ok(contacts)) = &study.contacts {
                pseudo = pseudo.with_contacts(
                    contacts.value.iter().map(|c| (c.name.as_str(), c.email.as_ref().map(|e| e.as_str()))),
                );
            }
            match study.joint_display(codebook, codings, &item.id, Level::Theme, Merge::Union, self.english, &pseudo) {
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
                            item.short_label(self.english)
                        ),
                        columns,
                    );
                    for ((label, cells), _) in jd.row_labels.iter().zip(&jd.cells).zip(&jd.rows) {
                        let mut row = vec![Cell::text(label.get(self.english).to_owned())];
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
                frame.reference_date(),
                lang.tr("geteld als", "counted as").to_owned(),
                n_units,
                lang.tr("eenheden: elke werkorganisatie één keer en elke andere gemeente apart",
                    "units: every werkorganisatie once and every other municipality on its own").to_owned(),
                html_escape(frame.source()),
                lang.tr("Eén respondent per eenheid; bij dubbele antwoorden telt het laatste volledige antwoord.",
                    "One respondent per unit; where a unit answered twice, the latest complete response counts.").to_owned()
            )),
            Block::Paragraph(format!(
                "{} {}",
                lang.tr("Weging:", "Weighting:").to_owned(),
                html_escape(weighting.unwrap_or(lang.tr("geen", "none")))
            )),
            Block::Paragraph(format!(
                "{} {}%-{} {}; {} {}",
                lang.tr("Onzekerheid: ongewogen percentages krijgen een", "Uncertainty: unweighted percentages get a").to_owned(),
                format_count((100.0 * level).round(), lang),
                lang.tr("betrouwbaarheidsinterval volgens", "confidence interval by").to_owned(),
                crate::report::table::ci_method_name(ci, lang),
                lang.tr("met eindige-populatiecorrectie (1 − n/N), omdat de populatie eindig is en een groot deel ervan antwoordde. Gewogen schattingen gebruiken design-based standaardfouten (Taylor-linearisatie, gestratificeerd, met eindige-populatiecorrectie per stratum) en een logit-interval.",
                    "with the finite population correction (1 − n/N), because the population is finite and a large part of it answered. Weighted estimates use design-based standard errors (Taylor linearization, stratified, with a finite population correction per stratum) and a logit interval.").to_owned(),
                lang.tr("Toetsen: chi-kwadraat (Pearson), Cramér's V, Fisher (2×2); gewogen tabellen met de Rao–Scott-correctie.",
                    "Tests: Pearson's chi-square, Cramér's V, Fisher (2×2); weighted tables with the Rao–Scott correction.").to_owned()
            )),
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

impl StudyReport {
    /// The report as one self-contained HTML page (charts inline, no scripts, no external files).
    pub fn html(&self) -> String {
        let lang_code = match self.lang {
            Language::Nl => "nl",
            Language::En => "en",
        };
        let mut s = format!(
            "<!DOCTYPE html>\n<html lang=\"{lang_code}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{title}</title>\n<style>\nbody{{max-width:62rem;margin:2rem auto;padding:0 1rem;font-family:system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,sans-serif;color:#111;line-height:1.45}}\nh1{{font-size:1.9rem;margin-bottom:0.2em}} .lm-subtitle{{color:#444;margin-top:0}}\nh2{{border-bottom:2px solid #0072B2;padding-bottom:0.2em;margin-top:2.5em}} h3{{margin-top:2em}}\nnav ol{{columns:2}} figure{{margin:1.5em 0}} figure svg{{max-width:100%;height:auto}}\n{css}</style>\n</head>\n<body>\n<header><h1>{title}</h1><p class=\"lm-subtitle\">{subtitle}</p></header>\n<nav><h2>{toc}</h2><ol>",
            title = html_escape(&self.title),
            subtitle = html_escape(&self.subtitle),
            css = HTML_CSS,
            toc = self.lang.tr("Inhoud", "Contents").to_owned(),
        );
        for sec in &self.sections {
            let _ = write!(s, "<li><a href=\"#{}\">{}</a></li>", sec.id, html_escape(&sec.heading));
        }
        s.push_str("</ol></nav>\n");
        for sec in &self.sections {
            let _ = write!(s, "<section id=\"{}\">\n<h2>{}</h2>\n", sec.id, html_escape(&sec.heading));
            for block in &sec.blocks {
                match block {
                    Block::Paragraph(p) if p.starts_with("<h3>") => s.push_str(p),
                    Block::Paragraph(p) => {
                        let _ = writeln!(s, "<p>{p}</p>");
                    }
                    Block::Table(i) => {
                        if let Some(table) = self.tables.get(*i) {
                            s.push_str(&html_table(table, self.lang));
                        }
                    }
                    Block::Chart(i) => {
                        if let Some((_, svg)) = self.charts.get(*i) {
                            let body = svg
                                .strip_prefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
                                .unwrap_or(svg)
                                .trim_start();
                            let _ = writeln!(s, "<figure>{body}</figure>");
                        }
                    }
                }
            }
            s.push_str("</section>\n");
        }
        s.push_str("</body>\n</html>\n");
        s
    }

    /// Write the report into `dir`: `rapport.html`, `tabellen.xlsx`, `infographic.svg`,
    /// `infographic.html` and `grafieken/*.svg`, and with the feature `report` also
    /// `rapport.docx`, `presentatie.pptx` and `figuren/*.png` (English names with an English
    /// report).
    ///
    /// # Errors
    /// [`Error::Io`] naming the file that could not be written.
    pub fn write(&self, dir: &Path) -> Result<ReportFiles> {
        let (html, xlsx, charts) = match self.lang {
            Language::Nl => ("rapport.html", "tabellen.xlsx", "grafieken"),
            Language::En => ("report.html", "tables.xlsx", "charts"),
        };
        let charts_dir = dir.join(charts);
        std::fs::create_dir_all(&charts_dir).map_err(|e| Error::io(&charts_dir, e))?;
        let files = ReportFiles {
            html: dir.join(html),
            xlsx: dir.join(xlsx),
            infographic_svg: dir.join("infographic.svg"),
            infographic_html: dir.join("infographic.html"),
            charts: charts_dir.clone(),
            warnings: Vec::new(),
        };
        let page = self.html();
        write_atomic(&files.html, |w| w.write_all(page.as_bytes()))?;
        let xlsx_warnings = write_xlsx_book(&files.xlsx, &self.tables, self.lang)?;
        write_atomic(&files.infographic_svg, |w| w.write_all(self.infographic.as_bytes()))?;
        let info_html = infographic_html(&self.infographic, &self.title, self.lang);
        write_atomic(&files.infographic_html, |w| w.write_all(info_html.as_bytes()))?;
        for (name, svg) in &self.charts {
            write_atomic(&charts_dir.join(name), |w| w.write_all(svg.as_bytes()))?;
        }
        #[cfg_attr(not(feature = "report"), allow(unused_mut))]
        let mut files = ReportFiles { warnings: xlsx_warnings, ..files };
        #[cfg(feature = "report")]
        files.warnings.extend(super::office::write_office(self, dir)?);
        Ok(files)
    }
}
