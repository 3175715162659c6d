"""Bringing source articles in, and correcting them: every text change is a new revision."""

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from translate_flow.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from translate_flow.domain.audit import record_event
from translate_flow.domain.models import (
    Article,
    ArticleStatus,
    ArticleTag,
    Outlet,
    Priority,
    Segment,
    SegmentChange,
    SourceRevision,
    Translation,
    User,
    utcnow,
)
from translate_flow.domain.permissions import can_manage_articles
from translate_flow.intake.formats import BodyFormat, body_to_html
from translate_flow.intake.realignment import realign_translations
from translate_flow.intake.segmentation import SegmentDraft, segment_article
from translate_flow.text.languages import base_language, get_language
from translate_flow.text.urls import canonical_url, is_http_url, url_key
from translate_flow.text.wordcount import count_words
from translate_flow.workflow.opening import open_translation

MAX_TITLE = 500
MAX_TAGS = 20
MAX_TAG_LENGTH = 60


class DuplicateArticle(Conflict):
    """The address is already on the desk; `article_id` says where."""

    code = "duplicate"

    def __init__(self, article: Article) -> None:
        super().__init__(f"This article is already on the desk: “{article.title}”.")
        self.article_id = article.id


@dataclass(frozen=True)
class ArticleInput:
    """What a coordinator (or an API client) gives for an article."""

    title: str
    body: str
    source_language: str
    body_format: BodyFormat = BodyFormat.TEXT
    standfirst: str = ""
    author: str = ""
    outlet_id: int | None = None
    source_url: str = ""
    published_on: date | None = None
    priority: Priority = Priority.NORMAL
    tags: Sequence[str] = ()
    notes: str = ""


@dataclass(frozen=True)
class PreparedArticle:
    """An article checked, sanitised and segmented, not yet stored: what a preview shows."""

    data: ArticleInput  # cleaned: trimmed, NFC, language code normalised; body is body_html
    body_html: str
    segments: list[SegmentDraft]
    url_key: str | None
    word_counts: list[int] = field(default_factory=list)

    @property
    def word_count(self) -> int:
        return sum(self.word_counts)

    @property
    def search_text(self) -> str:
        return "\n".join(draft.text for draft in self.segments)


def _line(text: str) -> str:
    return unicodedata.normalize("NFC", " ".join(text.split()))


def clean_tags(tags: Iterable[str]) -> list[str]:
    """Tags as people type them, comma-separated or not: trimmed, lower-case, no repeats."""
    cleaned: list[str] = []
    for raw in tags:
        for part in raw.split(","):
            tag = _line(part).casefold()
            if not tag:
                continue
            if len(tag) > MAX_TAG_LENGTH:
                raise ValidationFailed(f"Keep each tag under {MAX_TAG_LENGTH} characters.")
            if tag not in cleaned:
                cleaned.append(tag)
    if len(cleaned) > MAX_TAGS:
        raise ValidationFailed(f"Give at most {MAX_TAGS} tags.")
    return cleaned


def prepare_article(session: Session, data: ArticleInput) -> PreparedArticle:
    """Check and segment without storing anything; raises ValidationFailed with what is wrong."""
    title = _line(data.title)
    if not title:
        raise ValidationFailed("Give the article a title.")
    if len(title) > MAX_TITLE:
        raise ValidationFailed(f"Keep the title under {MAX_TITLE} characters.")
    if not data.source_language.strip():
        raise ValidationFailed("Give the article's source language, e.g. ja, zh or ar.")
    language = get_language(data.source_language.strip()).code
    if data.outlet_id is not None and session.get(Outlet, data.outlet_id) is None:
        raise ValidationFailed("That outlet does not exist.")
    source_url = data.source_url.strip()
    key = None
    if source_url:
        if not is_http_url(source_url):
            raise ValidationFailed("The original URL must be an http:// or https:// address.")
        source_url = canonical_url(source_url)
        key = url_key(source_url)
    if data.priority not in set(Priority):
        raise ValidationFailed("Priority must be low, normal, high or urgent.")
    standfirst = _line(data.standfirst)
    body_html = body_to_html(data.body, data.body_format)
    segments = segment_article(title, standfirst, body_html)
    clean = replace(
        data,
        title=title,
        standfirst=standfirst,
        author=_line(data.author)[:200],
        source_language=language,
        body=body_html,
        body_format=BodyFormat.HTML,
        source_url=source_url,
        tags=tuple(clean_tags(data.tags)),
        notes=unicodedata.normalize("NFC", data.notes.strip()),
        priority=Priority(data.priority),
    )
    return PreparedArticle(
        data=clean,
        body_html=body_html,
        segments=segments,
        url_key=key,
        word_counts=[count_words(draft.text) for draft in segments],
    )


def current_input(article: Article) -> ArticleInput:
    """The article as it stands, in the shape an edit starts from."""
    revision = article.current_revision
    return ArticleInput(
        title=article.title,
        standfirst=article.standfirst,
        body=revision.body_html if revision is not None else "",
        body_format=BodyFormat.HTML,
        source_language=article.source_language,
        author=article.author,
        outlet_id=article.outlet_id,
        source_url=article.source_url,
        published_on=article.published_on,
        priority=Priority(article.priority),
        tags=article.tags,
        notes=article.notes,
    )


def find_by_url(session: Session, url: str) -> Article | None:
    """The article already brought in from this address, however the address was written."""
    if not is_http_url(url.strip()):
        return None
    return session.scalar(select(Article).where(Article.url_key == url_key(url.strip())))


def _ensure_new_url(session: Session, key: str | None, *, except_id: int | None = None) -> None:
    if key is None:
        return
    existing = session.scalar(select(Article).where(Article.url_key == key))
    if existing is not None and existing.id != except_id:
        raise DuplicateArticle(existing)


def _add_revision(
    session: Session, article: Article, prepared: PreparedArticle, actor: User, *, note: str
) -> SourceRevision:
    number = 1 if article.current_revision is None else article.current_revision.number + 1
    revision = SourceRevision(
        article_id=article.id,
        number=number,
        title=prepared.data.title,
        standfirst=prepared.data.standfirst,
        body_html=prepared.body_html,
        note=note,
        created_by_id=actor.id,
        segment_count=len(prepared.segments),
        word_count=prepared.word_count,
    )
    revision.segments = [
        Segment(
            position=position,
            kind=draft.kind,
            html=draft.html,
            text=draft.text,
            word_count=words,
        )
        for position, (draft, words) in enumerate(
            zip(prepared.segments, prepared.word_counts, strict=True)
        )
    ]
    session.add(revision)
    session.flush()
    article.current_revision = revision
    article.title = revision.title
    article.standfirst = revision.standfirst
    article.segment_count = revision.segment_count
    article.word_count = revision.word_count
    article.search_text = prepared.search_text
    return revision


def _apply_details(session: Session, article: Article, prepared: PreparedArticle) -> None:
    data = prepared.data
    article.author = data.author
    # The relationship, not just the key: an article already loaded keeps its old outlet
    # object otherwise, and the answer to the edit would show it.
    article.outlet = session.get(Outlet, data.outlet_id) if data.outlet_id else None
    article.source_url = data.source_url
    article.url_key = prepared.url_key
    if article.id is not None and article.source_language != data.source_language:
        session.execute(
            update(Translation)
            .where(Translation.article_id == article.id)
            .values(source_language=data.source_language)
        )
    article.source_language = data.source_language
    article.published_on = data.published_on
    article.priority = int(data.priority)
    article.notes = data.notes
    wanted = list(data.tags)
    article.tag_rows = [row for row in article.tag_rows if row.tag in wanted]
    present = {row.tag for row in article.tag_rows}
    article.tag_rows.extend(ArticleTag(tag=tag) for tag in wanted if tag not in present)


def _details(article: Article) -> tuple[object, ...]:
    return (
        article.author,
        article.outlet_id if article.outlet is None else article.outlet.id,
        article.source_url,
        article.url_key,
        article.source_language,
        article.published_on,
        article.priority,
        article.notes,
        tuple(article.tags),
    )


def _open_translations(
    session: Session,
    actor: User,
    article: Article,
    revision: SourceRevision,
    targets: Iterable[str],
) -> None:
    """One translation per target language other than the source's, each named once."""
    source_base = base_language(article.source_language)
    for code in dict.fromkeys(get_language(target).code for target in targets):
        if base_language(code) != source_base:
            open_translation(session, actor, article, revision, code)


def create_article(
    session: Session,
    actor: User,
    data: ArticleInput,
    *,
    target_languages: Iterable[str] = ("en",),
) -> Article:
    """Store a new article as revision 1, segmented, with a translation per target language."""
    if not can_manage_articles(actor):
        raise PermissionDenied("Only coordinators bring articles in.")
    prepared = prepare_article(session, data)
    _ensure_new_url(session, prepared.url_key)
    article = Article(
        title=prepared.data.title,
        source_language=prepared.data.source_language,
        created_by_id=actor.id,
    )
    _apply_details(session, article, prepared)
    session.add(article)
    session.flush()
    revision = _add_revision(session, article, prepared, actor, note="")
    _open_translations(session, actor, article, revision, target_languages)
    session.flush()
    record_event(
        session,
        "article:created",
        actor=actor,
        subject_type="article",
        subject_id=article.id,
        segments=revision.segment_count,
        words=revision.word_count,
    )
    return article


@dataclass(frozen=True)
class CorrectionResult:
    revision: SourceRevision | None  # None when only the details changed
    changed: int = 0
    added: int = 0
    removed: int = 0
    translations_flagged: int = 0  # translated segments now marked "source changed"


def correct_article(
    session: Session, actor: User, article: Article, data: ArticleInput, *, note: str = ""
) -> CorrectionResult:
    """Save an edit: details in place; a changed text becomes a new revision, realigned."""
    if not can_manage_articles(actor):
        raise PermissionDenied("Only coordinators correct articles.")
    prepared = prepare_article(session, data)
    _ensure_new_url(session, prepared.url_key, except_id=article.id)
    previous = article.current_revision
    if previous is None:
        raise NotFound("This article has no text yet.")
    details_before = _details(article)
    _apply_details(session, article, prepared)
    same_text = (
        previous.title == prepared.data.title
        and previous.standfirst == prepared.data.standfirst
        and previous.body_html == prepared.body_html
    )
    if same_text and _details(article) == details_before:
        return CorrectionResult(revision=None)  # nothing to save, nothing to record
    article.updated_at = utcnow()
    if same_text:
        session.flush()
        record_event(
            session, "article:updated", actor=actor, subject_type="article", subject_id=article.id
        )
        return CorrectionResult(revision=None)
    old_segments = list(previous.segments)
    revision = _add_revision(session, article, prepared, actor, note=_line(note)[:500])
    outcome = realign_translations(session, article, old_segments, revision)
    session.flush()
    record_event(
        session,
        "article:corrected",
        actor=actor,
        subject_type="article",
        subject_id=article.id,
        revision=revision.number,
        changed=outcome.changed,
        added=outcome.added,
        removed=outcome.removed,
        note=revision.note,
    )
    return CorrectionResult(
        revision=revision,
        changed=outcome.changed,
        added=outcome.added,
        removed=outcome.removed,
        translations_flagged=outcome.flagged,
    )


def set_archived(session: Session, actor: User, article: Article, *, archived: bool) -> None:
    if not can_manage_articles(actor):
        raise PermissionDenied("Only coordinators archive articles.")
    article.status = ArticleStatus.ARCHIVED if archived else ArticleStatus.ACTIVE
    session.flush()
    record_event(
        session,
        "article:archived" if archived else "article:restored",
        actor=actor,
        subject_type="article",
        subject_id=article.id,
    )


def get_article(session: Session, article_id: int) -> Article:
    article = session.get(Article, article_id)
    if article is None:
        raise NotFound("There is no such article.")
    return article


def revisions_of(session: Session, article: Article) -> list[SourceRevision]:
    return list(
        session.scalars(
            select(SourceRevision)
            .where(SourceRevision.article_id == article.id)
            .order_by(SourceRevision.number.desc())
        )
    )


def segment_changes(segments: Sequence[Segment]) -> dict[str, int]:
    counts = {change.value: 0 for change in SegmentChange}
    for segment in segments:
        if segment.change is not None:
            counts[segment.change.value] += 1
    return counts
