"""The period and filters of a statistics request, read from its query string.

The page, its CSV downloads and `GET /api/v1/statistics` read the same parameters the same
way (`from`, `to`, `source_language`, `target_language`, `outlet`, `translator`), so that a
figure on the page, in a CSV and in the JSON is the same figure. A parameter that cannot be
read is refused with a message that names it, never guessed.
"""

from collections.abc import Mapping
from datetime import date, timedelta

from sqlalchemy.orm import Session

from translate_flow.core.errors import UnknownLanguage, ValidationFailed
from translate_flow.core.input_ranges import CALENDAR, parse_date, parse_moment, whole_number
from translate_flow.domain.models import Outlet, User
from translate_flow.statistics.report import Filters
from translate_flow.text.languages import get_language

# Without `from`, the thirteen weeks up to `to`: a quarter, the span coordinators report on.
DEFAULT_DAYS = 91
# Ten years of weeks is already more than a page can plot usefully.
MAX_DAYS = 3_653
PARAMETERS = ("from", "to", "source_language", "target_language", "outlet", "translator")


def _day(args: Mapping[str, str], name: str) -> date | None:
    text = (args.get(name) or "").strip()
    if not text:
        return None
    try:
        return parse_date(text)
    except ValueError:
        pass
    try:
        return parse_moment(text).date()  # a moment with its zone, as the API's other dates
    except ValueError:
        raise ValidationFailed(
            f"{name} must be a date such as 2026-10-01 (ISO 8601), {CALENDAR}."
        ) from None


def _language(args: Mapping[str, str], name: str) -> str | None:
    text = (args.get(name) or "").strip()
    if not text:
        return None
    try:
        return get_language(text).code
    except UnknownLanguage:
        raise ValidationFailed(
            f"{name} must be a language code such as ja, en or zh-Hant; {text[:40]!r} is not one."
        ) from None


def _identifier(args: Mapping[str, str], name: str) -> int | None:
    text = (args.get(name) or "").strip()
    if not text:
        return None
    try:
        return whole_number(text, 1)
    except ValueError:
        message = f"{name} must be the id of one, a whole number such as 12."
        raise ValidationFailed(message) from None


def read_filters(
    session: Session, args: Mapping[str, str], today: date, *, empty_is_absent: bool = True
) -> Filters:
    """The filters the query string asks for; ValidationFailed (a 400) names what is wrong.

    The page's form sends an empty field for "any"; the API, as its document says, takes a
    parameter left empty for a mistake (`empty_is_absent=False`) rather than guessing.
    """
    if not empty_is_absent:
        for name in PARAMETERS:
            if name in args and not args[name].strip():
                raise ValidationFailed(f"{name} is empty: give a value, or leave it out.")
    end = _day(args, "to") or today
    start = _day(args, "from") or end - timedelta(days=DEFAULT_DAYS - 1)
    if start > end:
        raise ValidationFailed("from must not be after to.")
    if (end - start).days + 1 > MAX_DAYS:
        raise ValidationFailed("The period is at most ten years; choose a later from.")
    outlet_id = _identifier(args, "outlet")
    if outlet_id is not None and session.get(Outlet, outlet_id) is None:
        raise ValidationFailed(f"There is no outlet {outlet_id}.")
    translator_id = _identifier(args, "translator")
    if translator_id is not None and session.get(User, translator_id) is None:
        raise ValidationFailed(f"There is no person {translator_id}.")
    return Filters(
        start=start,
        end=end,
        source_language=_language(args, "source_language"),
        target_language=_language(args, "target_language"),
        outlet_id=outlet_id,
        translator_id=translator_id,
    )


def as_args(filters: Filters) -> dict[str, str]:
    """The query string that asks for `filters` again (links to CSV, to other periods)."""
    args = {"from": filters.start.isoformat(), "to": filters.end.isoformat()}
    for name, value in (
        ("source_language", filters.source_language),
        ("target_language", filters.target_language),
        ("outlet", filters.outlet_id),
        ("translator", filters.translator_id),
    ):
        if value is not None:
            args[name] = str(value)
    return args


def _quarter_before(today: date) -> tuple[date, date]:
    first_month = (today.month - 1) // 3 * 3 + 1
    this_quarter = date(today.year, first_month, 1)
    end = this_quarter - timedelta(days=1)
    return date(end.year, (end.month - 1) // 3 * 3 + 1, 1), end


def presets(today: date) -> list[tuple[str, dict[str, str]]]:
    """The periods coordinators ask for most, as links: (label, query string)."""
    quarter_start, quarter_end = _quarter_before(today)
    spans = [
        ("Last 4 weeks", today - timedelta(days=27), today),
        ("Last 13 weeks", today - timedelta(days=DEFAULT_DAYS - 1), today),
        (
            f"Q{(quarter_start.month - 1) // 3 + 1} {quarter_start.year}",
            quarter_start,
            quarter_end,
        ),
        (f"{today.year} so far", date(today.year, 1, 1), today),
        ("Last 12 months", today - timedelta(days=364), today),
    ]
    return [(label, {"from": s.isoformat(), "to": e.isoformat()}) for label, s, e in spans]
