"""The outlet form."""

from flask_wtf import FlaskForm
from wtforms import BooleanField, StringField, TextAreaField, URLField
from wtforms.validators import DataRequired, Length, Optional


class OutletForm(FlaskForm):
    name = StringField("Name", validators=[DataRequired(), Length(max=200)])
    language = StringField(
        "Language",
        validators=[DataRequired(), Length(max=20)],
        render_kw={"list": "language-codes", "size": 8},
        description="The language it publishes in, e.g. ja.",
    )
    country = StringField(
        "Country",
        validators=[Optional(), Length(max=2)],
        render_kw={"list": "country-codes", "size": 4},
        description="Two-letter code, e.g. JP, DE, EG.",
    )
    homepage = URLField("Homepage", validators=[Optional(), Length(max=2000)])
    feed_url = URLField(
        "Feed address",
        validators=[Optional(), Length(max=2000)],
        description="RSS or Atom; new entries appear in the feed inbox.",
    )
    notes = TextAreaField("Notes", validators=[Optional(), Length(max=5000)], render_kw={"rows": 3})
    is_active = BooleanField("Active", default=True)
