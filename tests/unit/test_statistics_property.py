"""Random workflow histories (the workflow's own state machine): after every step, the rollup
rows the listener kept as the events were written equal the rows derived afresh from the
history, so a rebuild at any moment changes nothing."""

from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis.stateful import invariant, run_state_machine_as_test
from sqlalchemy import select

from tests.properties.test_workflow_machine import WorkflowMachine, world  # noqa: F401
from translate_flow.domain.models import StatisticsMove, StatisticsStretch, StatisticsTranslation
from translate_flow.statistics import listeners
from translate_flow.statistics.rollup import derive_many


def _kept(session: Any, translation_id: int) -> tuple[list[Any], ...]:
    def rows(model: Any, skip: tuple[str, ...] = ()) -> list[Any]:
        table = model.__table__
        columns = [c for c in table.c if c.name not in skip]
        found = session.execute(select(*columns).where(table.c.translation_id == translation_id))
        return sorted((dict(row._mapping) for row in found), key=repr)

    return (
        rows(StatisticsTranslation),
        rows(StatisticsMove),
        rows(StatisticsStretch, ("id",)),
    )


def _fresh(session: Any, translation_id: int) -> tuple[list[Any], ...]:
    (derived,) = derive_many(session, [translation_id])
    return (
        [derived.translation],
        sorted(derived.moves, key=repr),
        sorted(derived.stretches, key=repr),
    )


class RollupMachine(WorkflowMachine):
    @invariant()
    def rollups_are_what_the_history_says(self) -> None:
        with self.db.session(write=False) as session:
            for translation_id in self.ids:
                assert _kept(session, translation_id) == _fresh(session, translation_id)


def test_kept_rollups_equal_rollups_derived_afresh(world, monkeypatch):  # noqa: F811
    listeners.install()
    monkeypatch.setattr(RollupMachine, "world", world, raising=False)
    run_state_machine_as_test(
        RollupMachine,
        settings=settings(
            max_examples=10,
            stateful_step_count=25,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow],
        ),
    )
