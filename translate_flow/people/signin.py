"""Signing in and out: password checks, revocable browser sessions, API tokens."""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import Session, joinedload

from translate_flow.core.errors import NotFound, PermissionDenied, ValidationFailed
from translate_flow.core.passwords import Passwords
from translate_flow.domain.audit import record_event
from translate_flow.domain.models import ApiToken, LoginSession, User, utcnow
from translate_flow.domain.permissions import can_revoke_token
from translate_flow.notifications.notices import unread_count_of

TOKEN_PREFIX = "tf_"  # noqa: S105 -- a public marker that makes leaked tokens easy to scan for
# Recording every API call's time would make each read a write; a minute is precise enough
# for "last used" and keeps reads read-only most of the time.
LAST_USED_RESOLUTION = timedelta(minutes=1)


# Every request's person comes with their roles and pairs, which nearly every page and
# permission reads: in the same statement rather than two more (a few rows either way).
WITH_ROLES_AND_PAIRS = (joinedload(User.role_rows), joinedload(User.language_pairs))


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def authenticate(session: Session, passwords: Passwords, email: str, password: str) -> User | None:
    """The person with this address and password, or None (same time either way).

    Raises PermissionDenied when the password is right but the person was deactivated,
    so they learn why instead of retrying until they are locked out.
    """
    user = session.scalar(User.by_email(email))
    ok = passwords.verify(user.password_hash if user else None, password)
    if user is None or not ok:
        return None
    if not user.is_active:
        raise PermissionDenied(
            "This account has been deactivated. Ask a coordinator if you think that is a mistake."
        )
    if user.password_hash and passwords.needs_rehash(user.password_hash):
        user.password_hash = passwords.hash(password)
    return user


def start_login_session(
    session: Session, user: User, *, user_agent: str = "", ip_address: str = ""
) -> tuple[str, LoginSession]:
    """A new revocable browser session; the returned key goes in the signed cookie."""
    key = secrets.token_urlsafe(32)
    login = LoginSession(
        user_id=user.id,
        key_hash=_digest(key),
        user_agent=user_agent[:300],
        ip_address=ip_address[:64],
    )
    session.add(login)
    user.last_login_at = utcnow()
    session.flush()
    return key, login


# Built once: every signed-in request asks it, and building it took 0.14 ms of each. The
# person's unread notices are counted in the same statement: every page's navigation shows
# that count, and asking it apart cost a round trip (0.4 ms of a desk search's 10).
_SIGNED_IN = (
    select(User, LoginSession.id, unread_count_of(User.id))
    .join(LoginSession, LoginSession.user_id == User.id)
    .where(
        LoginSession.key_hash == bindparam("key_hash"),
        LoginSession.user_id == bindparam("user_id"),
        LoginSession.revoked_at.is_(None),
        User.is_active.is_(True),
    )
    .options(*WITH_ROLES_AND_PAIRS)
)


@dataclass(frozen=True)
class SignedIn:
    """Who a cookie's session signs in, and what every page shows of them."""

    user: User
    login_session_id: int
    unread_notifications: int


def user_for_login_session(session: Session, key: str, user_id: int) -> SignedIn | None:
    """The signed-in person for a cookie's session key, unless it was revoked or they left."""
    row = (
        session.execute(_SIGNED_IN, {"key_hash": _digest(key), "user_id": user_id})
        .unique()
        .one_or_none()
    )
    return SignedIn(row[0], row[1], row[2]) if row else None


def end_login_session(session: Session, key: str) -> None:
    session.execute(
        update(LoginSession)
        .where(LoginSession.key_hash == _digest(key), LoginSession.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )


def create_api_token(session: Session, user: User, name: str) -> tuple[str, ApiToken]:
    """A new token; the plain value is returned once and never stored."""
    name = name.strip()
    if not name:
        raise ValidationFailed("Give the token a name, e.g. the script that will use it.")
    if len(name) > 100:
        raise ValidationFailed("Keep the token's name under 100 characters.")
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        user_id=user.id,
        name=name,
        token_hash=_digest(secret),
        prefix=secret[: len(TOKEN_PREFIX) + 6],
    )
    session.add(token)
    session.flush()
    record_event(
        session, "token:created", actor=user, subject_type="api_token", subject_id=token.id
    )
    return secret, token


def tokens_of(session: Session, user: User) -> list[ApiToken]:
    return list(
        session.scalars(
            select(ApiToken)
            .where(ApiToken.user_id == user.id)
            .order_by(
                ApiToken.revoked_at.is_not(None), ApiToken.created_at.desc(), ApiToken.id.desc()
            )
        )
    )


def revoke_api_token(session: Session, actor: User, token_id: int) -> ApiToken:
    token = session.get(ApiToken, token_id)
    if token is None:
        raise NotFound("There is no such token.")
    if not can_revoke_token(actor, token):
        raise PermissionDenied("You can revoke only your own tokens.")
    if token.revoked_at is None:
        token.revoked_at = utcnow()
        record_event(
            session, "token:revoked", actor=actor, subject_type="api_token", subject_id=token.id
        )
    session.flush()
    return token


@dataclass(frozen=True)
class TokenMatch:
    user: User
    token_id: int
    needs_touch: bool


def user_for_api_token(session: Session, secret: str) -> TokenMatch | None:
    """The active owner of a valid token, and whether its last-use time is stale."""
    if not secret.startswith(TOKEN_PREFIX):
        return None
    row = (
        session.execute(
            select(User, ApiToken)
            .join(ApiToken, ApiToken.user_id == User.id)
            .where(
                ApiToken.token_hash == _digest(secret),
                ApiToken.revoked_at.is_(None),
                User.is_active.is_(True),
            )
            .options(*WITH_ROLES_AND_PAIRS)
        )
        .unique()
        .one_or_none()
    )
    if row is None:
        return None
    user, token = row
    stale = token.last_used_at is None or utcnow() - token.last_used_at > LAST_USED_RESOLUTION
    return TokenMatch(user=user, token_id=token.id, needs_touch=stale)


def touch_api_token(session: Session, token_id: int) -> None:
    session.execute(update(ApiToken).where(ApiToken.id == token_id).values(last_used_at=utcnow()))
