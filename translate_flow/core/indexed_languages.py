"""The languages whose stems the search indexes hold, kept a minute per database and process.

A document carries the stems of its own language only (`text.search_tokens`), so a query's word
need not be stemmed for a language no document is in: an accented Latin word was looked up as
26 tokens, one per stemmer of its script, where a desk in a handful of languages holds a few of
them (the bench's desk in 20 languages: 0.4 ms of a 2.7 ms search at 100,000 articles). A
document in a language new to the desk forgets the list at once in its own process; another
process stems for that language within `KEEP_SECONDS`, finding its exact words meanwhile.
"""

from sqlalchemy.orm import Session

from translate_flow.core.distinct_values import distinct_values
from translate_flow.core.kept import Keeper
from translate_flow.domain.models import Article, Translation

KEEP_SECONDS = 60.0

# An article's language may be corrected; a translation's is set when it is made.
_keeper = Keeper(KEEP_SECONDS, added=(Translation,), changed=(Article,))


def article_languages(session: Session) -> list[str]:
    """The languages of the articles: the desk's article search stems for these."""
    return _keeper.get(
        session, "articles", lambda read: distinct_values(read, Article.source_language)
    )


def publication_languages(session: Session) -> list[str]:
    """The languages of the translations and of their originals: the public search looks in
    both (a publication is in its translation's language, its article in the original's)."""
    return _keeper.get(
        session,
        "publications",
        lambda read: sorted(
            {*distinct_values(read, Translation.target_language), *article_languages(read)}
        ),
    )
