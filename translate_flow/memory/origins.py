"""How a unit's origin is shown beside a match or a search hit: one line a translator reads
("Alliance costs · Dorothy Ng · 2026-12-03") and the same facts as JSON for clients."""

from typing import Any

from translate_flow.memory.matching import Origin


def origin_label(origin: Origin) -> str:
    where = origin.article_title or origin.collection_name or "Deleted translation"
    parts = [where]
    if origin.translator_name:
        parts.append(origin.translator_name)
    parts.append(origin.updated_at.date().isoformat())
    label = " · ".join(parts)
    return f"{label} (withdrawn)" if origin.withdrawn else label


def _person(person_id: int | None, name: str | None) -> dict[str, Any] | None:
    return {"id": person_id, "name": name or ""} if person_id is not None else None


def origin_json(origin: Origin) -> dict[str, Any]:
    return {
        "kind": "collection" if origin.collection_id is not None else "translation",
        "translation_id": origin.translation_id,
        "segment_id": origin.segment_id,
        "article_title": origin.article_title,
        "collection_id": origin.collection_id,
        "collection_name": origin.collection_name,
        "translator": _person(origin.translator_id, origin.translator_name),
        "reviewer": _person(origin.reviewer_id, origin.reviewer_name),
        "date": origin.updated_at.isoformat(),
        "withdrawn": origin.withdrawn,
        "label": origin_label(origin),
    }
