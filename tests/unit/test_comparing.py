"""Diffs between versions of a translation, and what the reviewer changed in each round."""

import pytest
from sqlalchemy import select

from tests.desk import Desk
from translate_flow.core.errors import NotFound, ValidationFailed
from translate_flow.domain.models import SegmentRevision, Snapshot
from translate_flow.editing import comparing
from translate_flow.editing.comparing import Ref, RevisionDiff, TextDiff
from translate_flow.text.diffing import Op

ENGLISH = [
    "Before lamenting the weak yen",
    "The yen has long been above 150 to the dollar.",
    "But a weak currency is a result, not a cause.",
    "The real question is thirty years of stagnation.",
]


def translate_and_submit(desk: Desk) -> None:
    for index, text in enumerate(ENGLISH):
        desk.write(desk.translator, index, text)
    desk.submit()


def snapshots(desk: Desk) -> list[tuple[int, str]]:
    with desk.session() as session:
        return [
            (s.id, s.action)
            for s in session.scalars(
                select(Snapshot)
                .where(Snapshot.translation_id == desk.translation_id)
                .order_by(Snapshot.id)
            )
        ]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("snapshot:12", Ref("snapshot", 12)),
        ("revision:3", Ref("revision", 3)),
        ("current", Ref("current")),
        (" current ", Ref("current")),
    ],
)
def test_versions_are_named_by_kind_and_id(value, expected):
    assert Ref.parse(value, "from") == expected


@pytest.mark.parametrize("value", ["", "snapshot", "snapshot:", "snapshot:x", "draft:1", "12"])
def test_a_malformed_version_name_is_refused_with_the_forms_it_takes(value):
    with pytest.raises(ValidationFailed, match="snapshot:<id>, revision:<id> or current"):
        Ref.parse(value, "from")


def test_a_snapshot_against_now_shows_each_segment_and_what_changed(desk):
    translate_and_submit(desk)
    desk.take_review()
    desk.write(desk.reviewer, 1, "The yen has stayed above 150 to the dollar for long.")
    [(submitted, _)] = snapshots(desk)
    with desk.session() as session:
        diff = comparing.compare(
            session, desk.translation(session), Ref("snapshot", submitted), Ref("current")
        )
    assert isinstance(diff, TextDiff)
    assert len(diff.segments) == 4
    [changed] = diff.changed
    assert changed.before == ENGLISH[1]
    assert changed.after.startswith("The yen has stayed")
    assert {c.op for c in changed.changes} == {Op.EQUAL, Op.DELETE, Op.INSERT}
    assert 0 < diff.share < changed.share < 1


def test_two_revisions_of_a_segment_are_diffed_word_by_word(desk):
    desk.write(desk.translator, 1, "The yen is weak.")
    desk.write(desk.translator, 1, "The yen is very weak.")
    with desk.session() as session:
        first, second = session.scalars(select(SegmentRevision.id).order_by(SegmentRevision.id))
        diff = comparing.compare(
            session, desk.translation(session), Ref("revision", first), Ref("revision", second)
        )
    assert isinstance(diff, RevisionDiff)
    assert [(c.op, c.text) for c in diff.changes if c.op is not Op.EQUAL] == [(Op.INSERT, "very ")]


def test_a_revision_is_not_compared_with_a_snapshot(desk):
    translate_and_submit(desk)
    with desk.session() as session:
        revision = session.scalars(select(SegmentRevision.id)).first()
        with pytest.raises(ValidationFailed, match="two revisions"):
            comparing.compare(
                session, desk.translation(session), Ref("revision", revision), Ref("current")
            )


def test_revisions_of_two_segments_are_not_compared(desk):
    desk.write(desk.translator, 1, "one")
    desk.write(desk.translator, 2, "two")
    with desk.session() as session:
        first, second = session.scalars(select(SegmentRevision.id).order_by(SegmentRevision.id))
        with pytest.raises(ValidationFailed, match="same segment"):
            comparing.compare(
                session,
                desk.translation(session),
                Ref("revision", first),
                Ref("revision", second),
            )


def test_unknown_snapshots_and_revisions_are_not_found(desk):
    with desk.session() as session:
        translation = desk.translation(session)
        with pytest.raises(NotFound):
            comparing.compare(session, translation, Ref("snapshot", 999), Ref("current"))
        with pytest.raises(NotFound):
            comparing.compare(session, translation, Ref("revision", 998), Ref("revision", 999))


def test_snapshots_taken_before_rows_were_recorded_pair_by_source_segment():
    old = [{"segment_id": 7, "position": 1, "kind": "paragraph", "source": "s", "text": "a b"}]
    new = [{"segment_id": 7, "position": 1, "kind": "paragraph", "source": "s", "text": "a c"}]
    [segment] = comparing.compare_rows(old, new).segments
    assert (segment.before, segment.after) == ("a b", "a c")


def test_a_segment_only_in_one_version_shows_as_added_or_removed():
    row = {"position": 1, "kind": "paragraph", "source": "s"}
    diff = comparing.compare_rows(
        [{**row, "row_id": 1, "segment_id": 1, "text": "gone"}],
        [{**row, "row_id": 2, "segment_id": 2, "text": "new"}],
    )
    assert [(s.before, s.after) for s in diff.segments] == [(None, "new"), ("gone", None)]


def test_each_round_of_review_compares_the_submitted_text_with_the_decision(desk):
    translate_and_submit(desk)
    desk.take_review()
    desk.write(desk.reviewer, 0, "Before lamenting the weak yen, ask how we work")
    desk.send_back()
    desk.write(desk.translator, 2, "Yet a weak currency is a result, not a cause.")
    desk.submit()
    desk.take_review()
    with desk.session() as session:
        translation = desk.translation(session)
        first, second = comparing.review_rounds(session, translation)
        assert (first.number, second.number) == (1, 2)
        assert first.decided is not None and first.decided.action == "request_changes"
        assert first.reviewer == "Rafael Reviewer"
        assert second.decided is None  # still in review
        changes = comparing.review_changes(session, translation, first)
        assert [s.after for s in changes.changed] == [
            "Before lamenting the weak yen, ask how we work"
        ]
        # The second round starts from the resubmitted text: nothing changed in it yet.
        assert comparing.review_changes(session, translation, second).changed == []


def test_the_translator_marks_the_reviewers_changes_seen_once(desk):
    translate_and_submit(desk)
    desk.take_review()
    desk.write(desk.reviewer, 3, "What must be asked is thirty years of stagnation.")
    desk.approve()
    with desk.session() as session:
        translation = desk.translation(session)
        translator = desk.person(session, desk.translator)
        [decision] = comparing.unseen_decisions(session, translator, translation)
        snapshot = comparing.get_snapshot(session, translation, decision)
        comparing.mark_seen(session, translator, translation, snapshot)
        comparing.mark_seen(session, translator, translation, snapshot)  # harmless twice
        assert comparing.unseen_decisions(session, translator, translation) == []
        assert comparing.has_seen(session, translator, snapshot)


def test_a_decision_without_changes_is_nothing_to_see(desk):
    translate_and_submit(desk)
    desk.take_review()
    desk.approve()
    with desk.session() as session:
        translation = desk.translation(session)
        assert (
            comparing.unseen_decisions(session, desk.person(session, desk.translator), translation)
            == []
        )


def test_only_review_decisions_are_marked_seen(desk):
    translate_and_submit(desk)
    [(submitted, _)] = snapshots(desk)
    with desk.session() as session:
        translation = desk.translation(session)
        with pytest.raises(NotFound):
            comparing.mark_seen(
                session,
                desk.person(session, desk.translator),
                translation,
                comparing.get_snapshot(session, translation, submitted),
            )
