//! One table type that every statistical result becomes, and the converters that build it.
//!
//! A [`Table`] holds a title, columns (header label and alignment), rows of typed [`Cell`]s and
//! [`Notes`] (n, missing, method, suppression, free notes). Cells keep numbers as numbers (a
//! percentage is `12.5`, not `"12,5%"`), so each renderer formats them for its medium: text with
//! [`crate::table::format`] for CSV, Markdown and HTML, real numbers with a number format for
//! XLSX.
//!
//! The `stats` module knows numbers only; the converters here take the labels (value labels,
//! item texts, stratum names) as arguments. Suppressed cells (from
//! [`crate::stats::disclosure::Suppression`]) become [`Cell::Suppressed`], printed as
//! [`SUPPRESSED_MARK`] with a note, never as a silent blank.

use crate::error::{Error, Result};
use crate::meta::Language;
use crate::stats::{
    Agreement, CellStatus, Coefficient, Crosstab, Descriptives, FrequencyTable, LevelKind, MeasurementLevel,
    ProportionEstimate, Representativeness, ScaleReliability, Suppression,
};
use crate::table::format::{format_count, format_interval, format_number, format_p_value};
pub use crate::table::{Align, Cell, Column, Notes, Row, SUPPRESSED_MARK, Table};

// ---------------------------------------------------------------------------------------------
// Labels
// ---------------------------------------------------------------------------------------------

fn ci_label(level: f64, lang: Language) -> String {
    let pct = format_number(level * 100.0, if (level * 100.0).fract().abs() < 1e-9 { 0 } else { 1 }, lang);
    match lang {
        Language::Nl => format!("{pct}%-BI"),
        Language::En => format!("{pct}% CI"),
    }
}

/// The note explaining [`SUPPRESSED_MARK`] for a suppression pattern.
pub fn suppression_note(s: &Suppression, lang: Language) -> String {
    let t = s.rule.threshold;
    let mut text = match lang {
        Language::Nl => format!("{SUPPRESSED_MARK} aantal < {t}, niet getoond"),
        Language::En => format!("{SUPPRESSED_MARK} count < {t}, not shown"),
    };
    if s.rule.zero_is_disclosive {
        text.push_str(lang.tr(" (ook 0)", " (0 included)"));
    }
    if s.n_secondary > 0 || s.row_total_suppressed.iter().chain(&s.col_total_suppressed).any(|b| *b) {
        text.push_str(lang.tr(
            "; enkele andere waarden zijn ook weggelaten, zodat deze niet uit de totalen te herleiden zijn",
            "; some other values are withheld too, so that these cannot be derived from the totals",
        ));
    }
    text
}

fn check_labels(name: &'static str, labels: &[&str], expected: usize) -> Result<()> {
    if labels.len() == expected {
        Ok(())
    } else {
        Err(Error::InvalidArgument { name, message: format!("{} labels for {expected} levels", labels.len()) })
    }
}

fn check_suppression(s: &Suppression, rows: usize, cols: usize) -> Result<()> {
    if s.n_rows == rows && s.n_cols == cols && s.cells.len() == rows * cols {
        Ok(())
    } else {
        Err(Error::InvalidArgument {
            name: "suppression",
            message: format!("a {}x{} suppression pattern for a {rows}x{cols} table", s.n_rows, s.n_cols),
        })
    }
}

// ---------------------------------------------------------------------------------------------
// Converters
// ---------------------------------------------------------------------------------------------

/// A frequency table in the SPSS layout: answer, count, percentage, valid percentage, cumulative
/// valid percentage, and a total row.
///
/// `labels` holds one value label per level (in code order). `suppression`, when given, is the
/// pattern of [`crate::stats::suppress`] applied to the unweighted counts as an `n_levels x 1`
/// table; suppressed rows print [`SUPPRESSED_MARK`] in every numeric column, the total row too
/// when the pattern withholds the column total, and the cumulative column is left out when
/// anything is suppressed (a running sum would give away the withheld counts).
///
/// # Errors
/// [`Error::InvalidArgument`] when `labels` or `suppression` does not fit the table.
pub fn frequency_table(
    t: &FrequencyTable,
    title: &str,
    labels: &[&str],
    suppression: Option<&Suppression>,
    lang: Language,
) -> Result<Table> {
    check_labels("labels", labels, t.rows.len())?;
    if let Some(s) = suppression {
        check_suppression(s, t.rows.len(), 1)?;
    }
    let any_suppressed = suppression.is_some_and(|s| s.cells.iter().any(|c| *c != CellStatus::Published));
    let total_suppressed = suppression.is_some_and(|s| s.col_total_suppressed.first().copied().unwrap_or(false));
    let mut columns = vec![
        Column::text(lang.tr("Antwoord", "Answer")),
        Column::numeric(lang.tr("Aantal", "Count")),
        Column::numeric(lang.tr("Percentage", "Percent")),
        Column::numeric(lang.tr("Geldig percentage", "Valid percent")),
    ];
    if !any_suppressed {
        columns.push(Column::numeric(lang.tr("Cumulatief percentage", "Cumulative percent")));
    }
    let mut table = Table::new(title, columns);
    for (i, (row, label)) in t.rows.iter().zip(labels).enumerate() {
        let suppressed = suppression.is_some_and(|s| s.is_suppressed(i));
        let mut label = (*label).to_owned();
        if row.kind != LevelKind::Valid {
            label = format!("{label} ({})", lang.tr("ontbrekend", "missing"));
        }
        let mut cells = vec![Cell::text(label)];
        if suppressed {
            cells.extend([Cell::Suppressed, Cell::Suppressed, Cell::Suppressed]);
        } else {
            cells.push(Cell::count(row.count));
            cells.push(Cell::percent(row.percent, 1));
            cells.push(Cell::opt_percent(row.valid_percent, 1));
        }
        if !any_suppressed {
            cells.push(Cell::opt_percent(row.cumulative_valid_percent, 1));
        }
        table.push_row(cells)?;
    }
    let mut total = vec![Cell::text(lang.tr("Totaal", "Total"))];
    if total_suppressed {
        total.extend([Cell::Suppressed, Cell::Suppressed]);
    } else {
        total.extend([Cell::count(t.n_total), Cell::percent(100.0, 1)]);
    }
    total.push(if t.n_valid > 0.0 && !total_suppressed { Cell::percent(100.0, 1) } else { Cell::Empty });
    if !any_suppressed {
        total.push(Cell::Empty);
    }
    table.push_total_row(total)?;
    table.notes.n = Some(t.n_valid);
    table.notes.missing = Some(t.n_missing);
    if t.weighted {
        table.notes.other.push(
            lang.tr("Gewogen aantallen (som van de gewichten).", "Weighted counts (sums of weights).").to_owned(),
        );
    }
    if let Some(s) = suppression.filter(|_| any_suppressed || total_suppressed) {
        table.notes.suppression = Some(suppression_note(s, lang));
    }
    Ok(table)
}

/// The name of an interval method, for notes.
#[deprecated(since = "0.2.0", note = "use `CiMethod::label`")]
pub fn ci_method_name(m: crate::stats::CiMethod, lang: Language) -> &'static str {
    m.label(lang)
}

/// Proportions with their confidence intervals, one row per `(label, estimate)`: label, `x`,
/// `n`, percentage and interval (in percent).
///
/// # Errors
/// [`Error::InvalidArgument`] when `items` is empty or an estimate holds a non-finite number.
pub fn proportions_table(title: &str, items: &[(&str, &ProportionEstimate)], lang: Language) -> Result<Table> {
    let Some((_, first)) = items.first() else {
        return Err(Error::InvalidArgument { name: "items", message: "no proportions given".into() });
    };
    let mut table = Table::new(
        title,
        vec![
            Column::text(""),
            Column::numeric(lang.tr("Aantal", "Count")),
            Column::numeric("n"),
            Column::numeric("%"),
            Column::numeric(ci_label(first.interval.level, lang)),
        ],
    );
    let mut methods: Vec<&'static str> = Vec::new();
    let mut degenerate = false;
    for (label, p) in items {
        table.push_row(vec![
            Cell::text(*label),
            Cell::count(p.x as f64),
            Cell::count(p.n as f64),
            Cell::percent(p.estimate * 100.0, 1),
            Cell::interval(p.interval.lower * 100.0, p.interval.upper * 100.0, 1, true),
        ])?;
        let name = p.method.label(lang);
        if !methods.contains(&name) {
            methods.push(name);
        }
        degenerate |= p.degenerate;
    }
    let mut method = methods.join(", ");
    if let Some(n_pop) = first.population {
        method.push_str(&match lang {
            Language::Nl => format!("; met eindige-populatiecorrectie (N = {})", format_count(n_pop as f64, lang)),
            Language::En => format!("; with finite-population correction (N = {})", format_count(n_pop as f64, lang)),
        });
    }
    table.notes.method = Some(method);
    if degenerate {
        table.notes.other.push(
            lang.tr("Een interval van breedte nul betekent hier dat de methode niet werkt bij 0% of 100%, niet dat de waarde zeker is.",
                "A zero-width interval here means the method breaks down at 0% or 100%, not that the value is certain.",)
            .to_owned(),
        );
    }
    Ok(table)
}

/// Which percentage a crosstab shows in its cells.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CrosstabCells {
    /// Counts.
    Count,
    /// Row percentages (each row sums to 100%).
    RowPercent,
    /// Column percentages.
    ColumnPercent,
    /// Percentages of the grand total.
    TotalPercent,
}

/// A two-way table: one row per row level with the chosen cells and the row total (a count),
/// and a total row. Pearson's chi-square test and Cramér's V (or Fisher's exact test for a 2x2
/// table) go to the notes.
///
/// With a `suppression` pattern (from [`crate::stats::suppress`] on `ct.unweighted_counts`),
/// withheld cells and totals print [`SUPPRESSED_MARK`]. The percentages of the total row are
/// computed from the column totals.
///
/// # Errors
/// [`Error::InvalidArgument`] when the labels or the pattern do not fit the table.
pub fn crosstab_table(
    ct: &Crosstab,
    title: &str,
    row_labels: &[&str],
    col_labels: &[&str],
    cells: CrosstabCells,
    suppression: Option<&Suppression>,
    lang: Language,
) -> Result<Table> {
    check_labels("row_labels", row_labels, ct.n_rows)?;
    check_labels("col_labels", col_labels, ct.n_cols)?;
    if let Some(s) = suppression {
        check_suppression(s, ct.n_rows, ct.n_cols)?;
    }
    let mut columns = vec![Column::text("")];
    columns.extend(col_labels.iter().map(|l| Column::numeric(*l)));
    columns.push(Column::numeric(lang.tr("Totaal", "Total")));
    if cells != CrosstabCells::Count {
        columns.push(Column::numeric("n"));
    }
    let mut table = Table::new(title, columns);
    let value = |i: usize| -> Option<f64> {
        match cells {
            CrosstabCells::Count => ct.counts.get(i).copied(),
            CrosstabCells::RowPercent => ct.row_percent.get(i).copied().flatten(),
            CrosstabCells::ColumnPercent => ct.col_percent.get(i).copied().flatten(),
            CrosstabCells::TotalPercent => ct.total_percent.get(i).copied(),
        }
    };
    let make = |v: Option<f64>| match (cells, v) {
        (_, None) => Cell::Empty,
        (CrosstabCells::Count, Some(v)) => Cell::count(v),
        (_, Some(v)) => Cell::percent(v, 1),
    };
    let total = ct.total;
    for (r, label) in row_labels.iter().enumerate() {
        let mut row = vec![Cell::text(*label)];
        for c in 0..ct.n_cols {
            let i = r * ct.n_cols + c;
            row.push(if suppression.is_some_and(|s| s.is_suppressed(i)) { Cell::Suppressed } else { make(value(i)) });
        }
        let rt = ct.row_totals.get(r).copied().unwrap_or(0.0);
        let rt_suppressed = suppression.is_some_and(|s| s.row_total_suppressed.get(r).copied().unwrap_or(false));
        let rt_cell = match cells {
            CrosstabCells::Count => Cell::count(rt),
            CrosstabCells::RowPercent => {
                if rt > 0.0 {
                    Cell::percent(100.0, 1)
                } else {
                    Cell::Empty
                }
            }
            CrosstabCells::ColumnPercent | CrosstabCells::TotalPercent => {
                if total > 0.0 {
                    Cell::percent(100.0 * rt / total, 1)
                } else {
                    Cell::Empty
                }
            }
        };
        row.push(if rt_suppressed { Cell::Suppressed } else { rt_cell });
        if cells != CrosstabCells::Count {
            row.push(if rt_suppressed { Cell::Suppressed } else { Cell::count(rt) });
        }
        table.push_row(row)?;
    }
    let mut trow = vec![Cell::text(lang.tr("Totaal", "Total"))];
    for c in 0..ct.n_cols {
        let ctot = ct.col_totals.get(c).copied().unwrap_or(0.0);
        let withheld = suppression.is_some_and(|s| s.col_total_suppressed.get(c).copied().unwrap_or(false));
        trow.push(if withheld {
            Cell::Suppressed
        } else {
            match cells {
                CrosstabCells::Count => Cell::count(ctot),
                CrosstabCells::ColumnPercent => {
                    if ctot > 0.0 {
                        Cell::percent(100.0, 1)
                    } else {
                        Cell::Empty
                    }
                }
                CrosstabCells::RowPercent | CrosstabCells::TotalPercent => {
                    if total > 0.0 {
                        Cell::percent(100.0 * ctot / total, 1)
                    } else {
                        Cell::Empty
                    }
                }
            }
        });
    }
    trow.push(match cells {
        CrosstabCells::Count => Cell::count(total),
        _ => {
            if total > 0.0 {
                Cell::percent(100.0, 1)
            } else {
                Cell::Empty
            }
        }
    });
    if cells != CrosstabCells::Count {
        trow.push(Cell::count(total));
    }
    table.push_total_row(trow)?;

    table.notes.n = Some(ct.n as f64);
    if ct.weighted {
        table.notes.other.push(
            lang.tr("Gewogen percentages; n is het ongewogen aantal.", "Weighted percentages; n is unweighted.")
                .to_owned(),
        );
    }
    if let Some(chi) = &ct.chi_square {
        let v = format_number(chi.cramers_v, 2, lang);
        let stat = format_number(chi.statistic, 2, lang);
        let p = format_p_value(chi.p_value, lang);
        let p = if p.starts_with('<') { format!("p {p}") } else { format!("p = {p}") };
        let mut m = format!("Pearson χ²({}) = {stat}, {p}; Cramér's V = {v}", chi.df);
        if chi.small_expected_warning {
            m.push_str(lang.tr(
                " (verwachte aantallen < 5: toets met voorzichtigheid lezen)",
                " (expected counts < 5: read the test with caution)",
            ));
        }
        if let Some(f) = &ct.fisher {
            let fp = format_p_value(f.p_value, lang);
            let fp = if fp.starts_with('<') { format!("p {fp}") } else { format!("p = {fp}") };
            m.push_str(&format!("; Fisher {}: {fp}", lang.tr("exact", "exact")));
        }
        table.notes.method = Some(m);
    }
    if let Some(s) = suppression.filter(|_| table.has_suppressed()) {
        table.notes.suppression = Some(suppression_note(s, lang));
    }
    Ok(table)
}

/// Descriptive statistics, one row per `(label, descriptives)`: n, mean, SD, interval of the
/// mean, median, minimum, maximum, and the top-box percentage when any item has one.
///
/// # Errors
/// [`Error::InvalidArgument`] when `items` is empty or a statistic is not finite.
pub fn descriptives_table(title: &str, items: &[(&str, &Descriptives)], decimals: u8, lang: Language) -> Result<Table> {
    let Some((_, first)) = items.first() else {
        return Err(Error::InvalidArgument { name: "items", message: "no descriptives given".into() });
    };
    let level = first.ci.map_or(0.95, |c| c.level);
    let top_box = items.iter().any(|(_, d)| d.top_box_percent.is_some());
    let mut columns = vec![
        Column::text(""),
        Column::numeric("n"),
        Column::numeric(lang.tr("Gemiddelde", "Mean")),
        Column::numeric(lang.tr("SD", "SD")),
        Column::numeric(ci_label(level, lang)),
        Column::numeric(lang.tr("Mediaan", "Median")),
        Column::numeric("Min"),
        Column::numeric("Max"),
    ];
    if top_box {
        columns.push(Column::numeric(lang.tr("Top box", "Top box")));
    }
    let mut table = Table::new(title, columns);
    let mut missing = 0.0;
    for (label, d) in items {
        let mut row = vec![
            Cell::text(*label),
            Cell::count(d.n as f64),
            Cell::number(d.mean, decimals),
            Cell::opt_number(d.sd, decimals),
            d.ci.map_or(Cell::Empty, |c| Cell::interval(c.lower, c.upper, decimals, false)),
            Cell::number(d.median, decimals),
            Cell::number(d.min, decimals),
            Cell::number(d.max, decimals),
        ];
        if top_box {
            row.push(Cell::opt_percent(d.top_box_percent, 1));
        }
        table.push_row(row)?;
        missing += d.missing as f64;
    }
    if items.len() == 1 {
        table.notes.n = Some(first.n as f64);
    }
    table.notes.missing = Some(missing);
    let fpc = match first.population {
        Some(n) => match lang {
            Language::Nl => format!(", met eindige-populatiecorrectie (N = {})", format_count(n as f64, lang)),
            Language::En => format!(", with finite-population correction (N = {})", format_count(n as f64, lang)),
        },
        None => String::new(),
    };
    table.notes.method = Some(match lang {
        Language::Nl => format!("t-interval van het gemiddelde (df = n − 1){fpc}; SD met n − 1"),
        Language::En => format!("t interval of the mean (df = n − 1){fpc}; SD with n − 1"),
    });
    if items.iter().any(|(_, d)| d.weighted) {
        table.notes.other.push(lang.tr("Gewogen.", "Weighted.").to_owned());
    }
    Ok(table)
}

/// Item statistics of a scale: n, mean, SD, corrected item–total correlation and alpha if
/// deleted per item; Cronbach's alpha with its Feldt interval in the notes.
///
/// # Errors
/// [`Error::InvalidArgument`] when `item_labels` does not have one label per item.
pub fn reliability_table(r: &ScaleReliability, title: &str, item_labels: &[&str], lang: Language) -> Result<Table> {
    check_labels("item_labels", item_labels, r.items.len())?;
    let mut table = Table::new(
        title,
        vec![
            Column::text("Item"),
            Column::numeric("n"),
            Column::numeric(lang.tr("Gemiddelde", "Mean")),
            Column::numeric("SD"),
            Column::numeric(lang.tr("Item-restcorrelatie", "Item-rest correlation")),
            Column::numeric(lang.tr("α zonder item", "α if item deleted")),
        ],
    );
    for (item, label) in r.items.iter().zip(item_labels) {
        table.push_row(vec![
            Cell::text(*label),
            Cell::count(item.n as f64),
            Cell::number(item.mean, 2),
            Cell::number(item.sd, 2),
            Cell::opt_number(item.item_total_correlation, 2),
            Cell::opt_number(item.alpha_if_deleted, 2),
        ])?;
    }
    table.notes.n = Some(r.n as f64);
    table.notes.missing = Some(r.n_missing as f64);
    let alpha = format_number(r.alpha, 2, lang);
    let ci = format_interval(r.interval.lower, r.interval.upper, 2, false, lang);
    let mut line = format!("Cronbach's α = {alpha} ({} {ci}); k = {}", ci_label(r.interval.level, lang), r.k);
    if let Some(s) = r.standardized_alpha {
        line.push_str(&format!(
            "; {} α = {}",
            lang.tr("gestandaardiseerde", "standardized"),
            format_number(s, 2, lang)
        ));
    }
    if let Some(w) = r.weighted_alpha {
        line.push_str(&format!("; {} α = {}", lang.tr("gewogen", "weighted"), format_number(w, 2, lang)));
    }
    table.notes.other.push(line);
    table.notes.method = Some(r.method.clone());
    Ok(table)
}

/// The name of an agreement coefficient.
pub fn coefficient_name(c: Coefficient, lang: Language) -> String {
    match c {
        Coefficient::PercentAgreement => lang.tr("Percentage overeenstemming", "Percent agreement").to_owned(),
        Coefficient::CohenKappa => "Cohen's κ".to_owned(),
        Coefficient::FleissKappa => "Fleiss' κ".to_owned(),
        Coefficient::BrennanPrediger => "Brennan–Prediger".to_owned(),
        Coefficient::GwetAc1 => "Gwet's AC1".to_owned(),
        Coefficient::KrippendorffAlpha(level) => {
            let l = match level {
                MeasurementLevel::Nominal => lang.tr("nominaal", "nominal"),
                MeasurementLevel::Ordinal => lang.tr("ordinaal", "ordinal"),
                MeasurementLevel::Interval => "interval",
                MeasurementLevel::Ratio => lang.tr("ratio", "ratio"),
            };
            format!("Krippendorff's α ({l})")
        }
    }
}

/// Intercoder agreement, one row per `(label, agreement)`: coefficient, estimate, SE, interval,
/// observed agreement, units and coders.
///
/// # Errors
/// [`Error::InvalidArgument`] when `items` is empty or a value is not finite.
pub fn agreement_table(title: &str, items: &[(&str, &Agreement)], lang: Language) -> Result<Table> {
    let Some((_, first)) = items.first() else {
        return Err(Error::InvalidArgument { name: "items", message: "no agreement results given".into() });
    };
    let level = first.interval.map_or(0.95, |i| i.level);
    let mut table = Table::new(
        title,
        vec![
            Column::text(""),
            Column::text(lang.tr("Coëfficiënt", "Coefficient")),
            Column::numeric(lang.tr("Waarde", "Estimate")),
            Column::numeric("SE"),
            Column::numeric(ci_label(level, lang)),
            Column::numeric(lang.tr("Overeenstemming", "Observed agreement")),
            Column::numeric(lang.tr("Eenheden", "Units")),
            Column::numeric(lang.tr("Codeurs", "Coders")),
        ],
    );
    let mut methods = Vec::new();
    for (label, a) in items {
        table.push_row(vec![
            Cell::text(*label),
            Cell::text(coefficient_name(a.coefficient, lang)),
            Cell::number(a.estimate, 2),
            Cell::opt_number(a.se, 3),
            a.interval.map_or(Cell::Empty, |i| Cell::interval(i.lower, i.upper, 2, false)),
            Cell::percent(a.observed_agreement * 100.0, 1),
            Cell::count(a.n_units as f64),
            Cell::count(a.n_coders as f64),
        ])?;
        if !methods.contains(&a.method) {
            methods.push(a.method.clone());
        }
    }
    table.notes.method = Some(methods.join("; "));
    Ok(table)
}

/// Response per stratum: population `N_h`, respondents `n_h`, response rate, expected
/// respondents and representation ratio, a total row, and the goodness-of-fit test in the notes.
///
/// # Errors
/// [`Error::InvalidArgument`] when `stratum_labels` does not have one label per stratum.
pub fn representativeness_table(
    r: &Representativeness,
    title: &str,
    stratum_labels: &[&str],
    lang: Language,
) -> Result<Table> {
    check_labels("stratum_labels", stratum_labels, r.strata.len())?;
    let mut table = Table::new(
        title,
        vec![
            Column::text(lang.tr("Stratum", "Stratum")),
            Column::numeric(lang.tr("Populatie (N)", "Population (N)")),
            Column::numeric(lang.tr("Respondenten (n)", "Respondents (n)")),
            Column::numeric(lang.tr("Respons", "Response rate")),
            Column::numeric(lang.tr("Verwacht", "Expected")),
            Column::numeric(lang.tr("Representatie-ratio", "Representation ratio")),
        ],
    );
    for (s, label) in r.strata.iter().zip(stratum_labels) {
        table.push_row(vec![
            Cell::text(*label),
            Cell::count(s.population as f64),
            Cell::count(s.respondents as f64),
            Cell::opt_percent(s.response_rate.map(|x| x * 100.0), 1),
            Cell::number(s.expected, 1),
            Cell::opt_number(s.representation_ratio, 2),
        ])?;
    }
    table.push_total_row(vec![
        Cell::text(lang.tr("Totaal", "Total")),
        Cell::count(r.population as f64),
        Cell::count(r.n as f64),
        Cell::percent(r.response_rate * 100.0, 1),
        Cell::number(r.n as f64, 1),
        Cell::number(1.0, 2),
    ])?;
    table.notes.n = Some(r.n as f64);
    if let Some(g) = &r.goodness_of_fit {
        let p = format_p_value(g.p_value, lang);
        let p = if p.starts_with('<') { format!("p {p}") } else { format!("p = {p}") };
        let mut m = format!(
            "{} χ²({}) = {}, {p}",
            lang.tr("Aanpassingstoets", "Goodness of fit"),
            g.df,
            format_number(g.statistic, 2, lang)
        );
        if g.small_expected_warning {
            let one = g.n_expected_below_5 == 1;
            m.push_str(&match lang {
                Language::Nl => format!(
                    " ({} {} met verwacht aantal < 5)",
                    g.n_expected_below_5,
                    if one { "stratum" } else { "strata" }
                ),
                Language::En => format!(
                    " ({} {} with expected count < 5)",
                    g.n_expected_below_5,
                    if one { "stratum" } else { "strata" }
                ),
            });
        }
        table.notes.method = Some(m);
    }
    table.notes.other.push(
        lang.tr(
            "Representatie-ratio = aandeel in de respons / aandeel in de populatie (1 = evenredig).",
            "Representation ratio = share among respondents / share in the population (1 = proportional).",
        )
        .to_owned(),
    );
    Ok(table)
}
