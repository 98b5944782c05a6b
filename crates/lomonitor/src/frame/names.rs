//! Matching municipality names the way people type them.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// The form under which names are compared: diacritics removed (`Súdwest-Fryslân` ->
/// `sudwest fryslan`), lower case, apostrophes of every form dropped (`'s-Hertogenbosch`,
/// `’s-Hertogenbosch` and `s-Hertogenbosch` agree), and every other character that is not a
/// letter or digit (hyphens, dots, brackets, commas) folded with white space into one space.
///
/// ```
/// use lomonitor::frame::normalize;
/// assert_eq!(normalize("’s-Hertogenbosch"), normalize("s Hertogenbosch"));
/// assert_eq!(normalize(" Súdwest-Fryslân "), "sudwest fryslan");
/// ```
pub fn normalize(name: &str) -> String {
    let folded: String = name
        .nfkd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .filter(|c| !matches!(c, '\'' | '\u{2018}' | '\u{2019}' | '`' | '\u{b4}' | '\u{2bc}'))
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The name without CBS's province suffix: `Bergen (NH.)` -> `Bergen`.
pub fn strip_cbs_suffix(name: &str) -> &str {
    let trimmed = name.trim_end();
    match (trimmed.rfind(" ("), trimmed.ends_with(')')) {
        (Some(i), true) => trimmed.get(..i).unwrap_or(trimmed),
        _ => trimmed,
    }
}

/// Names in everyday use that differ from the CBS name, with the CBS code they stand for.
pub(crate) const ALIASES: &[(&str, &str)] = &[
    ("Den Bosch", "GM0796"),
    ("Hertogenbosch", "GM0796"),
    ("Den Haag", "GM0518"),
    ("The Hague", "GM0518"),
    ("Nuenen", "GM0820"),
    ("Zuidwest-Friesland", "GM1900"),
    ("Noordoost-Friesland", "GM1970"),
    ("De Friese Meren", "GM1940"),
    ("Tietjerksteradeel", "GM0737"),
    ("Dantumadeel", "GM1891"),
    // abbreviations and nicknames as people write and say them (a quote must not identify the
    // municipality through them; `A'dam` keeps its apostrophe when quotes are pseudonymised)
    ("A'dam", "GM0363"),
    ("Mokum", "GM0363"),
    ("R'dam", "GM0599"),
    ("Dordt", "GM0505"),
    ("Ljouwert", "GM0080"),
    ("Alphen", "GM0484"),
    ("Capelle", "GM0502"),
    ("Leidschendam", "GM1916"),
    ("Voorburg", "GM1916"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds() {
        assert_eq!(normalize("'s-Hertogenbosch"), "s hertogenbosch");
        assert_eq!(normalize("s-Hertogenbosch"), "s hertogenbosch");
        assert_eq!(normalize("Nuenen, Gerwen en Nederwetten"), "nuenen gerwen en nederwetten");
        assert_eq!(normalize("Bergen (NH.)"), normalize("bergen nh"));
        assert_eq!(strip_cbs_suffix("Bergen (NH.)"), "Bergen");
        assert_eq!(strip_cbs_suffix("Amsterdam"), "Amsterdam");
    }
}
