"""Termbase files through the API: coordinators and the pair's reviewers import CSV and TBX,
all of it or nothing, every bad row listed; the desk exports; the imported style sheet is
what the editor then finds in a Japanese source."""

import io
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from translate.storage.tbx import tbxfile

from tests.desk import Desk, build_desk
from tests.unit.test_tmx_reading import LAUGHS
from tests.web.snapshot import database_snapshot
from tests.web.test_articles_api import token_client
from translate_flow.domain.models import Role, Term, TermAction, TermChange, TermStatus
from translate_flow.terms.operations import TermInput, create_term

DATA = Path(__file__).parent.parent / "data" / "terms"
IMPORTS = "/api/v1/terms/imports"
EXPORT = "/api/v1/terms/export"


def fixture(name: str) -> bytes:
    return (DATA / name).read_bytes()


def send(client: FlaskClient, data: bytes, filename: str = "style.tbx", **fields: str):
    form: dict[str, object] = {"file": (io.BytesIO(data), filename)}
    return client.post(IMPORTS, data=form | fields, content_type="multipart/form-data")


def terms(app: Flask) -> list[Term]:
    with app.extensions["translate_flow.db"].session(write=False) as session:
        found = list(session.scalars(select(Term).order_by(Term.id)))
        session.expunge_all()
        return found


def changes(app: Flask) -> list[tuple[int, TermAction]]:
    with app.extensions["translate_flow.db"].session(write=False) as session:
        return [
            (row.term_id, row.action)
            for row in session.scalars(select(TermChange).order_by(TermChange.id))
        ]


@pytest.fixture
def coordinator(app: Flask, desk: Desk) -> FlaskClient:
    return token_client(app, desk.coordinator)


@pytest.fixture
def unchanged(app: Flask):  # type: ignore[no-untyped-def]
    """Asserts that the block leaves every table as it was."""
    db = app.extensions["translate_flow.db"]

    class _Unchanged:
        def __enter__(self) -> None:
            self.before = database_snapshot(db)

        def __exit__(self, *_exc: object) -> None:
            assert database_snapshot(db) == self.before

    return _Unchanged


def test_a_coordinator_imports_the_desk_style_sheet_as_tbx_approved_with_history(app, coordinator):
    response = send(coordinator, fixture("desk_style_ja_en.tbx"))
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert (body["added"], body["updated"], body["skipped"], body["errors"]) == (11, 0, 0, [])
    assert body["pairs"] == [{"source_language": "ja", "target_language": "en"}]
    imported = terms(app)
    # en-US in the file is the desk's en: the editor finds a pair's terms by its codes.
    assert {(t.source_language, t.target_language, t.status) for t in imported} == {
        ("ja", "en", TermStatus.APPROVED)
    }
    budget = next(t for t in imported if t.source == "思いやり予算")
    assert budget.targets == ["host-nation support"]
    assert budget.forbidden == [
        {"form": "sympathy budget", "reason": "A press nickname; use host-nation support."}
    ]
    assert {action for _term, action in changes(app)} == {TermAction.IMPORTED}


NAMES_BODY = "\n\n".join(
    [
        "岸田文雄首相は東京で防衛省の幹部と会談した。",
        "在日米軍の駐留経費、いわゆる思いやり予算も議題となった。",
        "日銀は円相場の動きを注視しているとＮＨＫが伝えた。",
    ]
)


def test_done_when_the_imported_style_sheet_is_found_in_a_japanese_source(
    app, make_user, make_article
):
    desk = build_desk(app, make_user, make_article, body=NAMES_BODY)
    assert (
        send(token_client(app, desk.coordinator), fixture("desk_style_ja_en.tbx")).status_code
        == 200
    )
    translator = token_client(app, desk.translator)
    response = translator.get(f"/api/v1/translations/{desk.translation_id}/terms")
    assert response.status_code == 200
    found = {
        term["found"]: term
        for segment in response.get_json()["segments"]
        for term in segment["terms"]
    }
    assert {name: term["preferred"] for name, term in found.items()} == {
        "岸田文雄": "Fumio Kishida",
        "東京": "Tokyo",
        "防衛省": "Ministry of Defense",
        "在日米軍": "U.S. Forces Japan",
        "思いやり予算": "host-nation support",
        "日銀": "Bank of Japan",
        "円相場": "yen exchange rate",
        "ＮＨＫ": "NHK",  # full-width in the source, kept as the brand writes it
    }
    assert found["思いやり予算"]["forbidden"] == [
        {"form": "sympathy budget", "reason": "A press nickname; use host-nation support."}
    ]
    assert found["岸田文雄"]["category"] == "person"


def test_the_pair_reviewer_imports_but_a_translator_of_the_pair_may_not(app, desk, unchanged):
    translator = token_client(app, desk.translator)
    with unchanged():
        refused = send(translator, fixture("desk_style_ja_en.csv"), "s.csv")
    assert refused.status_code == 403
    reviewer = send(token_client(app, desk.reviewer), fixture("desk_style_ja_en.csv"), "s.csv")
    assert reviewer.status_code == 200, reviewer.get_json()
    assert reviewer.get_json()["added"] == 11


def test_a_reviewer_of_another_pair_is_refused_for_this_pair(app, make_user, unchanged):
    reviewer = token_client(app, make_user(Role.REVIEWER, reviews=["ja:de"]))
    with unchanged():
        response = send(reviewer, fixture("desk_style_ja_en.tbx"))
    assert response.status_code == 403
    assert "ja→en" in response.get_json()["error"]["message"]


BAD_CSV = """source_language,target_language,source,target,case_sensitive
ja,en,東京,Tokyo,no
ja,xx-nowhere-9,大阪,Osaka,no
ja,en,京都,,no
ja,en,東京,Tokyo Metropolis,no
ja,en,奈良,Nara,maybe
ja,en,,Kobe,no
""".encode()


def test_a_file_with_bad_rows_is_refused_row_by_row_and_nothing_is_kept(coordinator, unchanged):
    with unchanged():
        response = send(coordinator, BAD_CSV, "terms.csv")
    assert response.status_code == 400
    body = response.get_json()
    assert body["error"]["code"] == "terms_refused"
    assert "5 rows of the file could not be imported" in body["error"]["message"]
    assert [(error["row"], error["message"]) for error in body["errors"]] == [
        (3, "“xx-nowhere-9” is not a language code the desk knows."),
        (
            4,
            "targets needs at least one form (the first is preferred), unless the term is "
            "marked do_not_translate.",
        ),
        (5, "“東京” (ja→en) is already in the file, at row 2: merge the two."),
        (6, "case_sensitive must be yes or no (or empty), not “maybe”."),
        (7, "The row has no source form."),
    ]


def test_a_csv_without_language_columns_takes_the_pair_from_the_form(app, coordinator):
    missing = send(coordinator, fixture("weblate_glossary.csv"), "glossary.csv")
    assert missing.status_code == 400
    assert missing.get_json()["errors"][0]["row"] == 2
    assert "does not say its languages" in missing.get_json()["errors"][0]["message"]
    chosen = send(
        coordinator,
        fixture("weblate_glossary.csv"),
        "glossary.csv",
        source_language="ja",
        target_language="en",
    )
    assert chosen.get_json()["added"] == 2
    assert terms(app)[0].note == "The capital."


def test_a_multiterm_export_is_imported_in_the_desk_pair_its_other_language_skipped(
    app, coordinator
):
    body = send(coordinator, fixture("multiterm_ja_en_de.tbx"), "Politics.tbx").get_json()
    assert (body["added"], body["skipped"]) == (2, 1)
    assert [(t.source, t.targets) for t in terms(app)] == [
        ("防衛省", ["Ministry of Defense"]),
        ("思いやり予算", ["host-nation support"]),
    ]


@pytest.mark.parametrize("fmt", ["tbx", "csv"])
def test_reimporting_the_desk_export_changes_nothing(app, coordinator, fmt):
    send(coordinator, fixture("desk_style_ja_en.tbx"))
    before = [term.snapshot() for term in terms(app)]
    exported = coordinator.get(f"{EXPORT}?format={fmt}&source_language=ja&target_language=en")
    assert exported.status_code == 200
    again = send(coordinator, exported.data, f"export.{fmt}").get_json()
    assert (again["added"], again["updated"], again["skipped"]) == (0, 0, 11)
    assert [term.snapshot() for term in terms(app)] == before


def test_reimporting_updates_a_changed_term_and_approves_a_waiting_proposal(app, desk, coordinator):
    with desk.session() as session:
        translator = desk.person(session, desk.translator)
        proposal = create_term(session, translator, TermInput("ja", "en", "停滞", ["standstill"]))
        assert proposal.status is TermStatus.PROPOSED
    body = send(coordinator, fixture("desk_style_ja_en.tbx")).get_json()
    assert (body["added"], body["updated"]) == (10, 1)
    stagnation = next(t for t in terms(app) if t.source == "停滞")
    assert (stagnation.targets, stagnation.status) == (["stagnation"], TermStatus.APPROVED)
    assert [a for term_id, a in changes(app) if term_id == stagnation.id] == [
        TermAction.PROPOSED,
        TermAction.IMPORTED,
        TermAction.APPROVED,
    ]


def test_a_csv_without_a_note_column_keeps_the_notes_the_terms_have(app, coordinator):
    send(coordinator, fixture("desk_style_ja_en.tbx"))
    data = "source,target\n思いやり予算,host-nation support | HNS\n".encode()
    body = send(coordinator, data, "t.csv", source_language="ja", target_language="en").get_json()
    assert body["updated"] == 1
    budget = next(t for t in terms(app) if t.source == "思いやり予算")
    assert budget.targets == ["host-nation support", "HNS"]
    assert budget.note == "Japan's share of the cost of stationing U.S. forces."
    assert budget.forbidden[0]["form"] == "sympathy budget"


@pytest.mark.parametrize(
    ("data", "filename", "says"),
    [
        (LAUGHS.replace("tmx", "martif").encode(), "x.tbx", "declares XML entities"),
        (b"<html><body>no</body></html>", "x.tbx", "root element is <html>"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe", "x.csv", "not text in UTF-8 or UTF-16"),
        (b"Tokyo,Osaka\n", "x.csv", "must name the columns"),
        (b"source,target\n", "x.csv", "holds no terms"),
    ],
)
def test_files_that_are_not_termbases_are_refused_and_nothing_kept(
    coordinator, unchanged, data, filename, says
):
    with unchanged():
        response = send(coordinator, data, filename, source_language="ja", target_language="en")
    assert response.status_code == 400
    assert says in response.get_json()["error"]["message"]


def test_a_file_above_the_limit_is_refused_with_the_limit(app, coordinator, unchanged):
    app.config["TERMS_IMPORT_MAX_BYTES"] = 2048
    with unchanged():
        response = send(coordinator, fixture("desk_style_ja_en.tbx"))
    assert response.status_code == 400
    assert "larger than 2 KB" in response.get_json()["error"]["message"]


def test_a_bad_format_or_language_is_a_400(coordinator):
    assert send(coordinator, b"x", format="xlsx").status_code == 400
    assert send(coordinator, b"x", source_language="1").status_code == 400
    assert coordinator.get(f"{EXPORT}?format=xlsx").status_code == 400
    assert coordinator.get(f"{EXPORT}?status=rejected").status_code == 400
    assert coordinator.post(IMPORTS, data={}).status_code == 400


def test_the_desk_exports_tbx_basic_and_csv(app, desk, coordinator):
    send(coordinator, fixture("desk_style_ja_en.tbx"))
    translator = token_client(app, desk.translator)
    tbx = translator.get(f"{EXPORT}?format=tbx&source_language=ja&target_language=en")
    assert tbx.status_code == 200
    assert tbx.mimetype == "application/x-tbx"
    assert tbx.headers["Content-Disposition"] == 'attachment; filename="terms-ja-en.tbx"'
    store = tbxfile.parsestring(tbx.data)
    assert len(store.units) == 11
    assert {(u.source, u.target) for u in store.units} >= {
        ("思いやり予算", "host-nation support"),
        ("NHK", "NHK"),
    }
    table = translator.get(f"{EXPORT}?format=csv")
    assert table.mimetype == "text/csv"
    lines = table.data.decode("utf-8-sig").splitlines()
    assert lines[0] == (
        "source_language,target_language,source,target,variants,note,category,"
        "case_sensitive,whole_word,do_not_translate,forbidden"
    )
    assert len(lines) == 12
    other_pair = translator.get(f"{EXPORT}?format=csv&target_language=de")
    assert len(other_pair.data.decode("utf-8-sig").splitlines()) == 1


def test_proposals_are_exported_only_when_asked(app, desk, coordinator):
    with desk.session() as session:
        translator = desk.person(session, desk.translator)
        create_term(session, translator, TermInput("ja", "en", "停滞", ["standstill"]))
    approved = coordinator.get(f"{EXPORT}?format=csv")
    assert len(approved.data.decode("utf-8-sig").splitlines()) == 1
    proposed = coordinator.get(f"{EXPORT}?format=csv&status=proposed")
    assert "standstill" in proposed.data.decode("utf-8-sig")
