"""The desk's filter choices and who works in each pair, kept for a minute per database and
process.

The board, the article list and the statistics page offer every outlet and everyone who
translates or reviews: at 100,000 articles a thousand outlets and two thousand people, read and
sorted on every view (6–7 ms of the statistics page's 50); the board's coverage strip and review
flags read every active person's pairs (17 ms of its 70). They change when an outlet or a person
is added, renamed or given a role or pair, or an article or translation brings a new language:
any such change flushed in this process forgets them at once, and other processes read them
again within `KEEP_SECONDS` (`core.kept`).
"""

from sqlalchemy.orm import Session

from translate_flow.core.kept import Keeper
from translate_flow.domain.models import Article, LanguagePair, Outlet, Translation, User, UserRole
from translate_flow.intake.outlets import outlet_names
from translate_flow.workflow import board
from translate_flow.workflow.board import FilterChoices, PairKey, filter_choices

KEEP_SECONDS = 60.0

_keeper = Keeper(
    KEEP_SECONDS,
    # Only when added or removed: a new language.
    added=(Article, Translation),
    changed=(Outlet, User, UserRole, LanguagePair),
)


def outlets(session: Session) -> list[tuple[int, str]]:
    """(id, name) of every outlet by name."""
    return _keeper.get(session, "outlets", outlet_names)


def people_and_pairs(session: Session) -> FilterChoices:
    """The desk's language pairs and the people who translate or review."""
    return _keeper.get(session, "people_and_pairs", filter_choices)


def pair_people(session: Session) -> dict[PairKey, tuple[set[int], set[int]]]:
    """Per pair, its active translators and reviewers (`board.pair_people`; not to be changed)."""
    return _keeper.get(session, "pair_people", lambda read: dict(board.pair_people(read)))
