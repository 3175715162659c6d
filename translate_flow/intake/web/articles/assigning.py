"""“Save and assign”: a new article's translation given to a translator (and a reviewer, by a
date) in the same request that saves the article, through the workflow's own assignment."""

from collections.abc import Sequence
from datetime import UTC, date, datetime, time

from flask import current_app
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import Session

from translate_flow.core.errors import ValidationFailed
from translate_flow.core.input_ranges import whole_number_or_none
from translate_flow.core.web.addresses import site_url
from translate_flow.core.web.forms import id_choices
from translate_flow.core.web.request_db import after_commit
from translate_flow.domain.models import Article, Role, Translation, User
from translate_flow.domain.workflow import Action
from translate_flow.intake.web.articles.forms import NewArticleForm
from translate_flow.notifications import notices
from translate_flow.text.languages import get_language
from translate_flow.workflow import transitions
from translate_flow.workflow.assignment import people_with_role

SAVE_AND_ASSIGN = "save_assign"


def offer_assignment(session: Session, form: NewArticleForm, targets: Sequence[str]) -> None:
    """The people who may be chosen, and the target languages when there are several."""
    form.assign_translator_id.choices = id_choices(
        people_with_role(session, Role.TRANSLATOR), blank="Choose a translator"
    )
    form.assign_reviewer_id.choices = id_choices(
        people_with_role(session, Role.REVIEWER), blank="No reviewer yet"
    )
    form.assign_target_language.choices = [(code, get_language(code).label) for code in targets]
    if not form.assign_target_language.data and targets:
        form.assign_target_language.data = targets[0]


def assigning_fields_complete(form: NewArticleForm) -> bool:
    """“Save and assign” needs a translator and a due date; says so on the fields."""
    complete = True
    if whole_number_or_none(form.assign_translator_id.data) is None:
        form.assign_translator_id.errors = [
            *form.assign_translator_id.errors,
            "Choose who translates it, or press “Save” to assign it later.",
        ]
        complete = False
    if form.assign_due_on.data is None and not form.assign_due_on.errors:
        form.assign_due_on.errors = [*form.assign_due_on.errors, "Choose the day it is due."]
        complete = False
    return complete


def _end_of(day: date) -> datetime:
    """The end of the chosen day, UTC: "due on the 14th" includes the 14th (as on the assign
    screen)."""
    return datetime.combine(day, time(23, 59), tzinfo=UTC)


def _person(session: Session, value: str | None) -> User | None:
    number = whole_number_or_none(value)
    return session.get(User, number) if number is not None else None


def assign_new_article(session: Session, article: Article, form: NewArticleForm) -> str:
    """Assign the article's translation into the chosen language; the sentence to add to the
    page's notice. Raises the workflow's refusal (the caller rolls everything back)."""
    target = form.assign_target_language.data or ""
    translation = session.scalar(
        select(Translation).where(
            Translation.article_id == article.id, Translation.target_language == target
        )
    )
    if translation is None:
        raise ValidationFailed(
            f"The desk translates into {target or 'no such language'}: choose one of its languages."
        )
    translator = _person(session, form.assign_translator_id.data)
    if translator is None:
        raise ValidationFailed("That translator is not on the desk.")
    reviewer = _person(session, form.assign_reviewer_id.data)
    if form.assign_due_on.data is None:
        raise ValidationFailed("Choose the day it is due.")
    fired = transitions.fire(
        session,
        current_user,
        translation,
        Action.ASSIGN,
        translator=translator,
        reviewer=reviewer,
        due_at=_end_of(form.assign_due_on.data),
        claim_days=current_app.config["CLAIM_DAYS"],
    )
    notices.notify_transition(session, fired, site_url=site_url())
    after_commit("deliver_outbox")
    by = f", reviewed by {reviewer.display_name}" if reviewer is not None else ""
    return f" Assigned to {translator.display_name}{by}, due {form.assign_due_on.data:%d %B %Y}."
