"""Prefect flows, tasks and the CLI: wiring only.

Polars' allocator (jemalloc) keeps freed pages for ten seconds by default, so the scratch memory of
fusing an archive would still be resident while the warehouse is written. Returning it at once keeps
a large run's peak lower; set before Polars is first imported (a user's own setting wins).
"""

import os

os.environ.setdefault("_RJEM_MALLOC_CONF", "dirty_decay_ms:0,muzzy_decay_ms:0")
