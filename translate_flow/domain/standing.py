"""A person and a translation as the workflow table sees them, read from loaded objects alone.

No query of their own: a person's roles and pairs are loaded with them, and a translation's
article once per translation (a list of translations loads the articles with its rows), so a
page may ask for every button or row. The facts that cost a query (items held against
capacity, empty segments) matter only to the guards, and firing gathers them itself.
"""

from translate_flow.domain.models import LanguagePair, Translation, User
from translate_flow.domain.workflow import Actor, Situation
from translate_flow.text.languages import base_language


def pair_rows(user: User, translation: Translation) -> list[LanguagePair]:
    """The person's language pairs that cover this translation (`es` covers `es-AR`)."""
    source = base_language(translation.article.source_language)
    target = base_language(translation.target_language)
    return [
        pair
        for pair in user.language_pairs
        if base_language(pair.source_language) == source
        and base_language(pair.target_language) == target
    ]


def standing(user: User, translation: Translation) -> Actor:
    """The person as the workflow sees them; a deactivated person holds no role."""
    pairs = pair_rows(user, translation)
    return Actor(
        id=user.id,
        roles=user.roles if user.is_active else frozenset(),
        translates_pair=bool(pairs),
        reviews_pair=any(pair.can_review for pair in pairs),
        publishes_pair=any(pair.can_publish for pair in pairs),
        capacity=user.capacity,
    )


def holders(translation: Translation) -> Situation:
    """The translation's state and who holds it."""
    return Situation(
        state=translation.state,
        translator_id=translation.translator_id,
        reviewer_id=translation.reviewer_id,
    )
