"""The command line: a quick look at the warehouse, and clear failures with non-zero exits."""

from pathlib import Path

from typer.testing import CliRunner

from flows.cli import app

runner = CliRunner()


def test_tables_and_query(seeds_run) -> None:
    _, warehouse = seeds_run
    out = runner.invoke(app, ["tables", "--warehouse", str(warehouse)])
    assert out.exit_code == 0 and "fixtures" in out.stdout and "fixture_summary" in out.stdout
    out = runner.invoke(app, ["query", "select count(*) as n from sources", "--warehouse", str(warehouse)])
    assert out.exit_code == 0 and "5" in out.stdout
    out = runner.invoke(app, ["query", "select * from no_such_table", "--warehouse", str(warehouse)])
    assert out.exit_code == 2


def test_query_reaches_nothing_outside_the_warehouse(seeds_run, tmp_path: Path) -> None:
    """No file written (COPY ... TO), none read (read_text, read_csv), no extension installed or loaded, and the
    settings cannot be unlocked; the result still goes to a file with --output (written by matchwire)."""
    _, warehouse = seeds_run
    secret = tmp_path / "secret.txt"
    secret.write_text("the password")
    for sql in (
        f"copy fixtures to '{tmp_path / 'out.csv'}'",
        f"select * from read_text('{secret}')",
        f"select * from read_csv('{secret}')",
        f"attach '{tmp_path / 'other.duckdb'}'",
        "install httpfs",
        "load httpfs",
        "set enable_external_access = true",
    ):
        out = runner.invoke(app, ["query", sql, "--warehouse", str(warehouse)])
        assert out.exit_code == 2, (sql, out.output)
        assert "the password" not in out.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["secret.txt"]
    out = runner.invoke(
        app, ["query", "select * from fixtures", "--warehouse", str(warehouse), "-o", str(tmp_path / "f.csv")]
    )
    assert out.exit_code == 0 and (tmp_path / "f.csv").read_text().startswith("fixture_id,")


def test_run_stops_with_a_clear_message_when_it_cannot_run(tmp_path: Path) -> None:
    out = runner.invoke(app, ["run", "--articles", str(tmp_path / "missing"), "--warehouse", str(tmp_path / "wh")])
    assert out.exit_code == 2 and "does not exist" in out.output
    blocker = tmp_path / "file"
    blocker.write_text("x")
    (tmp_path / "a").mkdir()
    out = runner.invoke(app, ["run", "--articles", str(tmp_path / "a"), "--warehouse", str(blocker / "wh")])
    assert out.exit_code == 2 and "cannot be written" in out.output


def test_version_help_and_flags() -> None:
    from importlib.metadata import version

    for flag in ("--version", "-V"):
        out = runner.invoke(app, [flag])
        assert out.exit_code == 0 and out.stdout.strip() == f"matchwire {version('matchwire')}"
    out = runner.invoke(app, ["run", "-h"])
    assert out.exit_code == 0 and "--quiet" in out.stdout and "<bool>" not in out.stdout
    assert "  --full  " in out.stdout or "--full " in out.stdout  # a flag, not an option taking a value
    out = runner.invoke(app, ["query", "-h"])
    assert "--warehouse" in out.stdout and "one SQL statement" in out.stdout and "csv" in out.stdout


def test_errors_are_one_line_and_exit_2(tmp_path: Path) -> None:
    """As a user meets them, in a fresh process: one line on stderr, no traceback, exit status 2."""
    from tests.helpers import matchwire

    for args in (
        ["run", "--articles", str(tmp_path / "missing"), "--warehouse", str(tmp_path / "wh")],
        ["query", "select 1", "--warehouse", str(tmp_path / "nowhere")],
        ["tables", "--warehouse", str(tmp_path / "nowhere")],
        ["quarantine", "--warehouse", str(tmp_path / "nowhere")],
    ):
        out = matchwire(*args)
        assert out.returncode == 2, (args, out.stderr)
        assert len(out.stderr.strip().splitlines()) == 1 and out.stderr.startswith("matchwire: "), (args, out.stderr)
        assert out.stdout == ""


def test_query_formats_and_files(seeds_run, tmp_path: Path) -> None:
    import json

    import polars as pl

    _, warehouse = seeds_run
    sql = "select fixture_id, match_date, home_team, home_score from fixtures order by fixture_id"
    with __import__("duckdb").connect(str(warehouse / "matchwire.duckdb"), read_only=True) as con:
        expected = pl.from_arrow(con.sql(sql).to_arrow_table())
    out = runner.invoke(app, ["query", sql, "--warehouse", str(warehouse), "--format", "csv"])
    assert out.exit_code == 0 and out.stdout == expected.write_csv()  # whole values, every row, on stdout
    out = runner.invoke(app, ["query", sql, "--warehouse", str(warehouse), "-f", "json"])
    assert out.exit_code == 0 and len(json.loads(out.stdout)) == expected.height
    for kind in ("csv", "json", "parquet"):
        path = tmp_path / f"result.{kind}"
        out = runner.invoke(app, ["query", sql, "--warehouse", str(warehouse), "--format", kind, "--output", str(path)])
        assert out.exit_code == 0, out.output
        got = {"csv": pl.read_csv, "json": pl.read_json, "parquet": pl.read_parquet}[kind](path)
        assert got.height == expected.height and got.columns == expected.columns
        if kind == "parquet":
            assert got.equals(expected)  # types too
    out = runner.invoke(app, ["query", sql, "--warehouse", str(warehouse), "--format", "parquet"])
    assert out.exit_code == 2 and "--output" in out.output
    out = runner.invoke(app, ["query", "select 1; select 2", "--warehouse", str(warehouse)])
    assert out.exit_code == 2 and "one SQL statement, not 2" in out.output


def test_quarantine_lists_file_stage_and_reason(seeds_run) -> None:
    _, warehouse = seeds_run
    out = runner.invoke(app, ["quarantine", "--warehouse", str(warehouse)])
    assert out.exit_code == 0
    lines = [line for line in out.stdout.splitlines() if line.strip()]
    assert any(line.startswith("read") and "binary.txt" in line for line in lines), out.stdout
    assert any(line.startswith("read") and "empty.txt" in line for line in lines), out.stdout
    out = runner.invoke(app, ["quarantine", "--warehouse", str(warehouse), "--stage", "read", "--format", "csv"])
    assert out.exit_code == 0 and out.stdout.startswith("stage,file_name,reason\n")
    assert {row.split(",")[0] for row in out.stdout.splitlines()[1:]} == {"read"}


def _on_a_terminal(args: list[str]) -> tuple[int, str]:
    """`matchwire ARGS` with its stdout and stderr on a pseudo-terminal, as a person runs it."""
    import os
    import pty
    import select
    import subprocess

    from tests.helpers import _command

    master, slave = pty.openpty()
    proc = subprocess.Popen(_command(tuple(args), ""), stdin=slave, stdout=slave, stderr=slave, close_fds=True)
    os.close(slave)
    seen = b""
    while True:
        ready, _, _ = select.select([master], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            seen += chunk
        elif proc.poll() is not None:
            break
    os.close(master)
    return proc.wait(), seen.decode(errors="replace")


def test_progress_is_a_bar_on_a_terminal_and_nothing_when_quiet(tmp_path: Path) -> None:
    import re

    from tests.helpers import SEEDS, matchwire, write_folder

    articles = write_folder(tmp_path / "articles", {p.name: p.read_bytes() for p in SEEDS})
    code, screen = _on_a_terminal(["run", "--articles", str(articles), "--warehouse", str(tmp_path / "a")])
    assert code == 0, screen
    plain = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", screen)
    assert re.search(r"articles .*5/5 .*100% .*\d+/s elapsed \d:\d\d:\d\d eta \d:\d\d:\d\d", plain), plain
    assert "batch 1/1" not in plain  # the bar replaces the batch lines

    # plain lines when not a terminal: tests/test_readers.py::test_a_run_never_imports_pandas

    out = matchwire("run", "--quiet", "--articles", str(articles), "--warehouse", str(tmp_path / "c"))
    assert out.returncode == 0, out.stderr
    assert out.stdout == "" and out.stderr == ""
    assert (tmp_path / "c" / "matchwire.duckdb").exists()
