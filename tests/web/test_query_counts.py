"""Pages take the same number of queries however many rows they show: each list and the
editor, with 10 and then 100 articles on the desk (the benchmark's synthetic data)."""

import pytest
from flask import Flask
from sqlalchemy import select

from bench import synthetic
from bench.clients import coordinator_client
from tests.query_count import counting_queries
from translate_flow.domain.models import (
    Article,
    Publication,
    ReaderComment,
    ReaderCommentStatus,
    Translation,
    TranslationState,
)

pytestmark = pytest.mark.xdist_group("query-counts")


def pages(app: Flask) -> dict[str, str]:
    """The list pages and an editor, with ids from the data as it is now."""
    with app.extensions["translate_flow.db"].session(write=False) as session:
        translator = session.scalar(
            select(Publication.translator_id).where(Publication.unpublished_at.is_(None))
        )
        outlet = session.scalar(
            select(Article.outlet_id)
            .join(Publication, Publication.article_id == Article.id)
            .where(Publication.unpublished_at.is_(None))
        )
        draft = session.scalar(
            select(Translation.id).where(Translation.state == TranslationState.DRAFT)
        )
    found = {
        "public home": "/",
        "public search": "/?q=the",
        "articles": "/articles/",
        "articles filtered": "/articles/?priority=2",
        "board": "/board/",
        "desk": "/desk/",
        "feed": "/feed.atom",
        "translations API": "/api/v1/translations?per_page=100",
        "published API": "/api/v1/published?per_page=100",
        "moderation": "/moderation/?status=approved",
        "outlet": f"/sources/{outlet}",
    }
    if translator:
        found["translator"] = f"/translators/{translator}"
    if draft:
        found["editor"] = f"/translations/{draft}/edit"
    return found


def test_list_pages_take_the_same_queries_for_10_and_100_articles(app, database_url):
    synthetic.build(database_url, 10, quiet=True, migrate=False, seed=3)
    # Every list has a row to show at 10 too: an empty page skips fetching rows.
    with app.extensions["translate_flow.db"].transaction() as session:
        publication = session.scalars(select(Publication)).first()
        assert publication is not None
        session.add(
            ReaderComment(
                publication_id=publication.id,
                name="Reader",
                body="A comment.",
                status=ReaderCommentStatus.APPROVED,
            )
        )
    client = coordinator_client(app)
    few: dict[str, int] = {}
    for name, path in pages(app).items():
        client.get(path)  # the first request of a kind warms caches up
        with counting_queries(app) as statements:
            response = client.get(path)
        assert response.status_code == 200, (name, response.status_code)
        few[name] = len(statements)
    synthetic.build(database_url, 90, quiet=True, migrate=False, seed=4)
    many: dict[str, int] = {}
    for name, path in pages(app).items():
        client.get(path)
        with counting_queries(app) as statements:
            response = client.get(path)
        assert response.status_code == 200, (name, response.status_code)
        many[name] = len(statements)
    assert many == few
