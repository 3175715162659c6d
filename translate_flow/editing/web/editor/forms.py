"""Forms of the editor: the whole translation at once (without JavaScript), comments, restore."""

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    SelectField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from translate_flow.core.web.forms import WholeNumberField
from translate_flow.editing.comments import MAX_COMMENT_CHARS
from translate_flow.editing.saving import MAX_SEGMENT_CHARS


class SegmentForm(Form):
    """One row: the text, the version it was typed on, and the row's two marks."""

    segment_id = WholeNumberField(validators=[InputRequired()])
    version = WholeNumberField(validators=[InputRequired(), NumberRange(min=0)])
    text = TextAreaField(validators=[Length(max=MAX_SEGMENT_CHARS)])
    done = BooleanField("Done")
    leave_untranslated = BooleanField("Leave untranslated")


class EditorForm(FlaskForm):
    """Every segment in one form: what the page sends when JavaScript is off."""

    segments = FieldList(FormField(SegmentForm))


class CommentForm(FlaskForm):
    body = TextAreaField(
        "Comment",
        validators=[
            DataRequired(message="Write something in the comment."),
            Length(max=MAX_COMMENT_CHARS),
        ],
        render_kw={"rows": 2},
    )
    segment_id = HiddenField(validators=[Optional()])
    parent_id = HiddenField(validators=[Optional()])


class ResolveForm(FlaskForm):
    resolved = HiddenField(validators=[DataRequired()])


class RestoreForm(FlaskForm):
    base_version = WholeNumberField(validators=[InputRequired(), NumberRange(min=0)])


class CompareForm(FlaskForm):
    class Meta:
        csrf = False

    before = SelectField("From", choices=[], validators=[Optional()])
    after = SelectField("To", choices=[], validators=[Optional()])
    view = SelectField(
        "View",
        choices=[SelectChoice("inline", "Inline"), SelectChoice("side", "Side by side")],
        validators=[Optional()],
    )
