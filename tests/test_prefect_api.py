"""matchwire on the user's own Prefect: with PREFECT_API_URL set, `run` and `serve` register there.

The module starts a real `prefect server start` (its own PREFECT_HOME, UI on) as a team's server would
be, and points matchwire processes at it the way a user does, through the environment. Nothing of the
test session's own Prefect settings leaks into them.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb
import httpx
import pytest

ROOT = Path(__file__).resolve().parent.parent
FINAL = {"COMPLETED", "FAILED", "CRASHED", "CANCELLED"}
LAUNCH = (
    "import signal, sys; signal.signal(signal.SIGINT, signal.default_int_handler); "
    "from flows.cli import app; sys.exit(app(prog_name='matchwire'))"
)

pytestmark = [
    pytest.mark.timeout(300),
    pytest.mark.skipif(os.name != "posix", reason="signals and process groups as on POSIX"),
]


def _env(home: Path, **extra: str) -> dict[str, str]:
    """Our environment without the session's Prefect settings, with its own PREFECT_HOME."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "MATCHWIRE_"))}
    env |= {"PREFECT_HOME": str(home), "PYTHONUNBUFFERED": "1", "DO_NOT_TRACK": "1"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return env | extra


@dataclass
class TeamServer:
    url: str
    api: httpx.Client

    def runs(self, **flt: object) -> list[dict]:
        return self.api.post("/flow_runs/filter", json=flt).json()


@pytest.fixture(scope="module")
def team_server(tmp_path_factory: pytest.TempPathFactory):
    """`prefect server start` on a free port, as a team would run it (scheduler and UI on)."""
    base = tmp_path_factory.mktemp("team-prefect")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = _env(
        base / "home",
        PREFECT_SERVER_ANALYTICS_ENABLED="false",
        PREFECT_SERVER_DATABASE_CONNECTION_URL=f"sqlite+aiosqlite:///{base / 'prefect.db'}",
    )
    prefect = Path(sys.executable).parent / "prefect"
    with open(base / "server.log", "wb") as log:
        proc = subprocess.Popen(
            [prefect, "server", "start", "--host", "127.0.0.1", "--port", str(port), "--no-prompt"],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    url = f"http://127.0.0.1:{port}/api"
    api = httpx.Client(base_url=url, timeout=30)
    try:
        deadline = time.monotonic() + 120
        while True:
            assert proc.poll() is None, (base / "server.log").read_text()[-3000:]
            try:
                if api.get("/health").status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, "prefect server start did not answer within 120 s"
            time.sleep(0.5)
        yield TeamServer(url, api)
    finally:
        api.close()
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def _flow_runs_of(server: TeamServer, deployment_id: str | None = None) -> list[dict]:
    flt: dict = {"flows": {"name": {"any_": ["matchwire"]}}}
    if deployment_id:
        flt["deployments"] = {"id": {"any_": [deployment_id]}}
    return server.runs(**flt)


def test_run_registers_its_flow_run_with_the_users_server(team_server: TeamServer, tmp_path: Path) -> None:
    home = tmp_path / "home"
    before = {r["id"] for r in _flow_runs_of(team_server)}
    out = subprocess.run(
        [sys.executable, "-c", LAUNCH, "run", "--articles", str(ROOT / "seeds"), "--warehouse", str(tmp_path / "wh")],
        env=_env(home, PREFECT_API_URL=team_server.url),
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert out.returncode == 0, out.stderr
    new = [r for r in _flow_runs_of(team_server) if r["id"] not in before]
    assert len(new) == 1 and new[0]["state_type"] == "COMPLETED", new
    assert not (home / "api_url").exists()  # no server of matchwire's own was started
    # the only link printed is the user's server's UI page of this run, and it answers
    links = re.findall(r"View at (\S+)", out.stderr)
    assert links == [f"{team_server.url.removesuffix('/api')}/runs/flow-run/{new[0]['id']}"], out.stderr
    assert httpx.get(links[0], headers={"Accept": "text/html"}, timeout=30).status_code == 200  # the UI page


@dataclass
class Serving:
    proc: subprocess.Popen[bytes]
    base: Path

    def out(self, name: str) -> str:
        return (self.base / name).read_text(errors="replace")


def _serve(base: Path, server: TeamServer, *args: str) -> Serving:
    base.mkdir(parents=True)
    (base / "articles").mkdir()
    for f in (ROOT / "seeds").iterdir():
        (base / "articles" / f.name).write_bytes(f.read_bytes())
    env = _env(base / "home", PREFECT_API_URL=server.url, PREFECT_RUNNER_POLL_FREQUENCY="1")
    with open(base / "stdout", "wb") as out, open(base / "stderr", "wb") as err:
        proc = subprocess.Popen(
            [sys.executable, "-c", LAUNCH, "serve", "--articles", "articles", "--warehouse", "warehouse", *args],
            cwd=base,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=err,
            start_new_session=True,
        )
    return Serving(proc, base)


def _deployment(server: TeamServer, name: str, serving: Serving, limit: float = 90) -> dict:
    deadline = time.monotonic() + limit
    while (r := server.api.get(f"/deployments/name/matchwire/{name}")).status_code == 404:
        assert serving.proc.poll() is None, serving.out("stderr")[-3000:]
        assert time.monotonic() < deadline, f"no deployment {name!r}:\n{serving.out('stderr')[-3000:]}"
        time.sleep(0.5)
    r.raise_for_status()
    return r.json()


def _sigterm(serving: Serving) -> None:
    """SIGTERM, as a service manager stops it: exit 0, nothing about un-awaited coroutines, no traceback."""
    serving.proc.send_signal(signal.SIGTERM)
    try:
        serving.proc.wait(30)
    except subprocess.TimeoutExpired:
        os.killpg(serving.proc.pid, signal.SIGKILL)
        serving.proc.wait()
        pytest.fail("matchwire serve did not stop within 30 s of SIGTERM")
    stderr = serving.out("stderr")
    assert serving.proc.returncode == 0, stderr[-3000:]
    assert "never awaited" not in stderr and "Traceback" not in stderr, stderr[-3000:]


def test_two_serves_with_their_own_warehouses_keep_their_own_schedules(team_server: TeamServer, tmp_path: Path) -> None:
    first = _serve(tmp_path / "one", team_server, "--cron", "45 4 * * *")  # neither fires during the test
    second = _serve(tmp_path / "two", team_server, "--cron", "15 3 * * *", "--name", "nightly")
    try:
        names = {}
        for serving in (first, second):
            deadline = time.monotonic() + 90
            while not (m := re.search(r"deployment 'matchwire/([^']+)' is being served", serving.out("stdout"))):
                assert serving.proc.poll() is None, serving.out("stderr")[-3000:]
                assert time.monotonic() < deadline, serving.out("stdout")
                time.sleep(0.3)
            names[serving.base.name] = m.group(1)
        assert names["two"] == "nightly"
        assert names["one"].startswith("warehouse-") and names["one"] != names["two"]
        one, two = (_deployment(team_server, names[k], s) for k, s in (("one", first), ("two", second)))
        assert [s["schedule"]["cron"] for s in one["schedules"]] == ["45 4 * * *"]
        assert [s["schedule"]["cron"] for s in two["schedules"]] == ["15 3 * * *"]
        assert one["parameters"]["warehouse_dir"] == str((tmp_path / "one" / "warehouse").resolve())
        assert two["parameters"]["warehouse_dir"] == str((tmp_path / "two" / "warehouse").resolve())
        assert "trigger a run: prefect deployment run 'matchwire/nightly'" in second.out("stdout")

        run = team_server.api.post(f"/deployments/{two['id']}/create_flow_run", json={})
        run.raise_for_status()
        run_id = run.json()["id"]
        deadline = time.monotonic() + 150
        while (state := team_server.api.get(f"/flow_runs/{run_id}").json()["state"])["type"] not in FINAL:
            assert second.proc.poll() is None, second.out("stderr")[-3000:]
            assert time.monotonic() < deadline, f"the served run is still {state['type']}"
            time.sleep(0.5)
        assert state["type"] == "COMPLETED", state.get("message")
        with duckdb.connect(str(tmp_path / "two" / "warehouse" / "matchwire.duckdb"), read_only=True) as con:
            assert con.execute("select count(*) from fixtures").fetchone()[0] > 0
        assert not (tmp_path / "one" / "warehouse" / "matchwire.duckdb").exists()  # the other serve ran nothing
        assert [r["id"] for r in _flow_runs_of(team_server, one["id"]) if r["state_type"] != "SCHEDULED"] == []
    finally:
        for serving in (first, second):
            if serving.proc.poll() is None:
                _sigterm(serving)
