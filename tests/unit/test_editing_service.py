"""Saving translated text through the service, on each database: saves on the current version
land, stale saves merge or come back as conflicts, and every text sent is in the history."""

import pytest
from sqlalchemy import select

from tests.desk import Desk
from tests.web.snapshot import database_snapshot
from translate_flow.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from translate_flow.domain.models import RevisionOrigin, SegmentRevision, TranslationSegment, User
from translate_flow.domain.workflow import Action
from translate_flow.editing import revisions
from translate_flow.editing import saving as editing
from translate_flow.editing.saving import MAX_SEGMENT_CHARS, SaveStatus, SegmentEdit
from translate_flow.intake.articles import ArticleInput, correct_article

BASE = "The yen has long been above 150 to the dollar."


def save(desk: Desk, user: User, text: str, base_version: int, index: int = 1, **flags):  # type: ignore[no-untyped-def]
    with desk.session() as session:
        outcome = editing.save_segment(
            session,
            desk.person(session, user),
            desk.translation(session),
            desk.segment_ids[index],
            text=text,
            base_version=base_version,
            **flags,
        )
        return outcome.status, outcome.text, outcome.version, outcome.base, outcome.mine


def row(desk: Desk, index: int = 1) -> TranslationSegment:
    with desk.session() as session:
        found = session.scalars(
            select(TranslationSegment).where(
                TranslationSegment.translation_id == desk.translation_id,
                TranslationSegment.segment_id == desk.segment_ids[index],
            )
        ).one()
        session.expunge(found)
        return found


def history(desk: Desk, index: int = 1) -> list[tuple[str, str, int | None]]:
    """(origin, text, version), oldest first."""
    with desk.session() as session:
        rows = session.scalars(
            select(SegmentRevision)
            .where(SegmentRevision.translation_segment_id == row(desk, index).id)
            .order_by(SegmentRevision.id)
        )
        return [(r.origin.value, r.text, r.version) for r in rows]


def test_a_save_on_the_current_version_lands_and_is_recorded(desk):
    status, text, version, _base, _mine = save(desk, desk.translator, BASE, 0)
    assert (status, text, version) == (SaveStatus.SAVED, BASE, 1)
    assert row(desk).text == BASE
    assert history(desk) == [("typed", BASE, 1)]


def test_saving_the_same_text_again_changes_nothing(desk):
    save(desk, desk.translator, BASE, 0)
    assert save(desk, desk.translator, BASE, 1)[:3] == (SaveStatus.SAVED, BASE, 1)
    assert history(desk) == [("typed", BASE, 1)]


def test_a_save_resent_after_a_lost_answer_is_accepted_without_a_second_revision(desk):
    save(desk, desk.translator, BASE, 0)
    # The answer never arrived; the browser sends the same text on the version it knew.
    assert save(desk, desk.translator, BASE, 0)[:3] == (SaveStatus.SAVED, BASE, 1)
    assert history(desk) == [("typed", BASE, 1)]


def test_a_stale_save_of_another_part_of_the_text_is_merged(desk):
    save(desk, desk.translator, BASE, 0)
    save(desk, desk.coordinator, BASE.replace("long been", "for months been"), 1)
    status, text, version, _base, _mine = save(
        desk, desk.translator, BASE.replace("the dollar", "the US dollar"), 1
    )
    assert status == SaveStatus.MERGED
    assert text == "The yen has for months been above 150 to the US dollar."
    assert version == 3
    assert row(desk).text == text
    assert history(desk)[-2:] == [
        ("typed", "The yen has long been above 150 to the US dollar.", None),
        ("merged", text, 3),
    ]


def test_a_stale_save_that_overlaps_is_refused_and_kept(desk, db):
    save(desk, desk.translator, BASE, 0)
    save(desk, desk.coordinator, BASE.replace("long been", "for months been"), 1)
    before = row(desk)
    mine = BASE.replace("long been", "for years been")
    status, text, version, base, sent = save(desk, desk.translator, mine, 1)
    assert status == SaveStatus.CONFLICT
    assert (base, text, sent, version) == (BASE, before.text, mine, 2)
    after = row(desk)
    assert (after.text, after.version) == (before.text, before.version)
    assert history(desk)[-1] == ("conflict", mine, None)


def test_two_people_starting_from_the_empty_segment_conflict(desk):
    save(desk, desk.translator, "Mine.", 0)
    status, text, *_ = save(desk, desk.coordinator, "Theirs.", 0)
    assert (status, text) == (SaveStatus.CONFLICT, "Mine.")


def test_keeping_mine_after_a_conflict_is_recorded_as_such(desk):
    save(desk, desk.translator, "Theirs.", 0)
    save(desk, desk.coordinator, "Mine.", 0)
    status, text, version, *_ = save(desk, desk.coordinator, "Mine.", 1, resolves_conflict=True)
    assert (status, text, version) == (SaveStatus.SAVED, "Mine.", 2)
    assert [origin for origin, *_ in history(desk)] == ["typed", "conflict", "kept_after_conflict"]


def test_a_version_the_segment_never_had_is_refused(desk):
    with pytest.raises(ValidationFailed, match="base_version"):
        save(desk, desk.translator, BASE, 5)
    with pytest.raises(ValidationFailed, match="base_version"):
        save(desk, desk.translator, BASE, -1)


def test_a_text_too_long_is_refused_and_nothing_is_written(desk, db):
    before = database_snapshot(db)
    with pytest.raises(ValidationFailed, match="at most"):
        save(desk, desk.translator, "x" * (MAX_SEGMENT_CHARS + 1), 0)
    assert database_snapshot(db) == before


def test_text_is_stored_nfc_with_unix_line_ends_and_no_control_characters(desk):
    decomposed = "Cafe\u0301 au lait\r\nsecond\x00 line\x0b"
    assert save(desk, desk.translator, decomposed, 0)[1] == "Café au lait\nsecond line"


def test_changing_the_text_clears_done_unless_the_save_says_done(desk):
    save(desk, desk.translator, BASE, 0, done=True)
    assert row(desk).is_done
    save(desk, desk.translator, BASE + " More.", 1)
    assert not row(desk).is_done
    save(desk, desk.translator, BASE + " More!", 2, done=True)
    assert row(desk).is_done


def test_marking_done_alone_is_no_text_revision(desk):
    save(desk, desk.translator, BASE, 0)
    status, _text, version, *_ = save(desk, desk.translator, BASE, 1, done=True)
    assert (status, version) == (SaveStatus.SAVED, 2)
    assert row(desk).is_done
    assert history(desk) == [("typed", BASE, 1)]
    # The text as of version 2 is still known, so a save typed on it can merge.
    with desk.session() as session:
        assert editing.text_at(session, row(desk), 2) == BASE


def test_leave_untranslated_is_saved_with_the_row(desk):
    save(desk, desk.translator, "", 0, leave_untranslated=True)
    assert row(desk).leave_untranslated


def test_the_reviewer_edits_in_review_as_reviewer(desk):
    for index in range(len(desk.segment_ids)):
        save(desk, desk.translator, f"English {index}.", 0, index=index)
    desk.submit()
    desk.take_review()
    save(desk, desk.reviewer, "English one, reviewed.", 1)
    assert history(desk)[-1] == ("reviewer", "English one, reviewed.", 2)


def test_a_coordinator_stepping_in_types_as_anyone(desk):
    save(desk, desk.coordinator, BASE, 0)
    assert history(desk) == [("typed", BASE, 1)]


@pytest.mark.parametrize(
    ("who", "error", "message"),
    [
        ("other", PermissionDenied, "Only its translator"),
        ("reviewer", Conflict, "with its translator"),
    ],
)
def test_people_who_may_not_edit_a_draft_change_nothing(desk, db, who, error, message):
    before = database_snapshot(db)
    with pytest.raises(error, match=message):
        save(desk, getattr(desk, who), BASE, 0)
    assert database_snapshot(db) == before


def test_the_translator_cannot_edit_while_in_review(desk, db):
    for index in range(len(desk.segment_ids)):
        save(desk, desk.translator, f"English {index}.", 0, index=index)
    desk.submit()
    before = database_snapshot(db)
    with pytest.raises(Conflict, match="in review"):
        save(desk, desk.translator, "Changed my mind.", 1)
    with pytest.raises(Conflict, match="Take it for review"):
        save(desk, desk.reviewer, "Reviewer, not yet taken.", 1)
    assert database_snapshot(db) == before


def test_nobody_edits_an_approved_translation(desk, db):
    for index in range(len(desk.segment_ids)):
        save(desk, desk.translator, f"English {index}.", 0, index=index)
    desk.submit()
    desk.take_review()
    desk.approve()
    for person in (desk.translator, desk.reviewer, desk.coordinator):
        with pytest.raises(Conflict, match="final"):
            save(desk, person, "Late change.", 1)


def test_an_unknown_segment_is_not_found(desk):
    with desk.session() as session, pytest.raises(NotFound):
        editing.save_segment(
            session,
            desk.person(session, desk.translator),
            desk.translation(session),
            999_999,
            text="x",
            base_version=0,
        )


def test_a_page_opened_before_a_correction_still_saves_into_its_segment(desk):
    save(desk, desk.translator, "Yen text.", 0, index=1)
    with desk.session() as session:
        translation = desk.translation(session)
        correct_article(
            session,
            desk.person(session, desk.coordinator),
            translation.article,
            ArticleInput(
                title="円安を嘆く前に",
                body="円相場が一ドル百五十円を超えて久しい。\n\nだが、通貨の弱さは結果である。\n\n"
                "問われるべきは三十年の停滞だ。",
                source_language="ja",
            ),
            note="Shorter second paragraph.",
        )
    old_segment = desk.segment_ids[2]
    status, text, *_ = save(desk, desk.translator, "But a weak currency is a result.", 0, index=2)
    assert (status, text) == (SaveStatus.SAVED, "But a weak currency is a result.")
    with desk.session() as session:
        moved = editing.find_row(session, desk.translation(session), old_segment)
        assert moved.segment_id != old_segment
        assert moved.text == "But a weak currency is a result."


def test_the_text_as_of_each_version_is_known(desk):
    save(desk, desk.translator, "one", 0)
    save(desk, desk.translator, "two", 1)
    save(desk, desk.translator, "three", 2)
    with desk.session() as session:
        current = row(desk)
        assert [editing.text_at(session, current, v) for v in range(4)] == [
            "",
            "one",
            "two",
            "three",
        ]


def test_restoring_an_old_revision_makes_a_new_one(desk):
    save(desk, desk.translator, "first", 0)
    save(desk, desk.translator, "second", 1)
    first = history(desk)
    with desk.session() as session:
        old = session.scalars(select(SegmentRevision).where(SegmentRevision.text == "first")).one()
        outcome = revisions.restore_revision(
            session,
            desk.person(session, desk.translator),
            desk.translation(session),
            old.id,
            base_version=2,
        )
        assert outcome.status == SaveStatus.SAVED
        assert outcome.revision is not None
        assert outcome.revision.restored_from_id == old.id
    assert history(desk) == [*first, ("restored", "first", 3)]
    assert row(desk).text == "first"


def test_saving_the_whole_form_saves_only_what_changed(desk):
    save(desk, desk.translator, "kept", 0, index=0)
    edits = [
        SegmentEdit(desk.segment_ids[0], 1, "kept", False, False),
        SegmentEdit(desk.segment_ids[1], 0, "new text", True, False),
        SegmentEdit(desk.segment_ids[2], 0, "", False, True),
        SegmentEdit(desk.segment_ids[3], 0, "", False, False),
    ]
    with desk.session() as session:
        outcomes = editing.save_many(
            session, desk.person(session, desk.translator), desk.translation(session), edits
        )
        assert [o.row.segment_id for o in outcomes] == desk.segment_ids[1:3]
    assert row(desk, 1).is_done
    assert row(desk, 2).leave_untranslated
    assert history(desk, 0) == [("typed", "kept", 1)]


def test_done_confirms_a_segment_whose_source_changed(desk):
    save(desk, desk.translator, "Old translation.", 0, index=2)
    with desk.session() as session:
        correct_article(
            session,
            desk.person(session, desk.coordinator),
            desk.translation(session).article,
            ArticleInput(
                title="円安を嘆く前に",
                body="\n\n".join(
                    [
                        "円相場が一ドル百五十円を超えて久しい。",
                        "だが、通貨の弱さは結果だ。",
                        "問われるべきは三十年の停滞だ。",
                    ]
                ),
                source_language="ja",
            ),
            note="",
        )
    with desk.session() as session:
        moved = editing.find_row(session, desk.translation(session), desk.segment_ids[2])
        assert moved.is_source_changed
        editing.save_segment(
            session,
            desk.person(session, desk.translator),
            desk.translation(session),
            moved.segment_id,
            text="Updated translation.",
            base_version=moved.version,
            done=True,
        )
        session.refresh(moved)
        assert not moved.is_source_changed


def test_a_deactivated_translator_can_edit_nothing(desk, db):
    with desk.session() as session:
        desk.person(session, desk.translator).is_active = False
    with pytest.raises(PermissionDenied):
        save(desk, desk.translator, BASE, 0)


def test_the_workflow_decides_as_whom_people_edit(desk):
    with desk.session() as session:
        translation = desk.translation(session)
        roles = {
            name: editing.edit_decision(session, desk.person(session, person), translation).role
            for name, person in (
                ("translator", desk.translator),
                ("reviewer", desk.reviewer),
                ("coordinator", desk.coordinator),
                ("other", desk.other),
            )
        }
    assert {k: v.value if v else None for k, v in roles.items()} == {
        "translator": "translator",
        "reviewer": None,
        "coordinator": "coordinator",
        "other": None,
    }


def test_released_work_cannot_be_edited_until_claimed_again(desk):
    desk.act(desk.translator, Action.RELEASE)
    with pytest.raises(Conflict, match="claim it"):
        save(desk, desk.translator, BASE, 0)


def test_every_origin_reads_in_words():
    assert set(revisions.ORIGIN_WORDS) == set(RevisionOrigin)
