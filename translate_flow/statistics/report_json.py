"""A desk report as `GET /api/v1/statistics` answers it: the page's figures, unrounded."""

from typing import Any

from translate_flow.statistics.report import DeskReport, Duration, Filters
from translate_flow.statistics.tables import STRETCH_LABELS


def filters_json(filters: Filters) -> dict[str, Any]:
    return {
        "from": filters.start.isoformat(),
        "to": filters.end.isoformat(),
        "source_language": filters.source_language,
        "target_language": filters.target_language,
        "outlet": filters.outlet_id,
        "translator": filters.translator_id,
    }


def _duration(duration: Duration) -> dict[str, Any]:
    return {
        "label": STRETCH_LABELS.get(duration.key, duration.label),
        "count": duration.count,
        "median_hours": duration.median_hours,
        "p90_hours": duration.p90_hours,
        "weekly": [
            {"week": week.isoformat(), "count": count, "median_hours": median, "p90_hours": p90}
            for week, count, median, p90 in duration.trend
        ],
    }


def desk_json(report: DeskReport) -> dict[str, Any]:
    review, reliability = report.review, report.reliability
    machine = report.machine_and_memory
    return {
        **filters_json(report.filters),
        "generated_at": report.generated_at.isoformat(),
        "taken_in": report.taken_in,
        "submitted": report.submitted,
        "approved": report.approved,
        "published": report.published,
        "words": report.words,
        "weeks": [
            {
                "week": week.starts.isoformat(),
                "taken_in": week.taken_in,
                "submitted": week.submitted,
                "approved": week.approved,
                "published": week.published,
                "words": week.words,
            }
            for week in report.weeks
        ],
        "turnaround": {duration.key: _duration(duration) for duration in report.durations},
        "turnaround_by_pair": [
            {
                "source_language": pair.source_language,
                "target_language": pair.target_language,
                **{
                    duration.key: {
                        "count": duration.count,
                        "median_hours": duration.median_hours,
                        "p90_hours": duration.p90_hours,
                    }
                    for duration in pair.durations
                },
            }
            for pair in report.pair_turnaround
        ],
        "review": {
            "rounds_per_translation": review.rounds_per_translation,
            "approvals_by_rounds": {
                str(rounds): count for rounds, count in sorted(review.approvals_by_rounds.items())
            },
            "changed_share": review.changed_share,
            "sent_back": review.sent_back,
            "sent_back_by_reason": review.sent_back_by_reason,
        },
        "reliability": {
            "submissions_with_due_date": reliability.submissions_with_due_date,
            "on_time": reliability.on_time,
            "on_time_share": reliability.on_time_share,
            "claims": reliability.claims,
            "claims_expired": reliability.claims_expired,
            "claims_released": reliability.claims_released,
        },
        "capacity": [
            {
                "source_language": pair.source_language,
                "target_language": pair.target_language,
                "open_items": pair.open_items,
                "oldest_open_hours": pair.oldest_open_hours,
                "median_open_hours": pair.median_open_hours,
                "in_draft": pair.in_draft,
                "in_review": pair.in_review,
                "translators": pair.translators,
                "reviewers": pair.reviewers,
                "active_translators": pair.active_translators,
            }
            for pair in report.capacity
        ],
        "near_capacity_count": report.near_capacity_count,
        "near_capacity": [
            {
                "user_id": person.user_id,
                "display_name": person.display_name,
                "open_items": person.open_items,
                "capacity": person.capacity,
            }
            for person in report.near_capacity
        ],
        "machine_and_memory": {
            "published_words": machine.published_tokens,
            "machine_words": machine.machine_tokens,
            "machine_share": machine.machine_share,
            "memory_insertions": machine.memory_insertions,
            "machine_insertions": machine.machine_insertions,
            "segment_saves": machine.segments_saved,
        },
    }
