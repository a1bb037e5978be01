// The map: country shapes shipped with the package (Natural Earth 110m via world-atlas) as the
// basemap, event places as clustered points, the actors' countries as a second layer, a
// legend. Leaflet draws it; nothing is fetched from outside the app.
"use strict";
(() => {
  const { getJSON, showError, el } = PP;
  const form = document.getElementById("filters");
  const status = document.getElementById("status");
  const map = L.map("map", { worldCopyJump: true, minZoom: 1, maxZoom: 10,
                             maxBounds: [[-85, -540], [85, 540]] }).setView([25, 10], 2);
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Natural Earth (public domain)");
  const box = document.getElementById("map");
  map.on("zoomend", () => { box.dataset.zoom = String(map.getZoom()); });
  box.dataset.zoom = String(map.getZoom());
  const places = L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 40 });
  const actors = L.layerGroup();
  places.addTo(map);
  L.control.layers(null, { "Event places": places, "Actor countries": actors },
                   { collapsed: false }).addTo(map);

  // Below this share of the scale a mean Goldstein score is drawn as neutral grey.
  const NEUTRAL = 0.05;
  function colour(g) {
    const t = Math.max(-1, Math.min(1, g / 10));
    if (Math.abs(t) < NEUTRAL) return "rgb(150,150,150)";
    return t < 0 ? `rgb(${200 + 30 * -t},${90 - 50 * -t},${80 - 50 * -t})`
                 : `rgb(${60 - 30 * t},${120 - 20 * t},${190 + 20 * t})`;
  }

  const legend = L.control({ position: "bottomright" });
  legend.onAdd = () => el("div", { className: "map-legend", id: "legend" },
    el("strong", {}, "Mean Goldstein"),
    ...[[-10, "conflict"], [0, "neutral"], [10, "cooperation"]].map(([g, label]) =>
      el("div", {}, el("i", { className: "swatch", dataset: { g } }), `${g} ${label}`)),
    el("div", {}, el("i", { className: "swatch ring" }), "actor country (area: events)"),
    el("div", {}, el("i", { className: "swatch cluster" }), "cluster of places (count)"));
  legend.addTo(map);
  for (const sw of document.querySelectorAll("#legend i.swatch[data-g]")) {
    sw.style.background = colour(Number(sw.dataset.g));
  }

  // Rings that cross the antimeridian (Russia, Fiji) are unwrapped so that they do not
  // draw a line across the whole map; Antarctica, a ring around the pole, is left out.
  const ANTARCTICA = "010";
  function unwrap(ring) {
    let prev = null;
    return ring.map(([lon, lat]) => {
      let x = lon;
      if (prev !== null) { while (x - prev > 180) x -= 360; while (x - prev < -180) x += 360; }
      prev = x;
      return [x, lat];
    });
  }
  function unwrapGeometry(g) {
    if (g.type === "Polygon") g.coordinates = g.coordinates.map(unwrap);
    else if (g.type === "MultiPolygon") g.coordinates = g.coordinates.map((p) => p.map(unwrap));
  }

  async function basemap() {
    const world = await getJSON("/static/vendor/countries-110m.json");
    const shapes = topojson.feature(world, world.objects.countries);
    shapes.features = shapes.features.filter((f) => f.id !== ANTARCTICA);
    for (const f of shapes.features) if (f.geometry) unwrapGeometry(f.geometry);
    L.geoJSON(shapes, { interactive: false,
                        style: { color: "#9aa7b6", weight: 0.7, fillColor: "#e4e9ef", fillOpacity: 1 } })
      .addTo(map).bringToBack();
  }

  function eventsLink(params, text) {
    return el("a", { href: `/?${new URLSearchParams({ counted: "true", ...params })}` }, text);
  }

  function placeMarker(p) {
    const icon = L.divIcon({ className: "pp-place", iconSize: [14, 14] });
    const m = L.marker([p.lat, p.lon], { icon, title: `${p.name}: ${p.events} events`,
                                         keyboard: true });
    m.on("add", () => { const node = m.getElement(); if (node) node.style.background = colour(p.goldstein_mean); });
    m.bindPopup(() => el("div", {},
      el("strong", {}, p.name), el("br"),
      `${p.events} counted event(s), ${p.conflict} of conflict; mean Goldstein ${p.goldstein_mean}`,
      el("br"), p.country ? eventsLink({ country: p.country }, `events in ${p.country}`) : ""));
    return m;
  }

  function actorCircle(p, max) {
    const c = L.circleMarker([p.lat, p.lon], {
      radius: 4 + 22 * Math.sqrt(p.events / max), color: "#333", weight: 1,
      fillColor: colour(p.goldstein_mean), fillOpacity: 0.45, className: "pp-actor" });
    c.bindTooltip(`${p.name} (${p.country}): ${p.events} events as an actor`);
    c.bindPopup(() => el("div", {}, el("strong", {}, `${p.name} (${p.country})`), el("br"),
      `${p.events} counted event(s) with an actor of ${p.country}`, el("br"),
      eventsLink({ source: p.country }, "as source"), " · ",
      eventsLink({ target: p.country }, "as target")));
    return c;
  }

  async function load() {
    const p = new URLSearchParams();
    for (const name of ["since", "until"]) if (form.elements[name].value) p.set(name, form.elements[name].value);
    try {
      const data = await getJSON(`/api/map?${p}`);
      places.clearLayers(); actors.clearLayers();
      places.addLayers(data.places.map(placeMarker));
      const max = Math.max(1, ...data.actors.map((a) => a.events));
      for (const a of data.actors) actors.addLayer(actorCircle(a, max));
      status.replaceChildren(el("p", { className: "muted", id: "map-count" },
        `${data.places.length} places, ${data.places.reduce((s, x) => s + x.events, 0)} events with a place; ` +
        `${data.actors.length} actor countries`));
    } catch (err) { showError(status, err); }
  }

  form.addEventListener("submit", (e) => { e.preventDefault(); load(); });
  basemap().catch((err) => showError(status, err)).finally(load);
})();
