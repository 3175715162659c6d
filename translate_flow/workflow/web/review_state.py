"""What the editor's review partials need, as one template global: `review_state`.

The editor's view belongs to editing; reviewing adds its banner, toolbar and row marks through
includes, and they ask this function (computed once per request and translation) instead of
making the editor's view pass them anything.
"""

from dataclasses import dataclass, field
from datetime import datetime

from flask import g
from wtforms.fields.choices import SelectChoice

from translate_flow.core.web.request_db import db_session
from translate_flow.domain.models import Translation, TranslationState, User, utcnow
from translate_flow.domain.permissions import (
    can_approve_own_work,
    can_check_segments,
    fireable_actions,
)
from translate_flow.domain.workflow import Action
from translate_flow.workflow import due_dates, review_marks
from translate_flow.workflow.returned import Return, last_return
from translate_flow.workflow.web.translations.forms import CHANGE_REASON_CHOICES


@dataclass(frozen=True)
class ReviewState:
    in_review: bool
    holds_review: bool  # takes "checked" marks: the reviewer who took the review
    progress: review_marks.ReviewProgress | None  # None unless in review
    actions: frozenset[Action] = frozenset()
    own_work: bool = False  # approving needs a written override: done on the translation page
    may_propose_due: bool = False  # the due date has passed or is close
    due_passed: bool = False
    returned: Return | None = None  # for the translator of work sent back
    reasons: tuple[SelectChoice, ...] = ()
    proposal: due_dates.Proposal | None = None
    now: datetime = field(default_factory=utcnow)

    def offers(self, action: str) -> bool:
        return Action(action) in self.actions

    @property
    def decides(self) -> bool:
        """Approve or send back from the editor."""
        return self.offers("approve") or self.offers("request_changes")


def review_state(translation: Translation, user: User) -> ReviewState:
    """The review as the person sees it in the editor; computed once per request."""
    cache: dict[tuple[int, int], ReviewState] = g.setdefault("review_states", {})
    key = (translation.id, user.id)
    if key not in cache:
        cache[key] = _compute(translation, user)
    return cache[key]


def _compute(translation: Translation, user: User) -> ReviewState:
    session = db_session()
    now = utcnow()
    in_review = translation.state == TranslationState.IN_REVIEW
    is_translator = translation.translator_id == user.id
    return ReviewState(
        in_review=in_review,
        holds_review=can_check_segments(user, translation),
        progress=review_marks.review_progress(session, translation) if in_review else None,
        actions=frozenset(fireable_actions(user, translation)),
        own_work=can_approve_own_work(user, translation),
        may_propose_due=due_dates.may_propose(translation, now),
        due_passed=due_dates.has_passed(translation, now),
        returned=last_return(session, translation) if is_translator else None,
        reasons=tuple(CHANGE_REASON_CHOICES),
        proposal=due_dates.pending_proposal(translation),
        now=now,
    )
