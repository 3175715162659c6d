"""The translation workflow: every action, the states it leaves from, the state it goes to,
who may fire it and what must hold. Pure: no database, no Flask; the services feed it facts.

Checks run in a fixed order, so that answers are predictable: who, then the state, then the
guards in the order of their row. A refusal says which kind it is (`Refusal`); the workflow
feature raises the matching error (`translate_flow.workflow.transitions.refusal_error`).
"""

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from translate_flow.domain.models.people import Role
from translate_flow.domain.models.translations import TranslationState

S = TranslationState
COORDINATING = frozenset({Role.COORDINATOR, Role.ADMIN})


class Action(StrEnum):
    CLAIM = "claim"  # a translator takes an open item from the pool
    ASSIGN = "assign"  # a coordinator gives it to a translator (or hands it on)
    RELEASE = "release"  # the translator gives it back to the pool
    SUBMIT = "submit"
    CLAIM_REVIEW = "claim_review"  # a reviewer takes a submitted item to review
    RELEASE_REVIEW = "release_review"
    REQUEST_CHANGES = "request_changes"
    APPROVE = "approve"
    PUBLISH = "publish"
    UNPUBLISH = "unpublish"
    REOPEN = "reopen"  # a published (or unpublished) translation goes back to draft
    WITHDRAW = "withdraw"
    RESTORE = "restore"  # a withdrawn item goes back to the pool


class Refusal(StrEnum):
    """Why the table says no. Each kind becomes one error of `core.errors` when raised."""

    WHO = "who"  # this person may not do this (PermissionDenied, 403)
    STATE = "state"  # not from the state the translation is in (Conflict, 409)
    RULE = "rule"  # a rule of the desk holds it back: capacity, empty segments (Conflict, 409)
    INPUT = "input"  # something the person must send is missing (ValidationFailed, 400)


# The HTTP status each kind of refusal answers with, as `core.errors` gives it to the error
# the workflow feature raises for it; `Decision.status` reads it for callers that compare
# numbers. tests/unit/test_workflow_refusals.py keeps the two in step.
REFUSAL_STATUS = {Refusal.WHO: 403, Refusal.STATE: 409, Refusal.RULE: 409, Refusal.INPUT: 400}


def answer_status(refusal: Refusal | None) -> int:
    """The HTTP status of the answer to a decision: 200 when nothing refuses it."""
    return 200 if refusal is None else REFUSAL_STATUS[refusal]


class ChangeReason(StrEnum):
    """Why a reviewer sends a translation back; the list reviewers choose from."""

    ACCURACY = "accuracy"
    OMISSION = "omission"
    TERMINOLOGY = "terminology"
    STYLE = "style"
    HEADLINE = "headline"
    OTHER = "other"


@dataclass(frozen=True)
class Actor:
    """The person firing an action, as far as the workflow needs to know them."""

    id: int
    roles: frozenset[Role]
    translates_pair: bool = False  # has the translation's language pair
    reviews_pair: bool = False  # may review that pair
    publishes_pair: bool = False  # has been granted publishing rights for that pair
    open_items: int = 0  # translations they hold in draft
    capacity: int = 0

    @property
    def coordinates(self) -> bool:
        return not self.roles.isdisjoint(COORDINATING)


@dataclass(frozen=True)
class Situation:
    """The facts of the translation an action is fired on."""

    state: TranslationState
    translator_id: int | None = None
    reviewer_id: int | None = None
    untranslated: int = 0  # segments neither translated nor marked "leave untranslated"


@dataclass(frozen=True)
class Request:
    """What the person sent with the action."""

    reason: str = ""  # free text: required to withdraw, explains a change request
    change_reason: ChangeReason | None = None
    override: str = ""  # a coordinator's written reason to approve their own translation


@dataclass(frozen=True)
class Decision:
    refusal: Refusal | None = None  # None: allowed
    message: str = ""  # why it is refused, for the person
    target: TranslationState | None = None  # where an allowed action leads
    overridden: bool = False  # a coordinator approved their own translation, with a reason

    @property
    def allowed(self) -> bool:
        return self.refusal is None

    @property
    def status(self) -> int:
        return answer_status(self.refusal)


Check = Callable[[Actor, Situation, Request], str | None]  # a refusal message, or None


def _holder(actor: Actor, situation: Situation) -> bool:
    return situation.translator_id == actor.id


def _reviewer(actor: Actor, situation: Situation) -> bool:
    return actor.reviews_pair and Role.REVIEWER in actor.roles


def _publisher(actor: Actor, situation: Situation) -> bool:
    """Coordinators, and reviewers granted publishing rights for the pair."""
    return actor.coordinates or (actor.publishes_pair and _reviewer(actor, situation))


@dataclass(frozen=True)
class Transition:
    action: Action
    sources: frozenset[TranslationState]
    target: TranslationState
    who: str  # for people: shown in refusals and in the README's table
    may: Callable[[Actor, Situation], bool]
    # (message-or-None check, the kind of refusal when it refuses)
    guards: tuple[tuple[Check, Refusal], ...] = ()
    snapshot: bool = False  # the text matters here: freeze it

    def describe_sources(self) -> str:
        return ", ".join(sorted(state.value for state in self.sources))

    @property
    def weighs_capacity(self) -> bool:
        """Whether a guard counts the items the person holds: they must be counted under a
        lock, or two actions by one person at once could both pass."""
        return any(check is _within_capacity for check, _kind in self.guards)


def _within_capacity(actor: Actor, _s: Situation, _r: Request) -> str | None:
    if actor.open_items >= actor.capacity:
        return (
            f"You already have {actor.open_items} item(s) in progress, your capacity. "
            "Submit or release one first, or ask a coordinator to raise it."
        )
    return None


def _all_translated(_a: Actor, situation: Situation, _r: Request) -> str | None:
    if situation.untranslated:
        return (
            f"{situation.untranslated} segment(s) are still empty. Translate them, or mark "
            "them “leave untranslated”, before submitting."
        )
    return None


def _change_reason_given(_a: Actor, _s: Situation, request: Request) -> str | None:
    if request.change_reason is None:
        return "Say why changes are needed: " + ", ".join(r.value for r in ChangeReason) + "."
    if request.change_reason == ChangeReason.OTHER and not request.reason.strip():
        return "Describe the changes needed when the reason is “other”."
    return None


def _reason_given(_a: Actor, _s: Situation, request: Request) -> str | None:
    return None if request.reason.strip() else "Give a reason; it stays in the history."


def _not_own_work(actor: Actor, situation: Situation, request: Request) -> str | None:
    if actor.id != situation.translator_id:
        return None
    if actor.coordinates and request.override.strip():
        return None  # a visible, recorded override
    if actor.coordinates:
        return (
            "You translated this yourself. Another reviewer should approve it; to approve it "
            "anyway, give a written reason, which stays visible in the history."
        )
    return "You cannot approve your own translation; another reviewer will."


def _no_other_reviewer(actor: Actor, situation: Situation, _r: Request) -> str | None:
    if situation.reviewer_id not in (None, actor.id):
        return "Someone else is already reviewing this translation."
    return None


def _someone_reviewing(_a: Actor, situation: Situation, _r: Request) -> str | None:
    return None if situation.reviewer_id is not None else "Nobody is reviewing this yet."


def _not_the_reviewer(actor: Actor, situation: Situation, _r: Request) -> str | None:
    if actor.id == situation.reviewer_id:
        return "You are named as this item's reviewer, so someone else translates it."
    return None


def _the_review_is_theirs(actor: Actor, situation: Situation, _r: Request) -> str | None:
    # A review someone has taken is theirs to decide; coordinators may step in.
    if situation.reviewer_id not in (None, actor.id) and not actor.coordinates:
        return "Another reviewer has taken this review."
    return None


def _not_the_translator(actor: Actor, situation: Situation, _r: Request) -> str | None:
    if actor.id == situation.translator_id:
        return "You cannot review your own translation."
    return None


TRANSITIONS: dict[Action, Transition] = {
    t.action: t
    for t in (
        Transition(
            Action.CLAIM,
            frozenset({S.OPEN}),
            S.DRAFT,
            "translators of the pair",
            lambda a, s: Role.TRANSLATOR in a.roles and a.translates_pair,
            guards=((_not_the_reviewer, Refusal.RULE), (_within_capacity, Refusal.RULE)),
        ),
        Transition(
            Action.ASSIGN,
            frozenset({S.OPEN, S.DRAFT}),
            S.DRAFT,
            "coordinators",
            lambda a, s: a.coordinates,
        ),
        Transition(
            Action.RELEASE,
            frozenset({S.DRAFT}),
            S.OPEN,
            "its translator and coordinators",
            lambda a, s: _holder(a, s) or a.coordinates,
        ),
        Transition(
            Action.SUBMIT,
            frozenset({S.DRAFT}),
            S.IN_REVIEW,
            "its translator and coordinators",
            lambda a, s: _holder(a, s) or a.coordinates,
            guards=((_all_translated, Refusal.RULE),),
            snapshot=True,
        ),
        Transition(
            Action.CLAIM_REVIEW,
            frozenset({S.IN_REVIEW}),
            S.IN_REVIEW,
            "reviewers of the pair",
            _reviewer,
            guards=((_not_the_translator, Refusal.RULE), (_no_other_reviewer, Refusal.RULE)),
        ),
        Transition(
            Action.RELEASE_REVIEW,
            frozenset({S.IN_REVIEW}),
            S.IN_REVIEW,
            "its reviewer and coordinators",
            lambda a, s: s.reviewer_id == a.id or a.coordinates,
            guards=((_someone_reviewing, Refusal.RULE),),
        ),
        Transition(
            Action.REQUEST_CHANGES,
            frozenset({S.IN_REVIEW}),
            S.DRAFT,
            "reviewers of the pair and coordinators",
            lambda a, s: _reviewer(a, s) or a.coordinates,
            guards=(
                (_change_reason_given, Refusal.INPUT),
                (_not_the_translator, Refusal.RULE),
                (_the_review_is_theirs, Refusal.RULE),
            ),
            snapshot=True,
        ),
        Transition(
            Action.APPROVE,
            frozenset({S.IN_REVIEW}),
            S.APPROVED,
            "reviewers of the pair and coordinators",
            lambda a, s: _reviewer(a, s) or a.coordinates,
            guards=((_not_own_work, Refusal.WHO), (_the_review_is_theirs, Refusal.RULE)),
            snapshot=True,
        ),
        Transition(
            Action.PUBLISH,
            frozenset({S.APPROVED}),
            S.PUBLISHED,
            "coordinators and reviewers with publishing rights for the pair",
            _publisher,
            snapshot=True,
        ),
        Transition(
            Action.UNPUBLISH,
            frozenset({S.PUBLISHED}),
            S.UNPUBLISHED,
            "coordinators and reviewers with publishing rights for the pair",
            _publisher,
            guards=((_reason_given, Refusal.INPUT),),
        ),
        Transition(
            Action.REOPEN,
            frozenset({S.PUBLISHED, S.UNPUBLISHED}),
            S.DRAFT,
            "coordinators and reviewers with publishing rights for the pair",
            _publisher,
            guards=((_reason_given, Refusal.INPUT),),
        ),
        Transition(
            Action.WITHDRAW,
            frozenset({S.OPEN, S.DRAFT, S.IN_REVIEW, S.APPROVED}),
            S.WITHDRAWN,
            "coordinators",
            lambda a, s: a.coordinates,
            guards=((_reason_given, Refusal.INPUT),),
        ),
        Transition(
            Action.RESTORE,
            frozenset({S.WITHDRAWN}),
            S.OPEN,
            "coordinators",
            lambda a, s: a.coordinates,
        ),
    )
}

STATE_WORDS = {
    S.OPEN: "open in the pool",
    S.DRAFT: "being translated",
    S.IN_REVIEW: "in review",
    S.APPROVED: "approved",
    S.PUBLISHED: "published",
    S.UNPUBLISHED: "unpublished",
    S.WITHDRAWN: "withdrawn",
}


def decide(action: Action, actor: Actor, situation: Situation, request: Request) -> Decision:
    """Whether `actor` may fire `action` now, and where it leads; never raises."""
    transition = TRANSITIONS[action]
    if not actor.roles:  # deactivated: holding an item gives no rights any more
        return Decision(Refusal.WHO, "Your account is deactivated.")
    if not transition.may(actor, situation):
        return Decision(
            Refusal.WHO, f"Only {transition.who} may {action.value.replace('_', ' ')} this."
        )
    if situation.state not in transition.sources:
        return Decision(
            Refusal.STATE,
            f"This translation is {STATE_WORDS[situation.state]}, so it cannot be "
            f"{PAST[action]} now.",
        )
    for check, kind in transition.guards:
        message = check(actor, situation, request)
        if message is not None:
            return Decision(kind, message)
    overridden = action == Action.APPROVE and actor.id == situation.translator_id
    return Decision(target=transition.target, overridden=overridden)


PAST = {
    Action.CLAIM: "claimed",
    Action.ASSIGN: "assigned",
    Action.RELEASE: "released",
    Action.SUBMIT: "submitted",
    Action.CLAIM_REVIEW: "taken for review",
    Action.RELEASE_REVIEW: "released from review",
    Action.REQUEST_CHANGES: "sent back for changes",
    Action.APPROVE: "approved",
    Action.PUBLISH: "published",
    Action.UNPUBLISH: "unpublished",
    Action.REOPEN: "reopened",
    Action.WITHDRAW: "withdrawn",
    Action.RESTORE: "restored",
}


def available_actions(actor: Actor, situation: Situation) -> list[Action]:
    """Actions whose who-and-state checks pass (guards may still refuse, with a reason).

    Review hand-offs that could only be refused, or do nothing, are left out: there is no
    review to release, or the review is taken already (by someone else, or by them).
    """
    if not actor.roles:  # deactivated
        return []
    pointless = set()
    if situation.reviewer_id is None:
        pointless.add(Action.RELEASE_REVIEW)
    else:
        # Taken already, by them or by someone else: "Take for review" and "Release the
        # review" are never offered together (issue 16).
        pointless.add(Action.CLAIM_REVIEW)
    return [
        action
        for action, transition in TRANSITIONS.items()
        if situation.state in transition.sources
        and transition.may(actor, situation)
        and action not in pointless
    ]


# --- Editing the text -----------------------------------------------------------------------


class EditRole(StrEnum):
    """In what capacity someone edits: it decides the origin their revisions record."""

    TRANSLATOR = "translator"
    REVIEWER = "reviewer"
    COORDINATOR = "coordinator"


@dataclass(frozen=True)
class EditDecision:
    role: EditRole | None  # None: refused
    refusal: Refusal | None = None  # the kind, when refused
    message: str = ""

    @property
    def allowed(self) -> bool:
        return self.role is not None

    @property
    def status(self) -> int:
        return answer_status(self.refusal)


def may_edit(actor: Actor, situation: Situation) -> EditDecision:
    """Who writes the text when: the translator in draft, the reviewer who took the review
    while in review, coordinators in either; nobody once it is approved (reopen to correct).

    Like `decide`: who first, then the state.
    """
    if not actor.roles:
        return EditDecision(None, Refusal.WHO, "Your account is deactivated.")
    if situation.state == S.OPEN and (actor.coordinates or actor.translates_pair):
        return EditDecision(
            None, Refusal.STATE, "Nobody has this translation yet: claim it to translate."
        )
    holder = _holder(actor, situation)
    taken_review = situation.reviewer_id == actor.id and not holder
    involved = actor.coordinates or holder or taken_review or _reviewer(actor, situation)
    if not involved:
        return EditDecision(
            None,
            Refusal.WHO,
            "Only its translator, its reviewer and coordinators edit this translation.",
        )
    if situation.state == S.DRAFT:
        if holder:
            return EditDecision(EditRole.TRANSLATOR)
        if actor.coordinates:
            return EditDecision(EditRole.COORDINATOR)
        return EditDecision(
            None,
            Refusal.STATE,
            "This translation is with its translator; you can edit it in review.",
        )
    if situation.state == S.IN_REVIEW:
        if taken_review:
            return EditDecision(EditRole.REVIEWER)
        if actor.coordinates:
            return EditDecision(EditRole.COORDINATOR)
        if holder:
            return EditDecision(
                None,
                Refusal.STATE,
                "It is in review: you can edit again if the reviewer sends it back.",
            )
        if situation.reviewer_id is None:
            return EditDecision(None, Refusal.STATE, "Take it for review first, then edit it.")
        return EditDecision(None, Refusal.RULE, "Another reviewer has taken this review.")
    if situation.state == S.OPEN:
        return EditDecision(
            None, Refusal.STATE, "Nobody has this translation yet; a translator claims it."
        )
    if situation.state in (S.PUBLISHED, S.UNPUBLISHED):
        return EditDecision(
            None,
            Refusal.STATE,
            f"It is {STATE_WORDS[situation.state]}: reopen it for corrections first.",
        )
    return EditDecision(
        None,
        Refusal.STATE,
        f"This translation is {STATE_WORDS[situation.state]}, so its text is final.",
    )
