"""The cache of engines' answers in the database: engine, pair and normalised text, 30 days.

A text is looked up by the SHA-256 of its normalised form (NFC, whitespace collapsed), so a
paragraph sent once is never sent again while its answer is fresh. Rows past the cache's age
are ignored, replaced when the text is asked for again, and pruned by the periodic tick.
"""

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from translate_flow.domain.models import MachineCacheEntry, utcnow

DEFAULT_DAYS = 30
_SPACES = re.compile(r"\s+")
_KEY = ["engine", "source_language", "target_language", "text_hash"]


def normalise(text: str) -> str:
    """The text as it is sent and cached: NFC, runs of whitespace one space, ends trimmed."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


def text_hash(normalised: str) -> str:
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


def oldest_fresh(days: int, now: datetime | None = None) -> datetime:
    """The creation time below which a row is stale."""
    return (now or utcnow()) - timedelta(days=days)


def cached(
    session: Session,
    engine: str,
    source_language: str,
    target_language: str,
    normalised: Iterable[str],
    *,
    days: int = DEFAULT_DAYS,
) -> dict[str, str]:
    """The fresh answers the cache holds for these normalised texts, by text."""
    by_hash = {text_hash(text): text for text in normalised}
    if not by_hash:
        return {}
    rows = session.execute(
        select(MachineCacheEntry.text_hash, MachineCacheEntry.result).where(
            MachineCacheEntry.engine == engine,
            MachineCacheEntry.source_language == source_language,
            MachineCacheEntry.target_language == target_language,
            MachineCacheEntry.text_hash.in_(by_hash),
            MachineCacheEntry.created_at >= oldest_fresh(days),
        )
    ).all()
    return {by_hash[digest]: result for digest, result in rows}


def store(
    session: Session,
    engine: str,
    source_language: str,
    target_language: str,
    answers: Mapping[str, str],
    *,
    days: int = DEFAULT_DAYS,
) -> None:
    """Keep the answers (normalised text → result). Never fails on a row another request
    stored meanwhile: a fresh row is left as it is, a stale one is replaced."""
    if not answers:
        return
    now = utcnow()
    values = [
        {
            "engine": engine,
            "source_language": source_language,
            "target_language": target_language,
            "text_hash": text_hash(text),
            "source_text": text,
            "result": result,
            "created_at": now,
        }
        for text, result in answers.items()
    ]
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    statement = dialect.insert(MachineCacheEntry).values(values)
    session.execute(
        statement.on_conflict_do_update(
            index_elements=_KEY,
            set_={
                name: statement.excluded[name] for name in ("source_text", "result", "created_at")
            },
            where=MachineCacheEntry.created_at < oldest_fresh(days, now),
        )
    )


def prune(session: Session, *, days: int = DEFAULT_DAYS) -> int:
    """Delete the stale rows; how many went."""
    result = session.execute(
        delete(MachineCacheEntry).where(MachineCacheEntry.created_at < oldest_fresh(days))
    )
    return int(getattr(result, "rowcount", 0) or 0)


def forget_engine(session: Session, engine: str) -> None:
    """An engine removed: its answers go with it (a new engine may take its name)."""
    session.execute(delete(MachineCacheEntry).where(MachineCacheEntry.engine == engine))
