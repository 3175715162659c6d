"""Form pieces shared by several areas."""

from collections.abc import Iterable
from datetime import date
from typing import Any

from flask_wtf import FlaskForm
from wtforms import Field, Form, IntegerField, SelectMultipleField
from wtforms.validators import ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from translate_flow.core.input_ranges import CALENDAR, MAX_INTEGER, in_calendar, whole_number


class ActionForm(FlaskForm):
    """A form with nothing but the CSRF token, for buttons that change something."""


class WholeNumberField(IntegerField):
    """A number typed or sent by the page: ASCII digits, no more than an INTEGER column holds.

    WTForms' IntegerField reads any length and any Unicode digit, and a number past the
    column's range then fails in the database rather than on the form.
    """

    def process_formdata(self, valuelist: list[Any]) -> None:
        if not valuelist:
            return
        try:
            self.data = whole_number(valuelist[0])
        except ValueError as error:
            # The form then fails validation with this message; `data` stays the default.
            raise ValueError(f"Give a whole number from 0 to {MAX_INTEGER:,}.") from error


def within_calendar(_form: Form, field: Field) -> None:
    """A date (or date and time) in the years the desk accepts; see `input_ranges`."""
    if isinstance(field.data, date) and not in_calendar(field.data):
        raise ValidationError(f"Choose a date {CALENDAR}.")


class CheckboxesField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def id_choices(rows: Iterable[tuple[int, str]], *, blank: str) -> list[tuple[str, str]]:
    """Choices from (id, name) rows (outlets, people), as plain pairs: making a SelectChoice for
    each of a thousand outlets was a tenth of the article list's time."""
    return [("", blank), *((str(i), name) for i, name in rows)]
