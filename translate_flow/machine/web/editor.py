"""Machine translation in the editor: what the page needs to know before any engine is asked,
and the "Machine draft" button without JavaScript."""

from dataclasses import dataclass

from flask import Blueprint, current_app, flash, redirect, url_for
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from translate_flow.core.errors import ValidationFailed
from translate_flow.core.web.forms import ActionForm
from translate_flow.core.web.request_db import db_session
from translate_flow.domain.models import MachineMode, Translation
from translate_flow.machine.api import draft_translation
from translate_flow.machine.configured import configured_engines
from translate_flow.machine.drafting import drafts_allowed
from translate_flow.machine.engine import MachineError
from translate_flow.machine.pair_settings import allows, mode_for
from translate_flow.machine.rights import may_use_machine

bp = Blueprint("machine_editor", __name__)


@dataclass(frozen=True, slots=True)
class MachineInEditor:
    """From the desk's settings alone (no engine is asked anything while the page renders)."""

    suggestions: bool  # some engine may suggest for the pair, to this person
    drafts: bool  # some engine may draft the pair


def machine_in_editor(translation: Translation) -> MachineInEditor:
    session = db_session()
    config = current_app.config
    source, target = translation.source_language, translation.target_language
    if not may_use_machine(current_user, source, target):
        return MachineInEditor(suggestions=False, drafts=False)
    engines = configured_engines(session, config)
    modes = [mode_for(session, engine, source, target) for engine in engines]
    return MachineInEditor(
        suggestions=any(allows(mode, MachineMode.SUGGESTIONS) for mode in modes),
        drafts=drafts_allowed(session, config, translation),
    )


@bp.route("/translations/<int:translation_id>/machine-draft", methods=["POST"])
@login_required
def draft_from_machine(translation_id: int) -> Response:
    """The editor's "Machine draft" button, without JavaScript."""
    if not ActionForm().validate():
        raise ValidationFailed("The form was incomplete; reload the page and try again.")
    try:
        outcome = draft_translation(translation_id)
    except MachineError as error:
        reason = error.message.rstrip(".")
        flash(f"No draft: {reason}. Nothing was written; try again later.", "error")
        return redirect(url_for("editor.edit", translation_id=translation_id))
    if outcome.filled:
        flash(
            f"Filled {outcome.filled} empty segment{'' if outcome.filled == 1 else 's'} from "
            "machine translation, as drafts: read and correct each one before you mark it done.",
            "success",
        )
    else:
        flash("No empty segment was left to fill.", "success")
    return redirect(url_for("editor.edit", translation_id=translation_id))
