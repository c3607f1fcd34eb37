"""Scale-out: the same flow on worker processes or on Dask gives the same tables as on threads."""

from __future__ import annotations

import os
import shutil
import sys
import time
from pathlib import Path

import duckdb
import httpx
import polars as pl
import pytest
from typer.testing import CliRunner

from flows.cli import app
from flows.pipeline import matchwire_flow
from flows.runners import RunnerError, task_runner

ROOT = Path(__file__).resolve().parent.parent
BATCH = 2  # seven files in four batches: several in flight at once, on different workers


def warehouse_tables(warehouse: Path) -> dict[str, pl.DataFrame]:
    """Every table in DuckDB and every Parquet dataset, rows sorted; only the load time may differ."""
    out = {}
    with duckdb.connect(str(warehouse / "matchwire.duckdb"), read_only=True) as con:
        for (name,) in con.execute("select table_name from duckdb_tables() order by table_name").fetchall():
            out[f"duckdb {name}"] = pl.from_arrow(con.sql(f'select * from "{name}"').to_arrow_table())
    for folder in sorted((warehouse / "parquet").iterdir()):
        out[f"parquet {folder.name}"] = pl.read_parquet(folder / "**/*.parquet", hive_partitioning=True)
    return {k: df.drop("ingested_at", strict=False).pipe(lambda d: d.sort(d.columns)) for k, df in out.items()}


def assert_same_tables(warehouse: Path, reference: dict[str, pl.DataFrame]) -> None:
    got = warehouse_tables(warehouse)
    assert got.keys() == reference.keys()
    for name, df in reference.items():
        assert got[name].equals(df), name


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
