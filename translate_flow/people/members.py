"""People: creating, inviting, editing and deactivating volunteers and staff."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session

from translate_flow.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from translate_flow.core.paging import Page, paginate
from translate_flow.core.passwords import Passwords, password_problem
from translate_flow.core.signing import LinkInvalid, LinkSigner
from translate_flow.domain.audit import record_event
from translate_flow.domain.models import (
    ApiToken,
    LanguagePair,
    LoginSession,
    Role,
    User,
    UserRole,
    email_key,
    utcnow,
)
from translate_flow.domain.permissions import (
    can_deactivate_person,
    can_edit_person,
    can_grant_role,
    can_manage_people,
)
from translate_flow.notifications.outbox import queue_email
from translate_flow.text.languages import get_language


@dataclass(frozen=True)
class PairSpec:
    source: str
    target: str
    can_review: bool = False
    # Publishing rights go with reviewing: a reviewer of the pair may be trusted to publish.
    can_publish: bool = False

    @classmethod
    def parse(cls, text: str, *, can_review: bool = False) -> "PairSpec":
        """`ja:en`, `ja>en` or `ja→en`; raises ValidationFailed for anything else."""
        for separator in (":", "→", ">"):
            if separator in text:
                source, _, target = text.partition(separator)
                return cls(source.strip(), target.strip(), can_review)
        raise ValidationFailed(
            f"“{text}” is not a language pair; write it as source:target, e.g. ja:en."
        )


def _clean_pairs(pairs: Iterable[PairSpec]) -> list[PairSpec]:
    cleaned: dict[tuple[str, str], PairSpec] = {}
    for pair in pairs:
        source, target = get_language(pair.source).code, get_language(pair.target).code
        if source == target:
            raise ValidationFailed(
                f"A language pair needs two different languages ({source}→{target})."
            )
        previous = cleaned.get((source, target))
        review = pair.can_review or (previous is not None and previous.can_review)
        publish = pair.can_publish or (previous is not None and previous.can_publish)
        if publish and not review:
            raise ValidationFailed(
                f"Publishing rights for {source}→{target} go with reviewing it: tick “may "
                "review” too."
            )
        cleaned[(source, target)] = PairSpec(source, target, review, publish)
    return list(cleaned.values())


def _clean_email(email: str) -> str:
    email = email.strip()
    local, at, domain = email.rpartition("@")
    if not at or not local or "." not in domain or any(c.isspace() for c in email):
        raise ValidationFailed(f"“{email}” is not an e-mail address.")
    return email


def _ensure_email_free(session: Session, email: str, *, except_user_id: int | None = None) -> None:
    existing = session.scalar(User.by_email(email))
    if existing is not None and existing.id != except_user_id:
        raise Conflict(f"Someone with the e-mail address {email} is already on the desk.")


def _set_roles(user: User, roles: Iterable[Role]) -> None:
    wanted = set(roles)
    user.role_rows = [row for row in user.role_rows if row.role in wanted] + [
        UserRole(role=role) for role in sorted(wanted - user.roles)
    ]


def _set_pairs(user: User, pairs: Iterable[PairSpec]) -> None:
    wanted = {(pair.source, pair.target): pair for pair in _clean_pairs(pairs)}
    kept = []
    for row in user.language_pairs:
        pair = wanted.pop((row.source_language, row.target_language), None)
        if pair is not None:
            row.can_review = pair.can_review
            row.can_publish = pair.can_publish
            kept.append(row)
    user.language_pairs = kept + [
        LanguagePair(
            source_language=p.source,
            target_language=p.target,
            can_review=p.can_review,
            can_publish=p.can_publish,
        )
        for p in wanted.values()
    ]


def _check_capacity(capacity: int) -> None:
    if not 0 <= capacity <= 100:
        raise ValidationFailed("Capacity is the number of items at once, from 0 to 100.")


def create_user(
    session: Session,
    passwords: Passwords,
    *,
    email: str,
    display_name: str,
    roles: Iterable[Role],
    pairs: Iterable[PairSpec] = (),
    password: str | None = None,
    capacity: int = 3,
    bio: str = "",
) -> User:
    """A person ready to sign in (or, without a password, one who must be sent a reset link)."""
    email = _clean_email(email)
    display_name = display_name.strip()
    if not display_name:
        raise ValidationFailed("A person needs a name to be credited with.")
    _ensure_email_free(session, email)
    _check_capacity(capacity)
    if password is not None:
        problem = password_problem(password, email=email, name=display_name)
        if problem:
            raise ValidationFailed(problem)
    user = User(
        email=email,
        email_key=email_key(email),
        display_name=display_name,
        password_hash=passwords.hash(password) if password is not None else None,
        capacity=capacity,
        bio=bio,
        role_rows=[],
        language_pairs=[],
    )
    _set_roles(user, roles)
    _set_pairs(user, pairs)
    session.add(user)
    session.flush()
    record_event(session, "user:created", actor=None, subject_type="user", subject_id=user.id)
    return user


def invite_person(
    session: Session,
    inviter: User,
    *,
    email: str,
    display_name: str,
    roles: Iterable[Role],
    pairs: Iterable[PairSpec],
    capacity: int,
    signer: LinkSigner,
    link_for: Callable[[str], str],
    site_name: str,
) -> User:
    """Creates the person without a password and e-mails them a link to choose one."""
    if not can_manage_people(inviter):
        raise PermissionDenied("Only coordinators can invite people.")
    roles = list(roles)
    for role in roles:
        if not can_grant_role(inviter, role):
            raise PermissionDenied(f"Only an admin can make someone {role.value}.")
    email = _clean_email(email)
    _ensure_email_free(session, email)
    _check_capacity(capacity)
    user = User(
        email=email,
        email_key=email_key(email),
        display_name=display_name.strip() or email.split("@")[0],
        password_hash=None,
        capacity=capacity,
        role_rows=[],
        language_pairs=[],
    )
    _set_roles(user, roles)
    _set_pairs(user, pairs)
    session.add(user)
    session.flush()
    record_event(session, "user:invited", actor=inviter, subject_type="user", subject_id=user.id)
    link = link_for(signer.sign(user.id, user.email_key, None))
    queue_email(
        session,
        dedupe_key=f"invite:{user.id}",
        to_address=user.email,
        subject=f"{inviter.display_name} invites you to translate with {site_name}",
        body=(
            f"Hello {user.display_name},\n\n"
            f"{inviter.display_name} has invited you to join the translation desk of {site_name}.\n"
            f"Choose your name and password here (the link works for "
            f"{signer.max_age_seconds // 86400} days):\n\n{link}\n\n"
            "If you did not expect this, you can ignore this message.\n"
        ),
    )
    return user


def _user_for_link(session: Session, signer: LinkSigner, token: str) -> User:
    user_id, fingerprint = signer.user_id(token)
    user = session.get(User, user_id)
    if user is None or not user.is_active:
        raise LinkInvalid("This link is no longer valid. Ask a coordinator for a new one.")
    if not signer.matches(fingerprint, user.id, user.email_key, user.password_hash):
        raise LinkInvalid("This link has been used already. Sign in, or ask for a new link.")
    return user


def user_for_invitation(session: Session, signer: LinkSigner, token: str) -> User:
    return _user_for_link(session, signer, token)


def accept_invitation(
    session: Session,
    passwords: Passwords,
    signer: LinkSigner,
    token: str,
    *,
    display_name: str,
    password: str,
) -> User:
    user = _user_for_link(session, signer, token)
    display_name = display_name.strip()
    if not display_name:
        raise ValidationFailed("Tell us the name to credit your translations with.")
    problem = password_problem(password, email=user.email, name=display_name)
    if problem:
        raise ValidationFailed(problem)
    user.display_name = display_name
    user.password_hash = passwords.hash(password)
    record_event(session, "user:joined", actor=user, subject_type="user", subject_id=user.id)
    session.flush()
    return user


def request_password_reset(
    session: Session,
    email: str,
    *,
    signer: LinkSigner,
    link_for: Callable[[str], str],
    site_name: str,
) -> None:
    """E-mails a reset link if the address belongs to an active person; says nothing either way."""
    user = session.scalar(User.by_email(email))
    if user is None or not user.is_active:
        return
    token = signer.sign(user.id, user.email_key, user.password_hash)
    queue_email(
        session,
        # One message per password state and minute, so double-clicks do not send two.
        dedupe_key=f"reset:{user.id}:{token.rsplit('.', 2)[0][-16:]}:{utcnow():%Y%m%d%H%M}",
        to_address=user.email,
        subject=f"Reset your {site_name} password",
        body=(
            f"Hello {user.display_name},\n\n"
            f"Someone (we hope you) asked to reset your password on {site_name}.\n"
            f"Choose a new one here (the link works for {signer.max_age_seconds // 60} minutes "
            f"and only once):\n\n{link_for(token)}\n\n"
            "If you did not ask, ignore this message; your password stays as it is.\n"
        ),
    )


def user_for_reset(session: Session, signer: LinkSigner, token: str) -> User:
    return _user_for_link(session, signer, token)


def revoke_sign_ins(session: Session, user: User, *, keep_session_id: int | None = None) -> None:
    session.execute(
        update(LoginSession)
        .where(
            LoginSession.user_id == user.id,
            LoginSession.revoked_at.is_(None),
            LoginSession.id != (keep_session_id or -1),
        )
        .values(revoked_at=utcnow())
    )


def reset_password(
    session: Session, passwords: Passwords, signer: LinkSigner, token: str, *, password: str
) -> User:
    """Sets the new password and signs the person out everywhere else."""
    user = _user_for_link(session, signer, token)
    problem = password_problem(password, email=user.email, name=user.display_name)
    if problem:
        raise ValidationFailed(problem)
    user.password_hash = passwords.hash(password)
    revoke_sign_ins(session, user)
    record_event(
        session, "user:password_reset", actor=user, subject_type="user", subject_id=user.id
    )
    session.flush()
    return user


def change_password(
    session: Session,
    passwords: Passwords,
    user: User,
    *,
    current_password: str,
    new_password: str,
    keep_session_id: int | None,
) -> None:
    if not passwords.verify(user.password_hash, current_password):
        raise ValidationFailed("Your current password is not right.")
    problem = password_problem(new_password, email=user.email, name=user.display_name)
    if problem:
        raise ValidationFailed(problem)
    user.password_hash = passwords.hash(new_password)
    revoke_sign_ins(session, user, keep_session_id=keep_session_id)
    record_event(
        session, "user:password_changed", actor=user, subject_type="user", subject_id=user.id
    )
    session.flush()


def update_profile(
    session: Session, user: User, *, display_name: str, email: str, bio: str
) -> None:
    """What a person edits about themselves: the name they are credited with, address and bio."""
    display_name = display_name.strip()
    if not display_name:
        raise ValidationFailed(
            "Your name cannot be empty: it is how your translations are credited."
        )
    email = _clean_email(email)
    _ensure_email_free(session, email, except_user_id=user.id)
    user.display_name = display_name
    user.email = email
    user.email_key = email_key(email)
    user.bio = bio.strip()
    record_event(
        session, "user:profile_updated", actor=user, subject_type="user", subject_id=user.id
    )
    session.flush()


def update_person(
    session: Session,
    actor: User,
    person: User,
    *,
    display_name: str,
    email: str,
    roles: Iterable[Role],
    pairs: Iterable[PairSpec],
    capacity: int,
) -> None:
    """A coordinator's edit of someone's roles, language pairs and capacity."""
    if not can_edit_person(actor, person):
        raise PermissionDenied("Only an admin can edit an admin.")
    roles = set(roles)
    for role in roles ^ person.roles:
        if not can_grant_role(actor, role):
            raise PermissionDenied(f"Only an admin can give or take the {role.value} role.")
    if actor.id == person.id and actor.is_admin and Role.ADMIN not in roles:
        raise ValidationFailed("You cannot remove your own admin role; ask another admin.")
    display_name = display_name.strip()
    if not display_name:
        raise ValidationFailed("A person needs a name to be credited with.")
    email = _clean_email(email)
    _ensure_email_free(session, email, except_user_id=person.id)
    _check_capacity(capacity)
    before = {"roles": sorted(person.roles), "pairs": [p.label for p in person.language_pairs]}
    person.display_name = display_name
    person.email = email
    person.email_key = email_key(email)
    person.capacity = capacity
    _set_roles(person, roles)
    _set_pairs(person, pairs)
    session.flush()
    record_event(
        session,
        "user:updated",
        actor=actor,
        subject_type="user",
        subject_id=person.id,
        before=before,
        after={"roles": sorted(person.roles), "pairs": [p.label for p in person.language_pairs]},
    )


def set_active(session: Session, actor: User, person: User, *, active: bool) -> None:
    """Deactivating signs the person out and disables their tokens; their work stays credited."""
    if not can_deactivate_person(actor, person):
        raise PermissionDenied("You cannot change whether this person is active.")
    if person.is_active == active:
        return
    person.is_active = active
    if not active:
        revoke_sign_ins(session, person)
        session.execute(
            update(ApiToken)
            .where(ApiToken.user_id == person.id, ApiToken.revoked_at.is_(None))
            .values(revoked_at=utcnow())
        )
    record_event(
        session,
        "user:reactivated" if active else "user:deactivated",
        actor=actor,
        subject_type="user",
        subject_id=person.id,
    )
    session.flush()


def get_person(session: Session, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise NotFound("There is no such person.")
    return user


def search_people(
    session: Session,
    *,
    text: str = "",
    role: Role | None = None,
    language: str = "",
    include_inactive: bool = False,
    page: int = 1,
    per_page: int = 50,
) -> Page[User]:
    """People by name or address, role and language, in alphabetical order, one page at a time."""
    query = select(User)
    if text.strip():
        pattern = f"%{text.strip().casefold()}%"
        query = query.where(
            or_(func.lower(User.display_name).like(pattern), User.email_key.like(pattern))
        )
    if role is not None:
        query = query.where(User.id.in_(select(UserRole.user_id).where(UserRole.role == role)))
    if language.strip():
        code = language.strip()
        query = query.where(
            User.id.in_(
                select(LanguagePair.user_id).where(
                    or_(LanguagePair.source_language == code, LanguagePair.target_language == code)
                )
            )
        )
    if not include_inactive:
        query = query.where(User.is_active.is_(True))
    return paginate(
        session,
        query,
        User.sort_key,
        User.id,
        page=page,
        per_page=per_page,
    )
