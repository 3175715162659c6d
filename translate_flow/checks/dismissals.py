"""Dismissing a finding: a person says a check is wrong about this segment's text, and why.

Who may: whoever may edit the text now (the translator while drafting, the reviewer while
reviewing: the people who would otherwise change the text to silence the check), and a
coordinator, who may overrule a check at any time. The reason is required: the reviewer reads
it, and a dismissal without one teaches nobody anything.

The row keeps its text; the dismissal records that text, and holds while the row keeps it
(`segment_findings.holding`).
"""

from sqlalchemy.orm import Session

from translate_flow.checks.base import CHECKS, _load_checks
from translate_flow.checks.segment_findings import Dismissal
from translate_flow.core.errors import NotFound, ValidationFailed
from translate_flow.domain.models import CheckDismissal, Translation, User, utcnow
from translate_flow.domain.permissions import can_coordinate_translations
from translate_flow.editing.saving import check_may_edit, find_row

# A sentence or two; a longer note belongs in a comment on the segment.
MAX_REASON_CHARS = 1_000


def check_may_dismiss(session: Session, user: User, translation: Translation) -> None:
    if can_coordinate_translations(user):
        return
    check_may_edit(session, user, translation)


def dismiss(
    session: Session,
    actor: User,
    translation: Translation,
    segment_id: int,
    check_name: str,
    reason: str,
) -> Dismissal:
    """Record that `check_name`'s finding on the row's current text is dismissed."""
    check_may_dismiss(session, actor, translation)
    _load_checks()
    if check_name not in CHECKS:
        raise NotFound(f"There is no check named “{check_name}”.")
    reason = reason.strip()
    if not reason:
        raise ValidationFailed(
            "Say why the finding is wrong here: the reviewer reads the reason with it."
        )
    if len(reason) > MAX_REASON_CHARS:
        raise ValidationFailed(
            f"A reason holds at most {MAX_REASON_CHARS:,} characters; "
            "a longer note belongs in a comment on the segment."
        )
    row = find_row(session, translation, segment_id)
    now = utcnow()
    session.add(
        CheckDismissal(
            translation_segment_id=row.id,
            translation_id=translation.id,
            check=check_name,
            text=row.text,
            reason=reason,
            actor_id=actor.id,
            created_at=now,
        )
    )
    session.flush()
    return Dismissal(check_name, row.text, reason, actor.id, actor.display_name, now)
