"""Reading outlets' RSS and Atom feeds into the articles they announce."""

from datetime import UTC, datetime
from pathlib import Path

import pytest

from translate_flow.core.errors import ValidationFailed
from translate_flow.intake.feed_parsing import SUMMARY_LENGTH, FeedEntry, parse_feed

FEEDS = Path(__file__).parent.parent / "data" / "feeds"
RSS_URL = "https://www.diariodelsur.example/rss/sociedad.xml"
ATOM_URL = "https://www.toyojiho.example/feeds/opinion.atom"


def read(file: str) -> bytes:
    return (FEEDS / file).read_bytes()


@pytest.fixture(scope="module")
def rss() -> list[FeedEntry]:
    return parse_feed(read("diariodelsur_sociedad.rss.xml"), RSS_URL)


@pytest.fixture(scope="module")
def atom() -> list[FeedEntry]:
    return parse_feed(read("toyojiho_opinion.atom.xml"), ATOM_URL)


def test_rss_entries_come_in_feed_order_each_address_once(rss):
    assert [entry.url for entry in rss] == [
        "https://www.diariodelsur.example/sociedad/2024/07/03/embalses-sequia-verano.html",
        "https://www.diariodelsur.example/sociedad/2024/07/02/ola-calor-aviso-naranja.html",
        "https://www.diariodelsur.example/sociedad/2024/07/02/selectividad-notas.html?ref=portada",
        "https://www.diariodelsur.example/sociedad/2024/07/01/playas-bandera-azul.html",
    ]


def test_the_same_story_listed_twice_keeps_its_first_entry(rss):
    assert rss[0].title.startswith("Los embalses del sur llegan al verano")


def test_tracking_parameters_go_and_other_parameters_stay(rss):
    assert all("utm_" not in entry.url for entry in rss)
    assert rss[2].url.endswith("?ref=portada")


def test_relative_links_are_resolved_against_the_feed_address(rss, atom):
    assert rss[1].url.startswith("https://www.diariodelsur.example/sociedad/")
    # the Atom feed's xml:base
    assert atom[0].url == "https://www.toyojiho.example/opinion/20240312-op0042/"
    assert atom[1].url == "https://www.toyojiho.example/opinion/20240301-op0039/"


def test_entries_without_a_web_link_are_skipped(rss):
    assert not any("Última hora" in entry.title for entry in rss)


def test_summary_is_plain_text_without_markup_or_scripts(rss):
    summary = rss[0].summary
    assert summary.startswith("La falta de lluvias en primavera deja a las cuencas del sur con")
    assert "reservas mínimas. Agricultores" in summary
    assert "<" not in summary and "track(" not in summary
    assert "&" in rss[1].summary and "&amp;" not in rss[1].summary


def test_long_summaries_are_shortened_at_a_word(rss):
    summary = rss[2].summary
    assert len(summary) <= SUMMARY_LENGTH
    assert summary.endswith("…")
    assert summary[:-1].rstrip() in read("diariodelsur_sociedad.rss.xml").decode()


def test_publication_time_is_utc(rss, atom):
    assert rss[0].published_at == datetime(2024, 7, 3, 4, 45, tzinfo=UTC)  # +0200 in the feed
    assert rss[1].published_at == datetime(2024, 7, 2, 18, 20, tzinfo=UTC)
    assert atom[0].published_at == datetime(2024, 3, 11, 20, 0, tzinfo=UTC)  # +09:00


def test_updated_stands_in_for_a_missing_published_and_no_date_is_none(rss, atom):
    assert atom[1].published_at == datetime(2024, 2, 29, 20, 0, tzinfo=UTC)
    assert rss[3].published_at is None


def test_authors_are_names_never_addresses(rss, atom):
    assert rss[0].author == "María José Ortega"  # dc:creator
    assert rss[1].author == "Redacción"  # <author>redaccion@… (Redacción)</author>
    assert rss[3].author == ""
    assert atom[0].author == "佐藤 健一"
    assert atom[2].author == "高橋 美咲, Daniel Brooks"


def test_titles_given_as_html_are_read_as_text(atom):
    assert atom[0].title == "内向きの超大国と付き合う覚悟 同盟は「保険」から「共同作業」へ"
    assert atom[1].title == "【社説】同盟の費用を語る言葉を <上>"


def test_atom_html_summary_and_xhtml_content_become_text(atom):
    assert atom[0].summary == (
        "米国の関心が国内に向かう中、日本は同盟を当然の前提とせず、自ら支える覚悟が問われている。"
    )
    assert atom[2].summary == "姉妹都市の交流が、外交の土台になっている。"


def test_a_feed_with_no_entries_yet_is_an_empty_list():
    empty = b'<?xml version="1.0"?><rss version="2.0"><channel><title>Nuevo</title></channel></rss>'
    assert parse_feed(empty, RSS_URL) == []


@pytest.mark.parametrize(
    "data",
    [
        read("rheinische_umschau_not_a_feed.html"),
        b"",
        b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"/>',
        b'{"items": []}',
    ],
    ids=["html page", "empty", "sitemap", "json"],
)
def test_a_document_that_is_not_a_feed_is_refused(data):
    with pytest.raises(ValidationFailed, match="did not return an RSS or Atom feed"):
        parse_feed(data, "https://www.rheinische-umschau.example/rss/lokales.xml")


def test_the_document_is_never_taken_for_a_file_name(tmp_path):
    # feedparser opens a bytes argument as a path if one exists there.
    local = tmp_path / "feed.xml"
    local.write_bytes(read("diariodelsur_sociedad.rss.xml"))
    with pytest.raises(ValidationFailed):
        parse_feed(str(local).encode(), RSS_URL)
