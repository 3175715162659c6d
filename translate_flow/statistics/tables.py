"""Each figure of a report as a table: what the page shows beside its plots, and each CSV.

One function builds every table, so that the page, its CSV downloads and the JSON cannot
disagree. Cells are plain values: whole numbers, hours and shares rounded as the page shows
them (hours to one decimal, shares as percentages to one decimal), or "" where there is no
figure (no stretch ended in the period, nobody to divide by).
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from translate_flow.domain.workflow import ChangeReason
from translate_flow.statistics.report import DeskReport, Duration, MyReport
from translate_flow.text.languages import get_language

Cell = str | int | float


@dataclass(frozen=True)
class Table:
    name: str  # the CSV's name: statistics-<name>.csv
    caption: str
    headers: list[str]
    rows: list[list[Cell]]


STRETCH_LABELS = {
    "intake_to_claim": "Intake → claim",
    "claim_to_submit": "Claim → submit",
    "submit_to_decision": "Submit → decision",
    "approve_to_publish": "Approve → publish",
    "intake_to_publish": "Intake → publish",
}
REASON_LABELS = {
    ChangeReason.ACCURACY.value: "Accuracy",
    ChangeReason.OMISSION.value: "Omission",
    ChangeReason.TERMINOLOGY.value: "Terminology",
    ChangeReason.STYLE.value: "Style",
    ChangeReason.HEADLINE.value: "Headline",
    ChangeReason.OTHER.value: "Other",
}


def hours(value: float | None) -> Cell:
    return "" if value is None else round(value, 1)


def days(value: float | None) -> Cell:
    return "" if value is None else round(value / 24, 1)


def percent(value: float | None) -> Cell:
    return "" if value is None else round(value * 100, 1)


def pair_label(source: str, target: str) -> str:
    return f"{get_language(source).label} → {get_language(target).label}"


def _duration_row(duration: Duration) -> list[Cell]:
    return [
        STRETCH_LABELS.get(duration.key, duration.label),
        duration.count,
        hours(duration.median_hours),
        hours(duration.p90_hours),
    ]


def desk_tables(report: DeskReport) -> list[Table]:
    machine = report.machine_and_memory
    reliability = report.reliability
    review = report.review
    weeks = [week.starts.isoformat() for week in report.weeks]
    trend_by_key = {duration.key: duration.trend for duration in report.durations}
    return [
        Table(
            "throughput",
            "Articles through the desk, week by week",
            ["Week starting", "Taken in", "Submitted", "Approved", "Published", "Words"],
            [
                [w.starts.isoformat(), w.taken_in, w.submitted, w.approved, w.published, w.words]
                for w in report.weeks
            ],
        ),
        Table(
            "turnaround",
            "Time through the desk, over the stretches that ended in the period",
            ["Stretch", "Count", "Median hours", "90th percentile hours"],
            [_duration_row(duration) for duration in report.durations],
        ),
        Table(
            "turnaround-weekly",
            "Median hours of each stretch, week by week",
            ["Week starting", *(STRETCH_LABELS[key] for key in STRETCH_LABELS)],
            [
                [
                    week,
                    *(
                        hours(_trend_median(trend_by_key.get(key, []), index))
                        for key in STRETCH_LABELS
                    ),
                ]
                for index, week in enumerate(weeks)
            ],
        ),
        Table(
            "turnaround-pairs",
            "Time through the desk, pair by pair",
            [
                "Pair",
                "Published",
                "Intake → publish, median hours",
                "Intake → publish, 90th percentile hours",
                "Claim → submit, median hours",
                "Submit → decision, median hours",
            ],
            [
                [
                    pair_label(pair.source_language, pair.target_language),
                    pair.duration("intake_to_publish").count,
                    hours(pair.duration("intake_to_publish").median_hours),
                    hours(pair.duration("intake_to_publish").p90_hours),
                    hours(pair.duration("claim_to_submit").median_hours),
                    hours(pair.duration("submit_to_decision").median_hours),
                ]
                for pair in report.pair_turnaround
            ],
        ),
        Table(
            "review-rounds",
            "Review rounds it took, translations approved in the period",
            ["Rounds", "Translations"],
            [[rounds, count] for rounds, count in sorted(review.approvals_by_rounds.items())],
        ),
        Table(
            "sent-back",
            "Why reviewers sent translations back",
            ["Reason", "Times"],
            [
                [REASON_LABELS.get(reason, reason), count]
                for reason, count in report.review.sent_back_by_reason.items()
            ],
        ),
        Table(
            "review",
            "Review",
            ["Measure", "Value"],
            [
                ["Review rounds per approved translation", _round(review.rounds_per_translation)],
                ["Text reviewers changed (%)", percent(review.changed_share)],
                ["Sent back", review.sent_back],
            ],
        ),
        Table(
            "reliability",
            "Reliability",
            ["Measure", "Value"],
            [
                ["Submissions with a due date", reliability.submissions_with_due_date],
                ["… submitted on time", reliability.on_time],
                ["On-time share (%)", percent(reliability.on_time_share)],
                ["Claims and assignments", reliability.claims],
                ["Claims expired", reliability.claims_expired],
                ["Claims released", reliability.claims_released],
            ],
        ),
        Table(
            "capacity",
            "Open items and people, pair by pair (now)",
            [
                "Pair",
                "Open",
                "Oldest open (days)",
                "Median open age (days)",
                "In draft",
                "In review",
                "Translators",
                "Reviewers",
                "Translators active in the period",
            ],
            [
                [
                    pair_label(p.source_language, p.target_language),
                    p.open_items,
                    days(p.oldest_open_hours),
                    days(p.median_open_hours),
                    p.in_draft,
                    p.in_review,
                    p.translators,
                    p.reviewers,
                    p.active_translators,
                ]
                for p in report.capacity
            ],
        ),
        Table(
            "near-capacity",
            f"People at or near their capacity (now): {report.near_capacity_count:,}"
            + (
                f", the {len(report.near_capacity)} most loaded"
                if report.near_capacity_count > len(report.near_capacity)
                else ""
            ),
            ["Person", "Items in draft", "Capacity"],
            [[p.display_name, p.open_items, p.capacity] for p in report.near_capacity],
        ),
        Table(
            "machine-and-memory",
            "Machine translation and the memory",
            ["Measure", "Value"],
            [
                ["Words published", machine.published_tokens],
                ["… of them unedited machine output", machine.machine_tokens],
                ["Machine share of the published text (%)", percent(machine.machine_share)],
                ["Memory suggestions inserted", machine.memory_insertions],
                ["Machine suggestions inserted", machine.machine_insertions],
                ["Segment saves", machine.segments_saved],
            ],
        ),
    ]


def _round(value: float | None) -> Cell:
    return "" if value is None else round(value, 2)


def _trend_median(
    trend: Sequence[tuple[date, int, float | None, float | None]], index: int
) -> float | None:
    return trend[index][2] if index < len(trend) else None


def my_tables(report: MyReport, piece_url: Callable[[str], str]) -> list[Table]:
    return [
        Table(
            "my-months",
            f"Articles and words published, month by month, {report.year}",
            ["Month", "Articles", "Words"],
            [[m.starts.strftime("%Y-%m"), m.articles, m.words] for m in report.months],
        ),
        Table(
            "my-pieces",
            f"Published in {report.year}",
            ["Published", "Title", "Language", "Words", "Address"],
            [
                [
                    piece.first_published_at.date().isoformat(),
                    piece.title,
                    piece.target_language,
                    piece.words,
                    piece_url(piece.slug),
                ]
                for piece in report.pieces
            ],
        ),
    ]


def table_named(tables: list[Table], name: str) -> Table | None:
    return next((table for table in tables if table.name == name), None)
