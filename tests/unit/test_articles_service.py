"""Bringing articles in and correcting them, tested on the service layer directly."""

from dataclasses import replace

import pytest
from sqlalchemy import func, select

from translate_flow.core.errors import PermissionDenied, UnknownLanguage, ValidationFailed
from translate_flow.domain.models import (
    Article,
    Event,
    Role,
    SegmentChange,
    SegmentKind,
    Translation,
    TranslationSegment,
)
from translate_flow.intake import articles, source_changes
from translate_flow.intake.articles import ArticleInput, DuplicateArticle
from translate_flow.intake.formats import BodyFormat

HTML_BODY = """
<h2>An alliance under strain</h2>
<p>Tokyo has long relied on <a href="https://example.org/x">Washington</a>.</p>
<blockquote><p>“We cannot take it for granted,” the minister said.</p></blockquote>
<ul><li>Trade</li><li>Security</li></ul>
<figure><img src="x.jpg"><figcaption>The minister in Tokyo.</figcaption></figure>
"""

PARAGRAPHS = [
    "The first paragraph stays exactly as it was.",
    "The second paragraph will be corrected by the outlet.",
    "The third paragraph will be removed entirely.",
    "The fourth paragraph also stays.",
]


def _text(paragraphs: list[str]) -> str:
    return "\n\n".join(paragraphs)


def _count(session, model) -> int:  # type: ignore[no-untyped-def]
    return session.scalar(select(func.count()).select_from(model))


def test_coordinator_brings_in_an_article_segmented_and_counted(make_user, session):
    coordinator = make_user(Role.COORDINATOR)
    article = articles.create_article(
        session,
        session.merge(coordinator),
        ArticleInput(
            title="日米同盟の行方",
            standfirst="A summary under the headline.",
            body=HTML_BODY,
            body_format=BodyFormat.HTML,
            source_language="ja",
            tags=["Alliance, Trade", "alliance"],
            source_url="HTTPS://Example.COM/op-ed?utm_source=x&id=7",
        ),
        target_languages=["en", "ja"],
    )
    segments = article.current_revision.segments
    assert [s.kind for s in segments] == [
        SegmentKind.TITLE,
        SegmentKind.STANDFIRST,
        SegmentKind.HEADING,
        SegmentKind.PARAGRAPH,
        SegmentKind.QUOTE,
        SegmentKind.LIST_ITEM,
        SegmentKind.LIST_ITEM,
        SegmentKind.CAPTION,
    ]
    assert [s.position for s in segments] == list(range(8))
    assert 'href="https://example.org/x"' in segments[3].html
    assert article.segment_count == 8
    assert article.word_count == sum(s.word_count for s in segments) > 0
    assert segments[0].word_count == 7  # 日米同盟の行方: each character counts
    assert article.tags == ["alliance", "trade"]
    assert article.source_url == "https://example.com/op-ed?id=7"
    # A translation into each target language other than the source's, one row per segment.
    translations = session.scalars(select(Translation)).all()
    assert [t.target_language for t in translations] == ["en"]
    assert len(translations[0].segments) == 8
    assert session.scalar(select(Event.action).order_by(Event.id.desc())) == "article:created"


def test_translator_cannot_bring_in_an_article(make_user, session):
    translator = make_user(Role.TRANSLATOR)
    with pytest.raises(PermissionDenied):
        articles.create_article(
            session,
            session.merge(translator),
            ArticleInput(title="T", body="Text.", source_language="ja"),
        )
    assert _count(session, Article) == 0


@pytest.mark.parametrize(
    ("fields", "error", "message"),
    [
        ({"body": "   \n\n  "}, ValidationFailed, "empty"),
        ({"title": "  "}, ValidationFailed, "title"),
        ({"source_language": "xx-nonsense"}, UnknownLanguage, "language"),
        ({"source_url": "ftp://example.org/a"}, ValidationFailed, "http"),
        ({"outlet_id": 999}, ValidationFailed, "outlet"),
        ({"tags": ["x" * 61]}, ValidationFailed, "tag"),
    ],
)
def test_bad_input_is_refused_and_saves_nothing(make_user, session, fields, error, message):
    coordinator = make_user(Role.COORDINATOR)
    values = {"title": "A title", "body": "Some text.", "source_language": "ja", **fields}
    with pytest.raises(error) as raised:
        articles.create_article(session, session.merge(coordinator), ArticleInput(**values))
    assert message in raised.value.message.lower()
    assert _count(session, Article) == 0


def test_an_address_is_imported_once_however_it_is_written(make_user, make_article, session):
    coordinator = make_user(Role.COORDINATOR)
    first = make_article(coordinator, source_url="https://www.example.com/a/b?id=1&utm_medium=rss")
    with pytest.raises(DuplicateArticle) as raised:
        articles.create_article(
            session,
            session.merge(coordinator),
            ArticleInput(
                title="Again",
                body="Text.",
                source_language="ja",
                source_url="http://WWW.Example.com:80/a/b?id=1#comments",
            ),
        )
    assert raised.value.article_id == first.id
    assert raised.value.status_code == 409


def _translate_everything(session, article: Article) -> None:  # type: ignore[no-untyped-def]
    translation = session.scalar(select(Translation).where(Translation.article_id == article.id))
    for row in translation.segments:
        row.text = f"EN: {row.segment.text}"
    session.flush()


def test_a_correction_keeps_moves_flags_and_sets_aside_translations(make_user, session):
    coordinator = session.merge(make_user(Role.COORDINATOR))
    article = articles.create_article(
        session,
        coordinator,
        ArticleInput(title="A title", body=_text(PARAGRAPHS), source_language="de"),
    )
    _translate_everything(session, article)
    old_segments = {s.text: s for s in article.current_revision.segments}

    corrected = [
        PARAGRAPHS[0],
        "A paragraph the outlet added.",
        "The second paragraph was corrected by the outlet.",
        PARAGRAPHS[3],
    ]
    data = articles.current_input(article)
    result = articles.correct_article(
        session,
        coordinator,
        article,
        ArticleInput(
            title=data.title,
            body=_text(corrected),
            body_format=BodyFormat.TEXT,
            source_language=data.source_language,
        ),
        note="The outlet fixed paragraph two.",
    )

    assert result.revision is not None and result.revision.number == 2
    assert (result.changed, result.added, result.removed) == (1, 1, 1)
    assert result.translations_flagged == 1
    new = {s.text: s for s in result.revision.segments}
    assert new[PARAGRAPHS[0]].change == SegmentChange.UNCHANGED
    assert new["A paragraph the outlet added."].change == SegmentChange.ADDED
    assert new[corrected[2]].change == SegmentChange.CHANGED
    assert new[corrected[2]].previous_id == old_segments[PARAGRAPHS[1]].id

    rows = {
        row.segment.text: row
        for row in session.scalars(select(TranslationSegment)).all()
        if row.set_aside_at is None
    }
    # Unchanged: the translation moved to the new segment, unflagged.
    assert rows[PARAGRAPHS[0]].text == f"EN: {PARAGRAPHS[0]}"
    assert rows[PARAGRAPHS[0]].segment_id == new[PARAGRAPHS[0]].id
    assert not rows[PARAGRAPHS[0]].is_source_changed
    # Changed: kept, and flagged with the source it was translated from.
    assert rows[corrected[2]].text == f"EN: {PARAGRAPHS[1]}"
    assert rows[corrected[2]].source_changed_from_id == old_segments[PARAGRAPHS[1]].id
    # New: an empty row.
    assert rows["A paragraph the outlet added."].text == ""
    # Removed: set aside with its text, not deleted.
    aside = session.scalars(
        select(TranslationSegment).where(TranslationSegment.set_aside_at.is_not(None))
    ).all()
    assert [row.text for row in aside] == [f"EN: {PARAGRAPHS[2]}"]

    translation = session.scalar(select(Translation))
    assert translation.source_revision_id == result.revision.id
    [summary] = source_changes.summaries(session, article)
    assert (summary.segments, summary.source_changed, summary.set_aside) == (5, 1, 1)
    [affected] = source_changes.affected_segments(session, translation)
    assert "".join(c.text for c in affected.changes if c.op.value == "insert") == "was"
    event = session.scalars(select(Event).order_by(Event.id.desc())).first()
    assert event.action == "article:corrected"
    assert event.payload["note"] == "The outlet fixed paragraph two."


def test_a_second_correction_keeps_the_first_source_the_text_was_made_from(make_user, session):
    coordinator = session.merge(make_user(Role.COORDINATOR))
    article = articles.create_article(
        session,
        coordinator,
        ArticleInput(title="T", body=_text(PARAGRAPHS), source_language="de"),
    )
    _translate_everything(session, article)
    original = article.current_revision.segments[2]
    for wording in (
        "The second paragraph was corrected.",
        "The second paragraph, corrected twice.",
    ):
        body = _text([PARAGRAPHS[0], wording, PARAGRAPHS[2], PARAGRAPHS[3]])
        articles.correct_article(
            session, coordinator, article, ArticleInput(title="T", body=body, source_language="de")
        )
    flagged = session.scalars(
        select(TranslationSegment).where(TranslationSegment.source_changed_from_id.is_not(None))
    ).all()
    assert [row.source_changed_from_id for row in flagged] == [original.id]
    assert article.current_revision.number == 3


def test_changing_only_details_makes_no_new_revision(make_user, session):
    coordinator = session.merge(make_user(Role.COORDINATOR))
    article = articles.create_article(
        session, coordinator, ArticleInput(title="T", body="Text here.", source_language="es")
    )
    data = articles.current_input(article)
    result = articles.correct_article(
        session,
        coordinator,
        article,
        ArticleInput(
            title=data.title,
            body=data.body,
            body_format=data.body_format,
            source_language="es",
            author="María López",
            tags=["opinion"],
        ),
    )
    assert result.revision is None
    assert article.current_revision.number == 1
    assert article.author == "María López" and article.tags == ["opinion"]


def test_revisions_compare_segment_by_segment(make_user, session):
    coordinator = session.merge(make_user(Role.COORDINATOR))
    article = articles.create_article(
        session, coordinator, ArticleInput(title="T", body=_text(PARAGRAPHS), source_language="de")
    )
    body = _text([PARAGRAPHS[0], "Brand new.", PARAGRAPHS[3]])
    articles.correct_article(
        session, coordinator, article, ArticleInput(title="T2", body=body, source_language="de")
    )
    old = source_changes.get_revision(session, article, 1)
    new = source_changes.get_revision(session, article, 2)
    rows = source_changes.compare_revisions(old, new)
    # The title pairs with the title however much it changed; the body aligns by content.
    assert [(row.kind, row.status) for row in rows] == [
        (SegmentKind.TITLE, "changed"),
        (SegmentKind.PARAGRAPH, "unchanged"),
        (SegmentKind.PARAGRAPH, "removed"),
        (SegmentKind.PARAGRAPH, "removed"),
        (SegmentKind.PARAGRAPH, "added"),
        (SegmentKind.PARAGRAPH, "unchanged"),
    ]


def test_correcting_the_language_moves_the_translations_to_the_new_pair(make_user, session):
    coordinator = session.merge(make_user(Role.COORDINATOR))
    article = articles.create_article(
        session,
        coordinator,
        ArticleInput(title="A title", body=_text(PARAGRAPHS), source_language="nl"),
        target_languages=["en", "fr"],
    )
    corrected = replace(articles.current_input(article), source_language="de")
    articles.correct_article(session, coordinator, article, corrected)
    rows = session.execute(
        select(Translation.target_language, Translation.source_language)
        .where(Translation.article_id == article.id)
        .order_by(Translation.target_language)
    ).all()
    assert rows == [("en", "de"), ("fr", "de")]
    assert {t.source_language for t in session.scalars(select(Translation))} == {"de"}
