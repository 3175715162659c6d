"""The statistics' rollup tables, derived from the event history and kept current.

Each translation's rows (`StatisticsTranslation`, its `StatisticsMove`s and
`StatisticsStretch`es) are a pure function of its events, its snapshots, its article and the
source revisions' word counts: `refresh` throws them away and derives them again, so
refreshing twice, or rebuilding everything, gives the same rows as keeping them up as the
events come. Segment saves (`StatisticsSaves`) are counts of `segment_revisions`, which are
append-only: `catch_up` adds the revisions written since its high-water mark.

How they stay current, and how stale the figures can be:
- every `translation:*` event written through the ORM refreshes its translation's rows in the
  same flush (`statistics.listeners`): workflow moves, claim expiry, planned publications and
  due-date decisions are counted the moment they are committed, never later;
- `translate-flow tick` runs `catch_up`, which refreshes the translations of events written
  without the ORM (the synthetic bench desk) since the mark, and takes in the segment saves
  written up to a minute before it: the machine and memory figures trail by up to one tick
  (a minute with the worker's ticker, the cron interval otherwise);
- `translate-flow statistics rebuild` derives everything again, resumably.
"""

import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Table, delete, func, insert, select, update
from sqlalchemy.orm import Session

from translate_flow.domain.models import (
    Article,
    Base,
    Event,
    Segment,
    SegmentRevision,
    Snapshot,
    SourceRevision,
    StatisticsMark,
    StatisticsMove,
    StatisticsSaves,
    StatisticsStretch,
    StatisticsTranslation,
    Translation,
    User,
    utcnow,
)
from translate_flow.domain.workflow import ChangeReason
from translate_flow.text.diffing import Op, diff_text
from translate_flow.text.languages import base_language
from translate_flow.text.placeholders import strip_placeholders

# The durations, as `report.Duration.key` names them.
INTAKE_TO_CLAIM = "intake_to_claim"
CLAIM_TO_SUBMIT = "claim_to_submit"
SUBMIT_TO_DECISION = "submit_to_decision"
APPROVE_TO_PUBLISH = "approve_to_publish"
INTAKE_TO_PUBLISH = "intake_to_publish"
DURATIONS = (
    INTAKE_TO_CLAIM,
    CLAIM_TO_SUBMIT,
    SUBMIT_TO_DECISION,
    APPROVE_TO_PUBLISH,
    INTAKE_TO_PUBLISH,
)

# The kinds of `StatisticsMove`.
CLAIM, SUBMIT, APPROVE, REQUEST_CHANGES, PUBLISH = (
    "claim",
    "submit",
    "approve",
    "request_changes",
    "publish",
)
RELEASED, EXPIRED = "released", "expired"

# What `workflow.expiry.release_expired` writes as the reason of a release by the clock
# (copied: the statistics read the history, they do not import the workflow feature).
EXPIRED_REASON = "claim expired"
# Counted in characters, not in the words `Article.word_count` holds: Chinese and Japanese
# counts are characters already; Thai is counted in dictionary words there, in characters here.
COUNTED_IN_CHARACTERS = frozenset({"zh", "ja", "th"})

EVENTS_MARK = "events"
SAVES_MARK = "segment_revisions"
REBUILD_MARK = "rebuild"
# Segment revisions younger than this are left for the next catch-up: on PostgreSQL an id is
# taken when the row is written, not when it commits, and a mark moved past a revision whose
# transaction has not committed yet would never count it.
SAVES_LAG = timedelta(minutes=1)
# Saves by the translator's hand (not a reviewer's edit, a refused text, or a prefilled or
# machine-drafted one nobody typed).
SAVE_ORIGINS = ("typed", "merged", "kept_after_conflict", "restored")
BATCH = 500


def _table(model: type[Base]) -> Table:
    table = model.__table__
    assert isinstance(table, Table)
    return table


TRANSLATIONS = _table(StatisticsTranslation)
MOVES = _table(StatisticsMove)
STRETCHES = _table(StatisticsStretch)
SAVES = _table(StatisticsSaves)
MARKS = _table(StatisticsMark)
ROLLUP_TABLES = (MOVES, STRETCHES, TRANSLATIONS)


def count_characters(text: str) -> int:
    """Letters, marks and digits of a text without its placeholders: Thai's count."""
    return sum(1 for ch in strip_placeholders(text) if unicodedata.category(ch)[0] in "LMN")


def hours_between(start: datetime, end: datetime) -> float:
    return (end - start).total_seconds() / 3600


@dataclass(frozen=True)
class Facts:
    """What a translation's rows need besides its history."""

    translation_id: int
    article_id: int
    outlet_id: int | None
    source_language: str
    target_language: str
    created_at: datetime
    source_revision_id: int


@dataclass(frozen=True)
class Happened:
    id: int
    action: str
    actor_id: int | None
    payload: dict[str, Any]
    at: datetime


@dataclass(frozen=True)
class Frozen:
    """A snapshot, without its text (read only when a review's changes are measured)."""

    id: int
    action: str
    source_revision_id: int


@dataclass
class Derived:
    """One translation's rows."""

    translation: dict[str, Any]
    moves: list[dict[str, Any]] = field(default_factory=list)
    stretches: list[dict[str, Any]] = field(default_factory=list)


def _moment(value: object) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    moment = datetime.fromisoformat(value)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _rows(segments: Sequence[dict[str, Any]]) -> dict[object, str]:
    return {row.get("row_id", ("segment", row.get("segment_id"))): row["text"] for row in segments}


def changed_characters(
    submitted: Sequence[dict[str, Any]], decided: Sequence[dict[str, Any]]
) -> tuple[int, int]:
    """(characters deleted or inserted, characters of both texts) between two snapshots.

    Rows are paired by `row_id`; a row only in one of them counts as wholly deleted or
    inserted. Only rows whose text differs are diffed (diff-match-patch, `text.diffing`).
    """
    old, new = _rows(submitted), _rows(decided)
    changed = compared = 0
    for key in old.keys() | new.keys():
        before, after = old.get(key, ""), new.get(key, "")
        compared += len(before) + len(after)
        if before != after:
            changed += sum(len(c.text) for c in diff_text(before, after) if c.op is not Op.EQUAL)
    return changed, compared


@dataclass
class _Replay:
    """Walks one translation's events in order, writing its moves and stretches."""

    facts: Facts
    frozen: dict[str, list[Frozen]]
    words_of: Callable[[int, str], int]
    text_of: Callable[[int], list[dict[str, Any]]]
    out: Derived
    created_at: datetime
    holder: int | None = None
    due_at: datetime | None = None
    claim: tuple[datetime, int | None] | None = None  # a claim not yet submitted
    submitted: tuple[datetime, Frozen | None] | None = None  # a submission not yet decided
    approved_at: datetime | None = None
    rounds: int = 0
    seen: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    def snapshot(self, action: str) -> Frozen | None:
        """The snapshot the nth event of `action` took (snapshots and events go in step)."""
        number = self.seen[action]
        self.seen[action] += 1
        taken = self.frozen.get(action, [])
        return taken[number] if number < len(taken) else None

    def move(self, happened: Happened, kind: str, **values: Any) -> None:
        self.out.moves.append(
            {
                "event_id": happened.id,
                "translation_id": self.facts.translation_id,
                "kind": kind,
                "happened_at": happened.at,
                "happened_on": happened.at.date(),
                "source_language": self.facts.source_language,
                "target_language": self.facts.target_language,
                "outlet_id": self.facts.outlet_id,
                "translator_id": values.pop("translator_id", self.holder),
                "words": values.pop("words", 0),
                "on_time": values.pop("on_time", None),
                "rounds": values.pop("rounds", None),
                "change_reason": values.pop("change_reason", None),
                "changed_chars": values.pop("changed_chars", None),
                "compared_chars": values.pop("compared_chars", None),
            }
        )

    def stretch(self, kind: str, start: datetime, end: datetime) -> None:
        self.out.stretches.append(
            {
                "translation_id": self.facts.translation_id,
                "kind": kind,
                "started_at": start,
                "ended_at": end,
                "ended_on": end.date(),
                "hours": hours_between(start, end),
                "source_language": self.facts.source_language,
                "target_language": self.facts.target_language,
                "outlet_id": self.facts.outlet_id,
                "translator_id": self.holder,
            }
        )

    def words(self, frozen: Frozen | None) -> int:
        revision = frozen.source_revision_id if frozen else self.facts.source_revision_id
        return self.words_of(revision, self.facts.source_language)

    def take(self, happened: Happened) -> None:
        action = happened.action.removeprefix("translation:")
        handler = getattr(self, f"_on_{action}", None)
        if handler is not None:
            handler(happened)

    def _on_created(self, happened: Happened) -> None:
        self.created_at = happened.at

    def _held(self, happened: Happened, holder: int | None) -> None:
        self.holder = holder
        self.due_at = _moment(happened.payload.get("due_at"))
        self.claim = (happened.at, holder)
        self.move(happened, CLAIM)
        row = self.out.translation
        if row["first_claimed_at"] is None:
            row["first_claimed_at"] = happened.at
            row["first_translator_id"] = holder
            self.stretch(INTAKE_TO_CLAIM, self.created_at, happened.at)

    def _on_claim(self, happened: Happened) -> None:
        self._held(happened, happened.actor_id)

    def _on_assign(self, happened: Happened) -> None:
        named = happened.payload.get("translator_id")
        self._held(happened, named if isinstance(named, int) else None)

    def _back_to_the_pool(self) -> None:
        self.holder, self.due_at, self.claim = None, None, None

    def _on_release(self, happened: Happened) -> None:
        by_clock = happened.actor_id is None and happened.payload.get("reason") == EXPIRED_REASON
        if by_clock:
            named = happened.payload.get("translator_id")
            holder = named if isinstance(named, int) else self.holder
            self.move(happened, EXPIRED, translator_id=holder)
        else:
            self.move(happened, RELEASED)
        self._back_to_the_pool()

    def _on_restore(self, _happened: Happened) -> None:
        self._back_to_the_pool()

    def _on_withdraw(self, _happened: Happened) -> None:
        self.claim, self.submitted, self.approved_at = None, None, None

    def _on_due_accepted(self, happened: Happened) -> None:
        self.due_at = _moment(happened.payload.get("proposed_due_at")) or self.due_at

    def _on_submit(self, happened: Happened) -> None:
        frozen = self.snapshot("submit")
        self.rounds += 1
        on_time = None
        if self.claim is not None:
            self.stretch(CLAIM_TO_SUBMIT, self.claim[0], happened.at)
            if self.due_at is not None:
                on_time = happened.at <= self.due_at
            self.claim = None
        self.move(happened, SUBMIT, words=self.words(frozen), on_time=on_time)
        self.submitted = (happened.at, frozen)

    def _decided(self, happened: Happened, kind: str, **values: Any) -> None:
        frozen = self.snapshot(kind)
        changed: tuple[int | None, int | None] = (None, None)
        if self.submitted is not None:
            self.stretch(SUBMIT_TO_DECISION, self.submitted[0], happened.at)
            before = self.submitted[1]
            if before is not None and frozen is not None:
                changed = changed_characters(self.text_of(before.id), self.text_of(frozen.id))
        self.submitted = None
        self.move(happened, kind, changed_chars=changed[0], compared_chars=changed[1], **values)

    def _on_request_changes(self, happened: Happened) -> None:
        reason = happened.payload.get("change_reason")
        known = reason if reason in {r.value for r in ChangeReason} else ChangeReason.OTHER.value
        self._decided(happened, REQUEST_CHANGES, change_reason=known)

    def _on_approve(self, happened: Happened) -> None:
        self._decided(happened, APPROVE, rounds=self.rounds)
        self.rounds = 0
        self.approved_at = happened.at

    def _on_publish(self, happened: Happened) -> None:
        frozen = self.snapshot("publish")
        if self.approved_at is not None:
            self.stretch(APPROVE_TO_PUBLISH, self.approved_at, happened.at)
            self.approved_at = None
        row = self.out.translation
        if row["first_published_at"] is not None:
            return  # a republished correction: not published again
        words = self.words(frozen)
        self.move(happened, PUBLISH, words=words)
        self.stretch(INTAKE_TO_PUBLISH, self.created_at, happened.at)
        row |= {
            "first_published_at": happened.at,
            "first_published_on": happened.at.date(),
            "published_translator_id": self.holder,
            "published_snapshot_id": frozen.id if frozen else None,
            "published_words": words,
        }


def derive(
    facts: Facts,
    history: Iterable[Happened],
    frozen: Sequence[Frozen],
    *,
    words_of: Callable[[int, str], int],
    text_of: Callable[[int], list[dict[str, Any]]],
) -> Derived:
    """A translation's rollup rows from its history: the pure core of `refresh`."""
    by_action: dict[str, list[Frozen]] = defaultdict(list)
    for snapshot in sorted(frozen, key=lambda s: s.id):
        by_action[snapshot.action].append(snapshot)
    out = Derived(
        translation={
            "translation_id": facts.translation_id,
            "article_id": facts.article_id,
            "outlet_id": facts.outlet_id,
            "source_language": facts.source_language,
            "target_language": facts.target_language,
            "created_at": facts.created_at,
            "created_on": facts.created_at.date(),
            "first_translator_id": None,
            "first_claimed_at": None,
            "first_published_at": None,
            "first_published_on": None,
            "published_translator_id": None,
            "published_snapshot_id": None,
            "published_words": None,
        }
    )
    replay = _Replay(facts, by_action, words_of, text_of, out, facts.created_at)
    events = sorted(history, key=lambda h: h.id)
    created = next((h for h in events if h.action == "translation:created"), None)
    if created is not None:
        out.translation["created_at"] = created.at
        out.translation["created_on"] = created.at.date()
    for happened in events:
        replay.take(happened)
    return out


class _Words:
    """Source words of revisions (characters for Chinese, Japanese, Thai), read once each."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.known: dict[int, int] = {}

    def load(self, revision_ids: Iterable[int], languages: dict[int, str]) -> None:
        wanted = [r for r in set(revision_ids) if r not in self.known]
        for chunk in _chunks(wanted, BATCH):
            self.known.update(
                self.session.execute(
                    select(SourceRevision.id, SourceRevision.word_count).where(
                        SourceRevision.id.in_(chunk)
                    )
                ).all()
            )
        thai = [r for r in wanted if base_language(languages.get(r, "")) == "th"]
        for chunk in _chunks(thai, BATCH):
            counts: dict[int, int] = defaultdict(int)
            for revision_id, text in self.session.execute(
                select(Segment.revision_id, Segment.text).where(Segment.revision_id.in_(chunk))
            ):
                counts[revision_id] += count_characters(text)
            for revision_id in chunk:
                self.known[revision_id] = counts[revision_id]

    def __call__(self, revision_id: int, language: str) -> int:
        if revision_id not in self.known:
            self.load([revision_id], {revision_id: language})
        return self.known.get(revision_id, 0)


def _chunks(values: Sequence[int], size: int) -> Iterator[list[int]]:
    for start in range(0, len(values), size):
        yield list(values[start : start + size])


def _facts(session: Session, ids: Sequence[int]) -> dict[int, Facts]:
    rows = session.execute(
        select(
            Translation.id,
            Translation.article_id,
            Article.outlet_id,
            Translation.source_language,
            Translation.target_language,
            Translation.created_at,
            Translation.source_revision_id,
        )
        .join(Article, Article.id == Translation.article_id)
        .where(Translation.id.in_(ids))
    )
    return {row[0]: Facts(*row) for row in rows}


def _histories(session: Session, ids: Sequence[int]) -> dict[int, list[Happened]]:
    found: dict[int, list[Happened]] = defaultdict(list)
    rows = session.execute(
        select(
            Event.subject_id,
            Event.id,
            Event.action,
            Event.actor_id,
            Event.payload,
            Event.created_at,
        ).where(Event.subject_type == "translation", Event.subject_id.in_(ids))
    )
    for subject_id, *rest in rows:
        event_id, action, actor_id, payload, created_at = rest
        found[subject_id].append(Happened(event_id, action, actor_id, payload or {}, created_at))
    return found


def _snapshots(session: Session, ids: Sequence[int]) -> dict[int, list[Frozen]]:
    found: dict[int, list[Frozen]] = defaultdict(list)
    rows = session.execute(
        select(
            Snapshot.translation_id, Snapshot.id, Snapshot.action, Snapshot.source_revision_id
        ).where(Snapshot.translation_id.in_(ids))
    )
    for translation_id, snapshot_id, action, revision_id in rows:
        found[translation_id].append(Frozen(snapshot_id, action, revision_id))
    return found


def _text_of(session: Session) -> Callable[[int], list[dict[str, Any]]]:
    def text_of(snapshot_id: int) -> list[dict[str, Any]]:
        segments = session.scalar(select(Snapshot.segments).where(Snapshot.id == snapshot_id))
        return list(segments or [])

    return text_of


def _known_people(session: Session, derived: Sequence[Derived]) -> set[int]:
    """Of the people the rows name, those still on file: a deleted person's rows name nobody,
    as the events' actor columns do."""
    named: set[int] = set()
    for rows in derived:
        for key in ("first_translator_id", "published_translator_id"):
            if rows.translation[key] is not None:
                named.add(rows.translation[key])
        named.update(r["translator_id"] for r in rows.moves + rows.stretches if r["translator_id"])
    known: set[int] = set()
    for chunk in _chunks(sorted(named), BATCH):
        known.update(session.scalars(select(User.id).where(User.id.in_(chunk))))
    return known


def _forget_unknown(rows: dict[str, Any], keys: Iterable[str], known: set[int]) -> None:
    for key in keys:
        if rows[key] is not None and rows[key] not in known:
            rows[key] = None


def derive_many(session: Session, ids: Sequence[int], words: _Words | None = None) -> list[Derived]:
    """The rows of the translations `ids` that still exist."""
    facts = _facts(session, ids)
    histories = _histories(session, list(facts))
    snapshots = _snapshots(session, list(facts))
    words = words or _Words(session)
    languages = {f.source_revision_id: f.source_language for f in facts.values()}
    for translation_id, frozen in snapshots.items():
        language = facts[translation_id].source_language
        languages.update({s.source_revision_id: language for s in frozen})
    words.load(languages, languages)
    text_of = _text_of(session)
    derived = [
        derive(
            facts[i], histories.get(i, []), snapshots.get(i, []), words_of=words, text_of=text_of
        )
        for i in sorted(facts)
    ]
    known = _known_people(session, derived)
    for rows in derived:
        _forget_unknown(rows.translation, ("first_translator_id", "published_translator_id"), known)
        for row in rows.moves + rows.stretches:
            _forget_unknown(row, ("translator_id",), known)
    return derived


def _write(session: Session, derived: Sequence[Derived]) -> None:
    translations = [rows.translation for rows in derived]
    moves = [move for rows in derived for move in rows.moves]
    stretches = [stretch for rows in derived for stretch in rows.stretches]
    for table, rows in ((TRANSLATIONS, translations), (MOVES, moves), (STRETCHES, stretches)):
        if rows:
            session.execute(insert(table), rows)


def _forget(session: Session, ids: Sequence[int]) -> None:
    for table in ROLLUP_TABLES:
        session.execute(delete(table).where(table.c.translation_id.in_(ids)))


def refresh(session: Session, translation_ids: Iterable[int]) -> int:
    """Derive the rows of these translations again from their history; returns how many
    translations have rows. Safe inside a flush: it writes with Core statements only."""
    ids = sorted(set(translation_ids))
    done = 0
    for chunk in _chunks(ids, BATCH):
        _forget(session, chunk)
        derived = derive_many(session, chunk)
        _write(session, derived)
        done += len(derived)
    return done


def get_mark(session: Session, name: str) -> int | None:
    value: int | None = session.scalar(
        select(StatisticsMark.last_id).where(StatisticsMark.name == name)
    )
    return value


def set_mark(session: Session, name: str, last_id: int | None) -> None:
    table = MARKS
    if last_id is None:
        session.execute(delete(table).where(table.c.name == name))
    elif get_mark(session, name) is None:
        session.execute(insert(table).values(name=name, last_id=last_id))
    else:
        session.execute(update(table).where(table.c.name == name).values(last_id=last_id))


@dataclass
class CatchUp:
    translations: int = 0
    revisions: int = 0

    def summary(self) -> str:
        return f"{self.translations} translation(s) refreshed, {self.revisions} save(s) counted"


def catch_up_events(session: Session) -> int:
    """Refresh the translations of the events written since the mark; moves the mark."""
    last = get_mark(session, EVENTS_MARK) or 0
    newest = session.scalar(select(func.max(Event.id)).where(Event.id > last))
    if newest is None:
        return 0
    ids = session.scalars(
        select(Event.subject_id)
        .where(Event.id > last, Event.id <= newest, Event.subject_type == "translation")
        .distinct()
    ).all()
    done = refresh(session, ids)
    set_mark(session, EVENTS_MARK, newest)
    return done


def catch_up_saves(
    session: Session, *, now: datetime | None = None, batch: int = 20_000, lag: bool = True
) -> int:
    """Count the segment revisions written since the mark (up to `SAVES_LAG` ago)."""
    until = (now or utcnow()) - (SAVES_LAG if lag else timedelta(0))
    counted = 0
    while True:
        last = get_mark(session, SAVES_MARK) or 0
        rows = session.execute(
            select(
                SegmentRevision.id,
                SegmentRevision.translation_id,
                SegmentRevision.author_id,
                SegmentRevision.created_at,
                SegmentRevision.origin,
                SegmentRevision.suggestion_kind,
            )
            .where(SegmentRevision.id > last)
            .order_by(SegmentRevision.id)
            .limit(batch)
        ).all()
        taken = []
        for row in rows:
            if row.created_at > until:
                break
            taken.append(row)
        if not taken:
            return counted
        _add_saves(session, taken)
        set_mark(session, SAVES_MARK, taken[-1].id)
        counted += len(taken)
        if len(taken) < len(rows) or len(rows) < batch:
            return counted


def _add_saves(session: Session, revisions: Sequence[Any]) -> None:
    facts = _facts(session, sorted({r.translation_id for r in revisions}))
    authors = sorted({r.author_id for r in revisions if r.author_id is not None})
    known_people: set[int] = set()
    for chunk in _chunks(authors, BATCH):
        known_people.update(session.scalars(select(User.id).where(User.id.in_(chunk))))
    totals: dict[tuple[int, Any, int | None], dict[str, Any]] = {}
    for revision in revisions:
        known = facts.get(revision.translation_id)
        if known is None:
            continue
        author = revision.author_id if revision.author_id in known_people else None
        key = (revision.translation_id, revision.created_at.date(), author)
        row = totals.setdefault(
            key,
            {
                "translation_id": key[0],
                "saved_on": key[1],
                "author_id": key[2],
                "source_language": known.source_language,
                "target_language": known.target_language,
                "outlet_id": known.outlet_id,
                "saves": 0,
                "memory_insertions": 0,
                "machine_insertions": 0,
            },
        )
        origin = getattr(revision.origin, "value", revision.origin)
        row["saves"] += origin in SAVE_ORIGINS
        row["memory_insertions"] += revision.suggestion_kind == "memory"
        row["machine_insertions"] += revision.suggestion_kind == "machine"
    table = SAVES
    existing: dict[tuple[int, Any, int | None], int] = {}
    for chunk in _chunks(sorted({k[0] for k in totals}), BATCH):
        for row_id, translation_id, saved_on, author_id in session.execute(
            select(table.c.id, table.c.translation_id, table.c.saved_on, table.c.author_id).where(
                table.c.translation_id.in_(chunk)
            )
        ):
            existing[(translation_id, saved_on, author_id)] = row_id
    new = []
    for key, row in totals.items():
        if key not in existing:
            new.append(row)
            continue
        session.execute(
            update(table)
            .where(table.c.id == existing[key])
            .values(
                saves=table.c.saves + row["saves"],
                memory_insertions=table.c.memory_insertions + row["memory_insertions"],
                machine_insertions=table.c.machine_insertions + row["machine_insertions"],
            )
        )
    if new:
        session.execute(insert(table), new)


def catch_up(session: Session, *, now: datetime | None = None) -> CatchUp:
    """What the tick runs: events since the mark, then segment saves; flushes nothing else."""
    return CatchUp(catch_up_events(session), catch_up_saves(session, now=now))


def has_rollups(session: Session) -> bool:
    return session.scalar(select(StatisticsTranslation.translation_id).limit(1)) is not None


def needs_filling(session: Session) -> bool:
    """Translations exist and no rollup row does: a desk that just gained the statistics."""
    has_translations = session.scalar(select(Translation.id).limit(1)) is not None
    return has_translations and not has_rollups(session)


@dataclass(frozen=True)
class Progress:
    """How far a rebuild is: `done` of `total` in `phase` ("translations" or "saves")."""

    phase: str
    done: int
    total: int


def _start_rebuild(session: Session) -> None:
    for table in (*ROLLUP_TABLES, SAVES):
        session.execute(delete(table))
    # Events after this one are the listener's (or the next catch-up's) to take in.
    set_mark(session, EVENTS_MARK, session.scalar(select(func.max(Event.id))) or 0)
    set_mark(session, SAVES_MARK, 0)
    set_mark(session, REBUILD_MARK, 0)
    session.commit()


def rebuild(
    session: Session, *, restart: bool = False, batch: int = BATCH, now: datetime | None = None
) -> Iterator[Progress]:
    """Derive every rollup row again, committing batch by batch; yields progress.

    Interrupted, it carries on from the last committed batch when run again (unless
    `restart`). The desk keeps working meanwhile: a translation the listener refreshes ahead
    of the rebuild is derived again when the rebuild reaches it, to the same rows.
    """
    after = get_mark(session, REBUILD_MARK)
    if after is None or restart:
        _start_rebuild(session)
        after = 0
    total = session.scalar(select(func.count()).select_from(Translation)) or 0
    done = session.scalar(select(func.count()).where(Translation.id <= after)) or 0
    words = _Words(session)
    while True:
        ids = list(
            session.scalars(
                select(Translation.id)
                .where(Translation.id > after)
                .order_by(Translation.id)
                .limit(batch)
            )
        )
        if not ids:
            break
        _forget(session, ids)
        _write(session, derive_many(session, ids, words))
        after = ids[-1]
        set_mark(session, REBUILD_MARK, after)
        session.commit()
        done += len(ids)
        yield Progress("translations", done, total)
    pending = session.scalar(
        select(func.count()).where(SegmentRevision.id > (get_mark(session, SAVES_MARK) or 0))
    )
    counted = 0
    while True:
        step = catch_up_saves(session, now=now, batch=batch * 40)
        session.commit()
        counted += step
        yield Progress("saves", counted, pending or 0)
        if not step:
            break
    set_mark(session, REBUILD_MARK, None)
    session.commit()
