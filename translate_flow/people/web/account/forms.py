from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, EqualTo, Length

from translate_flow.core.passwords import MIN_PASSWORD_LENGTH
from translate_flow.domain.models import EmailPreference


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


class NotificationSettingsForm(FlaskForm):
    email_notifications = SelectField(
        "E-mail me about notifications",
        choices=[
            SelectChoice(EmailPreference.IMMEDIATE.value, "At once, one e-mail for each"),
            SelectChoice(EmailPreference.DIGEST.value, "In a daily digest"),
            SelectChoice(EmailPreference.OFF.value, "Never: I read them on the site"),
        ],
        # No "required" marker: the list always has one chosen, and only these are valid.
        description="Every notification is also listed on the Notifications page.",
    )
