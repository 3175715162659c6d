"""Publishing through the services: the public record follows publish, correction, republish,
unpublish and withdraw; slugs; publishing rights per pair; publications planned for later."""

from dataclasses import replace
from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import undefer

from tests.desk import ENGLISH, Desk
from tests.factories import ArticleFactory
from tests.web.snapshot import database_snapshot
from translate_flow import jobs
from translate_flow.core.errors import Conflict, PermissionDenied, ValidationFailed
from translate_flow.domain.models import (
    Event,
    Publication,
    Role,
    Translation,
    TranslationState,
    utcnow,
)
from translate_flow.domain.workflow import Action, Request
from translate_flow.publishing import planned as publishing
from translate_flow.publishing import publications
from translate_flow.publishing.publications import _unique_slug
from translate_flow.text.slugs import slugify
from translate_flow.workflow.transitions import fire


def publication(desk: Desk) -> Publication:
    with desk.session() as session:
        found = session.scalars(select(Publication).options(undefer(Publication.search_text))).one()
        session.expunge(found)
        return found


def test_publishing_makes_the_public_record_from_the_snapshot(desk):
    desk.publish()
    record = publication(desk)
    assert record.slug == "before-lamenting-the-weak-yen"
    assert record.title == ENGLISH[0]
    assert record.summary == ENGLISH[1]
    assert record.search_text == "\n".join(ENGLISH[1:])
    assert (record.source_language, record.target_language) == ("ja", "en")
    assert (record.translator_id, record.reviewer_id) == (desk.translator.id, desk.reviewer.id)
    assert record.is_live and not record.was_updated
    assert record.word_count == sum(len(text.split()) for text in ENGLISH)


def test_a_correction_stays_online_as_published_until_republished_at_the_same_address(desk):
    desk.publish()
    first = publication(desk)
    desk.act(desk.coordinator, Action.REOPEN, reason="The outlet corrected a figure.")
    desk.write(desk.translator, 1, "The yen has long been above 155 to the dollar.")
    during = publication(desk)
    assert (during.snapshot_id, during.search_text) == (first.snapshot_id, first.search_text)
    assert during.is_live
    desk.submit()
    desk.take_review()
    desk.approve()
    desk.act(desk.coordinator, Action.PUBLISH)
    after = publication(desk)
    assert after.slug == first.slug
    assert after.snapshot_id != first.snapshot_id
    assert "155" in after.search_text
    assert after.first_published_at == first.first_published_at
    assert after.was_updated


def test_unpublishing_takes_it_down_and_republishing_brings_it_back(desk):
    desk.publish()
    desk.act(desk.coordinator, Action.UNPUBLISH, reason="Rights withdrawn by the outlet.")
    assert not publication(desk).is_live
    desk.act(desk.coordinator, Action.REOPEN, reason="Rights cleared again.")
    desk.submit()
    desk.take_review()
    desk.approve()
    desk.act(desk.coordinator, Action.PUBLISH)
    assert publication(desk).is_live


def test_withdrawing_a_correction_takes_the_page_down(desk):
    desk.publish()
    desk.act(desk.coordinator, Action.REOPEN, reason="Fix a figure.")
    desk.act(desk.coordinator, Action.WITHDRAW, reason="The outlet retracted the article.")
    assert not publication(desk).is_live


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("What America's election means for Europe", "what-americas-election-means-for-europe"),
        ("Élections : l’Europe inquiète", "élections-leurope-inquiète"),
        ("美国大选牵动全球市场", "美国大选牵动全球市场"),
        ("2022年美国经济政策", "2022年美国经济政策"),
        ("  --  ", ""),
        ("Один два три", "один-два-три"),
    ],
)
def test_slugs_read_like_the_title(title, slug):
    assert slugify(title) == slug


def another_translation(
    desk: Desk, make_article: ArticleFactory, title: str = "円安を嘆く前に（続き）"
) -> Desk:
    """A second article's English translation, claimed by the desk's translator."""
    article = make_article(desk.coordinator, title=title, body="段落。")
    with desk.session() as session:
        translation = session.scalars(
            select(Translation).where(Translation.article_id == article.id)
        ).one()
        fire(session, desk.person(session, desk.translator), translation, Action.CLAIM)
        rows = sorted(translation.segments, key=lambda row: row.segment_id)
        return replace(
            desk, translation_id=translation.id, segment_ids=[r.segment_id for r in rows]
        )


def all_slugs(desk: Desk) -> list[str]:
    with desk.session() as session:
        return sorted(session.scalars(select(Publication.slug)))


def test_two_translations_with_one_title_get_distinct_slugs(app, desk, make_article):
    desk.publish()
    another_translation(desk, make_article).publish([ENGLISH[0], "A paragraph."])
    assert all_slugs(desk) == ["before-lamenting-the-weak-yen", "before-lamenting-the-weak-yen-2"]


def test_two_titles_in_one_script_without_spaces_get_distinct_slugs(app, desk, make_article):
    desk.publish(["円安を嘆く前に", *ENGLISH[1:]])
    another_translation(desk, make_article).publish(["円安を嘆く前に", "A paragraph."])
    third = another_translation(desk, make_article, title="円安（三）")
    third.publish(["円安を嘆く前に・", "A paragraph."])
    assert all_slugs(desk) == ["円安を嘆く前に", "円安を嘆く前に-2", "円安を嘆く前に-3"]


def test_a_title_with_no_letter_falls_back_to_the_translation_number(desk):
    desk.publish(["🌏 — 🔥", *ENGLISH[1:]])
    assert publication(desk).slug == f"translation-{desk.translation_id}"


@pytest.mark.parametrize("stem", ["50%", "a_b", "a\\b"])
def test_numbering_a_taken_slug_takes_like_wildcards_literally(app, desk, make_article, stem):
    """Slugs made today hold no % _ or \\, but a stem is matched with LIKE: PostgreSQL reads a
    backslash as its escape character and missed "a\\b-2" until the pattern was escaped."""
    desk.publish()
    another_translation(desk, make_article).publish([ENGLISH[0], "A paragraph."])
    with desk.session() as session:
        first, second = session.scalars(select(Publication).order_by(Publication.id))
        first.slug, second.slug = stem, f"{stem}-2"
    with desk.session() as session:
        assert _unique_slug(session, "🌏", stem) == f"{stem}-3"


def test_a_slug_made_by_the_old_rule_stays_through_a_correction(desk):
    desk.publish(["हिन्दी समाचार", *ENGLISH[1:]])
    with desk.session() as session:
        session.scalars(select(Publication)).one().slug = "ह-न-द-सम-च-र"  # the old rule's
    desk.act(desk.coordinator, Action.REOPEN, reason="The outlet corrected a figure.")
    desk.submit()
    desk.take_review()
    desk.approve()
    desk.act(desk.coordinator, Action.PUBLISH)
    assert publication(desk).slug == "ह-न-द-सम-च-र"


def test_a_reviewer_with_publishing_rights_publishes_and_one_without_may_not(
    app, desk, make_user, db
):
    for index, text in enumerate(ENGLISH):
        desk.write(desk.translator, index, text)
    desk.submit()
    desk.take_review()
    desk.approve()
    plain = make_user(Role.REVIEWER, reviews=["ja:en"])
    publisher = make_user(Role.REVIEWER, publishes=["ja:en"])
    before = database_snapshot(db)
    with pytest.raises(PermissionDenied, match="publishing rights"):
        desk.act(plain, Action.PUBLISH)
    assert database_snapshot(db) == before
    desk.act(publisher, Action.PUBLISH)
    assert publication(desk).is_live


def test_publishing_rights_go_with_reviewing_the_pair():
    from translate_flow.people.members import PairSpec, _clean_pairs

    with pytest.raises(ValidationFailed, match="may review"):
        _clean_pairs([PairSpec("ja", "en", can_review=False, can_publish=True)])


def approved(desk: Desk) -> None:
    for index, text in enumerate(ENGLISH):
        desk.write(desk.translator, index, text)
    desk.submit()
    desk.take_review()
    desk.approve()


def test_a_planned_publication_is_published_by_the_tick_when_its_time_comes(app, desk):
    approved(desk)
    now = utcnow()
    with desk.session() as session:
        publishing.schedule(
            session,
            desk.person(session, desk.coordinator),
            desk.translation(session),
            now + timedelta(hours=2),
            now=now,
        )
    assert jobs.publish_planned(app) == 0  # not yet
    with desk.session() as session:
        desk.translation(session).publish_at = now - timedelta(minutes=1)
    assert jobs.tick(app).published == 1
    with desk.session() as session:
        translation = desk.translation(session)
        assert translation.state == TranslationState.PUBLISHED
        assert translation.publish_at is None
        assert translation.publish_by_id is None
    assert publication(desk).is_live


def test_a_plan_whose_planner_lost_the_right_is_dropped_and_says_why(app, desk):
    approved(desk)
    now = utcnow()
    with desk.session() as session:
        translation = desk.translation(session)
        publishing.schedule(
            session,
            desk.person(session, desk.coordinator),
            translation,
            now + timedelta(1),
            now=now,
        )
        translation.publish_at = now - timedelta(minutes=1)
        desk.person(session, desk.coordinator).is_active = False
    assert jobs.publish_planned(app) == 0
    with desk.session() as session:
        translation = desk.translation(session)
        assert translation.state == TranslationState.APPROVED and translation.publish_at is None
        failed = session.scalars(
            select(Event).where(Event.action == "translation:publish_failed")
        ).one()
        assert "deactivated" in failed.payload["reason"]


@pytest.mark.parametrize(
    ("who", "when_hours", "error", "message"),
    [
        ("translator", 2, PermissionDenied, "publishing rights"),
        ("coordinator", -1, ValidationFailed, "future"),
    ],
)
def test_planning_refuses_the_wrong_person_or_a_past_time(
    desk, db, who, when_hours, error, message
):
    approved(desk)
    before = database_snapshot(db)
    now = utcnow()
    with desk.session() as session, pytest.raises(error, match=message):
        publishing.schedule(
            session,
            desk.person(session, getattr(desk, who)),
            desk.translation(session),
            now + timedelta(hours=when_hours),
            now=now,
        )
    assert database_snapshot(db) == before


def test_only_an_approved_translation_is_planned(desk):
    now = utcnow()
    with desk.session() as session, pytest.raises(Conflict, match="approved"):
        publishing.schedule(
            session,
            desk.person(session, desk.coordinator),
            desk.translation(session),
            now + timedelta(hours=1),
            now=now,
        )


def test_publishing_now_cancels_the_plan(desk):
    approved(desk)
    now = utcnow()
    with desk.session() as session:
        publishing.schedule(
            session,
            desk.person(session, desk.coordinator),
            desk.translation(session),
            now + timedelta(days=1),
            now=now,
        )
    desk.act(desk.coordinator, Action.PUBLISH)
    with desk.session() as session:
        assert desk.translation(session).publish_at is None


def test_the_published_count_counts_live_work_only(desk):
    desk.publish()
    with desk.session() as session:
        assert publications.published_count(session, desk.translator.id) == 1
        fire(
            session,
            desk.person(session, desk.coordinator),
            desk.translation(session),
            Action.UNPUBLISH,
            request=Request(reason="Taken down."),
        )
        assert publications.published_count(session, desk.translator.id) == 0
