"""Finding articles: filters, full-text search, and the desk's order (priority, then age)."""

import unicodedata
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Integer, Select, column, func, literal_column, or_, select, text
from sqlalchemy.orm import Session

from translate_flow.languages import get_language, is_known
from translate_flow.models import Article, ArticleStatus, ArticleTag, Outlet, Priority
from translate_flow.models.search import TSVECTOR_SQL
from translate_flow.services.paging import Page, paginate


@dataclass(frozen=True)
class ArticleFilters:
    text: str = ""
    language: str = ""
    outlet_id: int | None = None
    country: str = ""
    status: ArticleStatus | None = ArticleStatus.ACTIVE  # None: any
    priority: Priority | None = None
    tag: str = ""
    published_from: date | None = None
    published_to: date | None = None


def search_words(query: str) -> list[str]:
    """The words of a query: letters, digits and the marks that belong to them (NFC)."""
    query = unicodedata.normalize("NFC", query)
    kept = "".join(
        char if char.isalnum() or char == "_" or unicodedata.category(char).startswith("M") else " "
        for char in query
    )
    return kept.split()[:20]


def _unspaced(word: str) -> bool:
    """Words of scripts written without spaces, which neither full-text index splits."""
    return any(
        "\u3040" <= char <= "\u30ff"  # kana
        or "\u3400" <= char <= "\u9fff"  # Han
        or "\uf900" <= char <= "\ufaff"
        or "\u0e00" <= char <= "\u0eff"  # Thai, Lao
        or "\u1000" <= char <= "\u109f"  # Myanmar
        or "\u1780" <= char <= "\u17ff"  # Khmer
        for char in word
    )


def _full_text(session: Session, query: Select[Article], words: list[str]) -> Select[Article]:
    # An index token there is a whole run of characters (米大統領選が映す分断), so a word
    # inside it is found by substring instead: slower, but such queries are the exception.
    for word in [w for w in words if _unspaced(w)]:
        query = query.where(
            Article.title.contains(word, autoescape=True)
            | Article.search_text.contains(word, autoescape=True)
        )
    words = [w for w in words if not _unspaced(w)]
    if not words:
        return query
    if session.get_bind().dialect.name == "sqlite":
        # Each word quoted (no FTS5 operators from user input), the last one as a prefix
        # so results appear while a word is still being typed.
        terms = [f'"{word}"' for word in words]
        terms[-1] += "*"
        matching = text(
            "SELECT rowid FROM article_search WHERE article_search MATCH :q"
        ).bindparams(q=" ".join(terms))
        return query.where(Article.id.in_(matching.columns(column("rowid", Integer))))
    tsquery = func.to_tsquery(text("'simple'"), " & ".join(f"{word}:*" for word in words))
    return query.where(literal_column(TSVECTOR_SQL).op("@@")(tsquery))


def filtered(session: Session, filters: ArticleFilters) -> Select[Article]:
    query = select(Article)
    if filters.status is not None:
        query = query.where(Article.status == filters.status)
    if filters.language.strip():
        # `ES` is `es`, and `es` also finds articles filed as `es-AR`.
        code = filters.language.strip()
        code = get_language(code).code if is_known(code) else code
        query = query.where(
            or_(Article.source_language == code, Article.source_language.startswith(f"{code}-"))
        )
    if filters.outlet_id is not None:
        query = query.where(Article.outlet_id == filters.outlet_id)
    if filters.country:
        query = query.where(
            Article.outlet_id.in_(select(Outlet.id).where(Outlet.country == filters.country))
        )
    if filters.priority is not None:
        query = query.where(Article.priority == int(filters.priority))
    if filters.tag:
        query = query.where(
            Article.id.in_(
                select(ArticleTag.article_id).where(ArticleTag.tag == filters.tag.casefold())
            )
        )
    if filters.published_from is not None:
        query = query.where(Article.published_on >= filters.published_from)
    if filters.published_to is not None:
        query = query.where(Article.published_on <= filters.published_to)
    words = search_words(filters.text)
    if words:
        query = _full_text(session, query, words)
    return query


def list_articles(
    session: Session, filters: ArticleFilters, *, page: int = 1, per_page: int = 25
) -> Page[Article]:
    """One page of matching articles: most urgent first, and among equals the longest waiting."""
    query = filtered(session, filters)
    return paginate(
        session,
        query,
        Article.priority.desc(),
        Article.created_at,
        Article.id,
        page=page,
        per_page=per_page,
    )


def known_tags(session: Session, *, limit: int = 200) -> list[str]:
    rows = session.execute(
        select(ArticleTag.tag, func.count())
        .group_by(ArticleTag.tag)
        .order_by(func.count().desc(), ArticleTag.tag)
        .limit(limit)
    )
    return [tag for tag, _count in rows]
