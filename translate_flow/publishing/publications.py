"""The public record of a published translation: made at the first publish, pointed at each
new publish snapshot, taken down by unpublishing.

The workflow's `publish` freezes the text in a snapshot (`services.transitions`, which calls
this module); the record keeps its slug for life, so a corrected translation, republished,
stays at the same address and says "Updated".
"""

from datetime import datetime
from typing import Any

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session

from translate_flow.domain.models import Publication, SegmentKind, Snapshot, Translation
from translate_flow.publishing.published_text import row_words
from translate_flow.text.slugs import slugify
from translate_flow.text.wordcount import count_words

SUMMARY_CHARS = 300


def public_text(row: dict[str, Any]) -> str:
    """The words the public reads in a snapshot row, without its tags: what titles of feeds
    and slugs, search, summaries and word counts read."""
    return row_words(row).plain.strip()


def _unique_slug(session: Session, title: str, fallback: str) -> str:
    """The title's slug, or `fallback` when it has no letter or digit; "-2", "-3" … when taken."""
    stem = slugify(title) or fallback
    # autoescape: a % or _ in a stem is a character to LIKE, not a wildcard, and PostgreSQL's
    # default escape character, the backslash, is escaped too.
    taken = set(
        session.scalars(
            select(Publication.slug).where(
                or_(
                    Publication.slug == stem,
                    Publication.slug.startswith(f"{stem}-", autoescape=True),
                )
            )
        )
    )
    if stem not in taken:
        return stem
    number = 2
    while f"{stem}-{number}" in taken:
        number += 1
    return f"{stem}-{number}"


def _summary(rows: list[dict[str, Any]]) -> str:
    """The standfirst, or else the first paragraph, cut at a word."""
    for kind in (SegmentKind.STANDFIRST.value, SegmentKind.PARAGRAPH.value):
        text = next((public_text(r) for r in rows if r["kind"] == kind and public_text(r)), "")
        if text:
            if len(text) <= SUMMARY_CHARS:
                return text
            return text[:SUMMARY_CHARS].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return ""


def record_publication(
    session: Session, translation: Translation, snapshot: Snapshot, now: datetime
) -> Publication:
    """Point the translation's public record at a publish snapshot (made on the first one)."""
    rows = snapshot.segments
    title = next(
        (public_text(r) for r in rows if r["kind"] == SegmentKind.TITLE.value and public_text(r)),
        translation.article.title,
    )
    body = [public_text(r) for r in rows if r["kind"] != SegmentKind.TITLE.value]
    values: dict[str, Any] = {
        "snapshot_id": snapshot.id,
        "title": title[:500],
        "summary": _summary(rows),
        "search_text": "\n".join(text for text in body if text),
        "word_count": sum(count_words(text) for text in [title, *body]),
        "translator_id": translation.translator_id,
        "reviewer_id": translation.reviewer_id,
        "published_at": now,
        "unpublished_at": None,
    }
    publication = session.scalar(
        select(Publication).where(Publication.translation_id == translation.id)
    )
    if publication is None:
        publication = Publication(
            translation_id=translation.id,
            article_id=translation.article_id,
            slug=_unique_slug(session, title, f"translation-{translation.id}"),
            source_language=translation.article.source_language,
            target_language=translation.target_language,
            first_published_at=now,
            **values,
        )
        session.add(publication)
    else:
        for name, value in values.items():
            setattr(publication, name, value)
    session.flush()
    return publication


def take_down(session: Session, translation: Translation, now: datetime) -> None:
    """Off the public site (unpublished, or withdrawn during a correction); the slug stays."""
    session.execute(
        update(Publication)
        .where(Publication.translation_id == translation.id, Publication.unpublished_at.is_(None))
        .values(unpublished_at=now)
        .execution_options(synchronize_session=False)
    )


def publication_of(session: Session, translation: Translation) -> Publication | None:
    return session.scalar(select(Publication).where(Publication.translation_id == translation.id))


def published_count(session: Session, user_id: int) -> int:
    """The translator's live publications: the number in "About … — 52 Articles"."""
    return (
        session.scalar(
            select(func.count())
            .select_from(Publication)
            .where(Publication.translator_id == user_id, Publication.unpublished_at.is_(None))
        )
        or 0
    )
