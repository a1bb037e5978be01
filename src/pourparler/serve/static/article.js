// One article: its text with evidence sentences highlighted and actors underlined, and its
// events explained in words. Clicking an event highlights its sentence.
"use strict";
(() => {
  const { el, getJSON, showError, renderArticle, eventItem } = PP;
  const id = decodeURIComponent(location.pathname.replace(/^\/articles\//, ""));
  const selected = new URLSearchParams(location.search).get("event");
  const textBox = document.getElementById("text");
  const list = document.getElementById("events");

  function select(data, eventId) {
    renderArticle(textBox, data.article.text, data.spans, eventId);
    for (const li of list.children) li.classList.toggle("selected", li.dataset.eventId === eventId);
    const mark = textBox.querySelector("mark.selected");
    if (mark) mark.scrollIntoView({ block: "center" });
  }

  getJSON(`/api/articles/${encodeURIComponent(id)}`).then((data) => {
    const a = data.article;
    document.title = `${a.title || a.id} · pourparler`;
    document.getElementById("title").textContent = a.title || a.id;
    document.getElementById("meta").replaceChildren(
      [a.outlet, a.published, a.lang, `${data.events.length} event(s)`].filter(Boolean).join(" · "),
      a.url ? " · " : "", a.url ? el("a", { href: a.url, rel: "noopener noreferrer" }, "original") : "");
    list.replaceChildren(...data.events.map((ev) => eventItem(ev, () => select(data, ev.id))));
    select(data, selected);
  }).catch((err) => showError(document.getElementById("status"), err));
})();
