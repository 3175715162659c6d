from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, Length

from translate_flow.core.passwords import MIN_PASSWORD_LENGTH


class SignInForm(FlaskForm):
    email = EmailField("E-mail address", validators=[DataRequired(), Length(max=320)])
    password = PasswordField("Password", validators=[DataRequired(), Length(max=1024)])


class NewPasswordMixin:
    password = PasswordField(
        "New password",
        validators=[DataRequired(), Length(min=MIN_PASSWORD_LENGTH, max=1024)],
        description=(
            f"At least {MIN_PASSWORD_LENGTH} characters. A few unrelated words make a good one."
        ),
    )
    confirm = PasswordField(
        "Repeat the password",
        validators=[DataRequired(), EqualTo("password", message="The two passwords differ.")],
    )


class AcceptInvitationForm(NewPasswordMixin, FlaskForm):
    display_name = StringField(
        "Your name",
        validators=[DataRequired(), Length(max=120)],
        description="As it will appear on the translations you publish.",
    )


class ForgotPasswordForm(FlaskForm):
    email = EmailField(
        "E-mail address",
        validators=[DataRequired(), Email(check_deliverability=False), Length(max=320)],
    )


class ResetPasswordForm(NewPasswordMixin, FlaskForm):
    pass
