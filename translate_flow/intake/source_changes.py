"""What a correction changed: diffs between revisions, and which translations it touched.

Diffs compare segments in placeholder form (`tag_source(html).text`), so that a correction
that adds a link or an emphasis, or takes one away, shows as chips inserted or deleted even
where the words stay the same: the translation must place or drop that tag too.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import escape
from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from translate_flow.core.errors import NotFound
from translate_flow.domain.models import (
    Article,
    Segment,
    SegmentChange,
    SegmentKind,
    SourceRevision,
    Translation,
    TranslationSegment,
)
from translate_flow.intake.realignment import match_segments, same_source
from translate_flow.markup.chips import with_chips
from translate_flow.markup.source_tags import Tag, tag_source
from translate_flow.text.diffing import Change, Op, diff_text, render_inline


@dataclass(frozen=True)
class SourceDiff:
    """A source segment against what it was, tags as placeholders; renders with chips."""

    changes: list[Change]
    old_tags: Sequence[Tag] = ()
    new_tags: Sequence[Tag] = ()

    @property
    def retargeted(self) -> list[tuple[Tag, Tag]]:
        """Tags kept in place whose element or attributes changed: a link that now points
        elsewhere reads the same in placeholder form, so the words alone would show no change.
        """
        old_by_id = {tag.id: tag for tag in self.old_tags}
        return [
            (old_by_id[tag.id], tag)
            for tag in self.new_tags
            if tag.id in old_by_id and old_by_id[tag.id] != tag
        ]

    def __html__(self) -> str:
        # A deleted chip stands for the old source's tag, any other for the new one's.
        words = "".join(
            with_chips(
                render_inline([change]),
                self.old_tags if change.op is Op.DELETE else self.new_tags,
            )
            for change in self.changes
        )
        notes = "".join(
            f' <span class="tag-retargeted">'
            f"{with_chips(escape(old.placeholders()[0]), [new])} "
            f"{escape(_retarget_sentence(old, new))}</span>"
            for old, new in self.retargeted
        )
        return words + notes


def _retarget_sentence(old: Tag, new: Tag) -> str:
    if old.href != new.href and new.href is not None:
        was = f" (was {old.href})" if old.href else ""
        return f"now links to {new.href}{was}."
    return f"is now {new.meaning} (was {old.meaning})."


def diff_sources(old_html: str, new_html: str) -> SourceDiff:
    """What a correction did to one segment, markup included."""
    old, new = tag_source(old_html), tag_source(new_html)
    return SourceDiff(diff_text(old.text, new.text), old.tags, new.tags)


@dataclass(frozen=True)
class SegmentComparison:
    """One row of a revision diff: a segment as it was, as it became, and the word diff."""

    kind: SegmentKind
    status: str  # "unchanged", "changed", "added" or "removed"
    diff: SourceDiff

    @property
    def changes(self) -> list[Change]:
        return self.diff.changes


def _compare(old: Segment | None, new: Segment | None) -> SegmentComparison:
    if old is None and new is not None:
        tagged = tag_source(new.html)
        added = SourceDiff([Change(Op.INSERT, tagged.text)], new_tags=tagged.tags)
        return SegmentComparison(new.kind, "added", added)
    if new is None and old is not None:
        tagged = tag_source(old.html)
        removed = SourceDiff([Change(Op.DELETE, tagged.text)], old_tags=tagged.tags)
        return SegmentComparison(old.kind, "removed", removed)
    assert old is not None and new is not None
    if same_source(old, new):
        tagged = tag_source(new.html)
        unchanged = SourceDiff([Change(Op.EQUAL, tagged.text)], tagged.tags, tagged.tags)
        return SegmentComparison(new.kind, "unchanged", unchanged)
    return SegmentComparison(new.kind, "changed", diff_sources(old.html, new.html))


def get_revision(session: Session, article: Article, number: int) -> SourceRevision:
    revision = session.scalar(
        select(SourceRevision).where(
            SourceRevision.article_id == article.id, SourceRevision.number == number
        )
    )
    if revision is None:
        raise NotFound(f"This article has no revision {number}.")
    return revision


def compare_revisions(old: SourceRevision, new: SourceRevision) -> list[SegmentComparison]:
    """Segment by segment, aligned the way a correction carries translations across."""
    return [_compare(before, after) for before, after in match_segments(old.segments, new.segments)]


@dataclass(frozen=True)
class TranslationSummary:
    translation: Translation
    segments: int
    translated: int
    source_changed: int
    set_aside: int


def summaries(session: Session, article: Article) -> list[TranslationSummary]:
    """Each translation of the article with its progress and what corrections left for it."""
    active = TranslationSegment.set_aside_at.is_(None)
    rows = session.execute(
        select(
            Translation,
            func.count(case((active, 1))),
            func.count(case((active & (func.length(TranslationSegment.text) > 0), 1))),
            func.count(case((active & TranslationSegment.source_changed_from_id.is_not(None), 1))),
            func.count(case((~active, 1))),
        )
        .join(TranslationSegment, TranslationSegment.translation_id == Translation.id, isouter=True)
        .where(Translation.article_id == article.id)
        .group_by(Translation.id)
        .order_by(Translation.target_language)
    )
    return [
        TranslationSummary(translation, total, translated, changed, aside)
        for translation, total, translated, changed, aside in rows
    ]


@dataclass(frozen=True)
class AffectedSegment:
    """A translated segment whose source was corrected, with the source diff to read."""

    row: TranslationSegment
    segment: Segment
    previous: Segment
    diff: SourceDiff

    @property
    def changes(self) -> list[Change]:
        return self.diff.changes


def affected_segments(session: Session, translation: Translation) -> list[AffectedSegment]:
    rows = session.scalars(
        select(TranslationSegment)
        .join(Segment, Segment.id == TranslationSegment.segment_id)
        .where(
            TranslationSegment.translation_id == translation.id,
            TranslationSegment.source_changed_from_id.is_not(None),
            TranslationSegment.set_aside_at.is_(None),
        )
        .order_by(Segment.position)
    )
    affected = []
    for row in rows:
        previous = row.source_changed_from
        assert previous is not None
        affected.append(
            AffectedSegment(
                row, row.segment, previous, diff_sources(previous.html, row.segment.html)
            )
        )
    return affected


def set_aside_segments(session: Session, translation: Translation) -> list[TranslationSegment]:
    """Translations whose source paragraph a correction removed; kept, not deleted."""
    return list(
        session.scalars(
            select(TranslationSegment)
            .join(Segment, Segment.id == TranslationSegment.segment_id)
            .where(
                TranslationSegment.translation_id == translation.id,
                TranslationSegment.set_aside_at.is_not(None),
            )
            .order_by(TranslationSegment.set_aside_at, Segment.position)
        )
    )


def changes_in(session: Session, revision: SourceRevision) -> dict[int, SourceDiff]:
    """For each segment a correction changed, the diff from its previous text and markup."""
    changed = [s for s in revision.segments if s.change == SegmentChange.CHANGED and s.previous_id]
    if not changed:
        return {}
    ids = [s.previous_id for s in changed]
    previous = {s.id: s for s in session.scalars(select(Segment).where(Segment.id.in_(ids)))}
    return {
        s.id: diff_sources(previous[s.previous_id].html, s.html)
        for s in changed
        if s.previous_id in previous
    }
