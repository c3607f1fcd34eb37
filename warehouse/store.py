"""Load stage: tables into `matchwire.duckdb` and `parquet/<table>/`, swapped in whole.

A warehouse folder holds generations, each a whole warehouse, and one pointer to the current one:

    generations/<id>/matchwire.duckdb, generations/<id>/parquet/<table>/, generations/<id>/generation.json
    current -> generations/<id>                     the one atomic pointer
    matchwire.duckdb -> current/matchwire.duckdb    the contract's paths, through the pointer
    parquet -> current/parquet
    .matchwire.lock                                 held by the run loading the warehouse (warehouse/lock.py)

A run writes its generation in `.staging-<id>` beside the warehouse, moves it under `generations/`
and switches `current` by renaming a new symlink over it: one rename, so a reader opening either
contract path sees the old generation or the new one, never one of each. A run killed at any step
leaves the old pointer (the new generation is litter) or the new one (the old one is litter); the
next run, holding the lock, clears the litter and finishes the links before it reads (`recover`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import shutil
import signal
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import duckdb
import polars as pl

from warehouse.dictionary import apply_comments
from warehouse.errors import WarehouseBusy, WarehouseError
from warehouse.folders import make_writable_folder
from warehouse.views import legacy_sql

__all__ = ["WarehouseBusy", "WarehouseError"]

DB_NAME = "matchwire.duckdb"
CONTRACT_TABLES = ("sources", "fixtures", "events", "players", "event_mentions")
POINTER = "current"
GENERATIONS = "generations"
MANIFEST = "generation.json"  # written last: a generation folder without it was never finished
LINKS = {DB_NAME: f"{POINTER}/{DB_NAME}", "parquet": f"{POINTER}/parquet"}
LITTER = (".staging-*", ".current-*", ".link-*", ".old-parquet-*", ".scratch-*")
# Where a test may stop the swap: MATCHWIRE_SWAP_FAULT="<step>:kill" or "<step>:pause=<seconds>".
FAULT_ENV = "MATCHWIRE_SWAP_FAULT"
SWAP_STEPS = ("adopted", "db-linked", "parquet-moved", "staged", "moved", "pointer-made", "switched", "linked")


def ensure_writable(dest: Path) -> None:
    """Fail early, before any parsing, when the warehouse cannot be written."""
    try:
        make_writable_folder(dest)
    except OSError as err:
        raise WarehouseError(f"warehouse {dest} cannot be written: {err.strerror or err}") from err


STATE_TABLES = ("sources", "raw_fixtures", "raw_events", "raw_people", "quarantine")
OPTIONAL_STATE = ("rejected_sources",)


# The order a run's summary lists the tables in (as the build hands them over); others follow as loaded.
SHOWN_ORDER = (
    "teams", "fixtures", "events", "people", "players", "event_mentions", "fixture_mentions", "appearances", "sources",
    "raw_fixtures", "raw_events", "raw_people", "quarantine", "rejected_sources",
)  # fmt: skip
LIGHT_SOURCES = ("source_id", "file_name", "content_sha256", "parser", "ingested_at", "is_current")


def recover(dest: Path) -> None:
    """Finish what a killed run left (only the lock holder may): the links, then the litter goes.

    A pointer to a finished generation is the warehouse: if a run was killed after switching it, the
    contract paths are linked to it now; generations it does not point to, staging folders, temporary
    links and Parquet folders moved aside are removed.
    """
    gen = current_generation(dest)
    if gen is not None:
        link_paths(dest)
    clear_litter(dest, keep=gen)


def current_generation(dest: Path) -> Path | None:
    """The generation `current` points to; None before the first generation (an empty or older warehouse)."""
    pointer = dest / POINTER
    if not pointer.is_symlink():
        if pointer.exists():
            raise WarehouseError(f"warehouse {dest}: {POINTER} is not a link to a generation; nothing was changed")
        return None
    gen = pointer.resolve()
    if not (gen / MANIFEST).is_file():
        raise WarehouseError(
            f"warehouse {dest}: {POINTER} points to {os.readlink(pointer)}, which is missing or unfinished; "
            "nothing was changed (restore the folder, or move the warehouse away and run --full)"
        )
    return gen


def live_database(dest: Path) -> Path | None:
    """The DuckDB file a run must read first: the current generation's, an older warehouse's, or None if empty."""
    gen = current_generation(dest)
    if gen is not None:
        return gen / DB_NAME
    db = dest / DB_NAME
    if db.exists():
        return db
    if db.is_symlink() or (dest / "parquet").exists():
        raise WarehouseError(
            f"warehouse {dest} has a parquet/ folder but no {DB_NAME} to read what was loaded; nothing was changed "
            "(restore the file, or move parquet/ away to start again)"
        )
    return None


def previous_state(
    dest: Path, light: bool = False, wait: float = 0.0, on_wait: Callable[[str], None] = lambda _: None
) -> dict[str, pl.DataFrame]:
    """What the warehouse in place already holds: sources and the raw records parsed from them.

    An incremental run parses only new articles and fuses them with these. An empty folder gives {};
    a warehouse that cannot be read stops the run (WarehouseError): taking it for an empty one would
    replace what was loaded with only what is in the folder now. `light` reads only what tells which
    articles are loaded and what was refused (no texts, no raw records): enough for a run that finds
    nothing new.
    """
    db = live_database(dest)
    if db is None:
        return {}
    try:
        with read_only(db, wait, on_wait, shown=dest / DB_NAME) as con:
            have = {r[0] for r in con.execute("select table_name from information_schema.tables").fetchall()}
            if not set(STATE_TABLES) <= have:
                missing = ", ".join(sorted(set(STATE_TABLES) - have))
                raise WarehouseError(
                    f"warehouse {dest / DB_NAME} has no {missing} table(s): not a matchwire warehouse, or one "
                    "too old to add to; nothing was changed (move it away, or run --full to rebuild from the "
                    "articles folder)"
                )
            names = [*STATE_TABLES, *(t for t in OPTIONAL_STATE if t in have)]
            if light:
                names = [n for n in names if not n.startswith("raw_")]
            return {n: _read_table(con, n, light) for n in names}
    except duckdb.Error as err:
        raise unreadable(dest / DB_NAME, err) from err


def _read_table(con: duckdb.DuckDBPyConnection, name: str, light: bool) -> pl.DataFrame:
    """One table as a frame; light sources carry only the columns that tell what is loaded."""
    cols = "*"
    if light and name == "sources":
        present = {r[0] for r in con.execute(f"describe {name}").fetchall()}
        cols = ", ".join(f'"{c}"' for c in LIGHT_SOURCES if c in present)
    return pl.from_arrow(con.sql(f'select {cols} from "{name}"').to_arrow_table())


def unreadable(db: Path, err: Exception) -> WarehouseError:
    """The one line a run stops with when what was loaded cannot be read."""
    first = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
    return WarehouseError(
        f"warehouse {db} cannot be read ({first}); nothing was changed: restore it, or move it away "
        "and run --full to rebuild from the articles folder"
    )


@contextlib.contextmanager
def read_only(
    db: Path, wait: float = 0.0, on_wait: Callable[[str], None] = lambda _: None, shown: Path | None = None
) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection; while another program holds the file read-write, wait up to `wait` seconds.

    `shown` is the path the messages name (the contract path, not the generation's file).
    """
    shown = shown or db
    deadline = time.monotonic() + max(0.0, wait)
    told = False
    while True:
        try:
            con = duckdb.connect(str(db), read_only=True)
            break
        except duckdb.IOException as err:
            if "lock" not in str(err).lower():
                raise
            holder = str(err).split("Conflicting lock is held in", 1)[-1].split(". See also")[0].strip()
            if time.monotonic() >= deadline:
                raise WarehouseBusy(
                    f"warehouse {shown} is open read-write in another program ({holder}); nothing was changed: "
                    "close that connection (or open it read-only) and run again"
                ) from None
            if not told:
                on_wait(f"warehouse {shown} is open read-write in another program ({holder}); waiting up to {wait:g} s")
                told = True
            time.sleep(0.25)
    with con:
        yield con


def table_counts(dest: Path, wait: float = 0.0) -> dict[str, int]:
    """Rows per table of the warehouse in place, in the order they were loaded."""
    db = live_database(dest) or dest / DB_NAME
    try:
        with read_only(db, wait, shown=dest / DB_NAME) as con:
            names = [r[0] for r in con.execute("select table_name from duckdb_tables() order by table_oid").fetchall()]
            names.sort(key=lambda n: SHOWN_ORDER.index(n) if n in SHOWN_ORDER else len(SHOWN_ORDER))
            return {n: con.execute(f'select count(*) from "{n}"').fetchone()[0] for n in names}
    except duckdb.Error as err:
        raise unreadable(dest / DB_NAME, err) from err


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
    """Every table to Parquet in a new staging folder: from here on the frames are not needed.

    Staging folders of killed runs are litter that only the lock holder clears (`recover`): another
    run's live staging folder may lie beside this one when no lock is held (tests, library use).
    """
    ensure_writable(dest)
    staging = dest / f".staging-{generation_id()}"
    staging.mkdir()
    try:
        files = write_parquet(staging / "parquet", tables, staging / "scratch")
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return Staged(staging, files, {name: df.height for name, df in tables.items()})


def generation_id() -> str:
    """Sortable by time, unique by chance: generations/<id> names one run's whole warehouse."""
    return f"{dt.datetime.now(dt.UTC):%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}"


def load_staged(dest: Path, staged: Staged, views_sql: str = "") -> None:
    """A fresh DuckDB file from the staged Parquet, then the whole generation swapped in.

    A failed try can be tried again: the DuckDB file is written afresh, and a try that failed once the
    generation was moved in only switches to it (again) and finishes the links and the clearing.
    """
    gen = dest / GENERATIONS / staged.folder.name.removeprefix(".staging-")
    if not staged.folder.exists() and (gen / MANIFEST).is_file():
        switch_to(dest, gen)
        return
    remove_database(staged.folder / DB_NAME)  # a failed try's
    load_duckdb(staged.folder / DB_NAME, staged.files, views_sql)
    shutil.rmtree(staged.folder / "scratch", ignore_errors=True)
    finish_generation(staged)
    swap_in(staged.folder, dest)


def finish_generation(staged: Staged) -> None:
    """The manifest last, then everything flushed to disk: a generation with a manifest is whole."""
    manifest = {"generation": staged.folder.name.removeprefix(".staging-"), "rows": staged.rows}
    (staged.folder / MANIFEST).write_text(json.dumps(manifest, indent=1) + "\n")
    fsync_tree(staged.folder)


def fsync_tree(folder: Path) -> None:
    """Files and folders on disk before the pointer names them (a power cut must not leave a hollow generation)."""
    for root, _dirs, files in os.walk(folder):
        for name in files:
            fd = os.open(Path(root) / name, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        fsync_dir(Path(root))


def fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextlib.contextmanager
def written(dest: Path) -> Iterator[None]:
    """A failed write (disk full, permissions, an I/O error) as one line: the warehouse in place stays.

    Until the pointer is switched nothing a reader sees has changed; after it, only the links and the
    clearing can fail, and the next run finishes those.
    """
    try:
        yield
    except OSError as err:
        where = f" ({err.filename})" if err.filename else ""
        raise WarehouseError(
            f"warehouse {dest} could not be written: {err.strerror or err}{where}; the warehouse in place is unchanged"
        ) from err
    except duckdb.Error as err:
        first = str(err).strip().splitlines()[0]
        raise WarehouseError(
            f"warehouse {dest} could not be written: {first}; the warehouse in place is unchanged"
        ) from err


def discard(staged: Staged) -> None:
    """The staging folder goes if it was not swapped in (once swapped in, it is a generation)."""
    shutil.rmtree(staged.folder, ignore_errors=True)


# DuckDB loads the tables from Parquet files, on one thread, in a small buffer pool: the load's memory
# stays near flat however large the archive (an Arrow hand-over copies every string, and each thread
# and an uncapped pool hold a share of the tables until the end). Values too large for the pool (a
# column chunk of huge texts or refused files' bytes) make DuckDB give up: then it loads uncapped.
DUCKDB_LOAD_CONFIG = {"threads": 1, "memory_limit": "32MB"}
# The file's storage format: what DuckDB 1.1.3 and every later 1.x and 2.x reader opens (BI drivers and
# notebooks bundle older DuckDBs than the one that writes it; DuckDB 1.0 cannot read a 2.x catalog at all).
# tests/test_readers.py opens a warehouse with OLDEST_READER in a separate environment.
STORAGE_VERSION = "v1.1.0"
OLDEST_READER = "1.1.3"
# In that format DuckDB weighs every string compression for every column at the checkpoint, which took 0.1 s
# per 1,000 articles (twice the current format's); it picks dictionary or none anyway: asked for dictionary,
# the file is the same size and the checkpoint as fast as in the current format.
STORAGE_CONFIG = {"storage_compatibility_version": STORAGE_VERSION, "force_compression": "dictionary"}


def write_duckdb(path: Path, tables: dict[str, pl.DataFrame], views_sql: str) -> None:
    """Frames to a DuckDB file, through Parquet files in a scratch folder beside it."""
    with tempfile.TemporaryDirectory(prefix=".scratch-", dir=path.parent) as scratch:
        files = {name: write_file(df, Path(scratch) / f"{name}.parquet") for name, df in tables.items()}
        load_duckdb(path, files, views_sql)


def load_duckdb(path: Path, files: dict[str, Path], views_sql: str) -> None:
    """One table per Parquet file, in the given order, in a capped buffer pool if the data fits in one."""
    try:
        fill_duckdb(path, files, views_sql, DUCKDB_LOAD_CONFIG)
    except (duckdb.OutOfMemoryException, duckdb.TransactionException) as err:
        if "allocate" not in str(err) and not isinstance(err, duckdb.OutOfMemoryException):
            raise  # a commit that failed for want of memory (the keys' indexes) is the pool's too; nothing else
        remove_database(path)
        fill_duckdb(path, files, views_sql, {})


def remove_database(path: Path) -> None:
    for leftover in (path, path.with_name(path.name + ".wal")):
        leftover.unlink(missing_ok=True)


def fill_duckdb(path: Path, files: dict[str, Path], views_sql: str, config: dict[str, object]) -> None:
    """Tables, views and the data dictionary into a new DuckDB file; column types are the files' (the frames')."""
    with duckdb.connect(str(path), config={**config, **STORAGE_CONFIG}) as con:
        for name, file in sorted(files.items(), key=lambda kv: LOAD_ORDER.get(kv[0], len(LOAD_ORDER))):
            if name not in KEYS:  # one statement, the types the file's
                con.execute(f'create table "{name}" as select * from read_parquet($file)', {"file": str(file)})
                continue
            con.execute(create_table_sql(name, file))
            con.execute(f'insert into "{name}" select * from read_parquet($file)', {"file": str(file)})
        con.begin()  # views and ~200 comments in one transaction: one commit, not one per statement
        if views_sql:
            con.execute(views_sql)
            con.execute(legacy_sql(relation_columns(con)))
        apply_comments(con)  # the data dictionary travels with the warehouse
        con.commit()
        con.execute("checkpoint")


# Keys declared in DuckDB, so BI tools infer the joins: table -> (primary key, [(column, parent table)]).
# Parents come first (the insertion order); a foreign key points at its parent's primary key, of the same name
# but for teams (team_id, home_team_id, away_team_id). `enforce_keys` in the build leaves no orphan behind.
KEYS: dict[str, tuple[str | None, list[tuple[str, str]]]] = {
    "teams": ("team_id", []),
    "sources": ("source_id", []),
    "fixtures": ("fixture_id", [("home_team_id", "teams"), ("away_team_id", "teams")]),
    "people": ("person_id", [("team_id", "teams")]),
    "players": ("player_id", [("team_id", "teams")]),
    "events": ("event_id", [("fixture_id", "fixtures"), ("player_id", "people"), ("team_id", "teams")]),
    "event_mentions": (None, [("event_id", "events"), ("source_id", "sources")]),
    "fixture_mentions": (None, [("fixture_id", "fixtures"), ("source_id", "sources")]),
    "appearances": (
        "appearance_id",
        [("fixture_id", "fixtures"), ("team_id", "teams"), ("player_id", "players")],
    ),
}
LOAD_ORDER = {name: i for i, name in enumerate(KEYS)}  # parents before children; other tables after, as given
PARENT_KEYS = {
    "teams": "team_id",
    "sources": "source_id",
    "fixtures": "fixture_id",
    "people": "person_id",
    "players": "player_id",
    "events": "event_id",
}


def create_table_sql(name: str, file: Path) -> str:
    """CREATE TABLE with the Parquet file's columns and the table's keys (those whose columns it has)."""
    columns = [(c, duckdb_type(t)) for c, t in pl.read_parquet_schema(file).items()]
    have = {c for c, _ in columns}
    parts = [f'"{c}" {t}' for c, t in columns]
    primary, foreign = KEYS.get(name, (None, []))
    if primary in have:
        parts.append(f'primary key ("{primary}")')
    parts += [f'foreign key ("{c}") references "{p}" ("{PARENT_KEYS[p]}")' for c, p in foreign if c in have]
    return f'create table "{name}" ({", ".join(parts)})'


DUCKDB_TYPES = {
    pl.String: "VARCHAR",
    pl.Int8: "TINYINT",
    pl.Int16: "SMALLINT",
    pl.Int32: "INTEGER",
    pl.Int64: "BIGINT",
    pl.UInt32: "UINTEGER",
    pl.UInt64: "UBIGINT",
    pl.Float32: "FLOAT",
    pl.Float64: "DOUBLE",
    pl.Boolean: "BOOLEAN",
    pl.Date: "DATE",
    pl.Binary: "BLOB",
}


def duckdb_type(dtype: pl.DataType) -> str:
    """The DuckDB type DuckDB gives a Parquet column polars wrote (as `create table as select` would): no query
    to DuckDB, which asked once per table cost more than the keys' own checks on a small archive."""
    if isinstance(dtype, pl.List):
        return duckdb_type(dtype.inner) + "[]"
    if isinstance(dtype, pl.Datetime):
        return "TIMESTAMP WITH TIME ZONE" if dtype.time_zone else "TIMESTAMP"
    for kind, name in DUCKDB_TYPES.items():
        if dtype == kind:
            return name
    raise TypeError(f"no DuckDB type for {dtype}")


def relation_columns(con: duckdb.DuckDBPyConnection) -> dict[str, list[str]]:
    """Every table's and view's columns in their order, as this connection has them."""
    rows = con.execute(
        "select table_name, column_name from duckdb_columns() where not internal and schema_name = 'main' "
        "order by table_name, column_index"
    ).fetchall()
    out: dict[str, list[str]] = {}
    for table, column in rows:
        out.setdefault(table, []).append(column)
    return out


def write_parquet(root: Path, tables: dict[str, pl.DataFrame], scratch: Path) -> dict[str, Path]:
    """One dataset per table; events and fixtures partitioned by season for BI readers.

    Returns one plain file per table for DuckDB to load: the dataset's own, or for a partitioned
    table a copy in `scratch` (DuckDB would read a partitioned one with its rows and columns moved).
    """
    files = {}
    for name, df in tables.items():
        folder = root / name
        folder.mkdir(parents=True)
        if name in PARTITIONED and PARTITION_KEY in df.columns and df.height:
            write_partitioned(df, folder)
            scratch.mkdir(exist_ok=True)
            files[name] = write_file(df, scratch / f"{name}.parquet")
        else:
            files[name] = write_file(df, folder / "part-0.parquet")
    return files


PARTITIONED = ("fixtures", "events")
PARTITION_KEY = "season"
# A null key's folder. Not Hive's __HIVE_DEFAULT_PARTITION__: pandas cannot read a dataset with it ("Cannot yet
# unify dictionaries with nulls"). The build gives undated matches this season itself, so every reader agrees.
UNDATED = "undated"


def write_partitioned(df: pl.DataFrame, folder: Path) -> None:
    """Hive layout as `pyarrow.dataset.write_dataset` writes it: the key only in folder names (`season=2025-26/`),
    never inside the files too (readers then meet two types for one column and refuse to merge them).

    Written with polars, one file per season: `import pyarrow.dataset` imports pandas, 0.3 s a run."""
    parts = df.with_columns(pl.col(PARTITION_KEY).fill_null(UNDATED)).partition_by(
        PARTITION_KEY, as_dict=True, include_key=False, maintain_order=True
    )
    for (value,), part in parts.items():
        where = folder / f"{PARTITION_KEY}={quote(str(value), safe=' -_.')}"
        where.mkdir()
        part.write_parquet(where / "part-0.parquet")


def write_file(df: pl.DataFrame, path: Path) -> Path:
    df.write_parquet(path)
    return path


def swap_in(staging: Path, dest: Path) -> None:
    """The finished staging folder becomes a generation, and the pointer is switched to it by one rename.

    Steps (a test may stop the run between any two, see FAULT_ENV): an older warehouse adopted as a
    generation first (once), staged, moved (under generations/), pointer-made (a new symlink beside
    `current`), switched (renamed over it), the contract paths linked through the pointer (a no-op once
    they are), then the old generations removed.
    """
    if current_generation(dest) is None and (dest / DB_NAME).is_file() and not (dest / DB_NAME).is_symlink():
        adopt_older(dest)
    swap_step("staged")
    gen = move_in(dest, staging)
    swap_step("moved")
    switch_to(dest, gen)


def move_in(dest: Path, staging: Path) -> Path:
    """A finished staging folder moved under generations/ (not pointed to yet: litter if the run dies now)."""
    gen = dest / GENERATIONS / staging.name.removeprefix(".staging-")
    gen.parent.mkdir(exist_ok=True)
    staging.rename(gen)
    return gen


def switch_to(dest: Path, gen: Path) -> None:
    """`current` switched to `gen` by one rename, then the links finished and the litter cleared."""
    point_at(dest, gen, step="pointer-made")
    swap_step("switched")
    try:
        fsync_dir(dest)
        link_paths(dest)
        swap_step("linked")
        clear_litter(dest, keep=gen)
    except OSError as err:
        raise WarehouseError(
            f"warehouse {dest}: the new generation {gen.name} is in place, but finishing its links failed "
            f"({err.strerror or err}); the next run finishes them"
        ) from err


def point_at(dest: Path, gen: Path, step: str = "") -> None:
    """A new symlink to `gen` beside `current`, renamed over it: the one atomic switch."""
    link = dest / f".current-{gen.name}"
    link.unlink(missing_ok=True)
    os.symlink(f"{GENERATIONS}/{gen.name}", link)
    swap_step(step)
    os.replace(link, dest / POINTER)


def adopt_older(dest: Path) -> None:
    """An older warehouse's real DuckDB file and Parquet folder become a generation (hard links, no copy)
    before the first swap: its contract paths then change to links that show the same data, so a reader
    never sees one path's old data with the other's new. Only `parquet` is missing for a moment."""
    staging = dest / f".staging-{generation_id()}"
    staging.mkdir()
    for name in (DB_NAME, f"{DB_NAME}.wal"):
        if (dest / name).is_file():
            _link_or_copy(dest / name, staging / name)
    if (dest / "parquet").is_dir():
        shutil.copytree(dest / "parquet", staging / "parquet", copy_function=_link_or_copy)
    finish_generation(Staged(staging, {}, {}))
    point_at(dest, move_in(dest, staging))
    swap_step("adopted")
    link_paths(dest)


def _link_or_copy(src: str | Path, dst: str | Path) -> None:
    """A hard link (same file, no space), or a copy where the file system has none."""
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


def link_paths(dest: Path) -> None:
    """`matchwire.duckdb` and `parquet` as links through the pointer, each put in place by a rename.

    Once linked they never change again. An older warehouse's real file is replaced by its link in one
    rename; its real Parquet folder is moved aside first (a folder cannot be renamed over): for that one
    upgrade `parquet` is missing for a moment (`adopt_older` makes sure both show the same data).
    """
    for name, target in LINKS.items():
        path = dest / name
        if path.is_symlink() and os.readlink(path) == target:
            continue
        if path.is_dir() and not path.is_symlink():
            path.rename(dest / f".old-parquet-{uuid.uuid4().hex[:12]}")
            swap_step("parquet-moved")
        link = dest / f".link-{uuid.uuid4().hex[:12]}"
        os.symlink(target, link)
        os.replace(link, path)
        if name == DB_NAME:
            (dest / f"{DB_NAME}.wal").unlink(missing_ok=True)  # an older file's: DuckDB now writes beside the target
            swap_step("db-linked")
    fsync_dir(dest)


def clear_litter(dest: Path, keep: Path | None) -> None:
    """Staging folders, temporary links, moved-aside Parquet folders and every generation but `keep`."""
    for pattern in LITTER:
        for path in dest.glob(pattern):
            remove_path(path)
    for gen in (dest / GENERATIONS).glob("*"):
        if keep is None or gen.name != keep.name:
            remove_path(gen)


def remove_path(path: Path) -> None:
    """Litter goes if it can; what cannot go now goes at a later run."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        with contextlib.suppress(OSError):
            path.unlink(missing_ok=True)


def swap_step(name: str) -> None:
    """A test's fault at this step of the swap: kill -9 here, or pause (for a reader, or a kill from outside)."""
    fault = os.environ.get(FAULT_ENV, "")
    at, _, action = fault.partition(":")
    if not name or at != name:
        return
    if action == "kill":
        os.kill(os.getpid(), signal.SIGKILL)
    elif action.startswith("pause="):
        time.sleep(float(action.removeprefix("pause=")))


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
