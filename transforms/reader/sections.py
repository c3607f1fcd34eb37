"""Sections pass: lines, paragraphs, prose sentences, team sheets, score headings and live-text clocks.

A report is not one flow of prose. It opens with a headline, often a score line standing as a
heading ("Raith Rovers 3-1 Motherwell", "Liverpool (2) 3 (Varga 32, 51)", "Match ends, Ajax 3, PSV
1."), carries line-ups and summaries in lists, and in live text every line starts with its own clock
("83' Substitution, ..."). This pass finds those shapes; later passes read the prose between them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from transforms.minutes import MinuteMention, clock
from transforms.reader import blocks
from transforms.reader.doc import Doc, line_spans, mask
from transforms.reader.lexicon import Lexicon, alternation
from transforms.sentences import split_sentences
from transforms.team_sheets import read_team_sheets


@dataclass(slots=True)
class Heading:
    """A score printed as a line of its own: two team names as written and their goals, home first."""

    start: int
    end: int
    first: tuple[int, int]  # span of the first team's name
    second: tuple[int, int]
    goals: tuple[int, int]
    rule: str
    kind: str = "final"  # final | running | half_time
    scorers: tuple[tuple[int, int] | None, tuple[int, int] | None] = (None, None)  # bracketed scorer lists


def read(doc: Doc) -> None:
    """Fill the document's lines, sheets, sentences, paragraphs, headline, headings and line clocks."""
    text = doc.text
    doc.lines = split_wire_lines(text, line_spans(text))
    doc.sheets = read_team_sheets(text)
    sheet_spans = [(s.char_start, s.char_end) for s in doc.sheets]
    doc.sheets += blocks.read(text, doc.lines, sheet_spans)
    sheet_spans = [(s.char_start, s.char_end) for s in doc.sheets]
    doc.headings = score_headings(text, doc.lines, doc.lex)
    heading_spans = [(h.start, h.end) for h in doc.headings]
    soft = unwrap(mask(text, heading_spans), paragraphs(text))
    prose = split_sentences(soft)
    joins = [m.start() for m in _NEWLINE.finditer(text) if soft[m.start()] == " "] if soft is not text else []
    if joins:  # a name wrapped over two lines ('Jacob\nGregory (34)') reads as one in every pass
        chars = list(text)
        for k in joins:
            chars[k] = " "
        text = doc.text = "".join(chars)
    doc.sentences = [(a, b) for a, b in prose if not any(sa <= a < se for sa, se in sheet_spans)]
    doc.paragraphs = paragraphs(text)
    doc.headline = doc.lines[0] if doc.lines else (0, 0)
    doc.extra_time = bool(EXTRA_TIME.search(text))
    doc.line_minutes = line_clocks(text, doc.lines, doc.extra_time)


_NEWLINE = re.compile("\n")
EXTRA_TIME = re.compile(r"\bextra[- ]time\b|\ba\.e\.t\b|\bovertime\b|\bgolden goal\b", re.I)
_PARAGRAPH = re.compile(r"\n[ \t]*\n")


def unwrap(text: str, paras: list[tuple[int, int]]) -> str:
    """Wire copy wrapped at a fixed width ('... sent off in a 3-0 defeat at\nFiorentina in Serie A'): inside
    such a paragraph a line break is a space, so a sentence is not cut in two (offsets kept)."""
    chars = None
    for a, b in paras:
        lines = text[a:b].split("\n")
        if len(lines) < 3:
            continue
        body = lines[:-1]
        long = [ln for ln in body if 40 <= len(ln.strip()) <= 90]
        open_ended = [ln for ln in body if ln.rstrip() and ln.rstrip()[-1] not in '.!?:"”']
        trailing = [ln for ln in open_ended if ln.endswith((" ", "\t"))]  # '... a three-goal lead through \n'
        if (len(long) >= 0.5 * len(body) or len(trailing) >= 0.5 * len(body)) and len(open_ended) >= 0.5 * len(body):
            chars = chars or list(text)
            pos = a
            for ln, nxt in zip(lines[:-1], lines[1:], strict=True):
                pos += len(ln)
                bullet = re.match(r"\s*(?:[*•\-–]|\d+[.)]\s)", nxt) or re.match(r"\s*[*•]", ln)
                if (
                    ln.rstrip()
                    and ln.rstrip()[-1] not in ".!?"
                    and not bullet
                    and nxt.strip()
                    and not nxt.strip().isupper()
                ):
                    chars[pos] = " "
                pos += 1
    return "".join(chars) if chars else text


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Blocks between blank lines (a wire story's paragraphs; a line each where there are no blanks)."""
    out, pos = [], 0
    for m in _PARAGRAPH.finditer(text):
        if text[pos : m.start()].strip():
            out.append((pos, m.start()))
        pos = m.end()
    if text[pos:].strip():
        out.append((pos, len(text)))
    return out


# ---- score headings -------------------------------------------------------------------------------

_WORD = r"[A-ZÀ-Ý0-9][\w'’.&\-]*"
_LINK = r"(?:de|del|da|do|dos|of|and|&|y|la|le|van|am|upon|on|the|F\.)"
TEAM_LIKE = re.compile(rf"(?:The\s+)?{_WORD}(?:[ \t]+(?:{_WORD}|{_LINK}))*")
_CODE = re.compile(r"\s*\((?:[A-Z]{2,3}|\d{1,2}|[HAN])\)\s*$")  # "Barcelona (ESP)", "Liverpool (2)"
_COLLEGE_LABEL = (
    r"(?:[A-Z][\w'’]*(?:[ \t]+[A-Z][\w'’]*){0,3}[ \t]+)?\d{1,2}/\d{1,2}(?:/\d{2,4})?[ \t]+(?:--|[-–—])[ \t]+"
)
_WINNER_FIRST = re.compile(_COLLEGE_LABEL)  # US college results lead with the winner, wherever it played
_PREFIX = re.compile(
    r"(?:(?:FT|HT|AET|FULL[- ]TIME|Full[- ]time(?: score| result)?|Final(?: score| result)?|Result|Report|"
    r"Half[- ]time(?: score)?|Match ends|Second Half ends|First Half ends|GOAL!*|Goal!*|Live)\b[:,.!\-–]*\s*)+"
    r"|" + _COLLEGE_LABEL +  # "Men's Soccer 9/26/01 -- ": a college page's label and date
    r"|\d{1,2}/\d{1,2}\s+|\d{4}:\s*(?:(?:FT|FULL[- ]TIME|Full[- ]time)\b[:,.!\-–]*\s*)?"
    r"|\d{1,3}(?:\s*\+\s*\d{1,2})?['’′]\s*"
    r"|(?:No\.\s?|#)\d{1,2}\s+(?=[A-ZÀ-Ý])",  # a ranking before a college side: 'No. 4 Northbrook 2, Eastwick 1'
)
_KIND_OF_PREFIX = (
    (re.compile(r"(?:GOAL|Goal)\b"), "running"),
    (re.compile(r"(?:HT|Half[- ]time|First Half ends)\b", re.I), "half_time"),
)
_SUFFIX_TAIL = (
    r"\s*(?::\s|:$|\s[-–—|]\s|\s*\||\s+(?:as it happened|live)\b|\.$|"
    r"\s*\((?:Final|FT|AET|aet|a\.e\.t\.|pens?|OT|SO|HT)\b[^()\n]*\)).*$"
)
_SUFFIX = re.compile(r"\s+(?:[A-Z]{2,}\b[\s:]*){2,}.*$|" + _SUFFIX_TAIL)  # 'Eastwick LIVE REPORT'
_SUFFIX_ALL_CAPS = re.compile(_SUFFIX_TAIL)  # 'EASTWICK HILL TOWN': in an all-caps line the capitals are the name
_DASH_SCORE = re.compile(r"(?<![\d.:/])(\d{1,2})\s?[-–—]\s?(\d{1,2})(?![\d.:/-])")
_SPACED_SCORES = re.compile(
    r"^(?P<a>.+?)\s*(?<![\d-])(?!0\d)(?P<s1>\d{1,2})(?:\s*[-–,]\s+|\s+|(?=[A-Z]))(?P<b>\D.*?)\s*(?<![\d-])(?!0\d)"
    r"(?P<s2>\d{1,2})(?P<rest>\b.*)?$"
)  # 'A 2 B 1', 'A 1 - B 1', 'A 2, B 1', 'A1B1'; never '04' ('Bayer 04 Leverkusen', 'Mainz 05': a club's year)
_VERSUS_SCORE = re.compile(
    r"(?P<a>[^\n]+?)\s+(?:v|vs\.?|versus)\s+(?P<b>[^\n]+?)\s*[-–:,]\s*(?P<s1>\d{1,2})\s?[-–]\s?(?P<s2>\d{1,2})\s*$"
)
_OPTA_LINE = re.compile(
    r"(?P<t>[^\n(]+?)\s*\((?P<ht>\d{1,2})\)\s*(?P<n>\d{1,2})\s+(?=(?:Scorers?|Goals?|Yellow cards?|Red cards?|Subs used|"
    r"Missed penalty|Sent off)\s*:)"
)
_WIRE_HEAD = re.compile(
    r"(?<![\w(])(?:[A-ZÀ-Ý][\w.'’&-]*[ \t]+){0,4}[A-ZÀ-Ý][\w.'’&-]*[ \t]*\(\d{1,2}\)[ \t]*\d{1,2}[ \t]+"
    r"(?=(?:Scorers?|Goals?|Yellow cards?|Red cards?|Subs used|Missed penalty|Sent off)[ \t]*:)"
)
_WIRE_BREAK = re.compile(r"[ \t]*(?:\.{5,}|(?=Attendance[ \t]*:)|(?=Referee[ \t]*:))[ \t]*")


def split_wire_lines(text: str, lines: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Wire summaries of several matches run on in one line ('Home (0) 2 Scorers: ... Away (1) 1 Scorers:
    ... Attendance: ... Referee: ... ..... Next (1) 3 ...'): each side's part becomes a line of its own,
    as the summaries and headings expect; every other line is left whole."""
    out: list[tuple[int, int]] = []
    for s, e in lines:
        heads = [m.start() for m in _WIRE_HEAD.finditer(text, s, e)] if "(" in text[s:e] else []
        if len(heads) < 3:  # one match's two sides on a line is the one-line wire heading's shape
            out.append((s, e))
            continue
        cuts = sorted({s, *heads, *(m.start() for m in _WIRE_BREAK.finditer(text, s, e) if m.group())})
        for a, b in zip(cuts, [*cuts[1:], e], strict=True):
            a2 = a + len(text[a:b]) - len(text[a:b].lstrip(" .\t"))
            b2 = a2 + len(text[a2:b].rstrip(" .\t"))
            if b2 > a2:
                out.append((a2, b2))
    return out


_LIVE_SCORES = re.compile(r"(?P<a>[^,]+?),?\s+(?P<s1>\d{1,2}),\s+(?P<b>[^,.]+?),?\s+(?P<s2>\d{1,2})\b\.?")
_BRACKETED = re.compile(r"\(((?:[^()]|\([^()]*\))*)\)")
_TWO_LINE = re.compile(
    r"(?P<t>.+?)\s*(?:\((?P<ht>\d{1,2})\)\s*)?(?<![\d-])(?P<n>\d{1,2})\s*(?P<sc>\((?:[^()]|\([^()]*\))*\))?\s*$"
)
_NOT_TEAMS = frozenset(
    {"FT", "HT", "Finished", "Full time", "Full-time", "Half time", "Report", "Live", "Preview", "Result", "Results"}
)
LABEL_WORDS = frozenset(  # words of headings and summaries that are no team's name
    {"League", "Round", "Review", "Week", "Matchday", "Gameweek", "Group", "Division", "Table", "Standings", "Scorers",
     "Scorer", "Goals", "Subs", "Cards", "Card", "Yellow", "Red", "Preview", "Results", "Fixtures", "Highlights",
     "Minute", "Minutes", "Score", "Summary", "Attendance", "Referee", "Season", "Date", "Time", "Kick-off", "LIVE",
     "Live", "Report", "Stats", "Ratings", "Lineups", "Line-ups"}
)  # fmt: skip


def team_like(s: str) -> bool:
    """A short capitalised run that could be a team's name ('Mainz 05', 'The New Saints', 'Inverness CT')."""
    s = s.strip()
    if not 2 <= len(s) <= 45 or s in _NOT_TEAMS or not s[0].isupper():
        return False
    if not TEAM_LIKE.fullmatch(s):
        return False
    words = s.split()
    if LABEL_WORDS & set(words):
        return False
    return (len(words) <= 5 and not all(w.isdigit() for w in words) and not words[-1].isdigit()) or _club_number(words)


def _club_number(words: list[str]) -> bool:
    """'Mainz 05', 'Schalke 04', 'Hannover 96': a club's founding year in its name."""
    return len(words) >= 2 and len(words[-1]) == 2 and words[-1].isdigit() and not words[-2].isdigit()


def _trim_side(text: str, start: int, end: int, left: bool) -> tuple[int, int] | None:
    """A heading side stripped of prefixes, suffixes and country codes; None unless it looks like a team."""
    side = text[start:end]
    if left:
        m = _PREFIX.match(side)
        if m:
            start += m.end()
            side = side[m.end() :]
    else:
        m = (_SUFFIX_ALL_CAPS if side.isupper() else _SUFFIX).search(side)
        if m:
            end -= len(side) - m.start()
            side = side[: m.start()]
    m = _CODE.search(side)
    if m:
        end -= len(side) - m.start()
        side = side[: m.start()]
    lead = len(side) - len(side.lstrip())
    start, end = start + lead, end - (len(side.rstrip()) and len(side) - len(side.rstrip()))
    return (start, end) if team_like(text[start:end]) else None


def _prefix_kind(text: str, start: int) -> str:
    for rx, kind in _KIND_OF_PREFIX:
        if rx.match(text, start):
            return kind
    return "final"


def score_headings(text: str, lines: list[tuple[int, int]], lex: Lexicon | None = None) -> list[Heading]:
    """Every score line standing alone, in four shapes: 'A 2-1 B', 'A 2 B 1', 'Match ends, A 2, B 1.',
    two lines 'A (1) 2 (Scorer 10)' / 'B (0) 1', and a score box (team lines around a lone '2 - 1')."""
    out: list[Heading] = []
    taken: set[int] = set()
    for k, (s, e) in enumerate(lines):
        if e - s > 300:
            continue
        if not _DIGIT.search(text, s, e) and not (k + 1 < len(lines) and _DIGIT.search(text, *lines[k + 1])):
            continue  # a score heading holds a number (or the line under it does)
        listed = _results_list(text, s, e)
        if listed:  # 'Group C: A 3-1 B, C 1-3 D': every result of the line
            out += [h for h in listed if h.start not in taken]
            taken.update(h.start for h in listed)
            continue
        label = None if _PREFIX.match(text, s, e) else _COMPETITION_LABEL.match(text, s, e)  # 'Premier League: A 2 B 1'
        h = (label and _one_line_heading(text, label.end(), e)) or _one_line_heading(text, s, e)
        h = h or (_verb_heading(text, s, e, lex) if k < 8 and lex else None)
        if h is None and k >= 1:
            h = _result_under_pair(text, lines, k)
        if h is None and k + 1 < len(lines):
            h = _opta_heading(text, (s, e), lines[k + 1]) or _two_line_heading(text, (s, e), lines[k + 1])
        if h is not None and _WINNER_FIRST.match(text, s):
            h = replace(h, rule="heading_winner_first")
        if h is not None and h.start not in taken:
            out.append(h)
            taken.add(h.start)
    boxes = _score_boxes(text, lines) + _line_scores(text, lines) + _scorer_boxes(text, lines)
    out += [h for h in boxes if h.start not in taken]
    return sorted(out, key=lambda h: h.start)


_LIST_LABEL = re.compile(r"[A-Z][\w .'’-]{0,30}?:\s+")  # 'Group C: ', 'Results: ', 'Game 1: '
_LIST_CUT = re.compile(r"\s*[;,]\s+(?=[A-ZÀ-Ý])|\s+[|•]\s+")


def _results_list(text: str, s: int, e: int) -> list[Heading]:
    """A line of results: an optional label, then 'A 2-1 B' pieces cut by commas, semicolons or bars.
    Every piece must read as a result (one that does not, and the line is prose); a lone piece after a
    label ('Game 1: A 2-1 B') is one heading."""
    known = _PREFIX.match(text, s, e)
    label = None if known and known.end() > s else _LIST_LABEL.match(text, s, e)  # 'HT: ...' keeps its kind
    start = label.end() if label else s
    cuts = list(_LIST_CUT.finditer(text, start, e))
    if not cuts and not label:
        return []
    pieces, at = [], start
    for c in [*cuts, None]:
        end = c.start() if c else e
        h = _dash_heading(text, at, end)
        if h is None or len(_DASH_SCORE.findall(text, at, end)) != 1:
            return []
        pieces.append(h)
        at = c.end() if c else e
    return pieces


_HALF_TIME_AFTER = re.compile(r"\(\s*\d{1,2}\s?[-–:]\s?\d{1,2}\s*\)")


_COLON_SCORE = re.compile(  # 'Northbrook 1:2 Eastwick': never a time ('7:45', '20:00', '3:15 pm')
    r"(?<![\d.:/])(1[0-5]|\d)\s?:\s?(1[0-5]|\d)(?![\d.:/-]|\s*(?:[ap]\.?m\b|h\b|CET|GMT|BST|ET\b|local))"
)


def _dash_heading(text: str, s: int, e: int) -> Heading | None:
    line = text[s:e]
    scores = list(_DASH_SCORE.finditer(line)) or (list(_COLON_SCORE.finditer(line)) if ":" in line else [])
    for m in scores:
        a = _trim_side(text, s, s + m.start(), left=True)
        b = _trim_side(text, s + m.end(), e, left=False)
        if a and b:
            return Heading(s, e, a, b, (int(m[1]), int(m[2])), "heading_dash", _prefix_kind(text, s))
        rest = text[s + m.end() : e].strip(" .:")
        if not rest or _HALF_TIME_AFTER.fullmatch(rest):  # 'Atalanta-Napoli 0-1', 'A – B 2-2 (0-1)': a dashed pair
            pair = re.fullmatch(
                r"(?P<a>[A-ZÀ-Ý][^-–]{1,30}?)\s?[-–]\s?(?P<b>[A-ZÀ-Ý][^-–]{1,30}?)\s*", line[: m.start()]
            )
            if pair:
                a = _trim_side(text, s + pair.start("a"), s + pair.end("a"), left=True)
                b = _trim_side(text, s + pair.start("b"), s + pair.end("b"), left=False)
                if a and b:
                    return Heading(s, e, a, b, (int(m[1]), int(m[2])), "heading_pair", _prefix_kind(text, s))
    return None


_RESULT_LINE = re.compile(
    r"(?i:final\s+(?:result|score)|full[- ]time(?:\s+score)?|result|FT)\s*:?\s*"
    r"(?P<s1>\d{1,2})\s?[-–:]\s?(?P<s2>\d{1,2})\s*\.?"
)
_PAIR_LINE = re.compile(r"(?P<a>[A-ZÀ-Ý][^\n]{1,40}?)\s+(?:v|vs\.?|versus|[-–])\s+(?P<b>[A-ZÀ-Ý][^\n]{1,40}?)\s*")


def _result_under_pair(text: str, lines: list[tuple[int, int]], k: int) -> Heading | None:
    """'Northbrook vs. Eastwick' and, a line or two below, 'Final result: 1:2': the pair's score."""
    m = _RESULT_LINE.fullmatch(text, *lines[k])
    if not m:
        return None
    for j in range(k - 1, max(-1, k - 3), -1):
        pair = _PAIR_LINE.fullmatch(text, *lines[j])
        if pair:
            a = _trim_side(text, *pair.span("a"), left=True)
            b = _trim_side(text, *pair.span("b"), left=False)
            if a and b:
                return Heading(lines[j][0], lines[k][1], a, b, (int(m["s1"]), int(m["s2"])), "heading_versus", "final")
    return None


def _versus_heading(text: str, s: int, e: int) -> Heading | None:
    """'Orlando Pride vs. Angel City FC - 1-1' (a date or weekday may stand before): home side first."""
    m = _VERSUS_SCORE.match(text, s, e)
    if not m:
        return None
    a0 = m.start("a")
    date = re.match(
        r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+)?",
        text[a0 : m.end("a")],
    )
    a = _trim_side(text, a0 + (date.end() if date else 0), m.end("a"), left=True)
    b = _trim_side(text, m.start("b"), m.end("b"), left=False)
    if not (a and b):
        return None
    return Heading(s, e, a, b, (int(m["s1"]), int(m["s2"])), "heading_versus", "final")


def _opta_heading(text: str, first: tuple[int, int], second: tuple[int, int]) -> Heading | None:
    """A wire summary's two lines, 'Home (1) 2 Scorers: ...' over 'Away (0) 1 Scorers: ...'."""
    m1 = _OPTA_LINE.match(text, *first)
    m2 = _OPTA_LINE.match(text, *second) if m1 else None
    if not (m1 and m2):
        return None
    a = _trim_side(text, *m1.span("t"), left=True)
    b = _trim_side(text, *m2.span("t"), left=True)
    if not (a and b):
        return None
    return Heading(first[0], second[1], a, b, (int(m1["n"]), int(m2["n"])), "heading_summary", "final")


def _both_sides(text: str, a: tuple[int, int], b: tuple[int, int]) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """Both team sides of a heading, trimmed, or None when either is empty."""
    first, second = _trim_side(text, *a, left=False), _trim_side(text, *b, left=False)
    return (first, second) if first and second else None


def _live_heading(text: str, s: int, e: int) -> Heading | None:
    """'Match ends, Guadalajara 1, América 0.' and 'Goal! Lyon 1, Nantes 2.'"""
    pre = _PREFIX.match(text, s, e)
    if not pre or "," not in text[s:e]:
        return None
    m = _LIVE_SCORES.match(text, pre.end(), e)
    if not m:
        return None
    sides = _both_sides(text, m.span("a"), m.span("b"))
    if sides is None:
        return None
    a, b = sides
    return Heading(s, e, a, b, (int(m["s1"]), int(m["s2"])), "heading_live", _prefix_kind(text, s))


_BRACKET_SCORES = re.compile(  # 'NORTHBROOK FC (2), EASTWICK FC (1)'; 'Northbrook (1) 2 – 1 (0) Eastwick'
    r"(?P<a>[^()\n\d]+?)\s*\((?P<s1>\d{1,2})\)\s*[,–—-]?\s*(?P<b>[^()\n\d]+?)\s*\((?P<s2>\d{1,2})\)\s*[.!]?"
    r"|(?P<a2>[^()\n\d]+?)\s*\(\d{1,2}\)\s*(?P<f1>\d{1,2})\s*[-–—]\s*(?P<f2>\d{1,2})\s*\(\d{1,2}\)\s*(?P<b2>[^()\n\d]+?)\s*[.!]?"
)


def _bracket_heading(text: str, s: int, e: int) -> Heading | None:
    """Scores in brackets after each side ('A (2), B (1)'), or half-time scores in brackets around the
    final one ('A (1) 2 – 1 (0) B')."""
    if e - s > HEADING_LINE_MAX:
        return None
    m = _BRACKET_SCORES.fullmatch(text, s, e)
    if not m:
        return None
    ga, gb = ("a", "b") if m["a"] else ("a2", "b2")
    goals = (int(m["s1"]), int(m["s2"])) if m["a"] else (int(m["f1"]), int(m["f2"]))
    sides = _both_sides(text, m.span(ga), m.span(gb))
    if sides is None:
        return None
    return Heading(s, e, sides[0], sides[1], goals, "heading_bracket", _prefix_kind(text, s))


_SCORERS_AFTER_GOALS = re.compile(  # 'Northbrook 1 (Varga 7) Eastwick 2 (Olsen 12, 90)', square brackets too
    r"(?P<a>[^\d()\[\]\n]+?)\s*(?P<s1>\d{1,2})\s*(?:[(\[](?P<l1>[^()\[\]\n]*[A-Za-zÀ-ÿ][^()\[\]\n]*)[)\]])?\s*"
    r"(?P<b>[^\d()\[\]\n]+?)\s*(?P<s2>\d{1,2})\s*(?:[(\[](?P<l2>[^()\[\]\n]*[A-Za-zÀ-ÿ][^()\[\]\n]*)[)\]])?\s*[.!]?"
)


def _scorers_heading(text: str, s: int, e: int) -> Heading | None:
    """A score line with each side's scorers in brackets after its goals: 'Northbrook 1 (Varga 7)
    Eastwick 2 (Olsen 12, 90)'; a side with no goal has no list. At least one list must be there."""
    if e - s > HEADING_LINE_MAX or ("(" not in text[s:e] and "[" not in text[s:e]):
        return None
    m = _SCORERS_AFTER_GOALS.fullmatch(text, s, e)
    if not m or not (m["l1"] or m["l2"]):
        return None
    sides = _both_sides(text, m.span("a"), m.span("b"))
    if sides is None:
        return None
    scorers = tuple(m.span(g) if m[g] else None for g in ("l1", "l2"))
    goals = (int(m["s1"]), int(m["s2"]))
    if scorers[0] is None and goals == (goals[0], 0) and goals[0] > 0:
        scorers = (scorers[1], None)  # 'A 3 B 0 (Varga 17, Olsen 40, Berg 75)': one list at the end, the winners
    return Heading(s, e, sides[0], sides[1], goals, "heading_scorers", _prefix_kind(text, s), scorers)  # type: ignore[arg-type]


@lru_cache(maxsize=4)
def _headline_verbs(lex: Lexicon) -> tuple[re.Pattern[str], dict[str, str]]:
    rows = [r for r in lex.rows("result_words") if r["kind"] == "verb" and r["outcome"] in ("win", "lose", "draw")]
    side = r"[A-ZÀ-Ý][\w.'’&-]*(?:[ \t]+(?:of[ \t]+|de[ \t]+)?[A-ZÀ-Ý][\w.'’&-]*){0,4}?"
    rx = re.compile(
        rf"(?P<a>{side})[ \t]+(?P<verb>(?i:{alternation(r['phrase'] for r in rows)}))[ \t]+"
        rf"(?:(?P<prep>(?i:to|at|over|past|by|against|with))[ \t]+)?(?P<b>{side})"
        r"(?:[ \t]+(?i:in|after)[ \t]+(?:(?:Double|2)[ \t]?)?(?i:Overtime|OT|Extra[ \t]Time|Penalties))?,?[ \t]+"
        r"(?P<s1>\d{1,2})[ \t]?[-–][ \t]?(?P<s2>\d{1,2})\b[^\n]*"
    )
    return rx, {r["phrase"].lower(): r["outcome"] for r in rows}


def _verb_heading(text: str, s: int, e: int, lex: Lexicon) -> Heading | None:
    """A title-case headline with its result verb: 'Eastwick Falls to Northbrook, 3-0', 'Falcons Lose at
    Northbrook, 2-1', 'Northbrook Tops Eastwick 2-1'. The score is the winner's first; 'at' names the host,
    else the home side is not told."""
    if e - s > 120:
        return None
    rx, outcome = _headline_verbs(lex)
    m = rx.fullmatch(text, s, e)
    if not m or not m["verb"][0].isupper():
        return None  # a headline in title case: 'Northbrook beat Eastwick 2-1' is prose for the prose reader
    won = outcome.get(" ".join(m["verb"].lower().split()))
    hi, lo = sorted((int(m["s1"]), int(m["s2"])), reverse=True)
    a_goals, b_goals = (lo, hi) if won == "lose" else (hi, lo) if won == "win" else (int(m["s1"]), int(m["s2"]))
    if (m["prep"] or "").lower() == "at":
        return Heading(s, e, m.span("b"), m.span("a"), (b_goals, a_goals), "heading_verb_at")
    return Heading(s, e, m.span("a"), m.span("b"), (a_goals, b_goals), "heading_verb")


_COMPETITION_LABEL = re.compile(  # a competition, round or ground before the colon; never 'Scorers: A - Varga (73)'
    r"(?=[^:\n]*\b(?:League|Premiership|Division|Cup|Trophy|Championship|Serie|Liga|Bundesliga|Ligue|Eredivisie|"
    r"Conference|Vase|Shield|[Rr]ound|[Ff]inal|Premier|Stadium|Park|Ground|Arena|Group|Friendly|[Qq]ualifier)\b)"
    r"[A-Z][^\W\d_ .,'’-]*(?:[ .,'’-]+[^\W\d_]+){0,8}:[ \t]+(?=[A-ZÀ-Ý])"
)  # 'Kestrel Park, Premier League: '


def _one_line_heading(text: str, s: int, e: int) -> Heading | None:
    """A score line on one line, in each shape the outlets print."""
    h = _versus_heading(text, s, e) or _dash_heading(text, s, e) or _live_heading(text, s, e)
    h = h or _wire_heading(text, s, e) or _bracket_heading(text, s, e) or _scorers_heading(text, s, e)
    return h or _spaced_heading(text, s, e)


def _spaced_heading(text: str, s: int, e: int) -> Heading | None:
    """'The New Saints 2 Bala Town 0 - Report', 'Barcelona (ESP) 0 Juventus (ITA) 0', 'Wimbledon1Scunthorpe1'."""
    if e - s > HEADING_LINE_MAX:
        return None
    pre = _PREFIX.match(text, s, e)
    start = pre.end() if pre else s
    m = _SPACED_SCORES.match(text[start:e])
    if not m:
        return None
    rest = (m["rest"] or "").strip()
    if rest and not re.match(r"^(?:[-–—|:(]|[A-Z])", rest):
        return None
    sides = _both_sides(text, (start + m.start("a"), start + m.end("a")), (start + m.start("b"), start + m.end("b")))
    if sides is None:
        return None
    a, b = sides
    return Heading(s, e, a, b, (int(m["s1"]), int(m["s2"])), "heading_spaced", _prefix_kind(text, s))


_WIRE = re.compile(
    r"(?P<a>[^\n()]+?)\s*\((?P<ha>\d{1,2})\)\s*(?P<sa>\d{1,2})\b(?P<mid>[^\n()]*?)\s*"
    r"(?<![A-Za-zÀ-ÿ'’.&-])(?P<b>(?:[A-ZÀ-Ý][\w'’.&-]*\s+){0,3}[A-ZÀ-Ý][\w'’.&-]*)\s*\((?P<hb>\d{1,2})\)\s*(?P<sb>\d{1,2})\b"
    r"(?P<rest>[^\n()]*)$"
)


def _wire_heading(text: str, s: int, e: int) -> Heading | None:
    """A wire summary on one line, half-time scores in brackets, scorers after each side's goals:
    'Northbrook Town (0) 1 Varga 76 Eastwick Athletic (0) 2 Olsen 12, 80'."""
    if "(" not in text[s:e]:
        return None
    m = _WIRE.match(text, s, e)
    if not m:
        return None
    sides = _both_sides(text, m.span("a"), m.span("b"))
    if sides is None:
        return None
    a, b = sides
    scorers = tuple((m.start(g), m.end(g)) if m[g].strip() else None for g in ("mid", "rest"))
    return Heading(s, e, a, b, (int(m["sa"]), int(m["sb"])), "heading_wire", "final", scorers)  # type: ignore[arg-type]


def _two_line_heading(text: str, first: tuple[int, int], second: tuple[int, int]) -> Heading | None:
    """'Liverpool (2) 3 (Varga 32, 51)' over 'Man United (0) 1 (Olsen 50)': home above away."""
    if first[1] - first[0] > HEADING_LINE_MAX or second[1] - second[0] > HEADING_LINE_MAX:
        return None
    m1 = _TWO_LINE.match(text, *first)
    m2 = _TWO_LINE.match(text, *second) if m1 else None
    if not (m1 and m2) or not (m1["ht"] or m1["sc"] or m2["sc"]):
        return None
    sides = _both_sides(text, m1.span("t"), m2.span("t"))
    if sides is None:
        return None
    a, b = sides
    scorers = tuple((m.start("sc") + 1, m.end("sc") - 1) if m["sc"] else None for m in (m1, m2))
    return Heading(first[0], second[1], a, b, (int(m1["n"]), int(m2["n"])), "heading_two_line", "final", scorers)  # type: ignore[arg-type]


_DIGIT = re.compile(r"\d")
HEADING_LINE_MAX = 200  # a score line standing alone is short; longer lines are prose (and costly to try)
_BOX_SCORE = re.compile(r"^(?:FT\s*)?(\d{1,2})\s*[-–]\s*(\d{1,2})$")


def _score_boxes(text: str, lines: list[tuple[int, int]]) -> list[Heading]:
    """A match-centre box near the top: team names on lines of their own around a lone '2 - 1'."""
    out = []
    for k, (s, e) in enumerate(lines[:30]):
        m = _BOX_SCORE.match(text[s:e])
        if not m:
            continue
        before = _team_lines(text, reversed(lines[max(0, k - 6) : k]))
        after = _team_lines(text, lines[k + 1 : k + 7])
        if before and after:
            a, b = before[0], after[0]
        elif len(before) >= 2:
            b, a = before[0], before[1]
        elif len(after) >= 2:
            a, b = after[0], after[1]
        else:
            continue
        out.append(Heading(min(a[0], s), max(b[1], e), a, b, (int(m[1]), int(m[2])), "heading_box"))
    return out


_LINE_SCORE_ROW = re.compile(r"(?P<t>[A-ZÀ-Ý][^\d\n|_]{1,40}?)[ \t]+(?:\d{1,2}[ \t]+){1,4}[—–-][ \t]+(?P<n>\d{1,2})")
_LINE_SCORE_DASH = re.compile(r"\d[ \t]+[—–-][ \t]+\d|\|[ \t]*[—–-][ \t]*\n")
_CELL = re.compile(r"\|[ \t]*(?P<v>[^|\n]*?)[ \t]*\|?")


def _line_scores(text: str, lines: list[tuple[int, int]]) -> list[Heading]:
    """A wire box score's line score: 'Northbrook 0 1 — 1' over 'Eastwick 1 1 — 2' (goals per half, a dash,
    the total), one row per line or one cell per line ('|Northbrook', '|0', '|1', '|—', '|1'). Which
    side was at home it does not say."""
    if not _LINE_SCORE_DASH.search(text):
        return []  # no '— 1' anywhere: no line score to look for
    rows: list[tuple[tuple[int, int], int, int]] = []  # (team span, total, row end)
    k = 0
    while k < len(lines) and len(rows) < 2:
        s, e = lines[k]
        m = _LINE_SCORE_ROW.fullmatch(text, s, e)
        if m:
            rows.append((m.span("t"), int(m["n"]), e))
            k += 1
            continue
        cells = [_CELL.fullmatch(text, *lines[j]) for j in range(k, min(k + 6, len(lines)))]
        values = [c["v"] if c else None for c in cells]
        n = next((i for i, v in enumerate(values[1:], 1) if v in ("—", "–", "-")), None)
        if (
            cells[0] and values[0] and team_like(values[0]) and n and n >= 2 and n + 1 < len(values)
            and all(v and v.isdigit() for v in values[1:n]) and (values[n + 1] or "").isdigit()
        ):  # fmt: skip
            rows.append((cells[0].span("v"), int(values[n + 1] or 0), lines[k + n + 1][1]))
            k += n + 2
            continue
        if rows:
            break  # the rows of one table stand together
        k += 1
    if len(rows) < 2:
        return []
    (a, n1, _), (b, n2, end) = rows
    return [Heading(a[0], end, a, b, (n1, n2), "heading_line_score")]


def _scorer_boxes(text: str, lines: list[tuple[int, int]]) -> list[Heading]:
    """'Northbrook 1' over its scorers' lines ('- T Varga (12th minute)') over 'Eastwick 0': home above away."""
    for k, (s, e) in enumerate(lines[:40]):
        first = blocks.BOX_TEAM.fullmatch(text, s, e)
        if not first:
            continue
        j = k + 1
        while j < len(lines) and blocks.BOX_ITEM.fullmatch(text, *lines[j]):
            j += 1
        second = blocks.BOX_TEAM.fullmatch(text, *lines[j]) if j < len(lines) else None
        if second and j == k + 1:  # no scorer under the first side: it scored none, and the second's are under it
            after = lines[j + 1] if j + 1 < len(lines) else None
            if int(first["n"]) or not (int(second["n"]) == 0 or (after and blocks.BOX_ITEM.fullmatch(text, *after))):
                second = None
        if second and team_like(first["t"]) and team_like(second["t"]):
            goals = (int(first["n"]), int(second["n"]))
            return [Heading(s, lines[j][1], first.span("t"), second.span("t"), goals, "heading_box")]
    return []


def _team_lines(text: str, lines) -> list[tuple[int, int]]:
    """Lines that are only a team-like name, distinct names, nearest first."""
    out: list[tuple[int, int]] = []
    for s, e in lines:
        name = text[s:e]
        if team_like(name) and not any(text[a:b] == name for a, b in out):
            out.append((s, e))
    return out


# ---- live-text clocks ------------------------------------------------------------------------------

_CLOCK = re.compile(
    r"^(?:[-–•*]\s*)?(?P<a>\d{1,3})\s*(?:(?:'|’|′)\s*)?(?:\+\s*(?P<b>\d{1,2})\s*(?:'|’|′)?)?"
    r"(?:\.?\s*(?:st|nd|rd|th)?\s*min(?:ute)?s?\b\.?)?"  # '60. min 1:2 China ...', '87th minute: ...'
    r"\s*(?:[:.\-–]\s*|\s+(?=\D|\d{1,2}[:\-–]\d))"
)
_CLOCK_ALONE = re.compile(r"^(?:[-–•*]\s*)?(\d{1,3})\s*(?:'|’|′)?\s*(?:\+\s*(\d{1,2})\s*(?:'|’|′)?)?$")


def line_clocks(text: str, lines: list[tuple[int, int]], extra_time: bool = False) -> dict[int, MinuteMention]:
    """Live text: '83' Substitution, ...', '87th minute: ...', '– 90+5′ Jali ...', or a clock alone on
    its line ('90' + 3'') that stamps the line after it. Keyed by the stamped line's start."""
    out: dict[int, MinuteMention] = {}
    pending: MinuteMention | None = None
    for s, e in lines:
        line = text[s:e]
        alone = _CLOCK_ALONE.match(line)
        if alone and ("'" in line or "’" in line or "′" in line):
            pending = _clock_mention(s, e, int(alone[1]), alone[2], extra_time)
            continue
        m = _CLOCK.match(line)
        marked = m and (
            m.group().rstrip().endswith((":", "'", "’", "′")) or "min" in m.group() or re.search(r"['’′]", m.group())
        )
        if m and marked and int(m["a"]) <= 130:
            out[s] = _clock_mention(s, s + m.end(), int(m["a"]), m["b"], extra_time)
        elif pending is not None:
            out[s] = pending
        pending = None
    return out


def _clock_mention(s: int, e: int, n: int, added: str | None, extra_time: bool) -> MinuteMention:
    if added:
        return MinuteMention(s, e, n, int(added))
    minute, extra = clock(n, extra_time)
    return MinuteMention(s, e, minute, extra)
