"""The dashboard in a real browser: Debian's chromium, headless, driven by Playwright.

The app runs under uvicorn in a thread on a free loopback port, over a store built in a tmp
dir from the bundled example articles, articles of our own writing (one carries a <script>)
and synthetic USA–RUS records. Screenshots of each page go to test-artifacts/ (or
$POURPARLER_SCREENS).
Skipped only when chromium is missing and POURPARLER_REQUIRE_BROWSER is unset (CI sets it).
"""

from __future__ import annotations

import os
import re
import socket
import threading
import time
from collections.abc import Iterator
from datetime import date, timedelta
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from pourparler.events.ontology import cameo_code, plover_for
from pourparler.ingest import read_path
from pourparler.model import Actor, Article, Event, Evidence, Location
from pourparler.pipeline import Coder
from pourparler.serve import create_app
from pourparler.store import CodedArticle, Store, ingest

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists() and not os.environ.get("POURPARLER_REQUIRE_BROWSER"):
    pytest.skip("no /usr/bin/chromium (set POURPARLER_REQUIRE_BROWSER to make this an error)",
                allow_module_level=True)

from playwright.sync_api import Browser, Page, expect, sync_playwright  # noqa: E402

#: Where screenshots go: test-artifacts/ in the checkout, or POURPARLER_SCREENS.
ARTIFACTS = Path(os.environ.get("POURPARLER_SCREENS") or
                 Path(__file__).resolve().parents[1] / "test-artifacts")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
#: Generous: the first paste loads the spaCy models in the server.
WAIT_MS = 60_000
expect.set_options(timeout=WAIT_MS)
SCRIPT_STORY = (
    "PARIS, 4 mars (Dépêche) - La France a condamné la Russie mardi pour ses frappes. "
    "<script>window.__pwned = 1</script> Le président Emmanuel Macron a rencontré le "
    "président ukrainien Volodymyr Zelensky à Paris. <img src=x onerror=\"window.__pwned = 2\">"
)
OWN = [
    Article("own-usa-rus", "WASHINGTON, March 3 (Wire) - The United States imposed new "
            "sanctions on Russia on Thursday, the Treasury said.", title="Sanctions",
            published=date(2022, 3, 3), lang="en", outlet="Wire"),
    Article("own-script", SCRIPT_STORY, title="<script>window.__pwned = 3</script>Frappes",
            published=date(2022, 3, 4), lang="fr", outlet="Dépêche"),
]


def _synthetic(n: int) -> list[CodedArticle]:
    out = []
    for i in range(n):
        code = ("042", "130", "190", "057")[i % 4]
        info = cameo_code(code)
        plover, mode = plover_for(code)
        text = f"The United States and Russia met in round {i}."
        day = date(2022, 1, 3) + timedelta(days=5 * i)
        ev = Event(article_id=f"syn-{i}", sentence=0,
                   source=Actor("United States", "United States", country="USA", cameo="USA"),
                   target=Actor("Russia", "Russia", country="RUS", cameo="RUS"), cameo=code,
                   root=code[:2], quad_class=info.quad_class, goldstein=info.goldstein,
                   plover=plover, plover_mode=mode, status="asserted", date=day.isoformat(),
                   date_precision="day", evidence=Evidence(text, 0, len(text)), lang="en",
                   rule="test/synthetic", confidence=0.7)
        out.append(CodedArticle(Article(f"syn-{i}", text, published=day, lang="en"), [ev]))
    return out


def _years_apart() -> list[CodedArticle]:
    """USA-RUS events in 2015, placed in Geneva and Moscow: with the 2022 rounds, a store whose
    days span seven years."""
    out = []
    for i, (code, day, place) in enumerate([("040", date(2015, 2, 12), GENEVA),
                                            ("112", date(2015, 3, 2), MOSCOW)]):
        info = cameo_code(code)
        plover, mode = plover_for(code)
        text = f"The United States and Russia, round {i} of 2015."
        ev = Event(article_id=f"old-{i}", sentence=0,
                   source=Actor("United States", "United States", country="USA", sector="GOV",
                                cameo="USAGOV"),
                   target=Actor("Russia", "Russia", country="RUS", cameo="RUS"), cameo=code,
                   root=code[:2], quad_class=info.quad_class, goldstein=info.goldstein,
                   plover=plover, plover_mode=mode, status="asserted", date=day.isoformat(),
                   date_precision="day", evidence=Evidence(text, 0, len(text)), lang="en",
                   rule="test/synthetic", confidence=0.7, location=place)
        out.append(CodedArticle(Article(f"old-{i}", text, published=day, lang="en"), [ev]))
    return out


GENEVA = Location("Genève", "CHE", None, 46.20222, 6.14569, "city", 2660646)
MOSCOW = Location("Moscou", "RUS", None, 55.75222, 37.61556, "city", 524901)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    import uvicorn

    db = tmp_path_factory.mktemp("dashboard") / "events.duckdb"
    examples = Path(str(resources.files("pourparler") / "examples" / "articles.jsonl"))
    store = Store(db)
    report = ingest(store, [*read_path(examples), *OWN], Coder())
    assert report.failed == 0
    store.write(_synthetic(24))
    store.write(_years_apart())
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture()
def page(browser: Browser) -> Iterator[Page]:
    ARTIFACTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = context.new_page()
    pg.set_default_timeout(WAIT_MS)
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    yield pg
    context.close()
    assert not errors, errors  # no script errors, no blocked resources


def _shot(page: Page, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def _pwned(page: Page) -> Any:
    return page.evaluate("typeof window.__pwned")


def test_filter_open_event_and_read_its_evidence(page: Page, base_url: str) -> None:
    page.goto(base_url + "/")
    expect(page.locator("#events-table tbody tr").first).to_be_visible()
    _shot(page, "events")

    page.fill("input[name=dyad]", "USA-RUS")
    page.click("#apply")
    # 24 synthetic rounds, our sanctions story, and what the examples say of the pair
    total = page.request.get(base_url + "/api/events?dyad=USA-RUS").json()["total"]
    everything = page.request.get(base_url + "/api/events").json()["total"]
    assert 25 <= total < everything
    expect(page.locator("#summary")).to_contain_text(f"{total} events")
    rows = page.locator("#events-table tbody tr")
    for i in range(rows.count()):
        cells = rows.nth(i).locator("td")
        expect(cells.nth(1)).to_contain_text("USA")
        expect(cells.nth(2)).to_contain_text("RUS")
    _shot(page, "events-usa-rus")

    page.locator("#events-table tbody tr", has_text="163").first.click()
    evidence = page.locator("#mentions mark.evidence")
    expect(evidence.first).to_contain_text("imposed new sanctions on Russia")
    _shot(page, "event-detail")

    page.locator("#mentions a.article-link").first.click()
    page.wait_for_url("**/articles/own-usa-rus?event=*")
    selected = page.locator("#text mark.evidence.selected")
    expect(selected).to_have_count(1)
    expect(selected).to_contain_text("imposed new sanctions on Russia")
    expect(page.locator("#text span.actor").first).to_be_visible()
    expect(page.locator("#events li.selected")).to_contain_text("sanctions")
    _shot(page, "article")


def test_paging_and_sorting(page: Page, base_url: str) -> None:
    page.goto(base_url + "/?dyad=USA-RUS&limit=25")
    # over 25 events: the first page may not know yet how many
    expect(page.locator("#page-info")).to_have_text(re.compile(r"page 1 of (2|many)"))
    first = page.locator("#events-table tbody tr").first.inner_text()
    page.click("#next")
    expect(page.locator("#page-info")).to_have_text("page 2 of 2")
    expect(page.locator("#next")).to_be_disabled()
    assert page.locator("#events-table tbody tr").first.inner_text() != first
    page.click("th[data-sort=goldstein]")  # ascending, back to page 1
    expect(page.locator("#page-info")).to_have_text("page 1 of 2")  # sorting counts all
    expect(page.locator("#events-table tbody tr").first.locator("td").nth(7)).to_have_text("-10")


def test_a_script_in_a_story_never_runs(page: Page, base_url: str) -> None:
    page.goto(base_url + "/articles/own-script")
    text = page.locator("#text")
    expect(text).to_contain_text("<script>window.__pwned = 1</script>")
    expect(page.locator("#title")).to_have_text("<script>window.__pwned = 3</script>Frappes")
    expect(page.locator("#text mark.evidence").first).to_be_visible()
    assert page.locator("#text script, #text img, #title script").count() == 0
    assert _pwned(page) == "undefined"
    _shot(page, "article-script")

    expect(text).to_contain_text('<img src=x onerror="window.__pwned = 2">')

    page.goto(base_url + "/?text=pwned")  # the event whose evidence carries the <script>
    row = page.locator("#events-table tbody tr").first
    expect(row).to_contain_text("<script>window.__pwned = 1</script>")
    row.click()
    expect(page.locator("#mentions mark.evidence").first).to_contain_text(
        "<script>window.__pwned = 1</script>")
    assert _pwned(page) == "undefined"


def test_paste_an_article_and_see_its_events(page: Page, base_url: str) -> None:
    page.goto(base_url + "/paste")
    page.fill("#paste-text", "MOSCOW, May 2 (Wire) - Russia threatened Ukraine with new "
              "strikes on Monday. <script>window.__pwned = 4</script>")
    page.fill("#paste-date", "2024-05-02")
    page.click("#code-button")
    events = page.locator("#events li")
    expect(events.first).to_contain_text("Russia")
    expect(page.locator("#status")).to_contain_text("not stored")
    expect(page.locator("#text")).to_contain_text("<script>window.__pwned = 4</script>")
    events.first.click()
    expect(page.locator("#text mark.evidence.selected")).to_contain_text("threatened Ukraine")
    assert _pwned(page) == "undefined"
    _shot(page, "paste")


def test_timeline_map_and_docs_draw(page: Page, base_url: str) -> None:
    page.goto(base_url + "/timeline")
    expect(page.locator("#status")).to_contain_text("counted events")
    drawn = page.evaluate("""() => { const c = document.getElementById('chart');
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i]) n++; return n; }""")
    assert drawn > 1000
    _shot(page, "timeline")
    box = page.locator("#chart").bounding_box()
    assert box is not None
    page.goto(base_url + "/docs")
    expect(page.locator("#endpoints")).to_contain_text("/api/events")
    _shot(page, "docs")


def _coloured_columns(page: Page) -> list[int]:
    """The x of every canvas column holding a bar's colour (the quad-class colours)."""
    xs: list[int] = page.evaluate("""() => {
        const c = document.getElementById('chart'), ctx = c.getContext('2d');
        const d = ctx.getImageData(0, 0, c.width, c.height).data, out = [];
        for (let x = 0; x < c.width; x++) {
          for (let y = 20; y < c.height - 46; y++) {
            const i = (y * c.width + x) * 4;
            // the quad colours are blue-ish or orange/red, never grey
            const hi = Math.max(d[i], d[i + 1], d[i + 2]);
            const lo = Math.min(d[i], d[i + 1], d[i + 2]);
            if (d[i + 3] && hi - lo > 60) { out.push(x); break; }
          }
        }
        return out; }""")
    return xs


def test_timeline_is_a_true_time_scale_with_brushing(page: Page, base_url: str) -> None:
    page.goto(base_url + "/timeline")
    page.select_option("select[name=by]", "day")
    page.click("form#filters button[type=submit]")
    expect(page.locator("#chart")).to_have_attribute("data-from", "2015-02-12")
    xs = _coloured_columns(page)
    width = page.evaluate("document.getElementById('chart').width")
    plot = width - 100  # the margins
    # 2015 at the left edge, 2021-2022 at the right, and nothing for the years between
    assert min(xs) < 50 + 0.02 * plot and max(xs) > 50 + 0.9 * plot
    assert not [x for x in xs if 50 + 0.1 * plot < x < 50 + 0.8 * plot]
    _shot(page, "timeline-daily-multiyear")
    box = page.locator("#chart").bounding_box()
    assert box is not None
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * 0.88, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.97, y, steps=5)
    page.mouse.up()
    expect(page.locator("#range-table tbody tr").first).to_be_visible()
    start = page.locator("#chart").get_attribute("data-from") or ""
    end = page.locator("#chart").get_attribute("data-to") or ""
    assert "2021-06-01" < start < end
    for cell in page.locator("#range-table tbody tr td:first-child").all_inner_texts():
        assert start <= cell <= end
    _shot(page, "timeline-brushed")
    page.dblclick("#chart")
    expect(page.locator("#chart")).to_have_attribute("data-from", "2015-02-12")


def test_map_of_event_places_over_country_shapes(page: Page, base_url: str) -> None:
    page.goto(base_url + "/map")
    expect(page.locator("#map-count")).to_contain_text("places")
    assert page.locator("#map svg path").count() > 150  # the shipped country shapes
    expect(page.locator(".pp-place, .marker-cluster").first).to_be_visible()
    expect(page.locator("#legend")).to_contain_text("Mean Goldstein")
    _shot(page, "map")
    zoom = int(page.locator("#map").get_attribute("data-zoom") or "0")
    page.click(".leaflet-control-zoom-in")
    expect(page.locator("#map")).to_have_attribute("data-zoom", str(zoom + 1))
    assert page.locator(".pp-actor").count() == 0
    page.locator(".leaflet-control-layers label", has_text="Actor countries").click()
    expect(page.locator("path.pp-actor").first).to_be_attached()
    assert page.locator("path.pp-actor").count() >= 2
    _shot(page, "map-actors")


def test_places_filters_errors_and_export_in_the_events_page(page: Page,
                                                             base_url: str) -> None:
    in_swiss = page.request.get(base_url + "/api/events?country=CHE").json()["total"]
    assert in_swiss >= 1
    page.goto(base_url + "/?country=CHE")
    expect(page.locator("#summary")).to_contain_text(f"{in_swiss} events")
    expect(page.locator("#events-table td.place").first).to_contain_text("Genève, CHE")
    page.locator("#events-table tbody tr").first.click()
    expect(page.locator("#detail-place")).to_contain_text("Genève, CHE (46.20222, 6.14569)")
    gov = page.request.get(base_url + "/api/events?sector=GOV&dyad=USA-RUS").json()["total"]
    assert gov >= 2  # the two of 2015 at least; the 2022 rounds have no sector
    page.goto(base_url + "/?sector=GOV&dyad=USA-RUS")
    expect(page.locator("#summary")).to_contain_text(f"{gov} events")
    for fmt in ("csv", "parquet", "gdelt", "gdelt-mentions", "plover", "polecat"):
        page.select_option("#export-format", fmt)
        href = page.locator("#export-link").get_attribute("href") or ""
        assert "sector=GOV" in href and f"format={fmt}" in href
        got = page.request.get(base_url + href)
        assert got.status == 200 and got.body(), fmt
    lines = page.request.get(base_url + href).text().splitlines()
    assert lines[0].startswith("Event ID\tEvent Date") and len(lines) == gov + 1
    page.fill("input[name=since]", "2022-03-01")
    page.fill("input[name=until]", "2022-01-01")
    page.click("#apply")
    expect(page.locator("#filter-error")).to_contain_text("after")
    page.fill("input[name=until]", "")
    page.fill("input[name=country]", "U1")
    page.click("#apply")
    expect(page.locator("#filter-error")).to_contain_text("ISO3")
    _shot(page, "events-filter-error")


def test_usable_at_800_pixels(browser: Browser, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 800, "height": 900})
    pg = context.new_page()
    try:
        for path, ready in (("/", "#events-table tbody tr"), ("/timeline", "#status p"),
                            ("/map", "#map-count"), ("/articles/own-usa-rus", "#events li")):
            pg.goto(base_url + path)
            expect(pg.locator(ready).first).to_be_visible()
            overflow = pg.evaluate("document.documentElement.scrollWidth")
            assert overflow <= 800, (path, overflow)
            _shot(pg, "w800" + (path.replace("/", "-") if path != "/" else "-events"))
        expect(pg.locator("#events li .place").first).to_be_visible()
    finally:
        context.close()
