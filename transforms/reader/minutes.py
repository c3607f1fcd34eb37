"""Minutes pass: the time expressions of the prose, resolved to the match clock where they can be.

The phrases and their arithmetic live in `transforms.minutes` ("in the 15th minute", "90+3",
"with ten minutes left", "two minutes into the second half", "six minutes later"). A clock is read
only in the sentences that need one (where an event is told), once each: `minutes_in` reads a
sentence on first ask and keeps the answer in `doc.minutes`.
"""

from __future__ import annotations

from transforms.minutes import MinuteMention, find_minutes
from transforms.reader.doc import Doc


def read(doc: Doc) -> None:
    """Start with no clock read; sentences are read on demand by `minutes_in`."""
    doc.minutes = []
    doc.minutes_read = {}


def minutes_in(doc: Doc, s0: int, s1: int) -> list[MinuteMention]:
    """The time expressions of text[s0:s1] (a sentence), read once."""
    got = doc.minutes_read.get((s0, s1))
    if got is None:
        got = find_minutes(doc.text, s0, s1, extra_time=doc.extra_time)
        got = doc.minutes_read[s0, s1] = [m for m in got if not _a_teams_place(doc, m)]
        doc.minutes += got
    return got


def _a_teams_place(doc: Doc, m: MinuteMention) -> bool:
    """'Northbrook (2nd) beat Eastwick (5th)': an ordinal in brackets right after a team is its place
    in the table, not a minute ('Varga (41st)' is one)."""
    text = doc.text
    if not (text.startswith("(", m.start) and text[m.end - 3 : m.end - 1] in ("st", "nd", "rd", "th")):
        return False
    end = len(text[: m.start].rstrip(" \t"))
    return any(r.end == end for r in doc.teams_in(max(0, m.start - 60), m.start))
