"""A run killed mid-load leaves the previous warehouse intact and readable."""

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import polars as pl

from flows.pipeline import matchwire_flow

ROOT = Path(__file__).resolve().parent.parent


def test_sigkill_during_load_keeps_the_old_warehouse(tmp_path: Path) -> None:
    old = tmp_path / "old"
    old.mkdir()
    seeds = sorted((ROOT / "seeds").iterdir())
    for f in seeds[:2]:
        shutil.copy(f, old / f.name)
    wh = tmp_path / "wh"
    matchwire_flow(old, wh)
    with duckdb.connect(str(wh / "matchwire.duckdb"), read_only=True) as con:
        before = con.execute("select * from fixtures order by fixture_id").fetchall()
    parquet_before = pl.read_parquet(wh / "parquet" / "sources" / "**/*.parquet").height

    new = tmp_path / "new"
    shutil.copytree(ROOT / "seeds", new)
    env = {**os.environ, "MATCHWIRE_SWAP_FAULT": "staged:pause=30"}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from flows.cli import app; sys.argv = ['matchwire', 'run', "
            f"'--articles', {str(new)!r}, '--warehouse', {str(wh)!r}]; app()",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.time() + 90
    while time.time() < deadline and not any((p / "parquet").exists() for p in wh.glob(".staging-*")):
        time.sleep(0.2)
    assert any(wh.glob(".staging-*")), "the run never reached the load stage"
    time.sleep(0.5)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)

    with duckdb.connect(str(wh / "matchwire.duckdb"), read_only=True) as con:
        assert con.execute("select * from fixtures order by fixture_id").fetchall() == before
    assert pl.read_parquet(wh / "parquet" / "sources" / "**/*.parquet").height == parquet_before
    # the next run cleans up and completes
    matchwire_flow(new, wh)
    assert not list(wh.glob(".staging-*"))
    with duckdb.connect(str(wh / "matchwire.duckdb"), read_only=True) as con:
        assert con.execute("select count(*) from sources").fetchone()[0] == 5
