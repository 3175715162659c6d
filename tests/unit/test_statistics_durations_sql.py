"""The durations' medians and 90th percentiles, overall, by week and by pair, come out the same
whoever works them out: PostgreSQL's `percentile_cont` over the stretches (its path), Python over
every stretch read (SQLite's), and the definition applied by hand here to the same rows."""

import random
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import insert, select

from translate_flow.domain.models import Role, Translation
from translate_flow.statistics import figures
from translate_flow.statistics.report import Filters
from translate_flow.statistics.rollup import STRETCHES

START, END = date(2026, 9, 1), date(2026, 10, 12)
PAIRS = [("ja", "en"), ("es", "en"), ("zh", "de")]


def stretches(translation_id: int, count: int) -> list[dict[str, object]]:
    rnd = random.Random(20261207)
    rows = []
    for _ in range(count):
        # A few days either side of the period, which must not count.
        ended_on = START + timedelta(days=rnd.randint(-5, (END - START).days + 5))
        source, target = rnd.choice(PAIRS)
        ended_at = datetime(ended_on.year, ended_on.month, ended_on.day, 12, tzinfo=UTC)
        hours = rnd.choice([rnd.uniform(0, 400), float(rnd.randint(1, 48))])
        rows.append(
            {
                "translation_id": translation_id,
                "kind": rnd.choice(list(figures.LABELS)),
                "started_at": ended_at - timedelta(hours=hours),
                "ended_at": ended_at,
                "ended_on": ended_on,
                "hours": hours,
                "source_language": source,
                "target_language": target,
                "outlet_id": None,
                "translator_id": None,
            }
        )
    return rows


def by_hand(
    rows: list[dict[str, object]], key: str, keep: object
) -> tuple[int, float | None, float | None]:
    hours = sorted(
        float(row["hours"])  # type: ignore[arg-type]
        for row in rows
        if row["kind"] == key and START <= row["ended_on"] <= END and keep(row)  # type: ignore[operator]
    )
    return len(hours), figures.percentile(hours, 0.5), figures.percentile(hours, 0.9)


def test_every_summary_follows_the_definition(session, make_user, make_article) -> None:
    article = make_article(make_user(Role.COORDINATOR))
    translation_id = session.scalars(
        select(Translation.id).where(Translation.article_id == article.id)
    ).first()
    rows = stretches(translation_id, 600)
    session.execute(insert(STRETCHES), rows)

    durations, pairs = figures._durations(session, Filters(START, END))

    for duration in durations:
        expected = by_hand(rows, duration.key, lambda row: True)
        assert (duration.count, duration.median_hours, duration.p90_hours) == pytest.approx(
            expected
        )
        for week, count, median, p90 in duration.trend:
            in_week = by_hand(
                rows, duration.key, lambda row, w=week: figures.monday(row["ended_on"]) == w
            )
            assert (count, median, p90) == pytest.approx(in_week)
    assert [(pair.source_language, pair.target_language) for pair in pairs] == sorted(PAIRS)
    for pair in pairs:
        for duration in pair.durations:
            expected = by_hand(
                rows,
                duration.key,
                lambda row, p=pair: (
                    (row["source_language"], row["target_language"])
                    == (p.source_language, p.target_language)
                ),
            )
            assert (duration.count, duration.median_hours, duration.p90_hours) == pytest.approx(
                expected
            )
