"""What submitting and approving ask about the checks: open error-level findings are shown
and confirmed, and a desk may make the numbers check's findings stop the action instead
(`CHECKS_BLOCK_NUMBERS`). Warnings never hold anything up.
"""

from dataclasses import dataclass

from sqlalchemy.orm import Session

from translate_flow.checks.segment_findings import SegmentFinding, translation_findings
from translate_flow.domain.models import Translation
from translate_flow.domain.workflow import Action
from translate_flow.workflow.transitions import active_segments

# The actions that hand the text on: to the reviewer, then to publication.
GATED_ACTIONS = frozenset({Action.SUBMIT, Action.APPROVE})
# The checks a desk may make blocking; a wrong figure is the costliest quiet mistake.
BLOCKING_CHECKS = frozenset({"numbers"})


@dataclass(frozen=True, slots=True)
class OpenFinding:
    number: int  # the row's number, as the editor counts (1-based)
    segment_id: int
    finding: SegmentFinding

    def as_json(self) -> dict[str, object]:
        return {"segment_id": self.segment_id, "number": self.number} | self.finding.as_json()


@dataclass(frozen=True)
class Gate:
    open_errors: list[OpenFinding]
    blocking: list[OpenFinding]

    @property
    def asks(self) -> bool:
        return bool(self.open_errors)

    @property
    def blocks(self) -> bool:
        return bool(self.blocking)


def gate(
    session: Session, translation: Translation, action: Action, *, block_numbers: bool
) -> Gate:
    """The open error-level findings `action` must confirm, and those that stop it."""
    if action not in GATED_ACTIONS:
        return Gate([], [])
    pairs = active_segments(session, translation)
    findings = translation_findings(session, translation, pairs)
    errors = [
        OpenFinding(number, segment.id, item)
        for number, (_, segment) in enumerate(pairs, start=1)
        for item in findings.get(segment.id, [])
        if item.is_open and item.is_error
    ]
    blocking = [e for e in errors if e.finding.finding.check in BLOCKING_CHECKS]
    return Gate(errors, blocking if block_numbers else [])
