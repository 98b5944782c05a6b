//! Horizontal bar charts: frequencies or proportions with confidence-interval whiskers, and the
//! response rate per stratum with a reference line for the overall rate.

use super::svg::{Svg, check_values, nice_step, text_width, wrap};
use crate::error::{Error, Result};
use crate::meta::Language;
use crate::report::table::SUPPRESSED_MARK;
use crate::stats::{FrequencyTable, LevelKind, ProportionEstimate, Representativeness};
use crate::table::format::{format_count, format_interval, format_percent};

/// One bar: a label, a value in percent (0–100), an optional interval and whether the value is
/// withheld by disclosure control.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct BarDatum {
    /// The label left of the bar.
    pub label: String,
    /// The value, in percent.
    pub value: f64,
    /// The confidence interval, in percent.
    pub interval: Option<(f64, f64)>,
    /// Whether the value is withheld: no bar, the suppression mark instead.
    pub suppressed: bool,
    /// Text after the value, e.g. `(12 van 27)`.
    pub annotation: Option<String>,
}

impl BarDatum {
    /// A bar without interval.
    pub fn new(label: impl Into<String>, value: f64) -> Self {
        Self { label: label.into(), value, interval: None, suppressed: false, annotation: None }
    }

    /// A bar from a proportion estimate: its percentage and interval.
    pub fn from_proportion(label: impl Into<String>, p: &ProportionEstimate) -> Self {
        Self {
            label: label.into(),
            value: p.estimate * 100.0,
            interval: Some((p.interval.lower * 100.0, p.interval.upper * 100.0)),
            suppressed: false,
            annotation: None,
        }
    }

    /// Bars of the valid percentages of a frequency table's valid levels, with `labels` one per
    /// level (missing levels are skipped).
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] when `labels` has not one label per level, or nothing is valid.
    pub fn from_frequency(t: &FrequencyTable, labels: &[&str]) -> Result<Vec<Self>> {
        if labels.len() != t.rows.len() {
            return Err(Error::InvalidArgument {
                name: "labels",
                message: format!("{} labels for {} levels", labels.len(), t.rows.len()),
            });
        }
        let bars: Vec<Self> = t
            .rows
            .iter()
            .zip(labels)
            .filter(|(r, _)| r.kind == LevelKind::Valid)
            .filter_map(|(r, l)| r.valid_percent.map(|v| Self::new(*l, v)))
            .collect();
        if bars.is_empty() {
            return Err(Error::TooFewObservations { what: "bar chart of a frequency table", min: 1, n: 0 });
        }
        Ok(bars)
    }
}

/// A horizontal bar chart of percentages.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct BarChart {
    /// The title.
    pub title: String,
    /// A subtitle (the question text, the base), also the accessible description.
    pub subtitle: Option<String>,
    /// The label of the value axis, e.g. `Percentage gemeenten`.
    pub axis_label: String,
    /// The bars, top to bottom.
    pub bars: Vec<BarDatum>,
    /// A vertical reference line `(value, label)`, e.g. the overall rate.
    pub reference: Option<(f64, String)>,
    /// A note under the chart (source, n).
    pub note: Option<String>,
    /// The bar colour (`#rrggbb`); default Okabe–Ito blue.
    pub colour: Option<String>,
    /// The confidence level of the intervals, for the note (e.g. 0.95).
    pub interval_level: f64,
}

impl BarChart {
    /// A chart with these bars, 95% intervals, no subtitle, reference line, note or colour.
    pub fn new(title: impl Into<String>, axis_label: impl Into<String>, bars: Vec<BarDatum>) -> Self {
        Self {
            title: title.into(),
            subtitle: None,
            axis_label: axis_label.into(),
            bars,
            reference: None,
            note: None,
            colour: None,
            interval_level: 0.95,
        }
    }
}

const WIDTH: f64 = 760.0;
const BAR_H: f64 = 20.0;
const LINE_H: f64 = 16.0;

/// Render a [`BarChart`]: one bar per datum with its value printed after the bar (or after the
/// whisker), whiskers for intervals, gridlines every 10–25%, an optional dashed reference line,
/// and a note explaining the whiskers and the suppression mark where used. The value axis runs
/// from 0 to 100% when any value exceeds 50%, else to a rounded maximum.
///
/// # Errors
/// [`Error::InvalidArgument`] when there are no bars, or a value or bound is not finite or
/// lies outside 0–100.
pub fn bar_chart_svg(chart: &BarChart, lang: Language) -> Result<String> {
    if chart.bars.is_empty() {
        return Err(Error::InvalidArgument { name: "bars", message: "no bars to draw".into() });
    }
    for b in &chart.bars {
        let mut vals = vec![b.value];
        if let Some((l, u)) = b.interval {
            vals.extend([l, u]);
        }
        check_values("bars", &vals)?;
        if vals.iter().any(|v| !(-1e-9..=100.0 + 1e-9).contains(v)) {
            return Err(Error::InvalidArgument {
                name: "bars",
                message: format!("bar {:?}: percentages must lie in 0–100", b.label),
            });
        }
    }
    if let Some((r, _)) = &chart.reference {
        check_values("reference", [r])?;
    }
    check_values("interval_level", [&chart.interval_level])?;
    let max_val = chart
        .bars
        .iter()
        .filter(|b| !b.suppressed)
        .map(|b| b.interval.map_or(b.value, |(_, u)| u.max(b.value)))
        .chain(chart.reference.as_ref().map(|r| r.0))
        .fold(0.0f64, f64::max);
    let axis_max = if max_val > 50.0 || max_val <= 0.0 {
        100.0
    } else {
        let step = nice_step(max_val, 5.0);
        ((max_val / step).ceil() * step).min(100.0)
    };
    let step = nice_step(axis_max, 5.0);

    let label_w = chart.bars.iter().map(|b| text_width(&b.label, 13.0)).fold(60.0f64, f64::max).min(250.0);
    let x0 = 16.0 + label_w + 12.0;
    let x1 = WIDTH - 150.0;
    let scale = |v: f64| x0 + (x1 - x0) * (v / axis_max).clamp(0.0, 1.0);
    let colour = chart.colour.clone().unwrap_or_else(|| "#0072B2".to_owned());

    let desc = chart.subtitle.clone().unwrap_or_else(|| chart.axis_label.clone());
    // Height: heading + rows + axis + note.
    let rows: Vec<Vec<String>> = chart.bars.iter().map(|b| wrap(&b.label, 13.0, label_w)).collect();
    let rows_h: f64 = rows.iter().map(|l| (l.len() as f64 * LINE_H).max(BAR_H) + 12.0).sum();
    let title_lines = wrap(&chart.title, 18.0, WIDTH - 32.0).len() as f64;
    let sub_lines = chart.subtitle.as_ref().map_or(0.0, |s| wrap(s, 13.0, WIDTH - 32.0).len() as f64);
    let top = 28.0 + title_lines * 22.0 + sub_lines * 17.0 + 8.0 + if chart.reference.is_some() { 18.0 } else { 0.0 };
    let has_interval = chart.bars.iter().any(|b| b.interval.is_some() && !b.suppressed);
    let has_suppressed = chart.bars.iter().any(|b| b.suppressed);
    let mut notes: Vec<String> = Vec::new();
    if has_interval {
        let level = format_percent(chart.interval_level * 100.0, 0, lang);
        notes.push(match lang {
            Language::Nl => format!("Lijntjes: {level}-betrouwbaarheidsinterval."),
            Language::En => format!("Whiskers: {level} confidence interval."),
        });
    }
    if has_suppressed {
        notes.push(match lang {
            Language::Nl => format!("{SUPPRESSED_MARK} niet getoond: te weinig waarnemingen."),
            Language::En => format!("{SUPPRESSED_MARK} not shown: too few observations."),
        });
    }
    if let Some(n) = &chart.note {
        notes.push(n.clone());
    }
    let note_lines: Vec<String> = notes.iter().flat_map(|n| wrap(n, 11.0, WIDTH - 32.0)).collect();
    let height = top + rows_h + 48.0 + note_lines.len() as f64 * 15.0 + 12.0;

    let mut svg = Svg::new(WIDTH, height, &chart.title, &desc);
    svg.heading(16.0, &chart.title, chart.subtitle.as_deref(), WIDTH - 32.0);
    let plot_top = top;
    let plot_bottom = top + rows_h;

    // Gridlines and tick labels.
    let mut t = 0.0;
    while t <= axis_max + 1e-9 {
        let x = scale(t);
        svg.line(x, plot_top - 4.0, x, plot_bottom, if t == 0.0 { "#555555" } else { "#E3E3E3" }, 1.0, "");
        svg.text(x, plot_bottom + 16.0, 11.0, "middle", "normal", "#444444", &format_percent(t, 0, lang));
        t += step;
    }
    svg.text((x0 + x1) / 2.0, plot_bottom + 34.0, 12.0, "middle", "normal", "#333333", &chart.axis_label);

    let mut y = plot_top;
    let mut labels: Vec<(f64, f64, String)> = Vec::new();
    for (b, lines) in chart.bars.iter().zip(&rows) {
        let row_h = (lines.len() as f64 * LINE_H).max(BAR_H) + 12.0;
        let cy = y + row_h / 2.0;
        let first_baseline = cy - (lines.len() as f64 - 1.0) * LINE_H / 2.0 + 4.5;
        for (i, l) in lines.iter().enumerate() {
            svg.text(x0 - 10.0, first_baseline + i as f64 * LINE_H, 13.0, "end", "normal", "#222222", l);
        }
        if b.suppressed {
            svg.text(x0 + 6.0, cy + 4.5, 13.0, "start", "normal", "#555555", SUPPRESSED_MARK);
        } else {
            let w = scale(b.value) - x0;
            svg.rect(x0, cy - BAR_H / 2.0, w, BAR_H, &colour, "");
            let mut end = scale(b.value);
            if let Some((l, u)) = b.interval {
                let (xl, xu) = (scale(l), scale(u));
                let whisker = format!(" aria-label=\"{}\"", super::svg::esc(&format_interval(l, u, 1, true, lang)));
                svg.line(xl, cy, xu, cy, "#222222", 1.5, &whisker);
                svg.line(xl, cy - 6.0, xl, cy + 6.0, "#222222", 1.5, "");
                svg.line(xu, cy - 6.0, xu, cy + 6.0, "#222222", 1.5, "");
                end = end.max(xu);
            }
            let mut label = format_percent(b.value, 1, lang);
            if let Some(a) = &b.annotation {
                label = format!("{label} {a}");
            }
            labels.push((end + 6.0, cy + 4.5, label));
        }
        y += row_h;
    }
    if let Some((r, label)) = &chart.reference {
        let x = scale(*r);
        svg.line(x, plot_top - 6.0, x, plot_bottom, "#D55E00", 2.0, " stroke-dasharray=\"6 4\"");
        let text = format!("{label}: {}", format_percent(*r, 1, lang));
        let anchor = if x > (x0 + x1) / 2.0 { "end" } else { "start" };
        let tx = if anchor == "end" { x - 4.0 } else { x + 4.0 };
        svg.text(tx, plot_top - 10.0, 12.0, anchor, "bold", "#A63E00", &text);
    }
    // Value labels last, with a white halo, so that a reference line never hides them.
    for (x, y, label) in &labels {
        svg.raw(&format!(
            "<text x=\"{}\" y=\"{}\" font-size=\"13\" font-weight=\"bold\" fill=\"#222222\" stroke=\"#FFFFFF\" stroke-width=\"3\" stroke-linejoin=\"round\" paint-order=\"stroke\">{}</text>\n",
            super::svg::n(*x),
            super::svg::n(*y),
            super::svg::esc(label)
        ));
    }
    let mut ny = plot_bottom + 56.0;
    for l in &note_lines {
        svg.text(16.0, ny, 11.0, "start", "normal", "#444444", l);
        ny += 15.0;
    }
    Ok(svg.finish())
}

/// The response rate per stratum as bars (`45,0% (12 van 27)`), with a dashed reference line
/// at the overall rate. `labels` names the strata in the order of `r.strata`.
///
/// # Errors
/// [`Error::InvalidArgument`] when `labels` does not have one label per stratum.
pub fn response_rate_svg(r: &Representativeness, labels: &[&str], title: &str, lang: Language) -> Result<String> {
    if labels.len() != r.strata.len() {
        return Err(Error::InvalidArgument {
            name: "labels",
            message: format!("{} labels for {} strata", labels.len(), r.strata.len()),
        });
    }
    let of = match lang {
        Language::Nl => "van",
        Language::En => "of",
    };
    let bars = r
        .strata
        .iter()
        .zip(labels)
        .filter(|(s, _)| s.population > 0)
        .map(|(s, l)| BarDatum {
            label: (*l).to_owned(),
            value: s.response_rate.unwrap_or(0.0) * 100.0,
            interval: None,
            suppressed: false,
            annotation: Some(format!(
                "({} {of} {})",
                format_count(s.respondents as f64, lang),
                format_count(s.population as f64, lang)
            )),
        })
        .collect();
    let (axis, total, sub) = match lang {
        Language::Nl => (
            "Respons (% van de eenheden)",
            "Totaal",
            format!(
                "{} van {} eenheden (gemeenten en werkorganisaties) deden mee",
                format_count(r.n as f64, lang),
                format_count(r.population as f64, lang)
            ),
        ),
        Language::En => (
            "Response rate (% of units)",
            "Overall",
            format!(
                "{} of {} units (municipalities and shared service organisations) responded",
                format_count(r.n as f64, lang),
                format_count(r.population as f64, lang)
            ),
        ),
    };
    bar_chart_svg(
        &BarChart {
            title: title.to_owned(),
            subtitle: Some(sub),
            axis_label: axis.to_owned(),
            bars,
            reference: Some((r.response_rate * 100.0, total.to_owned())),
            note: None,
            colour: Some("#56B4E9".to_owned()),
            interval_level: 0.95,
        },
        lang,
    )
}
