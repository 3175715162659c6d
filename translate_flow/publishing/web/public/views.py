"""The public site, no sign-in: the latest translations, each translation's page with its
credits and readers' comments, translators' and outlets' pages, exports, feeds, sitemap."""

from hashlib import sha256
from typing import Any

from flask import current_app, render_template, request, url_for
from sqlalchemy import select
from werkzeug.wrappers import Response

from translate_flow.core.errors import NotFound, ValidationFailed
from translate_flow.core.full_text import search_problem
from translate_flow.core.input_ranges import whole_number_or_none
from translate_flow.core.web.addresses import site_url
from translate_flow.core.web.downloads import content_disposition
from translate_flow.core.web.request_db import db_session
from translate_flow.domain.models import Publication, utcnow
from translate_flow.publishing import atom, exports, public_site, reader_comments, site_generation
from translate_flow.publishing.public_site import PublicFilters
from translate_flow.publishing.web.public.blueprint import bp
from translate_flow.publishing.web.public.feed_cache import feed_cache
from translate_flow.publishing.web.public.forms import ReaderCommentForm
from translate_flow.publishing.web.public.public_pages import (
    has_session,
    public_page,
    site_version,
)
from translate_flow.text.languages import get_language, is_known

ATOM_TYPE = "application/atom+xml; charset=utf-8"


def _page_number() -> int:
    value = request.args.get("page", "1")
    return whole_number_or_none(value) or 1


def _pager_args() -> dict[str, Any]:
    """What the next and previous page links keep: the filters, and the page's own ids."""
    kept = {k: v for k, v in request.args.items() if k != "page"}
    return kept | (request.view_args or {})


def _filters() -> PublicFilters:
    """What the query string asks for; a value that cannot be a filter is dropped, not an error."""
    args = request.args
    outlet = args.get("outlet", "")
    language = args.get("language", "").strip()[:20]
    return PublicFilters(
        language=get_language(language).code if language and is_known(language) else "",
        country=args.get("country", "").strip()[:2],
        outlet_id=whole_number_or_none(outlet),
        tag=args.get("tag", "").strip()[:60],
        text=args.get("q", "").strip()[:200],
    )


@bp.route("/")
@public_page
def index() -> str:
    session = db_session()
    filters = _filters()
    page = public_site.latest_rows(session, filters, page=_page_number())
    return render_template(
        "publishing/public/index.html",
        page=page,
        filters=filters,
        choices=public_site.filter_choices(session, site=site_version()),
        args=_pager_args(),
        search_problem=search_problem(filters.text),
    )


def article_context(publication: Publication) -> dict[str, Any]:
    """What the article page shows of a publication, beside the comment form."""
    session = db_session()
    laid = public_site.lay_out(publication)
    translator = publication.translator
    counts = public_site.published_counts(
        session, {translator.id} if translator else set(), site=site_version()
    )
    return {
        "publication": publication,
        "laid": laid,
        "body": public_site.body_html(laid),
        "article": publication.article,
        "source": get_language(publication.source_language),
        "target": get_language(publication.target_language),
        "translator": translator,
        "count": counts.get(translator.id, 0) if translator else 0,
        "comments": reader_comments.approved(session, publication),
    }


@bp.route("/read/<slug>")
@public_page
def article(slug: str) -> str:
    publication = public_site.by_slug(db_session(), slug)
    # Signed out, the form comes without its token, which would start a session (a cookie
    # no proxy may share): reader-comment.js fetches one when the reader starts writing.
    form = ReaderCommentForm(formdata=None, **({} if has_session() else {"meta": {"csrf": False}}))
    return render_template(
        "publishing/public/article.html", form=form, **article_context(publication)
    )


@bp.route("/read/<slug>.<any(html, md, json):kind>")
@public_page
def export(slug: str, kind: str) -> Response:
    """One translation to take away: a standalone HTML page, Markdown, or JSON."""
    session = db_session()
    publication = public_site.by_slug(session, slug)
    base = site_url()
    translator = publication.translator
    counts = public_site.published_counts(session, {translator.id} if translator else set())
    if kind == "md":
        body, mimetype = exports.as_markdown(publication, counts, base), "text/markdown"
    elif kind == "json":
        body = exports.as_json(
            publication,
            counts,
            base,
            credit_reviewers=current_app.config["CREDIT_REVIEWERS"],
        )
        mimetype = "application/json"
    else:
        body = render_template(
            "publishing/public/export.html", site=base, **article_context(publication)
        )
        mimetype = "text/html"
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = content_disposition(
        f"{publication.slug}.{kind}", disposition="inline"
    )
    return response


@bp.route("/translators/<int:user_id>")
@public_page
def translator(user_id: int) -> str:
    session = db_session()
    person = public_site.credited_translator(session, user_id)
    page = public_site.latest_rows(
        session, PublicFilters(translator_id=user_id), page=_page_number()
    )
    return render_template(
        "publishing/public/translator.html",
        person=person,
        page=page,
        count=page.total,
        args=_pager_args(),
    )


@bp.route("/sources/<int:outlet_id>")
@public_page
def outlet(outlet_id: int) -> str:
    session = db_session()
    source = public_site.outlet_with_work(session, outlet_id)
    page = public_site.latest_rows(session, PublicFilters(outlet_id=outlet_id), page=_page_number())
    return render_template(
        "publishing/public/outlet.html", outlet=source, page=page, args=_pager_args()
    )


# --- Feeds and the sitemap -------------------------------------------------------------------


def _feed(filters: PublicFilters, title: str, page_url: str) -> Response:
    session = db_session()
    base = site_url()
    # The site's generation too: a translator's new name is in the feed's entries.
    etag = sha256(
        f"{request.path}|{base}|{title}|{site_generation.current(session).tag}".encode()
    ).hexdigest()[:32]
    if etag in request.if_none_match:
        response = Response(status=304)
        response.set_etag(etag)
        return response
    cache = feed_cache()
    document = cache.get(request.path, etag)
    if document is None:
        document = atom.feed(
            public_site.latest(session, filters, per_page=atom.FEED_ENTRIES).items,
            title=title,
            feed_url=base + request.path,
            page_url=page_url,
            site_url=base,
            site_name=current_app.config["SITE_NAME"],
            language=(current_app.config["TARGET_LANGUAGES"] or ["en"])[0],
            now=utcnow(),
        )
        cache.put(request.path, etag, document)
    response = Response(document, content_type=ATOM_TYPE)
    response.set_etag(etag)
    response.headers["Cache-Control"] = "public, max-age=300"
    return response


@bp.route("/feed.atom")
def feed() -> Response:
    name = current_app.config["SITE_NAME"]
    return _feed(PublicFilters(), name, url_for("public.index", _external=True))


@bp.route("/feed/<language>.atom")
def language_feed(language: str) -> Response:
    if not is_known(language):
        raise ValidationFailed(f"“{language[:20]}” is not a language code we know.")
    code = get_language(language)
    title = f"{current_app.config['SITE_NAME']}: translated from {code.name}"
    page_url = url_for("public.index", language=code.code, _external=True)
    return _feed(PublicFilters(language=code.code), title, page_url)


@bp.route("/translators/<int:user_id>/feed.atom")
def translator_feed(user_id: int) -> Response:
    person = public_site.credited_translator(db_session(), user_id)
    title = f"{current_app.config['SITE_NAME']}: translations by {person.display_name}"
    page_url = url_for("public.translator", user_id=user_id, _external=True)
    return _feed(PublicFilters(translator_id=user_id), title, page_url)


@bp.route("/sitemap.xml")
@public_page
def sitemap() -> Response:
    session = db_session()
    rows = session.execute(
        select(Publication.slug, Publication.published_at, Publication.translator_id).where(
            Publication.unpublished_at.is_(None)
        )
    ).all()
    body = render_template(
        "publishing/public/sitemap.xml",
        base=site_url(),
        rows=rows,
        translators=sorted({t for _s, _p, t in rows if t is not None}),
        paths={
            "publication": public_site.publication_path,
            "translator": public_site.translator_path,
        },
    )
    return Response(body, content_type="application/xml; charset=utf-8")


# --- Dead links -------------------------------------------------------------------------------

LATEST_ON_NOT_FOUND = 5


@bp.errorhandler(NotFound)
def not_found(error: NotFound) -> tuple[str, int]:
    """A reader who followed a dead link stays on the public site, with somewhere to go.

    Also a taken-down translation (`Gone`, 410): the reader gets the same way onward.
    """
    latest = public_site.latest_rows(db_session(), PublicFilters(), per_page=LATEST_ON_NOT_FOUND)
    return render_template(
        "publishing/public/not_found.html", message=error.message, latest=latest.items
    ), error.status_code


# Deeper addresses under the public site's paths (an old link with a trailing part, a
# translator's page by name) get the public site's own "not found", not the desk's.
@bp.route("/read/<path:slug>")
@bp.route("/translators/<path:slug>")
@bp.route("/sources/<path:slug>")
def missing(slug: str) -> str:
    raise NotFound("There is nothing at this address. It may have moved or been taken down.")


@bp.route("/robots.txt")
@public_page
def robots() -> Response:
    body = (
        "User-agent: *\nDisallow: /desk/\nDisallow: /api/\nDisallow: /translations/\n"
        f"Sitemap: {site_url()}/sitemap.xml\n"
    )
    return Response(body, mimetype="text/plain")
