// Events table: filters (kept in the address so a view can be linked), paging, sorting,
// and the detail of one event with every mention and its evidence.
"use strict";
(() => {
  const { el, getJSON, showError, actorLabel, quadBadge, placeLabel } = PP;
  const form = document.getElementById("filters");
  const wrap = document.getElementById("table-wrap");
  const detail = document.getElementById("event-detail");
  const FIELDS = ["source", "target", "dyad", "plover", "cameo", "since", "until", "country",
                  "sector", "text", "counted", "limit"];
  const errorLine = document.getElementById("filter-error");

  // What is wrong with the filters, in words; null when nothing is. A date the browser
  // cannot read, an ISO3 code of the wrong shape or a reversed span is shown, never dropped.
  function filterProblem() {
    const f = form.elements;
    for (const name of ["since", "until"]) {
      if (f[name].validity.badInput) return `${name}: not a date`;
    }
    if (f.since.value && f.until.value && f.since.value > f.until.value) {
      return `since (${f.since.value}) is after until (${f.until.value})`;
    }
    if (!f.country.validity.valid) return "event country: give an ISO3 code such as UKR";
    const dyad = f.dyad.value.trim();
    if (dyad && !/^[A-Za-z_]{2,}-[A-Za-z_]{2,}$/.test(dyad)) return "dyad: give SOURCE-TARGET such as USA-RUS";
    return null;
  }
  function showProblem(text) {
    errorLine.hidden = !text;
    errorLine.textContent = text || "";
  }
  let state = { offset: 0, sort: "date" };

  function params() {
    const p = new URLSearchParams();
    for (const name of FIELDS) {
      const input = form.elements[name];
      if (input.type === "checkbox") { if (input.checked) p.set(name, "true"); }
      else if (input.value.trim()) p.set(name, input.value.trim());
    }
    return p;
  }

  function fromAddress() {
    const p = new URLSearchParams(location.search);
    for (const name of FIELDS) {
      const input = form.elements[name];
      if (!p.has(name)) continue;
      if (input.type === "checkbox") input.checked = p.get(name) === "true";
      else input.value = p.get(name);
    }
    state.offset = Number(p.get("offset")) || 0;
    state.sort = p.get("sort") || "date";
  }

  async function fillChoices() {
    const meta = await getJSON("/api/meta");
    const plover = form.elements.plover, cameo = form.elements.cameo;
    for (const name of meta.plover) plover.append(el("option", { value: name }, name));
    for (const [code, label] of Object.entries(meta.cameo_roots)) {
      cameo.append(el("option", { value: code }, `${code} ${label}`));
    }
  }

  function exportHref(p) {
    const exp = new URLSearchParams(p); exp.delete("offset"); exp.delete("sort"); exp.delete("limit");
    exp.set("format", document.getElementById("export-format").value);
    return `/api/export?${exp}`;
  }

  async function load(push) {
    const problem = filterProblem();
    showProblem(problem);
    if (problem) return;
    const p = params();
    p.set("offset", state.offset);
    p.set("sort", state.sort);
    if (push) history.replaceState(null, "", `/?${p}`);
    document.getElementById("export-link").setAttribute("href", exportHref(p));
    try {
      const data = await getJSON(`/api/events?${p}`);
      render(data);
    } catch (err) { showProblem(String(err.message || err)); wrap.replaceChildren(); }
  }

  function header(label, key) {
    if (!key) return el("th", {}, label);
    const arrow = state.sort === key ? " ▲" : state.sort === `-${key}` ? " ▼" : "";
    return el("th", { className: "sortable", dataset: { sort: key },
                      onclick: () => { state.sort = state.sort === key ? `-${key}` : key;
                                       state.offset = 0; load(true); } }, label + arrow);
  }

  function render(data) {
    const limit = data.limit;
    const shown = data.events.length ? `, ${data.offset + 1}–${data.offset + data.events.length} shown` : "";
    document.getElementById("summary").textContent =
      (data.total === null ? `over ${data.offset + data.events.length} events` : `${data.total} events`) + shown;
    const rows = data.events.map((ev) => el("tr", {
        dataset: { gid: ev.global_event_id }, onclick: (e) => openEvent(ev, e.currentTarget) },
      el("td", {}, ev.date || "undated"),
      el("td", {}, actorLabel(ev.source)),
      el("td", {}, actorLabel(ev.target)),
      el("td", {}, `${ev.cameo} ${ev.cameo_label || ""}`),
      el("td", {}, ev.plover || "—"),
      el("td", {}, quadBadge(ev.quad_class)),
      el("td", {}, ev.status),
      el("td", { className: "num" }, ev.goldstein),
      el("td", { className: "num" }, ev.num_mentions),
      el("td", { className: "place" }, placeLabel(ev.location)),
      el("td", { className: "evidence-cell" }, ev.evidence.text.length > 160 ? ev.evidence.text.slice(0, 157) + "…" : ev.evidence.text)));
    const table = el("table", { id: "events-table" },
      el("thead", {}, el("tr", {}, header("Date", "date"), header("Source"), header("Target"),
        header("CAMEO"), header("PLOVER"), header("Quad class"), header("Status"),
        header("Goldstein", "goldstein"), header("Mentions", "mentions"), header("Place"),
        header("Evidence"))),
      el("tbody", {}, ...rows));
    wrap.replaceChildren(el("div", { className: "scroll" }, table));
    const pages = data.total === null ? "many" : Math.max(1, Math.ceil(data.total / limit));
    document.getElementById("page-info").textContent =
      `page ${Math.floor(data.offset / limit) + 1} of ${pages}`;
    document.getElementById("prev").disabled = data.offset === 0;
    document.getElementById("next").disabled = !data.more;
    state.limit = limit;
  }

  async function openEvent(ev, row) {
    for (const r of wrap.querySelectorAll("tr.selected")) r.classList.remove("selected");
    row.classList.add("selected");
    detail.hidden = false;
    detail.replaceChildren(el("p", { className: "muted" }, "loading…"));
    try {
      const data = await getJSON(`/api/events/${encodeURIComponent(ev.global_event_id)}`);
      const e = data.event;
      detail.replaceChildren(
        el("h2", {}, e.explanation),
        el("p", {}, quadBadge(e.quad_class),
           `CAMEO ${e.cameo} ${e.cameo_label || ""} · PLOVER ${e.plover || "—"} · status ${e.status}` +
           ` · Goldstein ${e.goldstein} · ${e.num_mentions} mention(s) in ${e.num_articles} article(s)` +
           ` from ${e.num_sources} source(s)`),
        el("p", { id: "detail-place" }, e.location
          ? `Place: ${placeLabel(e.location)}${e.location.lat !== null ? ` (${e.location.lat}, ${e.location.lon})` : ""}`
          : "Place: none given in the text"),
        el("h3", {}, "Mentions and their evidence"),
        el("ol", { id: "mentions" }, ...data.mentions.map((m) => el("li", {},
          el("mark", { className: "evidence selected" }, m.record.evidence.text),
          el("div", { className: "muted" },
             `${m.source_name} · ${m.record.lang} · ${m.record.status} · date ${m.record.date || "—"} · `,
             el("a", { href: `/articles/${encodeURIComponent(m.article_id)}?event=${encodeURIComponent(m.record.id)}`,
                       className: "article-link" }, "read the article"),
             m.url ? " · " : "", m.url ? el("a", { href: m.url, rel: "noopener noreferrer" }, "source") : "")))));
      detail.scrollIntoView({ block: "nearest" });
    } catch (err) { showError(detail, err); }
  }

  form.addEventListener("submit", (e) => { e.preventDefault(); state.offset = 0; load(true); });
  document.getElementById("export-format").addEventListener("change", () =>
    document.getElementById("export-link").setAttribute("href", exportHref(params())));
  document.getElementById("reset").addEventListener("click", () => {
    form.reset(); state = { offset: 0, sort: "date" }; load(true); });
  document.getElementById("prev").addEventListener("click", () => {
    state.offset = Math.max(0, state.offset - (state.limit || 50)); load(true); });
  document.getElementById("next").addEventListener("click", () => {
    state.offset += state.limit || 50; load(true); });

  fillChoices().catch(() => {}).finally(() => { fromAddress(); load(false); });
})();
