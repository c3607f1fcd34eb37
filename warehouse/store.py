"""Load stage: tables into `matchwire.duckdb` and `parquet/<table>/`, swapped in whole.

Everything is written to a staging folder beside the warehouse first, then moved into place
with renames on the same file system, so a reader sees the old warehouse or the new one.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import duckdb
import polars as pl

from warehouse.dictionary import apply_comments

DB_NAME = "matchwire.duckdb"
CONTRACT_TABLES = ("sources", "fixtures", "events", "players", "event_mentions")


class WarehouseError(RuntimeError):
    """The warehouse folder cannot be written: the run stops with this message."""


def ensure_writable(dest: Path) -> None:
    """Fail early, before any parsing, when the warehouse cannot be written."""
    try:
        dest.mkdir(parents=True, exist_ok=True)
        probe = dest / f".probe-{uuid.uuid4().hex}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as err:
        raise WarehouseError(f"warehouse {dest} cannot be written: {err.strerror or err}") from err


STATE_TABLES = ("sources", "raw_fixtures", "raw_events", "raw_people", "quarantine")
OPTIONAL_STATE = ("rejected_sources",)


LIGHT_SOURCES = ("source_id", "file_name", "content_sha256", "parser")


def previous_state(dest: Path, light: bool = False) -> dict[str, pl.DataFrame]:
    """What the warehouse in place already holds: sources and the raw records parsed from them.

    An incremental run parses only new articles and fuses them with these; an unreadable or
    older warehouse gives {} and the run rebuilds from scratch. `light` reads only what tells
    which articles are loaded and what was refused (no texts, no raw records): enough for a run
    that finds nothing new.
    """
    db = dest / DB_NAME
    if not db.exists():
        return {}
    try:
        with duckdb.connect(str(db), read_only=True) as con:
            have = {r[0] for r in con.execute("select table_name from information_schema.tables").fetchall()}
            if not set(STATE_TABLES) <= have:
                return {}
            names = [*STATE_TABLES, *(t for t in OPTIONAL_STATE if t in have)]
            if light:
                names = [n for n in names if not n.startswith("raw_")]
            cols = {n: ", ".join(f'"{c}"' for c in LIGHT_SOURCES) if light and n == "sources" else "*" for n in names}
            return {n: pl.from_arrow(con.sql(f'select {cols[n]} from "{n}"').to_arrow_table()) for n in names}
    except duckdb.Error:
        return {}


def table_counts(dest: Path) -> dict[str, int]:
    """Rows per table of the warehouse in place, in the order they were loaded."""
    with duckdb.connect(str(dest / DB_NAME), read_only=True) as con:
        names = [r[0] for r in con.execute("select table_name from duckdb_tables() order by table_oid").fetchall()]
        return {n: con.execute(f'select count(*) from "{n}"').fetchone()[0] for n in names}


@dataclass(frozen=True, slots=True)
class Staged:
    """Tables written as Parquet to a staging folder beside the warehouse, not swapped in yet."""

    folder: Path
    files: dict[str, Path]  # one plain Parquet file per table, in load order: what DuckDB loads
    rows: dict[str, int]


def load_warehouse(dest: Path, tables: dict[str, pl.DataFrame], views_sql: str = "") -> None:
    """Write every table to Parquet datasets and a fresh DuckDB file, then swap them in."""
    staged = stage_tables(dest, tables)
    try:
        load_staged(dest, staged, views_sql)
    finally:
        discard(staged)


def stage_tables(dest: Path, tables: dict[str, pl.DataFrame]) -> Staged:
    """Every table to Parquet in a new staging folder: from here on the frames are not needed."""
    ensure_writable(dest)
    for stale in dest.glob(".staging-*"):  # left by a run that was killed: never half-swapped, just litter
        shutil.rmtree(stale, ignore_errors=True)
    staging = dest / f".staging-{uuid.uuid4().hex[:12]}"
    staging.mkdir()
    try:
        files = write_parquet(staging / "parquet", tables, staging / "scratch")
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return Staged(staging, files, {name: df.height for name, df in tables.items()})


def load_staged(dest: Path, staged: Staged, views_sql: str = "") -> None:
    """A fresh DuckDB file from the staged Parquet, then both swapped in; a failed try can be tried again."""
    remove_database(staged.folder / DB_NAME)  # a failed try's
    load_duckdb(staged.folder / DB_NAME, staged.files, views_sql)
    pause = float(os.environ.get("MATCHWIRE_PAUSE_BEFORE_SWAP", "0"))  # fault injection for the kill test
    if pause:
        time.sleep(pause)
    swap_in(staged.folder, dest)
    discard(staged)


def discard(staged: Staged) -> None:
    """The staging folder goes, swapped in or not."""
    shutil.rmtree(staged.folder, ignore_errors=True)


# DuckDB loads the tables from Parquet files, on one thread, in a small buffer pool: the load's memory
# stays near flat however large the archive (an Arrow hand-over copies every string, and each thread
# and an uncapped pool hold a share of the tables until the end). Values too large for the pool (a
# column chunk of huge texts or refused files' bytes) make DuckDB give up: then it loads uncapped.
DUCKDB_LOAD_CONFIG = {"threads": 1, "memory_limit": "32MB"}


def write_duckdb(path: Path, tables: dict[str, pl.DataFrame], views_sql: str) -> None:
    """Frames to a DuckDB file, through Parquet files in a scratch folder beside it."""
    with tempfile.TemporaryDirectory(prefix=".scratch-", dir=path.parent) as scratch:
        files = {name: write_file(df, Path(scratch) / f"{name}.parquet") for name, df in tables.items()}
        load_duckdb(path, files, views_sql)


def load_duckdb(path: Path, files: dict[str, Path], views_sql: str) -> None:
    """One table per Parquet file, in the given order, in a capped buffer pool if the data fits in one."""
    try:
        fill_duckdb(path, files, views_sql, DUCKDB_LOAD_CONFIG)
    except duckdb.OutOfMemoryException:
        remove_database(path)
        fill_duckdb(path, files, views_sql, {})


def remove_database(path: Path) -> None:
    for leftover in (path, path.with_name(path.name + ".wal")):
        leftover.unlink(missing_ok=True)


def fill_duckdb(path: Path, files: dict[str, Path], views_sql: str, config: dict[str, object]) -> None:
    """Tables, views and the data dictionary into a new DuckDB file; column types are the files' (the frames')."""
    with duckdb.connect(str(path), config=config) as con:
        for name, file in files.items():
            con.execute(f'create table "{name}" as select * from read_parquet($file)', {"file": str(file)})
        con.begin()  # views and ~200 comments in one transaction: one commit, not one per statement
        if views_sql:
            con.execute(views_sql)
        apply_comments(con)  # the data dictionary travels with the warehouse
        con.commit()
        con.execute("checkpoint")


def write_parquet(root: Path, tables: dict[str, pl.DataFrame], scratch: Path) -> dict[str, Path]:
    """One dataset per table; events and fixtures partitioned by season for BI readers.

    Returns one plain file per table for DuckDB to load: the dataset's own, or for a partitioned
    table a copy in `scratch` (DuckDB would read a partitioned one with its rows and columns moved).
    """
    files = {}
    for name, df in tables.items():
        folder = root / name
        folder.mkdir(parents=True)
        if name in PARTITIONED and "season" in df.columns and df.height:
            df.write_parquet(folder, partition_by="season")
            scratch.mkdir(exist_ok=True)
            files[name] = write_file(df, scratch / f"{name}.parquet")
        else:
            files[name] = write_file(df, folder / "part-0.parquet")
    return files


PARTITIONED = ("fixtures", "events")


def write_file(df: pl.DataFrame, path: Path) -> Path:
    df.write_parquet(path)
    return path


def swap_in(staging: Path, dest: Path) -> None:
    """DuckDB file by one atomic rename; the Parquet folder by two renames, old removed after."""
    os.replace(staging / DB_NAME, dest / DB_NAME)
    current = dest / "parquet"
    old = dest / f".old-parquet-{uuid.uuid4().hex[:12]}"
    if current.exists():
        current.rename(old)
    (staging / "parquet").rename(current)
    shutil.rmtree(old, ignore_errors=True)


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
