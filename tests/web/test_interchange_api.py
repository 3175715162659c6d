"""API v1 working offline: a translation out as XLIFF 1.2 and 2.1, and back in through the
editor's versioned save; concurrent desk edits merged, in conflict or left alone; refusals
of whole files (other translation, hostile, malformed) leave the database as it was."""

import io
import time

import pytest
from flask import Flask
from flask.testing import FlaskClient
from lxml import etree

from tests.desk import Desk
from tests.web.snapshot import database_snapshot
from tests.web.test_articles_api import assert_error, token_client
from translate_flow.domain.models import SegmentRevision
from translate_flow.editing import saving as editing

X12 = "urn:oasis:names:tc:xliff:document:1.2"
X2 = "urn:oasis:names:tc:xliff:document:2.0"
TF = "urn:x-translate-flow:offline:1"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def export(client: FlaskClient, desk: Desk, format_: str = "xliff12") -> bytes:
    response = client.get(f"/api/v1/translations/{desk.translation_id}/export?format={format_}")
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_data()


def upload(client: FlaskClient, translation_id: int, data: bytes, name: str = "t.xlf"):  # type: ignore[no-untyped-def]
    return client.post(
        f"/api/v1/translations/{translation_id}/imports",
        data={"file": (io.BytesIO(data), name)},
        content_type="multipart/form-data",
    )


def units(data: bytes) -> list[etree._Element]:
    root = etree.fromstring(data)
    return root.findall(f".//{{{X12}}}trans-unit") or root.findall(f".//{{{X2}}}unit")


def set_target(data: bytes, index: int, text: str, state: str | None = None) -> bytes:
    """Write a unit's target as a CAT tool would, the rest of the file as it was."""
    root = etree.fromstring(data)
    unit = root.xpath("//*[local-name()='trans-unit' or local-name()='unit']")[index]
    if root.tag == f"{{{X12}}}xliff":
        target = unit.find(f"{{{X12}}}target")
        target.text = text
        if state is not None:
            target.set("state", state)
    else:
        segment = unit.find(f"{{{X2}}}segment")
        target = segment.find(f"{{{X2}}}target")
        if target is None:
            target = etree.SubElement(segment, f"{{{X2}}}target")
        target.text = text
        if state is not None:
            segment.set("state", state)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def text_of(desk: Desk, index: int) -> tuple[str, int, bool]:
    with desk.session() as session:
        row = editing.find_row(session, desk.translation(session), desk.segment_ids[index])
        return row.text, row.version, row.is_done


@pytest.fixture
def dorothy(app: Flask, desk: Desk) -> FlaskClient:
    return token_client(app, desk.translator)


@pytest.mark.parametrize("format_", ["xliff12", "xliff21"])
def test_the_export_has_one_unit_per_segment_with_id_version_state_and_languages(
    dorothy, desk, format_
):
    desk.write(desk.translator, 1, "The yen has long been above 150.")
    data = export(dorothy, desk, format_)
    found = units(data)
    assert len(found) == 4
    with desk.session() as session:
        rows = {row.segment_id: row for row in desk.translation(session).segments}
        expected = [(str(rows[s].id), str(s), str(rows[s].version)) for s in desk.segment_ids]
    assert [(u.get("id"), u.get(f"{{{TF}}}segment"), u.get(f"{{{TF}}}version")) for u in found] == (
        expected
    )
    assert [u.get(f"{{{TF}}}state") for u in found] == ["new", "translated", "new", "new"]
    root = etree.fromstring(data)
    if format_ == "xliff12":
        assert root.get("version") == "1.2"
        file_ = root.find(f"{{{X12}}}file")
        assert (file_.get("source-language"), file_.get("target-language")) == ("ja", "en")
        source = found[1].find(f"{{{X12}}}source")
        assert source.get(XML_LANG) == "ja"
        assert found[1].find(f"{{{X12}}}target").get("state") == "translated"
        header = etree.tostring(root.find(f".//{{{X12}}}header"), encoding="unicode")
    else:
        assert (root.get("version"), root.get("srcLang"), root.get("trgLang")) == (
            "2.1",
            "ja",
            "en",
        )
        assert found[1].find(f"{{{X2}}}segment").get("state") == "translated"
        assert found[0].find(f"{{{X2}}}segment").get("state") == "initial"
        header = etree.tostring(root.find(f".//{{{X2}}}notes"), encoding="unicode")
    assert "円安を嘆く前に" in header


def test_an_edited_file_is_saved_through_the_versioned_save(dorothy, desk, db):
    data = export(dorothy, desk)
    data = set_target(data, 0, "Before lamenting the weak yen")
    data = set_target(data, 2, "But a weak currency is a result.", state="final")
    response = upload(dorothy, desk.translation_id, data)
    assert response.status_code == 200, response.get_data(as_text=True)
    body = response.get_json()
    assert (body["saved"], body["merged"], body["conflicts"], body["skipped"], body["refused"]) == (
        2,
        0,
        [],
        2,
        [],
    )
    assert text_of(desk, 0) == ("Before lamenting the weak yen", 1, False)
    # The tool marked it final: done, as the translator's Ctrl+Enter.
    assert text_of(desk, 2) == ("But a weak currency is a result.", 1, True)
    # The same file again: its texts are the desk's now, so nothing clashes or changes.
    again = upload(dorothy, desk.translation_id, data).get_json()
    assert again["conflicts"] == [] and again["refused"] == []
    assert text_of(desk, 0)[1] == 1


@pytest.mark.parametrize("format_", ["xliff12", "xliff21"])
def test_a_desk_edit_apart_from_the_files_is_merged(app, dorothy, desk, format_):
    desk.write(desk.translator, 1, "The yen has long been above 150 to the dollar.")
    data = export(dorothy, desk, format_)
    # Meanwhile on the desk, the coordinator changes the end of the sentence.
    desk.write(desk.coordinator, 1, "The yen has long been above 150 to the US dollar.")
    data = set_target(data, 1, "For long the yen has been above 150 to the dollar.")
    body = upload(dorothy, desk.translation_id, data).get_json()
    assert (body["saved"], body["merged"], body["conflicts"]) == (0, 1, [])
    assert text_of(desk, 1)[0] == "For long the yen has been above 150 to the US dollar."


@pytest.mark.parametrize("format_", ["xliff12", "xliff21"])
def test_an_overlapping_desk_edit_is_a_conflict_with_the_files_text_kept(
    app, dorothy, desk, format_
):
    desk.write(desk.translator, 1, "The yen is weak.")
    data = export(dorothy, desk, format_)
    desk.write(desk.coordinator, 1, "The yen is feeble.")
    data = set_target(data, 1, "The yen is frail.")
    body = upload(dorothy, desk.translation_id, data).get_json()
    assert (body["saved"], body["merged"]) == (0, 0)
    [conflict] = body["conflicts"]
    assert conflict["segment_id"] == desk.segment_ids[1]
    assert "overlap" in conflict["reason"]
    assert f"/segments/{desk.segment_ids[1]}/history" in conflict["chooser_url"]
    assert text_of(desk, 1)[0] == "The yen is feeble."  # the desk's text stands ...
    with desk.session() as session:
        kept = session.get(SegmentRevision, conflict["revision_id"])
        assert kept is not None and kept.text == "The yen is frail."  # ... and nothing is lost
        assert kept.version is None
    chooser = dorothy.get(conflict["chooser_url"])
    assert chooser.status_code == 200 and "The yen is frail." in chooser.get_data(as_text=True)


def test_a_unit_unchanged_offline_leaves_the_desk_edit_alone(dorothy, desk):
    desk.write(desk.translator, 1, "The yen is weak.")
    data = export(dorothy, desk)
    desk.write(desk.coordinator, 1, "The yen is feeble.")
    body = upload(dorothy, desk.translation_id, data).get_json()
    assert (body["saved"], body["merged"], body["conflicts"], body["skipped"]) == (0, 0, [], 4)
    assert text_of(desk, 1)[0] == "The yen is feeble."


def test_a_unit_whose_source_changed_since_the_download_is_refused_with_its_text(dorothy, desk):
    data = export(dorothy, desk)
    # A correction gives the row a new source segment: the file still names the old one.
    data = data.replace(f'tf:segment="{desk.segment_ids[1]}"'.encode(), b'tf:segment="999999"')
    data = set_target(data, 1, "The yen, translated from the old source.")
    body = upload(dorothy, desk.translation_id, data).get_json()
    [refused] = body["refused"]
    assert refused["segment_id"] == desk.segment_ids[1]
    assert "corrected" in refused["reason"]
    assert refused["text"] == "The yen, translated from the old source."
    assert text_of(desk, 1) == ("", 0, False)


def test_a_file_of_another_translation_is_refused_whole(app, dorothy, desk, db, make_article):
    data = export(dorothy, desk)
    data = set_target(data, 0, "Before lamenting the weak yen")
    other = data.replace(
        f'tf:translation="{desk.translation_id}"'.encode(), b'tf:translation="424242"'
    )
    before = database_snapshot(db)
    assert_error(upload(dorothy, desk.translation_id, other), 400, "file_refused", "another")
    english = data.replace(b'target-language="en"', b'target-language="fr"')
    assert_error(upload(dorothy, desk.translation_id, english), 400, "file_refused", "French")
    assert database_snapshot(db) == before


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE xliff [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file><body>
<trans-unit id="1"><source>x</source><target>&d;&d;&d;&d;&d;&d;</target></trans-unit>
</body></file></xliff>"""
EXTERNAL = b"""<?xml version="1.0"?>
<!DOCTYPE xliff [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file><body>
<trans-unit id="1"><source>x</source><target>&secret;</target></trans-unit>
</body></file></xliff>"""
DEEP = (
    b'<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file><body>'
    + b"<group>" * 5000
    + b"</group>" * 5000
    + b"</body></file></xliff>"
)
WIDE = (
    b'<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file><body>'
    b'<trans-unit id="1"><source>x</source><target>'
    + b"<x/>" * 6_000
    + b"</target></trans-unit></body></file></xliff>"
)


@pytest.mark.parametrize(
    ("data", "said"),
    [
        (BILLION_LAUGHS, "entities"),
        (EXTERNAL, "entities"),
        (DEEP, "deep"),
        (WIDE, "elements"),
        (
            b"<xliff version='1.2' xmlns='urn:oasis:names:tc:xliff:document:1.2'><file>",
            "well-formed",
        ),
        (b"<tmx version='1.4'><body/></tmx>", "not an XLIFF"),
        (b"PK\x03\x04 not really a zip", "not one the desk reads"),
        (b"", "not one the desk reads"),
        (b"<?xml version='1.0'?>" + b" " * (100 * 1024) + b"<xliff/>", "larger than 64 KB"),
    ],
    ids=[
        "billion-laughs",
        "external-entity",
        "deep",
        "wide",
        "cut-short",
        "tmx",
        "zip",
        "empty",
        "huge",
    ],
)
def test_hostile_and_malformed_files_are_refused_in_bounded_time(
    app, dorothy, desk, db, data, said
):
    app.config["OFFLINE_UPLOAD_MAX_BYTES"] = 64 * 1024
    before = database_snapshot(db)
    started = time.monotonic()
    response = upload(dorothy, desk.translation_id, data)
    assert time.monotonic() - started < 5
    assert_error(response, 400, "file_refused", said)
    assert "Nothing was applied" in response.get_json()["error"]["message"]
    assert database_snapshot(db) == before


def test_a_translator_who_does_not_hold_it_may_neither_download_nor_upload(app, desk, db):
    olga = token_client(app, desk.other)
    url = f"/api/v1/translations/{desk.translation_id}"
    assert olga.get(f"{url}/export?format=xliff12").status_code == 403
    data = export(token_client(app, desk.translator), desk)
    before = database_snapshot(db)
    assert upload(olga, desk.translation_id, set_target(data, 0, "Mine")).status_code == 403
    assert database_snapshot(db) == before


def test_in_review_the_reviewer_downloads_and_the_translator_may_read_but_not_upload(app, desk, db):
    for index in range(4):
        desk.write(desk.translator, index, f"Text {index}")
    desk.submit()
    desk.take_review()
    rafael = token_client(app, desk.reviewer)
    dorothy = token_client(app, desk.translator)
    data = export(rafael, desk, "xliff21")
    export(dorothy, desk)  # the translator reads what the review does
    before = database_snapshot(db)
    assert upload(dorothy, desk.translation_id, set_target(data, 0, "Mine")).status_code in (
        403,
        409,
    )
    assert database_snapshot(db) == before
    body = upload(rafael, desk.translation_id, set_target(data, 0, "Reviewed")).get_json()
    assert body["saved"] == 1


def test_an_unknown_format_is_a_400_that_names_the_known_ones(dorothy, desk):
    response = dorothy.get(f"/api/v1/translations/{desk.translation_id}/export?format=docx2")
    assert_error(response, 400, "invalid", "xliff12")


def test_an_upload_without_the_file_field_says_so(dorothy, desk):
    response = dorothy.post(
        f"/api/v1/translations/{desk.translation_id}/imports",
        data={"other": "x"},
        content_type="multipart/form-data",
    )
    assert_error(response, 400, "invalid", "“file”")
