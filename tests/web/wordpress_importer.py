"""What a WordPress 6.1 site holds after its WordPress Importer reads an export: a small Python
port of the parts that decide it, so that tests read a WXR file as WordPress would.

Ported from the importer's `parsers/class-wxr-parser-simplexml.php` (what each field's text is)
and `class-wp-import.php` (`process_posts`: each post goes to `wp_insert_post`, each custom
field through `maybe_unserialize`), and from WordPress's `is_serialized`, `maybe_unserialize`,
`utf8_uri_encode`, `sanitize_title_with_dashes` and `wp_insert_post`'s dates. WordPress keeps
a post's title and excerpt, an author's display name and a term's name as HTML: `read_html`
shows what a page built from them shows.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from html.parser import HTMLParser
from io import BytesIO
from typing import Any
from xml.etree import ElementTree as ET

DC = "http://purl.org/dc/elements/1.1/"
CONTENT = "http://purl.org/rss/1.0/modules/content/"
# What the parser falls back to when the document does not declare the prefixes.
WP_1_1 = "http://wordpress.org/export/1.1/"
EXCERPT_1_1 = "http://wordpress.org/export/1.1/excerpt/"
PHP_TRIM = " \t\n\r\0\x0b"


class ImportFailed(Exception):
    """The importer refuses the file, or `wp_insert_post` refuses the post."""


# --- The parser (WXR_Parser_SimpleXML::parse) ------------------------------------------------


@dataclass
class Author:
    login: str
    display_name: str  # HTML, as WordPress keeps it


@dataclass
class Term:
    name: str  # HTML
    slug: str
    domain: str


@dataclass
class Post:
    """One item as the parser hands it to the importer: every value a PHP string or int."""

    post_title: str
    guid: str
    post_author: str
    post_content: str
    post_excerpt: str
    post_id: int
    post_date: str
    post_date_gmt: str
    post_name: str
    status: str
    post_type: str
    terms: list[Term] = field(default_factory=list)
    postmeta: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Export:
    authors: dict[str, Author]
    posts: list[Post]
    version: str


def _string(element: ET.Element | None) -> str:
    """PHP's `(string) $element`: the element's own text nodes, not its children's."""
    if element is None:
        return ""
    return (element.text or "") + "".join(child.tail or "" for child in element)


def _int(text: str) -> int:
    """PHP's `(int) "…"`: the leading digits, else 0."""
    match = re.match(r"\s*[+-]?\d+", text)
    return int(match.group()) if match else 0


def _document_namespaces(document: bytes) -> dict[str, str]:
    """SimpleXML's getDocNamespaces(): the prefixes declared on the root element only."""
    namespaces: dict[str, str] = {}
    for event, value in ET.iterparse(BytesIO(document), events=("start-ns", "start")):
        if event == "start":
            break
        prefix, uri = value
        namespaces[prefix] = uri
    return namespaces


def parse_wxr(document: bytes) -> Export:
    prolog = document.split(b"<rss", 1)[0]
    if b"<!DOCTYPE" in prolog.upper():
        raise ImportFailed("There was an error when reading this WXR file")  # a doctype
    try:
        root = ET.fromstring(document)
    except ET.ParseError as error:
        raise ImportFailed(f"There was an error when reading this WXR file: {error}") from error
    namespaces = _document_namespaces(document)
    if "wp" not in namespaces:  # the XPath '/rss/channel/wp:wxr_version' cannot be asked
        raise ImportFailed("This does not appear to be a WXR file, missing/invalid WXR version")
    declared_wp = namespaces["wp"]
    channel = root.find("channel") if root.tag == "rss" else None
    version = "" if channel is None else _string(channel.find(f"{{{declared_wp}}}wxr_version"))
    if channel is None or not re.fullmatch(r"\d+\.\d+", version.strip(PHP_TRIM)):
        raise ImportFailed("This does not appear to be a WXR file, missing/invalid WXR version")
    wp = f"{{{namespaces.get('wp', WP_1_1)}}}"
    excerpt = f"{{{namespaces.get('excerpt', EXCERPT_1_1)}}}"
    authors = {}
    for element in channel.findall(f"{wp}author"):
        login = _string(element.find(f"{wp}author_login"))
        authors[login] = Author(login, _string(element.find(f"{wp}author_display_name")))
    posts = []
    for item in channel.findall("item"):
        post = Post(
            post_title=_string(item.find("title")),
            guid=_string(item.find("guid")),
            post_author=_string(item.find(f"{{{DC}}}creator")),
            post_content=_string(item.find(f"{{{CONTENT}}}encoded")),
            post_excerpt=_string(item.find(f"{excerpt}encoded")),
            post_id=_int(_string(item.find(f"{wp}post_id"))),
            post_date=_string(item.find(f"{wp}post_date")),
            post_date_gmt=_string(item.find(f"{wp}post_date_gmt")),
            post_name=_string(item.find(f"{wp}post_name")),
            status=_string(item.find(f"{wp}status")),
            post_type=_string(item.find(f"{wp}post_type")),
        )
        for category in item.findall("category"):
            if category.get("nicename") is not None:
                post.terms.append(
                    Term(
                        _string(category), category.get("nicename", ""), category.get("domain", "")
                    )
                )
        for meta in item.findall(f"{wp}postmeta"):
            post.postmeta.append(
                (_string(meta.find(f"{wp}meta_key")), _string(meta.find(f"{wp}meta_value")))
            )
        posts.append(post)
    return Export(authors, posts, version)


# --- Serialized data (wp-includes/functions.php, and PHP's unserialize) ----------------------


def is_serialized(data: str, strict: bool = True) -> bool:
    """WordPress's is_serialized(), byte for byte as PHP sees the string."""
    raw = data.encode().strip(PHP_TRIM.encode())
    if raw == b"N;":
        return True
    if len(raw) < 4 or raw[1:2] != b":":
        return False
    if strict:
        if raw[-1:] not in (b";", b"}"):
            return False
    else:
        semicolon, brace = raw.find(b";"), raw.find(b"}")
        if semicolon == -1 and brace == -1:
            return False
        if semicolon != -1 and semicolon < 3:
            return False
        if brace != -1 and brace < 4:
            return False
    token = raw[:1]
    if token == b"s":
        if strict and raw[-2:-1] != b'"':
            return False
        if not strict and b'"' not in raw:
            return False
    if token in (b"s", b"a", b"O", b"E"):  # E: enums (PHP 8.1)
        return re.match(rb"^" + token + rb":[0-9]+:", raw) is not None
    if token in (b"b", b"i", b"d"):
        end = rb"$" if strict else rb""
        return re.match(rb"^" + token + rb":[0-9.E+-]+;" + end, raw) is not None
    return False


@dataclass(frozen=True)
class PhpObject:
    class_name: str
    properties: dict[Any, Any]


class _Unserializer:
    """PHP's unserialize() for what serialize() writes: N, b, i, d, s, a, O, E."""

    def __init__(self, data: bytes) -> None:
        self.data, self.at = data, 0

    def _until(self, stop: bytes) -> bytes:
        end = self.data.index(stop, self.at)
        value, self.at = self.data[self.at : end], end + len(stop)
        return value

    def _expect(self, text: bytes) -> None:
        if self.data[self.at : self.at + len(text)] != text:
            raise ValueError(f"expected {text!r} at {self.at}")
        self.at += len(text)

    def _string_body(self) -> str:
        length = int(self._until(b":"))
        self._expect(b'"')
        raw = self.data[self.at : self.at + length]
        if len(raw) != length:
            raise ValueError("string shorter than its length")
        self.at += length
        self._expect(b'"')
        return raw.decode()

    def value(self) -> Any:
        token = self.data[self.at : self.at + 2]
        self.at += 2
        if token == b"N;":
            return None
        if token == b"b:":
            flag = self._until(b";")
            if flag not in (b"0", b"1"):
                raise ValueError("not a boolean")
            return flag == b"1"
        if token == b"i:":
            return int(self._until(b";"))
        if token == b"d:":
            return float(self._until(b";"))
        if token == b"s:":
            text = self._string_body()
            self._expect(b";")
            return text
        if token == b"a:":
            return self._members()
        if token == b"O:":
            name = self._string_body()
            self._expect(b":")
            return PhpObject(name, self._members())
        if token == b"E:":
            name = self._string_body()
            self._expect(b";")
            return PhpObject(name, {})
        raise ValueError(f"unknown token {token!r}")

    def _members(self) -> dict[Any, Any]:
        count = int(self._until(b":"))
        self._expect(b"{")
        members = {}
        for _ in range(count):
            key = self.value()
            members[key] = self.value()
        self._expect(b"}")
        return members


def unserialize(data: str) -> Any:
    """PHP's `@unserialize()`: the value, or False when the data does not parse."""
    try:
        return _Unserializer(data.encode()).value()
    except (ValueError, IndexError, UnicodeDecodeError):
        return False


def maybe_unserialize(data: str) -> Any:
    """What the importer passes to add_post_meta(), and so what get_post_meta() returns."""
    if is_serialized(data):
        return unserialize(data.strip(PHP_TRIM))
    return data


# --- Slugs (wp-includes/formatting.php) --------------------------------------------------------


def utf8_uri_encode(text: str, length: int = 0) -> str:
    """Non-ASCII bytes as %xx; with a length, stops before a character that would pass it."""
    encoded, used = [], 0
    for char in text:
        piece = char if ord(char) < 0x80 else "".join(f"%{b:x}" for b in char.encode())
        if length and used + len(piece) > length:
            break
        encoded.append(piece)
        used += len(piece)
    return "".join(encoded)


def sanitize_title(title: str) -> str:
    """sanitize_title_with_dashes() in the 'save' context, as wp_insert_post applies it to
    post_name: HTML stripped, lower case, percent-encoded and cut at 200 bytes, only
    `%a-z0-9_-` kept. (Its lists of typographic punctuation removed in the 'save' context,
    and remove_accents(), are left out: the slugs made here contain neither.)"""
    title = re.sub(r"<[^>]*>", "", title)
    title = re.sub(r"%([a-fA-F0-9]{2})", r"---\1---", title).replace("%", "")
    title = re.sub(r"---([a-fA-F0-9]{2})---", r"%\1", title)
    title = utf8_uri_encode(title.lower(), 200).lower()
    title = re.sub(r"&.+?;", "", title).replace(".", "-")
    title = re.sub(r"[^%a-z0-9 _-]", "", title)
    title = re.sub(r"-+", "-", re.sub(r"\s+", "-", title))
    return title.strip("-")


# --- The post as stored (the importer's process_posts → wp_insert_post) ----------------------


@dataclass
class StoredPost:
    post_title: str
    post_content: str
    post_excerpt: str
    post_name: str
    post_status: str
    post_type: str
    post_date: str
    post_date_gmt: str
    author: Author | None
    terms: list[Term]
    meta: dict[str, Any]  # get_post_meta( $id, $key, true )


def _valid_date(value: str) -> bool:
    """wp_resolve_post_date(): a Y-m-d start that wp_checkdate() accepts."""
    match = re.match(r"^(\d{4})-(\d{1,2})-(\d{1,2})", value)
    if match is None:
        return False
    try:
        datetime(int(match[1]), int(match[2]), int(match[3]))  # a calendar check
    except ValueError:
        return False
    return True


def insert(export: Export, post: Post, now: datetime) -> StoredPost:
    """What wp_insert_post() stores for the parsed post, run by an administrator (who may post
    unfiltered HTML, so no field is cleaned on the way in)."""
    if not _valid_date(post.post_date):
        raise ImportFailed(f"Invalid date {post.post_date!r}")
    status = post.status
    gmt = post.post_date_gmt
    try:  # MySQL's DATETIME takes it as it is, or not at all
        published_gmt = datetime.strptime(gmt, "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC)
    except ValueError as error:
        raise ImportFailed(f"Invalid GMT date {gmt!r}") from error
    if status == "publish" and (published_gmt - now).total_seconds() >= 60:
        status = "future"  # a post dated ahead of the clock waits to be published
    title = post.post_title.strip(PHP_TRIM)  # title_save_pre: trim
    meta: dict[str, Any] = {}
    for key, value in post.postmeta:
        meta.setdefault(key, maybe_unserialize(value))
    # sanitize_user( $login, true ), then the mapping the person chose (here: the same login)
    author = export.authors.get(re.sub(r"[^a-z0-9 _.\-@]", "", post.post_author, flags=re.I))
    return StoredPost(
        post_title=title,
        post_content=post.post_content,
        post_excerpt=post.post_excerpt,
        post_name=sanitize_title(post.post_name or title),
        post_status=status,
        post_type=post.post_type,
        post_date=post.post_date,
        post_date_gmt=gmt,
        author=author,
        terms=post.terms,
        meta=meta,
    )


def import_wxr(document: bytes, now: datetime | None = None) -> list[StoredPost]:
    export = parse_wxr(document)
    moment = now or datetime.now(UTC)
    return [insert(export, post, moment) for post in export.posts]


# --- Reading the HTML that WordPress prints ------------------------------------------------


VOID = {"br", "hr", "img", "input", "meta", "link", "wbr", "source", "area", "col", "embed"}


@dataclass
class Node:
    tag: str
    attrs: dict[str, str | None] = field(default_factory=dict)
    children: list["Node | str"] = field(default_factory=list)

    @property
    def text(self) -> str:
        """What a reader sees: the text, character references resolved, no markup."""
        return "".join(c if isinstance(c, str) else c.text for c in self.children)

    def iter(self) -> Iterator["Node"]:
        for child in self.children:
            if isinstance(child, Node):
                yield child
                yield from child.iter()

    def find_all(self, tag: str, **attrs: str) -> list["Node"]:
        return [
            node
            for node in self.iter()
            if node.tag == tag and all(node.attrs.get(k) == v for k, v in attrs.items())
        ]


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#fragment")
        self.open = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, dict(attrs))
        self.open[-1].children.append(node)
        if tag not in VOID:
            self.open.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.open[-1].children.append(Node(tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.open) - 1, 0, -1):
            if self.open[depth].tag == tag:
                del self.open[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.open[-1].children.append(data)


def read_html(fragment: str) -> Node:
    """The fragment as a browser would build it (closely enough for these checks)."""
    builder = _TreeBuilder()
    builder.feed(fragment)
    builder.close()
    return builder.root
