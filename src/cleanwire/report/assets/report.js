// cleanwire report: a sortable, filterable, paginated list of documents and a view of
// one document at a time. Each document's text sits in its own inert JSON block and
// is parsed only when the document is opened, so a batch of any size opens quickly.
"use strict";
(function () {
  const index = JSON.parse(document.getElementById("report-index").textContent);
  const CATEGORIES = index.categories;
  const RULES = index.rules; // [id, category, kind, file, line]
  const COL = {};
  index.columns.forEach((name, i) => { COL[name] = i; });
  const PER_PAGE = 50;
  const COLUMNS = [
    ["number", "#"], ["source", "source"], ["outlet", "outlet"], ["status", "status"],
    ["share", "removed"], ["removals", "removals"], ["input_bytes", "bytes in"], ["output_bytes", "bytes out"],
  ];
  const state = { sort: "share", descending: true, page: 0, query: "", only: null, open: -1 };
  const rows = index.documents.map((row, number) => ({ number, row }));
  let shown = rows;

  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attributes || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "text") node.textContent = value;
      else if (key === "className") node.className = value;
      else node.setAttribute(key, value === true ? "" : String(value));
    }
    for (const child of children) if (child !== null && child !== undefined) node.append(child);
    return node;
  }
  const percent = (share) => (share * 100).toFixed(1) + "%";
  const number = (n) => (n === null || n === undefined ? "–" : n.toLocaleString("en"));
  const baseName = (path) => String(path).split(/[\\/]/).pop();
  const active = (category) => state.only === null || state.only.has(category);
  const maskActive = (mask) => {
    if (state.only === null) return true;
    for (const category of state.only) if (mask & (1 << CATEGORIES.indexOf(category))) return true;
    return false;
  };

  // ---- the list ------------------------------------------------------------------
  const section = document.getElementById("documents");
  const search = el("input", { type: "search", placeholder: "filter by source…", "aria-label": "Filter by source" });
  const count = el("span", { className: "hint", id: "doc-count" });
  const head = el("tr");
  const body = el("tbody");
  const pageLabel = el("span", { id: "page-label" });
  const previous = el("button", { type: "button", text: "← previous" });
  const next = el("button", { type: "button", text: "next →" });
  section.append(
    el("h2", { text: "Documents" }),
    el("div", { className: "toolbar" }, search, count),
    el("table", { id: "doc-list" }, el("thead", {}, head), body),
    el("div", { className: "pager" }, previous, pageLabel, next),
  );
  for (const [key, label] of COLUMNS) {
    const button = el("button", { type: "button", text: label });
    button.addEventListener("click", () => sortBy(key));
    head.append(el("th", { scope: "col", "data-key": key }, button));
  }

  function value(item, key) {
    return key === "number" ? item.number : item.row[COL[key]];
  }

  function sortBy(key) {
    if (state.sort === key) state.descending = !state.descending;
    else { state.sort = key; state.descending = key === "share" || key === "removals" || key.endsWith("bytes"); }
    state.page = 0;
    refresh();
  }

  function refresh() {
    const query = state.query.toLowerCase();
    shown = rows.filter((item) =>
      (!query || String(item.row[COL.source]).toLowerCase().includes(query)) && maskActive(item.row[COL.categories]));
    const direction = state.descending ? -1 : 1;
    shown.sort((a, b) => {
      const x = value(a, state.sort), y = value(b, state.sort);
      const order = typeof x === "number" && typeof y === "number" ? x - y : String(x ?? "").localeCompare(String(y ?? ""));
      return order ? order * direction : a.number - b.number;
    });
    const pages = Math.max(1, Math.ceil(shown.length / PER_PAGE));
    state.page = Math.min(state.page, pages - 1);
    for (const th of head.children) {
      th.setAttribute("aria-sort", th.dataset.key === state.sort ? (state.descending ? "descending" : "ascending") : "none");
    }
    count.textContent = `${shown.length.toLocaleString("en")} of ${rows.length.toLocaleString("en")} documents`;
    pageLabel.textContent = `page ${state.page + 1} of ${pages}`;
    previous.disabled = state.page === 0;
    next.disabled = state.page >= pages - 1;
    body.replaceChildren(...shown.slice(state.page * PER_PAGE, (state.page + 1) * PER_PAGE).map(listRow));
  }

  function listRow(item) {
    const row = item.row;
    const share = row[COL.share];
    const status = row[COL.status];
    const tr = el("tr", { tabindex: 0, "data-doc": item.number, "aria-selected": item.number === state.open ? "true" : "false" },
      el("td", { text: item.number + 1 }),
      el("td", { title: row[COL.source], text: row[COL.source] }),
      el("td", { text: row[COL.outlet] ?? "—" }),
      el("td", { className: "status-" + status, title: row[COL.message] || null, text: status }),
      el("td", { "data-share": share }, el("span", { className: "bar" }, el("i", { style: `width:${(share * 100).toFixed(1)}%` })), percent(share)),
      el("td", { text: number(row[COL.removals]) }),
      el("td", { text: number(row[COL.input_bytes]) }),
      el("td", { text: number(row[COL.output_bytes]) }),
    );
    tr.addEventListener("click", () => openDocument(item.number));
    tr.addEventListener("keydown", (event) => { if (event.key === "Enter") openDocument(item.number); });
    return tr;
  }

  search.addEventListener("input", () => { state.query = search.value; state.page = 0; refresh(); });
  previous.addEventListener("click", () => { state.page -= 1; refresh(); });
  next.addEventListener("click", () => { state.page += 1; refresh(); });

  // ---- the category filter ------------------------------------------------------------
  const filters = document.getElementById("filters");
  const present = Array.from(document.querySelectorAll("#by-categories tbody tr[data-category]"), (tr) => tr.dataset.category);
  for (const category of present) {
    filters.append(el("button", { type: "button", className: "cat-" + category, "data-category": category, "aria-pressed": "false", text: category }));
  }
  filters.addEventListener("click", (event) => {
    const button = event.target.closest("button");
    if (!button) return;
    const category = button.dataset.category;
    if (!category) state.only = null;
    else if (state.only === null) state.only = new Set([category]);
    else if (state.only.has(category)) { state.only.delete(category); if (!state.only.size) state.only = null; }
    else state.only.add(category);
    markFiltered();
    state.page = 0;
    refresh();
  });

  function markFiltered() {
    for (const button of filters.querySelectorAll("button")) {
      const category = button.dataset.category;
      button.setAttribute("aria-pressed", String(category ? state.only !== null && state.only.has(category) : state.only === null));
    }
    for (const node of document.querySelectorAll("#summary tr[data-category], #viewer [data-category]")) {
      node.classList.toggle("filtered-out", !active(node.dataset.category));
    }
  }

  // ---- one document ------------------------------------------------------------------
  const viewer = el("article", { id: "viewer", hidden: true, "aria-live": "polite" });
  document.body.append(viewer);

  function openDocument(which) {
    const block = document.getElementById("doc-" + which);
    if (!block) return;
    const doc = JSON.parse(block.textContent);
    state.open = which;
    for (const tr of body.querySelectorAll("tr")) tr.setAttribute("aria-selected", String(Number(tr.dataset.doc) === which));
    viewer.replaceChildren(...describe(doc), ...decisions(doc), ...textView(doc));
    viewer.hidden = false;
    markFiltered();
    if (location.hash !== "#doc-" + which) history.replaceState(null, "", "#doc-" + which);
    viewer.scrollIntoView({ block: "start" });
  }

  function describe(doc) {
    const list = el("dl");
    const add = (term, ...details) => list.append(el("dt", { text: term }), el("dd", {}, ...details));
    add("status", el("span", { className: "status-" + doc.status, text: doc.status }), doc.message ? " — " + doc.message : "");
    if (doc.outlet) {
      add("outlet", `${doc.outlet.id ?? "none (generic rules only)"} by ${doc.outlet.method}`);
      if (doc.outlet.evidence.length) add("evidence", doc.outlet.evidence.join("; "));
    }
    if (doc.encoding) add("encoding", `${doc.encoding.name} (confidence ${doc.encoding.confidence})`);
    if (doc.normalization) {
      const n = doc.normalization;
      const words = {
        chars_replaced: "exotic spaces made plain", spaces_folded: "runs of spaces folded",
        line_breaks_converted: "line breaks made LF", lines_composed: "lines composed (NFC)",
        indents_removed: "indents removed", line_ends_stripped: "line ends stripped of spaces",
        blank_lines_removed: "blank lines removed",
      };
      const done = Object.entries(words).filter(([key]) => n[key]).map(([key, what]) => `${n[key]} ${what}`);
      if (n.final_newline_added) done.push("final newline added");
      if (n.mojibake_fixed) done.push("mojibake repaired");
      add("normalization", done.join(", ") || "nothing changed");
    }
    const size = doc.size;
    add("size", `${number(size.input_bytes)} bytes in, ${number(size.output_bytes)} out; ` +
      `${percent(doc.removed_share)} of the normalized text ${doc.status === "refused" ? "would be" : ""} removed`);
    if (doc.guard) add("guard", doc.guard.outcome + (doc.guard.reason ? ": " + doc.guard.reason : ""));
    return [el("h2", { text: doc.source }), list];
  }

  function decisions(doc) {
    if (!doc.spans.length) return [el("p", { className: "hint", text: "The rules removed nothing here." })];
    const rowsOut = doc.spans.map(([start, end, rule, first, last], i) => {
      const [id, category, , file, ruleLine] = RULES[rule];
      const excerpt = doc.text.slice(start, end);
      const tr = el("tr", { "data-category": category, "data-span": i },
        el("td", { text: first === last ? first : `${first}–${last}` }), el("td", {}, el("span", { className: "chip cat-" + category, text: category })),
        el("td", {}, el("code", { title: `${file}:${ruleLine}`, text: id })),
        el("td", { text: excerpt.length > 160 ? excerpt.slice(0, 160) + "…" : excerpt }));
      tr.addEventListener("click", () => {
        const span = viewer.querySelector(`del[data-span="${i}"]`);
        if (!span) return;
        span.scrollIntoView({ block: "center" });
        span.classList.add("flash");
        setTimeout(() => span.classList.remove("flash"), 1200);
      });
      return tr;
    });
    const head = el("tr", {}, ...["line", "category", "rule", "removed text"].map((t) => el("th", { scope: "col", text: t })));
    return [el("table", { id: "decisions" }, el("caption", { text: `${doc.spans.length} removals (click one to find it in the text)` }),
      el("thead", {}, head), el("tbody", {}, ...rowsOut))];
  }

  function textView(doc) {
    if (doc.text === null) return [el("p", { className: "hint", text: "No text: the document was not cleaned." })];
    const pre = el("div", { className: "text", id: "doc-text" });
    let at = 0;
    doc.spans.forEach(([start, end, rule], i) => {
      const [id, category, kind, file, line] = RULES[rule];
      if (start > at) pre.append(doc.text.slice(at, start));
      pre.append(el("del", {
        className: "rm cat-" + category, "data-category": category, "data-rule": id, "data-span": i,
        title: `${id} · ${category} · ${kind} rule at ${baseName(file)}:${line}`, text: doc.text.slice(start, end),
      }));
      at = Math.max(at, end);
    });
    if (at < doc.text.length) pre.append(doc.text.slice(at));
    return [el("h2", { text: "Text" }), el("p", { className: "hint", text: "Struck through: removed (hover for the rule). Plain: kept." }), pre];
  }

  refresh();
  const wanted = /^#doc-(\d+)$/.exec(location.hash);
  if (wanted && Number(wanted[1]) < rows.length) openDocument(Number(wanted[1]));
})();
