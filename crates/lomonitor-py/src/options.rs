//! Option names from Python: the one conversion of a string to an option enum of the core.
//!
//! Every option enum has its one `FromStr`/`Display` in the core
//! ([`lomonitor::options::OptionName`]); this module only names the argument in the error and
//! lists the choices. `_choices(alias)` gives Python the accepted names of each `Literal` alias of
//! the stubs, so a test can check that the stubs and the parsers agree.

use lomonitor::Error as CoreError;
use lomonitor::options::{OptionName, quoted};
use pyo3::prelude::*;

use crate::errors::{PyLoError, PyLoResult};

/// `value` as the option `T`, or an `ArgumentError` naming the argument and listing the choices.
///
/// Python takes the canonical names only, exactly as the `Literal` types of the stubs list them
/// (`study.toml` and the command line also take the core's aliases, such as `exact`).
pub(crate) fn opt<T: OptionName>(arg: &'static str, value: &str) -> PyLoResult<T> {
    let unknown = || {
        PyLoError::from(CoreError::InvalidArgument {
            name: arg,
            message: format!("unknown {arg} {value:?}; expected one of {}", quoted(T::CHOICES)),
        })
    };
    if !T::CHOICES.contains(&value) {
        return Err(unknown());
    }
    value.parse::<T>().map_err(|_| unknown())
}

fn of<T: OptionName>() -> &'static [&'static str] {
    T::CHOICES
}

/// Every option alias of the stubs with the canonical names of its core enum.
fn aliases() -> [(&'static str, &'static [&'static str]); 23] {
    use lomonitor::cells::DecimalSeparator;
    use lomonitor::coding::{Level, Merge, Scope};
    use lomonitor::contacts::RateBase;
    use lomonitor::responses::{CsvStyle, Dialect, IssueKind, Severity};
    use lomonitor::stats::{
        CellStatus, CiMethod, Coefficient, LevelKind, MeasurementLevel, Missing, QuantileMethod, SurveyCiMethod,
        WeightMethod,
    };
    [
        ("CiMethodName", of::<CiMethod>()),
        ("SurveyCiMethodName", of::<SurveyCiMethod>()),
        ("QuantileMethodName", of::<QuantileMethod>()),
        ("WeightMethodName", of::<WeightMethod>()),
        ("CellStatusName", of::<CellStatus>()),
        ("LevelKindName", of::<LevelKind>()),
        ("MissingName", of::<Missing>()),
        ("MeasurementLevelName", of::<MeasurementLevel>()),
        ("CoefficientName", of::<Coefficient>()),
        ("DecimalName", of::<DecimalSeparator>()),
        ("CsvStyleName", of::<CsvStyle>()),
        ("DialectName", of::<Dialect>()),
        ("SeverityName", of::<Severity>()),
        ("IssueKindName", of::<IssueKind>()),
        ("ContactSeverityName", of::<lomonitor::contacts::Severity>()),
        ("ScopeName", of::<Scope>()),
        ("CodingLevelName", of::<Level>()),
        ("MergeName", of::<Merge>()),
        ("RateBaseName", of::<RateBase>()),
        ("LanguageName", of::<lomonitor::Language>()),
        ("AlternativeName", of::<lomonitor::stats::Alternative>()),
        ("DomainDfName", of::<lomonitor::stats::DomainDf>()),
        ("PAdjustName", of::<lomonitor::analysis::PAdjustment>()),
    ]
}

/// The canonical names of one `Literal` alias of `_lomonitor.pyi` (e.g. ``"CiMethodName"``).
#[pyfunction]
pub fn _choices(alias: &str) -> PyLoResult<Vec<&'static str>> {
    aliases().into_iter().find(|(name, _)| *name == alias).map(|(_, c)| c.to_vec()).ok_or_else(|| {
        PyLoError::from(CoreError::InvalidArgument { name: "alias", message: format!("no option alias {alias:?}") })
    })
}

/// Adds `_choices` and every alias at runtime, built from the core's names, so
/// `lomonitor._lomonitor.CiMethodName` exists as in the stubs. The runtime value is the union
/// of one `Literal` per name (`Union[Literal["wald"], ...]`): the same type as the stub's
/// `Literal["wald", ...]`, in the form stubtest compares (it wants a `Union` at runtime).
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(_choices, m)?)?;
    let typing = m.py().import("typing")?;
    let (literal, union) = (typing.getattr("Literal")?, typing.getattr("Union")?);
    for (name, choices) in aliases() {
        let members = choices.iter().map(|c| literal.get_item(*c)).collect::<PyResult<Vec<_>>>()?;
        m.add(name, union.get_item(pyo3::types::PyTuple::new(m.py(), members)?)?)?;
    }
    Ok(())
}

/// The language of labels from ``language=`` (``"nl"``/``"en"``), or from the deprecated
/// ``english=`` flag (with a `DeprecationWarning`); `None` when neither is given.
pub(crate) fn language_arg(language: Option<&str>, english: Option<bool>) -> PyLoResult<Option<lomonitor::Language>> {
    match (language, english) {
        (Some(_), Some(_)) => Err(PyLoError::from(CoreError::InvalidArgument {
            name: "language",
            message: "give language or english, not both (english is deprecated)".into(),
        })),
        (Some(l), None) => opt("language", l).map(Some),
        (None, Some(e)) => {
            Python::attach(|py| {
                let category = py.get_type::<pyo3::exceptions::PyDeprecationWarning>();
                let message = c"english= is deprecated: use language=\"en\" (or \"nl\")";
                PyErr::warn(py, &category, message, 1)
            })?;
            Ok(Some(lomonitor::Language::english_if(e)))
        }
        (None, None) => Ok(None),
    }
}

/// [`language_arg`], Dutch when neither is given.
pub(crate) fn lang_arg(language: Option<&str>, english: Option<bool>) -> PyLoResult<lomonitor::Language> {
    Ok(language_arg(language, english)?.unwrap_or_default())
}
