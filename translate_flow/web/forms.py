"""Form pieces shared by several areas."""

from datetime import date
from typing import Any

from flask_wtf import FlaskForm
from wtforms import BooleanField, Field, Form, IntegerField, SelectMultipleField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from translate_flow.input_ranges import CALENDAR, MAX_INTEGER, in_calendar, whole_number
from translate_flow.languages import is_known
from translate_flow.models import Role
from translate_flow.services.people import PairSpec


class ActionForm(FlaskForm):
    """A form with nothing but the CSRF token, for buttons that change something."""


class WholeNumberField(IntegerField):
    """A number typed or sent by the page: ASCII digits, no more than an INTEGER column holds.

    WTForms' IntegerField reads any length and any Unicode digit, and a number past the
    column's range then fails in the database rather than on the form.
    """

    def process_formdata(self, valuelist: list[Any]) -> None:
        if not valuelist:
            return
        try:
            self.data = whole_number(valuelist[0])
        except ValueError as error:
            # The form then fails validation with this message; `data` stays the default.
            raise ValueError(f"Give a whole number from 0 to {MAX_INTEGER:,}.") from error


def within_calendar(_form: Form, field: Field) -> None:
    """A date (or date and time) in the years the desk accepts; see `input_ranges`."""
    if isinstance(field.data, date) and not in_calendar(field.data):
        raise ValidationError(f"Choose a date {CALENDAR}.")


class CheckboxesField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def role_choices() -> list[SelectChoice]:
    return [SelectChoice(role.value, role.value.capitalize()) for role in Role]


def _language_code(_form: Form, field: StringField) -> None:
    if field.data and not is_known(field.data):
        raise ValidationError(f"“{field.data}” is not a language code we know (e.g. ja, ar, zh).")


class PairForm(Form):
    """One row of the language-pair table; a row with both codes empty is ignored."""

    source = StringField("From", validators=[Optional(), Length(max=20), _language_code])
    target = StringField("Into", validators=[Optional(), Length(max=20), _language_code])
    can_review = BooleanField("May review")
    can_publish = BooleanField("May publish")

    def validate(self, extra_validators: Any = None) -> bool:
        # Checked here, not per field: a field's Optional() stops its own chain when empty.
        valid = super().validate(extra_validators)
        if bool(self.source.data) != bool(self.target.data):
            empty = self.target if self.source.data else self.source
            empty.errors = [*empty.errors, "Give both languages of the pair, or neither."]
            return False
        return valid


def pairs_from(rows: list[PairForm]) -> list[PairSpec]:
    return [
        PairSpec(
            row.source.data.strip(),
            row.target.data.strip(),
            bool(row.can_review.data),
            bool(row.can_publish.data),
        )
        for row in rows
        if row.source.data and row.target.data
    ]
