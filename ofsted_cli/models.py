"""The records and vocabularies: the single source of the JSON output and its schema."""

from __future__ import annotations

from datetime import date
from enum import Enum

from pydantic import BaseModel, ConfigDict, Field


class Framework(str, Enum):
    """The family of report, which fixes its layout and judgement areas."""

    ILACS = "ilacs"
    SIF = "sif"
    LAC_2012 = "lac_2012"
    LSCB_REVIEW = "lscb_review"
    FOCUSED_VISIT = "focused_visit"
    AREA_SEND = "area_send"
    JTAI = "jtai"


class Grade(str, Enum):
    """A judgement's grade. ``adequate`` exists only in the 2012-13 framework."""

    OUTSTANDING = "outstanding"
    GOOD = "good"
    ADEQUATE = "adequate"
    REQUIRES_IMPROVEMENT = "requires_improvement"
    INADEQUATE = "inadequate"
    NOT_JUDGED = "not_judged"
    # Area SEND inspections (2023 framework): one of three outcomes.
    POSITIVE = "positive"
    INCONSISTENT = "inconsistent"
    SYSTEMIC_FAILINGS = "systemic_failings"


class Area(str, Enum):
    """Canonical judgement areas; which ones a report has depends on its framework."""

    OVERALL_EFFECTIVENESS = "overall_effectiveness"
    IMPACT_OF_LEADERS = "impact_of_leaders"
    HELP_AND_PROTECTION = "help_and_protection"
    CHILDREN_IN_CARE = "children_in_care"
    CARE_LEAVERS = "care_leavers"
    CHILDREN_LOOKED_AFTER = "children_looked_after"
    ADOPTION = "adoption"
    LEADERSHIP = "leadership"
    LSCB = "lscb"
    CAPACITY_TO_IMPROVE = "capacity_to_improve"
    OUTCOMES = "outcomes"
    QUALITY_OF_PROVISION = "quality_of_provision"
    LEADERSHIP_AND_MANAGEMENT = "leadership_and_management"
    SEND_OUTCOME = "send_outcome"


class Body(str, Enum):
    """Who a recommendation is addressed to."""

    LOCAL_AUTHORITY = "local_authority"
    LSCB = "lscb"
    LOCAL_AREA_PARTNERSHIP = "local_area_partnership"
    PARTNERSHIP = "partnership"


class Priority(str, Enum):
    """How urgent a recommendation is, from the sub-heading it stands under."""

    IMMEDIATE = "immediate"
    IMPROVE = "improve"
    PRIORITY_ACTION = "priority_action"


class Part(str, Enum):
    """The part of a record a warning casts doubt on."""

    JUDGEMENTS = "judgements"
    RECOMMENDATIONS = "recommendations"
    FACTS = "facts"


class ReportWarning(BaseModel):
    """A self-check that failed: the named part of the record may be wrong or incomplete.
    The other parts passed their checks and stay usable."""

    model_config = ConfigDict(frozen=True)

    part: Part
    message: str


class Authority(BaseModel):
    """The council whose children's services were inspected, from the reference table."""

    model_config = ConfigDict(frozen=True)

    name: str = Field(description="Short common name, e.g. 'Merton'.")
    code: str = Field(description="ONS GSS code in force at the inspection, e.g. 'E09000024'.")
    region: str = Field(description="ONS region, e.g. 'London'.")


class Source(BaseModel):
    """Where a record came from: the file, its content hash, and its page count."""

    model_config = ConfigDict(frozen=True)

    path: str
    sha256: str
    pages: int | None = None


class Judgement(BaseModel):
    """One row of the judgement table, as printed and as a canonical area and grade."""

    area: Area
    label: str = Field(description="The row's label as printed, whitespace collapsed.")
    grade: Grade
    page: int = Field(ge=1, description="1-based page the judgement is printed on.")


class Recommendation(BaseModel):
    """One recommended improvement, its whole text without the bullet or number."""

    text: str
    body: Body
    priority: Priority
    responsible: str | None = Field(
        default=None,
        description="Area SEND: the 'Responsible body' cell as printed; null elsewhere.",
    )
    page: int = Field(ge=1, description="1-based page where the item starts.")


class Report(BaseModel):
    """Everything read from one inspection report."""

    source: Source
    framework: Framework
    local_authority: str | None = Field(description="The authority's name as printed.")
    authority: Authority | None = Field(
        default=None, description="The authority resolved from the reference table; null if none."
    )
    inspection_start: date | None
    inspection_end: date | None
    published: date | None
    letter_date: date | None = Field(
        default=None, description="Letters: the date printed above the addressee."
    )
    lead_inspector: str | None
    theme: str | None = Field(
        default=None, description="A focused visit's focus or a JTAI's theme; null elsewhere."
    )
    judgements: list[Judgement]
    recommendations: list[Recommendation]
    warnings: list[ReportWarning] = Field(
        default_factory=list,
        description="The parser's own doubts: parts that failed a self-check ([] when clean).",
    )

    def judgement(self, area: Area) -> Judgement | None:
        """The judgement for ``area``, or None where the report does not judge it."""
        return next((j for j in self.judgements if j.area == area), None)

    def warned(self, part: Part) -> bool:
        """Whether a self-check cast doubt on ``part``."""
        return any(w.part == part for w in self.warnings)


class ErrorInfo(BaseModel):
    """Why a file could not be read: a stable type code and a human sentence."""

    type: str
    message: str


class ErrorSource(BaseModel):
    path: str
    sha256: str | None = None


class ErrorRecord(BaseModel):
    """Stands in the output for a file that could not be parsed, so nothing is lost silently."""

    source: ErrorSource
    error: ErrorInfo


def output_schema() -> dict[str, object]:
    """The JSON Schema of one output record: a Report, or the ErrorRecord standing in for a
    file that could not be read (exactly one matches: only an ErrorRecord has ``error``, only
    a Report ``framework``, and neither has other keys). ``ofsted schema`` prints it."""
    from typing import Union

    from pydantic import TypeAdapter

    schema = TypeAdapter(Union[Report, ErrorRecord]).json_schema()  # noqa: UP007
    for record in ("Report", "ErrorRecord"):  # the output has no other keys
        schema["$defs"][record]["additionalProperties"] = False
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "ofsted-cli record",
        "description": "One parsed report, or an error record for a file that could not be "
        "read (--json prints one or an array of them, --jsonl one per line).",
        "oneOf": schema["anyOf"],
        "$defs": schema["$defs"],
    }
