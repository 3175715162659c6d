"""The desk's termbase: names, institutions and terms per language pair, and their history.

A term has one source form (plus variant forms that match too: plurals, other spellings),
target forms (the first preferred), forbidden target forms with the reason each was ruled
out, a note and a category, and the flags the matcher reads. A translator's proposal waits
for a reviewer of the pair or a coordinator; every change is a `TermChange` row holding the
term as it was and as it became, so the history survives the term's deletion.
Matching is `translate_flow.terms`; the tables are here.
"""

from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, ForeignKey, Index, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from translate_flow.domain.models.base import Base, state_column_type, utcnow

if TYPE_CHECKING:
    from translate_flow.domain.models.people import User


class TermCategory(StrEnum):
    PERSON = "person"
    ORGANISATION = "organisation"
    PLACE = "place"
    TERM = "term"


class TermStatus(StrEnum):
    PROPOSED = "proposed"  # by a translator: shown to reviewers, not yet in the editor
    APPROVED = "approved"
    REJECTED = "rejected"  # kept with its history, so that the same proposal is not repeated


class TermAction(StrEnum):
    CREATED = "created"
    PROPOSED = "proposed"
    EDITED = "edited"
    APPROVED = "approved"
    REJECTED = "rejected"
    DELETED = "deleted"
    IMPORTED = "imported"


class Term(Base):
    __tablename__ = "terms"

    id: Mapped[int] = mapped_column(primary_key=True)
    source_language: Mapped[str] = mapped_column(String(20))
    target_language: Mapped[str] = mapped_column(String(20))
    source: Mapped[str] = mapped_column(String(500))  # NFC, as written
    # The source as duplicates are told apart: `terms.folding.term_key` of the source.
    source_key: Mapped[str] = mapped_column(String(500))
    variants: Mapped[list[str]] = mapped_column(JSON, default=list)
    targets: Mapped[list[str]] = mapped_column(JSON, default=list)  # the first is preferred
    # [{"form": "sympathy budget", "reason": "a press nickname; use host-nation support"}]
    forbidden: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list)
    note: Mapped[str] = mapped_column(Text, default="")
    category: Mapped[TermCategory] = mapped_column(
        state_column_type(TermCategory, "term_category"), default=TermCategory.TERM
    )
    case_sensitive: Mapped[bool] = mapped_column(default=False)
    whole_word: Mapped[bool] = mapped_column(default=True)
    do_not_translate: Mapped[bool] = mapped_column(default=False)
    status: Mapped[TermStatus] = mapped_column(
        state_column_type(TermStatus, "term_status"), default=TermStatus.APPROVED
    )
    # Kept by `terms.listing` on every write, so that the termbase page filters, sorts and
    # pages in SQL: every form and the note folded as the matcher folds them, and the source's
    # Unicode Collation Algorithm key as bytes (bytes compare as the key does).
    search_text: Mapped[str] = mapped_column(Text, default="", server_default="")
    sort_key: Mapped[bytes | None] = mapped_column(LargeBinary)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    created_by: Mapped["User | None"] = relationship(foreign_keys=[created_by_id])
    decided_by: Mapped["User | None"] = relationship(foreign_keys=[decided_by_id])

    __table_args__ = (
        # A pair's terms, and one source form once per pair (duplicates are refused by the
        # operations with a message; the index keeps the lookup narrow).
        Index("ix_terms_pair_key", "source_language", "target_language", "source_key"),
        Index("ix_terms_pair_status", "source_language", "target_language", "status"),
        Index("ix_terms_pair_sort", "source_language", "target_language", "sort_key"),
    )

    @property
    def preferred(self) -> str:
        """What is inserted: the source form itself for a name that stays as it is."""
        if self.do_not_translate or not self.targets:
            return self.source
        return self.targets[0]

    def snapshot(self) -> dict[str, Any]:
        """The term as its history keeps it."""
        return {
            "source": self.source,
            "variants": list(self.variants),
            "targets": list(self.targets),
            "forbidden": [dict(item) for item in self.forbidden],
            "note": self.note,
            "category": self.category.value,
            "case_sensitive": self.case_sensitive,
            "whole_word": self.whole_word,
            "do_not_translate": self.do_not_translate,
            "status": self.status.value,
        }


class TermChange(Base):
    """One change to a term: who, when, what it was and what it became. Never updated."""

    __tablename__ = "term_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    # No foreign key cascade: a deleted term's history stays, as the deletion's record.
    term_id: Mapped[int] = mapped_column(index=True)
    source_language: Mapped[str] = mapped_column(String(20))
    target_language: Mapped[str] = mapped_column(String(20))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    action: Mapped[TermAction] = mapped_column(state_column_type(TermAction, "term_action"))
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    comment: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    actor: Mapped["User | None"] = relationship()

    __table_args__ = (
        # The matcher's cache is keyed by the pair's latest change.
        Index("ix_term_changes_pair", "source_language", "target_language", "id"),
    )
