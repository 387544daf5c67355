// cleanwire report: a sortable, filterable, paginated list of documents and a view of
// one document at a time. Each document's text sits in its own inert JSON block and
// is parsed only when the document is opened, so a batch of any size opens quickly.
// A reviewer can filter by rule, step through documents with j and k, mark a removal
// as wrong or a kept line as junk, and download the marks as a review file for
// `cleanwire rules review`.
"use strict";
(function () {
  const index = JSON.parse(document.getElementById("report-index").textContent);
  const CATEGORIES = index.categories;
  const RULES = index.rules; // [id, category, kind, file, line, support: [pages matched, pages seen] or null]
  const COL = {};
  index.columns.forEach((name, i) => { COL[name] = i; });
  const PER_PAGE = 50;
  const COLUMNS = [
    ["number", "#"], ["source", "source"], ["outlet", "outlet"], ["status", "status"],
    ["share", "removed"], ["removals", "removals"], ["input_bytes", "bytes in"], ["output_bytes", "bytes out"],
  ];
  const state = { sort: "share", descending: true, page: 0, query: "", only: null, rule: null, open: -1 };
  const REVIEW_FORMAT = "cleanwire-review";
  const REVIEW_VERSION = 1;
  const CONTEXT_LINES = 2; // lines of context a mark carries on each side, for its test case
  const marks = new Map(); // key: "doc:keep:span" or "doc:remove:line"; value: the mark
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
  const support = (rule) => (RULES[rule][5] ? `learned · matched ${RULES[rule][5][0]} of ${RULES[rule][5][1]} pages` : "");
  const outletName = (id) => (id === null || id === undefined ? "generic" : id);

  // Control characters (C0, DEL, C1) and invisible format characters, drawn so a
  // reviewer sees them: C0 as Unicode's control pictures (␀), the rest as escapes.
  const INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u061c\u115f\u1160\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\u3164\ufeff\ufff9-\ufffb]/g;
  function picture(char) {
    const code = char.charCodeAt(0);
    if (code < 0x20) return String.fromCharCode(0x2400 + code);
    if (code === 0x7f) return "\u2421";
    const hex = code.toString(16).toUpperCase();
    return code <= 0xff ? "\\x" + hex : "\\u" + hex.padStart(4, "0");
  }
  function visible(text) {
    const nodes = [];
    let at = 0;
    for (const found of text.matchAll(INVISIBLE)) {
      if (found.index > at) nodes.push(document.createTextNode(text.slice(at, found.index)));
      const code = found[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0");
      nodes.push(el("span", { className: "invisible", title: "U+" + code + " (invisible in the text)", text: picture(found[0]) }));
      at = found.index + found[0].length;
    }
    if (at < text.length || !nodes.length) nodes.push(document.createTextNode(text.slice(at)));
    return nodes;
  }
  const maskActive = (mask) => {
    if (state.only === null) return true;
    for (const category of state.only) if (mask & (1 << CATEGORIES.indexOf(category))) return true;
    return false;
  };

  // ---- the list ------------------------------------------------------------------
  const section = document.getElementById("documents");
  const search = el("input", { type: "search", placeholder: "filter by source…", "aria-label": "Filter by source" });
  const ruleFilter = el("select", { id: "rule-filter", "aria-label": "Filter by rule" });
  const count = el("span", { className: "hint", id: "doc-count" });
  const ruleCount = el("span", { className: "hint", id: "rule-count" });
  const head = el("tr");
  const body = el("tbody");
  const pageLabel = el("span", { id: "page-label" });
  const previous = el("button", { type: "button", text: "← previous" });
  const next = el("button", { type: "button", text: "next →" });
  section.append(
    el("h2", { text: "Documents" }),
    el("div", { className: "toolbar" }, search, el("label", {}, "rule: ", ruleFilter), count, ruleCount),
    el("p", { className: "hint keys" }, "Keys: ", el("kbd", { text: "j" }), " next document, ", el("kbd", { text: "k" }),
      " previous document, ", el("kbd", { text: "Esc" }), " leaves the search box. In a document, click a struck-through span to mark " +
      "the removal wrong, or a kept line to mark it as junk; then download the review file (see README: Reviewing removals)."),
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

  const hasRule = (item, rule) => item.row[COL.rules].some(([number]) => number === rule);

  function refresh() {
    const query = state.query.toLowerCase();
    const others = rows.filter((item) =>
      (!query || String(item.row[COL.source]).toLowerCase().includes(query)) && maskActive(item.row[COL.categories]));
    shown = state.rule === null ? others : others.filter((item) => hasRule(item, state.rule));
    countRules(others);
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
    ruleCount.textContent = state.rule === null ? "" : ruleSummary(state.rule, shown);
    pageLabel.textContent = `page ${state.page + 1} of ${pages}`;
    previous.disabled = state.page === 0;
    next.disabled = state.page >= pages - 1;
    body.replaceChildren(...shown.slice(state.page * PER_PAGE, (state.page + 1) * PER_PAGE).map(listRow));
    if (state.open >= 0) stepper();
  }

  function listRow(item) {
    const row = item.row;
    const share = row[COL.share];
    const status = row[COL.status];
    const tr = el("tr", { tabindex: 0, "data-doc": item.number, "aria-selected": item.number === state.open ? "true" : "false" },
      el("td", { text: item.number + 1 }),
      el("td", { title: row[COL.source], text: row[COL.source] }),
      el("td", { text: outletName(row[COL.outlet]) }),
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

  // ---- the rule filter ------------------------------------------------------------------
  // One option per rule that removed something; its counts follow the other filters.
  const ruleOrder = RULES.map((_, number) => number).sort((a, b) => RULES[a][0].localeCompare(RULES[b][0]));
  ruleFilter.append(el("option", { value: "", text: "all rules" }),
    ...ruleOrder.map((number) => el("option", { value: number, "data-rule": RULES[number][0] })));

  function tally(items, rule) {
    let documents = 0, removals = 0;
    for (const item of items) {
      const found = item.row[COL.rules].find(([number]) => number === rule);
      if (found) { documents += 1; removals += found[1]; }
    }
    return { documents, removals };
  }
  const plural = (n, word) => `${n.toLocaleString("en")} ${word}${n === 1 ? "" : "s"}`;

  function countRules(items) { // one pass over the documents, however many rules there are
    const documents = new Array(RULES.length).fill(0), removals = new Array(RULES.length).fill(0);
    for (const item of items) for (const [rule, n] of item.row[COL.rules]) { documents[rule] += 1; removals[rule] += n; }
    for (const option of ruleFilter.options) {
      if (option.value === "") continue;
      const rule = Number(option.value);
      option.textContent = `${RULES[rule][0]} (${plural(documents[rule], "document")}, ${plural(removals[rule], "removal")})`;
    }
  }

  function ruleSummary(rule, items) {
    const { documents, removals } = tally(items, rule);
    const learned = support(rule);
    return `${RULES[rule][0]}: ${plural(removals, "removal")} in ${plural(documents, "document")}` + (learned ? ` (${learned})` : "");
  }

  function filterByRule(rule) {
    state.rule = rule;
    ruleFilter.value = rule === null ? "" : String(rule);
    markFiltered();
    state.page = 0;
    refresh();
  }
  ruleFilter.addEventListener("change", () => filterByRule(ruleFilter.value === "" ? null : Number(ruleFilter.value)));
  for (const tr of document.querySelectorAll("#by-rules tbody tr[data-rule]")) {
    const rule = RULES.findIndex(([id]) => id === tr.dataset.rule);
    const code = tr.querySelector("code");
    if (rule < 0 || !code) continue;
    code.replaceWith(ruleButton(rule));
    if (support(rule)) tr.firstElementChild.append(el("span", { className: "support", text: support(rule) }));
  }

  function ruleButton(rule) {
    const [id, , , file, line] = RULES[rule];
    const button = el("button", { type: "button", className: "rule-id", "data-rule": id,
      title: `${file}:${line} · show only the documents this rule removed from`, text: id });
    button.addEventListener("click", (event) => { event.stopPropagation(); filterByRule(state.rule === rule ? null : rule); });
    return button;
  }

  // ---- the category filter ------------------------------------------------------------
  const filters = document.getElementById("filters");
  const present = Array.from(document.querySelectorAll("#by-categories tbody tr[data-category]"), (tr) => tr.dataset.category);
  for (const category of present) {
    filters.append(el("button", { type: "button", className: "cat-" + category, "data-category": category, "aria-pressed": "false", text: category }));
  }
  filters.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-category]");
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
    for (const button of filters.querySelectorAll("button[data-category]")) {
      const category = button.dataset.category;
      button.setAttribute("aria-pressed", String(category ? state.only !== null && state.only.has(category) : state.only === null));
    }
    const ruleId = state.rule === null ? null : RULES[state.rule][0];
    for (const node of document.querySelectorAll("#summary tr[data-category], #viewer [data-category]")) {
      const otherRule = ruleId !== null && node.dataset.rule !== undefined && node.dataset.rule !== ruleId;
      node.classList.toggle("filtered-out", !active(node.dataset.category) || otherRule);
    }
    for (const button of document.querySelectorAll("button.rule-id")) {
      button.setAttribute("aria-pressed", String(button.dataset.rule === ruleId));
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
    viewer.replaceChildren(stepper(), ...describe(doc), ...decisions(which, doc), ...textView(which, doc));
    viewer.hidden = false;
    markFiltered();
    if (location.hash !== "#doc-" + which) history.replaceState(null, "", "#doc-" + which);
    viewer.scrollIntoView({ block: "start" });
  }

  // ---- previous and next document, in the list's order and filters ----------------------
  function step(by) {
    if (!shown.length) return;
    const at = shown.findIndex((item) => item.number === state.open);
    const to = at < 0 ? (by > 0 ? 0 : shown.length - 1) : at + by;
    if (to < 0 || to >= shown.length) return;
    const page = Math.floor(to / PER_PAGE);
    if (page !== state.page) { state.page = page; refresh(); }
    openDocument(shown[to].number);
  }

  const back = el("button", { type: "button", id: "previous-doc", title: "previous document (k)", text: "← previous (k)" });
  const forward = el("button", { type: "button", id: "next-doc", title: "next document (j)", text: "next (j) →" });
  const position = el("span", { className: "hint", id: "doc-position" });
  const steps = el("nav", { className: "stepper", "aria-label": "Documents" }, back, position, forward);
  back.addEventListener("click", () => step(-1));
  forward.addEventListener("click", () => step(1));

  function stepper() { // where the open document is in the list, as the filters leave it
    const at = shown.findIndex((item) => item.number === state.open);
    back.disabled = at <= 0;
    forward.disabled = at < 0 ? !shown.length : at >= shown.length - 1;
    position.textContent = at < 0 ? "not in the filtered list" : `document ${at + 1} of ${shown.length} in the list`;
    return steps;
  }

  document.addEventListener("keydown", (event) => {
    const target = event.target;
    if (event.key === "Escape" && target === search) { search.blur(); return; }
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName))) return;
    if (event.key === "j") { event.preventDefault(); step(1); }
    else if (event.key === "k") { event.preventDefault(); step(-1); }
  });

  function describe(doc) {
    const list = el("dl");
    const add = (term, ...details) => list.append(el("dt", { text: term }), el("dd", {}, ...details));
    add("status", el("span", { className: "status-" + doc.status, text: doc.status }), doc.message ? " — " + doc.message : "");
    if (doc.outlet) {
      const how = { signature: "by its signatures", domain: "by its URL's domain", forced: "as asked (--outlet)" }[doc.outlet.method] || "";
      add("outlet", doc.outlet.id !== null ? `${doc.outlet.id} ${how}` :
        `generic rules only (${doc.outlet.method === "forced" ? "--outlet none" : "no outlet recognised"})`);
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

  function decisions(which, doc) {
    if (!doc.spans.length) return [el("p", { className: "hint", text: "The rules removed nothing here." })];
    const rowsOut = doc.spans.map(([start, end, rule, first, last], i) => {
      const [id, category] = RULES[rule];
      const excerpt = doc.text === null ? "" : doc.text.slice(start, end);
      const learned = support(rule);
      const wrong = el("button", { type: "button", className: "mark-keep", "data-span": i, "aria-pressed": "false",
        title: "mark this removal as wrong: the text should stay", text: "wrong" });
      wrong.disabled = doc.text === null;
      wrong.addEventListener("click", (event) => { event.stopPropagation(); toggleKeep(which, doc, i); });
      const tr = el("tr", { "data-category": category, "data-rule": id, "data-span": i },
        el("td", { text: first === last ? first : `${first}–${last}` }), el("td", {}, el("span", { className: "chip cat-" + category, text: category })),
        el("td", {}, ruleButton(rule), learned ? el("span", { className: "support", text: learned }) : null),
        el("td", {}, ...visible(excerpt.length > 160 ? excerpt.slice(0, 160) + "…" : excerpt)),
        el("td", {}, wrong));
      tr.addEventListener("click", () => {
        const span = viewer.querySelector(`del[data-span="${i}"]`);
        if (!span) return;
        span.scrollIntoView({ block: "center" });
        span.classList.add("flash");
        setTimeout(() => span.classList.remove("flash"), 1200);
      });
      return tr;
    });
    const head = el("tr", {}, ...["line", "category", "rule", "removed text", "review"].map((t) => el("th", { scope: "col", text: t })));
    return [el("table", { id: "decisions" }, el("caption", { text: `${doc.spans.length} removals (click one to find it in the text)` }),
      el("thead", {}, head), el("tbody", {}, ...rowsOut))];
  }

  function textView(which, doc) {
    if (doc.text === null) return [el("p", { className: "hint", text: "No text: the document was not cleaned." })];
    const pre = el("div", { className: "text", id: "doc-text" });
    const starts = lineStarts(doc.text);
    // Kept text goes in one span per line piece, so a line can be marked as junk.
    const kept = (from, to) => {
      let at = from;
      while (at < to) {
        const newline = doc.text.indexOf("\n", at);
        const end = newline < 0 || newline >= to ? to : newline;
        if (end > at) {
          const line = lineOf(starts, at);
          const span = el("span", { className: "kept", "data-line": line, title: `line ${line} · click to mark it as junk` }, ...visible(doc.text.slice(at, end)));
          span.addEventListener("click", () => toggleRemove(which, doc, line));
          pre.append(span);
        }
        if (end < to) pre.append("\n");
        at = end + 1;
      }
    };
    let at = 0;
    doc.spans.forEach(([start, end, rule], i) => {
      const [id, category, kind, file, line] = RULES[rule];
      if (start > at) kept(at, start);
      const learned = support(rule);
      const del = el("del", {
        className: "rm cat-" + category, "data-category": category, "data-rule": id, "data-span": i,
        title: `${id} · ${category} · ${kind} rule at ${baseName(file)}:${line}` + (learned ? ` · ${learned}` : "") + " · click to mark the removal wrong",
      }, ...visible(doc.text.slice(start, end)));
      del.addEventListener("click", () => toggleKeep(which, doc, i));
      pre.append(del);
      at = Math.max(at, end);
    });
    if (at < doc.text.length) kept(at, doc.text.length);
    const view = [el("h2", { text: "Text" }), el("p", { className: "hint", text: "Struck through: removed (hover for the rule). Plain: kept. " +
      "Click a removal to mark it wrong, or a kept line to mark it as junk." }), pre];
    setTimeout(() => showMarks(which), 0);
    return view;
  }

  // ---- review marks ----------------------------------------------------------------------
  function lineStarts(text) {
    const starts = [0];
    for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
    return starts;
  }
  function lineOf(starts, offset) { // 1-based
    let low = 0, high = starts.length - 1;
    while (low < high) { const mid = (low + high + 1) >> 1; if (starts[mid] <= offset) low = mid; else high = mid - 1; }
    return low + 1;
  }
  const linesOf = (doc, first, last) => doc.text.split("\n").slice(first - 1, last);

  function markBase(which, doc, first, last) {
    const all = doc.text.split("\n");
    return {
      source: doc.source,
      outlet: doc.outlet ? doc.outlet.id : null,
      lines: [first, last],
      text: all.slice(first - 1, last).join("\n"),
      before: all.slice(Math.max(0, first - 1 - CONTEXT_LINES), first - 1).join("\n"),
      after: all.slice(last, last + CONTEXT_LINES).join("\n"),
    };
  }

  function toggleKeep(which, doc, i) {
    const key = `${which}:keep:${i}`;
    if (marks.has(key)) marks.delete(key);
    else {
      const [start, end, rule, first, last] = doc.spans[i];
      marks.set(key, { verdict: "keep", ...markBase(which, doc, first, last), rule: RULES[rule][0], removed: doc.text.slice(start, end), order: [which, first, 0, i] });
    }
    showMarks(which);
  }

  function toggleRemove(which, doc, line) {
    const key = `${which}:remove:${line}`;
    if (marks.has(key)) marks.delete(key);
    else marks.set(key, { verdict: "remove", ...markBase(which, doc, line, line), category: junkCategory.value, order: [which, line, 1, 0] });
    showMarks(which);
  }

  function showMarks(which) {
    for (const node of viewer.querySelectorAll("del.rm[data-span], button.mark-keep")) {
      const marked = marks.has(`${which}:keep:${node.dataset.span}`);
      node.classList.toggle("marked", marked);
      if (node.tagName === "BUTTON") node.setAttribute("aria-pressed", String(marked));
    }
    for (const node of viewer.querySelectorAll("span.kept")) node.classList.toggle("marked", marks.has(`${which}:remove:${node.dataset.line}`));
    const n = marks.size;
    markCount.textContent = n ? `${plural(n, "mark")}: ${plural(count_("keep"), "wrong removal")}, ${plural(count_("remove"), "kept line")} marked as junk` : "no marks yet";
    download.disabled = clear.disabled = !n;
  }
  const count_ = (verdict) => Array.from(marks.values()).filter((m) => m.verdict === verdict).length;

  function reviewFile() {
    const ordered = Array.from(marks.values()).sort((a, b) => {
      for (let i = 0; i < a.order.length; i++) if (a.order[i] !== b.order[i]) return a.order[i] - b.order[i];
      return 0;
    });
    return {
      format: REVIEW_FORMAT, version: REVIEW_VERSION,
      report: index.report || {},
      marks: ordered.map(({ order, ...mark }) => mark),
    };
  }

  const markCount = el("span", { id: "mark-count", className: "hint", text: "no marks yet" });
  const download = el("button", { type: "button", id: "download-review", text: "download review file", disabled: true });
  const clear = el("button", { type: "button", id: "clear-marks", text: "clear marks", disabled: true });
  const junkCategory = el("select", { id: "junk-category", "aria-label": "Category of lines marked as junk" },
    ...CATEGORIES.map((name) => el("option", { value: name, text: name, selected: name === "other" })));
  // In the bar that stays at the top of the window, so the marks are in sight while reading.
  filters.append(el("div", { id: "review-bar", className: "review-bar" }, el("strong", { text: "Review: " }), markCount, download, clear,
    el("label", { className: "hint" }, "lines marked as junk are: ", junkCategory)));
  download.addEventListener("click", () => {
    const blob = new Blob([JSON.stringify(reviewFile(), null, 2) + "\n"], { type: "application/json" });
    const link = el("a", { href: URL.createObjectURL(blob), download: "cleanwire-review.json" });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10000);
  });
  clear.addEventListener("click", () => { marks.clear(); showMarks(state.open); });

  refresh();
  const wanted = /^#doc-(\d+)$/.exec(location.hash);
  if (wanted && Number(wanted[1]) < rows.length) openDocument(Number(wanted[1]));
})();
