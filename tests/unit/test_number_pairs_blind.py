"""The numbers check over a third set of op-ed sentences, written blind: by someone who had read
neither the check nor the other two sets, so it measures text the check was never tuned on.
Foreign-press notations (万/億/兆, era and fiscal years, 割 and 成, 个百分点 and ポイント,
decimal commas, Arabic-Indic and full-width digits, number words, fractions, German ordinals),
each sentence once translated with a real translator's liberties and once with the mistake a
hurried translator makes. Precision and recall stay at or above 95 %.
"""

import json
from pathlib import Path

from translate_flow.checks.base import CheckContext
from translate_flow.checks.numbers_check import NumbersCheck

PAIRS = json.loads(
    (Path(__file__).parents[1] / "data" / "checks" / "number_pairs_blind.json").read_text("utf-8")
)


def _outcomes():
    check = NumbersCheck()
    return [
        (
            pair,
            check.check(
                pair["source"],
                pair["target"],
                CheckContext(pair["source_language"], pair["target_language"]),
            ),
        )
        for pair in PAIRS
    ]


def _misclassified(outcomes):
    return [
        f"{pair['id']}: {pair['source']} → {pair['target']} "
        f"({'missed: ' + pair['mistake'] if pair['mistake'] else 'false alarm'}; "
        f"{[finding.message for finding in found]})"
        for pair, found in outcomes
        if bool(found) != bool(pair["mistake"])
    ]


def test_the_set_has_two_hundred_pairs_half_of_them_mistakes_in_every_language_pair():
    assert len(PAIRS) >= 200
    assert len({pair["id"] for pair in PAIRS}) == len(PAIRS)
    assert sum(1 for pair in PAIRS if pair["mistake"]) * 2 == len(PAIRS)
    directions = {(pair["source_language"], pair["target_language"]) for pair in PAIRS}
    assert directions == {
        ("ja", "en"), ("zh", "en"), ("zh-Hant", "en"), ("de", "en"), ("es", "en"),
        ("ru", "en"), ("ar", "en"), ("en", "ja"),
    }  # fmt: skip


def test_precision_and_recall_over_the_blind_set_are_at_least_95_percent():
    outcomes = _outcomes()
    flagged = [pair for pair, found in outcomes if found]
    mistakes = [pair for pair, _ in outcomes if pair["mistake"]]
    caught = [pair for pair in flagged if pair["mistake"]]
    precision = len(caught) / len(flagged) if flagged else 1.0
    recall = len(caught) / len(mistakes)
    report = (
        f"precision {precision:.1%} ({len(caught)}/{len(flagged)}), "
        f"recall {recall:.1%} ({len(caught)}/{len(mistakes)})\n"
        + "\n".join(_misclassified(outcomes))
    )
    assert precision >= 0.95 and recall >= 0.95, report
