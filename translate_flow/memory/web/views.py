"""The memory's desk pages: the concordance for everyone on the desk; collections, TMX import
and export, and forgetting units for coordinators; pre-filling a translation from exact
matches for its translator or a coordinator."""

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from translate_flow.core.errors import NotFound, TranslateFlowError, ValidationFailed
from translate_flow.core.input_ranges import whole_number_or_none
from translate_flow.core.language_pairs import parse_pair
from translate_flow.core.web.forms import ActionForm
from translate_flow.core.web.request_db import commit, db_session, rollback
from translate_flow.domain.models import User
from translate_flow.domain.models.memory import MemoryCollection, MemoryUnit
from translate_flow.domain.permissions import (
    can_coordinate_translations,
    can_manage_articles,
    can_view_articles,
)
from translate_flow.memory import operations
from translate_flow.memory.collection_list import collections
from translate_flow.memory.concordance_view import search as concordance
from translate_flow.memory.importing import DEFAULT_MAX_BYTES, import_tmx
from translate_flow.memory.matching import PAGE_SIZE, unit_origin
from translate_flow.memory.prefill import prefill
from translate_flow.memory.web.forms import ConfirmDeleteForm, ImportForm, SearchForm
from translate_flow.memory.web.queries import Pair, collection_units, desk_pairs
from translate_flow.text.languages import get_language
from translate_flow.workflow.transitions import get_translation

bp = Blueprint("memory", __name__)

# Past this the person is paging through a phrase too common to be worth reading.
MAX_PAGE = 1000
# The TMX export (memory/files_api.py): the whole memory, a pair, or a collection.
EXPORT_ENDPOINT = "api.export_memory_tmx"
# Refused units named in the message after an import; the rest are counted.
MAX_REASONS_SHOWN = 5


@bp.before_request
@login_required
def _desk_only() -> None:
    if not can_view_articles(current_user):
        abort(403)


def _coordinators_only() -> None:
    # The same people who may delete through the API (memory/api.py).
    if not can_manage_articles(current_user):
        abort(403, "Only coordinators manage the memory’s collections and units.")


def _pair_choices(pairs: list[Pair]) -> list[tuple[str, str]]:
    return [(f"{s}:{t}", f"{get_language(s).label} → {get_language(t).label}") for s, t in pairs]


@bp.route("/memory/")
def search() -> tuple[str, int]:
    session = db_session()
    pairs = desk_pairs(session, current_user)
    form = SearchForm(request.args)
    form.pair.choices = _pair_choices(pairs)
    pair = parse_pair(form.pair.data) or (pairs[0] if pairs else None)
    form.pair.data = f"{pair[0]}:{pair[1]}" if pair else ""
    phrase = (form.q.data or "").strip()
    page = min(max(whole_number_or_none(request.args.get("page")) or 1, 1), MAX_PAGE)
    result, status = None, 200
    if not form.validate():
        status = 400
    elif phrase and pair:
        result = concordance(session, pair[0], pair[1], phrase, page)
    return render_template(
        "memory/search.html",
        form=form,
        pair=pair,
        phrase=phrase,
        result=result,
        source=get_language(pair[0]) if pair else None,
        target=get_language(pair[1]) if pair else None,
        page_size=PAGE_SIZE,
        may_forget=can_manage_articles(current_user),
    ), status


def _export_url(
    collection: int | None = None,
    source_language: str | None = None,
    target_language: str | None = None,
) -> str:
    return url_for(
        EXPORT_ENDPOINT,
        collection=collection,
        source_language=source_language,
        target_language=target_language,
    )


def _render_collections(form: ImportForm, status: int = 200) -> tuple[str, int]:
    session = db_session()
    return render_template(
        "memory/collections.html",
        lines=collections(session),
        pairs=desk_pairs(session, current_user),
        form=form,
        export_url=_export_url,
    ), status


def _import_form(user: User) -> ImportForm:
    form = ImportForm()
    form.pair.choices = [("", "As the file says"), *_pair_choices(desk_pairs(db_session(), user))]
    return form


@bp.route("/memory/collections")
def collections_page() -> tuple[str, int]:
    _coordinators_only()
    return _render_collections(_import_form(current_user))


@bp.route("/memory/import", methods=["POST"])
def import_file() -> Response | tuple[str, int]:
    _coordinators_only()
    form = _import_form(current_user)
    if not form.validate_on_submit():
        return _render_collections(form, 400)
    pair = parse_pair(form.pair.data)
    try:
        outcome = import_tmx(
            db_session(),
            current_user,
            form.file.data.stream,
            collection_name=(form.collection.data or "").strip(),
            source_language=pair[0] if pair else None,
            target_language=pair[1] if pair else None,
            max_bytes=current_app.config.get("MEMORY_IMPORT_MAX_BYTES", DEFAULT_MAX_BYTES),
            configured_targets=current_app.config["TARGET_LANGUAGES"],
        )
    except TranslateFlowError as error:
        rollback()  # a refused file leaves nothing behind
        form.form_errors.append(error.message)
        return _render_collections(form, error.status_code)
    commit()
    message = (
        f"Imported into “{outcome.collection.name}” ({outcome.collection.source_language} → "
        f"{outcome.collection.target_language}): {outcome.added:,} added, "
        f"{outcome.skipped:,} skipped (already there), {outcome.refused_count:,} refused."
    )
    if outcome.refused:
        shown = outcome.refused[:MAX_REASONS_SHOWN]
        more = outcome.refused_count - len(shown)
        message += " " + "; ".join(f"Unit {r.index}: {r.reason}" for r in shown)
        message += f"; and {more:,} more." if more > 0 else ""
    flash(message, "success")
    return redirect(url_for("memory.collections_page"))


def _chosen(form: ConfirmDeleteForm, name: str) -> int | None:
    """The id to delete: from the address when asking, from the form when confirmed."""
    if request.method == "GET":
        return whole_number_or_none(request.args.get(name))
    if not form.validate_on_submit():
        raise ValidationFailed("The form was incomplete; reload the page and try again.")
    return form.item_id.data


@bp.route("/memory/collections/delete", methods=["GET", "POST"])
def delete_collection() -> Response | str:
    """GET asks "are you sure?" and says what would go; POST deletes."""
    _coordinators_only()
    session = db_session()
    form = ConfirmDeleteForm()
    collection_id = _chosen(form, "collection")
    collection = session.get(MemoryCollection, collection_id) if collection_id else None
    if collection is None:
        raise NotFound("There is no such collection (deleted already?).")
    units = collection_units(session, collection)
    if request.method == "GET":
        form.item_id.data = collection.id
        return render_template(
            "memory/confirm_delete.html", collection=collection, units=units, form=form
        )
    name = collection.name
    operations.delete_collection(session, collection)
    commit()
    flash(f"Deleted the collection “{name}” and its {units:,} units.", "success")
    return redirect(url_for("memory.collections_page"))


@bp.route("/memory/units/delete", methods=["GET", "POST"])
def delete_unit() -> Response | str:
    """GET shows the unit and asks; POST forgets it and goes back to the search."""
    _coordinators_only()
    session = db_session()
    form = ConfirmDeleteForm(request.args) if request.method == "GET" else ConfirmDeleteForm()
    unit_id = _chosen(form, "unit")
    unit = session.get(MemoryUnit, unit_id) if unit_id else None
    if unit is None:
        raise NotFound("There is no such memory unit (deleted already?).")
    if request.method == "GET":
        form.item_id.data = unit.id
        return render_template(
            "memory/confirm_delete.html",
            unit=unit,
            origin=unit_origin(session, unit.id),
            source=get_language(unit.source_language),
            target=get_language(unit.target_language),
            form=form,
        )
    operations.delete_unit(session, unit)
    commit()
    flash("Deleted the unit: it is no longer suggested or found.", "success")
    return redirect(
        url_for(
            "memory.search",
            pair=form.back_pair.data or None,
            q=form.back_q.data or None,
            page=whole_number_or_none(form.back_page.data) or None,
        )
    )


@bp.route("/translations/<int:translation_id>/prefill", methods=["POST"])
def prefill_from_memory(translation_id: int) -> Response:
    """The editor's "Fill from memory" button, without JavaScript."""
    session = db_session()
    translation = get_translation(session, translation_id)
    if not (
        translation.translator_id == current_user.id or can_coordinate_translations(current_user)
    ):
        abort(403, "The translator or a coordinator fills a translation from the memory.")
    if not ActionForm().validate():
        raise ValidationFailed("The form was incomplete; reload the page and try again.")
    outcome = prefill(session, current_user, translation)
    commit()
    if outcome.filled:
        flash(
            f"Filled {outcome.filled} empty segment{'' if outcome.filled == 1 else 's'} from "
            "exact memory matches, as drafts: read each one before you mark it done.",
            "success",
        )
    else:
        flash("No empty segment has an exact (100%) match in the memory.", "success")
    return redirect(url_for("editor.edit", translation_id=translation.id))
