from flask_wtf import FlaskForm
from wtforms import EmailField, FieldList, FormField, IntegerField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, InputRequired, Length, NumberRange, Optional

from translate_flow.web.forms import CheckboxesField, PairForm, role_choices

EMPTY_PAIR_ROWS = 2


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
