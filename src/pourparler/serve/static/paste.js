// Paste an article and its date, see the events pourparler codes from it (stored only when
// the box is ticked).
"use strict";
(() => {
  const { getJSON, showError, renderArticle, eventItem, el } = PP;
  const form = document.getElementById("paste-form");
  const status = document.getElementById("status");
  const button = document.getElementById("code-button");

  getJSON("/api/meta").then((meta) => {
    if (!meta.allow_store) document.getElementById("store-label").hidden = true;
    form.elements.text.maxLength = meta.max_text_chars;
  }).catch(() => {});

  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const f = form.elements;
    const body = { text: f.text.value, store: f.store.checked };
    if (f.published.value) body.published = f.published.value;
    if (f.lang.value) body.lang = f.lang.value;
    if (f.title.value.trim()) body.title = f.title.value.trim();
    button.disabled = true;
    status.replaceChildren(el("p", { className: "muted" }, "coding…"));
    try {
      const data = await getJSON("/api/code", {
        method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
      status.replaceChildren(el("p", { className: "muted" },
        `language ${data.lang || "?"}` + (data.stored ? " · stored as " : " · not stored"),
        data.stored ? el("a", { href: `/articles/${encodeURIComponent(data.article.id)}` }, data.article.id) : ""));
      document.getElementById("result").hidden = false;
      document.getElementById("count").textContent = `(${data.events.length})`;
      const textBox = document.getElementById("text");
      const list = document.getElementById("events");
      const select = (id) => {
        renderArticle(textBox, data.article.text, data.spans, id);
        for (const li of list.children) li.classList.toggle("selected", li.dataset.eventId === id);
      };
      list.replaceChildren(...data.events.map((ev) => eventItem(ev, () => select(ev.id))));
      if (!data.events.length) list.replaceChildren(el("li", { className: "muted" }, "no events found"));
      select(null);
    } catch (err) { showError(status, err); }
    finally { button.disabled = false; }
  });
})();
