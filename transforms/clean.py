"""Read stage, pure part: bytes to text, and the text split into header, body and clutter.

Offsets matter: every later span points into the decoded text (`sources.text`). Clutter is
never cut out; it is blanked with spaces in a parse copy so the body keeps its offsets.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import re
import unicodedata
from dataclasses import dataclass, field
from html.parser import HTMLParser

from transforms.gates import compile_rule, gate_for, opens

MONTHS: dict[str, int] = {
    m: i
    for i, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for m in names
}

_HEADER = compile_rule(r"\A\s*date[ :]+(\d{4})-(\d{1,2})-(\d{1,2})\b[ \t]*")
_DATELINE = compile_rule(
    r"(?m)^[ \t]*(?P<city>[A-ZÀ-Ý][A-ZÀ-Ý .'\-]{2,40}?)"
    r"(?:,\s*(?P<country>[A-Z][A-Za-z .]{2,30}))?"
    r"(?:,\s*(?P<mon>[A-Z][a-z]{2,8})\.?\s+(?P<day>\d{1,2}))?"
    r"\s*(?:\((?P<agency>[A-Za-z]{2,12})\))?\s*[-\u2013\u2014]+\s+"
)
_SIGNOFFS: dict[str, str] = {
    "REUTERS": "Reuters",
    "AFP": "AFP",
    "AP": "AP",
    "PA": "PA",
    "DPA": "dpa",
    "XINHUA": "Xinhua",
    "EFE": "EFE",
    "ANSA": "ANSA",
}
_SIGNOFF = compile_rule(r"\(?\b(?P<tag>" + "|".join(_SIGNOFFS) + r")\b\)?(?:\s*\([^)]{0,60}\))?\s*\Z")
_BOILERPLATE = compile_rule(  # a line holding any of these is clutter: found by its words, then widened to the line
    r"(?im)(?:sign up (?:now|here|for)|subscribe (?:now|to)|newsletter|get the biggest sports news"
    r"|follow us on|click here|read more:|also worth reading|advertisement\s*$|download the app"
    r"|\bcookies?\b policy|share this (?:article|story)|image caption|getty images|\| [^|\n]*/(?:afp|reuters|ap|"
    r"getty)[^\n]*)"
)
_NOT_NEWLINE = compile_rule(r"[^\n]")
_BOILERPLATE_GATE = gate_for(_BOILERPLATE)  # most articles have none of its words: one look, no scan
_CONTROL = compile_rule(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")  # category Cc but tab, newlines and form feed
_PUBLISHER_HINTS: tuple[tuple[str, str], ...] = (
    ("reuters", "Reuters"),
    ("(ap)", "AP"),
    ("associated press", "AP"),
    ("afp", "AFP"),
    ("bbc", "BBC"),
)


@dataclass(slots=True)
class Article:
    """One decoded article, with the spans of its parts in `text`."""

    file_name: str
    text: str
    content_sha256: str
    source_id: str
    encoding: str
    published_date: dt.date | None = None
    publisher: str | None = None
    header_end: int = 0
    dateline: tuple[int, int] | None = None
    signoff: tuple[int, int] | None = None
    clutter: list[tuple[int, int]] = field(default_factory=list)
    header_problem: str | None = None
    notes: list[str] = field(default_factory=list)  # what decoding changed: NUL bytes, HTML markup

    @property
    def body(self) -> str:
        """The text with header, dateline, sign-off and boilerplate blanked: offsets unchanged."""
        text = self.text
        spans = sorted([(0, self.header_end), *self.clutter, *(s for s in (self.dateline, self.signoff) if s)])
        pieces: list[str] = []
        pos = 0
        for start, end in spans:
            start = max(start, pos)
            if end > start:
                pieces += [text[pos:start], _NOT_NEWLINE.sub(" ", text[start:end])]
                pos = end
        return "".join(pieces) + text[pos:] if pieces else text

    @property
    def n_words(self) -> int:
        return len(re.findall(r"\w+", self.body))


class UnreadableArticle(ValueError):
    """Bytes that are not an article: the reason goes to quarantine."""


_BOMS = (  # longest first: the UTF-32 little-endian mark starts with UTF-16's
    (b"\xff\xfe\x00\x00", "utf-32-le", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32-be", "utf-32"),
    (b"\xff\xfe", "utf-16-le", "utf-16"),
    (b"\xfe\xff", "utf-16-be", "utf-16"),
)
MAX_NUL_SHARE = 0.01  # of the first 4 KB (and at least two): a stray NUL is text saved badly; more is binary


def decode_article(raw: bytes) -> tuple[str, str]:
    """UTF-16/32 by their byte-order mark; else UTF-8; else cp1252 (what old news feeds use); latin-1 as the
    lossless last resort. Returns the text and the encoding; see `decode_with_notes` for what was changed."""
    text, encoding, _ = decode_with_notes(raw)
    return text, encoding


def decode_with_notes(raw: bytes) -> tuple[str, str, list[str]]:
    """Bytes to the stored text, with notes on what decoding changed (NULs blanked, HTML markup stripped)."""
    if not raw.strip():
        raise UnreadableArticle("empty file")
    text, encoding = _decode_bom(raw) or _decode_plain(raw)
    notes = []
    if "\x00" in text:  # a stray NUL (the share was checked): a space, so the text reads on
        notes.append(f"{text.count(chr(0))} NUL character(s) replaced by spaces")
        text = text.replace("\x00", " ")
    controls = len(_CONTROL.findall(text, 0, 4096))
    if controls > 0.01 * min(len(text), 4096):
        raise UnreadableArticle("binary file (control characters)")
    if looks_like_html(text):
        text = html_to_text(text)
        notes.append("HTML page: markup stripped, text kept")
    elif "&" in text:
        text = html.unescape(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    if not text.strip():
        raise UnreadableArticle("empty file (no text once the markup is stripped)")
    return unicodedata.normalize("NFC", text), encoding, notes


def _decode_bom(raw: bytes) -> tuple[str, str] | None:
    """Text that says how it is encoded with a byte-order mark (Windows tools save UTF-16 so)."""
    for bom, codec, name in _BOMS:
        if raw.startswith(bom):
            try:
                return raw[len(bom) :].decode(codec), name
            except UnicodeDecodeError:
                return None
    return None


def _decode_plain(raw: bytes) -> tuple[str, str]:
    """UTF-8 (a BOM allowed), cp1252, latin-1; refused as binary when NULs are more than a stray few."""
    head = raw[:4096]
    if head.count(0) > max(2, MAX_NUL_SHARE * len(head)):
        raise UnreadableArticle("binary file (NUL bytes)")
    for encoding in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            return raw.decode(encoding), encoding.replace("-sig", "")
        except UnicodeDecodeError:
            continue
    raise AssertionError("latin-1 decodes any bytes")  # pragma: no cover


_HTML_START = re.compile(r"\A\s*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])", re.I)
_HTML_TAG = re.compile(
    r"</?(?:p|div|br|span|a|h[1-6]|li|ul|ol|article|section|strong|em|b|i|table|td|tr)\b[^<>]*>", re.I
)


def looks_like_html(text: str) -> bool:
    """A web page saved as the article: a document start, or tags all through the first part of the text."""
    head = text[:20000]
    return bool(_HTML_START.match(head)) or len(_HTML_TAG.findall(head)) >= 4


_BLOCK_TAGS = frozenset(
    {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "article", "section", "header"}
    | {"blockquote", "figure", "figcaption", "pre", "dl", "main", "hr"}
)
_LINE_TAGS = frozenset(("br", "li", "tr", "dt", "dd"))
_SKIPPED_TAGS = frozenset(
    ("script", "style", "noscript", "template", "svg", "nav", "footer", "aside", "form", "iframe")
)


class _TextOfPage(HTMLParser):
    """The words of a page a reader reads: blocks become paragraphs, scripts, styles and navigation go.

    The page's <title> is used only when the page has no <h1>: it is the headline then.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: list[str] = []
        self.skipping = 0
        self.in_title = False
        self.has_h1 = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED_TAGS:
            self.skipping += 1
        elif tag == "title":
            self.in_title = True
        elif tag in _BLOCK_TAGS or tag in _LINE_TAGS:
            self.has_h1 |= tag == "h1"
            self.parts.append("\n" if tag in _LINE_TAGS else "\n\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _LINE_TAGS or tag == "hr":
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED_TAGS:
            self.skipping = max(0, self.skipping - 1)
        elif tag == "title":
            self.in_title = False
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        elif not self.skipping:
            self.parts.append(re.sub(r"\s+", " ", data))


def html_to_text(page: str) -> str:
    """A page's readable text (stdlib `html.parser`: tolerant of broken markup), paragraphs kept."""
    reader = _TextOfPage()
    reader.feed(page)
    reader.close()
    body = "".join(reader.parts)
    if not reader.has_h1 and "".join(reader.title).strip():
        body = re.sub(r"\s+", " ", "".join(reader.title)).strip() + "\n\n" + body
    lines = [line.strip() for line in body.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"


def content_id(text: str) -> str:
    """Source id from normalised content, so a re-saved copy of an article is the same source."""
    norm = re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip().lower()
    return "src_" + hashlib.sha256(norm.encode()).hexdigest()[:16]


def read_header(text: str) -> tuple[dt.date | None, int, str | None]:
    """The ` date YYYY-MM-DD` header some feeds put on the first line: date, where it ends, problem."""
    m = _HEADER.match(text)
    if not m:
        return None, 0, None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3])), m.end(), None
    except ValueError:
        return None, m.end(), f"impossible header date {m[1]}-{m[2]}-{m[3]}"


def find_dateline(text: str, start: int) -> tuple[tuple[int, int] | None, str | None, tuple[int, int] | None]:
    """`MADRID, Feb 1 -` or `SÃO PAULO (AP) -` within the first paragraphs: span, agency, (month, day)."""
    for m in _DATELINE.finditer(text, start, min(len(text), start + 1500)):
        city = m["city"].strip()
        if not (city.isupper() and len(city) >= 3) or m["city"].strip() in _SIGNOFFS:
            continue
        month_day = None
        if m["mon"] and m["mon"].lower().rstrip(".") in MONTHS:
            month_day = (MONTHS[m["mon"].lower().rstrip(".")], int(m["day"]))
        return (m.start("city"), m.end()), m["agency"], month_day
    return None, None, None


def find_signoff(text: str) -> tuple[tuple[int, int] | None, str | None]:
    """A trailing agency tag (`... home fans. REUTERS`)."""
    tail_start = max(0, len(text) - 120)
    m = _SIGNOFF.search(text, tail_start)
    if not m:
        return None, None
    return (m.start(), m.end()), _SIGNOFFS[m["tag"]]


def find_clutter(text: str) -> list[tuple[int, int]]:
    """Newsletter prompts, photo credits, link lists: lines a reader skips."""
    lines: list[tuple[int, int]] = []
    if not opens(_BOILERPLATE_GATE, text.lower()):
        return lines
    for m in _BOILERPLATE.finditer(text):
        start = text.rfind("\n", 0, m.start()) + 1
        end = text.find("\n", m.end())
        line = (start, len(text) if end < 0 else end)
        if not lines or lines[-1] != line:
            lines.append(line)
    return lines


def guess_publisher(text: str, agency: str | None, signoff: str | None) -> str | None:
    """Only what the text says: a sign-off, a dateline agency, or an outlet it names as its own."""
    if signoff:
        return signoff
    if agency:
        return _SIGNOFFS.get(agency.upper(), agency)
    head = text[:300].lower()
    for hint, name in _PUBLISHER_HINTS:
        if hint in head:
            return name
    return None


def resolve_published_date(header: dt.date | None, month_day: tuple[int, int] | None) -> dt.date | None:
    """Header date wins; a dateline month/day needs a year, which only a header gives."""
    return header


def read_article(file_name: str, raw: bytes) -> Article:
    """Decode and split one article. Raises UnreadableArticle for bytes that are no article."""
    text, encoding, notes = decode_with_notes(raw)
    header_date, header_end, problem = read_header(text)
    dateline, agency, month_day = find_dateline(text, header_end)
    signoff, tag = find_signoff(text)
    clutter = find_clutter(text)
    return Article(
        file_name=file_name,
        text=text,
        content_sha256=hashlib.sha256(raw).hexdigest(),
        source_id=content_id(text),
        encoding=encoding,
        published_date=resolve_published_date(header_date, month_day),
        publisher=guess_publisher(text, agency, tag),
        header_end=header_end,
        dateline=dateline,
        signoff=signoff,
        clutter=clutter,
        header_problem=problem,
        notes=notes,
    )


FOOTBALL_WORDS = compile_rule(
    r"\b(?:football|soccer|goals?|scored|striker|midfielder|defender|goalkeeper|keeper|league|cup|match|penalty|"
    r"referee|coach|manager|season|fixtures?|kick-off|transfer|club|squad|stadium|fans|half-time|substitute|"
    r"booked|red card|yellow card|derby|title|relegation|promotion)\b",
    re.I,
)


# Words of the stories a sports feed carries that are not about sport: central banks, markets, the economy.
# Only a story with no match in it is ever weighed by them, and only when they outnumber the football words.
OFF_TOPIC_WORDS = compile_rule(
    r"\b(?:central bank|interest rates?|inflation|basis points|monetary policy|bond yields?|gilt yields?|"
    r"treasury yields?|stock (?:market|exchange)|recession|gdp|gross domestic product|economists?|"
    r"consumer prices|rate (?:cut|hike|rise)s?|bank rate|federal reserve|governor|finance minister|"
    r"budget deficit|unemployment|exchange rate|sterling|currency|bond markets?|equities|investors)\b",
    re.I,
)


def about_football(body: str, team_mentions: int) -> bool:
    """A story with no match in it that names no team and hardly a football word, or whose words are a
    central bank's or a market's more than football's, is not ours (kept out, with the reason)."""
    football = len(FOOTBALL_WORDS.findall(body))
    if len(OFF_TOPIC_WORDS.findall(body)) >= max(3, football + 1):
        return False
    return team_mentions > 0 or football >= 3


def off_topic_reason(body: str) -> str:
    """Why `about_football` kept a story out, for its quarantine row."""
    off = sorted({m.lower() for m in OFF_TOPIC_WORDS.findall(body)})
    if len(off) >= 3:
        return f"not about football (no match; reads as economic news: {', '.join(off[:4])})"
    return "not about football (no team, no football words)"
