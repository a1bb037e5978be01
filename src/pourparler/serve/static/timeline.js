// Dyad timeline, drawn by hand on a canvas: counted events per period stacked by quad class,
// and the mean Goldstein score as a line on its own axis. Clicking a bar lists its events.
"use strict";
(() => {
  const { el, getJSON, showError, QUAD, QUAD_COLOURS } = PP;
  const form = document.getElementById("filters");
  const canvas = document.getElementById("chart");
  const status = document.getElementById("status");
  const M = { left: 50, right: 50, top: 20, bottom: 40 };
  let bars = [];

  document.getElementById("legend").replaceChildren(...[1, 2, 3, 4].map((q) =>
    el("span", {}, el("i", { style: `background:${QUAD_COLOURS[q]}` }), QUAD[q])),
    el("span", {}, el("i", { style: "background:#222;height:2px" }), "mean Goldstein"));

  function addDays(iso, n) {
    const d = new Date(iso + "T00:00:00Z"); d.setUTCDate(d.getUTCDate() + n);
    return d.toISOString().slice(0, 10);
  }
  function periodEnd(iso, by) {
    if (by === "day") return iso;
    if (by === "week") return addDays(iso, 6);
    const d = new Date(iso + "T00:00:00Z"); d.setUTCMonth(d.getUTCMonth() + 1); d.setUTCDate(0);
    return d.toISOString().slice(0, 10);
  }

  function nextPeriod(iso, by) {
    if (by === "day") return addDays(iso, 1);
    if (by === "week") return addDays(iso, 7);
    const d = new Date(iso + "T00:00:00Z"); d.setUTCMonth(d.getUTCMonth() + 1);
    return d.toISOString().slice(0, 10);
  }
  // Empty periods are drawn as gaps, so time runs evenly along the axis (up to a sane width).
  const MAX_PERIODS = 1500;
  function fillGaps(series, by) {
    if (series.length < 2) return series;
    const out = [], have = new Map(series.map((t) => [t.period, t]));
    const last = series[series.length - 1].period;
    for (let p = series[0].period; p <= last; p = nextPeriod(p, by)) {
      if (out.length > MAX_PERIODS) return series;
      out.push(have.get(p) || { period: p, q: [0, 0, 0, 0, 0], gsum: 0, n: 0 });
    }
    return out;
  }

  async function load() {
    const f = form.elements;
    const src = f.source.value.trim().toUpperCase(), tgt = f.target.value.trim().toUpperCase();
    const p = new URLSearchParams({ by: f.by.value });
    if (src && tgt) p.set("dyad", `${src}-${tgt}`);
    if (f.undirected.checked) p.set("undirected", "true");
    if (f.since.value) p.set("since", f.since.value);
    if (f.until.value) p.set("until", f.until.value);
    try {
      const data = await getJSON(`/api/dyads?${p}`);
      // several dyads (no pair given) are summed per period
      const byPeriod = new Map();
      for (const r of data.rows) {
        const t = byPeriod.get(r.period) || { period: r.period, q: [0, 0, 0, 0, 0], gsum: 0, n: 0 };
        t.q[1] += r.verbal_coop; t.q[2] += r.material_coop; t.q[3] += r.verbal_conflict; t.q[4] += r.material_conflict;
        t.gsum += r.goldstein_sum; t.n += r.events;
        byPeriod.set(r.period, t);
      }
      const series = fillGaps([...byPeriod.values()].sort((a, b) => a.period.localeCompare(b.period)), data.by);
      draw(series, data.by, src, tgt);
      status.replaceChildren(el("p", { className: "muted" },
        `${series.length} period(s), ${series.reduce((s, t) => s + t.n, 0)} counted events`));
    } catch (err) { showError(status, err); }
  }

  function draw(series, by, src, tgt) {
    const ctx = canvas.getContext("2d");
    const W = canvas.width, H = canvas.height;
    const w = W - M.left - M.right, h = H - M.top - M.bottom;
    ctx.clearRect(0, 0, W, H);
    ctx.font = "12px system-ui, sans-serif";
    bars = [];
    if (!series.length) { ctx.fillStyle = "#5f6b7a"; ctx.fillText("No counted events for this choice.", M.left, M.top + 20); return; }
    const step0 = Math.max(1, Math.ceil(Math.max(...series.map((t) => t.n)) / 4));
    const max = step0 * 4;
    const step = w / series.length, bw = Math.max(1, step * 0.8);
    // axes and grid
    ctx.strokeStyle = "#d9dee5"; ctx.fillStyle = "#5f6b7a"; ctx.lineWidth = 1;
    for (let i = 0; i <= 4; i++) {
      const y = M.top + h - (h * i) / 4;
      ctx.beginPath(); ctx.moveTo(M.left, y); ctx.lineTo(M.left + w, y); ctx.stroke();
      ctx.textAlign = "right"; ctx.fillText(String(step0 * i), M.left - 6, y + 4);
      ctx.textAlign = "left"; ctx.fillText(String(-10 + 5 * i), M.left + w + 6, y + 4);
    }
    series.forEach((t, i) => {
      const x = M.left + i * step + (step - bw) / 2;
      let y = M.top + h;
      for (const q of [1, 2, 3, 4]) {
        const bh = (t.q[q] / max) * h;
        ctx.fillStyle = QUAD_COLOURS[q]; ctx.fillRect(x, y - bh, bw, bh); y -= bh;
      }
      if (t.n) bars.push({ x: M.left + i * step, w: step, period: t.period });
    });
    // Goldstein mean line, -10..10 on the right axis
    ctx.strokeStyle = "#222"; ctx.lineWidth = 2; ctx.beginPath();
    let open = false;  // the line breaks over periods without events
    series.forEach((t, i) => {
      if (!t.n) { open = false; return; }
      const g = t.gsum / t.n;
      const x = M.left + i * step + step / 2, y = M.top + h - ((g + 10) / 20) * h;
      if (!open) ctx.moveTo(x, y); else ctx.lineTo(x, y);
      open = true;
    });
    ctx.stroke();
    for (const [i, t] of series.entries()) {
      if (!t.n) continue;
      const g = t.gsum / t.n;
      ctx.fillStyle = "#222"; ctx.beginPath();
      ctx.arc(M.left + i * step + step / 2, M.top + h - ((g + 10) / 20) * h, 2.5, 0, 2 * Math.PI); ctx.fill();
    }
    // period labels, thinned to fit
    ctx.fillStyle = "#5f6b7a"; ctx.textAlign = "center";
    const every = Math.ceil(series.length / Math.max(1, Math.floor(w / 80)));
    series.forEach((t, i) => { if (i % every === 0) ctx.fillText(t.period, M.left + i * step + step / 2, M.top + h + 16); });
    ctx.textAlign = "left";
    ctx.fillText(`${src || "all"} – ${tgt || "all"}, per ${by}`, M.left, M.top + h + 34);
    canvas.dataset.by = by; canvas.dataset.src = src; canvas.dataset.tgt = tgt;
    canvas.dataset.undirected = form.elements.undirected.checked ? "true" : "";
  }

  canvas.addEventListener("click", (e) => {
    const r = canvas.getBoundingClientRect();
    const x = (e.clientX - r.left) * (canvas.width / r.width);
    const bar = bars.find((b) => x >= b.x && x <= b.x + b.w);
    if (!bar) return;
    const d = canvas.dataset;
    const p = new URLSearchParams({ since: bar.period, until: periodEnd(bar.period, d.by), counted: "true" });
    if (d.src && d.tgt && !d.undirected) p.set("dyad", `${d.src}-${d.tgt}`);
    else if (d.src) p.set("source", d.src);
    location.href = `/?${p}`;
  });

  form.addEventListener("submit", (e) => { e.preventDefault(); load(); });
  load();
})();
