"""Helpers shared by the tests: a warehouse's tables as DuckDB and Parquet readers see them, small article
folders, and `matchwire` run the way a user runs it (its own process, its own stderr)."""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import httpx
import polars as pl

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").iterdir())


def warehouse_tables(warehouse: Path) -> dict[str, pl.DataFrame]:
    """Every table in DuckDB and every Parquet dataset, rows sorted; only the load time may differ."""
    out = {}
    with duckdb.connect(str(warehouse / "matchwire.duckdb"), read_only=True) as con:
        for (name,) in con.execute("select table_name from duckdb_tables() order by table_name").fetchall():
            out[f"duckdb {name}"] = pl.from_arrow(con.sql(f'select * from "{name}"').to_arrow_table())
    for folder in sorted((warehouse / "parquet").iterdir()):
        out[f"parquet {folder.name}"] = pl.read_parquet(folder / "**/*.parquet", hive_partitioning=True)
    return {k: df.drop("ingested_at", "retired_at", strict=False).pipe(sorted_rows) for k, df in out.items()}


def sorted_rows(df: pl.DataFrame) -> pl.DataFrame:
    return df.sort(df.columns) if df.columns else df


def assert_duckdb_equals_parquet(warehouse: Path) -> dict[str, pl.DataFrame]:
    """What a DuckDB reader and a Parquet reader of the contract paths see is one generation: same tables,
    same rows (Parquet's partition column comes back as a string, so columns are compared as DuckDB types)."""
    tables = warehouse_tables(warehouse)
    duck = {k.removeprefix("duckdb "): v for k, v in tables.items() if k.startswith("duckdb ")}
    parq = {k.removeprefix("parquet "): v for k, v in tables.items() if k.startswith("parquet ")}
    assert duck.keys() == parq.keys()
    for name, df in duck.items():
        other = parq[name].select(df.columns).cast(df.schema)
        assert sorted_rows(other).equals(df), name
    return duck


def assert_same_frames(got: dict[str, pl.DataFrame], expected: dict[str, pl.DataFrame], label: str = "") -> None:
    assert got.keys() == expected.keys(), label
    for name, df in expected.items():
        assert got[name].equals(df), (label, name)


def older_layout(warehouse: Path, to: Path) -> Path:
    """The warehouse as runs before generations left it: a real DuckDB file and a real Parquet folder."""
    to.mkdir()
    shutil.copy(warehouse / "matchwire.duckdb", to / "matchwire.duckdb")
    shutil.copytree(warehouse / "parquet", to / "parquet")
    return to


def write_folder(folder: Path, files: dict[str, str | bytes]) -> Path:
    """A small articles folder: text written as UTF-8, bytes as they are."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, body in files.items():
        (folder / name).write_bytes(body if isinstance(body, bytes) else body.encode())
    return folder


@functools.cache
def prefect_ready() -> None:
    """Wait until the tests' Prefect server answers: a process started while it still migrates its database
    would migrate the same SQLite file at the same time (and the server would not survive it)."""
    api = os.environ.get("PREFECT_API_URL")
    if api:
        httpx.get(f"{api}/health", timeout=120).raise_for_status()


def _command(args: tuple[str, ...], prelude: str) -> list[str]:
    prefect_ready()
    script = f"{prelude}\nimport sys\nfrom flows.cli import app\nsys.argv = ['matchwire', *{list(args)!r}]\napp()"
    return [sys.executable, "-c", script]


def matchwire(*args: str, prelude: str = "", env: dict[str, str] | None = None, timeout: float = 120):
    """`matchwire ARGS` in a fresh process, after `prelude` (a test's fault injected in that process)."""
    env = {**os.environ, **(env or {})}
    return subprocess.run(_command(args, prelude), cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)


def start_matchwire(*args: str, env: dict[str, str] | None = None) -> subprocess.Popen:
    """`matchwire ARGS` started in a fresh process, not waited for."""
    env = {**os.environ, **(env or {})}
    pipe = subprocess.PIPE
    return subprocess.Popen(_command(args, ""), cwd=ROOT, env=env, stdout=pipe, stderr=pipe, text=True)


def error_lines(stderr: str) -> list[str]:
    """stderr without Prefect's progress lines (`hh:mm:ss.mmm | INFO | ...`): what the user is told went wrong."""
    progress = (" | INFO ", " | WARNING ")
    return [line for line in stderr.splitlines() if line.strip() and not any(p in line for p in progress)]
