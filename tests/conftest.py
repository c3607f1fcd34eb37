"""Shared fixtures: a private Prefect home, the team book, and one real flow run over the seeds."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DEV_ARTICLES = SHARED / "corpus" / "dev" / "articles"


@pytest.fixture(scope="session", autouse=True)
def prefect_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Every test session gets its own PREFECT_HOME, telemetry off, and runs flows as `matchwire run` does
    (no heartbeats, which cost each flow run up to a second)."""
    home = tmp_path_factory.mktemp("prefect-home")
    os.environ["PREFECT_HOME"] = str(home)
    from flows.runtime import configure_prefect, without_heartbeats

    configure_prefect(home=home)
    with without_heartbeats():
        yield home


@pytest.fixture(scope="session")
def book():
    from warehouse.reference import team_book

    return team_book()


@pytest.fixture(scope="session")
def tagger():
    from warehouse.reference import spacy_tagger

    return spacy_tagger()


@pytest.fixture(scope="session")
def seeds_run(tmp_path_factory: pytest.TempPathFactory, prefect_home: Path):
    """The real flow over seeds/ plus two bad files, into a temporary warehouse."""
    from flows.pipeline import matchwire_flow

    articles = tmp_path_factory.mktemp("articles")
    for f in (ROOT / "seeds").iterdir():
        shutil.copy(f, articles / f.name)
    (articles / "empty.txt").write_bytes(b"")
    (articles / "binary.txt").write_bytes(bytes(range(256)) * 40)
    warehouse = tmp_path_factory.mktemp("warehouse")
    summary = matchwire_flow(articles, warehouse)
    return summary, warehouse
