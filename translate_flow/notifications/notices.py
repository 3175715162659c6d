"""Telling people what they need to do: in-app notifications, and e-mail as each prefers.

Every notice is stored in the app. Whoever chose `immediate` also gets an e-mail through
the outbox, queued in the same transaction, so the notice and its e-mail exist together
or not at all; `digest` readers get one e-mail a day (`send_digests`); `off` gets none.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Literal

from sqlalchemy import (
    BindParameter,
    ColumnElement,
    Integer,
    ScalarSelect,
    and_,
    bindparam,
    func,
    or_,
    select,
    update,
)
from sqlalchemy.orm import InstrumentedAttribute, Session

from translate_flow.core.errors import NotFound
from translate_flow.core.paging import Page, paginate
from translate_flow.domain.models import (
    Article,
    EmailPreference,
    Event,
    LanguagePair,
    Notification,
    Publication,
    Role,
    Segment,
    SegmentKind,
    Translation,
    TranslationSegment,
    TranslationState,
    User,
    UserRole,
    utcnow,
)
from translate_flow.domain.standing import pair_rows
from translate_flow.domain.workflow import Action, ChangeReason
from translate_flow.notifications.outbox import queue_email
from translate_flow.workflow.transitions import Fired

PER_PAGE = 30
DIGEST_INTERVAL = timedelta(hours=24)
EXCERPT_LENGTH = 200
ALL: Literal["all"] = "all"


class Kind(StrEnum):
    """What a notice is about; stored in `Notification.kind`, read like an action code."""

    ASSIGNED = "translation:assigned"
    REVIEW_ASSIGNED = "translation:review_assigned"  # named reviewer at assignment
    SUBMITTED = "translation:submitted"
    CHANGES_REQUESTED = "translation:changes_requested"
    DUE_PROPOSED = "translation:due_proposed"  # to coordinators: a reviewer proposes a date
    APPROVED = "translation:approved"
    PUBLISHED = "translation:published"
    WITHDRAWN = "translation:withdrawn"
    RELEASED = "translation:released"  # taken off its translator by a coordinator
    MENTIONED = "comment:mentioned"
    COMMENTED = "comment:added"  # on your translation, or in a thread you wrote in
    READER_COMMENT = "reader_comment:approved"  # a reader's comment on your published work


SUBJECTS: dict[str, str] = {
    Kind.ASSIGNED: "Assigned to you",
    Kind.REVIEW_ASSIGNED: "You are the reviewer",
    Kind.SUBMITTED: "Ready for review",
    Kind.CHANGES_REQUESTED: "Changes requested",
    Kind.DUE_PROPOSED: "New due date proposed",
    Kind.APPROVED: "Approved",
    Kind.PUBLISHED: "Published",
    Kind.WITHDRAWN: "Withdrawn",
    Kind.RELEASED: "Released from you",
    Kind.MENTIONED: "You were mentioned",
    Kind.COMMENTED: "New comment",
    Kind.READER_COMMENT: "A reader commented",
}

REASON_WORDS = {
    ChangeReason.ACCURACY: "accuracy",
    ChangeReason.OMISSION: "something is missing",
    ChangeReason.TERMINOLOGY: "terminology",
    ChangeReason.STYLE: "style",
    ChangeReason.HEADLINE: "the headline",
    ChangeReason.OTHER: "other",
}


def translation_path(translation_id: int) -> str:
    return f"/translations/{translation_id}"


# Notices that ask for work on the text lead to the editor; an approval, to what the
# reviewer changed; the rest, to the translation's page.
_LEADS_TO = {
    Kind.ASSIGNED: "/edit",
    Kind.REVIEW_ASSIGNED: "/edit",
    Kind.SUBMITTED: "/edit",
    Kind.CHANGES_REQUESTED: "/edit",
    Kind.MENTIONED: "/edit",
    Kind.COMMENTED: "/edit",
    Kind.APPROVED: "/review-changes",
}


def public_path(slug: str) -> str:
    """The public page of a published translation (publishing's `public.article`)."""
    return f"/read/{slug}"


# Notices about the published text lead to it, as the public reads it.
_LEAD_TO_THE_PUBLIC_PAGE = frozenset({Kind.PUBLISHED, Kind.READER_COMMENT})


def link_path_for(notification: Notification, public_slugs: Mapping[int, str] | None = None) -> str:
    """Where a notice leads: its public page (once published), its translation (or its
    editor), or the list of notices. `public_slugs` maps translation ids to their public slug."""
    translation_id = notification.translation_id
    if translation_id is None:
        return "/notifications/"
    slug = (public_slugs or {}).get(translation_id)
    if slug and notification.kind in _LEAD_TO_THE_PUBLIC_PAGE:
        return public_path(slug)
    suffix = _LEADS_TO.get(Kind(notification.kind), "") if notification.kind in set(Kind) else ""
    return translation_path(translation_id) + suffix


def public_slugs(session: Session, translation_ids: Iterable[int]) -> dict[int, str]:
    """The public slug of each of these translations that has been published."""
    ids = sorted(set(translation_ids))
    if not ids:
        return {}
    return dict(
        session.execute(
            select(Publication.translation_id, Publication.slug).where(
                Publication.translation_id.in_(ids)
            )
        ).all()
    )


def _subject(kind: str, message: str, translation: Translation | None) -> str:
    label = SUBJECTS.get(kind)
    if label and translation is not None:
        subject = f"{label}: {translation.article.title}"
    else:
        subject = label or message.splitlines()[0]
    return subject if len(subject) <= 200 else subject[:199] + "…"


def notify(
    session: Session,
    user: User,
    kind: str,
    message: str,
    *,
    translation: Translation | None = None,
    site_url: str,
    link_path: str | None = None,
    now: datetime | None = None,
) -> Notification:
    """Store a notice for `user`; e-mail it too if they want e-mail at once and are active.

    The e-mail's dedupe key is the notice's id: queueing it again for the same notice
    (a retried job, a second call) returns the one already queued.
    """
    notification = Notification(
        user_id=user.id,
        kind=str(kind),
        translation_id=translation.id if translation is not None else None,
        message=message,
        created_at=now or utcnow(),
    )
    session.add(notification)
    session.flush()
    if user.is_active and user.email_notifications == EmailPreference.IMMEDIATE:
        link = site_url.rstrip("/") + (link_path or link_path_for(notification))
        queue_email(
            session,
            dedupe_key=f"notification:{notification.id}",
            to_address=user.email,
            subject=_subject(kind, message, translation),
            body=(
                f"Hello {user.display_name},\n\n{message}\n\nOpen it: {link}\n\n"
                f"You get an e-mail for each notification. To get a daily digest or none, "
                f"change this on your profile: {site_url.rstrip('/')}/account/\n"
            ),
        )
        session.flush()
    return notification


def _title(translation: Translation) -> str:
    article = translation.article
    return f"“{article.title}” ({article.source_language}→{translation.target_language})"


def reviewers_of(session: Session, translation: Translation) -> list[User]:
    """Active reviewers who may review the translation's language pair."""
    candidates = session.scalars(
        select(User)
        .join(UserRole, UserRole.user_id == User.id)
        .where(
            User.is_active.is_(True),
            UserRole.role == Role.REVIEWER,
            User.id.in_(select(LanguagePair.user_id).where(LanguagePair.can_review.is_(True))),
        )
        .order_by(User.id)
    ).all()
    # The same matching rule as the workflow's (`es` covers `es-AR`).
    return [user for user in candidates if any(p.can_review for p in pair_rows(user, translation))]


def coordinators(session: Session) -> list[User]:
    """Active coordinators: the people who decide on a proposed due date."""
    return list(
        session.scalars(
            select(User)
            .join(UserRole, UserRole.user_id == User.id)
            .where(User.is_active.is_(True), UserRole.role == Role.COORDINATOR)
            .order_by(User.id)
        )
    )


def _previous_translator(session: Session, translation: Translation, event: Event) -> User | None:
    """Who held the translation before `event`: the last claim's actor or assignee."""
    earlier = session.scalars(
        select(Event)
        .where(
            Event.subject_type == "translation",
            Event.subject_id == translation.id,
            Event.id < event.id,
            Event.action.in_(
                [f"translation:{Action.CLAIM.value}", f"translation:{Action.ASSIGN.value}"]
            ),
        )
        .order_by(Event.id.desc())
        .limit(1)
    ).first()
    if earlier is None:
        return None
    holder_id = (
        earlier.actor_id
        if earlier.action == f"translation:{Action.CLAIM.value}"
        else earlier.payload.get("translator_id")
    )
    return session.get(User, holder_id) if holder_id is not None else None


def _changes_message(fired: Fired, title: str) -> str:
    payload = fired.event.payload
    code = payload.get("change_reason")
    why = REASON_WORDS.get(ChangeReason(code), code) if code else ""
    text = str(payload.get("reason", "")).strip()
    detail = ": ".join(part for part in (why, text) if part)
    return f"{fired.actor.display_name} asked for changes to {title}" + (
        f" — {detail}." if detail else "."
    )


def _recipients(session: Session, fired: Fired) -> list[tuple[User, Kind, str]]:
    """Who hears about `fired`, and what they are told (before leaving the actor out)."""
    translation, actor, action = fired.translation, fired.actor, fired.action
    title = _title(translation)
    translator = translation.translator
    who = actor.display_name
    if action == Action.ASSIGN:
        due = f", due {translation.due_at:%d %B %Y}" if translation.due_at else ""
        told: list[tuple[User, Kind, str]] = []
        # Handed on from someone else: they must know to stop working on it.
        holder = _previous_translator(session, translation, fired.event)
        if (
            fired.from_state == TranslationState.DRAFT
            and holder is not None
            and (translator is None or holder.id != translator.id)
        ):
            told.append(
                (
                    holder,
                    Kind.RELEASED,
                    f"{who} handed {title} on to someone else; it is no longer yours.",
                )
            )
        if translator is not None:
            told.append((translator, Kind.ASSIGNED, f"{who} assigned you {title}{due}."))
        reviewer_id = fired.event.payload.get("reviewer_id")
        reviewer = session.get(User, reviewer_id) if reviewer_id is not None else None
        if reviewer is not None:
            by = f", translated by {translator.display_name}" if translator else ""
            told.append(
                (reviewer, Kind.REVIEW_ASSIGNED, f"{who} made you the reviewer of {title}{by}.")
            )
        return told
    if action == Action.SUBMIT:
        by = translator.display_name if translator is not None else who
        message = f"{by} submitted {title} for review."
        # A named reviewer is the one to act; otherwise every reviewer of the pair may.
        reviewers = (
            [translation.reviewer]
            if translation.reviewer is not None
            else reviewers_of(session, translation)
        )
        return [
            (reviewer, Kind.SUBMITTED, message)
            for reviewer in reviewers
            if translator is None or reviewer.id != translator.id
        ]
    if action == Action.REQUEST_CHANGES:
        told = []
        if translator is not None:
            told.append((translator, Kind.CHANGES_REQUESTED, _changes_message(fired, title)))
        if translation.proposed_due_at is not None:
            due = f" (due {translation.due_at:%d %B %Y})" if translation.due_at else ""
            proposal = (
                f"{who} proposes a new due date for {title}: "
                f"{translation.proposed_due_at:%d %B %Y}{due}. Accept or decline it."
            )
            told += [(person, Kind.DUE_PROPOSED, proposal) for person in coordinators(session)]
        return told
    if action == Action.APPROVE and translator is not None:
        return [(translator, Kind.APPROVED, f"{who} approved your translation of {title}.")]
    if action == Action.PUBLISH:
        people = [p for p in (translator, translation.reviewer) if p is not None]
        return [(person, Kind.PUBLISHED, f"{title} is published.") for person in people]
    if action == Action.WITHDRAW and translator is not None:
        reason = str(fired.event.payload.get("reason", "")).strip()
        because = f": {reason}" if reason else "."
        return [(translator, Kind.WITHDRAWN, f"{who} withdrew {title}{because}")]
    if action == Action.RELEASE:
        holder = _previous_translator(session, translation, fired.event)
        if holder is not None:
            message = f"{who} released {title} back to the pool; it is no longer yours."
            return [(holder, Kind.RELEASED, message)]
    return []


def notify_transition(session: Session, fired: Fired, *, site_url: str) -> list[Notification]:
    """Notify the people a workflow action concerns; never the person who acted."""
    sent: list[Notification] = []
    seen = {fired.actor.id}
    slugs = public_slugs(session, [fired.translation.id])
    for person, kind, message in _recipients(session, fired):
        if person.id in seen:
            continue
        seen.add(person.id)
        slug = slugs.get(fired.translation.id) if kind in _LEAD_TO_THE_PUBLIC_PAGE else None
        sent.append(
            notify(
                session,
                person,
                kind,
                message,
                translation=fired.translation,
                site_url=site_url,
                link_path=public_path(slug) if slug else None,
                now=fired.event.created_at,
            )
        )
    return sent


def notify_mention(
    session: Session,
    mentioned: User,
    by: User,
    translation: Translation,
    excerpt: str,
    *,
    site_url: str,
    link_path: str | None = None,
) -> Notification | None:
    """Tell someone a comment mentions them; None when they mentioned themselves."""
    if mentioned.id == by.id:
        return None
    return notify(
        session,
        mentioned,
        Kind.MENTIONED,
        f"{by.display_name} mentioned you on {_title(translation)}: “{_excerpt(excerpt)}”",
        translation=translation,
        site_url=site_url,
        link_path=link_path,
    )


def _excerpt(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= EXCERPT_LENGTH else text[: EXCERPT_LENGTH - 1] + "…"


def notify_comment(
    session: Session,
    translation: Translation,
    author: User,
    body: str,
    *,
    mentioned: Sequence[User],
    thread_people: Sequence[User],
    site_url: str,
    link_path: str | None = None,
) -> list[Notification]:
    """Tell those mentioned, then the translator, the reviewer and the thread's other
    writers; each person once, never the author."""
    sent: list[Notification] = []
    for person in mentioned:
        notice = notify_mention(
            session, person, author, translation, body, site_url=site_url, link_path=link_path
        )
        if notice is not None:
            sent.append(notice)
    told = {author.id, *(person.id for person in mentioned)}
    message = f"{author.display_name} commented on {_title(translation)}: “{_excerpt(body)}”"
    involved = [translation.translator, translation.reviewer, *thread_people]
    for someone in involved:
        if someone is None or someone.id in told or not someone.is_active:
            continue
        told.add(someone.id)
        sent.append(
            notify(
                session,
                someone,
                Kind.COMMENTED,
                message,
                translation=translation,
                site_url=site_url,
                link_path=link_path,
            )
        )
    return sent


def notify_reader_comment(
    session: Session,
    translation: Translation,
    name: str,
    body: str,
    *,
    public_url: str,
    site_url: str,
) -> Notification | None:
    """Tell the translator a reader's comment on their published work is now on the page."""
    translator = translation.translator
    if translator is None or not translator.is_active:
        return None
    return notify(
        session,
        translator,
        Kind.READER_COMMENT,
        f"{name} commented on your translation {_title(translation)}: “{_excerpt(body)}”",
        translation=translation,
        site_url=site_url,
        link_path=public_url,
    )


def _unread_of(
    user_id: int | BindParameter[int] | InstrumentedAttribute[int],
) -> list[ColumnElement[bool]]:
    return [Notification.user_id == user_id, Notification.read_at.is_(None)]


def _unread(user: User) -> list[ColumnElement[bool]]:
    return _unread_of(user.id)


# Built once: every signed-in page's navigation asks it.
_UNREAD_COUNT = (
    select(func.count())
    .select_from(Notification)
    .where(*_unread_of(bindparam("user_id", type_=Integer)))
)


def unread_count(session: Session, user: User) -> int:
    return session.scalar(_UNREAD_COUNT, {"user_id": user.id}) or 0


def unread_count_of(user_id: InstrumentedAttribute[int]) -> ScalarSelect[int]:
    """`unread_count` as a column of another statement (the sign-in's, which every page runs
    anyway: one round trip fewer a page)."""
    return (
        select(func.count()).select_from(Notification).where(*_unread_of(user_id)).scalar_subquery()
    )


def list_notifications(
    session: Session, user: User, page: int, *, per_page: int = PER_PAGE
) -> Page[Notification]:
    """The person's notices, newest first."""
    return paginate(
        session,
        select(Notification).where(Notification.user_id == user.id),
        Notification.id.desc(),
        page=page,
        per_page=per_page,
    )


@dataclass(frozen=True)
class NoticeGroup:
    """One translation's notices on a page of the list (or those about no translation)."""

    translation_id: int | None
    title: str  # the original title, "" for notices about no translation
    translated_title: str  # the title segment's translation, "" until there is one
    source_language: str
    target_language: str
    notices: list[Notification]

    @property
    def unread(self) -> int:
        return sum(1 for notice in self.notices if notice.read_at is None)


def _titles(session: Session, ids: list[int]) -> dict[int, tuple[str, str, str, str]]:
    """Per translation: original title, translated title, source and target language."""
    if not ids:
        return {}
    translated = dict(
        session.execute(
            select(TranslationSegment.translation_id, TranslationSegment.text)
            .join(Segment, Segment.id == TranslationSegment.segment_id)
            .where(TranslationSegment.translation_id.in_(ids), Segment.kind == SegmentKind.TITLE)
        ).all()
    )
    rows = session.execute(
        select(
            Translation.id,
            Article.title,
            Article.source_language,
            Translation.target_language,
        )
        .join(Article, Article.id == Translation.article_id)
        .where(Translation.id.in_(ids))
    )
    return {
        tid: (title, (translated.get(tid) or "").strip(), source, target)
        for tid, title, source, target in rows
    }


def group_by_translation(session: Session, notices: Sequence[Notification]) -> list[NoticeGroup]:
    """The page's notices grouped by translation, the group with the newest notice first and
    each group newest first (the page is already newest first, so order is kept)."""
    by_translation: dict[int | None, list[Notification]] = {}
    for notice in notices:
        by_translation.setdefault(notice.translation_id, []).append(notice)
    titles = _titles(session, [tid for tid in by_translation if tid is not None])
    groups = []
    for translation_id, items in by_translation.items():
        title, translated, source, target = (
            titles.get(translation_id, ("", "", "", "")) if translation_id else ("", "", "", "")
        )
        groups.append(NoticeGroup(translation_id, title, translated, source, target, items))
    return groups


def may_lead_to(path: str) -> bool:
    """Whether a notice can lead to `path` at all: decided without the database."""
    return path.startswith(("/translations/", "/read/"))


def _translation_id_of(session: Session, path: str) -> int | None:
    """The translation a page is about, when notices can lead to it: /translations/<id>…
    or a public page /read/<slug>."""
    parts = path.strip("/").split("/")
    if len(parts) >= 2 and parts[0] == "translations" and parts[1].isdigit():
        number = int(parts[1])
        return number if number < 2**31 else None
    if len(parts) == 2 and parts[0] == "read":
        return session.scalar(
            select(Publication.translation_id).where(Publication.slug == parts[1])
        )
    return None


def leading_to(session: Session, user: User, path: str) -> list[int]:
    """The person's unread notices that lead to `path` (a page they opened); reads only."""
    translation_id = _translation_id_of(session, path)
    if translation_id is None:
        return []
    unread = session.scalars(
        select(Notification).where(*_unread(user), Notification.translation_id == translation_id)
    ).all()
    if not unread:
        return []
    slugs = public_slugs(session, [translation_id])
    return [notice.id for notice in unread if link_path_for(notice, slugs) == path]


def mark_read(
    session: Session,
    user: User,
    ids: Iterable[int] | Literal["all"],
    *,
    now: datetime | None = None,
) -> int:
    """Mark the person's notices read (`ALL` for every one); returns how many changed.

    Raises NotFound if a given id is not one of theirs, and then changes nothing.
    """
    condition = _unread(user)
    if ids != ALL:
        wanted: Sequence[int] = sorted(set(ids))
        owned = set(
            session.scalars(
                select(Notification.id).where(
                    Notification.user_id == user.id, Notification.id.in_(wanted)
                )
            )
        )
        if owned != set(wanted):
            raise NotFound("There is no such notification.")
        condition.append(Notification.id.in_(wanted))
    result = session.execute(update(Notification).where(*condition).values(read_at=now or utcnow()))
    session.flush()
    return int(result.rowcount)  # type: ignore[attr-defined]


def set_email_preference(session: Session, user: User, preference: EmailPreference) -> None:
    """How the person wants e-mail: each notice at once, a daily digest, or none."""
    user.email_notifications = preference
    session.flush()


def _digest_body(
    user: User, items: Sequence[Notification], site_url: str, slugs: Mapping[int, str]
) -> str:
    lines = [f"Hello {user.display_name},", "", "Here is what happened since your last digest:"]
    for item in items:
        lines += ["", f"- {item.message}", f"  {site_url}{link_path_for(item, slugs)}"]
    lines += [
        "",
        f"All your notifications: {site_url}/notifications/",
        f"You get one digest a day. Change this on your profile: {site_url}/account/",
        "",
    ]
    return "\n".join(lines)


def send_digests(session: Session, *, now: datetime, site_url: str) -> int:
    """Queue each digest reader's daily e-mail, if their last was 24 h ago or more.

    One e-mail lists their unread notices that no digest carried yet, which are then
    marked digested. A person is claimed with a conditional UPDATE of `last_digest_at`,
    and the dedupe key is per person per day, so two runs at once send one digest.
    Returns how many digests were queued.
    """
    site_url = site_url.rstrip("/")
    due = or_(User.last_digest_at.is_(None), User.last_digest_at <= now - DIGEST_INTERVAL)
    readers = session.scalars(
        select(User)
        .where(
            User.is_active.is_(True),
            User.email_notifications == EmailPreference.DIGEST,
            due,
            User.id.in_(
                select(Notification.user_id).where(
                    Notification.read_at.is_(None), Notification.digested_at.is_(None)
                )
            ),
        )
        .order_by(User.id)
    ).all()
    queued = 0
    for user in readers:
        claimed = session.execute(
            update(User).where(and_(User.id == user.id, due)).values(last_digest_at=now)
        )
        if claimed.rowcount != 1:  # type: ignore[attr-defined]
            continue  # another run has just sent it
        items = session.scalars(
            select(Notification)
            .where(*_unread(user), Notification.digested_at.is_(None))
            .order_by(Notification.id)
        ).all()
        if not items:
            continue
        queue_email(
            session,
            dedupe_key=f"digest:{user.id}:{now.date().isoformat()}",
            to_address=user.email,
            subject=f"Your daily digest: {len(items)} notification(s)",
            body=_digest_body(
                user,
                items,
                site_url,
                public_slugs(session, [i.translation_id for i in items if i.translation_id]),
            ),
        )
        session.execute(
            update(Notification)
            .where(Notification.id.in_([item.id for item in items]))
            .values(digested_at=now)
        )
        queued += 1
    session.flush()
    return queued
