"""The plots of each statistics page, drawn from the report (keyed as `tables` names them, so
that each plot sits beside the table of its own numbers)."""

from markupsafe import Markup

from translate_flow.statistics.plots import (
    Series,
    StripRow,
    bar_chart,
    line_chart,
    percentile_strip,
)
from translate_flow.statistics.report import DeskReport, MyReport
from translate_flow.statistics.tables import REASON_LABELS, STRETCH_LABELS, pair_label


def _period(report: DeskReport) -> str:
    return f"{report.filters.start.isoformat()} to {report.filters.end.isoformat()}"


def _in_days(hours: float | None) -> float | None:
    return None if hours is None else hours / 24


def desk_charts(report: DeskReport) -> dict[str, Markup]:
    weeks = [week.starts.strftime("%d %b") for week in report.weeks]
    period = _period(report)
    through = report.duration("intake_to_publish")
    return {
        "throughput": line_chart(
            "Articles through the desk, week by week",
            f"Translations taken in, submitted, approved and published each week, {period}. "
            f"In all: {report.taken_in:,} taken in, {report.submitted:,} submitted, "
            f"{report.approved:,} approved, {report.published:,} published.",
            weeks,
            [
                Series("Taken in", [week.taken_in for week in report.weeks]),
                Series("Submitted", [week.submitted for week in report.weeks]),
                Series("Approved", [week.approved for week in report.weeks]),
                Series("Published", [week.published for week in report.weeks]),
            ],
            y_label="articles",
            chart_id="chart-throughput",
        ),
        "turnaround": percentile_strip(
            "Time through the desk",
            f"Median and 90th percentile of each stretch that ended {period}; "
            "the median is the middle case, the 90th percentile the slowest tenth.",
            [
                StripRow(STRETCH_LABELS.get(d.key, d.label), d.count, d.median_hours, d.p90_hours)
                for d in report.durations
            ],
            chart_id="chart-turnaround",
        ),
        "turnaround-weekly": line_chart(
            "Intake to publication, week by week",
            "Days from intake to publication of the translations first published each "
            f"week, median and 90th percentile, {period}. A gap is a week with none.",
            weeks,
            [
                Series("Median", [_in_days(median) for _w, _c, median, _p in through.trend]),
                Series("90th percentile", [_in_days(p90) for _w, _c, _m, p90 in through.trend]),
            ],
            y_label="days",
            chart_id="chart-turnaround-weekly",
        ),
        "turnaround-pairs": percentile_strip(
            "Intake to publication, pair by pair",
            f"Median and 90th percentile from intake to publication of the translations first "
            f"published {period}, for each language pair.",
            [
                StripRow(
                    pair_label(pair.source_language, pair.target_language),
                    pair.duration("intake_to_publish").count,
                    pair.duration("intake_to_publish").median_hours,
                    pair.duration("intake_to_publish").p90_hours,
                )
                for pair in report.pair_turnaround
            ],
            chart_id="chart-turnaround-pairs",
        ),
        "review-rounds": bar_chart(
            "Review rounds it took",
            f"Translations approved {period}, by the number of times they were submitted.",
            [
                f"{rounds} round" if rounds == 1 else f"{rounds} rounds"
                for rounds in sorted(report.review.approvals_by_rounds)
            ],
            [count for _rounds, count in sorted(report.review.approvals_by_rounds.items())],
            chart_id="chart-review-rounds",
        ),
        "sent-back": bar_chart(
            "Why reviewers sent translations back",
            f"Changes requested {period}, by the reason the reviewer chose.",
            [REASON_LABELS.get(reason, reason) for reason in report.review.sent_back_by_reason],
            list(report.review.sent_back_by_reason.values()),
            chart_id="chart-sent-back",
        ),
        "capacity": bar_chart(
            "Open items, pair by pair",
            "Translations waiting in the pool now, and those in draft and in review, per pair.",
            [pair_label(p.source_language, p.target_language) for p in report.capacity],
            [
                Series("Open", [p.open_items for p in report.capacity]),
                Series("In draft", [p.in_draft for p in report.capacity]),
                Series("In review", [p.in_review for p in report.capacity]),
            ],
            chart_id="chart-capacity",
        ),
    }


def person_charts(report: MyReport) -> dict[str, Markup]:
    months = [month.starts.strftime("%b") for month in report.months]
    return {
        "my-months": bar_chart(
            f"Articles published, month by month, {report.year}",
            f"{report.articles:,} articles and {report.words:,} words in {report.year}.",
            months,
            [month.articles for month in report.months],
            horizontal=False,
            chart_id="chart-my-months",
        )
    }
