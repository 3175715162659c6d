"""Titles in any script on the public site: a publication is served at its percent-encoded
address, and the home list, the Atom feed and the sitemap point there; old slugs still answer."""

import html
from urllib.parse import quote
from xml.etree import ElementTree as ET

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select
from werkzeug.urls import iri_to_uri

from tests.desk import ENGLISH, Desk
from translate_flow.domain.models import Publication

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"

TITLES = {
    "japanese": ("円安を嘆く前に・日銀の選択", "円安を嘆く前に-日銀の選択"),
    "arabic": ("العَرَبِيَّةُ في الأخبار", "العَرَبِيَّةُ-في-الأخبار"),
    "thai": ("น้ำท่วม กรุงเทพฯ", "น้ำท่วม-กรุงเทพฯ"),
    "devanagari": ("हिन्दी समाचार", "हिन्दी-समाचार"),
    "greek": ("ΟΙ ΕΚΛΟΓΕΣ στην Αθήνα", "οι-εκλογες-στην-αθήνα"),
}


@pytest.fixture
def reader(app) -> FlaskClient:  # type: ignore[no-untyped-def]
    return app.test_client()


def published_as(desk: Desk, title: str) -> str:
    """Publish the desk's translation under `title`; its slug."""
    desk.publish([title, *ENGLISH[1:]])
    with desk.session() as session:
        return session.scalars(select(Publication.slug)).one()


@pytest.mark.parametrize(("title", "slug"), TITLES.values(), ids=TITLES.keys())
def test_a_title_in_any_script_is_served_at_its_percent_encoded_address(reader, desk, title, slug):
    assert published_as(desk, title) == slug
    address = "/read/" + quote(slug, safe="")
    assert address.isascii()
    page = reader.get(address)
    assert page.status_code == 200
    assert html.escape(title) in page.get_data(as_text=True)


@pytest.mark.parametrize(("title", "slug"), TITLES.values(), ids=TITLES.keys())
def test_the_home_list_and_the_feed_point_at_that_address(reader, desk, title, slug):
    published_as(desk, title)
    address = "/read/" + quote(slug, safe="")
    assert f'href="{address}"' in reader.get("/").get_data(as_text=True)
    feed = ET.fromstring(reader.get("/feed.atom").data)
    (entry,) = feed.iter(f"{ATOM}entry")
    link = entry.find(f"{ATOM}link[@rel='alternate']")
    assert link is not None
    # Atom takes IRIs (RFC 4287, 4.2.7.1); a reader maps one to the URI it fetches (RFC 3987).
    assert iri_to_uri(link.get("href", "")) == "http://localhost" + address


@pytest.mark.parametrize(("title", "slug"), TITLES.values(), ids=TITLES.keys())
def test_the_sitemap_lists_that_address_in_ascii(reader, desk, title, slug):
    """Sitemaps want URLs escaped as URIs (sitemaps.org's protocol and Google's rules)."""
    published_as(desk, title)
    sitemap = ET.fromstring(reader.get("/sitemap.xml").data)
    locations = [element.text or "" for element in sitemap.iter(f"{SITEMAP}loc")]
    assert "http://localhost/read/" + quote(slug, safe="") in locations
    assert all(location.isascii() for location in locations)


@pytest.mark.parametrize(
    "old_slug",
    ["ह-न-द-सम-च-र", "elections-leurope-inquiete", "2022"],
    ids=["devanagari-split-at-its-marks", "latin-made-ascii", "chinese-cut-to-its-digits"],
)
def test_a_slug_made_by_the_old_rule_is_still_served(reader, desk, old_slug):
    published_as(desk, "हिन्दी समाचार")
    with desk.session() as session:
        session.scalars(select(Publication)).one().slug = old_slug
    assert reader.get("/read/" + quote(old_slug, safe="")).status_code == 200
    assert reader.get("/read/" + quote("हिन्दी-समाचार", safe="")).status_code == 404
