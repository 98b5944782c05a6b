"""lomonitor: descriptive mixed-methods studies of Dutch municipalities.

The population frame (all municipalities, strata, werkorganisaties), contacts and fieldwork,
instruments and responses, and the finite-population statistics a report needs::

    import lomonitor as lm
    frame = lm.register()                 # the CBS register carried by the package
    frame.strata("size_class")            # N_h per stratum
    study = lm.Study.load("examples/study")
    study.validation_report               # every problem of the responses, with line and column
    study.frequencies("visie")            # labelled tables; .to_pandas(), _repr_html_
    study.proportions("visie", ci="wilson", weights="poststratify:size_class")
    study.crosstab("visie", by="size_class", suppress_below=5)
    pyarrow.table(study.responses)        # the responses through the Arrow PyCapsule interface
    lm.stats.proportion_ci(41, 148, population=342)   # statistics over arrays
"""

from __future__ import annotations

from lomonitor import exceptions, stats
from lomonitor._lomonitor import (
    CoOccurrence,
    CodeFrequencies,
    Codings,
    ContactDirectory,
    Coverage,
    FieldworkRates,
    FileIssue,
    Frame,
    ImportResult,
    IntercoderAgreement,
    Issue,
    Item,
    ItemCrosstab,
    ItemDescriptives,
    ItemFrequencies,
    ItemMultiple,
    ItemProportions,
    ItemRanking,
    JointDisplay,
    Municipality,
    Organisation,
    PublishedOverview,
    Questionnaire,
    Reminders,
    Erasure,
    ResponseRates,
    ResponseSet,
    Scale,
    ScaleSummary,
    StratumTable,
    Study,
    ValidationReport,
    WeightingSummary,
    import_responses,
    questionnaire_from_limesurvey,
    questionnaire_from_qualtrics,
    __version__,
    register,
)
from lomonitor.exceptions import (
    AmbiguousError,
    ArgumentError,
    FileError,
    InputError,
    InsufficientDataError,
    LomonitorError,
    NotFoundError,
)

__all__ = [
    "AmbiguousError",
    "ArgumentError",
    "CoOccurrence",
    "CodeFrequencies",
    "Codings",
    "ContactDirectory",
    "Coverage",
    "FieldworkRates",
    "FileError",
    "FileIssue",
    "Frame",
    "ImportResult",
    "InputError",
    "InsufficientDataError",
    "IntercoderAgreement",
    "Issue",
    "Item",
    "ItemCrosstab",
    "ItemDescriptives",
    "ItemFrequencies",
    "ItemMultiple",
    "ItemProportions",
    "ItemRanking",
    "JointDisplay",
    "LomonitorError",
    "Municipality",
    "NotFoundError",
    "Organisation",
    "PublishedOverview",
    "Questionnaire",
    "Reminders",
    "Erasure",
    "ResponseRates",
    "ResponseSet",
    "Scale",
    "ScaleSummary",
    "StratumTable",
    "Study",
    "ValidationReport",
    "WeightingSummary",
    "__version__",
    "exceptions",
    "import_responses",
    "questionnaire_from_limesurvey",
    "questionnaire_from_qualtrics",
    "register",
    "stats",
]
