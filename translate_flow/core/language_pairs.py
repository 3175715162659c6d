"""The language pairs a desk page offers in its pair chooser, and the chooser's value read back.

The memory and the termbase pages list the same pairs: the person's own first, then every
pair someone on the desk works in, then pairs only the feature's own rows have (a collection,
a term). They are read from small tables, never from the units or terms themselves.
"""

from collections.abc import Iterable, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from translate_flow.core.errors import UnknownLanguage
from translate_flow.domain.models import LanguagePair, User
from translate_flow.text.collation import collation_key
from translate_flow.text.languages import get_language

Pair = tuple[str, str]


def _code(code: str) -> str | None:
    try:
        return get_language(code).code
    except UnknownLanguage:
        return None


def _name_key(code: str) -> bytes:
    return collation_key(get_language(code).label) if _code(code) else b""


def _by_names(pair: Sequence[str]) -> tuple[bytes, bytes]:
    return (_name_key(pair[0]), _name_key(pair[1]))


def chooser_pairs(session: Session, user: User, also: Iterable[tuple[str, str]] = ()) -> list[Pair]:
    """The person's pairs, then the desk's by the languages' names, then `also`; known codes
    only, each once."""
    own = [(p.source_language, p.target_language) for p in user.language_pairs]
    people = session.execute(
        select(LanguagePair.source_language, LanguagePair.target_language).distinct()
    ).all()
    pairs: list[Pair] = []
    for source, target in [*own, *sorted(people, key=_by_names), *also]:
        pair = (_code(source), _code(target))
        if pair[0] and pair[1] and pair not in pairs:
            pairs.append((pair[0], pair[1]))
    return pairs


def parse_pair(value: str | None) -> Pair | None:
    """ "ja:en" as the pair chooser sends it; None for anything else."""
    source, colon, target = (value or "").partition(":")
    if not colon:
        return None
    pair = (_code(source.strip()[:20]), _code(target.strip()[:20]))
    return (pair[0], pair[1]) if pair[0] and pair[1] and pair[0] != pair[1] else None
