"""TMX through the API: coordinators import files from other tools into collections and
export the memory; a refused file keeps nothing, and translators may do neither."""

import io
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select
from translate.storage.tmx import tmxfile

from tests.conftest import csrf_token
from tests.desk import Desk
from tests.unit.test_tmx_reading import EXTERNAL, LAUGHS
from tests.web.snapshot import database_snapshot
from tests.web.test_articles_api import token_client
from tests.web.test_editor_pages import signed_in_as
from translate_flow.domain.models.memory import MemoryCollection, MemoryUnit

TMX = Path(__file__).parent.parent / "data" / "tmx"
IMPORTS = "/api/v1/memory/imports"
EXPORT = "/api/v1/memory/export"


def fixture(name: str) -> bytes:
    return (TMX / name).read_bytes()


def send(client: FlaskClient, data: bytes, collection: str = "Earlier work", **fields: str):
    form: dict[str, object] = {"file": (io.BytesIO(data), "memory.tmx"), "collection": collection}
    return client.post(IMPORTS, data=form | fields, content_type="multipart/form-data")


def units(app: Flask) -> list[tuple[str, str, str, str]]:
    with app.extensions["translate_flow.db"].session(write=False) as session:
        return [
            tuple(row)
            for row in session.execute(
                select(
                    MemoryUnit.source_language,
                    MemoryUnit.target_language,
                    MemoryUnit.source,
                    MemoryUnit.target,
                ).order_by(MemoryUnit.id)
            )
        ]


@pytest.fixture
def coordinator(app: Flask, desk: Desk) -> FlaskClient:
    """The coordinator of a desk that translates Japanese into English, by API token."""
    return token_client(app, desk.coordinator)


def test_an_omegat_memory_is_imported_with_its_codes_mapped_and_its_empty_unit_refused(
    app, coordinator
):
    response = send(coordinator, fixture("omegat_ja_en.tmx"))
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert (body["added"], body["skipped"], body["refused_count"]) == (3, 0, 1)
    assert body["refused"] == [{"index": 4, "reason": "The en-US side is empty."}]
    assert body["collection"]["name"] == "Earlier work"
    assert (body["collection"]["source_language"], body["collection"]["target_language"]) == (
        "ja",
        "en",
    )
    assert units(app)[1] == ("ja", "en", "同盟の負担は重い。", "The alliance is a heavy burden.")


@pytest.mark.parametrize(
    ("name", "added"),
    [("trados_utf16.tmx", 2), ("tmx11_lang.tmx", 2), ("phrase_ja_en.tmx", 2)],
)
def test_files_from_other_tools_are_imported(app, coordinator, name, added):
    body = send(coordinator, fixture(name)).get_json()
    assert body["added"] == added
    assert {(s, t) for s, t, _source, _target in units(app)} == {("ja", "en")}


def test_a_unit_without_the_source_language_is_refused_with_its_reason(coordinator):
    body = send(coordinator, fixture("phrase_ja_en.tmx")).get_json()
    assert body["refused"] == [
        {"index": 3, "reason": "The unit has no text in the source language, ja."}
    ]


def test_importing_into_an_existing_collection_adds_only_what_it_does_not_hold(coordinator):
    first = send(coordinator, fixture("omegat_ja_en.tmx")).get_json()
    again = send(coordinator, fixture("omegat_ja_en.tmx")).get_json()
    assert (again["added"], again["skipped"]) == (0, 3)
    assert again["collection"]["id"] == first["collection"]["id"]
    more = send(coordinator, fixture("trados_utf16.tmx")).get_json()
    assert more["added"] == 2
    assert more["collection"]["id"] == first["collection"]["id"]


def test_a_multilingual_file_needs_its_target_chosen_when_the_desk_has_several(app, coordinator):
    app.config["TARGET_LANGUAGES"] = ["en", "de"]
    before = database_snapshot(app.extensions["translate_flow.db"])
    refused = send(coordinator, fixture("memoq_multilingual.tmx"))
    assert refused.status_code == 400
    assert "several of the desk's languages (de, en)" in refused.get_json()["error"]["message"]
    assert database_snapshot(app.extensions["translate_flow.db"]) == before
    chosen = send(coordinator, fixture("memoq_multilingual.tmx"), target_language="de-DE")
    assert chosen.get_json()["added"] == 2
    assert {(s, t) for s, t, _source, _target in units(app)} == {("ja", "de")}


def test_a_file_whose_only_other_language_the_desk_lacks_is_imported_in_its_pair(app, coordinator):
    # The desk translates into English only: the German side is not a second choice.
    body = send(coordinator, fixture("memoq_multilingual.tmx")).get_json()
    assert body["added"] == 2
    assert units(app)[1][2:] == ("東京で会談が開かれた。", "Talks were held in Tokyo.")


NOT_IN_A_PAIR = b"""<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="fr-FR"/><body>
<tu><tuv xml:lang="fr-FR"><seg>Bonjour</seg></tuv><tuv xml:lang="de-DE"><seg>Hallo</seg></tuv></tu>
</body></tmx>"""


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (b"<tmx><header/><body><tu>", "not well-formed XML"),
        (LAUGHS.encode(), "declares XML entities"),
        (EXTERNAL.encode(), "declares XML entities"),
        (NOT_IN_A_PAIR, "None of the file's 1 units is in a language pair of the desk"),
        (b"", "not well-formed XML"),
        (b'<tmx version="1.4"><header srclang="ja"/><body/></tmx>', "holds no translation units"),
    ],
    ids=["malformed", "billion laughs", "external entity", "no desk pair", "empty", "no units"],
)
def test_a_refused_file_is_a_400_that_says_why_and_keeps_nothing(app, coordinator, data, says):
    before = database_snapshot(app.extensions["translate_flow.db"])
    response = send(coordinator, data)
    assert response.status_code == 400
    message = response.get_json()["error"]["message"]
    assert says in message
    assert message.endswith("Nothing was imported.")
    assert database_snapshot(app.extensions["translate_flow.db"]) == before


def test_a_file_over_the_size_limit_keeps_nothing_even_what_was_read_before(app, coordinator):
    app.config["MEMORY_IMPORT_MAX_BYTES"] = 2048
    body = "".join(
        f'<tu><tuv xml:lang="ja"><seg>文{n}</seg></tuv>'
        f'<tuv xml:lang="en"><seg>S{n}</seg></tuv></tu>'
        for n in range(200)
    )
    data = f'<tmx version="1.4"><header srclang="ja"/><body>{body}</body></tmx>'.encode()
    before = database_snapshot(app.extensions["translate_flow.db"])
    response = send(coordinator, data)
    assert response.status_code == 400
    assert "larger than 2 KB" in response.get_json()["error"]["message"]
    assert database_snapshot(app.extensions["translate_flow.db"]) == before


def test_a_memory_may_be_larger_than_the_site_s_other_uploads(app, coordinator):
    app.config["MAX_CONTENT_LENGTH"] = 1024
    app.config["MEMORY_IMPORT_MAX_BYTES"] = 1024 * 1024
    big = fixture("omegat_ja_en.tmx").replace(b"<body>", b"<body><!--" + b"x" * 4000 + b"-->")
    assert send(coordinator, big).get_json()["added"] == 3


@pytest.mark.parametrize(
    ("fields", "says"),
    [
        ({"collection": "  "}, "Name the collection"),
        ({"collection": "x" * 201}, "at most 200 characters"),
        ({"source_language": "fr"}, "“fr” is not a source language of the desk"),
        ({"target_language": "de"}, "“de” is not a target language of the desk"),
    ],
)
def test_bad_fields_are_refused_before_the_file_is_read(app, coordinator, fields, says):
    before = database_snapshot(app.extensions["translate_flow.db"])
    response = send(coordinator, fixture("omegat_ja_en.tmx"), **fields)
    assert response.status_code == 400
    assert says in response.get_json()["error"]["message"]
    assert database_snapshot(app.extensions["translate_flow.db"]) == before


def test_an_import_without_a_file_is_refused(coordinator):
    response = coordinator.post(IMPORTS, data={"collection": "x"})
    assert response.status_code == 400
    assert "form field “file”" in response.get_json()["error"]["message"]


def test_translators_may_neither_import_nor_export(app, desk):
    translator = token_client(app, desk.translator)
    before = database_snapshot(app.extensions["translate_flow.db"])
    assert send(translator, fixture("omegat_ja_en.tmx")).status_code == 403
    assert translator.get(EXPORT).status_code == 403
    assert database_snapshot(app.extensions["translate_flow.db"]) == before
    assert app.test_client().get(EXPORT).status_code == 401


def test_a_cookie_session_import_needs_the_csrf_token(app, desk):
    app.config["WTF_CSRF_ENABLED"] = True
    client = signed_in_as(app, desk.coordinator)
    assert send(client, fixture("tmx11_lang.tmx")).status_code == 400
    assert units(app) == []
    token = csrf_token(client)
    response = client.post(
        IMPORTS,
        data={"file": (io.BytesIO(fixture("tmx11_lang.tmx")), "m.tmx"), "collection": "c"},
        headers={"X-CSRFToken": token},
        content_type="multipart/form-data",
    )
    assert response.status_code == 200
    assert len(units(app)) == 2


def test_the_export_streams_a_tmx_that_translate_toolkit_reads_back(app, coordinator):
    send(coordinator, fixture("omegat_ja_en.tmx"), collection="Omega")
    response = coordinator.get(EXPORT, query_string={"source_language": "ja"})
    assert response.status_code == 200
    assert response.is_streamed
    assert response.mimetype == "application/x-tmx+xml"
    assert response.headers["Content-Disposition"] == 'attachment; filename="memory-ja.tmx"'
    store = tmxfile(response.get_data(), sourcelanguage="ja", targetlanguage="en")
    assert [(u.source, u.target) for u in store.units] == [
        (source, target) for _s, _t, source, target in units(app)
    ]


def test_one_collection_is_exported_under_its_name(app, coordinator):
    collection_id = send(coordinator, fixture("tmx11_lang.tmx"), collection="東京 desk").get_json()[
        "collection"
    ]["id"]
    response = coordinator.get(EXPORT, query_string={"collection": collection_id})
    assert response.status_code == 200
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment; ")
    assert disposition.endswith("filename*=UTF-8''memory-%E6%9D%B1%E4%BA%AC%20desk.tmx")
    assert response.get_data().count(b"<tu ") == 2
    assert coordinator.get(EXPORT, query_string={"collection": 999_999}).status_code == 404
    assert coordinator.get(EXPORT, query_string={"collection": "x"}).status_code == 400
    assert coordinator.get(EXPORT, query_string={"target_language": "e" * 21}).status_code == 400


def test_a_refused_import_leaves_no_collection(app, coordinator):
    send(coordinator, NOT_IN_A_PAIR)
    with app.extensions["translate_flow.db"].session(write=False) as session:
        assert session.scalar(select(func.count()).select_from(MemoryCollection)) == 0
