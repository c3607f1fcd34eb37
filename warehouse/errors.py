"""Errors the user can cause or fix: the run stops with one line and exit status 2, nothing replaced."""

from __future__ import annotations


class WarehouseError(RuntimeError):
    """The warehouse cannot be read or written: the run stops with this message."""


class WarehouseBusy(WarehouseError):
    """Another run holds the warehouse (or another program holds its DuckDB file) past the wait allowed."""
