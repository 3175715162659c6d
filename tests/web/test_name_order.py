"""Lists and choices of people and outlets come out in the Unicode Collation Algorithm's order
on the pages, on both databases: "Ärzte" with A, "Łódź" after "Lodz", "Ёлка" with "Е"."""

import html

from translate_flow.domain.models import Role
from translate_flow.intake.outlets import OutletInput, create_outlet

NAMES = [
    "Zoë Weber",
    "Ärzte Zeitung",
    "Łódź Daily",
    "Ёлка",
    "Arzt",
    "Lyon",
    "Елена",
    "岸田",
    "あさひ",
]
EXPECTED = [
    "Arzt",
    "Ärzte Zeitung",
    "Łódź Daily",
    "Lyon",
    "Zoë Weber",
    "Елена",
    "Ёлка",
    "あさひ",
    "岸田",
]


def _order_on(page: str, names: list[str]) -> list[str]:
    """The names in the order the page first shows them."""
    return sorted(names, key=page.index)


def test_people_page_lists_names_in_collation_order(signed_in, make_user):
    client, _me = signed_in(Role.COORDINATOR, Role.ADMIN, name="Coordinator")
    for name in NAMES:
        make_user(Role.TRANSLATOR, name=name)
    page = html.unescape(client.get("/people/").get_data(as_text=True))
    assert _order_on(page, NAMES) == EXPECTED


def test_board_person_choices_in_collation_order(signed_in, make_user):
    client, _me = signed_in(Role.COORDINATOR, name="Coordinator")
    for name in NAMES:
        make_user(Role.TRANSLATOR, name=name)
    page = html.unescape(client.get("/board/").get_data(as_text=True))
    assert _order_on(page, NAMES) == EXPECTED


def test_outlets_page_and_choices_in_collation_order(app, signed_in):
    client, me = signed_in(Role.COORDINATOR, name="Coordinator")
    with app.extensions["translate_flow.db"].transaction() as session:
        for name in NAMES:
            create_outlet(session, session.merge(me), OutletInput(name, "de", "DE"))
    for address in ("/outlets/", "/board/"):
        page = html.unescape(client.get(address).get_data(as_text=True))
        assert _order_on(page, NAMES) == EXPECTED, address
