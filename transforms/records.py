"""Raw records: what one article says, before any cross-article fusion.

Every record carries the character span (end exclusive) of the words in the article text
that state it, so an analyst can go back to the source (GDELT-style mentions).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

# The closed vocabularies (event types, roles) live with the schemas: schemas.models.EVENT_TYPES, ROLES.


@dataclass(slots=True)
class PersonMention:
    """A person named in the article, with what the text says about who they are."""

    name: str
    char_start: int
    char_end: int
    role: str = "player"
    team: str | None = None  # team name as the text gives it; canonicalised later
    rule: str = ""


@dataclass(slots=True)
class EventMention:
    """One statement of a match event in one article."""

    event_type: str
    char_start: int
    char_end: int
    player_name: str | None = None
    team: str | None = None  # the actor's own team, as text; or "home"/"away" from a team sheet side
    related_player_name: str | None = None
    minute: int | None = None
    added_time: int | None = None
    is_penalty: bool = False
    is_own_goal: bool = False
    rule: str = ""
    fixture_index: int = 0  # which of the article's fixtures it belongs to (0 = the main match)


@dataclass(slots=True)
class FixtureMention:
    """A match the article names: the one it reports, results in passing, announced fixtures."""

    home_team: str
    away_team: str
    char_start: int
    char_end: int
    home_score: int | None = None
    away_score: int | None = None
    status: str = "played"  # played | scheduled | abandoned | postponed
    match_date: dt.date | None = None
    competition: str | None = None
    venue: str | None = None
    home_known: bool = True
    score_note: str | None = None
    rule: str = ""
    is_main: bool = False


@dataclass(slots=True)
class TeamSheet:
    """A line-up block (BBC sheet, wire summary, live-text line-up) and the events it lists."""

    team: str | None  # team label as printed, None when the label was lost
    side: str | None  # "home" / "away" when the sheet's order tells
    char_start: int
    char_end: int
    players: list[PersonMention] = field(default_factory=list)
    events: list[EventMention] = field(default_factory=list)


@dataclass(slots=True)
class ArticleRecords:
    """Everything one article states, before fusion with other articles."""

    source_id: str
    fixtures: list[FixtureMention] = field(default_factory=list)
    events: list[EventMention] = field(default_factory=list)
    people: list[PersonMention] = field(default_factory=list)
    teams: list[str] = field(default_factory=list)
