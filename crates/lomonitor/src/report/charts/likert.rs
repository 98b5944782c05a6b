//! Diverging stacked bars for Likert items and scales.
//!
//! Each item is a bar of 100%: the disagreeing categories extend left of a centre line, the
//! agreeing ones right, and a neutral middle category is split half and half across the line
//! (Robbins & Heiberger 2011). The colours are Paul Tol's diverging BuRd scheme, red for
//! disagreement and blue for agreement, with a neutral grey.
//!
//! Reference: Robbins, N. B. & Heiberger, R. M. (2011). Plotting Likert and other rating scales.
//! *Proceedings of the 2011 Joint Statistical Meeting*, 1058–1066.

use super::svg::{Svg, check_values, dark_text_on, nice_step, text_width, wrap};
use crate::error::{Error, Result};
use crate::meta::Language;
use crate::stats::{FrequencyTable, LevelKind};
use crate::table::format::{format_count, format_percent};

/// One Likert item: its label and the counts (or sums of weights) per category, in the order of
/// [`LikertChart::categories`] (most negative first).
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct LikertItem {
    /// The item text.
    pub label: String,
    /// Counts per category.
    pub counts: Vec<f64>,
}

impl LikertItem {
    /// An item from a frequency table: the counts of its valid levels, in code order (missing
    /// levels such as "weet niet" are left out of the bar, as usual).
    pub fn from_frequency(label: impl Into<String>, t: &FrequencyTable) -> Self {
        Self {
            label: label.into(),
            counts: t.rows.iter().filter(|r| r.kind == LevelKind::Valid).map(|r| r.count).collect(),
        }
    }
}

/// A diverging stacked bar chart.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct LikertChart {
    /// The title.
    pub title: String,
    /// A subtitle (the question), also the accessible description.
    pub subtitle: Option<String>,
    /// Category labels, most negative first (e.g. "helemaal oneens" .. "helemaal eens"). With an
    /// odd number the middle one is neutral.
    pub categories: Vec<String>,
    /// The items, top to bottom.
    pub items: Vec<LikertItem>,
    /// A note under the chart.
    pub note: Option<String>,
}

/// The diverging colours for `k` categories (2 to 7), most negative first.
pub fn likert_colours(k: usize) -> Vec<&'static str> {
    const NEG: [&str; 3] = ["#B2182B", "#D6604D", "#F4A582"];
    const POS: [&str; 3] = ["#92C5DE", "#4393C3", "#2166AC"];
    let m = (k / 2).min(3);
    let mut out: Vec<&str> = NEG.iter().skip(3 - m).copied().collect();
    if k % 2 == 1 {
        out.push("#DDDDDD");
    }
    out.extend(POS.iter().take(m));
    out
}

const WIDTH: f64 = 800.0;
const BAR_H: f64 = 22.0;

/// Render a [`LikertChart`]. Percentages are of each item's total; segments wide enough show
/// their percentage (no decimals); the legend above the bars lists the categories in order; the
/// axis shows the distance from the centre line as a percentage on both sides; `n` per item is
/// printed right of the bars.
///
/// # Errors
/// [`Error::InvalidArgument`] when there are fewer than 2 or more than 7 categories, no items,
/// an item's counts do not match the categories, or a count is negative or not finite;
/// [`Error::TooFewObservations`] for an item with no answers.
pub fn likert_svg(chart: &LikertChart, lang: Language) -> Result<String> {
    let k = chart.categories.len();
    if !(2..=7).contains(&k) {
        return Err(Error::InvalidArgument {
            name: "categories",
            message: format!("a Likert chart needs 2 to 7 categories, got {k}"),
        });
    }
    if chart.items.is_empty() {
        return Err(Error::InvalidArgument { name: "items", message: "no items to draw".into() });
    }
    let mut shares: Vec<(f64, Vec<f64>)> = Vec::with_capacity(chart.items.len());
    for item in &chart.items {
        if item.counts.len() != k {
            return Err(Error::InvalidArgument {
                name: "items",
                message: format!("item {:?} has {} counts for {k} categories", item.label, item.counts.len()),
            });
        }
        check_values("items", &item.counts)?;
        if item.counts.iter().any(|c| *c < 0.0) {
            return Err(Error::InvalidArgument {
                name: "items",
                message: format!("item {:?} has a negative count", item.label),
            });
        }
        let total: f64 = item.counts.iter().sum();
        if total <= 0.0 {
            return Err(Error::TooFewObservations { what: "Likert item", min: 1, n: 0 });
        }
        shares.push((total, item.counts.iter().map(|c| 100.0 * c / total).collect()));
    }
    let m = k / 2;
    let neutral = k % 2 == 1;
    let left_of = |p: &[f64]| -> f64 {
        p.iter().take(m).sum::<f64>() + if neutral { p.get(m).copied().unwrap_or(0.0) / 2.0 } else { 0.0 }
    };
    let extent = shares.iter().map(|(_, p)| left_of(p).max(100.0 - left_of(p))).fold(0.0f64, f64::max);
    let step = nice_step(extent, 4.0);
    let half = ((extent / step).ceil() * step).clamp(step, 100.0);

    let label_w = chart.items.iter().map(|i| text_width(&i.label, 13.0)).fold(60.0f64, f64::max).min(240.0);
    let x0 = 16.0 + label_w + 12.0;
    let x1 = WIDTH - 80.0;
    let xc = (x0 + x1) / 2.0;
    let unit = (x1 - x0) / (2.0 * half);
    let colours = likert_colours(k);

    // Legend layout: swatches in rows.
    let mut legend: Vec<(f64, f64, usize)> = Vec::new();
    let (mut lx, mut ly) = (16.0, 0.0);
    for (i, c) in chart.categories.iter().enumerate() {
        let w = 18.0 + text_width(c, 12.0) + 18.0;
        if lx + w > WIDTH - 16.0 {
            lx = 16.0;
            ly += 20.0;
        }
        legend.push((lx, ly, i));
        lx += w;
    }
    let title_lines = wrap(&chart.title, 18.0, WIDTH - 32.0).len() as f64;
    let sub_lines = chart.subtitle.as_ref().map_or(0.0, |s| wrap(s, 13.0, WIDTH - 32.0).len() as f64);
    let legend_top = 28.0 + title_lines * 22.0 + sub_lines * 17.0 + 4.0;
    let plot_top = legend_top + ly + 34.0;
    let rows: Vec<Vec<String>> = chart.items.iter().map(|i| wrap(&i.label, 13.0, label_w)).collect();
    let rows_h: f64 = rows.iter().map(|l| (l.len() as f64 * 16.0).max(BAR_H) + 12.0).sum();
    let plot_bottom = plot_top + rows_h;
    let note_lines: Vec<String> = chart.note.iter().flat_map(|n| wrap(n, 11.0, WIDTH - 32.0)).collect();
    let height = plot_bottom + 44.0 + note_lines.len() as f64 * 15.0 + 12.0;

    let desc = chart.subtitle.clone().unwrap_or_else(|| chart.categories.join(" – "));
    let mut svg = Svg::new(WIDTH, height, &chart.title, &desc);
    svg.heading(16.0, &chart.title, chart.subtitle.as_deref(), WIDTH - 32.0);
    for (x, y, i) in &legend {
        let fill = colours.get(*i).copied().unwrap_or("#DDDDDD");
        let label = chart.categories.get(*i).map_or("", String::as_str);
        svg.rect(*x, legend_top + y, 14.0, 14.0, fill, " stroke=\"#888888\" stroke-width=\"0.5\"");
        svg.text(x + 19.0, legend_top + y + 11.5, 12.0, "start", "normal", "#222222", label);
    }
    // Grid.
    let mut t = 0.0;
    while t <= half + 1e-9 {
        for sign in [-1.0, 1.0] {
            if t == 0.0 && sign < 0.0 {
                continue;
            }
            let x = xc + sign * t * unit;
            svg.line(x, plot_top - 4.0, x, plot_bottom, "#E3E3E3", 1.0, "");
            svg.text(x, plot_bottom + 16.0, 11.0, "middle", "normal", "#444444", &format_percent(t, 0, lang));
        }
        t += step;
    }
    let mut y = plot_top;
    for (lines, (total, p)) in rows.iter().zip(&shares) {
        let row_h = (lines.len() as f64 * 16.0).max(BAR_H) + 12.0;
        let cy = y + row_h / 2.0;
        let first = cy - (lines.len() as f64 - 1.0) * 8.0 + 4.5;
        for (i, l) in lines.iter().enumerate() {
            svg.text(x0 - 10.0, first + i as f64 * 16.0, 13.0, "end", "normal", "#222222", l);
        }
        let mut x = xc - left_of(p) * unit;
        for (i, share) in p.iter().enumerate() {
            let w = share * unit;
            let fill = colours.get(i).copied().unwrap_or("#DDDDDD");
            let cat = chart.categories.get(i).map_or("", String::as_str);
            let tip = format!("<title>{}: {}</title>", super::svg::esc(cat), format_percent(*share, 1, lang));
            svg.raw(&format!(
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{fill}\">{tip}</rect>\n",
                super::svg::n(x),
                super::svg::n(cy - BAR_H / 2.0),
                super::svg::n(w),
                super::svg::n(BAR_H)
            ));
            let text = format_percent(*share, 0, lang);
            if w >= text_width(&text, 11.0) + 6.0 {
                let ink = if dark_text_on(fill) { "#111111" } else { "#FFFFFF" };
                svg.text(x + w / 2.0, cy + 4.0, 11.0, "middle", "normal", ink, &text);
            }
            x += w;
        }
        svg.text(
            x1 + 10.0,
            cy + 4.5,
            11.0,
            "start",
            "normal",
            "#555555",
            &format!("n = {}", format_count(*total, lang)),
        );
        y += row_h;
    }
    svg.line(xc, plot_top - 6.0, xc, plot_bottom + 2.0, "#222222", 1.5, "");
    let mut ny = plot_bottom + 40.0;
    for l in &note_lines {
        svg.text(16.0, ny, 11.0, "start", "normal", "#444444", l);
        ny += 15.0;
    }
    Ok(svg.finish())
}
