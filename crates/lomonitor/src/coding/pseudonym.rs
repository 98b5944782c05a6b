//! Pseudonymising quotes: municipality names, the contacts directory's people, and any e-mail
//! address or phone number replaced by neutral placeholders before a quote reaches any output.

use std::collections::HashMap;

use crate::frame::{ALIASES, Frame, Stratification, strip_cbs_suffix};
use crate::meta::Language;

/// Dutch surnames that are also everyday words (`Bakker` "baker", `de Boer` "farmer"): alone, they
/// are not replaced (the full name still is), so a sentence starting with "Bakker" or "Bos" keeps
/// its word. Compared in lower case.
const COMMON_WORD_SURNAMES: &[&str] = &[
    "bakker", "boer", "bos", "berg", "beek", "brouwer", "dam", "dekker", "dijk", "groot", "haan", "hoek", "jong",
    "kok", "koning", "kramer", "meer", "molenaar", "mulder", "post", "schaap", "smit", "stam", "veen", "visser", "vos",
    "water", "wit", "wolf", "zee", "graaf", "lange", "klein", "winter", "zomer", "bruin",
];

/// The fewest digits a run must hold to be taken for a phone number (Dutch numbers have 10).
const PHONE_MIN_DIGITS: usize = 9;
/// The most digits a phone-like run may hold (`0031 6 12345678` has 12, extensions aside).
const PHONE_MAX_DIGITS: usize = 13;

/// Replaces names in quotes before they reach any output.
///
/// Municipality names are found as the frame has them, without CBS's province suffix
/// (`Bergen (NH.)` -> `Bergen`), with hyphens or spaces (`Súdwest-Fryslân`, `Súdwest Fryslân`),
/// with any apostrophe form and the everyday forms (`'s-Hertogenbosch`, `’s-Hertogenbosch`,
/// `s-Hertogenbosch`, `Den Bosch`; `'s-Gravenhage`, `Den Haag`). A name matches as a whole word,
/// case-insensitively except that a name written with a capital must start with one in the quote
/// (so the town Best is replaced and the word "best" is not); the longest name wins
/// (`Bergen op Zoom` before `Bergen`). A municipality name is replaced by
/// `[gemeente, <stratum label>]` (`[municipality, ...]` in English); a name shared by
/// municipalities of different strata by `[gemeente]`. Note that province names equal to a
/// municipality's (Groningen, Utrecht) are replaced too: pseudonymisation errs on the safe side.
///
/// People's names do not belong in codings at all (interviewers and coders are initials, checked
/// on reading); names that slip into transcripts are replaced with
/// [`Pseudonymiser::with_contacts`] (every contact's name, e-mail address and phone number), and
/// villages or organisation names that would identify a municipality are listed with
/// [`Pseudonymiser::with_names`].
///
/// Whatever was added, [`Pseudonymiser::apply`] always replaces anything shaped like an e-mail
/// address by `[e-mail]` and any phone-like digit run by `[telefoon]` (`[phone]` in English),
/// directory or not: see [`Pseudonymiser::apply`] for the exact rules.
///
/// ```
/// use lomonitor::{Frame, SizeClasses, Stratification};
/// use lomonitor::coding::Pseudonymiser;
/// let frame = Frame::embedded();
/// let strata = Stratification::parse("size_class", SizeClasses::default())?;
/// let p = Pseudonymiser::municipalities(&frame, &strata, lomonitor::Language::Nl);
/// assert_eq!(p.apply("In Den Bosch doen we dat best anders."), "In [gemeente, ≥ 100.000] doen we dat best anders.");
/// # Ok::<(), lomonitor::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Pseudonymiser {
    /// (name as written, replacement), longest name first.
    patterns: Vec<(String, String)>,
    /// The language of the placeholders (`[telefoon]` in Dutch, `[phone]` in English).
    #[serde(default)]
    lang: Language,
}

impl Pseudonymiser {
    /// A pseudonymiser with no names (yet): quotes keep their words, but e-mail addresses and
    /// phone numbers are still replaced (in Dutch; see [`Pseudonymiser::apply`]).
    pub fn none() -> Self {
        Self::default()
    }

    /// Replace every municipality name of the frame by its stratum label.
    pub fn municipalities(frame: &Frame, stratification: &Stratification, lang: Language) -> Self {
        let labels: HashMap<String, String> = stratification
            .counts_with_labels(frame, lang)
            .into_iter()
            .map(|c| (c.stratum.key, c.stratum.label))
            .collect();
        let word = lang.tr("gemeente", "municipality");
        let mut by_name: HashMap<String, (String, String)> = HashMap::new(); // folded -> (written, replacement)
        let mut add = |name: &str, replacement: String| {
            let mut variants = vec![name.to_owned()];
            if name.contains('-') {
                variants.push(name.replace('-', " "));
            }
            if let Some(rest) = name.strip_prefix("'s-") {
                variants.push(format!("s-{rest}"));
                variants.push(format!("'s {rest}"));
            }
            for v in variants {
                let key = fold(&v);
                match by_name.get_mut(&key) {
                    Some(existing) if existing.1 != replacement => existing.1 = format!("[{word}]"),
                    Some(_) => {}
                    None => {
                        by_name.insert(key, (v, replacement.clone()));
                    }
                }
            }
        };
        let mut label_of = HashMap::new();
        for m in frame.iter() {
            let label = labels.get(&stratification.key_of(m)).cloned().unwrap_or_default();
            let replacement = format!("[{word}, {label}]");
            label_of.insert(m.code, replacement.clone());
            add(&m.name, replacement.clone());
            let short = strip_cbs_suffix(&m.name);
            if short != m.name {
                add(short, replacement);
            }
        }
        for (alias, code) in ALIASES {
            if let Ok(code) = crate::frame::MunicipalityCode::new(code)
                && let Some(r) = label_of.get(&code)
            {
                add(alias, r.clone());
            }
        }
        let mut patterns: Vec<(String, String)> = by_name.into_values().collect();
        sort(&mut patterns);
        Self { patterns, lang }
    }

    /// Also replace every contact of the directory: the full name and, when it is not an everyday
    /// word (a short list of everyday-word surnames), the surname alone (the name after the first given name,
    /// with and without its prefix: `Jan de Vries` -> `de Vries`, `De Vries`, `Vries`) by `[naam]`;
    /// the e-mail address by `[e-mail]`. Phone numbers need no list: every phone-like run is
    /// replaced (see [`Pseudonymiser::apply`]), which covers the directory's numbers in every
    /// spelling. Names match as words, a capitalised name only where the quote capitalises it.
    #[must_use]
    ///
    /// `people` gives each person's name and e-mail address (the contacts directory's, read by
    /// the study: the coding room does not read the contacts room itself).
    pub fn with_contacts<'p>(mut self, people: impl IntoIterator<Item = (&'p str, Option<&'p str>)>) -> Self {
        let name_label = self.lang.tr("[naam]", "[name]");
        for (name, email) in people {
            for n in name_variants(name) {
                self.patterns.push((n, name_label.to_owned()));
            }
            if let Some(e) = email {
                self.patterns.push((e.to_owned(), "[e-mail]".to_owned()));
            }
        }
        sort(&mut self.patterns);
        self.patterns.dedup();
        self
    }

    /// Also replace these names (people, villages, organisations) by `replacement`, e.g. `[naam]`.
    #[must_use]
    pub fn with_names<S: AsRef<str>>(mut self, names: &[S], replacement: &str) -> Self {
        for n in names {
            let n = n.as_ref().trim();
            if !n.is_empty() {
                self.patterns.push((n.to_owned(), replacement.to_owned()));
            }
        }
        sort(&mut self.patterns);
        self
    }

    /// The text with every listed name replaced, and every e-mail address and phone number.
    ///
    /// An e-mail address is a word of letters, digits and `._%+-` followed by `@` and a domain
    /// with a dot; it becomes `[e-mail]`. A phone number is a run that starts (as a word) with
    /// `0`, `+` or `(` and holds 9 to 13 digits with single separators (space, `-`, `.`, `/`,
    /// brackets) between them: `06-79 94 38 94`, `0679943894`, `+31 6 79943894`,
    /// `+31(0)6-79943894`, `0031 6 79943894`, `070-1406441`; it becomes `[telefoon]`
    /// (`[phone]`). Amounts like `20.000` or years like `2024` are too short to be taken.
    pub fn apply(&self, text: &str) -> String {
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let mut out = String::with_capacity(text.len());
        let phone_label = self.lang.tr("[telefoon]", "[phone]");
        let mut i = 0;
        while let Some(&(_, c)) = chars.get(i) {
            let at_word_start = i == 0 || chars.get(i - 1).is_none_or(|&(_, p)| !p.is_alphanumeric());
            let hit = if at_word_start {
                email_at(&chars, i)
                    .map(|len| (len, "[e-mail]"))
                    .or_else(|| {
                        self.patterns.iter().find_map(|(name, replacement)| {
                            matches_at(&chars, i, name).map(|len| (len, replacement.as_str()))
                        })
                    })
                    .or_else(|| phone_at(&chars, i).map(|len| (len, phone_label)))
            } else {
                None
            };
            match hit {
                Some((len, replacement)) => {
                    out.push_str(replacement);
                    i += len;
                }
                None => {
                    out.push(c);
                    i += 1;
                }
            }
        }
        out
    }
}

/// The full name and the surname forms of a contact's name (see [`Pseudonymiser::with_contacts`]).
fn name_variants(name: &str) -> Vec<String> {
    let words: Vec<&str> = name.split_whitespace().collect();
    let mut out = Vec::new();
    if words.is_empty() {
        return out;
    }
    out.push(words.join(" "));
    let surname_words = words.get(1..).unwrap_or_default();
    let mut push_surname = |s: String| {
        let bare = s.rsplit(' ').next().unwrap_or(&s).to_lowercase();
        if s.chars().count() >= 3 && !COMMON_WORD_SURNAMES.contains(&bare.as_str()) && !out.contains(&s) {
            out.push(s);
        }
    };
    if !surname_words.is_empty() {
        let with_prefix = surname_words.join(" ");
        let mut capitalised: Vec<char> = with_prefix.chars().collect();
        if let Some(first) = capitalised.first_mut() {
            *first = first.to_uppercase().next().unwrap_or(*first);
        }
        push_surname(with_prefix.clone());
        push_surname(capitalised.into_iter().collect());
        // the last word alone, unless the surname is one word (already added)
        if let Some(last) = surname_words.last()
            && surname_words.len() > 1
        {
            push_surname((*last).to_owned());
        }
    }
    out
}

/// The number of chars of an e-mail address at `chars[i..]`, if one starts there.
fn email_at(chars: &[(usize, char)], i: usize) -> Option<usize> {
    let local = |c: char| c.is_alphanumeric() || matches!(c, '.' | '_' | '%' | '+' | '-');
    let mut k = i;
    while chars.get(k).is_some_and(|&(_, c)| local(c)) {
        k += 1;
    }
    if k == i || chars.get(k).is_none_or(|&(_, c)| c != '@') {
        return None;
    }
    k += 1;
    let domain_start = k;
    let mut last_dot = None;
    while let Some(&(_, c)) = chars.get(k) {
        if c.is_alphanumeric() || c == '-' {
            k += 1;
        } else if c == '.' && chars.get(k + 1).is_some_and(|&(_, n)| n.is_alphanumeric()) {
            last_dot = Some(k);
            k += 1;
        } else {
            break;
        }
    }
    match last_dot {
        Some(d) if d > domain_start && k > d + 1 => Some(k - i),
        _ => None,
    }
}

/// The number of chars of a phone-like run at `chars[i..]`, if one starts there.
fn phone_at(chars: &[(usize, char)], i: usize) -> Option<usize> {
    let &(_, first) = chars.get(i)?;
    if !matches!(first, '0' | '+' | '(') {
        return None;
    }
    let mut k = i;
    let mut digits = 0;
    let mut end = i; // one past the last digit
    let mut separators_in_a_row = 0;
    while let Some(&(_, c)) = chars.get(k) {
        if c.is_ascii_digit() {
            digits += 1;
            separators_in_a_row = 0;
            end = k + 1;
        } else if c == '+' && k == i {
            separators_in_a_row = 0;
        } else if matches!(c, ' ' | '-' | '.' | '/' | '(' | ')' | '\u{a0}' | '\u{2013}') {
            separators_in_a_row += 1;
            // `+31 (0)6`: a space then a bracket is still one gap
            if separators_in_a_row > 2 {
                break;
            }
        } else {
            break;
        }
        if digits > PHONE_MAX_DIGITS {
            return None;
        }
        k += 1;
    }
    if digits < PHONE_MIN_DIGITS || chars.get(end).is_some_and(|&(_, c)| c.is_alphanumeric()) {
        return None;
    }
    // a trailing `)` that closes the run belongs to it only when the run opened one
    Some(end - i)
}

fn sort(patterns: &mut [(String, String)]) {
    patterns.sort_by(|a, b| b.0.chars().count().cmp(&a.0.chars().count()).then_with(|| a.0.cmp(&b.0)));
}

fn fold_char(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '`' | '\u{b4}' | '\u{2bc}' => '\'',
        _ => c.to_lowercase().next().unwrap_or(c),
    }
}

fn fold(s: &str) -> String {
    s.chars().map(fold_char).collect()
}

/// The number of chars of `name` matched at `chars[i..]`, when it matches as a whole word.
fn matches_at(chars: &[(usize, char)], i: usize, name: &str) -> Option<usize> {
    let mut n = 0;
    for (k, nc) in name.chars().enumerate() {
        let &(_, tc) = chars.get(i + k)?;
        if fold_char(tc) != fold_char(nc) {
            return None;
        }
        if k == 0 && nc.is_uppercase() && !tc.is_uppercase() {
            return None;
        }
        n += 1;
    }
    if chars.get(i + n).is_some_and(|&(_, c)| c.is_alphanumeric()) {
        return None;
    }
    Some(n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::frame::SizeClasses;

    #[test]
    fn replaces_names_not_words() {
        let f = Frame::embedded();
        let s = Stratification::parse("size_class", SizeClasses::default()).unwrap();
        let p = Pseudonymiser::municipalities(&f, &s, Language::Nl).with_names(&["Jansen"], "[naam]");
        assert_eq!(
            p.apply("Best is klein; het best werkt ’s-Hertogenbosch samen met Bergen op Zoom en mevrouw Jansen."),
            "[gemeente, 20.000–50.000] is klein; het best werkt [gemeente, ≥ 100.000] samen met [gemeente, 50.000–100.000] en mevrouw [naam]."
        );
        // Bergen: two municipalities (L. and NH.) in different strata? then the generic label
        let out = p.apply("Bergen");
        assert!(out.starts_with("[gemeente"), "{out}");
        assert_eq!(p.apply("Amsterdammers"), "Amsterdammers");
    }

    #[test]
    fn abbreviations_are_municipalities() {
        let f = Frame::embedded();
        let s = Stratification::parse("size_class", SizeClasses::default()).unwrap();
        let p = Pseudonymiser::municipalities(&f, &s, Language::Nl);
        for q in ["In A'dam gaat dat anders.", "In R’dam gaat dat anders.", "In Dordt gaat dat anders."] {
            let out = p.apply(q);
            assert!(out.starts_with("In [gemeente, "), "{q} -> {out}");
        }
        // the first name Adam is no abbreviation
        assert_eq!(p.apply("Adam zei het."), "Adam zei het.");
    }

    #[test]
    fn phone_spellings_and_emails_without_directory() {
        let p = Pseudonymiser::none();
        for phone in [
            "06-79 94 38 94",
            "0679943894",
            "06 79943894",
            "+31 6 79943894",
            "+31(0)6-79943894",
            "+31 (0)6 79 94 38 94",
            "0031 6 79943894",
            "070-1406441",
            "06.79.94.38.94",
        ] {
            assert_eq!(p.apply(&format!("Bel {phone}, graag.")), "Bel [telefoon], graag.", "{phone}");
        }
        assert_eq!(p.apply("Mail j.jansen@gemeente-x.example.nl."), "Mail [e-mail].");
        // numbers that are not phones stay
        for keep in ["Wij hebben 20.000 inwoners.", "In 2024 en 2025.", "Budget 1.250.000 euro.", "Code 12345678901."] {
            assert_eq!(p.apply(keep), keep);
        }
    }

    #[test]
    fn contact_names_full_and_surname() {
        let p = Pseudonymiser::none().with_contacts([("Jan de Vries", Some("j.devries@gemeente.nl"))]);
        assert_eq!(
            p.apply("Volgens De Vries (j.devries@gemeente.nl) werkt het."),
            "Volgens [naam] ([e-mail]) werkt het."
        );
        assert_eq!(name_variants("Jan de Vries"), ["Jan de Vries", "de Vries", "De Vries", "Vries"]);
        assert_eq!(name_variants("Piet Bakker"), ["Piet Bakker"]);
        assert_eq!(name_variants("Lieke Verzinkamp"), ["Lieke Verzinkamp", "Verzinkamp"]);
    }
}
