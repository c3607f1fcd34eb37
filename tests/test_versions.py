"""Corrections and removals are taken back: an edited file replaces its earlier version, `--prune` retracts
what left the folder (and then equals a full rebuild), and a refusal expires once its file loads fine."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import polars as pl
import pytest
from typer.testing import CliRunner

import flows.pipeline as pipeline
from flows.cli import app
from flows.pipeline import matchwire_flow
from tests.helpers import SEEDS, assert_same_frames, older_layout, write_folder

FIRST = (
    "Fulham 2-1 Everton\n\nTomas Varga opened the scoring in the 15th minute for Fulham. Pieter Olsen "
    "equalised for Everton in the 40th minute before Samir Haddou won it for Fulham in the 85th minute.\n"
)
CORRECTED = (  # the publisher's correction: Haddou scored twice, 3-1
    "Fulham 3-1 Everton\n\nTomas Varga opened the scoring in the 15th minute for Fulham. Pieter Olsen "
    "equalised for Everton in the 40th minute before Samir Haddou scored twice for Fulham, in the 85th and "
    "90th minutes.\n"
)
OTHER = "Leeds United 0-0 Burnley\n\nMarco Lind struck the post on the hour for Leeds United.\n"
TABLES = ("fixtures", "events", "players", "event_mentions", "fixture_mentions", "sources")
LEDGER = ("quarantine", "rejected_sources", "raw_fixtures", "raw_events", "raw_people")


def rows(warehouse: Path, sql: str, *params) -> list[tuple]:
    with duckdb.connect(str(warehouse / "matchwire.duckdb"), read_only=True) as con:
        return con.execute(sql, list(params)).fetchall()


def current_tables(warehouse: Path) -> dict[str, pl.DataFrame]:
    """Every table as a full rebuild would have it: current sources only, without load-time columns."""
    out = {}
    with duckdb.connect(str(warehouse / "matchwire.duckdb"), read_only=True) as con:
        for name in (*TABLES, *LEDGER):
            where = " where is_current" if name == "sources" else ""
            df = pl.from_arrow(con.sql(f"select * from {name}{where}").to_arrow_table())
            df = df.drop("ingested_at", "retired_at", "superseded_by", "is_current", strict=False)
            out[name] = df.sort(df.columns)
    return out


def test_an_edited_article_replaces_its_earlier_version(tmp_path: Path) -> None:
    articles = write_folder(tmp_path / "a", {"match.txt": FIRST, "other.txt": OTHER})
    wh = tmp_path / "wh"
    matchwire_flow(articles, wh)
    (old_id,) = rows(wh, "select source_id from sources where file_name = 'match.txt'")[0]
    (articles / "match.txt").write_text(CORRECTED)
    summary = matchwire_flow(articles, wh)
    assert summary.replaced == 1
    versions = rows(
        wh, "select source_id, is_current, superseded_by from sources where file_name = 'match.txt' order by all"
    )
    (new_id,) = [v[0] for v in versions if v[1]]
    assert sorted(versions) == sorted([(old_id, False, new_id), (new_id, True, None)])  # history kept
    for table in ("event_mentions", "fixture_mentions", "raw_fixtures", "raw_events", "raw_people"):
        assert rows(wh, f"select count(*) from {table} where source_id = ?", old_id) == [(0,)], table
    fixture = rows(
        wh, "select home_score, away_score, has_score_conflict, n_sources from fixtures where home_team = 'Fulham'"
    )
    assert fixture == [(3, 1, False, 1)]  # the correction, and no conflict with what it corrected
    goals = rows(wh, "select count(*) from events where event_type = 'goal' and player_name = 'Samir Haddou'")
    assert goals == [(2,)]
    matchwire_flow(articles, tmp_path / "full", full=True)
    assert_same_frames(current_tables(wh), current_tables(tmp_path / "full"))
    # changed back: the first version is current again, superseding the correction
    (articles / "match.txt").write_text(FIRST)
    matchwire_flow(articles, wh)
    versions = rows(wh, "select source_id, is_current, superseded_by from sources where file_name = 'match.txt'")
    assert sorted(versions) == sorted([(old_id, True, None), (new_id, False, old_id)])
    assert rows(wh, "select home_score from fixtures where home_team = 'Fulham'") == [(2,)]


def test_prune_retracts_what_left_the_folder_and_then_equals_a_full_rebuild(tmp_path: Path) -> None:
    articles = tmp_path / "a"
    shutil.copytree(Path(SEEDS[0]).parent, articles)
    write_folder(articles, {"empty.txt": b"", "other.txt": OTHER})
    wh = tmp_path / "wh"
    matchwire_flow(articles, wh)
    for gone in (SEEDS[1].name, SEEDS[3].name, "empty.txt"):
        (articles / gone).unlink()
    matchwire_flow(articles, wh)  # the default only adds: a drop folder may be emptied
    assert rows(wh, "select count(*) from sources where is_current") == [(6,)]
    assert rows(wh, "select count(*) from rejected_sources where file_name = 'empty.txt'") == [(1,)]
    out = CliRunner().invoke(app, ["run", "--prune", "--articles", str(articles), "--warehouse", str(wh)])
    assert out.exit_code == 0, out.output
    assert "2 no longer in the folder retracted" in out.output
    retracted = rows(wh, "select file_name, superseded_by from sources where not is_current order by 1")
    assert retracted == sorted([(SEEDS[1].name, None), (SEEDS[3].name, None)])
    matchwire_flow(articles, tmp_path / "full", full=True)
    assert_same_frames(current_tables(wh), current_tables(tmp_path / "full"))


def test_a_refusal_expires_once_its_file_loads_fine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    articles = write_folder(tmp_path / "a", {"empty.txt": b"", "gone.txt": OTHER, "match.txt": FIRST})
    (articles / "late.txt").symlink_to(tmp_path / "not-yet.txt")
    read_files = pipeline.read_files

    def deleted_mid_run(paths):  # the file was listed, then deleted before it was read
        (articles / "gone.txt").unlink(missing_ok=True)
        return read_files(paths)

    monkeypatch.setattr(pipeline, "read_files", deleted_mid_run)
    wh = tmp_path / "wh"
    matchwire_flow(articles, wh)
    monkeypatch.undo()
    refused = dict(rows(wh, "select file_name, reason from rejected_sources"))
    assert refused["empty.txt"] == "empty file"
    assert refused["gone.txt"].startswith("cannot read file")
    assert refused["late.txt"].startswith("dangling symlink")
    (articles / "empty.txt").write_text(CORRECTED.replace("Fulham", "Chelsea"))
    (articles / "gone.txt").write_text(OTHER)  # restored
    (tmp_path / "not-yet.txt").write_text(OTHER.replace("Leeds United", "Arsenal"))
    matchwire_flow(articles, wh)
    files = {"empty.txt", "gone.txt", "late.txt"}
    assert files <= {r[0] for r in rows(wh, "select file_name from sources where is_current")}
    assert not files & {r[0] for r in rows(wh, "select file_name from rejected_sources")}
    assert not files & {r[0] for r in rows(wh, "select file_name from quarantine")}


def without_keys(db: Path) -> None:
    """Older matchwires declared no keys (nor a column of sources could be dropped with them): its tables, bare."""
    bare = db.with_name("bare.duckdb")
    with duckdb.connect(str(bare)) as con:
        con.execute(f"attach '{db}' as old (read_only)")
        names = con.execute("select table_name from duckdb_tables() where database_name = 'old'").fetchall()
        for (name,) in names:
            con.execute(f'create table "{name}" as select * from old."{name}"')
    bare.replace(db)


def test_an_older_warehouse_is_taken_up_whole(tmp_path: Path) -> None:
    """A warehouse of an older matchwire (a real DuckDB file and Parquet folder, no version columns, another
    parser, absolute paths in rejected_sources) keeps every article: parsed again from the stored texts,
    adopted as a generation, its paths made relative."""
    articles = tmp_path / "a"
    shutil.copytree(Path(SEEDS[0]).parent, articles)
    write_folder(articles, {"empty.txt": b""})
    (articles / "missing.txt").symlink_to(tmp_path / "nowhere.txt")
    matchwire_flow(articles, tmp_path / "new")
    wh = older_layout(tmp_path / "new", tmp_path / "wh")
    without_keys(wh / "matchwire.duckdb")
    with duckdb.connect(str(wh / "matchwire.duckdb")) as con:
        for column in ("is_current", "superseded_by", "retired_at"):
            con.execute(f"alter table sources drop column {column}")
        con.execute("update sources set parser = 'an older parser'")
        con.execute("update rejected_sources set path = '/home/someone/articles/' || path where path is not null")
    (articles / SEEDS[0].name).unlink()  # loaded before, gone now: kept (runs only add)
    summary = matchwire_flow(articles, wh)
    assert summary.tables["sources"] == 5
    assert (wh / "current").is_symlink() and (wh / "matchwire.duckdb").is_symlink()
    assert rows(wh, "select path from rejected_sources order by all") == [("missing.txt",), (None,)]
    assert rows(wh, "select count(*) from sources where is_current and parser <> 'an older parser'") == [(5,)]
    assert_same_frames(current_tables(wh), current_tables(tmp_path / "new"))
