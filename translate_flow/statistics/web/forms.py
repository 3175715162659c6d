"""The statistics page's period and filters: a GET form, read back by `period.read_filters`."""

from flask_wtf import FlaskForm
from wtforms import DateField, SelectField
from wtforms.validators import Optional


class StatisticsFilterForm(FlaskForm):
    """Renders the choices and keeps what was asked; `period.read_filters` is the one reader of
    the values (the page, its CSV and the API refuse the same input with the same words)."""

    class Meta:
        csrf = False

    # The query string's names are the API's (`from`, `to`): one address works for both.
    start = DateField("From", name="from", validators=[Optional()])
    end = DateField("To", name="to", validators=[Optional()])
    source_language = SelectField("Source language", choices=[], validators=[Optional()])
    target_language = SelectField("Target language", choices=[], validators=[Optional()])
    outlet = SelectField("Outlet", choices=[], validators=[Optional()], validate_choice=False)
    # Thousands of people on a large desk: checked by `read_filters`, not by walking choices.
    translator = SelectField(
        "Translator", choices=[], validators=[Optional()], validate_choice=False
    )


class YearForm(FlaskForm):
    class Meta:
        csrf = False

    year = SelectField("Year", choices=[], validators=[Optional()], validate_choice=False)
