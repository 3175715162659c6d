"""The editor as the browser tests reach it: its boxes, its save state, and what the database
holds of the text and its history afterwards."""

import re

from playwright.sync_api import Locator, Page, expect
from sqlalchemy import select

from tests.e2e.conftest import LiveServer
from tests.e2e.desk_data import db_of
from translate_flow.domain.models import Segment, SegmentRevision, TranslationSegment

SAVE_PATTERN = "**/api/v1/translations/*/segments/*"
SLOW_MS = 20_000  # the longest wait: a retry after a dropped connection backs off


def editor_of(page: Page, translation_id: int) -> Locator:
    """Opens the translation's editor; its root, which carries the save state."""
    page.goto(f"/translations/{translation_id}/edit")
    return page.locator("[data-editor]")


def box(page: Page, number: int) -> Locator:
    """The translation field of the n-th segment (1: the title)."""
    return page.get_by_label(re.compile(rf"^Translation of segment {number} "))


def saved(editor: Page | Locator, timeout: float = SLOW_MS) -> None:
    """Waits until everything typed is saved (the editor's root, or the page that holds it)."""
    if isinstance(editor, Page):
        editor = editor.locator("[data-editor]")
    expect(editor).to_have_attribute("data-save-state", "saved", timeout=timeout)


def stored_texts(live_server: LiveServer, translation_id: int) -> list[str]:
    """The translation's segment texts as stored, in the source's order."""
    with db_of(live_server).session(write=False) as session:
        return list(
            session.scalars(
                select(TranslationSegment.text)
                .join(Segment, Segment.id == TranslationSegment.segment_id)
                .where(TranslationSegment.translation_id == translation_id)
                .order_by(Segment.position)
            )
        )


def segment_ids(live_server: LiveServer, translation_id: int) -> list[int]:
    """The ids of the translation's source segments, in order."""
    with db_of(live_server).session(write=False) as session:
        return list(
            session.scalars(
                select(Segment.id)
                .join(TranslationSegment, TranslationSegment.segment_id == Segment.id)
                .where(TranslationSegment.translation_id == translation_id)
                .order_by(Segment.position)
            )
        )


def history_of(live_server: LiveServer, translation_id: int) -> list[tuple[str, str]]:
    """Every revision of the translation's segments, oldest first: (origin, text)."""
    with db_of(live_server).session(write=False) as session:
        return [
            (origin.value, text)
            for origin, text in session.execute(
                select(SegmentRevision.origin, SegmentRevision.text)
                .where(SegmentRevision.translation_id == translation_id)
                .order_by(SegmentRevision.id)
            )
        ]


def last_revision(live_server: LiveServer, translation_id: int, segment_id: int) -> SegmentRevision:
    """The segment's newest revision, detached from its session."""
    with db_of(live_server).session(write=False) as session:
        revision = session.scalars(
            select(SegmentRevision)
            .join(
                TranslationSegment,
                TranslationSegment.id == SegmentRevision.translation_segment_id,
            )
            .where(
                TranslationSegment.translation_id == translation_id,
                TranslationSegment.segment_id == segment_id,
            )
            .order_by(SegmentRevision.id.desc())
        ).first()
        assert revision is not None
        session.expunge(revision)
        return revision


def submit_in_editor(page: Page) -> None:
    """Click the editor's Submit once its script has the form: a click before that posts it as
    a plain form, which leaves the editor (seen under load)."""
    expect(page.locator("[data-submit-form]")).to_have_attribute("data-enhanced", "")
    page.get_by_test_id("submit").click()
