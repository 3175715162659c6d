"""What the desk shows people: coverage, the outbox, each person's work and queues, and a
translation's progress and history."""

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from translate_flow.domain.models import (
    Article,
    ArticleStatus,
    Event,
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
from translate_flow.workflow.board import (
    Card,
    card_query,
    in_pairs,
    overdue_first,
    self_review_only,
    to_card,
)
from translate_flow.workflow.transitions import history, untranslated_count

HOME_LIST_LIMIT = 25


@dataclass(frozen=True)
class PairCoverage:
    source: str
    target: str
    translators: int
    reviewers: int
    # Its one reviewer also translates it: their own work there has nobody else to review it.
    self_review_only: bool = False

    @property
    def label(self) -> str:
        return f"{self.source}→{self.target}"


def desk_overview(session: Session) -> list[PairCoverage]:
    """Active translators and reviewers per language pair, thinnest coverage first."""
    is_translator = select(UserRole.user_id).where(UserRole.role == Role.TRANSLATOR)
    is_reviewer = select(UserRole.user_id).where(UserRole.role == Role.REVIEWER)
    # Sets of ids, not counts: whether the reviewers are also the translators needs the people.
    people: dict[tuple[str, str], tuple[set[int], set[int]]] = defaultdict(lambda: (set(), set()))
    for user_id, source, target, translates, reviews in session.execute(
        select(
            LanguagePair.user_id,
            LanguagePair.source_language,
            LanguagePair.target_language,
            LanguagePair.user_id.in_(is_translator),
            and_(LanguagePair.can_review.is_(True), LanguagePair.user_id.in_(is_reviewer)),
        )
        .join(User, User.id == LanguagePair.user_id)
        .where(User.is_active.is_(True))
    ):
        translators, reviewers = people[(source, target)]
        if translates:
            translators.add(user_id)
        if reviews:
            reviewers.add(user_id)
    coverage = [
        PairCoverage(s, t, len(tr), len(rv), self_review_only(tr, rv))
        for (s, t), (tr, rv) in people.items()
    ]
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


@dataclass(frozen=True)
class Progress:
    done: int  # translated, or marked "leave untranslated"
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


@dataclass(frozen=True)
class Returned:
    """A reviewer sent the item back: why, in their words."""

    change_reason: str  # a ChangeReason value, or ""
    reason: str
    by: str | None
    at: datetime


@dataclass(frozen=True)
class DeskItem:
    """A card as the desk's own lists show it: with progress, and why it came back."""

    card: Card
    progress: Progress
    returned: Returned | None = None


def progress_of(session: Session, ids: list[int]) -> dict[int, Progress]:
    """Segments done out of those in play, per translation, in one query.

    Emptiness is judged in Python, as `untranslated_count` does: SQL's trim() strips spaces
    only, and a full-width space (U+3000) is as empty as nothing.
    """
    done: dict[int, int] = dict.fromkeys(ids, 0)
    total: dict[int, int] = dict.fromkeys(ids, 0)
    if ids:
        for translation_id, text, leave in session.execute(
            select(
                TranslationSegment.translation_id,
                TranslationSegment.text,
                TranslationSegment.leave_untranslated,
            ).where(
                TranslationSegment.translation_id.in_(ids),
                TranslationSegment.set_aside_at.is_(None),
            )
        ):
            total[translation_id] += 1
            if leave or text.strip():
                done[translation_id] += 1
    return {i: Progress(done[i], total[i]) for i in ids}


# The actions that start a new round of translating: the latest of them says whether the
# translator is on their first draft or fixing what a reviewer sent back. (An assignment is
# not one: a coordinator handing a returned item on, or moving its date, leaves it returned.)
_ROUND_STARTS = tuple(
    f"translation:{action.value}"
    for action in (
        Action.CLAIM,
        Action.SUBMIT,
        Action.REQUEST_CHANGES,
        Action.REOPEN,
        Action.RELEASE,
        Action.RESTORE,
    )
)
_SENT_BACK = f"translation:{Action.REQUEST_CHANGES.value}"


def returned_of(session: Session, ids: list[int]) -> dict[int, Returned]:
    """Drafts whose latest round began with a reviewer's request for changes, with its reason."""
    if not ids:
        return {}
    latest: dict[int, Event] = {}
    for event in session.scalars(
        select(Event)
        .where(
            Event.subject_type == "translation",
            Event.subject_id.in_(ids),
            Event.action.in_(_ROUND_STARTS),
        )
        .order_by(Event.id)
    ):
        latest[event.subject_id] = event
    sent_back = {i: e for i, e in latest.items() if e.action == _SENT_BACK}
    names = _names(session, {e.actor_id for e in sent_back.values() if e.actor_id is not None})
    returned = {}
    for translation_id, event in sent_back.items():
        payload: dict[str, Any] = event.payload or {}
        code = payload.get("change_reason") or ""
        returned[translation_id] = Returned(
            change_reason=code if code in set(ChangeReason) else "",
            reason=str(payload.get("reason") or ""),
            by=names.get(event.actor_id) if event.actor_id is not None else None,
            at=event.created_at,
        )
    return returned


def _desk_items(session: Session, cards: list[Card], *, returns: bool = False) -> list[DeskItem]:
    ids = [card.id for card in cards]
    progress = progress_of(session, ids)
    returned = returned_of(session, ids) if returns else {}
    return [DeskItem(card, progress[card.id], returned.get(card.id)) for card in cards]


def my_work(session: Session, user: User, *, now: datetime | None = None) -> list[DeskItem]:
    """What the person is translating now, overdue and soonest due first; what a reviewer
    sent back says so, and why."""
    now = now or utcnow()
    rows = session.execute(
        card_query()
        .where(Translation.translator_id == user.id, Translation.state == TranslationState.DRAFT)
        .order_by(*overdue_first())
    )
    return _desk_items(session, [to_card(row, now) for row in rows], returns=True)


# What a translator has handed on, newest first: waiting for review, approved, out.
HANDED_ON = (
    TranslationState.IN_REVIEW,
    TranslationState.APPROVED,
    TranslationState.PUBLISHED,
)


def my_handed_on(
    session: Session, user: User, *, now: datetime | None = None, limit: int = HOME_LIST_LIMIT
) -> list[DeskItem]:
    """The person's submitted, in-review, approved and published items, latest first."""
    now = now or utcnow()
    rows = session.execute(
        card_query()
        .where(Translation.translator_id == user.id, Translation.state.in_(HANDED_ON))
        .order_by(Translation.updated_at.desc(), Translation.id.desc())
        .limit(limit)
    )
    # Nothing waits on a date any more once it is handed on.
    cards = [replace(to_card(row, now), overdue=False) for row in rows]
    return _desk_items(session, cards)


def claimable(
    session: Session, user: User, *, now: datetime | None = None, limit: int = HOME_LIST_LIMIT
) -> list[DeskItem]:
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
    return _desk_items(session, [to_card(row, now) for row in rows])


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
    # A reviewer's proposal of a new due date, and the coordinator's answer (workflow.due_dates).
    "due_proposed": "proposed a new due date",
    "due_accepted": "accepted the proposed due date",
    "due_declined": "declined the proposed due date",
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
                # For a proposal and its answer, the date that was proposed.
                due_at=payload.get("proposed_due_at") or payload.get("due_at"),
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
