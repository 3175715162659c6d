"""Findings kept at save time and read with the page: the same findings as checking afresh,
found again only for the rows whose key changed, and the consistency check read over the
whole article every time.

A test-only check ("counting") records the targets it is run on, so that a test can tell a
row checked again from a row whose kept findings were used; it finds nothing.
"""

from collections.abc import Iterator
from typing import Any, ClassVar

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select, update

from tests.conftest import post_form
from tests.desk import ENGLISH, Desk, build_desk
from tests.web.test_articles_api import token_client
from tests.web.test_checks_in_editor import save
from tests.web.test_editor_pages import form_fields, page, signed_in_as
from translate_flow.checks.base import CHECKS, Check, CheckContext, Finding, Severity, run_checks
from translate_flow.checks.desk_ratio import desk_ratio
from translate_flow.checks.segment_findings import translation_findings
from translate_flow.domain.models import Segment
from translate_flow.domain.models.checks import CheckResult
from translate_flow.markup.source_tags import tag_source
from translate_flow.terms.finding import terms_in
from translate_flow.terms.operations import TermInput, create_term
from translate_flow.workflow.transitions import active_segments


class Counting(Check):
    name: ClassVar[str] = "counting"
    description: ClassVar[str] = "Test only: records what it checks."
    seen: ClassVar[list[str]] = []

    def check(self, source: str, target: str, context: CheckContext) -> list[Finding]:
        Counting.seen.append(target)
        return []


@pytest.fixture(autouse=True)
def counting() -> Iterator[list[str]]:
    from translate_flow.checks.base import _load_checks

    _load_checks()
    CHECKS[Counting.name] = Counting()
    Counting.seen = []
    yield Counting.seen
    del CHECKS[Counting.name]


@pytest.fixture
def dorothy(app: Flask, desk: Desk) -> FlaskClient:
    return token_client(app, desk.translator)


def read(desk: Desk) -> dict[int, list[dict[str, Any]]]:
    """The findings as the editor page reads them, by segment id."""
    with desk.session() as session:
        translation = desk.translation(session)
        found = translation_findings(session, translation)
        return {sid: [f.as_json() for f in items] for sid, items in found.items()}


def afresh(desk: Desk) -> dict[int, list[dict[str, Any]]]:
    """Every check on every row, each row's siblings the others, as before findings were kept."""
    with desk.session() as session:
        translation = desk.translation(session)
        pairs = active_segments(session, translation)
        source_language = translation.source_language
        target_language = translation.target_language
        sources = [tag_source(segment.html).text for _, segment in pairs]
        everything = [(source, row.text) for source, (row, _) in zip(sources, pairs, strict=True)]
        ratio = desk_ratio(session, source_language, target_language)
        found: dict[int, list[dict[str, Any]]] = {}
        for index, (row, segment) in enumerate(pairs):
            found[segment.id] = []
            if not row.text.strip() or row.leave_untranslated:
                continue
            context = CheckContext(
                source_language,
                target_language,
                terms=terms_in(session, source_language, target_language, segment.text),
                plain_source=segment.text,
                siblings=everything[:index] + everything[index + 1 :],
                length_ratio=ratio,
            )
            found[segment.id] = [
                f.as_json() | {"dismissed": None}
                for f in run_checks(sources[index], row.text, context)
            ]
        return found


def kept(desk: Desk) -> int:
    with desk.session() as session:
        return session.scalar(select(func.count()).select_from(CheckResult)) or 0


def add_term(desk: Desk, source: str, target: str) -> None:
    with desk.session() as session:
        create_term(
            session, desk.person(session, desk.coordinator), TermInput("ja", "en", source, [target])
        )


# --- A number-heavy article ------------------------------------------------------------------

NUMBERS = [
    (
        "防衛費は2024年度に8兆9000億円となり、前年比16.5％増えた。",
        "Defence spending reached 8.9 trillion yen in fiscal 2024, up 16.5% on the year.",
    ),
    (
        "令和4年には3千人が参加し、第2条に基づき三十五万人に配る。",
        "In 2021, 3,000 people took part, and under Article 2 it goes to 350,000 people.",
    ),
    ("日銀は政策金利を0.25％に引き上げた。", "The Bank of Japan raised its policy rate to 0.25%."),
    (
        "防衛費は2024年度に8兆9000億円となり、前年比16.5％増えた。",
        "Defence costs hit 8.9 trillion yen in fiscal 2024, 16.5% more than a year earlier.",
    ),
    ("１２３人が１兆5500億円の賠償を求めた。", "123 people sought 155 billion yen in damages."),
]


@pytest.fixture
def numbers_desk(app: Flask, make_user, make_article) -> Desk:  # type: ignore[no-untyped-def]
    return build_desk(app, make_user, make_article, body="\n\n".join(s for s, _ in NUMBERS))


def test_kept_findings_are_the_findings_found_afresh(app, numbers_desk, counting):
    desk = numbers_desk
    add_term(desk, "日銀", "Bank of Japan")
    add_term(desk, "防衛費", "defence spending")
    client = token_client(app, desk.translator)
    for index, (_, text) in enumerate(NUMBERS, start=1):
        save(client, desk, text, index)
    expected = afresh(desk)
    # A wrong figure, a term not used and the same sentence translated two ways among them.
    checks = {f["check"] for items in expected.values() for f in items}
    assert {"numbers", "glossary", "consistency"} <= checks
    counting.clear()
    assert read(desk) == expected
    assert counting == []  # nothing checked again: every row's kept findings held
    assert kept(desk) == len(NUMBERS)


# --- What is kept, and when it is found again ------------------------------------------------


def test_a_save_keeps_the_rows_findings_and_reading_uses_them(dorothy, desk, counting):
    save(dorothy, desk, ENGLISH[1], 1)
    assert kept(desk) == 1
    counting.clear()
    read(desk)
    assert counting == []


def test_reading_checks_rows_never_saved_since_and_keeps_nothing(app, desk, counting):
    for index in (1, 2):
        desk.write(desk.translator, index, ENGLISH[index])  # the service, as an import would
    counting.clear()
    page(signed_in_as(app, desk.translator), desk)
    assert sorted(counting) == sorted(ENGLISH[1:3])
    assert kept(desk) == 0


def test_a_corrected_source_is_checked_again(dorothy, desk, counting):
    for index in (1, 2):
        save(dorothy, desk, ENGLISH[index], index)
    with desk.session() as session:
        session.execute(
            update(Segment)
            .where(Segment.id == desk.segment_ids[2])
            .values(text="だが、円の弱さは原因ではない。", html="だが、円の弱さは原因ではない。")
        )
    counting.clear()
    read(desk)
    assert counting == [ENGLISH[2]]


def test_a_term_change_rechecks_only_the_segments_it_concerns(dorothy, desk, counting):
    for index in (1, 2, 3):
        save(dorothy, desk, ENGLISH[index], index)
    before = read(desk)
    add_term(desk, "円相場", "exchange rate")  # in the first paragraph only
    counting.clear()
    after = read(desk)
    assert counting == [ENGLISH[1]]
    first = desk.segment_ids[1]
    assert "glossary" not in {f["check"] for f in before[first]}
    assert "glossary" in {f["check"] for f in after[first]}
    assert {k: v for k, v in after.items() if k != first} == {
        k: v for k, v in before.items() if k != first
    }
    # The next save of that row keeps the new termbase version: no matcher, no checks.
    save(dorothy, desk, ENGLISH[1], 1)
    counting.clear()
    assert read(desk) == after
    assert counting == []


def test_a_check_registered_since_the_save_finds_its_findings(dorothy, desk):
    save(dorothy, desk, ENGLISH[1], 1)

    class Yen(Check):
        name: ClassVar[str] = "yen"
        severity: ClassVar[Severity] = Severity.WARNING

        def check(self, source: str, target: str, context: CheckContext) -> list[Finding]:
            return [self.finding("Yen.")] if "yen" in target else []

    CHECKS[Yen.name] = Yen()
    try:
        assert [f["check"] for f in read(desk)[desk.segment_ids[1]]] == ["yen"]
    finally:
        del CHECKS[Yen.name]


def test_consistency_is_read_over_the_article_not_kept(app, make_user, make_article):
    same = "円相場が一ドル百五十円を超えて久しい。"
    desk = build_desk(app, make_user, make_article, body=f"{same}\n\n{same}")
    client = token_client(app, desk.translator)
    save(client, desk, "The yen has long been above 150 to the dollar.", 1)
    # The second row, saved after the first, differs: the first's kept findings predate it.
    save(client, desk, "For long the dollar has bought more than 150 yen.", 2)
    found = read(desk)
    for index in (1, 2):
        assert "consistency" in {f["check"] for f in found[desk.segment_ids[index]]}


def test_the_form_without_javascript_keeps_the_saved_rows_findings(app, desk, counting):
    client = signed_in_as(app, desk.translator)
    fields = form_fields(page(client, desk))
    fields |= {f"segments-{i}-text": text for i, text in enumerate(ENGLISH)}
    response = post_form(client, f"/translations/{desk.translation_id}/edit", fields)
    assert response.status_code == 302
    assert kept(desk) == len(ENGLISH)
    counting.clear()
    page(client, desk)
    assert counting == []


# --- Dismissals are read as before -----------------------------------------------------------


def test_a_dismissal_of_a_kept_finding_holds_until_the_text_changes(dorothy, desk):
    text = "The yen has long been above 160 to the dollar."  # 百五十 is 150
    save(dorothy, desk, text, 1)
    url = (
        f"/api/v1/translations/{desk.translation_id}/segments/{desk.segment_ids[1]}"
        "/findings/numbers/dismissals"
    )
    assert dorothy.post(url, json={"reason": "The paper's figure."}).status_code == 201
    [numbers] = [f for f in read(desk)[desk.segment_ids[1]] if f["check"] == "numbers"]
    assert numbers["dismissed"]["reason"] == "The paper's figure."
    save(dorothy, desk, text.replace("dollar", "US dollar"), 1)
    [numbers] = [f for f in read(desk)[desk.segment_ids[1]] if f["check"] == "numbers"]
    assert numbers["dismissed"] is None


def test_checks_keep_does_for_imported_rows_what_a_save_would(app, desk, counting):
    for index in (1, 2):
        desk.write(desk.translator, index, ENGLISH[index])  # the service, as an import would
    expected = afresh(desk)

    result = app.test_cli_runner().invoke(args=["checks", "keep"])

    assert result.exit_code == 0, result.output
    assert "Kept the findings of 1 translation." in result.output
    assert kept(desk) == 2  # the two rows with text; empty rows have nothing to check
    counting.clear()
    page(signed_in_as(app, desk.translator), desk)
    assert counting == []  # the editor read what was kept
    assert read(desk) == expected


def test_checks_keep_of_one_translation_leaves_the_others_alone(app, desk, counting):
    desk.write(desk.translator, 1, ENGLISH[1])
    result = app.test_cli_runner().invoke(args=["checks", "keep", "--translation", "999999"])
    assert result.exit_code == 0, result.output
    assert kept(desk) == 0
    result = app.test_cli_runner().invoke(
        args=["checks", "keep", "--translation", str(desk.translation_id)]
    )
    assert result.exit_code == 0, result.output
    assert kept(desk) == 1
