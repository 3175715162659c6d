"""Opening a translation: a new one in the pool, with an empty row per segment of the source.

Intake opens one per target language when an article comes in (`intake.articles`); a
coordinator opens one into another language later (`create_translation`, the API's way).
"""

from sqlalchemy import select
from sqlalchemy.orm import Session

from translate_flow.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from translate_flow.domain.audit import record_event
from translate_flow.domain.models import (
    Article,
    SourceRevision,
    Translation,
    TranslationSegment,
    User,
)
from translate_flow.domain.permissions import can_manage_articles
from translate_flow.text.languages import base_language, get_language


def open_translation(
    session: Session, actor: User, article: Article, revision: SourceRevision, code: str
) -> Translation:
    """Open a translation of `revision` into `code`, which the caller has checked, and record
    `translation:created`."""
    translation = Translation(
        article_id=article.id,
        source_language=article.source_language,
        target_language=code,
        source_revision_id=revision.id,
    )
    translation.segments = [TranslationSegment(segment_id=s.id) for s in revision.segments]
    session.add(translation)
    session.flush()
    record_event(
        session,
        "translation:created",
        actor=actor,
        subject_type="translation",
        subject_id=translation.id,
        target_language=code,
    )
    return translation


def create_translation(
    session: Session, user: User, article: Article, target_language: str
) -> Translation:
    """Open a translation of `article` into another language (coordinators)."""
    if not can_manage_articles(user):
        raise PermissionDenied("Only coordinators open translations.")
    code = get_language(target_language).code
    if base_language(code) == base_language(article.source_language):
        raise ValidationFailed("The translation must be into another language than the source.")
    exists = session.scalar(
        select(Translation).where(
            Translation.article_id == article.id, Translation.target_language == code
        )
    )
    if exists is not None:
        raise Conflict(f"This article already has a translation into {code}.")
    revision = article.current_revision
    if revision is None:
        raise NotFound("This article has no text yet.")
    return open_translation(session, user, article, revision, code)
