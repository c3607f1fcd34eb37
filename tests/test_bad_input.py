"""Bad input never crashes a run and never vanishes: each case is on record with a clear reason."""

from pathlib import Path

import duckdb
import pytest

from flows.pipeline import matchwire_flow

MATCH = "Fulham 2-1 Everton\n\nTomas Varga opened the scoring in the 15th minute for Fulham.\n"
TRANSFER = (
    "Northgate United have signed striker Pieter Olsen from a Dutch club on a four-year contract, "
    "the club said on Tuesday. The fee was not disclosed.\n"
)
RECIPE = "Whisk two eggs with sugar, fold in flour and bake for twenty minutes at a moderate heat.\n"


@pytest.fixture(scope="module")
def bad_run(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("bad")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.bin").write_bytes(bytes(range(256)) * 64)
    (folder / "latin1.txt").write_bytes("Fulham 1-0 Everton\n\nJosé Müller scored for Fulham.\n".encode("cp1252"))
    (folder / "huge.txt").write_bytes(b"goal " * (21 * 1024 * 1024 // 5))
    (folder / "recipe.txt").write_text(RECIPE)
    (folder / "transfer.txt").write_text(TRANSFER)
    (folder / "match.txt").write_text(MATCH)
    (folder / "match_copy.txt").write_text(MATCH)
    (folder / "baddate.txt").write_text(" date 2026-02-31 " + MATCH.replace("2-1", "3-1"))
    warehouse = tmp_path_factory.mktemp("wh")
    summary = matchwire_flow(folder, warehouse)
    con = duckdb.connect(str(warehouse / "matchwire.duckdb"), read_only=True)
    return summary, con


def reasons(con, stage: str) -> dict[str, str]:
    return dict(con.execute("select file_name, reason from quarantine where stage = ?", [stage]).fetchall())


def test_each_bad_file_has_its_reason(bad_run) -> None:
    _, con = bad_run
    read = reasons(con, "read")
    assert read["empty.txt"] == "empty file"
    assert read["binary.bin"].startswith("binary file")
    assert read["huge.txt"] == "file too large (21.0 MiB > 5 MiB)"
    assert read["latin1.txt"].startswith("not UTF-8")
    assert read["match_copy.txt"] == "duplicate of match.txt"
    assert "impossible header date 2026-02-31" in read["baddate.txt"]
    assert reasons(con, "parse")["recipe.txt"].startswith("not about football")


def test_refused_files_keep_their_bytes(bad_run) -> None:
    _, con = bad_run
    rows = {
        r[0]: r[1:] for r in con.execute("select file_name, raw, path, size_bytes from rejected_sources").fetchall()
    }
    assert rows["empty.txt"][0] == b""
    assert rows["binary.bin"][0] == bytes(range(256)) * 64
    assert rows["huge.txt"][0] is None and Path(rows["huge.txt"][1]).name == "huge.txt"
    assert rows["match_copy.txt"][0] == MATCH.encode()


def test_good_articles_load_and_nothing_is_invented(bad_run) -> None:
    summary, con = bad_run
    files = {r[0] for r in con.execute("select file_name from sources").fetchall()}
    assert files == {"latin1.txt", "transfer.txt", "match.txt", "baddate.txt"}
    text = con.execute("select text from sources where file_name = 'latin1.txt'").fetchone()[0]
    assert "José Müller" in text
    dates = con.execute("select published_date from sources where file_name = 'baddate.txt'").fetchone()
    assert dates == (None,)
    transfer_id = con.execute("select source_id from sources where file_name = 'transfer.txt'").fetchone()[0]
    assert con.execute("select count(*) from fixture_mentions where source_id = ?", [transfer_id]).fetchone()[0] == 0
    assert summary.articles == 9
