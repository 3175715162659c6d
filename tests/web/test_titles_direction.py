"""Every title a list shows says its language and direction: an Arabic title is read right to
left in a left-to-right page, a Japanese one gets Japanese fonts; Atom entries say their
language too."""

from html.parser import HTMLParser
from xml.etree import ElementTree as ET

import pytest
from sqlalchemy import select

from tests.conftest import sign_in
from tests.desk import ENGLISH, Desk
from tests.web.test_articles_api import add_outlet
from translate_flow.domain.models import Translation
from translate_flow.intake.articles import ArticleInput, create_article
from translate_flow.notifications import notices

ARABIC = "الاقتصاد بعد عام من الحرب"
JAPANESE = "円安を嘆く前に"  # the desk's article
EXPECTED = {ARABIC: ("ar", "rtl"), JAPANESE: ("ja", "ltr"), ENGLISH[0]: ("en", "ltr")}


class _Titles(HTMLParser):
    """For each known title in the page, the lang and dir of the nearest element saying lang."""

    VOID = {"br", "img", "input", "meta", "link", "hr", "wbr", "source", "col", "area"}

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[dict[str, str | None]] = []
        self.found: list[tuple[str, str | None, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in self.VOID:
            self.stack.append({"tag": tag, **dict(attrs)})

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            if self.stack.pop()["tag"] == tag:
                break

    def handle_data(self, data: str) -> None:
        text = data.strip()
        if text not in EXPECTED or any(
            e["tag"] in {"title", "option", "script"} for e in self.stack
        ):
            return
        holder = next((e for e in reversed(self.stack) if "lang" in e), {})
        self.found.append((text, holder.get("lang"), holder.get("dir")))


def titles_on(page: str) -> list[tuple[str, str | None, str | None]]:
    parser = _Titles()
    parser.feed(page)
    return parser.found


def assert_titles_carry_direction(client, address: str, *expected_titles: str) -> None:  # type: ignore[no-untyped-def]
    response = client.get(address)
    assert response.status_code == 200, address
    found = titles_on(response.get_data(as_text=True))
    assert {text for text, _lang, _dir in found} >= set(expected_titles), (address, found)
    for text, lang, direction in found:
        assert (lang, direction) == EXPECTED[text], (address, text, lang, direction)


@pytest.fixture
def two_scripts(desk: Desk) -> tuple[Desk, int]:
    """The desk's Japanese article, with an outlet, and an Arabic article in the same outlet."""
    outlet_id = add_outlet(desk.app, desk.coordinator, "World Press", country="JP")
    with desk.session() as session:
        desk.translation(session).article.outlet_id = outlet_id
        create_article(
            session,
            desk.person(session, desk.coordinator),
            ArticleInput(
                title=ARABIC,
                body="فقرة أولى.",
                source_language="ar",
                outlet_id=outlet_id,
            ),
            target_languages=["en"],
        )
    return desk, outlet_id


def test_desk_lists_give_each_title_its_language_and_direction(app, two_scripts):
    desk, outlet_id = two_scripts
    coordinator = app.test_client()
    sign_in(coordinator, desk.coordinator.email)
    for address in ("/articles/", "/board/", f"/outlets/{outlet_id}"):
        assert_titles_carry_direction(coordinator, address, ARABIC, JAPANESE)
    assert_titles_carry_direction(coordinator, f"/articles/?q={ARABIC}", ARABIC)
    translator = app.test_client()
    sign_in(translator, desk.translator.email)
    assert_titles_carry_direction(translator, "/desk/", JAPANESE)


def test_notifications_give_each_title_its_language_and_direction(app, two_scripts):
    desk, _outlet_id = two_scripts
    with desk.session() as session:
        for translation in session.scalars(select(Translation)):
            notices.notify(
                session,
                desk.person(session, desk.translator),
                "translation:assigned",
                "An item for you.",
                translation=translation,
                site_url="http://localhost",
            )
    translator = app.test_client()
    sign_in(translator, desk.translator.email)
    assert_titles_carry_direction(translator, "/notifications/", ARABIC, JAPANESE)


def test_public_lists_give_each_title_its_language_and_direction(app, two_scripts):
    desk, outlet_id = two_scripts
    desk.publish()
    reader = app.test_client()
    translator_page = f"/translators/{desk.translator.id}"
    for address in ("/", "/?q=yen", f"/sources/{outlet_id}", translator_page, "/read/missing"):
        response = reader.get(address)
        found = titles_on(response.get_data(as_text=True))
        assert found, address
        for text, lang, direction in found:
            assert (lang, direction) == EXPECTED[text], (address, text, lang, direction)


def test_atom_entries_say_their_language(app, two_scripts):
    desk, _outlet_id = two_scripts
    desk.publish()
    feed = ET.fromstring(app.test_client().get("/feed.atom").data)
    entries = feed.findall("{http://www.w3.org/2005/Atom}entry")
    assert entries
    for entry in entries:
        assert entry.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
