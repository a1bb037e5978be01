// The API's endpoints, read from the app's own OpenAPI description (no CDN-hosted viewer).
"use strict";
(() => {
  const { el, getJSON, showError } = PP;
  const list = document.getElementById("endpoints");
  getJSON("/openapi.json").then((spec) => {
    for (const [path, ops] of Object.entries(spec.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const params = (op.parameters || []).map((p) =>
          el("li", {}, el("code", {}, p.name), ` (${p.in}${p.required ? ", required" : ""})`,
             p.description ? ` — ${p.description}` : ""));
        list.append(el("li", {}, el("strong", {}, `${method.toUpperCase()} `), el("code", {}, path),
          el("div", {}, op.summary || ""), el("div", { className: "muted" }, op.description || ""),
          params.length ? el("ul", {}, ...params) : ""));
      }
    }
  }).catch((err) => showError(list, err));
})();
