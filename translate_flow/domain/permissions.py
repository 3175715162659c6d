"""Who may do what: one predicate per action, used by views, the API and templates alike.

The predicates on a translation ask the workflow table (`domain.workflow`) with the facts the
objects already carry (`domain.standing`), so a template may call them per row without a query.
"""

from translate_flow.domain.models import ApiToken, Comment, Role, Translation, User
from translate_flow.domain.standing import holders, standing
from translate_flow.domain.workflow import Action, EditRole, available_actions, may_edit

PEOPLE_MANAGERS = (Role.COORDINATOR, Role.ADMIN)


def _active(user: User | None) -> bool:
    return user is not None and user.is_authenticated and user.is_active


def can_manage_people(user: User | None) -> bool:
    """List, search, invite and edit volunteers."""
    return _active(user) and user is not None and user.has_role(*PEOPLE_MANAGERS)


def can_edit_person(actor: User | None, person: User) -> bool:
    """Coordinators edit anyone but admins; only an admin edits an admin."""
    if not can_manage_people(actor) or actor is None:
        return False
    return actor.is_admin or not person.is_admin


def can_grant_role(actor: User | None, role: Role) -> bool:
    """Coordinators hand out the volunteer roles and their own; admin rights come from an admin."""
    if not can_manage_people(actor) or actor is None:
        return False
    return actor.is_admin or role != Role.ADMIN


def can_deactivate_person(actor: User | None, person: User) -> bool:
    """Nobody locks themselves out by accident."""
    return can_edit_person(actor, person) and actor is not None and actor.id != person.id


def can_read_outbox(user: User | None) -> bool:
    return _active(user) and user is not None and user.is_admin


def can_revoke_token(user: User | None, token: ApiToken) -> bool:
    return _active(user) and user is not None and (token.user_id == user.id or user.is_admin)


def can_manage_articles(user: User | None) -> bool:
    """Bring articles in (paste, upload, URL, feeds), correct sources, manage outlets."""
    return _active(user) and user is not None and user.has_role(*PEOPLE_MANAGERS)


def can_view_articles(user: User | None) -> bool:
    """Everyone on the desk reads the sources they may be asked to translate."""
    return _active(user)


def can_coordinate_translations(user: User | None) -> bool:
    """Assign translations and run the coordinator board."""
    return _active(user) and user is not None and user.has_role(*PEOPLE_MANAGERS)


def can_translate_articles(user: User | None) -> bool:
    """Claim from the pool and translate: the translator's part of the desk."""
    return _active(user) and user is not None and user.has_role(Role.TRANSLATOR)


def can_review_translations(user: User | None) -> bool:
    """Take submitted work for review, in the pairs the person may review."""
    return _active(user) and user is not None and user.has_role(Role.REVIEWER)


def fireable_actions(user: User | None, translation: Translation) -> list[Action]:
    """The actions whose who-and-state checks pass for the person now, in the table's order.

    The guards (capacity, empty segments, reasons) are left to firing, which refuses with
    the reason; a button is offered when only a guard could stop it.
    """
    if not _active(user) or user is None:
        return []
    return available_actions(standing(user, translation), holders(translation))


def can_fire(user: User | None, translation: Translation, action: Action | str) -> bool:
    """Whether the person is offered `action` on the translation now (see `fireable_actions`)."""
    return Action(action) in fireable_actions(user, translation)


def can_approve_own_work(user: User | None, translation: Translation) -> bool:
    """A coordinator may approve a translation of their own, giving a reason that stays in
    the history (the workflow's own-work guard); anyone else leaves it to another reviewer."""
    if not _active(user) or user is None:
        return False
    return translation.translator_id == user.id and standing(user, translation).coordinates


def can_preview_publication(user: User | None, translation: Translation) -> bool:
    """Whoever may publish the pair (the workflow's publishers) may see the public page
    beforehand: coordinators, and reviewers granted publishing rights for the pair."""
    if not _active(user) or user is None:
        return False
    actor = standing(user, translation)
    return actor.coordinates or (actor.publishes_pair and Role.REVIEWER in actor.roles)


def can_edit_text(user: User | None, translation: Translation) -> bool:
    """Whether the person may change the translated text now (the workflow's `may_edit`)."""
    if not _active(user) or user is None:
        return False
    return may_edit(standing(user, translation), holders(translation)).allowed


def can_check_segments(user: User | None, translation: Translation) -> bool:
    """Mark segments "checked": the reviewer who holds the review, while it is in review."""
    if not _active(user) or user is None:
        return False
    return may_edit(standing(user, translation), holders(translation)).role is EditRole.REVIEWER


def can_decide_due_date(user: User | None, translation: Translation) -> bool:
    """Accept or decline a reviewer's proposed due date: the due date is the coordinator's."""
    return can_coordinate_translations(user) and translation.proposed_due_at is not None


def can_read_review_changes(user: User | None, translation: Translation) -> bool:
    """What the reviewer changed is shown to the translator, the reviewer and coordinators."""
    if not _active(user) or user is None:
        return False
    return user.id in (
        translation.translator_id,
        translation.reviewer_id,
    ) or can_coordinate_translations(user)


def can_comment(user: User | None) -> bool:
    """Everyone on the desk may comment on a translation they can read."""
    return _active(user)


def can_resolve_comment(user: User | None, translation: Translation, thread: Comment) -> bool:
    """The thread's author, the translation's translator and reviewer, and coordinators."""
    if not _active(user) or user is None:
        return False
    return user.id in (
        thread.author_id,
        translation.translator_id,
        translation.reviewer_id,
    ) or can_coordinate_translations(user)


def can_moderate_comments(user: User | None) -> bool:
    """Approve, answer and delete readers' comments on the public site."""
    return _active(user) and user is not None and user.has_role(*PEOPLE_MANAGERS)
