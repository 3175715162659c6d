"""Overviews for the home pages: who covers which language pair, what waits in the outbox."""

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from translate_flow.models import LanguagePair, MailStatus, OutboxEmail, Role, User, UserRole


@dataclass(frozen=True)
class PairCoverage:
    source: str
    target: str
    translators: int
    reviewers: int

    @property
    def label(self) -> str:
        return f"{self.source}→{self.target}"


def desk_overview(session: Session) -> list[PairCoverage]:
    """Active translators and reviewers per language pair, thinnest coverage first."""
    is_translator = (
        select(UserRole.user_id).where(UserRole.role == Role.TRANSLATOR).scalar_subquery()
    )
    is_reviewer = select(UserRole.user_id).where(UserRole.role == Role.REVIEWER).scalar_subquery()
    rows = session.execute(
        select(
            LanguagePair.source_language,
            LanguagePair.target_language,
            func.count(LanguagePair.user_id.distinct()).filter(
                LanguagePair.user_id.in_(is_translator)
            ),
            func.count(LanguagePair.user_id.distinct()).filter(
                LanguagePair.can_review.is_(True), LanguagePair.user_id.in_(is_reviewer)
            ),
        )
        .join(User, User.id == LanguagePair.user_id)
        .where(User.is_active.is_(True))
        .group_by(LanguagePair.source_language, LanguagePair.target_language)
    )
    coverage = [PairCoverage(s, t, translators, reviewers) for s, t, translators, reviewers in rows]
    return sorted(coverage, key=lambda c: (c.translators + c.reviewers, c.source, c.target))


def outbox_counts(session: Session) -> dict[MailStatus, int]:
    counts = dict.fromkeys(MailStatus, 0)
    for status, count in session.execute(
        select(OutboxEmail.status, func.count()).group_by(OutboxEmail.status)
    ):
        counts[status] = count
    return counts
