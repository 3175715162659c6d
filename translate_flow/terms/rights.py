"""Who may do what with a pair's terms.

The termbase is the desk's style sheet: coordinators (and admins) and the reviewers of a pair
decide it; translators of the pair propose, and their proposals wait for one of those. A
person's pair covers regional variants (`es` covers `es-AR`), as for translations.
"""

from translate_flow.domain.models import LanguagePair, Term, TermStatus, User
from translate_flow.domain.permissions import PEOPLE_MANAGERS
from translate_flow.text.languages import base_language


def _pairs(user: User, source_language: str, target_language: str) -> list[LanguagePair]:
    source, target = base_language(source_language), base_language(target_language)
    return [
        pair
        for pair in user.language_pairs
        if base_language(pair.source_language) == source
        and base_language(pair.target_language) == target
    ]


def may_decide_terms(user: User | None, source_language: str, target_language: str) -> bool:
    """Edit, approve, reject and delete any term of the pair; create terms approved."""
    if user is None or not user.is_active:
        return False
    if user.has_role(*PEOPLE_MANAGERS):
        return True
    return any(pair.can_review for pair in _pairs(user, source_language, target_language))


def may_propose_terms(user: User | None, source_language: str, target_language: str) -> bool:
    """Propose a term for the pair: whoever translates it (or decides its terms)."""
    if user is None or not user.is_active:
        return False
    return may_decide_terms(user, source_language, target_language) or bool(
        _pairs(user, source_language, target_language)
    )


def may_change_term(user: User | None, term: Term) -> bool:
    """Edit or withdraw this term: those who decide the pair's terms, or the proposer while
    the proposal waits."""
    if may_decide_terms(user, term.source_language, term.target_language):
        return True
    return (
        user is not None
        and user.is_active
        and term.status is TermStatus.PROPOSED
        and term.created_by_id == user.id
    )
