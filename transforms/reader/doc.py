"""The document: one article's text and every span the passes have found in it.

Like a spaCy `Doc`, it holds the text once and grows layers as the passes run: sections and
sentences, teams, people, minutes, scores, the result claims, the matches decided from them, and
the events. Every span is a pair of offsets into `text` (the article body, clutter blanked in
place), so any record can point back at the words that state it.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field

from transforms.clean import Article
from transforms.minutes import MinuteMention
from transforms.reader.lexicon import Lexicon
from transforms.records import EventMention, FixtureMention, PersonMention, TeamSheet
from transforms.teams import TeamBook


@dataclass(slots=True)
class TeamRef:
    """Words that name a team: its name, a short form, a nickname, or a side ('the hosts')."""

    start: int
    end: int
    team: str | None  # canonical name; None for a side word not tied to a match yet
    how: str  # name | short | nickname | demonym | place | side | pronoun
    side: str | None = None  # "home" / "away" for side words


@dataclass(slots=True)
class Score:
    """Two numbers read as a scoreline, and what kind of score the words around it make it."""

    start: int
    end: int
    first: int
    second: int
    kind: str  # final | running | half_time | aggregate | shootout | record


@dataclass(slots=True)
class Claim:
    """A match the text states: two teams, maybe a score, maybe who was at home.

    `first` is the subject of the words (or the team printed first in a score line); `goals` are
    (first's, second's). `home` is the home team when the words say it, else None.
    """

    first: str
    second: str
    start: int
    end: int
    rule: str
    goals: tuple[int, int] | None = None
    home: str | None = None
    status: str = "played"
    note: str | None = None
    weight: float = 1.0
    earlier: bool = False  # told as a past match ("last week's defeat", "the first leg")
    heading: bool = False  # a score line standing as a heading of its own
    outcome: str | None = None  # for a claim without a score: did the subject win, lose or draw
    placed: bool = False  # a score naming no team, once given to a match


@dataclass(slots=True)
class Scope:
    """A stretch of text that reports one match (a round-up's section, a line-up block)."""

    start: int
    end: int
    match: int  # index into Doc.matches


@dataclass(slots=True)
class Doc:
    """One article being read."""

    article: Article
    book: TeamBook
    lex: Lexicon
    tagger: Callable | None = None
    text: str = ""
    lines: list[tuple[int, int]] = field(default_factory=list)
    sentences: list[tuple[int, int]] = field(default_factory=list)  # prose sentences (sheets left out)
    paragraphs: list[tuple[int, int]] = field(default_factory=list)
    headline: tuple[int, int] = (0, 0)
    headings: list = field(default_factory=list)  # sections.Heading: score lines standing alone
    sheets: list[TeamSheet] = field(default_factory=list)
    line_minutes: dict[int, MinuteMention] = field(default_factory=dict)  # line start -> its live-text clock
    teams: list[TeamRef] = field(default_factory=list)
    learned: dict[str, str] = field(default_factory=dict)  # surface form -> canonical, for clubs read off text
    first_names: frozenset[int] = frozenset()  # starts of team words opening a person's name ('Jordan Kral')
    people: list[PersonMention] = field(default_factory=list)
    sheet_people: list[PersonMention] = field(default_factory=list)
    pronouns: list[tuple[int, int, int]] = field(default_factory=list)  # (start, end, person index)
    minutes: list[MinuteMention] = field(default_factory=list)
    minutes_read: dict[tuple[int, int], list[MinuteMention]] = field(default_factory=dict)
    scores: list[Score] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    matches: list[FixtureMention] = field(default_factory=list)
    scopes: list[Scope] = field(default_factory=list)
    events: list[EventMention] = field(default_factory=list)
    side_events: list[EventMention] = field(default_factory=list)  # line-up events whose team is the sheet's side
    binding: dict[str, str] = field(default_factory=dict)  # short name -> full name
    team_of: dict[str, str] = field(default_factory=dict)  # folded player name -> team
    evidence: list[str] = field(default_factory=list)  # why the match decision went the way it did
    extra_time: bool = False
    tagged: dict[tuple[int, int], object] = field(default_factory=dict)
    finder: object | None = None
    _team_starts: list[int] = field(default_factory=list)
    _team_index: dict[int, int] = field(default_factory=dict)
    _lower: str = ""
    _venues: list | None = None
    _competitions: list | None = None
    votes: dict = field(default_factory=dict)  # events.player_votes, kept while votes_key holds
    votes_key: tuple = ()  # id(team ref) -> its index in teams
    _starts: tuple = ((), [])  # (the sentences list, its starts): bisect without rebuilding
    _line_starts: tuple = ((), [])

    # ---- lookups the passes share -------------------------------------------------------------
    def set_teams(self, refs: list[TeamRef]) -> None:
        self.teams = sorted(refs, key=lambda t: t.start)
        self._team_starts = [t.start for t in self.teams]
        self._team_index = {id(t): k for k, t in enumerate(self.teams)}

    def team_marks(self, refs: list[TeamRef]) -> list[tuple[int, int, str]]:
        """Template marks for team words: '¤k' for doc.teams[k]."""
        return [(r.start, r.end, f"¤{self._team_index[id(r)]}") for r in refs]

    @property
    def lower(self) -> str:
        """The text in lower case (same offsets), for the passes' quick 'is the word there at all' tests."""
        if len(self._lower) != len(self.text):
            self._lower = self.text.lower()
        return self._lower

    def venues_in(self, start: int, end: int) -> list:
        """Grounds the reference lists name inside text[start:end] (TeamHits, article offsets), found once."""
        if self._venues is None:
            self._venues = self.book.find_venues(self.text)
        return [h for h in self._venues if start <= h.start and h.end <= end]

    def competitions_in(self, start: int, end: int) -> list:
        """Competitions named inside text[start:end] (TeamHits, article offsets), found once."""
        if self._competitions is None:
            self._competitions = self.book.find_competitions(self.text)
        return [h for h in self._competitions if start <= h.start and h.end <= end]

    def teams_in(self, start: int, end: int) -> list[TeamRef]:
        """Team words inside text[start:end]."""
        lo, hi = bisect_left(self._team_starts, start), bisect_right(self._team_starts, end)
        return [t for t in self.teams[lo:hi] if t.end <= end]

    def sentence_at(self, pos: int) -> tuple[int, int]:
        k = bisect_right(self._sentence_starts(), pos) - 1
        if k >= 0 and self.sentences[k][0] <= pos < self.sentences[k][1]:
            return self.sentences[k]
        return (pos, pos)

    def _sentence_starts(self) -> list[int]:
        if self._starts[0] is not self.sentences or len(self._starts[1]) != len(self.sentences):
            self._starts = (self.sentences, [s for s, _ in self.sentences])
        return self._starts[1]

    def sentence_before(self, pos: int) -> tuple[int, int]:
        """The last sentence that ends at or before pos ((pos, pos) when none does)."""
        k = bisect_right([e for _, e in self.sentences], pos) - 1
        return self.sentences[k] if k >= 0 else (pos, pos)

    def line_at(self, pos: int) -> tuple[int, int]:
        if self._line_starts[0] is not self.lines or len(self._line_starts[1]) != len(self.lines):
            self._line_starts = (self.lines, [s for s, _ in self.lines])
        k = bisect_right(self._line_starts[1], pos) - 1
        return self.lines[k] if k >= 0 else (0, 0)

    def match_teams(self, k: int) -> tuple[str, str]:
        m = self.matches[k]
        return m.home_team, m.away_team

    def note(self, line: str) -> None:
        """One line of the match decision's evidence, for the debug view."""
        self.evidence.append(line)


def mask(text: str, spans: list[tuple[int, int]]) -> str:
    """Blank spans with spaces (offsets kept) so one reader does not read another's part."""
    if not spans:
        return text
    chars = list(text)
    for a, b in spans:
        chars[a:b] = [c if c == "\n" else " " for c in chars[a:b]]
    return "".join(chars)


_LINE = re.compile(r"[^\n]*")


def line_spans(text: str) -> list[tuple[int, int]]:
    """Every non-blank line's (start, end), leading and trailing blanks trimmed."""
    out = []
    for m in _LINE.finditer(text):
        s, e = m.span()
        raw = m.group()
        if not raw.strip():
            continue
        out.append((s + len(raw) - len(raw.lstrip()), e - (len(raw) - len(raw.rstrip()))))
    return out


@dataclass(slots=True)
class Template:
    """A sentence with marked spans replaced by tokens ('¤3' for doc.teams[3], '§1' for a person), so one
    pattern reads 'beat Eastwick' and 'beat the struggling Eastwick Rovers' alike. `index[i]` is the text
    offset of template character i (a token's characters all map to its span's start)."""

    start: int
    end: int
    text: str
    index: list[int]
    ends: dict[int, int]  # template offset of a token -> text offset of the span's end

    def span(self, a: int, b: int) -> tuple[int, int]:
        """Text span of template[a:b]."""
        a = min(a, len(self.index) - 1)
        last = min(max(b - 1, a), len(self.index) - 1)
        end = self.ends.get(last, self.index[last] + 1)
        for k in range(a, b):
            if k in self.ends:
                end = max(end, self.ends[k])
        return self.index[a], end


def template(text: str, start: int, end: int, marks: list[tuple[int, int, str]]) -> Template:
    """text[start:end] with each (s, e, token) span replaced by its token; overlapping marks after the
    first are skipped."""
    out: list[str] = []
    index: list[int] = []
    ends: dict[int, int] = {}
    pos = start
    for a, b, tok in sorted(marks):
        if a < pos or b > end or a < start:
            continue
        out.append(text[pos:a])
        index.extend(range(pos, a))
        ends[len(index)] = b
        out.append(tok)
        index.extend([a] * len(tok))
        pos = b
    out.append(text[pos:end])
    index.extend(range(pos, end))
    return Template(start, end, "".join(out), index, ends)
