"""Machine translation: engines added on the admin page, each engine's mode per language pair,
and the cache of what engines answered.

Engines configured by environment variables have no row here; their name (their kind,
`apertium`) is what their pair settings and cache rows refer to, so `engine` below is a name,
not a foreign key. Which engines exist and how they are called is `translate_flow.machine`.
"""

from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from translate_flow.domain.models.base import Base, state_column_type, utcnow

if TYPE_CHECKING:
    from translate_flow.domain.models.people import User

# The end of a key the pages may show, so that an admin can tell two keys apart.
KEY_HINT_CHARS = 4


def key_hint(key: str | None) -> str:
    """A key as pages show it: its last characters only, and nothing of a short one."""
    if not key:
        return ""
    if len(key) <= 2 * KEY_HINT_CHARS:
        return "…"
    return "…" + key[-KEY_HINT_CHARS:]


class MachineMode(StrEnum):
    """What an engine may do for a language pair. Ordered: each allows what the one before does."""

    OFF = "off"  # no text of the pair is ever sent to the engine
    SUGGESTIONS = "suggestions"  # a suggestion beside each segment in the editor
    DRAFTS = "drafts"  # also a whole-article machine draft, when a translator asks


class MachineEngine(Base):
    """An engine an admin added: off until an admin enables it (the desk's text goes nowhere
    by surprise). `key` is kept as given, since the provider needs it; pages and the API show
    only `key_hint`."""

    __tablename__ = "machine_engines"

    id: Mapped[int] = mapped_column(primary_key=True)
    # The engine's name in settings, cache rows and the API (`deepl`, `deepl-2`): unique
    # among the rows, and never one an environment engine has (the admin page sees to that).
    name: Mapped[str] = mapped_column(String(40), unique=True)
    kind: Mapped[str] = mapped_column(String(40))
    label: Mapped[str] = mapped_column(String(100))
    endpoint: Mapped[str | None] = mapped_column(String(500))
    key: Mapped[str | None] = mapped_column(Text)
    model: Mapped[str | None] = mapped_column(String(200))
    is_enabled: Mapped[bool] = mapped_column(default=False)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    created_by: Mapped["User | None"] = relationship()

    @property
    def key_hint(self) -> str:
        return key_hint(self.key)


class MachinePairSetting(Base):
    """An admin's choice for one engine and one pair; without a row the engine's default
    holds (an environment engine: suggestions; an admin-added one: as its switch says)."""

    __tablename__ = "machine_pair_settings"

    id: Mapped[int] = mapped_column(primary_key=True)
    engine: Mapped[str] = mapped_column(String(40))
    source_language: Mapped[str] = mapped_column(String(20))
    target_language: Mapped[str] = mapped_column(String(20))
    mode: Mapped[MachineMode] = mapped_column(state_column_type(MachineMode, "machine_mode"))
    # Lower first: the editor lists the pair's engines in this order, and a draft uses the
    # first engine that allows drafts.
    priority: Mapped[int] = mapped_column(default=100)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (
        UniqueConstraint(
            "engine", "source_language", "target_language", name="uq_machine_pair_settings_key"
        ),
    )


class MachineCacheEntry(Base):
    """What an engine answered for a text, so that the same paragraph is never sent twice.

    `text_hash` is the SHA-256 (hex) of the text as sent: NFC with whitespace collapsed
    (`machine.cache.normalise`). Rows older than the cache's age are ignored, replaced when
    the text is asked for again, and pruned by the periodic tick.
    """

    __tablename__ = "machine_cache"

    id: Mapped[int] = mapped_column(primary_key=True)
    engine: Mapped[str] = mapped_column(String(40))
    source_language: Mapped[str] = mapped_column(String(20))
    target_language: Mapped[str] = mapped_column(String(20))
    text_hash: Mapped[str] = mapped_column(String(64))
    source_text: Mapped[str] = mapped_column(Text)
    result: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (
        # The cache's key; two requests storing the same answer at once insert one row.
        UniqueConstraint(
            "engine",
            "source_language",
            "target_language",
            "text_hash",
            name="uq_machine_cache_key",
        ),
        # Pruning reads the oldest rows.
        Index("ix_machine_cache_created_at", "created_at"),
    )
