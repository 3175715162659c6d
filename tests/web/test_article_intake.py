"""Bringing an article in as a coordinator does: paste, upload or import, preview, then save."""

import html
import io
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import func, select
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from tests.conftest import csrf_token, post_form
from tests.unit.test_formats import PNG, make_docx
from tests.web.snapshot import database_snapshot
from translate_flow.domain.models import Article, Role

PAGES = Path(__file__).parent.parent / "data" / "pages"
SPANISH_PATH = "/sociedad/2024/07/03/embalses-sequia-verano.html"

# Three paragraphs of plain prose: words are whatever lies between spaces.
PARAGRAPHS = [
    "Los embalses del sur llegan al verano con reservas mínimas.",
    "Los regantes piden un plan de emergencia.",
    "El gobierno regional estudia cortes nocturnos de agua.",
]
TITLE = "Los embalses del sur llegan al verano"
PLAIN_WORDS = sum(len(text.split()) for text in [TITLE, *PARAGRAPHS])


def db_of(app):  # type: ignore[no-untyped-def]
    return app.extensions["translate_flow.db"]


def article_count(app) -> int:  # type: ignore[no-untyped-def]
    with db_of(app).session(write=False) as session:
        return session.scalar(select(func.count()).select_from(Article)) or 0


def article_fields(**fields: object) -> dict[str, object]:
    """What the “New article” form sends, with the fields a test does not care about filled."""
    values: dict[str, object] = {
        "title": TITLE,
        "body": "\n\n".join(PARAGRAPHS),
        "body_format": "text",
        "source_language": "es",
        "priority": "2",
    }
    values.update(fields)
    return values


def preview_counts(page: str) -> tuple[int, int]:
    match = re.search(r'data-testid="preview-counts">(\d+) segments · (\d+) words<', page)
    assert match, "no preview counts on the page"
    return int(match.group(1)), int(match.group(2))


def article_counts(page: str) -> tuple[int, int]:
    match = re.search(
        r'data-testid="counts"><strong>(\d+)</strong> segments · <strong>(\d+)</strong> words',
        page,
    )
    assert match, "no counts on the article page"
    return int(match.group(1)), int(match.group(2))


def segment_html(page: str) -> list[str]:
    """The inner markup of each segment listed on a preview or an article page."""
    return re.findall(r'<span class="segment-text">(.*?)</span>\s*<span class="segment-words', page)


def segment_texts(page: str) -> list[str]:
    return [html.unescape(re.sub(r"<[^>]+>", "", item)) for item in segment_html(page)]


def error_text(page: str) -> str:
    """What the page says went wrong: form errors, field errors or the error page's message."""
    found = re.findall(
        r'<div class="form-errors" role="alert">(.*?)</div>'
        r'|<small id="[\w-]+-error" class="field-error">(.*?)</small>'
        r'|<article class="narrow error-page">(.*?)</article>',
        page,
        re.S,
    )
    return html.unescape(" ".join(re.sub(r"<[^>]+>", " ", "".join(parts)) for parts in found))


def post_article_form(client, url: str, fields: dict[str, object]):  # type: ignore[no-untyped-def]
    """POST as the browser sends this form: multipart, with the CSRF token and any file.

    Encoded here rather than by the test client, which spools a large body to a temporary
    file it never closes (a ResourceWarning, so an error under `filterwarnings = error`).
    """
    values: dict[str, object] = {"csrf_token": csrf_token(client)}
    for name, value in fields.items():
        if isinstance(value, Upload):
            value = FileStorage(io.BytesIO(value.data), filename=value.name)
        values[name] = value
    boundary, body = encode_multipart(values)
    return client.post(url, data=body, content_type=f"multipart/form-data; boundary={boundary}")


def preview(client, **fields: object):  # type: ignore[no-untyped-def]
    return post_article_form(
        client, "/articles/new", {**article_fields(**fields), "action": "preview"}
    )


def save(client, **fields: object):  # type: ignore[no-untyped-def]
    return post_article_form(
        client, "/articles/new", {**article_fields(**fields), "action": "save"}
    )


@dataclass(frozen=True)
class Upload:
    name: str
    data: bytes


def upload(name: str, data: bytes) -> Upload:
    return Upload(name, data)


def open_saved(client, response) -> str:  # type: ignore[no-untyped-def]
    assert response.status_code == 302, error_text(response.get_data(as_text=True))
    page = client.get(response.location)
    assert page.status_code == 200
    return page.get_data(as_text=True)


@pytest.fixture
def coordinator(signed_in):  # type: ignore[no-untyped-def]
    client, _user = signed_in(Role.COORDINATOR)
    return client


# Pasting text


@pytest.mark.parametrize(
    ("body_format", "body"),
    [
        pytest.param("text", "\n\n".join(PARAGRAPHS), id="text"),
        pytest.param("markdown", "\n\n".join(PARAGRAPHS), id="markdown"),
        pytest.param("html", "".join(f"<p>{p}</p>" for p in PARAGRAPHS), id="html"),
    ],
)
def test_preview_shows_the_segments_and_counts_and_saves_nothing_then_save_stores_them(
    app, coordinator, body_format, body
):
    before = database_snapshot(db_of(app))
    response = preview(coordinator, body=body, body_format=body_format)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert preview_counts(page) == (4, PLAIN_WORDS)
    assert segment_texts(page) == [TITLE, *PARAGRAPHS]
    assert "Nothing is saved until you press “Save”" in page
    assert database_snapshot(db_of(app)) == before

    article_page = open_saved(coordinator, save(coordinator, body=body, body_format=body_format))
    # The title is isolated (FSI … PDI) so that a right-to-left one keeps the sentence in order.
    assert f"Saved “\u2068{TITLE}\u2069”: 4 segments, {PLAIN_WORDS} words." in article_page
    assert article_counts(article_page) == (4, PLAIN_WORDS)
    assert segment_texts(article_page) == [TITLE, *PARAGRAPHS]
    assert article_count(app) == 1


def test_plain_text_wrapped_lines_stay_one_paragraph(coordinator):
    body = "Los embalses del sur\nllegan al verano muy bajos.\n\nLos regantes protestan."
    page = open_saved(coordinator, save(coordinator, body=body))
    assert segment_texts(page)[1:] == [
        "Los embalses del sur llegan al verano muy bajos.",
        "Los regantes protestan.",
    ]


def test_markdown_keeps_links_emphasis_headings_and_lists(coordinator):
    body = (
        "El [informe](https://example.org/informe) dice que *no* hay agua.\n\n"
        "## Las cifras\n\n"
        "- Primera cuenca\n- Segunda cuenca\n"
    )
    page = open_saved(coordinator, save(coordinator, body=body, body_format="markdown"))
    segments = segment_html(page)
    assert segments[1] == (
        'El <a href="https://example.org/informe" rel="noopener noreferrer nofollow">informe</a>'
        " dice que <em>no</em> hay agua."
    )
    assert segment_texts(page)[2:] == ["Las cifras", "Primera cuenca", "Segunda cuenca"]
    assert "kind-heading" in page and "kind-list_item" in page


def test_html_keeps_inline_links_and_loses_scripts_and_handlers(coordinator):
    body = (
        '<p onclick="steal()">Lee el <a href="https://example.org/a" onclick="x()">informe</a>'
        " completo.</p><script>alert('pwned')</script>"
        '<p><img src="x.png" onerror="alert(2)">Segundo párrafo.</p>'
        "<style>p { color: red }</style>"
    )
    page = open_saved(coordinator, save(coordinator, body=body, body_format="html"))
    assert segment_html(page)[1:] == [
        'Lee el <a href="https://example.org/a" rel="noopener noreferrer nofollow">informe</a>'
        " completo.",
        "Segundo párrafo.",
    ]
    assert "alert(" not in page and "steal()" not in page and "onerror" not in page
    assert "onclick" not in page and "color: red" not in page


def test_details_are_shown_on_the_article_page(coordinator):
    page = open_saved(
        coordinator,
        save(
            coordinator,
            standfirst="La falta de lluvias deja reservas mínimas.",
            author="María José Ortega",
            source_url="https://www.diariodelsur.example/a.html?utm_source=x",
            published_on="2024-07-03",
            priority="4",
            tags="Sequía, agua, sequía",
            notes="Traducir antes del viernes.",
        ),
    )
    assert "By <span" in page and "María José Ortega" in page
    assert "published 2024-07-03" in page
    assert "priority Urgent" in page
    assert 'href="https://www.diariodelsur.example/a.html"' in page  # without utm_
    assert re.findall(r'class="badge" href="[^"]+">([^<]+)</a>', page) == ["agua", "sequía"]
    assert "Traducir antes del viernes." in page
    assert segment_texts(page)[1] == "La falta de lluvias deja reservas mínimas."


# Uploading a file


UPLOADS = {
    "story.txt": "\n\n".join(PARAGRAPHS).encode(),
    # Rendered as Markdown: the asterisks go, the emphasis stays.
    "story.md": "\n\n".join(PARAGRAPHS).replace("emergencia", "**emergencia**").encode(),
    "story.html": (
        '<html><head><meta charset="windows-1252"></head><body>'
        + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
        + "</body></html>"
    ).encode("cp1252"),
    "story.docx": make_docx("".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in PARAGRAPHS)),
}


def test_each_kind_of_file_becomes_the_segments(coordinator):
    found = {}
    for name, data in UPLOADS.items():
        # The format chosen on the form does not matter: the file's type decides.
        page = open_saved(
            coordinator,
            save(coordinator, body="", upload=upload(name, data), body_format="text"),
        )
        found[name] = (segment_texts(page), article_counts(page))
    assert found == dict.fromkeys(UPLOADS, ([TITLE, *PARAGRAPHS], (4, PLAIN_WORDS)))


def test_uploaded_file_replaces_pasted_text(coordinator):
    page = open_saved(
        coordinator,
        save(coordinator, body="Texto pegado.", upload=upload("story.txt", PARAGRAPHS[0].encode())),
    )
    assert segment_texts(page) == [TITLE, PARAGRAPHS[0]]


def test_previewed_upload_stays_in_the_form_so_save_needs_no_second_upload(app, coordinator):
    data = make_docx("<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>Sevilla</w:t></w:r></w:p>")
    response = preview(coordinator, body="", upload=upload("story.docx", data))
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert segment_html(page)[1] == "<strong>Sevilla</strong>"
    textarea = re.search(r'<textarea[^>]*name="body"[^>]*>(.*?)</textarea>', page, re.S)
    assert textarea and "<p><strong>Sevilla</strong></p>" in html.unescape(textarea.group(1))
    assert re.search(r'<input checked[^>]*value="html"', page)
    assert article_count(app) == 0
    # The browser sends the form back as it is, without the file.
    saved = open_saved(
        coordinator, save(coordinator, body=html.unescape(textarea.group(1)), body_format="html")
    )
    assert segment_html(saved)[1] == "<strong>Sevilla</strong>"


# Refusals: a clear message, a 4xx and no rows


BIG = b"a " * (5 * 1024 * 1024 // 2) + b"a"
EXE = b"MZ\x90\x00\x03\x00\x00\x00"
# What the coordinator sends → what the page must say; every one is a 400.
BAD_INPUT: dict[str, tuple[dict[str, object], str]] = {
    "empty body": ({"body": "   \n\n  "}, "The article body is empty."),
    "body without text": (
        {"body": "<script>x()</script><img src=x>", "body_format": "html"},
        "The article body has no text once scripts, images",
    ),
    "no title": ({"title": ""}, "This field is required."),
    "unknown language": (
        {"source_language": "xx-nonsense"},
        "“xx-nonsense” is not a language code we know",
    ),
    "file over 5 MB": (
        {"body": "", "upload": upload("big.txt", BIG)},
        "“big.txt” is larger than 5 MB, the most the desk accepts.",
    ),
    "PNG renamed .txt": (
        {"body": "", "upload": upload("photo.txt", PNG)},
        "“photo.txt” does not look like a text file. Save it as UTF-8 text",
    ),
    ".exe": (
        {"body": "", "upload": upload("setup.exe", EXE)},
        "“setup.exe” is not a file type the desk can read. Upload one of: .txt, .md",
    ),
    "broken .docx": (
        {"body": "", "upload": upload("story.docx", b"PK\x03\x04 not a zip")},
        "“story.docx” is not a Word document that can be read (.docx).",
    ),
    "ftp source URL": (
        {"source_url": "ftp://example.org/a.txt"},
        "The original URL must be an http:// or https:// address.",
    ),
    "unknown outlet": ({"outlet_id": "999"}, "Not a valid choice."),
    "priority 9": ({"priority": "9"}, "Not a valid choice."),
    "date in words": ({"published_on": "3 July"}, "Not a valid date value."),
}


def test_bad_input_is_explained_and_nothing_is_saved(app, coordinator):
    before = database_snapshot(db_of(app))
    outcome = {}
    for case, (fields, message) in BAD_INPUT.items():
        for action in ("preview", "save"):
            response = post_article_form(
                coordinator, "/articles/new", {**article_fields(**fields), "action": action}
            )
            said = error_text(response.get_data(as_text=True))
            outcome[case, action] = (response.status_code, message if message in said else said)
    assert outcome == {
        (case, action): (400, message)
        for case, (_fields, message) in BAD_INPUT.items()
        for action in ("preview", "save")
    }
    assert database_snapshot(db_of(app)) == before


def test_a_tampered_suggestion_id_is_refused_without_a_500(app, coordinator):
    before = database_snapshot(db_of(app))
    statuses = {
        suggestion_id: save(coordinator, suggestion_id=suggestion_id).status_code
        for suggestion_id in ("abc", "1.5", "99999999999999999999")
    }
    assert statuses == {"abc": 400, "1.5": 400, "99999999999999999999": 400}
    assert database_snapshot(db_of(app)) == before


def test_upload_over_the_request_limit_is_a_413_with_a_message(app, coordinator):
    before = database_snapshot(db_of(app))
    data = b"a" * (app.config["MAX_CONTENT_LENGTH"] + 1)
    response = save(coordinator, body="", upload=upload("huge.txt", data))
    assert response.status_code == 413
    assert "larger than this site accepts" in error_text(response.get_data(as_text=True))
    assert database_snapshot(db_of(app)) == before


def test_malformed_html_that_still_has_text_is_accepted(coordinator):
    body = (
        "<div><p>Primer <b>párrafo <i>sin cerrar</p><p>Segundo</span> párrafo</div></div>"
        "<table><tr><td>Celda"
    )
    page = open_saved(coordinator, save(coordinator, body=body, body_format="html"))
    texts = segment_texts(page)[1:]
    assert texts[0] == "Primer párrafo sin cerrar"
    assert "Segundo párrafo" in texts
    assert "Celda" in texts


def test_same_source_url_again_is_a_409_that_links_to_the_article(app, coordinator):
    first = open_saved(
        coordinator,
        save(coordinator, source_url="https://www.diariodelsur.example/sociedad/embalses.html"),
    )
    existing_id = int(re.search(r'href="/articles/(\d+)/edit"', first).group(1))
    before = database_snapshot(db_of(app))
    for second_url in (
        "https://www.diariodelsur.example/sociedad/embalses.html",
        "http://WWW.diariodelsur.example/sociedad/embalses.html?utm_source=rss&utm_medium=feed",
        "https://www.diariodelsur.example/sociedad/embalses.html#comentarios",
    ):
        response = save(coordinator, title="Otra vez", source_url=second_url)
        assert response.status_code == 409, second_url
        page = response.get_data(as_text=True)
        assert f"This article is already on the desk: “{TITLE}”." in error_text(page)
        assert f'<a href="/articles/{existing_id}">Open the article already on the desk</a>' in page
    assert database_snapshot(db_of(app)) == before


# Importing from an address


def spanish_site(app, local_site) -> str:  # type: ignore[no-untyped-def]
    """Serve the Spanish article (its canonical link is relative) and allow fetching it."""
    app.config["FETCH_ALLOWED_HOSTS"] = [local_site.host]
    return local_site.add(SPANISH_PATH, (PAGES / "es_diariodelsur_embalses.html").read_bytes())


def field_value(page: str, name: str) -> str:
    match = re.search(rf'<input[^>]*name="{name}"[^>]*value="([^"]*)"', page)
    assert match, f"no {name} field with a value"
    return html.unescape(match.group(1))


def textarea_value(page: str, name: str) -> str:
    match = re.search(rf'<textarea[^>]*name="{name}"[^>]*>(.*?)</textarea>', page, re.S)
    assert match, f"no {name} text area"
    return html.unescape(match.group(1)).removeprefix("\r\n")


def imported_form(page: str) -> dict[str, object]:
    """The pre-filled form as the browser would send it back."""
    return {
        "title": field_value(page, "title"),
        "standfirst": textarea_value(page, "standfirst"),
        "body": textarea_value(page, "body"),
        "body_format": "html",
        "source_language": field_value(page, "source_language"),
        "author": field_value(page, "author"),
        "source_url": field_value(page, "source_url"),
        "published_on": field_value(page, "published_on"),
        "priority": "2",
        "suggestion_id": "",
    }


def test_import_fills_the_form_with_a_preview_and_saves_nothing(app, coordinator, local_site):
    url = spanish_site(app, local_site)
    before = database_snapshot(db_of(app))
    response = post_form(coordinator, "/articles/import", {"url": url})
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert field_value(page, "title").startswith("Los embalses del sur llegan al verano por debajo")
    assert field_value(page, "author") == "María José Ortega"
    assert field_value(page, "published_on") == "2024-07-03"
    assert field_value(page, "source_language") == "es"
    assert field_value(page, "source_url") == url
    assert "Un olivo de cuarenta años no se recupera" in textarea_value(page, "body")
    assert textarea_value(page, "standfirst").startswith("La falta de lluvias en primavera")
    assert f'Found at <a href="{url}"' in page
    segments, _words = preview_counts(page)
    assert segments > 8
    assert database_snapshot(db_of(app)) == before


def test_imported_form_saved_becomes_the_article(app, coordinator, local_site):
    url = spanish_site(app, local_site)
    page = post_form(coordinator, "/articles/import", {"url": url}).get_data(as_text=True)
    previewed = preview_counts(page)
    response = post_article_form(
        coordinator, "/articles/new", {**imported_form(page), "action": "save"}
    )
    article_page = open_saved(coordinator, response)
    assert article_counts(article_page) == previewed
    assert "Los embalses de las cuencas del sur han empezado julio" in article_page
    assert "Tu privacidad es importante" not in article_page  # the cookie banner
    assert (
        f'<a href="{url}" rel="noopener noreferrer nofollow">Original article</a>' in article_page
    )


def test_importing_an_address_already_on_the_desk_is_a_409_with_a_link(
    app, coordinator, local_site
):
    url = spanish_site(app, local_site)
    page = post_form(coordinator, "/articles/import", {"url": url}).get_data(as_text=True)
    saved = post_article_form(
        coordinator, "/articles/new", {**imported_form(page), "action": "save"}
    )
    article_id = int(saved.location.rsplit("/", 1)[1])
    fetched = len(local_site.requests)
    before = database_snapshot(db_of(app))

    for again in (url, url + "?utm_source=newsletter&utm_medium=email", "HTTP" + url[4:]):
        response = post_form(coordinator, "/articles/import", {"url": again})
        assert response.status_code == 409, again
        page = response.get_data(as_text=True)
        assert "This article is already on the desk" in error_text(page)
        assert f'<a href="/articles/{article_id}">Open the article already on the desk</a>' in page
    assert len(local_site.requests) == fetched  # known before anything was fetched
    assert database_snapshot(db_of(app)) == before


def test_page_whose_canonical_address_is_on_the_desk_is_a_409(app, coordinator, local_site):
    app.config["FETCH_ALLOWED_HOSTS"] = [local_site.host]
    url = local_site.add("/amp/op0042", (PAGES / "ja_toyojiho_oped.html").read_bytes())
    save(
        coordinator,
        source_language="ja",
        source_url="https://www.toyojiho.example/opinion/20240312-op0042/",
    )
    before = database_snapshot(db_of(app))
    response = post_form(coordinator, "/articles/import", {"url": url})
    assert response.status_code == 409
    assert "This article is already on the desk" in error_text(response.get_data(as_text=True))
    assert database_snapshot(db_of(app)) == before


def test_imports_that_cannot_work_are_explained_and_save_nothing(
    app, coordinator, local_site, recording_listener
):
    app.config["FETCH_ALLOWED_HOSTS"] = [local_site.host]  # that port only
    front = local_site.add(
        "/sociedad/", (PAGES / "es_diariodelsur_portada_sociedad.html").read_bytes()
    )
    login = local_site.add(
        "/anmelden/", (PAGES / "de_rheinische_umschau_anmelden.html").read_bytes()
    )
    photo = local_site.add("/photo.png", PNG, content_type="image/png")
    no_article = "We found no article text on that page"
    cases = {  # address → (status, what the page says)
        local_site.url("/gone.html"): (422, "The site answered 404 Not Found."),
        front: (422, no_article),  # a section front: links, no article
        login: (422, no_article),
        photo: (422, "That address returned image/png rather than a web page."),
        recording_listener.url("127.0.0.1", "/admin"): (
            422,
            "That address points inside our own network, so it cannot be imported.",
        ),
        "file:///etc/passwd": (422, "Give an http:// or https:// address."),
        "ftp://example.org/article.html": (422, "Give an http:// or https:// address."),
        "javascript:alert(1)": (422, "Give an http:// or https:// address."),
        "www.example.org/article": (422, "Give an http:// or https:// address."),
        "  ": (400, "This field is required."),
    }
    before = database_snapshot(db_of(app))
    outcome = {}
    for url, (_status, message) in cases.items():
        response = post_form(coordinator, "/articles/import", {"url": url})
        said = error_text(response.get_data(as_text=True))
        outcome[url] = (response.status_code, message if message in said else said)
    assert outcome == cases
    assert recording_listener.connections == []
    assert database_snapshot(db_of(app)) == before


# Who may bring articles in


@pytest.mark.parametrize("role", [Role.TRANSLATOR, Role.REVIEWER])
def test_translators_and_reviewers_read_articles_but_cannot_bring_them_in_or_correct_them(
    app, signed_in, make_user, make_article, role
):
    coordinator = make_user(Role.COORDINATOR)
    article = make_article(coordinator, title="Los embalses", source_language="es")
    client, _user = signed_in(role, pairs=["es:en"])
    listing = client.get("/articles/")
    assert listing.status_code == 200
    assert "Los embalses" in listing.get_data(as_text=True)
    page = client.get(f"/articles/{article.id}").get_data(as_text=True)
    assert "Los embalses" in page and "Correct the source" not in page
    assert "New article" not in listing.get_data(as_text=True)
    assert client.get(f"/articles/{article.id}/revisions?from=1&to=1").status_code == 200

    before = database_snapshot(db_of(app))
    for url in ("/articles/new", "/articles/import", f"/articles/{article.id}/edit"):
        assert client.get(url).status_code == 403
    refused = [
        save(client),
        post_form(client, "/articles/import", {"url": "https://example.org/a"}),
        post_article_form(
            client,
            f"/articles/{article.id}/edit",
            {**article_fields(title="Cambiado"), "action": "save"},
        ),
        post_form(client, f"/articles/{article.id}/archive", {"archived": "1"}),
    ]
    for response in refused:
        assert response.status_code == 403
        assert "Only coordinators bring articles in" in error_text(response.get_data(as_text=True))
    assert database_snapshot(db_of(app)) == before
