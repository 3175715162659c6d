"""`translate-flow feeds poll` and `tick` against a local site, and the worker's tick scheduler."""

import time
import uuid
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
import redis
from flask import Flask
from rq import Queue
from sqlalchemy import select

from tests.factories import ArticleFactory, UserFactory
from tests.redis_server import NOT_ANSWERING, REDIS_URL, redis_answers
from tests.webserver import LocalSite
from translate_flow import jobs
from translate_flow.domain.models import FeedSuggestion, Outlet, Role, utcnow
from translate_flow.intake.outlets import OutletInput, create_outlet

FEEDS = Path(__file__).parent.parent / "data" / "feeds"
RSS_PATH = "/rss/sociedad.xml"
ATOM_PATH = "/feeds/opinion.atom"
DIARIO = "El Diario del Sur"
TOYO = "東洋時報"

# What the two test feeds announce, as the desk stores them: tracking parameters gone, each
# story once. The RSS feed's one relative link is resolved against where it was fetched from;
# the Atom feed has an xml:base of its own.
DIARIO_ARTICLES = [
    "https://www.diariodelsur.example/sociedad/2024/07/03/embalses-sequia-verano.html",
    "{site}/sociedad/2024/07/02/ola-calor-aviso-naranja.html",
    "https://www.diariodelsur.example/sociedad/2024/07/02/selectividad-notas.html?ref=portada",
    "https://www.diariodelsur.example/sociedad/2024/07/01/playas-bandera-azul.html",
]
TOYO_ARTICLES = [
    "https://www.toyojiho.example/opinion/20240312-op0042/",
    "https://www.toyojiho.example/opinion/20240301-op0039/",
    "https://www.toyojiho.example/opinion/20240225-op0036/",
]


@pytest.fixture
def coordinator(make_user: UserFactory):  # type: ignore[no-untyped-def]
    return make_user(Role.COORDINATOR)


@pytest.fixture
def feeds_site(app: Flask, local_site: LocalSite) -> LocalSite:
    """The local site serving both test feeds, and the app allowed to fetch from it."""
    local_site.add(
        RSS_PATH, (FEEDS / "diariodelsur_sociedad.rss.xml").read_bytes(), "application/rss+xml"
    )
    local_site.add(
        ATOM_PATH, (FEEDS / "toyojiho_opinion.atom.xml").read_bytes(), "application/atom+xml"
    )
    app.config["FETCH_ALLOWED_HOSTS"] = [local_site.host]
    return local_site


def add_outlet(app: Flask, actor, name: str, feed_url: str, **fields: object) -> int:  # type: ignore[no-untyped-def]
    values: dict[str, object] = {"language": "es", "country": "ES"} | fields
    with app.extensions["translate_flow.db"].transaction() as session:
        outlet = create_outlet(
            session,
            session.merge(actor),
            OutletInput(name=name, feed_url=feed_url, **values),  # type: ignore[arg-type]
        )
        return outlet.id


def add_both_outlets(app: Flask, actor, site: LocalSite) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    diario = add_outlet(app, actor, DIARIO, site.url(RSS_PATH))
    toyo = add_outlet(app, actor, TOYO, site.url(ATOM_PATH), language="ja", country="JP")
    return diario, toyo


def suggested_urls(app: Flask) -> dict[int, list[str]]:
    """Each outlet's suggestions, in the order they were stored."""
    with app.extensions["translate_flow.db"].session(write=False) as session:
        rows = session.scalars(select(FeedSuggestion).order_by(FeedSuggestion.id)).all()
        found: dict[int, list[str]] = {}
        for row in rows:
            found.setdefault(row.outlet_id, []).append(row.url)
        return found


def outlet_state(app: Flask, outlet_id: int) -> Outlet:
    with app.extensions["translate_flow.db"].session(write=False) as session:
        outlet = session.get(Outlet, outlet_id)
        assert outlet is not None
        session.expunge(outlet)
        return outlet


def set_checked(app: Flask, outlet_id: int, minutes_ago: int) -> None:
    with app.extensions["translate_flow.db"].transaction() as session:
        outlet = session.get(Outlet, outlet_id)
        assert outlet is not None
        outlet.feed_checked_at = utcnow() - timedelta(minutes=minutes_ago)


def poll(app: Flask, *args: str):  # type: ignore[no-untyped-def]
    result = app.test_cli_runner().invoke(args=["feeds", "poll", *args])
    assert result.exit_code == 0, result.output
    return result


def test_poll_suggests_every_new_story_once_across_polls(app, coordinator, feeds_site):
    diario, toyo = add_both_outlets(app, coordinator, feeds_site)

    first = poll(app)

    assert first.stdout.splitlines() == [
        f"{DIARIO}: 4 new",
        f"{TOYO}: 3 new",
        "Checked 2 feed(s), 7 new entries.",
    ]
    expected = [url.format(site=feeds_site.base_url) for url in DIARIO_ARTICLES]
    assert suggested_urls(app) == {diario: expected, toyo: TOYO_ARTICLES}
    for outlet_id in (diario, toyo):
        outlet = outlet_state(app, outlet_id)
        assert outlet.feed_checked_at is not None and outlet.feed_error == ""

    again = poll(app)

    assert again.stdout.splitlines() == [
        f"{DIARIO}: 0 new",
        f"{TOYO}: 0 new",
        "Checked 2 feed(s), 0 new entries.",
    ]
    assert suggested_urls(app) == {diario: expected, toyo: TOYO_ARTICLES}
    assert feeds_site.requests == [RSS_PATH, ATOM_PATH] * 2


def test_stories_already_on_the_desk_are_not_suggested(app, coordinator, feeds_site):
    # Brought in by hand earlier, with the address spelled differently from the feed's.
    make_article = ArticleFactory(app)
    make_article(
        coordinator,
        source_url="HTTPS://www.diariodelsur.example/sociedad/2024/07/02/selectividad-notas.html"
        "?utm_campaign=mail&ref=portada",
    )
    make_article(coordinator, source_url=TOYO_ARTICLES[0] + "?utm_source=twitter")
    diario, toyo = add_both_outlets(app, coordinator, feeds_site)

    result = poll(app)

    assert result.stdout.splitlines() == [
        f"{DIARIO}: 3 new",
        f"{TOYO}: 2 new",
        "Checked 2 feed(s), 5 new entries.",
    ]
    urls = suggested_urls(app)
    assert not any("selectividad" in url for url in urls[diario])
    assert urls[toyo] == TOYO_ARTICLES[1:]


def test_inactive_outlets_and_outlets_without_a_feed_are_not_polled(app, coordinator, feeds_site):
    add_outlet(app, coordinator, DIARIO, feeds_site.url(RSS_PATH), is_active=False)
    add_outlet(app, coordinator, "Without a feed", "")

    result = poll(app)

    assert result.stdout.splitlines() == ["Checked 0 feed(s), 0 new entries."]
    assert feeds_site.requests == []


@pytest.mark.parametrize(
    ("route", "message"),
    [
        ("missing", "The site answered 404 Not Found."),
        ("html page", "That address did not return an RSS or Atom feed."),
    ],
)
def test_a_broken_feed_is_reported_recorded_and_does_not_stop_the_others(
    app, coordinator, feeds_site, route, message
):
    broken_path = "/rss/lokales.xml"
    if route == "html page":
        page = (FEEDS / "rheinische_umschau_not_a_feed.html").read_bytes()
        feeds_site.add(broken_path, page)
    broken = add_outlet(
        app, coordinator, "Rheinische Umschau", feeds_site.url(broken_path), language="de"
    )
    diario = add_outlet(app, coordinator, DIARIO, feeds_site.url(RSS_PATH))

    result = poll(app)

    assert result.stdout.splitlines() == [
        f"{DIARIO}: 4 new",
        "Checked 2 feed(s), 4 new entries, 1 failed.",
    ]
    assert result.stderr.splitlines() == [f"Rheinische Umschau: failed: {message}"]
    assert set(suggested_urls(app)) == {diario}
    failed = outlet_state(app, broken)
    assert failed.feed_error == message
    assert failed.feed_checked_at is not None

    # Once the feed works again, the error goes.
    feeds_site.add(
        broken_path, (FEEDS / "toyojiho_opinion.atom.xml").read_bytes(), "application/atom+xml"
    )
    assert "Rheinische Umschau: 3 new" in poll(app).stdout
    assert outlet_state(app, broken).feed_error == ""


@pytest.mark.parametrize("command", [["tick"], ["feeds", "poll", "--due"]])
def test_scheduled_poll_checks_only_feeds_not_checked_recently(
    app, coordinator, feeds_site, command
):
    app.config["FEED_POLL_MINUTES"] = 30
    diario, toyo = add_both_outlets(app, coordinator, feeds_site)
    set_checked(app, diario, minutes_ago=29)
    set_checked(app, toyo, minutes_ago=31)
    diario_checked = outlet_state(app, diario).feed_checked_at

    result = app.test_cli_runner().invoke(args=command)

    assert result.exit_code == 0, result.output
    assert feeds_site.requests == [ATOM_PATH]
    assert suggested_urls(app) == {toyo: TOYO_ARTICLES}
    assert outlet_state(app, diario).feed_checked_at == diario_checked
    assert outlet_state(app, toyo).feed_checked_at > diario_checked
    if command[0] == "feeds":
        assert result.stdout.splitlines() == [f"{TOYO}: 3 new", "Checked 1 feed(s), 3 new entries."]
    else:
        [line] = result.stdout.splitlines()
        assert line.startswith("tick: checked 1 feed(s), 3 new entries; claims: 0 claim reminder")


# --- The scheduler in `translate-flow worker` ---------------------------------------------------


needs_redis = pytest.mark.skipif(not redis_answers(), reason=NOT_ANSWERING)


@pytest.fixture
def tick_redis():  # type: ignore[no-untyped-def]
    """Redis, with a queue and lock key of this test's own, removed afterwards."""
    connection = redis.Redis.from_url(REDIS_URL)
    name = f"tests-tick-{uuid.uuid4().hex}"
    queue = Queue(name, connection=connection)
    try:
        yield SimpleNamespace(connection=connection, queue=queue, name=name)
    finally:
        queue.delete(delete_jobs=True)
        for key in connection.scan_iter(f"{name}:*"):
            connection.delete(key)
        connection.close()


def _ticker(tick_redis, **kwargs) -> jobs.Ticker:  # type: ignore[no-untyped-def]
    return jobs.Ticker(
        tick_redis.connection, queue_name=tick_redis.name, lock_key=tick_redis.name, **kwargs
    )


@needs_redis
def test_two_workers_tickers_queue_one_tick_a_minute(tick_redis):
    first, second = _ticker(tick_redis), _ticker(tick_redis)
    minute = 1_800_000_000.0  # any moment; both workers try the same clock minute

    assert first.queue_tick(minute) is True
    assert second.queue_tick(minute + 30) is False
    [job] = tick_redis.queue.get_jobs()
    assert (job.func_name, job.args) == ("translate_flow.jobs._run_in_worker", ("tick",))
    # A tick left waiting a whole minute is dropped instead of piling up.
    assert job.ttl == jobs.TICK_SECONDS
    # The next minute gets its own tick.
    assert second.queue_tick(minute + 60) is True
    assert tick_redis.queue.count == 2


@needs_redis
def test_a_started_ticker_queues_at_once_and_stops_when_asked(tick_redis):
    ticker = _ticker(tick_redis)
    thread = ticker.start()
    try:
        for _ in range(100):
            if tick_redis.queue.count:
                break
            time.sleep(0.02)
        assert tick_redis.queue.count == 1
        assert thread.daemon
    finally:
        ticker.stop()
    assert not thread.is_alive()


@needs_redis
def test_the_queued_tick_polls_the_feeds_that_are_due(app, coordinator, feeds_site, tick_redis):
    diario, toyo = add_both_outlets(app, coordinator, feeds_site)
    set_checked(app, diario, minutes_ago=1)
    assert _ticker(tick_redis).queue_tick()
    [job] = tick_redis.queue.get_jobs()

    # What the worker does with it: import the function by name and call it in the app.
    with app.app_context():
        job.perform()

    assert feeds_site.requests == [ATOM_PATH]
    assert suggested_urls(app) == {toyo: TOYO_ARTICLES}


def test_the_tick_job_runs_without_redis_too(app, coordinator, feeds_site):
    """Without REDIS_URL, jobs run inline: the same tick, the same poll."""
    add_both_outlets(app, coordinator, feeds_site)
    app.config["REDIS_URL"] = None
    jobs.enqueue(app, "tick")
    assert sorted(feeds_site.requests) == sorted([RSS_PATH, ATOM_PATH])
