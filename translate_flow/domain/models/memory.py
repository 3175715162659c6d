"""The translation memory: pairs of source and translated segments, and the index they are
found by.

A unit comes from a desk translation (one per translated segment, kept up to date as the
translation is approved and republished) or from a named collection (TMX imports). Matching
and the index's encoding are `translate_flow.memory`; the tables are here.
"""

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from translate_flow.domain.models.base import Base, utcnow

if TYPE_CHECKING:
    from translate_flow.domain.models.people import User


class MemoryCollection(Base):
    """A named set of units brought in from outside (a TMX file), in one language pair."""

    __tablename__ = "memory_collections"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    source_language: Mapped[str] = mapped_column(String(20))
    target_language: Mapped[str] = mapped_column(String(20))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    created_by: Mapped["User | None"] = relationship()

    __table_args__ = (UniqueConstraint("source_language", "target_language", "name"),)


class MemoryUnit(Base):
    """One source segment and its translation, with where they came from.

    `source` and `target` are kept as written (NFC, with their inline-tag placeholders);
    `source_key` is the source as matching sees it (`text.analysis.match_key`) and
    `source_hash` its 64-bit hash, which finds the 100% matches through a narrow index.
    `previous_hash` is the key hash of the segment before it in its article, for 101%
    (context) matches. `target_key` puts the translation's terms in the index too.
    `search_tokens` is what the concordance finds a unit by: the search analyser's tokens of
    both sides (`models.search`), kept by a mapper event and by the bulk writers of
    `memory.operations`.
    """

    __tablename__ = "memory_units"

    id: Mapped[int] = mapped_column(primary_key=True)
    source_language: Mapped[str] = mapped_column(String(20))
    target_language: Mapped[str] = mapped_column(String(20))
    source: Mapped[str] = mapped_column(Text)
    target: Mapped[str] = mapped_column(Text)
    source_key: Mapped[str] = mapped_column(Text)
    target_key: Mapped[str] = mapped_column(Text)
    source_hash: Mapped[int] = mapped_column(BigInteger)
    previous_hash: Mapped[int | None] = mapped_column(BigInteger)
    # Origin: a desk translation's segment, or a collection. A deleted translation or
    # segment leaves the unit (the desk said it; the words are still worth finding) without
    # its origin; a deleted collection takes its units with it.
    translation_id: Mapped[int | None] = mapped_column(
        ForeignKey("translations.id", ondelete="SET NULL")
    )
    segment_id: Mapped[int | None] = mapped_column(
        ForeignKey("segments.id", ondelete="SET NULL"), index=True
    )
    collection_id: Mapped[int | None] = mapped_column(
        ForeignKey("memory_collections.id", ondelete="CASCADE"), index=True
    )
    translator_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    reviewer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    # The translation was withdrawn or unpublished: its units stay findable, marked so.
    withdrawn: Mapped[bool] = mapped_column(default=False)
    # NULL: not indexed yet (a migration added the column; `search reindex` fills it).
    search_tokens: Mapped[str | None] = mapped_column(Text, deferred=True)

    collection: Mapped[MemoryCollection | None] = relationship()

    __table_args__ = (
        # Republishing a translation updates its units in place, one per segment. (NULLs are
        # distinct in both databases, so collection units, which have neither, never clash.)
        UniqueConstraint("translation_id", "segment_id"),
        CheckConstraint("translation_id IS NULL OR collection_id IS NULL", name="one_origin"),
        # 100% matches: the pair and the key's hash.
        Index("ix_memory_units_exact", "source_language", "target_language", "source_hash"),
        # The concordance lists a pair's units newest first.
        Index("ix_memory_units_pair", "source_language", "target_language", "id"),
    )


class MemoryTerm(Base):
    """The inverted index: one row per distinct term of a unit's source or target.

    `term` is a 64-bit hash of (language pair, side, term), so one narrow B-tree on
    (term, unit_id) answers "which units of this pair have this word in their source" the
    same way on SQLite and PostgreSQL. (SQLite's FTS5 trigram index finds nothing under three
    characters, and PostgreSQL's pg_trgm ignores CJK letters in a database whose LC_CTYPE is
    C: neither finds 東京.) On SQLite the table is WITHOUT ROWID, so the primary key is the
    table itself.
    """

    __tablename__ = "memory_terms"

    term: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    unit_id: Mapped[int] = mapped_column(
        ForeignKey("memory_units.id", ondelete="CASCADE"), primary_key=True, index=True
    )

    __table_args__ = {"sqlite_with_rowid": False}


class MemoryTermCount(Base):
    """How many units have each term of `memory_terms`: the index's document frequency.

    Matching weighs a segment's terms by their rarity and reads only the rarest ones' units;
    with this table choosing them is one primary-key lookup per term instead of counting index
    ranges. It is kept exact by `memory.operations` on every insert, update and delete (a term
    no unit has any more loses its row), in term order so that two writers never wait on each
    other's rows in opposite orders.
    """

    __tablename__ = "memory_term_counts"

    term: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    units: Mapped[int]

    __table_args__ = {"sqlite_with_rowid": False}
