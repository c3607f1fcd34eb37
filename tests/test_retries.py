"""Tasks that touch the file system retry: a passing fault (a network share that hiccups, a full disk
freed a moment later) costs a second try, not the run."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

import flows.pipeline as pipeline
from flows.pipeline import matchwire_flow

ROOT = Path(__file__).resolve().parent.parent


class FailsOnce:
    """Wraps a function: the first call raises OSError, later calls go through."""

    def __init__(self, fn):
        self.fn = fn
        self.calls = 0

    def __call__(self, *args, **kwargs):
        self.calls += 1
        if self.calls == 1:
            raise OSError(5, "Input/output error (injected)")
        return self.fn(*args, **kwargs)


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    shutil.copytree(ROOT / "seeds", folder)
    return folder


@pytest.mark.parametrize("step", ["read_files", "stage_tables", "load_staged"])
def test_a_passing_file_system_fault_is_retried(
    step: str, articles: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    flaky = FailsOnce(getattr(pipeline, step))
    monkeypatch.setattr(pipeline, step, flaky)
    summary = matchwire_flow(articles, tmp_path / "wh")
    assert flaky.calls == 2  # failed once, retried once
    assert summary.tables["sources"] == len(list(articles.iterdir()))
    with duckdb.connect(str(tmp_path / "wh" / "matchwire.duckdb"), read_only=True) as con:
        assert con.execute("select count(*) from fixtures").fetchone()[0] == summary.tables["fixtures"] > 0


def test_a_fault_once_the_generation_is_moved_in_is_retried_to_the_end(
    articles: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The try that failed had moved its generation under generations/: the next try switches to it."""
    import warehouse.store as store

    flaky = FailsOnce(store.point_at)
    monkeypatch.setattr(store, "point_at", flaky)
    summary = matchwire_flow(articles, tmp_path / "wh")
    assert flaky.calls == 2
    (gen,) = (tmp_path / "wh" / "generations").iterdir()
    assert (tmp_path / "wh" / "current").resolve() == gen
    with duckdb.connect(str(tmp_path / "wh" / "matchwire.duckdb"), read_only=True) as con:
        assert con.execute("select count(*) from sources").fetchone()[0] == summary.tables["sources"] == 5
