"""Where the flow's tasks run: threads (default), worker processes, or a Dask cluster.

The flow is the same on every runner; only the task runner and how many batches are kept in
flight change. Parsing is CPU-bound Python, so threads share one core (the GIL): processes and
Dask workers are what put a second core, or a cluster, to work. Cheap to import (Prefect and
Dask are imported when a runner is built), so the CLI can list the choices before the server is up.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from prefect.task_runners import TaskRunner

THREADS_IN_FLIGHT = 1  # one batch at a time: two parsing threads only contend for the GIL


class Runner(StrEnum):
    THREADS = "threads"
    PROCESSES = "processes"
    DASK = "dask"


class RunnerError(ValueError):
    """A runner that cannot be built: unknown kind, bad worker count, or Dask without the `dask` extra."""


def cpu_count() -> int:
    """CPUs this process may use (a container's or taskset's limit, not the host's)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def task_runner(
    kind: str = Runner.THREADS, address: str | None = None, workers: int | None = None
) -> tuple[TaskRunner, int]:
    """The task runner for `kind` and the `in_flight` batches that keep its workers busy.

    threads: Prefect's default, one process (`workers` threads). processes: a pool of `workers`
    spawned Python processes (default: one per CPU). dask: the scheduler at `address`, or else a
    local cluster of `workers` one-thread worker processes. `in_flight` is workers + 1, so a worker
    that finishes finds the next batch waiting. Process and Dask workers each load the spaCy
    tagger once. A remote cluster's size is not known here: `workers` then only sizes the window
    of batches in flight (default: this machine's CPU count).
    """
    if workers is not None and workers < 1:
        raise RunnerError(f"workers must be at least 1, got {workers}")
    if kind not in tuple(Runner):
        raise RunnerError(f"unknown task runner {kind!r}: choose one of {', '.join(Runner)}")
    if address and kind != Runner.DASK:
        raise RunnerError(f"a Dask scheduler address needs the dask runner, not {kind!r}")
    n = workers or cpu_count()
    if kind == Runner.THREADS:
        from prefect.task_runners import ThreadPoolTaskRunner

        return ThreadPoolTaskRunner(max_workers=workers), THREADS_IN_FLIGHT
    if kind == Runner.PROCESSES:
        from prefect.task_runners import ProcessPoolTaskRunner

        return ProcessPoolTaskRunner(max_workers=n, initializer=watch_parent, initargs=(os.getpid(),)), n + 1
    return dask_runner(address, n), n + 1


PARENT_POLL_SECONDS = 0.5


def watch_parent(parent: int) -> None:
    """Worker initializer: the worker ends itself once the process that started it is gone.

    A killed parent (kill -9, a crashed run) cannot stop its pool, and each worker holds a spaCy model
    (~300 MB): re-parented to PID 1 they would live on. A daemon thread asks every half second who the
    parent is. (Linux's PR_SET_PDEATHSIG would fire when the parent *thread* that started the worker
    ends, which in a pool is not the parent process ending.)
    """

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_POLL_SECONDS)
        os._exit(1)  # no cleanup to do: the run this worker served is gone

    threading.Thread(target=watch, name="matchwire-parent-watch", daemon=True).start()


def dask_runner(address: str | None, workers: int) -> TaskRunner:
    """prefect-dask's runner for the scheduler at `address`, or a local cluster of `workers` processes."""
    try:
        from prefect_dask import DaskTaskRunner
    except ImportError as err:  # an optional extra: the default install has no Dask
        raise RunnerError(
            f"the dask runner needs the optional `dask` extra (prefect-dask, distributed), not installed: {err}. "
            "Install it with `uv sync --extra dask` or `pip install 'matchwire[dask]'`"
        ) from err
    quiet_distributed()
    if address:
        return DaskTaskRunner(address=address)
    return DaskTaskRunner(
        cluster_kwargs={
            "n_workers": workers,
            "threads_per_worker": 1,  # CPU-bound Python: one thread per process, parallel across processes
            "processes": True,
            "dashboard_address": None,  # no dashboard (bokeh is not installed anyway) ...
            # ... and the scheduler's HTTP routes on a free local port, not 8787: two runs at once
            # would clash ("Port 8787 is already in use" on stderr)
            "scheduler_kwargs": {"dashboard_address": "127.0.0.1:0"},
        }
    )


def quiet_distributed() -> None:
    """Keep Dask's INFO chatter (cluster, worker and client start and stop) off the terminal; warnings stay.

    Prefect puts a console handler on the root logger, and `distributed` logs at INFO by default, so
    every cluster event would print there; LocalCluster's `silence_logs` only quiets distributed's own
    handler. The variable carries the level to worker processes spawned after this. A
    `DASK_LOGGING__DISTRIBUTED` set by the user wins.
    """
    if "DASK_LOGGING__DISTRIBUTED" in os.environ:
        return
    os.environ["DASK_LOGGING__DISTRIBUTED"] = "warning"
    logging.getLogger("distributed").setLevel(logging.WARNING)  # this process imported distributed already
