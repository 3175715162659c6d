"""The reader's comment form, with a field people never see and bots fill in."""

from flask_wtf import FlaskForm
from wtforms import EmailField, StringField, TextAreaField
from wtforms.validators import DataRequired, Email, Length, Optional

from translate_flow.publishing.reader_comments import MAX_BODY, MAX_NAME


class ReaderCommentForm(FlaskForm):
    name = StringField(
        "Your name",
        validators=[DataRequired("Give a name to sign the comment with."), Length(max=MAX_NAME)],
        description="Shown with your comment.",
    )
    email = EmailField(
        "E-mail address",
        validators=[Optional(), Email("That e-mail address does not look right."), Length(max=254)],
        description="Optional, never shown; the desk may write to you about your comment.",
    )
    body = TextAreaField(
        "Comment",
        validators=[DataRequired("Write something in the comment."), Length(max=MAX_BODY)],
        render_kw={"rows": 5},
    )
    # Hidden from people by CSS and labelled to leave empty; a bot that fills every field
    # gives itself away (and is told its comment was received, so that it learns nothing).
    website = StringField("Leave this field empty", validators=[Optional()])


class ReplyForm(FlaskForm):
    body = TextAreaField(
        "Reply", validators=[DataRequired("Write something in the reply."), Length(max=MAX_BODY)]
    )
