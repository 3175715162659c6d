"""The coordinator's desk counts what waits at intake; volunteers do not see it."""

from translate_flow.domain.models import FeedSuggestion, Outlet, Role


def test_coordinator_desk_counts_articles_suggestions_and_failing_feeds(
    app, signed_in, make_article
):
    client, coordinator = signed_in(Role.COORDINATOR)
    make_article(coordinator)
    make_article(coordinator)
    with app.extensions["translate_flow.db"].transaction() as session:
        outlet = Outlet(name="Asahi", name_key="asahi", language="ja", feed_error="404 Not Found")
        session.add(outlet)
        session.flush()
        session.add(
            FeedSuggestion(outlet_id=outlet.id, url="https://a.example/1", url_key="a.example/1")
        )

    page = client.get("/desk/").get_data(as_text=True)

    assert "2 articles on the desk" in page
    assert "1 new feed suggestion<" in page
    assert "1 feed failing" in page


def test_translator_desk_has_no_intake_counts(app, signed_in):
    client, _translator = signed_in(Role.TRANSLATOR)
    assert 'data-testid="intake"' not in client.get("/desk/").get_data(as_text=True)
