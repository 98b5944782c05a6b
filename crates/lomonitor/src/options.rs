//! The one vocabulary of named options: how an option enum (an interval method, a missing-data
//! policy, an import dialect, ...) is written as text, in the API, in `study.toml` and in Python.
//!
//! Each option enum gets its names from one `named_options!` invocation beside its definition:
//! an exhaustive `match` from variant to canonical name (so a new variant does not compile until
//! it has a name), `ALL`/`CHOICES` in the same order, [`std::fmt::Display`] (the canonical name)
//! and [`std::str::FromStr`] (the canonical name or an alias). Parsing ignores case and surrounding
//! space, and treats `-`, `_` and a space as the same character: `"Clopper_Pearson"` is
//! `clopper-pearson`. Imports nothing of the domain.

use std::fmt;
use std::str::FromStr;

use crate::error::Error;

/// An option enum that users name by text.
pub trait OptionName: Copy + fmt::Display + FromStr<Err = Error> + 'static {
    /// What the option is called in messages (`"interval method"`).
    const WHAT: &'static str;
    /// The canonical names, in the order the choices are listed.
    const CHOICES: &'static [&'static str];
    /// The canonical name of this value (what [`fmt::Display`] writes).
    fn canonical(self) -> &'static str;
}

/// Whether `given` names `name`: case-insensitive, trimmed, `-`, `_` and space alike.
pub fn same_name(given: &str, name: &str) -> bool {
    let norm = |c: char| match c {
        '_' | ' ' => '-',
        c => c.to_ascii_lowercase(),
    };
    given.trim().chars().map(norm).eq(name.chars().map(norm))
}

/// The choices quoted and comma-separated: `"wald", "wilson"`.
pub fn quoted(choices: &[&str]) -> String {
    choices.iter().map(|c| format!("{c:?}")).collect::<Vec<_>>().join(", ")
}

/// The error for an unknown name of an option.
pub fn unknown(what: &str, arg: &'static str, given: &str, choices: &[&str]) -> Error {
    Error::InvalidArgument {
        name: arg,
        message: format!("unknown {what} {given:?}; expected one of {}", quoted(choices)),
    }
}

/// Implements the names of an option enum: `ALL`, `CHOICES`, `name()`, `Display`, `FromStr` and
/// [`OptionName`]. `arg` names the argument in the error of `FromStr`; `what` the option.
macro_rules! named_options {
    (
        $ty:ident, arg = $arg:literal, what = $what:literal,
        { $( $var:ident => $name:literal $(| $alias:literal)* ),+ $(,)? }
    ) => {
        impl $ty {
            /// Every value, in the order of [`Self::CHOICES`].
            pub const ALL: &'static [$ty] = &[$($ty::$var),+];
            /// The canonical names, as [`std::fmt::Display`] writes them.
            pub const CHOICES: &'static [&'static str] = &[$($name),+];

            /// The canonical name.
            pub fn name(self) -> &'static str {
                match self {
                    $($ty::$var => $name),+
                }
            }
        }

        impl ::std::fmt::Display for $ty {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.name())
            }
        }

        impl ::std::str::FromStr for $ty {
            type Err = $crate::error::Error;

            /// A canonical name or an alias (case-insensitive; `-`, `_` and space alike).
            fn from_str(s: &str) -> $crate::error::Result<Self> {
                $(
                    if $crate::options::same_name(s, $name) $(|| $crate::options::same_name(s, $alias))* {
                        return Ok($ty::$var);
                    }
                )+
                Err($crate::options::unknown($what, $arg, s, Self::CHOICES))
            }
        }

        impl $crate::options::OptionName for $ty {
            const WHAT: &'static str = $what;
            const CHOICES: &'static [&'static str] = <$ty>::CHOICES;
            fn canonical(self) -> &'static str {
                self.name()
            }
        }
    };
}
pub(crate) use named_options;

impl OptionName for crate::meta::Language {
    const WHAT: &'static str = "language";
    const CHOICES: &'static [&'static str] = &["nl", "en"];
    fn canonical(self) -> &'static str {
        self.code()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::meta::Language;
    use crate::stats::CiMethod;

    #[test]
    fn names_round_trip_and_aliases_parse() {
        for m in CiMethod::ALL {
            assert_eq!(m.to_string().parse::<CiMethod>().ok(), Some(*m));
        }
        assert_eq!("Clopper_Pearson".parse::<CiMethod>().ok(), Some(CiMethod::ClopperPearson));
        assert_eq!(" exact ".parse::<CiMethod>().ok(), Some(CiMethod::ClopperPearson));
        let e = "agresti".parse::<CiMethod>().err().map(|e| e.to_string()).unwrap_or_default();
        assert!(e.contains("\"agresti\"") && e.contains("\"wilson\""), "{e}");
    }

    /// Every canonical name parses to a value whose `Display` is that name.
    fn round_trips<T: OptionName + PartialEq + std::fmt::Debug>() {
        for name in T::CHOICES {
            let v: T = name.parse().unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(v.to_string(), *name);
            assert_eq!(v.canonical(), *name);
            assert_eq!(name.to_uppercase().replace('-', "_").parse::<T>().ok(), Some(v), "{name}");
        }
        let e = "no such name".parse::<T>().err().map(|e| e.to_string()).unwrap_or_default();
        assert!(T::CHOICES.iter().all(|c| e.contains(&format!("{c:?}"))), "{e}");
    }

    #[test]
    fn every_option_enum_round_trips_its_names() {
        use crate::stats::*;
        round_trips::<CiMethod>();
        round_trips::<SurveyCiMethod>();
        round_trips::<QuantileMethod>();
        round_trips::<WeightMethod>();
        round_trips::<CellStatus>();
        round_trips::<LevelKind>();
        round_trips::<Missing>();
        round_trips::<MeasurementLevel>();
        round_trips::<Coefficient>();
        round_trips::<crate::cells::DecimalSeparator>();
        round_trips::<crate::responses::CsvStyle>();
        round_trips::<crate::responses::Dialect>();
        round_trips::<crate::responses::Severity>();
        round_trips::<crate::responses::IssueKind>();
        round_trips::<crate::contacts::Severity>();
        round_trips::<crate::coding::Scope>();
        round_trips::<crate::coding::Level>();
        round_trips::<crate::coding::Merge>();
        round_trips::<crate::contacts::RateBase>();
        round_trips::<Language>();
        assert_eq!(CiMethod::ALL.len(), CiMethod::CHOICES.len());
    }

    #[test]
    fn language_choices_match_its_parser() {
        for (l, name) in Language::ALL.iter().zip(<Language as OptionName>::CHOICES) {
            assert_eq!(l.canonical(), *name);
            assert_eq!(name.parse::<Language>().ok(), Some(*l));
        }
    }
}
