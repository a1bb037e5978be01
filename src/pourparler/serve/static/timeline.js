// Dyad timeline on a true time scale: a bar per period, as wide as the period, at its place
// in time (empty periods are empty space), stacked by quad class, and the mean Goldstein
// score on its own axis. Dragging across the chart zooms to that span and lists its events;
// a double-click zooms back out.
"use strict";
(() => {
  const { el, getJSON, showError, actorLabel, quadBadge, QUAD, QUAD_COLOURS } = PP;
  const form = document.getElementById("filters");
  const canvas = document.getElementById("chart");
  const status = document.getElementById("status");
  const M = { left: 50, right: 50, top: 20, bottom: 46 };
  const DAY = 86400000;
  let series = [], by = "week", full = null, view = null, drag = null;

  document.getElementById("legend").replaceChildren(...[1, 2, 3, 4].map((q) => {
    const i = el("i"); i.style.background = QUAD_COLOURS[q];
    return el("span", {}, i, QUAD[q]);
  }), (() => { const i = el("i"); i.style.background = "#222"; i.style.height = "2px";
               return el("span", {}, i, "mean Goldstein"); })());

  const ms = (iso) => Date.parse(iso + "T00:00:00Z");
  const iso = (t) => new Date(t).toISOString().slice(0, 10);
  function nextPeriod(t, unit) {
    const d = new Date(t);
    if (unit === "day") return t + DAY;
    if (unit === "week") return t + 7 * DAY;
    if (unit === "month") return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
    return Date.UTC(d.getUTCFullYear() + 1, 0, 1);
  }
  const width = () => canvas.width - M.left - M.right;
  const xOf = (t) => M.left + ((t - view[0]) / (view[1] - view[0])) * width();
  const tOf = (x) => view[0] + ((x - M.left) / width()) * (view[1] - view[0]);

  function ticks(t0, t1) {
    // calendar ticks: years, months or days, about one per 90 pixels
    const span = t1 - t0, room = Math.max(2, Math.floor(width() / 90)), out = [];
    const start = new Date(t0);
    if (span / (365 * DAY) > room / 2) {
      const step = Math.max(1, Math.ceil(span / (365 * DAY) / room));
      for (let y = start.getUTCFullYear(); Date.UTC(y, 0, 1) <= t1; y += step) {
        const t = Date.UTC(y, 0, 1); if (t >= t0) out.push([t, String(y)]);
      }
    } else if (span / (30 * DAY) > room / 3) {
      const step = Math.max(1, Math.ceil(span / (30 * DAY) / room));
      for (let m = 0; ; m += step) {
        const t = Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + m, 1);
        if (t > t1) break; if (t >= t0) out.push([t, iso(t).slice(0, 7)]);
      }
    } else {
      const step = Math.max(1, Math.ceil(span / DAY / room));
      for (let t = Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate()); t <= t1; t += step * DAY) {
        if (t >= t0) out.push([t, iso(t)]);
      }
    }
    return out;
  }

  function draw() {
    const ctx = canvas.getContext("2d");
    const W = canvas.width, H = canvas.height, h = H - M.top - M.bottom;
    ctx.clearRect(0, 0, W, H);
    ctx.font = "12px system-ui, sans-serif";
    if (!series.length) { ctx.fillStyle = "#5f6b7a"; ctx.fillText("No counted events for this choice.", M.left, M.top + 20); return; }
    const shown = series.filter((t) => t.end > view[0] && t.start < view[1]);
    const top = Math.max(1, ...shown.map((t) => t.n));
    const step0 = Math.max(1, Math.ceil(top / 4)), max = step0 * 4;
    ctx.strokeStyle = "#d9dee5"; ctx.fillStyle = "#5f6b7a"; ctx.lineWidth = 1;
    for (let i = 0; i <= 4; i++) {
      const y = M.top + h - (h * i) / 4;
      ctx.beginPath(); ctx.moveTo(M.left, y); ctx.lineTo(M.left + width(), y); ctx.stroke();
      ctx.textAlign = "right"; ctx.fillText(String(step0 * i), M.left - 6, y + 4);
      ctx.textAlign = "left"; ctx.fillText(String(-10 + 5 * i), M.left + width() + 6, y + 4);
    }
    ctx.save(); ctx.beginPath(); ctx.rect(M.left, 0, width(), H); ctx.clip();
    for (const t of shown) {
      const x0 = xOf(t.start), bw = Math.max(1, xOf(t.end) - x0 - (xOf(t.end) - x0 > 4 ? 1 : 0));
      let y = M.top + h;
      for (const q of [1, 2, 3, 4]) {
        const bh = (t.q[q] / max) * h;
        ctx.fillStyle = QUAD_COLOURS[q]; ctx.fillRect(x0, y - bh, bw, bh); y -= bh;
      }
    }
    const gy = (g) => M.top + h - ((g + 10) / 20) * h;
    ctx.strokeStyle = "#222"; ctx.lineWidth = 1.5; ctx.beginPath();
    shown.forEach((t, i) => {
      const x = (xOf(t.start) + xOf(t.end)) / 2, y = gy(t.gsum / t.n);
      const joined = i > 0 && shown[i - 1].end === t.start;  // consecutive periods only
      if (joined) ctx.lineTo(x, y); else ctx.moveTo(x, y);
    });
    ctx.stroke();
    ctx.fillStyle = "#222";
    for (const t of shown) { ctx.beginPath(); ctx.arc((xOf(t.start) + xOf(t.end)) / 2, gy(t.gsum / t.n), 2.5, 0, 2 * Math.PI); ctx.fill(); }
    if (drag) { ctx.fillStyle = "rgba(31,95,168,.15)"; ctx.fillRect(Math.min(drag.a, drag.b), M.top, Math.abs(drag.b - drag.a), h); }
    ctx.restore();
    ctx.fillStyle = "#5f6b7a"; ctx.strokeStyle = "#5f6b7a"; ctx.textAlign = "center";
    for (const [t, label] of ticks(view[0], view[1])) {
      const x = xOf(t);
      ctx.beginPath(); ctx.moveTo(x, M.top + h); ctx.lineTo(x, M.top + h + 5); ctx.stroke();
      ctx.fillText(label, x, M.top + h + 18);
    }
    ctx.textAlign = "left";
    const f = form.elements;
    ctx.fillText(`${f.source.value || "all"} – ${f.target.value || "all"}, per ${by}: ${iso(view[0])} to ${iso(view[1] - DAY)}`,
                 M.left, M.top + h + 38);
    canvas.dataset.from = iso(view[0]); canvas.dataset.to = iso(view[1] - DAY);
  }

  function dyadParams() {
    const f = form.elements;
    const src = f.source.value.trim().toUpperCase(), tgt = f.target.value.trim().toUpperCase();
    const sets = [];
    if (src && tgt) {
      sets.push({ dyad: `${src}-${tgt}` });
      if (f.undirected.checked && src !== tgt) sets.push({ dyad: `${tgt}-${src}` });
    } else if (src) sets.push({ source: src }); else if (tgt) sets.push({ target: tgt }); else sets.push({});
    return sets;
  }

  async function listEvents(from, to) {
    const wrap = document.getElementById("table-wrap");
    document.getElementById("range").textContent = `Events from ${from} to ${to}`;
    try {
      const pages = await Promise.all(dyadParams().map((d) => getJSON(`/api/events?${
        new URLSearchParams({ ...d, since: from, until: to, counted: "true", limit: "100" })}`)));
      const events = pages.flatMap((p) => p.events).sort((a, b) => (a.date || "").localeCompare(b.date || ""));
      const total = pages.reduce((s, p) => s + p.total, 0);
      wrap.replaceChildren(el("p", { className: "muted", id: "range-count" }, `${total} events in this span`),
        el("div", { className: "scroll" }, el("table", { id: "range-table" },
          el("thead", {}, el("tr", {}, ...["Date", "Source", "Target", "CAMEO", "Quad class", "Place"].map((h) => el("th", {}, h)))),
          el("tbody", {}, ...events.map((ev) => el("tr", {
              onclick: () => { location.href = `/?${new URLSearchParams({ since: from, until: to, counted: "true" })}`; } },
            el("td", {}, ev.date || ""), el("td", {}, actorLabel(ev.source)), el("td", {}, actorLabel(ev.target)),
            el("td", {}, `${ev.cameo} ${ev.cameo_label || ""}`), el("td", {}, quadBadge(ev.quad_class)),
            el("td", {}, ev.location ? ev.location.name : "—")))))));
    } catch (err) { showError(wrap, err); }
  }

  async function load() {
    const f = form.elements;
    by = f.by.value;
    const p = new URLSearchParams({ by });
    const src = f.source.value.trim().toUpperCase(), tgt = f.target.value.trim().toUpperCase();
    if (src && tgt) p.set("dyad", `${src}-${tgt}`);
    if (f.undirected.checked) p.set("undirected", "true");
    if (f.since.value) p.set("since", f.since.value);
    if (f.until.value) p.set("until", f.until.value);
    try {
      const data = await getJSON(`/api/dyads?${p}`);
      const byPeriod = new Map();  // several dyads (no pair given) are summed per period
      for (const r of data.rows) {
        const t = byPeriod.get(r.period) || { start: ms(r.period), q: [0, 0, 0, 0, 0], gsum: 0, n: 0 };
        t.q[1] += r.verbal_coop; t.q[2] += r.material_coop; t.q[3] += r.verbal_conflict; t.q[4] += r.material_conflict;
        t.gsum += r.goldstein_sum; t.n += r.events;
        byPeriod.set(r.period, t);
      }
      series = [...byPeriod.values()].sort((a, b) => a.start - b.start);
      for (const t of series) t.end = nextPeriod(t.start, by);
      full = series.length ? [series[0].start, series[series.length - 1].end] : [0, DAY];
      view = [...full];
      draw();
      status.replaceChildren(el("p", { className: "muted" },
        `${series.length} period(s) with events, ${series.reduce((s, t) => s + t.n, 0)} counted events`));
    } catch (err) { showError(status, err); }
  }

  const pointerX = (e) => { const r = canvas.getBoundingClientRect(); return (e.clientX - r.left) * (canvas.width / r.width); };
  canvas.addEventListener("mousedown", (e) => { if (view) drag = { a: pointerX(e), b: pointerX(e) }; });
  canvas.addEventListener("mousemove", (e) => { if (drag) { drag.b = pointerX(e); draw(); } });
  window.addEventListener("mouseup", () => {
    if (!drag) return;
    const a = Math.min(drag.a, drag.b), b = Math.max(drag.a, drag.b);
    drag = null;
    if (b - a < 4) { draw(); return; }  // a click, not a drag
    const t0 = Math.max(view[0], tOf(a)), t1 = Math.min(view[1], tOf(b));
    view = [Date.UTC(...ymd(t0)), Date.UTC(...ymd(t1)) + DAY];
    draw();
    listEvents(iso(view[0]), iso(view[1] - DAY));
  });
  const ymd = (t) => { const d = new Date(t); return [d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()]; };
  canvas.addEventListener("dblclick", () => {
    if (!full) return;
    view = [...full]; draw();
    document.getElementById("range").textContent = ""; document.getElementById("table-wrap").replaceChildren();
  });

  form.addEventListener("submit", (e) => { e.preventDefault(); load(); });
  load();
})();
