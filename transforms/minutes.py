"""Minutes as football writers give them, resolved to the match clock.

"in the 15th minute" -> 15; "on the hour" -> 60; "four minutes into the second half" -> 49;
"with ten minutes left" -> 80; "the 100th minute" / "10th minute of stoppage time" -> 90+10;
"in injury time" -> 90 (added unknown); "five minutes later" -> relative to the last event.
What the text does not pin down ("late on", "early") stays None: never a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from transforms.gates import any_word_test
from transforms.teams import trie_pattern

_UNITS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_ORD_UNITS = [
    "zeroth",
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
]
_ORD_TENS = {
    "twentieth": 20,
    "thirtieth": 30,
    "fortieth": 40,
    "fiftieth": 50,
    "sixtieth": 60,
    "seventieth": 70,
    "eightieth": 80,
    "ninetieth": 90,
}


def _number_words() -> dict[str, int]:
    words = {w: i for i, w in enumerate(_UNITS)} | dict(_TENS)
    words |= {w: i for i, w in enumerate(_ORD_UNITS)} | dict(_ORD_TENS)
    for tens, value in _TENS.items():
        for i, unit in enumerate(_UNITS[1:10], start=1):
            words[f"{tens}-{unit}"] = value + i
            words[f"{tens} {unit}"] = value + i
        for i, unit in enumerate(_ORD_UNITS[1:10], start=1):
            words[f"{tens}-{unit}"] = value + i
    words |= {"a": 1, "an": 1, "a couple of": 2, "a few": None, "couple of": 2}  # type: ignore[dict-item]
    return words


NUMBER_WORDS = _number_words()
_WORD_ALT = trie_pattern(NUMBER_WORDS)  # a trie, not 200 alternatives tried at every word
NUM = rf"(?:\d{{1,3}}(?:st|nd|rd|th)?|{_WORD_ALT})"


def read_number(token: str) -> int | None:
    """'15', '15th', 'fifteen', 'twenty-third' -> int; None when it is no number."""
    token = token.strip().lower()
    m = re.fullmatch(r"(\d{1,3})(?:st|nd|rd|th)?", token)
    if m:
        return int(m[1])
    return NUMBER_WORDS.get(token)


@dataclass(frozen=True, slots=True)
class MinuteMention:
    """A time expression: an absolute clock reading or an offset from the previous event."""

    start: int
    end: int
    minute: int | None
    added: int | None = None
    relative: int | None = None  # "five minutes later" -> 5


def clock(n: int, extra_time: bool = False) -> tuple[int, int | None]:
    """A raw minute count to (minute, added): 'the 100th minute' is 90+10 unless extra time was played."""
    if n > 90 and not (extra_time and n <= 120):
        return 90, n - 90
    return n, None


_STOPPAGE = r"(?:stoppage|injury|added|additional)[- ]time"
_HALF = r"(?:half[- ]?time|the (?:break|interval|restart))"
# 'ten minutes before half-time', 'five minutes after the restart': counted from a mark, not the kick-off
_FROM_A_MARK = (
    r"\s+(?:after|before|from)\s+(?:the\s+)?(?:half|full|time\b|break|interval|end|final|restart|re-start|start|"
    r"kick|second|first|his|her|their|being|coming|going|the)"
)
_PATTERNS: list[tuple[str, str]] = [
    # 90+3, 90+3', 45 + 2 min
    (
        "plus",
        r"\b(?P<a>\d{2,3})\s*(?:'|’|′)?\s*(?:\+|plus)\s*(?P<b>\d{1,2})\s*(?:'|’|′|(?:st|nd|rd|th)\s+minute\b|min(?:ute)?s?\b)?",
    ),
    # the 10th minute of (second-half) stoppage time / three minutes into stoppage time
    (
        "nth_of_stoppage",
        rf"\b(?:the\s+)?(?P<n>{NUM})(?:\s+minute)?\s+(?:minute\s+)?(?:of|into)\s+"
        rf"(?P<half>first[- ]half\s+|second[- ]half\s+)?{_STOPPAGE}",
    ),
    (
        "into_stoppage",
        rf"\b(?P<n>{NUM})\s+minutes?\s+into\s+(?:the\s+)?(?P<half>first[- ]half\s+|second[- ]half\s+)?"
        rf"(?:{_STOPPAGE})(?:\s+(?:of|in)\s+the\s+(?P<half2>first|second)[- ]half)?",
    ),
    # with 33 minutes gone / with an hour played / with a quarter of an hour left / needed 12 minutes to
    ("gone", rf"\bwith\s+(?:just\s+|only\s+|barely\s+)?(?P<n>{NUM})\s+minutes?\s+(?:gone|played|on the clock)\b"),
    ("hour_gone", r"\bwith\s+(?:an|the)\s+hour\s+(?:gone|played|up|on\s+the\s+clock)\b"),
    ("half_hour_gone", r"\bwith\s+(?:half\s+an|the\s+half)\s+hour\s+(?:gone|played|up|on\s+the\s+clock)\b"),
    (
        "quarter_gone",
        r"\bwith\s+(?:just\s+|only\s+|barely\s+)?(?:a\s+)?quarter(?:[- ]hour|\s+of\s+an\s+hour)\s+"
        r"(?:gone|played|on\s+the\s+clock)\b",
    ),
    ("quarter_left", r"\bwith\s+(?:just\s+)?(?:a\s+)?quarter\s+of\s+an\s+hour\s+(?:left|remaining|to\s+go|to\s+play)\b"),
    ("needed", rf"\b(?:needed|took|required|it\s+took)\s+(?:just\s+|only\s+|barely\s+)?(?P<n>{NUM})\s+minutes?\s+(?:to|for)\b"),
    # a match clock: 'at 56:46' is in the 57th minute
    ("match_clock", r"\b(?:at|in\s+the)\s+(?P<mm>\d{1,3}):(?P<ss>[0-5]\d)\b(?!\s*(?:am|pm|a\.m|p\.m|GMT|BST|CET|ET|local))"),
    # four minutes into the second half / five minutes after the restart / within 30 seconds of the restart
    (
        "into_half",
        rf"\b(?P<n>{NUM})\s+minutes?\s+(?:into|after)\s+(?:the\s+)?(?:(?P<half>second|first)[- ]half|"
        rf"(?P<ht>{_HALF})|(?<=after the )half\b(?![- ]?time))",  # US 'a minute after the half': 46
    ),
    ("before_ht", rf"\b(?P<n>{NUM})\s+minutes?\s+(?:before|from)\s+(?:half[- ]?time|the (?:break|interval))"),
    ("before_ft", rf"\b(?P<n>{NUM})\s+minutes?\s+(?:before|from)\s+(?:full[- ]?time|time\b|the (?:final|end)\b)"),
    ("seconds_restart", rf"\b(?:within|after)\s+(?P<n>{NUM})\s+seconds\s+of\s+(?:the\s+)?(?:second[- ]half|restart)"),
    # with ten minutes left / remaining / to go / of normal time remaining
    (
        "left",
        rf"\b(?:with\s+)?(?:just\s+|only\s+)?(?P<n>{NUM})\s+minutes?\s+(?:of\s+(?:normal|regular)\s+time\s+)?"
        rf"(?:left|remaining|to\s+go|to\s+play)",
    ),
    # in the 15th minute / 36th-minute / the 100th minute / in minute 15
    ("nth", rf"\b(?:the\s+)?(?P<n>\d{{1,3}}(?:st|nd|rd|th)?|{_WORD_ALT})[- ](?:minute|min)\b(?![- ]mark)"),
    # "scored in the 62nd", "a penalty in the 71st": an ordinal standing for the minute
    (
        "bare_nth",
        r"\b(?:in|on|at)\s+the\s+(?P<n>\d{1,3})(?:st|nd|rd|th)\b(?!\s*[-–]?\s*(?:minute|min|mins|round|place|time|"
        r"times|game|games|match|matches|season|year|century|consecutive|straight|successive|tier|division|spot|position|"
        r"league|row|meeting|anniversary|birthday|goal|goals|appearance|start|cap|title|win|defeat|loss|draw|leg|half|week|"
        r"day|month|of|percent|%|ranked|seed|pick|overall|edition|final|minute-mark|group|table|bundesliga|premier|serie|"
        r"la|ligue|championship|cup|game-week|gameweek|matchday|career|league|international|club|senior|professional)\b)",
    ),
    ("minute_n", r"\b(?:in\s+)?minute\s+(?P<n>\d{1,3})\b"),
    # after 18 minutes / on 75 minutes / inside 10 minutes / 20 minutes in
    (
        "after",
        rf"\b(?P<kind>after|on|at|inside(?:\s+of)?|in)\s+(?:just\s+|only\s+)?(?P<n>{NUM})\s+minutes?\b"
        rf"(?!\s+(?:later|left|remaining|to go|into|of)\b|{_FROM_A_MARK})",
    ),
    (
        "in",
        rf"\b(?P<n>{NUM})\s+minutes\s+(?:in\b(?!to)|into\s+(?:the\s+)?(?:match|game|contest|tie|final|encounter|"
        rf"clash|derby|proceedings|first[- ]half)\b)",
    ),
    ("mark", r"\b(?:the\s+)?(?P<n>\d{1,3})[- ]minute\s+mark\b"),
    # five minutes later / moments later / within three minutes (of the goal before)
    (
        "later",
        rf"\b(?P<n>{NUM})\s+minutes?\s+later\b|\bwithin\s+(?:just\s+|only\s+)?(?P<n2>{NUM})\s+minutes?\b(?!\s+of\s+(?:the\s+)?(?:kick-off|start|the start))",
    ),
    ("on_the_hour", r"\b(?:on|around|just after|just before|before|after|past)\s+the\s+hour(?:[- ]mark)?\b"),
    (
        "half_hour",
        r"\b(?:on|around|just after|just before|before|after|past)\s+(?:the\s+half[- ]hour(?:[- ]mark)?|half\s+an\s+hour)\b",
    ),
    ("first_minute", r"\b(?:in\s+)?the\s+(?:first|opening)\s+minute\b"),
    ("last_kick", r"\bwith\s+the\s+(?:last|final)\s+kick\s+of\s+the\s+(?:game|match)\b"),
    ("stroke_ht", r"\bon\s+the\s+stroke\s+of\s+half[- ]?time\b|\bright\s+on\s+half[- ]?time\b"),
    ("stroke_ft", r"\bon\s+the\s+stroke\s+of\s+(?:full[- ]?time|time)\b"),
    (
        "last_minute",
        r"\b(?:in\s+the\s+)?(?:last|final|dying)[- ]minute\b|\b(?:the\s+)?(?:last|final)\s+(?:play|kick|action|seconds)\s+of\s+(?:the\s+)?(?:second[- ]half\s+)?(?:stoppage|injury|added)\s+time\b",
    ),
    ("stoppage", rf"\b(?:in|during|deep\s+(?:in|into))\s+(?:the\s+)?(?:(?P<half>first|second)[- ]half\s+)?{_STOPPAGE}"),
    (
        "stoppage_adj",
        rf"\b(?P<half>first|second)?[- ]?(?:half\s+)?{_STOPPAGE}\s+(?:winner|equaliser|equalizer|goal|"
        rf"penalty|strike|header|effort)",
    ),
    ("apostrophe", r"(?<![\w+])(?P<n>\d{1,3})\s?(?:'|’|′)(?!\w)"),
    ("paren", r"\((?P<n>\d{1,3})(?:\s*(?:min(?:ute)?s?|mins))?\)"),
    ("paren_nth", r"\((?P<n>\d{1,3})(?:st|nd|rd|th|\.)(?:\s*(?:min(?:ute)?s?|mins))?\)"),  # '(41st)', '(41.)'
]
_COMPILED = [(name, re.compile(p, re.IGNORECASE)) for name, p in _PATTERNS]
# A word each pattern cannot match without: most reports lack most of them, so most patterns never scan.
_NEEDS: dict[str, tuple[str, ...]] = {
    "plus": ("+", "plus"),
    "nth_of_stoppage": ("time",),
    "into_stoppage": ("time",),
    "gone": ("gone", "played", "clock"),
    "hour_gone": ("hour",),
    "half_hour_gone": ("hour",),
    "quarter_left": ("quarter",),
    "quarter_gone": ("quarter",),
    "needed": ("needed", "took", "required"),
    "match_clock": (":",),
    "into_half": ("half", "break", "interval", "restart"),
    "before_ht": ("half", "break", "interval"),
    "before_ft": ("time", "final", "end"),
    "seconds_restart": ("seconds",),
    "left": ("left", "remaining", "to go", "to play"),
    "nth": ("minute", "min"),
    "bare_nth": ("st ", "nd ", "rd ", "th ", "st.", "nd.", "rd.", "th.", "st,", "nd,", "rd,", "th,"),
    "minute_n": ("minute",),
    "after": ("minute",),
    "in": ("minutes",),
    "mark": ("mark",),
    "later": ("later", "within"),
    "on_the_hour": ("hour",),
    "half_hour": ("hour",),
    "first_minute": ("minute",),
    "stroke_ht": ("stroke", "right on"),
    "last_kick": ("kick",),
    "stroke_ft": ("stroke",),
    "last_minute": ("minute", "play", "kick", "action", "seconds"),
    "stoppage": ("time",),
    "stoppage_adj": ("time",),
    "apostrophe": ("'", "’", "′"),
    "paren": ("(",),
    "paren_nth": ("st)", "nd)", "rd)", "th)", ".)", "min"),
}


_SCANS = [(name, rx, any_word_test(_NEEDS.get(name, ("",)))) for name, rx in _COMPILED]


_TIME_OF_DAY = re.compile(r"kick|\bk\.?o\b|start|begin|gates|doors", re.I)


_FIXED_MINUTE = {  # phrases that name one minute: 'on the stroke of half-time', 'with an hour gone'
    "seconds_restart": 46,
    "hour_gone": 60,
    "half_hour_gone": 30,
    "quarter_gone": 15,
    "on_the_hour": 60,
    "half_hour": 30,
    "first_minute": 1,
    "last_kick": 90,
    "stroke_ht": 45,
    "stroke_ft": 90,
    "last_minute": 90,
}


def _resolve(name: str, m: re.Match[str], extra_time: bool) -> tuple[int | None, int | None, int | None]:
    """One matched phrase to (minute, added, relative)."""
    if name in _FIXED_MINUTE:
        return _FIXED_MINUTE[name], None, None
    n = read_number(m.group("n")) if "n" in m.re.groupindex and m.group("n") else None
    if n is None and "n2" in m.re.groupindex and m.group("n2"):
        n = read_number(m.group("n2"))
    half = (m.groupdict().get("half") or m.groupdict().get("half2") or "").lower()
    base = 45 if half.startswith("first") else 90
    if name == "plus":
        a, b = int(m["a"]), int(m["b"])
        return (a, b, None) if a in (45, 90, 105, 120) else (None, None, None)
    if name in ("nth_of_stoppage", "into_stoppage"):
        return (base, n, None) if n else (None, None, None)
    if name == "into_half":
        if n is None:
            return None, None, None
        return ((0 if half == "first" else 45) + n, None, None)
    if name == "before_ht":
        return (45 - n, None, None) if n is not None and n < 45 else (None, None, None)
    if name == "before_ft":
        return (90 - n, None, None) if n is not None and n < 90 else (None, None, None)
    if name == "left":
        if n is None or n >= 90:
            return None, None, None
        return ((120 if extra_time else 90) - n, None, None)
    if name in ("nth", "bare_nth", "minute_n", "mark", "after", "in", "apostrophe", "paren", "paren_nth"):
        if name == "nth" and re.fullmatch(r"an?|a couple of|couple of|a few", (m.group("n") or "").lower()):
            return None, None, None  # 'a minute later', 'a few minutes': a stretch of time, not the clock
        if n is None or not 1 <= n <= 130:
            return None, None, None
        if name in ("paren", "paren_nth") and n > 120:
            return None, None, None
        minute, added = clock(n, extra_time)
        return minute, added, None
    if name == "later":
        return None, None, n
    if name in ("gone", "needed"):
        return (n, None, None) if n is not None and 1 <= n <= 120 else (None, None, None)
    if name == "quarter_left":
        return (105 if extra_time else 75), None, None
    if name == "match_clock":
        if m["ss"] == "00" or _TIME_OF_DAY.search(m.string, max(0, m.start() - 25), m.start()):
            return None, None, None  # 'kick-off at 15:00': the time of day
        minute = int(m["mm"]) + 1  # 56:46 is the 57th minute
        return clock(minute, extra_time) + (None,) if minute <= 130 else (None, None, None)
    if name in ("stoppage", "stoppage_adj"):
        return (45 if half == "first" else 90), None, None
    return None, None, None


def find_minutes(text: str, start: int = 0, end: int | None = None, extra_time: bool = False) -> list[MinuteMention]:
    """Every time expression in text[start:end], longest first where two overlap, in text order."""
    end = len(text) if end is None else end
    found: list[MinuteMention] = []
    taken: list[tuple[int, int]] = []
    lowered = text[start:end].lower()
    for name, rx, needed in _SCANS:
        if not needed(lowered):
            continue
        for m in rx.finditer(text, start, end):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            minute, added, relative = _resolve(name, m, extra_time)
            if minute is None and relative is None:
                continue
            if (
                name in ("stoppage", "stoppage_adj")
                and minute == 90
                and _FIRST_HALF.search(text, max(start, m.start() - 80), min(end, m.end() + 60))
            ):
                minute = 45  # "the first half ended with a strike in stoppage time"
            if name == "apostrophe" and _is_quote(text, m):
                continue
            if name == "paren" and _goal_count(text, m, start, end):
                continue
            taken.append((m.start(), m.end()))
            found.append(MinuteMention(m.start(), m.end(), minute, added, relative))
    return sorted(found, key=lambda x: x.start)


_NAME_BEFORE = re.compile(r"[^\W\d_]\s?\Z")
_LIST_GOES_ON = re.compile(r"\s*(?:,|and\b|\.|;|$)")
_CLOCK_IN_BRACKETS = re.compile(r"\(\d{2,3}(?:\s*(?:min(?:ute)?s?|mins))?\)")


def _goal_count(text: str, m: re.Match[str], start: int, end: int) -> bool:
    """'strikes from Varga (2), Olsen and Berg': a small number in brackets after a name, in a list
    whose other brackets hold no clock, counts the player's goals."""
    if int(m.group("n")) > 5 or not _NAME_BEFORE.search(text, max(start, m.start() - 2), m.start()):
        return False
    if not _LIST_GOES_ON.match(text, m.end(), end):
        return False
    return not _CLOCK_IN_BRACKETS.search(text, max(start, m.start() - 80), min(end, m.end() + 80))


_COUNT_BRACKET = re.compile(r"\s*\((?P<n>[1-5])\)")


def goal_count_at(text: str, pos: int) -> int | None:
    """The goals a bracket right after a scorer's name counts ('Varga (2)'), or None when it is a clock."""
    m = _COUNT_BRACKET.match(text, pos)
    if m is None or not _LIST_GOES_ON.match(text, m.end()):
        return None
    return None if _CLOCK_IN_BRACKETS.search(text, max(0, pos - 80), m.end() + 80) else int(m["n"])


_FIRST_HALF = re.compile(
    r"\bfirst[- ]half\b|\bbefore (?:the )?(?:break|interval|half[- ]?time)\b|\bthe first 45\b", re.I
)


def _is_quote(text: str, m: re.Match[str]) -> bool:
    """'75' inside quotation marks or a year like '90s is no minute."""
    after = text[m.end() : m.end() + 1]
    return after == "s" or text[max(0, m.start() - 1) : m.start()] in ("'", "’")


def resolve_minute(phrase: str, extra_time: bool = False) -> tuple[int | None, int | None]:
    """The clock reading of one phrase ('in the 100th minute' -> (90, 10)); (None, None) when vague."""
    found = [x for x in find_minutes(phrase, extra_time=extra_time) if x.minute is not None]
    if not found:
        return None, None
    return found[0].minute, found[0].added
