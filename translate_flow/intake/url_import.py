"""Importing an article from its address: fetch, extract, and fill in a draft to preview."""

from urllib.parse import urlsplit

from sqlalchemy import select
from sqlalchemy.orm import Session

from translate_flow.core.errors import ValidationFailed
from translate_flow.domain.models import Outlet
from translate_flow.intake.articles import ArticleInput, DuplicateArticle, find_by_url
from translate_flow.intake.extraction import ExtractedArticle, extract_article
from translate_flow.intake.fetching import FetchPolicy, fetch
from translate_flow.intake.formats import BodyFormat
from translate_flow.text.languages import is_known
from translate_flow.text.urls import is_http_url

PAGE_TYPES = ("text/html", "application/xhtml+xml")


def fetch_article(url: str, policy: FetchPolicy) -> ExtractedArticle:
    """Fetch the page and pull the article out of it; network only, no database."""
    url = url.strip()
    if not is_http_url(url):
        raise ValidationFailed("Give an http:// or https:// address.")
    page = fetch(url, policy)
    if page.content_type not in PAGE_TYPES:
        raise ValidationFailed(
            f"That address returned {page.content_type or 'something'} rather than a web page."
        )
    # The HTTP header's charset outranks what the page declares about itself.
    body: bytes | str = page.body.decode(page.charset, "replace") if page.charset else page.body
    return extract_article(body, page.url)


def ensure_not_imported(session: Session, *urls: str | None) -> None:
    """Raise DuplicateArticle if any of these addresses is already on the desk."""
    for url in urls:
        if url:
            existing = find_by_url(session, url)
            if existing is not None:
                raise DuplicateArticle(existing)


def _host(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.")


def guess_outlet(session: Session, url: str) -> Outlet | None:
    """The outlet whose homepage or feed is on the same site as the article."""
    host = _host(url)
    if not host:
        return None
    for outlet in session.scalars(select(Outlet).where(Outlet.is_active.is_(True))):
        if host in {_host(outlet.homepage), _host(outlet.feed_url)} - {""}:
            return outlet
    return None


def draft_from_page(
    session: Session,
    extracted: ExtractedArticle,
    requested_url: str,
    *,
    outlet_id: int | None = None,
) -> ArticleInput:
    """The article form's starting values; the coordinator corrects them before saving.

    `outlet_id` is the outlet already known (the feed a suggestion came from); otherwise
    it is guessed from the article's address, then from the address that was fetched.
    """
    source_url = extracted.canonical_url or requested_url
    ensure_not_imported(session, requested_url, extracted.canonical_url)
    outlet = (
        (session.get(Outlet, outlet_id) if outlet_id is not None else None)
        or guess_outlet(session, source_url)
        or guess_outlet(session, requested_url)
    )
    language = extracted.language if extracted.language and is_known(extracted.language) else ""
    if not language and outlet is not None:
        language = outlet.language
    return ArticleInput(
        title=extracted.title,
        standfirst=extracted.standfirst,
        body=extracted.body_html,
        body_format=BodyFormat.HTML,
        source_language=language,
        author=extracted.author,
        outlet_id=outlet.id if outlet is not None else None,
        source_url=source_url,
        published_on=extracted.published_on,
    )
