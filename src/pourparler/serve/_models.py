"""What the API answers, declared: response models and the error statuses of each route.

The OpenAPI schema is built from these, so what ``/openapi.json`` promises is what the
routes return (checked by schemathesis in tests/test_api_schema.py). Event, article and span
records stay open objects here: their fields are the event record's (``Event.to_dict``,
described in the README and DESIGN.md), which grows with the coder.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

__all__ = ["ArticleView", "CodedView", "DyadSeries", "ErrorMessage", "EventDetail",
           "EventsPage", "Meta", "Problem", "WorldMap", "errors"]


class ErrorMessage(BaseModel):
    """Why a request was refused, in words."""

    detail: str


class Problem(BaseModel):
    """An invalid request: a sentence, or FastAPI's list of what failed validation."""

    detail: str | list[dict[str, Any]]


class Meta(BaseModel):
    plover: list[str]
    cameo_roots: dict[str, str]
    sort: list[str]
    counts: dict[str, int]
    max_page_size: int
    max_text_chars: int
    allow_store: bool


class EventsPage(BaseModel):
    total: int = Field(description="Events matching the filters.")
    more: bool = Field(description="Whether a next page exists.")
    offset: int
    limit: int
    events: list[dict[str, Any]]


class EventDetail(BaseModel):
    event: dict[str, Any]
    mentions: list[dict[str, Any]]


class DyadSeries(BaseModel):
    by: str
    rows: list[dict[str, Any]]


class WorldMap(BaseModel):
    places: list[dict[str, Any]]
    actors: list[dict[str, Any]]


class ArticleView(BaseModel):
    article: dict[str, Any]
    events: list[dict[str, Any]]
    spans: list[dict[str, Any]]


class CodedView(ArticleView):
    lang: str | None
    stored: bool


_MEANING: dict[int, str] = {
    400: "The Host header is not a name this server answers to.",
    403: "Refused: a cross-origin write, or storing is off on this server.",
    404: "Not found.",
    411: "A request body without a Content-Length.",
    413: "The request body is too large.",
    422: "Invalid parameters or body, or an article that cannot be coded.",
    503: "The store cannot be read or written.",
}


def errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The ``responses`` of a route: 400, 422 and 503 always, and ``statuses``."""
    wanted = sorted({400, 422, 503, *statuses})
    return {code: {"model": Problem if code == 422 else ErrorMessage,
                   "description": _MEANING[code]} for code in wanted}
