"""The warehouse as other tools open it: every Parquet dataset through pyarrow (hive), pandas, polars and DuckDB,
and the DuckDB file through the oldest DuckDB release the README promises, in an environment of its own."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import polars as pl
import pyarrow as pa
import pyarrow.dataset as ds
import pytest

from transforms.fuse import season_of
from warehouse.store import OLDEST_READER, PARTITIONED, write_parquet

ROOT = Path(__file__).resolve().parent.parent
UV = ROOT / ".tools" / "bin" / "uv"
ARROW = {"DATE": pa.date32(), "INTEGER": pa.int32(), "BIGINT": pa.int64(), "SMALLINT": pa.int16()}
POLARS = {"DATE": pl.Date, "INTEGER": pl.Int32, "BIGINT": pl.Int64, "SMALLINT": pl.Int16}


COLUMNS = "select column_name, data_type from duckdb_columns() where schema_name = 'main' and table_name = $name"


def duckdb_tables(warehouse: Path) -> dict[str, tuple[int, dict[str, str]]]:
    """Rows and column types of every table, as the DuckDB file has them."""
    with duckdb.connect(str(warehouse / "matchwire.duckdb"), read_only=True) as con:
        names = [r[0] for r in con.execute("select table_name from duckdb_tables() order by 1").fetchall()]
        return {
            n: (
                con.execute(f'select count(*) from "{n}"').fetchone()[0],
                dict(con.execute(COLUMNS, {"name": n}).fetchall()),
            )
            for n in names
        }


def test_every_parquet_table_reads_the_same_in_pyarrow_pandas_polars_and_duckdb(seeds_run) -> None:
    pd = pytest.importorskip("pandas")
    _, warehouse = seeds_run
    tables = duckdb_tables(warehouse)
    folders = sorted(p.name for p in (warehouse / "parquet").iterdir())
    assert folders == sorted(tables)
    for name, (rows, types) in tables.items():
        folder = warehouse / "parquet" / name
        arrow = ds.dataset(folder, format="parquet", partitioning="hive").to_table()
        frame = pd.read_parquet(folder, dtype_backend="pyarrow")
        plain = pd.read_parquet(folder)  # numpy dtypes: reads too
        polars = pl.read_parquet(folder, hive_partitioning=True)
        with duckdb.connect() as con:
            duck = con.sql(f"select * from read_parquet('{folder}/**/*.parquet', hive_partitioning = true)")
            duck_types = dict(zip(duck.columns, [str(t) for t in duck.types], strict=True))
            duck_rows = len(duck.fetchall())
        assert arrow.num_rows == len(frame) == len(plain) == polars.height == duck_rows == rows, name
        assert set(arrow.column_names) == set(frame.columns) == set(polars.columns) == set(types), name
        for column, kind in types.items():
            if kind not in ARROW:
                continue
            assert arrow.schema.field(column).type == ARROW[kind], (name, column)
            assert frame[column].dtype == pd.ArrowDtype(ARROW[kind]), (name, column)
            assert polars.schema[column] == POLARS[kind], (name, column)
            assert duck_types[column] == kind, (name, column)
    for name in PARTITIONED:
        files = list((warehouse / "parquet" / name).glob("season=*/*.parquet"))
        assert files, name
        assert all("season" not in pa.parquet.read_schema(f).names for f in files), name  # the key is in folders only


def test_undated_rows_read_alike_in_every_reader(tmp_path: Path) -> None:
    """Matches without a date are season 'undated' (fuse.season_of); a null key from elsewhere goes there too."""
    pd = pytest.importorskip("pandas")
    df = pl.DataFrame(
        {
            "fixture_id": ["a", "b", "c"],
            "match_date": [dt.date(2025, 9, 1), None, None],
            "home_score": pl.Series([2, None, 1], dtype=pl.Int32),
            "season": ["2025-26", season_of(None), None],
        }
    )
    write_parquet(tmp_path / "parquet", {"fixtures": df}, tmp_path / "scratch")
    folder = tmp_path / "parquet" / "fixtures"
    assert sorted(p.name for p in folder.iterdir()) == ["season=2025-26", "season=undated"]
    seasons = {
        "pyarrow": ds.dataset(folder, format="parquet", partitioning="hive").to_table().column("season").to_pylist(),
        "pandas": pd.read_parquet(folder)["season"].astype(str).tolist(),
        "polars": pl.read_parquet(folder, hive_partitioning=True)["season"].to_list(),
        "duckdb": [
            r[0]
            for r in duckdb.sql(
                f"select season from read_parquet('{folder}/**/*.parquet', hive_partitioning=1)"
            ).fetchall()
        ],
    }
    for reader, got in seasons.items():
        assert sorted(got) == ["2025-26", "undated", "undated"], (reader, got)


OLD_READER_SCRIPT = """
import json, sys, duckdb
con = duckdb.connect(sys.argv[1], read_only=True)
names = [r[0] for r in con.execute("select table_name from information_schema.tables order by 1").fetchall()]
rows = {n: con.execute(f'select count(*) from "{n}"').fetchone()[0] for n in names}
print(json.dumps({"version": duckdb.__version__, "rows": rows}))
"""


@pytest.fixture(scope="session")
def oldest_duckdb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A Python environment with only the oldest supported DuckDB, made by uv from the package index."""
    if not UV.exists():
        pytest.skip("uv is not in .tools/ (python3 dev.py sync installs it)")
    venv = tmp_path_factory.mktemp("oldest-duckdb") / "venv"
    env = {**os.environ, "VIRTUAL_ENV": str(venv)}
    made = subprocess.run([UV, "venv", "-q", "--python", sys.executable, venv], capture_output=True, text=True, env=env)
    if made.returncode == 0:
        made = subprocess.run(
            [UV, "pip", "install", "-q", f"duckdb=={OLDEST_READER}"],
            capture_output=True,
            text=True,
            env=env,
            timeout=300,
        )
    if made.returncode != 0:
        pytest.skip(f"duckdb {OLDEST_READER} could not be installed (package index unreachable?): {made.stderr[-300:]}")
    return venv / "bin" / "python"


def test_the_oldest_supported_duckdb_opens_the_warehouse(seeds_run, oldest_duckdb: Path) -> None:
    _, warehouse = seeds_run
    db = (warehouse / "matchwire.duckdb").resolve()
    out = subprocess.run([oldest_duckdb, "-c", OLD_READER_SCRIPT, db], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    got = json.loads(out.stdout)
    assert got["version"] == OLDEST_READER
    with duckdb.connect(str(db), read_only=True) as con:
        names = [r[0] for r in con.execute("select table_name from information_schema.tables order by 1").fetchall()]
        expected = {n: con.execute(f'select count(*) from "{n}"').fetchone()[0] for n in names}
    assert got["rows"] == expected  # every table and view, the same rows
    assert OLDEST_READER in (ROOT / "README.md").read_text()


def test_a_run_never_imports_pandas(tmp_path: Path) -> None:
    """pandas is installed (a dev dependency) but no stage needs it: importing it cost the validate stage ~0.9 s
    per 1,000 articles (pandera imports it at its first check) and every run 0.3 s at start. The run is the
    embedded Prefect default (the session's server is matchwire's own, not the user's)."""
    pytest.importorskip("pandas")
    from tests.helpers import matchwire

    prelude = (
        "import atexit, sys\natexit.register(lambda: sys.stderr.write(f\"\\nPANDAS={'pandas' in sys.modules}\\n\"))"
    )
    out = matchwire("run", "--articles", str(ROOT / "seeds"), "--warehouse", str(tmp_path / "wh"), prelude=prelude)
    assert out.returncode == 0, out.stderr
    assert "quarantined" in out.stdout  # a whole run: read, parse, validate, build, load
    assert "PANDAS=False" in out.stderr, out.stderr[-2000:]
    # not on a terminal: progress as plain lines; on matchwire's own Prefect server: no link to a page it lacks
    assert "batch 1/1: 5 articles parsed" in out.stderr and "eta" not in out.stderr and "\x1b[" not in out.stderr
    assert "View at" not in out.stderr and "http://" not in out.stdout + out.stderr
