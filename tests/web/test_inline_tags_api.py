"""Inline tags through the API and the save rules: the source's links and emphasis as numbered
placeholders, saves that place them (or are refused, naming the placeholder, with nothing
stored), the no-JavaScript form, merges that would place a tag twice, and source corrections
that change a segment's markup."""

import html as html_module
import re
from dataclasses import dataclass

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from tests.conftest import post_form
from tests.desk import Desk
from tests.web.snapshot import database_snapshot
from tests.web.test_article_corrections import edit, section
from tests.web.test_articles_api import token_client
from tests.web.test_editor_pages import form_fields, signed_in_as
from translate_flow.domain.models import SegmentRevision, Translation, TranslationSegment
from translate_flow.domain.workflow import Action
from translate_flow.intake.formats import BodyFormat
from translate_flow.workflow.transitions import fire

LINK = "https://example.org/report"
TAGGED_PARAGRAPH = f'Lean el <a href="{LINK}">informe anual</a> de <em>El País</em>,<br>sin prisa.'
PLAIN_PARAGRAPH = "El gobierno estudia cortes nocturnos."
BODY = f"<p>{TAGGED_PARAGRAPH}</p>\n<p>{PLAIN_PARAGRAPH}</p>"
SOURCE_TAGGED = "Lean el {1}informe anual{/1} de {2}El País{/2},{3/}sin prisa."
TAGS = [
    {"id": 1, "kind": "paired", "element": "a", "href": LINK},
    {"id": 2, "kind": "paired", "element": "em"},
    {"id": 3, "kind": "single", "element": "br"},
]
GOOD = "Read the {1}annual report{/1} of {2}El País{/2},{3/}slowly."


@dataclass
class TaggedDesk:
    """The desk's people around a Spanish article whose first paragraph has a link, an
    emphasis and a line break; Dorothy holds its English translation in draft."""

    desk: Desk
    article_id: int
    translation_id: int
    segment_ids: list[int]  # the title, the tagged paragraph, the plain one

    def url(self, index: int = 1) -> str:
        return f"/api/v1/translations/{self.translation_id}/segments/{self.segment_ids[index]}"

    def row(self, index: int = 1) -> TranslationSegment:
        with self.desk.session() as session:
            row = session.scalars(
                select(TranslationSegment).where(
                    TranslationSegment.translation_id == self.translation_id,
                    TranslationSegment.segment_id == self.segment_ids[index],
                )
            ).one()
            session.expunge(row)
            return row

    def revisions(self) -> int:
        with self.desk.session() as session:
            return session.scalar(select(func.count()).select_from(SegmentRevision)) or 0


@pytest.fixture
def tagged(app: Flask, desk: Desk, make_article) -> TaggedDesk:  # type: ignore[no-untyped-def]
    # Dorothy translates ja→en: the words are Spanish, which no rule here reads.
    article = make_article(
        desk.coordinator, title="Los embalses del sur", body=BODY, body_format=BodyFormat.HTML
    )
    with desk.session() as session:
        translation = session.scalars(
            select(Translation).where(
                Translation.article_id == article.id, Translation.target_language == "en"
            )
        ).one()
        fire(session, desk.person(session, desk.translator), translation, Action.CLAIM)
        segment_ids = sorted(row.segment_id for row in translation.segments)
        translation_id = translation.id
    return TaggedDesk(desk, article.id, translation_id, segment_ids)


@pytest.fixture
def dorothy(app: Flask, tagged: TaggedDesk) -> FlaskClient:
    return token_client(app, tagged.desk.translator)


def put(client: FlaskClient, tagged: TaggedDesk, text: str, base: int, index: int = 1):  # type: ignore[no-untyped-def]
    return client.put(tagged.url(index), json={"text": text, "base_version": base})


# --- Reading ---------------------------------------------------------------------------------


def test_each_segment_lists_its_source_in_placeholder_form_and_its_tags(dorothy, tagged):
    body = dorothy.get(f"/api/v1/translations/{tagged.translation_id}").get_json()
    title, paragraph, plain = body["segments"]
    assert paragraph["source"] == "Lean el informe anual de El País, sin prisa."
    assert paragraph["source_tagged"] == SOURCE_TAGGED
    assert [{k: v for k, v in tag.items() if k != "title"} for tag in paragraph["tags"]] == TAGS
    assert paragraph["tags"][0]["title"] == f"link to {LINK}"
    for segment in (title, plain):
        assert segment["tags"] == []
        assert segment["source_tagged"] == segment["source"]


# --- Saving ----------------------------------------------------------------------------------


def test_a_good_placement_is_stored_and_the_answer_says_which_tags_are_missing(dorothy, tagged):
    response = put(dorothy, tagged, "Read the {1}annual report{/1} of El País.", 0)
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["missing_tags"] == [2, 3]
    assert tagged.row().text == "Read the {1}annual report{/1} of El País."

    response = put(dorothy, tagged, GOOD, 1)
    assert response.get_json()["missing_tags"] == []
    # Any order and nesting that stays well formed.
    reordered = "{2}{1}El País{/1}{/2} slowly{3/}reads."
    assert put(dorothy, tagged, reordered, 2).get_json()["missing_tags"] == []
    assert tagged.row().text == reordered


def test_a_plain_segment_saves_plain_text_with_no_tags_missing(dorothy, tagged):
    response = put(dorothy, tagged, "The government is weighing night cuts.", 0, index=2)
    assert response.status_code == 200
    assert response.get_json()["missing_tags"] == []


@pytest.mark.parametrize(
    ("text", "placeholder", "words"),
    [
        ("Read the {9}report{/9}.", "{9}", "not a tag of the source segment"),
        ("{1}Read {2}the{/1} report{/2}.", "{/1}", "crosses {2}"),
        ("Read the {1}report.", "{1}", "opened but never closed"),
        ("Read the report{/1}.", "{/1}", "closes a tag that is not open"),
        ("{1}Read{/1} the {1}report{/1}.", "{1}", "used twice"),
        ("Read the report{1/}.", "{1/}", "is not how tag 1 is written"),
        ("Read the{3}report{/3}.", "{3}", "is not how tag 3 is written"),
    ],
)
def test_a_misplaced_tag_is_a_400_that_names_it_and_stores_nothing(
    dorothy, tagged, db, text, placeholder, words
):
    before = database_snapshot(db)
    response = put(dorothy, tagged, text, 0)
    assert response.status_code == 400
    error = response.get_json()["error"]
    assert error["code"] == "invalid"
    assert error["placeholder"] == placeholder
    assert error["segment_id"] == tagged.segment_ids[1]
    assert placeholder in error["message"] and words in error["message"]
    assert database_snapshot(db) == before
    assert tagged.row().text == "" and tagged.revisions() == 0


def test_a_plain_segment_refuses_a_placeholder_and_says_how_to_write_braces(dorothy, tagged, db):
    before = database_snapshot(db)
    response = put(dorothy, tagged, "Cuts {1} at night.", 0, index=2)
    assert response.status_code == 400
    message = response.get_json()["error"]["message"]
    assert "{1} is not a tag of the source segment, which has none" in message
    assert "\\{1}" in message
    assert database_snapshot(db) == before
    assert put(dorothy, tagged, "Cuts \\{1} at night.", 0, index=2).status_code == 200


def test_a_text_stored_before_the_rules_still_reads_and_can_be_marked_done(dorothy, tagged):
    legacy = "Read the report {1} times."  # braces meant as characters, stored before tags
    with tagged.desk.session() as session:
        row = session.scalars(
            select(TranslationSegment).where(TranslationSegment.segment_id == tagged.segment_ids[1])
        ).one()
        row.text, row.version = legacy, 1
    body = dorothy.get(f"/api/v1/translations/{tagged.translation_id}").get_json()
    assert body["segments"][1]["text"] == legacy
    assert "Read the report {1} times." in dorothy.get(
        f"/translations/{tagged.translation_id}/edit"
    ).get_data(as_text=True)
    done = dorothy.put(tagged.url(1), json={"text": legacy, "base_version": 1, "done": True})
    assert done.status_code == 200 and done.get_json()["done"] is True
    assert done.get_json()["missing_tags"] == [2, 3]
    # Changed, it keeps to the rules, and the message says how to keep the braces.
    changed = put(dorothy, tagged, "Read the report {1} times, twice.", 2)
    assert changed.status_code == 400
    message = changed.get_json()["error"]["message"]
    assert "{1} is opened but never closed" in message
    assert "If you meant the characters {1}, write \\{1}." in message
    assert put(dorothy, tagged, "Read the report \\{1} times, twice.", 2).status_code == 200


def test_a_merge_that_would_place_a_tag_twice_is_a_conflict(app, dorothy, tagged):
    assert put(dorothy, tagged, "Read the annual report of El País, slowly.", 0).status_code == 200
    # Two people wrap different words in the link, each on version 1.
    assert (
        put(dorothy, tagged, "Read the {1}annual report{/1} of El País, slowly.", 1).status_code
        == 200
    )
    response = put(dorothy, tagged, "Read the annual report of El País, {1}slowly{/1}.", 1)
    assert response.status_code == 409
    body = response.get_json()
    assert body["error"]["code"] == "edit_conflict"
    assert body["theirs"] == "Read the {1}annual report{/1} of El País, slowly."
    assert tagged.row().text == "Read the {1}annual report{/1} of El País, slowly."


def test_a_merge_of_tags_placed_apart_is_merged(dorothy, tagged):
    put(dorothy, tagged, "Read the annual report of El País, slowly.", 0)
    put(dorothy, tagged, "Read the {1}annual report{/1} of El País, slowly.", 1)
    response = put(dorothy, tagged, "Read the annual report of {2}El País{/2}, slowly.", 1)
    assert response.status_code == 200
    assert response.get_json()["merged"] is True
    assert response.get_json()["text"] == "Read the {1}annual report{/1} of {2}El País{/2}, slowly."
    assert response.get_json()["missing_tags"] == [3]


# --- The editor without JavaScript -----------------------------------------------------------


def test_the_whole_form_refuses_a_misplaced_tag_with_a_message_and_saves_nothing(app, tagged, db):
    client = signed_in_as(app, tagged.desk.translator)
    editor = client.get(f"/translations/{tagged.translation_id}/edit")
    fields = form_fields(editor.get_data(as_text=True))
    fields["segments-1-text"] = "Read the {1}report."
    fields["segments-2-text"] = "Night cuts."
    before = database_snapshot(db)
    response = post_form(client, f"/translations/{tagged.translation_id}/edit", fields)
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    text = html_module.unescape(re.sub(r"<[^>]+>", " ", html))
    assert "Nothing was saved" in text
    assert "Segment 2: {1} is opened but never closed" in text
    # …and in the row itself, beside the box that holds it.
    assert re.search(r'data-testid="form-misplaced">\{1\} is opened but never closed', html)
    # What was typed is still in the boxes.
    assert "Read the {1}report." in text and "Night cuts." in text
    assert database_snapshot(db) == before


# --- Source corrections ----------------------------------------------------------------------


def test_a_correction_that_adds_a_link_flags_the_translation_and_shows_the_tag(
    app, tagged, signed_in
):
    dorothy = token_client(app, tagged.desk.translator)
    put(dorothy, tagged, GOOD, 0)
    put(dorothy, tagged, "Night cuts.", 0, index=2)
    client = signed_in_as(app, tagged.desk.coordinator)
    linked = f'<a href="{LINK}/cuts">El gobierno</a> estudia cortes nocturnos.'
    corrected = BODY.replace(PLAIN_PARAGRAPH, linked)
    response = edit(client, tagged.article_id, body=corrected, note="Link to the plan.")
    assert response.status_code == 302
    page_html = client.get(response.location).get_data(as_text=True)
    assert "1 translated segment(s) now marked “source changed”" in page_html

    affected = section(page_html, 'data-testid="affected-en"')
    assert re.search(r'<ins><span class="tag-chip tag-open" data-placeholder="\{1\}"', affected)
    assert f"start of tag 1: link to {LINK}/cuts" in affected
    assert "Night cuts." in affected

    segments = dorothy.get(f"/api/v1/translations/{tagged.translation_id}").get_json()["segments"]
    assert [s["source_changed"] for s in segments] == [False, False, True]
    assert segments[2]["source_tagged"] == "{1}El gobierno{/1} estudia cortes nocturnos."
    assert segments[2]["tags"][0]["href"] == f"{LINK}/cuts"

    compare = client.get(f"/articles/{tagged.article_id}/revisions?from=1&to=2")
    assert 'data-placeholder="{1}"' in compare.get_data(as_text=True)


def test_a_correction_that_only_repoints_a_link_flags_the_translation_and_says_where_it_goes(
    app, tagged, signed_in
):
    dorothy = token_client(app, tagged.desk.translator)
    put(dorothy, tagged, GOOD, 0)
    client = signed_in_as(app, tagged.desk.coordinator)
    moved = f"{LINK}-2026"
    response = edit(
        client, tagged.article_id, body=BODY.replace(LINK, moved), note="The report moved."
    )
    assert response.status_code == 302
    page_html = client.get(response.location).get_data(as_text=True)
    assert "1 translated segment(s) now marked “source changed”" in page_html

    affected = section(page_html, 'data-testid="affected-en"')
    # No word changed, so without the note the reviewer would see nothing to act on.
    assert "<ins>" not in affected and "<del>" not in affected
    assert f"now links to {moved} (was {LINK})." in affected
    assert 'class="tag-retargeted"' in affected

    editor = client.get(f"/translations/{tagged.translation_id}/edit")
    assert f"now links to {moved}" in editor.get_data(as_text=True)
