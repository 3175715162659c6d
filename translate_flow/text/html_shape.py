"""How deep and how large the tree a browser builds from some HTML will be, found in one pass.

The HTML5 tree builder (html5ever inside nh3, and every browser) walks its stack of open
elements for many tags, so a document nested 100,000 deep costs it quadratic time; and it
re-opens formatting elements that were left open (`<p><b>…</p><p>…`) in every later block, so
a few hundred distinct unclosed `<b lang=…>` followed by many paragraphs come out as millions of
elements. This module models that stack without building anything: one left-to-right scan,
constant work per tag, stopping as soon as a limit is passed. Its depth is never less than the
tree's; its count is exact where the cost multiplies (formatting re-opened in every block) and
may fall a few elements short in corners (a <select>'s content, some misnested formatting).
tests/unit/test_hostile_inputs.py checks both against the tree nh3 builds.
"""

import re
from bisect import bisect_right
from collections import deque
from dataclasses import dataclass
from functools import cache

_VOID = frozenset(
    {"area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "img"}
    | {"image", "input", "keygen", "link", "meta", "param", "source", "track", "wbr"}
)
# Their content is text to the tokenizer, so a "<div>" inside a script is not an element.
_RAW_TEXT = frozenset(
    {"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript"}
)
_FORMATTING = frozenset(
    {"a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong"}
    | {"tt", "u"}
)
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# Opening one puts a marker on the list of active formatting elements: formatting from outside
# is not closed from inside, and what was opened inside is forgotten when it closes.
_MARKERS = frozenset({"td", "th", "caption", "applet", "object", "marquee", "template"})
# The standard's "special" elements: an end tag for an ordinary element stops searching at one.
_SPECIAL = frozenset(
    {"address", "applet", "area", "article", "aside", "base", "basefont", "bgsound"}
    | {"blockquote", "body", "br", "button", "caption", "center", "col", "colgroup", "dd"}
    | {"details", "dir", "div", "dl", "dt", "embed", "fieldset", "figcaption", "figure"}
    | {"footer", "form", "frame", "frameset", "head", "header", "hgroup", "hr", "html"}
    | {"iframe", "img", "input", "keygen", "li", "link", "listing", "main", "marquee", "menu"}
    | {"meta", "nav", "noembed", "noframes", "noscript", "object", "ol", "p", "param"}
    | {"plaintext", "pre", "script", "search", "section", "select", "source", "style"}
    | {"summary", "table", "tbody", "td", "template", "textarea", "tfoot", "th", "thead"}
    | {"title", "tr", "track", "ul", "wbr", "xmp"}
    | _HEADINGS
    | {"option", "optgroup"}  # not in the list; html5ever keeps a select's content apart
)
_DEFAULT_SCOPE = frozenset(
    {"applet", "caption", "html", "table", "td", "th", "marquee", "object", "template"}
    # Not in the standard's list: html5ever keeps what is inside a <select> apart. Counting
    # them errs on the deep side.
    | {"select", "option", "optgroup"}
    | {"foreignobject", "desc", "mi", "mo", "mn", "ms", "mtext", "annotation-xml"}
)
# Start tags that close an open <p> first.
_CLOSES_P = frozenset(
    {"address", "article", "aside", "blockquote", "center", "details", "dialog", "dir", "div"}
    | {"dl", "fieldset", "figcaption", "figure", "footer", "header", "hgroup", "main", "menu"}
    | {"nav", "ol", "p", "search", "section", "summary", "ul", "pre", "listing", "form"}
    | {"plaintext", "hr", "xmp", "li", "dd", "dt", "table"}
    | _HEADINGS
)
# End tags that close the element only if it is in scope (the rest stop at a special element).
_SCOPED_END = _CLOSES_P - {"p", "li", "dd", "dt", "hr", "plaintext", "xmp", "table"} | {
    "applet",
    "button",
    "marquee",
    "object",
}
_TABLE_PARTS = frozenset({"caption", "colgroup", "tbody", "thead", "tfoot", "tr", "td", "th"})
_SECTIONS = frozenset({"tbody", "thead", "tfoot"})
_RUBY = frozenset({"rb", "rp", "rt", "rtc"})
_FOREIGN = frozenset({"svg", "math"})
# SVG and MathML elements whose content is HTML again.
_INTEGRATION = frozenset(
    {"foreignobject", "desc", "title", "mi", "mo", "mn", "ms", "mtext", "annotation-xml"}
)
# HTML tags that end SVG or MathML content around them and open as HTML again.
_BREAKOUT = frozenset(
    {"b", "big", "blockquote", "body", "br", "center", "code", "dd", "div", "dl", "dt", "em"}
    | {"embed", "font", "head", "hr", "i", "img", "li", "listing", "menu", "meta", "nobr"}
    | {"ol", "p", "pre", "ruby", "s", "small", "span", "strong", "strike", "sub", "sup"}
    | {"table", "tt", "u", "ul", "var"}
    | _HEADINGS
)
# Start tags that close the current element if it is one of these.
_CLOSES_CURRENT = {
    **dict.fromkeys(_HEADINGS, _HEADINGS),
    **dict.fromkeys(("option", "optgroup"), frozenset({"option"})),
    **dict.fromkeys(_RUBY, _RUBY),
}
# Start tags that do not re-open left-open formatting elements first.
_NO_RECONSTRUCTION = _CLOSES_P | _TABLE_PARTS | {"table", "html", "head", "body", "frameset"}

# Which lookups each element takes part in: the positions of its kind on the stack are kept per
# category, so "is there a <p> in button scope" is a comparison of two indexes, not a walk.
_CATEGORIES: dict[str, frozenset[str]] = {
    "@default-scope": _DEFAULT_SCOPE,
    "@button-scope": _DEFAULT_SCOPE | {"button"},
    "@list-scope": _DEFAULT_SCOPE | {"ol", "ul"},
    "@table-scope": frozenset({"html", "table", "template"}),
    # The standard's scope markers alone: a </select> behind one of them (an <object> opened
    # inside the select) is ignored, and what follows stays inside.
    "@select-scope": _DEFAULT_SCOPE - {"select", "option", "optgroup"},
    "@special": _SPECIAL,
    # An <li> closes an open <li> unless a special element other than these lies between.
    "@li-stop": _SPECIAL - {"address", "div", "p", "li"},
    "@dd-stop": _SPECIAL - {"address", "div", "p", "dd", "dt"},
    "@heading": _HEADINGS,
    "@cell": frozenset({"td", "th"}),
    "@section": _SECTIONS,
    "@dd-dt": frozenset({"dd", "dt"}),
    "@formatting": _FORMATTING,
}

_TAG = re.compile(r"<(/?)([A-Za-z][^\t\n\f\r />]*)([^>]*)>?")
_ATTRIBUTE = re.compile(r"""([^\s"'=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]*)))?""")


class TooDeep(Exception):
    """The document nests elements deeper than the limit."""


class TooManyElements(Exception):
    """The tree built from the document would have more elements than the limit."""


@dataclass(frozen=True)
class HtmlShape:
    depth: int
    """The deepest the stack of open elements got."""
    elements: int
    """Elements the tree builder would create, those it re-opens and clones included."""


@cache
def _categories_of(tag: str) -> tuple[str, ...]:
    return tuple(name for name, members in _CATEGORIES.items() if tag in members)


class _Formatting:
    """An entry in the list of active formatting elements."""

    __slots__ = ("alive", "index", "marker", "serial", "tag")

    def __init__(self, tag: str, marker: int = 0, serial: int = 0) -> None:
        self.tag = tag
        self.serial = serial  # its place in the list: elements are re-opened in this order
        self.marker = marker  # how many markers were on the list when it was added
        self.alive = True
        self.index = -1  # its place on the stack, -1 while it is not open


_MOVED = _Formatting("")  # a stack slot whose element the adoption agency took out


class _Model:
    def __init__(self, max_depth: int, max_elements: int) -> None:
        self.max_depth, self.max_elements = max_depth, max_elements
        self.depth = self.elements = 0
        self.tags: list[str] = []
        self.entries: list[_Formatting | None] = []
        # For an SVG or MathML element, where its run of such elements starts; -1 for HTML.
        self.foreign: list[int] = []
        self.positions: dict[str, list[int]] = {}
        self.left_open: dict[int, _Formatting] = {}  # popped by an ancestor, still active
        self.by_key: dict[tuple[str, ...], deque[_Formatting]] = {}
        self.by_tag: dict[str, list[_Formatting]] = {}
        self.serial = 0
        self.markers: list[list[_Formatting]] = [[]]  # the entries added since each marker

    # The stack

    def last(self, name: str) -> int:
        found = self.positions.get(name)
        return found[-1] if found else -1

    def in_scope(self, tag: str, category: str) -> bool:
        index = self.last(tag)
        return index >= 0 and index >= self.last(category)

    def in_foreign(self) -> bool:
        """Whether the next tag lands inside SVG or MathML (not in an integration point)."""
        return bool(self.foreign) and self.foreign[-1] >= 0 and self.tags[-1] not in _INTEGRATION

    def push(self, tag: str, entry: _Formatting | None = None, *, foreign: bool = False) -> None:
        index = len(self.tags)
        self.foreign.append((self.foreign[-1] if self.in_foreign() else index) if foreign else -1)
        self.tags.append(tag)
        self.entries.append(entry)
        for name in (tag, *_categories_of(tag)):
            self.positions.setdefault(name, []).append(index)
        if entry is not None:
            entry.index = index
        if tag in _MARKERS:
            self.markers.append([])
        self.depth = max(self.depth, index + 1)
        if index + 1 > self.max_depth:
            raise TooDeep
        self.count(1)

    def pop_to(self, index: int) -> None:
        """Close the element at `index` and everything opened inside it."""
        # A slot whose element was taken out goes once nothing is open inside it any more;
        # until then it counts, as its element is still their ancestor in the tree.
        while len(self.tags) > index or (self.entries and self.entries[-1] is _MOVED):
            tag, entry = self.tags.pop(), self.entries.pop()
            self.foreign.pop()
            for name in (tag, *_categories_of(tag)):
                found = self.positions[name]
                if found and found[-1] == len(self.tags):
                    found.pop()
            if tag in _MARKERS and len(self.markers) > 1:
                for inside in self.markers.pop():
                    self.forget(inside)
            if entry is not None and entry is not _MOVED and entry.alive:
                entry.index = -1
                self.left_open[id(entry)] = entry

    def leaf(self) -> None:
        """An element that holds nothing: a void one, or one that is closed as it opens."""
        self.depth = max(self.depth, len(self.tags) + 1)
        self.count(1)

    def take_out(self, index: int) -> None:
        """Remove one element from the stack and leave the ones opened inside it open."""
        if index == len(self.tags) - 1:
            self.pop_to(index)
            return
        self.entries[index] = _MOVED
        for name in (self.tags[index], *_categories_of(self.tags[index])):
            if self.positions[name][-1] == index:
                self.positions[name].pop()

    def count(self, elements: int) -> None:
        self.elements += elements
        if self.elements > self.max_elements:
            raise TooManyElements

    # Formatting elements

    def reconstruct(self) -> None:
        """Re-open every formatting element left open (more than the standard does)."""
        if self.left_open:
            reopened = sorted(self.left_open.values(), key=lambda entry: entry.serial)
            self.left_open.clear()
            for entry in reopened:
                self.push(entry.tag, entry)

    def forget(self, entry: _Formatting) -> None:
        entry.alive = False
        self.left_open.pop(id(entry), None)

    def open_formatting(self, tag: str, attributes: str) -> None:
        pairs = sorted(
            (name.lower(), next((v for v in values if v), ""))
            for name, *values in _ATTRIBUTE.findall(attributes)
        )
        key = (str(len(self.markers)), tag, *(f"{name}={value}" for name, value in pairs))
        same = self.by_key.setdefault(key, deque())
        while same and not same[0].alive:
            same.popleft()
        if len(same) >= 3:  # the standard's "Noah's Ark" keeps three identical entries
            self.forget(same.popleft())
        self.serial += 1
        entry = _Formatting(tag, len(self.markers), self.serial)
        self.markers[-1].append(entry)
        same.append(entry)
        self.by_tag.setdefault(tag, []).append(entry)
        self.push(tag, entry)

    def active(self, tag: str) -> list[_Formatting]:
        """The live entries for `tag` since the last marker, newest last."""
        entries = self.by_tag.get(tag, [])
        while entries and not entries[-1].alive:
            entries.pop()
        return entries if entries and entries[-1].marker == len(self.markers) else []

    def close_formatting(self, tag: str) -> None:
        """The adoption agency algorithm, as far as depth and element count go."""
        entries = self.active(tag)
        if not entries:
            self.close_ordinary(tag)
            return
        entry = entries.pop()
        index = entry.index
        if index < 0:
            self.forget(entry)
            return
        if index < self.last("@default-scope"):
            entries.append(entry)  # not in scope: the end tag is ignored
            return
        self.forget(entry)
        if self.last("@special") > index:
            # A block inside: the builder takes the element off the stack, moves the block
            # out of it and clones the formatting around the block's content.
            self.count(self.adoption_clones(index))
            self.take_out(index)
        else:
            self.pop_to(index)

    def adoption_clones(self, index: int) -> int:
        """Elements the adoption agency may create for the element at `index`.

        Its outer loop runs once per block it has to move out (at most 8 times); each run
        clones the element and up to 3 formatting elements between it and the block.
        """
        blocks = self.above("@special", index)
        return min(8, blocks) * (1 + min(3, self.above("@formatting", index)))

    def above(self, category: str, index: int) -> int:
        found = self.positions.get(category, [])
        return len(found) - bisect_right(found, index)

    def close_ordinary(self, tag: str) -> None:
        if self.last(tag) > self.last("@special") or (
            tag in _SPECIAL and self.last(tag) >= 0 and self.last(tag) == self.last("@special")
        ):
            self.pop_to(self.last(tag))

    # Tokens

    def start(self, tag: str, attributes: str) -> None:
        if tag in ("html", "head", "body", "frameset"):
            return  # merged into the one the document already has
        foreign = self.in_foreign()
        if foreign and tag in _BREAKOUT:
            self.pop_to(self.foreign[-1])  # ends the SVG or MathML around it: HTML again
            foreign = self.in_foreign()
        if self.self_closing(attributes) and (foreign or tag in _FOREIGN):
            if not foreign:
                self.reconstruct()
            self.leaf()  # only SVG and MathML elements close as they open
            return
        if foreign:
            self.push(tag, foreign=True)  # none of HTML's rules apply in there
            return
        if tag == "a" and self.active("a"):
            self.close_formatting(tag)  # an <a> inside an <a> closes the outer one
        elif tag == "button" and self.in_scope("button", "@default-scope"):
            self.pop_to(self.last("button"))  # so does a button inside a button
        elif tag == "select" and self.in_scope("select", "@default-scope"):
            self.pop_to(self.last("select"))  # a select inside a select ends it, and no more
            return
        if tag not in _NO_RECONSTRUCTION:
            self.reconstruct()
        if tag == "nobr" and self.in_scope("nobr", "@default-scope"):
            self.close_formatting(tag)  # after re-opening what was left open, as nobr does
            self.reconstruct()
        if tag in _TABLE_PARTS:
            self.start_table_part(tag)
            return
        if tag == "li":
            self.close_list_item("li", max(self.last("@li-stop"), self.last("@dd-dt")))
        elif tag in ("dd", "dt"):
            self.close_list_item("@dd-dt", max(self.last("@dd-stop"), self.last("li")))
        if tag == "table" and self.last("table") > max(self.last("@cell"), self.last("caption")):
            self.pop_to(self.last("table"))  # a table straight inside a table ends it
        if tag in _CLOSES_P and self.in_scope("p", "@button-scope"):
            self.pop_to(self.last("p"))
        if self.tags and self.tags[-1] in _CLOSES_CURRENT.get(tag, ()):
            self.pop_to(len(self.tags) - 1)
        if tag in _VOID:
            self.leaf()
        elif tag in _FORMATTING:
            self.open_formatting(tag, attributes)
        else:
            self.push(tag, foreign=tag in _FOREIGN)

    @staticmethod
    def self_closing(attributes: str) -> bool:
        return attributes.rstrip().endswith("/")

    def close_list_item(self, target: str, stop: int) -> None:
        index = self.last(target)
        if index > stop:
            self.pop_to(index)

    def start_table_part(self, tag: str) -> None:
        table = self.last("table")
        if table < 0:
            self.leaf()  # outside a table the tree builder ignores these
            return
        # Each closes its open sibling and anything left open above the table, row or
        # section it belongs in (foster-parented content, formatting that stays active).
        if tag in ("td", "th"):
            if self.last("@cell") > table:
                self.pop_to(self.last("@cell"))
            if self.last("tr") > table:
                self.pop_to(self.last("tr") + 1)
            else:
                self.start_table_part("tr")  # implied
        elif tag == "tr":
            if self.last("tr") > table:
                self.pop_to(self.last("tr"))
            if self.last("@section") > table:
                self.pop_to(self.last("@section") + 1)
            else:
                self.pop_to(table + 1)
                self.push("tbody")  # implied
        else:
            self.pop_to(table + 1)
        self.push(tag)

    def end(self, tag: str) -> None:
        if tag in ("html", "body", "br"):
            return
        if self.in_foreign() and self.last(tag) >= self.foreign[-1]:
            self.pop_to(self.last(tag))  # an element of the SVG or MathML around it
            return
        if tag == "select":
            if self.in_scope("select", "@select-scope"):
                self.pop_to(self.last("select"))
        elif tag == "form":
            if self.in_scope("form", "@default-scope"):
                self.take_out(self.last("form"))
        elif tag == "p":
            if self.in_scope("p", "@button-scope"):
                self.pop_to(self.last("p"))
            else:
                self.leaf()  # a stray </p> makes an empty paragraph
        elif tag == "li":
            if self.in_scope("li", "@list-scope"):
                self.pop_to(self.last("li"))
        elif tag in ("dd", "dt") or tag in _SCOPED_END:
            if self.in_scope(tag, "@default-scope"):
                self.pop_to(self.last(tag))
        elif tag in _HEADINGS:
            if self.in_scope("@heading", "@default-scope"):
                self.pop_to(self.last("@heading"))
        elif tag in _TABLE_PARTS or tag == "table":
            if self.in_scope(tag, "@table-scope"):
                self.pop_to(self.last(tag))
        elif tag in _FORMATTING:
            self.close_formatting(tag)
        else:
            self.close_ordinary(tag)


def _raw_text_end(tag: str) -> re.Pattern[str]:
    return re.compile(rf"</{tag}[\t\n\f\r />]", re.IGNORECASE)


_RAW_TEXT_ENDS = {tag: _raw_text_end(tag) for tag in _RAW_TEXT}


def measure_html(source: str, *, max_depth: int, max_elements: int) -> HtmlShape:
    """The shape of the tree built from `source`; raises TooDeep or TooManyElements early."""
    model = _Model(max_depth, max_elements)
    position, length = 0, len(source)
    while position < length:
        opening = source.find("<", position)
        if opening < 0:
            opening = length
        if opening > position:
            model.reconstruct()  # text: left-open formatting elements open again around it
        if opening >= length:
            break
        if source.startswith("<!--", opening):
            close = source.find("-->", opening + 4)
            position = length if close < 0 else close + 3
            continue
        if source.startswith(("<!", "<?"), opening):
            close = source.find(">", opening)  # a doctype, or a bogus comment
            position = length if close < 0 else close + 1
            continue
        tag = _TAG.match(source, opening)
        if tag is None:
            position = opening + 1  # a "<" that starts no tag is text
            model.reconstruct()
            continue
        position = tag.end()
        name = tag.group(2).lower()
        if tag.group(1):
            model.end(name)
            continue
        model.start(name, tag.group(3))
        # Only an HTML <script> or <style> holds text: an SVG one holds elements.
        if name in _RAW_TEXT_ENDS and model.tags[-1:] == [name] and model.foreign[-1] < 0:
            close_tag = _RAW_TEXT_ENDS[name].search(source, position)
            position = length if close_tag is None else close_tag.start()
        elif name == "plaintext":
            break
    return HtmlShape(depth=model.depth, elements=model.elements)
