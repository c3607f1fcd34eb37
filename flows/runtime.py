"""Quiet, offline, fast Prefect runs for the ``matchwire`` CLI and the tests.

Prefect 3 needs an API server even for a one-off local flow run. Out of the box
(no ``PREFECT_API_URL``) it starts a *temporary server* subprocess on the first
API call: the parent first imports ``prefect.server`` (~4.5 s) just to spawn it,
then waits for the child to import it again and boot (~6 s). At exit it
SIGTERMs the child while the child is still recording task-run events, and the
child (which shares our stderr) prints ``CancelledError`` tracebacks. It also
prints "Starting temporary server", sends telemetry and logs at INFO.

What this module does instead (``configure_prefect``):

* sets environment variables for an offline, local, quiet run (see
  ``prefect_settings``): telemetry off (``DO_NOT_TRACK``,
  ``PREFECT_SERVER_ANALYTICS_ENABLED``), no UI, WARNING-level logs, a private
  ``PREFECT_HOME`` and SQLite database, no cloud key/profile;
* starts *our own* API server subprocess right away, in the background, on a
  socket that the parent has already bound and put in listen mode. Early
  requests simply wait in the kernel backlog until the server is up, so nothing
  has to poll for readiness, and the server boots while the caller is still
  importing polars/prefect/the pipeline;
* the server's stdout/stderr go to ``$PREFECT_HOME/server.log``, so its
  shutdown noise can never reach the user's terminal or a test's stderr;
* at exit (after Prefect has drained its event/log workers) the server gets
  SIGTERM; a watchdog in the server stops it if the parent dies without that.

The SQLite database lives in ``$PREFECT_HOME`` (default
``~/.cache/matchwire/prefect``), which is kept between runs so that the database
migrations and block registration (~7 s) run only once per machine.

Measured (2 CPUs, Prefect 3.8.8, Python 3.11; flow with two tasks passing a
polars DataFrame; wall time of ``python script.py``, including ~2.3 s of
importing prefect + polars; "cold" = fresh PREFECT_HOME):

=====================================================  ======  ======  =================
option                                                 cold    warm    stderr at exit
=====================================================  ======  ======  =================
(a) Prefect defaults (ephemeral subprocess server)     21.5 s  15.4 s  INFO logs; 140-line
                                                                       telemetry traceback
                                                                       cold; CancelledError
                                                                       tracebacks with 50 tasks
(a') same + the quiet settings below                   21-23 s 14-16 s empty for 2 tasks;
                                                                       CancelledError with 50
(b) ``prefect_test_harness`` (fresh DB every time)     ~21 s   ~21 s   empty
(c) in-process API (uvicorn thread, same process)      15.6 s  9.4-10  empty
(d) persistent PREFECT_HOME (migrations once)          -       saves   (applies to a, c, e)
                                                               6-7 s
(e) chosen: own background server, pre-bound socket    SEE_E_COLD  SEE_E_WARM  empty, also
                                                                       with 50 tasks
=====================================================  ======  ======  =================

Other findings: every flow run ends with up to ~1 s spent joining Prefect's
heartbeat thread (``PREFECT_FLOWS_HEARTBEAT_FREQUENCY`` cannot be switched off
from the environment: it must be >= 30), and Prefect no longer offers an
in-process ASGI API (removed in 3.0, PrefectHQ/prefect#14722).
"""

from __future__ import annotations

import atexit
import contextlib
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

__all__ = ["configure_prefect", "default_prefect_home", "prefect_settings", "stop_prefect_server"]

# Variables that would point a run at Prefect Cloud or at somebody else's profile.
_REMOVED_VARS = ("PREFECT_API_URL", "PREFECT_API_KEY", "PREFECT_API_AUTH_STRING", "PREFECT_PROFILE")

# Runs in the server subprocess: serve the socket we inherited, and exit if our
# parent disappears (killed test runner, SIGKILL) so no server is left behind.
_SERVER_BOOT = """
import os, signal, socket, sys, threading, time

def _watch(parent):
    while os.getppid() == parent:
        time.sleep(0.5)
    os.kill(os.getpid(), signal.SIGTERM)

threading.Thread(target=_watch, args=(int(sys.argv[2]),), daemon=True).start()
import uvicorn

sock = socket.socket(fileno=int(sys.argv[1]))
config = uvicorn.Config(
    "prefect.server.api.server:create_app", factory=True, log_level="error", lifespan="on"
)
uvicorn.Server(config).run(sockets=[sock])
"""


def default_prefect_home() -> Path:
    """Per-user home that survives between runs, so migrations run only once."""
    override = os.environ.get("MATCHWIRE_PREFECT_HOME")
    if override:
        return Path(override).expanduser()
    cache = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(cache) / "matchwire" / "prefect"


def prefect_settings(home: Path | None = None) -> dict[str, str]:
    """Environment for a quiet, offline, local Prefect run.

    Without a ``PREFECT_API_URL`` these settings make Prefect fall back to its own
    temporary server; ``configure_prefect`` adds the URL of a faster private one.
    """
    home = Path(home or default_prefect_home()).expanduser().resolve()
    return {
        "PREFECT_HOME": str(home),
        # A profile file elsewhere could carry a Cloud URL/key: use only ours.
        "PREFECT_PROFILES_PATH": str(home / "profiles.toml"),
        "PREFECT_SERVER_DATABASE_CONNECTION_URL": f"sqlite+aiosqlite:///{home / 'prefect.db'}",
        # Telemetry: SDK events (Amplitude) honour DO_NOT_TRACK; the server's
        # heartbeat to sens-o-matic.prefect.io is PREFECT_SERVER_ANALYTICS_ENABLED.
        "DO_NOT_TRACK": "1",
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "PREFECT_TELEMETRY_ENABLE_RESOURCE_METRICS": "false",
        "PREFECT_SERVER_UI_ENABLED": "false",
        # Fallback only: Prefect's temporary server if no API URL is set.
        "PREFECT_SERVER_EPHEMERAL_ENABLED": "true",
        "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "90",
        # WARNING also hides "Starting temporary server" and per-run INFO lines.
        "PREFECT_LOGGING_LEVEL": "WARNING",
        "PREFECT_SERVER_LOGGING_LEVEL": "WARNING",
    }


class _Server:
    """Our API server subprocess (one per process)."""

    def __init__(self, home: Path, process: subprocess.Popen[bytes], api_url: str) -> None:
        self.home = home
        self.process = process
        self.api_url = api_url

    @classmethod
    def start(cls, env: dict[str, str]) -> _Server:
        """Spawn the server on a socket that is already listening; return at once."""
        home = Path(env["PREFECT_HOME"])
        home.mkdir(parents=True, exist_ok=True)
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        try:
            sock.bind(("127.0.0.1", 0))
            sock.listen(128)
            port = sock.getsockname()[1]
            child_env = {k: v for k, v in env.items() if k not in _REMOVED_VARS}
            # The flags Prefect gives its own temporary server: no UI, and only the
            # services an ephemeral server needs (no scheduler, no telemetry loop).
            child_env |= {
                "PREFECT_UI_ENABLED": "0",
                "PREFECT__SERVER_EPHEMERAL": "1",
                "PREFECT__SERVER_FINAL": "1",
            }
            with open(home / "server.log", "wb") as log:
                process = subprocess.Popen(
                    [sys.executable, "-c", _SERVER_BOOT, str(sock.fileno()), str(os.getpid())],
                    env=child_env,
                    cwd=home,
                    stdin=subprocess.DEVNULL,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    pass_fds=(sock.fileno(),),
                    # Ctrl-C must reach only us: we stop the server ourselves,
                    # after Prefect has flushed its events.
                    start_new_session=True,
                )
        finally:
            sock.close()  # the child has its own copy
        return cls(home, process, f"http://127.0.0.1:{port}/api")

    def settle(self, quiet: float = 0.3, limit: float = 5.0) -> None:
        """Wait until the server has recorded the task-run events still queued in it.

        The client sends task-run states as events; the server writes them to the
        database a little later, and drops whatever is queued when it stops
        (~1/3 of the task runs of a 50-task flow were lost without this).
        """
        import httpx

        final = {"task_runs": {"state": {"type": {"any_": ["COMPLETED", "FAILED", "CANCELLED", "CRASHED"]}}}}
        last: tuple[object, object] | None = None
        since = deadline = time.monotonic()
        deadline += limit
        with (
            contextlib.suppress(httpx.HTTPError, ValueError),
            httpx.Client(base_url=self.api_url, timeout=2) as client,
        ):
            while time.monotonic() < deadline:
                counts = (
                    client.post("/task_runs/count", json={}).json(),
                    client.post("/task_runs/count", json=final).json(),
                )
                now = time.monotonic()
                if counts != last:
                    last, since = counts, now
                elif now - since >= quiet:
                    return
                time.sleep(0.1)

    def stop(self, timeout: float = 30.0) -> None:
        """SIGTERM (graceful: a cold start finishes its migrations), SIGKILL after ``timeout``."""
        if self.process.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


_lock = threading.Lock()
_server: _Server | None = None
_atexit_registered = False


def _shutdown(server: _Server) -> None:
    """Drain Prefect's client-side queues, let the server catch up, then stop it."""
    if "prefect.task_engine" in sys.modules:  # tasks ran: events may be in flight
        from prefect.events.worker import EventsWorker
        from prefect.logging.handlers import APILogWorker

        for worker in (EventsWorker, APILogWorker):
            with contextlib.suppress(Exception):
                worker.drain_all(timeout=5)
        if server.process.poll() is None:
            server.settle()
    server.stop()


def stop_prefect_server() -> None:
    """Stop the server started by ``configure_prefect`` (also runs at exit)."""
    global _server
    with _lock:
        server, _server = _server, None
    if server is not None:
        _shutdown(server)


def configure_prefect(home: Path | None = None, *, server: bool = True) -> None:
    """Apply ``prefect_settings`` to ``os.environ`` before Prefect is used (idempotent).

    With ``server=True`` (POSIX) a private API server starts in the background and
    ``PREFECT_API_URL`` points at it; with ``server=False`` Prefect starts its own
    temporary server on first use. Call it as early as possible, before importing
    prefect and the pipeline, so that the server boots while those imports run,
    and only in commands that run flows (a cold first start takes ~13 s).
    """
    global _server, _atexit_registered
    env = prefect_settings(home)
    with _lock:
        old = _server
        if old is not None and (not server or old.home != Path(env["PREFECT_HOME"])):
            _server = None
            _shutdown(old)
        for name in _REMOVED_VARS:
            os.environ.pop(name, None)
        os.environ.update(env)
        if server and os.name == "posix":
            if _server is None or _server.process.poll() is not None:
                _server = _Server.start(env)
            if not _atexit_registered:
                # Registered before Prefect registers its own exit hooks, so it
                # runs after them (atexit is LIFO).
                atexit.register(stop_prefect_server)
                _atexit_registered = True
            os.environ["PREFECT_API_URL"] = _server.api_url
    if "prefect.context" in sys.modules:
        # Prefect reads the environment once, at import: make it read it again.
        from prefect.context import refresh_global_settings_context
        from prefect.logging.configuration import setup_logging

        refresh_global_settings_context()
        setup_logging()
