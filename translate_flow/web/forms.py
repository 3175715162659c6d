"""Form pieces shared by several areas."""

from typing import Any

from flask_wtf import FlaskForm
from wtforms import BooleanField, Form, SelectMultipleField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from translate_flow.languages import is_known
from translate_flow.models import Role
from translate_flow.services.people import PairSpec


class ActionForm(FlaskForm):
    """A form with nothing but the CSRF token, for buttons that change something."""


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
