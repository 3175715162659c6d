"""A uniqueness race the services could not see coming is a 409, never a 500."""

from sqlalchemy import select

from tests.conftest import post_form
from translate_flow.domain.models import Article, Role
from translate_flow.intake import articles


def test_article_saved_twice_at_once_answers_conflict(app, signed_in, monkeypatch):
    client, _coordinator = signed_in(Role.COORDINATOR)
    url = "https://example.com/same-story"
    first = post_form(
        client,
        "/articles/new",
        {
            "title": "One",
            "body": "Text.",
            "source_language": "ja",
            "source_url": url,
            "body_format": "text",
            "priority": "2",
            "action": "save",
        },
    )
    assert first.status_code == 302
    # The second request passed the duplicate check before the first one committed.
    monkeypatch.setattr(articles, "_ensure_new_url", lambda *args, **kwargs: None)
    second = post_form(
        client,
        "/articles/new",
        {
            "title": "Two",
            "body": "Text.",
            "source_language": "ja",
            "source_url": url,
            "body_format": "text",
            "priority": "2",
            "action": "save",
        },
    )
    assert second.status_code == 409
    assert "at the same moment" in second.get_data(as_text=True)
    with app.extensions["translate_flow.db"].session(write=False) as session:
        assert session.scalars(select(Article.title)).all() == ["One"]
