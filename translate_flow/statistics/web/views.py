"""The statistics pages: the desk's (coordinators) and each volunteer's own, with their CSV.

Every page and download reads its period and filters through `period.read_filters`, the
figures through `figures`, and its tables through `tables`: the page, the CSV and the API's
JSON show one set of numbers.
"""

from datetime import date

from flask import Blueprint, Response, abort, render_template, request, url_for
from flask_login import current_user, login_required

from translate_flow.core.errors import NotFound, ValidationFailed
from translate_flow.core.web.forms import id_choices
from translate_flow.core.web.request_db import db_session
from translate_flow.domain.models import User, utcnow
from translate_flow.domain.permissions import can_coordinate_translations
from translate_flow.statistics import charts, figures
from translate_flow.statistics.capacity_kept import kept_capacity
from translate_flow.statistics.csv_tables import csv_response
from translate_flow.statistics.period import as_args, presets, read_filters
from translate_flow.statistics.report import MyReport
from translate_flow.statistics.tables import Table, desk_tables, my_tables, table_named
from translate_flow.statistics.web.forms import StatisticsFilterForm, YearForm
from translate_flow.text.languages import get_language
from translate_flow.workflow import desk_choices

bp = Blueprint("statistics", __name__, url_prefix="/statistics")
# The earliest year a volunteer's page offers: none of the desk's work is older.
FIRST_YEAR = 2000


@bp.before_request
@login_required
def _signed_in() -> None:
    """Every statistics page is for people signed in; which ones, each route says."""


def _coordinators_only() -> None:
    if not can_coordinate_translations(current_user):
        abort(403, "Only coordinators see the desk's statistics.")


def _filter_form() -> StatisticsFilterForm:
    session = db_session()
    choices = desk_choices.people_and_pairs(session)
    form = StatisticsFilterForm(request.args)
    sources = sorted({source for source, _target in choices.pairs})
    targets = sorted({target for _source, target in choices.pairs})
    form.source_language.choices = [("", "Any"), *((c, get_language(c).label) for c in sources)]
    form.target_language.choices = [("", "Any"), *((c, get_language(c).label) for c in targets)]
    form.outlet.choices = id_choices(desk_choices.outlets(session), blank="Any outlet")
    form.translator.choices = id_choices(choices.people, blank="Anyone")
    return form


@bp.route("/")
def desk() -> tuple[str, int]:
    _coordinators_only()
    form = _filter_form()
    session = db_session()
    try:
        filters = read_filters(session, request.args, utcnow().date())
    except ValidationFailed as error:
        return render_template("statistics/desk.html", form=form, problem=str(error)), 400
    report = figures.desk_report(session, filters, capacity=kept_capacity)
    return render_template(
        "statistics/desk.html",
        form=form,
        report=report,
        tables={table.name: table for table in desk_tables(report)},
        charts=charts.desk_charts(report),
        args=as_args(filters),
        preset_links=_preset_links(args=as_args(filters)),
        problem="",
    ), 200


def _preset_links(args: dict[str, str]) -> list[tuple[str, str]]:
    """Each usual period, with the filters chosen kept."""
    kept = {name: value for name, value in args.items() if name not in ("from", "to")}
    links = []
    for label, span in presets(utcnow().date()):
        values: dict[str, str] = kept | span
        links.append((label, url_for("statistics.desk", **values)))  # type: ignore[arg-type]
    return links


@bp.route("/<name>.csv")
def desk_csv(name: str) -> Response:
    _coordinators_only()
    session = db_session()
    filters = read_filters(session, request.args, utcnow().date())
    report = figures.desk_report(session, filters, capacity=kept_capacity)
    table = table_named(desk_tables(report), name)
    if table is None:
        raise NotFound(f"The desk's statistics have no table named {name!r}.")
    return csv_response(table, f"statistics-{name}-{filters.start}-{filters.end}.csv")


def _year() -> int:
    text = request.args.get("year", "").strip()
    this_year = utcnow().year
    if not text:
        return this_year
    if not text.isascii() or not text.isdigit() or not FIRST_YEAR <= int(text) <= this_year:
        raise ValidationFailed(f"year must be a year from {FIRST_YEAR} to {this_year}.")
    return int(text)


def _person(user_id: int | None) -> User:
    """The person whose page it is: oneself, or anyone for a coordinator."""
    if user_id is None or user_id == current_user.id:
        return current_user._get_current_object()
    if not can_coordinate_translations(current_user):
        abort(403, "Only coordinators see other people's statistics.")
    person = db_session().get(User, user_id)
    if person is None:
        raise NotFound("There is no such person.")
    return person


def _my_tables(report: MyReport) -> list[Table]:
    return my_tables(report, lambda slug: url_for("public.article", slug=slug, _external=True))


@bp.route("/me")
@bp.route("/people/<int:user_id>")
def person(user_id: int | None = None) -> str:
    who = _person(user_id)
    year = _year()
    report = figures.my_report(db_session(), who.id, year)
    form = YearForm(request.args)
    form.year.choices = [(str(y), str(y)) for y in range(utcnow().year, _first_year(who) - 1, -1)]
    form.year.data = str(year)
    return render_template(
        "statistics/person.html",
        person=who,
        own=who.id == current_user.id,
        report=report,
        tables={table.name: table for table in _my_tables(report)},
        charts=charts.person_charts(report),
        form=form,
    )


def _first_year(person: User) -> int:
    joined: date = person.created_at.date()
    return max(FIRST_YEAR, joined.year)


@bp.route("/me/<name>.csv")
@bp.route("/people/<int:user_id>/<name>.csv")
def person_csv(name: str, user_id: int | None = None) -> Response:
    who = _person(user_id)
    year = _year()
    table = table_named(_my_tables(figures.my_report(db_session(), who.id, year)), name)
    if table is None:
        raise NotFound(f"A person's statistics have no table named {name!r}.")
    return csv_response(table, f"statistics-{name}-{who.id}-{year}.csv")
