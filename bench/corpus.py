"""Benchmark corpora: N article files in a folder, every one with its own content.

Two sources:

* ``repeat_corpus``: the texts of a folder (the dev corpus, or ``seeds/``) repeated to N files. Each
  copy gets a marker line that makes its content (and so its ``source_id``) unique, so the pipeline
  really parses every copy instead of quarantining it as a duplicate. The marker is lowercase words
  only (no names, numbers or dates for the parser to pick up) and goes at the end of the article, or
  just before a trailing agency sign-off (``... REUTERS``) so that the sign-off is still found.
  ``marker_diffs`` checks that a marked copy parses to the same records as the original.
* ``synthetic_corpus``: invented match reports from templates: real clubs (pairs from one country,
  from ``transforms/data/teams.csv``), invented players, scores, minutes, cards, substitutions and a
  BBC-style team sheet. Deterministic for a given seed.

The articles are written only to the folder given (a temporary one): texts of the dev corpus are
never copied into the project.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from collections import defaultdict
from dataclasses import asdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LETTERS = "abcdefghijklmnopqrstuvwxyz"


def default_articles_dir() -> Path:
    """``../shared/corpus/dev/articles`` beside the project, else the project's ``seeds/``."""
    dev = ROOT.parent / "shared" / "corpus" / "dev" / "articles"
    return dev if dev.is_dir() and any(dev.iterdir()) else ROOT / "seeds"


def source_files(folder: Path) -> list[tuple[str, bytes]]:
    """(name, bytes) of the folder's visible regular files, in name order."""
    files = sorted(p for p in Path(folder).iterdir() if p.is_file() and not p.name.startswith("."))
    if not files:
        raise SystemExit(f"bench: no article files in {folder}")
    return [(p.name, p.read_bytes()) for p in files]


def code(i: int, width: int = 6) -> str:
    """A counter as lowercase letters (``aaaaab``): unique per copy, and no digit a parser could read."""
    out = []
    for _ in range(width):
        i, r = divmod(i, 26)
        out.append(LETTERS[r])
    return "".join(reversed(out))


def mark(raw: bytes, i: int) -> bytes:
    """The article with a harmless, unique marker line, before a trailing sign-off if there is one."""
    from transforms.clean import find_signoff

    newline = b"\r\n" if b"\r\n" in raw else b"\n"
    line = f"(benchmark copy {code(i)})".encode("ascii")
    # latin-1 maps bytes to characters one to one, so the sign-off's offsets are byte offsets
    signoff, _ = find_signoff(raw.decode("latin-1"))
    if signoff:
        at = signoff[0]
        return raw[:at] + line + newline + newline + raw[at:]
    return raw.rstrip() + newline + newline + line + newline


def write_files(dest: Path, files: list[tuple[str, bytes]]) -> None:
    dest.mkdir(parents=True, exist_ok=True)
    for name, raw in files:
        (dest / name).write_bytes(raw)


def repeat_corpus(sources: list[tuple[str, bytes]], n: int, dest: Path) -> list[str]:
    """N marked copies of the sources, round robin; returns the file names written."""
    files = []
    for i in range(n):
        name, raw = sources[i % len(sources)]
        files.append((f"{i:06d}_{Path(name).stem}.txt", mark(raw, i)))
    write_files(dest, files)
    return [name for name, _ in files]


def marker_diffs(sources: list[tuple[str, bytes]]) -> list[str]:
    """Names of source articles whose marked copy parses to other records than the original.

    Spans are compared too: the marker comes after everything the parser reads, so none should move.
    """
    from transforms.clean import UnreadableArticle, read_article
    from transforms.parse import parse_article
    from warehouse.reference import spacy_tagger, team_book

    book, tagger = team_book(), spacy_tagger()

    def records(name: str, raw: bytes) -> object:
        try:
            article = read_article(name, raw)
        except UnreadableArticle as err:
            return ("unreadable", str(err))
        try:
            rec = parse_article(article, book, tagger)
        except Exception as err:
            return ("error", type(err).__name__)
        return (
            article.published_date,
            article.publisher,
            [asdict(x) for x in rec.fixtures],
            [asdict(x) for x in rec.events],
            [asdict(x) for x in rec.people],
        )

    return [name for name, raw in sources if records(name, raw) != records(name, mark(raw, 12345))]


# ---- synthetic match reports ------------------------------------------------------------------


def words(s: str) -> tuple[str, ...]:
    return tuple(s.split())


LEAGUES = {
    "England": "Premier League",
    "Spain": "La Liga",
    "Germany": "Bundesliga",
    "France": "Ligue 1",
    "Italy": "Serie A",
    "Portugal": "Primeira Liga",
    "Scotland": "Scottish Premiership",
    "Netherlands": "Eredivisie",
    "United States": "MLS",
    "Belgium": "Belgian Pro League",
    "Brazil": "Brasileirao",
    "Argentina": "Argentine Primera Division",
    "Mexico": "Liga MX",
}
CUPS = {"England": "FA Cup", "Spain": "Copa del Rey", "Germany": "DFB-Pokal", "Italy": "Coppa Italia"}

# Invented names: syllables put together, so no real player is meant.
FIRST = words(
    "Adem Bruno Caio Dario Emil Fabian Goran Hugo Ivo Jonas Kai Luca Marek Nico Oskar Pavel Quentin Rafa "
    "Stefan Tomas Ugo Viktor Wout Yann Zeno Alvar Benoit Ciro Dusan Elio Filip Gael Hamza Ilan Jesper"
)
SUR_A = words("Bar Cor Dal Fen Gar Hol Ist Jan Kov Lar Mor Nev Orl Pas Quin Ros Sal Tor Ulv Var Wes Yor Zan")
SUR_B = words("ano berg cic dorf enko ford gaard holm ini jevic kamp lund mann nes oni quist rini son tz vic wick")

GOAL_LINES = {  # by what the goal did to the score
    "opener": (
        "{player} put {team} ahead in the {minute} minute with a low shot from the edge of the area.",
        "On {n} minutes {player} fired {team} in front after a fine pass from {other}.",
    ),
    "equaliser": (
        "{player} levelled for {team} in the {minute} minute, curling the ball into the top corner.",
        "{player} equalised in the {minute} minute, turning in a cross from {other} at the near post.",
    ),
    "lead": (
        "{player} restored the lead for {team} in the {minute} minute with a header from a corner.",
        "{player} scored in the {minute} minute to put {team} back in front.",
    ),
    "extend": (
        "{team} extended their lead when {player} headed home from a corner after {n} minutes.",
        "{player} made it {score} in the {minute} minute after a fine pass from {other}.",
    ),
    "consolation": (
        "{player} pulled one back for {team} in the {minute} minute with a deflected shot.",
        "{player} reduced the deficit in the {minute} minute, finishing a move started by {other}.",
    ),
}
PENALTY_LINE = "{player} converted a penalty in the {minute} minute after {victim} was brought down in the box."
OWN_GOAL_LINE = "{player} turned the ball into his own net in the {minute} minute to hand {team} a goal."
YELLOW_LINE = "{player} was booked in the {minute} minute for a late challenge on {victim}."
RED_LINE = "{player} was sent off in the {minute} minute for a second bookable offence."
FILLER = (
    "The visitors pressed high from the start and forced a string of early corners.",
    "Neither side created much in a scrappy spell before the interval.",
    "The home crowd grew restless as the passing became slow and predictable.",
    "Both managers made changes at half-time in search of more energy in midfield.",
    "A heavy pitch made quick passing difficult for both teams.",
    "The goalkeeper made a fine save low to his left to keep the score as it was.",
    "There were chances at both ends in a lively final quarter of an hour.",
)


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def clubs_by_country() -> dict[str, list[str]]:
    """Canonical club names per country, from the project's team book data."""
    by_country: dict[str, set[str]] = defaultdict(set)
    with open(ROOT / "transforms" / "data" / "teams.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            women = any(w in row["canonical"].split() for w in ("Women", "Ladies", "Femenino", "Feminine"))
            if row.get("kind") == "club" and row.get("country") in LEAGUES and not women:
                by_country[row["country"]].add(row["canonical"])
    return {c: sorted(names) for c, names in by_country.items() if len(names) >= 2}


class ReportMaker:
    """Deterministic invented match reports."""

    def __init__(self, seed: int = 7):
        self.rng = random.Random(seed)
        self.clubs = clubs_by_country()
        self.countries = sorted(self.clubs)
        self.weights = [len(self.clubs[c]) for c in self.countries]

    def player(self, taken: set[str]) -> str:
        rng = self.rng
        while True:
            name = f"{rng.choice(FIRST)} {rng.choice(SUR_A)}{rng.choice(SUR_B)}"
            if name.split()[1] not in {t.split()[1] for t in taken}:
                taken.add(name)
                return name

    def report(self, i: int) -> tuple[str, str]:
        """(file name, text) of one invented report."""
        rng = self.rng
        country = rng.choices(self.countries, self.weights)[0]
        home, away = rng.sample(self.clubs[country], 2)
        cup = country in CUPS and rng.random() < 0.2
        competition = CUPS[country] if cup else LEAGUES[country]
        date = dt.date(2018, 8, 1) + dt.timedelta(days=rng.randrange(0, 7 * 365))
        taken: set[str] = set()
        squads = {team: [self.player(taken) for _ in range(16)] for team in (home, away)}
        hs, as_ = rng.choice((0, 1, 1, 2, 2, 3, 4)), rng.choice((0, 0, 1, 1, 2, 3))
        minutes = sorted(rng.sample(range(3, 90), hs + as_ + 4))
        goals = [(minutes.pop(rng.randrange(len(minutes))), home) for _ in range(hs)]
        goals += [(minutes.pop(rng.randrange(len(minutes))), away) for _ in range(as_)]
        goals.sort()
        weekday = date.strftime("%A")
        if hs > as_:
            headline = f"{home} {hs}-{as_} {away}: hosts beat {away}"
            lead = f"{home} beat {away} {hs}-{as_} in a {competition} match on {weekday}."
        elif hs < as_:
            headline = f"{home} {hs}-{as_} {away}: visitors win away"
            lead = f"{away} won {as_}-{hs} at {home} in a {competition} match on {weekday}."
        else:
            headline = f"{home} {hs}-{as_} {away}"
            lead = f"{home} and {away} drew {hs}-{as_} in a {competition} match on {weekday}."
        timeline: list[tuple[int, str]] = []
        score = {home: 0, away: 0}
        for minute, team in goals:
            opponent = away if team == home else home
            before, against = score[team], score[opponent]
            score[team] += 1
            phase = (
                "opener"
                if before == against == 0
                else "equaliser"
                if before + 1 == against + 0 and before < against
                else "lead"
                if before == against
                else "extend"
                if before > against
                else "consolation"
            )
            squad = squads[team]
            scorer, other = rng.sample(squad[1:11], 2)
            kind = rng.random()
            if kind < 0.12:
                line = PENALTY_LINE.format(player=scorer, minute=ordinal(minute), victim=other)
            elif kind < 0.18:
                defender = rng.choice(squads[opponent][1:11])
                line = OWN_GOAL_LINE.format(player=defender, minute=ordinal(minute), team=team)
            else:
                line = rng.choice(GOAL_LINES[phase]).format(
                    player=scorer,
                    team=team,
                    minute=ordinal(minute),
                    n=minute,
                    other=other,
                    score=f"{max(score.values())}-{min(score.values())}",
                )
            timeline.append((minute, line))
        for _ in range(rng.randrange(0, 3)):
            team = rng.choice((home, away))
            opponent = away if team == home else home
            minute = minutes.pop(rng.randrange(len(minutes)))
            victim = rng.choice(squads[opponent][1:11])
            player = rng.choice(squads[team][1:11])
            timeline.append((minute, YELLOW_LINE.format(player=player, minute=ordinal(minute), victim=victim)))
        if rng.random() < 0.1:
            minute = minutes.pop(rng.randrange(len(minutes)))
            player = rng.choice(squads[rng.choice((home, away))][1:11])
            timeline.append((minute, RED_LINE.format(player=player, minute=ordinal(minute))))
        lines = [lead]
        for _, line in sorted(timeline):
            lines.append(line)
            if rng.random() < 0.4:
                lines.append(rng.choice(FILLER))
        lines.append(rng.choice(FILLER))
        sheet = " ".join(
            f"{team}: {', '.join(squad[:11])}. Subs: {', '.join(squad[11:])}." for team, squad in squads.items()
        )
        referee = self.player(taken)
        body = "\n\n".join(lines)
        text = f" date {date.isoformat()} {headline}\n\n{body}\n\n{sheet} Referee: {referee}\n"
        return f"{i:06d}_synthetic.txt", text

    def corpus(self, n: int) -> list[tuple[str, bytes]]:
        out = []
        for i in range(n):
            name, text = self.report(i)
            out.append((name, mark(text.encode("utf-8"), i)))
        return out


def synthetic_corpus(n: int, dest: Path, seed: int = 7) -> list[str]:
    """N invented reports in ``dest``; returns the file names written."""
    files = ReportMaker(seed).corpus(n)
    write_files(dest, files)
    return [name for name, _ in files]
