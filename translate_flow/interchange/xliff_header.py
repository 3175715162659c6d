"""The article's details as a file's header notes: what a translator away from the desk
needs to know of the piece (title, author, outlet, address, dates) and the coordinator's."""

from translate_flow.interchange.units import Note, OfflineDocument


def article_lines(document: OfflineDocument) -> list[str]:
    lines = [f"Article: {document.title}"]
    if document.author:
        lines.append(f"Author: {document.author}")
    if document.outlet:
        lines.append(f"Outlet: {document.outlet}")
    if document.published_on is not None:
        lines.append(f"Published: {document.published_on.isoformat()}")
    if document.source_url:
        lines.append(f"Address: {document.source_url}")
    if document.due_at is not None:
        lines.append(f"Due: {document.due_at.strftime('%Y-%m-%d %H:%M')} UTC")
    lines.append(
        f"Translation {document.translation_id}: {document.source_language} → "
        f"{document.target_language}. Upload this file on the translation's “Work offline” "
        "page; keep the units' ids."
    )
    return lines


def header_notes(document: OfflineDocument) -> list[Note]:
    return [Note("article", "\n".join(article_lines(document))), *document.notes]
