"""Analyst views, the data dictionary and the documented queries, checked on the real seeds warehouse."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import duckdb
import polars as pl
import pytest

from warehouse.dictionary import DICTIONARY, apply_comments, comment_statements, render_markdown
from warehouse.store import DB_NAME, write_duckdb
from warehouse.views import VIEW_NAMES, VIEWS_SQL

ROOT = Path(__file__).resolve().parent.parent
CONTRACT = ROOT.parent / "shared" / "CONTRACT.md"
QUERIES = ROOT / "docs" / "queries.md"
MAIN_MATCH = (
    "fixture_id in (select fixture_id from fixtures "
    "where home_team = 'Real Madrid' and away_team = 'Rayo Vallecano' and status = 'played')"
)


@pytest.fixture(scope="module")
def con(seeds_run) -> Iterator[duckdb.DuckDBPyConnection]:
    _, warehouse = seeds_run
    with duckdb.connect(str(warehouse / DB_NAME), read_only=True) as c:
        yield c


def rows(con: duckdb.DuckDBPyConnection, sql: str) -> list[dict]:
    return pl.from_arrow(con.sql(sql).to_arrow_table()).to_dicts()


def scalar(con: duckdb.DuckDBPyConnection, sql: str) -> object:
    return con.execute(sql).fetchall()[0][0]


def names(cell: str | None) -> list[str]:
    """Scorer text ("A 15', B 90+10' (pen)") to the scorers' names."""
    if not cell:
        return []
    return [re.sub(r"\s+(?:\d+(?:\+\d+)?'|\((?:pen|og)\))", "", part).strip() for part in cell.split(", ")]


# ---- views ----------------------------------------------------------------------------------
def test_every_view_exists(con) -> None:
    have = {r["view_name"] for r in rows(con, "select view_name from duckdb_views() where not internal")}
    assert set(VIEW_NAMES) <= have


def test_fixture_summary_has_the_main_match_with_its_three_scorers(con) -> None:
    [row] = rows(con, f"select * from fixture_summary where {MAIN_MATCH}")
    assert (row["home_score"], row["away_score"], row["score"], row["result"]) == (2, 1, "2-1", "home win")
    assert str(row["match_date"]) == "2026-02-01" and row["n_sources"] == 5
    home, away, unplaced = names(row["home_scorers"]), names(row["away_scorers"]), names(row["unplaced_scorers"])
    scorers = home + away + unplaced
    assert row["n_goals"] == 3 and len(scorers) == 3
    assert {"Vinícius Júnior", "Kylian Mbappé", "Jorge de Frutos"} == set(scorers)
    assert "Vinícius Júnior" in home  # the goal whose team the sources state
    assert "Kylian Mbappé" not in away and "Jorge de Frutos" not in home  # never on the wrong side
    assert len(home) <= 2 and len(away) <= 1  # never more goals on a side than its score
    assert "Vinícius Júnior 15'" in row["home_scorers"]
    assert "Kylian Mbappé 90+10' (pen)" in (row["home_scorers"] + ", " + (row["unplaced_scorers"] or ""))
    assert "Pathé Ciss 80' (red" in row["cards"] and "Pep Chavarría (second yellow" in row["cards"]
    assert (row["yellow_cards"], row["red_cards"]) == (1, 2)


def test_fixture_summary_is_one_line_per_fixture_in_date_order(con) -> None:
    summary = rows(con, "select fixture_id, match_date from fixture_summary")
    assert len({r["fixture_id"] for r in summary}) == len(summary)
    assert len(summary) == scalar(con, "select count(*) from fixtures")
    dated = [r["match_date"] for r in summary if r["match_date"] is not None]
    assert dated == sorted(dated) and summary[: len(dated)] == [r for r in summary if r["match_date"]]


def test_player_fixture_stats_counts_goals_penalties_cards_and_substitutions(con) -> None:
    stats = {r["player_name"]: r for r in rows(con, f"select * from player_fixture_stats where {MAIN_MATCH}")}
    mbappe = stats["Kylian Mbappé"]
    assert (mbappe["goals"], mbappe["penalties"], mbappe["own_goals"]) == (1, 1, 0)
    assert mbappe["player_id"] is not None
    assert stats["Vinícius Júnior"]["goals"] == 1 and stats["Vinícius Júnior"]["penalties"] == 0
    assert (stats["Pep Chavarría"]["yellow"], stats["Pep Chavarría"]["red"]) == (1, 1)
    assert stats["Pathé Ciss"]["red"] == 1
    assert stats["Brahim Díaz"]["is_subbed_on"] and not stats["Brahim Díaz"]["is_subbed_off"]
    bellingham = stats["Jude Bellingham"]
    assert bellingham["is_subbed_off"] and bellingham["is_injured"] and not bellingham["is_subbed_on"]
    # Brahim's team comes from the man he replaced when no source states it
    assert stats["Brahim Díaz"]["team"] == "Real Madrid" and stats["Brahim Díaz"]["side"] == "home"
    total = scalar(
        con, "select count(*) from events where event_type = 'goal' and not is_own_goal and player_name is not null"
    )
    assert scalar(con, "select sum(goals) from player_fixture_stats") == total


def test_fixture_timeline_runs_in_clock_order_with_the_score(con) -> None:
    line = rows(con, f"select * from fixture_timeline where {MAIN_MATCH} order by seq")
    assert [r["seq"] for r in line] == list(range(1, len(line) + 1))
    timed = [(r["minute"], r["added_time"] or 0) for r in line if r["minute"] is not None]
    assert timed == sorted(timed)
    assert all(r["minute"] is None for r in line[len(timed) :])  # untimed events last
    assert (line[0]["clock"], line[0]["home_score_now"], line[0]["away_score_now"]) == ("9'", 0, 0)  # the injury
    first = next(r for r in line if r["event_type"] == "goal")
    assert (first["player_name"], first["clock"], first["home_score_now"], first["away_score_now"]) == (
        "Vinícius Júnior",
        "15'",
        1,
        0,
    )
    assert any(r["clock"] == "90+10'" and r["player_name"] == "Kylian Mbappé" for r in line)


def test_source_coverage_lists_the_five_reports_of_the_main_match(con) -> None:
    cover = rows(con, f"select * from source_coverage where {MAIN_MATCH}")
    assert len(cover) == 5 and len({r["source_id"] for r in cover}) == 5
    assert {r["file_name"] for r in cover} == {p.name for p in (ROOT / "seeds").iterdir()}
    [reuters] = [r for r in cover if r["publisher"] == "Reuters"]
    assert (reuters["reported_home_score"], reuters["reported_away_score"], reuters["has_same_score"]) == (2, 1, True)
    assert reuters["n_minute_disagreements"] >= 1  # Reuters has Vinícius on 16, the majority 15
    mentions = scalar(
        con,
        f"select count(*) from event_mentions join events using (event_id) where {MAIN_MATCH}",
    )
    assert sum(r["n_event_mentions"] for r in cover) == mentions
    assert all(r["first_mention_text"] for r in cover)


def test_views_work_on_an_empty_warehouse(con, tmp_path: Path) -> None:
    tables = {
        name: pl.from_arrow(con.sql(f'select * from "{name}" limit 0').to_arrow_table())
        for (name,) in con.execute("select table_name from duckdb_tables()").fetchall()
    }
    write_duckdb(tmp_path / DB_NAME, tables, VIEWS_SQL)
    with duckdb.connect(str(tmp_path / DB_NAME), read_only=True) as empty:
        for view in VIEW_NAMES:
            assert scalar(empty, f"select count(*) from {view}") == 0


# ---- data dictionary ------------------------------------------------------------------------
def contract_columns() -> dict[str, list[str]]:
    """Tables and columns the shared contract promises, read from CONTRACT.md itself."""
    out: dict[str, list[str]] = {}
    table = None
    for line in CONTRACT.read_text(encoding="utf-8").splitlines():
        if m := re.match(r"^## (\w+) ", line):
            table = m[1]
            out[table] = []
        elif table and line.startswith("| ") and not line.startswith("| column"):
            cell = line.split("|")[1].replace("`", "")
            out[table] += [c.strip() for c in cell.split("/") if c.strip()]
    return out


@pytest.mark.skipif(not CONTRACT.is_file(), reason="../shared/CONTRACT.md not next to this checkout")
def test_every_contract_table_and_column_has_a_comment(con) -> None:
    promised = contract_columns()
    assert {"sources", "fixtures", "events", "players", "event_mentions"} <= set(promised)
    tables = {r["table_name"]: r["comment"] for r in rows(con, "select table_name, comment from duckdb_tables()")}
    columns = {
        (r["table_name"], r["column_name"]): r["comment"]
        for r in rows(con, "select table_name, column_name, comment from duckdb_columns() where not internal")
    }
    for table, cols in promised.items():
        assert (tables.get(table) or "").strip(), f"no comment on table {table}"
        for col in cols:
            assert (columns.get((table, col)) or "").strip(), f"no comment on {table}.{col}"


def test_the_dictionary_describes_exactly_what_the_warehouse_holds(con) -> None:
    """A new, renamed or retyped column must be described: edit warehouse/dictionary.py, then run
    `.venv/bin/python -m warehouse.dictionary` to refresh docs/data-dictionary.md."""
    actual: dict[str, dict[str, str]] = {}
    sql = (
        "select table_name, column_name, data_type, comment from duckdb_columns() "
        "where not internal and schema_name = 'main'"
    )
    for r in rows(con, sql):
        actual.setdefault(r["table_name"], {})[r["column_name"]] = r["data_type"]
        assert (r["comment"] or "").strip(), f"{r['table_name']}.{r['column_name']} has no comment"
    documented = {rel.name: {c.name: c.type for c in rel.columns} for rel in DICTIONARY}
    assert set(documented) == set(actual)
    for name, cols in actual.items():
        assert documented[name] == cols, f"warehouse/dictionary.py is out of date for {name}"
    relations = rows(
        con,
        "select table_name as name, comment from duckdb_tables() "
        "union all select view_name, comment from duckdb_views() where not internal and schema_name = 'main'",
    )
    assert all((r["comment"] or "").strip() for r in relations)


def test_the_previous_releases_names_still_work(con) -> None:
    """Deprecated for one release: the old view names in main, and every renamed column under its old name in
    the `legacy` schema, so a query of the previous release runs unchanged with `search_path = 'legacy,main'`."""
    from warehouse.views import DEPRECATED_VIEWS, LEGACY_COLUMNS

    for old, (new, renamed) in DEPRECATED_VIEWS.items():
        assert scalar(con, f"select count(*) from {old}") == scalar(con, f"select count(*) from {new}")
        cols = [
            r["column_name"] for r in rows(con, f"select column_name from duckdb_columns() where table_name = '{old}'")
        ]
        assert set(renamed.values()) <= set(cols) and not set(renamed) & set(cols), old
    for name, renamed in LEGACY_COLUMNS.items():
        old = next((o for o, (n, _) in DEPRECATED_VIEWS.items() if n == name), name)
        for new_col, old_col in renamed.items():
            got = con.execute(f'select count(*) filter (where "{old_col}") from legacy."{old}"').fetchone()[0]
            assert got == scalar(con, f'select count(*) filter (where "{new_col}") from main."{name}"'), (name, old_col)
    con.execute("set search_path = 'legacy,main'")
    try:
        assert scalar(con, "select count(*) from fixtures where score_conflict or not home_known") >= 0
        assert scalar(con, "select count(*) from events where minute_conflict") >= 0
        assert scalar(con, "select count(*) from source_coverage where score_agrees") >= 0
        assert scalar(con, "select count(*) from sources") > 0  # what was not renamed is main's
    finally:
        con.execute("set search_path = 'main'")


def test_comment_statements_skip_what_is_missing_and_escape_quotes() -> None:
    with duckdb.connect() as mem:
        mem.execute("create table events (minute integer, not_documented varchar)")
        statements = comment_statements(mem)
        assert statements[0].startswith('comment on table "events" is ')
        assert [s.split(" is ")[0] for s in statements[1:]] == ['comment on column "events"."minute"']
        assert "''90+10''" in statements[1]  # the description quotes a clock
        assert apply_comments(mem) == 2
        comment = scalar(mem, "select comment from duckdb_columns() where column_name = 'minute'")
        assert "'90+10'" in comment


def test_committed_data_dictionary_is_up_to_date() -> None:
    committed = (ROOT / "docs" / "data-dictionary.md").read_text(encoding="utf-8")
    assert committed == render_markdown(), "run `.venv/bin/python -m warehouse.dictionary`"


# ---- documented queries ---------------------------------------------------------------------
def documented_queries() -> list[tuple[str, str]]:
    """(title, sql) for every ```sql block of docs/queries.md, titled by the ### heading above it."""
    out: list[tuple[str, str]] = []
    title = None
    for chunk in re.split(r"^(### .+|```sql\n[\s\S]*?^```)$", QUERIES.read_text(encoding="utf-8"), flags=re.M):
        if chunk.startswith("### "):
            title = chunk[4:].strip()
        elif chunk.startswith("```sql"):
            assert title, "every sql block needs a ### title above it"
            out.append((title, chunk.removeprefix("```sql\n").removesuffix("```")))
            title = None
    return out


def test_every_documented_query_runs_and_most_find_rows(con) -> None:
    queries = documented_queries()
    assert len(queries) == 12
    found = {}
    for title, sql in queries:
        try:
            found[title] = len(con.execute(sql).fetchall())
        except duckdb.Error as err:  # pragma: no cover - the message names the broken query
            pytest.fail(f"query {title!r} failed: {err}")
    with_rows = [t for t, n in found.items() if n > 0]
    assert len(with_rows) >= 8, found


def test_every_query_in_the_readme_runs(con) -> None:
    """The README's `matchwire query "..."` examples, against the seed warehouse."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    queries = re.findall(r'matchwire query "([^"]+)"', readme)
    assert len(queries) >= 3
    for sql in queries:
        if sql == "...":
            continue
        try:
            con.execute(sql).fetchall()
        except duckdb.Error as err:  # pragma: no cover - the message names the broken query
            pytest.fail(f"README query {sql!r} failed: {err}")
