//! How items are named in files: the columns of lomonitor's wide response layout, used alike by
//! the import (which maps a header to its item) and every export (CSV, codebook, DDI, SPSS).

use crate::instrument::{Item, ItemKind, Questionnaire};

/// The respondent columns that come before the items in the wide layout.
pub const META_COLUMNS: [&str; 6] = ["respondent_id", "unit", "status", "started", "submitted", "instrument_version"];

/// The column names of the wide layout, in order.
pub fn column_names(q: &Questionnaire) -> Vec<String> {
    let mut names: Vec<String> = META_COLUMNS.map(String::from).to_vec();
    for item in &q.items {
        names.extend(item_columns(item));
    }
    names
}

/// The columns of one item in the wide layout.
pub fn item_columns(item: &Item) -> Vec<String> {
    let mut names = Vec::new();
    match &item.kind {
        ItemKind::Single { other, .. } => {
            names.push(item.id.clone());
            if other.is_some() {
                names.push(format!("{}_other", item.id));
            }
        }
        ItemKind::Multiple { options, other, .. } => {
            names.extend(options.iter().map(|o| format!("{}_{}", item.id, o.code)));
            if other.is_some() {
                names.push(format!("{}_other", item.id));
            }
            if !item.missing.is_empty() {
                names.push(format!("{}_missing", item.id));
            }
        }
        ItemKind::Ranking { options, .. } => {
            names.extend(options.iter().map(|o| format!("{}_{}", item.id, o.code)));
            if !item.missing.is_empty() {
                names.push(format!("{}_missing", item.id));
            }
        }
        _ => names.push(item.id.clone()),
    }
    names
}
