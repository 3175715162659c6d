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


# The choices made last from each list of rows, by the list's identity: the lists of outlets
# and people are kept a minute (`core.kept`), and making a thousand pairs from the same list on
# every view was 0.15 ms of the article list's. Each entry holds its list, so that the id is
# not reused while it is here.
_MADE_KEPT = 16
_made: dict[tuple[int, str], tuple[object, tuple[tuple[str, str], ...]]] = {}


def id_choices(rows: Iterable[tuple[int, str]], *, blank: str) -> tuple[tuple[str, str], ...]:
    """Choices from (id, name) rows (outlets, people), as plain pairs: making a SelectChoice for
    each of a thousand outlets was a tenth of the article list's time. The same list of rows
    gives the same tuple of choices, which `select_html` then finds written already."""
    key = (id(rows), blank)
    made = _made.get(key)
    if made is not None and made[0] is rows:
        return made[1]
    choices = (("", blank), *((str(i), name) for i, name in rows))
    if len(_made) >= _MADE_KEPT:
        _made.clear()
    _made[key] = (rows, choices)
    return choices
