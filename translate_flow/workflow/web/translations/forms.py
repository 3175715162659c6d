"""Forms for workflow actions, assigning, and filtering the board."""

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    DateTimeLocalField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional

from translate_flow.core.web.forms import within_calendar
from translate_flow.domain.workflow import ChangeReason

CHANGE_REASON_CHOICES = [
    SelectChoice("", "Choose a reason…"),
    SelectChoice(ChangeReason.ACCURACY.value, "Accuracy"),
    SelectChoice(ChangeReason.OMISSION.value, "Omission"),
    SelectChoice(ChangeReason.TERMINOLOGY.value, "Terminology"),
    SelectChoice(ChangeReason.STYLE.value, "Style"),
    SelectChoice(ChangeReason.HEADLINE.value, "Headline"),
    SelectChoice(ChangeReason.OTHER.value, "Other"),
]


class TransitionForm(FlaskForm):
    """What any workflow button may send; the workflow decides which parts it needs."""

    change_reason = SelectField(
        "Why changes are needed", choices=CHANGE_REASON_CHOICES, validators=[Optional()]
    )
    reason = TextAreaField(
        "Reason", validators=[Optional(), Length(max=2000)], render_kw={"rows": 2}
    )
    override = StringField(
        "Why you approve your own translation",
        validators=[Optional(), Length(max=500)],
        description="Stays visible in the history.",
    )
    # With a change request only, when the due date has passed or is close (due_dates).
    proposed_due_on = DateField(
        "Propose a new due date",
        validators=[Optional(), within_calendar],
        description="The coordinator accepts or declines it; the due date stays until then.",
    )


class DueDecisionForm(FlaskForm):
    """A coordinator's answer to a proposed due date, for the date they saw."""

    decision = SelectField(
        "Decision",
        choices=[SelectChoice("accept", "Accept"), SelectChoice("decline", "Decline")],
        validators=[DataRequired()],
    )
    proposed_due_at = StringField("Proposed", validators=[DataRequired(), Length(max=40)])


class AssignForm(FlaskForm):
    translator_id = RadioField("Translator", choices=[], validators=[DataRequired()])
    reviewer_id = RadioField("Reviewer", choices=[], validators=[Optional()])
    due_on = DateField(
        "Due on",
        validators=[DataRequired(), within_calendar],
        description="Due at the end of that day (UTC).",
    )


class BoardFilterForm(FlaskForm):
    class Meta:
        csrf = False

    pair = SelectField("Language pair", choices=[], validators=[Optional()])
    outlet = SelectField("Outlet", choices=[], validators=[Optional()])
    # Checked by the view against a set of ids: WTForms' check walks every choice, and a desk
    # offers thousands of people (12 ms of each board view at 2,000).
    person = SelectField("Person", choices=[], validators=[Optional()], validate_choice=False)
    overdue = BooleanField("Overdue only")


class ScheduleForm(FlaskForm):
    publish_at = DateTimeLocalField(
        "Publish at (UTC)",
        format="%Y-%m-%dT%H:%M",
        validators=[DataRequired("Choose the day and time to publish it."), within_calendar],
    )
