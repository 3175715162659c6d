from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, StringField, TextAreaField
from wtforms.validators import DataRequired, Email, EqualTo, Length

from translate_flow.passwords import MIN_PASSWORD_LENGTH


class ProfileForm(FlaskForm):
    display_name = StringField(
        "Name",
        validators=[DataRequired(), Length(max=120)],
        description="How your translations are credited.",
    )
    email = EmailField(
        "E-mail address",
        validators=[DataRequired(), Email(check_deliverability=False), Length(max=320)],
    )
    bio = TextAreaField(
        "Public bio",
        validators=[Length(max=2000)],
        description="Shown with your published translations. Plain text, up to 2,000 characters.",
    )


class ChangePasswordForm(FlaskForm):
    current_password = PasswordField("Current password", validators=[DataRequired()])
    new_password = PasswordField(
        "New password", validators=[DataRequired(), Length(min=MIN_PASSWORD_LENGTH, max=1024)]
    )
    confirm = PasswordField(
        "Repeat the new password",
        validators=[DataRequired(), EqualTo("new_password", message="The two passwords differ.")],
    )


class NewTokenForm(FlaskForm):
    name = StringField(
        "Token name",
        validators=[DataRequired(), Length(max=100)],
        description="What will use it, e.g. “feed importer” or “my laptop script”.",
    )
