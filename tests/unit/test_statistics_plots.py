"""The statistics plots: well-formed SVG that the page's CSP allows, that names itself to a screen
reader, that draws exactly the values it was given (read back from each mark's `data-value` and
`<title>`), that escapes every label, and that survives empty, tiny, huge and right-to-left data."""

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jinja2 import Environment, FileSystemLoader
from lxml import etree
from markupsafe import Markup

from translate_flow.statistics.plots import (
    EMPTY_TEXT,
    Series,
    StripRow,
    bar_chart,
    duration_unit,
    format_duration,
    format_number,
    line_chart,
    percentile_strip,
)

SVG = "{http://www.w3.org/2000/svg}"
TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
HOSTILE = '<script>alert("x")</script> & "quoted" \'single\' </text><svg onload=x>'
WEEKS = [f"W{i}" for i in range(1, 54)]
CSV_URL = "/statistics/reasons.csv?from=2026-01-01&to=2026-03-31"


def parse(svg: Markup) -> etree._Element:
    assert isinstance(svg, Markup)
    return etree.fromstring(str(svg).encode())


def local(element: etree._Element) -> str:
    return etree.QName(element).localname


def classes(element: etree._Element) -> set[str]:
    return set((element.get("class") or "").split())


def marks(root: etree._Element, cls: str) -> list[etree._Element]:
    return [e for e in root.iter() if isinstance(e.tag, str) and cls in classes(e)]


def tip(element: etree._Element) -> str:
    title = element.find(f"{SVG}title")
    assert title is not None
    return title.text or ""


def assert_safe_and_named(root: etree._Element, title: str, description: str) -> None:
    """What the CSP and a screen reader need of every plot."""
    assert local(root) == "svg"
    assert root.get("role") == "img"
    assert root.get("viewBox")
    assert root.get("width") is None
    assert root.get("height") is None
    first, second = root[0], root[1]
    assert (local(first), local(second)) == ("title", "desc")
    assert (first.text, second.text) == (title, description)
    assert root.get("aria-labelledby") == f"{first.get('id')} {second.get('id')}"
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        assert local(element) not in {"script", "style", "foreignObject", "image", "use", "a"}
        for name, value in element.attrib.items():
            attribute = etree.QName(name).localname.lower()
            assert not attribute.startswith("on"), (name, value)
            assert attribute != "style"
            assert attribute != "href"
            assert "url(" not in value
            assert "javascript:" not in value.lower()


def view_box(root: etree._Element) -> tuple[float, float, float, float]:
    x, y, w, h = (float(v) for v in root.get("viewBox").split())
    return x, y, w, h


def coordinates(element: etree._Element) -> list[tuple[float, float]]:
    tag = local(element)
    if tag == "circle":
        x, y, r = (float(element.get(k)) for k in ("cx", "cy", "r"))
        return [(x - r, y - r), (x + r, y + r)]
    if tag == "rect":
        x, y, w, h = (float(element.get(k)) for k in ("x", "y", "width", "height"))
        assert w >= 0
        assert h >= 0
        return [(x, y), (x + w, y + h)]
    # Lines and marker shapes are written with absolute M and L commands only.
    numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", element.get("d"))]
    return list(zip(numbers[::2], numbers[1::2], strict=True))


def assert_inside(root: etree._Element, elements: list[etree._Element]) -> None:
    x0, y0, w, h = view_box(root)
    for element in elements:
        for x, y in coordinates(element):
            assert x0 <= x <= x0 + w, (local(element), x)
            assert y0 <= y <= y0 + h, (local(element), y)


# --- line charts ------------------------------------------------------------------------------


def test_line_chart_draws_one_point_per_known_value_with_its_value():
    series = [
        Series("Submitted", [3, 5, 0, 8]),
        Series("Approved", [2, None, 0, 7]),
    ]
    svg = line_chart("Per week", "Submitted and approved", ["a", "b", "c", "d"], series)
    root = parse(svg)
    assert_safe_and_named(root, "Per week", "Submitted and approved")
    points = marks(root, "point")
    assert len(points) == 7
    assert [float(p.get("data-value")) for p in points] == [3, 5, 0, 8, 2, 0, 7]
    assert tip(points[0]) == "Submitted, a: 3"
    assert tip(points[-1]) == "Approved, d: 7"
    assert {"series-0"} <= classes(points[0])
    assert {"series-1"} <= classes(points[-1])
    assert_inside(root, points + marks(root, "line"))


def test_a_missing_value_breaks_the_line_rather_than_drawing_zero():
    svg = line_chart("t", "d", ["a", "b", "c", "d", "e"], [Series("s", [1, 2, None, 4, 5])])
    root = parse(svg)
    (line,) = [e for e in marks(root, "line") if local(e) == "path"]
    assert line.get("d").count("M") == 2
    assert line.get("d").count("L") == 2
    points = marks(root, "point")
    # The gap is not drawn at the baseline: no point has the zero's y.
    assert [p.get("data-value") for p in points] == ["1", "2", "4", "5"]


def test_line_chart_formats_values_and_names_its_axis():
    svg = line_chart(
        "Claim to submit",
        "Median and 90th percentile, in hours",
        ["5 Jan", "12 Jan"],
        [Series("median", [5.25, 7.5]), Series("p90", [30.0, 41.0])],
        y_label="hours",
        y_format=lambda v: f"{v:.1f} h",
    )
    root = parse(svg)
    assert tip(marks(root, "point")[0]) == "median, 5 Jan: 5.2 h"
    texts = [e.text for e in root.iter(f"{SVG}text")]
    assert "hours" in texts
    assert "0.0 h" in texts
    # Two series: a legend names both.
    legend = [e.text for e in marks(root, "legend")]
    assert legend == ["median", "p90"]


def test_many_weeks_show_only_every_nth_label():
    svg = line_chart("t", "d", [f"{i} Jan" for i in range(53)], [Series("s", list(range(53)))])
    root = parse(svg)
    shown = [e.text for e in marks(root, "x-label")]
    assert 4 <= len(shown) <= 12
    assert shown[0] == "0 Jan"
    assert len(marks(root, "point")) == 53


@pytest.mark.parametrize(
    "values",
    [[7], [0, 0, 0], [1_000_000, 999_999], [None, 3, None], [0.001, 0.002]],
    ids=["single point", "all zeros", "huge", "isolated point", "tiny"],
)
def test_line_chart_edge_values_stay_inside_the_picture(values):
    labels = [str(i) for i in range(len(values))]
    root = parse(line_chart("t", "d", labels, [Series("s", values)]))
    assert_safe_and_named(root, "t", "d")
    points = marks(root, "point")
    assert len(points) == sum(v is not None for v in values)
    assert_inside(root, points)


def test_huge_numbers_are_written_with_thousands_separators():
    root = parse(line_chart("t", "d", ["a"], [Series("", [1_000_000])]))
    assert tip(marks(root, "point")[0]) == "a: 1,000,000"
    assert "1,000,000" in [e.text for e in marks(root, "y-label")]


# --- bar charts -------------------------------------------------------------------------------


def test_bar_chart_draws_one_bar_per_value_and_writes_the_value():
    labels = ["Meaning", "Style", "Terminology"]
    root = parse(bar_chart("Sent back", "By reason", labels, [12, 3, 0]))
    assert_safe_and_named(root, "Sent back", "By reason")
    bars = marks(root, "bar")
    assert [float(b.get("data-value")) for b in bars] == [12, 3, 0]
    assert [tip(b) for b in bars] == ["Meaning: 12", "Style: 3", "Terminology: 0"]
    assert [e.text for e in marks(root, "bar-label")] == labels
    assert [e.text for e in marks(root, "value")] == ["12", "3", "0"]
    widths = [float(b.get("width")) for b in bars]
    assert widths[0] > widths[1] > widths[2] == 0
    assert_inside(root, bars)


def test_grouped_bars_name_their_series_beside_each_value():
    root = parse(
        bar_chart(
            "Open per pair",
            "Open items and those older than a week",
            ["ar → en", "ja → en"],
            [Series("open", [5, 12]), Series("old", [1, None])],
        )
    )
    bars = marks(root, "bar")
    assert [b.get("data-value") for b in bars] == ["5", "1", "12"]
    assert [e.text for e in marks(root, "value")] == ["5 open", "1 old", "12 open", "no data old"]
    assert tip(bars[1]) == "ar → en, old: 1"
    assert [e.text for e in marks(root, "legend")] == ["open", "old"]


def test_vertical_bars_for_months():
    months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    values = [3, 5, 2, 8, 0, 1, 4, 6, 2, 9, 7, 3]
    root = parse(bar_chart("Per month", "Articles", months, values, horizontal=False))
    bars = marks(root, "bar")
    assert [int(b.get("data-value")) for b in bars] == values
    heights = [float(b.get("height")) for b in bars]
    assert heights[9] == max(heights)
    assert heights[4] == 0
    assert_inside(root, bars)


def test_bar_chart_with_a_huge_value_keeps_every_bar_inside():
    root = parse(bar_chart("t", "d", ["a", "b"], [1_000_000, 12]))
    bars = marks(root, "bar")
    assert_inside(root, bars)
    assert "1,000,000" in [e.text for e in marks(root, "value")]


# --- percentile strips ------------------------------------------------------------------------


def test_percentile_strip_marks_median_and_p90_per_row():
    rows = [
        StripRow("intake → claim", 120, 5.5, 30.0),
        StripRow("claim → submit", 118, 20.0, 40.0),
        StripRow("submit → decision", 0, None, None),
    ]
    root = parse(percentile_strip("Time through the desk", "Median and p90", rows))
    assert_safe_and_named(root, "Time through the desk", "Median and p90")
    medians, ranges = marks(root, "median"), marks(root, "p90")
    assert [float(m.get("data-value")) for m in medians] == [5.5, 20.0]
    assert [float(r.get("data-value")) for r in ranges] == [30.0, 40.0]
    assert tip(medians[0]) == "intake → claim: median 5.5 h"
    assert tip(ranges[1]) == "claim → submit: 90% within 40 h"
    assert [e.text for e in marks(root, "count")] == ["120 items", "118 items", "0 items"]
    assert "No data" in [e.text for e in marks(root, "note")]
    # Under 48 hours the axis is in hours; its last label says so.
    assert marks(root, "x-label")[-1].text.endswith(" h")
    assert_inside(root, medians + ranges)
    # The median sits inside the strip that runs to the 90th percentile.
    strip = ranges[0]
    x0 = float(strip.get("x"))
    (median_x, _), _ = coordinates(medians[0])
    assert x0 < median_x < x0 + float(strip.get("width"))


def test_percentile_strip_switches_to_days_from_48_hours():
    root = parse(percentile_strip("t", "d", [StripRow("intake → publish", 9, 30.0, 96.0)]))
    assert marks(root, "x-label")[-1].text.endswith(" d")
    assert tip(marks(root, "p90")[0]) == "intake → publish: 90% within 4.0 d"


@pytest.mark.parametrize(
    ("hours", "expected"),
    [(0.5, "0.5 h"), (30, "30 h"), (47.9, "48 h"), (48, "2.0 d"), (24 * 15, "15 d")],
)
def test_durations_are_written_in_hours_under_two_days_and_in_days_above(hours, expected):
    assert format_duration(hours, duration_unit(hours)) == expected


def test_a_p90_below_the_median_is_refused():
    with pytest.raises(ValueError, match="below the median"):
        percentile_strip("t", "d", [StripRow("x", 3, 10.0, 5.0)])


# --- what every chart must survive ------------------------------------------------------------


@pytest.mark.parametrize(
    "svg",
    [
        pytest.param(lambda: line_chart("T", "D", [], []), id="line without weeks"),
        pytest.param(lambda: line_chart("T", "D", ["a"], []), id="line without series"),
        pytest.param(
            lambda: line_chart("T", "D", ["a", "b"], [Series("s", [None, None])]), id="gaps"
        ),
        pytest.param(lambda: bar_chart("T", "D", [], []), id="bars without labels"),
        pytest.param(lambda: bar_chart("T", "D", ["a"], [None]), id="bars without values"),
        pytest.param(lambda: percentile_strip("T", "D", []), id="strip without rows"),
        pytest.param(
            lambda: percentile_strip("T", "D", [StripRow("x", 0, None, None)]), id="strip all empty"
        ),
    ],
)
def test_empty_data_says_so_and_still_names_the_plot(svg):
    root = parse(svg())
    assert_safe_and_named(root, "T", "D")
    assert [e.text for e in root.iter(f"{SVG}text")] == [EMPTY_TEXT]
    assert "plot-empty" in classes(root)


@pytest.mark.parametrize(
    "draw",
    [
        lambda v: line_chart("t", "d", ["a"], [Series("s", [v])]),
        lambda v: bar_chart("t", "d", ["a"], [v]),
        lambda v: percentile_strip("t", "d", [StripRow("a", 1, v, v)]),
    ],
    ids=["line", "bar", "strip"],
)
@pytest.mark.parametrize("value", [-1, float("nan"), float("inf")])
def test_negative_or_non_finite_values_are_refused(draw, value):
    with pytest.raises(ValueError, match="non-negative"):
        draw(value)


def test_series_and_labels_must_agree_in_length():
    with pytest.raises(ValueError, match="3 values for 2 labels"):
        line_chart("t", "d", ["a", "b"], [Series("s", [1, 2, 3])])
    with pytest.raises(ValueError, match="1 values for 2 labels"):
        bar_chart("t", "d", ["a", "b"], [1])


def test_hostile_labels_are_escaped_everywhere():
    root = parse(
        line_chart(HOSTILE, HOSTILE, [HOSTILE, "b"], [Series(HOSTILE, [1, 2]), Series("o", [2, 1])])
    )
    assert_safe_and_named(root, HOSTILE, HOSTILE)
    assert HOSTILE in [e.text for e in marks(root, "legend")]
    assert tip(marks(root, "point")[0]) == f"{HOSTILE}, {HOSTILE}: 1"
    assert marks(root, "series")[0].get("data-series") == HOSTILE

    root = parse(bar_chart(HOSTILE, HOSTILE, [HOSTILE], [Series(HOSTILE, [3]), Series("x", [1])]))
    assert_safe_and_named(root, HOSTILE, HOSTILE)
    assert [e.text for e in marks(root, "bar-label")] == [HOSTILE]

    root = parse(percentile_strip(HOSTILE, HOSTILE, [StripRow(HOSTILE, 1, 1.0, 2.0)]))
    assert_safe_and_named(root, HOSTILE, HOSTILE)
    assert [e.text for e in marks(root, "strip-label")] == [HOSTILE]


def test_right_to_left_labels_run_right_to_left_in_the_place_given_them():
    arabic, hebrew = "سارة أحمد", "עברית → English"
    root = parse(bar_chart("t", "d", [arabic, "Sarah"], [3, 4]))
    rtl, ltr = marks(root, "bar-label")
    assert rtl.text == arabic
    assert rtl.get("direction") == "rtl"
    assert "rtl" in classes(rtl)
    # In a right-to-left run "end" is the left edge: the label starts at the same x as "Sarah".
    assert rtl.get("text-anchor") == "end"
    assert ltr.get("text-anchor") == "start"
    assert ltr.get("direction") is None
    assert rtl.get("x") == ltr.get("x")

    root = parse(percentile_strip("t", "d", [StripRow(hebrew, 2, 3.0, 4.0)]))
    (label,) = marks(root, "strip-label")
    assert label.get("direction") == "rtl"


def test_each_plot_has_its_own_ids_or_the_one_given():
    first = parse(line_chart("One", "d", ["a"], [Series("s", [1])]))
    second = parse(line_chart("Two", "d", ["a"], [Series("s", [1])]))
    assert first[0].get("id") != second[0].get("id")
    given_id = parse(bar_chart("t", "d", ["a"], [1], chart_id="desk-reasons"))
    assert given_id.get("aria-labelledby") == "desk-reasons-title desk-reasons-desc"
    with pytest.raises(ValueError, match="not a plain id"):
        bar_chart("t", "d", ["a"], [1], chart_id='x" onload="y')


def test_series_beyond_the_palette_reuse_its_classes_and_keep_distinct_markers():
    series = [Series(f"s{i}", [i, i + 1]) for i in range(8)]
    root = parse(line_chart("t", "d", ["a", "b"], series))
    points = marks(root, "point")
    assert len(points) == 16
    assert {"series-0"} <= classes(points[12])  # the seventh series wraps round
    assert {local(p) for p in points} == {"circle", "rect", "path"}


@pytest.mark.parametrize(
    ("value", "text"), [(0, "0"), (1234, "1,234"), (2.5, "2.5"), (12.25, "12.2")]
)
def test_numbers_are_formatted(value, text):
    assert format_number(value) == text


# --- properties -------------------------------------------------------------------------------

VALUE = st.one_of(
    st.none(), st.floats(min_value=0, max_value=1e12, allow_nan=False, allow_infinity=False)
)


@settings(max_examples=150, deadline=None)
@given(data=st.data(), weeks=st.integers(min_value=0, max_value=60), lines=st.integers(0, 5))
def test_any_non_negative_series_give_a_well_formed_svg_inside_its_view_box(data, weeks, lines):
    series = [
        Series(f"s{i}", data.draw(st.lists(VALUE, min_size=weeks, max_size=weeks)))
        for i in range(lines)
    ]
    labels = [f"week {i}" for i in range(weeks)]
    root = parse(line_chart("t", "d", labels, series))
    assert_safe_and_named(root, "t", "d")
    known = [v for s in series for v in s.values if v is not None]
    points = marks(root, "point")
    assert [float(p.get("data-value")) for p in points] == known
    assert_inside(root, points + [e for e in marks(root, "line") if "point" not in classes(e)])


@settings(max_examples=100, deadline=None)
@given(values=st.lists(VALUE, max_size=30), horizontal=st.booleans())
def test_any_non_negative_bars_give_a_well_formed_svg_inside_its_view_box(values, horizontal):
    labels = [f"label {i}" for i in range(len(values))]
    root = parse(bar_chart("t", "d", labels, values, horizontal=horizontal))
    assert_safe_and_named(root, "t", "d")
    bars = marks(root, "bar")
    assert [float(b.get("data-value")) for b in bars] == [v for v in values if v is not None]
    assert_inside(root, bars)


@settings(max_examples=100, deadline=None)
@given(
    pairs=st.lists(
        st.tuples(
            st.floats(min_value=0, max_value=1e6, allow_nan=False),
            st.floats(min_value=0, max_value=1e6, allow_nan=False),
        ),
        max_size=12,
    )
)
def test_any_durations_give_a_strip_inside_its_view_box(pairs):
    rows = [StripRow(f"row {i}", 5, min(a, b), max(a, b)) for i, (a, b) in enumerate(pairs)]
    root = parse(percentile_strip("t", "d", rows))
    assert_safe_and_named(root, "t", "d")
    assert len(marks(root, "median")) == len(rows)
    assert_inside(root, marks(root, "median") + marks(root, "p90"))


# --- the figure macro -------------------------------------------------------------------------


def render_figure(**kwargs) -> etree._Element:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True)
    template = env.from_string(
        '{% from "statistics/_figure.html" import figure %}'
        "{{ figure(svg, rows, headers, caption, csv_url=csv_url) }}"
    )
    html = template.render(**kwargs)
    return etree.fromstring(html.strip(), etree.HTMLParser()).find(".//figure")


def test_the_figure_shows_the_plot_its_caption_and_the_same_numbers_in_a_table():
    svg = bar_chart("Sent back", "By reason", ["Meaning", HOSTILE], [12, 3])
    figure = render_figure(
        svg=svg,
        rows=[["Meaning", "12"], [HOSTILE, "3"]],
        headers=["Reason", "Times"],
        caption="Sent back, by reason",
        csv_url=CSV_URL,
    )
    plot = figure.find("svg")
    assert plot is not None
    assert plot.get("role") == "img"
    assert figure.find("figcaption").xpath("string()").startswith("Sent back, by reason")
    assert (
        figure.find(".//a").get("href") == "/statistics/reasons.csv?from=2026-01-01&to=2026-03-31"
    )
    details = figure.find("details")
    assert details.find("summary").xpath("string()") == "Show the numbers: Sent back, by reason"
    table = details.find(".//table")
    assert [th.text for th in table.findall("thead/tr/th")] == ["Reason", "Times"]
    rows = [[cell.xpath("string()") for cell in tr] for tr in table.findall("tbody/tr")]
    assert rows == [["Meaning", "12"], [HOSTILE, "3"]]
    assert not figure.xpath(".//script")
    # The table holds what the plot draws.
    drawn = [b.get("data-value") for b in plot.iter() if "bar" in (b.get("class") or "").split()]
    assert drawn == [row[1] for row in rows]


def test_the_figure_without_rows_or_download_says_there_is_no_data():
    figure = render_figure(
        svg=line_chart("t", "d", [], []), rows=[], headers=["Week"], caption="c", csv_url=None
    )
    assert figure.find(".//table") is None
    assert figure.find(".//a") is None
    assert "No data for this period." in figure.find("details").xpath("string()")
