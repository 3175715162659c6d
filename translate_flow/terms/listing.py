"""The columns the termbase page reads to filter, sort and page a pair's terms in SQL.

`search_text` holds the source, variants, targets and note folded as the matcher folds them
(`folding.term_key`), one per line, so a search is one LIKE; `sort_key` is the source's Unicode
Collation Algorithm key (`text.collation`, the key every list of names is sorted by). Both are
set whenever a term is written through the ORM, by a mapper event, so every writer (the forms,
the API, an import) keeps them without knowing they exist.
"""

from typing import Any

from sqlalchemy import event

from translate_flow.domain.models import Term
from translate_flow.terms.folding import term_key
from translate_flow.text.collation import collation_key


def search_text(source: str, variants: list[str], targets: list[str], note: str) -> str:
    return "\n".join(term_key(text) for text in [source, *variants, *targets, note] if text)


def refresh(term: Term) -> None:
    term.search_text = search_text(
        term.source, list(term.variants or []), list(term.targets or []), term.note or ""
    )
    term.sort_key = collation_key(term.source, term.source_language)


@event.listens_for(Term, "before_insert")
@event.listens_for(Term, "before_update")
def _keep_listing_columns(_mapper: Any, _connection: Any, term: Term) -> None:
    refresh(term)
