"""Bringing a TMX file into a named collection: all of it or, when the file is refused,
nothing at all.

Which pair: the languages asked for, or else the file's source language (`srclang`, on the
header or the unit) and the one other language its units hold. Each code is mapped to a code
the desk already uses (`ja-JP` → `ja`, `zh-Hans-CN` → `zh` or `zh-Hans`), since matching
compares pairs exactly.

A collection's name is unique within its pair. Importing under a name that exists adds to
that collection, as Weblate adds a file's units to the memory it already has: units it
already holds (same source and translation) are skipped, so importing the same file twice
adds nothing the second time.
"""

from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain
from typing import IO

from sqlalchemy import select, union
from sqlalchemy.orm import Session

from translate_flow.domain.models import (
    Article,
    LanguagePair,
    Outlet,
    Translation,
    User,
)
from translate_flow.domain.models.memory import MemoryCollection, MemoryUnit
from translate_flow.memory.operations import UnitText, add_to_collection, create_collection
from translate_flow.memory.tmx_reading import (
    MAX_UNIT_CHARACTERS,
    TmxHeader,
    TmxRefused,
    TmxUnit,
    Variant,
    read_tmx,
)
from translate_flow.text.analysis import match_key, stored_form
from translate_flow.text.languages import base_language, normalise_code

# About 45,000 paragraph units: 9 s into SQLite on the development machine, where 100,000
# (44 MB) took 19 s idle and 43 s under load, past gunicorn's 30-second worker timeout.
# MEMORY_IMPORT_MAX_BYTES changes it.
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
MAX_NAME_LENGTH = 200
# Refusals listed in the answer; the count says how many there were in all.
MAX_LISTED_REFUSALS = 200
# Regions that imply a script, so that `zh-TW` is never taken for the desk's `zh-Hans`.
_IMPLIED_SCRIPT = {
    "cn": "hans",
    "sg": "hans",
    "my": "hans",
    "tw": "hant",
    "hk": "hant",
    "mo": "hant",
}
_SCRIPTS = {"hans", "hant", "latn", "cyrl", "arab", "deva", "jpan", "kore"}


@dataclass(frozen=True, slots=True)
class Refusal:
    index: int  # the unit's position in the file, from 1
    reason: str


@dataclass
class ImportOutcome:
    added: int
    skipped: int  # already in the collection, or repeated in the file
    refused: list[Refusal]  # the first MAX_LISTED_REFUSALS
    refused_count: int
    collection: MemoryCollection


@dataclass(frozen=True)
class DeskLanguages:
    """The codes the desk translates from and into: a pair is one of each."""

    sources: frozenset[str]
    targets: frozenset[str]


def desk_languages(session: Session, configured_targets: Iterable[str] = ()) -> DeskLanguages:
    """Sources of outlets, articles, translations and people's pairs; targets of
    translations, people's pairs and the desk's configured target languages."""
    sources = session.scalars(
        union(
            select(Outlet.language),
            select(Article.source_language),
            select(Translation.source_language),
            select(LanguagePair.source_language),
        )
    )
    targets = session.scalars(
        union(select(Translation.target_language), select(LanguagePair.target_language))
    )
    return DeskLanguages(
        frozenset(code for code in sources if code),
        frozenset(code for code in [*targets, *configured_targets] if code),
    )


def _subtags(code: str) -> set[str]:
    parts = {part.lower() for part in normalise_code(code).split("-")[1:]}
    implied = {_IMPLIED_SCRIPT[part] for part in parts if part in _IMPLIED_SCRIPT}
    return parts | implied


def _script(subtags: set[str]) -> str | None:
    found = subtags & _SCRIPTS
    return next(iter(found)) if len(found) == 1 else None


def desk_code(code: str, codes: Collection[str]) -> str | None:
    """The desk's code for a file's language code; None when the desk has none, or several
    that fit equally (`en` when the desk has `en-GB` and `en-US`).

    The same code first; then the most specific desk code whose every part the file's code
    has (`ja-JP` → `ja`, `zh-Hans-CN` → `zh-Hans` before `zh`); then the desk's one code of
    the same language, unless its script differs (`zh-TW` is never `zh-Hans`).
    """
    code = normalise_code(code)
    known = {normalise_code(desk): desk for desk in codes}
    if code in known:
        return known[code]
    base, tags = base_language(code), _subtags(code)
    same_language = [desk for desk in known if base_language(desk) == base]
    fitting = [desk for desk in same_language if _subtags(desk) <= tags]
    if fitting:
        most = max(len(_subtags(desk)) for desk in fitting)
        best = [desk for desk in fitting if len(_subtags(desk)) == most]
        return known[best[0]] if len(best) == 1 else None
    script = _script(tags)
    near = [
        desk
        for desk in same_language
        if script is None or _script(_subtags(desk)) in (None, script)
    ]
    return known[near[0]] if len(near) == 1 else None


def _requested(code: str | None, codes: frozenset[str], side: str) -> str | None:
    if not code:
        return None
    found = desk_code(code, codes)
    if found is None:
        listed = ", ".join(sorted(codes)) or "none yet"
        raise TmxRefused(
            f"“{code}” is not a {side} language of the desk (its {side} languages: {listed}). "
            "Nothing was imported."
        )
    return found


@dataclass
class _Import:
    """One file's import as it goes: the pair once known, and what each unit became."""

    desk: DeskLanguages
    header: TmxHeader
    source: str | None
    target: str | None
    target_asked: bool
    seen: set[int] = field(default_factory=set)
    others: set[str] = field(default_factory=set)
    skipped: int = 0
    refused: list[Refusal] = field(default_factory=list)
    refused_count: int = 0
    read: int = 0
    codes: dict[tuple[str, str], str | None] = field(default_factory=dict)

    def code(self, language: str, side: str) -> str | None:
        """The desk's source or target code for a file's code, worked out once per file."""
        key = (language, side)
        if key not in self.codes:
            codes = self.desk.sources if side == "source" else self.desk.targets
            self.codes[key] = desk_code(language, codes)
        return self.codes[key]

    def refuse(self, unit: TmxUnit, reason: str) -> None:
        self.refused_count += 1
        if len(self.refused) < MAX_LISTED_REFUSALS:
            self.refused.append(Refusal(unit.index, reason))

    def source_of(self, unit: TmxUnit) -> str | None:
        if self.source is not None:
            return self.source
        written = unit.source_language or self.header.source_language
        if written is None:
            self.refuse(
                unit,
                "The file does not say which language is the source (srclang is missing or "
                "*all*): choose the source language.",
            )
            return None
        found = self.code(written, "source")
        if found is None:
            self.refuse(unit, f"{written} is not a source language of the desk.")
        return found

    def pair_of(self, unit: TmxUnit) -> tuple[Variant, Variant] | None:
        """The unit's source and target variants in the import's pair, which the first unit
        that has one fixes; None (refused) when the unit has no text in that pair."""
        self.read += 1
        source = self.source_of(unit)
        if source is None:
            return None
        source_side = next(
            (v for v in unit.variants if self.code(v.language, "source") == source),
            None,
        )
        if source_side is None:
            self.refuse(unit, f"The unit has no text in the source language, {source}.")
            return None
        targets = {
            code: variant
            for variant in unit.variants
            if variant is not source_side
            and (code := self.code(variant.language, "target")) is not None
            and code != source
        }
        if not self.target_asked:
            self.others |= targets.keys()
            if len(self.others) > 1:
                raise TmxRefused(
                    "The file holds translations into several of the desk's languages "
                    f"({', '.join(sorted(self.others))}): choose the target language to "
                    "import. Nothing was imported."
                )
        target = self.target or next(iter(targets), None)
        target_side = targets.get(target) if target else None
        if target is None or target_side is None:
            languages = ", ".join(v.language for v in unit.variants) or "none"
            wanted = target or "a target language of the desk"
            self.refuse(unit, f"The unit has no translation into {wanted} (it has: {languages}).")
            return None
        self.source, self.target = source, target
        return source_side, target_side

    def in_pair(self, units: Iterable[TmxUnit]) -> Iterator[tuple[TmxUnit, Variant, Variant]]:
        for unit in units:
            pair = self.pair_of(unit)
            if pair is not None:
                yield unit, *pair

    def texts(self, found: Iterable[tuple[TmxUnit, Variant, Variant]]) -> Iterator[UnitText]:
        for unit, source, target in found:
            if unit.too_long:
                self.refuse(unit, f"A side is longer than {MAX_UNIT_CHARACTERS:,} characters.")
                continue
            empty = next((side for side in (source, target) if not match_key(side.text)), None)
            if empty is not None:
                self.refuse(unit, f"The {empty.language} side is empty.")
                continue
            key = _key(source.text, target.text)
            if key in self.seen:
                self.skipped += 1
                continue
            self.seen.add(key)
            yield UnitText(source.text, target.text, unit.changed_at)

    def nothing_in_a_pair(self) -> TmxRefused:
        desk = (
            f"(the desk translates from {_listed(self.desk.sources)} "
            f"into {_listed(self.desk.targets)})"
        )
        if not self.read:
            return TmxRefused("The file holds no translation units. Nothing was imported.")
        first = f" The first unit refused: {self.refused[0].reason}" if self.refused else ""
        return TmxRefused(
            f"None of the file's {self.read:,} units is in a language pair of the desk "
            f"{desk}.{first} Nothing was imported."
        )


def _listed(codes: frozenset[str]) -> str:
    return ", ".join(sorted(codes)) or "no language yet"


def _key(source: str, target: str) -> int:
    return hash((stored_form(source), stored_form(target)))


def _held(session: Session, collection: MemoryCollection) -> set[int]:
    """The keys of the units a collection already holds (none when it is new)."""
    rows = session.execute(
        select(MemoryUnit.source, MemoryUnit.target)
        .where(MemoryUnit.collection_id == collection.id)
        .execution_options(yield_per=5000)
    )
    return {_key(source, target) for source, target in rows}


def _collection(
    session: Session, actor: User | None, name: str, source: str, target: str
) -> MemoryCollection:
    found = session.scalar(
        select(MemoryCollection).where(
            MemoryCollection.source_language == source,
            MemoryCollection.target_language == target,
            MemoryCollection.name == name,
        )
    )
    if found is not None:
        return found
    return create_collection(
        session, name=name, source_language=source, target_language=target, created_by=actor
    )


def import_tmx(
    session: Session,
    actor: User | None,
    stream: IO[bytes],
    *,
    collection_name: str,
    source_language: str | None = None,
    target_language: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    configured_targets: Iterable[str] = (),
) -> ImportOutcome:
    """Import a TMX file's units in one pair into the named collection (made if new).

    TmxRefused, and nothing kept (not even a new collection), for a file that cannot be
    read, is too large, holds no unit in a pair of the desk, or whose pair is not clear.
    `configured_targets` are the desk's target languages from its settings.
    """
    name = " ".join(collection_name.split())
    if not name:
        raise TmxRefused("Name the collection the file's units go into. Nothing was imported.")
    if len(name) > MAX_NAME_LENGTH:
        raise TmxRefused(
            f"A collection's name is at most {MAX_NAME_LENGTH} characters. Nothing was imported."
        )
    desk = desk_languages(session, configured_targets)
    source = _requested(source_language, desk.sources, "source")
    target = _requested(target_language, desk.targets, "target")
    if source is not None and source == target:
        raise TmxRefused("Choose two different languages. Nothing was imported.")
    header, units = read_tmx(stream, max_bytes=max_bytes)
    state = _Import(desk, header, source, target, target_asked=target is not None)
    # A savepoint: a refusal met halfway (a unit in a second language, a file cut short)
    # takes back the collection and every unit added before it.
    with session.begin_nested():
        found = state.in_pair(units)
        first = next(found, None)
        if first is None or state.source is None or state.target is None:
            raise state.nothing_in_a_pair()
        collection = _collection(session, actor, name, state.source, state.target)
        state.seen = _held(session, collection)
        added = add_to_collection(session, collection, state.texts(chain([first], found)))
        if added == 0 and state.skipped == 0:
            raise state.nothing_in_a_pair()
    return ImportOutcome(added, state.skipped, state.refused, state.refused_count, collection)
