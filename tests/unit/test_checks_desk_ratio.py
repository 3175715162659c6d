"""The length check's ratio learnt from the desk's approved work: the estimate, the CJK rule,
the minimum of units, the per-process cache, and a desk that writes longer than the table."""

import random
from collections.abc import Iterator

import pytest
from flask import Flask
from sqlalchemy.orm import Session

from tests.desk import Desk
from tests.query_count import counting_queries
from translate_flow.checks.base import CheckContext
from translate_flow.checks.desk_ratio import (
    MIN_UNITS,
    desk_ratio,
    estimate,
    forget_cached_ratios,
    unit_ratio,
)
from translate_flow.checks.length_ratio import FALLBACK, LengthRatioCheck, scaled_and_kept
from translate_flow.checks.segment_findings import translation_findings
from translate_flow.domain.models import MemoryCollection
from translate_flow.domain.models.memory import MemoryUnit
from translate_flow.memory.index import text_hash
from translate_flow.text.analysis import match_key

SOURCE = "政府は来年度予算案で防衛費を大幅に増やす方針を固めた。"  # 26 dense characters and 。
DENSE = 26
WORDS = [
    "the",
    "government",
    "has",
    "decided",
    "to",
    "sharply",
    "increase",
    "defence",
    "spending",
    "in",
    "next",
    "year",
    "budget",
]


@pytest.fixture(autouse=True)
def fresh_cache() -> Iterator[None]:
    forget_cached_ratios()
    yield
    forget_cached_ratios()


def english(length: int) -> str:
    """Words up to `length` characters exactly."""
    text = ""
    words = iter(WORDS * 20)
    while len(text) < length:
        text += ("" if not text else " ") + next(words)
    return text[:length].rstrip() + "x" * (length - len(text[:length].rstrip()))


def add_units(
    session: Session,
    ratios: list[float],
    *,
    source: str = SOURCE,
    pair: tuple[str, str] = ("ja", "en"),
    collection: MemoryCollection | None = None,
) -> None:
    scaled, kept = scaled_and_kept(source, pair[0])
    for ratio in ratios:
        target = english(round(scaled * ratio + kept))
        session.add(
            MemoryUnit(
                source_language=pair[0],
                target_language=pair[1],
                source=source,
                target=target,
                source_key=match_key(source),
                target_key=match_key(target),
                source_hash=text_hash(match_key(source)),
                collection=collection,
            )
        )
    session.flush()


def spread_around(centre: float, count: int, seed: int = 20) -> list[float]:
    rnd = random.Random(seed)
    return [centre * rnd.uniform(0.92, 1.08) for _ in range(count)]


# --- The estimate ----------------------------------------------------------------------------


def test_the_estimate_is_the_median_and_the_scaled_median_deviation() -> None:
    ratios = [1.0 + 0.01 * i for i in range(-20, 21)]  # 41 values, 0.8 … 1.2
    middle, spread = estimate(ratios)  # type: ignore[misc]
    assert middle == 1.0
    assert spread == pytest.approx(0.15, abs=0.01)  # MAD 0.1 × 1.4826


def test_a_few_wild_units_do_not_move_the_estimate() -> None:
    ratios = [2.7] * 60 + [0.1, 40.0, 55.0]
    assert estimate(ratios) == (2.7, 0.0)


def test_under_the_minimum_there_is_no_estimate() -> None:
    assert estimate([2.7] * (MIN_UNITS - 1)) is None
    assert estimate([2.7] * MIN_UNITS) == (2.7, 0.0)


def test_a_units_ratio_scales_only_the_dense_characters_of_a_cjk_source() -> None:
    source = "岸田首相は2024年にhttps://example.jp/aで述べた。"
    # Dense: 岸田首相は 年に で述べた → 11; the rest (digits, the address, 。) is kept as is.
    kept = len(source) - 11
    assert unit_ratio(source, "x" * (11 * 3 + kept), "ja", 2.7) == pytest.approx(3.0)
    spanish = "Hola a todos los presentes aquí hoy, y gracias por venir."
    assert unit_ratio(spanish, "x" * 50, "es", 0.88) == pytest.approx(50 / len(spanish))


def test_units_too_short_for_the_check_to_judge_are_not_learnt_from() -> None:
    assert unit_ratio("東京都", "Tokyo Metropolis", "ja", 2.7) is None
    assert unit_ratio("Hola.", "Hello.", "es", 0.88) is None


# --- From the database -----------------------------------------------------------------------


def test_the_pair_learns_from_its_desk_units_only(session: Session) -> None:
    add_units(session, spread_around(5.0, 40))
    # Units imported from a file, and another pair's units, say nothing about this desk.
    collection = MemoryCollection(name="Imported", source_language="ja", target_language="en")
    add_units(session, [1.0] * 200, collection=collection)
    add_units(session, [1.0] * 40, pair=("ja", "fr"))
    middle, spread = desk_ratio(session, "ja", "en")  # type: ignore[misc]
    assert middle == pytest.approx(5.0, rel=0.03)
    assert 0 < spread < 0.5


def test_a_pair_with_too_little_approved_work_keeps_the_table(session: Session) -> None:
    add_units(session, spread_around(5.0, MIN_UNITS - 1))
    assert desk_ratio(session, "ja", "en") is None
    add_units(session, spread_around(5.0, 1, seed=3))
    assert desk_ratio(session, "ja", "en") is not None


def test_the_figure_is_kept_until_the_pair_has_a_new_unit(app: Flask, session: Session) -> None:
    add_units(session, spread_around(5.0, 40))
    first = desk_ratio(session, "ja", "en")
    with counting_queries(app) as queries:
        assert desk_ratio(session, "ja", "en") == first
    assert len(queries) == 1  # the pair's newest unit, nothing more
    add_units(session, [9.0] * 60)
    assert desk_ratio(session, "ja", "en") == (9.0, 0.0)


# --- What it changes for the length check ----------------------------------------------------


def test_a_desk_that_writes_longer_than_the_table_is_not_warned_for_its_usual_length(
    session: Session,
) -> None:
    usual = 5.0
    table_mean, _ = FALLBACK[("ja", "en")]
    assert usual / table_mean > 1.75  # beyond what the table allows
    target = english(round(DENSE * usual + 1))
    check = LengthRatioCheck()
    assert check.check(SOURCE, target, CheckContext("ja", "en")) != []
    add_units(session, spread_around(usual, 60))
    learnt = desk_ratio(session, "ja", "en")
    assert check.check(SOURCE, target, CheckContext("ja", "en", length_ratio=learnt)) == []
    # A translation half the desk's usual length is still flagged.
    short = english(round(DENSE * usual / 2))
    assert check.check(SOURCE, short, CheckContext("ja", "en", length_ratio=learnt)) != []


def test_the_editor_uses_the_desks_ratio(desk: Desk) -> None:
    paragraph = "円相場が一ドル百五十円を超えて久しい。"  # the desk's first paragraph: 18 dense
    long_text = english(18 * 5 + 1)

    def length_findings() -> list[str]:
        with desk.session() as session:
            found = translation_findings(session, desk.translation(session))
        return [
            f.finding.message for f in found[desk.segment_ids[1]] if f.finding.check == "length"
        ]

    desk.write(desk.translator, 1, long_text)
    assert length_findings() != []
    with desk.session() as session:
        add_units(session, spread_around(5.0, 60), source=paragraph * 2)
    assert length_findings() == []
