"""Synthetic data at scale: N articles in 20 source languages, each in its own script, with N/50
people and translations in every state, their history in proportion.

    python -m bench.synthetic --scale 10000 --database-url sqlite:///bench/data/bench-10k.sqlite3

Rows are written with SQLAlchemy Core in large batches, ids chosen here, not through the
services: the point is a big desk quickly, not the desk's rules (which the tests cover). The
result is what those rules would have produced: versions match revisions, published
translations have their snapshot and public record, search indexes are filled by the
database's own triggers or expression index.
"""

import argparse
import json
import random
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from itertools import accumulate
from typing import Any

from sqlalchemy import Connection, Engine, func, insert, select
from sqlalchemy.orm import Session

from translate_flow.core import search_index
from translate_flow.core.db import make_engine
from translate_flow.core.jobs import analyse_list_tables
from translate_flow.core.migrate import upgrade
from translate_flow.core.passwords import PasswordPolicy, Passwords
from translate_flow.domain.models import (
    Article,
    Comment,
    Event,
    LanguagePair,
    Outlet,
    Publication,
    ReaderComment,
    Segment,
    SegmentRevision,
    Snapshot,
    SourceRevision,
    Translation,
    TranslationSegment,
    User,
    UserRole,
)
from translate_flow.statistics import rollup

BATCH_ARTICLES = 500
NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
PASSWORD = "bench-password-0123"  # noqa: S105 -- every synthetic person's, for the load runs

# Source languages, each with what its text is made of: spaced words of these letters, or
# dense characters of these code point ranges; and the country of its outlets.
LANGUAGES: dict[str, tuple[str, str, str]] = {
    "ja": ("dense", "\u3041\u3093\u30a1\u30f3\u4e00\u4e9f", "JP"),
    "zh": ("dense", "\u4e00\u9fa5", "CN"),
    "th": ("dense", "\u0e01\u0e2e\u0e30\u0e39", "TH"),
    "ko": ("spaced", "\uac00\ud7a3", "KR"),
    "ar": ("spaced", "\u0627\u064a", "EG"),
    "fa": ("spaced", "\u0627\u06cc", "IR"),
    "he": ("spaced", "\u05d0\u05ea", "IL"),
    "ru": ("spaced", "\u0430\u044f", "RU"),
    "uk": ("spaced", "\u0430\u044f\u0456\u0457", "UA"),
    "el": ("spaced", "\u03b1\u03c9", "GR"),
    "hi": ("spaced", "\u0915\u0939\u093e\u094c", "IN"),
    "es": ("spaced", "abcdefghijlmnopqrstuvzáéíóúñ", "ES"),
    "de": ("spaced", "abcdefghiklmnoprstuwzäöüß", "DE"),
    "fr": ("spaced", "abcdefghijlmnopqrstuvéèêàç", "FR"),
    "it": ("spaced", "abcdefghilmnopqrstuvzàèìò", "IT"),
    "pt": ("spaced", "abcdefghijlmnopqrstuvzãõçáé", "BR"),
    "pl": ("spaced", "abcdefghijklmnoprstuwyząęłńóśźż", "PL"),
    "tr": ("spaced", "abcdefghijklmnoprstuvyzçğışöü", "TR"),
    "vi": ("spaced", "abcdeghiklmnopqrstuvxyàáảãạăâđêôơư", "VN"),
    "id": ("spaced", "abcdefghijklmnoprstuwy", "ID"),
}
ENGLISH_LETTERS = "abcdefghijklmnopqrstuvwxyz"
# How the translations are spread over the states, and the share of each.
STATES = [
    ("open", 0.25),
    ("draft", 0.20),
    ("in_review", 0.10),
    ("approved", 0.05),
    ("published", 0.33),
    ("unpublished", 0.02),
    ("withdrawn", 0.05),
]


VOCABULARY = 4000


def _zipf(size: int) -> list[float]:
    """Cumulative weights of ranks 1..size by the Zipf-Mandelbrot law (s = 1, q = 2.7)."""
    return list(accumulate(1 / (rank + 2.7) for rank in range(size)))


def _letters(spec: str) -> list[str]:
    """Either a string of letters, or pairs of code points giving ranges."""
    if len(spec) % 2 == 0 and all(ord(ch) >= 0x0370 for ch in spec):
        chars: list[str] = []
        for low, high in zip(spec[::2], spec[1::2], strict=True):
            chars.extend(chr(cp) for cp in range(ord(low), ord(high) + 1))
        return chars
    return list(spec)


class Writer:
    """Text in one language: a vocabulary made once, sentences drawn from it by Zipf's law.

    Real text is Zipfian: a 1,100-word article holds about 400-550 different words (this
    README: 404 a 1,100-word window), where drawing uniformly from 4,000 words gave 960, twice
    the index, the reindex and the matches of a real desk. Words are ranked shortest first,
    with noise, as languages shorten their common words; dense scripts rank their characters.
    """

    def __init__(self, code: str, kind: str, letters: list[str], rnd: random.Random) -> None:
        self.code, self.dense, self.rnd = code, kind == "dense", rnd
        if self.dense:
            self.chars = list(letters)
            rnd.shuffle(self.chars)
            self.cumulative = _zipf(len(self.chars))
        else:
            words = list(
                dict.fromkeys(
                    "".join(rnd.choices(letters, k=rnd.randint(2, 9))) for _ in range(VOCABULARY)
                )
            )
            self.words = sorted(words, key=lambda word: len(word) + rnd.uniform(0, 4))
            self.cumulative = _zipf(len(self.words))

    def sentence(self, words: int) -> str:
        if self.dense:
            chars = self.rnd.choices(self.chars, cum_weights=self.cumulative, k=words * 2)
            return "".join(chars) + "。"
        chosen = self.rnd.choices(self.words, cum_weights=self.cumulative, k=words)
        chosen[0] = chosen[0].capitalize()
        return " ".join(chosen) + "."

    def paragraph(self, words: int) -> str:
        parts, left = [], words
        while left > 0:
            size = min(left, self.rnd.randint(8, 24))
            parts.append(self.sentence(size))
            left -= size
        return ("" if self.dense else " ").join(parts)


@dataclass
class Ids:
    """The next free id of each table, so that rows can point at each other before insert."""

    next: dict[str, int] = field(default_factory=dict)

    def take(self, table: str) -> int:
        value = self.next[table]
        self.next[table] = value + 1
        return value


def _segment_count(rnd: random.Random) -> int:
    roll = rnd.random()
    if roll < 0.70:
        return rnd.randint(5, 40)
    if roll < 0.95:
        return rnd.randint(40, 100)
    return rnd.randint(100, 200)


def _state(rnd: random.Random) -> str:
    roll, total = rnd.random(), 0.0
    for state, share in STATES:
        total += share
        if roll < total:
            return state
    return "open"


@dataclass
class Batch:
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def add(self, table: str, row: dict[str, Any]) -> None:
        self.rows.setdefault(table, []).append(row)


# Insert order: every row's references exist before it, but for each first revision's
# article (the two point at each other; see build()).
ORDER = [
    "source_revisions",
    "articles",
    "segments",
    "translations",
    "translation_segments",
    "segment_revisions",
    "snapshots",
    "publications",
    "events",
    "comments",
    "reader_comments",
]
TABLES = {
    "articles": Article.__table__,
    "source_revisions": SourceRevision.__table__,
    "segments": Segment.__table__,
    "translations": Translation.__table__,
    "translation_segments": TranslationSegment.__table__,
    "segment_revisions": SegmentRevision.__table__,
    "snapshots": Snapshot.__table__,
    "publications": Publication.__table__,
    "events": Event.__table__,
    "comments": Comment.__table__,
    "reader_comments": ReaderComment.__table__,
}


@dataclass
class Desk:
    people: list[int]
    translators: dict[str, list[int]]  # source language → translators of it into English
    reviewers: dict[str, list[int]]
    coordinators: list[int]
    outlets: dict[str, list[int]]


def _people(engine: Engine, scale: int, rnd: random.Random) -> Desk:
    """N/50 people (at least 40): translators of one to three languages, reviewers, coordinators."""
    count = max(40, scale // 50)
    password_hash = Passwords(PasswordPolicy(time_cost=1, memory_cost_kib=64)).hash(PASSWORD)
    languages = list(LANGUAGES)
    users, roles, pairs = [], [], []
    translators: dict[str, list[int]] = {code: [] for code in languages}
    reviewers: dict[str, list[int]] = {code: [] for code in languages}
    coordinators: list[int] = []
    with engine.begin() as connection:
        first = (connection.scalar(select(func.max(User.id))) or 0) + 1
        first_pair = (connection.scalar(select(func.max(LanguagePair.id))) or 0) + 1
    for number in range(count):
        user_id = first + number
        email = f"bench{user_id}@example.org"
        users.append(
            {
                "id": user_id,
                "email": email,
                "email_key": email,
                "display_name": f"Volunteer {user_id}",
                "password_hash": password_hash,
                "capacity": rnd.randint(2, 6),
                "bio": "Translates opinion pieces for the desk." if number % 3 else "",
                "is_active": number % 40 != 39,
                "email_notifications": "immediate",
                "created_at": NOW - timedelta(days=rnd.randint(30, 3000)),
                "last_login_at": NOW - timedelta(days=rnd.randint(0, 60)),
            }
        )
        if number < max(2, count // 100):
            coordinators.append(user_id)
            roles.append({"user_id": user_id, "role": "coordinator"})
            continue
        reviewer = number % 5 == 0
        roles.append({"user_id": user_id, "role": "translator"})
        if reviewer:
            roles.append({"user_id": user_id, "role": "reviewer"})
        for code in rnd.sample(languages, rnd.randint(1, 3)):
            pairs.append(
                {
                    "id": first_pair + len(pairs),
                    "user_id": user_id,
                    "source_language": code,
                    "target_language": "en",
                    "can_review": reviewer,
                    "can_publish": reviewer and number % 10 == 0,
                }
            )
            translators[code].append(user_id)
            if reviewer:
                reviewers[code].append(user_id)
    outlets: dict[str, list[int]] = {}
    outlet_rows = []
    with engine.begin() as connection:
        first_outlet = (connection.scalar(select(func.max(Outlet.id))) or 0) + 1
        for code, (_kind, _spec, country) in LANGUAGES.items():
            for index in range(max(2, scale // 2000)):
                outlet_id = first_outlet + len(outlet_rows)
                name = f"Bench {code.upper()} Daily {outlet_id}"
                outlet_rows.append(
                    {
                        "id": outlet_id,
                        "name": name,
                        "name_key": name.casefold(),
                        "country": country,
                        "language": code,
                        "homepage": f"https://{code}{index}.bench.example/",
                        "is_active": True,
                        "created_at": NOW - timedelta(days=3000),
                    }
                )
                outlets.setdefault(code, []).append(outlet_id)
        connection.execute(insert(User.__table__), users)
        connection.execute(insert(UserRole.__table__), roles)
        connection.execute(insert(LanguagePair.__table__), pairs)
        connection.execute(insert(Outlet.__table__), outlet_rows)
    for code in languages:  # every language has someone
        translators[code] = translators[code] or [users[-1]["id"]]
        reviewers[code] = reviewers[code] or [users[-2]["id"]]
    return Desk([u["id"] for u in users], translators, reviewers, coordinators, outlets)


def _first_ids(engine: Engine) -> Ids:
    ids = Ids()
    with engine.connect() as connection:
        for name, table in TABLES.items():
            ids.next[name] = (connection.scalar(select(func.max(table.c.id))) or 0) + 1
    return ids


def _english(rnd: random.Random, words: int) -> str:
    vocabulary = ENGLISH
    chosen = rnd.choices(vocabulary, k=max(1, words))
    chosen[0] = chosen[0].capitalize()
    return " ".join(chosen) + "."


ENGLISH = [
    "the", "election", "policy", "trade", "washington", "allies", "economy", "security", "debate",
    "president", "congress", "tariffs", "market", "voters", "crisis", "future", "relations",
    "government", "analysts", "europe", "asia", "region", "question", "answer", "years", "power",
    "people", "country", "world", "change", "growth", "risk", "partners", "interest", "of", "and",
    "in", "to", "a", "is", "that", "for", "on", "with", "as", "by", "this", "be", "not", "are",
]  # fmt: skip


def _article(
    ids: Ids, batch: Batch, desk: Desk, writers: dict[str, Writer], rnd: random.Random
) -> None:
    code = rnd.choice(list(LANGUAGES))
    writer = writers[code]
    article_id, revision_id = ids.take("articles"), ids.take("source_revisions")
    created = NOW - timedelta(minutes=rnd.randint(60, 60 * 24 * 3650))
    coordinator = rnd.choice(desk.coordinators)
    count = _segment_count(rnd)
    kinds = ["title", "standfirst"] + [
        rnd.choices(["paragraph", "heading", "quote", "list_item"], [85, 7, 5, 3])[0]
        for _ in range(count - 2)
    ]
    segments = []
    for position, kind in enumerate(kinds):
        words = {"title": rnd.randint(5, 12), "standfirst": rnd.randint(15, 30)}.get(
            kind, rnd.randint(8, 14) if kind == "heading" else rnd.randint(25, 70)
        )
        text = writer.sentence(words) if kind in ("title", "heading") else writer.paragraph(words)
        segment_id = ids.take("segments")
        segments.append((segment_id, kind, text, words))
        batch.add(
            "segments",
            {
                "id": segment_id,
                "revision_id": revision_id,
                "position": position,
                "kind": kind,
                "html": text,
                "text": text,
                "word_count": words,
            },
        )
    body = "\n".join(text for _id, kind, text, _w in segments if kind not in ("title",))
    words_total = sum(w for *_rest, w in segments)
    title = segments[0][2]
    batch.add(
        "source_revisions",
        {
            "id": revision_id,
            "article_id": article_id,
            "number": 1,
            "title": title[:500],
            "standfirst": segments[1][2],
            "body_html": "".join(f"<p>{t}</p>" for _i, _k, t, _w in segments[2:]),
            "created_by_id": coordinator,
            "created_at": created,
            "segment_count": count,
            "word_count": words_total,
        },
    )
    url = f"https://{code}.bench.example/{article_id}"
    batch.add(
        "articles",
        {
            "id": article_id,
            "title": title[:500],
            "standfirst": segments[1][2],
            "author": f"Author {rnd.randint(1, 5000)}",
            "outlet_id": rnd.choice(desk.outlets[code]),
            "source_url": url,
            "url_key": url.removeprefix("https://"),
            "source_language": code,
            "published_on": (created - timedelta(days=rnd.randint(0, 5))).date(),
            "priority": rnd.choices([1, 2, 3, 4], [10, 70, 15, 5])[0],
            "notes": "",
            "status": "active" if rnd.random() < 0.9 else "archived",
            "created_by_id": coordinator,
            "created_at": created,
            "updated_at": created,
            "current_revision_id": revision_id,
            "segment_count": count,
            "word_count": words_total,
            "search_text": body,
        },
    )
    _translation(ids, batch, desk, rnd, article_id, revision_id, code, segments, created)


def _translation(
    ids: Ids,
    batch: Batch,
    desk: Desk,
    rnd: random.Random,
    article_id: int,
    revision_id: int,
    code: str,
    segments: list[tuple[int, str, str, int]],
    created: datetime,
) -> None:
    state = _state(rnd)
    translation_id = ids.take("translations")
    translator = rnd.choice(desk.translators[code]) if state != "open" else None
    reviewer = (
        rnd.choice([r for r in desk.reviewers[code] if r != translator] or desk.coordinators)
        if state in ("approved", "published", "unpublished")
        else None
    )
    claimed = created + timedelta(hours=rnd.randint(1, 200)) if translator else None
    due = claimed + timedelta(days=14) if claimed else None
    submitted = None
    if claimed is not None and state not in ("draft", "withdrawn"):
        submitted = claimed + timedelta(days=rnd.randint(1, 13))
    batch.add(
        "translations",
        {
            "id": translation_id,
            "article_id": article_id,
            "source_language": code,
            "target_language": "en",
            "state": state,
            "source_revision_id": revision_id,
            "translator_id": translator,
            "reviewer_id": reviewer,
            "due_at": due,
            "claimed_at": claimed,
            "submitted_at": submitted,
            "created_at": created,
            "updated_at": submitted or claimed or created,
        },
    )
    events = [("created", created, {"target_language": "en"}, desk.coordinators[0])]
    filled = {
        "open": 0.0,
        "draft": rnd.random(),
        "withdrawn": rnd.random() * 0.5,
    }.get(state, 1.0)
    rows = []
    for segment_id, _kind, _text, words in segments:
        row_id = ids.take("translation_segments")
        text = _english(rnd, words) if rnd.random() < filled else ""
        version = 0
        if text:
            revisions = 2 if rnd.random() < 0.2 else 1
            for number in range(1, revisions + 1):
                batch.add(
                    "segment_revisions",
                    {
                        "id": ids.take("segment_revisions"),
                        "translation_segment_id": row_id,
                        "translation_id": translation_id,
                        "author_id": translator,
                        "origin": "typed",
                        "text": text if number == revisions else text[: len(text) // 2],
                        "version": number,
                        "base_version": number - 1,
                        "created_at": (claimed or created) + timedelta(minutes=number),
                    },
                )
            version = revisions
        rows.append((row_id, segment_id, text))
        batch.add(
            "translation_segments",
            {
                "id": row_id,
                "translation_id": translation_id,
                "segment_id": segment_id,
                "text": text,
                "version": version,
                "leave_untranslated": False,
                "is_done": bool(text) and state != "draft",
                "updated_at": claimed or created,
            },
        )
    if translator is not None:
        events.append(("claim", claimed, {"from": "open", "to": "draft"}, translator))
    if submitted is not None:
        events.append(("submit", submitted, {"from": "draft", "to": "in_review"}, translator))
    snapshot_action = {
        "in_review": "submit",
        "approved": "approve",
        "published": "publish",
        "unpublished": "publish",
    }.get(state)
    if snapshot_action is not None:
        moment = (submitted or created) + timedelta(days=1)
        snapshot_id = ids.take("snapshots")
        snapshot_rows = [
            {
                "row_id": row_id,
                "segment_id": segment_id,
                "position": position,
                "kind": segments[position][1],
                "source": segments[position][2],
                "text": text,
                "leave_untranslated": False,
            }
            for position, (row_id, segment_id, text) in enumerate(rows)
        ]
        batch.add(
            "snapshots",
            {
                "id": snapshot_id,
                "translation_id": translation_id,
                "action": snapshot_action,
                "state": "published" if snapshot_action == "publish" else state,
                "actor_id": reviewer or translator,
                "source_revision_id": revision_id,
                "segments": snapshot_rows,
                "created_at": moment,
            },
        )
        if state in ("approved", "published", "unpublished"):
            events.append(("approve", moment, {"from": "in_review", "to": "approved"}, reviewer))
        if state in ("published", "unpublished"):
            events.append(("publish", moment, {"from": "approved", "to": "published"}, reviewer))
            _publication(
                ids,
                batch,
                rnd,
                (translation_id, article_id, snapshot_id),
                code,
                rows,
                (translator, reviewer),
                moment,
                state,
            )
    for action, moment, payload, actor in events:
        batch.add(
            "events",
            {
                "id": ids.take("events"),
                "action": f"translation:{action}",
                "actor_id": actor,
                "subject_type": "translation",
                "subject_id": translation_id,
                "payload": payload,
                "created_at": moment,
            },
        )
    if translator is not None and rnd.random() < 0.1:
        root = None
        for number in range(rnd.randint(1, 3)):
            comment_id = ids.take("comments")
            batch.add(
                "comments",
                {
                    "id": comment_id,
                    "translation_id": translation_id,
                    "translation_segment_id": rows[rnd.randrange(len(rows))][0],
                    "parent_id": root,
                    "author_id": translator if number % 2 else (reviewer or desk.coordinators[0]),
                    "body": _english(rnd, rnd.randint(5, 30)),
                    "created_at": (claimed or created) + timedelta(hours=number),
                },
            )
            root = root or comment_id


def _publication(
    ids: Ids,
    batch: Batch,
    rnd: random.Random,
    keys: tuple[int, int, int],
    code: str,
    rows: list[tuple[int, int, str]],
    credit: tuple[int | None, int | None],
    moment: datetime,
    state: str,
) -> None:
    translation_id, article_id, snapshot_id = keys
    translator, reviewer = credit
    publication_id = ids.take("publications")
    title = rows[0][2].rstrip(".")[:500]
    body = [text for _r, _s, text in rows[1:]]
    batch.add(
        "publications",
        {
            "id": publication_id,
            "translation_id": translation_id,
            "slug": f"{title.lower().replace(' ', '-')[:80]}-{publication_id}",
            "snapshot_id": snapshot_id,
            "article_id": article_id,
            "title": title,
            "summary": body[0][:300] if body else "",
            "search_text": "\n".join(body),
            "source_language": code,
            "target_language": "en",
            "word_count": sum(len(t.split()) for t in body),
            "translator_id": translator,
            "reviewer_id": reviewer,
            "first_published_at": moment,
            "published_at": moment,
            "unpublished_at": moment + timedelta(days=3) if state == "unpublished" else None,
        },
    )
    for number in range(rnd.choices([0, 1, 3], [85, 10, 5])[0]):
        batch.add(
            "reader_comments",
            {
                "id": ids.take("reader_comments"),
                "publication_id": publication_id,
                "name": f"Reader {rnd.randint(1, 99999)}",
                "email": "",
                "body": _english(rnd, rnd.randint(10, 60)),
                "status": "approved" if number % 4 else "pending",
                "created_at": moment + timedelta(hours=number + 1),
            },
        )


def _insert(connection: Connection, table: str, rows: list[dict[str, Any]]) -> None:
    """Executemany on SQLite; COPY on PostgreSQL, three to four times faster there."""
    if connection.dialect.name != "postgresql":
        connection.execute(insert(TABLES[table]), rows)
        return
    # COPY fills no defaults: give every column the model's default where the row has none.
    defaults = {}
    for column in TABLES[table].columns:
        if column.name in rows[0] or column.default is None:
            continue
        default = column.default
        defaults[column.name] = default.arg(None) if default.is_callable else default.arg  # type: ignore[attr-defined, operator]
    columns = list(rows[0]) + list(defaults)
    rows = [row | defaults for row in rows]
    json_columns = {c for c in columns if c in ("payload", "segments")}
    cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
    with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row([json.dumps(row[c]) if c in json_columns else row[c] for c in columns])


def index_for_search(engine: Engine, *, quiet: bool = True) -> None:
    """The rows above are written without the ORM, so without their search tokens: the
    reindex fills them (in bulk, the index built once) as `search reindex` would."""
    started = time.perf_counter()
    rows = sum(batch.rows for batch in search_index.reindex(engine))
    if not quiet and rows:
        print(f"search tokens of {rows:,} rows in {time.perf_counter() - started:,.0f} s")


def rollup_statistics(engine: Engine, *, quiet: bool = True) -> float:
    """The events above are written without the ORM, so without the statistics' listener: the
    rollups are derived from them once, as `statistics rebuild` would. Returns the seconds."""
    started = time.perf_counter()
    with Session(engine) as session:
        for _progress in rollup.rebuild(session, restart=True, batch=2000):
            pass
    seconds = time.perf_counter() - started
    if not quiet:
        print(f"statistics rollups in {seconds:,.1f} s")
    return seconds


def analyze(engine: Engine) -> None:
    """Planner statistics and, on PostgreSQL, the visibility map, as a desk that has run a
    while has them (the tick keeps SQLite's statistics; autovacuum PostgreSQL's). A desk just
    loaded and reindexed has every page of its big tables unvisited by VACUUM: no index-only
    scan pays then, and the article list's deep page and the board read whole tables (seen
    where the server runs with autovacuum off)."""
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.exec_driver_sql("VACUUM (ANALYZE)")
        return
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA analysis_limit = 1000")
        connection.exec_driver_sql("ANALYZE")
        analyse_list_tables(connection)  # as the tick does after its sampled analysis
        connection.commit()


def fix_sequences(engine: Engine) -> None:
    """On PostgreSQL, move each id sequence past the ids written here, so that the app's own
    inserts (a new snapshot, a comment) do not collide with them."""
    if engine.dialect.name != "postgresql":
        return
    with engine.begin() as connection:
        for table in (*TABLES.values(), User.__table__, Outlet.__table__, LanguagePair.__table__):
            name = table.name
            connection.exec_driver_sql(
                f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "  # noqa: S608
                f"COALESCE((SELECT max(id) FROM {name}), 1))"
            )


def _batches(total: int) -> Iterator[int]:
    done = 0
    while done < total:
        size = min(BATCH_ARTICLES, total - done)
        yield size
        done += size


def build(
    database_url: str, scale: int, *, seed: int = 7, quiet: bool = False, migrate: bool = True
) -> dict[str, Any]:
    """Add `scale` articles (and N/50 people) to the database at `database_url`.

    `migrate=False` for a database whose schema exists already (the tests build it from the
    models).
    """
    started = time.perf_counter()
    if migrate:
        upgrade(database_url)
    engine = make_engine(database_url)
    rnd = random.Random(seed)
    writers = {
        code: Writer(code, kind, _letters(letters), random.Random(seed + index))
        for index, (code, (kind, letters, _country)) in enumerate(LANGUAGES.items())
    }
    desk = _people(engine, scale, rnd)
    ids = _first_ids(engine)
    written = 0
    # Keeping the full-text indexes up row by row made each batch slower than the one before
    # (SQLite's FTS5 merging ever larger segments): they are dropped for the load, and the
    # reindex builds them once at the end.
    search_index.drop_index(engine)
    # Foreign keys are not checked row by row during the load: articles and their first
    # revision point at each other, and SQLite's deferred checks scan unindexed child columns
    # (articles.current_revision_id) for every parent row, so each batch got slower than the
    # last. The ids are consistent by construction, and SQLite checks them all at the end.
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        driver = connection.connection.driver_connection
        if sqlite:
            driver.execute("PRAGMA foreign_keys = OFF")  # type: ignore[union-attr]
        for size in _batches(scale):
            batch = Batch()
            for _ in range(size):
                _article(ids, batch, desk, writers, rnd)
            with connection.begin():
                if not sqlite:
                    connection.exec_driver_sql("SET LOCAL session_replication_role = replica")
                for table in ORDER:
                    rows = batch.rows.get(table)
                    if rows:
                        _insert(connection, table, rows)
            written += size
            if not quiet:
                rate = written / (time.perf_counter() - started)
                print(f"{written:,} of {scale:,} articles ({rate:,.0f}/s)", flush=True)
        if sqlite:
            problems = driver.execute("PRAGMA foreign_key_check").fetchall()  # type: ignore[union-attr]
            driver.execute("PRAGMA foreign_keys = ON")  # type: ignore[union-attr]
            assert not problems, f"inconsistent synthetic rows: {problems[:5]}"
    index_for_search(engine, quiet=quiet)
    rollup_seconds = rollup_statistics(engine, quiet=quiet)
    fix_sequences(engine)
    analyze(engine)
    engine.dispose()
    return {
        "articles": scale,
        "people": len(desk.people),
        "seconds": round(time.perf_counter() - started, 1),
        "rollup_seconds": round(rollup_seconds, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, required=True, help="How many articles to add.")
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--seed", type=int, default=7)
    arguments = parser.parse_args()
    print(json.dumps(build(arguments.database_url, arguments.scale, seed=arguments.seed)))


if __name__ == "__main__":
    main()
