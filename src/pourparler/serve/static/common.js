// Shared helpers for the dashboard pages. News text is only ever put on the page as text
// (textContent / createTextNode), never parsed as HTML.
"use strict";

const PP = (() => {
  const QUAD = { 1: "verbal cooperation", 2: "material cooperation",
                 3: "verbal conflict", 4: "material conflict" };
  const QUAD_COLOURS = { 1: "#6fa8dc", 2: "#1f5fa8", 3: "#f6b26b", 4: "#cc3d3d" };

  // el("td", {className: "num", title: "x"}, "text", childNode, ...)
  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(props || {})) {
      if (k === "dataset") Object.assign(node.dataset, v);
      else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else if (k === "href") node.setAttribute("href", safeHref(v));
      else node[k] = v;
    }
    for (const c of children) {
      if (c === null || c === undefined) continue;
      node.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return node;
  }

  // Links we build point into this app, or to an article's http(s) address; nothing else.
  function safeHref(v) {
    const s = String(v);
    if (s.startsWith("/") && !s.startsWith("//")) return s;
    try {
      const u = new URL(s);
      if (u.protocol === "http:" || u.protocol === "https:") return u.href;
    } catch (e) { /* not a URL */ }
    return "#";
  }

  async function getJSON(url, options) {
    const res = await fetch(url, options);
    const body = await res.json().catch(() => ({}));
    if (!res.ok) {
      const detail = typeof body.detail === "string" ? body.detail : JSON.stringify(body.detail);
      throw new Error(`${res.status}: ${detail || res.statusText}`);
    }
    return body;
  }

  function showError(node, err) {
    node.replaceChildren(el("p", { className: "error" }, String(err.message || err)));
  }

  function actorLabel(a) {
    if (!a) return "—";
    const code = a.cameo || a.org || a.country || "";
    return code && code !== a.name ? `${a.name} (${code})` : a.name;
  }

  // "Kyiv, UKR" for an event's location object, "—" without one.
  function placeLabel(loc) {
    if (!loc) return "—";
    return loc.country && loc.country !== loc.name ? `${loc.name}, ${loc.country}` : loc.name;
  }

  function quadBadge(q) {
    return el("span", { className: `badge q${q}`, title: QUAD[q] || "" }, QUAD[q] || `quad ${q}`);
  }

  // The article text with evidence sentences marked and actors underlined. `spans` are
  // {kind: "evidence"|"actor", start, end, event_id, role} offsets into `text`.
  function renderArticle(container, text, spans, selectedEvent) {
    const cuts = new Set([0, text.length]);
    for (const s of spans) { cuts.add(s.start); cuts.add(s.end); }
    const points = [...cuts].filter((p) => p >= 0 && p <= text.length).sort((a, b) => a - b);
    container.replaceChildren();
    // consecutive pieces covered by the same evidence sentences share one <mark>
    let mark = null, markKey = "";
    for (let i = 0; i + 1 < points.length; i++) {
      const a = points[i], b = points[i + 1];
      let node = document.createTextNode(text.slice(a, b));
      const over = spans.filter((s) => s.start <= a && s.end >= b);
      const actors = over.filter((s) => s.kind === "actor");
      if (actors.length) {
        const roles = [...new Set(actors.map((s) => s.role))];
        node = el("span", { className: `actor ${roles.join(" ")}`,
                            title: actors.map((s) => `${s.role}: ${s.name} ${s.code || ""}`).join("\n") },
                  node);
      }
      const ids = [...new Set(over.filter((s) => s.kind === "evidence").map((s) => s.event_id))];
      const key = ids.join(" ");
      if (!key) { mark = null; markKey = ""; container.append(node); continue; }
      if (key !== markKey) {
        const cls = "evidence" + (selectedEvent && ids.includes(selectedEvent) ? " selected" : "");
        mark = el("mark", { className: cls, dataset: { events: key } });
        markKey = key;
        container.append(mark);
      }
      mark.append(node);
    }
  }

  function eventItem(ev, onClick) {
    return el("li", { dataset: { eventId: ev.id }, onclick: onClick },
      el("div", {}, quadBadge(ev.quad_class), el("strong", {}, ev.cameo_label || ev.cameo),
         " ", el("span", { className: "muted" }, `CAMEO ${ev.cameo}`)),
      el("div", {}, ev.explanation),
      ev.location ? el("div", { className: "place" }, `Place: ${placeLabel(ev.location)}`) : null,
      el("div", { className: "muted" },
         `PLOVER ${ev.plover || "—"}${ev.plover_mode ? " / " + ev.plover_mode : ""} · ` +
         `Goldstein ${ev.goldstein} · confidence ${ev.confidence} · rule ${ev.rule}`));
  }

  function markNav() {
    for (const a of document.querySelectorAll("header nav a")) {
      if (a.getAttribute("href") === location.pathname) a.classList.add("active");
    }
  }
  document.addEventListener("DOMContentLoaded", markNav);

  return { el, getJSON, showError, actorLabel, placeLabel, quadBadge, renderArticle, eventItem,
           QUAD, QUAD_COLOURS };
})();
