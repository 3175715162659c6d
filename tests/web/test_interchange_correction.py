"""A real source correction between the download and the upload: the coordinator corrects the
article through the intake's correction (a new revision, the rows realigned onto it), and
the file comes back with targets for a corrected paragraph and for untouched ones. The
corrected paragraph's text is refused with its reason and given back; the others are saved;
a paragraph the correction removed is refused as set aside."""

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.desk import PARAGRAPHS, Desk
from tests.web.test_articles_api import token_client
from tests.web.test_interchange_api import export, set_target, text_of, upload
from translate_flow.editing import saving as editing
from translate_flow.intake.articles import ArticleInput, correct_article

TITLE = "円安を嘆く前に"
# The outlet shortened the second paragraph (the desk's index 2); the rest is as it was.
SHORTER = "だが、通貨の弱さは結果である。"


def correct(desk: Desk, paragraphs: list[str]) -> None:
    """The coordinator saves the article with these paragraphs, as the correction form does."""
    with desk.session() as session:
        translation = desk.translation(session)
        result = correct_article(
            session,
            desk.person(session, desk.coordinator),
            translation.article,
            ArticleInput(title=TITLE, body="\n\n".join(paragraphs), source_language="ja"),
            note="The outlet corrected its text.",
        )
        assert result.revision is not None


@pytest.fixture
def dorothy(app: Flask, desk: Desk) -> FlaskClient:
    return token_client(app, desk.translator)


@pytest.mark.parametrize("format_", ["xliff12", "xliff21"])
def test_a_paragraph_corrected_since_the_download_is_refused_and_an_untouched_one_saved(
    dorothy, desk, format_
):
    data = export(dorothy, desk, format_)
    correct(desk, [PARAGRAPHS[0], SHORTER, PARAGRAPHS[2]])
    data = set_target(data, 1, "The yen has long been above 150 to the dollar.")
    data = set_target(data, 2, "But a weak currency is a result, not a cause.")
    response = upload(dorothy, desk.translation_id, data)
    assert response.status_code == 200, response.get_data(as_text=True)
    body = response.get_json()
    assert [note["segment_id"] for note in body["refused"]] == [text_segment(desk, 2)], body[
        "refused"
    ]
    [refused] = body["refused"]
    assert "corrected" in refused["reason"]
    assert refused["text"] == "But a weak currency is a result, not a cause."
    assert (body["saved"], body["merged"], body["conflicts"]) == (1, 0, []), body
    assert text_of(desk, 1)[0] == "The yen has long been above 150 to the dollar."
    assert text_of(desk, 2)[0] == ""


def test_a_translated_paragraph_corrected_meanwhile_keeps_the_desks_text(dorothy, desk):
    """The translator had written the paragraph before the download: the correction flags it
    "source changed", and the file's rewrite of the old source does not replace it."""
    desk.write(desk.translator, 2, "A weak currency is a result.")
    data = export(dorothy, desk)
    correct(desk, [PARAGRAPHS[0], SHORTER, PARAGRAPHS[2]])
    data = set_target(data, 2, "But a weak currency is a result, not a cause.")
    data = set_target(data, 3, "The real question is thirty years of stagnation.")
    body = upload(dorothy, desk.translation_id, data).get_json()
    assert [note["segment_id"] for note in body["refused"]] == [text_segment(desk, 2)], body
    assert body["saved"] == 1, body
    assert text_of(desk, 2)[0] == "A weak currency is a result."
    assert text_of(desk, 3)[0] == "The real question is thirty years of stagnation."


def test_a_paragraph_the_correction_removed_is_refused_as_set_aside(dorothy, desk):
    data = export(dorothy, desk)
    correct(desk, [PARAGRAPHS[0], PARAGRAPHS[1]])
    data = set_target(data, 1, "The yen has long been above 150 to the dollar.")
    data = set_target(data, 3, "The real question is thirty years of stagnation.")
    body = upload(dorothy, desk.translation_id, data).get_json()
    [refused] = body["refused"]
    assert "removed" in refused["reason"], refused
    assert refused["text"] == "The real question is thirty years of stagnation."
    assert body["saved"] == 1, body
    assert text_of(desk, 1)[0] == "The yen has long been above 150 to the dollar."


def text_segment(desk: Desk, index: int) -> int:
    """The segment the row of the desk's n-th source segment now translates."""
    with desk.session() as session:
        return editing.find_row(
            session, desk.translation(session), desk.segment_ids[index]
        ).segment_id
