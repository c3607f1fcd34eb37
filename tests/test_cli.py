"""The command line: a quick look at the warehouse, and clear failures with non-zero exits."""

from pathlib import Path

from typer.testing import CliRunner

from flows.cli import app

runner = CliRunner()


def test_tables_and_query(seeds_run) -> None:
    _, warehouse = seeds_run
    out = runner.invoke(app, ["tables", "--warehouse", str(warehouse)])
    assert out.exit_code == 0 and "fixtures" in out.stdout and "match_summary" in out.stdout
    out = runner.invoke(app, ["query", "select count(*) as n from sources", "--warehouse", str(warehouse)])
    assert out.exit_code == 0 and "5" in out.stdout
    out = runner.invoke(app, ["query", "select * from no_such_table", "--warehouse", str(warehouse)])
    assert out.exit_code == 2


def test_run_stops_with_a_clear_message_when_it_cannot_run(tmp_path: Path) -> None:
    out = runner.invoke(app, ["run", "--articles", str(tmp_path / "missing"), "--warehouse", str(tmp_path / "wh")])
    assert out.exit_code == 2 and "does not exist" in out.output
    blocker = tmp_path / "file"
    blocker.write_text("x")
    (tmp_path / "a").mkdir()
    out = runner.invoke(app, ["run", "--articles", str(tmp_path / "a"), "--warehouse", str(blocker / "wh")])
    assert out.exit_code == 2 and "cannot be written" in out.output
