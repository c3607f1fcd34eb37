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
