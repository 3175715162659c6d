"""Charts for the statistics pages, drawn on the server as SVG that the page's CSP allows.

No script, no `style` attribute or element, nothing from another host: colours, strokes and dash
patterns come from classes that `static/app/statistics.css` styles, so one markup follows the
reader's light or dark scheme. Sizes are in viewBox units and the SVG has no width of its own,
so it scales with its container. Every value drawn carries a `<title>` (a tooltip, and what a
screen reader exploring the picture hears) and a `data-value`, which the tests read back.
"""

import hashlib
import math
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

Number = int | float
Formatter = Callable[[float], str]

# 420 units across: on a 390 px phone (about 358 px inside the page's padding) a 15-unit label
# is 12.8 px and a 13-unit tick 11 px; the stylesheet caps the width on wide screens.
WIDTH = 420
PAD = 6.0
FONT = 15.0
TICK = 13.0
EMPTY_TEXT = "No data for this period"
SERIES_CLASSES = 6  # statistics.css styles series-0 … series-5; more series repeat them
_ID = re.compile(r"[A-Za-z][A-Za-z0-9_-]*\Z")


@dataclass(frozen=True)
class Series:
    """One named line (or one colour of grouped bars): a value per x label, None where unknown."""

    name: str
    values: Sequence[Number | None]


@dataclass(frozen=True)
class StripRow:
    """One duration on a percentile strip, in hours; median and p90 are None when count is 0."""

    label: str
    count: int
    median: float | None
    p90: float | None


def format_number(value: float) -> str:
    """1,234 for whole numbers; one decimal from 10 up, two below (0.25, 3.5)."""
    if float(value).is_integer():
        return f"{int(value):,}"
    if abs(value) >= 10:
        return f"{value:,.1f}"
    return f"{value:.2f}".rstrip("0").rstrip(".")


def format_percent(value: float) -> str:
    """A share given as 0‒100."""
    return f"{value:.0f}%" if value >= 10 or float(value).is_integer() else f"{value:.1f}%"


# --- the one writer every chart uses -------------------------------------------------------


def _check(value: Number | None, where: str) -> float | None:
    # Callers count things and durations: a negative or infinite value is a bug upstream, and
    # drawing it would put a bar outside the picture.
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"{where}: {value!r} is not a number")
    if not math.isfinite(value) or value < 0:
        raise ValueError(f"{where}: {value!r} is not a finite, non-negative number")
    return float(value)


def _text_width(text: str, size: float) -> float:
    """A generous guess at the drawn width: the server has no font metrics."""
    wide = sum(1 for ch in text if unicodedata.east_asian_width(ch) in ("W", "F"))
    return (len(text) - wide) * 0.6 * size + wide * size


def _is_rtl(text: str) -> bool:
    """True when the first strongly directional character is Arabic, Hebrew, Thaana, N'Ko…"""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False


def _n(x: float) -> str:
    return f"{x:.1f}".removesuffix(".0")


def _raw(value: float | int) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


class _Svg:
    """An SVG under construction: its ids, and its parts as strings, escaped as they go in."""

    def __init__(self, kind: str, title: str, description: str, chart_id: str | None) -> None:
        if chart_id is None:
            digest = hashlib.sha1(f"{kind}\0{title}\0{description}".encode(), usedforsecurity=False)
            chart_id = f"plot-{digest.hexdigest()[:10]}"
        elif not _ID.match(chart_id):
            raise ValueError(f"chart_id {chart_id!r} is not a plain id")
        self.id = chart_id
        self.kind = kind
        self.title = title
        self.description = description
        self.parts: list[str] = []

    def add(self, part: str) -> None:
        self.parts.append(part)

    def text(
        self,
        x: float,
        y: float,
        content: str,
        *,
        cls: str,
        size: float = FONT,
        anchor: str = "start",
    ) -> None:
        extra = ""
        if _is_rtl(content):
            # With direction="rtl" "start" is the right-hand end: swapping the anchor keeps the
            # label in the box the layout gave it (from x rightwards for "start"). Presentation
            # attributes, not CSS: the CSP forbids style attributes, and the layout must not
            # depend on the stylesheet having loaded.
            anchor = {"start": "end", "end": "start"}.get(anchor, anchor)
            extra = ' direction="rtl" unicode-bidi="embed"'
            cls += " rtl"
        self.add(
            f'<text x="{_n(x)}" y="{_n(y)}" class="{cls}" font-size="{_n(size)}"'
            f' text-anchor="{anchor}"{extra}>{escape(content)}</text>'
        )

    def finish(self, height: float) -> Markup:
        head = (
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {_n(height)}"'
            f' class="plot plot-{self.kind}" role="img"'
            f' aria-labelledby="{self.id}-title {self.id}-desc">'
            f'<title id="{self.id}-title">{escape(self.title)}</title>'
            f'<desc id="{self.id}-desc">{escape(self.description)}</desc>'
        )
        return Markup(head + "".join(self.parts) + "</svg>")  # noqa: S704 - every part escaped


def _empty(svg: _Svg) -> Markup:
    svg.kind += " plot-empty"
    svg.text(WIDTH / 2, 44, EMPTY_TEXT, cls="empty-note", anchor="middle")
    return svg.finish(72)


def _nice_ticks(top: float, *, whole: bool, count: int = 4) -> list[float]:
    """0 and about `count` round steps up to at least `top` (1, 2, 2.5 or 5 × a power of ten)."""
    if top < 1e-6:
        # Nothing (or next to nothing, where a log of it underflows): an axis from 0 to 1.
        top = 1.0
    raw = top / count
    magnitude = 10.0 ** math.floor(math.log10(raw))
    step = 10 * magnitude
    for m in (1.0, 2.0, 2.5, 5.0):
        candidate = m * magnitude
        if candidate >= raw and not (whole and not candidate.is_integer()):
            step = candidate
            break
    if whole:
        step = max(1.0, math.ceil(step))
    steps = math.ceil(top / step - 1e-9)
    return [round(i * step, 10) for i in range(steps + 1)]


def _marker(index: int, x: float, y: float, size: float) -> tuple[str, str]:
    """The opening tag's name and geometry for series `index`: circle, square, triangle, diamond,
    so that a reader who cannot tell the colours apart can still tell the lines apart."""
    shape = index % 4
    r = size
    if shape == 0:
        return "circle", f'cx="{_n(x)}" cy="{_n(y)}" r="{_n(r)}"'
    if shape == 1:
        return "rect", f'x="{_n(x - r)}" y="{_n(y - r)}" width="{_n(2 * r)}" height="{_n(2 * r)}"'
    if shape == 2:
        return "path", (
            f'd="M{_n(x)} {_n(y - r * 1.2)}L{_n(x + r * 1.2)} {_n(y + r)}'
            f'L{_n(x - r * 1.2)} {_n(y + r)}Z"'
        )
    return "path", (
        f'd="M{_n(x)} {_n(y - r * 1.3)}L{_n(x + r * 1.3)} {_n(y)}'
        f'L{_n(x)} {_n(y + r * 1.3)}L{_n(x - r * 1.3)} {_n(y)}Z"'
    )


def _series_class(index: int) -> str:
    return f"series-{index % SERIES_CLASSES}"


def _legend(svg: _Svg, names: Sequence[str], top: float, *, bars: bool) -> float:
    """Draw the legend from `top`, wrapping items onto more rows; return the height used."""
    row_h = FONT + 8
    x, y = PAD, top
    for i, name in enumerate(names):
        width = 26 + _text_width(name, TICK) + 14
        if x > PAD and x + width > WIDTH - PAD:
            x, y = PAD, y + row_h
        mid = y + row_h / 2
        cls = _series_class(i)
        if bars:
            svg.add(
                f'<rect class="swatch {cls}" x="{_n(x)}" y="{_n(mid - 6)}" width="20" height="12"/>'
            )
        else:
            svg.add(f'<path class="line {cls}" d="M{_n(x)} {_n(mid)}L{_n(x + 22)} {_n(mid)}"/>')
            tag, geometry = _marker(i, x + 11, mid, 3.5)
            svg.add(f'<{tag} class="marker {cls}" {geometry}/>')
        svg.text(x + 26, mid + TICK * 0.35, name, cls="legend", size=TICK)
        x += width
    return y + row_h - top


def _x_axis(
    svg: _Svg, labels: Sequence[str], left: float, step: float, y: float, *, ticks: bool = True
) -> None:
    """Thin the labels to every Nth so that none overlaps, and keep the first and last inside."""
    if not labels:
        return
    widest = max(_text_width(label, TICK) for label in labels)
    every = max(1, math.ceil((widest + 10) / step))
    for i in range(0, len(labels), every):
        x = left + (i + 0.5) * step
        if ticks:
            svg.add(f'<path class="tick" d="M{_n(x)} {_n(y)}v4"/>')
        half = _text_width(labels[i], TICK) / 2
        tx = min(max(x, PAD + half), WIDTH - PAD - half)
        svg.text(tx, y + 6 + TICK, labels[i], cls="x-label", size=TICK, anchor="middle")


def _y_axis(
    svg: _Svg,
    ticks: Sequence[float],
    fmt: Formatter,
    left: float,
    right: float,
    bottom: float,
    plot_h: float,
) -> None:
    top_value = ticks[-1]
    for t in ticks:
        y = bottom - plot_h * t / top_value
        cls = "baseline" if t == 0 else "grid"
        svg.add(f'<path class="{cls}" d="M{_n(left)} {_n(y)}H{_n(right)}"/>')
        svg.text(left - 6, y + TICK * 0.35, fmt(t), cls="y-label", size=TICK, anchor="end")


# --- the three charts ------------------------------------------------------------------------


def line_chart(
    title: str,
    description: str,
    x_labels: Sequence[str],
    series: Sequence[Series],
    *,
    y_label: str = "",
    y_format: Formatter = format_number,
    chart_id: str | None = None,
) -> Markup:
    """A time series: one line per series over `x_labels`; a None value breaks its line."""
    svg = _Svg("line", title, description, chart_id)
    checked: list[list[float | None]] = []
    for s in series:
        if len(s.values) != len(x_labels):
            raise ValueError(
                f"series {s.name!r} has {len(s.values)} values for {len(x_labels)} labels"
            )
        checked.append([_check(v, f"series {s.name!r}") for v in s.values])
    present = [v for values in checked for v in values if v is not None]
    if not present:
        return _empty(svg)

    top = PAD
    if len(series) > 1:
        top += _legend(svg, [s.name for s in series], top, bars=False) + 4
    if y_label:
        svg.text(PAD, top + TICK, y_label, cls="axis-label", size=TICK)
        top += TICK + 8
    else:
        top += 6
    ticks = _nice_ticks(max(present), whole=all(v.is_integer() for v in present))
    # Half the width at most, whatever the numbers: the plot keeps the other half.
    left = min(PAD + max(_text_width(y_format(t), TICK) for t in ticks) + 10, WIDTH / 2)
    right = WIDTH - PAD
    plot_h = 170.0
    bottom = top + plot_h
    _y_axis(svg, ticks, y_format, left, right, bottom, plot_h)
    step = (right - left) / len(x_labels)
    _x_axis(svg, x_labels, left, step, bottom)

    radius = 3.5 if step >= 9 else 2.5
    for index, (s, values) in enumerate(zip(series, checked, strict=True)):
        cls = _series_class(index)
        points = [
            None if v is None else (left + (i + 0.5) * step, bottom - plot_h * v / ticks[-1])
            for i, v in enumerate(values)
        ]
        d: list[str] = []
        pen_down = False
        for point in points:
            if point is None:
                pen_down = False
                continue
            d.append(f"{'L' if pen_down else 'M'}{_n(point[0])} {_n(point[1])}")
            pen_down = True
        svg.add(f'<g class="series {cls}" data-series="{escape(s.name)}">')
        svg.add(f'<path class="line {cls}" d="{"".join(d)}"/>')
        for label, v, point in zip(x_labels, values, points, strict=True):
            if v is None or point is None:
                continue
            tag, geometry = _marker(index, point[0], point[1], radius)
            tip = f"{s.name}, {label}: {y_format(v)}" if s.name else f"{label}: {y_format(v)}"
            svg.add(
                f'<{tag} class="point marker {cls}" {geometry} data-value="{_raw(v)}">'
                f"<title>{escape(tip)}</title></{tag}>"
            )
        svg.add("</g>")
    return svg.finish(bottom + TICK + 14 + PAD)


def bar_chart(
    title: str,
    description: str,
    labels: Sequence[str],
    values: Sequence[Number | None] | Sequence[Series],
    *,
    horizontal: bool = True,
    value_format: Formatter = format_number,
    chart_id: str | None = None,
) -> Markup:
    """Bars for a comparison: one value per label, or several `Series` for grouped bars.

    Horizontal bars (the default) give each label a line of its own above its bars, so long pair
    or person names stay readable on a phone, and write each value at the end of its bar.
    """
    svg = _Svg("bar", title, description, chart_id)
    grouped = bool(values) and all(isinstance(v, Series) for v in values)
    series = (
        [v for v in values if isinstance(v, Series)]
        if grouped
        else [Series("", [v for v in values if not isinstance(v, Series)])]
    )
    checked: list[list[float | None]] = []
    for s in series:
        if len(s.values) != len(labels):
            raise ValueError(f"{len(s.values)} values for {len(labels)} labels")
        checked.append([_check(v, f"bar {s.name!r}") for v in s.values])
    present = [v for vs in checked for v in vs if v is not None]
    if not labels or not present:
        return _empty(svg)

    top = PAD
    if grouped and len(series) > 1:
        top += _legend(svg, [s.name for s in series], top, bars=True) + 6
    if horizontal:
        height = _horizontal_bars(svg, labels, series, checked, value_format, top)
    else:
        height = _vertical_bars(svg, labels, series, checked, value_format, top)
    return svg.finish(height)


def _bar_tip(s: Series, label: str, text: str) -> str:
    return f"{label}, {s.name}: {text}" if s.name else f"{label}: {text}"


def _horizontal_bars(
    svg: _Svg,
    labels: Sequence[str],
    series: Sequence[Series],
    checked: Sequence[Sequence[float | None]],
    fmt: Formatter,
    top: float,
) -> float:
    named = len(series) > 1
    top_value = max(v for vs in checked for v in vs if v is not None) or 1.0

    def value_text(s: Series, v: float | None) -> str:
        shown = "no data" if v is None else fmt(v)
        # The series named beside its value: colour is not the only cue.
        return f"{shown} {s.name}" if named else shown

    widest = max(
        _text_width(value_text(s, v), TICK)
        for s, vs in zip(series, checked, strict=True)
        for v in vs
    )
    left = PAD
    room = WIDTH - PAD - left - widest - 8
    bar_h = 16.0
    y = top
    for i, label in enumerate(labels):
        y += FONT
        svg.text(left, y, label, cls="bar-label")
        y += 5
        for index, (s, vs) in enumerate(zip(series, checked, strict=True)):
            v = vs[i]
            cls = _series_class(index)
            length = 0.0 if v is None else room * v / top_value
            if v is not None:
                svg.add(
                    f'<rect class="bar {cls}" x="{_n(left)}" y="{_n(y)}" width="{_n(length)}"'
                    f' height="{_n(bar_h)}" data-value="{_raw(v)}">'
                    f"<title>{escape(_bar_tip(s, label, fmt(v)))}</title></rect>"
                )
            svg.text(left + length + 6, y + bar_h * 0.78, value_text(s, v), cls="value", size=TICK)
            y += bar_h + 3
        y += 9
    svg.add(f'<path class="baseline" d="M{_n(left)} {_n(top + FONT + 2)}V{_n(y - 9)}"/>')
    return y + PAD


def _vertical_bars(
    svg: _Svg,
    labels: Sequence[str],
    series: Sequence[Series],
    checked: Sequence[Sequence[float | None]],
    fmt: Formatter,
    top: float,
) -> float:
    present = [v for vs in checked for v in vs if v is not None]
    ticks = _nice_ticks(max(present), whole=all(v.is_integer() for v in present))
    top += 8
    # Half the width at most, whatever the numbers: the plot keeps the other half.
    left = min(PAD + max(_text_width(fmt(t), TICK) for t in ticks) + 10, WIDTH / 2)
    right = WIDTH - PAD
    plot_h = 170.0
    bottom = top + plot_h
    _y_axis(svg, ticks, fmt, left, right, bottom, plot_h)
    band = (right - left) / len(labels)
    _x_axis(svg, labels, left, band, bottom, ticks=False)
    inner = band * 0.8 / len(series)
    for index, (s, vs) in enumerate(zip(series, checked, strict=True)):
        cls = _series_class(index)
        for i, (label, v) in enumerate(zip(labels, vs, strict=True)):
            if v is None:
                continue
            x = left + i * band + band * 0.1 + index * inner
            h = plot_h * v / ticks[-1]
            svg.add(
                f'<rect class="bar {cls}" x="{_n(x)}" y="{_n(bottom - h)}" width="{_n(inner)}"'
                f' height="{_n(h)}" data-value="{_raw(v)}">'
                f"<title>{escape(_bar_tip(s, label, fmt(v)))}</title></rect>"
            )
    return bottom + TICK + 14 + PAD


def duration_unit(longest_hours: float) -> tuple[str, float]:
    """Hours under 48 h, days from there: ("h", 1) or ("d", 24)."""
    return ("h", 1.0) if longest_hours < 48 else ("d", 24.0)


def format_duration(hours: float, unit: tuple[str, float]) -> str:
    """5.2 h, 30 h, 3.5 d: one decimal below ten units."""
    suffix, per = unit
    value = hours / per
    return f"{value:.1f} {suffix}" if value < 10 else f"{value:,.0f} {suffix}"


def _count_text(count: int) -> str:
    return f"{count:,} item" if count == 1 else f"{count:,} items"


def percentile_strip(
    title: str,
    description: str,
    rows: Sequence[StripRow],
    *,
    count_format: Callable[[int], str] = _count_text,
    chart_id: str | None = None,
) -> Markup:
    """Durations: per row a strip from 0 to the 90th percentile with the median marked, on one
    shared axis in hours (or days once the longest passes 48 hours)."""
    svg = _Svg("strip", title, description, chart_id)
    checked: list[tuple[StripRow, float | None, float | None]] = []
    for row in rows:
        if row.count < 0:
            raise ValueError(f"row {row.label!r}: a negative count")
        median = _check(row.median, f"row {row.label!r}")
        p90 = _check(row.p90, f"row {row.label!r}")
        if median is not None and p90 is not None and p90 < median:
            raise ValueError(f"row {row.label!r}: the 90th percentile is below the median")
        checked.append((row, median, p90))
    longest = max(
        (v for _, median, p90 in checked for v in (median, p90) if v is not None), default=None
    )
    if longest is None:
        return _empty(svg)

    unit = duration_unit(longest)
    ticks = _nice_ticks(longest / unit[1], whole=False)
    left, right = PAD + 2, WIDTH - PAD - 14
    span = right - left

    def x_of(hours: float) -> float:
        return left + span * (hours / unit[1]) / ticks[-1]

    y = PAD
    first = y
    grid_at = len(svg.parts)
    strip_h = 12.0
    for row, median, p90 in checked:
        y += FONT
        count = count_format(row.count)
        svg.text(left, y, row.label, cls="strip-label")
        svg.text(WIDTH - PAD, y, count, cls="count", size=TICK, anchor="end")
        y += 6
        if median is None and p90 is None:
            svg.text(left, y + TICK, "No data", cls="note", size=TICK)
            y += TICK + 12
            continue
        mid = y + strip_h / 2
        svg.add(f'<path class="track" d="M{_n(left)} {_n(mid)}H{_n(right)}"/>')
        parts: list[str] = []
        if p90 is not None:
            tip = f"{row.label}: 90% within {format_duration(p90, unit)}"
            svg.add(
                f'<rect class="range p90" x="{_n(left)}" y="{_n(y)}" width="{_n(x_of(p90) - left)}"'
                f' height="{_n(strip_h)}" data-value="{_raw(p90)}">'
                f"<title>{escape(tip)}</title></rect>"
            )
            parts.append(f"90% within {format_duration(p90, unit)}")
        if median is not None:
            mx = x_of(median)
            tip = f"{row.label}: median {format_duration(median, unit)}"
            svg.add(
                f'<path class="median" d="M{_n(mx)} {_n(y - 3)}L{_n(mx)} {_n(y + strip_h + 3)}"'
                f' data-value="{_raw(median)}">'
                f"<title>{escape(tip)}</title></path>"
            )
            parts.insert(0, f"median {format_duration(median, unit)}")
        y += strip_h + 4 + TICK
        svg.text(left, y, " · ".join(parts), cls="note", size=TICK)
        y += 12
    # The grid goes under the strips, the axis below them: its last label carries the unit.
    svg.parts[grid_at:grid_at] = [
        f'<path class="grid" d="M{_n(left + span * t / ticks[-1])} {_n(first)}V{_n(y)}"/>'
        for t in ticks
    ]
    for t in ticks:
        x = left + span * t / ticks[-1]
        svg.add(f'<path class="tick" d="M{_n(x)} {_n(y)}v4"/>')
        label = format_number(t) + (f" {unit[0]}" if t == ticks[-1] else "")
        half = _text_width(label, TICK) / 2
        tx = min(max(x, PAD + half), WIDTH - PAD - half)
        svg.text(tx, y + 6 + TICK, label, cls="x-label", size=TICK, anchor="middle")
    return svg.finish(y + TICK + 14 + PAD)
