"""What was loaded is never lost: a busy or unreadable warehouse stops the run (one line, exit 2), two runs
on one warehouse take turns, and a run killed at any step of the swap leaves one whole generation."""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from flows.cli import app
from flows.pipeline import matchwire_flow
from tests.helpers import (
    ROOT,
    SEEDS,
    assert_duckdb_equals_parquet,
    assert_same_frames,
    error_lines,
    matchwire,
    older_layout,
    start_matchwire,
)
from warehouse.lock import warehouse_lock
from warehouse.store import FAULT_ENV, SWAP_STEPS

HOLD = "import duckdb, sys, time; con = duckdb.connect(sys.argv[1]); print('held', flush=True); time.sleep(60)"


def folder(path: Path, files: list[Path]) -> Path:
    path.mkdir(parents=True)
    for f in files:
        shutil.copy(f, path / f.name)
    return path


def n_sources(warehouse: Path) -> int:
    with duckdb.connect(str(warehouse / "matchwire.duckdb"), read_only=True) as con:
        return con.execute("select count(*) from sources").fetchone()[0]


def files_state(warehouse: Path) -> dict[str, str]:
    """Every file and link of the warehouse folder with a hash of what it holds (the lock file aside)."""
    out = {}
    for path in sorted(warehouse.rglob("*")):
        rel = str(path.relative_to(warehouse))
        if path.is_symlink():
            out[rel] = "-> " + os.readlink(path)
        elif path.is_file() and path.name != ".matchwire.lock":
            out[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """A warehouse of two seeds, the folder it came from, and a folder of the three other seeds."""
    tmp = tmp_path_factory.mktemp("safety")
    old, new = folder(tmp / "old", SEEDS[:2]), folder(tmp / "new", SEEDS[2:])
    matchwire_flow(old, tmp / "wh")
    return tmp / "wh", old, new


def copy_of(warehouse: Path, to: Path) -> Path:
    shutil.copytree(warehouse, to, symlinks=True)
    return to


def hold_read_write(db: Path) -> subprocess.Popen:
    """Another program (a notebook, the duckdb CLI) with the warehouse open read-write."""
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(db)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
    return proc


def test_a_read_write_connection_stops_the_run_or_the_run_waits_for_it(loaded, tmp_path: Path) -> None:
    base, _, new = loaded
    wh = copy_of(base, tmp_path / "wh")
    run = ["run", "--articles", str(new), "--warehouse", str(wh)]
    holder = hold_read_write(wh / "matchwire.duckdb")
    try:
        out = CliRunner().invoke(app, [*run, "--wait", "0.5"])
    finally:
        holder.kill()
        holder.wait()
    assert out.exit_code == 2, out.output
    assert "is open read-write in another program" in out.output and "nothing was changed" in out.output
    assert n_sources(wh) == 2  # not taken for an empty warehouse: nothing replaced
    holder = hold_read_write(wh / "matchwire.duckdb")
    killer = subprocess.Popen([sys.executable, "-c", f"import os, time; time.sleep(1.5); os.kill({holder.pid}, 9)"])
    out = CliRunner().invoke(app, [*run, "--wait", "60"])  # the connection goes while the run waits
    killer.wait()
    holder.wait()
    assert out.exit_code == 0, out.output
    assert n_sources(wh) == 5  # every article loaded before, and the new ones


def test_a_truncated_duckdb_file_stops_the_run_and_nothing_is_replaced(loaded, tmp_path: Path) -> None:
    base, _, new = loaded
    wh = copy_of(base, tmp_path / "wh")
    db = (wh / "matchwire.duckdb").resolve()
    with open(db, "r+b") as f:
        f.truncate(db.stat().st_size // 3)
    before = files_state(wh)
    out = CliRunner().invoke(app, ["run", "--articles", str(new), "--warehouse", str(wh)])
    assert out.exit_code == 2, out.output
    assert "cannot be read" in out.output and "nothing was changed" in out.output
    assert files_state(wh) == before  # the Parquet copy, the DuckDB file and the links untouched


@pytest.mark.timeout(240)
def test_two_runs_started_together_take_turns(tmp_path: Path) -> None:
    """Two runs on one warehouse, the second started 0, 0.4 or 1 s after the first (which holds on a moment
    before its swap): the second waits for the first, and both articles of both are there. Never a loss."""
    a, b = folder(tmp_path / "a", SEEDS[:2]), folder(tmp_path / "b", SEEDS[2:4])
    for i, delay in enumerate((0.0, 0.4, 1.0)):
        wh = tmp_path / f"wh{i}"
        first = start_matchwire("run", "--warehouse", str(wh), "--articles", str(a), env={FAULT_ENV: "staged:pause=1"})
        time.sleep(delay)
        second = matchwire("run", "--warehouse", str(wh), "--articles", str(b))
        _, first_err = first.communicate(timeout=120)
        assert (first.returncode, second.returncode) == (0, 0), (delay, first_err, second.stderr)
        assert n_sources(wh) == 4, delay


def test_a_run_told_not_to_wait_for_a_busy_warehouse_exits_2_with_one_line(loaded, tmp_path: Path) -> None:
    base, _, new = loaded
    wh = copy_of(base, tmp_path / "wh")
    before = files_state(wh)
    with warehouse_lock(wh, wait=0):  # what a run holds from start to end
        out = matchwire("run", "--articles", str(new), "--warehouse", str(wh), "--no-wait")
    assert out.returncode == 2, out.stderr
    assert error_lines(out.stderr) == [error_lines(out.stderr)[0]] and "Traceback" not in out.stderr
    assert f"warehouse {wh} is busy: another matchwire run (pid {os.getpid()}" in out.stderr
    assert files_state(wh) == before


CHILD = """
import sys
from pathlib import Path

import duckdb
import polars as pl

from warehouse.store import load_warehouse
from warehouse.views import VIEWS_SQL

with duckdb.connect(sys.argv[1], read_only=True) as con:
    names = [r[0] for r in con.execute("select table_name from duckdb_tables()").fetchall()]
    tables = {n: pl.from_arrow(con.sql(f'select * from "{n}"').to_arrow_table()) for n in names}
load_warehouse(Path(sys.argv[2]), tables, VIEWS_SQL)
"""


WAREHOUSE_ENTRIES = {".matchwire.lock", "current", "generations", "matchwire.duckdb", "parquet"}


@pytest.mark.timeout(240)
def test_kill_9_at_every_step_of_the_swap_then_the_next_run_completes(loaded, tmp_path: Path) -> None:
    """A load killed between any two steps of the swap (on a warehouse of generations, and on one of the
    older layout that it adopts first) leaves what readers see one whole generation; the next run then
    leaves DuckDB and Parquet equal and complete, and no litter."""
    base, _, _ = loaded
    both = folder(tmp_path / "both", SEEDS)
    matchwire_flow(both, copy_of(base, tmp_path / "ref"))
    reference = assert_duckdb_equals_parquet(tmp_path / "ref")
    legacy = older_layout(base, tmp_path / "legacy")
    cases = [(step, base) for step in SWAP_STEPS if step not in ("adopted", "db-linked", "parquet-moved")]
    cases += [(step, legacy) for step in SWAP_STEPS]
    killed = []
    for i, (step, start) in enumerate(cases):
        wh = copy_of(start, tmp_path / f"wh{i}-{step}")
        env = {**os.environ, FAULT_ENV: f"{step}:kill"}
        args = [sys.executable, "-c", CHILD, str(tmp_path / "ref" / "matchwire.duckdb"), str(wh)]
        killed.append((step, wh, subprocess.Popen(args, cwd=ROOT, env=env, stderr=subprocess.PIPE)))
        if len(killed) % 4 == 0 or i == len(cases) - 1:  # a few at a time: 2 CPUs
            for _, _, proc in killed[-4:]:
                proc.wait(timeout=60)
    for step, wh, proc in killed:
        assert proc.returncode == -signal.SIGKILL, (step, proc.stderr.read() if proc.stderr else "")
        if (wh / "parquet").exists():  # missing only for a moment while an older layout is adopted
            assert_duckdb_equals_parquet(wh)
        matchwire_flow(both, wh)
        assert_same_frames(assert_duckdb_equals_parquet(wh), reference, step)
        assert {p.name for p in wh.iterdir()} == WAREHOUSE_ENTRIES, step  # no litter
        assert len(list((wh / "generations").iterdir())) == 1, step


@pytest.mark.timeout(120)
def test_a_full_disk_is_one_line_and_exit_2_and_the_old_warehouse_stays(loaded, tmp_path: Path) -> None:
    base, _, new = loaded
    wh = copy_of(base, tmp_path / "wh")
    before = files_state(wh)
    prelude = (
        "import errno, warehouse.store as store\n"
        "def full(df, path): raise OSError(errno.ENOSPC, 'No space left on device', str(path))\n"
        "store.write_file = full"
    )
    out = matchwire("run", "--articles", str(new), "--warehouse", str(wh), prelude=prelude)
    assert out.returncode == 2, out.stderr
    assert error_lines(out.stderr) == [error_lines(out.stderr)[0]], out.stderr
    assert os.strerror(errno.ENOSPC) in out.stderr and "Traceback" not in out.stderr
    assert files_state(wh) == before and not list(wh.glob(".staging-*"))


def writable(folder: Path) -> bool:
    try:
        (folder / ".probe").touch()
    except OSError:
        return False
    (folder / ".probe").unlink()
    return True


def read_only_folder(tmp_path: Path) -> Path | None:
    """A folder this user cannot write: a chmod 555 one, or (as root, who writes through modes) /sys."""
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o555)
    for folder in (ro, Path("/sys")):
        if folder.is_dir() and not writable(folder):
            return folder
    return None


@pytest.mark.parametrize("kind", ["file", "read-only folder"])
def test_a_bad_prefect_home_is_one_line_and_exit_2(kind: str, loaded, tmp_path: Path) -> None:
    base, _, new = loaded
    if kind == "file":
        home = tmp_path / "home"
        home.write_text("not a folder")
    else:
        home = read_only_folder(tmp_path)
        if home is None:
            pytest.skip("no folder this user cannot write")
    out = matchwire("run", "--articles", str(new), "--warehouse", str(base), env={"PREFECT_HOME": str(home)})
    assert out.returncode == 2, out.stderr
    assert out.stderr.splitlines() == [out.stderr.strip()] and f"PREFECT_HOME {home}" in out.stderr
    assert n_sources(base) == 2
