"""What the public site reads: the latest publications and their filters, one publication's text
laid out in blocks, translators' and outlets' pages, feeds and the sitemap."""

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import Any, TypeVar

from markupsafe import Markup
from sqlalchemy import Boolean, ColumnElement, Select, bindparam, false, func, select
from sqlalchemy.orm import Session, joinedload

from translate_flow.core.errors import NotFound
from translate_flow.core.full_text import (
    SEARCH_PARAMETER,
    Linked,
    SearchQuery,
    fts5_counted,
    fts5_match,
    linked_matches,
    linked_values,
    plan_for_search,
    search_query,
)
from translate_flow.core.indexed_languages import publication_languages
from translate_flow.core.language_filter import LANGUAGE_FROM, bound_variants, variant_values
from translate_flow.core.paging import Page, counted_in_page, paginate, rows_of_page
from translate_flow.domain.models import (
    Article,
    ArticleTag,
    Outlet,
    Publication,
    SegmentKind,
    Snapshot,
    User,
)
from translate_flow.publishing.published_text import Words, row_words
from translate_flow.publishing.site_generation import SiteVersion
from translate_flow.text.collation import collation_key
from translate_flow.text.countries import country_name
from translate_flow.text.languages import get_language, is_known

PER_PAGE = 20

V = TypeVar("V")


class Gone(NotFound):
    """Published once, taken down since: the address answers 410."""

    status_code = 410
    code = "gone"


@dataclass(frozen=True)
class PublicFilters:
    language: str = ""  # the source language (`ja`, `es`; `es` also finds `es-AR`)
    country: str = ""
    outlet_id: int | None = None
    tag: str = ""
    text: str = ""
    translator_id: int | None = None

    @property
    def any(self) -> bool:
        return bool(self.language or self.country or self.outlet_id or self.tag or self.text)


def _with_what_a_list_shows(query: Select[Publication]) -> Select[Publication]:
    """The article, its outlet and the translator, joined into the same statement; not the
    translator's roles and pairs, which the desk loads with every person (two statements more
    for every list a reader opened)."""
    return query.options(
        joinedload(Publication.article).joinedload(Article.outlet),
        joinedload(Publication.translator).lazyload(User.role_rows),
        joinedload(Publication.translator).lazyload(User.language_pairs),
    )


def live() -> Select[Publication]:
    """Live publications with what a list shows (article, outlet, translator) in one query."""
    return _with_what_a_list_shows(select(Publication).where(Publication.unpublished_at.is_(None)))


def latest(
    session: Session, filters: PublicFilters, *, page: int = 1, per_page: int = PER_PAGE
) -> Page[Publication]:
    """One page of live publications, newest first (by their first publication).

    The page's ids come first and only those rows are loaded with what the list shows: a
    search joined the article, outlet and translator of every match before it counted them
    and kept twenty (1,000 matches of a common word at 100,000 articles).
    """
    ids = _page_of_ids(session, filters, page, per_page)
    by_id = {
        publication.id: publication
        for publication in session.scalars(
            _with_what_a_list_shows(select(Publication)).where(Publication.id.in_(ids.items))
        )
    }
    return rows_of_page(ids, by_id)


@dataclass(frozen=True)
class ListedPublication:
    """What the public site's lists show of a publication: its title and summary, where it
    came from, when, and who translated it."""

    id: int
    slug: str
    title: str
    summary: str
    source_language: str
    target_language: str
    first_published_at: datetime
    published_at: datetime
    translator_id: int | None
    translator_name: str | None
    outlet_id: int | None
    outlet_name: str | None

    @property
    def was_updated(self) -> bool:
        return self.published_at > self.first_published_at


# The rows of a page, built once, its columns in `ListedPublication`'s order.
_LISTED = (
    select(
        Publication.id,
        Publication.slug,
        Publication.title,
        Publication.summary,
        Publication.source_language,
        Publication.target_language,
        Publication.first_published_at,
        Publication.published_at,
        Publication.translator_id,
        User.display_name,
        Outlet.id,
        Outlet.name,
    )
    .join(Article, Article.id == Publication.article_id)
    .outerjoin(Outlet, Outlet.id == Article.outlet_id)
    .outerjoin(User, User.id == Publication.translator_id)
    .where(Publication.id.in_(bindparam("ids", expanding=True)))
)


def latest_rows(
    session: Session, filters: PublicFilters, *, page: int = 1, per_page: int = PER_PAGE
) -> Page[ListedPublication]:
    """`latest` as the site's list pages show it: the columns of their rows rather than
    publications with their articles, outlets and translators (and the articles' tags, which
    feeds need and lists do not): 2.7 ms of a search page's 10 ms of Python, now under 1."""
    ids = _page_of_ids(session, filters, page, per_page)
    if not ids.items:
        return rows_of_page(ids, {})
    rows = session.execute(_LISTED, {"ids": ids.items})
    # Twelve columns: SQLAlchemy types a row's columns one by one up to ten only.
    by_id = {row[0]: ListedPublication(*row) for row in rows}  # type: ignore[call-arg]
    return rows_of_page(ids, by_id)


def _page_of_ids(session: Session, filters: PublicFilters, page: int, per_page: int) -> Page[int]:
    asked = _asked(session, filters)
    postgresql = session.get_bind().dialect.name == "postgresql"
    query, counted = _statements(
        asked.names, asked.searching, asked.words, asked.likely_live, postgresql
    )
    return paginate(
        session,
        query,
        *_NEWEST_FIRST,
        page=page,
        per_page=per_page,
        count_in_page=bool(filters.text.strip()),
        values=asked.values,
        counted=counted,
    )


_NEWEST_FIRST = (Publication.first_published_at.desc(), Publication.id.desc())


def version(session: Session) -> str:
    """Changes whenever any feed's list could have: a publication (a new id), a republish (a
    later `published_at`) or a take-down (a later `unpublished_at`).

    Feeds are rebuilt only when it changes (and readers polling them get 304 meanwhile). Each
    part is its own single-aggregate query, one index probe on both databases (SQLite only
    probes for a lone min or max); counting the live publications, as this did, read 33,000
    index entries per feed request at 100,000 articles.
    """
    newest_id, newest_publish, newest_take_down = session.execute(
        select(
            select(func.max(Publication.id)).scalar_subquery(),
            select(func.max(Publication.published_at)).scalar_subquery(),
            select(func.max(Publication.unpublished_at)).scalar_subquery(),
        )
    ).one()
    return f"{newest_id}-{newest_publish}-{newest_take_down}"


# Below this many matches of the search's first word in the two indexes (an upper bound on the
# results), SQLite looks the matches up rather than walking every live publication: at 2,239
# results the walk was the faster (13 ms against 18).
LOOK_UP_BELOW = 4_000


# The first word's matches in both indexes, its value the bind parameter `SEARCH_PARAMETER`.
_FIRST_WORD_MATCHES = select(
    fts5_counted("publication_search").scalar_subquery()
    + fts5_counted("article_search").scalar_subquery()
)


def _few_matches(session: Session, search: SearchQuery) -> bool:
    """SQLite: whether the first word of `search` is in few articles and publications."""
    if session.get_bind().dialect.name != "sqlite" or not search.groups:
        return False
    first = {SEARCH_PARAMETER: fts5_match(search.groups[:1])}
    return (session.scalar(_FIRST_WORD_MATCHES, first) or 0) < LOOK_UP_BELOW


@dataclass(frozen=True)
class _Asked:
    """The filters' values by the names of their bind parameters, and how the search is
    asked: the search page's statements are built once for each (`_statements`) and run with
    each request's values, as the desk's are (`intake.article_list`)."""

    names: frozenset[str]
    searching: str  # "" (no search), "nothing" (nothing to search) or the database's name
    words: int
    likely_live: bool
    values: dict[str, Any]


def _asked(session: Session, filters: PublicFilters) -> _Asked:
    text = filters.text.strip()
    search = search_query(text, publication_languages(session) if text else None)
    values: dict[str, Any] = {}
    if filters.language.strip():
        values |= variant_values(filters.language)
    if filters.outlet_id is not None:
        values["outlet_id"] = filters.outlet_id
    if filters.country:
        values["country"] = filters.country.upper()
    if filters.tag:
        values["tag"] = filters.tag.casefold()
    if filters.translator_id is not None:
        values["translator_id"] = filters.translator_id
    names = frozenset(values)
    searching = ""
    if search.nothing_to_search:
        searching = "nothing"
    elif search.asked:
        searching = session.get_bind().dialect.name
        values |= linked_values(searching == "sqlite", search)
        if searching == "postgresql":
            plan_for_search(session, tests_rows=False)
    words = len(search.groups) if searching not in ("", "nothing") else 0
    return _Asked(names, searching, words, _few_matches(session, search), values)


# A reader may type in the translation's language or the original's (a name as the source
# writes it): each word is looked for in the translation's tokens and in its article's, and
# either language's stems may match.
_ORIGINALS = Linked(Publication.article_id, "article_search", Article.id)


def _conditions(
    names: frozenset[str], searching: str, words: int, likely_live: bool
) -> list[ColumnElement[bool]]:
    """The conditions of the filters named (`_Asked`), each value a bind parameter."""
    live: ColumnElement[bool] = Publication.unpublished_at.is_(None)
    if likely_live:
        # SQLite otherwise walked the index of live publications, testing each of 33,000
        # against the matches (6.5 ms for a word with 169 results); told that most are live,
        # it looks up the few matches instead (2.2 ms).
        live = func.likely(live, type_=Boolean)
    conditions = [live]
    if LANGUAGE_FROM in names:
        conditions.append(bound_variants(Publication.source_language))
    if "outlet_id" in names:
        conditions.append(
            Publication.article_id.in_(
                select(Article.id).where(Article.outlet_id == bindparam("outlet_id"))
            )
        )
    if "country" in names:
        conditions.append(
            Publication.article_id.in_(
                select(Article.id)
                .join(Outlet, Outlet.id == Article.outlet_id)
                .where(Outlet.country == bindparam("country"))
            )
        )
    if "tag" in names:
        conditions.append(
            Publication.article_id.in_(
                select(ArticleTag.article_id).where(ArticleTag.tag == bindparam("tag"))
            )
        )
    if "translator_id" in names:
        conditions.append(Publication.translator_id == bindparam("translator_id"))
    if searching == "nothing":
        conditions.append(false())
    elif searching:
        sqlite = searching == "sqlite"
        conditions.append(
            linked_matches(sqlite, "publication_search", Publication.id, _ORIGINALS, words)
        )
    return conditions


@functools.lru_cache(maxsize=256)
def _statements(
    names: frozenset[str], searching: str, words: int, likely_live: bool, postgresql: bool
) -> tuple[Select[int], Select[Any]]:
    """The live publications' ids the filters find, and the page of them counted (`paging`'s
    `counted_in_page`), newest first; built once for each way of asking."""
    query = select(Publication.id).where(*_conditions(names, searching, words, likely_live))
    return query, counted_in_page(query, *_NEWEST_FIRST, postgresql=postgresql)


def by_slug(session: Session, slug: str) -> Publication:
    publication = session.scalar(
        select(Publication)
        .where(Publication.slug == slug)
        .options(
            joinedload(Publication.article).joinedload(Article.outlet),
            # A reader's page names the people; their roles and language pairs, which the
            # desk loads with every person, were two more queries on every page view.
            *(
                joinedload(person).lazyload(detail)
                for person in (Publication.translator, Publication.reviewer)
                for detail in (User.role_rows, User.language_pairs)
            ),
            joinedload(Publication.snapshot),
        )
    )
    if publication is None:
        raise NotFound("There is no translation at this address.")
    if not publication.is_live:
        raise Gone("This translation has been taken down.")
    return publication


# --- One publication's text ------------------------------------------------------------------


@dataclass
class Block:
    """A piece of the page: a heading, a paragraph, a quotation, a caption or a list."""

    kind: str
    texts: list[Words] = field(default_factory=list)
    lang: str | None = None  # set where the text was left in the source language


@dataclass(frozen=True)
class Laid:
    """The page's text: `.plain` where a title is plain text (<title>, feeds), `.html` in it."""

    title: Words
    standfirst: Words
    blocks: list[Block]


def lay_out(publication: Publication, snapshot: Snapshot | None = None) -> Laid:
    """The published text as the page shows it: consecutive list items make one list."""
    rows: list[dict[str, Any]] = (snapshot or publication.snapshot).segments
    return lay_out_rows(rows, publication.source_language, publication.title)


def lay_out_rows(rows: list[dict[str, Any]], source: str, title: str) -> Laid:
    """Rows as a snapshot holds them, laid out for the page; `title` stands in for an empty one.

    The desk's preview lays out the text as it is now with the same rules.
    """
    heading = Words.plain_text(title)
    standfirst = Words("")
    blocks: list[Block] = []
    for row in rows:
        text = row_words(row)
        if not text.plain.strip():
            continue
        kind = row["kind"]
        lang = source if row.get("leave_untranslated") else None
        if kind == SegmentKind.TITLE.value:
            heading = text
        elif kind == SegmentKind.STANDFIRST.value:
            standfirst = text
        elif kind == SegmentKind.LIST_ITEM.value and blocks and blocks[-1].kind == "list":
            blocks[-1].texts.append(text)
        else:
            blocks.append(
                Block("list" if kind == SegmentKind.LIST_ITEM.value else kind, [text], lang)
            )
    return Laid(heading, standfirst, blocks)


# --- People and outlets -------------------------------------------------------------------


def credited_translator(session: Session, user_id: int) -> User:
    """A translator with at least one live publication; others have no public page."""
    user = session.get(User, user_id)
    has_work = session.scalar(
        select(Publication.id)
        .where(Publication.translator_id == user_id, Publication.unpublished_at.is_(None))
        .limit(1)
    )
    if user is None or has_work is None:
        raise NotFound("There is no translator with published work at this address.")
    return user


def published_counts(
    session: Session, user_ids: set[int], *, site: SiteVersion | None = None
) -> dict[int, int]:
    """How many live publications each translator has, in one query; or, with the public
    site's version a page was validated against, from every translator's counts kept for it."""
    if not user_ids:
        return {}
    if site is not None:
        every = _every_count(session, site)
        return {user_id: every[user_id] for user_id in user_ids if user_id in every}
    return _counts(session, Publication.translator_id.in_(user_ids))


def _counts(session: Session, *conditions: ColumnElement[bool]) -> dict[int, int]:
    rows = session.execute(
        select(Publication.translator_id, func.count())
        .where(*conditions, Publication.unpublished_at.is_(None))
        .group_by(Publication.translator_id)
    )
    return {user_id: count for user_id, count in rows if user_id is not None}


# Every translator's count of live publications per database, with the site's version they
# were read at: a reader's list asked for its bylines' counts on every view (0.5 ms of a
# search page at 100,000 articles); they change only with the site (a publication, a
# take-down, a credit changed), which bumps its version.
_EVERY_COUNT: dict[str, tuple[str, dict[int, int]]] = {}


def _every_count(session: Session, site: SiteVersion) -> dict[int, int]:
    return _for_version(_EVERY_COUNT, session, site.tag, _counts)


def _for_version(
    kept: dict[str, tuple[str, V]], session: Session, current: str, read: Callable[[Session], V]
) -> V:
    """What `read` returns, kept in `kept` per database with the version it was read at, and
    read again when `current` differs."""
    database = session.get_bind().engine.url.render_as_string(hide_password=True)
    found = kept.get(database)
    if found is not None and found[0] == current:
        return found[1]
    value = read(session)
    kept[database] = (current, value)
    return value


def outlet_with_work(session: Session, outlet_id: int) -> Outlet:
    outlet = session.get(Outlet, outlet_id)
    has_work = session.scalar(
        select(Publication.id)
        .join(Article, Article.id == Publication.article_id)
        .where(Article.outlet_id == outlet_id, Publication.unpublished_at.is_(None))
        .limit(1)
    )
    if outlet is None or has_work is None:
        raise NotFound("There is no outlet with published translations at this address.")
    return outlet


@dataclass(frozen=True)
class FilterChoices:
    languages: list[str]
    countries: list[str]
    outlets: list[tuple[int, str]]
    tags: list[str]

    # As `options_html` takes them (and keeps their markup): a thousand outlets' options were
    # escaped again on every public list.
    @cached_property
    def outlet_options(self) -> tuple[tuple[int, str], ...]:
        return tuple(self.outlets)

    @cached_property
    def tag_options(self) -> tuple[tuple[str, str], ...]:
        return tuple((tag, tag) for tag in self.tags)


def _language_name(code: str) -> str:
    return get_language(code).name if is_known(code) else code


# The filters' choices of each database, with the `version` of the publications they were
# read at: the same for every reader until something is published, republished or taken down.
_CHOICES: dict[str, tuple[str, FilterChoices]] = {}


def filter_choices(session: Session, *, site: SiteVersion | None = None) -> FilterChoices:
    """What the filters offer: only values some live publication has.

    Read again only when `version` changes (three index probes, or none with the site's
    version a page was validated against, which holds the same marks): reading them took 50
    ms of each public page at 100,000 articles, more than the search itself. An outlet renamed
    or an article's tags edited show in the choices at the next publication or take-down.
    """
    current = site.publications if site is not None else version(session)
    return _for_version(_CHOICES, session, current, _read_filter_choices)


def _read_filter_choices(session: Session) -> FilterChoices:
    live_articles = select(Publication.article_id).where(Publication.unpublished_at.is_(None))
    languages = session.scalars(
        select(Publication.source_language).where(Publication.unpublished_at.is_(None)).distinct()
    ).all()
    outlets = session.execute(
        select(Outlet.id, Outlet.name, Outlet.country)
        .where(Outlet.id.in_(select(Article.outlet_id).where(Article.id.in_(live_articles))))
        .order_by(Outlet.sort_key, Outlet.id)
    ).all()
    tags = session.scalars(
        select(ArticleTag.tag)
        .where(ArticleTag.article_id.in_(live_articles))
        .group_by(ArticleTag.tag)
        .order_by(func.count().desc(), ArticleTag.tag)
        .limit(50)
    ).all()
    return FilterChoices(
        # Listed by the names the filters show, in the collation order.
        languages=sorted(languages, key=lambda code: collation_key(_language_name(code))),
        countries=sorted(
            {country for _id, _name, country in outlets if country},
            key=lambda code: collation_key(country_name(code)),
        ),
        outlets=[(outlet_id, name) for outlet_id, name, _country in outlets],
        tags=list(tags),
    )


# The markup of each kind of block; the text goes in escaped.
_BLOCK_MARKUP = {
    SegmentKind.HEADING.value: Markup("<h2{}>{}</h2>"),
    SegmentKind.QUOTE.value: Markup("<blockquote{}><p>{}</p></blockquote>"),
    SegmentKind.CAPTION.value: Markup('<p class="caption"{}>{}</p>'),
}
_PARAGRAPH = Markup("<p{}>{}</p>")


def _lang(block: Block) -> Markup:
    return Markup(' lang="{}"').format(block.lang) if block.lang else Markup("")


def body_html(laid: Laid) -> Markup:
    """The body as HTML for the page, the exports and feeds.

    Each text is escaped, with its source's tags as their elements around the translated
    words (sanitised) and a line break within a segment as <br>.
    """
    return Markup("\n").join(block_html(block) for block in laid.blocks)


def block_html(block: Block) -> Markup:
    """One block as its element: a paragraph, a heading, a quotation, a caption or a list."""
    texts = [text.html for text in block.texts]
    if block.kind == "list":
        items = Markup("").join(Markup("<li>{}</li>").format(text) for text in texts)
        return Markup("<ul{}>{}</ul>").format(_lang(block), items)
    template = _BLOCK_MARKUP.get(block.kind, _PARAGRAPH)
    return template.format(_lang(block), texts[0])


# Public addresses, built here so that feeds, exports and e-mail written outside a request
# agree with the site's routes (a test checks them against url_for).
def publication_path(slug: str) -> str:
    return f"/read/{slug}"


def translator_path(user_id: int) -> str:
    return f"/translators/{user_id}"


def outlet_path(outlet_id: int) -> str:
    return f"/sources/{outlet_id}"
