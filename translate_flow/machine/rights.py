"""Who may configure engines, and who may have a pair's text machine-translated.

Engines decide where the desk's text goes, so only admins add, enable and set them. Asking an
engine for a pair is for the people who work in it: its translators and reviewers (a person's
`es` pair covers `es-AR`), and coordinators and admins.
"""

from translate_flow.domain.models import User
from translate_flow.domain.permissions import PEOPLE_MANAGERS
from translate_flow.text.languages import base_language


def _active(user: User | None) -> bool:
    return user is not None and user.is_authenticated and user.is_active


def may_configure_engines(user: User | None) -> bool:
    """Add, enable and remove engines; set their mode per pair (the admin page)."""
    return _active(user) and user is not None and user.is_admin


def may_use_machine(user: User | None, source_language: str, target_language: str) -> bool:
    """Send the pair's text to an engine the desk allows for it (the API's machine-translations)."""
    if not _active(user) or user is None:
        return False
    if user.has_role(*PEOPLE_MANAGERS):
        return True
    wanted = (base_language(source_language), base_language(target_language))
    return any(
        (base_language(pair.source_language), base_language(pair.target_language)) == wanted
        for pair in user.language_pairs
    )
