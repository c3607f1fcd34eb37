"""Pandera models and the validation that splits frames into passing rows and failures."""

from __future__ import annotations

import importlib.abc
import sys


class _PandasAbsent(importlib.abc.MetaPathFinder):
    """Makes `import pandas` fail as if pandas were not installed, for as long as it sits on sys.meta_path."""

    def find_spec(self, name, path=None, target=None):
        if name == "pandas" or name.startswith("pandas."):
            raise ModuleNotFoundError("No module named 'pandas'", name="pandas")
        return None


def _import_pandera_without_pandas() -> None:
    """`import pandera` imports pandas when it is installed (0.3 s, then ~0.9 s more per 1,000 articles at the
    first checks); the polars models never need it. With pandas installed (a dev dependency, an analyst's
    environment), pandera is imported, and its check dispatch settled, as they are without it: pandas is
    importable again straight after. A process that imported pandas already gets pandera as usual."""
    if "pandera" in sys.modules or "pandas" in sys.modules:
        return
    guard = _PandasAbsent()
    sys.meta_path.insert(0, guard)
    try:
        import pandera.polars  # noqa: F401
        from pandera.backends import register_checks

        # checks look for pandas' backend types once, at the first validation, and keep the answer: ask now
        find_pandas_types = getattr(register_checks, "_load_get_backend_types_from_mro", None)
        if find_pandas_types is not None:
            find_pandas_types()
    finally:
        sys.meta_path.remove(guard)


_import_pandera_without_pandas()
