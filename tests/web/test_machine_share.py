"""A save records the machine suggestion it was inserted from; the machine's unedited share of
the text is measured at submit, approval and publication, and shown on the translation page,
in the API and to the reviewer in the editor, never holding anything back."""

import pytest
from sqlalchemy import select

from tests.desk import ENGLISH, Desk
from tests.web.test_articles_api import token_client
from tests.web.test_editor_pages import signed_in_as
from translate_flow.domain.models import MachineShare, RevisionOrigin, SegmentRevision, Snapshot
from translate_flow.domain.workflow import Action
from translate_flow.editing import saving as editing
from translate_flow.editing.machine_share import RowText, share_of
from translate_flow.editing.saving import MAX_SEGMENT_CHARS, SuggestionUsed

# What Apertium made of the three paragraphs (as it might), and what the translator made of it.
MACHINE = [
    "The yen has been above 150 to the dollar for a long time.",
    "But the weakness of a currency is a result, not a cause.",
]
EDITED = "But a weak currency is a result, not a cause."


def _insert(desk: Desk, index: int, machine: str, text: str | None = None) -> None:
    """The translator inserts the machine's suggestion into a segment, edits it, and saves."""
    used = SuggestionUsed("machine", engine="apertium", text=machine)
    desk.write(desk.translator, index, machine if text is None else text, used)


def _machine_drafted(desk: Desk) -> None:
    """Title typed, first paragraph left as the machine wrote it, second edited, third typed."""
    desk.write(desk.translator, 0, ENGLISH[0])
    _insert(desk, 1, MACHINE[0])
    _insert(desk, 2, MACHINE[1], EDITED)
    desk.write(desk.translator, 3, ENGLISH[3])


def _shares(desk: Desk) -> dict[str, MachineShare]:
    with desk.session() as session:
        found = session.execute(
            select(Snapshot.action, MachineShare)
            .join(MachineShare, MachineShare.snapshot_id == Snapshot.id)
            .where(Snapshot.translation_id == desk.translation_id)
        ).all()
        session.expunge_all()
        return {row.action: row.MachineShare for row in found}


def _url(desk: Desk, index: int = 1) -> str:
    return f"/api/v1/translations/{desk.translation_id}/segments/{desk.segment_ids[index]}"


def test_a_save_records_the_engine_and_its_text_and_the_history_names_the_engine(app, desk):
    dorothy = token_client(app, desk.translator)
    used = {"kind": "machine", "engine": "apertium", "text": MACHINE[0]}
    edited = MACHINE[0].replace("been", "stood")
    response = dorothy.put(_url(desk), json={"text": edited, "base_version": 0, "suggestion": used})
    assert response.status_code == 200, response.get_json()
    [revision] = dorothy.get(f"{_url(desk)}/revisions").get_json()["items"]
    assert revision["text"] == edited
    assert revision["suggestion"] == used
    history = signed_in_as(app, desk.translator).get(
        f"/translations/{desk.translation_id}/segments/{desk.segment_ids[1]}/history"
    )
    assert "typed, from machine translation (Apertium)" in history.get_data(as_text=True)


def test_the_suggestion_kept_is_the_text_as_stored(app, desk):
    decomposed = "Cafe\u0301 au lait.\r\nTwo lines."
    dorothy = token_client(app, desk.translator)
    used = {"kind": "machine", "engine": "apertium", "text": decomposed}
    response = dorothy.put(
        _url(desk), json={"text": decomposed, "base_version": 0, "suggestion": used}
    )
    assert response.status_code == 200, response.get_json()
    with desk.session() as session:
        revision = session.scalars(
            select(SegmentRevision).where(SegmentRevision.translation_id == desk.translation_id)
        ).one()
        # NFC, Unix line ends: an insertion left alone reads as untouched.
        assert revision.suggestion_text == revision.text == "Café au lait.\nTwo lines."


@pytest.mark.parametrize(
    ("suggestion", "said"),
    [
        ({"kind": "machine", "text": "x"}, "suggestion.engine"),
        ({"kind": "machine", "engine": "", "text": "x"}, "suggestion.engine"),
        ({"kind": "machine", "engine": "apertium\n", "text": "x"}, "suggestion.engine"),
        ({"kind": "machine", "engine": "../etc", "text": "x"}, "suggestion.engine"),
        ({"kind": "machine", "engine": "a" * 41, "text": "x"}, "suggestion.engine"),
        ({"kind": "machine", "engine": 7, "text": "x"}, "suggestion.engine"),
        ({"kind": "machine", "engine": "apertium"}, "suggestion.text"),
        ({"kind": "machine", "engine": "apertium", "text": ["x"]}, "suggestion.text"),
        (
            {"kind": "machine", "engine": "apertium", "text": "x" * (MAX_SEGMENT_CHARS + 1)},
            "suggestion.text",
        ),
        ({"kind": "machine", "engine": "apertium", "text": "x", "score": 90}, "memory match"),
        ({"kind": "memory", "unit_id": 3, "engine": "apertium"}, "machine suggestion"),
        ({"kind": "machine", "engine": "apertium", "text": "x", "model": "y"}, "an object"),
    ],
)
def test_a_malformed_machine_suggestion_is_a_400_and_stores_nothing(app, desk, suggestion, said):
    dorothy = token_client(app, desk.translator)
    response = dorothy.put(
        _url(desk), json={"text": "X", "base_version": 0, "suggestion": suggestion}
    )
    assert response.status_code == 400
    assert said in response.get_json()["error"]["message"]
    assert dorothy.get(f"{_url(desk)}/revisions").get_json()["items"] == []


def test_the_share_is_measured_at_submit_approval_and_publication(app, desk):
    _machine_drafted(desk)
    desk.submit()
    desk.take_review()
    desk.approve()
    desk.act(desk.coordinator, Action.PUBLISH)

    shares = _shares(desk)
    assert set(shares) == {"submit", "approve", "publish"}
    expected = share_of(
        [
            RowText(ENGLISH[0]),
            RowText(MACHINE[0], MACHINE[0]),
            RowText(EDITED, MACHINE[1]),
            RowText(ENGLISH[3]),
        ]
    )
    for share in shares.values():
        assert (share.machine_tokens, share.total_tokens) == (
            expected.machine_tokens,
            expected.total_tokens,
        )
        assert share.share == pytest.approx(expected.share)
        assert (share.machine_segments, share.untouched_segments, share.total_segments) == (2, 1, 4)
    assert 0 < expected.share < 1


def test_a_reviewers_edit_after_submission_lowers_the_share_at_approval(app, desk):
    _machine_drafted(desk)
    desk.submit()
    desk.take_review()
    desk.write(desk.reviewer, 1, MACHINE[0].replace("for a long time", "for years"))
    desk.approve()
    shares = _shares(desk)
    assert shares["approve"].machine_tokens < shares["submit"].machine_tokens
    assert shares["approve"].untouched_segments == 0
    assert shares["approve"].machine_segments == 2


def test_a_memory_match_inserted_after_the_machine_makes_the_text_the_persons(app, desk):
    _insert(desk, 1, MACHINE[0])
    desk.write(desk.translator, 1, ENGLISH[1], SuggestionUsed("memory", 1, 100))
    for index in (0, 2, 3):
        desk.write(desk.translator, index, ENGLISH[index])
    desk.submit()
    assert _shares(desk)["submit"].machine_segments == 0


def test_a_change_request_measures_nothing(app, desk):
    _machine_drafted(desk)
    desk.submit()
    desk.take_review()
    desk.send_back()
    assert set(_shares(desk)) == {"submit"}


def test_the_translation_page_and_the_api_show_the_latest_share(app, desk):
    translator = signed_in_as(app, desk.translator)
    dorothy = token_client(app, desk.translator)
    page = translator.get(f"/translations/{desk.translation_id}").get_data(as_text=True)
    assert 'data-testid="machine-share"' not in page
    assert (
        dorothy.get(f"/api/v1/translations/{desk.translation_id}").get_json()["machine_share"]
        is None
    )

    _machine_drafted(desk)
    desk.submit()
    share = _shares(desk)["submit"]
    percent = round(share.share * 100)
    page = translator.get(f"/translations/{desk.translation_id}").get_data(as_text=True)
    assert (
        f"Machine translation, unedited: {percent}% of the words "
        "(2 of 4 paragraphs from a machine suggestion, 1 untouched), at submission"
    ) in page
    body = dorothy.get(f"/api/v1/translations/{desk.translation_id}").get_json()
    assert body["machine_share"] | {"measured_at": None} == {
        "share": pytest.approx(share.share),
        "machine_tokens": share.machine_tokens,
        "total_tokens": share.total_tokens,
        "machine_segments": 2,
        "untouched_segments": 1,
        "total_segments": 4,
        "snapshot_id": share.snapshot_id,
        "action": "submit",
        "measured_at": None,
    }


def test_the_reviewer_sees_the_share_in_the_editors_review_toolbar(app, desk):
    _machine_drafted(desk)
    desk.submit()
    desk.take_review()
    page = signed_in_as(app, desk.reviewer).get(f"/translations/{desk.translation_id}/edit")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert 'class="review-machine-share' in text
    assert "Machine translation, unedited:" in text


def test_a_machine_draft_revision_is_stored_on_either_database(app, desk):
    with desk.session() as session:
        row = editing.find_row(session, desk.translation(session), desk.segment_ids[1])
        session.add(
            SegmentRevision(
                translation_segment_id=row.id,
                translation_id=desk.translation_id,
                author_id=desk.translator.id,
                origin=RevisionOrigin.MACHINE_DRAFT,
                text=MACHINE[0],
                version=None,
                base_version=0,
                suggestion_kind="machine",
                suggestion_engine="apertium",
                suggestion_text=MACHINE[0],
            )
        )
    history = signed_in_as(app, desk.translator).get(
        f"/translations/{desk.translation_id}/segments/{desk.segment_ids[1]}/history"
    )
    assert "drafted by machine translation, to edit (Apertium)" in history.get_data(as_text=True)
