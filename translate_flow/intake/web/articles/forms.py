"""Forms for bringing an article in, correcting it, finding it."""

from typing import Any

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (
    DateField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
    URLField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError
from wtforms.widgets import HiddenInput

from translate_flow.core.web.forms import within_calendar
from translate_flow.domain.models import ArticleStatus, Priority
from translate_flow.intake.formats import BodyFormat
from translate_flow.text.languages import is_known

FORMAT_CHOICES = [
    SelectChoice(BodyFormat.TEXT.value, "Plain text"),
    SelectChoice(BodyFormat.MARKDOWN.value, "Markdown"),
    SelectChoice(BodyFormat.HTML.value, "HTML"),
]
PRIORITY_CHOICES = [SelectChoice(str(p.value), p.label) for p in reversed(Priority)]


def _language_code(_form: Any, field: StringField) -> None:
    if field.data and not is_known(field.data.strip()):
        raise ValidationError(f"“{field.data}” is not a language code we know (e.g. ja, ar, zh).")


class ArticleForm(FlaskForm):
    title = StringField("Title", validators=[DataRequired(), Length(max=500)])
    standfirst = TextAreaField(
        "Standfirst",
        validators=[Optional(), Length(max=2000)],
        render_kw={"rows": 2},
        description="The summary under the headline, if the original has one.",
    )
    body = TextAreaField(
        "Article text",
        validators=[Optional()],
        render_kw={"rows": 16},
        description="Paste the article; paragraphs are separated by blank lines.",
    )
    body_format = RadioField("The text is", choices=FORMAT_CHOICES, default=BodyFormat.TEXT.value)
    upload = FileField(
        "…or upload a file",
        description=".txt, .md, .html or .docx, up to 5 MB; it replaces the text above.",
    )
    source_language = StringField(
        "Source language",
        validators=[DataRequired(), Length(max=20), _language_code],
        render_kw={"list": "language-codes", "size": 8},
    )
    outlet_id = SelectField("Outlet", choices=[], validators=[Optional()])
    author = StringField("Author", validators=[Optional(), Length(max=200)])
    source_url = URLField("Original URL", validators=[Optional(), Length(max=2000)])
    published_on = DateField("Published on", validators=[Optional(), within_calendar])
    priority = SelectField("Priority", choices=PRIORITY_CHOICES, default=str(Priority.NORMAL.value))
    tags = StringField(
        "Tags", validators=[Optional(), Length(max=1000)], description="Separated by commas."
    )
    notes = TextAreaField(
        "Notes for translators", validators=[Optional(), Length(max=5000)], render_kw={"rows": 3}
    )
    # Set when the article comes from the feed inbox, so saving it closes the suggestion.
    suggestion_id = IntegerField(
        widget=HiddenInput(), validators=[Optional(), NumberRange(1, 2**31 - 1)]
    )


class NewArticleForm(ArticleForm):
    """A new article, and optionally who translates and reviews it and by when ("Save and
    assign"). The assignment's fields are required only for that button (see the view)."""

    # Checked by the workflow on assigning (role, pair, capacity), not against the choices:
    # the same refusal, in the same words, as on the assign screen.
    assign_translator_id = SelectField(
        "Translator", choices=[], validators=[Optional()], validate_choice=False
    )
    assign_reviewer_id = SelectField(
        "Reviewer", choices=[], validators=[Optional()], validate_choice=False
    )
    assign_due_on = DateField(
        "Due on",
        validators=[Optional(), within_calendar],
        description="Due at the end of that day (UTC).",
    )
    assign_target_language = SelectField(
        "Into", choices=[], validators=[Optional()], validate_choice=False
    )


class CorrectionForm(ArticleForm):
    note = StringField(
        "What was corrected",
        validators=[Optional(), Length(max=500)],
        description="Shown in the article's history, e.g. “The outlet fixed a quote.”",
    )


class ImportForm(FlaskForm):
    url = URLField("Address of the article", validators=[DataRequired(), Length(max=2000)])


class ArticleFilterForm(FlaskForm):
    class Meta:
        csrf = False

    q = StringField("Search", validators=[Optional(), Length(max=200)])
    language = StringField(
        "Language", validators=[Optional(), Length(max=20)], render_kw={"list": "language-codes"}
    )
    # Not checked against its thousand choices on every listing: the view ignores an id
    # that is not a number, and an unknown one just finds nothing.
    outlet = SelectField("Outlet", choices=[], validators=[Optional()], validate_choice=False)
    country = StringField("Country", validators=[Optional(), Length(max=2)])
    status = SelectField(
        "State",
        choices=[
            SelectChoice(ArticleStatus.ACTIVE.value, "On the desk"),
            SelectChoice(ArticleStatus.ARCHIVED.value, "Archived"),
            SelectChoice("any", "Any"),
        ],
        default=ArticleStatus.ACTIVE.value,
        validators=[Optional()],
    )
    priority = SelectField(
        "Priority", choices=[SelectChoice("", "Any"), *PRIORITY_CHOICES], validators=[Optional()]
    )
    tag = StringField("Tag", validators=[Optional(), Length(max=60)])
    published_from = DateField("Published from", validators=[Optional()])
    published_to = DateField("to", validators=[Optional()])
