"""The load stage: DuckDB tables and Parquet datasets hold the frames as they are, types and row order."""

import datetime as dt
from pathlib import Path

import duckdb
import polars as pl
import pytest

from warehouse import store


def frames() -> dict[str, pl.DataFrame]:
    """A few tables with every column type the warehouse uses, nulls, an empty one and a partitioned one."""
    return {
        "fixtures": pl.DataFrame(
            {
                "fixture_id": ["fx_b", "fx_a", "fx_c"],
                "match_date": [dt.date(2026, 3, 1), None, dt.date(2025, 9, 1)],
                "home_score": pl.Series([2, None, 0], dtype=pl.Int32),
                "season": ["2025-26", None, "2025-26"],
            }
        ),
        "sources": pl.DataFrame(
            {
                "source_id": ["src_2", "src_1"],
                "ingested_at": [dt.datetime(2026, 3, 2, 10, 0), dt.datetime(2026, 3, 2, 10, 0, 1)],
                "text": ["Fulham 2-1 Everton. " * 50_000, "Varga scored."],  # one ~1 MB text
                "n_chars": pl.Series([1_000_000, 13], dtype=pl.Int32),
            }
        ),
        "events": pl.DataFrame(
            {
                "event_id": ["ev_1"],
                "minute_reported": pl.Series([[15, 16]], dtype=pl.List(pl.Int32)),
                "is_penalty": [False],
                "season": ["2025-26"],
            }
        ),
        "players": pl.DataFrame({"player_id": ["pl_1"], "aliases": [["Varga", "Tomas Varga"]]}),
        "rejected_sources": pl.DataFrame(
            {"file_name": ["binary.txt"], "raw": [bytes(range(256)) * 40], "size_bytes": [10240]}
        ),
        "quarantine": pl.DataFrame(schema={"stage": pl.String, "record": pl.String}),
    }


def read_back(db: Path) -> dict[str, pl.DataFrame]:
    with duckdb.connect(str(db), read_only=True) as con:
        names = [r[0] for r in con.execute("select table_name from duckdb_tables()").fetchall()]
        return {n: pl.from_arrow(con.sql(f'select * from "{n}"').to_arrow_table()) for n in names}


@pytest.mark.parametrize("memory_limit", ["32MB", "1MB"])
def test_duckdb_and_parquet_hold_the_frames(memory_limit: str, tmp_path: Path, monkeypatch) -> None:
    """A pool too small for the data (1 MB here) makes DuckDB give up; the load is then done uncapped."""
    configs: list[dict] = []
    fill = store.fill_duckdb
    monkeypatch.setattr(store, "DUCKDB_LOAD_CONFIG", {"threads": 1, "memory_limit": memory_limit})
    monkeypatch.setattr(store, "fill_duckdb", lambda *a: configs.append(a[-1]) or fill(*a))
    tables = frames()
    store.load_warehouse(tmp_path, tables)
    assert configs[0]["memory_limit"] == memory_limit
    if memory_limit == "1MB":
        assert configs[1:] == [{}]  # the capped pass ran out of memory: loaded again, uncapped
    got = read_back(tmp_path / store.DB_NAME)
    assert set(got) == set(tables)
    for name, df in tables.items():
        assert got[name].equals(df), name  # same columns, types and rows, in the same order
    fixtures = pl.read_parquet(tmp_path / "parquet" / "fixtures" / "**/*.parquet", hive_partitioning=True)
    assert {p.name for p in (tmp_path / "parquet" / "fixtures").iterdir()} >= {"season=2025-26"}
    assert fixtures.sort("fixture_id")["fixture_id"].to_list() == ["fx_a", "fx_b", "fx_c"]
    assert pl.read_parquet(tmp_path / "parquet" / "sources" / "part-0.parquet").equals(tables["sources"])
    assert not list(tmp_path.glob(".staging-*"))  # scratch files went with the staging folder


def test_duckdb_column_types(tmp_path: Path) -> None:
    store.write_duckdb(tmp_path / store.DB_NAME, frames(), "")
    with duckdb.connect(str(tmp_path / store.DB_NAME), read_only=True) as con:
        types = dict(con.execute("select table_name || '.' || column_name, data_type from duckdb_columns()").fetchall())
    assert types["fixtures.match_date"] == "DATE"
    assert types["fixtures.home_score"] == "INTEGER"
    assert types["sources.ingested_at"] == "TIMESTAMP"
    assert types["sources.text"] == "VARCHAR"
    assert types["events.minute_reported"] == "INTEGER[]"
    assert types["players.aliases"] == "VARCHAR[]"
    assert types["rejected_sources.raw"] == "BLOB"
    assert types["rejected_sources.size_bytes"] == "BIGINT"
    assert not list(tmp_path.glob(".scratch-*"))
