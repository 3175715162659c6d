"""Publishing later: a publisher plans the publication of an approved translation, and the
tick publishes it when the time comes, as that person."""

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from translate_flow.core.errors import (
    Conflict,
    PermissionDenied,
    TranslateFlowError,
    ValidationFailed,
)
from translate_flow.domain.audit import record_event
from translate_flow.domain.models import Translation, TranslationState, User
from translate_flow.domain.workflow import TRANSITIONS, Action
from translate_flow.notifications import notices as notifications
from translate_flow.workflow.transitions import actor_for, fire, situation_of


def _check_publisher(session: Session, user: User, translation: Translation) -> None:
    actor = actor_for(session, user, translation)
    if not actor.roles or not TRANSITIONS[Action.PUBLISH].may(
        actor, situation_of(session, translation)
    ):
        raise PermissionDenied(
            "Only coordinators and reviewers with publishing rights for the pair publish."
        )


def schedule(
    session: Session, user: User, translation: Translation, when: datetime, *, now: datetime
) -> None:
    """Plan the publication of an approved translation; the tick publishes it then, as `user`."""
    _check_publisher(session, user, translation)
    if translation.state != TranslationState.APPROVED:
        raise Conflict("Only an approved translation can be planned for publication.")
    if when <= now:
        raise ValidationFailed("Choose a time in the future, or publish now.")
    translation.publish_at = when
    translation.publish_by_id = user.id
    record_event(
        session,
        "translation:publish_scheduled",
        actor=user,
        subject_type="translation",
        subject_id=translation.id,
        publish_at=when.isoformat(),
    )
    session.flush()


def cancel_schedule(session: Session, user: User, translation: Translation) -> None:
    _check_publisher(session, user, translation)
    if translation.publish_at is None:
        raise Conflict("No publication is planned for this translation.")
    translation.publish_at = None
    translation.publish_by_id = None
    record_event(
        session,
        "translation:publish_unscheduled",
        actor=user,
        subject_type="translation",
        subject_id=translation.id,
    )
    session.flush()


def due_for_publication(session: Session, now: datetime) -> list[Translation]:
    """Approved translations whose planned time has come, oldest plan first."""
    return list(
        session.scalars(
            select(Translation)
            .where(
                Translation.state == TranslationState.APPROVED,
                Translation.publish_at.is_not(None),
                Translation.publish_at <= now,
            )
            .order_by(Translation.publish_at, Translation.id)
        )
    )


def publish_planned(
    session: Session, translation: Translation, *, now: datetime, site_url: str
) -> bool:
    """Publish a translation whose planned time has come, as the person who planned it.

    When that is no longer possible (their rights were taken away, they were deactivated),
    the plan is dropped and the history says why; True when it was published.
    """
    planner = session.get(User, translation.publish_by_id) if translation.publish_by_id else None
    try:
        if planner is None:
            raise PermissionDenied("The person who planned it is no longer on the desk.")
        fired = fire(session, planner, translation, Action.PUBLISH, now=now)
    except TranslateFlowError as error:
        translation.publish_at = None
        translation.publish_by_id = None
        record_event(
            session,
            "translation:publish_failed",
            actor=None,
            subject_type="translation",
            subject_id=translation.id,
            reason=error.message,
        )
        session.flush()
        return False
    notifications.notify_transition(session, fired, site_url=site_url)
    return True
