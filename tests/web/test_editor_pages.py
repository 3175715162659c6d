"""The editor's pages through the test client: the side-by-side page, the whole-form save that
works without JavaScript, comments, a segment's history and restore, comparing versions and
the reviewer's changes."""

import html as html_module
import re

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from tests.conftest import csrf_token, post_form, sign_in
from tests.desk import Desk
from tests.web.snapshot import database_snapshot
from tests.web.test_translations_api import counting_queries
from translate_flow.domain.models import (
    Comment,
    Role,
    Segment,
    SegmentRevision,
    Translation,
    TranslationSegment,
    User,
)
from translate_flow.domain.workflow import Action
from translate_flow.editing import saving as editing
from translate_flow.workflow.opening import create_translation
from translate_flow.workflow.transitions import fire

ENGLISH = [
    "Before lamenting the weak yen",
    "The yen has long been above 150 to the dollar.",
    "But a weak currency is a result, not a cause.",
    "The real question is thirty years of stagnation.",
]


def signed_in_as(app: Flask, user: User) -> FlaskClient:
    client = app.test_client()
    assert sign_in(client, user.email).status_code == 302
    return client


def page(client: FlaskClient, desk: Desk, path: str = "/edit") -> str:
    response = client.get(f"/translations/{desk.translation_id}{path}")
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    return response.get_data(as_text=True)


def rows(desk: Desk) -> list[TranslationSegment]:
    with desk.session() as session:
        found = list(
            session.scalars(
                select(TranslationSegment)
                .where(TranslationSegment.translation_id == desk.translation_id)
                .order_by(TranslationSegment.id)
            )
        )
        session.expunge_all()
        return found


def form_fields(html: str) -> dict[str, str]:
    """The whole-form fields as the page shows them (hidden inputs and textareas)."""
    fields = dict(
        re.findall(r'name="(segments-\d+-(?:segment_id|version))"[^>]*value="(\d+)"', html)
    )
    fields |= {
        # A browser drops the line break that follows <textarea>.
        name: html_module.unescape(value.removeprefix("\r\n").removeprefix("\n"))
        for name, value in re.findall(
            r'name="(segments-\d+-text)"[^>]*>(.*?)</textarea>', html, re.S
        )
    }
    return fields


def textareas(html: str) -> list[str]:
    """The opening tags of the page's translation boxes."""
    tags = re.findall(r"<textarea[^>]*data-text[^>]*>", html)
    assert tags
    return tags


@pytest.fixture
def dorothy(app, desk) -> FlaskClient:  # type: ignore[no-untyped-def]
    return signed_in_as(app, desk.translator)


# --- The page --------------------------------------------------------------------------------


def test_the_editor_shows_each_source_segment_beside_its_translation(dorothy, desk):
    desk.write(desk.translator, 1, ENGLISH[1])
    html = page(dorothy, desk)
    assert html.count('data-testid="segment"') == 4
    assert 'lang="ja" dir="ltr"' in html
    assert all('lang="en"' in tag and 'dir="ltr"' in tag for tag in textareas(html))
    assert ENGLISH[1] in html
    assert re.findall(r'data-testid="segment-status">(\w[\w ]*)<', html) == [
        "empty",
        "draft",
        "empty",
        "empty",
    ]
    assert "Submit for review" in html
    assert 'data-editable="true"' in html
    assert "1 of 4 translated" in re.sub(r"<[^>]+>", "", html)


def test_an_arabic_translation_is_written_right_to_left(app, desk, make_user):
    arabist = make_user(Role.TRANSLATOR, pairs=["ja:ar"])
    with desk.session() as session:
        translation = create_translation(
            session,
            desk.person(session, desk.coordinator),
            desk.translation(session).article,
            "ar",
        )
        fire(session, session.get(User, arabist.id), translation, Action.CLAIM)  # type: ignore[arg-type]
        translation_id = translation.id
    html = (
        signed_in_as(app, arabist)
        .get(f"/translations/{translation_id}/edit")
        .get_data(as_text=True)
    )
    assert all('lang="ar"' in tag and 'dir="rtl"' in tag for tag in textareas(html))


def test_people_who_may_not_edit_read_the_page_without_fields_to_type_in(app, desk):
    html = page(signed_in_as(app, desk.other), desk)
    assert 'data-editable="false"' in html
    assert "Only its translator" in html
    assert html.count("readonly") == 4
    assert "Submit for review" not in html


def test_statuses_follow_the_marks(dorothy, desk):
    desk.write(desk.translator, 1, ENGLISH[1])
    with desk.session() as session:
        translation = desk.translation(session)
        translator = desk.person(session, desk.translator)
        editing.save_segment(
            session,
            translator,
            translation,
            desk.segment_ids[1],
            text=ENGLISH[1],
            base_version=1,
            done=True,
        )
        editing.save_segment(
            session,
            translator,
            translation,
            desk.segment_ids[2],
            text="",
            base_version=0,
            leave_untranslated=True,
        )
    statuses = re.findall(r'data-testid="segment-status">(\w[\w ]*)<', page(dorothy, desk))
    assert statuses == ["empty", "done", "left untranslated", "empty"]


def test_the_editor_takes_the_same_queries_for_a_short_and_a_long_article(app, desk, make_article):
    counts = []
    for paragraphs in (10, 100):
        article = make_article(
            desk.coordinator, body="\n\n".join(f"Paragraph {n}." for n in range(paragraphs))
        )
        with desk.session() as session:
            translation = session.scalars(
                select(Translation).where(
                    Translation.article_id == article.id, Translation.target_language == "en"
                )
            ).one()
            translator = desk.person(session, desk.coordinator)
            row = translation.segments[0]
            session.add(
                Comment(
                    translation_id=translation.id,
                    translation_segment_id=row.id,
                    author_id=translator.id,
                    body="Note.",
                )
            )
            translation_id = translation.id
        client = signed_in_as(app, desk.coordinator)
        # Once first: what a worker reads once and keeps (the pair's terms, the moderation
        # count) is not what this counts.
        assert client.get(f"/translations/{translation_id}/edit").status_code == 200
        with counting_queries(app) as statements:
            response = client.get(f"/translations/{translation_id}/edit")
        assert response.status_code == 200
        assert response.get_data(as_text=True).count('data-testid="segment"') == paragraphs + 1
        counts.append(len(statements))
    assert counts[0] == counts[1]


# --- Saving without JavaScript ----------------------------------------------------------------


def test_the_whole_form_saves_every_changed_segment(dorothy, desk):
    html = page(dorothy, desk)
    fields = form_fields(html)
    fields |= {f"segments-{i}-text": text for i, text in enumerate(ENGLISH)}
    fields["segments-0-done"] = "y"
    response = post_form(dorothy, f"/translations/{desk.translation_id}/edit", fields)
    assert response.status_code == 302
    assert response.location.endswith(f"/translations/{desk.translation_id}/edit")
    saved = rows(desk)
    assert [r.text for r in saved] == ENGLISH
    assert [r.is_done for r in saved] == [True, False, False, False]
    assert "Saved 4 segment(s)." in dorothy.get(response.location).get_data(as_text=True)


def test_a_conflict_in_the_form_keeps_my_text_in_the_box_and_shows_theirs(app, dorothy, desk):
    fields = form_fields(page(dorothy, desk))
    desk.write(desk.coordinator, 1, "Coordinator version.")
    fields["segments-1-text"] = "Dorothy version."
    fields["segments-2-text"] = ENGLISH[2]
    response = post_form(dorothy, f"/translations/{desk.translation_id}/edit", fields)
    assert response.status_code == 409
    html = response.get_data(as_text=True)
    assert "Dorothy version." in html
    assert 'data-testid="form-conflict"' in html
    assert "Coordinator version." in html
    # The segment without a conflict was saved; mine is in the history.
    assert rows(desk)[2].text == ENGLISH[2]
    with desk.session() as session:
        kept = session.scalars(
            select(SegmentRevision.origin).where(SegmentRevision.text == "Dorothy version.")
        ).one()
    assert kept.value == "conflict"
    # The page now carries the current version, so sending it again keeps mine.
    again = form_fields(html)
    response = post_form(dorothy, f"/translations/{desk.translation_id}/edit", again)
    assert response.status_code == 302
    assert rows(desk)[1].text == "Dorothy version."


def test_the_form_without_its_csrf_token_saves_nothing(dorothy, desk, db):
    fields = form_fields(page(dorothy, desk)) | {"segments-1-text": "x"}
    before = database_snapshot(db)
    response = dorothy.post(f"/translations/{desk.translation_id}/edit", data=fields)
    assert response.status_code == 400
    assert database_snapshot(db) == before


def test_a_tampered_form_is_refused_with_a_message(dorothy, desk, db):
    fields = form_fields(page(dorothy, desk)) | {"segments-1-version": "minus one"}
    before = database_snapshot(db)
    response = post_form(dorothy, f"/translations/{desk.translation_id}/edit", fields)
    assert response.status_code == 400
    assert "nothing was saved" in response.get_data(as_text=True)
    assert database_snapshot(db) == before


def test_someone_else_cannot_save_the_form(app, desk, db):
    olga = signed_in_as(app, desk.other)
    fields = form_fields(page(olga, desk)) | {"segments-1-text": "x"}
    before = database_snapshot(db)
    response = post_form(olga, f"/translations/{desk.translation_id}/edit", fields)
    assert response.status_code == 403
    assert database_snapshot(db) == before


# --- Comments -----------------------------------------------------------------------------------


def test_a_comment_posted_from_a_row_appears_in_that_row(app, desk):
    olga = signed_in_as(app, desk.other)
    response = post_form(
        olga,
        f"/translations/{desk.translation_id}/comments",
        {"body": "@Dorothy Phoenix: 150 or 160?", "segment_id": desk.segment_ids[1]},
    )
    assert response.status_code == 302
    assert response.location.endswith(f"#seg-{desk.segment_ids[1]}")
    html = olga.get(response.location).get_data(as_text=True)
    assert "Dorothy Phoenix will be told." in html
    row = html[html.index(f'id="seg-{desk.segment_ids[1]}"') :]
    row = row[: row.index("</li>")]
    assert "150 or 160?" in row
    assert "Comments (1, 1 open)" in row


def test_an_empty_comment_is_refused_and_nothing_is_stored(app, desk, db):
    olga = signed_in_as(app, desk.other)
    before = database_snapshot(db)
    response = post_form(
        olga, f"/translations/{desk.translation_id}/comments", {"body": " ", "segment_id": ""}
    )
    assert response.status_code == 302
    assert "Write something" in olga.get(response.location).get_data(as_text=True)
    assert database_snapshot(db) == before


def test_the_translator_resolves_a_thread_from_the_page(app, dorothy, desk):
    olga = signed_in_as(app, desk.other)
    post_form(olga, f"/translations/{desk.translation_id}/comments", {"body": "Typo?"})
    with desk.session() as session:
        comment_id = session.scalars(select(Comment.id)).one()
    response = post_form(
        dorothy,
        f"/translations/{desk.translation_id}/comments/{comment_id}/resolve",
        {"resolved": "1"},
    )
    assert response.status_code == 302
    html = dorothy.get(response.location).get_data(as_text=True)
    assert "Thread resolved." in html
    assert "Reopen" in html


# --- History and restore ------------------------------------------------------------------------


def test_a_segments_history_lists_every_text_and_diffs_the_latest_change(dorothy, desk):
    desk.write(desk.translator, 1, "The yen is weak.")
    desk.write(desk.translator, 1, "The yen is very weak.")
    html = page(dorothy, desk, f"/segments/{desk.segment_ids[1]}/history")
    assert html.count('data-testid="revision"') == 2
    assert "<ins>very </ins>" in html
    assert "Dorothy Phoenix typed" in html


def test_restoring_an_old_text_from_the_history(dorothy, desk):
    desk.write(desk.translator, 1, "first")
    desk.write(desk.translator, 1, "second")
    with desk.session() as session:
        first = session.scalars(
            select(SegmentRevision.id).where(SegmentRevision.text == "first")
        ).one()
    response = post_form(
        dorothy,
        f"/translations/{desk.translation_id}/revisions/{first}/restore",
        {"base_version": 2},
    )
    assert response.status_code == 302
    assert rows(desk)[1].text == "first"
    assert "restored an earlier revision" in dorothy.get(response.location).get_data(as_text=True)


def test_restoring_on_an_old_page_does_not_overwrite_a_newer_text(dorothy, desk):
    desk.write(desk.translator, 1, "The yen is weak.")
    desk.write(desk.translator, 1, "The yen is weak against the dollar.")
    desk.write(desk.coordinator, 1, "The yen is feeble against the dollar.")
    with desk.session() as session:
        first = session.scalars(
            select(SegmentRevision.id).where(SegmentRevision.text == "The yen is weak.")
        ).one()
    response = post_form(
        dorothy,
        f"/translations/{desk.translation_id}/revisions/{first}/restore",
        {"base_version": 2},
    )
    assert response.status_code == 302
    assert rows(desk)[1].text == "The yen is feeble against the dollar."
    assert "was not restored" in dorothy.get(response.location).get_data(as_text=True)


# --- Comparing and the reviewer's changes -------------------------------------------------------


def submit_with_review(desk: Desk) -> None:
    for index, text in enumerate(ENGLISH):
        desk.write(desk.translator, index, text)
    desk.submit()
    desk.take_review()
    desk.write(desk.reviewer, 3, "What must be asked is thirty years of stagnation.")
    desk.approve()


@pytest.mark.parametrize("view", ["inline", "side"])
def test_two_snapshots_compare_inline_or_side_by_side(dorothy, desk, view):
    submit_with_review(desk)
    html = page(dorothy, desk, f"/compare?before=snapshot:1&after=snapshot:2&view={view}")
    assert "1 of 4 segments changed" in html
    assert "<del>The real question</del>" in html or "<del>The real question is</del>" in html
    assert ("side-by-side" in html) == (view == "side")


def test_the_translator_sees_what_the_reviewer_changed_and_marks_it_seen(dorothy, desk):
    submit_with_review(desk)
    assert 'data-testid="unseen-review"' in page(dorothy, desk)
    html = page(dorothy, desk, "/review-changes")
    assert "1</strong> of 4 segments changed" in html
    assert re.search(r"approved .* by Rafael Reviewer", html)
    snapshot_id = re.search(r"/review-changes/(\d+)/seen", html)
    assert snapshot_id
    response = post_form(
        dorothy,
        f"/translations/{desk.translation_id}/review-changes/{snapshot_id.group(1)}/seen",
    )
    assert response.status_code == 302
    assert 'data-testid="seen"' in dorothy.get(response.location).get_data(as_text=True)
    assert 'data-testid="unseen-review"' not in page(dorothy, desk)


def test_coordinators_see_the_reviewers_changes_and_strangers_do_not(app, desk):
    submit_with_review(desk)
    assert "segments changed" in page(signed_in_as(app, desk.coordinator), desk, "/review-changes")
    response = signed_in_as(app, desk.other).get(
        f"/translations/{desk.translation_id}/review-changes"
    )
    assert response.status_code == 403


def test_the_csrf_token_on_the_page_is_the_one_the_api_takes(dorothy, desk):
    token = csrf_token(dorothy)
    response = dorothy.put(
        f"/api/v1/translations/{desk.translation_id}/segments/{desk.segment_ids[1]}",
        json={"text": "x", "base_version": 0},
        headers={"X-CSRFToken": token},
    )
    assert response.status_code == 200


def test_reviewers_find_their_decisions_from_the_editor(app, desk):
    for index, text in enumerate(ENGLISH):
        desk.write(desk.translator, index, text)
    desk.submit()
    rafael = signed_in_as(app, desk.reviewer)
    html = page(rafael, desk)
    assert 'data-testid="review-claim"' in html
    assert 'data-testid="review-release"' not in html
    desk.take_review()
    html = page(rafael, desk)
    # The decision is in the editor's toolbar; taking and releasing are never offered together.
    assert 'data-testid="review-approve"' in html
    assert 'data-testid="review-send-back"' in html
    assert 'data-testid="review-release"' in html
    assert 'data-testid="review-claim"' not in html
    assert 'data-editable="true"' in html
    assert 'data-testid="review-claim"' not in page(signed_in_as(app, desk.translator), desk)


def test_a_source_is_written_once_unless_its_placeholder_form_differs(
    app: Flask, desk: Desk
) -> None:
    """The checks' spans count in the source's placeholder form: a source with a link carries
    it beside the chips; a plain source is its own, and repeating it was a sixth of the page."""
    with desk.session() as session:
        tagged = session.get_one(Segment, desk.segment_ids[1])
        tagged.html = 'The <a href="https://example.org/yen">yen</a> fell.'
        tagged.text = "The yen fell."
        session.commit()
    shown = page(signed_in_as(app, desk.translator), desk)

    sources = dict(
        re.findall(
            r'id="seg-(\d+)".*?<div class="segment-text" data-source-text([^>]*)>', shown, re.S
        )
    )
    assert sources[str(desk.segment_ids[1])] == ' data-placeholder-text="The {1}yen{/1} fell."'
    assert sources[str(desk.segment_ids[2])] == ""
