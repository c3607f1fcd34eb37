"""Teams after fusion: one spelling and one id per team everywhere, the `teams` table, and `appearances`.

The parser names a fixture's teams canonically, but an event's or a person's team is what the sentence
said ("Man Utd", "United", "home"). Within a fixture only its two sides can be meant, so each such
name is settled against them: the same name, the reference alias, or a shorter form of exactly one side
("City" in Manchester City v Arsenal). A name that fits neither side is a slip of the reader: its
reference name when it has one, else nothing.

Appearances come from the line-ups the team sheets print: the starters, whoever came on (the
substitutions, or a sheet's "(Olsen 33)"), and the minute each left (substituted, sent off).
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Callable

import polars as pl

from transforms.team_sheets import BENCH, CAME_ON
from transforms.teams import TeamBook, fold

TEAM_SCHEMA = {"team_id": pl.String, "name": pl.String, "country": pl.String, "kind": pl.String, "source": pl.String}
APPEARANCE_SCHEMA = {
    "appearance_id": pl.String,
    "fixture_id": pl.String,
    "team_id": pl.String,
    "team": pl.String,
    "player_id": pl.String,
    "player_name": pl.String,
    "is_starter": pl.Boolean,
    "minute_on": pl.Int32,
    "minute_off": pl.Int32,
    "n_sources": pl.Int32,
}
LEAVING = ("red_card", "second_yellow")


def stable_team_id(name: str) -> str:
    """A team's id from its canonical name: the same on any machine, in any run."""
    return "tm_" + hashlib.sha256(name.encode()).hexdigest()[:16]


SHORT_WORDS = {"utd": "united", "utd.": "united", "fc": "", "afc": "", "cf": "", "the": ""}  # as sheets abbreviate


def _words(name: str) -> frozenset[str]:
    """A name's words, folded, with the abbreviations line-ups use spelled out ('Eastbrook Utd')."""
    words = (SHORT_WORDS.get(w, w) for w in fold(name).lower().replace("-", " ").split())
    return frozenset(w for w in words if w)


def side_of(name: str | None, home: str | None, away: str | None, canonical: Callable[[str], str | None]) -> str | None:
    """The fixture's side a team name means; the reference name (or None) when it means neither."""
    if not name:
        return None
    if name in (home, away):
        return name
    if name in ("home", "away"):
        return home if name == "home" else away
    known = canonical(name)
    if known is not None and known in (home, away):
        return known
    words = _words(name)
    fits = [s for s in (home, away) if s and words and words <= _words(s)]
    return fits[0] if len(fits) == 1 else known


def settle_event_teams(events: list[dict], fixtures: dict[str, dict], canonical: Callable[[str], str | None]) -> None:
    """Each event's team as one of its fixture's two sides (canonical), worked out once per name and fixture."""
    done: dict[tuple[str, str], str | None] = {}
    for e in events:
        name = e["team"]
        if name is None:
            continue
        key = (e["fixture_id"], name)
        if key not in done:
            fx = fixtures[e["fixture_id"]]
            done[key] = side_of(name, fx["home_team"], fx["away_team"], canonical)
        e["team"] = done[key]


def settle_player_teams(
    players: list[dict], events: list[dict], played: pl.DataFrame, canonical: Callable[[str], str | None]
) -> None:
    """players.team canonical: the team their events and line-ups settled most often, else the reference name
    of what the text said, else nothing (a bare "United" names no one team)."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for e in events:
        if e["player_id"] and e["team"]:
            votes[e["player_id"]][e["team"]] += 1
    for pid, team in played.select("player_id", "team").iter_rows():
        if pid and team:
            votes[pid][team] += 1
    known: dict[str, str | None] = {}
    for p in players:
        if p["player_id"] in votes:
            p["team"] = max(votes[p["player_id"]].items(), key=lambda kv: (kv[1], kv[0]))[0]
        elif p["team"]:
            if p["team"] not in known:
                known[p["team"]] = canonical(p["team"])
            p["team"] = known[p["team"]]


def teams_table(names: list[pl.Series], book: TeamBook | None) -> pl.DataFrame:
    """One row per canonical team named anywhere: its country and kind from the reference data, or from the
    text alone (`source` = text: a team the reader learned, country and kind unknown)."""
    every = sorted(set(pl.concat([s.cast(pl.String) for s in names]).drop_nulls().to_list()))
    rows = []
    for name in every:
        kind = book.kind(name) if book else None
        club = book.clubs.club(name) if book else None
        country = (book.country(name) if book else None) or (club.country if club else None)
        source = "reference" if kind or club else "text"
        rows.append((stable_team_id(name), name, country or None, kind or ("club" if club else None), source))
    return pl.DataFrame(rows, schema=TEAM_SCHEMA, orient="row")


def with_team_ids(df: pl.DataFrame, ids: dict[str, str], columns: dict[str, str]) -> pl.DataFrame:
    """`column_id` next to each team-name column (`columns`: name column -> id column)."""
    return df.with_columns(
        pl.col(name).replace_strict(ids, default=None, return_dtype=pl.String).alias(out)
        for name, out in columns.items()
    )


def appearances(
    sheet_people: list[dict],
    fixtures: dict[str, dict],
    events: list[dict],
    canonical: Callable[[str], str | None],
) -> pl.DataFrame:
    """Who played in each fixture: `sheet_people` are the line-up rows (fixture_id, player_id, name, team, rule,
    source_id) already bound to the fixture's people; `events` the fused events (substitutions and dismissals)."""
    seen: dict[tuple[str, str], dict] = {}
    key_of: dict[tuple[str, str], tuple[str, str]] = {}  # (fixture, display name) -> key

    def entry(fid: str, pid: str | None, name: str) -> dict:
        key = (fid, pid or f"name:{name}")
        if key not in seen:
            seen[key] = {"votes": Counter(), "teams": Counter(), "sources": set(), "name": name, "pid": pid, "on": None}
        key_of[(fid, name)] = key
        return seen[key]

    for p in sheet_people:
        fx = fixtures.get(p["fixture_id"])
        if fx is None:
            continue
        e = entry(p["fixture_id"], p["player_id"], p["name"])
        rule = p["rule"] or ""
        e["votes"]["bench" if rule.endswith(BENCH) else "on" if rule.endswith(CAME_ON) else "start"] += 1
        team = side_of(p["team"], fx["home_team"], fx["away_team"], canonical)
        if team in (fx["home_team"], fx["away_team"]):
            e["teams"][team] += 1
        e["sources"].add(p["source_id"])
    off: dict[tuple[str, str], int] = {}
    for ev in events:
        fid = ev["fixture_id"]
        if ev["event_type"] == "substitution" and ev["player_name"]:
            e = entry(fid, ev["player_id"], ev["player_name"])
            e["votes"]["sub"] += 1
            e["told"] = max(e.get("told", 0), ev["n_sources"] or 0)
            e["on"] = ev["minute"] if e["on"] is None or (ev["minute"] or 999) < e["on"] else e["on"]
            if ev["team"]:
                e["teams"][ev["team"]] += 1
            gone = key_of.get((fid, ev["related_player_name"])) if ev["related_player_name"] else None
            if gone is not None and ev["minute"] is not None:
                off[gone] = min(off.get(gone, 999), ev["minute"])
        elif ev["event_type"] in LEAVING and ev["minute"] is not None:
            key = (fid, ev["player_id"] or f"name:{ev['player_name']}")
            off[key] = min(off.get(key, 999), ev["minute"])
    rows = []
    for (fid, who), e in sorted(seen.items()):
        came_on = bool(e["votes"]["sub"] or e["votes"]["on"] > e["votes"]["start"])
        started = not came_on and e["votes"]["start"] > 0
        if not (came_on or started):
            continue  # on the bench, never on
        team = max(e["teams"].items(), key=lambda kv: (kv[1], kv[0]))[0] if e["teams"] else None
        minute_off = off.get((fid, who))
        rows.append(
            (
                "ap_" + hashlib.sha256(f"{fid}\x1f{who}".encode()).hexdigest()[:16],
                fid,
                stable_team_id(team) if team else None,
                team,
                e["pid"],
                e["name"],
                started,
                0 if started else e["on"],
                minute_off,
                max(len(e["sources"]), e.get("told", 0)),
            )
        )
    return pl.DataFrame(rows, schema=APPEARANCE_SCHEMA, orient="row")


def sheet_rows(raw_people: pl.DataFrame) -> pl.DataFrame:
    """The people rows that are line-up entries (players a team sheet lists)."""
    return raw_people.filter(pl.col("rule").str.starts_with("sheet") & (pl.col("role") == "player"))
