"""Forms of the machine-translation admin page."""

from flask_wtf import FlaskForm
from wtforms import HiddenField, PasswordField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from translate_flow.core.web.forms import WholeNumberField
from translate_flow.machine import operations
from translate_flow.machine.pair_settings import DEFAULT_PRIORITY, MAX_PRIORITY

MODE_CHOICES = [
    SelectChoice("off", "Off: no text is sent"),
    SelectChoice("suggestions", "Suggestions only"),
    SelectChoice("drafts", "Suggestions and whole-article drafts"),
]


class AddEngineForm(FlaskForm):
    kind = SelectField("Kind", choices=[], validators=[DataRequired(message="Choose a kind.")])
    label = StringField(
        "Name shown to translators",
        validators=[Optional(), Length(max=operations.MAX_LABEL)],
        description="The kind’s own name when left empty.",
    )
    endpoint = StringField(
        "Address",
        validators=[Optional(), Length(max=operations.MAX_ENDPOINT)],
        description="The server’s base URL, e.g. http://127.0.0.1:2737 for apertium-apy. "
        "Empty: the provider’s own address, for those that have one.",
    )
    key = PasswordField(
        "Key",
        validators=[Optional(), Length(max=operations.MAX_KEY)],
        description="Kept by the desk and sent only to this engine; never shown again in full.",
    )
    model = StringField(
        "Model or project",
        validators=[Optional(), Length(max=operations.MAX_MODEL)],
        description="The model of an OpenAI-compatible server; the project id for Google.",
    )


class EngineForm(FlaskForm):
    """A button acting on one engine the admin page added."""

    engine_id = WholeNumberField(validators=[InputRequired(), NumberRange(min=1)])


class PairForm(FlaskForm):
    """An engine's mode and order for one pair."""

    engine = HiddenField(validators=[DataRequired(), Length(max=40)])
    pair = SelectField("Language pair", choices=[], validators=[DataRequired()])
    mode = SelectField("Mode", choices=MODE_CHOICES, validators=[DataRequired()])
    priority = WholeNumberField(
        "Order",
        default=DEFAULT_PRIORITY,
        validators=[InputRequired(), NumberRange(min=0, max=MAX_PRIORITY)],
        description="Lower first among the pair’s engines.",
    )
