"""Team sheets: the structured line-up and summary blocks printed around match reports.

Match reports carry their most exact facts in lists, not prose: BBC team sheets ("Man Utd: Kral,
..., Marsh (Olsen 33), ... Booked: Varga. Goals: Varga 68, Berg 75 og."), BBC web line-ups
("- 20KowalSubstituted forHaddouat 59'minutes"), scorer headers ("- Tomas Varga - 16'",
"Juventus: Olsen 70'"), wire summaries ("Scorers: J. Berg 49", "Subs used: Kell 74 (Marsh)"),
live-text lines ("Goal! Lyon 1, Nantes 2. Pieter Olsen (Nantes) ...") and player ratings. Reading them
by shape with regexes is fast, deterministic and span-exact, which prose NLP is not.

`read_team_sheets` is pure: text in, `TeamSheet`s out, no I/O and no spaCy.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import pairwise

from transforms.gates import compile_rule
from transforms.records import EventMention, PersonMention, TeamSheet

__all__ = ["read_team_sheets"]

MAX_MINUTE = 130  # extra time plus stoppage: anything larger is an attendance, a year or a shirt
MAX_ADDED = 30
MIN_UNLABELLED_XI = 9  # an unlabelled line-up must look like a whole team, not a list in a sentence
MIN_LABELLED_XI = 7
MAX_ITEM_CHARS = 90  # sheet items are short; long items are prose (and keep regex work bounded)

# Rule names say which format stated the fact; the "sheet_" prefix is what the parser ranks as strongest.
RULE_SHEET = "sheet_bbc"
RULE_LIVE_LINEUP = "sheet_bbc_live_lineup"
RULE_SCORER_HEADER = "sheet_scorer_header"
RULE_SCORER_LINE = "sheet_scorer_line"
RULE_WIRE = "sheet_wire_summary"
RULE_LIVE_TEXT = "sheet_live_text"
RULE_RATINGS = "sheet_player_ratings"
# A player's rule also says where the sheet lists them (the `appearances` table reads it): a starter has the
# format's rule, a substitute on the bench BENCH appended, one the XI shows coming on ('(Olsen 33)') CAME_ON.
BENCH = "_bench"
CAME_ON = "_on"

_PARTICLES = frozenset(
    {
        "van", "von", "de", "der", "den", "da", "di", "do", "dos", "das", "du", "la", "le", "del", "della",
        "dello", "ten", "ter", "te", "bin", "ben", "al", "el", "y", "e", "mac", "st",
    }
)  # fmt: skip
_NOT_NAMES = frozenset(
    {
        "The", "A", "An", "He", "She", "It", "They", "We", "I", "His", "Her", "Their", "But", "And", "Or",
        "In", "On", "At", "For", "With", "After", "Before", "Then", "When", "Subs", "Booked", "Goals",
        "Referee", "Att", "Attendance", "Substitutes", "Line-ups", "Lineups", "Teams",
    }
)  # fmt: skip
_LABEL_CONNECTORS = frozenset({"&", "and", "de", "of", "del", "la", "le", "y", "upon", "on", "am", "d'"})
_NOT_TEAM_LABELS = frozenset(
    {
        "score", "half-time", "half time", "full-time", "full time", "ht", "ft", "venue", "date", "kick-off",
        "kick off", "note", "notes", "update", "report", "weather", "man of the match", "motm", "result",
        "results", "fixture", "fixtures", "time", "stadium", "competition", "round", "group", "squad",
        "goalkeepers", "defenders", "midfielders", "forwards", "strikers", "injured", "suspended", "absent",
    }
)  # fmt: skip
_CAPTAIN_MARKS = frozenset({"c", "capt", "captain", "gk", "k", "vc"})

_BENCH = frozenset(
    {
        "subs", "subs not used", "substitutes", "substitutes not used", "unused substitutes", "unused subs",
        "subs unused", "bench", "substitutes (not used)", "not used",
    }
)  # fmt: skip
_BOOKED = frozenset({"booked", "bookings", "booking", "cautioned", "cautions", "yellow card", "yellow cards"})
_SENT_OFF = frozenset(
    {"sent off", "sent-off", "sending off", "sendings off", "red card", "red cards", "dismissed", "dismissal",
     "dismissals", "sent off (second yellow)"}
)  # fmt: skip
_SECOND_YELLOW = frozenset({"second yellow", "second yellow card", "second yellows", "yellow-red card"})
_GOALS = frozenset({"goals", "goal", "scorers", "scorer", "goalscorers", "goalscorer", "scorer(s)"})
_SUBS_USED = frozenset({"subs used", "substitutions", "substitutes used", "replacements", "changes"})
_ATTENDANCE = frozenset({"att", "attendance", "crowd"})
_REFEREE = frozenset({"ref", "referee"})
_BBC_KEYWORDS = frozenset({"booked", "sent off", "goals", "goal"})  # those that belong to the sheet above
_KEYWORDS = _BENCH | _BOOKED | _SENT_OFF | _SECOND_YELLOW | _GOALS | _SUBS_USED | _ATTENDANCE | _REFEREE

_WORD = r"[^\W\d_](?:[^\W\d_]|['’.\-])*"
_NAME_TOKEN = compile_rule(_WORD + r"\Z")
_TICK = r"['’‘′´]"  # a minute's mark as outlets print it: 38', 38’, 38′
_MINUTE = r"(?P<min>\d{1,3})\s*" + _TICK + r"?\s*(?:\+\s*(?P<add>\d{1,2})\s*" + _TICK + r"?)?"
_FLAG = r"(?:own goal|o\.g\.|og|pen\.?|p)"

# "Berg 75 og", "Haddou (og) 57'", "Jan Berg - 28' Pen", "Olsen 90+2pen", "Kral (35)",
# "Kell 74 (Marsh)", "Kell (Lyon) 65", "Varga": the item shapes of goal, card and subs lists.
_EVENT_ITEM = compile_rule(
    r"(?P<name>[^\W\d_][^\d(),;:]*?)\s*"
    r"(?:\((?P<tag>[^()\d]{1,40})\)\s*)?"
    r"(?:[-–]\s*)?"
    r"(?:(?P<lb>\()?" + _MINUTE + r"\)?)?"
    r"\s*(?:(?<![^\W\d_])\(?(?P<flag>" + _FLAG + r")\)?)?"
    r"\s*(?:\((?P<tag2>[^()\d]{1,40})\))?",
    re.IGNORECASE,
)
# "38' Varga", "90+2′ Olsen (pen)", "12’ Berg (E)": the clock printed before the name, a team's initial after
_EVENT_ITEM_CLOCK_FIRST = compile_rule(
    r"(?P<lb>\()?" + _MINUTE + r"\)?\s*(?:[-–]\s*)?"
    r"(?P<name>[^\W\d_][^\d(),;:]*?)\s*"
    r"(?:\((?P<tag>[^()\d]{1,40})\)\s*)?"
    r"(?:(?<![^\W\d_])\(?(?P<flag>" + _FLAG + r")\)?)?"
    r"\s*(?:\((?P<tag2>[^()\d]{1,40})\))?",
    re.IGNORECASE,
)
_BARE_MINUTE = compile_rule(_MINUTE + r"\s*(?:\(?(?P<flag>" + _FLAG + r")\)?)?", re.IGNORECASE)
_RATED = compile_rule(r"(?P<name>[^\W\d_][^\d()]*?)\s*\((?P<score>\d{1,2}(?:[.,]\d)?)\)")
_SUB_ON = compile_rule(r"(?P<on>[^\W\d_][^\d(),]*?)\s*" + _MINUTE)
_SUB_ON_CLOCK_FIRST = compile_rule(  # 'Kell (80' Olsen)', 'Kell (46’ Olsen)': the minute printed first, with its mark
    r"\s*(?P<min>\d{1,3})\s*" + _TICK + r"(?:\s*\+\s*(?P<add>\d{1,2})\s*" + _TICK + r"?)?"
    r"\s*(?P<on>[^\W\d_][^\d(),]*?)\s*"
)
_SUB_FOR = compile_rule(
    r"(?P<on>[^\W\d_][^\d(),]*?)\s+(?:on\s+)?for\s+(?P<off>[^\W\d_][^\d(),]*?)\s*\(?" + _MINUTE + r"\)?"
)
_ATTENDANCE_NUMBER = compile_rule(r"\d{1,3}(?:,\d{3})+|\d{4,6}")
_REFEREE_SHAPE = compile_rule(r"(?:[A-Z]\.?\s+){1,2}[^\W\d_][\w'’\-]+(?:\s+[^\W\d_][\w'’\-]+)?(?:\s*\([^()]{1,40}\))?")
_SENTENCE_END = compile_rule(r"[.!?][\"”’']?[ \t]+")
_INLINE_KEYWORD = compile_rule(r"(?:Att|Attendance|Ref|Referee|Venue)\s*:")  # after a blank: see _inline_keywords
_FORMATION = compile_rule(r"\s*\(\s*\d(?:\s*-\s*\d){2,4}\s*\)\s*$")


# --------------------------------------------------------------------------- small shared helpers

_Clock = tuple[int | None, int | None]  # (minute, added time)


def _minute(raw_min: str | None, raw_add: str | None) -> _Clock | None:
    """Validate a printed clock minute: None means 'not a minute' (0, or larger than a match lasts)."""
    if raw_min is None:
        return (None, None)
    minute = int(raw_min)
    added = int(raw_add) if raw_add else None
    if minute < 1 or minute > MAX_MINUTE or (added is not None and not 1 <= added <= MAX_ADDED):
        return None
    return (minute, added)


def _trim(text: str, start: int, end: int, strip: str = " \t\r\n") -> tuple[int, int]:
    """Shrink a span past surrounding blanks (and any other characters in `strip`)."""
    while start < end and text[start] in strip:
        start += 1
    while end > start and text[end - 1] in strip:
        end -= 1
    return start, end


def _is_name(name: str) -> bool:
    """A person's name as sheets print it: capitalised words, optional particles, no digits."""
    tokens = name.split()
    if not 1 <= len(tokens) <= 5 or len(name) > 45:
        return False
    has_capital = False
    for token in tokens:
        if not _NAME_TOKEN.match(token) or token in _NOT_NAMES:
            return False
        if token[0].isupper():
            has_capital = True
        elif token.lower() not in _PARTICLES:
            return False
    return has_capital and tokens[-1].lower() not in _PARTICLES | {"og", "pen"}


def _tail_name(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The trailing run of name words in a span ("Booking Kell" -> "Kell"), trimmed."""
    start, end = _trim(text, start, end)
    words = list(re.finditer(r"\S+", text[start:end]))
    keep = len(words)
    while keep > 0:
        token = words[keep - 1].group()
        if not _NAME_TOKEN.match(token) or token in _NOT_NAMES:
            break
        if not (token[0].isupper() or token.lower() in _PARTICLES):
            break
        keep -= 1
    while keep < len(words) and not words[keep].group()[0].isupper():
        keep += 1  # a name does not start with a particle we cannot vouch for
    if keep >= len(words) or len(words) - keep > 5:
        return None
    span = (start + words[keep].start(), start + words[-1].end())
    if text[span[1] - 1] == "." and not re.search(r"(?:^|[\s.-])[A-Z]\.$", text[span[0] : span[1]]):
        span = (span[0], span[1] - 1)  # 'replaces Ivan Kral.': the full stop ends the line, not the name
    return span if _is_name(text[span[0] : span[1]]) else None


def _team_label(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The team label at the end of a prefix ("Player ratings Borussia Dortmund" -> "Borussia Dortmund")."""
    start, end = _trim(text, start, end, " \t-•*")
    formation = _FORMATION.search(text, start, end)
    if formation:
        end = formation.start()
    words = list(re.finditer(r"\S+", text[start:end]))
    keep = len(words)
    while keep > 0 and len(words) - keep < 5:
        token = words[keep - 1].group()
        if token[0].isupper() or (token[0].isdigit() and keep < len(words)) or token in _LABEL_CONNECTORS:
            keep -= 1
            continue
        break
    while keep < len(words) and not words[keep].group()[0].isupper():
        keep += 1
    if keep >= len(words):
        return None
    span = (start + words[keep].start(), start + words[-1].end())
    label = text[span[0] : span[1]]
    if label.lower() in _NOT_TEAM_LABELS or label.lower() in _KEYWORDS or len(label) > 40:
        return None
    if any(ch in label for ch in '"“”!?;()'):
        return None
    return span


_SPLIT_MARKS: dict[str, re.Pattern[str]] = {}


def _split_items(text: str, start: int, end: int, separators: str = ",;") -> list[tuple[int, int]]:
    """Split a list body at top-level separators (commas inside brackets stay put)."""
    items: list[tuple[int, int]] = []
    depth = 0
    cursor = start
    marks = _SPLIT_MARKS.get(separators)
    if marks is None:
        marks = _SPLIT_MARKS[separators] = re.compile(f"[(){re.escape(separators)}]")
    for mark in marks.finditer(text, start, end):  # only brackets and separators matter: jump between them
        index, char = mark.start(), mark.group()
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(0, depth - 1)
        elif char in separators and depth == 0:
            items.append(_trim(text, cursor, index))
            cursor = index + 1
    items.append(_trim(text, cursor, end))
    if items and items[-1][0] == items[-1][1]:
        items.pop()  # a trailing separator
    return items


def _event(
    event_type: str,
    span: tuple[int, int],
    text: str,
    rule: str,
    minute: _Clock = (None, None),
    **extra: object,
) -> EventMention:
    """Build an EventMention whose span is the named player's."""
    return EventMention(
        event_type=event_type,
        char_start=span[0],
        char_end=span[1],
        player_name=text[span[0] : span[1]],
        minute=minute[0],
        added_time=minute[1],
        rule=rule,
        **extra,  # type: ignore[arg-type]
    )


# --------------------------------------------------------------------------- pieces of a sheet


@dataclass(slots=True)
class _Piece:
    """One sentence or line of the article: the unit a sheet is made of."""

    start: int
    end: int


def _kick_off_pieces(text: str) -> list[_Piece]:
    """Cut the text into lines and sentences, keeping initials ("J. Berg") and brackets whole."""
    pieces: list[_Piece] = []
    for line in re.finditer(r"[^\n]+", text):
        line_start, line_end = line.span()
        cuts = [line_start]
        depth, scanned = 0, line_start
        for stop in _SENTENCE_END.finditer(text, line_start, line_end):
            dot = stop.start()
            segment = text[scanned:dot]
            depth = max(0, depth + segment.count("(") - segment.count(")"))
            scanned = dot
            if depth > 0:
                continue
            if _is_initial(text, dot, line_start):
                continue
            cuts.append(stop.end())
        cuts.append(line_end)
        for left, right in pairwise(cuts):
            bounds = [left, *_inline_keywords(text, left, right), right]
            for a, b in pairwise(bounds):
                s, e = _trim(text, a, b, " \t\r.")
                if e > s:
                    pieces.append(_Piece(s, e))
    return pieces


def _inline_keywords(text: str, left: int, right: int) -> list[int]:
    """Where 'Att:', 'Ref:' or 'Venue:' start after a blank in text[left:right]: a new piece on the same line.

    Found by their words (the engine skips in C to their first letters), then the blank before is checked.
    """
    return [
        m.start()
        for m in _INLINE_KEYWORD.finditer(text, left, right)
        if m.start() > left and text[m.start() - 1] in " \t"
    ]


def _is_initial(text: str, dot: int, line_start: int) -> bool:
    """'J. Berg': a full stop right after a lone capital letter abbreviates a first name."""
    if text[dot] != "." or dot <= line_start or not text[dot - 1].isupper():
        return False
    return dot - 1 == line_start or not text[dot - 2].isalpha()


@dataclass(slots=True)
class _Part:
    """One (optionally team-labelled) list inside a keyword line: 'Lyon: Berg 28pen'."""

    label: tuple[int, int] | None
    items: list[tuple[int, int]]


@dataclass(slots=True)
class _Shape:
    """What a piece looks like: a line-up, a keyword list, a bare list, an attendance, a referee."""

    kind: str  # lineup | keyword | scorers | bare_names | bare_goals | bare_sent_off | attendance | referee
    piece: _Piece
    keyword: str = ""
    label: tuple[int, int] | None = None
    items: list[tuple[int, int]] = field(default_factory=list)
    parts: list[_Part] = field(default_factory=list)
    ratings: bool = False


def _prefix_and_body(text: str, piece: _Piece) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """Split 'Prefix: body' at the first colon; None when the piece has no colon."""
    colon = text.find(":", piece.start, piece.end)
    if colon < 0 or colon - piece.start > 70:
        return None
    return (piece.start, colon), _trim(text, colon + 1, piece.end)


def _lineup_item_kind(text: str, span: tuple[int, int]) -> str | None:
    """Classify a line-up item: plain name, 'Starter (Sub NN)', or 'Name (7)' rating."""
    item = text[span[0] : span[1]]
    if len(item) > MAX_ITEM_CHARS:
        return None
    if "(" not in item:
        return "name" if _is_name(item) else None
    rated = _RATED.fullmatch(item)
    if rated:
        score = float(rated["score"].replace(",", "."))
        return "rated" if _is_name(rated["name"].strip()) and score <= 10 else None
    return "sub" if _substitutions_in_item(text, span) is not None else None


def _substitutions_in_item(
    text: str, span: tuple[int, int]
) -> list[tuple[tuple[int, int], tuple[int, int], _Clock]] | None:
    """'Marsh (Olsen 33)' -> [(on span, off span, minute)]; chains 'A (B 60 (C 80))' replace in turn.

    Returns None when the item is not a starter-with-substitute shape ("Berg (capt)" gives []).
    """
    start, end = span
    open_at = text.find("(", start, end)
    if open_at < 0 or text[end - 1] != ")":
        return None
    off = _trim(text, start, open_at)
    if not _is_name(text[off[0] : off[1]]):
        return None
    inner_start, inner_end = open_at + 1, end - 1
    inner = text[inner_start:inner_end].strip(" ()")
    if inner.lower().rstrip(".") in _CAPTAIN_MARKS:
        return []
    first = _SUB_ON_CLOCK_FIRST.fullmatch(text, inner_start, inner_end)
    if first:
        on = _trim(text, *first.span("on"))
        minute = _minute(first["min"], first["add"])
        return [(on, off, minute)] if minute is not None and _is_name(text[on[0] : on[1]]) else None
    changes = []
    cursor = inner_start
    for found in _SUB_ON.finditer(text, inner_start, inner_end):
        if text[cursor : found.start()].strip(" ,;()"):
            return None
        on = _trim(text, *found.span("on"))
        minute = _minute(found["min"], found["add"])
        if minute is None or not _is_name(text[on[0] : on[1]]):
            return None
        changes.append((on, off, minute))
        off, cursor = on, found.end()
    if text[cursor:inner_end].strip(" ,;()"):
        if changes:
            return None
        on = _trim(text, inner_start, inner_end, " \t()")
        if not _is_name(text[on[0] : on[1]]):
            return None
        changes.append((on, off, (None, None)))  # a substitution printed without its minute
    return changes


def _affiliations(text: str, items: list[tuple[int, int]]) -> bool:
    """A squad list names each player's club in brackets: three or more bracketed names without a
    minute in one list are affiliations, not substitutes (a sheet prints its changes with minutes)."""
    bare = 0
    for item in items:
        changes = _substitutions_in_item(text, item)
        bare += bool(changes) and all(minute == (None, None) for _, _, minute in changes)
    return bare >= 3


def _event_item(text: str, span: tuple[int, int]) -> re.Match[str] | None:
    """Match a goal/card/subs item, or None when it is not one (or its minute is impossible)."""
    if span[1] - span[0] > MAX_ITEM_CHARS:
        return None
    found = _EVENT_ITEM.fullmatch(text, span[0], span[1]) or _EVENT_ITEM_CLOCK_FIRST.fullmatch(text, span[0], span[1])
    if not found:
        return None
    name = _trim(text, *found.span("name"), " \t-–")
    if not _is_name(text[name[0] : name[1]]) or _minute(found["min"], found["add"]) is None:
        return None
    return found


def _is_goal_list(text: str, items: list[tuple[int, int]], bracketed: bool = False) -> bool:
    """Every item is 'Name NN' (or a bare continuation minute: 'Berg 2, 29')."""
    if not items:
        return False
    for index, span in enumerate(items):
        found = _event_item(text, span)
        if found is None:
            if index > 0 and _BARE_MINUTE.fullmatch(text, *span):
                continue
            return False
        if found["min"] is None or bool(found["lb"]) != bracketed or found["tag2"]:
            return False
        if found["tag"] and found["tag"].strip().lower() not in {"og", "o.g.", "pen", "p", "own goal"}:
            return False
    return True


def _keyword_parts(text: str, body: tuple[int, int]) -> list[_Part]:
    """'Lyon: Berg 28pen; Marseille: Varga 16' -> two team-labelled parts; plain lists -> one part."""
    chunks = _split_items(text, body[0], body[1], ";")
    labelled = []
    for chunk in chunks:
        colon, after = _label_end(text, chunk)
        label = _team_label(text, chunk[0], colon) if colon > 0 else None
        if label is not None and _trim(text, chunk[0], colon) == label:
            labelled.append(_Part(label, _split_items(text, after, chunk[1], ",")))
        else:
            labelled.append(_Part(None, _split_items(text, chunk[0], chunk[1], ",")))
    if all(part.label is None for part in labelled):
        return [_Part(None, _split_items(text, body[0], body[1]))]
    return labelled


_LABEL_DASH = re.compile(r"\s[-–—]\s")


def _label_end(text: str, chunk: tuple[int, int]) -> tuple[int, int]:
    """Where a part's team label ends and its items start: 'Northbrook: Varga 55' or 'Northbrook - Varga 55'."""
    colon = text.find(":", chunk[0], chunk[1])
    if colon > 0:
        return colon, colon + 1
    dash = _LABEL_DASH.search(text, chunk[0], chunk[1])
    return (dash.start(), dash.end()) if dash else (-1, -1)


def _shape_of(text: str, piece: _Piece, in_sheet: bool) -> _Shape | None:
    """Recognise a piece by its shape; bare (label-less) shapes count only inside a sheet."""
    if piece.end - piece.start > 2000:
        return None
    split = _prefix_and_body(text, piece)
    if split is not None:
        prefix, body = split
        keyword = text[prefix[0] : prefix[1]].strip(" \t-•*").lower()
        if keyword in _KEYWORDS:
            return _keyword_shape(text, piece, keyword, body)
        if not keyword:  # ': Varga 40, Olsen 48 pen' (a label lost before the colon)
            items = _split_items(text, *body)
            if in_sheet and _is_goal_list(text, items):
                return _Shape("bare_goals", piece, items=items)
            return None
        label = _team_label(text, *prefix)
        if label is None:
            return None
        items = _split_items(text, *body)
        kinds = [_lineup_item_kind(text, item) for item in items]
        if len(items) >= MIN_LABELLED_XI and None not in kinds:
            ratings = _looks_rated(kinds, text[max(0, piece.start - 200) : label[0]].lower())
            return _Shape("lineup", piece, label=label, items=items, ratings=ratings)
        if _is_goal_list(text, items):
            return _Shape("scorers", piece, label=label, items=items)
        return None
    return _bare_shape(text, piece, in_sheet)


def _looks_rated(kinds: list[str | None], context: str) -> bool:
    """Ratings, not minutes: most items carry a lone mark out of 10, or the article says 'ratings'."""
    rated = kinds.count("rated")
    return rated >= max(3, len(kinds) // 2) or (rated > 0 and "rating" in context)


def _keyword_shape(text: str, piece: _Piece, keyword: str, body: tuple[int, int]) -> _Shape | None:
    """A 'Booked: ...' / 'Scorers: ...' / 'Att: ...' / 'Ref: ...' line."""
    if keyword in _ATTENDANCE:
        return _Shape("attendance", piece, keyword=keyword)
    if keyword in _REFEREE:
        name = _referee_name(text, body)
        return _Shape("referee", piece, keyword=keyword, items=[name]) if name else None
    if body[0] >= body[1]:
        return None
    return _Shape("keyword", piece, keyword=keyword, parts=_keyword_parts(text, body))


def _referee_name(text: str, body: tuple[int, int]) -> tuple[int, int] | None:
    """'R Styles (Hampshire)' -> span of 'R Styles'."""
    found = _REFEREE_SHAPE.fullmatch(text, *body)
    if not found and not _is_name(text[body[0] : body[1]]):
        return None
    open_at = text.find("(", body[0], body[1])
    return _trim(text, body[0], open_at if open_at >= 0 else body[1])


def _bare_shape(text: str, piece: _Piece, in_sheet: bool) -> _Shape | None:
    """Unlabelled sheet lines: a whole XI, and (inside a sheet) bench/booked/goals/sent-off/crowd/ref."""
    items = _split_items(text, piece.start, piece.end)
    if not in_sheet and len(items) < MIN_UNLABELLED_XI:
        return None  # too few for a whole XI, and bare lists count only inside a sheet: most prose ends here
    kinds = [_lineup_item_kind(text, item) for item in items]
    whole_team = len(items) >= 10 or (len(items) >= MIN_UNLABELLED_XI and "sub" in kinds)
    if whole_team and None not in kinds:
        ratings = _looks_rated(kinds, text[max(0, piece.start - 200) : piece.start].lower())
        return _Shape("lineup", piece, items=items, ratings=ratings)
    if not in_sheet:
        return None
    raw = text[piece.start : piece.end]
    if _ATTENDANCE_NUMBER.fullmatch(raw):
        return _Shape("attendance", piece)
    if items and all(kind in ("name", "rated") for kind in kinds):
        return _Shape("bare_names", piece, items=items)
    if _is_goal_list(text, items):
        return _Shape("bare_goals", piece, items=items)
    if _is_goal_list(text, items, bracketed=True):
        return _Shape("bare_sent_off", piece, items=items)
    if _REFEREE_SHAPE.fullmatch(raw):
        return _Shape("referee", piece, items=[_referee_name(text, (piece.start, piece.end)) or (0, 0)])
    return None


# --------------------------------------------------------------------------- a sheet being read


@dataclass(slots=True)
class _Block:
    """One team's block while the sheet is read; its events get their team at the final whistle."""

    label: tuple[int, int] | None
    start: int
    end: int
    is_team: bool = True
    from_lineup: bool = False
    ratings: bool = False
    has_bench: bool = False
    has_booked: bool = False
    players: list[PersonMention] = field(default_factory=list)
    events: list[tuple[EventMention, str]] = field(default_factory=list)  # (event, "block" | "other")

    def cover(self, start: int, end: int) -> None:
        """Stretch the block's span over another piece it owns."""
        self.start, self.end = min(self.start, start), max(self.end, end)


class _SheetReader:
    """Reads one run of consecutive sheet pieces (both teams, their lists, crowd and referee)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.blocks: list[_Block] = []
        self.current: _Block | None = None
        self.summary: _Block | None = None
        self.referee: tuple[int, int] | None = None
        self.seen_crowd = False

    # ---- block bookkeeping

    def _block_for(self, label: tuple[int, int] | None, piece: _Piece, wire: bool) -> _Block:
        """The block a list belongs to: by team label, else the sheet above (BBC), else the summary."""
        if label is not None:
            wanted = self.text[label[0] : label[1]].casefold()
            for block in self.blocks:
                if block.label and self.text[block.label[0] : block.label[1]].casefold() == wanted:
                    return block
            block = _Block(label, label[0], piece.end)
            self.blocks.append(block)
            return block
        if not wire and self.current is not None:
            return self.current
        if self.summary is None:
            self.summary = _Block(None, piece.start, piece.end, is_team=False)
            self.blocks.append(self.summary)
        return self.summary

    def take(self, shape: _Shape) -> bool:
        """Add a piece to the sheet; False when it cannot belong here (the sheet has ended)."""
        handler = getattr(self, f"_take_{shape.kind}")
        return bool(handler(shape))

    # ---- line-ups

    def _take_lineup(self, shape: _Shape) -> bool:
        """A new XI opens the next team block (home first, then away)."""
        block = _Block(shape.label, shape.label[0] if shape.label else shape.piece.start, shape.piece.end)
        block.from_lineup, block.ratings = True, shape.ratings
        self.blocks.append(block)
        self.current = block
        rule = RULE_RATINGS if shape.ratings else RULE_SHEET
        clubs = _affiliations(self.text, shape.items)
        for item in shape.items:
            self._read_lineup_item(block, item, rule, clubs)
        return True

    def _read_lineup_item(self, block: _Block, item: tuple[int, int], rule: str, clubs: bool = False) -> None:
        """A starter, plus whoever replaced them ('Marsh (Olsen 33)'); in a squad list of clubs
        ('Given (Newcastle), Kenny (Sheffield United)') the brackets replace nobody."""
        if block.ratings or "(" not in self.text[item[0] : item[1]]:
            open_at = self.text.find("(", item[0], item[1])
            self._add_player(block, _trim(self.text, item[0], open_at if open_at >= 0 else item[1]), rule)
            return
        changes = _substitutions_in_item(self.text, item) or []
        if clubs:
            changes = [c for c in changes if c[2] != (None, None)]
        open_at = self.text.find("(", item[0], item[1])
        self._add_player(block, _trim(self.text, item[0], open_at), rule)
        for on, off, minute in changes:
            self._add_player(block, on, rule + CAME_ON)
            off_name = self.text[off[0] : off[1]]
            event = _event("substitution", on, self.text, rule, minute, related_player_name=off_name)
            block.events.append((event, "block"))

    def _add_player(self, block: _Block, span: tuple[int, int], rule: str) -> None:
        label = self.text[block.label[0] : block.label[1]] if block.label else None
        name = self.text[span[0] : span[1]]
        block.players.append(PersonMention(name, span[0], span[1], "player", label, rule))

    # ---- keyword lists

    def _take_keyword(self, shape: _Shape) -> bool:
        keyword = shape.keyword
        if keyword in _BENCH:
            return self._read_bench(shape)
        wire = keyword not in _BBC_KEYWORDS or self.current is None or not self.current.from_lineup
        rule = RULE_WIRE if wire else RULE_SHEET
        for part in shape.parts:
            block = self._block_for(part.label, shape.piece, wire)
            if part.label is None or not part.items:
                block.cover(shape.piece.start, shape.piece.end)
            else:
                block.cover(part.label[0], part.items[-1][1])
            self._read_list(block, keyword, part.items, rule, wire)
        return True

    def _read_bench(self, shape: _Shape) -> bool:
        """'Subs Not Used: Kowal, Marsh' (or rated 'Subs: Kowal (6)'): players, no events."""
        block = self.current
        if block is None:
            return False
        rule = RULE_RATINGS if block.ratings else RULE_SHEET
        for part in shape.parts:
            for item in part.items:
                open_at = self.text.find("(", item[0], item[1])
                span = _trim(self.text, item[0], open_at if open_at >= 0 else item[1])
                if _is_name(self.text[span[0] : span[1]]):
                    self._add_player(block, span, rule + (CAME_ON if block.ratings else BENCH))  # rated: they played
        block.has_bench = True
        block.cover(shape.piece.start, shape.piece.end)
        return True

    def _read_list(self, block: _Block, keyword: str, items: list[tuple[int, int]], rule: str, wire: bool) -> None:
        """Dispatch one list's items to goals, cards or substitutions."""
        if keyword in _GOALS:
            self._read_goals(block, items, rule, wire)
        elif keyword in _BOOKED:
            self._read_cards(block, items, "yellow_card", rule, wire)
            block.has_booked = True
        elif keyword in _SENT_OFF:
            self._read_cards(block, items, "red_card", rule, wire)
        elif keyword in _SECOND_YELLOW:
            self._read_cards(block, items, "second_yellow", rule, wire)
        elif keyword in _SUBS_USED:
            self._read_substitutions(block, items, rule)

    def _team_tag(self, block: _Block, found: re.Match[str], wire: bool) -> _Block:
        """A wire item may name its team in brackets ('Kell (Lyon) 65'): file it under that team."""
        group = "tag" if found["tag"] else "tag2" if found["tag2"] else None
        if not wire or group is None or _is_flag(found[group]):
            return block
        tag = _trim(self.text, *found.span(group))
        if not self.text[tag[0] : tag[0] + 1].isupper():
            return block
        return self._block_for(tag, _Piece(tag[0], found.end()), wire)

    def _read_goals(self, block: _Block, items: list[tuple[int, int]], rule: str, wire: bool) -> None:
        """'Varga 68, Berg 75 og, Haddou 80 pen, Berg 2, 29': goals listed under the team they helped."""
        last: tuple[tuple[int, int], _Block] | None = None
        for item in items:
            found = _event_item(self.text, item)
            if found is None:
                bare = _BARE_MINUTE.fullmatch(self.text, *item)
                minute = _minute(bare["min"], bare["add"]) if bare else None
                if bare and minute and last is not None:
                    flag = (bare["flag"] or "").lower()
                    self._add_goal(last[1], last[0], minute, flag, rule)
                continue
            name = _trim(self.text, *found.span("name"), " \t-–")
            minute = _minute(found["min"], found["add"]) or (None, None)
            flags = " ".join(f.strip().lower() for f in (found["tag"], found["flag"]) if f and _is_flag(f))
            target = self._team_tag(block, found, wire)
            self._add_goal(target, name, minute, flags, rule)
            last = (name, target)

    def _add_goal(self, block: _Block, name: tuple[int, int], minute: _Clock, flag: str, rule: str) -> None:
        words = flag.split()
        own_goal = "og" in words or "o.g." in words or "own goal" in flag
        penalty = not own_goal and any(word in words for word in ("pen", "pen.", "p"))
        event = _event("goal", name, self.text, rule, minute, is_own_goal=own_goal, is_penalty=penalty)
        block.events.append((event, "other" if own_goal else "block"))

    def _read_cards(self, block: _Block, items: list[tuple[int, int]], card: str, rule: str, wire: bool) -> None:
        """'Booked: Varga, Olsen' / 'Sent Off: Kral (35)' / 'Yellow cards: Kell 65'."""
        for item in items:
            found = _event_item(self.text, item)
            if found is None:
                continue
            name = _trim(self.text, *found.span("name"), " \t-–")
            minute = _minute(found["min"], found["add"]) or (None, None)
            target = self._team_tag(block, found, wire)
            target.events.append((_event(card, name, self.text, rule, minute), "block"))

    def _read_substitutions(self, block: _Block, items: list[tuple[int, int]], rule: str) -> None:
        """'Kell 74 (Marsh)' = Kell on for Marsh; 'Marsh (Kell 74)' = BBC order; 'A for B 74'."""
        for item in items:
            if _too_long(item):
                continue
            sub_for = _SUB_FOR.fullmatch(self.text, *item)
            if sub_for:
                on, off = _trim(self.text, *sub_for.span("on")), _trim(self.text, *sub_for.span("off"))
                self._add_substitution(block, on, off, _minute(sub_for["min"], sub_for["add"]), rule)
                continue
            found = _event_item(self.text, item)
            if found is not None and found["tag2"] and found["min"]:
                on = _trim(self.text, *found.span("name"))
                off = _trim(self.text, *found.span("tag2"))
                self._add_substitution(block, on, off, _minute(found["min"], found["add"]), rule)
                continue
            for on, off, minute in _substitutions_in_item(self.text, item) or []:
                self._add_substitution(block, on, off, minute, rule)

    def _add_substitution(
        self,
        block: _Block,
        on: tuple[int, int],
        off: tuple[int, int],
        minute: _Clock | None,
        rule: str,
    ) -> None:
        if not (_is_name(self.text[on[0] : on[1]]) and _is_name(self.text[off[0] : off[1]])):
            return
        off_name = self.text[off[0] : off[1]]
        clock = minute or (None, None)
        event = _event("substitution", on, self.text, rule, clock, related_player_name=off_name)
        block.events.append((event, "block"))

    # ---- labelled scorer lines and bare sheet lines

    def _take_scorers(self, shape: _Shape) -> bool:
        """'Juventus: Olsen 70', Berg 81'' (the label is the team the goals counted for)."""
        block = self._block_for(shape.label, shape.piece, wire=True)
        block.cover(shape.piece.start, shape.piece.end)
        self._read_goals(block, shape.items, RULE_SCORER_LINE, wire=False)
        self.current = block
        return True

    def _take_bare_names(self, shape: _Shape) -> bool:
        """A bare list of names: first the unused bench, then the booked (BBC order), by position."""
        block = self.current
        if self.seen_crowd and _REFEREE_SHAPE.fullmatch(self.text, shape.piece.start, shape.piece.end):
            self.referee = _trim(self.text, shape.piece.start, shape.piece.end)  # 'C Thomson'
            return True
        if block is None or not block.from_lineup or self.seen_crowd:
            return False
        block.cover(shape.piece.start, shape.piece.end)
        if block.ratings or not block.has_bench:
            rule = RULE_RATINGS if block.ratings else RULE_SHEET
            for item in shape.items:
                open_at = self.text.find("(", item[0], item[1])
                self._add_player(
                    block,
                    _trim(self.text, item[0], open_at if open_at >= 0 else item[1]),
                    rule + (CAME_ON if block.ratings else BENCH),
                )
            block.has_bench = True
            return True
        if block.has_booked:
            return False
        self._read_cards(block, shape.items, "yellow_card", RULE_SHEET, wire=False)
        block.has_booked = True
        return True

    def _take_bare_goals(self, shape: _Shape) -> bool:
        block = self.current
        if block is None or block.ratings or self.seen_crowd:
            return False
        block.cover(shape.piece.start, shape.piece.end)
        self._read_goals(block, shape.items, RULE_SHEET, wire=False)
        return True

    def _take_bare_sent_off(self, shape: _Shape) -> bool:
        """'Kral (77).' between the bench and the booked: a dismissal with its minute."""
        block = self.current
        if block is None or block.ratings or self.seen_crowd:
            return False
        block.cover(shape.piece.start, shape.piece.end)
        self._read_cards(block, shape.items, "red_card", RULE_SHEET, wire=False)
        return True

    def _take_attendance(self, shape: _Shape) -> bool:
        self.seen_crowd = True
        return True

    def _take_referee(self, shape: _Shape) -> bool:
        if not shape.items or shape.items[0][1] <= shape.items[0][0]:
            return False
        if shape.keyword or self.seen_crowd:
            self.referee = shape.items[0]
            return True
        return False

    # ---- final whistle

    def final_whistle(self) -> list[TeamSheet]:
        """Give sides, settle own goals and second yellows, and hand back the TeamSheets."""
        teams = [block for block in self.blocks if block.is_team]
        sides = self._sides(teams)
        for block in self.blocks:
            self._second_yellows(block)
        sheets: list[TeamSheet] = []
        for block in self.blocks:
            side = sides.get(id(block))
            label = self.text[block.label[0] : block.label[1]] if block.label else None
            partner = self._partner(teams, block)
            for event, how in block.events:
                event.team = self._event_team(block, label, side, partner, how, sides)
            if not block.players and not block.events:
                continue
            sheets.append(TeamSheet(label, side, block.start, block.end, block.players, [e for e, _ in block.events]))
        if self.referee is not None and sheets:
            start, end = self.referee
            before = [sheet for sheet in sheets if sheet.char_start <= start]
            owner = max(before, key=lambda sheet: sheet.char_start) if before else sheets[0]
            owner.players.append(PersonMention(self.text[start:end], start, end, "referee", None, RULE_SHEET))
            owner.char_start, owner.char_end = min(owner.char_start, start), max(owner.char_end, end)
        return sheets

    def _sides(self, teams: list[_Block]) -> dict[int, str]:
        """Home is listed first: line-ups pair up in order; lone scorer lines tell nothing."""
        if not any(block.from_lineup for block in teams) and len(teams) != 2:
            return {}
        return {id(block): ("home" if index % 2 == 0 else "away") for index, block in enumerate(teams)}

    @staticmethod
    def _partner(teams: list[_Block], block: _Block) -> _Block | None:
        if block not in teams:
            return None
        index = teams.index(block) ^ 1
        return teams[index] if index < len(teams) else None

    def _event_team(
        self,
        block: _Block,
        label: str | None,
        side: str | None,
        partner: _Block | None,
        how: str,
        sides: dict[int, str],
    ) -> str | None:
        """The actor's own team: the block's label (or side); an own goal's scorer plays for the other."""
        if how == "block":
            return label or side
        if partner is not None:
            if partner.label:
                return self.text[partner.label[0] : partner.label[1]]
            return sides.get(id(partner))
        return {"home": "away", "away": "home"}.get(side or "")

    @staticmethod
    def _second_yellows(block: _Block) -> None:
        """A player both booked and sent off in one block saw a second yellow, not a straight red."""
        booked = {e.player_name for e, _ in block.events if e.event_type == "yellow_card"}
        for event, _ in block.events:
            if event.event_type == "red_card" and event.player_name in booked:
                event.event_type = "second_yellow"


def _is_flag(word: str | None) -> bool:
    """'og' / 'pen' markers, as opposed to a team or player in brackets."""
    return bool(word) and word.strip().lower() in {"og", "o.g.", "pen", "pen.", "p", "own goal"}


def _too_long(span: tuple[int, int]) -> bool:
    """Guard against running item regexes over long prose fragments."""
    return span[1] - span[0] > MAX_ITEM_CHARS


def _read_printed_sheets(text: str) -> list[TeamSheet]:
    """BBC sheets (labelled or bare), wire summaries, scorer lines and ratings: the piece-based formats."""
    sheets: list[TeamSheet] = []
    reader: _SheetReader | None = None
    for piece in _kick_off_pieces(text):
        shape = _shape_of(text, piece, reader is not None)
        if reader is not None and shape is not None and reader.take(shape):
            continue
        if reader is not None:
            sheets.extend(reader.final_whistle())
            reader = None
        if shape is not None and shape.kind in ("lineup", "keyword", "scorers"):
            reader = _SheetReader(text)
            if not reader.take(shape):
                reader = None
    if reader is not None:
        sheets.extend(reader.final_whistle())
    return sheets


# --------------------------------------------------------------------------- BBC web line-ups

_FORMATION_LINE = compile_rule(r"[ \t]*Formation:?[ \t]+\d(?:[ \t]*-[ \t]*\d){2,4}[ \t]*")
_LIVE_PLAYER = compile_rule(r"[ \t]*[-•*]?[ \t]*(?P<num>\d{1,2})[ \t]*(?P<rest>.*?)[ \t]*\r?")
_LIVE_NOTE = compile_rule(r"Booked at|Substituted for|Sent off at|Dismissed at", re.IGNORECASE)
_LIVE_BOOKED = compile_rule(r"Booked at\s*" + _MINUTE + r"\s*mins?", re.IGNORECASE)
_LIVE_SUBBED = compile_rule(r"Substituted for\s*(?P<on>\S.*?)\s*at\s*" + _MINUTE + r"\s*min", re.IGNORECASE)
_LIVE_OFF = compile_rule(r"(?:Sent off|Dismissed) at\s*" + _MINUTE, re.IGNORECASE)
_BENCH_HEADERS = frozenset({"substitutes", "subs", "bench", "substitutes:", "subs:"})
_LINEUP_HEADERS = frozenset({"line-ups", "lineups", "line-up", "lineup", "teams", "line ups"})


def _lines(text: str) -> list[tuple[int, int]]:
    """Every non-blank line as a trimmed span."""
    spans = []
    for line in re.finditer(r"[^\n]+", text):
        span = _trim(text, *line.span())
        if span[1] > span[0]:
            spans.append(span)
    return spans


def _live_player(text: str, span: tuple[int, int]) -> tuple[tuple[int, int] | None, int] | None:
    """'- 12HaddouBooked at 57mins' -> (name span, notes start); ('- 37' -> (None, end))."""
    found = _LIVE_PLAYER.fullmatch(text, *span)
    if not found:
        return None
    rest_start, rest_end = found.span("rest")
    if rest_start == rest_end:
        return (None, rest_end)
    note = _LIVE_NOTE.search(text, rest_start, rest_end)
    name = _trim(text, rest_start, note.start() if note else rest_end)
    if not _is_name(text[name[0] : name[1]]):
        return None
    return (name, note.start() if note else rest_end)


def _read_live_lineups(text: str) -> list[TeamSheet]:
    """BBC web 'Line-ups': team name line, numbered starters with notes, 'Substitutes', numbered bench."""
    lines = _lines(text)
    sheets: list[TeamSheet] = []
    index = 0
    while index < len(lines):
        run_end = _numbered_run(text, lines, index)
        if run_end - index < (4 if sheets else 7):  # the second side's list may be cut off by the page's end
            index = max(index + 1, run_end)
            continue
        label = _live_label(text, lines, index)
        team = text[label[0] : label[1]] if label else None
        sheet = TeamSheet(team, None, (label or lines[index])[0], lines[run_end - 1][1])
        for line in lines[index:run_end]:
            _read_live_player_line(text, line, sheet)
        index = run_end
        if index < len(lines) and text[slice(*lines[index])].strip().lower() in _BENCH_HEADERS:
            bench_end = _numbered_run(text, lines, index + 1)
            for line in lines[index + 1 : bench_end]:
                _read_live_player_line(text, line, sheet, RULE_LIVE_LINEUP + BENCH)
            if bench_end > index + 1:
                sheet.char_end = lines[bench_end - 1][1]
            index = bench_end
        sheets.append(sheet)
    for order, sheet in enumerate(sheets):
        sheet.side = "home" if order % 2 == 0 else "away"
        for event in sheet.events:
            event.team = sheet.team or sheet.side
    return sheets


def _numbered_run(text: str, lines: list[tuple[int, int]], start: int) -> int:
    """Index just past the run of numbered player lines starting at `start`."""
    end = start
    while end < len(lines) and _live_player(text, lines[end]) is not None:
        end += 1
    return end


def _live_label(text: str, lines: list[tuple[int, int]], first: int) -> tuple[int, int] | None:
    """The team name printed on its own line just above the starters."""
    if first == 0:
        return None
    span = lines[first - 1]
    if _FORMATION_LINE.fullmatch(text, *span) and first >= 2:
        span = lines[first - 2]  # 'Formation 4-3-3' between the team's name and its starters
    line = text[span[0] : span[1]]
    if line.strip().lower() in _LINEUP_HEADERS | _BENCH_HEADERS or len(line) > 40:
        return None
    if not line[:1].isupper() or any(ch in line for ch in '.!?:;"“'):
        return None
    return span


def _read_live_player_line(text: str, line: tuple[int, int], sheet: TeamSheet, listed: str = RULE_LIVE_LINEUP) -> None:
    """One numbered player: a PersonMention, and events from 'Booked at', 'Substituted for', 'Sent off at'."""
    parsed = _live_player(text, line)
    if parsed is None or parsed[0] is None:
        return
    name, notes_start = parsed
    player = text[name[0] : name[1]]
    if len(player.strip()) < 2:
        return  # a formation's letter ('4-2-3-1 W'), no player
    sheet.players.append(PersonMention(player, name[0], name[1], "player", sheet.team, listed))
    subbed = [
        (_trim(text, *f.span("on")), (_minute(f["min"], f["add"]) or (None, None))[0])
        for f in _LIVE_SUBBED.finditer(text, notes_start, line[1])
    ]
    booked = False
    for found in _LIVE_BOOKED.finditer(text, notes_start, line[1]):
        minute = _minute(found["min"], found["add"]) or (None, None)
        # 'XSubstituted forYat 60'minutesBooked at 82mins': after X left, the booking is Y's
        later = [on for on, off_at in subbed if off_at is not None and minute[0] is not None and minute[0] > off_at]
        who = later[0] if later and _is_name(text[later[0][0] : later[0][1]]) else name
        sheet.events.append(_event("yellow_card", who, text, RULE_LIVE_LINEUP, minute))
        booked = who == name
    for found in _LIVE_OFF.finditer(text, notes_start, line[1]):
        minute = _minute(found["min"], found["add"]) or (None, None)
        card = "second_yellow" if booked else "red_card"
        sheet.events.append(_event(card, name, text, RULE_LIVE_LINEUP, minute))
    for found in _LIVE_SUBBED.finditer(text, notes_start, line[1]):
        on = _trim(text, *found.span("on"))
        if not _is_name(text[on[0] : on[1]]):
            continue
        minute = _minute(found["min"], found["add"]) or (None, None)
        event = _event("substitution", on, text, RULE_LIVE_LINEUP, minute, related_player_name=player)
        sheet.events.append(event)


# --------------------------------------------------------------------------- scorer headers

_HEADER_ITEM = compile_rule(
    r"[ \t]*[-•*–][ \t]*(?P<name>[^\W\d_][^\d\n]*?)[ \t]*[-–][ \t]*" + _MINUTE
    + r"[ \t]*(?P<flag>\(?(?:pen|og|o\.g\.|own goal|p)\)?)?[ \t]*\r?",
    re.IGNORECASE,
)  # fmt: skip


def _read_scorer_headers(text: str) -> list[TeamSheet]:
    """'- Jan Berg - 28' Pen' bullet runs at the top of web pages (team names lost)."""
    sheets: list[TeamSheet] = []
    run: list[re.Match[str]] = []
    for line in [*_lines(text), None]:
        found = _HEADER_ITEM.fullmatch(text, *line) if line else None
        if found and _is_name(found["name"].strip()) and _minute(found["min"], found["add"]):
            run.append(found)
            continue
        if run:
            sheets.extend(_scorer_header_sheets(text, run))
            run = []
    return sheets


def _scorer_header_sheets(text: str, run: list[re.Match[str]]) -> list[TeamSheet]:
    """Split a scorer run into teams where the clock restarts (home items first, then away).

    The icons that told goals from cards are lost in scraping. An item is read as a goal unless it
    says otherwise, with one judgement call: a player listed more than once whose later entry has no
    pen/og flag, when the article itself says that player was sent off, is read as the dismissal on
    that later entry (web pages list 'Varga 16'' goal then 'Varga 19'' red card this way). A one-off
    entry stays a goal: nothing in the list separates a lone red card from a lone goal.
    """
    groups: list[list[re.Match[str]]] = [[run[0]]]
    for found in run[1:]:
        if int(found["min"]) < int(groups[-1][-1]["min"]):
            groups.append([])
        groups[-1].append(found)
    sides: list[str | None] = ["home", "away"] if len(groups) == 2 else [None] * len(groups)
    sheets = []
    for group, side in zip(groups, sides, strict=True):
        sheet = TeamSheet(None, side, group[0].start(), group[-1].end())
        seen: dict[str, int] = {}
        for found in group:
            name = _trim(text, *found.span("name"))
            player = text[name[0] : name[1]]
            flag = (found["flag"] or "").strip("()").lower()
            minute = _minute(found["min"], found["add"]) or (None, None)
            repeat = seen.get(player, 0) > 0 and not flag
            seen[player] = seen.get(player, 0) + 1
            if repeat and _said_sent_off(text, player):
                event = _event("red_card", name, text, RULE_SCORER_HEADER, minute)
            else:
                own_goal = flag in {"og", "o.g.", "own goal"}
                event = _event(
                    "goal", name, text, RULE_SCORER_HEADER, minute,
                    is_penalty=flag in {"pen", "p"}, is_own_goal=own_goal,
                )  # fmt: skip
                if own_goal:  # listed under the team it helped; without labels the other side is a guess
                    event.team = {"home": "away", "away": "home"}.get(side or "")
                    sheet.events.append(event)
                    continue
            event.team = side
            sheet.events.append(event)
        sheets.append(sheet)
    return sheets


def _said_sent_off(text: str, player: str) -> bool:
    """Does the article say this player (by surname) was sent off or shown a red card?"""
    surname = re.escape(player.split()[-1])
    pattern = rf"\b{surname}\b(?:'s)?[^.\n]{{0,60}}?\b(?:sent off|sent-off|sending-off|red card|dismiss\w*)"
    return re.search(pattern, text, re.IGNORECASE) is not None


# --------------------------------------------------------------------------- live-text lines

_LT_NAME = r"[^\W\d_][\w'’.\-]*(?:[ ][^\W\d_][\w'’.\-]*){0,5}?"
_LT_TEAM = r"[^()\n]{1,40}"
_LT_SCORE = compile_rule(
    r"(?:Goal!|Own Goal by[^.\n]*\.|Match ends,|First Half ends,|Second Half ends,|Penalty (?:missed|saved)!"
    r"(?:\s*Still)?)\s*(?P<home>[^,\n\d]{1,40}?)\s+\d{1,2},\s*(?P<away>[^,\n\d]{1,40}?)\s+\d{1,2}\.",
    re.IGNORECASE,
)
_LT_GOAL = compile_rule(
    r"Goal!\s+[^\n]{1,90}?\d{1,2}\.\s+(?P<name>" + _LT_NAME + r")\s*\((?P<team>" + _LT_TEAM + r")\)"
    r"(?P<rest>[^\n]*)"
)
_LT_OWN_GOAL = compile_rule(r"Own Goal by\s+(?P<name>" + _LT_NAME + r"),\s*(?P<team>[^.,\n]{1,40})\.")
_LT_CARD = compile_rule(
    r"(?P<second>Second yellow card to\s+)?(?:(?:Booking|Dismissal)\s+)?(?P<name>" + _LT_NAME
    + r")\s*\((?P<team>" + _LT_TEAM + r")\)(?:\s+is shown the (?P<colour>yellow|red) card)?"
)  # fmt: skip
_LT_SUB = compile_rule(
    r"Substitution,\s*(?P<team>[^.\n]{1,40})\.\s+(?P<on>" + _LT_NAME + r")\s+replaces\s+(?P<off>"
    + _LT_NAME + r")(?=\s+because\b|\s*[.\n]|\s*$)(?P<rest>[^\n]*)"
)  # fmt: skip
_LT_ASSIST = compile_rule(r"\bAssisted by\s+(?P<name>" + _LT_NAME + r")(?=\s+(?:with|following|after)\b|\s*\.|\s*$)")
_LT_PEN_MISS = compile_rule(
    r"Penalty (?:missed|saved)!(?:[^\n]{0,90}?\d{1,2}\.)?\s+(?P<name>" + _LT_NAME + r")\s*\((?P<team>"
    + _LT_TEAM + r")\)"
)  # fmt: skip
_LT_PEN_WON = compile_rule(
    r"Penalty\s+(?P<team>[^.!\n]{1,40})\.\s+(?P<name>" + _LT_NAME + r")\s+draws a foul in the penalty area"
)
_LIVE_MARKERS = ("Goal!", "Own Goal by", "Substitution,", "is shown the", "Second yellow card", "Penalty ")
_LT_MINUTE = compile_rule(r"(?<![\d\w])(?P<min>\d{1,3})'\s*(?:\+\s*(?P<add>\d{1,2})'?)?")


@dataclass(slots=True)
class _LiveEvent:
    """A live-text event before it is filed under its team."""

    team: tuple[int, int]
    line: tuple[int, int]
    event: EventMention


def _live_minute(text: str, line: tuple[int, int]) -> _Clock:
    found = _LT_MINUTE.search(text, *line)
    return (_minute(found["min"], found["add"]) or (None, None)) if found else (None, None)


def _live_name(text: str, found: re.Match[str], group: str) -> tuple[int, int] | None:
    return _tail_name(text, *found.span(group))


def _live_text_events(text: str, line: tuple[int, int]) -> Iterator[_LiveEvent]:
    """Events stated by one live-text line (goal, own goal, booking, substitution, penalty)."""
    minute = _live_minute(text, line)
    raw = text[line[0] : line[1]]
    if "Goal!" in raw:
        for found in _LT_GOAL.finditer(text, *line):
            name = _live_name(text, found, "name")
            if name:
                penalty = "penalty" in found["rest"].lower()
                assist = _LT_ASSIST.search(text, found.end("name"), line[1])
                helper = _live_name(text, assist, "name") if assist else None
                event = _event("goal", name, text, RULE_LIVE_TEXT, minute, is_penalty=penalty,
                               related_player_name=text[helper[0] : helper[1]] if helper else None)  # fmt: skip
                yield _LiveEvent(_trim(text, *found.span("team")), line, event)
    if "Own Goal by" in raw:
        for found in _LT_OWN_GOAL.finditer(text, *line):
            name = _live_name(text, found, "name")
            if name:
                event = _event("goal", name, text, RULE_LIVE_TEXT, minute, is_own_goal=True)
                yield _LiveEvent(_trim(text, *found.span("team")), line, event)
    if "Substitution," in raw:
        yield from _live_substitutions(text, line, minute)
    if "Penalty missed!" in raw or "Penalty saved!" in raw:
        for found in _LT_PEN_MISS.finditer(text, *line):
            name = _live_name(text, found, "name")
            if name:
                event = _event("penalty_miss", name, text, RULE_LIVE_TEXT, minute)
                yield _LiveEvent(_trim(text, *found.span("team")), line, event)
    if "draws a foul in the penalty area" in raw:
        for found in _LT_PEN_WON.finditer(text, *line):
            name = _live_name(text, found, "name")
            if name:
                event = _event("penalty_won", name, text, RULE_LIVE_TEXT, minute)
                yield _LiveEvent(_trim(text, *found.span("team")), line, event)
    if " card" in raw and ("is shown the" in raw or "Second yellow card to" in raw):
        yield from _live_cards(text, line, minute)


def _live_substitutions(text: str, line: tuple[int, int], minute: _Clock) -> Iterator[_LiveEvent]:
    """'Substitution, Lyon. X replaces Y[ because of an injury].'"""
    for found in _LT_SUB.finditer(text, *line):
        on, off = _live_name(text, found, "on"), _live_name(text, found, "off")
        if not on or not off:
            continue
        team = _trim(text, *found.span("team"))
        off_name = text[off[0] : off[1]]
        event = _event("substitution", on, text, RULE_LIVE_TEXT, minute, related_player_name=off_name)
        yield _LiveEvent(team, line, event)
        if "injury" in found["rest"].lower():
            yield _LiveEvent(team, line, _event("injury", off, text, RULE_LIVE_TEXT, minute))


def _live_cards(text: str, line: tuple[int, int], minute: _Clock) -> Iterator[_LiveEvent]:
    """'Booking Kell (Lyon) is shown the yellow card', 'Second yellow card to X (Lyon)'."""
    for found in _LT_CARD.finditer(text, *line):
        if not found["second"] and not found["colour"]:
            continue
        name = _live_name(text, found, "name")
        if not name:
            continue
        card = "second_yellow" if found["second"] else f"{found['colour']}_card"
        event = _event(card, name, text, RULE_LIVE_TEXT, minute)
        yield _LiveEvent(_trim(text, *found.span("team")), line, event)
        return  # one card per line: 'Dismissal' lines repeat the second-yellow player


def _read_live_text(text: str) -> list[TeamSheet]:
    """Live-text commentary lines, filed per team; the score lines tell which team was at home."""
    if not any(marker in text for marker in _LIVE_MARKERS):
        return []
    home = away = None
    score = _LT_SCORE.search(text)
    if score:
        home, away = score["home"].strip().casefold(), score["away"].strip().casefold()
    sheets: dict[str, TeamSheet] = {}
    for line in _lines(text):
        if len(text[line[0] : line[1]]) > 1000:
            continue
        for live in _live_text_events(text, line):
            label = text[live.team[0] : live.team[1]]
            key = label.casefold()
            sheet = sheets.get(key)
            if sheet is None:
                side = "home" if key == home else "away" if key == away else None
                sheet = sheets[key] = TeamSheet(label, side, live.line[0], live.line[1])
            sheet.char_start = min(sheet.char_start, live.line[0])
            sheet.char_end = max(sheet.char_end, live.line[1])
            live.event.team = label
            if not _repeats_dismissal(sheet.events, live.event):
                sheet.events.append(live.event)
    return list(sheets.values())


def _repeats_dismissal(events: list[EventMention], event: EventMention) -> bool:
    """'Dismissal X is shown the red card' right after 'Second yellow card to X' is the same sending-off."""
    if event.event_type != "red_card" or not events:
        return False
    previous = events[-1]
    return previous.event_type == "second_yellow" and previous.player_name == event.player_name


# --------------------------------------------------------------------------- entry point


def read_team_sheets(text: str) -> list[TeamSheet]:
    """Every line-up / summary block in an article, one TeamSheet per team block, in text order.

    Pure and regex-only. Spans are exact: text[char_start:char_end] is the player's name as printed.
    Event `team` is the block's label, or "home"/"away" when the label was lost; an own goal's `team`
    is the scorer's own side (the block other than the one it is listed under).
    """
    if not isinstance(text, str) or not text.strip():
        return []
    sheets = [
        *_read_printed_sheets(text),
        *_read_live_lineups(text),
        *_read_scorer_headers(text),
        *_read_live_text(text),
    ]
    sheets.sort(key=lambda sheet: (sheet.char_start, sheet.char_end))
    return sheets
