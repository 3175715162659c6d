"""Round trips that tools really do: translate-toolkit reading and re-writing the desk's XLIFF
(version and `approved` as it sets them), an OmegaT-style file (targets added, the rest as
exported), targets with a CAT tool's inline codes and entities, every state both ways."""

import pytest
from flask import Flask
from flask.testing import FlaskClient
from translate.storage import xliff as tt_xliff
from translate.storage.placeables import StringElem
from translate.storage.placeables import xliff as tt_codes

from tests.desk import Desk, build_desk
from tests.factories import ArticleFactory, UserFactory
from tests.web.test_articles_api import token_client
from tests.web.test_interchange_api import export, set_target, text_of, upload
from translate_flow.intake.formats import BodyFormat

BODY = (
    '<p>円相場は<a href="https://example.org/yen">一ドル百五十円</a>を超えた。<br>続く。</p>'
    "<p>だが、通貨の<em>弱さ</em>は結果である。</p>"
)


@pytest.fixture
def tagged(app: Flask, make_user: UserFactory, make_article: ArticleFactory) -> Desk:
    return build_desk(app, make_user, make_article, body=BODY, body_format=BodyFormat.HTML)


@pytest.fixture
def dorothy(app: Flask, tagged: Desk) -> FlaskClient:
    return token_client(app, tagged.translator)


def test_source_tags_go_out_as_inline_codes_and_come_back_as_placeholders(dorothy, tagged):
    data = export(dorothy, tagged).decode()
    assert '<g id="1" ctype="link">一ドル百五十円</g>を超えた。<x id="2" ctype="lb"/>' in data
    data21 = export(dorothy, tagged, "xliff21").decode()
    assert '<pc id="1" type="link">一ドル百五十円</pc>' in data21
    assert '<ph id="2" type="fmt" subType="xlf:lb"/>' in data21
    # The title's unit comes first; the paragraph with the link is the second.
    paragraph = data.split("<trans-unit ")[2]
    edited = paragraph.replace(
        'state="new"></target>',
        'state="translated">The yen passed <g id="1">150 to the dollar</g>.'
        '<x id="2"/>It goes on.</target>',
    )
    filled = data.replace(paragraph, edited)
    body = upload(dorothy, tagged.translation_id, filled.encode()).get_json()
    assert (body["saved"], body["refused"]) == (1, [])
    assert text_of(tagged, 1)[0] == "The yen passed {1}150 to the dollar{/1}.{2/}It goes on."
    # And out again as the same codes.
    assert (
        '<g id="1" ctype="link">150 to the dollar</g>.<x id="2" ctype="lb"/>'
        in export(dorothy, tagged).decode()
    )


def test_cat_tool_codes_entities_and_segment_marks_are_read_for_their_text(dorothy, tagged):
    data = export(dorothy, tagged).decode()
    paragraph = data.split("<trans-unit ")[2]
    edited = paragraph.replace(
        'state="new"></target>',
        'state="translated"><mrk mtype="seg" mid="1">The yen &amp; the '
        '<bx id="1"/>dollar<ex id="1"/> &#x2014; <bpt id="7">&lt;b&gt;</bpt>150'
        '<ept id="7">&lt;/b&gt;</ept><x id="tt9"/>.</mrk></target>',
    )
    body = upload(dorothy, tagged.translation_id, data.replace(paragraph, edited).encode())
    assert body.get_json()["saved"] == 1, body.get_json()
    assert text_of(tagged, 1)[0] == "The yen & the {1}dollar{/1} — 150."


def test_literal_braces_in_a_target_stay_text(dorothy, tagged):
    data = export(dorothy, tagged)
    data = set_target(data, 2, "A set {1} of braces")
    assert upload(dorothy, tagged.translation_id, data).get_json()["saved"] == 1
    assert text_of(tagged, 2)[0] == "A set \\{1} of braces"
    assert b">A set {1} of braces<" in export(dorothy, tagged)


def test_a_misplaced_tag_refuses_that_unit_and_names_the_placeholder(dorothy, tagged):
    data = export(dorothy, tagged).decode()
    paragraph = data.split("<trans-unit ")[2]
    edited = paragraph.replace(
        'state="new"></target>', 'state="translated"><g id="9">nine</g></target>'
    )
    data = set_target(data.replace(paragraph, edited).encode(), 0, "Title")
    body = upload(dorothy, tagged.translation_id, data).get_json()
    assert body["saved"] == 1
    [refused] = body["refused"]
    assert "{9}" in refused["reason"]


def test_translate_toolkit_reads_and_rewrites_the_file(dorothy, tagged):
    store = tt_xliff.xlifffile.parsestring(export(dorothy, tagged))
    assert [unit.getid() for unit in store.units]  # every unit has its id
    title, paragraph = store.units[0], store.units[1]
    title.target = "Before lamenting the weak yen"
    # Rich targets keep the codes: <g id="1"> around the link's words, <x id="2"/>.
    paragraph.rich_target = [
        StringElem(
            [tt_codes.G(id="1", sub=["The yen"]), " passed 150.", tt_codes.X(id="2"), "More."]
        )
    ]
    rewritten = bytes(store)
    assert b'approved="yes"' in rewritten  # what the toolkit does; the desk reads states only
    body = upload(dorothy, tagged.translation_id, rewritten).get_json()
    assert (body["saved"], body["refused"]) == (2, []), body
    assert text_of(tagged, 0) == ("Before lamenting the weak yen", 1, False)
    assert text_of(tagged, 1)[0] == "{1}The yen{/1} passed 150.{2/}More."


def test_a_file_made_by_translate_toolkit_alone_is_refused_unit_by_unit(dorothy, tagged):
    """The toolkit's own new file declares XLIFF 1.1 and knows nothing of versions."""
    store = tt_xliff.xlifffile(sourcelanguage="ja", targetlanguage="en")
    unit = store.addsourceunit("円安を嘆く前に")
    unit.setid(export(dorothy, tagged).split(b'trans-unit id="')[1].split(b'"')[0].decode())
    unit.target = "A title"
    data = bytes(store)
    assert b'version="1.1"' in data
    body = upload(dorothy, tagged.translation_id, data).get_json()
    assert body.get("saved") == 0, body
    assert "version" in body["refused"][0]["reason"]
    assert text_of(tagged, 0)[0] == ""


def test_an_omegat_style_file_with_targets_added_round_trips(dorothy, tagged):
    """OmegaT's XLIFF filter writes the file back as it read it, with the targets filled."""
    data = export(dorothy, tagged, "xliff21")
    data = set_target(data, 0, "Before lamenting the weak yen")
    data = set_target(data, 2, "But the weakness of the currency is a result.")
    body = upload(dorothy, tagged.translation_id, data).get_json()
    assert (body["saved"], body["skipped"], body["refused"]) == (2, 1, [])


@pytest.mark.parametrize("format_", ["xliff12", "xliff21"])
def test_every_state_goes_out_and_comes_back(app, dorothy, tagged, format_):
    """new, translated, done, left untranslated: exported as such, and a file whose states
    were not touched changes nothing; a state a tool changed is applied."""
    tagged.write(tagged.translator, 0, "Title")
    tagged.write(tagged.translator, 2, "Done text")
    with tagged.session() as session:
        from translate_flow.editing import saving as editing

        translation = tagged.translation(session)
        person = tagged.person(session, tagged.translator)
        row = editing.find_row(session, translation, tagged.segment_ids[2])
        editing.save_segment(
            session,
            person,
            translation,
            tagged.segment_ids[2],
            text="Done text",
            base_version=row.version,
            done=True,
        )
    data = export(dorothy, tagged, format_)
    assert [u.split('tf:state="')[1].split('"')[0] for u in data.decode().split("tf:version")[1:]]
    body = upload(dorothy, tagged.translation_id, data).get_json()
    assert (body["saved"], body["merged"], body["conflicts"], body["refused"]) == (0, 0, [], [])
    final = "final"
    done_again = set_target(data, 0, "Title", state=final)
    assert upload(dorothy, tagged.translation_id, done_again).get_json()["saved"] == 1
    assert text_of(tagged, 0)[2] is True
    assert text_of(tagged, 2)[2] is True
