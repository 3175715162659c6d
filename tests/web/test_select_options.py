"""Every select on the desk offers options a person can read and pick: a label and a value each.

The board's and the article list's outlet and person filters once rendered only empty options
after their choices changed shape; these tests read the rendered options as a browser does.
"""

from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest
from flask import Flask

from tests.conftest import sign_in
from tests.desk import PARAGRAPHS, Desk
from tests.factories import UserFactory
from translate_flow.domain.models import Role
from translate_flow.intake.articles import ArticleInput, correct_article
from translate_flow.intake.outlets import OutletInput, create_outlet


@dataclass
class Option:
    value: str | None
    text: str = ""
    selected: bool = False


@dataclass
class Select:
    name: str
    options: list[Option] = field(default_factory=list)

    def labels(self) -> dict[str, str]:
        return {option.value or "": option.text for option in self.options}

    def chosen(self) -> list[str]:
        return [option.value or "" for option in self.options if option.selected]


class _Selects(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.selects: list[Select] = []
        self._select: Select | None = None
        self._option: Option | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "select":
            self._select = Select(values.get("name") or "")
            self.selects.append(self._select)
        elif tag == "option" and self._select is not None:
            self._option = Option(values.get("value"), selected="selected" in values)
            self._select.options.append(self._option)

    def handle_endtag(self, tag: str) -> None:
        if tag == "option":
            self._option = None
        elif tag == "select":
            self._select = self._option = None

    def handle_data(self, data: str) -> None:
        if self._option is not None:
            self._option.text = " ".join((self._option.text + data).split())


def selects_of(page: str) -> dict[str, Select]:
    parser = _Selects()
    parser.feed(page)
    return {select.name: select for select in parser.selects}


def _add_outlets(app: Flask, desk: Desk) -> dict[str, int]:
    with desk.session() as session:
        coordinator = desk.person(session, desk.coordinator)
        return {
            name: create_outlet(session, coordinator, OutletInput(name, language, country)).id
            for name, language, country in (
                ("Asahi Shimbun", "ja", "JP"),
                ("El País", "es", "ES"),
            )
        }


@pytest.fixture
def coordinator_client(app: Flask, desk: Desk):  # type: ignore[no-untyped-def]
    client = app.test_client()
    assert sign_in(client, desk.coordinator.email).status_code == 302
    return client


def test_board_filters_offer_each_outlet_person_and_pair_by_name(
    app: Flask, desk: Desk, coordinator_client
) -> None:
    outlets = _add_outlets(app, desk)
    selects = selects_of(coordinator_client.get("/board/").get_data(as_text=True))

    assert selects["outlet"].labels() == {
        "": "Any outlet",
        str(outlets["Asahi Shimbun"]): "Asahi Shimbun",
        str(outlets["El País"]): "El País",
    }
    people = selects["person"].labels()
    assert people[str(desk.translator.id)] == "Dorothy Phoenix"
    assert people[str(desk.reviewer.id)] == "Rafael Reviewer"
    assert selects["pair"].labels() == {"": "Any pair", "ja:en": "ja→en"}


def test_board_keeps_the_chosen_filters_selected(
    app: Flask, desk: Desk, coordinator_client
) -> None:
    outlets = _add_outlets(app, desk)
    asahi = str(outlets["Asahi Shimbun"])
    page = coordinator_client.get(
        f"/board/?outlet={asahi}&person={desk.translator.id}&pair=ja:en"
    ).get_data(as_text=True)
    selects = selects_of(page)
    assert selects["outlet"].chosen() == [asahi]
    assert selects["person"].chosen() == [str(desk.translator.id)]
    assert selects["pair"].chosen() == ["ja:en"]


def test_article_list_offers_each_outlet_by_name_and_keeps_the_choice(
    app: Flask, desk: Desk, coordinator_client
) -> None:
    outlets = _add_outlets(app, desk)
    spain = str(outlets["El País"])
    selects = selects_of(
        coordinator_client.get(f"/articles/?outlet={spain}").get_data(as_text=True)
    )
    assert selects["outlet"].labels() == {
        "": "Any outlet",
        str(outlets["Asahi Shimbun"]): "Asahi Shimbun",
        spain: "El País",
    }
    assert selects["outlet"].chosen() == [spain]


def test_article_list_keeps_the_chosen_state_and_priority(desk: Desk, coordinator_client) -> None:
    """The list writes these selects itself (`select_html`), not through WTForms' widget."""
    page = coordinator_client.get("/articles/?status=archived&priority=3").get_data(as_text=True)
    selects = selects_of(page)
    assert selects["status"].labels() == {
        "active": "On the desk",
        "archived": "Archived",
        "any": "Any",
    }
    assert selects["status"].chosen() == ["archived"]
    assert selects["priority"].labels() == {
        "": "Any",
        "4": "Urgent",
        "3": "High",
        "2": "Normal",
        "1": "Low",
    }
    assert selects["priority"].chosen() == ["3"]
    default = selects_of(coordinator_client.get("/articles/").get_data(as_text=True))
    assert default["status"].chosen() == ["active"]
    assert default["priority"].chosen() == [""]


def _desk_pages(desk: Desk, outlet_id: int) -> list[str]:
    """Every desk page that shows a form, with ids filled in from the desk."""
    with desk.session() as session:
        article_id = desk.translation(session).article_id
    translation = desk.translation_id
    return [
        "/desk/",
        "/board/",
        "/articles/",
        "/articles/new",
        "/articles/import",
        f"/articles/{article_id}",
        f"/articles/{article_id}/edit",
        f"/articles/{article_id}/revisions",
        f"/articles/{article_id}/revisions?from=1&to=2",
        "/outlets/",
        "/outlets/new",
        f"/outlets/{outlet_id}",
        f"/outlets/{outlet_id}/edit",
        "/feeds/",
        "/people/",
        "/people/invite",
        f"/people/{desk.translator.id}",
        "/account/",
        "/account/tokens",
        "/notifications/",
        "/moderation/",
        "/admin/outbox",
        f"/translations/{translation}",
        f"/translations/{translation}/assign",
        f"/translations/{translation}/edit",
        f"/translations/{translation}/compare",
        f"/translations/{translation}/review-changes",
    ]


def test_every_select_on_the_desk_has_a_readable_label_and_a_distinct_value(
    app: Flask, desk: Desk, make_user: UserFactory
) -> None:
    outlets = _add_outlets(app, desk)
    admin = make_user(Role.ADMIN, Role.COORDINATOR)
    client = app.test_client()
    assert sign_in(client, admin.email).status_code == 302
    # A submitted and reviewed translation shows the most forms: history to compare, decisions.
    for index, text in enumerate(["Title", "One.", "Two.", "Three."]):
        desk.write(desk.translator, index, text)
    desk.submit()
    desk.take_review()
    desk.send_back()
    # A corrected article offers its revisions to compare.
    with desk.session() as session:
        correct_article(
            session,
            desk.person(session, desk.coordinator),
            desk.translation(session).article,
            ArticleInput(
                title="円安を嘆く前に",
                body="\n\n".join([*PARAGRAPHS[:2], "問われるべきは四十年の停滞だ。"]),
                source_language="ja",
            ),
            note="Thirty years became forty.",
        )
    seen = 0
    for url in _desk_pages(desk, outlets["Asahi Shimbun"]):
        response = client.get(url)
        assert response.status_code == 200, url
        for name, select in selects_of(response.get_data(as_text=True)).items():
            seen += 1
            values = [option.value for option in select.options]
            assert None not in values, f"{url} {name}: an option without a value"
            assert len(values) == len(set(values)), f"{url} {name}: values repeat: {values}"
            for option in select.options:
                assert option.text, f"{url} {name}: option {option.value!r} has no label"
    assert seen >= 8
