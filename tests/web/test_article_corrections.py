"""Correcting a source: a new revision, translations carried across, the change made visible."""

import html
import re
from html.parser import HTMLParser

import pytest
from sqlalchemy import func, select

from tests.conftest import post_form
from tests.web.snapshot import database_snapshot
from tests.web.test_article_intake import error_text, post_article_form, segment_texts
from translate_flow.domain.models import Role, SourceRevision, Translation, TranslationSegment

TITLE = "Los embalses del sur llegan al verano"
FIRST = "Los embalses están al 30 por ciento de su capacidad."
SECOND = "Los regantes piden un plan de emergencia."
THIRD = "El gobierno regional estudia cortes nocturnos."
BODY = f"{FIRST}\n\n{SECOND}\n\n{THIRD}"
# The English text a translator had written, by source text.
ENGLISH = {
    TITLE: "Southern reservoirs enter the summer",
    FIRST: "Reservoirs are at 30 percent of their capacity.",
    SECOND: "Irrigators call for an emergency plan.",
    THIRD: "The regional government is considering night cuts.",
}
# The outlet corrected a figure, dropped the last paragraph and added another.
FIRST_CORRECTED = "Los embalses están al 28 por ciento de su capacidad."
FOURTH = "La consejería publicará los datos cada semana."
# As the coordinator edits it in the form, which shows the stored HTML.
CORRECTED_BODY = f"<p>{FIRST_CORRECTED}</p>\r\n<p>{SECOND}</p>\r\n<p>{FOURTH}</p>"
NOTE = "The outlet fixed the figure and replaced the last paragraph."


def db_of(app):  # type: ignore[no-untyped-def]
    return app.extensions["translate_flow.db"]


class _FormReader(HTMLParser):
    """The values a browser would send for the page's POST form with a file input."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.values: dict[str, str] = {}
        self._textarea: str | None = None
        self._select: str | None = None
        self._in_form = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {name: value or "" for name, value in attrs}
        if tag == "form" and a.get("enctype") == "multipart/form-data":
            self._in_form = True
        if not self._in_form:
            return
        name = a.get("name", "")
        if tag == "input" and name and a.get("type") not in ("file", "submit"):
            if a.get("type") in ("radio", "checkbox") and "checked" not in a:
                return
            self.values[name] = a.get("value", "")
        elif tag == "textarea":
            self._textarea = name
            self.values[name] = ""
        elif tag == "select":
            self._select = name
            self.values.setdefault(name, "")
        elif tag == "option" and self._select and "selected" in a:
            self.values[self._select] = a.get("value", "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._in_form = False
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self.values[self._textarea] += data


def form_values(page: str) -> dict[str, str]:
    """As a browser submits them: the first newline of a text area dropped, lines in CRLF."""
    reader = _FormReader()
    reader.feed(page)
    values = reader.values
    for name in ("body", "standfirst", "notes"):
        text = values[name].removeprefix("\r\n").removeprefix("\n")
        values[name] = text.replace("\r\n", "\n").replace("\n", "\r\n")
    return values


def edit(client, article_id: int, action: str = "save", **changes: object):  # type: ignore[no-untyped-def]
    """Open the correction form, change some fields and press the button."""
    page = client.get(f"/articles/{article_id}/edit").get_data(as_text=True)
    values: dict[str, object] = {**form_values(page), **changes, "action": action}
    values.pop("csrf_token", None)
    return post_article_form(client, f"/articles/{article_id}/edit", values)


def revision_count(app) -> int:  # type: ignore[no-untyped-def]
    with db_of(app).session(write=False) as session:
        return session.scalar(select(func.count()).select_from(SourceRevision)) or 0


def translate(app, article_id: int, texts: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    """Write the English translation's text straight into the database, by source text."""
    with db_of(app).transaction() as session:
        translation = session.scalar(
            select(Translation).where(
                Translation.article_id == article_id, Translation.target_language == "en"
            )
        )
        for row in translation.segments:
            row.text = texts.get(row.segment.text, "")


def english_rows(app, article_id: int) -> list[tuple[str, str, bool, bool]]:  # type: ignore[no-untyped-def]
    """(source text, translation, source changed, set aside) of each English segment."""
    with db_of(app).session(write=False) as session:
        rows = session.scalars(
            select(TranslationSegment)
            .join(Translation)
            .where(Translation.article_id == article_id, Translation.target_language == "en")
            .order_by(TranslationSegment.id)
        )
        return [
            (row.segment.text, row.text, row.is_source_changed, row.is_set_aside) for row in rows
        ]


def section(page: str, marker: str) -> str:
    """The <details> block that carries `marker` in its opening tag."""
    match = re.search(rf"<details[^>]*{marker}[^>]*>(.*?)</details>", page, re.S)
    assert match, f"no section {marker}"
    return match.group(1)


@pytest.fixture
def desk(signed_in, make_article, app):  # type: ignore[no-untyped-def]
    """A coordinator and an article whose English translation has text in every segment."""
    client, coordinator = signed_in(Role.COORDINATOR, name="Carmen Ruiz")
    article = make_article(coordinator, title=TITLE, body=BODY, source_language="es")
    translate(app, article.id, ENGLISH)
    return client, article.id


def test_article_page_shows_what_the_correction_did_to_the_translation(app, desk):
    client, article_id = desk
    response = edit(client, article_id, body=CORRECTED_BODY, note=NOTE)
    assert response.status_code == 302
    page = client.get(response.location).get_data(as_text=True)
    assert (
        "Saved as revision 2: 1 changed, 1 added, 1 removed; "
        "1 translated segment(s) now marked “source changed”." in page
    )

    assert segment_texts(page) == [TITLE, FIRST_CORRECTED, SECOND, FOURTH]
    assert "revision 2" in page

    affected = section(page, 'data-testid="affected-en"')
    assert "1 translated segment(s) into English affected by corrections" in affected
    assert "<del>30</del><ins>28</ins>" in affected.replace(" ", "")
    assert ENGLISH[FIRST] in affected
    assert ENGLISH[SECOND] not in affected  # unchanged, carried across silently

    aside = section(page, 'class="set-aside"')
    assert "1 segment(s) into English set aside: their source was removed" in aside
    assert f"<del>{THIRD}</del>" in aside
    assert ENGLISH[THIRD] in aside

    history = re.search(r'aria-labelledby="history-heading">(.*?)</section>', page, re.S)
    assert history
    rows = re.findall(r"<tr>\s*<td>(\d+).*?</tr>", history.group(1), re.S)
    assert rows == ["2", "1"]
    newest = re.search(r"<tr>\s*<td>2.*?</tr>", history.group(1), re.S).group(0)
    assert "Carmen Ruiz" in newest
    assert html.escape(NOTE, quote=False) in newest
    assert f'href="/articles/{article_id}/revisions?from=1&amp;to=2"' in newest

    assert english_rows(app, article_id) == [
        (TITLE, ENGLISH[TITLE], False, False),
        (FIRST_CORRECTED, ENGLISH[FIRST], True, False),
        (SECOND, ENGLISH[SECOND], False, False),
        (THIRD, ENGLISH[THIRD], False, True),
        (FOURTH, "", False, False),
    ]


def test_compare_page_shows_changed_added_and_removed(desk):
    client, article_id = desk
    edit(client, article_id, body=CORRECTED_BODY, note=NOTE)
    response = client.get(f"/articles/{article_id}/revisions?from=1&to=2")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Changes from revision 1 to 2" in page
    assert '<p data-testid="change-counts">1 changed · 1 added · 1 removed</p>' in page
    statuses = re.findall(r'class="segment kind-\w+ status-(\w+)"', page)
    assert sorted(statuses) == ["added", "changed", "removed", "unchanged", "unchanged"]
    assert f"<ins>{FOURTH}</ins>" in page
    assert f"<del>{THIRD}</del>" in page
    assert html.escape(NOTE, quote=False) in page and "by Carmen Ruiz" in page
    # Without parameters: the newest revision against the one before.
    assert (
        client.get(f"/articles/{article_id}/revisions")
        .get_data(as_text=True)
        .count('data-testid="change-counts">1 changed · 1 added · 1 removed')
    )


def test_second_correction_keeps_the_first_flag_and_counts_revision_three(app, desk):
    client, article_id = desk
    edit(client, article_id, body=CORRECTED_BODY, note=NOTE)
    again = CORRECTED_BODY.replace("28", "27")
    response = edit(client, article_id, body=again, note="Another fix.")
    page = client.get(response.location).get_data(as_text=True)
    # The translation was made from revision 1: it is flagged once, not twice.
    assert "Saved as revision 3: 1 changed, 0 added, 0 removed; 0 translated segment(s)" in page
    affected = section(page, 'data-testid="affected-en"')
    assert "<del>30</del><ins>27</ins>" in affected.replace(" ", "")


def test_editing_only_the_details_makes_no_new_revision(app, desk):
    client, article_id = desk
    response = edit(
        client, article_id, author="Redacción", priority="3", tags="agua", note="Only details."
    )
    assert response.status_code == 302
    page = client.get(response.location).get_data(as_text=True)
    assert "Details saved; the text is unchanged." in page
    assert "Redacción" in page and "priority High" in page and ">agua</a>" in page
    assert revision_count(app) == 1
    assert "affected by corrections" not in page


def test_the_form_sent_back_unchanged_makes_no_new_revision(app, signed_in, make_article):
    # Markup with inline links, headings and lists, sent back through a browser's text area.
    client, coordinator = signed_in(Role.COORDINATOR)
    body = (
        "## Cifras\n\nEl [informe](https://example.org/i) dice *no*.\n\n- Uno\n- Dos\n\n"
        "> Una cita «textual».\n"
    )
    article = make_article(
        coordinator, title=TITLE, body=body, body_format="markdown", source_language="es"
    )
    response = edit(client, article.id)
    assert response.status_code == 302, error_text(response.get_data(as_text=True))
    assert "Details saved; the text is unchanged." in client.get(response.location).get_data(
        as_text=True
    )
    assert revision_count(app) == 1


def test_preview_of_a_correction_saves_nothing(app, desk):
    client, article_id = desk
    before = database_snapshot(db_of(app))
    response = edit(client, article_id, action="preview", body=CORRECTED_BODY, note=NOTE)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert segment_texts(page)[:4] == [TITLE, FIRST_CORRECTED, SECOND, FOURTH]
    assert "Correct the source" in page
    assert database_snapshot(db_of(app)) == before


def test_a_bad_correction_is_explained_and_changes_nothing(app, desk):
    client, article_id = desk
    before = database_snapshot(db_of(app))
    cases = {
        "empty body": ({"body": ""}, "The article body is empty."),
        "unknown language": ({"source_language": "klingonish"}, "is not a language code we know"),
        "no title": ({"title": ""}, "This field is required."),
    }
    outcome = {}
    for case, (changes, message) in cases.items():
        response = edit(client, article_id, **changes)
        said = error_text(response.get_data(as_text=True))
        outcome[case] = (response.status_code, message if message in said else said)
    assert outcome == {case: (400, message) for case, (_changes, message) in cases.items()}
    assert database_snapshot(db_of(app)) == before


def test_a_correction_cannot_take_another_articles_address(app, desk, make_user, make_article):
    client, article_id = desk
    other = make_article(
        make_user(Role.COORDINATOR),
        title="Otra noticia",
        source_language="es",
        source_url="https://www.diariodelsur.example/otra.html",
    )
    before = database_snapshot(db_of(app))
    response = edit(
        client, article_id, source_url="https://www.diariodelsur.example/otra.html?utm_source=x"
    )
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert "This article is already on the desk: “Otra noticia”." in error_text(page)
    assert f'<a href="/articles/{other.id}">Open the article already on the desk</a>' in page
    assert database_snapshot(db_of(app)) == before


def test_archiving_takes_the_article_off_the_desk_and_back(desk):
    client, article_id = desk
    response = post_form(client, f"/articles/{article_id}/archive", {"archived": "1"})
    page = client.get(response.location).get_data(as_text=True)
    assert "Article archived." in page and 'class="badge">archived<' in page
    assert TITLE not in client.get("/articles/").get_data(as_text=True)
    response = post_form(client, f"/articles/{article_id}/archive", {"archived": "0"})
    assert "Article back on the desk." in client.get(response.location).get_data(as_text=True)
    assert TITLE in client.get("/articles/").get_data(as_text=True)
