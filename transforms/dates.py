"""Match dates from the words around a result: 'on Sunday', 'Sunday's win', 'Feb. 17', 'Friday, March 27'.

A weekday is resolved against the article's own date: backwards for a played match (the report
comes after it), forwards for a scheduled one. No article date, no resolved date: never a guess.
"""

from __future__ import annotations

import datetime as dt
import re

from transforms.clean import MONTHS
from transforms.gates import compile_rule

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_WEEKDAY = compile_rule(
    r"\b(?:(?:on|last|this|next)\s+)?(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"(?:'s|’s)?\b(?:\s+(?:night|evening|afternoon))?"
)
_MONTH_DAY = compile_rule(
    r"\b(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?"
    r"(?P<mon>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?\s+(?P<day>\d{1,2})\b"
    r"|\b(?P<day2>\d{1,2})\s+(?P<mon2>January|February|March|April|May|June|July|August|September|"
    r"October|November|December)\b"
)


def weekday_date(anchor: dt.date, weekday: str, played: bool) -> dt.date:
    """The nearest such weekday on or before the anchor (played) or on or after it (scheduled)."""
    target = WEEKDAYS.index(weekday.lower())
    delta = (anchor.weekday() - target) % 7
    if played:
        return anchor - dt.timedelta(days=delta)
    return anchor + dt.timedelta(days=(target - anchor.weekday()) % 7)


def month_day_date(anchor: dt.date, month: int, day: int, played: bool) -> dt.date | None:
    """'Feb. 17' takes the article's year, or the next one when that would put a fixture in the past."""
    try:
        guess = dt.date(anchor.year, month, day)
    except ValueError:
        return None
    if not played and guess < anchor - dt.timedelta(days=60):
        return guess.replace(year=anchor.year + 1)
    if played and guess > anchor + dt.timedelta(days=60):
        return guess.replace(year=anchor.year - 1)
    return guess


def resolve_match_date(window: str, anchor: dt.date | None, played: bool) -> dt.date | None:
    """The first explicit date in the window of text about one fixture."""
    if anchor is None:
        return None
    md = _MONTH_DAY.search(window)
    if md:
        mon = (md["mon"] or md["mon2"]).lower().rstrip(".")
        day = int(md["day"] or md["day2"])
        month = MONTHS.get(mon[:3] if mon[:3] in MONTHS else mon)
        if month:
            return month_day_date(anchor, month, day, played)
    wd = _WEEKDAY.search(window)
    if wd:
        return weekday_date(anchor, wd[1], played)
    if played and re.search(r"\b(?:tonight|this evening|this afternoon)\b", window):
        return anchor
    if played and re.search(r"\byesterday\b", window):
        return anchor - dt.timedelta(days=1)
    return None
