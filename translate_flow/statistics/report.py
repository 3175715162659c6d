"""What the statistics pages, their CSV and `GET /api/v1/statistics` show: plain values.

`figures.desk_report` and `figures.my_report` fill these from the event history (through the
rollup tables); the pages, plots, CSV and JSON only read them, so all four agree.
"""

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True)
class Filters:
    """The period (both ends inclusive, whole days in UTC) and the optional narrowing."""

    start: date
    end: date
    source_language: str | None = None
    target_language: str | None = None
    outlet_id: int | None = None
    translator_id: int | None = None


@dataclass(frozen=True)
class Week:
    """One week of the period (weeks start on Monday; the first and last may be cut by it)."""

    starts: date
    taken_in: int  # articles created on the desk (translations opened, counted per article)
    submitted: int  # submissions, each round counted
    approved: int  # approvals
    published: int  # first publications (a republish after a correction is not counted)
    words: int  # source words (characters for Chinese, Japanese, Thai) of the submissions


@dataclass(frozen=True)
class Duration:
    """One stretch of the path through the desk, over the stretches that ended in the period."""

    key: str  # "intake_to_claim", "claim_to_submit", "submit_to_decision",
    # "approve_to_publish", "intake_to_publish"
    label: str
    count: int
    median_hours: float | None  # None when no stretch ended in the period
    p90_hours: float | None
    # The same per week of the period: (week start, count, median hours, p90 hours).
    trend: list[tuple[date, int, float | None, float | None]] = field(default_factory=list)


@dataclass(frozen=True)
class PairTurnaround:
    """The stretches of one pair's translations (no weekly trend), over the same period."""

    source_language: str
    target_language: str
    durations: list[Duration]

    def duration(self, key: str) -> Duration:
        return next(duration for duration in self.durations if duration.key == key)


@dataclass(frozen=True)
class Review:
    rounds_per_translation: float | None  # mean submits before approval, translations approved
    approvals_by_rounds: dict[int, int]  # rounds it took → translations approved in the period
    changed_share: float | None  # share of the submitted text reviewers changed (0–1), mean
    sent_back: int  # changes requested in the period
    sent_back_by_reason: dict[str, int]  # ChangeReason value → count (every kind, zeros kept)


@dataclass(frozen=True)
class Reliability:
    submissions_with_due_date: int  # first submissions of a claim, in the period, with a due date
    on_time: int  # … of them submitted by their due date
    claims: int  # claims and assignments made in the period
    claims_expired: int  # taken back by the desk when overdue
    claims_released: int  # given back by the translator

    @property
    def on_time_share(self) -> float | None:
        if not self.submissions_with_due_date:
            return None
        return self.on_time / self.submissions_with_due_date


@dataclass(frozen=True)
class PairCapacity:
    """Now, not over the period: what is waiting in one pair and who can take it."""

    source_language: str
    target_language: str
    open_items: int
    oldest_open_hours: float | None
    median_open_hours: float | None
    in_draft: int
    in_review: int
    translators: int  # active people who translate the pair
    reviewers: int  # … and who may review it
    active_translators: int  # translators of the pair who claimed or submitted in the period


@dataclass(frozen=True)
class NearCapacity:
    user_id: int
    display_name: str
    open_items: int
    capacity: int


@dataclass(frozen=True)
class MachineAndMemory:
    published_tokens: int  # words (characters) of the text published in the period
    machine_tokens: int  # … of them unedited machine output
    memory_insertions: int  # memory suggestions inserted into a segment in the period
    machine_insertions: int  # machine suggestions inserted in the period
    segments_saved: int  # segment saves by translators in the period

    @property
    def machine_share(self) -> float | None:
        return self.machine_tokens / self.published_tokens if self.published_tokens else None


@dataclass(frozen=True)
class DeskReport:
    filters: Filters
    generated_at: datetime
    # Totals of the period (the sums of `weeks`).
    taken_in: int
    submitted: int
    approved: int
    published: int
    words: int
    weeks: list[Week]
    durations: list[Duration]
    review: Review
    reliability: Reliability
    capacity: list[PairCapacity]
    near_capacity: list[NearCapacity]
    machine_and_memory: MachineAndMemory
    # How many people are near their capacity (`near_capacity` names the most loaded).
    near_capacity_count: int = 0
    # Pair by pair, the pairs any stretch ended in, by the languages' codes.
    pair_turnaround: list[PairTurnaround] = field(default_factory=list)

    def duration(self, key: str) -> Duration:
        return next(duration for duration in self.durations if duration.key == key)


@dataclass(frozen=True)
class Month:
    starts: date  # the first of the month
    articles: int  # the person's translations first published that month
    words: int  # their source words (characters for Chinese, Japanese, Thai)


@dataclass(frozen=True)
class PublishedPiece:
    publication_id: int
    slug: str
    title: str
    target_language: str
    first_published_at: datetime
    words: int


@dataclass(frozen=True)
class MyReport:
    user_id: int
    year: int
    months: list[Month]  # the twelve months of the year
    articles: int
    words: int
    submissions_with_due_date: int
    on_time: int
    rounds_per_translation: float | None
    pieces: list[PublishedPiece]  # live publications first published in the year, newest first

    @property
    def on_time_share(self) -> float | None:
        if not self.submissions_with_due_date:
            return None
        return self.on_time / self.submissions_with_due_date
