"""Build stage: many articles' raw records fused into one row per match, event and person.

Five reports of one match are one fixture; a goal told five times is one event with five
mentions; where sources disagree on a minute the majority wins and the disagreement is kept
(`minute_reported`, `has_minute_conflict`). Ids hash content, never arrival order.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

import polars as pl

from transforms import squads
from transforms.teams import TeamBook

CARD_FAMILY = {"yellow_card": "yellow", "second_yellow": "red", "red_card": "red"}
SUFFIX_FOLD = {"jr": "junior", "jnr": "junior", "júnior": "junior", "snr": "senior", "sr": "senior"}
FIXTURE_KEY = ["source_id", "fixture_index"]  # one fixture an article names
Run = tuple[int, int]  # (start, length) in a frame's sorted order
ROW = "__row"  # a raw record's position in its sorted frame: what its mention row is gathered from


def stable_id(prefix: str, *parts: object) -> str:
    """A short content hash: the same input gives the same id on any machine, in any order."""
    raw = "\x1f".join("" if p is None else str(p) for p in parts)
    return f"{prefix}_{hashlib.sha256(raw.encode()).hexdigest()[:16]}"


@lru_cache(maxsize=1 << 16)
def name_key(name: str) -> str:
    """Spelling-blind key for a person ('Tomás Júnior' == 'Tomas Jr'); cached, as a player's name
    comes back in every report of his matches and fusion asks for it several times per mention."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower().replace("’", "'").replace(".", "")
    words = [SUFFIX_FOLD.get(w, w) for w in re.split(r"\s+", s.strip()) if w]
    return " ".join(words)


@lru_cache(maxsize=1 << 16)
def accents(name: str) -> int:
    return sum(1 for c in unicodedata.normalize("NFD", name) if unicodedata.combining(c))


def clock(minute: int | None, added: int | None) -> int | None:
    return None if minute is None else minute + (added or 0)


# ---------------------------------------------------------------------------------------------
# fixtures
# ---------------------------------------------------------------------------------------------
@dataclass(slots=True)
class FixtureGroup:
    teams: frozenset[str]
    played: bool
    mentions: list[dict] = field(default_factory=list)
    date: dt.date | None = None


def mentions_by_pair(fx: pl.DataFrame) -> Iterator[tuple[frozenset[str], bool, list[dict]]]:
    """Each team pair's mentions, played apart from scheduled, pairs in name order, mentions in frame order.

    Only one pair's mentions at a time are Python dicts: a large archive's all at once would be a
    good part of a run's memory.
    """
    played = pl.col("status").ne_missing("scheduled").alias("played")
    combos = fx.select("home_team", "away_team", played).unique(maintain_order=True)
    pair_of = [(frozenset((h, a)), p) for h, a, p in combos.iter_rows()]
    pairs = sorted(set(pair_of), key=lambda k: (sorted(k[0]), k[1]))
    rank = {k: i for i, k in enumerate(pairs)}
    combos = combos.with_columns(pl.Series("pair", [rank[k] for k in pair_of], dtype=pl.Int64))
    keyed = fx.with_columns(played).join(
        combos, on=["home_team", "away_team", "played"], how="left", nulls_equal=True, maintain_order="left"
    )
    parts = keyed.drop("played").partition_by("pair", as_dict=True, include_key=False)
    for key in sorted(parts):
        yield *pairs[key[0]], parts.pop(key).to_dicts()


def group_pair(teams: frozenset[str], played: bool, mentions: list[dict]) -> list[FixtureGroup]:
    """Mentions of one team pair are one match unless their dates (or played/scheduled) differ."""
    dated: dict[dt.date, FixtureGroup] = {}
    undated: list[dict] = []
    for m in mentions:
        if m["match_date"] is None:
            undated.append(m)
            continue
        near = next((d for d in dated if abs((d - m["match_date"]).days) <= 1), None)
        if near is None:
            dated[m["match_date"]] = FixtureGroup(teams, played, date=m["match_date"])
            near = m["match_date"]
        dated[near].mentions.append(m)
    if not dated:
        return [FixtureGroup(teams, played, c) for c in split_undated(undated)]
    ordered = sorted(dated.values(), key=lambda g: (-len(g.mentions), g.date))
    for m in undated:  # an undated report joins the match whose score it agrees with, else the best-attested
        target = next(
            (
                g
                for g in ordered
                if m["home_score"] is not None
                and any(
                    {o["home_score"], o["away_score"]} == {m["home_score"], m["away_score"]}
                    for o in g.mentions
                    if o["home_score"] is not None
                )
            ),
            ordered[0],
        )
        target.mentions.append(m)
    return sorted(ordered, key=lambda g: g.date)


def _agrees(a: dict, b: dict) -> bool:
    """Two undated reports of one pairing are one match unless home or score say otherwise."""
    if a["home_known"] and b["home_known"] and a["home_team"] != b["home_team"]:
        return False
    if a["home_score"] is None or b["home_score"] is None:
        return True
    sa = (a["home_score"], a["away_score"]) if a["home_team"] == b["home_team"] else (a["away_score"], a["home_score"])
    return sa == (b["home_score"], b["away_score"])


def split_undated(mentions: list[dict]) -> list[list[dict]]:
    """A first match and its replay (1-1 at Arsenal, 0-0 at Sheffield) stay two fixtures."""
    clusters: list[list[dict]] = []
    kinds: list[dict[tuple, dict]] = []  # per cluster, one mention per distinct (home, score): all _agrees reads
    for m in sorted(mentions, key=lambda m: (m["home_score"] is None, not m["home_known"], m["source_id"])):
        home = next((i for i, seen in enumerate(kinds) if all(_agrees(m, o) for o in seen.values())), None)
        if home is None:
            clusters.append([m])
            kinds.append({})
            home = -1
        else:
            clusters[home].append(m)
        kinds[home].setdefault((m["home_known"], m["home_team"], m["home_score"], m["away_score"]), m)
    return clusters


def orient(group: FixtureGroup) -> tuple[str, str]:
    """Home and away by vote: a mention that knows who was at home counts double."""
    votes: Counter[tuple[str, str]] = Counter()
    for m in group.mentions:
        votes[(m["home_team"], m["away_team"])] += 3 if m["home_known"] else 1
    best = max(votes.items(), key=lambda kv: (kv[1], kv[0]))
    return best[0]


def majority(values: Iterable[object]) -> object | None:
    counts = Counter(v for v in values if v is not None)
    if not counts:
        return None
    top = max(counts.values())
    return min((v for v, c in counts.items() if c == top), key=str)


def build_fixture(group: FixtureGroup) -> dict:
    home, away = orient(group)
    scores: Counter[tuple[int, int]] = Counter()
    for m in group.mentions:
        if m["home_score"] is None or m["away_score"] is None:
            continue
        pair = (m["home_score"], m["away_score"]) if m["home_team"] == home else (m["away_score"], m["home_score"])
        scores[pair] += 3 if m["home_known"] else 2 if m["is_main"] else 1
    hs, as_ = max(scores.items(), key=lambda kv: (kv[1], kv[0]))[0] if scores else (None, None)
    statuses = {m["status"] for m in group.mentions}
    status = (
        "abandoned"
        if "abandoned" in statuses
        else "postponed"
        if "postponed" in statuses
        else "played"
        if group.played
        else "scheduled"
    )
    date = group.date or majority(m["match_date"] for m in group.mentions)
    sources = sorted({m["source_id"] for m in group.mentions})
    return {
        # undated matches of one pairing (a tie and its replay) are told apart by their scores
        "fixture_id": stable_id(
            "fx", home, away, date, "played" if group.played else "scheduled", None if date else (hs, as_)
        ),
        "match_date": date,
        "competition": majority(m["competition"] for m in group.mentions),
        "home_team": home,
        "away_team": away,
        "home_known": any(m["home_known"] and m["home_team"] == home for m in group.mentions),
        "home_score": hs if status != "scheduled" else None,
        "away_score": as_ if status != "scheduled" else None,
        "status": status,
        "venue": majority(m["venue"] for m in group.mentions),
        "n_sources": len(sources),
        "score_note": majority(m.get("score_note") for m in group.mentions),
        "season": season_of(date),
        "has_score_conflict": len(scores) > 1,
    }


UNDATED = "undated"  # the season of a match whose date no source gives: a value every Parquet reader reads alike


def season_of(date: dt.date | None) -> str:
    """European seasons run August to May: 2026-02-01 is in 2025-26; no date, no season ('undated')."""
    if date is None:
        return UNDATED
    start = date.year if date.month >= 7 else date.year - 1
    return f"{start}-{str(start + 1)[-2:]}"


# ---------------------------------------------------------------------------------------------
# people
# ---------------------------------------------------------------------------------------------
class PlayerBook:
    """Every spelling of every person across the articles of one match, bound to one row."""

    def __init__(self) -> None:
        self.rows: dict[str, dict] = {}
        self.lookup: dict[str, dict[str, str]] = {}  # fixture scope -> name key -> player_id (the row's own string)

    def add_scope(self, scope: str, mentions: list[dict]) -> None:
        """Bind names within one match: short forms to the one full name that contains them."""
        full: dict[str, list[dict]] = defaultdict(list)
        short: dict[str, list[dict]] = defaultdict(list)
        for m in mentions:
            key = name_key(m["name"])
            (full if len(key.split()) >= 2 else short)[key].append(m)
        # a two-word key that is the tail of a longer one ("de frutos") is a short form too
        heads_tails: dict[str, list[str]] = defaultdict(list)  # a key's first or last words -> the keys
        for k in full:
            words = k.split(" ")
            for i in range(1, len(words)):
                heads_tails[" ".join(words[i:])].append(k)
                heads_tails[" ".join(words[:i])].append(k)
        for key in list(full):
            longer = list(dict.fromkeys(k for k in heads_tails.get(key, ()) if k != key and k in full))
            if len(longer) == 1:
                full[longer[0]].extend(full.pop(key))
        owners: dict[str, set[str]] = defaultdict(set)
        for key in full:
            words = key.split()
            for part in {words[0], words[-1], " ".join(words[1:])}:
                owners[part].add(key)
            if words[-1] in ("junior", "senior") and len(words) > 1:
                owners[" ".join(words[:-1])].add(key)
        for key, ms in short.items():
            cands = owners.get(key, set())
            if len(cands) == 1:
                full[next(iter(cands))].extend(ms)
            else:
                full[key].extend(ms)  # unbound or ambiguous: stays its own person, never merged by guess
        for key, ms in full.items():
            self._add_person(scope, key, ms)

    def _add_person(self, scope: str, key: str, mentions: list[dict]) -> None:
        team = majority(m["team"] for m in mentions)
        roles = Counter(m["role"] for m in mentions)
        role = max((r for r in roles if r != "player"), key=lambda r: roles[r], default="player")
        pid = stable_id("pl", key, role) if len(key.split()) >= 2 else stable_id("pl", key, role, team or scope)
        names = sorted({m["name"] for m in mentions})
        longest = [n for n in names if name_key(n).split() == key.split()] or names
        display = max(longest, key=lambda n: (len(n.split()), accents(n), n))
        row = self.rows.get(pid)
        if row is None:
            self.rows[pid] = {"player_id": pid, "name": display, "team": team, "role": role, "aliases": set(names)}
        else:
            row["aliases"] |= set(names)
            if (len(display.split()), accents(display)) > (len(row["name"].split()), accents(row["name"])):
                row["name"] = display
        pid = self.rows[pid]["player_id"]  # one string per player, however many matches name him
        keys = self.lookup.setdefault(scope, {})
        for n in names:
            keys[name_key(n)] = pid

    def find(self, scope: str, name: str | None) -> str | None:
        if not name:
            return None
        keys = self.lookup.get(scope)
        return keys.get(name_key(name)) if keys else None


# ---------------------------------------------------------------------------------------------
# events
# ---------------------------------------------------------------------------------------------
def family(event_type: str) -> str:
    return CARD_FAMILY.get(event_type, event_type)


def _open_ended(m: dict) -> bool:
    """'In stoppage time' (90, added unknown) agrees with any clock from 90 to 90+15."""
    return m["minute"] in (45, 90, 120) and m["added_time"] is None


def cluster_events(mentions: list[dict]) -> list[list[dict]]:
    """Mentions of one player's events of one family: split where minutes are more than 3 apart."""
    timed = sorted(
        (m for m in mentions if m["clock"] is not None and not _open_ended(m)),
        key=lambda m: (m["clock"], m["source_id"]),
    )
    clusters: list[list[dict]] = []
    sources: list[set[str]] = []  # each cluster's articles: one article says an event once
    latest = 0  # the last cluster's highest clock (the mentions come in clock order)
    for m in timed:
        if clusters and m["clock"] - latest <= 3 and m["source_id"] not in sources[-1]:
            clusters[-1].append(m)
            sources[-1].add(m["source_id"])
        else:
            clusters.append([m])
            sources.append({m["source_id"]})
        latest = m["clock"]
    rest = sorted(
        (m for m in mentions if m["clock"] is None or _open_ended(m)),
        key=lambda m: (m["clock"] is None, m["clock"] or 0, m["source_id"]),
    )
    for m in rest:
        free = [c for c, ids in zip(clusters, sources, strict=True) if m["source_id"] not in ids]
        if m["clock"] is not None:
            fits = [c for c in free if any(x["clock"] is not None and 0 <= x["clock"] - m["clock"] <= 15 for x in c)]
            free = fits or [c for c in free if all(x["clock"] is None for x in c)]
        if free:
            free[0].append(m)
            sources[next(i for i, c in enumerate(clusters) if c is free[0])].add(m["source_id"])
        else:
            clusters.append([m])
            sources.append({m["source_id"]})
    return clusters


def build_event(fixture: dict, cluster: list[dict], ordinal: int, player_id: str | None) -> dict:
    clocks = [m["clock"] for m in cluster if m["clock"] is not None]
    sheet = [m for m in cluster if m["rule"].startswith("sheet") and m["clock"] is not None]
    counts = Counter(clocks)
    if counts:
        top = max(counts.values())
        exact = {m["clock"] for m in cluster if m["clock"] is not None and not _open_ended(m)}
        best = (
            sheet[0]["clock"]
            if sheet and counts[sheet[0]["clock"]] == top
            else max((c for c, n in counts.items() if n == top), key=lambda c: (c in exact, -c))
        )
        chosen = next(m for m in cluster if m["clock"] == best)
        minute, added = chosen["minute"], chosen["added_time"]
    else:
        minute = added = None
    types = Counter(m["event_type"] for m in cluster)
    etype = "second_yellow" if "second_yellow" in types else max(types, key=lambda t: (types[t], t))
    name = max(
        (m["player_name"] for m in cluster if m["player_name"]),
        key=lambda n: (len(n.split()), accents(n), n),
        default=None,
    )
    fam = family(etype)
    return {
        "event_id": stable_id("ev", fixture["fixture_id"], fam, player_id or name, ordinal),
        "fixture_id": fixture["fixture_id"],
        "event_type": etype,
        "minute": minute,
        "added_time": added,
        "player_id": player_id,
        "player_name": name,
        "team": majority(m["team"] for m in cluster),
        "related_player_name": majority(m["related_player_name"] for m in cluster),
        "is_penalty": any(m["is_penalty"] for m in cluster),
        "is_own_goal": sum(m["is_own_goal"] for m in cluster) * 2 >= len(cluster)
        and any(m["is_own_goal"] for m in cluster),
        "n_sources": len({m["source_id"] for m in cluster}),
        "minute_reported": sorted(set(clocks)),
        "has_minute_conflict": len(set(clocks)) > 1,
        "season": fixture["season"],
    }


def running_score(fixture: dict, events: list[dict]) -> None:
    """Score after each goal, in clock order, where every earlier goal has a minute and a team."""
    goals = sorted(
        (e for e in events if e["event_type"] == "goal"),
        key=lambda e: (
            clock(e["minute"], e["added_time"]) is None,
            clock(e["minute"], e["added_time"]) or 0,
            e["event_id"],
        ),
    )
    home = away = 0
    known = True
    for e in events:
        e["home_score_after"] = e["away_score_after"] = None
    for e in goals:
        scorer_home = e["team"] == fixture["home_team"]
        scorer_away = e["team"] == fixture["away_team"]
        known = known and e["minute"] is not None and (scorer_home or scorer_away)
        if not known:
            break
        if scorer_home != e["is_own_goal"]:
            home += 1
        else:
            away += 1
        e["home_score_after"], e["away_score_after"] = home, away


# ---------------------------------------------------------------------------------------------
# the whole build
# ---------------------------------------------------------------------------------------------
def fuse(
    raw_fixtures: pl.DataFrame, raw_events: pl.DataFrame, raw_people: pl.DataFrame, teams: TeamBook | None = None
) -> dict[str, pl.DataFrame]:
    """All articles' raw records to the tidy tables (fixtures, events, people and players, mentions, teams,
    appearances). `people` holds everyone named (players, coaches, referees, others, by `role`); `players` the
    players among them, under the contract's column names.

    Raw records stay columnar; only one team pair's fixtures, one scope's people or one match's
    events are Python dicts at a time, so the build's memory follows the largest match, not the archive.
    `teams` (the reference book) gives every team its canonical name; without it only the text's are known.
    """
    canonical = teams.canonical if teams is not None else (lambda _name: None)
    fixtures, fixture_mentions, placed = fuse_fixtures(raw_fixtures)
    ev = (
        raw_events.sort("source_id", "char_start", "event_type", maintain_order=True)
        .join(
            placed.select(*FIXTURE_KEY, "fixture_id"),
            on=FIXTURE_KEY,
            how="left",
            nulls_equal=True,
            maintain_order="left",
        )
        .with_row_index(ROW)
    )
    main = main_fixtures(placed)
    book = bind_people(raw_people, main, ev)
    events, mentions = fuse_events(ev, fixtures, book)
    implied = implied_yellows(events)
    events.extend(implied)
    mentions = implied_mentions(mentions, implied)
    by_id = {f["fixture_id"]: f for f in fixtures}
    squads.settle_event_teams(events, by_id, canonical)
    by_fixture: dict[str, list[dict]] = defaultdict(list)
    for e in events:
        by_fixture[e["fixture_id"]].append(e)
    for f in fixtures:
        running_score(f, by_fixture.get(f["fixture_id"], []))
    played = squads.appearances(sheet_people(raw_people, main, book), by_id, events, canonical)
    players = sorted(({**r, "aliases": sorted(r["aliases"])} for r in book.rows.values()), key=lambda r: r["player_id"])
    squads.settle_player_teams(players, events, played, canonical)
    tables = {
        "fixtures": frame(fixtures, FIXTURE_SCHEMA),
        "events": frame(sorted(events, key=lambda e: e["event_id"]), EVENT_SCHEMA),
        "people": frame(players, PLAYER_SCHEMA).rename({"player_id": "person_id"}),
        "event_mentions": mentions,
        "fixture_mentions": fixture_mentions,
        "appearances": played,
    }
    return with_teams(tables, teams)


def with_teams(tables: dict[str, pl.DataFrame], book: TeamBook | None) -> dict[str, pl.DataFrame]:
    """The `teams` table from every team named, and its id beside each team column (keys BI tools join on)."""
    columns = {
        "fixtures": {"home_team": "home_team_id", "away_team": "away_team_id"},
        "events": {"team": "team_id"},
        "people": {"team": "team_id"},
    }
    names = [tables[t][c] for t, cs in columns.items() for c in cs] + [tables["appearances"]["team"]]
    teams = squads.teams_table(names, book)
    ids = dict(zip(teams["name"], teams["team_id"], strict=True))
    for table, cs in columns.items():
        tables[table] = squads.with_team_ids(tables[table], ids, cs)
    people = tables["people"]
    players = people.filter(pl.col("role") == "player").rename({"person_id": "player_id"})
    return {"teams": teams, **tables, "players": players}


def sheet_people(raw_people: pl.DataFrame, main_fixture: dict[str, str], book: PlayerBook) -> list[dict]:
    """Line-up entries bound to their article's main fixture and to the person the fixture's names became."""
    out = []
    for row in squads.sheet_rows(raw_people).iter_rows(named=True):
        fid = main_fixture.get(row["source_id"])
        if fid is None:
            continue
        pid = book.find(fid, row["name"])
        name = book.rows[pid]["name"] if pid else row["name"]
        out.append({**row, "fixture_id": fid, "player_id": pid, "name": name})
    return out


def fuse_fixtures(raw_fixtures: pl.DataFrame) -> tuple[list[dict], pl.DataFrame, pl.DataFrame]:
    """Fixtures, their mentions, and which fixture each article's fixture (source_id, fixture_index) became."""
    fx = raw_fixtures.sort(*FIXTURE_KEY, maintain_order=True).with_row_index(ROW)
    fixtures: list[dict] = []
    ids: list[str] = []
    rows: list[int] = []
    for teams, played, mentions in mentions_by_pair(fx):
        for g in group_pair(teams, played, mentions):
            f = build_fixture(g)
            fixtures.append(f)
            ids += [f["fixture_id"]] * len(g.mentions)
            rows += [m[ROW] for m in g.mentions]
    told = gathered(fx, rows).with_columns(pl.Series("fixture_id", ids, dtype=pl.String))
    mentions = told.select(*FIXTURE_MENTION_SCHEMA).cast(FIXTURE_MENTION_SCHEMA)
    # a key told twice (never, from the parser) would go to the fixture placed last, as a dict would
    placed = told.select(*FIXTURE_KEY, "is_main", "fixture_id").unique(FIXTURE_KEY, keep="last", maintain_order=True)
    return fixtures, mentions.sort("fixture_id", "source_id", "char_start", maintain_order=True), placed


def gathered(df: pl.DataFrame, rows: list[int]) -> pl.DataFrame:
    """The rows of `df` at these positions, in this order."""
    return df.select(pl.all().gather(pl.Series(rows, dtype=pl.get_index_type())))


def main_fixtures(placed: pl.DataFrame) -> dict[str, str]:
    """Each article's main fixture: the scope its people are bound in."""
    main = placed.filter(pl.col("is_main")).sort(*FIXTURE_KEY, maintain_order=True)
    return dict(zip(main["source_id"], main["fixture_id"], strict=True))


def bind_people(raw_people: pl.DataFrame, main_fixture: dict[str, str], ev: pl.DataFrame) -> PlayerBook:
    """Every person named or acting in an event, bound one scope at a time: memory stays flat."""
    book = PlayerBook()
    order, named = people_runs(raw_people, main_fixture)
    acting, acted_at = actors_by_scope(ev)
    for scope in sorted(set(named) | set(acted_at)):
        found = scope_people(raw_people, order, named[scope]) if scope in named else []
        acted = acting.slice(*acted_at[scope]).to_dicts() if scope in acted_at else []
        book.add_scope(scope, found + acted)
    return book


def actors_by_scope(ev: pl.DataFrame) -> tuple[pl.DataFrame, dict[str, Run]]:
    """Event actors are people too, even when the prose finder missed them: per scope, in event order.

    One frame sorted by scope and where each scope's rows are in it: ten thousand matches as ten
    thousand small frames held at once cost more than their rows.

    The actor carries the event's team; the related player (the one fouled, replaced...) only when
    it is the actor again.
    """
    scope = pl.coalesce("fixture_id", "source_id").alias("scope")
    order = pl.col(ROW).cast(pl.Int64) * 2
    actor = ev.select(scope, order.alias("order"), pl.col("player_name").alias("name"), "team")
    same = pl.col("related_player_name") == pl.col("player_name")
    related = ev.select(
        scope,
        (order + 1).alias("order"),
        pl.col("related_player_name").alias("name"),
        pl.when(same).then("team").alias("team"),
    )
    acting = (
        pl.concat([actor, related])
        .filter(pl.col("name").is_not_null() & (pl.col("name") != ""))
        .sort("order")
        .select("scope", "name", pl.lit("player").alias("role"), "team")
    )
    return by_runs(acting, "scope")


def by_runs(df: pl.DataFrame, key: str) -> tuple[pl.DataFrame, dict[str, Run]]:
    """The frame sorted by `key` (rows keep their order within a key, as `partition_by` keeps it), without
    the key, and each key's (start, length) in it: one slice per group later, no frame per group now."""
    df = df.sort(key, maintain_order=True)
    runs: dict[str, Run] = {}
    start = 0
    for value, n in df[key].rle().struct.unnest().select("value", "len").iter_rows():
        runs[value] = (start, n)
        start += n
    return df.drop(key), runs


def fuse_events(ev: pl.DataFrame, fixtures: list[dict], book: PlayerBook) -> tuple[list[dict], pl.DataFrame]:
    """One match's raw events at a time to events; their mentions gathered from the columns at the end."""
    by_id = {f["fixture_id"]: f for f in fixtures}
    placed = ev.filter(pl.col("fixture_id").is_not_null())
    parts, at = by_runs(placed.with_columns(pl.col("fixture_id").alias("__fixture")), "__fixture")
    events: list[dict] = []
    ids: list[str] = []
    rows: list[int] = []
    for key in sorted(at):
        for event, cluster in fixture_events(by_id[key], parts.slice(*at[key]).to_dicts(), book):
            events.append(event)
            ids += [event["event_id"]] * len(cluster)
            rows += [m[ROW] for m in cluster]
    mentions = gathered(ev, rows).with_columns(pl.Series("event_id", ids, dtype=pl.String))
    mentions = mentions.select(*MENTION_SCHEMA).cast(MENTION_SCHEMA)
    return events, mentions.sort("event_id", "source_id", "char_start", maintain_order=True)


def fixture_events(fixture: dict, rows: list[dict], book: PlayerBook) -> Iterator[tuple[dict, list[dict]]]:
    """One match's events, each with the raw events (mentions) it fuses, in id-stable order."""
    fid = fixture["fixture_id"]
    by_key: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for e in rows:
        pid = book.find(fid, e["player_name"])
        e["clock"] = clock(e["minute"], e["added_time"])
        e["player_id"] = pid
        rel = book.find(fid, e["related_player_name"])
        if rel:
            e["related_player_name"] = book.rows[rel]["name"]
        if pid:
            e["player_name"] = book.rows[pid]["name"]
            e["team"] = e["team"] or book.rows[pid]["team"]
        by_key[(family(e["event_type"]), pid or e["player_name"] or "")].append(e)
    for (_fam, who), ms in sorted(by_key.items()):
        for k, cluster in enumerate(cluster_events(ms)):
            yield build_event(fixture, cluster, k, ms[0]["player_id"] if who else None), cluster


def people_runs(raw_people: pl.DataFrame, main_fixture: dict[str, str]) -> tuple[pl.Series, dict[str, list[Run]]]:
    """Where each scope's people are, in text order: the rows' order by article and position, and runs of it.

    A scope is an article's main fixture, else the article. Only positions are made: the people of a
    large archive copied per scope, or as Python dicts, would be most of the build's memory.
    """
    order = raw_people.select(pl.arg_sort_by("source_id", "char_start", maintain_order=True)).to_series()
    runs: dict[str, list[Run]] = defaultdict(list)
    start = 0
    for source_id, n in raw_people["source_id"].value_counts().sort("source_id").iter_rows():
        runs[main_fixture.get(source_id, source_id)].append((start, n))
        start += n
    return order, runs


def scope_people(raw_people: pl.DataFrame, order: pl.Series, runs: list[Run]) -> list[dict]:
    """One scope's names, roles and teams, in text order, as dicts."""
    rows = pl.concat([order.slice(start, n) for start, n in runs])
    return raw_people.select(pl.col("name", "role", "team").gather(rows)).to_dicts()


def implied_yellows(events: list[dict]) -> list[dict]:
    """A second yellow means a first one: add it (minute unknown) when no source reported it.

    It is told by the words that tell the second yellow: the same articles (`n_sources`), and the same
    spans as its mentions (`implied_mentions`), under the rule `implied_by_second_yellow`.
    """
    extra = []
    booked = {(o["fixture_id"], o["player_id"], o["player_name"]) for o in events if o["event_type"] == "yellow_card"}
    for e in events:
        if e["event_type"] != "second_yellow":
            continue
        if (e["fixture_id"], e["player_id"], e["player_name"]) in booked:
            continue
        extra.append(
            {
                **e,
                "event_id": stable_id("ev", e["event_id"], "first_yellow"),
                "event_type": "yellow_card",
                "minute": None,
                "added_time": None,
                "minute_reported": [],
                "has_minute_conflict": False,
                "related_player_name": None,
                "implied_by": e["event_id"],
            }
        )
    return extra


IMPLIED_RULE = "implied_by_second_yellow"


def implied_mentions(mentions: pl.DataFrame, implied: list[dict]) -> pl.DataFrame:
    """Mentions with those of each implied first yellow added: the second yellow's, with no minute of their own."""
    if not implied:
        return mentions
    pairs = pl.DataFrame(
        {"event_id": [e["implied_by"] for e in implied], "implied_id": [e["event_id"] for e in implied]},
        schema={"event_id": pl.String, "implied_id": pl.String},
    )
    told = mentions.join(pairs, on="event_id").with_columns(
        pl.col("implied_id").alias("event_id"),
        pl.lit(None, pl.Int32).alias("minute"),
        pl.lit(None, pl.Int32).alias("added_time"),
        pl.lit(IMPLIED_RULE).alias("rule"),
    )
    both = pl.concat([mentions, told.select(mentions.columns)])
    return both.sort("event_id", "source_id", "char_start", maintain_order=True)


FIXTURE_SCHEMA = {
    "fixture_id": pl.String,
    "match_date": pl.Date,
    "competition": pl.String,
    "home_team": pl.String,
    "away_team": pl.String,
    "home_known": pl.Boolean,
    "home_score": pl.Int32,
    "away_score": pl.Int32,
    "status": pl.String,
    "venue": pl.String,
    "n_sources": pl.Int32,
    "score_note": pl.String,
    "season": pl.String,
    "has_score_conflict": pl.Boolean,
}
EVENT_SCHEMA = {
    "event_id": pl.String,
    "fixture_id": pl.String,
    "event_type": pl.String,
    "minute": pl.Int32,
    "added_time": pl.Int32,
    "player_id": pl.String,
    "player_name": pl.String,
    "team": pl.String,
    "related_player_name": pl.String,
    "is_penalty": pl.Boolean,
    "is_own_goal": pl.Boolean,
    "n_sources": pl.Int32,
    "minute_reported": pl.List(pl.Int32),
    "has_minute_conflict": pl.Boolean,
    "home_score_after": pl.Int32,
    "away_score_after": pl.Int32,
    "season": pl.String,
}
PLAYER_SCHEMA = {
    "player_id": pl.String,
    "name": pl.String,
    "team": pl.String,
    "role": pl.String,
    "aliases": pl.List(pl.String),
}
MENTION_SCHEMA = {
    "event_id": pl.String,
    "source_id": pl.String,
    "char_start": pl.Int32,
    "char_end": pl.Int32,
    "minute": pl.Int32,
    "added_time": pl.Int32,
    "rule": pl.String,
}
FIXTURE_MENTION_SCHEMA = {
    "fixture_id": pl.String,
    "source_id": pl.String,
    "char_start": pl.Int32,
    "char_end": pl.Int32,
    "home_team": pl.String,
    "away_team": pl.String,
    "home_score": pl.Int32,
    "away_score": pl.Int32,
    "rule": pl.String,
}


def frame(rows: list[dict], schema: dict[str, pl.DataType]) -> pl.DataFrame:
    """Rows to a frame with the table's fixed column types (stable for Parquet readers), column by column:
    no second dict per row (at 10,000 reports' events that copy was the build's peak)."""
    return pl.DataFrame([pl.Series(k, [r.get(k) for r in rows], dtype=dtype) for k, dtype in schema.items()])
