"""Findings of the grader: one mistake of a trainee, where it is, the points it costs and
its explanation (message ids, rendered in the trainee's language when shown)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from carbonmgr.common.errors import Problem
from carbonmgr.common.i18n import Message

# The kinds of finding, in the order a gradebook lists them.
KINDS = ("missing_source", "extra_source", "wrong_source_type", "unit_error", "wrong_quantity", "wrong_parameter",
         "wrong_factor", "wrong_gwp", "wrong_consolidation", "wrong_standard", "arithmetic",
         # the ETS part of an exercise (carbonmgr/training/ets_grading.py)
         "wrong_benchmark", "wrong_output", "wrong_correction", "wrong_boundary", "wrong_verified", "wrong_price",
         "wrong_holdings", "wrong_allocation", "ccer_over_cap", "wrong_ccer", "wrong_position", "wrong_penalty",
         "wrong_cost", "wrong_choice")

# Share of a key source's points a finding on it costs (docs/exercise-workbook.md, "Grading").
# Settings findings cost the setting's points; extra_source and arithmetic have their own rubric targets.
SOURCE_LOSS = {"missing_source": 1.0, "wrong_quantity": 1.0, "wrong_source_type": 0.5, "unit_error": 0.5,
               "wrong_parameter": 0.5, "wrong_factor": 0.5}
SETTING_KINDS = {"standard": "wrong_standard", "gwp_set": "wrong_gwp", "consolidation": "wrong_consolidation"}


class Text(Message):
    """A text the trainer wrote in both languages (a rubric's explanation): a message
    parameter rendered in the language of the message around it."""

    def __init__(self, zh: str = "", en: str = ""):
        super().__init__("", {"zh": zh or en, "en": en or zh})

    def render(self, lang: str = "en") -> str:
        return self.params["zh" if lang == "zh" else "en"]

    def __bool__(self) -> bool:
        return bool(self.params["en"])


@dataclass
class Finding:
    """One mistake: its kind, the key row and the trainee's rows it concerns, the facility and
    item, the points it costs and its explanation (what the trainee has, what fits, why, the rule)."""

    kind: str
    key_row: int | None
    rows: list[int]
    facility: str
    item: Any  # the item's name: a Message (named in the reader's language) or text as written
    points: float
    message: Message
    hints: list[Message] = field(default_factory=list)
    key_sheet: str = "Activities"  # the key's sheet of key_row (Instruments, Equipment)
    rows_sheet: str | None = None  # the trainee's sheet of rows when not key_sheet (a source entered in the other form)
    field: str = ""  # ETS findings: the trainee's field (a Case key such as my_allocation, or a unit's field)

    @property
    def hint_key(self) -> str:
        """Names the finding across checks of the same work (to keep the hints revealed)."""
        row = self.key_row if self.key_row is not None else "-"
        return f"{self.kind}:{self.key_sheet}!{row}:{self.facility}:{self.item}"

    def text(self, lang: str = "en") -> str:
        return self.message.render(lang)

    def item_name(self, lang: str = "en") -> str:
        return self.item.render(lang) if isinstance(self.item, Message) else str(self.item or "")

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        out = {"kind": self.kind, "key_row": self.key_row, "rows": list(self.rows), "facility": self.facility,
               "item": self.item_name(lang), "points": round(self.points, 2), "message": self.text(lang)}
        if self.key_sheet != "Activities":
            out["sheet"] = self.key_sheet  # key_row and rows are rows of this sheet
        if self.rows_sheet and self.rows_sheet != self.key_sheet:
            out["rows_sheet"] = self.rows_sheet  # ... but the trainee's rows are rows of this one
        if self.field:
            out["field"] = self.field  # the Case key or the unit's field the finding is on
        return out


@dataclass
class Result:
    """The grading of one answer (a submission, a checklist answer): the fields of
    ``carbonmgr grade --json``. A subclass names its kinds of finding (``KINDS``) and
    has a ``score`` (0-100, None when not graded) and a ``package``."""

    KINDS: ClassVar[tuple[str, ...]] = KINDS

    findings: list[Finding] = field(default_factory=list)
    points_possible: float = 0.0
    lang: str = "en"
    submission: str | None = None  # as given
    trainee: str | None = None
    trainee_id: str | None = None
    seal: str = "none"  # ok | broken | none
    problems: list[Problem] = field(default_factory=list)  # an unreadable answer: why

    @property
    def graded(self) -> bool:
        return not self.problems

    def by_kind(self) -> dict[str, int]:
        counts = {k: 0 for k in self.KINDS}
        for f in self.findings:
            counts[f.kind] = counts.get(f.kind, 0) + 1
        return counts

    def problem_text(self, lang: str | None = None) -> str:
        return "\n".join(p.render(lang or self.lang) for p in self.problems)

    def to_dict(self, lang: str | None = None) -> dict[str, Any]:
        lang = lang or self.lang
        return {"submission": self.submission, "trainee": self.trainee, "seal": self.seal, "score": self.score,
                "package": self.package, "findings": [f.to_dict(lang) for f in self.findings],
                **({"error": self.problem_text(lang)} if self.problems else {})}
