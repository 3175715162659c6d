"""The numbers check over two sets of newspaper sentences written apart from it, each pair once
translated with a real translator's liberties and once with the mistake a hurried translator
makes. Precision and recall stay at or above 95 % on each.

- `number_pairs_unseen.json`: written from the issue's text without reading the check (scale
  words, era and fiscal years, 割 and 成, decimal commas, Arabic-Indic and full-width digits,
  kanji numerals, fractions and dozens).
- `number_pairs_blind.json`: written later by someone who had read neither the check nor the
  other sets (万/億/兆, 个百分点 and ポイント, number words, German ordinals among them).
"""

import json
from pathlib import Path

import pytest

from translate_flow.checks.base import CheckContext
from translate_flow.checks.numbers_check import NumbersCheck

DATA = Path(__file__).parents[1] / "data" / "checks"
SETS = ["number_pairs_unseen.json", "number_pairs_blind.json"]
DIRECTIONS = {
    ("ja", "en"), ("zh", "en"), ("zh-Hant", "en"), ("de", "en"), ("es", "en"),
    ("ru", "en"), ("ar", "en"), ("en", "ja"),
}  # fmt: skip


def _pairs(name: str) -> list[dict]:
    return json.loads((DATA / name).read_text("utf-8"))


def _misclassified(outcomes):
    return [
        f"{pair['id']}: {pair['source']} → {pair['target']} "
        f"({'missed: ' + pair['mistake'] if pair['mistake'] else 'false alarm'}; "
        f"{[finding.message for finding in found]})"
        for pair, found in outcomes
        if bool(found) != bool(pair["mistake"])
    ]


@pytest.mark.parametrize("name", SETS)
def test_the_set_has_two_hundred_pairs_half_of_them_mistakes_in_every_language_pair(name):
    pairs = _pairs(name)
    assert len(pairs) >= 200
    assert len({pair["id"] for pair in pairs}) == len(pairs)
    assert sum(1 for pair in pairs if pair["mistake"]) * 2 == len(pairs)
    assert {(pair["source_language"], pair["target_language"]) for pair in pairs} == DIRECTIONS


@pytest.mark.parametrize("name", SETS)
def test_precision_and_recall_over_the_set_are_at_least_95_percent(name):
    check = NumbersCheck()
    outcomes = [
        (
            pair,
            check.check(
                pair["source"],
                pair["target"],
                CheckContext(pair["source_language"], pair["target_language"]),
            ),
        )
        for pair in _pairs(name)
    ]
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
