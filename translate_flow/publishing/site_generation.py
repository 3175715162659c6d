"""The public site's version: what a reader's page validators (ETag, Last-Modified) and the page
cache are derived from. It changes with everything a public page shows."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from translate_flow.domain.models import Publication, PublicSiteGeneration

ROW_ID = 1


@dataclass(frozen=True)
class SiteVersion:
    """The generation (bumped by `site_listener` with every change a reader could see) and the
    publications' own marks (newest id, latest publish, latest take-down), which also catch a
    publication or take-down written by SQL that no listener saw."""

    generation: int
    changed_at: datetime | None
    publications: str

    @property
    def tag(self) -> str:
        return f"{self.generation}-{self.publications}"


def _version_query() -> Select[Any]:
    row = select(PublicSiteGeneration).where(PublicSiteGeneration.id == ROW_ID)
    return select(
        row.with_only_columns(PublicSiteGeneration.generation).scalar_subquery(),
        row.with_only_columns(PublicSiteGeneration.changed_at).scalar_subquery(),
        select(func.max(Publication.id)).scalar_subquery(),
        select(func.max(Publication.published_at)).scalar_subquery(),
        select(func.max(Publication.unpublished_at)).scalar_subquery(),
    )


# Built once: every signed-out page view runs it, and building it took longer than running it.
VERSION_QUERY = _version_query()


def current(session: Session) -> SiteVersion:
    """The version now: one query of five index probes, on both databases."""
    generation, changed_at, newest_id, newest_publish, newest_take_down = (
        session.connection().execute(VERSION_QUERY).one()
    )
    return SiteVersion(
        generation=generation or 0,
        changed_at=changed_at,
        publications=f"{newest_id}-{newest_publish}-{newest_take_down}",
    )


def bump(session: Session, now: datetime) -> None:
    """The next generation, in the session's transaction.

    One statement that adds one to the stored number (never a value read before): two
    transactions changing the site at once get two generations, the second waiting for the
    first's commit on PostgreSQL. The row is made by the migration; a database built from
    the models (tests) gets it at its first change.
    """
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    statement = dialect.insert(PublicSiteGeneration).values(id=ROW_ID, generation=1, changed_at=now)
    session.execute(
        statement.on_conflict_do_update(
            index_elements=[PublicSiteGeneration.id],
            set_={"generation": PublicSiteGeneration.generation + 1, "changed_at": now},
        )
    )
