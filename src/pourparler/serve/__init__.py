"""``pourparler serve``: the JSON API and the dashboard over an event store.

``create_app(db_path, options)`` builds the FastAPI application; :func:`run` serves it with
uvicorn, bound to loopback unless told otherwise, answering only to the names it is bound
to (DNS-rebinding protection) and refusing writes from other origins. Every dashboard asset
is in ``static/`` (plain HTML, JavaScript and CSS: no CDN, no build step, works offline).
"""

from __future__ import annotations

import logging
from pathlib import Path

from pourparler.serve._app import (
    MAX_BODY_BYTES,
    MAX_CODE_TEXT_CHARS,
    MAX_PAGE_SIZE,
    ServeOptions,
    create_app,
)

__all__ = [
    "DEFAULT_HOST",
    "DEFAULT_PORT",
    "MAX_BODY_BYTES",
    "MAX_CODE_TEXT_CHARS",
    "MAX_PAGE_SIZE",
    "ServeOptions",
    "create_app",
    "run",
]

log = logging.getLogger(__name__)

#: Loopback: the dashboard can store pasted articles, so it is not offered to the network
#: unless the user says so.
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def run(db_path: str | Path, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT,
        options: ServeOptions | None = None) -> None:
    """Serve the app until interrupted, answering to the loopback names, ``host`` itself
    (unless it is a wildcard address) and ``options.allow_hosts``."""
    import uvicorn

    from pourparler.serve._guard import serve_options_for

    opts = serve_options_for(host, options or ServeOptions())
    log.info("serving %s on http://%s:%d/", db_path, host, port)
    uvicorn.run(create_app(db_path, opts), host=host, port=port, log_level="info")
