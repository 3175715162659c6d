"""What changed in a translation: between two snapshots, a snapshot and now, two revisions
of one segment, and what a reviewer changed in each round of review."""

import re
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from translate_flow.core.errors import NotFound, ValidationFailed
from translate_flow.domain.models import (
    ReviewSeen,
    SegmentRevision,
    Snapshot,
    Translation,
    User,
    utcnow,
)
from translate_flow.domain.workflow import Action
from translate_flow.markup.source_tags import Tag, tag_source
from translate_flow.text.diffing import Change, changed_share, diff_text
from translate_flow.text.placeholders import escape_literal
from translate_flow.workflow.transitions import snapshot_rows

RefKind = Literal["snapshot", "revision", "current"]
_REF = re.compile(r"^(snapshot|revision):([0-9]{1,18})$|^current$")
# The decisions that close a round of review.
DECISIONS = frozenset({Action.REQUEST_CHANGES.value, Action.APPROVE.value})


@dataclass(frozen=True)
class Ref:
    """One version of the text: a snapshot, a segment revision, or the text as it is now."""

    kind: RefKind
    id: int | None = None

    @classmethod
    def parse(cls, value: str, name: str) -> "Ref":
        match = _REF.match(value.strip())
        if match is None:
            raise ValidationFailed(
                f"{name} must be snapshot:<id>, revision:<id> or current (got “{value[:40]}”)."
            )
        if value.strip() == "current":
            return cls("current")
        kind: RefKind = "snapshot" if match.group(1) == "snapshot" else "revision"
        return cls(kind, int(match.group(2)))

    def __str__(self) -> str:
        return self.kind if self.id is None else f"{self.kind}:{self.id}"


@dataclass(frozen=True)
class SegmentDiff:
    """One segment's text before and after; None on the side where it did not exist."""

    key: int
    position: int
    kind: str
    source: str
    before: str | None
    after: str | None
    changes: list[Change]
    # The source's markup as the later version froze it (None in snapshots from before
    # snapshots kept it): what the placeholders in the texts stand for.
    source_html: str | None = None

    @property
    def tags(self) -> tuple[Tag, ...]:
        return tag_source(self.source_html).tags if self.source_html is not None else ()

    @property
    def source_tagged(self) -> str:
        """The source in placeholder form, for chips beside the translation's."""
        if self.source_html is None:
            return escape_literal(self.source)
        return tag_source(self.source_html).text

    @property
    def changed(self) -> bool:
        return self.before != self.after

    @property
    def share(self) -> float:
        return changed_share(self.changes)


@dataclass(frozen=True)
class TextDiff:
    segments: list[SegmentDiff]

    @property
    def changed(self) -> list[SegmentDiff]:
        return [segment for segment in self.segments if segment.changed]

    @property
    def share(self) -> float:
        """The share of the whole text (old plus new) that was deleted or inserted."""
        return changed_share([change for s in self.segments for change in s.changes])


def _key(row: dict[str, Any], by_row: bool) -> int:
    return int(row["row_id"] if by_row else row["segment_id"])


def compare_rows(before: list[dict[str, Any]], after: list[dict[str, Any]]) -> TextDiff:
    """Pair two versions' segments and diff each pair.

    Rows are paired by translated-segment row, which survives source corrections; snapshots
    taken before rows were recorded in them pair by source segment.
    """
    by_row = all("row_id" in row for row in [*before, *after])
    earlier = {_key(row, by_row): row for row in before}
    segments: list[SegmentDiff] = []
    for row in after:
        key = _key(row, by_row)
        old = earlier.pop(key, None)
        old_text = old["text"] if old is not None else None
        segments.append(
            SegmentDiff(
                key,
                row["position"],
                row["kind"],
                row["source"],
                old_text,
                row["text"],
                diff_text(old_text or "", row["text"]),
                row.get("source_html", old.get("source_html") if old is not None else None),
            )
        )
    for key, row in earlier.items():  # no longer in the later version
        segments.append(
            SegmentDiff(
                key,
                row["position"],
                row["kind"],
                row["source"],
                row["text"],
                None,
                diff_text(row["text"], ""),
                row.get("source_html"),
            )
        )
    return TextDiff(segments)


def get_snapshot(session: Session, translation: Translation, snapshot_id: int) -> Snapshot:
    snapshot = session.get(Snapshot, snapshot_id)
    if snapshot is None or snapshot.translation_id != translation.id:
        raise NotFound("This translation has no such snapshot.")
    return snapshot


def get_revision(session: Session, translation: Translation, revision_id: int) -> SegmentRevision:
    revision = session.get(SegmentRevision, revision_id)
    if revision is None or revision.translation_id != translation.id:
        raise NotFound("This translation has no such revision.")
    return revision


def rows_of(session: Session, translation: Translation, ref: Ref) -> list[dict[str, Any]]:
    """The whole translation as of a snapshot, or now."""
    if ref.kind == "current":
        return snapshot_rows(session, translation)
    if ref.kind == "snapshot" and ref.id is not None:
        return get_snapshot(session, translation, ref.id).segments
    raise ValidationFailed("A revision is one segment's text: compare it with another revision.")


@dataclass(frozen=True)
class RevisionDiff:
    before: SegmentRevision
    after: SegmentRevision
    changes: list[Change]


def compare(
    session: Session, translation: Translation, before: Ref, after: Ref
) -> TextDiff | RevisionDiff:
    """Two snapshots (or one and now) of the whole text, or two revisions of one segment."""
    if (before.kind == "revision") != (after.kind == "revision"):
        raise ValidationFailed(
            "Compare two revisions of a segment, or two snapshots (or a snapshot and current)."
        )
    if before.kind == "revision" and before.id is not None and after.id is not None:
        old = get_revision(session, translation, before.id)
        new = get_revision(session, translation, after.id)
        if old.translation_segment_id != new.translation_segment_id:
            raise ValidationFailed("Both revisions must be of the same segment.")
        return RevisionDiff(old, new, diff_text(old.text, new.text))
    return compare_rows(rows_of(session, translation, before), rows_of(session, translation, after))


@dataclass(frozen=True)
class Opening:
    """The comparison the compare page opens on, and why that one."""

    before: Ref
    reason: str


def opening_comparison(session: Session, translation: Translation) -> Opening | None:
    """What a reviewer wants first: what changed since the text was last sent back (the
    snapshot taken at the last change request against now); for a first review, the text as
    submitted against now; otherwise the latest snapshot against now. None: nothing frozen yet.
    """
    snapshots = session.scalars(
        select(Snapshot).where(Snapshot.translation_id == translation.id).order_by(Snapshot.id)
    ).all()
    if not snapshots:
        return None
    for action, reason in (
        (Action.REQUEST_CHANGES.value, "what changed since it was sent back"),
        (Action.SUBMIT.value, "what changed since it was submitted"),
    ):
        found = [s for s in snapshots if s.action == action]
        if found:
            return Opening(Ref("snapshot", found[-1].id), reason)
    return Opening(Ref("snapshot", snapshots[-1].id), "what changed since the latest snapshot")


# --- Rounds of review ------------------------------------------------------------------------


@dataclass(frozen=True)
class ReviewRound:
    """The text as submitted, and as the reviewer left it: at their decision, or now."""

    number: int
    submitted: Snapshot
    decided: Snapshot | None
    reviewer: str | None

    @property
    def key(self) -> int:
        return self.submitted.id


def review_rounds(session: Session, translation: Translation) -> list[ReviewRound]:
    """Each submission and the review decision that followed it, oldest first."""
    snapshots = session.scalars(
        select(Snapshot).where(Snapshot.translation_id == translation.id).order_by(Snapshot.id)
    ).all()
    names = dict(
        session.execute(
            select(User.id, User.display_name).where(
                User.id.in_({s.actor_id for s in snapshots if s.actor_id is not None})
            )
        ).all()
    )
    rounds: list[ReviewRound] = []
    submitted: Snapshot | None = None
    for snapshot in snapshots:
        if snapshot.action == Action.SUBMIT.value:
            if submitted is not None:  # submitted again without a decision (a coordinator)
                rounds.append(ReviewRound(len(rounds) + 1, submitted, None, None))
            submitted = snapshot
        elif snapshot.action in DECISIONS and submitted is not None:
            reviewer = names.get(snapshot.actor_id) if snapshot.actor_id is not None else None
            rounds.append(ReviewRound(len(rounds) + 1, submitted, snapshot, reviewer))
            submitted = None
    if submitted is not None:  # in review now
        reviewer = translation.reviewer.display_name if translation.reviewer else None
        rounds.append(ReviewRound(len(rounds) + 1, submitted, None, reviewer))
    return rounds


def review_changes(session: Session, translation: Translation, round_: ReviewRound) -> TextDiff:
    after = round_.decided.segments if round_.decided else snapshot_rows(session, translation)
    return compare_rows(round_.submitted.segments, after)


def has_seen(session: Session, user: User, snapshot: Snapshot) -> bool:
    return (
        session.scalar(
            select(ReviewSeen.id).where(
                ReviewSeen.snapshot_id == snapshot.id, ReviewSeen.user_id == user.id
            )
        )
        is not None
    )


def mark_seen(session: Session, user: User, translation: Translation, snapshot: Snapshot) -> None:
    """The person has read the reviewer's changes up to this decision (idempotent)."""
    if snapshot.translation_id != translation.id or snapshot.action not in DECISIONS:
        raise NotFound("There is no such review decision on this translation.")
    if not has_seen(session, user, snapshot):
        session.add(ReviewSeen(snapshot_id=snapshot.id, user_id=user.id, seen_at=utcnow()))
        session.flush()


def unseen_decisions(session: Session, user: User, translation: Translation) -> list[int]:
    """Review decisions with changes to the text that the person has not marked seen."""
    seen = set(
        session.scalars(
            select(ReviewSeen.snapshot_id)
            .join(Snapshot, Snapshot.id == ReviewSeen.snapshot_id)
            .where(ReviewSeen.user_id == user.id, Snapshot.translation_id == translation.id)
        )
    )
    unseen = []
    for round_ in review_rounds(session, translation):
        decided = round_.decided
        if decided is None or decided.id in seen:
            continue
        if any(
            s.changed for s in compare_rows(round_.submitted.segments, decided.segments).segments
        ):
            unseen.append(decided.id)
    return unseen


def operations(changes: list[Change]) -> list[dict[str, str]]:
    return [{"op": change.op.value, "text": change.text} for change in changes]
