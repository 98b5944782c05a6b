"""Type stubs of the native module ``lomonitor._lomonitor``."""

import datetime
import os
import pathlib
from collections.abc import Iterator, Mapping
from typing import Any, Literal, TypeAlias, final

import numpy
import numpy.typing as npt
import pandas

__all__ = [
    "Agreement",
    "CellStatusName",
    "ChiSquareTest",
    "AlternativeName",
    "CiMethodName",
    "DomainDfName",
    "PAdjustName",
    "CoOccurrence",
    "CodeFrequencies",
    "CodingLevelName",
    "Codings",
    "CoefficientName",
    "ContactDirectory",
    "ContactSeverityName",
    "Coverage",
    "Crosstab",
    "CsvStyleName",
    "DecimalName",
    "Descriptives",
    "DialectName",
    "FieldworkRates",
    "FileIssue",
    "FisherExact",
    "Frame",
    "FrequencyTable",
    "GoodnessOfFit",
    "ImportResult",
    "IntercoderAgreement",
    "Issue",
    "IssueKindName",
    "Item",
    "ItemCrosstab",
    "ItemDescriptives",
    "ItemFrequencies",
    "ItemMultiple",
    "ItemProportions",
    "ItemRanking",
    "JointDisplay",
    "LanguageName",
    "LevelKindName",
    "MeasurementLevelName",
    "MergeName",
    "MissingName",
    "MultipleResponse",
    "Municipality",
    "Organisation",
    "ProportionEstimate",
    "PublishedOverview",
    "QuantileMethodName",
    "Questionnaire",
    "RakeResult",
    "Ranking",
    "RaoScott",
    "RateBaseName",
    "Reminders",
    "Erasure",
    "Representativeness",
    "ResponseRates",
    "ResponseSet",
    "Scale",
    "ScaleReliability",
    "ScaleSummary",
    "ScopeName",
    "SeverityName",
    "StratumTable",
    "Study",
    "Suppression",
    "SurveyCiMethodName",
    "SurveyEstimate",
    "TrimResult",
    "ValidationReport",
    "WeightMethodName",
    "WeightingSummary",
    "Weights",
    "import_responses",
    "register",
    "__version__",
    "_cli_main",
    "questionnaire_from_limesurvey",
    "questionnaire_from_qualtrics",
    "_bench_count_columns",
    "_bench_cronbach_alpha",
    "_bench_crosstab_columns",
    "_bench_import_csv",
    "_bench_krippendorff_alpha",
    "_bench_rake",
    "_bench_read_floor",
    "_bench_survey_proportions",
    "_bench_weighted_count_columns",
    "_choices",
    "_stats_agreement",
    "_stats_count_codes",
    "_stats_crosstab",
    "_stats_describe",
    "_stats_effective_sample_size",
    "_stats_adjust_p",
    "_stats_fisher_exact_2x2",
    "_stats_fisher_exact_test",
    "_stats_fisher_rxc",
    "_stats_odds_ratio_2x2",
    "_stats_rake_with",
    "_stats_survey_domain",
    "_stats_frequency_table",
    "_stats_kish_design_effect",
    "_stats_multiple_response",
    "_stats_poststratify",
    "_stats_proportion_ci",
    "_stats_rake",
    "_stats_ranking",
    "_stats_rao_scott",
    "_stats_representativeness",
    "_stats_scale_reliability",
    "_stats_suppress",
    "_stats_survey_mean",
    "_stats_survey_proportion",
    "_stats_trim",
    "_stats_weighted_counts",
    "ArchiveFiles",
    "Codebook",
    "Erasure",
    "InterviewGuide",
    "InterviewSample",
    "QdaProject",
    "read_qdc",
    "read_qdpx",
    "ContactMerge",
]

__version__: str

# The names of the options: one alias per option enum of the core, equal to what the binding
# accepts (python/tests/test_options.py compares each with ``_choices(alias)``).
CiMethodName: TypeAlias = Literal["wald", "wilson", "clopper-pearson", "logit", "korn-graubard", "hypergeometric"]
"""Interval methods of a proportion (``Study.proportions(ci=...)``, ``stats.proportion_ci``)."""
SurveyCiMethodName: TypeAlias = Literal["wald", "logit", "korn-graubard"]

AlternativeName: TypeAlias = Literal["two-sided", "less", "greater"]

DomainDfName: TypeAlias = Literal["domain", "design"]

PAdjustName: TypeAlias = Literal["holm", "bh"]
"""Interval methods of a design-based proportion (``stats.survey_proportion``)."""
QuantileMethodName: TypeAlias = Literal["linear", "spss"]
"""Quantile definitions of ``stats.describe`` (Hyndman & Fan types 7 and 6)."""
WeightMethodName: TypeAlias = Literal["poststratification", "raking", "trimming"]
"""How a set of weights was made (``Weights.method``)."""
CellStatusName: TypeAlias = Literal["published", "primary", "secondary"]
"""Whether a cell may be published (``Suppression.status``)."""
LevelKindName: TypeAlias = Literal["valid", "user_missing", "unanswered"]
"""What a level of a categorical item stands for."""
MissingName: TypeAlias = Literal["listwise", "pairwise"]
"""How missing answers are handled in scale reliability."""
MeasurementLevelName: TypeAlias = Literal["nominal", "ordinal", "interval", "ratio"]
"""Levels of measurement of Krippendorff's alpha."""
CoefficientName: TypeAlias = Literal[
    "percent_agreement", "cohen_kappa", "fleiss_kappa", "brennan_prediger", "gwet_ac1", "krippendorff_alpha"
]
"""Agreement coefficients (``Agreement.coefficient``)."""
DecimalName: TypeAlias = Literal["auto", "point", "comma"]
"""The decimal separator of an imported file."""
CsvStyleName: TypeAlias = Literal["standard", "dutch_excel"]
"""How an exported CSV is written."""
DialectName: TypeAlias = Literal["auto", "lomonitor", "limesurvey", "qualtrics"]
"""The layout of an imported response file."""
SeverityName: TypeAlias = Literal["info", "warning", "error"]
"""Severity of a validation issue of the responses."""
IssueKindName: TypeAlias = Literal[
    "unknown_code",
    "not_a_number",
    "spreadsheet_error",
    "out_of_range",
    "not_integer",
    "routed_answer",
    "required_missing",
    "exclusive_violated",
    "invalid_ranking",
    "unknown_unit",
    "invalid_id",
    "duplicate_unit",
    "duplicate_respondent",
    "invalid_status",
    "invalid_date",
    "unmapped_column",
    "personal_data",
    "missing_column",
    "wrong_version",
    "formula",
    "member_of_organisation",
    "invalid_value",
    "suspicious",
    "not_a_response",
    "not_asked_beside_answer",
    "answer_beside_missing",
    "other_without_answer",
    "ambiguous_number",
]
"""What kind of problem a validation issue of the responses is."""
ContactSeverityName: TypeAlias = SeverityName
"""Severity of an issue in a contacts or fieldwork file (the one validation vocabulary: contacts readers report warnings and errors)."""
ScopeName: TypeAlias = Literal["segment", "interview"]
"""Where two codes co-occur."""
CodingLevelName: TypeAlias = Literal["code", "theme"]
"""Codes or themes of the codebook."""
MergeName: TypeAlias = Literal["first", "union", "intersection"]
"""How the codes of a double-coded segment count."""
RateBaseName: TypeAlias = Literal["invited", "frame"]
"""The base of the fieldwork rates."""
LanguageName: TypeAlias = Literal["nl", "en"]
"""The language of labels: Dutch or English."""

def _choices(alias: str) -> list[str]:
    """The names the binding accepts for the option of a ``*Name`` alias (for the stub test)."""

def register() -> Frame:
    """The CBS register carried by lomonitor: the municipal division of 1 January 2025."""

@final
class Municipality:
    """One Dutch municipality: CBS code, name, province, COROP area, inhabitants."""

    @property
    def code(self) -> str:
        """The CBS code, e.g. ``"GM0363"``."""
    @property
    def name(self) -> str:
        """The official CBS name."""
    @property
    def province(self) -> str:
        """The province (official Dutch name)."""
    @property
    def corop_code(self) -> str | None:
        """The COROP code (``"CR23"``) or None."""
    @property
    def corop_name(self) -> str | None:
        """The COROP name or None."""
    @property
    def inhabitants(self) -> int:
        """Inhabitants on ``inhabitants_date``."""
    @property
    def inhabitants_date(self) -> datetime.date:
        """Reference date of the inhabitants."""
    @property
    def is_g4(self) -> bool:
        """Whether this is one of the G4."""
    def __eq__(self, value: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class Frame:
    """The population frame: every municipality at a reference date."""

    @staticmethod
    def from_csv(path: str | os.PathLike[str], reference_date: datetime.date) -> Frame:
        """Load a register CSV in CBS's layout or lomonitor's own."""
    @property
    def reference_date(self) -> datetime.date:
        """The date of the municipal division."""
    @property
    def source(self) -> str:
        """Attribution of the data."""
    @property
    def total_inhabitants(self) -> int:
        """Total inhabitants."""
    @property
    def municipalities(self) -> list[Municipality]:
        """All municipalities, sorted by code."""
    def lookup(self, query: str) -> Municipality:
        """Find a municipality by code or name (case, diacritics and apostrophes ignored)."""
    def __getitem__(self, key: str, /) -> Municipality: ...
    def __contains__(self, key: str, /) -> bool: ...
    def __len__(self) -> int: ...
    def strata(
        self,
        by: str = "size_class",
        *,
        size_classes: list[int] | None = None,
        g4_separate: bool = False,
        language: LanguageName | None = None, english: bool | None = None,
    ) -> StratumTable:
        """The frame's counts per stratum (N_h): ``by`` is ``"size_class"``, ``"province"``,
        ``"corop"`` or a cross such as ``"size_class*province"``."""
    def to_dict(self) -> dict[str, list[Any]]:
        """Columns as ``dict[str, list]``."""
    def to_pandas(self) -> pandas.DataFrame:
        """The frame as a pandas DataFrame."""
    def _repr_html_(self) -> str: ...

@final
class StratumTable:
    """The frame's count per stratum (N_h)."""

    @property
    def by(self) -> str:
        """The stratification, e.g. ``"size_class*province"``."""
    @property
    def labels(self) -> list[str]:
        """Stratum labels in order."""
    @property
    def counts(self) -> list[int]:
        """N_h per stratum, in order."""
    @property
    def total(self) -> int:
        """Total N."""
    def __len__(self) -> int: ...
    def to_dict(self) -> dict[str, list[Any]]:
        """Columns as ``dict[str, list]``."""
    def to_pandas(self) -> pandas.DataFrame:
        """As a pandas DataFrame."""
    def _repr_html_(self) -> str: ...

@final
class Organisation:
    """A werkorganisatie serving several municipalities."""

    @property
    def id(self) -> str:
        """Stable id, e.g. ``"buch"``."""
    @property
    def name(self) -> str:
        """Name."""
    @property
    def municipalities(self) -> list[str]:
        """CBS codes of the municipalities it serves."""

@final
class Study:
    """A study folder: study.toml with the frame, strata, organisations and files."""

    def report(
        self,
        out_dir: str | os.PathLike[str],
        *,
        boundaries: str | os.PathLike[str] | None = None,
        provinces: str | os.PathLike[str] | None = None,
        language: LanguageName | None = None,
        english: bool | None = None,
    ) -> dict[str, pathlib.Path]:
        """Build the full descriptive report and write it into ``out_dir``."""
    def export_archive(self, out_dir: str | os.PathLike[str]) -> ArchiveFiles:
        """Write the archive into ``out_dir``: responses CSV, codebook (Markdown), DDI Codebook
        2.5, SPSS syntax (as ``lomonitor export``)."""
    def sample_interviews(self, n: int, *, by: str = "size_class", seed: int, equal: bool = False) -> InterviewSample:
        """Draw a stratified random interview sample of ``n`` municipalities, reproducible from
        ``seed``; proportional allocation unless ``equal`` (as ``lomonitor sample``)."""
    def add_contact(
        self,
        name: str,
        function: str,
        role: str,
        covers: list[str],
        *,
        email: str | None = None,
        phone: str | None = None,
        source: str = "",
        verified: datetime.date | None = None,
        status: str = "active",
        consent_research: bool = False,
        consent_publish: str = "",
        notes: str = "",
    ) -> str:
        """Add a contact to ``files.contacts`` under the next free id and rewrite the file; returns
        the new id. ``covers``: municipality codes, organisation ids or municipality names;
        ``role`` a role key (``"lo_adviser"``, ...); ``consent_publish`` as the file's column."""
    def merge_contacts(self, keep: str, other: str) -> ContactMerge:
        """Merge contact ``other`` into ``keep`` (fields filled, conflicts listed and noted,
        fieldwork rows moved) and rewrite the contacts and fieldwork files."""
    def write_published_overview(
        self, out_dir: str | os.PathLike[str], *, language: LanguageName | None = None
    ) -> dict[str, pathlib.Path]:
        """Write the published overview as CSV, XLSX and Markdown into ``out_dir`` (as
        ``lomonitor overview``); keys ``csv``, ``xlsx``, ``md``."""
    @property
    def codebook(self) -> Codebook | None:
        """The study's codebook (``files.codebook``), or None."""
    @property
    def interview_guide(self) -> InterviewGuide | None:
        """The study's interview guide (``files.interview_guide``), or None."""
    @staticmethod
    def load(path: str | os.PathLike[str]) -> Study:
        """Load a study from its folder (or the path of its ``study.toml``)."""
    @property
    def title(self) -> str:
        """The title."""
    @property
    def reference_date(self) -> datetime.date:
        """The study's reference date."""
    @property
    def language(self) -> LanguageName:
        """Report language, ``"nl"`` or ``"en"``."""
    @property
    def root(self) -> pathlib.Path:
        """The folder."""
    @property
    def frame(self) -> Frame:
        """The population frame."""
    @property
    def organisations(self) -> list[Organisation]:
        """The werkorganisaties."""
    @property
    def n_units(self) -> int:
        """Number of reporting units when counting per organisation."""
    @property
    def files(self) -> dict[str, pathlib.Path]:
        """The files named in ``study.toml`` (key -> path relative to the folder)."""
    def strata(self, by: str | None = None, *, language: LanguageName | None = None, english: bool | None = None) -> StratumTable:
        """The frame's counts per stratum, with the study's size classes; ``by`` defaults to the
        study's default stratification."""
    @property
    def questionnaire(self) -> Questionnaire | None:
        """The questionnaire (None when the study names no ``files.instrument``)."""
    @property
    def responses(self) -> ResponseSet | None:
        """The responses kept for analysis (None when the study names no ``files.responses``)."""
    @property
    def validation_report(self) -> ValidationReport | None:
        """The validation report of the responses' import: every problem with line, column and value."""
    @property
    def import_result(self) -> ImportResult | None:
        """The whole import: kept responses, those set aside, the report."""
    def frequencies(self, item: str, *, weights: str | None = None, language: LanguageName | None = None, english: bool | None = None) -> ItemFrequencies:
        """The labelled frequency table of a single-choice or Likert item."""
    def proportions(
        self,
        item: str,
        *,
        ci: CiMethodName = "wilson",
        weights: str | None = None,
        level: float = 0.95,
        language: LanguageName | None = None, english: bool | None = None,
    ) -> ItemProportions:
        """Proportions with standard errors and confidence intervals for every option of a
        single-choice, Likert or multiple-choice item (finite population corrected; design-based
        when weighted)."""
    def describe(
        self, item: str, *, weights: str | None = None, level: float = 0.95, language: LanguageName | None = None, english: bool | None = None
    ) -> ItemDescriptives:
        """Descriptive statistics of a Likert or numeric item."""
    def multiple(self, item: str, *, weights: str | None = None, language: LanguageName | None = None, english: bool | None = None) -> ItemMultiple:
        """A multiple-choice item: % of respondents and % of mentions per option."""
    def ranking(self, item: str, *, weights: str | None = None, language: LanguageName | None = None, english: bool | None = None) -> ItemRanking:
        """A ranking item: mean rank, % ranked first, % in the top k."""
    def crosstab(
        self,
        item: str,
        by: str,
        *,
        weights: str | None = None,
        suppress_below: int | None = None,
        language: LanguageName | None = None, english: bool | None = None,
    ) -> ItemCrosstab:
        """A crosstab of an item by a stratum variable (``"size_class"``, ``"province"``,
        ``"corop"``) or another coded item, with the chi-square test (Rao–Scott when weighted);
        cells with fewer than ``suppress_below`` respondents are suppressed."""
    def scale(
        self,
        id: str,
        *,
        missing: MissingName = "listwise",
        weights: str | None = None,
        level: float = 0.95,
        language: LanguageName | None = None, english: bool | None = None,
    ) -> ScaleSummary:
        """The block of a scale: Cronbach's alpha with Feldt's interval, item statistics, each
        item's descriptives. ``missing`` is ``"listwise"`` or ``"pairwise"``."""
    def response_rates(self, by: str | None = None, *, language: LanguageName | None = None, english: bool | None = None) -> ResponseRates:
        """Response rates per stratum (reporting units) with the goodness-of-fit test against the
        frame; ``by`` defaults to the study's default stratification."""
    def weights(self, scheme: str) -> WeightingSummary | None:
        """The weights of the responses under a scheme (``"poststratify:size_class"``,
        ``"rake:size_class,province"``); None for ``"none"``."""
    @property
    def contacts(self) -> ContactDirectory:
        """The contacts directory (``files.contacts``), as counts and the problems found reading it;
        never names or addresses (see :meth:`ContactDirectory.published_overview`)."""
    def coverage(
        self, as_of: datetime.date | None = None, *, window_months: int = 12, roles: list[str] | None = None
    ) -> Coverage:
        """Coverage of the frame by the directory at ``as_of`` (default: the study's reference date):
        municipalities with an active contact verified within ``window_months``, overall and by
        the study's breakdowns, and the list of gaps. ``roles`` restricts the roles that count
        (keys such as ``"lo_adviser"``). Raises :class:`InputError` when ``contacts.csv`` has rows
        with errors (see ``study.contacts.issues``)."""
    def fieldwork_rates(
        self, by: str | None = None, *, base: RateBaseName = "invited", as_of: datetime.date | None = None
    ) -> FieldworkRates:
        """AAPOR outcome rates of the fieldwork log (``files.fieldwork``), overall and by ``by``
        (default: the study's default stratification). ``base`` is ``"invited"`` (the issued
        sample) or ``"frame"`` (never-invited municipalities count as unknown); ``as_of`` gives the
        state at the end of that day."""
    def reminders(self, days: int = 14, *, as_of: datetime.date | None = None) -> Reminders:
        """Whom to remind on ``as_of`` (default: today): contacts with an open invitation whose
        last contact is more than ``days`` days ago. Pseudonymous contact ids only."""
    def erase(
        self, *, email: str | None = None, name: str | None = None, id: str | None = None, allow_outside: bool = False
    ) -> Erasure:
        """Erase a person (by exactly one of ``email``, ``name``, ``id``) from the contacts file and
        the fieldwork log, write the published overview in the folder again, remove report outputs
        that held them, search every file of the folder and return the proof (AVG/GDPR art. 17).
        A contacts or fieldwork file outside the study folder is an :class:`InputError` unless
        ``allow_outside``."""
    @property
    def codings(self) -> Codings | None:
        """The coded interviews (``files.codings`` with ``files.codebook``), as counts; None when the
        study names no codings."""
    def code_frequencies(self, *, merge: MergeName = "first", language: LanguageName | None = None, english: bool | None = None) -> CodeFrequencies:
        """Code frequencies over the codebook's theme tree; ``merge`` (``"first"``, ``"union"``,
        ``"intersection"``) says how double-coded segments count."""
    def co_occurrence(
        self, *, scope: ScopeName = "segment", level: CodingLevelName = "code", merge: MergeName = "first"
    ) -> CoOccurrence:
        """Co-occurrence of codes (``level="code"``) or themes within segments or interviews."""
    def intercoder_agreement(
        self, coder_a: str | None = None, coder_b: str | None = None, *, level: CodingLevelName = "code"
    ) -> IntercoderAgreement:
        """Agreement of two coders on their double-coded segments (default: the first two coders),
        per code (or theme) and overall: percent agreement and Cohen's kappa."""
    def joint_display(
        self, item: str, *, level: CodingLevelName = "theme", merge: MergeName = "first", language: LanguageName | None = None, english: bool | None = None
    ) -> JointDisplay:
        """The joint display of interview themes (``level="theme"``) or codes against the answers to
        a single-choice or Likert item; quotes are pseudonymised (municipality names replaced by
        their stratum)."""

# ---------------------------------------------------------------------------------------------
# instrument and responses

@final
class Item:
    """One questionnaire item: id, kind, question text, options, declared missing codes, routing."""

    @property
    def id(self) -> str:
        """The id, also the variable name (``"visie"``)."""
    @property
    def kind(self) -> str:
        """``"single"``, ``"multiple"``, ``"likert"``, ``"numeric"``, ``"ranking"`` or ``"open"``."""
    @property
    def text(self) -> str:
        """The question text (Dutch)."""
    @property
    def text_en(self) -> str:
        """The question text in English (Dutch when no translation is given)."""
    @property
    def label(self) -> str:
        """The short label for tables (the text when none is given)."""
    @property
    def options(self) -> dict[int, str]:
        """The options, code -> label, in order (Likert points as options; empty for numeric and
        open items)."""
    @property
    def options_en(self) -> dict[int, str]:
        """The options with English labels (Dutch where no translation is given)."""
    @property
    def missing(self) -> dict[int, str]:
        """The declared user-missing codes ("weet niet"), code -> label: kept in the data, shown in
        frequencies, excluded from valid percentages."""
    @property
    def show_if(self) -> str | None:
        """The routing condition as written (``"visie == 1"``), None when always shown."""
    @property
    def required(self) -> bool:
        """Whether an answer is required when the item is shown."""
    @property
    def reverse(self) -> bool:
        """Reverse-keyed (Likert)."""
    @property
    def points(self) -> int | None:
        """Likert: the number of points; None for other kinds."""
    @property
    def top(self) -> int | None:
        """Ranking: how many options are ranked; None for other kinds."""
    @property
    def other(self) -> int | None:
        """The option that comes with a text ("anders, namelijk"), if any."""
    @property
    def exclusive(self) -> list[int]:
        """Multiple choice: options that cannot be combined with others."""
    @property
    def unit(self) -> str | None:
        """Numeric: the unit, e.g. ``"euro per fte"``."""
    @property
    def range(self) -> tuple[float | None, float | None] | None:
        """Numeric: the allowed range (min, max); None for other kinds."""
    def _repr_html_(self) -> str: ...

@final
class Scale:
    """A scale: a named group of Likert items."""

    @property
    def id(self) -> str:
        """The id."""
    @property
    def label(self) -> str:
        """The label (Dutch)."""
    @property
    def items(self) -> list[str]:
        """The item ids, in order."""

@final
class Questionnaire:
    """A questionnaire: id, version, items in order, scales and instrument-wide missing codes."""

    @staticmethod
    def load(path: str | os.PathLike[str]) -> Questionnaire:
        """Load a questionnaire definition (TOML, or JSON by extension)."""
    def to_limesurvey(self) -> str:
        """The questionnaire as a LimeSurvey survey structure file (`.lss` text, current layout).

        Item ids become LimeSurvey codes by the rule in docs/instrument-format.md.
        """
    def to_qualtrics(self) -> str:
        """The questionnaire as a Qualtrics survey file (`.qsf` JSON text)."""
    @property
    def id(self) -> str:
        """The id."""
    @property
    def version(self) -> str:
        """The version a response set is bound to."""
    @property
    def title(self) -> str:
        """The title (Dutch)."""
    @property
    def items(self) -> list[Item]:
        """The items, in the order asked."""
    @property
    def item_ids(self) -> list[str]:
        """The item ids, in order."""
    @property
    def scales(self) -> list[Scale]:
        """The scales."""
    @property
    def missing(self) -> dict[int, str]:
        """The instrument-wide user-missing codes, code -> label."""
    def item(self, id: str) -> Item:
        """The item with this id."""
    def __getitem__(self, key: str, /) -> Item: ...
    def __contains__(self, key: str, /) -> bool: ...
    def __len__(self) -> int: ...
    def __iter__(self) -> Iterator[Item]: ...
    def to_dict(self) -> dict[str, list[Any]]:
        """One row per item: id, kind, label, text, options, missing codes, routing."""
    def to_pandas(self) -> pandas.DataFrame:
        """The item overview as a pandas DataFrame."""
    def _repr_html_(self) -> str: ...

@final
class ResponseSet:
    """Answers to one questionnaire version; Arrow PyCapsule stream, pandas, dict."""

    @property
    def instrument_id(self) -> str:
        """The questionnaire id the responses are bound to."""
    @property
    def instrument_version(self) -> str:
        """The questionnaire version the responses are bound to."""
    @property
    def respondent_id(self) -> list[str]:
        """Pseudonymous respondent ids, in order."""
    @property
    def units(self) -> list[str]:
        """The unit (municipality code or organisation id) each response speaks for."""
    @property
    def columns(self) -> list[str]:
        """The column names of the wide layout (as ``to_pandas()``)."""
    @property
    def questionnaire(self) -> Questionnaire:
        """The questionnaire."""
    def __len__(self) -> int: ...
    def to_dict(self, *, labels: bool = False, language: LanguageName | None = None, english: bool | None = None) -> dict[str, Any]:
        """The wide layout as ``dict[str, numpy.ndarray | list]``: codes (``labels=False``, NaN for
        not asked and unanswered, declared missing codes as in the file) or labels."""
    def to_pandas(self, *, labels: bool = False, language: LanguageName | None = None, english: bool | None = None) -> pandas.DataFrame:
        """A pandas DataFrame in the wide layout of the CSV export: codes (default), or with
        ``labels=True`` pandas Categoricals of the option labels (ordered for Likert items) and
        declared missing numeric answers as NaN."""
    def with_language(self, language: LanguageName) -> ResponseSet:
        """The same responses, with the Arrow export's labels (dictionary values, item and option
        labels in the field metadata) in ``"nl"`` (Dutch, the default) or ``"en"`` (English).
        ``pyarrow.table(rs.with_language("en"))``."""
    @property
    def language(self) -> LanguageName:
        """The language of the Arrow export's labels: ``"nl"`` or ``"en"``."""
    def __arrow_c_stream__(self, requested_schema: object | None = None) -> object: ...
    def _repr_html_(self) -> str: ...

@final
class Issue:
    """One problem found in an import."""

    @property
    def severity(self) -> SeverityName:
        """``"info"``, ``"warning"`` or ``"error"``."""
    @property
    def kind(self) -> IssueKindName:
        """What kind of problem (``"unknown_code"``, ``"out_of_range"``, ``"duplicate_unit"``, ...)."""
    @property
    def file(self) -> pathlib.Path | None:
        """The file."""
    @property
    def line(self) -> int | None:
        """The 1-based line (the header is line 1)."""
    @property
    def column(self) -> str | None:
        """The column."""
    @property
    def respondent(self) -> str | None:
        """The respondent id of the row, when known."""
    @property
    def value(self) -> str:
        """The value as it stood in the file."""
    @property
    def message(self) -> str:
        """A sentence for the researcher."""

@final
class ValidationReport:
    """Every problem an import found, with file, line, column and value."""

    @property
    def issues(self) -> list[Issue]:
        """Every issue, in file order."""
    @property
    def rows_read(self) -> int:
        """Data rows read."""
    @property
    def rows_kept(self) -> int:
        """Responses kept for analysis."""
    @property
    def rows_set_aside(self) -> int:
        """Responses set aside (duplicates, unknown units), each listed in the issues."""
    @property
    def is_clean(self) -> bool:
        """Whether there is nothing at warning level or above."""
    def count(self, severity: SeverityName) -> int:
        """Number of issues at a severity (``"info"``, ``"warning"``, ``"error"``)."""
    def of_kind(self, kind: IssueKindName) -> list[Issue]:
        """The issues of one kind (``"unknown_code"``, ...)."""
    def __len__(self) -> int: ...
    def __getitem__(self, index: int, /) -> Issue: ...
    def __iter__(self) -> Iterator[Issue]: ...
    def to_dict(self) -> dict[str, list[Any]]:
        """One row per issue: severity, kind, file, line, column, respondent, value, message."""
    def to_pandas(self) -> pandas.DataFrame:
        """The issues as a pandas DataFrame."""
    def _repr_html_(self) -> str: ...

@final
class ImportResult:
    """What an import gives: the responses kept, those set aside, and the validation report."""

    @property
    def responses(self) -> ResponseSet:
        """Responses kept for analysis (one per unit)."""
    @property
    def set_aside(self) -> ResponseSet:
        """Responses set aside (duplicates, unknown units), each listed in the report."""
    @property
    def report(self) -> ValidationReport:
        """Every problem, with file, line, column and value."""
    @property
    def dialect(self) -> DialectName:
        """The dialect read: ``"lomonitor"``, ``"limesurvey"`` or ``"qualtrics"``."""

def import_responses(
    path: str | os.PathLike[str],
    questionnaire: Questionnaire,
    *,
    frame: Frame | None = None,
    study: Study | None = None,
    dialect: DialectName = "auto",
    decimal: DecimalName = "auto",
    unit_column: str | None = None,
    several_per_unit: bool = False,
    participants: Mapping[str, str] | None = None,
) -> ImportResult:
    """Import a response CSV (lomonitor, LimeSurvey or Qualtrics) against a questionnaire.

    ``several_per_unit=True`` keeps every response of a unit (a staff survey); by default one
    response per unit is kept (the latest complete one) and the others are set aside.
    ``participants`` maps LimeSurvey participant tokens to units: a LimeSurvey export without a
    unit column takes each response's unit from its token."""

# ---------------------------------------------------------------------------------------------
# study-level analysis results

@final
class ItemFrequencies:
    """The labelled frequency table of one single-choice or Likert item."""

    @property
    def item(self) -> str:
        """The item id."""
    @property
    def label(self) -> str:
        """The item's short label."""
    @property
    def question(self) -> str:
        """The question text."""
    @property
    def n_asked(self) -> int:
        """Respondents asked (the base of ``percent``)."""
    @property
    def n_not_asked(self) -> int:
        """Respondents not asked (routing), outside the base."""
    @property
    def n_valid(self) -> int:
        """Respondents with a valid answer (unweighted)."""
    @property
    def weighted(self) -> bool:
        """Whether the counts are sums of weights."""
    @property
    def weighting(self) -> str | None:
        """The weighting, described (None when unweighted)."""
    @property
    def labels(self) -> list[str]:
        """Row labels."""
    @property
    def codes(self) -> list[int | None]:
        """Row codes (None for the "no answer" row)."""
    @property
    def kinds(self) -> list[LevelKindName]:
        """Row kinds: ``"unanswered"``, ``"valid"`` or ``"user_missing"``."""
    @property
    def counts(self) -> _F64:
        """Count (sum of weights when weighted) per row."""
    @property
    def unweighted_counts(self) -> npt.NDArray[numpy.uint64]:
        """Unweighted count per row."""
    @property
    def percent(self) -> _F64:
        """Percentage of the respondents asked, per row."""
    @property
    def valid_percent(self) -> _F64:
        """Percentage of the valid answers, per row (NaN for the missing rows)."""
    def __len__(self) -> int: ...
    def to_dict(self) -> dict[str, list[Any]]:
        """The result as columns, ``dict[str, list]``."""
    def to_pandas(self) -> pandas.DataFrame:
        """The result as a pandas DataFrame (pandas is imported on first use)."""
    def _repr_html_(self) -> str: ...

@final
class ItemProportions:
    """Proportions with standard errors and intervals for every option of an item."""

    @property
    def item(self) -> str:
        """The item id."""
    @property
    def label(self) -> str:
        """The item's short label."""
    @property
    def n(self) -> int:
        """Valid answers (the base), unweighted."""
    @property
    def population(self) -> int:
        """Population size used for the finite population correction."""
    @property
    def level(self) -> float:
        """Confidence level."""
    @property
    def method(self) -> CiMethodName:
        """The interval method, described."""
    @property
    def weighted(self) -> bool:
        """Whether weighted."""
    @property
    def weighting(self) -> str | None:
        """The weighting, described (None when unweighted)."""
    @property
    def labels(self) -> list[str]:
        """Option labels."""
    @property
    def codes(self) -> list[int]:
        """Option codes."""
    @property
    def estimates(self) -> _F64:
        """The proportion (0..1) per option."""
    @property
    def se(self) -> _F64:
        """Standard error per option."""
    @property
    def lower(self) -> _F64:
        """Lower bound per option."""
    @property
    def upper(self) -> _F64:
        """Upper bound per option."""
    @property
    def counts(self) -> npt.NDArray[numpy.uint64]:
        """Unweighted count per option."""
    def __len__(self) -> int: ...
    def to_dict(self) -> dict[str, list[Any]]:
        """The result as columns, ``dict[str, list]``."""
    def to_pandas(self) -> pandas.DataFrame:
        """The result as a pandas DataFrame (pandas is imported on first use)."""
    def _repr_html_(self) -> str: ...

@final
class ItemDescriptives:
    """Descriptive statistics of a Likert or numeric item."""

    @property
    def item(self) -> str:
        """The item id."""
    @property
    def label(self) -> str:
        """The item's short label."""
    @property
    def n(self) -> int:
        """Valid answers."""
    @property
    def missing(self) -> int:
        """Respondents asked without a valid answer."""
    @property
    def n_not_asked(self) -> int:
        """Respondents not asked (routing)."""
    @property
    def mean(self) -> float:
        """The (weighted) mean."""
    @property
    def sd(self) -> float | None:
        """The standard deviation (None for n < 2)."""
    @property
    def median(self) -> float:
        """The median."""
    @property
    def weighted(self) -> bool:
        """Whether weighted."""
    @property
    def weighting(self) -> str | None:
        """The weighting, described (None when unweighted)."""
    @property
    def stats(self) -> Descriptives:
        """Every statistic: :class:`lomonitor.stats.Descriptives`."""
    def to_dict(self) -> dict[str, list[Any]]:
        """The result as columns, ``dict[str, list]``."""
    def to_pandas(self) -> pandas.DataFrame:
        """The result as a pandas DataFrame (pandas is imported on first use)."""
    def _repr_html_(self) -> str: ...

@final
class ItemMultiple:
    """A multiple-choice item: % of respondents and % of mentions per option."""

    @property
    def item(self) -> str:
        """The item id."""
    @property
    def label(self) -> str:
        """The item's short label."""
    @property
    def labels(self) -> list[str]:
        """Option labels."""
    @property
    def codes(self) -> list[int]:
        """Option codes."""
    @property
    def n_not_asked(self) -> int:
        """Respondents not asked (routing)."""
    @property
    def n_unanswered(self) -> int:
        """Respondents asked who chose nothing or gave a missing answer."""
    @property
    def base(self) -> float:
        """The base: respondents who answered (sum of weights when weighted)."""
    @property
    def weighted(self) -> bool:
        """Whether weighted."""
    @property
    def weighting(self) -> str | None:
        """The weighting, described (None when unweighted)."""
    @property
    def table(self) -> MultipleResponse:
        """The table as :class:`lomonitor.stats.MultipleResponse`."""
    @property
    def percent_of_respondents(self) -> _F64:
        """Percentage of respondents choosing each option."""
    @property
    def counts(self) -> _F64:
        """Count (sum of weights) per option."""
    def __len__(self) -> int: ...
    def to_dict(self) -> dict[str, list[Any]]:
        """The result as columns, ``dict[str, list]``."""
    def to_pandas(self) -> pandas.DataFrame:
        """The result as a pandas DataFrame (pandas is imported on first use)."""
    def _repr_html_(self) -> str: ...

@final
class ItemRanking:
    """A ranking item: mean rank, % ranked first and % in the top k per option."""

    @property
    def item(self) -> str:
        """The item id."""
    @property
    def label(self) -> str:
        """The item's short label."""
    @property
    def labels(self) -> list[str]:
        """Option labels."""
    @property
    def top(self) -> int:
        """How many options were ranked (k)."""
    @property
    def weighted(self) -> bool:
        """Whether weighted."""
    @property
    def weighting(self) -> str | None:
        """The weighting, described (None when unweighted)."""
    @property
    def table(self) -> Ranking:
        """The table as :class:`lomonitor.stats.Ranking`."""
    @property
    def mean_rank(self) -> _F64:
        """Mean rank per option (NaN when nobody ranked it)."""
    @property
    def percent_first(self) -> _F64:
        """% ranked first per option."""
    def __len__(self) -> int: ...
    def to_dict(self) -> dict[str, list[Any]]:
        """The result as columns, ``dict[str, list]``."""
    def to_pandas(self) -> pandas.DataFrame:
        """The result as a pandas DataFrame (pandas is imported on first use)."""
    def _repr_html_(self) -> str: ...

@final
class ItemCrosstab:
    """A crosstab of an item by a stratum variable or another item, with tests."""

    @property
    def item(self) -> str:
        """The row item's id."""
    @property
    def label(self) -> str:
        """The row item's label."""
    @property
    def by(self) -> str:
        """The column variable (``"size_class"``, ``"province"`` or an item id)."""
    @property
    def by_label(self) -> str:
        """The column variable's label."""
    @property
    def row_labels(self) -> list[str]:
        """Row labels (the item's options)."""
    @property
    def col_labels(self) -> list[str]:
        """Column labels."""
    @property
    def n(self) -> int:
        """Respondents in the table (unweighted)."""
    @property
    def weighted(self) -> bool:
        """Whether weighted."""
    @property
    def weighting(self) -> str | None:
        """The weighting, described (None when unweighted)."""
    @property
    def chi_square(self) -> ChiSquareTest | None:
        """The Pearson chi-square test with Cramér's V (None when undefined)."""
    @property
    def rao_scott(self) -> RaoScott | None:
        """The Rao–Scott corrected test (weighted tables only)."""
    @property
    def suppression(self) -> Suppression | None:
        """The suppression pattern (when ``suppress_below`` was given)."""
    @property
    def table(self) -> Crosstab:
        """The whole table as :class:`lomonitor.stats.Crosstab`."""
    @property
    def counts(self) -> _F64:
        """Counts (sums of weights when weighted), rows x columns."""
    @property
    def unweighted_counts(self) -> npt.NDArray[numpy.uint64]:
        """Unweighted counts, rows x columns."""
    @property
    def suppressed(self) -> npt.NDArray[numpy.bool_]:
        """Whether each cell is suppressed, rows x columns (all False without disclosure control)."""
    def to_dict(self) -> dict[str, list[Any]]:
        """The result as columns, ``dict[str, list]``."""
    def to_pandas(self) -> pandas.DataFrame:
        """The result as a pandas DataFrame (pandas is imported on first use)."""
    def _repr_html_(self) -> str: ...

@final
class ScaleSummary:
    """The block of a scale: Cronbach's alpha, item statistics, item descriptives."""

    @property
    def id(self) -> str:
        """The scale id."""
    @property
    def label(self) -> str:
        """The scale's label."""
    @property
    def item_ids(self) -> list[str]:
        """Its items, in order."""
    @property
    def reversed(self) -> list[str]:
        """The reverse-keyed items (reversed before analysis)."""
    @property
    def alpha(self) -> float:
        """Cronbach's alpha."""
    @property
    def n(self) -> int:
        """Respondents in the analysis."""
    @property
    def weighted(self) -> bool:
        """Whether weighted."""
    @property
    def weighting(self) -> str | None:
        """The weighting, described (None when unweighted)."""
    @property
    def reliability(self) -> ScaleReliability:
        """The reliability block: :class:`lomonitor.stats.ScaleReliability`."""
    @property
    def items(self) -> list[ItemDescriptives]:
        """Each item's descriptives (as answered, not reversed)."""
    def to_dict(self) -> dict[str, list[Any]]:
        """The result as columns, ``dict[str, list]``."""
    def to_pandas(self) -> pandas.DataFrame:
        """The result as a pandas DataFrame (pandas is imported on first use)."""
    def _repr_html_(self) -> str: ...

@final
class ResponseRates:
    """Response rates per stratum with the goodness-of-fit test against the frame."""

    @property
    def by(self) -> str:
        """The stratification."""
    @property
    def labels(self) -> list[str]:
        """Stratum labels."""
    @property
    def n(self) -> int:
        """Respondents (reporting units)."""
    @property
    def population(self) -> int:
        """Reporting units in the frame."""
    @property
    def response_rate(self) -> float:
        """Overall response rate."""
    @property
    def respondents(self) -> list[int]:
        """Respondents per stratum."""
    @property
    def populations(self) -> list[int]:
        """Units per stratum (N_h)."""
    @property
    def goodness_of_fit(self) -> GoodnessOfFit | None:
        """The chi-square goodness-of-fit test (None with fewer than two populated strata)."""
    @property
    def result(self) -> Representativeness:
        """Everything: :class:`lomonitor.stats.Representativeness`."""
    @property
    def response_rates(self) -> _F64:
        """Response rate per stratum (NaN where N_h = 0)."""
    def __len__(self) -> int: ...
    def to_dict(self) -> dict[str, list[Any]]:
        """The result as columns, ``dict[str, list]``."""
    def to_pandas(self) -> pandas.DataFrame:
        """The result as a pandas DataFrame (pandas is imported on first use)."""
    def _repr_html_(self) -> str: ...

@final
class WeightingSummary:
    """The weights of a study's responses under a weighting scheme."""

    @property
    def scheme(self) -> str:
        """The scheme, as text (``"poststratify:size_class"``)."""
    @property
    def description(self) -> str:
        """A sentence for the methods section."""
    @property
    def kish_design_effect(self) -> float:
        """Kish's design effect due to weighting."""
    @property
    def effective_sample_size(self) -> float:
        """Kish's effective sample size."""
    @property
    def iterations(self) -> int | None:
        """Raking: cycles run (None for post-stratification)."""
    @property
    def converged(self) -> bool | None:
        """Raking: whether every margin is within the tolerance."""
    @property
    def max_abs_deviation(self) -> float | None:
        """Raking: the largest deviation from a margin total."""
    @property
    def tolerance(self) -> float | None:
        """Raking: the tolerance."""
    @property
    def respondent_id(self) -> list[str]:
        """The respondent ids, in the order of ``weights``."""
    @property
    def weights(self) -> _F64:
        """One weight per response, in the response set's order; they sum to the number of units."""
    def __len__(self) -> int: ...
    def to_dict(self) -> dict[str, list[Any]]:
        """The result as columns, ``dict[str, list]``."""
    def to_pandas(self) -> pandas.DataFrame:
        """The result as a pandas DataFrame (pandas is imported on first use)."""
    def _repr_html_(self) -> str: ...

# ---------------------------------------------------------------------------------------------
# contacts and fieldwork

@final
class FileIssue:
    """One problem found in a contacts or fieldwork file."""

    @property
    def severity(self) -> ContactSeverityName:
        """``"warning"`` (row kept) or ``"error"`` (row left out)."""
    @property
    def file(self) -> pathlib.Path | None:
        """The file."""
    @property
    def line(self) -> int | None:
        """The 1-based line (the header is line 1)."""
    @property
    def column(self) -> str | None:
        """The column."""
    @property
    def value(self) -> str:
        """The offending value as it stood in the file."""
    @property
    def message(self) -> str:
        """What is wrong."""

@final
class ContactDirectory:
    """The contacts directory as counts and issues (no personal data)."""

    @property
    def by_status(self) -> dict[str, int]:
        """Contacts per status key (``active``, ``left``, ``bounced``)."""
    @property
    def by_role(self) -> dict[str, int]:
        """Contacts per role key."""
    @property
    def consent_research(self) -> int:
        """Contacts who consented to be contacted for research."""
    @property
    def consent_listed(self) -> int:
        """Contacts who may be listed in the published overview."""
    @property
    def ids(self) -> list[str]:
        """The pseudonymous contact ids."""
    @property
    def issues(self) -> list[FileIssue]:
        """Every problem found in ``contacts.csv`` (rows with an error are left out)."""
    def published_overview(self) -> PublishedOverview:
        """The published overview: listed contacts per municipality, with only the fields each
        consented to publish."""
    def __len__(self) -> int: ...

@final
class PublishedOverview:
    """The published overview of L&O contacts (consented fields only)."""

    @property
    def codes(self) -> list[str]:
        """The municipality codes with a listed contact, in the overview's order."""
    def __len__(self) -> int: ...
    def to_dict(self) -> dict[str, list[Any]]:
        """The result as columns, ``dict[str, list]``."""
    def to_pandas(self) -> pandas.DataFrame:
        """The result as a pandas DataFrame (pandas is imported on first use)."""
    def _repr_html_(self) -> str: ...

@final
class Coverage:
    """Coverage of the frame by the directory, overall and per stratum, with the gaps."""

    @property
    def as_of(self) -> datetime.date:
        """The measurement date."""
    @property
    def window_months(self) -> int:
        """The freshness window in months."""
    @property
    def fresh_since(self) -> datetime.date:
        """The earliest verification date that still counts."""
    @property
    def n(self) -> int:
        """Municipalities in the frame."""
    @property
    def covered(self) -> int:
        """Municipalities with a fresh, active contact."""
    @property
    def share(self) -> float:
        """covered / n."""
    @property
    def gaps(self) -> list[str]:
        """CBS codes of the municipalities without a fresh, active contact, largest first."""
    def gaps_to_dict(self) -> dict[str, list[Any]]:
        """The to-do list: municipalities without a fresh, active contact (public data: code, name,
        size, organisation, reason), as ``dict[str, list]``."""
    def gaps_to_pandas(self) -> pandas.DataFrame:
        """The to-do list as a pandas DataFrame."""
    def to_dict(self) -> dict[str, list[Any]]:
        """The result as columns, ``dict[str, list]``."""
    def to_pandas(self) -> pandas.DataFrame:
        """The result as a pandas DataFrame (pandas is imported on first use)."""
    def _repr_html_(self) -> str: ...

@final
class FieldworkRates:
    """AAPOR outcome rates and dispositions, overall and per stratum."""

    @property
    def by(self) -> str:
        """The stratification."""
    @property
    def as_of(self) -> datetime.date | None:
        """The date of the state (None: the log as it stands)."""
    @property
    def n(self) -> int:
        """Units counted (every disposition except not eligible)."""
    @property
    def rr1(self) -> float | None:
        """Response rate 1 (None when nothing is counted yet)."""
    @property
    def rr2(self) -> float | None:
        """Response rate 2 (partials count)."""
    @property
    def coop1(self) -> float | None:
        """Cooperation rate 1."""
    @property
    def coop2(self) -> float | None:
        """Cooperation rate 2."""
    @property
    def ref1(self) -> float | None:
        """Refusal rate 1."""
    @property
    def con1(self) -> float | None:
        """Contact rate 1."""
    @property
    def labels(self) -> list[str]:
        """Stratum labels."""
    @property
    def base(self) -> RateBaseName:
        """``"invited"`` (the issued sample) or ``"frame"`` (every municipality)."""
    @property
    def dispositions(self) -> dict[str, int]:
        """Overall disposition counts: ``complete``, ``partial``, ``refusal``, ``non_contact``,
        ``other``, ``unknown_unit``, ``unknown_other``, ``not_eligible``."""
    def to_dict(self) -> dict[str, list[Any]]:
        """The result as columns, ``dict[str, list]``."""
    def to_pandas(self) -> pandas.DataFrame:
        """The result as a pandas DataFrame (pandas is imported on first use)."""
    def _repr_html_(self) -> str: ...

@final
class Erasure:
    """The proof of an erasure (see :meth:`Study.erase`). It holds the person's removed rows, so that
    the team can answer their request: keep it out of analysis outputs."""

    @property
    def contact_ids(self) -> list[str]:
        """The ids of the removed contact records."""
    @property
    def contact_rows(self) -> list[dict[str, str]]:
        """The removed rows of the contacts file, column -> value."""
    @property
    def fieldwork_rows(self) -> list[dict[str, str]]:
        """The removed rows of the fieldwork log, column -> value."""
    @property
    def files_written(self) -> list[pathlib.Path]:
        """The working files rewritten without the person."""
    @property
    def files_regenerated(self) -> list[pathlib.Path]:
        """The published overviews in the folder written again without the person."""
    @property
    def files_removed(self) -> list[pathlib.Path]:
        """lomonitor's report outputs in the folder that held the person, removed."""
    @property
    def searched(self) -> list[tuple[pathlib.Path, Literal["text", "binary", "zip", "gzip", "symlink", "git", "other"], bool, str | None]]:
        """Every file and link searched: ``(path, kind, complete, note)``, kind one of ``"text"``,
        ``"binary"``, ``"zip"``, ``"gzip"``, ``"symlink"``, ``"git"``, ``"other"``."""
    @property
    def still_found(self) -> list[tuple[pathlib.Path, str | None, str]]:
        """Traces still found: ``(path, entry inside an archive or None, what was found)``."""
    @property
    def remaining(self) -> list[tuple[pathlib.Path, str, str | None]]:
        """Copies not searched (git history, links out, files searched in part):
        ``(path, what, command or None)``."""
    @property
    def complete(self) -> bool:
        """True when no trace was found and nothing remains unsearched."""

@final
class Reminders:
    """Whom to remind: pseudonymous contact ids with the municipalities still open."""

    @property
    def contact_ids(self) -> list[str]:
        """The pseudonymous contact ids, longest waiting first."""
    @property
    def as_of(self) -> datetime.date:
        """The reference date."""
    @property
    def days(self) -> int:
        """The minimum number of days since the last contact."""
    def __len__(self) -> int: ...
    def to_dict(self) -> dict[str, list[Any]]:
        """The result as columns, ``dict[str, list]``."""
    def to_pandas(self) -> pandas.DataFrame:
        """The result as a pandas DataFrame (pandas is imported on first use)."""
    def _repr_html_(self) -> str: ...

# ---------------------------------------------------------------------------------------------
# coded interviews

@final
class Codings:
    """The coded interviews of a study, as counts."""

    @property
    def interviews(self) -> list[str]:
        """The interview ids, in order."""
    @property
    def n_segments(self) -> int:
        """Number of segments."""
    @property
    def coders(self) -> list[str]:
        """The coders, in order of first appearance."""
    @property
    def codes(self) -> list[tuple[str, str, int]]:
        """The codebook's codes in tree order: ``(id, label, depth)``."""
    def __len__(self) -> int: ...
    def to_dict(self) -> dict[str, list[Any]]:
        """The result as columns, ``dict[str, list]``."""
    def to_pandas(self) -> pandas.DataFrame:
        """The result as a pandas DataFrame (pandas is imported on first use)."""
    def _repr_html_(self) -> str: ...

@final
class CodeFrequencies:
    """Code frequencies over the codebook's theme tree."""

    @property
    def n_interviews(self) -> int:
        """Number of interviews."""
    @property
    def n_segments(self) -> int:
        """Number of segments."""
    @property
    def merge(self) -> MergeName:
        """How double-coded segments were counted."""
    @property
    def codes(self) -> list[str]:
        """The code ids, in tree order."""
    @property
    def interviews(self) -> list[str]:
        """The interview ids, in the order of ``per_interview``'s rows."""
    @property
    def segments(self) -> npt.NDArray[numpy.uint64]:
        """Segments per code (rolled up)."""
    @property
    def interview_counts(self) -> npt.NDArray[numpy.uint64]:
        """Interviews mentioning each code."""
    @property
    def per_interview(self) -> npt.NDArray[numpy.uint64]:
        """Segments per interview (rows) and code (columns), rolled up."""
    def __len__(self) -> int: ...
    def to_dict(self) -> dict[str, list[Any]]:
        """The result as columns, ``dict[str, list]``."""
    def to_pandas(self) -> pandas.DataFrame:
        """The result as a pandas DataFrame (pandas is imported on first use)."""
    def _repr_html_(self) -> str: ...

@final
class CoOccurrence:
    """A symmetric co-occurrence matrix of codes or themes."""

    @property
    def codes(self) -> list[str]:
        """The codes (or themes): rows and columns."""
    @property
    def n(self) -> int:
        """Segments or interviews counted over."""
    @property
    def level(self) -> CodingLevelName:
        """``"code"`` or ``"theme"``."""
    @property
    def scope(self) -> ScopeName:
        """``"segment"`` or ``"interview"``."""
    @property
    def counts(self) -> npt.NDArray[numpy.uint64]:
        """``counts[a, b]``: units carrying both; the diagonal: units carrying the code."""
    def to_dict(self) -> dict[str, list[Any]]:
        """The result as columns, ``dict[str, list]``."""
    def to_pandas(self) -> pandas.DataFrame:
        """The result as a pandas DataFrame (pandas is imported on first use)."""
    def _repr_html_(self) -> str: ...

@final
class IntercoderAgreement:
    """Agreement of two coders: percent agreement and Cohen's kappa per code and overall."""

    @property
    def coders(self) -> tuple[str, str]:
        """The two coders."""
    @property
    def level(self) -> CodingLevelName:
        """``"code"`` or ``"theme"``."""
    @property
    def coefficient(self) -> str:
        """The coefficient, in words."""
    @property
    def n_segments(self) -> int:
        """Segments coded by both."""
    @property
    def n_interviews(self) -> int:
        """Interviews with such segments."""
    @property
    def n_codes_used(self) -> int:
        """Codes at least one coder used on these segments."""
    @property
    def percent_agreement(self) -> float | None:
        """Overall observed agreement (pooled over the used codes)."""
    @property
    def kappa(self) -> float | None:
        """Overall Cohen's kappa of the pooled table."""
    @property
    def mean_kappa(self) -> float | None:
        """Mean of the per-code kappas that are defined."""
    def __len__(self) -> int: ...
    def to_dict(self) -> dict[str, list[Any]]:
        """The result as columns, ``dict[str, list]``."""
    def to_pandas(self) -> pandas.DataFrame:
        """The result as a pandas DataFrame (pandas is imported on first use)."""
    def _repr_html_(self) -> str: ...

@final
class JointDisplay:
    """Interview themes against the categories of one questionnaire answer, with quotes."""

    @property
    def rows(self) -> list[str]:
        """The row ids (themes or codes)."""
    @property
    def categories(self) -> list[str]:
        """The answer categories (the item's options)."""
    @property
    def category_interviews(self) -> list[int]:
        """Interviews per category (the denominators)."""
    @property
    def n_interviews(self) -> int:
        """Interviews whose unit answered the item."""
    @property
    def without_answer(self) -> list[str]:
        """Interviews whose unit has no answer (left out)."""
    @property
    def level(self) -> CodingLevelName:
        """``"code"`` or ``"theme"``."""
    @property
    def quotes(self) -> list[list[str | None]]:
        """The pseudonymised quotes, rows x categories (None for empty cells)."""
    @property
    def item(self) -> str:
        """The item id of the columns."""
    @property
    def labels(self) -> list[str]:
        """The row labels."""
    @property
    def counts(self) -> npt.NDArray[numpy.uint64]:
        """Interviews per cell, rows x categories."""
    def to_dict(self) -> dict[str, list[Any]]:
        """The result as columns, ``dict[str, list]``."""
    def to_pandas(self) -> pandas.DataFrame:
        """The result as a pandas DataFrame (pandas is imported on first use)."""
    def _repr_html_(self) -> str: ...

# ---------------------------------------------------------------------------------------------
# lomonitor.stats: the result classes and the private functions behind ``lomonitor/stats.py``.
# The private functions take arrays already in their final dtype and layout (see stats.py).

_F64 = npt.NDArray[numpy.float64]
_U8 = npt.NDArray[numpy.uint8]
_INDEX = npt.NDArray[numpy.uintp]

@final
class ProportionEstimate:
    """A proportion x / n with its standard error and confidence interval."""

    @property
    def estimate(self) -> float:
        """The proportion x / n."""
    @property
    def se(self) -> float:
        """Standard error sqrt((1 - n/N) p (1 - p) / n)."""
    @property
    def lower(self) -> float:
        """Lower bound of the interval."""
    @property
    def upper(self) -> float:
        """Upper bound of the interval."""
    @property
    def level(self) -> float:
        """Confidence level."""
    @property
    def method(self) -> CiMethodName:
        """The interval method, e.g. ``"wilson"``."""
    @property
    def x(self) -> int:
        """Number of successes."""
    @property
    def n(self) -> int:
        """Sample size."""
    @property
    def population(self) -> int | None:
        """Population size, when given."""
    @property
    def degenerate(self) -> bool:
        """Whether the interval has zero width because the method breaks down."""
    @property
    def degenerate_reason(self) -> str | None:
        """Why the interval is degenerate."""
    def to_dict(self) -> dict[str, list[Any]]:
        """The result as columns, ``dict[str, list]``."""
    def to_pandas(self) -> pandas.DataFrame:
        """The result as a pandas DataFrame (pandas is imported on first use)."""
    def _repr_html_(self) -> str: ...

@final
class SurveyEstimate:
    """A design-based (weighted, stratified) mean or proportion."""

    @property
    def estimate(self) -> float:
        """The weighted (Hájek) mean or proportion."""
    @property
    def se(self) -> float:
        """Taylor-linearized standard error."""
    @property
    def lower(self) -> float:
        """Lower bound of the interval."""
    @property
    def upper(self) -> float:
        """Upper bound of the interval."""
    @property
    def level(self) -> float:
        """Confidence level."""
    @property
    def df(self) -> float:
        """Degrees of freedom n - H."""
    @property
    def n(self) -> int:
        """Number of observations."""
    @property
    def n_strata(self) -> int:
        """Strata holding observations."""
    @property
    def sum_weights(self) -> float:
        """Sum of the weights."""
    @property
    def deff(self) -> float | None:
        """Kish's design effect against SRSWOR, or None."""
    @property
    def method(self) -> SurveyCiMethodName | None:
        """The interval method of a proportion (None for a mean)."""
    @property
    def fpc(self) -> bool:
        """Whether a stratum fpc was applied."""
    @property
    def degenerate(self) -> bool:
        """Whether the interval has zero width because the method breaks down."""
    @property
    def degenerate_reason(self) -> str | None:
        """Why the interval is degenerate."""
    def to_dict(self) -> dict[str, list[Any]]:
        """The result as columns, ``dict[str, list]``."""
    def to_pandas(self) -> pandas.DataFrame:
        """The result as a pandas DataFrame (pandas is imported on first use)."""
    def _repr_html_(self) -> str: ...

@final
class FrequencyTable:
    """A frequency table in the SPSS FREQUENCIES layout."""

    @property
    def n_total(self) -> float:
        """Total count (sum of weights when weighted)."""
    @property
    def n_valid(self) -> float:
        """Count in valid levels."""
    @property
    def n_missing(self) -> float:
        """Count in missing levels."""
    @property
    def weighted(self) -> bool:
        """Whether the counts are sums of weights."""
    @property
    def kinds(self) -> list[LevelKindName]:
        """The kind of each level: ``"valid"``, ``"user_missing"`` or ``"unanswered"``."""
    @property
    def counts(self) -> _F64:
        """Count (sum of weights) per level."""
    @property
    def percent(self) -> _F64:
        """Percentage of all observations per level."""
    @property
    def valid_percent(self) -> _F64:
        """Percentage of the valid observations per level (NaN for missing levels)."""
    @property
    def cumulative_valid_percent(self) -> _F64:
        """Cumulative valid percentage per level (NaN for missing levels)."""
    def __len__(self) -> int: ...
    def to_dict(self) -> dict[str, list[Any]]:
        """The result as columns, ``dict[str, list]``."""
    def to_pandas(self) -> pandas.DataFrame:
        """The result as a pandas DataFrame (pandas is imported on first use)."""
    def _repr_html_(self) -> str: ...

@final
class Descriptives:
    """Descriptive statistics of one numeric or Likert item."""

    @property
    def n(self) -> int:
        """Valid (non-missing) observations."""
    @property
    def missing(self) -> int:
        """Missing observations (NaN or None in the input)."""
    @property
    def sum_weights(self) -> float:
        """Sum of the weights of the valid observations."""
    @property
    def weighted(self) -> bool:
        """Whether weights were used."""
    @property
    def mean(self) -> float:
        """(Weighted) mean."""
    @property
    def sd(self) -> float | None:
        """Standard deviation (n - 1); None when n = 1."""
    @property
    def se(self) -> float | None:
        """Standard error of the mean with fpc; None when n = 1."""
    @property
    def lower(self) -> float | None:
        """Lower bound of the t interval of the mean; None when n = 1."""
    @property
    def upper(self) -> float | None:
        """Upper bound of the t interval of the mean; None when n = 1."""
    @property
    def level(self) -> float | None:
        """Confidence level of the interval; None when n = 1."""
    @property
    def median(self) -> float:
        """Median."""
    @property
    def q1(self) -> float:
        """First quartile."""
    @property
    def q3(self) -> float:
        """Third quartile."""
    @property
    def min(self) -> float:
        """Smallest value."""
    @property
    def max(self) -> float:
        """Largest value."""
    @property
    def top_box_percent(self) -> float | None:
        """Percentage of valid observations in the top codes; None without top codes."""
    @property
    def quantile_method(self) -> QuantileMethodName:
        """The quantile definition, ``"linear"`` or ``"spss"``."""
    @property
    def population(self) -> int | None:
        """Population size used for the fpc."""
    @property
    def distribution(self) -> dict[str, list[float]]:
        """Every distinct value with its count and percentage: ``{"value": [...], "count": [...],
        "percent": [...]}``."""
    def to_dict(self) -> dict[str, list[Any]]:
        """The result as columns, ``dict[str, list]``."""
    def to_pandas(self) -> pandas.DataFrame:
        """The result as a pandas DataFrame (pandas is imported on first use)."""
    def _repr_html_(self) -> str: ...

@final
class MultipleResponse:
    """A multiple-response (check all that apply) table."""

    @property
    def n_asked(self) -> int:
        """Respondents asked (unweighted)."""
    @property
    def n_not_asked(self) -> int:
        """Respondents not asked."""
    @property
    def base(self) -> float:
        """The base: respondents asked (sum of weights when weighted)."""
    @property
    def mentions(self) -> float:
        """Total mentions."""
    @property
    def respondents_with_mention(self) -> float:
        """Respondents asked who chose at least one option."""
    @property
    def weighted(self) -> bool:
        """Whether weights were used."""
    @property
    def counts(self) -> _F64:
        """Count (sum of weights) per option."""
    @property
    def percent_of_respondents(self) -> _F64:
        """Percentage of the respondents asked, per option."""
    @property
    def percent_of_mentions(self) -> _F64:
        """Percentage of all mentions, per option (NaN when nobody mentioned anything)."""
    def __len__(self) -> int: ...
    def to_dict(self) -> dict[str, list[Any]]:
        """The result as columns, ``dict[str, list]``."""
    def to_pandas(self) -> pandas.DataFrame:
        """The result as a pandas DataFrame (pandas is imported on first use)."""
    def _repr_html_(self) -> str: ...

@final
class Ranking:
    """A ranking table: mean rank, % first and % in the top k per option."""

    @property
    def top_k(self) -> int:
        """The k of "top k"."""
    @property
    def n_asked(self) -> int:
        """Respondents asked (unweighted)."""
    @property
    def n_not_asked(self) -> int:
        """Respondents not asked."""
    @property
    def base(self) -> float:
        """The base (sum of weights when weighted)."""
    @property
    def weighted(self) -> bool:
        """Whether weights were used."""
    @property
    def mean_rank(self) -> _F64:
        """Mean rank per option (NaN when nobody ranked it)."""
    @property
    def percent_first(self) -> _F64:
        """Percentage ranked first, per option."""
    @property
    def percent_top_k(self) -> _F64:
        """Percentage ranked within the top k, per option."""
    def __len__(self) -> int: ...
    def to_dict(self) -> dict[str, list[Any]]:
        """The result as columns, ``dict[str, list]``."""
    def to_pandas(self) -> pandas.DataFrame:
        """The result as a pandas DataFrame (pandas is imported on first use)."""
    def _repr_html_(self) -> str: ...

@final
class Weights:
    """A set of weights, one per respondent, with Kish's design effect and effective sample size."""

    @property
    def n(self) -> int:
        """Number of respondents."""
    @property
    def total(self) -> float:
        """Sum of the weights."""
    @property
    def kish_design_effect(self) -> float:
        """Kish's design effect n sum w² / (sum w)²."""
    @property
    def effective_sample_size(self) -> float:
        """Kish's effective sample size (sum w)² / sum w²."""
    @property
    def method(self) -> WeightMethodName:
        """``"poststratification"``, ``"raking"`` or ``"trimming"``."""
    @property
    def weights(self) -> _F64:
        """The weights as a float64 array, in the respondents' order."""
    def __len__(self) -> int: ...
    def to_dict(self) -> dict[str, list[Any]]:
        """The result as columns, ``dict[str, list]``."""
    def to_pandas(self) -> pandas.DataFrame:
        """The result as a pandas DataFrame (pandas is imported on first use)."""
    def _repr_html_(self) -> str: ...

@final
class RakeResult:
    """The result of raking: the weights, whether raking converged, and how far off it is."""

    @property
    def weights(self) -> Weights:
        """The raked weights."""
    @property
    def iterations(self) -> int:
        """Full cycles over the margins that were run."""
    @property
    def converged(self) -> bool:
        """Whether every margin is within the tolerance of its targets. When False the weights
        do NOT reproduce the margins."""
    @property
    def max_abs_deviation(self) -> float:
        """The largest |weighted category total - target| after the last cycle."""
    @property
    def tolerance(self) -> float:
        """The tolerance asked for."""
    @property
    def max_iterations(self) -> int:
        """The largest number of cycles allowed."""
    def to_dict(self) -> dict[str, list[Any]]:
        """The result as columns, ``dict[str, list]``."""
    def to_pandas(self) -> pandas.DataFrame:
        """The result as a pandas DataFrame (pandas is imported on first use)."""
    def _repr_html_(self) -> str: ...

@final
class TrimResult:
    """The result of trimming weights."""

    @property
    def weights(self) -> Weights:
        """The trimmed weights."""
    @property
    def n_trimmed_lower(self) -> int:
        """Weights set to the lower bound."""
    @property
    def n_trimmed_upper(self) -> int:
        """Weights set to the upper bound."""
    @property
    def total_before(self) -> float:
        """Sum of the weights before trimming."""
    @property
    def factor(self) -> float:
        """The common factor applied before capping (1 without keep_total)."""
    @property
    def keep_total(self) -> bool:
        """Whether the total was kept."""
    def to_dict(self) -> dict[str, list[Any]]:
        """The result as columns, ``dict[str, list]``."""
    def to_pandas(self) -> pandas.DataFrame:
        """The result as a pandas DataFrame (pandas is imported on first use)."""
    def _repr_html_(self) -> str: ...

@final
class ChiSquareTest:
    """Pearson's chi-square test of independence with G², Cramér's V and Cochran's check."""

    @property
    def statistic(self) -> float:
        """Pearson's X²."""
    @property
    def df(self) -> int:
        """Degrees of freedom over the non-empty rows and columns."""
    @property
    def p_value(self) -> float:
        """Upper-tail p-value of X²."""
    @property
    def likelihood_ratio(self) -> float:
        """Likelihood-ratio statistic G²."""
    @property
    def likelihood_ratio_p_value(self) -> float:
        """Upper-tail p-value of G²."""
    @property
    def cramers_v(self) -> float:
        """Cramér's V."""
    @property
    def n_cells(self) -> int:
        """Tested cells."""
    @property
    def n_expected_below_5(self) -> int:
        """Tested cells with an expected count below 5."""
    @property
    def share_expected_below_5(self) -> float:
        """Share of tested cells with an expected count below 5."""
    @property
    def min_expected(self) -> float:
        """Smallest expected count."""
    @property
    def small_expected_warning(self) -> bool:
        """Cochran's rule is broken (the chi-square approximation is doubtful)."""
    def to_dict(self) -> dict[str, list[Any]]:
        """The result as columns, ``dict[str, list]``."""
    def to_pandas(self) -> pandas.DataFrame:
        """The result as a pandas DataFrame (pandas is imported on first use)."""
    def _repr_html_(self) -> str: ...

@final
class FisherExact:
    """Fisher's exact test for a 2x2 table (two-sided)."""

    @property
    def p_value(self) -> float:
        """Two-sided p-value."""
    @property
    def odds_ratio(self) -> float | None:
        """Sample odds ratio ad / bc; None when bc = 0."""
    def to_dict(self) -> dict[str, list[Any]]:
        """The result as columns, ``dict[str, list]``."""
    def to_pandas(self) -> pandas.DataFrame:
        """The result as a pandas DataFrame (pandas is imported on first use)."""
    def _repr_html_(self) -> str: ...

@final
class Crosstab:
    """A two-way table with percentages, expected counts and tests."""

    @property
    def n_rows(self) -> int:
        """Number of row levels."""
    @property
    def n_cols(self) -> int:
        """Number of column levels."""
    @property
    def n(self) -> int:
        """Respondents (unweighted)."""
    @property
    def weighted(self) -> bool:
        """Whether weights were given."""
    @property
    def total(self) -> float:
        """Sum of the weights (n when unweighted)."""
    @property
    def empty_rows(self) -> list[int]:
        """Rows with total 0, left out of the tests."""
    @property
    def empty_cols(self) -> list[int]:
        """Columns with total 0, left out of the tests."""
    @property
    def chi_square(self) -> ChiSquareTest | None:
        """Pearson's test; None with fewer than two non-empty rows or columns."""
    @property
    def fisher(self) -> FisherExact | None:
        """Fisher's exact test, for an unweighted 2x2 table only."""
    @property
    def counts(self) -> _F64:
        """Weighted counts, ``n_rows x n_cols``."""
    @property
    def unweighted_counts(self) -> npt.NDArray[numpy.uint64]:
        """Unweighted counts, ``n_rows x n_cols``."""
    @property
    def row_percent(self) -> _F64:
        """Row percentages (NaN in an empty row)."""
    @property
    def col_percent(self) -> _F64:
        """Column percentages (NaN in an empty column)."""
    @property
    def total_percent(self) -> _F64:
        """Percentages of the total."""
    @property
    def expected(self) -> _F64:
        """Expected counts under independence."""
    @property
    def row_totals(self) -> _F64:
        """Row totals."""
    @property
    def col_totals(self) -> _F64:
        """Column totals."""
    def to_dict(self) -> dict[str, list[Any]]:
        """The result as columns, ``dict[str, list]``."""
    def to_pandas(self) -> pandas.DataFrame:
        """The result as a pandas DataFrame (pandas is imported on first use)."""
    def _repr_html_(self) -> str: ...

@final
class RaoScott:
    """The Rao-Scott corrected chi-square test for a weighted, stratified table."""

    @property
    def n(self) -> int:
        """Respondents."""
    @property
    def n_strata(self) -> int:
        """Strata with respondents."""
    @property
    def design_df(self) -> int:
        """Design degrees of freedom (respondents - strata)."""
    @property
    def df(self) -> int:
        """Degrees of freedom (r' - 1)(c' - 1)."""
    @property
    def pearson(self) -> float:
        """Pearson's X² of the weighted table rescaled to n."""
    @property
    def mean_deff(self) -> float:
        """Mean generalized design effect."""
    @property
    def first_order_statistic(self) -> float:
        """First-order corrected statistic."""
    @property
    def first_order_p_value(self) -> float:
        """Its p-value under chi-square(df)."""
    @property
    def f_statistic(self) -> float:
        """Second-order F statistic."""
    @property
    def f_df_num(self) -> float:
        """Numerator degrees of freedom of F."""
    @property
    def f_df_den(self) -> float:
        """Denominator degrees of freedom of F."""
    @property
    def f_p_value(self) -> float:
        """p-value of F."""
    @property
    def empty_rows(self) -> list[int]:
        """Rows with weighted total 0, left out."""
    @property
    def empty_cols(self) -> list[int]:
        """Columns with weighted total 0, left out."""
    @property
    def fpc(self) -> bool:
        """Whether a finite population correction was applied."""
    def to_dict(self) -> dict[str, list[Any]]:
        """The result as columns, ``dict[str, list]``."""
    def to_pandas(self) -> pandas.DataFrame:
        """The result as a pandas DataFrame (pandas is imported on first use)."""
    def _repr_html_(self) -> str: ...

@final
class GoodnessOfFit:
    """Chi-square goodness-of-fit test of the respondents' strata against the frame."""

    @property
    def statistic(self) -> float:
        """Pearson's X²."""
    @property
    def df(self) -> int:
        """Degrees of freedom."""
    @property
    def p_value(self) -> float:
        """Upper-tail p-value."""
    @property
    def n_expected_below_5(self) -> int:
        """Strata with an expected count below 5."""
    @property
    def min_expected(self) -> float:
        """Smallest expected count."""
    @property
    def small_expected_warning(self) -> bool:
        """Some expected count is below 5."""
    def to_dict(self) -> dict[str, list[Any]]:
        """The result as columns, ``dict[str, list]``."""
    def to_pandas(self) -> pandas.DataFrame:
        """The result as a pandas DataFrame (pandas is imported on first use)."""
    def _repr_html_(self) -> str: ...

@final
class Representativeness:
    """Response rates per stratum and a goodness-of-fit test against the frame."""

    @property
    def n(self) -> int:
        """Respondents."""
    @property
    def population(self) -> int:
        """Population size."""
    @property
    def response_rate(self) -> float:
        """Overall response rate n / N."""
    @property
    def goodness_of_fit(self) -> GoodnessOfFit | None:
        """The goodness-of-fit test; None with fewer than two populated strata."""
    @property
    def response_rates(self) -> _F64:
        """Response rate per stratum (NaN where N_h = 0)."""
    @property
    def representation_ratios(self) -> _F64:
        """Representation ratio per stratum (NaN where N_h = 0)."""
    def __len__(self) -> int: ...
    def to_dict(self) -> dict[str, list[Any]]:
        """The result as columns, ``dict[str, list]``."""
    def to_pandas(self) -> pandas.DataFrame:
        """The result as a pandas DataFrame (pandas is imported on first use)."""
    def _repr_html_(self) -> str: ...

@final
class Suppression:
    """The suppression pattern of a table of counts."""

    @property
    def n_rows(self) -> int:
        """Number of rows."""
    @property
    def n_cols(self) -> int:
        """Number of columns."""
    @property
    def n_primary(self) -> int:
        """Primary suppressions."""
    @property
    def n_secondary(self) -> int:
        """Secondary suppressions."""
    @property
    def row_total_suppressed(self) -> list[bool]:
        """Row totals that must be withheld."""
    @property
    def col_total_suppressed(self) -> list[bool]:
        """Column totals that must be withheld."""
    @property
    def status(self) -> list[list[CellStatusName]]:
        """The status of each cell, row by row: ``"published"``, ``"primary"``, ``"secondary"``."""
    @property
    def threshold(self) -> int:
        """Cells with a count in 1..threshold are suppressed."""
    @property
    def zero_is_disclosive(self) -> bool:
        """Whether a count of 0 is disclosive."""
    @property
    def totals_published(self) -> bool:
        """Whether totals are published (secondary suppression applied)."""
    @property
    def mask(self) -> npt.NDArray[numpy.bool_]:
        """True where a cell is withheld, ``n_rows x n_cols``."""
    def apply(self, values: Any) -> _F64:
        """Apply the pattern to values of the same table (weighted counts, percentages):
        a float array ``n_rows x n_cols`` with NaN where the cell is withheld."""
    def to_dict(self) -> dict[str, list[Any]]:
        """The result as columns, ``dict[str, list]``."""
    def to_pandas(self) -> pandas.DataFrame:
        """The result as a pandas DataFrame (pandas is imported on first use)."""
    def _repr_html_(self) -> str: ...

@final
class ScaleReliability:
    """Reliability of a multi-item scale: Cronbach's alpha with Feldt's interval and item statistics."""

    @property
    def k(self) -> int:
        """Number of items."""
    @property
    def n_rows(self) -> int:
        """Respondents (rows) given."""
    @property
    def n(self) -> int:
        """Respondents used."""
    @property
    def n_missing(self) -> int:
        """Missing answers among the rows given."""
    @property
    def missing(self) -> MissingName:
        """``"listwise"`` or ``"pairwise"``."""
    @property
    def alpha(self) -> float:
        """Cronbach's alpha."""
    @property
    def lower(self) -> float:
        """Lower bound of Feldt's interval."""
    @property
    def upper(self) -> float:
        """Upper bound of Feldt's interval."""
    @property
    def level(self) -> float:
        """Confidence level."""
    @property
    def standardized_alpha(self) -> float | None:
        """Standardized alpha (None if an item is constant)."""
    @property
    def mean_inter_item_correlation(self) -> float | None:
        """Mean inter-item correlation (None if an item is constant)."""
    @property
    def weighted_alpha(self) -> float | None:
        """Design-weighted alpha (R survey svycralpha) when weights were given."""
    @property
    def method(self) -> str:
        """A description of the method."""
    @property
    def alpha_if_deleted(self) -> _F64:
        """Alpha if the item is deleted, per item (NaN where undefined)."""
    @property
    def item_total_correlation(self) -> _F64:
        """Corrected item-total correlation, per item (NaN where undefined)."""
    def to_dict(self) -> dict[str, list[Any]]:
        """The result as columns, ``dict[str, list]``."""
    def to_pandas(self) -> pandas.DataFrame:
        """The result as a pandas DataFrame (pandas is imported on first use)."""
    def _repr_html_(self) -> str: ...

@final
class Agreement:
    """An agreement coefficient with its standard error and interval."""

    @property
    def coefficient(self) -> CoefficientName:
        """``"percent_agreement"``, ``"cohen_kappa"``, ``"fleiss_kappa"``,
        ``"brennan_prediger"``, ``"gwet_ac1"`` or ``"krippendorff_alpha"``."""
    @property
    def measurement_level(self) -> MeasurementLevelName | None:
        """The level of measurement of Krippendorff's alpha (None for the others)."""
    @property
    def estimate(self) -> float:
        """The estimate."""
    @property
    def se(self) -> float | None:
        """Standard error (None with fewer than 2 units)."""
    @property
    def lower(self) -> float | None:
        """Lower bound of the interval."""
    @property
    def upper(self) -> float | None:
        """Upper bound of the interval."""
    @property
    def level(self) -> float | None:
        """Confidence level of the interval."""
    @property
    def observed_agreement(self) -> float:
        """Observed agreement pa."""
    @property
    def chance_agreement(self) -> float:
        """Chance agreement pe."""
    @property
    def n_units(self) -> int:
        """Units with at least one code."""
    @property
    def n_pairable_units(self) -> int:
        """Units coded by at least two coders."""
    @property
    def n_units_uncoded(self) -> int:
        """Units nobody coded (dropped)."""
    @property
    def n_coders(self) -> int:
        """Coders."""
    @property
    def n_missing(self) -> int:
        """Missing cells among the coded units."""
    @property
    def n_categories(self) -> int:
        """Categories used for the chance agreement."""
    @property
    def method(self) -> str:
        """How the estimate, SE and interval were computed."""
    def to_dict(self) -> dict[str, list[Any]]:
        """The result as columns, ``dict[str, list]``."""
    def to_pandas(self) -> pandas.DataFrame:
        """The result as a pandas DataFrame (pandas is imported on first use)."""
    def _repr_html_(self) -> str: ...

def _stats_count_codes(codes: _U8, n_levels: int) -> npt.NDArray[numpy.uint64]: ...
def _stats_weighted_counts(codes: _U8, n_levels: int, weights: _F64 | None) -> _F64: ...
def _stats_frequency_table(codes: _U8, kinds: list[LevelKindName], weights: _F64 | None) -> FrequencyTable: ...
def _stats_proportion_ci(x: int, n: int, level: float, method: CiMethodName, population: int | None) -> ProportionEstimate: ...
def _stats_survey_mean(
    y: _F64, weights: _F64, strata: _INDEX | None, stratum_population: _F64 | None, level: float
) -> SurveyEstimate: ...
def _stats_survey_proportion(
    y: _U8, weights: _F64, strata: _INDEX | None, stratum_population: _F64 | None, level: float, method: SurveyCiMethodName
) -> SurveyEstimate: ...
def _stats_describe(
    values: _F64,
    weights: _F64 | None,
    level: float,
    quantile_method: QuantileMethodName,
    population: int | None,
    top_codes: list[float],
) -> Descriptives:
    """`values`: NaN is missing (`None` for the core); infinities go through and are rejected there."""
def _stats_multiple_response(
    data: _U8, asked: npt.NDArray[numpy.bool_] | None, weights: _F64 | None
) -> MultipleResponse: ...
def _stats_ranking(data: _U8, top_k: int, asked: npt.NDArray[numpy.bool_] | None, weights: _F64 | None) -> Ranking: ...
def _stats_poststratify(strata: _INDEX, population_counts: _F64, base: _F64 | None) -> Weights: ...
def _stats_rake(
    codes: list[_INDEX], targets: list[_F64], base: _F64 | None, tolerance: float, max_iterations: int
) -> RakeResult: ...
def _stats_trim(weights: _F64, lower: float | None, upper: float | None, keep_total: bool) -> TrimResult: ...
def _stats_kish_design_effect(weights: _F64) -> float: ...
def _stats_effective_sample_size(weights: _F64) -> float: ...
def _stats_crosstab(rows: _U8, n_rows: int, cols: _U8, n_cols: int, weights: _F64 | None) -> Crosstab: ...
def _stats_fisher_exact_2x2(a: int, b: int, c: int, d: int) -> FisherExact: ...
def _stats_fisher_exact_test(a: int, b: int, c: int, d: int, alternative: AlternativeName) -> float:
    """Fisher's exact test of the 2x2 table [[a, b], [c, d]] in log space (any N)."""
def _stats_fisher_rxc(table: list[int], n_rows: int, n_cols: int, replicates: int, seed: int) -> dict[str, Any]:
    """Fisher-Freeman-Halton r x c test by seeded Monte Carlo: p_value, mc_standard_error,
    statistic, replicates, seed."""
def _stats_odds_ratio_2x2(a: int, b: int, c: int, d: int, level: float) -> dict[str, Any]:
    """Sample odds ratio with Woolf's interval, conditional MLE with its exact interval."""
def _stats_adjust_p(p: list[float], method: PAdjustName) -> list[float]:
    """Holm or Benjamini-Hochberg adjusted p-values, in the input order."""
def _stats_rake_with(
    codes: list[_INDEX], targets: list[_F64], base: _F64 | None, relative_tolerance: float, max_iterations: int
) -> RakeResult:
    """Raking to a tolerance relative to the margin total; NotConverged is an error."""
def _stats_survey_domain(
    y: _F64,
    weights: _F64,
    domain: npt.NDArray[numpy.bool_],
    strata: _INDEX | None,
    stratum_population: _F64 | None,
    level: float,
    df: DomainDfName,
    method: SurveyCiMethodName | None,
) -> SurveyEstimate:
    """A domain mean (method None) or proportion within the full design."""
def _stats_rao_scott(
    rows: _U8,
    n_rows: int,
    cols: _U8,
    n_cols: int,
    weights: _F64,
    strata: _INDEX | None,
    population_sizes: _F64 | None,
) -> RaoScott: ...
def _stats_representativeness(
    respondents: npt.NDArray[numpy.uint64], population: npt.NDArray[numpy.uint64]
) -> Representativeness: ...
def _stats_suppress(
    counts: npt.NDArray[numpy.uint64], threshold: int, zero_is_disclosive: bool, totals_published: bool
) -> Suppression: ...
def _stats_scale_reliability(items: _F64, weights: _F64 | None, missing: MissingName, level: float) -> ScaleReliability:
    """`items`: rows = respondents, columns = items; NaN is missing."""
def _stats_agreement(
    data: _F64,
    coefficient: CoefficientName,
    level: float,
    population: float | None,
    categories: list[int] | None,
    measurement: MeasurementLevelName,
    bootstrap: int | None,
    seed: int,
) -> Agreement:
    """Every agreement coefficient. `data`: rows = units, columns = coders; NaN is missing.
    `coefficient` is the Python function's name; `measurement`, `bootstrap` and `seed` are used by
    Krippendorff's alpha only."""

# benchmarks and bulk analysis (crates/lomonitor-py/src/bench_api.rs): whole 2-D uint8 arrays of
# codes (respondents x items; Fortran order is borrowed without a copy)
_U8_2D = npt.NDArray[numpy.uint8]

def _bench_count_columns(codes: _U8_2D, n_levels: list[int]) -> npt.NDArray[numpy.uint64]:
    """Counts of every item: `(n_items, max(n_levels))` `uint64`, 0 beyond an item's levels."""
def _bench_weighted_count_columns(codes: _U8_2D, n_levels: list[int], weights: _F64) -> _F64:
    """Weighted counts of every item: `(n_items, max(n_levels))` `float64`, 0 beyond an item's levels."""
def _bench_crosstab_columns(
    codes: _U8_2D, n_levels: list[int], group: _U8, n_groups: int
) -> npt.NDArray[numpy.uint64]:
    """Counts of every item by a group: `(n_items, max(n_levels), n_groups)` `uint64`."""
def _bench_survey_proportions(
    codes: _U8_2D, n_levels: list[int], weights: _F64, level: float = 0.95, method: SurveyCiMethodName = "logit"
) -> tuple[_F64, _F64, _F64, _F64]:
    """Design-based proportions of every level of every item: `(estimate, se, lower, upper)`, each
    `(n_items, max(n_levels))` `float64`, NaN beyond an item's levels (padding only)."""
def _bench_read_floor(codes: _U8_2D) -> int:
    """One read of every byte of the array (xor of its 8-byte words), on the cores the counting
    uses: the memory floor the counting functions are compared with."""
def _bench_cronbach_alpha(codes: _U8_2D) -> float:
    """Cronbach's alpha of the items (columns), listwise, unweighted: the codes are the values,
    read in place (one blocked pass, no conversion to floats)."""
def _bench_krippendorff_alpha(codes: _F64) -> float:
    """Krippendorff's alpha (nominal) of a units x coders `float64` matrix, NaN = not coded."""
def _bench_rake(codes: _U8_2D, targets: list[list[float]], tolerance: float, max_iterations: int) -> _F64:
    """Raking of unit base weights to the margins (the `uint8` columns of `codes`, read in place)
    with the given population totals per category: the raked weights."""
def _bench_import_csv(text: str, questionnaire_toml: str, several_per_unit: bool = False) -> dict[str, int]:
    """Import response CSV text (lomonitor layout) against a questionnaire given as TOML text, with
    the full validation, against the embedded frame. Returns counts and the store's size.
    `several_per_unit`: keep every response of a unit (a staff survey), as
    `ImportOptions::several_per_unit`."""

def questionnaire_from_limesurvey(path: str | os.PathLike[str]) -> tuple[Questionnaire, list[dict[str, str]]]:
    """Read a LimeSurvey `.lss` (current and pre-l10ns layouts) as a draft questionnaire.

    Returns the draft and what could not be mapped, each a dict with `code`, `kind` and `reason`.
    """

def questionnaire_from_qualtrics(path: str | os.PathLike[str]) -> tuple[Questionnaire, list[dict[str, str]]]:
    """Read a Qualtrics `.qsf` as a draft questionnaire.

    Returns the draft and what could not be mapped, each a dict with `code`, `kind` and `reason`.
    """

def _cli_main(argv: list[str]) -> int:
    """Run the ``lomonitor`` command with ``argv`` (program name first) and return its exit code:
    0 ok, 1 findings or errors in the user's files, 2 wrong usage."""

@final
class ArchiveFiles:
    """The files of the archive export."""

    @property
    def csv(self) -> pathlib.Path:
        """The responses, wide CSV."""
    @property
    def codebook(self) -> pathlib.Path:
        """The codebook in Markdown."""
    @property
    def ddi(self) -> pathlib.Path:
        """The codebook as DDI Codebook 2.5 XML."""
    @property
    def spss(self) -> pathlib.Path:
        """SPSS syntax that reads the CSV."""

@final
class InterviewSample:
    """A stratified random sample of municipalities to interview, reproducible from its seed."""

    @property
    def stratification(self) -> str:
        """The stratification, e.g. ``size_class``."""
    @property
    def n(self) -> int:
        """The sample size asked for."""
    @property
    def seed(self) -> int:
        """The seed."""
    @property
    def codes(self) -> list[str]:
        """The municipality codes drawn, in order."""
    @property
    def strata(self) -> list[tuple[str, int, int]]:
        """Per stratum: its label, population N_h and allocated n_h."""
    def to_dict(self) -> dict[str, list[str]]:
        """The drawn units as columns: ``code``, ``name``, ``stratum``, ``rank``."""
    def __len__(self) -> int: ...

@final
class ContactMerge:
    """What merging two contact records did; ``repr`` shows ids and counts only."""

    @property
    def kept(self) -> str:
        """The contact id that remains."""
    @property
    def removed(self) -> str:
        """The contact id merged into it and removed."""
    @property
    def filled(self) -> list[str]:
        """The columns filled from (or combined with) the removed contact."""
    @property
    def conflicts(self) -> list[tuple[str, str, str, str]]:
        """Columns where the two disagreed: (column, kept value, other value, resolution); personal data."""
    @property
    def fieldwork_rows_moved(self) -> int:
        """Fieldwork rows moved from the removed id to the kept one."""
    @property
    def files_written(self) -> list[pathlib.Path]:
        """The files rewritten."""

@final
class Codebook:
    """A codebook for coding interviews: codes in a hierarchy, each with its label."""

    def write_qdc(self, path: str | os.PathLike[str], *, language: LanguageName | None = None) -> None:
        """Write the codebook as a REFI-QDA codebook (``.qdc``, the exchange format of MAXQDA,
        ATLAS.ti and NVivo), with the labels in ``language`` (Dutch by default)."""
    @staticmethod
    def load(path: str | os.PathLike[str]) -> Codebook:
        """Read a codebook from a ``.toml`` or ``.json`` file."""
    @property
    def id(self) -> str:
        """The id."""
    @property
    def version(self) -> str:
        """The version."""
    @property
    def title(self) -> str:
        """The title (Dutch)."""
    @property
    def codes(self) -> list[str]:
        """The code ids, in order."""
    def to_dict(self) -> dict[str, list[Any]]:
        """The codes as columns: ``id``, ``label``, ``parent`` (empty for a top-level code), ``codable``."""
    def __len__(self) -> int: ...
    def __contains__(self, key: str, /) -> bool: ...

@final
class InterviewGuide:
    """An interview guide: topics with their questions, probes and codes."""

    @staticmethod
    def load(path: str | os.PathLike[str]) -> InterviewGuide:
        """Read an interview guide from a ``.toml`` or ``.json`` file."""
    @property
    def id(self) -> str:
        """The id."""
    @property
    def version(self) -> str:
        """The version."""
    @property
    def title(self) -> str:
        """The title (Dutch)."""
    @property
    def topics(self) -> list[str]:
        """The topic ids, in order."""
    def to_dict(self) -> dict[str, list[Any]]:
        """The questions as columns: ``topic``, ``question``, ``text``, ``probes`` (their number)."""
    def __len__(self) -> int: ...

@final
class QdaProject:
    """A REFI-QDA project read from a ``.qdpx``."""

    @property
    def name(self) -> str | None:
        """The project's name attribute."""
    @property
    def unmapped_codes(self) -> list[str]:
        """Codes of the project that map to no code of the given codebook and were applied to no segment."""
    @property
    def codebook(self) -> Codebook:
        """The codebook (the one given to :func:`read_qdpx`, or the project's own)."""
    @property
    def codings(self) -> Codings:
        """The coded segments."""

def read_qdpx(path: str | os.PathLike[str], codebook: Codebook | None = None) -> QdaProject:
    """Read a REFI-QDA project (``.qdpx``), mapping its codes to ``codebook`` when given."""

def read_qdc(path: str | os.PathLike[str]) -> Codebook:
    """Read a REFI-QDA codebook (``.qdc``)."""
