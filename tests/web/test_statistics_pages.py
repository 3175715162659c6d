"""The statistics pages as people use them: the desk's for coordinators, one's own year for
everyone; every plot a safe SVG with its numbers beside it; each CSV and the JSON the same
figures as the page; input that cannot be read refused with the reason."""

import csv
import io
from datetime import date, timedelta

import pytest
from lxml import etree, html

from tests.conftest import sign_in
from tests.desk import build_desk
from translate_flow.domain.models import Role
from translate_flow.domain.workflow import Action
from translate_flow.statistics import capacity_kept

PAGE = "/statistics/"
SVG = "{http://www.w3.org/2000/svg}"
DESK_TABLES = (
    "throughput",
    "turnaround",
    "turnaround-weekly",
    "turnaround-pairs",
    "review-rounds",
    "sent-back",
    "review",
    "reliability",
    "capacity",
    "near-capacity",
    "machine-and-memory",
)


@pytest.fixture(autouse=True)
def _capacity_read_afresh():  # type: ignore[no-untyped-def]
    """Each test's desk is new: no capacity kept from another's."""
    capacity_kept.forget()
    yield
    capacity_kept.forget()


@pytest.fixture
def history(app, make_user, make_article):  # type: ignore[no-untyped-def]
    """One Japanese op-ed through two review rounds to publication, today."""
    desk = build_desk(app, make_user, make_article)
    for index, text in enumerate(["Before lamenting", "The yen.", "A result.", "Thirty years."]):
        desk.write(desk.translator, index, text)
    desk.submit()
    desk.take_review()
    desk.send_back()
    desk.submit()
    desk.approve()
    desk.act(desk.coordinator, Action.PUBLISH)
    return desk


@pytest.fixture
def coordinator(signed_in):  # type: ignore[no-untyped-def]
    client, _user = signed_in(Role.COORDINATOR)
    return client


def _tables(page: str) -> dict[str, list[list[str]]]:
    """Each table of the page by its name: the header row, then the data rows."""
    tree = html.fromstring(page)
    found = {}
    for table in tree.xpath("//table[@data-table]"):
        rows = [
            [cell.text_content().strip() for cell in row.xpath("./th|./td")]
            for row in table.xpath(".//tr")
        ]
        found[table.get("data-table")] = [row for row in rows if row != ["Nothing to show."]]
    return found


def _csv(response) -> list[list[str]]:  # type: ignore[no-untyped-def]
    text = response.get_data().decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


@pytest.mark.parametrize("role", [Role.TRANSLATOR, Role.REVIEWER])
def test_only_coordinators_and_admins_see_the_desk(signed_in, role):
    client, _user = signed_in(role)
    assert client.get(PAGE).status_code == 403
    assert client.get("/statistics/throughput.csv").status_code == 403
    assert client.get("/api/v1/statistics").status_code == 403


def test_the_desk_page_shows_the_period_in_plots_and_tables(history, coordinator):
    response = coordinator.get(PAGE)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    tree = html.fromstring(page)
    assert tree.xpath("string(//*[@data-testid='total-published'])") == "1"
    assert tree.xpath("string(//*[@data-testid='total-submitted'])") == "2"
    assert tree.xpath("string(//*[@data-testid='total-approved'])") == "1"
    figures = tree.xpath("//figure[@data-figure]")
    # Every table has its plot but the lists of measures and of people.
    plain = {"review", "reliability", "near-capacity", "machine-and-memory"}
    assert {figure.get("data-figure") for figure in figures} == set(DESK_TABLES) - plain
    for figure in figures:
        [svg] = figure.xpath(".//*[local-name()='svg']")
        markup = etree.tostring(svg)
        root = etree.fromstring(markup)
        assert root.get("role") == "img"
        assert root.find(f"{SVG}title") is not None and root.find(f"{SVG}desc") is not None
        assert not list(root.iter(f"{SVG}script"))
        assert b"style=" not in markup and b"<script" not in markup
    assert set(_tables(page)) == set(DESK_TABLES)


def test_each_csv_holds_the_numbers_of_its_table_on_the_page(history, coordinator):
    page = _tables(coordinator.get(PAGE).get_data(as_text=True))
    for name in DESK_TABLES:
        response = coordinator.get(f"/statistics/{name}.csv")
        assert response.status_code == 200, name
        assert response.mimetype == "text/csv"
        assert "attachment" in response.headers["Content-Disposition"]
        assert _csv(response) == page[name], name


def test_the_json_has_the_contracts_keys_and_the_pages_totals(history, coordinator):
    response = coordinator.get("/api/v1/statistics")
    assert response.status_code == 200
    data = response.get_json()
    for key in ("published", "submitted", "approved", "turnaround", "from", "to"):
        assert key in data
    assert (data["published"], data["submitted"], data["approved"]) == (1, 2, 1)
    for stretch in ("claim_to_submit", "submit_to_decision", "intake_to_publish"):
        assert set(data["turnaround"][stretch]) >= {"median_hours", "p90_hours"}
    assert data["turnaround"]["intake_to_publish"]["median_hours"] is not None
    assert data["review"]["sent_back_by_reason"]["style"] == 1
    [pair] = data["turnaround_by_pair"]
    assert (pair["source_language"], pair["target_language"]) == ("ja", "en")
    assert pair["intake_to_publish"] == {
        key: data["turnaround"]["intake_to_publish"][key]
        for key in ("count", "median_hours", "p90_hours")
    }
    today = date.today()
    assert data["to"] == today.isoformat()
    assert data["from"] == (today - timedelta(days=90)).isoformat()
    throughput = _tables(coordinator.get(PAGE).get_data(as_text=True))["throughput"]
    assert [str(week["submitted"]) for week in data["weeks"]] == [row[2] for row in throughput[1:]]


def test_a_period_before_anything_happened_counts_nothing(history, coordinator):
    data = coordinator.get("/api/v1/statistics?from=2020-01-01&to=2020-03-31").get_json()
    assert (data["published"], data["submitted"], data["approved"]) == (0, 0, 0)
    assert data["turnaround"]["intake_to_publish"]["median_hours"] is None
    page = coordinator.get(f"{PAGE}?from=2020-01-01&to=2020-03-31")
    assert page.status_code == 200


@pytest.mark.parametrize(
    ("query", "said"),
    [
        ("from=yesterday", "from must be a date"),
        ("from=2026-05-01&to=2026-04-01", "from must not be after to"),
        ("source_language=klingon!", "source_language must be a language code"),
        ("outlet=abc", "outlet must be the id"),
        ("outlet=999999", "There is no outlet 999999"),
        ("translator=999999", "There is no person 999999"),
        ("from=1990-01-01&to=2026-01-01", "at most ten years"),
    ],
)
def test_input_that_cannot_be_read_is_refused_with_the_reason(coordinator, query, said):
    page = coordinator.get(f"{PAGE}?{query}")
    assert page.status_code == 400
    assert said in page.get_data(as_text=True)
    api = coordinator.get(f"/api/v1/statistics?{query}")
    assert api.status_code == 400
    assert said in api.get_json()["error"]["message"]
    assert coordinator.get(f"/statistics/throughput.csv?{query}").status_code == 400


def test_an_unknown_table_is_not_found(coordinator):
    assert coordinator.get("/statistics/nothing.csv").status_code == 404


def test_a_volunteer_sees_their_own_year_and_nobody_elses(history, app):
    translator = app.test_client()
    sign_in(translator, history.translator.email)
    page = translator.get("/statistics/me")
    assert page.status_code == 200
    tree = html.fromstring(page.get_data(as_text=True))
    assert tree.xpath("string(//*[@data-testid='my-articles'])") == "1"
    [link] = tree.xpath("//*[@data-testid='my-pieces']//a")
    assert link.get("href").startswith("/read/")
    assert link.get("lang") == "en"
    months = _csv(translator.get("/statistics/me/my-months.csv"))
    assert months == _tables(page.get_data(as_text=True))["my-months"]
    assert translator.get(f"/statistics/people/{history.reviewer.id}").status_code == 403
    assert translator.get("/statistics/me?year=1999").status_code == 400


def test_a_coordinator_opens_anyones_year(history, app):
    client = app.test_client()
    sign_in(client, history.coordinator.email)
    page = client.get(f"/statistics/people/{history.translator.id}")
    assert page.status_code == 200
    assert "Dorothy Phoenix" in page.get_data(as_text=True)
    assert client.get("/statistics/people/999999").status_code == 404


def test_the_api_takes_an_empty_parameter_for_a_mistake_and_the_page_for_any(coordinator):
    api = coordinator.get("/api/v1/statistics?to=")
    assert api.status_code == 400
    assert "to is empty" in api.get_json()["error"]["message"]
    assert coordinator.get(f"{PAGE}?from=&to=&outlet=&translator=").status_code == 200
