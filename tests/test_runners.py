"""Scale-out: the same flow on worker processes or on Dask gives the same tables as on threads."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import polars as pl
import pytest
from typer.testing import CliRunner

from flows.cli import app
from flows.pipeline import matchwire_flow
from flows.runners import RunnerError, task_runner
from tests.helpers import prefect_ready, warehouse_tables

ROOT = Path(__file__).resolve().parent.parent
BATCH = 2  # seven files in four batches: several in flight at once, on different workers


def assert_same_tables(warehouse: Path, reference: dict[str, pl.DataFrame]) -> None:
    got = warehouse_tables(warehouse)
    assert got.keys() == reference.keys()
    for name, df in reference.items():
        if not got[name].equals(df):
            only_here = got[name].join(df, on=df.columns, how="anti", nulls_equal=True)
            only_there = df.join(got[name], on=df.columns, how="anti", nulls_equal=True)
            raise AssertionError(f"{name} differs:\nonly on this runner\n{only_here}\nonly on threads\n{only_there}")


def completed_task_runs(flow_run_id: object, expected: int, wait: float = 20.0) -> int:
    """Task runs of the flow run that our Prefect server recorded as completed (its writes lag a little)."""
    api = os.environ["PREFECT_API_URL"]
    deadline = time.monotonic() + wait
    body = {
        "flow_runs": {"id": {"any_": [str(flow_run_id)]}},
        "task_runs": {"state": {"type": {"any_": ["COMPLETED"]}}},
    }
    while True:
        n = httpx.post(f"{api}/task_runs/count", json=body).json()
        if n >= expected or time.monotonic() > deadline:
            return n
        time.sleep(0.3)


@pytest.fixture(scope="module")
def articles(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds plus two files the read stage refuses: quarantine rows and refused bytes travel too."""
    folder = tmp_path_factory.mktemp("runner-articles")
    for f in (ROOT / "seeds").iterdir():
        shutil.copy(f, folder / f.name)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 40)
    return folder


@pytest.fixture(scope="module")
def reference(articles: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, int], dict]:
    """The default runner (threads), default settings: what every other runner must reproduce."""
    warehouse = tmp_path_factory.mktemp("runner-threads")
    summary = matchwire_flow(articles, warehouse)
    return summary.tables, warehouse_tables(warehouse)


def run_on(kind: str, articles: Path, warehouse: Path, workers: int = 2) -> tuple[dict[str, int], object]:
    runner, in_flight = task_runner(kind, workers=workers)
    state = matchwire_flow.with_options(task_runner=runner)(
        articles, warehouse, batch_size=BATCH, in_flight=in_flight, return_state=True
    )
    return state.result().tables, state.state_details.flow_run_id


@pytest.mark.timeout(240)
def test_local_dask_cluster_gives_the_same_tables(articles: Path, reference, tmp_path: Path) -> None:
    pytest.importorskip("prefect_dask")
    counts, flow_run_id = run_on("dask", articles, tmp_path / "wh")
    assert counts == reference[0]
    assert_same_tables(tmp_path / "wh", reference[1])
    # the Dask workers reached our Prefect server: read, parse and validate of 4 batches, then build, Parquet, load
    assert completed_task_runs(flow_run_id, 15) == 15


@pytest.mark.timeout(240)
def test_process_pool_gives_the_same_tables(articles: Path, reference, tmp_path: Path) -> None:
    counts, flow_run_id = run_on("processes", articles, tmp_path / "wh")
    assert counts == reference[0]
    assert_same_tables(tmp_path / "wh", reference[1])
    assert completed_task_runs(flow_run_id, 15) == 15


@pytest.mark.timeout(240)
def test_cli_runs_on_a_dask_scheduler_by_address(
    articles: Path, reference, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`--dask-address` alone picks the Dask runner; a relative articles path still reaches the workers."""
    distributed = pytest.importorskip("distributed")
    local = {"dashboard_address": None, "scheduler_kwargs": {"dashboard_address": "127.0.0.1:0"}}
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True, **local) as cluster:
        monkeypatch.chdir(articles.parent)  # the workers started in another folder
        args = ["run", "--articles", articles.name, "--warehouse", str(tmp_path / "wh")]
        out = CliRunner().invoke(app, [*args, "--dask-address", cluster.scheduler_address])
    assert out.exit_code == 0, out.output
    assert f"  {'sources':<17}{reference[0]['sources']:>7} rows" in out.output
    assert_same_tables(tmp_path / "wh", reference[1])


PARENT = """
import os, sys, time

from prefect import flow, task  # on the tests' Prefect server (PREFECT_API_URL comes with the environment)

from flows.runners import task_runner


@task
def sleeper(marker: str) -> None:
    open(f"{marker}.{os.getpid()}", "w").close()
    time.sleep(120)


@flow
def hold(marker: str) -> None:
    sleeper.submit(marker).result()


runner, _ = task_runner("processes", workers=1)
hold.with_options(task_runner=runner)(sys.argv[1])
"""


def alive(pid: int) -> bool:
    """Running, not a zombie waiting for a parent that is gone to reap it."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (FileNotFoundError, ProcessLookupError):
        return False


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")
@pytest.mark.timeout(120)
def test_process_workers_end_when_the_run_is_killed(tmp_path: Path) -> None:
    marker = tmp_path / "worker"
    prefect_ready()
    parent = subprocess.Popen([sys.executable, "-c", PARENT, str(marker)], cwd=ROOT, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 90
    while not list(tmp_path.glob("worker.*")) and time.monotonic() < deadline and parent.poll() is None:
        time.sleep(0.2)
    (started,) = tmp_path.glob("worker.*")
    worker = int(started.suffix[1:])
    assert alive(worker)
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 10
    while alive(worker) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not alive(worker), "the worker outlived the run that started it"


def test_cli_refuses_a_runner_it_does_not_know(tmp_path: Path) -> None:
    wh = ["--warehouse", str(tmp_path / "wh")]
    for args in (
        ["--runner", "nonsense"],
        ["--runner", "threads", "--dask-address", "tcp://127.0.0.1:8786"],
        ["--runner", "processes", "--workers", "0"],
    ):
        out = CliRunner().invoke(app, ["run", *args, *wh])
        assert out.exit_code == 2, (args, out.output)
    assert not (tmp_path / "wh").exists()  # refused before anything ran


def test_runner_factory(monkeypatch: pytest.MonkeyPatch) -> None:
    from prefect.task_runners import ProcessPoolTaskRunner, ThreadPoolTaskRunner

    runner, in_flight = task_runner()
    assert isinstance(runner, ThreadPoolTaskRunner) and in_flight == 1
    runner, in_flight = task_runner("processes", workers=3)
    assert isinstance(runner, ProcessPoolTaskRunner) and in_flight == 4
    for kind, kwargs in (("nonsense", {}), ("processes", {"workers": 0}), ("processes", {"address": "tcp://h:1"})):
        with pytest.raises(RunnerError):
            task_runner(kind, **kwargs)
    monkeypatch.setitem(sys.modules, "prefect_dask", None)  # as if the `dask` extra were not installed
    with pytest.raises(RunnerError, match="dask` extra"):
        task_runner("dask")


def test_dask_runner_factory() -> None:
    pytest.importorskip("prefect_dask")
    runner, in_flight = task_runner("dask", workers=2)
    assert runner.cluster_kwargs["n_workers"] == 2 and runner.cluster_kwargs["threads_per_worker"] == 1
    assert in_flight == 3
    runner, in_flight = task_runner("dask", address="tcp://10.0.0.1:8786", workers=8)
    assert runner.address == "tcp://10.0.0.1:8786" and not runner.cluster_kwargs and in_flight == 9
