"""The termbase through API v1: create (approved or proposed by who asks), list with filters,
read with history, replace, patch, delete and decide; refusals that say why and change
nothing; and the terms a translation's segments show in the editor."""

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from tests.conftest import csrf_token
from tests.desk import Desk
from tests.web.snapshot import database_snapshot
from tests.web.test_articles_api import token_client
from translate_flow.domain.models import Role, Term, TermChange

KISHIDA = {
    "source_language": "ja",
    "target_language": "en",
    "source": "岸田文雄",
    "targets": ["Fumio Kishida"],
    "note": "Prime minister 2021–2024",
    "category": "person",
}
BUDGET = {
    "source_language": "ja",
    "target_language": "en",
    "source": "思いやり予算",
    "targets": ["host-nation support", "HNS"],
    "variants": ["おもいやり予算"],
    "forbidden": [{"form": "sympathy budget", "reason": "a press nickname"}],
    "note": "The government's own English name",
}


@pytest.fixture
def api(app: Flask, desk: Desk) -> dict[str, FlaskClient]:
    """A token client for each person of the desk, and one for a translator of es→en."""
    return {
        "coordinator": token_client(app, desk.coordinator),
        "reviewer": token_client(app, desk.reviewer),
        "translator": token_client(app, desk.translator),
        "other": token_client(app, desk.other),
    }


@pytest.fixture
def outsider(app: Flask, make_user) -> FlaskClient:  # type: ignore[no-untyped-def]
    return token_client(app, make_user(Role.TRANSLATOR, pairs=["es:en"]))


def create(client: FlaskClient, body: dict) -> dict:  # type: ignore[type-arg]
    response = client.post("/api/v1/terms", json=body)
    assert response.status_code == 201, response.get_data(as_text=True)
    return response.get_json()


def count(app: Flask, model: type) -> int:
    with app.extensions["translate_flow.db"].session(write=False) as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def refused(app: Flask, client: FlaskClient, method: str, url: str, body: object, status: int):  # type: ignore[no-untyped-def]
    """The request is refused with `status` and a sentence, and nothing changes."""
    db = app.extensions["translate_flow.db"]
    before = database_snapshot(db)
    response = client.open(url, method=method, json=body)
    assert response.status_code == status, response.get_data(as_text=True)
    message = response.get_json()["error"]["message"]
    assert message.endswith((".", ")")) and len(message) > 15
    assert database_snapshot(db) == before
    return response.get_json()["error"]


# --- Creating ---------------------------------------------------------------------------


def test_a_coordinator_creates_a_term_approved_at_once(api, desk):
    response = api["coordinator"].post("/api/v1/terms", json=BUDGET)
    assert response.status_code == 201
    term = response.get_json()
    assert response.headers["Location"].endswith(f"/api/v1/terms/{term['id']}")
    assert term["status"] == "approved"
    assert term["preferred"] == "host-nation support"
    assert term["forbidden"] == [{"form": "sympathy budget", "reason": "a press nickname"}]
    assert term["variants"] == ["おもいやり予算"]
    assert term["created_by"] == {"id": desk.coordinator.id, "name": "Cora Coordinator"}
    assert term["decided_by"] == term["created_by"]
    assert (term["case_sensitive"], term["whole_word"], term["do_not_translate"]) == (
        False,
        True,
        False,
    )
    assert term["category"] == "term"


def test_a_reviewer_of_the_pair_creates_a_term_approved(api):
    assert create(api["reviewer"], KISHIDA)["status"] == "approved"


def test_a_translator_of_the_pair_proposes_a_term(api):
    term = create(api["translator"], KISHIDA)
    assert (term["status"], term["decided_by"]) == ("proposed", None)


def test_a_translator_of_another_pair_may_not_add_a_term(app, api, outsider):
    error = refused(app, outsider, "POST", "/api/v1/terms", KISHIDA, 403)
    assert "ja→en" in error["message"]


def test_a_duplicate_answers_409_with_the_existing_term(app, api):
    first = create(api["coordinator"], KISHIDA)
    error = refused(
        app, api["reviewer"], "POST", "/api/v1/terms", KISHIDA | {"source": " 岸田文雄 "}, 409
    )
    assert error["code"] == "duplicate"
    assert error["existing_id"] == first["id"]
    assert error["existing_url"] == first["url"]


def test_a_term_not_to_translate_offers_its_source(api):
    term = create(
        api["coordinator"],
        {"source_language": "ja", "target_language": "en", "source": "Uniqlo"}
        | {"do_not_translate": True, "category": "organisation"},
    )
    assert (term["targets"], term["preferred"]) == ([], "Uniqlo")


@pytest.mark.parametrize(
    ("body", "said"),
    [
        ([], "JSON object"),
        (KISHIDA | {"colour": "red"}, "Unknown field(s): colour"),
        (KISHIDA | {"status": "approved"}, "decision"),
        ({"source": "岸田文雄", "targets": ["x"]}, "source_language and target_language are"),
        (KISHIDA | {"source": None}, "source must be a string"),
        (KISHIDA | {"source": "  "}, "source is required"),
        (KISHIDA | {"source": "x" * 501}, "at most 500"),
        (KISHIDA | {"targets": "Fumio Kishida"}, "targets must be a list of strings"),
        (KISHIDA | {"targets": [1]}, "targets must be a list of strings"),
        (KISHIDA | {"targets": []}, "targets needs at least one form"),
        (KISHIDA | {"targets": [f"t{n}" for n in range(21)]}, "at most 20"),
        (KISHIDA | {"variants": {"a": 1}}, "variants must be a list of strings"),
        (KISHIDA | {"case_sensitive": "yes"}, "case_sensitive must be true or false"),
        (KISHIDA | {"whole_word": None}, "whole_word must be true or false"),
        (KISHIDA | {"category": "verb"}, "category must be one of person, organisation"),
        (KISHIDA | {"category": 3}, "category must be one of"),
        (KISHIDA | {"category": {"a": 1}}, "category must be one of"),
        (KISHIDA | {"note": ["a"]}, "note must be a string"),
        (KISHIDA | {"source_language": "japanese!"}, "source_language must be a language code"),
        (KISHIDA | {"target_language": "qq"}, "target_language: “qq” is not a language code"),
        (KISHIDA | {"target_language": "ja"}, "must differ"),
        (KISHIDA | {"forbidden": ["sympathy budget"]}, "forbidden must be a list of objects"),
        (KISHIDA | {"forbidden": [{"reason": "no"}]}, "forbidden must be a list of objects"),
        (KISHIDA | {"forbidden": [{"form": "x", "why": "no"}]}, "forbidden must be a list"),
        (KISHIDA | {"forbidden": [{"form": " "}]}, "Each forbidden form needs its text"),
        (KISHIDA | {"forbidden": [{"form": "x", "reason": 1}]}, "reason must be a string"),
        (KISHIDA | {"forbidden": [{"form": "Fumio Kishida"}]}, "both a target form and"),
        (KISHIDA | {"source": "岸田\u0007"}, "control characters"),
    ],
)
def test_malformed_input_is_refused_with_a_sentence_and_nothing_kept(app, api, body, said):
    error = refused(app, api["coordinator"], "POST", "/api/v1/terms", body, 400)
    assert said in error["message"]


def test_a_session_cookie_write_needs_the_csrf_token(app, desk, signed_in):
    app.config["WTF_CSRF_ENABLED"] = True
    browser, _user = signed_in(Role.COORDINATOR)
    assert browser.post("/api/v1/terms", json=KISHIDA).status_code == 400
    assert count(app, Term) == 0
    response = browser.post(
        "/api/v1/terms", json=KISHIDA, headers={"X-CSRFToken": csrf_token(browser)}
    )
    assert response.status_code == 201


def test_signed_out_callers_get_401(app, client):
    assert client.get("/api/v1/terms").status_code == 401
    assert client.post("/api/v1/terms", json=KISHIDA).status_code == 401
    assert count(app, Term) == 0


# --- Listing ----------------------------------------------------------------------------


@pytest.fixture
def termbase(api) -> dict[str, dict]:  # type: ignore[type-arg]
    """Four ja→en terms (one proposed) and one es→en term."""
    return {
        "kishida": create(api["coordinator"], KISHIDA),
        "budget": create(api["coordinator"], BUDGET),
        "nato": create(
            api["coordinator"],
            {"source_language": "ja", "target_language": "en", "source": "ＮＡＴＯ"}
            | {"targets": ["NATO"], "category": "organisation"},
        ),
        "yen": create(
            api["translator"],
            {"source_language": "ja", "target_language": "en", "source": "円安"}
            | {"targets": ["weak yen"]},
        ),
        "congreso": create(
            api["coordinator"],
            {"source_language": "es-AR", "target_language": "en", "source": "Congreso"}
            | {"targets": ["Congress"], "category": "organisation"},
        ),
    }


def listed(client: FlaskClient, query: str = "") -> list[str]:
    response = client.get(f"/api/v1/terms?{query}")
    assert response.status_code == 200, response.get_data(as_text=True)
    return [term["source"] for term in response.get_json()["items"]]


def test_anyone_on_the_desk_lists_every_term_proposals_included(api, outsider, termbase):
    assert sorted(listed(outsider)) == sorted(term["source"] for term in termbase.values())


@pytest.mark.parametrize(
    ("query", "sources"),
    [
        ("source_language=ja&target_language=en", {"岸田文雄", "思いやり予算", "ＮＡＴＯ", "円安"}),
        ("source_language=es", {"Congreso"}),  # es lists es-AR's terms
        ("source_language=es-AR", {"Congreso"}),
        ("source_language=es-MX", set()),
        ("target_language=fr", set()),
        ("q=nato", {"ＮＡＴＯ"}),  # width and case aside
        ("q=kishida", {"岸田文雄"}),  # a target form
        ("q=思いやり", {"思いやり予算"}),
        ("q=おもいやり", {"思いやり予算"}),  # a variant, written as JSON escapes it
        ("q=nickname", set()),  # forbidden forms are not searched
        ("q=prime minister", {"岸田文雄"}),  # the note
        ("q=100%25", set()),  # % is no wildcard
        ("category=organisation", {"ＮＡＴＯ", "Congreso"}),
        ("status=proposed", {"円安"}),
        ("status=rejected", set()),
        ("category=organisation&source_language=ja", {"ＮＡＴＯ"}),
    ],
)
def test_the_list_filters_by_pair_words_category_and_status(api, termbase, query, sources):
    assert set(listed(api["translator"], query)) == sources


def test_the_list_is_paged(api, termbase):
    response = api["reviewer"].get("/api/v1/terms?per_page=2&page=3")
    body = response.get_json()
    assert (body["page"], body["per_page"], body["total"], body["pages"]) == (3, 2, 5, 3)
    assert len(body["items"]) == 1
    assert api["reviewer"].get("/api/v1/terms?page=9").get_json()["items"] == []


@pytest.mark.parametrize(
    ("query", "said"),
    [
        ("category=verb", "category must be one of"),
        ("status=waiting", "status must be one of proposed, approved, rejected"),
        ("source_language=", "source_language must be a language code"),
        ("target_language=e%20n", "target_language must be a language code"),
        ("page=0", "page"),
        ("per_page=x", "per_page"),
        ("q=" + "x" * 501, "q holds at most 500"),
    ],
)
def test_a_malformed_filter_is_refused_with_a_sentence(api, query, said):
    response = api["translator"].get(f"/api/v1/terms?{query}")
    assert response.status_code == 400
    assert said in response.get_json()["error"]["message"]


# --- Reading, changing, deleting ----------------------------------------------------------


def test_a_term_is_read_with_its_history(api, desk):
    term = create(api["translator"], KISHIDA)
    api["reviewer"].post(f"/api/v1/terms/{term['id']}/decision", json={"approve": True})
    body = api["other"].get(f"/api/v1/terms/{term['id']}").get_json()
    assert body["status"] == "approved"
    assert [change["action"] for change in body["history"]] == ["approved", "proposed"]
    approved, proposed = body["history"]
    assert approved["actor"] == {"id": desk.reviewer.id, "name": "Rafael Reviewer"}
    assert (approved["before"]["status"], approved["after"]["status"]) == ("proposed", "approved")
    assert (proposed["before"], proposed["after"]["source"]) == (None, "岸田文雄")


def test_an_unknown_term_is_404(api):
    assert api["translator"].get("/api/v1/terms/999999").status_code == 404
    for method in ("PUT", "PATCH", "DELETE"):
        assert (
            api["coordinator"].open("/api/v1/terms/999999", method=method, json=KISHIDA).status_code
            == 404
        )
    response = api["coordinator"].post("/api/v1/terms/999999/decision", json={"approve": True})
    assert response.status_code == 404


def test_put_replaces_the_whole_term(api):
    term = create(api["coordinator"], BUDGET)
    response = api["reviewer"].put(
        f"/api/v1/terms/{term['id']}",
        json={"source_language": "ja", "target_language": "en", "source": "思いやり予算"}
        | {"targets": ["host-nation support"], "case_sensitive": True},
    )
    assert response.status_code == 200, response.get_data(as_text=True)
    body = response.get_json()
    assert body["targets"] == ["host-nation support"]
    assert (body["note"], body["variants"], body["forbidden"]) == ("", [], [])
    assert body["case_sensitive"] is True
    assert body["updated_at"] > term["updated_at"]
    (edited, _created) = api["reviewer"].get(f"/api/v1/terms/{term['id']}").get_json()["history"]
    assert edited["action"] == "edited"
    assert edited["before"]["note"] == BUDGET["note"]
    assert edited["after"]["note"] == ""


def test_patch_changes_only_the_fields_sent(api):
    term = create(api["coordinator"], BUDGET)
    response = api["coordinator"].patch(
        f"/api/v1/terms/{term['id']}", json={"note": "See the 2022 agreement", "category": "term"}
    )
    body = response.get_json()
    assert body["note"] == "See the 2022 agreement"
    assert (body["targets"], body["forbidden"]) == (term["targets"], term["forbidden"])


def test_a_put_without_the_pair_is_refused(app, api):
    term = create(api["coordinator"], KISHIDA)
    error = refused(
        app, api["coordinator"], "PUT", f"/api/v1/terms/{term['id']}", {"note": "x"}, 400
    )
    assert "source_language and target_language and source are required" in error["message"]


def test_the_proposer_edits_their_waiting_proposal_but_not_once_approved(app, api):
    term = create(api["translator"], KISHIDA)
    url = f"/api/v1/terms/{term['id']}"
    assert api["translator"].patch(url, json={"targets": ["PM Kishida"]}).status_code == 200
    refused(app, api["other"], "PATCH", url, {"targets": ["Kishida"]}, 403)
    api["reviewer"].post(f"{url}/decision", json={"approve": True})
    error = refused(app, api["translator"], "PATCH", url, {"targets": ["Kishida"]}, 403)
    assert "reviewers" in error["message"]
    refused(app, api["translator"], "DELETE", url, None, 403)


def test_a_translator_of_another_pair_may_not_change_or_delete_a_term(app, api, outsider):
    term = create(api["coordinator"], KISHIDA)
    url = f"/api/v1/terms/{term['id']}"
    refused(app, outsider, "PUT", url, KISHIDA | {"targets": ["x"]}, 403)
    refused(app, outsider, "DELETE", url, None, 403)
    refused(app, outsider, "POST", f"{url}/decision", {"approve": False}, 403)


def test_an_edit_onto_another_terms_source_is_a_409(app, api):
    create(api["coordinator"], KISHIDA)
    other = create(api["coordinator"], BUDGET)
    error = refused(
        app,
        api["coordinator"],
        "PATCH",
        f"/api/v1/terms/{other['id']}",
        {"source": "岸田文雄"},
        409,
    )
    assert error["code"] == "duplicate"


def test_delete_answers_204_and_the_history_stays(app, api):
    term = create(api["translator"], KISHIDA)
    url = f"/api/v1/terms/{term['id']}"
    response = api["translator"].delete(url)  # withdrawing their own proposal
    assert (response.status_code, response.get_data()) == (204, b"")
    assert api["translator"].get(url).status_code == 404
    assert count(app, Term) == 0
    assert count(app, TermChange) == 2  # proposed, deleted


# --- Deciding ---------------------------------------------------------------------------


def test_a_reviewer_approves_and_rejects_with_a_comment(api, desk):
    term = create(api["translator"], KISHIDA)
    url = f"/api/v1/terms/{term['id']}/decision"
    body = api["reviewer"].post(url, json={"approve": False, "comment": "A name, not a term"})
    assert body.get_json()["status"] == "rejected"
    assert body.get_json()["decided_by"]["id"] == desk.reviewer.id
    history = api["reviewer"].get(f"/api/v1/terms/{term['id']}").get_json()["history"]
    assert (history[0]["action"], history[0]["comment"]) == ("rejected", "A name, not a term")
    assert api["coordinator"].post(url, json={"approve": True}).get_json()["status"] == "approved"


def test_a_translator_may_not_decide_even_their_own_proposal(app, api):
    term = create(api["translator"], KISHIDA)
    error = refused(
        app,
        api["translator"],
        "POST",
        f"/api/v1/terms/{term['id']}/decision",
        {"approve": True},
        403,
    )
    assert "approve" in error["message"]


@pytest.mark.parametrize(
    ("body", "said"),
    [
        ({}, "approve is required"),
        ({"approve": "yes"}, "approve must be true or false"),
        ({"approve": True, "comment": 3}, "comment must be a string"),
        ({"approve": True, "comment": "x" * 1001}, "at most 1,000"),
        ({"approve": True, "why": "x"}, "Unknown field(s): why"),
    ],
)
def test_a_malformed_decision_is_refused(app, api, body, said):
    term = create(api["translator"], KISHIDA)
    error = refused(app, api["reviewer"], "POST", f"/api/v1/terms/{term['id']}/decision", body, 400)
    assert said in error["message"]


def test_approving_a_rejected_term_beside_its_live_duplicate_is_a_409(app, api):
    rejected = create(api["translator"], KISHIDA)
    url = f"/api/v1/terms/{rejected['id']}/decision"
    api["reviewer"].post(url, json={"approve": False})
    live = create(api["coordinator"], KISHIDA)
    error = refused(app, api["reviewer"], "POST", url, {"approve": True}, 409)
    assert error["existing_id"] == live["id"]


# --- In the editor: a segment's suggestions and a translation's terms ---------------------


def test_a_segments_suggestions_list_its_approved_terms_with_spans(api, desk):
    create(api["coordinator"], {**KISHIDA, "source": "円相場", "targets": ["the yen's rate"]})
    create(api["translator"], {**KISHIDA, "source": "ドル", "targets": ["dollar"]})  # proposed
    url = f"/api/v1/translations/{desk.translation_id}/segments/{desk.segment_ids[1]}/suggestions"
    body = api["translator"].get(url).get_json()
    (term,) = body["terms"]
    # 円相場が一ドル百五十円を超えて久しい。
    assert (term["source"], term["found"], term["start"], term["end"]) == ("円相場", "円相場", 0, 3)
    assert term["targets"] == ["the yen's rate"]
    assert term["flags"] == {"case_sensitive": False, "whole_word": True, "do_not_translate": False}


def test_a_translations_terms_are_listed_segment_by_segment(api, desk):
    yen = create(api["coordinator"], {**KISHIDA, "source": "円", "targets": ["yen"]})
    stagnation = create(api["reviewer"], {**KISHIDA, "source": "停滞", "targets": ["stagnation"]})
    body = api["other"].get(f"/api/v1/translations/{desk.translation_id}/terms").get_json()
    found = {
        row["segment_id"]: [(t["term_id"], t["start"], t["end"]) for t in row["terms"]]
        for row in body["segments"]
    }
    # 円安を嘆く前に (the title); 円相場が一ドル百五十円を超えて久しい。; …;
    # 問われるべきは三十年の停滞だ。
    assert found[desk.segment_ids[0]] == [(yen["id"], 0, 1)]
    assert found[desk.segment_ids[1]] == [(yen["id"], 0, 1), (yen["id"], 10, 11)]
    assert desk.segment_ids[2] not in found  # no term there: left out
    assert found[desk.segment_ids[3]] == [(stagnation["id"], 11, 13)]


def test_a_term_change_shows_in_the_editor_at_once(api, desk):
    url = f"/api/v1/translations/{desk.translation_id}/terms"
    assert api["translator"].get(url).get_json()["segments"] == []
    term = create(api["coordinator"], {**KISHIDA, "source": "停滞", "targets": ["stagnation"]})
    assert len(api["translator"].get(url).get_json()["segments"]) == 1
    api["coordinator"].delete(f"/api/v1/terms/{term['id']}")
    assert api["translator"].get(url).get_json()["segments"] == []
