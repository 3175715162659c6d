"""Admins see which engines receive the desk's text, add engines, switch them, and set each
engine's mode and order per language pair."""

from flask import Blueprint, abort, current_app, flash, redirect, render_template, url_for
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from translate_flow.core.errors import NotFound, TranslateFlowError
from translate_flow.core.language_pairs import parse_pair
from translate_flow.core.web.request_db import commit, db_session, rollback
from translate_flow.domain.models import MachineEngine, MachineMode
from translate_flow.machine import operations
from translate_flow.machine.configured import (
    ENVIRONMENT_ENGINES,
    find_engine,
    kind_label,
    load_engine_kinds,
)
from translate_flow.machine.engine import ENGINE_KINDS
from translate_flow.machine.overview import desk_pairs, engine_lines
from translate_flow.machine.pair_settings import choose
from translate_flow.machine.rights import may_configure_engines
from translate_flow.machine.web.admin.forms import AddEngineForm, EngineForm, PairForm
from translate_flow.text.languages import get_language

bp = Blueprint("machine", __name__, url_prefix="/admin/machine")
# What an environment engine is configured by, for the page to say.
VARIABLES = {
    spec.kind: ["TRANSLATE_FLOW_" + name for name in spec.required] for spec in ENVIRONMENT_ENGINES
}


@bp.before_request
@login_required
def _admins_only() -> None:
    if not may_configure_engines(current_user):
        abort(403, "Only admins configure machine translation.")


def _pair_choices() -> list[tuple[str, str]]:
    return [
        (f"{s}:{t}", f"{get_language(s).label} → {get_language(t).label}")
        for s, t in desk_pairs(db_session())
    ]


def _add_form() -> AddEngineForm:
    load_engine_kinds()
    form = AddEngineForm()
    form.kind.choices = [("", "Choose…")] + [
        (kind, kind_label(kind)) for kind in sorted(ENGINE_KINDS)
    ]
    return form


def _pair_form() -> PairForm:
    form = PairForm()
    form.pair.choices = _pair_choices()
    return form


def _render(
    add_form: AddEngineForm | None = None,
    pair_form: PairForm | None = None,
    status: int = 200,
) -> tuple[str, int]:
    lines = engine_lines(db_session(), current_app.config)
    return render_template(
        "machine/admin/engines.html",
        lines=lines,
        receiving=[line for line in lines if line.receives_text],
        add_form=add_form or _add_form(),
        pair_form=pair_form,
        variables=VARIABLES,
        engine_form=EngineForm(),
    ), status


@bp.route("/")
def engines() -> tuple[str, int]:
    return _render()


@bp.route("/engines", methods=["POST"])
def add_engine() -> Response | tuple[str, int]:
    form = _add_form()
    if not form.validate_on_submit():
        return _render(add_form=form, status=400)
    new = operations.NewEngine(
        kind=form.kind.data or "",
        label=form.label.data or "",
        endpoint=form.endpoint.data or "",
        key=form.key.data or "",
        model=form.model.data or "",
    )
    try:
        row = operations.add_engine(db_session(), current_user, new)
    except TranslateFlowError as error:
        rollback()
        form.form_errors.append(error.message)
        return _render(add_form=form, status=error.status_code)
    commit()
    flash(
        f"Added {row.label} as “{row.name}”. It is off: no text goes to it until you enable it.",
        "success",
    )
    return redirect(url_for("machine.engines"))


def _engine_row(form: EngineForm) -> MachineEngine:
    if not form.validate_on_submit():
        abort(400, "The form was incomplete; reload the page and try again.")
    return operations.get_row(db_session(), form.engine_id.data)


@bp.route("/engines/enable", methods=["POST"])
def enable_engine() -> Response:
    row = _engine_row(EngineForm())
    operations.switch_engine(db_session(), row, enabled=True)
    commit()
    flash(f"{row.label} is on: the pairs listed under it send their text to it.", "success")
    return redirect(url_for("machine.engines"))


@bp.route("/engines/disable", methods=["POST"])
def disable_engine() -> Response:
    row = _engine_row(EngineForm())
    operations.switch_engine(db_session(), row, enabled=False)
    commit()
    flash(f"{row.label} is off: no text goes to it.", "success")
    return redirect(url_for("machine.engines"))


@bp.route("/engines/remove", methods=["POST"])
def remove_engine() -> Response:
    row = _engine_row(EngineForm())
    label = row.label
    operations.remove_engine(db_session(), row)
    commit()
    flash(f"Removed {label}, its pair settings and its cached answers.", "success")
    return redirect(url_for("machine.engines"))


@bp.route("/pairs", methods=["POST"])
def set_pair() -> Response | tuple[str, int]:
    form = _pair_form()
    if not form.validate_on_submit():
        return _render(pair_form=form, status=400)
    session = db_session()
    engine = find_engine(session, current_app.config, form.engine.data or "")
    pair = parse_pair(form.pair.data)
    if engine is None or pair is None:
        raise NotFound("There is no such engine (removed already?).")
    try:
        choose(
            session,
            current_user,
            engine,
            pair[0],
            pair[1],
            MachineMode(form.mode.data),
            form.priority.data,
        )
    except TranslateFlowError as error:
        rollback()
        form.form_errors.append(error.message)
        return _render(pair_form=form, status=error.status_code)
    commit()
    flash(
        f"{engine.label}, {pair[0]} → {pair[1]}: {MachineMode(form.mode.data).value}, "
        f"order {form.priority.data}.",
        "success",
    )
    return redirect(url_for("machine.engines"))
