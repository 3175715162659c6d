"""What the desk shows people: coverage, the outbox, each person's work and queues, and a
translation's progress and history."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from translate_flow.domain.models import (
    Article,
    ArticleStatus,
    FeedSuggestion,
    LanguagePair,
    MailStatus,
    OutboxEmail,
    Outlet,
    Role,
    Snapshot,
    SuggestionStatus,
    Translation,
    TranslationSegment,
    TranslationState,
    User,
    UserRole,
    utcnow,
)
from translate_flow.domain.workflow import PAST, Action, ChangeReason
from translate_flow.workflow.board import Card, card_query, in_pairs, overdue_first, to_card
from translate_flow.workflow.transitions import history, untranslated_count

HOME_LIST_LIMIT = 25


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


def my_work(session: Session, user: User, *, now: datetime | None = None) -> list[Card]:
    """What the person is translating now, overdue and soonest due first."""
    now = now or utcnow()
    rows = session.execute(
        card_query()
        .where(Translation.translator_id == user.id, Translation.state == TranslationState.DRAFT)
        .order_by(*overdue_first())
    )
    return [to_card(row, now) for row in rows]


def claimable(
    session: Session, user: User, *, now: datetime | None = None, limit: int = HOME_LIST_LIMIT
) -> list[Card]:
    """Open items in the person's language pairs, oldest first (translators only)."""
    if Role.TRANSLATOR not in user.roles:
        return []
    now = now or utcnow()
    pairs = [(p.source_language, p.target_language) for p in user.language_pairs]
    rows = session.execute(
        card_query()
        .where(
            Translation.state == TranslationState.OPEN,
            in_pairs(pairs),
            # An archived article is off the desk: nobody should start on it.
            Article.status == ArticleStatus.ACTIVE,
        )
        .order_by(Translation.created_at, Translation.id)
        .limit(limit)
    )
    return [to_card(row, now) for row in rows]


def review_queue(
    session: Session, user: User, *, now: datetime | None = None, limit: int = HOME_LIST_LIMIT
) -> list[Card]:
    """Submitted items in pairs the person reviews, not their own: theirs first, then unclaimed."""
    if Role.REVIEWER not in user.roles:
        return []
    now = now or utcnow()
    pairs = [(p.source_language, p.target_language) for p in user.language_pairs if p.can_review]
    rows = session.execute(
        card_query()
        .where(
            Translation.state == TranslationState.IN_REVIEW,
            in_pairs(pairs),
            or_(Translation.reviewer_id.is_(None), Translation.reviewer_id == user.id),
            or_(Translation.translator_id.is_(None), Translation.translator_id != user.id),
        )
        .order_by(Translation.reviewer_id.is_(None), Translation.submitted_at, Translation.id)
        .limit(limit)
    )
    return [to_card(row, now) for row in rows]


@dataclass(frozen=True)
class Progress:
    done: int  # translated, or marked "leave untranslated"
    total: int


def translation_progress(session: Session, translation: Translation) -> Progress:
    total = (
        session.scalar(
            select(func.count())
            .select_from(TranslationSegment)
            .where(
                TranslationSegment.translation_id == translation.id,
                TranslationSegment.set_aside_at.is_(None),
            )
        )
        or 0
    )
    return Progress(total - untranslated_count(session, translation), total)


@dataclass(frozen=True)
class HistoryRow:
    """One event of a translation, in words."""

    action: str  # "claim", "created", ...
    label: str  # "claimed"
    actor: str | None
    from_state: str | None
    to_state: str | None
    reason: str
    change_reason: str
    override: str  # a coordinator approving their own work: their written reason
    assigned_to: str | None
    reviewer: str | None
    due_at: str | None
    at: datetime


def _names(session: Session, ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    return dict(session.execute(select(User.id, User.display_name).where(User.id.in_(ids))).all())


# How a history line reads after the person's name ("Rafael took it for review").
DID = {
    "created": "opened the translation",
    Action.CLAIM.value: "claimed it",
    Action.ASSIGN.value: "assigned it",
    Action.RELEASE.value: "released it",
    Action.SUBMIT.value: "submitted it",
    Action.CLAIM_REVIEW.value: "took it for review",
    Action.RELEASE_REVIEW.value: "released the review",
    Action.REQUEST_CHANGES.value: "sent it back for changes",
    Action.APPROVE.value: "approved it",
    Action.PUBLISH.value: "published it",
    Action.UNPUBLISH.value: "unpublished it",
    Action.REOPEN.value: "reopened it",
    Action.WITHDRAW.value: "withdrew it",
    Action.RESTORE.value: "restored it",
}


def _label(action: str) -> str:
    return DID.get(action, action.replace("_", " "))


def history_rows(session: Session, translation: Translation) -> list[HistoryRow]:
    """The translation's events, oldest first, with the names of the people in them."""
    events = history(session, translation)
    ids: set[int] = set()
    for event in events:
        payload: dict[str, Any] = event.payload or {}
        ids.update(
            value
            for value in (event.actor_id, payload.get("translator_id"), payload.get("reviewer_id"))
            if isinstance(value, int)
        )
    names = _names(session, ids)
    rows = []
    for event in events:
        payload = event.payload or {}
        action = event.action.removeprefix("translation:")
        change = payload.get("change_reason") or ""
        rows.append(
            HistoryRow(
                action=action,
                label=_label(action),
                actor=names.get(event.actor_id) if event.actor_id is not None else None,
                from_state=payload.get("from"),
                to_state=payload.get("to"),
                reason=payload.get("reason") or "",
                change_reason=ChangeReason(change).value if change in set(ChangeReason) else "",
                override=payload.get("override") or "",
                assigned_to=names.get(payload["translator_id"])
                if isinstance(payload.get("translator_id"), int)
                else None,
                reviewer=names.get(payload["reviewer_id"])
                if isinstance(payload.get("reviewer_id"), int)
                else None,
                due_at=payload.get("due_at"),
                at=event.created_at,
            )
        )
    return rows


@dataclass(frozen=True)
class SnapshotRow:
    id: int
    action: str
    label: str
    state: TranslationState
    actor: str | None
    at: datetime


def snapshot_list(session: Session, translation: Translation) -> list[SnapshotRow]:
    """The frozen versions of the translation (submit, review decisions, publish), oldest first."""
    rows = session.execute(
        select(
            Snapshot.id,
            Snapshot.action,
            Snapshot.state,
            Snapshot.created_at,
            User.display_name,
        )
        .outerjoin(User, User.id == Snapshot.actor_id)
        .where(Snapshot.translation_id == translation.id)
        .order_by(Snapshot.id)
    )
    return [
        SnapshotRow(snapshot_id, action, PAST.get(Action(action), action), state, name, at)
        for snapshot_id, action, state, at, name in rows
    ]
