"""The memory through the API: a segment's matches, a save that records the one inserted,
pre-fill from exact matches, the concordance, and coordinators forgetting units.

An earlier article's approved translation is remembered; a second article repeats one of its
paragraphs with one word changed, a third repeats it exactly.
"""

from dataclasses import dataclass

import pytest
from flask import Flask
from sqlalchemy import func, select

from tests.desk import Desk
from tests.web.test_articles_api import token_client
from tests.web.test_editor_pages import signed_in_as
from translate_flow.domain.models import (
    MemoryTerm,
    MemoryUnit,
    SegmentRevision,
    Translation,
    TranslationSegment,
)
from translate_flow.domain.workflow import Action
from translate_flow.memory import operations
from translate_flow.memory.operations import UnitText
from translate_flow.workflow.transitions import fire

TITLE = "防衛費の行方"
PARAGRAPH = "日本政府は来年度の防衛予算を大幅に増やす方針を固めた。"
NEAR = "日本政府は来年度の防衛予算を大幅に増やす方針を決めた。"
ENGLISH = "The Japanese government has decided to raise next year's defence budget sharply."
OTHER = "野党は財源の説明を求めている。"


@dataclass
class Remembered:
    desk: Desk
    title: str
    earlier_translation_id: int

    def claimed(self, make_article, body: str, title: str = "別の記事") -> tuple[int, list[int]]:  # type: ignore[no-untyped-def]
        """A new article with `body`, its English translation claimed by the translator."""
        article = make_article(self.desk.coordinator, title=title, body=body)
        with self.desk.session() as session:
            translation = _english(session, article.id)
            fire(
                session, self.desk.person(session, self.desk.translator), translation, Action.CLAIM
            )
            return translation.id, sorted(row.segment_id for row in translation.segments)


def _english(session, article_id: int) -> Translation:  # type: ignore[no-untyped-def]
    return session.scalars(
        select(Translation).where(
            Translation.article_id == article_id, Translation.target_language == "en"
        )
    ).one()


@pytest.fixture
def remembered(app: Flask, desk: Desk, make_article) -> Remembered:  # type: ignore[no-untyped-def]
    article = make_article(desk.coordinator, title=TITLE, body=f"{PARAGRAPH}\n\n{OTHER}")
    with desk.session() as session:
        translation = _english(session, article.id)
        translation.translator_id = desk.translator.id
        texts = ["Where defence spending goes", ENGLISH, "The opposition wants the money shown."]
        rows = sorted(translation.segments, key=lambda row: row.segment_id)
        for row, text in zip(rows, texts, strict=True):
            row.text = text
        session.flush()
        operations.remember_translation(session, translation)
        return Remembered(desk, TITLE, translation.id)


def _suggestions(client, translation_id: int, segment_id: int, **query: object):  # type: ignore[no-untyped-def]
    return client.get(
        f"/api/v1/translations/{translation_id}/segments/{segment_id}/suggestions",
        query_string=query,
    )


def test_a_near_identical_paragraph_gets_the_earlier_translation_as_a_scored_match(
    app, remembered, make_article
):
    translation_id, segments = remembered.claimed(make_article, f"{NEAR}\n\n全く関係のない文。")
    dorothy = token_client(app, remembered.desk.translator)
    body = _suggestions(dorothy, translation_id, segments[1]).get_json()
    assert body["threshold"] == 70
    [match] = body["memory"]
    # One character of 27 changed.
    assert 90 <= match["score"] < 100
    assert match["target"] == ENGLISH
    assert match["origin"]["kind"] == "translation"
    assert match["origin"]["article_title"] == TITLE
    assert match["origin"]["translator"]["id"] == remembered.desk.translator.id
    assert TITLE in match["origin"]["label"]
    # What the remembered source had struck through, what this one has instead underlined.
    assert "<del>固</del>" in match["source_html"] and "<ins>決</ins>" in match["source_html"]

    unrelated = _suggestions(dorothy, translation_id, segments[2]).get_json()
    assert unrelated["memory"] == []
    # Asking above the score leaves the match out; a threshold past 101 is refused.
    assert (
        _suggestions(dorothy, translation_id, segments[1], threshold=100).get_json()["memory"] == []
    )
    refused = _suggestions(dorothy, translation_id, segments[1], threshold=102)
    assert refused.status_code == 400
    assert "threshold" in refused.get_json()["error"]["message"]


def test_the_same_paragraph_after_the_same_title_is_a_context_match(app, remembered, make_article):
    translation_id, segments = remembered.claimed(make_article, PARAGRAPH, title=TITLE)
    dorothy = token_client(app, remembered.desk.translator)
    [title_match] = _suggestions(dorothy, translation_id, segments[0]).get_json()["memory"]
    [match] = _suggestions(dorothy, translation_id, segments[1]).get_json()["memory"]
    assert (title_match["score"], match["score"]) == (101, 101)
    other_id, other_segments = remembered.claimed(make_article, PARAGRAPH, title="新しい題")
    [plain] = _suggestions(dorothy, other_id, other_segments[1]).get_json()["memory"]
    assert plain["score"] == 100


def test_a_save_records_the_match_it_was_inserted_from(app, remembered, make_article):
    translation_id, segments = remembered.claimed(make_article, NEAR)
    dorothy = token_client(app, remembered.desk.translator)
    [match] = _suggestions(dorothy, translation_id, segments[1]).get_json()["memory"]
    url = f"/api/v1/translations/{translation_id}/segments/{segments[1]}"
    used = {"kind": "memory", "unit_id": match["unit_id"], "score": match["score"]}
    edited = match["target"].replace("decided", "resolved")
    response = dorothy.put(url, json={"text": edited, "base_version": 0, "suggestion": used})
    assert response.status_code == 200, response.get_json()
    [revision] = dorothy.get(f"{url}/revisions").get_json()["items"]
    assert revision["suggestion"] == used
    assert revision["text"] == edited

    page = signed_in_as(app, remembered.desk.translator).get(
        f"/translations/{translation_id}/segments/{segments[1]}/history"
    )
    assert f"typed, from memory ({match['score']}%)" in page.get_data(as_text=True)

    typed = dorothy.put(url, json={"text": edited + " Indeed.", "base_version": 1})
    assert typed.status_code == 200
    latest = dorothy.get(f"{url}/revisions").get_json()["items"]
    assert [item["suggestion"] for item in latest] == [used, None] or [
        item["suggestion"] for item in latest
    ] == [None, used]


@pytest.mark.parametrize(
    ("suggestion", "said"),
    [
        ("memory", "must be an object"),
        ({"kind": "oracle"}, "suggestion.kind"),
        ({"kind": "memory", "unit_id": "7"}, "suggestion.unit_id"),
        ({"kind": "memory", "score": 140}, "suggestion.score"),
        ({"kind": "memory", "from": "me"}, "must be an object"),
    ],
)
def test_a_malformed_suggestion_is_a_400_and_stores_nothing(
    app, remembered, make_article, suggestion, said
):
    translation_id, segments = remembered.claimed(make_article, NEAR)
    dorothy = token_client(app, remembered.desk.translator)
    url = f"/api/v1/translations/{translation_id}/segments/{segments[1]}"
    response = dorothy.put(url, json={"text": "X", "base_version": 0, "suggestion": suggestion})
    assert response.status_code == 400
    assert said in response.get_json()["error"]["message"]
    assert dorothy.get(f"{url}/revisions").get_json()["items"] == []


def test_prefill_fills_empty_segments_from_exact_matches_as_drafts(app, remembered, make_article):
    translation_id, segments = remembered.claimed(make_article, f"{PARAGRAPH}\n\n{NEAR}")
    dorothy = token_client(app, remembered.desk.translator)
    answer = dorothy.post(f"/api/v1/translations/{translation_id}/prefill")
    assert answer.status_code == 200
    # The title is new and the second paragraph only a 9x% match: only one is filled.
    assert answer.get_json() == {"filled": 1, "segment_ids": [segments[1]]}
    with remembered.desk.session() as session:
        rows = {
            row.segment_id: row
            for row in session.scalars(
                select(TranslationSegment).where(
                    TranslationSegment.translation_id == translation_id
                )
            )
        }
        assert rows[segments[1]].text == ENGLISH and not rows[segments[1]].is_done
        assert rows[segments[0]].text == rows[segments[2]].text == ""
        revision = session.scalars(
            select(SegmentRevision).where(
                SegmentRevision.translation_segment_id == rows[segments[1]].id
            )
        ).one()
        assert revision.origin.value == "prefilled"
        assert (revision.suggestion_kind, revision.suggestion_score) == ("memory", 100)
    page = signed_in_as(app, remembered.desk.translator).get(
        f"/translations/{translation_id}/segments/{segments[1]}/history"
    )
    assert "filled from memory, to check (100%)" in page.get_data(as_text=True)
    # Nothing left to fill: a second run fills nothing and keeps what is there.
    again = dorothy.post(f"/api/v1/translations/{translation_id}/prefill").get_json()
    assert again == {"filled": 0, "segment_ids": []}


def test_prefill_is_for_whoever_may_edit(app, remembered, make_article):
    translation_id, _ = remembered.claimed(make_article, PARAGRAPH)
    reviewer = token_client(app, remembered.desk.reviewer)
    refused = reviewer.post(f"/api/v1/translations/{translation_id}/prefill")
    assert refused.status_code in (403, 409)
    assert refused.get_json()["error"]["message"]


def _search(client, q: str, **more: object):  # type: ignore[no-untyped-def]
    query = {"source_language": "ja", "target_language": "en", "q": q} | more
    return client.get("/api/v1/memory", query_string=query)


def test_the_concordance_finds_a_two_character_word_and_marks_it_on_both_sides(app, remembered):
    dorothy = token_client(app, remembered.desk.translator)
    body = _search(dorothy, "予算").get_json()
    [item] = body["items"]
    assert item["target"] == ENGLISH
    assert "<mark>予算</mark>" in item["source_html"]
    assert body["has_next"] is False and body["page"] == 1

    english = _search(dorothy, "Defence  BUDGET").get_json()
    [hit] = english["items"]
    assert "<mark>defence budget</mark>" in hit["target_html"]
    assert _search(dorothy, "財源").get_json()["items"][0]["source"] == OTHER
    assert _search(dorothy, "同盟").get_json()["items"] == []
    # A pair the memory holds nothing of is an empty list, not an error.
    assert _search(dorothy, "予算", target_language="pt-BR").get_json()["items"] == []
    assert body["problem"] == ""


def test_a_query_of_punctuation_finds_nothing_and_the_answer_says_why(app, remembered):
    dorothy = token_client(app, remembered.desk.translator)
    body = _search(dorothy, "?!…").get_json()
    assert body["items"] == [] and body["has_next"] is False
    assert "no letters or digits" in body["problem"]


def test_a_word_in_another_form_is_found_and_marked(app, remembered):
    dorothy = token_client(app, remembered.desk.translator)
    [item] = _search(dorothy, "budgets").get_json()["items"]
    assert "<mark>budget</mark>" in item["target_html"]


@pytest.mark.parametrize(
    ("query", "said"),
    [
        ({"source_language": "ja", "target_language": "en"}, "q is required"),
        ({"target_language": "en", "q": "予算"}, "source_language is required"),
        ({"source_language": "日本語", "target_language": "en", "q": "a"}, "source_language"),
        ({"source_language": "ja", "target_language": "en", "q": "a", "page": "0"}, "page"),
    ],
)
def test_a_malformed_search_is_a_400_that_says_why(app, remembered, query, said):
    dorothy = token_client(app, remembered.desk.translator)
    response = dorothy.get("/api/v1/memory", query_string=query)
    assert response.status_code == 400
    assert said in response.get_json()["error"]["message"]


def _counts(desk: Desk) -> tuple[int, int]:
    with desk.session() as session:
        units = session.scalar(select(func.count()).select_from(MemoryUnit)) or 0
        terms = session.scalar(select(func.count()).select_from(MemoryTerm)) or 0
        return units, terms


def test_coordinators_forget_a_unit_and_a_collection_with_their_index_rows(app, remembered):
    desk = remembered.desk
    with desk.session() as session:
        collection = operations.create_collection(
            session,
            name="Old glossary",
            source_language="ja",
            target_language="en",
            created_by=desk.person(session, desk.coordinator),
        )
        operations.add_to_collection(
            session, collection, [UnitText("同盟国の負担", "The allies' share")]
        )
        collection_id = collection.id
    before = _counts(desk)
    dorothy = token_client(app, desk.translator)
    coordinator = token_client(app, desk.coordinator)
    listed = dorothy.get("/api/v1/memory/collections").get_json()["items"]
    assert [(c["name"], c["units"]) for c in listed] == [("Old glossary", 1)]
    assert _search(dorothy, "同盟").get_json()["items"][0]["origin"]["collection_name"] == (
        "Old glossary"
    )

    assert dorothy.delete(f"/api/v1/memory/collections/{collection_id}").status_code == 403
    assert coordinator.delete(f"/api/v1/memory/collections/{collection_id}").status_code == 204
    assert coordinator.delete(f"/api/v1/memory/collections/{collection_id}").status_code == 404
    assert _search(dorothy, "同盟").get_json()["items"] == []
    units, terms = _counts(desk)
    assert units == before[0] - 1 and terms < before[1]

    unit_id = _search(dorothy, "財源").get_json()["items"][0]["unit_id"]
    assert dorothy.delete(f"/api/v1/memory/units/{unit_id}").status_code == 403
    assert coordinator.delete(f"/api/v1/memory/units/{unit_id}").status_code == 204
    assert _search(dorothy, "財源").get_json()["items"] == []


def test_a_signed_in_page_sends_the_csrf_token_to_forget(app, remembered):
    coordinator = signed_in_as(app, remembered.desk.coordinator)
    unit_id = _search(coordinator, "財源").get_json()["items"][0]["unit_id"]
    refused = coordinator.delete(f"/api/v1/memory/units/{unit_id}")
    assert refused.status_code in (400, 403)
    assert _search(coordinator, "財源").get_json()["items"]
