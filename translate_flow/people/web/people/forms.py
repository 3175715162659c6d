from typing import Any

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    FieldList,
    Form,
    FormField,
    IntegerField,
    SelectField,
    StringField,
    ValidationError,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, InputRequired, Length, NumberRange, Optional

from translate_flow.core.web.forms import CheckboxesField
from translate_flow.domain.models import Role
from translate_flow.people.members import PairSpec
from translate_flow.text.languages import is_known

EMPTY_PAIR_ROWS = 2


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


class PersonFields(FlaskForm):
    email = EmailField(
        "E-mail address",
        validators=[DataRequired(), Email(check_deliverability=False), Length(max=320)],
    )
    roles = CheckboxesField("Roles", choices=role_choices())
    capacity = IntegerField(
        "Capacity",
        default=3,
        validators=[InputRequired(message="Give a number from 0 to 100."), NumberRange(0, 100)],
        description="How many items this person works on at once.",
    )
    pairs = FieldList(FormField(PairForm), label="Language pairs")


class InviteForm(PersonFields):
    display_name = StringField(
        "Name",
        validators=[Optional(), Length(max=120)],
        description="Optional: they can change it when they accept.",
    )


class PersonForm(PersonFields):
    display_name = StringField("Name", validators=[DataRequired(), Length(max=120)])


class PeopleFilterForm(FlaskForm):
    class Meta:
        csrf = False

    q = StringField("Name or e-mail", validators=[Optional(), Length(max=100)])
    role = SelectField(
        "Role", choices=[SelectChoice("", "Any role"), *role_choices()], validators=[Optional()]
    )
    language = StringField("Language", validators=[Optional(), Length(max=20)])
    show = SelectField(
        "Show",
        choices=[SelectChoice("active", "Active people"), SelectChoice("all", "Also deactivated")],
        default="active",
    )


def pad_pair_rows(form: PersonFields) -> None:
    """Blank rows at the end so a pair can be added without JavaScript."""
    while (
        len(form.pairs.entries)
        < len([e for e in form.pairs.entries if e.source.data]) + EMPTY_PAIR_ROWS
    ):
        form.pairs.append_entry()
