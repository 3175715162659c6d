"""The bilingual .docx through the API and the "Work offline" page: out with each row's id and
version, back in through the editor's versioned save after python-docx or LibreOffice saved
it; desk edits made meanwhile merged, in conflict or left alone; a corrected source reported;
another translation's file and hostile archives refused with nothing applied."""

import io
import zipfile

import pytest
from docx import Document
from docx.oxml.ns import qn
from flask import Flask
from flask.testing import FlaskClient

from tests.conftest import csrf_token
from tests.desk import Desk, build_desk
from tests.factories import ArticleFactory, UserFactory
from tests.unit.test_docx_files import (
    add_comment,
    edited,
    edited_in_libreoffice,
    needs_soffice,
    row_cells,
    set_translation,
    through_libreoffice,
)
from tests.web.snapshot import database_snapshot
from tests.web.test_articles_api import assert_error, token_client
from tests.web.test_interchange_api import export, text_of, upload
from tests.web.test_interchange_pages import signed_in
from tests.web.test_interchange_round_trips import BODY
from translate_flow.intake.formats import BodyFormat
from translate_flow.interchange.docx_writing import MIME_TYPE, TAG_STYLE


def docx(client: FlaskClient, desk: Desk) -> bytes:
    return export(client, desk, "docx")


def send(client: FlaskClient, desk: Desk, data: bytes):  # type: ignore[no-untyped-def]
    return upload(client, desk.translation_id, data, name="mine.docx")


def counts(body: dict) -> tuple[int, int, int, int, int]:  # type: ignore[type-arg]
    return (
        body["saved"],
        body["merged"],
        len(body["conflicts"]),
        body["skipped"],
        len(body["refused"]),
    )


@pytest.fixture
def dorothy(app: Flask, desk: Desk) -> FlaskClient:
    return token_client(app, desk.translator)


def test_the_export_is_a_word_table_with_each_rows_id_and_version(dorothy, desk):
    desk.write(desk.translator, 1, "The yen has long been above 150.")
    response = dorothy.get(f"/api/v1/translations/{desk.translation_id}/export?format=docx")
    assert response.status_code == 200
    assert response.mimetype == MIME_TYPE
    assert ".docx" in response.headers["Content-Disposition"]
    word = Document(io.BytesIO(response.get_data()))
    rows = word.tables[0].rows[1:]
    assert len(rows) == 4
    assert rows[1].cells[2].text == "The yen has long been above 150."
    assert rows[1].cells[1].text == "円相場が一ドル百五十円を超えて久しい。"
    with desk.session() as session:
        by_segment = {row.segment_id: row for row in desk.translation(session).segments}
        expected = [f"tf_{by_segment[s].id}_{s}_{by_segment[s].version}" for s in desk.segment_ids]
    marks = [row._tr.find(f".//{qn('w:bookmarkStart')}").get(qn("w:name")) for row in rows]
    assert marks == expected
    assert "円安を嘆く前に" in word.paragraphs[0].text


def test_a_file_edited_by_python_docx_is_saved_and_a_comment_added_changes_nothing(
    dorothy, desk, db
):
    data = docx(dorothy, desk)
    data = set_translation(data, 0, "Before lamenting the weak yen")
    data = set_translation(data, 2, "But a weak currency is a result.")
    data = add_comment(data, 3, "Is “stagnation” the right word?")
    response = send(dorothy, desk, data)
    assert response.status_code == 200, response.get_data(as_text=True)
    body = response.get_json()
    assert body["format"] == "docx"
    assert counts(body) == (2, 0, 0, 2, 0)
    assert text_of(desk, 0) == ("Before lamenting the weak yen", 1, False)
    assert text_of(desk, 2) == ("But a weak currency is a result.", 1, False)
    # The same file again: its texts are the desk's now, so nothing clashes or changes.
    again = send(dorothy, desk, data).get_json()
    assert (again["merged"], again["conflicts"], again["refused"]) == (0, [], [])
    assert text_of(desk, 0)[1] == 1


@pytest.mark.parametrize(
    ("downloaded", "desk_text", "file_text", "outcome", "final"),
    [
        (
            "The yen has long been above 150 to the dollar.",
            "The yen has long been above 150 to the US dollar.",
            "For long the yen has been above 150 to the dollar.",
            (0, 1, 0, 3, 0),
            "For long the yen has been above 150 to the US dollar.",
        ),
        (
            "The yen is weak.",
            "The yen is feeble.",
            "The yen is frail.",
            (0, 0, 1, 3, 0),
            "The yen is feeble.",
        ),
        ("The yen is weak.", "The yen is feeble.", None, (0, 0, 0, 4, 0), "The yen is feeble."),
    ],
    ids=["merged", "conflict", "unchanged"],
)
def test_desk_edits_made_meanwhile_are_merged_in_conflict_or_left_alone(
    dorothy, desk, downloaded, desk_text, file_text, outcome, final
):
    desk.write(desk.translator, 1, downloaded)
    data = docx(dorothy, desk)
    desk.write(desk.coordinator, 1, desk_text)
    if file_text is not None:
        data = set_translation(data, 1, file_text)
    body = send(dorothy, desk, data).get_json()
    assert counts(body) == outcome, body
    assert text_of(desk, 1)[0] == final
    if body["conflicts"]:
        [conflict] = body["conflicts"]
        assert f"/segments/{desk.segment_ids[1]}/history" in conflict["chooser_url"]
        chooser = dorothy.get(conflict["chooser_url"]).get_data(as_text=True)
        assert file_text in chooser


def _renamed_bookmark(data: bytes, index: int, segment_id: int) -> bytes:
    def change(word) -> None:  # type: ignore[no-untyped-def]
        start = row_cells(word, index)[0]._tc.find(f".//{qn('w:bookmarkStart')}")
        row_id, _segment, version = start.get(qn("w:name")).split("_")[1:]
        start.set(qn("w:name"), f"tf_{row_id}_{segment_id}_{version}")

    return edited(data, change)


def test_a_row_whose_source_was_corrected_since_is_reported_not_applied(dorothy, desk):
    data = _renamed_bookmark(docx(dorothy, desk), 1, 999999)
    data = set_translation(data, 1, "The yen, translated from the old source.")
    body = send(dorothy, desk, data).get_json()
    [refused] = body["refused"]
    assert refused["segment_id"] == desk.segment_ids[1]
    assert "corrected" in refused["reason"]
    assert refused["text"] == "The yen, translated from the old source."
    assert text_of(desk, 1) == ("", 0, False)


def test_another_translations_file_is_refused_whole(
    app, dorothy, desk, db, make_user: UserFactory, make_article: ArticleFactory
):
    elsewhere = build_desk(app, make_user, make_article)
    data = docx(token_client(app, elsewhere.translator), elsewhere)
    data = set_translation(data, 0, "Not for this translation")
    before = database_snapshot(db)
    assert_error(send(dorothy, desk, data), 400, "file_refused", "another translation")
    assert database_snapshot(db) == before


def test_a_file_for_another_language_is_refused_whole(dorothy, desk, db):
    data = set_translation(docx(dorothy, desk), 0, "Titre")
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for entry in source.infolist():
            part = source.read(entry)
            if entry.filename == "docProps/custom.xml":
                part = part.replace(b"<vt:lpwstr>en</vt:lpwstr>", b"<vt:lpwstr>fr</vt:lpwstr>")
            target.writestr(entry, part)
    before = database_snapshot(db)
    assert_error(send(dorothy, desk, out.getvalue()), 400, "file_refused", "French")
    assert database_snapshot(db) == before


def test_a_zip_bomb_is_refused_and_nothing_applied(dorothy, desk, db):
    data = set_translation(docx(dorothy, desk), 0, "Mine")
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            target.writestr(entry.filename, source.read(entry))
        target.writestr("word/media/image9.png", b"\0" * 60_000_000)
    before = database_snapshot(db)
    response = send(dorothy, desk, out.getvalue())
    assert_error(response, 400, "file_refused", "unpacks")
    assert "Nothing was applied" in response.get_json()["error"]["message"]
    assert database_snapshot(db) == before


def test_someone_who_does_not_hold_it_may_neither_download_nor_upload(app, desk, db):
    olga = token_client(app, desk.other)
    url = f"/api/v1/translations/{desk.translation_id}/export?format=docx"
    assert olga.get(url).status_code == 403
    data = set_translation(docx(token_client(app, desk.translator), desk), 0, "Mine")
    before = database_snapshot(db)
    assert send(olga, desk, data).status_code == 403
    assert database_snapshot(db) == before


@pytest.fixture
def tagged(app: Flask, make_user: UserFactory, make_article: ArticleFactory) -> Desk:
    return build_desk(app, make_user, make_article, body=BODY, body_format=BodyFormat.HTML)


def test_tags_go_out_styled_and_come_back_as_placeholders(app, tagged):
    client = token_client(app, tagged.translator)
    data = docx(client, tagged)
    source = Document(io.BytesIO(data)).tables[0].rows[2].cells[1]
    assert source.text == "円相場は{1}一ドル百五十円{/1}を超えた。{2/}続く。"
    styled = [run.text for run in source.paragraphs[0].runs if run.style.name == TAG_STYLE]
    assert styled == ["{1}", "{/1}", "{2/}"]
    data = set_translation(data, 1, "The yen passed {1}150 to the dollar{/1}.{2/}It goes on.")
    body = send(client, tagged, data).get_json()
    assert (body["saved"], body["refused"]) == (1, [])
    assert text_of(tagged, 1)[0] == "The yen passed {1}150 to the dollar{/1}.{2/}It goes on."
    # A tag that is not the source's is refused for that row, naming it.
    data = set_translation(data, 2, "The {9}weakness{/9} is a result.")
    [refused] = send(client, tagged, data).get_json()["refused"]
    assert "{9}" in refused["reason"]


@needs_soffice
def test_a_file_saved_again_by_libreoffice_is_applied(app, tagged, tmp_path):
    client = token_client(app, tagged.translator)
    data = set_translation(docx(client, tagged), 0, "Before lamenting the weak yen")
    data = through_libreoffice(tmp_path, data)
    tagged.write(tagged.coordinator, 2, "Meanwhile on the desk.")
    data = edited_in_libreoffice(
        tmp_path, data, {1: "The yen passed {1}150 to the dollar{/1}.{2/}It goes on."}
    )
    body = send(client, tagged, data).get_json()
    assert counts(body) == (2, 0, 0, 1, 0), body
    assert text_of(tagged, 0)[0] == "Before lamenting the weak yen"
    assert text_of(tagged, 1)[0] == "The yen passed {1}150 to the dollar{/1}.{2/}It goes on."
    assert text_of(tagged, 2)[0] == "Meanwhile on the desk."


def test_the_offline_page_offers_the_word_table_and_takes_it_back(app, desk):
    client = signed_in(app, desk.translator)
    html = client.get(f"/translations/{desk.translation_id}/offline").get_data(as_text=True)
    assert 'data-testid="download-docx"' in html and "Word" in html
    link = f"/api/v1/translations/{desk.translation_id}/export?format=docx"
    assert link in html.replace("&amp;", "&")
    data = set_translation(client.get(link).get_data(), 1, "Typed on the train.")
    response = client.post(
        f"/translations/{desk.translation_id}/offline",
        data={"csrf_token": csrf_token(client), "file": (io.BytesIO(data), "mine.docx")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 200
    assert "1 segment(s) saved" in response.get_data(as_text=True)
    editor = client.get(f"/translations/{desk.translation_id}/edit").get_data(as_text=True)
    assert "Typed on the train." in editor
