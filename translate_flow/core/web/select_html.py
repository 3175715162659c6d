"""A filter's `<select>` written in one pass: lists of a thousand outlets or two thousand people
cost a Jinja loop several milliseconds a page, and escaping them again on every view 3.5 ms."""

from functools import lru_cache
from typing import Any

from markupsafe import Markup, escape
from wtforms.fields.choices import SelectChoice


def _option(value: Any, label: Any, selected: bool = False) -> str:
    return (
        f'<option value="{escape(value)}"{" selected" if selected else ""}>{escape(label)}</option>'
    )


@lru_cache(maxsize=64)
def _options_of(choices: tuple[tuple[Any, Any], ...]) -> str:
    """Every option, none selected: the same lists come back view after view."""
    return "".join(_option(value, label) for value, label in choices)


# The last options written for a tuple of choices, by its identity: a kept list of a thousand
# outlets (`forms.id_choices`) comes back as the same tuple, which hashing to find it in the
# cache above read whole on every view. Each entry holds its tuple, so that the id is not
# reused while it is here.
_KEPT = 16
_SHORT = 16  # choices; such lists are found by value in the cache above just as fast
_written: dict[int, tuple[tuple[tuple[Any, Any], ...], str]] = {}


def _options(choices: tuple[tuple[Any, Any], ...]) -> str:
    written = _written.get(id(choices))
    if written is not None and written[0] is choices:
        return written[1]
    options = _options_of(choices)
    if len(choices) > _SHORT:
        if len(_written) >= _KEPT:
            _written.clear()
        _written[id(choices)] = (choices, options)
    return options


def options_html(choices: tuple[tuple[Any, Any], ...], current: Any) -> Markup:
    """The `<option>`s of `choices` with `current`'s selected, for a `<select>` written in a
    template (the public site's filters: a thousand outlets with live publications)."""
    options = _options(choices)
    chosen = next(((value, label) for value, label in choices if value == current), None)
    if chosen is not None:
        options = options.replace(_option(*chosen), _option(*chosen, selected=True), 1)
    return Markup(options)  # noqa: S704 -- every value and label escaped in _option


def select_html(field: Any) -> Markup:
    """`<select>` for a WTForms field whose choices are (value, label) pairs or SelectChoices,
    the current value selected; the same markup the `pair_select` macro wrote with a loop."""
    choices = field.choices
    if not isinstance(choices, tuple):  # `forms.id_choices` gives tuples, kept as they are
        choices = tuple(
            (choice.value, choice.label) if isinstance(choice, SelectChoice) else choice
            for choice in choices
        )
    options = options_html(choices, field.data or "")
    return Markup(  # noqa: S704 -- every value and label escaped in _option
        f'<select id="{escape(field.id)}" name="{escape(field.name)}">{options}</select>'
    )
