"""The workflow feeds the memory: approved text goes in, a republished correction updates it in
place, and a translation taken down stays in it, marked."""

from sqlalchemy import select

from tests.unit.workflow_cast import FULL_REQUEST, S, bring_to, english_translations
from translate_flow.domain.models import MemoryUnit, Segment
from translate_flow.domain.workflow import Action
from translate_flow.memory.matching import find_matches
from translate_flow.workflow.transitions import fire


def _units(session, translation) -> list[MemoryUnit]:
    session.expire_all()
    return list(
        session.scalars(
            select(MemoryUnit)
            .where(MemoryUnit.translation_id == translation.id)
            .order_by(MemoryUnit.segment_id)
        )
    )


def test_approval_remembers_every_translated_segment(cast, session):
    translation, _ = english_translations(session)
    bring_to(session, cast, translation, S.IN_REVIEW)
    assert _units(session, translation) == []
    fire(session, cast.person(session, "reviewer"), translation, Action.APPROVE)
    units = _units(session, translation)
    assert [unit.segment_id for unit in units] == [row.segment_id for row in translation.segments]
    assert {unit.reviewer_id for unit in units} == {translation.reviewer_id}
    assert not any(unit.withdrawn for unit in units)
    first = session.get(Segment, units[1].segment_id)
    assert first is not None
    found = find_matches(session, translation.source_language, "en", first.text)
    assert found[0].target == f"English for segment {first.id}."
    assert found[0].score >= 100


def test_republishing_updates_and_taking_down_marks_the_units(cast, session):
    translation, _ = english_translations(session)
    bring_to(session, cast, translation, S.PUBLISHED)
    before = {unit.segment_id: unit.id for unit in _units(session, translation)}
    coordinator = cast.person(session, "coordinator")
    fire(session, coordinator, translation, Action.UNPUBLISH, request=FULL_REQUEST)
    assert all(unit.withdrawn for unit in _units(session, translation))
    # Reopened, corrected, approved and published again: the same units, the new text.
    fire(session, coordinator, translation, Action.REOPEN, request=FULL_REQUEST)
    translation.segments[0].text = "A corrected title."
    session.flush()
    fire(session, cast.person(session, "holder"), translation, Action.SUBMIT)
    fire(session, cast.person(session, "reviewer"), translation, Action.APPROVE)
    fire(session, coordinator, translation, Action.PUBLISH, request=FULL_REQUEST)
    after = _units(session, translation)
    assert {unit.segment_id: unit.id for unit in after} == before
    assert after[0].target == "A corrected title."
    assert not any(unit.withdrawn for unit in after)
