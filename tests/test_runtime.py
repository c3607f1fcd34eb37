"""A real flow, run the way the CLI runs it: in a fresh process, against a fresh PREFECT_HOME.

A subprocess (not an in-process run) because the point is what a user sees: the
exit status and stderr of the whole process, including Prefect's shutdown.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from flows.runtime import prefect_settings

ROOT = Path(__file__).resolve().parents[1]

FLOW_SCRIPT = textwrap.dedent(
    """
    from flows.runtime import configure_prefect

    configure_prefect()  # before prefect is imported; PREFECT_HOME comes from the env

    from prefect import flow, task

    try:
        import polars as pl
    except ImportError:
        pl = None

    @task
    def make():
        data = {"goals": [1, 2, 3]}
        return pl.DataFrame(data) if pl is not None else data

    @task
    def total(table) -> int:
        return int(table["goals"].sum()) if pl is not None else sum(table["goals"])

    @flow
    def tiny() -> int:
        return total(make())

    print(f"RESULT={tiny()}")
    """
)


def _clean_env(home: Path) -> dict[str, str]:
    """The caller's environment without any Prefect settings that could leak in."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "MATCHWIRE_PREFECT"))}
    env["PREFECT_HOME"] = str(home)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return env


@pytest.mark.timeout(60)
def test_flow_in_subprocess_is_clean(tmp_path: Path) -> None:
    home = tmp_path / "prefect"
    proc = subprocess.run(
        [sys.executable, "-c", FLOW_SCRIPT],
        env=_clean_env(home),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert "RESULT=6" in proc.stdout
    assert "Traceback" not in proc.stderr, proc.stderr
    assert "CancelledError" not in proc.stderr, proc.stderr
    # Our server wrote its database in the temporary home, and stopped cleanly.
    assert (home / "prefect.db").exists()
    assert "Traceback" not in (home / "server.log").read_text()


def test_settings_are_offline_and_quiet(tmp_path: Path) -> None:
    env = prefect_settings(tmp_path)
    assert env["PREFECT_HOME"] == str(tmp_path.resolve())
    assert env["PREFECT_SERVER_DATABASE_CONNECTION_URL"].endswith(f"{tmp_path.resolve()}/prefect.db")
    assert env["DO_NOT_TRACK"] == "1"
    assert env["PREFECT_SERVER_ANALYTICS_ENABLED"] == "false"
    assert env["PREFECT_LOGGING_LEVEL"] == "WARNING"
    assert "PREFECT_API_URL" not in env


CONFIGURE_TWICE = textwrap.dedent(
    """
    import json, os
    from flows.runtime import configure_prefect

    configure_prefect(server=False)
    first = dict(os.environ)
    configure_prefect(server=False)
    print(json.dumps({"same": first == dict(os.environ), "env": first}))
    """
)


def test_configure_is_idempotent_and_drops_cloud_settings_without_an_api_url(tmp_path: Path) -> None:
    # In a subprocess: configure_prefect changes os.environ and the process-wide server.
    env = _clean_env(tmp_path)
    env["PREFECT_API_KEY"] = "pnu_not_a_real_key"
    env["PREFECT_PROFILE"] = "someone-elses"
    proc = subprocess.run([sys.executable, "-c", CONFIGURE_TWICE], env=env, capture_output=True, text=True, timeout=30)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["same"]
    assert "PREFECT_API_URL" not in out["env"]
    assert "PREFECT_API_KEY" not in out["env"] and "PREFECT_PROFILE" not in out["env"]
    assert out["env"]["PREFECT_HOME"] == str(tmp_path.resolve())


def test_a_users_api_url_and_key_are_kept(tmp_path: Path) -> None:
    """PREFECT_API_URL set by the user (a team's server, Prefect Cloud) is where runs go: kept, with its key."""
    env = _clean_env(tmp_path)
    env["PREFECT_API_KEY"] = "pnu_not_a_real_key"
    env["PREFECT_API_URL"] = "https://api.prefect.cloud/api/accounts/x/workspaces/y"
    proc = subprocess.run([sys.executable, "-c", CONFIGURE_TWICE], env=env, capture_output=True, text=True, timeout=30)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["same"]
    assert out["env"]["PREFECT_API_URL"] == env["PREFECT_API_URL"]
    assert out["env"]["PREFECT_API_KEY"] == "pnu_not_a_real_key"
    assert out["env"]["DO_NOT_TRACK"] == "1"  # still quiet and telemetry-free
    assert not (tmp_path / "api_url").exists()  # no server of ours


def test_command_line_runs_send_no_heartbeats(prefect_home: Path) -> None:
    """`matchwire run` starts its flow without heartbeats (Prefect joins their thread, a second per run);
    outside the block Prefect's own setting is back, for served deployments."""
    from prefect import flow
    from prefect.settings import Settings, get_current_settings

    from flows.runtime import without_heartbeats

    before = get_current_settings().flows.heartbeat_frequency

    @flow
    def one() -> int:
        return 1

    with without_heartbeats():
        assert get_current_settings().flows.heartbeat_frequency is None
        assert one() == 1
    assert get_current_settings().flows.heartbeat_frequency == before
    assert Settings().flows.heartbeat_frequency is not None  # Prefect's own default, which serve keeps


class _LockedThenFine:
    """An ASGI app whose writes answer 503 (what Prefect's server says on SQLite's lock) `locked` times.

    Like Starlette, it raises again after sending its 500, and routing rewrites the scope it is given.
    """

    def __init__(self, locked: int, fail: bool = False) -> None:
        self.locked, self.fail, self.bodies, self.paths = locked, fail, [], []

    async def __call__(self, scope, receive, send) -> None:
        self.paths.append(scope["path"])
        scope["path"] = "/rewritten"
        body = (await receive())["body"]
        self.bodies.append(body)
        status = 503 if self.locked else (500 if self.fail else 200)
        self.locked -= 1
        await send({"type": "http.response.start", "status": status, "headers": []})
        await send({"type": "http.response.body", "body": b"echo:" + body})
        if status == 500:
            raise RuntimeError("boom")


def _request(app, method: str, body: bytes) -> list[dict]:
    """One HTTP request through the app, its body in two chunks; the messages sent back."""
    import asyncio

    chunks = [
        {"type": "http.request", "body": body[:3], "more_body": True},
        {"type": "http.request", "body": body[3:], "more_body": False},
    ]
    sent: list[dict] = []

    async def receive() -> dict:
        return chunks.pop(0) if chunks else {"type": "http.disconnect"}

    async def send(message: dict) -> None:
        sent.append(message)

    asyncio.run(app({"type": "http", "method": method, "path": "/api/flow_runs/"}, receive, send))
    return sent


def test_a_write_that_met_the_database_lock_is_tried_again_in_the_server() -> None:
    from flows.runtime import retry_locked_writes

    inner = _LockedThenFine(locked=3)
    sent = _request(retry_locked_writes(inner, pause=0.001), "POST", b'{"flow_id": 1}')
    assert [m.get("status") for m in sent] == [200, None]  # the client sees only the answer that worked
    assert sent[1]["body"] == b'echo:{"flow_id": 1}'
    assert inner.bodies == [b'{"flow_id": 1}'] * 4  # the whole body, every try
    assert inner.paths == ["/api/flow_runs/"] * 4  # each try routed from the original scope


def test_a_lock_that_outlasts_the_limit_reaches_the_client_and_errors_pass_through() -> None:
    from flows.runtime import retry_locked_writes

    sent = _request(retry_locked_writes(_LockedThenFine(locked=10**6), pause=0.001, limit=0.05), "POST", b"{}")
    assert sent[0]["status"] == 503  # Prefect's client then backs off as it always did
    reads = _LockedThenFine(locked=1)
    assert _request(retry_locked_writes(reads, pause=0.001), "GET", b"{}")[0]["status"] == 503
    assert len(reads.bodies) == 1  # reads go straight through
    with pytest.raises(RuntimeError, match="boom"):
        _request(retry_locked_writes(_LockedThenFine(locked=0, fail=True), pause=0.001), "POST", b"{}")
