"""Writing the memory as TMX 1.4b, a few hundred units at a time.

The units are read in id order by keyset paging (`id > last`, never OFFSET) and written out
batch by batch, so an export of a million units holds one batch in memory and its first
bytes leave at once. Each `<tu>` says its own `srclang`, so a file of several pairs is read
right by tools that follow the unit over the header (translate-toolkit, OmegaT).

A unit's inline-tag placeholders are written as TMX's own inline elements, holding the
placeholder itself as their code: `{1}` as `<bpt i="1">{1}</bpt>`, `{/1}` as
`<ept i="1">{/1}</ept>`, `{3/}` as `<ph x="3">{3/}</ph>`. OmegaT shows them as tags,
translate-toolkit reads the seg's text as the unit's own text, and `tmx_reading` turns them
back into placeholders. A unit whose placeholders do not pair up is written as plain text.
"""

import re
from collections.abc import Iterator
from datetime import UTC, datetime
from xml.sax.saxutils import escape, quoteattr

from sqlalchemy import ColumnElement, select, true
from sqlalchemy.orm import Session

from translate_flow.domain.models.memory import MemoryCollection, MemoryUnit
from translate_flow.memory.tmx_reading import placeholders_pair_up
from translate_flow.text.placeholders import Placeholder, pieces

# Units per query and per chunk written: about 100–300 KB of TMX.
BATCH_SIZE = 1000
ORIGIN_PROP = "x-translate_flow-origin"
WITHDRAWN_PROP = "x-translate_flow-withdrawn"
MIME_TYPE = "application/x-tmx+xml"
# What XML 1.0 cannot hold at all, not even escaped: C0 controls but tab, line feed and
# carriage return; lone surrogates; U+FFFE and U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def export_chunks(
    session: Session,
    *,
    source_language: str | None = None,
    target_language: str | None = None,
    collection_id: int | None = None,
) -> Iterator[bytes]:
    """The memory (or one pair, or one collection) as a TMX 1.4b document, in UTF-8 chunks."""
    wanted = _filter(source_language, target_language, collection_id)
    collections = dict(session.execute(select(MemoryCollection.id, MemoryCollection.name)).all())
    yield _head(_header_source(session, wanted)).encode()
    last = 0
    while True:
        units = session.execute(
            select(
                MemoryUnit.id,
                MemoryUnit.source_language,
                MemoryUnit.target_language,
                MemoryUnit.source,
                MemoryUnit.target,
                MemoryUnit.created_at,
                MemoryUnit.updated_at,
                MemoryUnit.translation_id,
                MemoryUnit.segment_id,
                MemoryUnit.collection_id,
                MemoryUnit.withdrawn,
            )
            .where(wanted, MemoryUnit.id > last)
            .order_by(MemoryUnit.id)
            .limit(BATCH_SIZE)
        ).all()
        if not units:
            break
        yield "".join(
            _unit(
                unit_id,
                source_language=source,
                target_language=target,
                source=source_text,
                target=target_text,
                created_at=created_at,
                updated_at=updated_at,
                origin=_origin(
                    translation_id,
                    segment_id,
                    collections.get(collection_id) if collection_id else None,
                ),
                withdrawn=withdrawn,
            )
            for (
                unit_id,
                source,
                target,
                source_text,
                target_text,
                created_at,
                updated_at,
                translation_id,
                segment_id,
                collection_id,
                withdrawn,
            ) in units
        ).encode()
        last = units[-1][0]
    yield b"  </body>\n</tmx>\n"


def _filter(
    source_language: str | None, target_language: str | None, collection_id: int | None
) -> ColumnElement[bool]:
    condition: ColumnElement[bool] = true()
    if source_language:
        condition = condition & (MemoryUnit.source_language == source_language)
    if target_language:
        condition = condition & (MemoryUnit.target_language == target_language)
    if collection_id is not None:
        condition = condition & (MemoryUnit.collection_id == collection_id)
    return condition


def _header_source(session: Session, wanted: ColumnElement[bool]) -> str:
    """The one source language of the exported units, or TMX's `*all*` for several."""
    found = session.scalars(
        select(MemoryUnit.source_language).where(wanted).distinct().limit(2)
    ).all()
    return found[0] if len(found) == 1 else "*all*"


def _head(source_language: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<tmx version="1.4">\n'
        '  <header creationtool="translate_flow" creationtoolversion="1" segtype="paragraph" '
        f'o-tmf="translate_flow" adminlang="en" srclang={_attribute(source_language)} '
        'datatype="plaintext"/>\n'
        "  <body>\n"
    )


def _origin(translation_id: int | None, segment_id: int | None, collection: str | None) -> str:
    if collection is not None:
        return f"collection:{collection}"
    if translation_id is not None:
        return f"translation:{translation_id}/segment:{segment_id or ''}"
    return "translation"


def _unit(
    unit_id: int,
    *,
    source_language: str,
    target_language: str,
    source: str,
    target: str,
    created_at: datetime,
    updated_at: datetime,
    origin: str,
    withdrawn: bool,
) -> str:
    props = f'      <prop type="{ORIGIN_PROP}">{_text(origin)}</prop>\n'
    if withdrawn:
        props += f'      <prop type="{WITHDRAWN_PROP}">true</prop>\n'
    return (
        f'    <tu tuid="{unit_id}" srclang={_attribute(source_language)} '
        f'creationdate="{tmx_date(created_at)}" changedate="{tmx_date(updated_at)}">\n'
        f"{props}"
        f"{_variant(source_language, source)}{_variant(target_language, target)}"
        "    </tu>\n"
    )


def _variant(language: str, text: str) -> str:
    return f"      <tuv xml:lang={_attribute(language)}><seg>{segment_xml(text)}</seg></tuv>\n"


def tmx_date(moment: datetime) -> str:
    """TMX's date form, in UTC: 20250301T101500Z. Stored datetimes without a zone are UTC."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.strftime("%Y%m%dT%H%M%SZ")


def _text(text: str) -> str:
    return escape(_NOT_XML.sub("", text))


def _attribute(value: str) -> str:
    return quoteattr(_NOT_XML.sub("", value))


def segment_xml(text: str) -> str:
    """A unit's text as the content of a `<seg>`: placeholders as inline elements when they
    pair up, escaped literal braces as the characters they stand for."""
    runs = pieces(text)
    if not placeholders_pair_up([run for run in runs if isinstance(run, Placeholder)]):
        return _text("".join(run if isinstance(run, str) else run.written for run in runs))
    out: list[str] = []
    for run in runs:
        if isinstance(run, str):
            out.append(_text(run))
        elif run.role == "open":
            out.append(f'<bpt i="{run.id}" x="{run.id}">{run.written}</bpt>')
        elif run.role == "close":
            out.append(f'<ept i="{run.id}">{run.written}</ept>')
        else:
            out.append(f'<ph x="{run.id}">{run.written}</ph>')
    return "".join(out)
