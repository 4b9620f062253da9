// graph.html's own script: reads the graph from the JSON block, draws it with sigma and wires
// search, filters and the side panel. Every name and sentence reaches the page through
// textContent, never innerHTML, so a name is only ever text.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var K = window.KgWeb;
  var $ = function (id) {
    return document.getElementById(id);
  };
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }
  var KINDS = ["PERSON", "ORG", "PLACE"];

  $("summary").textContent = data.summary;
  $("note").textContent = data.note || "";
  document.title = "kg: " + data.summary;

  // Legend, as graph.dot's: colour and shape per type, then the edge kinds.
  var legend = $("legend");
  KINDS.forEach(function (kind) {
    var k = data.kinds[kind];
    var item = el("span");
    var sw = el("span", null, "swatch " + k.shape);
    sw.style.background = k.color;
    item.appendChild(sw);
    item.appendChild(document.createTextNode(kind + " (" + k.shape + ")"));
    legend.appendChild(item);
  });
  legend.appendChild(el("span", "\u2192 typed relation"));
  legend.appendChild(el("span", "\u2014 co-occurrence (width = sentences)"));
  if (data.nodes.some(function (n) { return n.discovered; })) {
    var paleItem = el("span");
    var paleSwatch = el("span", null, "swatch ellipse pale");
    paleSwatch.style.background = "#888";
    paleItem.appendChild(paleSwatch);
    paleItem.appendChild(document.createTextNode("pale: discovered (no gazetteer lists it)"));
    legend.appendChild(paleItem);
  }
  if (data.links.some(function (l) { return l.open; })) {
    legend.appendChild(el("span", "grey arrow: open relation (verb, not vetted)"));
  }
  if (data.links.some(function (l) { return l.negated; })) {
    legend.appendChild(el("span", "red arrow: denied relation"));
  }

  // The graph: node keys are indices into data.nodes, edge keys into data.links.
  var graph = new K.Graph({ multi: true, type: "mixed", allowSelfLoops: false });
  function pale(hex) {
    var n = parseInt(hex.slice(1), 16);
    var mix = function (c) { return Math.round(c + (255 - c) * 0.55); };
    return "rgb(" + mix(n >> 16) + "," + mix((n >> 8) & 255) + "," + mix(n & 255) + ")";
  }
  // Sizes by mentions, smaller on a crowded page so the nodes do not cover each other.
  var crowd = Math.min(1, Math.sqrt(400 / Math.max(data.nodes.length, 1)));
  data.nodes.forEach(function (n, i) {
    var k = data.kinds[n.type];
    graph.addNode(String(i), {
      label: n.name,
      x: n.x,
      y: n.y,
      size: Math.max(2, Math.min(3 + 1.5 * Math.sqrt(n.mentions), 28) * crowd),
      color: n.discovered ? pale(k.color) : k.color,
      type: k.shape,
    });
  });
  data.links.forEach(function (l, i) {
    if (l.s === l.t) return;
    var attrs = {
      size: Math.min(0.6 + Math.log(l.weight), 6),
      type: l.directed ? "arrow" : "line",
      // Opaque light grey for co-occurrence: a translucent grey, as graph.dot uses, all but
      // vanishes in WebGL's thin lines.
      color: l.negated ? "#C0392B" : l.open ? "#7F8C8D" : l.directed ? "#333333" : "#C4C4C4",
      zIndex: l.directed ? 1 : 0,
    };
    if (l.directed) graph.addDirectedEdgeWithKey(String(i), String(l.s), String(l.t), attrs);
    else graph.addUndirectedEdgeWithKey(String(i), String(l.s), String(l.t), attrs);
  });

  // What the filters leave, recomputed on every change.
  var state = { kinds: new Set(KINDS), relationsOnly: false, listed: "all", minWeight: 1, from: "", to: "", selected: null };
  var visibleNodes = new Set();
  var visibleLinks = new Set();
  var dated = data.docs.some(function (d) { return d[1]; });
  var allDates = data.docs.map(function (d) { return d[1]; }).filter(Boolean).sort();
  function inDates(span) {
    if (!dated || (!state.from && !state.to)) return true;
    if (!span) return false;
    return (!state.from || span[1] >= state.from) && (!state.to || span[0] <= state.to);
  }
  function applyFilters() {
    visibleNodes.clear();
    visibleLinks.clear();
    data.nodes.forEach(function (n, i) {
      if (!state.kinds.has(n.type)) return;
      if (state.listed === "listed" && n.discovered) return;
      if (state.listed === "discovered" && !n.discovered) return;
      if (!inDates(n.dates)) return;
      visibleNodes.add(i);
    });
    data.links.forEach(function (l, i) {
      if (l.s === l.t || !visibleNodes.has(l.s) || !visibleNodes.has(l.t)) return;
      if (l.weight < state.minWeight || (state.relationsOnly && !l.directed) || !inDates(l.dates)) return;
      visibleLinks.add(i);
    });
    if (state.relationsOnly || state.minWeight > 1) {
      // As graph.dot does: entities left without any edge go, except the one picked.
      var linked = new Set();
      visibleLinks.forEach(function (i) { linked.add(data.links[i].s); linked.add(data.links[i].t); });
      visibleNodes.forEach(function (i) {
        if (!linked.has(i) && i !== state.selected) visibleNodes.delete(i);
      });
    }
    $("status").textContent = "showing " + visibleNodes.size + " of " + data.nodes.length + " entities, " +
      visibleLinks.size + " of " + data.links.length + " edges";
    if (renderer) renderer.refresh({ skipIndexation: true });
  }

  var neighbours = new Set();
  function nodeReducer(key, attrs) {
    var i = Number(key);
    if (!visibleNodes.has(i)) return Object.assign({}, attrs, { hidden: true });
    if (state.selected === null) return attrs;
    if (i === state.selected) return Object.assign({}, attrs, { highlighted: true, forceLabel: true, zIndex: 2 });
    if (neighbours.has(i)) return Object.assign({}, attrs, { forceLabel: true, zIndex: 1 });
    return Object.assign({}, attrs, { color: "#e4e4e4", label: "", zIndex: 0 });
  }
  function edgeReducer(key, attrs) {
    var i = Number(key);
    if (!visibleLinks.has(i)) return Object.assign({}, attrs, { hidden: true });
    if (state.selected === null) return attrs;
    var l = data.links[i];
    if (l.s === state.selected || l.t === state.selected) {
      return l.directed ? attrs : Object.assign({}, attrs, { color: "#777777" });
    }
    return Object.assign({}, attrs, { color: "#EFEFEF" });
  }

  var renderer = null;
  applyFilters();
  renderer = new K.Sigma(graph, $("graph"), {
    nodeProgramClasses: K.shapes,
    defaultNodeType: "ellipse",
    edgeProgramClasses: { line: K.EdgeRectangleProgram, arrow: K.EdgeArrowProgram },
    defaultEdgeType: "line",
    nodeReducer: nodeReducer,
    edgeReducer: edgeReducer,
    zIndex: true,
    labelFont: "system-ui, Helvetica, Arial, sans-serif",
    labelSize: 12,
    labelRenderedSizeThreshold: 5,
    // A window narrower than the side panel (a phone, a split screen), a hidden tab or iframe,
    // or a browser resizing its frame for a screenshot leaves the graph no width: sigma then
    // waits for the next size instead of throwing.
    allowInvalidContainer: true,
  });

  // Search: every name and alias, folded for case and accents; suggestions as the user types.
  function fold(s) {
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  var names = [];
  data.nodes.forEach(function (n, i) {
    names.push({ text: n.name, folded: fold(n.name), node: i, alias: false });
    n.aliases.forEach(function (a) {
      if (a !== n.name) names.push({ text: a, folded: fold(a), node: i, alias: true });
    });
  });
  var search = $("search");
  var list = $("suggestions");
  var matches = [];
  function suggest() {
    var q = fold(search.value.trim());
    list.textContent = "";
    matches = [];
    if (!q) return;
    var seen = new Set();
    var starts = [];
    var contains = [];
    names.forEach(function (m) {
      var at = m.folded.indexOf(q);
      if (at < 0) return;
      (at === 0 ? starts : contains).push(m);
    });
    var byWeight = function (a, b) {
      return data.nodes[b.node].mentions - data.nodes[a.node].mentions || a.node - b.node;
    };
    starts.sort(byWeight).concat(contains.sort(byWeight)).forEach(function (m) {
      if (seen.has(m.node) || matches.length >= 12) return;
      seen.add(m.node);
      matches.push(m);
      var li = el("li");
      li.setAttribute("role", "option");
      li.appendChild(document.createTextNode(data.nodes[m.node].name));
      if (m.alias) li.appendChild(el("span", "(" + m.text + ")", "alias"));
      li.appendChild(el("span", data.nodes[m.node].type, "alias"));
      li.addEventListener("mousedown", function (ev) {
        ev.preventDefault();
        pick(m.node);
      });
      list.appendChild(li);
    });
  }
  search.addEventListener("input", suggest);
  search.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter" && matches.length) pick(matches[0].node);
    if (ev.key === "Escape") list.textContent = "";
  });
  search.addEventListener("blur", function () { list.textContent = ""; });

  function pick(i) {
    list.textContent = "";
    matches = [];
    search.value = data.nodes[i].name;
    select(i);
    var pos = renderer.getNodeDisplayData(String(i));
    if (pos) renderer.getCamera().animate({ x: pos.x, y: pos.y, ratio: 0.35 }, { duration: 400 });
  }

  // The side panel.
  function count(n, noun, plural) {
    return n + " " + (n === 1 ? noun : plural || noun + "s");
  }
  function highlighted(text, ranges) {
    // ranges: [[start, end], ...] in UTF-16 units, as the page's data gives them.
    var p = el("p", null, "evidence");
    var sorted = ranges.filter(function (r) { return r && r[1] > r[0]; }).sort(function (a, b) { return a[0] - b[0]; });
    var at = 0;
    sorted.forEach(function (r) {
      if (r[0] < at) return;
      p.appendChild(document.createTextNode(text.slice(at, r[0])));
      p.appendChild(el("mark", text.slice(r[0], r[1])));
      at = r[1];
    });
    p.appendChild(document.createTextNode(text.slice(at)));
    return p;
  }
  function relationText(l, from) {
    if (!l.directed) {
      var sig = l.significance === null || l.significance === undefined ? "" : ", significance " + l.significance.toFixed(1);
      return "co-occurs in " + count(l.weight, "sentence") + " (" + count(l.documents, "document") + sig + ")";
    }
    var name = (l.negated ? "not " : "") + l.relation.replace(/_/g, " ");
    var arrow = l.s === from ? name + " \u2192" : "\u2190 " + name;
    return arrow + " (" + count(l.weight, "sentence") + (l.open ? ", open relation" : "") + ")";
  }
  function select(i) {
    state.selected = i;
    neighbours = new Set();
    var panel = $("panel");
    panel.textContent = "";
    if (i === null) {
      panel.appendChild(el("p", "Search a name or click an entity to see its neighbours and the sentences that tie them.", "hint"));
      applyFilters();
      return;
    }
    var n = data.nodes[i];
    panel.appendChild(el("h2", n.name));
    panel.appendChild(el("p", n.type + (n.discovered ? ", discovered (no gazetteer lists it" +
      (n.confidence ? "; type confidence " + n.confidence : "") + ")" : ", listed in the gazetteer"), "meta kind"));
    if (n.aliases.length) panel.appendChild(el("p", "also: " + n.aliases.join(", "), "meta aliases"));
    panel.appendChild(el("p", count(n.mentions, "mention") + " in " + count(n.documents, "document") +
      (n.dates ? ", " + n.dates[0] + " to " + n.dates[1] : ""), "meta counts"));
    // Neighbours: every edge of the entity, grouped by the entity at the other end.
    var byOther = new Map();
    data.links.forEach(function (l, k) {
      if (l.s !== i && l.t !== i) return;
      var other = l.s === i ? l.t : l.s;
      if (other === i) return;
      if (!byOther.has(other)) byOther.set(other, []);
      byOther.get(other).push(k);
    });
    var rows = Array.from(byOther.entries()).map(function (e) {
      var links = e[1].map(function (k) { return data.links[k]; });
      var weight = links.reduce(function (s, l) { return s + l.weight; }, 0);
      var co = links.filter(function (l) { return !l.directed; })[0];
      var sig = co && typeof co.significance === "number" ? co.significance : -Infinity;
      return { other: e[0], links: e[1], weight: weight, significance: sig };
    });
    var bySig = $("sort").value === "significance";
    rows.sort(function (a, b) {
      return (bySig ? b.significance - a.significance : 0) || b.weight - a.weight ||
        (bySig ? 0 : b.significance - a.significance) || a.other - b.other;
    });
    rows.forEach(function (r) { neighbours.add(r.other); });
    panel.appendChild(el("h3", count(rows.length, "neighbour") + (bySig ? ", most significant first" : ", heaviest first")));
    var ol = el("ol");
    rows.forEach(function (r) {
      var li = el("li", null, "neighbour");
      var b = el("button", data.nodes[r.other].name, "link");
      b.type = "button";
      b.addEventListener("click", function () { pick(r.other); });
      li.appendChild(b);
      li.appendChild(document.createTextNode(" " + data.nodes[r.other].type));
      // Typed relations first, then co-occurrence.
      r.links.slice().sort(function (a, b) {
        return Number(data.links[b].directed) - Number(data.links[a].directed) || a - b;
      }).forEach(function (k) {
        var l = data.links[k];
        li.appendChild(el("p", relationText(l, i), "relation"));
        l.evidence.forEach(function (ev) {
          var text = data.sentences[ev[0]];
          li.appendChild(highlighted(text, [ev.slice(2, 4), ev.slice(4, 6)]));
          var doc = data.docs[ev[1]];
          li.appendChild(el("div", doc[0] + (doc[1] ? ", " + doc[1] : ""), "doc"));
        });
        if (l.evidenceCount > l.evidence.length) {
          li.appendChild(el("div", (l.evidenceCount - l.evidence.length) + " more in graph.json (kg neighbors)", "doc"));
        }
      });
      ol.appendChild(li);
    });
    panel.appendChild(ol);
    applyFilters();
  }
  renderer.on("clickNode", function (e) { select(Number(e.node)); });
  renderer.on("clickStage", function () { select(null); });
  $("sort").addEventListener("change", function () { if (state.selected !== null) select(state.selected); });

  // Filters.
  KINDS.forEach(function (kind) {
    var label = el("label");
    var box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.dataset.kind = kind;
    box.addEventListener("change", function () {
      if (box.checked) state.kinds.add(kind);
      else state.kinds.delete(kind);
      applyFilters();
    });
    label.appendChild(box);
    label.appendChild(document.createTextNode(" " + kind));
    $("kinds").appendChild(label);
  });
  $("relations-only").addEventListener("change", function (e) { state.relationsOnly = e.target.checked; applyFilters(); });
  $("listed").addEventListener("change", function (e) { state.listed = e.target.value; applyFilters(); });
  $("min-weight").addEventListener("input", function (e) { state.minWeight = Math.max(1, Number(e.target.value) || 1); applyFilters(); });
  if (dated) {
    // The documents' own dates to pick from (a select, not a date input: Chromium's date input
    // loads its calendar icon from a data: URL, and the page makes no request at all).
    $("dates").hidden = false;
    var days = allDates.filter(function (d, k) { return k === 0 || d !== allDates[k - 1]; });
    ["date-from", "date-to"].forEach(function (id) {
      var input = $(id);
      input.appendChild(el("option", id === "date-from" ? "first" : "last")).value = "";
      days.forEach(function (d) { input.appendChild(el("option", d)).value = d; });
      input.addEventListener("change", function () {
        state.from = $("date-from").value;
        state.to = $("date-to").value;
        applyFilters();
      });
    });
  }
  $("refine").addEventListener("click", function () {
    K.forceAtlas2.assign(graph, { iterations: 50, settings: K.forceAtlas2.inferSettings(graph) });
  });

  // For the browser test and anyone scripting the page: the first render is done.
  window.kgPage = { graph: graph, renderer: renderer, data: data, select: select, visibleNodes: visibleNodes };
  renderer.on("afterRender", function () {
    if (!document.body.dataset.ready) document.body.dataset.ready = String(performance.now());
  });
  renderer.refresh();
})();
