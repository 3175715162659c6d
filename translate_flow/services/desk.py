"""Overviews for the home pages: who covers which language pair, what waits in the outbox."""

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from translate_flow.models import (
    Article,
    ArticleStatus,
    FeedSuggestion,
    LanguagePair,
    MailStatus,
    OutboxEmail,
    Outlet,
    Role,
    SuggestionStatus,
    User,
    UserRole,
)


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


@dataclass(frozen=True)
class IntakeCounts:
    articles_on_desk: int
    new_suggestions: int
    failing_feeds: int


def intake_counts(session: Session) -> IntakeCounts:
    """What waits at the intake end of the desk: articles, feed suggestions, broken feeds."""
    return IntakeCounts(
        articles_on_desk=session.scalar(
            select(func.count()).select_from(Article).where(Article.status == ArticleStatus.ACTIVE)
        )
        or 0,
        new_suggestions=session.scalar(
            select(func.count())
            .select_from(FeedSuggestion)
            .where(FeedSuggestion.status == SuggestionStatus.NEW)
        )
        or 0,
        failing_feeds=session.scalar(
            select(func.count())
            .select_from(Outlet)
            .where(Outlet.is_active.is_(True), Outlet.feed_error != "")
        )
        or 0,
    )
