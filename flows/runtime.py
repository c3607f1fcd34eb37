"""Quiet, offline, fast Prefect runs for the ``matchwire`` CLI and the tests.

Prefect 3 needs an API server even for a one-off local flow run. Out of the box
(no ``PREFECT_API_URL``) it starts a *temporary server* subprocess on the first
API call: the parent imports ``prefect.server`` (~3-4.5 s) only to spawn it, then
waits while the child imports it again and boots (~5-6 s). At exit it SIGTERMs
the child while the child is still recording task-run events: the child, which
shares our stderr, prints ``CancelledError`` tracebacks, and the task runs still
queued in it are never written. It also logs at INFO ("Starting temporary
server ..."), and tries to send telemetry (sens-o-matic.prefect.io).

What ``configure_prefect`` does instead:

* sets the environment for an offline, local, quiet run (``prefect_settings``):
  telemetry off (``DO_NOT_TRACK`` for the SDK, ``PREFECT_SERVER_ANALYTICS_ENABLED``
  for the server), no UI, WARNING-level logs, a private ``PREFECT_HOME``, its
  own profiles file and SQLite database, and no Cloud URL/key/profile;
* starts *our own* API server subprocess at once, in the background, on a socket
  that the parent has already bound and put in listen mode. Requests made before
  the server is up simply wait in the kernel's backlog, so nothing polls for
  readiness, and the server boots while the caller imports polars, prefect and
  the pipeline. The parent never imports ``prefect.server``;
* the server's output goes to ``$PREFECT_HOME/server.log``: its noise can never
  reach the user's terminal or a test's stderr;
* at exit, after Prefect has drained its event/log queues, we wait until the
  server has recorded the task runs (~0.3 s), then SIGTERM it. A watchdog in the
  server stops it if the parent dies without doing that (SIGKILL, test timeout).

``PREFECT_HOME`` defaults to ``~/.cache/matchwire/prefect`` (see
``default_prefect_home``) and is kept between runs, so that database migrations
(~4 s) and block registration (~0.7 s) run once per machine, not on every run.

Measured on 2 shared CPUs (Prefect 3.8.8, Python 3.11), wall time of a fresh
``python script.py`` running a flow of two tasks (one passes a polars DataFrame
to the other), including ~1.3 s of importing prefect and polars; median of 2-3
runs, cold = empty PREFECT_HOME. A first series, taken while the machine was
about 1.7x slower, is in brackets.

======================================  ===========  ==========  ====================================
option                                  cold         warm        stderr / task runs lost at exit
======================================  ===========  ==========  ====================================
(a) Prefect defaults, temporary server  13.9 (21.5)  8.8 (15.4)  INFO lines on every run; cold: a
                                                                 142-line "database is locked"
                                                                 traceback from the telemetry
                                                                 heartbeat; with 50 tasks: 4-5
                                                                 CancelledError tracebacks, ~1/3 of
                                                                 task runs lost
(a') (a) + ``prefect_settings``         14.9 (22)    8.7 (15)    empty with 2 tasks; with 50 tasks:
     (``configure_prefect(server=False)``)                       4 CancelledError tracebacks, lost
(b) ``prefect_test_harness``            13-16 (21)   same: new   same as (a')
                                                     DB each run
(c) in-process API (uvicorn thread)     12.0 (15.6)  6.0 (9.7)   same as (a'), on our own stderr
(d) persistent PREFECT_HOME             saves 4-6 s per run, for (a), (a'), (c), (e)
(e) chosen: own server, pre-bound       12.0 (17.1)  6.0 (6.1)   empty, also with 50 tasks; 150 of
    socket, output to server.log                                 150 task runs recorded
======================================  ===========  ==========  ====================================

Other findings: every flow run ends with up to ~1 s spent joining Prefect's
heartbeat thread (``PREFECT_FLOWS_HEARTBEAT_FREQUENCY`` must be >= 30 and cannot
be switched off from the environment). Prefect 3.0 dropped the in-process ASGI
API of Prefect 2 (PrefectHQ/prefect#14722), so (c) needs a hand-run uvicorn
thread. Two processes sharing one PREFECT_HOME at the same time share one
SQLite file, which can give "database is locked" errors (as Prefect itself does).
Within one server too: a flow started while the server still writes the last
run's task events got "database is locked" on creating its run, and Prefect's
client slept 2 s before asking again (half of the flows started back to back).
Our server tries such a write again itself after a few milliseconds
(``retry_locked_writes``).
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

__all__ = [
    "PrefectHomeError",
    "configure_prefect",
    "default_prefect_home",
    "prefect_settings",
    "quiet_user_errors",
    "sigterm_stops_serving",
    "stop_prefect_server",
    "user_api_url",
    "without_heartbeats",
]

# Variables that would point a run at Prefect Cloud or at somebody else's profile: without a PREFECT_API_URL
# of the user's, our own server is the API and these go; with one, they are the user's and stay.
_REMOVED_VARS = ("PREFECT_API_URL", "PREFECT_API_KEY", "PREFECT_API_AUTH_STRING", "PREFECT_PROFILE")
_OWN_URL_VAR = "MATCHWIRE_OWN_PREFECT_API_URL"  # the URL this process (or its parent) gave its own server

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
config = uvicorn.Config("flows.runtime:server_app", factory=True, log_level="error", lifespan="on")
uvicorn.Server(config).run(sockets=[sock])
"""


def server_app():
    """Prefect's API app, as our server subprocess runs it: writes that meet SQLite's lock are retried."""
    from prefect.server.api.server import create_app

    return retry_locked_writes(create_app())


def retry_locked_writes(app, pause: float = 0.02, limit: float = 30.0):
    """The ASGI app, with a write it answered 503 tried again in the server after a short pause.

    Prefect's server writes task-run events in the background. A request that reads and then writes
    (creating a flow run, setting a state) meanwhile gets "database is locked" at once, as SQLite's busy
    wait does not apply to a read transaction that wants to write. Prefect answers 503 and its client
    sleeps 2 s (then 4, 8, ...) before trying again: a flow started right after another one often began
    2 s late. The lock lasts a fraction of a second, so the write is tried again here after `pause`
    seconds, doubling up to 0.5 s, for at most `limit` seconds; the client gets the last answer. A 503
    attempt was rolled back, so trying it again is what the client would do anyway, only sooner.
    """
    import asyncio

    async def retrying(scope, receive, send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("POST", "PUT", "PATCH", "DELETE"):
            return await app(scope, receive, send)  # reads do not meet the lock; websockets stream
        body, more = b"", True
        while more:
            message = await receive()
            body += message.get("body", b"")
            more = message.get("more_body", False)
        wait, deadline = pause, time.monotonic() + limit
        while True:
            answer, raised = await _attempt(app, scope, body, receive)
            if answer and answer[0].get("status") == 503 and time.monotonic() + wait < deadline:
                await asyncio.sleep(wait)
                wait = min(wait * 2, 0.5)
                continue
            for message in answer:
                await send(message)
            if raised is not None:
                raise raised
            return

    return retrying


async def _attempt(app, scope: dict, body: bytes, receive) -> tuple[list[dict], Exception | None]:
    """One try of a request whose body was read already: the app's answer, held back, and what it raised."""
    given = False
    answer: list[dict] = []

    async def replay() -> dict:
        nonlocal given
        if given:
            return await receive()  # after the body: the client's disconnect, as usual
        given = True
        return {"type": "http.request", "body": body, "more_body": False}

    async def hold(message: dict) -> None:
        answer.append(message)

    try:
        await app(dict(scope), replay, hold)  # routing rewrites the scope it is given
    except Exception as exc:  # Starlette raises again after sending its error response
        return answer, exc
    return answer, None


def default_prefect_home() -> Path:
    """Per-user home that survives between runs, so migrations run only once.

    ``MATCHWIRE_PREFECT_HOME``, then an explicit ``PREFECT_HOME`` (how tests point
    at a temporary folder), win over ``~/.cache/matchwire/prefect``.
    """
    override = os.environ.get("MATCHWIRE_PREFECT_HOME") or os.environ.get("PREFECT_HOME")
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

    def __init__(self, home: Path, process: subprocess.Popen[bytes], api_url: str, *, scheduler: bool = False) -> None:
        self.home = home
        self.process = process
        self.api_url = api_url
        self.scheduler = scheduler

    @classmethod
    def start(cls, env: dict[str, str], *, scheduler: bool = False) -> _Server:
        """Spawn the server on a socket that is already listening; return at once.

        ``scheduler=True`` runs every service of ``prefect server start``, among them
        the scheduler that turns a deployment's cron into flow runs, and the late-run
        and cancellation monitors; the default runs only those of an ephemeral server.
        """
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
            if scheduler:
                del child_env["PREFECT__SERVER_EPHEMERAL"]
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
        api_url = f"http://127.0.0.1:{port}/api"
        # Where another process (a test of ``matchwire serve``, a watcher) finds this
        # server; written whole via a rename, so a reader never sees half a URL.
        tmp = home / f"api_url.{os.getpid()}"
        tmp.write_text(api_url + "\n")
        tmp.replace(home / "api_url")
        return cls(home, process, api_url, scheduler=scheduler)

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


@contextlib.contextmanager
def without_heartbeats() -> Iterator[None]:
    """Flow runs started in this block send no heartbeats.

    Prefect's flow engine joins its heartbeat thread at the end of every run, and that thread sleeps
    in one-second steps: each run ended up to a second late (a trivial flow took 1.17 s with them,
    0.24 s without). Heartbeats let the server's automations notice a crashed run of a deployment; a
    run started from the command line has its caller watching, so ``matchwire run`` goes without and
    ``matchwire serve`` keeps them. The setting cannot be unset from the environment (it must be >= 30).
    """
    from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings

    with temporary_settings(updates={PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}):
        yield


class PrefectHomeError(RuntimeError):
    """PREFECT_HOME cannot hold Prefect's database (a file, a read-only folder): the command stops with this."""


def ensure_prefect_home(home: Path) -> None:
    """Fail with one line, before a server is started, when Prefect could not write its home."""
    hint = "(point PREFECT_HOME or MATCHWIRE_PREFECT_HOME at a writable folder)"
    if home.exists() and not home.is_dir():
        raise PrefectHomeError(f"PREFECT_HOME {home} is a file, not a folder {hint}")
    from warehouse.folders import make_writable_folder

    try:
        make_writable_folder(home)
    except OSError as err:
        raise PrefectHomeError(
            f"PREFECT_HOME {home} cannot be used for Prefect's database: {err.strerror or err} {hint}"
        ) from err


class _DropUserErrors(logging.Filter):
    """Drops the console's records about an error the command reports itself in one line."""

    def __init__(self, kinds: tuple[type[BaseException], ...]) -> None:
        super().__init__()
        self.kinds = kinds
        self.names = tuple(f"{k.__name__}{end}" for k in kinds for end in (": ", "("))

    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        if isinstance(exc, self.kinds):
            return False
        # "Task run failed with exception: WarehouseError('...')", "Finished in state Failed('... WarehouseError: ...')"
        return not any(n in record.getMessage() for n in self.names)


@contextlib.contextmanager
def quiet_user_errors(kinds: tuple[type[BaseException], ...]) -> Iterator[None]:
    """Prefect's console shows no traceback for these errors: the caller prints them as one line.

    Prefect logs a failed flow or task run with its traceback (Rich-formatted) on the console handler;
    for an error the user can fix (a busy or unreadable warehouse, a full disk) that is 30-350 lines
    around the one that matters. The records still reach Prefect's API (the run's logs in the UI).
    """
    drop = _DropUserErrors(kinds)
    handlers = list(logging.getLogger().handlers)
    for handler in handlers:
        handler.addFilter(drop)
    try:
        yield
    finally:
        for handler in handlers:
            handler.removeFilter(drop)


def user_api_url() -> str | None:
    """The Prefect API the user configured (``PREFECT_API_URL``: a team's server, Prefect Cloud), if any.

    The URL of a server matchwire started itself is not the user's, nor is one a parent matchwire process
    passed down for its own server: runs then use the embedded server as they always did.
    """
    url = os.environ.get("PREFECT_API_URL", "").strip()
    if not url:
        return None
    own = {os.environ.get(_OWN_URL_VAR)} | ({_server.api_url} if _server is not None else set())
    return None if url in own else url


def configure_prefect(home: Path | None = None, *, server: bool = True, scheduler: bool = False) -> None:
    """Apply ``prefect_settings`` to ``os.environ`` before Prefect is used (idempotent).

    With ``server=True`` (POSIX) a private API server starts in the background and
    ``PREFECT_API_URL`` points at it; with ``server=False`` Prefect starts its own
    temporary server on first use. Call it as early as possible, before importing
    prefect and the pipeline, so that the server boots while those imports run,
    and only in commands that run flows (a cold first start takes ~13 s).

    ``scheduler=True`` (for ``matchwire serve``) makes that server also run Prefect's
    scheduler, which creates the flow runs of a deployment's schedule; the default
    server, like Prefect's temporary one, never schedules anything.
    """
    global _server, _atexit_registered
    env = prefect_settings(home)
    ensure_prefect_home(Path(env["PREFECT_HOME"]))
    theirs = user_api_url()
    if theirs is not None:
        _use_their_api(env)
        return
    env["PREFECT_UI_URL"] = ""  # our server has no UI: no "View at" link to a page that is not there
    with _lock:
        old = _server
        if old is not None and (
            not server or old.home != Path(env["PREFECT_HOME"]) or (scheduler and not old.scheduler)
        ):
            _server = None
            _shutdown(old)
        for name in _REMOVED_VARS:
            os.environ.pop(name, None)
        os.environ.update(env)
        if server and os.name == "posix":
            if _server is None or _server.process.poll() is not None:
                _server = _Server.start(env, scheduler=scheduler)
            if not _atexit_registered:
                # Registered before Prefect registers its own exit hooks, so it
                # runs after them (atexit is LIFO).
                atexit.register(stop_prefect_server)
                _atexit_registered = True
            os.environ["PREFECT_API_URL"] = os.environ[_OWN_URL_VAR] = _server.api_url
    _reload_prefect_settings()


def _use_their_api(env: dict[str, str]) -> None:
    """Runs go to the user's Prefect API: no server of ours, and their key, auth string and profile stay."""
    global _server
    with _lock:
        old, _server = _server, None
    if old is not None:
        _shutdown(old)
    for name in ("PREFECT_PROFILES_PATH", "PREFECT_SERVER_EPHEMERAL_ENABLED", "PREFECT_SERVER_UI_ENABLED"):
        env.pop(name, None)  # their profile may hold the key; their server's UI is theirs
    os.environ.update(env)
    os.environ.pop(_OWN_URL_VAR, None)
    _reload_prefect_settings()


def _reload_prefect_settings() -> None:
    if "prefect.context" in sys.modules:
        # Prefect reads the environment once, at import: make it read it again.
        from prefect.context import refresh_global_settings_context
        from prefect.logging.configuration import setup_logging

        refresh_global_settings_context()
        setup_logging()


def sigterm_stops_serving() -> None:
    """SIGTERM stops `serve` the way Ctrl-C does: cleanly, exit 0.

    Prefect's runner installs its own SIGTERM handler, which calls the async ``Runner.stop`` without awaiting
    it ("coroutine 'Runner.astop' was never awaited") and exits in the middle of the runner's loop. Ours sends
    the process a SIGINT instead: asyncio cancels the runner's task as on Ctrl-C, and Prefect shuts down in
    order. A serve started with SIGINT ignored (`cmd &` in a script) gets Python's handler back first.
    """
    from prefect.runner import Runner

    if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)

    def interrupt(self, *args: object, **kwargs: object) -> None:
        signal.raise_signal(signal.SIGINT)

    Runner.handle_sigterm = interrupt  # type: ignore[method-assign]
