"""Outlets and their feeds: adding and editing outlets, polling, and sorting the feed inbox."""

import html
import re
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests.conftest import post_form
from tests.web.snapshot import database_snapshot
from tests.web.test_article_intake import (
    error_text,
    field_value,
    imported_form,
    post_article_form,
)
from translate_flow.domain.models import Article, FeedSuggestion, Outlet, Role, SuggestionStatus

DATA = Path(__file__).parent.parent / "data"
SITE = "https://www.diariodelsur.example"
FEED_PATH = "/rss/sociedad.xml"
EMBALSES = "/sociedad/2024/07/03/embalses-sequia-verano.html"
OLA_CALOR = "/sociedad/2024/07/02/ola-calor-aviso-naranja.html"  # a relative link in the feed
SELECTIVIDAD = "/sociedad/2024/07/02/selectividad-notas.html?ref=portada"
PLAYAS = "/sociedad/2024/07/01/playas-bandera-azul.html"
# Newest first; the last entry has no date, so it counts from when it was found.
FEED_ORDER = [PLAYAS, EMBALSES, OLA_CALOR, SELECTIVIDAD]


def db_of(app):  # type: ignore[no-untyped-def]
    return app.extensions["translate_flow.db"]


def count(app, model) -> int:  # type: ignore[no-untyped-def]
    with db_of(app).session(write=False) as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def outlet_fields(**fields: object) -> dict[str, object]:
    values: dict[str, object] = {
        "name": "El Diario del Sur",
        "language": "es",
        "country": "ES",
        "homepage": f"{SITE}/",
        "feed_url": f"{SITE}{FEED_PATH}",
        "notes": "Regional daily.",
        "is_active": "y",
    }
    values.update(fields)
    return values


def add_outlet(client, **fields: object) -> int:  # type: ignore[no-untyped-def]
    response = post_form(client, "/outlets/new", outlet_fields(**fields))
    assert response.status_code == 302, error_text(response.get_data(as_text=True))
    return int(response.location.rsplit("/", 1)[1])


def serve_feed(local_site) -> str:  # type: ignore[no-untyped-def]
    """The outlet's RSS feed as its own site serves it, links pointing to that site."""
    feed = (DATA / "feeds" / "diariodelsur_sociedad.rss.xml").read_bytes()
    return local_site.add(
        FEED_PATH,
        feed.replace(SITE.encode(), local_site.base_url.encode()),
        content_type="application/rss+xml",
    )


def poll(client) -> str:  # type: ignore[no-untyped-def]
    response = post_form(client, "/feeds/poll")
    assert response.status_code == 302
    return client.get(response.location).get_data(as_text=True)


def inbox_entries(page: str) -> list[tuple[str, int]]:
    """(address, suggestion id) of each entry, as the “Import and preview” buttons send them."""
    found = re.findall(
        r'name="url" value="([^"]+)">\s*<input type="hidden" name="suggestion_id" value="(\d+)">',
        page,
    )
    return [(html.unescape(url), int(number)) for url, number in found]


@pytest.fixture
def coordinator(signed_in):  # type: ignore[no-untyped-def]
    client, _user = signed_in(Role.COORDINATOR)
    return client


@pytest.fixture
def feed_outlet(app, coordinator, local_site):  # type: ignore[no-untyped-def]
    """An outlet whose feed is on the local site, which may be fetched from."""
    app.config["FETCH_ALLOWED_HOSTS"] = [local_site.host]
    outlet_id = add_outlet(coordinator, feed_url=serve_feed(local_site))
    return coordinator, outlet_id


# Outlets


def test_coordinator_adds_an_outlet_and_sees_it_listed(coordinator):
    response = post_form(coordinator, "/outlets/new", outlet_fields())
    assert response.status_code == 302
    page = coordinator.get(response.location).get_data(as_text=True)
    assert "Added El Diario del Sur." in page
    assert "<dt>Country</dt><dd>Spain</dd>" in page
    assert "Spanish" in page and f"{SITE}{FEED_PATH}" in page
    listing = coordinator.get("/outlets/").get_data(as_text=True)
    assert "El Diario del Sur</a>" in listing and "not checked yet" in listing


def test_coordinator_edits_an_outlet(app, coordinator):
    outlet_id = add_outlet(coordinator)
    form = coordinator.get(f"/outlets/{outlet_id}/edit").get_data(as_text=True)
    assert 'value="El Diario del Sur"' in form
    response = post_form(
        coordinator,
        f"/outlets/{outlet_id}/edit",
        outlet_fields(name="Diario del Sur (Sevilla)", country="es", is_active=""),
    )
    assert response.status_code == 302
    page = coordinator.get(response.location).get_data(as_text=True)
    assert "Saved Diario del Sur (Sevilla)." in page
    assert "inactive</span>" in coordinator.get("/outlets/").get_data(as_text=True)
    with db_of(app).session(write=False) as session:
        outlet = session.get(Outlet, outlet_id)
        assert (outlet.name, outlet.country, outlet.is_active) == (
            "Diario del Sur (Sevilla)",
            "ES",
            False,
        )


# What the coordinator types → what the page must say; each is refused with a 400.
BAD_OUTLETS: dict[str, tuple[dict[str, object], str]] = {
    "empty name": ({"name": "  "}, "This field is required."),
    "unknown language": (
        {"language": "xx-nonsense"},
        "“xx-nonsense” is not a language code we know",
    ),
    "unknown country": ({"country": "XY"}, "“XY” is not a country code we know (e.g. JP, DE)."),
    # CLDR names these territories, but they are no country: “Unknown Region”, a pseudo-locale.
    "ZZ": ({"country": "ZZ"}, "“ZZ” is not a country code we know"),
    "XA": ({"country": "xa"}, "“xa” is not a country code we know"),
    "three-letter country": ({"country": "ESP"}, "Field cannot be longer than 2 characters."),
    "ftp feed": (
        {"feed_url": "ftp://www.diariodelsur.example/rss.xml"},
        "The feed address must be an http:// or https:// address.",
    ),
    "feed without scheme": (
        {"feed_url": "www.diariodelsur.example/rss.xml"},
        "The feed address must be an http:// or https:// address.",
    ),
    "javascript homepage": (
        {"homepage": "javascript:alert(1)"},
        "The homepage must be an http:// or https:// address.",
    ),
    "same name, other case and spacing": (
        {"name": "  el diario   DEL SUR "},
        "There is already an outlet called “El Diario del Sur”.",
    ),
}


def test_bad_outlet_is_explained_and_nothing_is_saved(app, coordinator):
    add_outlet(coordinator)
    other = add_outlet(coordinator, name="Tōyō Jihō", language="ja", country="JP", feed_url="")
    forms = {"/outlets/new": {}, f"/outlets/{other}/edit": {"name": "Tōyō Jihō"}}
    before = database_snapshot(db_of(app))
    outcome = {}
    for case, (fields, message) in BAD_OUTLETS.items():
        for url, base in forms.items():
            response = post_form(coordinator, url, outlet_fields(**{**base, **fields}))
            said = error_text(response.get_data(as_text=True))
            outcome[case, url] = (response.status_code, message if message in said else said)
    assert outcome == {
        (case, url): (400, message)
        for case, (_fields, message) in BAD_OUTLETS.items()
        for url in forms
    }
    assert database_snapshot(db_of(app)) == before


# Polling feeds


def test_polling_puts_the_feeds_entries_in_the_inbox(app, feed_outlet, local_site):
    client, _outlet_id = feed_outlet
    page = poll(client)
    assert "Feeds checked; new entries are listed below." in page
    assert '<p data-testid="inbox-count">4 new entries</p>' in page
    assert [url for url, _id in inbox_entries(page)] == [local_site.url(p) for p in FEED_ORDER]
    assert "utm_" not in page
    assert "Los embalses del sur llegan al verano por debajo del 30 %" in page
    assert "María José Ortega" in page
    assert "track(" not in page  # the summary's script is gone
    # The same story listed twice in the feed is suggested once; an entry with no link, never.
    assert "Misma noticia" not in page and "Última hora" not in page


def test_polling_again_adds_nothing(app, feed_outlet):
    client, _outlet_id = feed_outlet
    poll(client)
    page = poll(client)
    assert "4 new entries" in page
    assert count(app, FeedSuggestion) == 4


def test_an_entry_already_on_the_desk_is_not_suggested(
    app, feed_outlet, local_site, make_article, make_user
):
    client, _outlet_id = feed_outlet
    make_article(
        make_user(Role.COORDINATOR),
        title="Las playas",
        source_language="es",
        source_url=local_site.url(PLAYAS) + "?utm_source=newsletter",
    )
    page = poll(client)
    assert "3 new entries" in page
    assert local_site.url(PLAYAS) not in [url for url, _id in inbox_entries(page)]


def test_dismissed_entry_leaves_the_inbox_and_does_not_come_back(app, feed_outlet, local_site):
    client, _outlet_id = feed_outlet
    entries = dict(inbox_entries(poll(client)))
    response = post_form(client, f"/feeds/{entries[local_site.url(OLA_CALOR)]}/dismiss")
    assert response.status_code == 302
    page = client.get(response.location).get_data(as_text=True)
    assert "Dismissed “Aviso naranja por calor en la campiña: hasta 44 grados el jueves”." in page
    assert "3 new entries" in page
    assert local_site.url(OLA_CALOR) not in dict(inbox_entries(page))
    assert local_site.url(OLA_CALOR) not in dict(inbox_entries(poll(client)))
    # Dismissing it twice is a conflict, not a crash.
    again = post_form(client, f"/feeds/{entries[local_site.url(OLA_CALOR)]}/dismiss")
    assert again.status_code == 409
    assert "This suggestion was already dismissed." in error_text(again.get_data(as_text=True))


def test_import_from_the_inbox_then_save_accepts_the_suggestion(app, feed_outlet, local_site):
    client, outlet_id = feed_outlet
    local_site.add(EMBALSES, (DATA / "pages" / "es_diariodelsur_embalses.html").read_bytes())
    entries = dict(inbox_entries(poll(client)))
    suggestion_id = entries[local_site.url(EMBALSES)]

    # The inbox's “Import and preview” button.
    response = post_form(
        client,
        "/articles/import",
        {"url": local_site.url(EMBALSES), "suggestion_id": str(suggestion_id)},
    )
    assert response.status_code == 200
    form = response.get_data(as_text=True)
    assert f'name="suggestion_id" type="hidden" value="{suggestion_id}"' in form
    assert re.search(rf'<option selected value="{outlet_id}">El Diario del Sur</option>', form)
    assert "4 new entries" in client.get("/feeds/").get_data(as_text=True)  # nothing saved yet

    fields = {
        **imported_form(form),
        "suggestion_id": str(suggestion_id),
        "outlet_id": str(outlet_id),
    }
    saved = post_article_form(client, "/articles/new", {**fields, "action": "save"})
    assert saved.status_code == 302
    page = client.get("/feeds/").get_data(as_text=True)
    assert "3 new entries" in page
    assert local_site.url(EMBALSES) not in dict(inbox_entries(page))
    with db_of(app).session(write=False) as session:
        suggestion = session.get(FeedSuggestion, suggestion_id)
        article = session.scalar(select(Article))
        assert suggestion.status == SuggestionStatus.ACCEPTED
        assert suggestion.article_id == article.id
        assert article.outlet_id == outlet_id


def test_an_import_closes_every_suggestion_of_the_same_article(app, feed_outlet, local_site):
    # The feed links the story under a second address; the page names its canonical one,
    # which the feed also lists.
    client, _outlet_id = feed_outlet
    local_site.add(OLA_CALOR, (DATA / "pages" / "es_diariodelsur_embalses.html").read_bytes())
    entries = dict(inbox_entries(poll(client)))
    form = post_form(
        client,
        "/articles/import",
        {
            "url": local_site.url(OLA_CALOR),
            "suggestion_id": str(entries[local_site.url(OLA_CALOR)]),
        },
    ).get_data(as_text=True)
    assert field_value(form, "source_url") == local_site.url(EMBALSES)
    fields = {**imported_form(form), "suggestion_id": str(entries[local_site.url(OLA_CALOR)])}
    assert (
        post_article_form(client, "/articles/new", {**fields, "action": "save"}).status_code == 302
    )
    remaining = dict(inbox_entries(client.get("/feeds/").get_data(as_text=True)))
    assert local_site.url(OLA_CALOR) not in remaining
    assert local_site.url(EMBALSES) not in remaining


def test_saving_an_article_at_a_suggested_address_closes_the_suggestion(
    app, feed_outlet, local_site
):
    # Pasted by hand rather than imported from the inbox: the address alone says which it was.
    client, _outlet_id = feed_outlet
    poll(client)
    response = post_article_form(
        client,
        "/articles/new",
        {
            "title": "Selectividad",
            "body": "Las notas ya están publicadas.",
            "body_format": "text",
            "source_language": "es",
            "priority": "2",
            "source_url": local_site.url(SELECTIVIDAD) + "&utm_campaign=x",
            "action": "save",
        },
    )
    assert response.status_code == 302
    page = client.get("/feeds/").get_data(as_text=True)
    assert "3 new entries" in page
    assert local_site.url(SELECTIVIDAD) not in dict(inbox_entries(page))


def test_an_inactive_outlets_feed_is_not_polled(app, coordinator, local_site):
    app.config["FETCH_ALLOWED_HOSTS"] = [local_site.host]
    add_outlet(coordinator, feed_url=serve_feed(local_site), is_active="")
    page = poll(coordinator)
    assert "0 new entries" in page
    assert local_site.requests == []


@pytest.mark.parametrize(
    ("body", "content_type", "status", "message"),
    [
        (b"not here", "text/plain", 404, "The site answered 404 Not Found."),
        (
            (DATA / "feeds" / "rheinische_umschau_not_a_feed.html").read_bytes(),
            "text/html; charset=utf-8",
            200,
            "did not return an RSS or Atom feed",
        ),
    ],
    ids=["404", "html-page"],
)
def test_a_failing_feed_is_reported_on_the_outlet_and_in_the_inbox(
    app, coordinator, local_site, body, content_type, status, message
):
    app.config["FETCH_ALLOWED_HOSTS"] = [local_site.host]
    good = add_outlet(coordinator, feed_url=serve_feed(local_site))
    broken_url = local_site.add("/rss/lokales.xml", body, content_type=content_type, status=status)
    broken = add_outlet(
        coordinator, name="Rheinische Umschau", language="de", country="DE", feed_url=broken_url
    )
    inbox = poll(coordinator)
    assert re.search(
        rf"Rheinische Umschau: the last check failed — [^<]*{re.escape(message)}", inbox
    )
    assert "4 new entries" in inbox  # the other outlet's feed was read all the same

    outlet_page = coordinator.get(f"/outlets/{broken}")
    assert outlet_page.status_code == 200
    assert re.search(
        rf'<span class="field-error">Last check failed: [^<]*{re.escape(message)}', outlet_page.text
    )
    assert "Last check failed" not in coordinator.get(f"/outlets/{good}").text
    assert 'class="badge warn"' in coordinator.get("/outlets/").text

    # Fixed by the coordinator: the error goes with the old address.
    post_form(
        coordinator,
        f"/outlets/{broken}/edit",
        outlet_fields(
            name="Rheinische Umschau", language="de", country="DE", feed_url=serve_feed(local_site)
        ),
    )
    assert "Last check failed" not in coordinator.get(f"/outlets/{broken}").text


def test_a_feed_on_a_local_port_that_is_not_allowed_is_never_fetched(
    app, coordinator, local_site, recording_listener
):
    app.config["FETCH_ALLOWED_HOSTS"] = [local_site.host]
    outlet = add_outlet(coordinator, feed_url=recording_listener.url("127.0.0.1", "/feed.xml"))
    inbox = poll(coordinator)
    assert "the last check failed — That address points inside our own network" in inbox
    assert recording_listener.connections == []
    assert "Last check failed" in coordinator.get(f"/outlets/{outlet}").text
