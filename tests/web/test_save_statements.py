"""An autosave sends a fixed, small number of SQL statements (issue 26: autosave p95 under
30 ms at 8 clients), and cutting them changed nothing a save does.

The save counted is the common one: a translator's browser saving a draft segment typed on
its current version, the source Japanese with a number, so that the numbers check finds
something and the save reads the dismissals too. What the statements are, on SQLite:

    BEGIN IMMEDIATE
    the person, by the session's key      ┐
    their roles                           ├ Flask-Login's loader (`people.signin`)
    their language pairs                  ┘
    the translation with its article      (`editing.saving.translation_to_edit`)
    the row with its source segment       (`editing.saving.find_row`)
    UPDATE … WHERE version = base RETURNING what it wrote
    INSERT the revision
    the pair's newest memory unit         (the desk's length figure, `checks.desk_ratio`)
    the pair's newest term change ×2      (`checks.segment_findings`, `terms.finding`)
    UPSERT the row's kept findings
    the siblings' sources and texts       (for the consistency check, as plain values)
    the row's dismissals

PostgreSQL sends the same, but for BEGIN (its driver opens the transaction unasked).
"""

from datetime import timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select, update

from tests.conftest import csrf_token, sign_in
from tests.desk import Desk
from tests.query_count import counting_queries
from translate_flow.domain.models import SegmentRevision, Translation, utcnow
from translate_flow.editing.saving import ACTIVITY_RESOLUTION

# Raise only with a reason written here: each statement is a round trip under the write lock.
MOST_STATEMENTS = {"sqlite": 12, "postgresql": 11}


def backend(app: Flask) -> str:
    return "sqlite" if app.extensions["translate_flow.db"].is_sqlite else "postgresql"


def url(desk: Desk) -> str:
    return f"/api/v1/translations/{desk.translation_id}/segments/{desk.segment_ids[1]}"


@pytest.fixture
def browser(app: Flask, desk: Desk) -> tuple[FlaskClient, str]:
    """Dorothy's browser, signed in, with the CSRF token her editor page sends."""
    client = app.test_client()
    sign_in(client, desk.translator.email)
    return client, csrf_token(client)


def save(browser: tuple[FlaskClient, str], desk: Desk, text: str, base: int):  # type: ignore[no-untyped-def]
    client, token = browser
    return client.put(
        url(desk), json={"text": text, "base_version": base}, headers={"X-CSRFToken": token}
    )


def test_an_autosave_sends_a_fixed_number_of_statements(app, desk, browser):
    # The first save of a process reads the desk's length figure and the termbase once.
    assert save(browser, desk, "The yen has long been above 150.", 0).status_code == 200
    with counting_queries(app) as statements:
        response = save(browser, desk, "The yen has long been weak.", 1)
    assert response.status_code == 200
    body = response.get_json()
    assert (body["text"], body["version"]) == ("The yen has long been weak.", 2)
    # The source's 150 is missing: the numbers check found it, so the dismissals were read.
    assert "numbers" in {finding["check"] for finding in body["findings"]}
    listed = "\n".join(statement.split("\n")[0][:100] for statement in statements)
    assert len(statements) <= MOST_STATEMENTS[backend(app)], listed


def statements_of_second_save(app, browser, desk, text: str) -> list[str]:  # type: ignore[no-untyped-def]
    """The statements of a save after a first one, which finds nothing to report."""
    save(browser, desk, "The yen has long been above 150.", 0)
    with counting_queries(app) as statements:
        response = save(browser, desk, text, 1)
    assert response.status_code == 200
    assert response.get_json()["findings"] == []
    return statements


def test_a_save_with_nothing_to_find_reads_no_dismissals(app, desk, browser):
    text = "The yen has long been above 150 to the dollar."
    statements = statements_of_second_save(app, browser, desk, text)
    assert not [s for s in statements if "check_dismissals" in s]
    assert len(statements) <= MOST_STATEMENTS[backend(app)] - 1


def test_a_save_that_empties_a_segment_reads_nothing_for_the_checks(app, desk, browser):
    statements = statements_of_second_save(app, browser, desk, "")
    checks_tables = ("memory_units", "term_changes", "check_results", "check_dismissals")
    assert not [s for s in statements if any(table in s for table in checks_tables)]


def test_a_save_marks_the_translation_active_when_it_was_last_marked_long_ago(app, desk, browser):
    long_ago = utcnow() - ACTIVITY_RESOLUTION - timedelta(minutes=1)
    with desk.session() as session:
        session.execute(
            update(Translation)
            .where(Translation.id == desk.translation_id)
            .values(updated_at=long_ago)
        )
    assert save(browser, desk, "The yen has long been above 150.", 0).status_code == 200
    with desk.session() as session:
        marked = desk.translation(session).updated_at
    assert marked > long_ago + ACTIVITY_RESOLUTION
    # Marked lately: the next save leaves the mark as it is, without a statement for it.
    with counting_queries(app) as statements:
        assert save(browser, desk, "The yen has long been weak.", 1).status_code == 200
    assert not [s for s in statements if s.startswith("UPDATE translations")]
    with desk.session() as session:
        assert desk.translation(session).updated_at == marked


def test_a_row_read_with_the_save_is_written_back_as_stored(app, desk, browser):
    """The row comes back with the UPDATE: the answer and the next save agree with the
    database, and a save typed on the old version is merged, not written over."""
    first = save(browser, desk, "The yen has long been above 150 to the dollar.", 0)
    assert first.get_json()["version"] == 1
    second = save(browser, desk, "The yen has long been above 150 to the US dollar.", 1)
    assert second.get_json()["version"] == 2
    stale = save(browser, desk, "Indeed, the yen has long been above 150 to the dollar.", 1)
    assert stale.status_code == 200
    assert stale.get_json()["merged"] is True
    assert stale.get_json()["text"] == ("Indeed, the yen has long been above 150 to the US dollar.")
    with desk.session() as session:
        texts = session.scalars(
            select(SegmentRevision.text)
            .where(SegmentRevision.translation_id == desk.translation_id)
            .order_by(SegmentRevision.id)
        ).all()
    assert texts[-2:] == [
        "Indeed, the yen has long been above 150 to the dollar.",
        "Indeed, the yen has long been above 150 to the US dollar.",
    ]
