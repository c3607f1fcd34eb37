"""Parse stage: one article in, its raw records (fixtures, events, people) out, every one with a span.

Order matters and follows how a reader works: team sheets first (the most exact statements),
then the match the article is about, then the people it names, then what they did.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import lru_cache

import polars as pl

from transforms.clean import Article
from transforms.dates import month_day_date, resolve_match_date
from transforms.events import Found, Sentence, nearest_minute, read_sentence, split_sentences, template
from transforms.gates import compile_rule
from transforms.minutes import find_minutes
from transforms.people import NameFinder, bind_surnames, fold_name
from transforms.records import ArticleRecords, EventMention, FixtureMention, PersonMention, TeamSheet
from transforms.results import TeamSpan, fixture_list, headline_pairing, pairings, prose_results, score_lines
from transforms.team_sheets import read_team_sheets
from transforms.teams import TeamBook, word_start_matches

ROLE_NOUNS = (
    r"(?:goalkeeper|keeper|midfielder|defender|striker|forward|winger|captain|skipper|substitute|"
    r"full-back|fullback|centre-back|center-back|left-back|right-back|wing-back|playmaker|attacker|"
    r"frontman|teenager|youngster|veteran|debutant|star|talisman|international|man|loanee|signing)"
)


ROLE_GAP = rf"(?:'s|’s)?\s+(?:[\w-]+\s+)?(?:{ROLE_NOUNS}\s+)?"  # "Rayo goalkeeper ", "Madrid's "
ROLE_GAP_RX = compile_rule(ROLE_GAP, re.I)
FORMER = compile_rule(r"\b(?:former|ex|one-time|old)[- ]$", re.I)
TEAM_CUE = compile_rule(
    r"\b(?:gave|put|fired|shot|handed|earned|sent|drew|pulled|brought|got|for|\w+ed)\s+((?:[A-Z][\w'’.-]+ ?){1,3})"
    r"(?=\s+(?:the lead|ahead|in front|level|back|a \w+ lead|hope|victory|the win|all three|\d-\d)|[,.;]|\s+in\b)"
)
ABANDONED = compile_rule(r"\b(?:was|were|been|being|had to be) abandoned\b|\babandonment\b", re.I)
TEAM_GOAL = compile_rule(
    r"¤(?:'s|’s)?\s+(?:\w+\s+){0,2}?(?:doubled|extended|scored|equali[sz]ed|levelled|took the lead|went ahead|"
    r"went in front|hit back|pulled one back|pulled a goal back|reduced the deficit|restored|grabbed|got)\b",
    re.I,
)

PENALTY_WORDS = compile_rule(r"penalty|spot[- ]kick|from the spot", re.I)
PENALTY_IN_CLAUSE = compile_rule(r"\b(?:penalty|spot[- ]kick|from the spot|spot)\b", re.I)
WORD_OR_DASH = compile_rule(r"[\w-]")
CAPITAL_NEXT = compile_rule(r"\s+[A-Z]")
PUT_AHEAD = compile_rule(
    r"\s+(?:almost\s+|nearly\s+)?\w+\s+([A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){0,2})\s+"
    r"(?:ahead|in front|level|into the lead)\b"
)  # "X volleyed Liverpool ahead"
TEAM_IN_BRACKETS = compile_rule(r"\s*\(([^)]{2,30})\)")
PLAYS_FOR = compile_rule(r"\bfor\s+([A-Z][\w' .-]{2,30}?)(?=[\s,.;]|$)")
OBJECT_BEFORE = compile_rule(r"(?:by|from|for|to|on|past|over)\s+$")  # "fouled by X": X is not the subject


@lru_cache(maxsize=4096)
def whole_word(word: str) -> re.Pattern[str]:
    """A team's word ('United') standing alone; cached, as every article of a club asks again."""
    return re.compile(rf"{re.escape(word)}(?![\w-])")  # the look-behind is word_start_matches(..., WORD_OR_DASH)


@lru_cache(maxsize=4096)
def penalty_after(name: str) -> re.Pattern[str]:
    """'Kane ... from the spot': asked only of sentences that mention a penalty at all."""
    return re.compile(rf"{re.escape(name)}\W+(?:\w+\W+){{0,6}}?(?:penalty|spot[- ]kick|from the spot)", re.I)


class ArticleReader:
    """Reads one article; holds the per-article state (teams seen, last actor, last minute)."""

    def __init__(self, article: Article, book: TeamBook, tagger: Callable | None = None):
        self.article = article
        self.book = book
        self.tagger = tagger
        self.tagged: dict[tuple[int, int], object] = {}  # tagger windows -> spaCy Docs, filled in batches
        self.text = article.body
        self._headlines: tuple[str, list[FixtureMention]] | None = None
        self.extra_time = bool(re.search(r"\bextra[- ]time\b|\ba\.e\.t\b", self.text, re.I))

    # ---- teams -------------------------------------------------------------------------------
    def resolve_team(self, name: str) -> str | None:
        """A team name as written to its canonical name; unknown clubs are learned from score lines."""
        name = re.sub(r"^(?:Report|Result|FT|Full[- ]time|Match ends|Final score)\s*[:,]\s*", "", name.strip())
        name = re.sub(r"\s+(?:Women|Ladies)$", " Women", name)
        known = self.book.canonical(name)
        if known:
            return known
        words = name.split()
        if not 1 <= len(words) <= 4 or not words[0][:1].isupper() or name.lower() in ("the", "a"):
            return None
        if any(w.lower() in ("and", "the", "in", "on", "at", "with") for w in words):
            return None
        return name

    def team_spans(self) -> list[TeamSpan]:
        hits = [TeamSpan(h.start, h.end, h.canonical) for h in self.book.find_teams(self.text)]
        hits += self.short_forms(hits)
        learned = {f.home_team for f in self.fixtures} | {f.away_team for f in self.fixtures}
        learned -= {h.canonical for h in hits}
        for name in learned:
            if self.book.canonical(name):
                continue
            for m in re.finditer(rf"\b{re.escape(name)}\b", self.text):
                if not any(h.start < m.end() and m.start() < h.end for h in hits):
                    hits.append(TeamSpan(m.start(), m.end(), name))
        return sorted(hits, key=lambda h: h.start)

    def short_forms(self, hits: list[TeamSpan]) -> list[TeamSpan]:
        """'United' or 'Hotspur' stand for a team when exactly one team of this article carries the word."""
        owners: dict[str, set[str]] = {}
        for name in {h.canonical for h in hits}:
            for word in name.split():
                if len(word) >= 4 and word[0].isupper():
                    owners.setdefault(word, set()).add(name)
        out: list[TeamSpan] = []
        covered = {i for h in hits for i in range(h.start, h.end)}  # inside a full name already
        for word, names in owners.items():
            if len(names) != 1:
                continue
            for m in word_start_matches(whole_word(word), self.text, WORD_OR_DASH):
                if m.start() not in covered and not CAPITAL_NEXT.match(self.text, m.end()):
                    out.append(TeamSpan(m.start(), m.end(), next(iter(names))))
        return out

    # ---- the whole article ---------------------------------------------------------------------
    def read(self) -> ArticleRecords:
        self.prepare()
        try:
            return self.finish()
        finally:
            self.release()

    def release(self) -> None:
        """Break the reader <-> name finder cycle (the finder's callbacks hold the reader): reference
        counting then frees a read article at once, not the garbage collector later (~230 objects each)."""
        self.finder = None  # type: ignore[assignment]
        self.tagged = {}

    def prepare(self) -> list[tuple[int, int]]:
        """Everything up to naming people; returns the text windows the tagger must see to settle names,
        so that a batch of articles can be tagged in one call (spaCy is far cheaper per text in batches)."""
        text = self.text
        self.sheets: list[TeamSheet] = read_team_sheets(text)
        sheet_spans = [(s.char_start, s.char_end) for s in self.sheets]
        prose = [(a, b) for a, b in split_sentences(text) if not any(sa <= a < se for sa, se in sheet_spans)]
        self.fixtures: list[FixtureMention] = []
        self.fixtures = self.read_fixtures(prose, [])
        teams = self.team_spans()
        self.fixtures = self.read_fixtures(prose, teams)
        comps = [(c.start, c.end) for c in self.book.find_competitions(text)]
        comps += [(v.start, v.end) for v in self.book.find_venues(text)]  # stadiums are not people
        self.prose, self.teams = prose, teams
        self.finder = NameFinder(
            text,
            sheet_spans + [(t.start, t.end) for t in teams] + comps + title_lines(text),
            lambda s: self.book.canonical(s) is not None or s in self.fixture_teams(),
            self.proper_noun(prose),
        )
        if self.tagger is None:
            return []
        return sorted({self.tagger_window(s, e) for s, e in self.finder.questions()})

    def finish(self) -> ArticleRecords:
        """The rest of the article, once the tagger's windows are in `tagged` (any missing one is tagged alone)."""
        text, prose, teams = self.text, self.prose, self.teams
        people = self.finder.find()
        coach_successions(text, people)
        sheet_people = [p for s in self.sheets for p in s.players]
        binding = bind_surnames([p.name for p in people if p.role == "player"] + [p.name for p in sheet_people])
        prose_teams = self.player_teams(people, teams, binding)
        main = self.choose_main(teams) or self.main_from_sheets(teams, prose_teams, binding)
        self.describe_fixtures(main, prose)
        events = self.read_events(prose, people, teams, binding)
        for e in events:  # "X gave Liverpool the lead": what players did says whom they play for
            if e.team and e.player_name and not e.is_own_goal:
                prose_teams.setdefault(fold_name(binding.get(e.player_name, e.player_name)), Counter())[e.team] += 2
        if main is not None and (not main.home_known or main.rule == "most_named"):
            self.orient_by_sheets(main, binding, prose_teams)
        if main is not None and not main.home_known:
            self.orient_by_place(main)
        team_of = self.sheet_teams(main, binding, prose_teams)
        events += self.sheet_events(main)
        for e in events:
            if e.player_name:
                e.player_name = binding.get(e.player_name, e.player_name)
            if e.related_player_name:
                e.related_player_name = binding.get(e.related_player_name, e.related_player_name)
            if e.team is None and e.player_name:
                e.team = team_of.get(fold_name(e.player_name))
        events = self.settle_goals(dedupe_events(events), main)
        if main is not None and main.home_score is None and main.status == "played":
            self.infer_score(main, events)
        for p in people + sheet_people:
            p.name = binding.get(p.name, p.name)
            p.team = p.team or team_of.get(fold_name(p.name))
        return ArticleRecords(
            self.article.source_id, self.fixtures, events, people + sheet_people, sorted({t.canonical for t in teams})
        )

    def describe_fixtures(self, main: FixtureMention | None, prose: list[tuple[int, int]]) -> None:
        """Date, competition and venue from the words around each fixture (the lead for the main one)."""
        text, anchor = self.text, self.article.published_date
        lead_end = prose[min(2, len(prose) - 1)][1] if prose else min(len(text), 600)
        for f in self.fixtures:
            s0 = max((a for a, _ in prose if a <= f.char_start), default=0)
            s1 = min((b for _, b in prose if b >= f.char_end), default=len(text))
            window = text[s0:s1]
            if f is main:
                window = window + " " + text[:lead_end]
            if f.match_date is None:
                date = resolve_match_date(window, anchor, played=f.status != "scheduled")
                f.match_date = date
            comps = self.book.find_competitions(window)
            f.competition = f.competition or (comps[0].canonical if comps else None)
            if f is main and ABANDONED.search(text):
                f.status, f.score_note = "abandoned", "abandoned"
            grounds = self.book.find_venues(window)
            if f is main and f.venue is None and grounds:
                f.venue = grounds[0].canonical
            if f is main and f.venue is None:
                venue = re.search(
                    r"\b(?:at|inside|in front of a \w+ crowd at)\s+(?:the\s+)?([A-Z][\w'’-]+(?: [A-Z][\w'’-]+){0,3})",
                    window,
                )
                if (
                    venue
                    and not self.book.canonical(venue[1].strip())
                    and venue[1].strip() not in ("Home", "Half", "Wembley Way")
                ):
                    f.venue = venue[1].strip()

    def proper_noun(self, prose: list[tuple[int, int]]) -> Callable[[int, int], bool] | None:
        """Ask the language model, only for a capitalised word that opens a sentence ('Varga scored')."""
        if self.tagger is None:
            return None
        cache = self.tagged

        def is_proper(start: int, end: int) -> bool:
            a, b = self.tagger_window(start, end)
            doc = cache.get((a, b))
            if doc is None:
                doc = cache[a, b] = self.tagger(self.text[a:b])  # type: ignore[misc]
            tok = doc.char_span(start - a, end - a, alignment_mode="expand")  # type: ignore[attr-defined]
            return bool(tok) and all(t.tag_ in ("NNP", "NNPS") for t in tok)

        return is_proper

    def tagger_window(self, start: int, end: int) -> tuple[int, int]:
        s0, s1 = next(((a, b) for a, b in self.prose if a <= start < b), (start, min(len(self.text), end + 80)))
        return tagger_window(self.text, start, end, s0, s1)

    def fixture_teams(self) -> set[str]:
        return {f.home_team for f in self.fixtures} | {f.away_team for f in self.fixtures}

    # ---- fixtures ------------------------------------------------------------------------------
    def read_fixtures(self, prose: list[tuple[int, int]], teams: list[TeamSpan]) -> list[FixtureMention]:
        text, headlines = self.headlines()
        found = [replace(f) for f in headlines]  # copies: merging changes mentions in place
        if teams:
            subject = self.subject_team(teams)
            found += prose_results(text, prose, teams, subject)
            found += pairings(text, prose, teams, subject)
            found += self.scheduled(text, teams)
        found += self.sheet_fixture(found)
        return merge_fixture_mentions(found)

    def headlines(self) -> tuple[str, list[FixtureMention]]:
        """The text without sheets, and its score lines and headline pairing: read once, asked twice
        (before the teams are known, to learn clubs from score lines, and after)."""
        if self._headlines is None:
            text = mask(self.text, [(s.char_start, s.char_end) for s in self.sheets])
            found = score_lines(text, [], self.resolve_team)
            pairing = headline_pairing(text, self.resolve_team)
            self._headlines = (text, found + ([pairing] if pairing else []))
        return self._headlines

    def scheduled(self, text: str, teams: list[TeamSpan]) -> list[FixtureMention]:
        """Fixture lists and announced matches, dated with the article's year."""
        counts = Counter(t.canonical for t in teams)

        def owner_of(pos: int, not_team: str) -> str | None:
            """The team whose fixtures these are: a possessive before the list, else the most named one."""
            head = [
                t
                for t in teams
                if pos - 250 <= t.start < pos
                and t.canonical != not_team
                and re.match(r"(?:'s|’s)\s", text[t.end : t.end + 3])
            ]
            if head:
                return head[-1].canonical
            return next(
                (
                    n
                    for n, _ in counts.most_common()
                    if n != not_team and self.book.is_national(n) == self.book.is_national(not_team)
                ),
                None,
            )

        out = []
        anchor = self.article.published_date
        for fx, month_day in fixture_list(text, teams, owner_of, self.book.competition):
            if anchor and month_day:
                fx.match_date = month_day_date(anchor, month_day[0], month_day[1], played=False)
            if fx.rule == "announced" and re.search(
                r"friendl", text[max(0, fx.char_start - 200) : fx.char_start], re.I
            ):
                fx.competition = fx.competition or self.book.competition("friendly")
            out.append(fx)
        return out

    def sheet_fixture(self, found: list[FixtureMention]) -> list[FixtureMention]:
        """Two labelled team sheets name the match even when no score line does (home first)."""
        labelled = [s for s in self.sheets if s.team]
        if len(labelled) < 2:
            return []
        home, away = self.resolve_team(labelled[0].team or ""), self.resolve_team(labelled[1].team or "")
        if not home or not away or home == away:
            return []
        return [FixtureMention(home, away, labelled[0].char_start, labelled[1].char_end, rule="team_sheet")]

    def subject_team(self, teams: list[TeamSpan]):
        """The article's own team: the most named one, for sentences like 'a 2-1 win over Rayo'."""
        counts = Counter(t.canonical for t in teams)

        def pick(not_team: str | None) -> str | None:
            for name, _ in counts.most_common():
                if name != not_team:
                    return name
            return None

        return pick

    def choose_main(self, teams: list[TeamSpan]) -> FixtureMention | None:
        """The match the article reports: its teams are the most named; an early score line wins ties."""
        if not self.fixtures:
            return None
        counts = Counter(t.canonical for t in teams)
        head = self.text[: max(400, len(self.text) // 6)]

        def weight(f: FixtureMention) -> tuple[float, int]:
            w = counts.get(f.home_team, 0) + counts.get(f.away_team, 0) + (12 if f.status == "played" else 0)
            w += 6 if f.char_start < len(head) else 0
            w += 4 if f.rule in ("headline", "headline_nodash", "live", "team_sheet", "headline_v") else 0
            w -= (
                8
                if re.search(
                    r"\b(?:on|last) (?:Saturday|Sunday|Monday|Tuesday|Wednesday|Thursday|Friday)\b|"
                    r"\blast (?:week|season|month)|\bearlier\b",
                    self.text[f.char_end : f.char_end + 30],
                )
                else 0
            )
            return w, -f.char_start

        strong = [
            f
            for f in self.fixtures
            if not f.rule.startswith("pairing")
            or f.char_start < 300
            or min(counts.get(f.home_team, 0), counts.get(f.away_team, 0)) >= 2
        ]
        played = [f for f in self.fixtures if f.status == "played"]
        # a report is about a match played: a weak pairing beats an announced fixture
        sided = len([s for s in self.sheets if s.side]) >= 2  # line-ups will name the match themselves
        candidates = [f for f in strong if f.status == "played"] or ([] if sided else played or strong)
        if not candidates:
            return None
        main = max(candidates, key=weight)
        main.is_main = True
        self.fixtures.remove(main)
        self.fixtures.insert(0, main)
        return main

    # ---- people and teams ----------------------------------------------------------------------
    def player_teams(
        self, people: list[PersonMention], teams: list[TeamSpan], binding: dict[str, str]
    ) -> dict[str, Counter[str]]:
        """Which team each player plays for, from prose: 'Rayo goalkeeper X', 'X (Lyon)', 'X for Lyon'."""
        text = self.text
        votes: dict[str, Counter[str]] = {}
        for p in people:
            key = fold_name(binding.get(p.name, p.name))
            after = text[p.char_end : p.char_end + 70]
            for t in teams:  # a team named just before the player: "Rayo goalkeeper X", "Madrid's X"
                if not 0 <= p.char_start - t.end <= 120 or not ROLE_GAP_RX.fullmatch(text, t.end, p.char_start):
                    continue
                if not FORMER.search(text[max(0, t.start - 12) : t.start]):
                    votes.setdefault(key, Counter())[t.canonical] += 2
            m = PUT_AHEAD.match(after)  # "X volleyed Liverpool ahead"
            if m and self.resolve_team(m[1]) and self.book.canonical(m[1]):
                votes.setdefault(key, Counter())[self.book.canonical(m[1]) or ""] += 2
            m = TEAM_IN_BRACKETS.match(after)
            if m and self.resolve_team(m[1]):
                votes.setdefault(key, Counter())[self.resolve_team(m[1]) or ""] += 2
            m = PLAYS_FOR.search(after)
            if m and self.book.canonical(m[1]):
                votes.setdefault(key, Counter())[self.book.canonical(m[1]) or ""] += 1
        return votes

    def sheet_team(
        self, sheet: TeamSheet, binding: dict[str, str], votes: dict[str, Counter[str]], candidates: tuple[str, ...]
    ) -> str | None:
        """An unlabelled line-up belongs to the team its players are said to play for in the prose."""
        if sheet.team:
            return self.resolve_team(sheet.team)
        tally: Counter[str] = Counter()
        for p in sheet.players:
            for team, n in votes.get(fold_name(binding.get(p.name, p.name)), Counter()).items():
                if team in candidates:
                    tally[team] += n
        return tally.most_common(1)[0][0] if tally else None

    def sheet_teams(
        self, main: FixtureMention | None, binding: dict[str, str], votes: dict[str, Counter[str]]
    ) -> dict[str, str]:
        """Player -> team: sheet labels (or sides of the main match) first, prose votes after."""
        out = {k: v.most_common(1)[0][0] for k, v in votes.items() if v}
        for sheet in self.sheets:
            label = self.resolve_team(sheet.team) if sheet.team else self.side_team(sheet.side, main)
            if label:
                for p in sheet.players:
                    out[fold_name(binding.get(p.name, p.name))] = label
        return out

    def orient_by_place(self, main: FixtureMention) -> None:
        """A ground named (Anfield) or a country ('winning in Spain') that belongs to one side only: home."""
        home = self.book.venue_home(main.venue) if main.venue else None
        if home not in (main.home_team, main.away_team):
            lands = {t: self.book.country(t) for t in (main.home_team, main.away_team)}
            if None in lands.values() or len(set(lands.values())) < 2:
                return
            said = [
                t for t, land in lands.items() if re.search(rf"\b(?:in|to|at) {re.escape(land or '')}\b", self.text)
            ]
            if len(said) != 1:
                return
            home = said[0]
        if home == main.away_team:
            main.home_team, main.away_team = main.away_team, main.home_team
            main.home_score, main.away_score = main.away_score, main.home_score
        main.home_known = True

    def orient_by_sheets(self, main: FixtureMention, binding: dict[str, str], votes: dict[str, Counter[str]]) -> None:
        """Line-ups list the home side first: turn a match read from prose the right way round."""
        pair = (main.home_team, main.away_team)
        home = next((self.sheet_team(s, binding, votes, pair) for s in self.sheets if s.side == "home"), None)
        away = next((self.sheet_team(s, binding, votes, pair) for s in self.sheets if s.side == "away"), None)
        if home == main.away_team or away == main.home_team:
            main.home_team, main.away_team = main.away_team, main.home_team
            main.home_score, main.away_score = main.away_score, main.home_score
        if home in pair or away in pair:
            main.home_known = True

    def main_from_sheets(
        self, teams: list[TeamSpan], votes: dict[str, Counter[str]], binding: dict[str, str]
    ) -> FixtureMention | None:
        """No score line: the two most-named teams, home from the line-up order when the sheets tell."""
        if len([s for s in self.sheets if s.side]) < 2:
            return None  # without line-ups, the two most-named teams are only a guess
        counts = Counter(t.canonical for t in teams)
        ranked = [name for name, _ in counts.most_common()]
        if not ranked:
            return None
        national = self.book.is_national(ranked[0])  # clubs play clubs, countries play countries
        pair = tuple([ranked[0], *[n for n in ranked[1:] if self.book.is_national(n) == national][:1]])
        if len(pair) < 2 or counts[pair[1]] < 2:
            return None
        sides = {s.side: self.sheet_team(s, binding, votes, pair) for s in self.sheets if s.side}
        home, away = sides.get("home"), sides.get("away")
        if home in pair and away not in pair:
            away = next(t for t in pair if t != home)
        if away in pair and home not in pair:
            home = next(t for t in pair if t != away)
        known = home in pair and away in pair and home != away
        if not known:
            first = min((t for t in teams if t.canonical in pair), key=lambda t: t.start)
            home, away = first.canonical, next(t for t in pair if t != first.canonical)
        start = min(t.start for t in teams if t.canonical in pair)
        main = FixtureMention(str(home), str(away), start, start + 1, home_known=known, rule="most_named", is_main=True)
        self.fixtures.insert(0, main)
        return main

    def side_team(self, side: str | None, main: FixtureMention | None) -> str | None:
        if main is None or side not in ("home", "away"):
            return None
        return main.home_team if side == "home" else main.away_team

    # ---- events --------------------------------------------------------------------------------
    def read_events(
        self, prose: list[tuple[int, int]], people: list[PersonMention], teams: list[TeamSpan], binding: dict[str, str]
    ) -> list[EventMention]:
        team_marks = sorted((t.start, t.end) for t in teams)
        team_starts = [a for a, _ in team_marks]
        players = [p for p in people if p.role == "player"]
        events: list[EventMention] = []
        last_actor: PersonMention | None = None
        last_minute: int | None = None
        fixture_index = 0
        pending: tuple[int, int | None, int] | None = None  # a team's goal with a minute, scorer named later
        for n, (s0, s1) in enumerate(prose):
            fixture_index = self.fixture_for_sentence(s0, s1, fixture_index)
            in_sent = [p for p in players if s0 <= p.char_start and p.char_end <= s1]
            near = team_marks[bisect_left(team_starts, s0) : bisect_right(team_starts, s1)]
            if not in_sent and not any(b <= s1 for _, b in near):
                fixture_index = self.fixture_at(s0, s1, fixture_index)
                continue  # no person and no team: no event can be read here
            sent = template(self.text, s0, s1, in_sent, near)
            found = read_sentence(sent)
            team_goal = TEAM_GOAL.search(sent.template)
            # a minute is told with its event: the clock is read only in sentences where something happens
            minutes = find_minutes(self.text, s0, s1, extra_time=self.extra_time) if found or team_goal else []
            if team_goal and not any(f.event_type == "goal" for f in found):
                mm = nearest_minute(minutes, s0, s1, sent.index[team_goal.start()])
                pending = (mm.minute, mm.added, n) if mm and mm.minute is not None else pending
            for f in found:
                ev = self.to_event(sent, f, minutes, last_actor, last_minute)
                if ev is None:
                    continue
                if ev.event_type == "goal" and ev.minute is None and pending and n - pending[2] <= 2:
                    ev.minute, ev.added_time = pending[0], pending[1]
                    pending = None
                ev.fixture_index = self.fixture_at(s0, ev.char_start, fixture_index)
                events.append(ev)
                extra = {"goal_double": 1, "goal_hat_trick": 2}.get(
                    f.rule, 0
                )  # a brace is two goals, a hat-trick three
                events += [replace(ev, minute=None, added_time=None, rule="goal_double_second") for _ in range(extra)]
                if ev.minute is not None:
                    last_minute = ev.minute + (ev.added_time or 0)
            fixture_index = self.fixture_at(s0, s1, fixture_index)
            if in_sent:
                subjects = [
                    p for p in in_sent if not OBJECT_BEFORE.search(self.text[max(s0, p.char_start - 8) : p.char_start])
                ]
                last_actor = (subjects or in_sent)[0]
        return events

    def fixture_at(self, s0: int, pos: int, current: int) -> int:
        """An event told after another result in the same sentence belongs to that result's match."""
        found = [
            i
            for i, f in enumerate(self.fixtures)
            if i and s0 <= f.char_start < pos and f.home_score is not None and f.rule.startswith("prose")
        ]
        return found[-1] if found else current

    def fixture_for_sentence(self, s0: int, s1: int, current: int) -> int:
        """Round-ups report several matches: events follow the last match given a score in the prose,
        until a sentence names a team of the main match again."""
        if current and self.fixtures:
            main = self.fixtures[0]
            sent = self.text[s0:s1]
            other = self.fixtures[current]
            names_main = any(
                self.book.find_teams(sent) and h.canonical in (main.home_team, main.away_team)
                for h in self.book.find_teams(sent)
            )
            names_other = any(h.canonical in (other.home_team, other.away_team) for h in self.book.find_teams(sent))
            if names_main and not names_other:
                return 0
        return current

    def to_event(
        self, sent: Sentence, f: Found, minutes: list, last_actor: PersonMention | None, last_minute: int | None
    ) -> EventMention | None:
        people = sent.people
        actor = people[f.actor] if f.actor is not None and f.actor < len(people) else None
        related = people[f.related] if f.related is not None and f.related < len(people) else None
        if f.pronoun:
            related = last_actor if last_actor is not actor else None
        if actor is None:
            return None
        t0 = sent.index[min(f.t_start, len(sent.index) - 1)]
        t1 = sent.index[min(max(f.t_end - 1, 0), len(sent.index) - 1)] + 1
        clause = self.text[t0:t1]
        z0, z1 = self.zone(sent, actor, t0, t1)
        mm = nearest_minute(minutes, z0, z1, t0) or self.scene_minute(minutes, sent)
        minute, added = (mm.minute, mm.added) if mm else (None, None)
        if mm and mm.relative is not None:
            minute, added = (last_minute + mm.relative, None) if last_minute is not None else (None, None)
            if minute is not None and minute > 90 and not self.extra_time:
                minute, added = 90, minute - 90
        etype = f.event_type
        sentence_text = self.text[sent.start : sent.end]
        is_pen = etype == "goal" and bool(PENALTY_IN_CLAUSE.search(clause))
        if etype == "goal" and not is_pen and PENALTY_WORDS.search(sentence_text):
            is_pen = bool(penalty_after(actor.name).search(sentence_text)) and "penalty box" not in sentence_text
        if etype == "red_card" and re.search(r"second (?:yellow|booking|caution)", self.text[z0:z1], re.I):
            etype = "second_yellow"
        cue = TEAM_CUE.search(self.text, t0, min(z1, t1 + 40))
        return EventMention(
            event_type=etype,
            team=self.resolve_team(cue[1]) if cue and etype == "goal" else None,
            char_start=actor.char_start,
            char_end=actor.char_end,
            player_name=actor.name,
            related_player_name=related.name if related else None,
            minute=minute,
            added_time=added,
            is_penalty=is_pen,
            is_own_goal=f.rule == "goal_own",
            rule=f.rule,
        )

    def zone(self, sent: Sentence, actor: PersonMention, t0: int, t1: int) -> tuple[int, int]:
        """The stretch of the sentence that belongs to this event: from the previous other person to the next."""
        lo, hi = min(t0, actor.char_start), max(t1, actor.char_end)
        after = [
            p.char_start
            for p in sent.people
            if p.char_start >= hi
            and p is not actor
            and not re.search(
                r"(?:\b(?:on|for|by|from|past|over|with|against|to|of|beat|beyond|round|around)\s+|(?:'s|’s|’)\s+)$",
                self.text[max(sent.start, p.char_start - 12) : p.char_start],
            )
        ]
        return lo, (min(after) if after else sent.end)

    @staticmethod
    def scene_minute(minutes: list, sent: Sentence):
        """'Rayo hit back in the 49th minute when ...': a minute before anyone is named sets the scene."""
        first = min((p.char_start for p in sent.people), default=sent.end)
        scene = [m for m in minutes if sent.start <= m.start and m.end <= first]
        return scene[-1] if len(scene) == 1 else None

    def sheet_events(self, main: FixtureMention | None) -> list[EventMention]:
        out: list[EventMention] = []
        for sheet in self.sheets:
            for e in sheet.events:
                if e.team in ("home", "away"):
                    e.team = self.side_team(e.team, main)
                elif e.team:
                    e.team = self.resolve_team(e.team) or e.team
                out.append(e)
        return out

    # ---- consistency with the score ------------------------------------------------------------
    def settle_goals(self, events: list[EventMention], main: FixtureMention | None) -> list[EventMention]:
        """A 2-1 has three goals: drop the weakest prose readings beyond what the score allows."""
        if main is None or main.home_score is None or main.away_score is None:
            return events
        total = main.home_score + main.away_score
        goals = [e for e in events if e.event_type == "goal" and e.fixture_index == 0]
        if len(goals) <= total:
            return events
        strength = {
            "sheet": 0,
            "goal_strong": 1,
            "goal_own": 1,
            "goal_noun_from": 2,
            "goal_through": 2,
            "goal_possessive": 3,
            "goal_double": 3,
            "goal_weak": 4,
        }
        ranked = sorted(
            goals,
            key=lambda e: (not e.rule.startswith("sheet") and strength.get(e.rule, 2), e.minute is None, e.char_start),
        )
        drop = {id(e) for e in ranked[total:]}
        return [e for e in events if id(e) not in drop]

    def infer_score(self, main: FixtureMention, events: list[EventMention]) -> None:
        """No score line but every goal's team is known ('goals in each half from...'): count them."""
        goals = [e for e in events if e.event_type == "goal" and e.fixture_index == 0]
        if not goals or any(e.team not in (main.home_team, main.away_team) for e in goals):
            return
        for_home = sum(1 for e in goals if (e.team == main.home_team) != e.is_own_goal)
        main.home_score, main.away_score = for_home, len(goals) - for_home
        main.score_note = "score counted from the goals reported"


def coach_successions(text: str, people: list[PersonMention]) -> None:
    """'Coach X, who replaced Y last month': whom a coach replaced was a coach too."""
    for p in people:
        if p.role != "coach":
            continue
        m = re.match(r",?\s+who\s+(?:replaced|succeeded|took over from)\s+", text[p.char_end : p.char_end + 40])
        if not m:
            continue
        nxt = next((q for q in people if q.char_start == p.char_end + m.end()), None)
        if nxt is not None:
            nxt.role = "coach"


def mask(text: str, spans: list[tuple[int, int]]) -> str:
    """Blank spans with spaces (offsets kept) so one reader does not read another's part."""
    chars = list(text)
    for a, b in spans:
        chars[a:b] = [c if c == "\n" else " " for c in chars[a:b]]
    return "".join(chars)


def title_lines(text: str) -> list[tuple[int, int]]:
    """Headline-style lines ('The Games Jude Bellingham Could Miss'): capitals there say nothing about names."""
    out = []
    for m in re.finditer(r"(?m)^.+$", text):
        words = re.findall(r"[^\W\d_][\w'’-]*", m.group())
        if len(words) >= 4 and sum(w[0].isupper() for w in words) >= 0.75 * len(words):
            out.append((m.start(), m.end()))
    return out


def merge_fixture_mentions(found: list[FixtureMention]) -> list[FixtureMention]:
    """One mention per team pair in an article: a score beats none, a headline beats prose."""
    out: dict[tuple, FixtureMention] = {}
    for f in found:  # a span covers the words that state the match, whichever team came first
        f.char_start, f.char_end = (
            min(f.char_start, f.char_end),
            max(f.char_start, f.char_end, min(f.char_start, f.char_end) + 1),
        )
    for f in sorted(found, key=lambda f: f.char_start):
        key = (
            frozenset((f.home_team, f.away_team)),
            f.status == "scheduled",
            f.match_date if f.status == "scheduled" else None,
        )  # a two-legged tie is two fixtures
        have = out.get(key)
        if have is None:
            out[key] = f
            continue
        if have.home_score is None and f.home_score is not None:
            if have.home_known and have.home_team != f.home_team:
                f.home_team, f.away_team = f.away_team, f.home_team
                f.home_score, f.away_score = f.away_score, f.home_score
            f.home_known = f.home_known or have.home_known
            f.char_start = min(f.char_start, have.char_start)
            out[key] = f
        elif not have.home_known and f.home_known:
            if f.home_team != have.home_team:
                have.home_team, have.away_team = have.away_team, have.home_team
                have.home_score, have.away_score = have.away_score, have.home_score
            have.home_known = True
    return sorted(out.values(), key=lambda f: f.char_start)


def dedupe_events(events: list[EventMention]) -> list[EventMention]:
    """One article saying the same thing twice is one mention: same type, player and minute (or none).

    A brace ("a double from X") promises two goals: the second is kept, untimed, unless two are told apart.
    """
    seconds = [e for e in events if e.rule == "goal_double_second"]
    per_mention = Counter((fold_name(e.player_name or ""), e.char_start) for e in seconds)
    promised: Counter[str] = Counter()
    for (key, _), n in per_mention.items():  # "hat-trick" told twice is still three goals
        promised[key] = max(promised[key], n)
    out = _merge_twins([e for e in events if e.rule != "goal_double_second"])
    for extra in seconds:
        key = fold_name(extra.player_name or "")
        same = [o for o in out if o.event_type == "goal" and o.player_name and fold_name(o.player_name) == key]
        if len(same) < promised[key] + 1:
            out.append(extra)
    return out


def _merge_twins(events: list[EventMention]) -> list[EventMention]:
    out: list[EventMention] = []
    for e in events:
        twin = next(
            (
                o
                for o in out
                if o.event_type == e.event_type
                and o.fixture_index == e.fixture_index
                and o.player_name
                and e.player_name
                and fold_name(o.player_name) == fold_name(e.player_name)
                and (
                    o.minute is None
                    or e.minute is None
                    or abs(o.minute + (o.added_time or 0) - e.minute - (e.added_time or 0)) <= 2
                )
            ),
            None,
        )
        if twin is None:
            out.append(e)
            continue
        if twin.minute is None and e.minute is not None:
            twin.minute, twin.added_time = e.minute, e.added_time
        if e.rule.startswith("sheet") and not twin.rule.startswith("sheet"):
            twin.minute, twin.added_time = e.minute if e.minute is not None else twin.minute, e.added_time
        twin.is_penalty |= e.is_penalty
        twin.is_own_goal |= e.is_own_goal
        twin.related_player_name = twin.related_player_name or e.related_player_name
        twin.team = twin.team or e.team
    return out


FIXTURE_COLUMNS = [
    "source_id",
    "fixture_index",
    "home_team",
    "away_team",
    "home_score",
    "away_score",
    "status",
    "match_date",
    "competition",
    "venue",
    "home_known",
    "is_main",
    "score_note",
    "char_start",
    "char_end",
    "rule",
]
EVENT_COLUMNS = [
    "source_id",
    "fixture_index",
    "event_type",
    "player_name",
    "team",
    "related_player_name",
    "minute",
    "added_time",
    "is_penalty",
    "is_own_goal",
    "char_start",
    "char_end",
    "rule",
]
PEOPLE_COLUMNS = ["source_id", "name", "role", "team", "char_start", "char_end", "rule"]
RAW_SCHEMAS: dict[str, dict[str, pl.DataType]] = {
    "fixtures": {
        "source_id": pl.String,
        "fixture_index": pl.Int32,
        "home_team": pl.String,
        "away_team": pl.String,
        "home_score": pl.Int32,
        "away_score": pl.Int32,
        "status": pl.String,
        "match_date": pl.Date,
        "competition": pl.String,
        "venue": pl.String,
        "home_known": pl.Boolean,
        "is_main": pl.Boolean,
        "score_note": pl.String,
        "char_start": pl.Int32,
        "char_end": pl.Int32,
        "rule": pl.String,
    },
    "events": {
        "source_id": pl.String,
        "fixture_index": pl.Int32,
        "event_type": pl.String,
        "player_name": pl.String,
        "team": pl.String,
        "related_player_name": pl.String,
        "minute": pl.Int32,
        "added_time": pl.Int32,
        "is_penalty": pl.Boolean,
        "is_own_goal": pl.Boolean,
        "char_start": pl.Int32,
        "char_end": pl.Int32,
        "rule": pl.String,
    },
    "people": {
        "source_id": pl.String,
        "name": pl.String,
        "role": pl.String,
        "team": pl.String,
        "char_start": pl.Int32,
        "char_end": pl.Int32,
        "rule": pl.String,
    },
}


def records_frames(records: list[ArticleRecords]) -> dict[str, pl.DataFrame]:
    """Raw records of many articles as three frames with fixed column types, ready for validation."""
    fixtures: list[tuple[object, str, int | None]] = []
    events: list[tuple[object, str, int | None]] = []
    people: list[tuple[object, str, int | None]] = []
    for rec in records:
        fixtures += [(f, rec.source_id, i) for i, f in enumerate(rec.fixtures)]
        events += [(e, rec.source_id, None) for e in rec.events]
        people += [(p, rec.source_id, None) for p in rec.people]
    return {
        "fixtures": _frame(fixtures, RAW_SCHEMAS["fixtures"], FIXTURE_COLUMNS),
        "events": _frame(events, RAW_SCHEMAS["events"], EVENT_COLUMNS),
        "people": _frame(people, RAW_SCHEMAS["people"], PEOPLE_COLUMNS),
    }


def _frame(
    items: list[tuple[object, str, int | None]], schema: dict[str, pl.DataType], attrs: list[str]
) -> pl.DataFrame:
    """Column by column from (record, source id, fixture index): no dict per row. The source id is the
    article's; a fixture's index is its place in the article; other columns are the records' attributes."""
    columns = []
    for col, dtype in schema.items():
        if col == "source_id":
            values = [sid for _, sid, _ in items]
        elif col == "fixture_index" and items and items[0][2] is not None:
            values = [i for _, _, i in items]
        elif col in attrs:
            values = [getattr(rec, col, None) for rec, _, _ in items]
        else:
            values = [None] * len(items)
        columns.append(pl.Series(col, values, dtype=dtype))
    return pl.DataFrame(columns)


def tagger_window(text: str, start: int, end: int, s0: int, s1: int, words: int = 4) -> tuple[int, int]:
    """The stretch of sentence text[s0:s1] the tagger needs to tag text[start:end] exactly as in the whole sentence.

    Its tok2vec sees four tokens either side of a token (window 1, depth 4) and every space-separated word is at
    least one token, so four words either side give the same tag at a fraction of the cost of the sentence.
    """
    a, b = start, end
    for _ in range(words):
        a = text.rfind(" ", s0, a)
        if a < 0:
            a = s0
            break
    for _ in range(words):
        b = text.find(" ", b + 1, s1)
        if b < 0:
            b = s1
            break
    return a, b


def parse_articles(
    articles: list[Article], book: TeamBook, tagger: Callable | None = None
) -> list[ArticleRecords | Exception]:
    """The parse stage for a batch: one result per article, an article the parser chokes on gives its error."""
    import os

    if os.environ.get("MATCHWIRE_OLD_READER") != "1":
        from transforms.reader import read_batch

        return read_batch(articles, book, tagger)
    readers: list[ArticleReader | Exception] = []
    asks: list[tuple[ArticleReader, tuple[int, int]]] = []
    for a in articles:
        try:
            reader = ArticleReader(a, book, tagger)
            asks += [(reader, w) for w in reader.prepare()]
            readers.append(reader)
        except Exception as err:  # one odd article never costs the batch
            readers.append(err)
    if tagger is not None and asks:
        docs = tagger.pipe((r.text[a:b] for r, (a, b) in asks), batch_size=256)  # type: ignore[attr-defined]
        for (reader, window), doc in zip(asks, docs, strict=True):
            reader.tagged[window] = doc
    out: list[ArticleRecords | Exception] = []
    for r in readers:
        try:
            out.append(r if isinstance(r, Exception) else r.finish())
        except Exception as err:
            out.append(err)
        finally:
            if not isinstance(r, Exception):
                r.release()
    return out


def parse_article(article: Article, book: TeamBook, tagger: Callable | None = None) -> ArticleRecords:
    """The parse stage for one article; `tagger` (a spaCy pipeline) settles sentence-initial names."""
    return ArticleReader(article, book, tagger).read()
