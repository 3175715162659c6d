"""Quality-check findings kept with a segment: who dismissed one for this text and why, and the
findings themselves as the segment's last save found them.

A dismissal holds while the segment keeps the text it was made on (`text`); any change of the
text brings the check's findings back. Rows are never updated, so the reviewer reads every
dismissal with its reason, including those a later edit made void.
"""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from translate_flow.domain.models.base import Base, utcnow


class CheckDismissal(Base):
    __tablename__ = "check_dismissals"

    id: Mapped[int] = mapped_column(primary_key=True)
    translation_segment_id: Mapped[int] = mapped_column(
        ForeignKey("translation_segments.id", ondelete="CASCADE")
    )
    translation_id: Mapped[int] = mapped_column(ForeignKey("translations.id", ondelete="CASCADE"))
    check: Mapped[str] = mapped_column(String(40))  # the check's stable name
    text: Mapped[str] = mapped_column(Text)  # the segment's text when it was dismissed
    reason: Mapped[str] = mapped_column(Text)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (
        Index("ix_check_dismissals_segment", "translation_segment_id", "check", "id"),
        Index("ix_check_dismissals_translation", "translation_id", "id"),
    )


class CheckResult(Base):
    """A segment's findings as they were when it was last saved, and what they were found from.

    The editor shows a translation's findings with the page; running every check on every row
    for that was most of the page's time. The save that changes a row already checks it, so
    it keeps the findings here, and the page uses them while `key` still describes the row:
    its source, its text, the terms found in the source, the pair's length figure and the
    checks' own version (`checks.stored`). Checks that compare a segment with the rest of the
    article are not kept: they change with other rows, and the page runs them itself.
    """

    __tablename__ = "check_results"

    translation_segment_id: Mapped[int] = mapped_column(
        ForeignKey("translation_segments.id", ondelete="CASCADE"), primary_key=True
    )
    key: Mapped[str] = mapped_column(String(40))
    # The pair's termbase version when the terms were found, and those terms' fingerprint:
    # while the termbase is unchanged the page need not look for terms again.
    terms_version: Mapped[str] = mapped_column(String(80))
    terms: Mapped[str] = mapped_column(String(40))
    # [Finding.as_json(), ...], errors first, as `run_checks` orders them.
    findings: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    computed_at: Mapped[datetime] = mapped_column(default=utcnow)
