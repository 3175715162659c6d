"""Intake's background work: checking the outlets' feeds for new articles."""

from dataclasses import dataclass, field
from datetime import timedelta

from flask import Flask

from translate_flow.core.db import Database
from translate_flow.core.errors import TranslateFlowError
from translate_flow.domain.models import Outlet
from translate_flow.intake import feeds
from translate_flow.intake.feed_parsing import parse_feed
from translate_flow.intake.fetching import fetch, policy_from_config

FEED_TYPES = (
    "application/atom+xml, application/rss+xml, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.5"
)


@dataclass
class FeedPollReport:
    new_entries: dict[str, int] = field(default_factory=dict)  # outlet name → new suggestions
    failures: dict[str, str] = field(default_factory=dict)  # outlet name → what went wrong

    def summary(self) -> str:
        found = sum(self.new_entries.values())
        checked = len(self.new_entries) + len(self.failures)
        text = f"checked {checked} feed(s), {found} new entr{'y' if found == 1 else 'ies'}"
        return text + (f", {len(self.failures)} failed" if self.failures else "")


def poll_feeds(app: Flask, *, every: timedelta = timedelta(0)) -> FeedPollReport:
    """Check active outlets' feeds (those not checked within `every`); new entries → inbox."""
    db: Database = app.extensions["translate_flow.db"]
    policy = policy_from_config(app.config)
    with db.session(write=False) as session:
        due = [(o.id, o.name, o.feed_url) for o in feeds.outlets_due(session, every=every)]
    report = FeedPollReport()
    for outlet_id, name, feed_url in due:
        # The network wait happens outside any transaction: SQLite's write lock is
        # taken only for the moment the results are stored.
        try:
            page = fetch(feed_url, policy, accept=FEED_TYPES)
            entries = parse_feed(page.body, page.url)
        except TranslateFlowError as error:
            with db.transaction() as session:
                outlet = session.get(Outlet, outlet_id)
                if outlet is not None:
                    feeds.record_feed_failure(session, outlet, error.message)
            report.failures[name] = error.message
            continue
        with db.transaction() as session:
            outlet = session.get(Outlet, outlet_id)
            if outlet is not None:
                report.new_entries[name] = feeds.record_feed_entries(session, outlet, entries)
    return report


def poll_due_feeds(app: Flask) -> FeedPollReport:
    """The scheduled poll: only feeds not checked for FEED_POLL_MINUTES."""
    return poll_feeds(app, every=timedelta(minutes=app.config["FEED_POLL_MINUTES"]))
