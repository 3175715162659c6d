"""What the desk's gauges say, read from the database when /metrics is scraped.

Read at scrape time rather than counted as things happen, so that every worker (and the
CLI, and the RQ worker) agrees: the database is the one place that knows.
"""

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from translate_flow.domain.models import MailStatus, OutboxEmail, Translation
from translate_flow.workflow.board import overdue_clause

# Messages the outbox still has to deliver, or gave up on; `sent` grows for ever and says
# nothing about health, so it is not counted.
OUTBOX_STATES = (MailStatus.PENDING, MailStatus.SENDING, MailStatus.FAILED)
UNSENT = (MailStatus.PENDING, MailStatus.SENDING)


@dataclass(frozen=True)
class DeskFigures:
    outbox: dict[MailStatus, int]
    oldest_unsent_seconds: float
    claims_overdue: int


def _aware(moment: datetime) -> datetime:
    # SQLite hands back naive datetimes from an aggregate; every moment here is UTC.
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def read_desk_figures(session: Session, now: datetime) -> DeskFigures:
    """Outbox messages by state, the age of the oldest one not yet sent, and claims overdue."""
    counts = dict.fromkeys(OUTBOX_STATES, 0)
    rows = session.execute(
        select(OutboxEmail.status, func.count())
        .where(OutboxEmail.status.in_(OUTBOX_STATES))
        .group_by(OutboxEmail.status)
    ).all()
    for status, count in rows:
        counts[MailStatus(status)] = count
    oldest = session.scalar(
        select(func.min(OutboxEmail.created_at)).where(OutboxEmail.status.in_(UNSENT))
    )
    age = max(0.0, (now - _aware(oldest)).total_seconds()) if oldest is not None else 0.0
    overdue = session.scalar(
        select(func.count()).select_from(Translation).where(overdue_clause(now))
    )
    return DeskFigures(outbox=counts, oldest_unsent_seconds=age, claims_overdue=overdue or 0)
