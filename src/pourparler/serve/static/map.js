// A world map drawn by hand: an equirectangular grid and one circle per country at its
// centroid (from the bundled gazetteer), sized by events, coloured by mean Goldstein score.
"use strict";
(() => {
  const { getJSON, showError, el } = PP;
  const form = document.getElementById("filters");
  const canvas = document.getElementById("map");
  const status = document.getElementById("status");
  let circles = [];

  const project = (lat, lon) => [((lon + 180) / 360) * canvas.width, ((90 - lat) / 180) * canvas.height];

  function colour(g) {
    const t = Math.max(-1, Math.min(1, g / 10));
    return t < 0 ? `rgba(204,61,61,${0.35 + 0.5 * -t})` : `rgba(31,95,168,${0.35 + 0.5 * t})`;
  }

  function draw(points, countries) {
    const ctx = canvas.getContext("2d");
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    ctx.fillStyle = "#eef4fa"; ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.strokeStyle = "#d3dde8"; ctx.lineWidth = 1;
    for (let lon = -180; lon <= 180; lon += 30) { const [x] = project(0, lon); ctx.beginPath(); ctx.moveTo(x, 0); ctx.lineTo(x, canvas.height); ctx.stroke(); }
    for (let lat = -60; lat <= 90; lat += 30) { const [, y] = project(lat, 0); ctx.beginPath(); ctx.moveTo(0, y); ctx.lineTo(canvas.width, y); ctx.stroke(); }
    ctx.fillStyle = "#b8c4d2";  // every country's centroid, for orientation
    for (const [lat, lon] of countries) { const [x, y] = project(lat, lon); ctx.beginPath(); ctx.arc(x, y, 2, 0, 2 * Math.PI); ctx.fill(); }
    const max = Math.max(1, ...points.map((p) => p.events));
    circles = [];
    ctx.font = "11px system-ui, sans-serif"; ctx.textAlign = "center";
    for (const p of [...points].sort((a, b) => b.events - a.events)) {
      const [x, y] = project(p.lat, p.lon);
      const r = 3 + 27 * Math.sqrt(p.events / max);
      ctx.fillStyle = colour(p.goldstein_mean); ctx.beginPath(); ctx.arc(x, y, r, 0, 2 * Math.PI); ctx.fill();
      ctx.strokeStyle = "#fff"; ctx.stroke();
      ctx.fillStyle = "#1d2330"; ctx.fillText(p.country, x, y + 4);
      circles.push({ x, y, r, p });
    }
  }

  async function load() {
    const p = new URLSearchParams();
    for (const name of ["since", "until"]) if (form.elements[name].value) p.set(name, form.elements[name].value);
    try {
      const data = await getJSON(`/api/map?${p}`);
      draw(data.points, data.countries);
      status.replaceChildren(el("p", { className: "muted" }, `${data.points.length} countries`));
    } catch (err) { showError(status, err); }
  }

  canvas.addEventListener("click", (e) => {
    const r = canvas.getBoundingClientRect();
    const x = (e.clientX - r.left) * (canvas.width / r.width), y = (e.clientY - r.top) * (canvas.height / r.height);
    const hit = circles.filter((c) => (c.x - x) ** 2 + (c.y - y) ** 2 <= c.r ** 2).sort((a, b) => a.r - b.r)[0];
    if (hit) location.href = `/?${new URLSearchParams({ source: hit.p.country, counted: "true" })}`;
  });
  canvas.addEventListener("mousemove", (e) => {
    const r = canvas.getBoundingClientRect();
    const x = (e.clientX - r.left) * (canvas.width / r.width), y = (e.clientY - r.top) * (canvas.height / r.height);
    const hit = circles.find((c) => (c.x - x) ** 2 + (c.y - y) ** 2 <= c.r ** 2);
    canvas.title = hit ? `${hit.p.name}: ${hit.p.events} events, mean Goldstein ${hit.p.goldstein_mean}` : "";
  });
  form.addEventListener("submit", (e) => { e.preventDefault(); load(); });
  load();
})();
