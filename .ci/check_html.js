// Opens kg's graph.html pages in headless Chromium (Debian's, driven by puppeteer-core) and
// checks what a user sees. Fails (exit 1) on the first broken check.
//
//   node .ci/check_html.js news DIR        DIR/graph.html of the news sample, beside its graph.json
//   node .ci/check_html.js hostile PAGE GRAPH_JSON
//   node .ci/check_html.js big PAGE GRAPH_JSON
//   node .ci/check_html.js page DIR        any build's graph.html: the checks every page passes
//   node .ci/check_html.js view PAGE GRAPH_JSON   a `kg render --format html` view of GRAPH_JSON
//   ... each with an optional last argument: where to write the screenshot (PNG).
//
// Every page: no console error, no page error, no dialog, no request that is not file:, the
// header's counts equal graph.json's, first render within the time limit, a screenshot of the
// graph that is not blank (distinct colours, each entity type's colour present).
"use strict";
const fs = require("fs");
const path = require("path");
const zlib = require("zlib");
const puppeteer = require("puppeteer-core");

const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const LIMIT_MS = { news: 3000, hostile: 3000, big: 15000, page: 15000, view: 3000 };

function fail(message) {
  console.error(`check_html: FAILED: ${message}`);
  process.exit(1);
}
function check(cond, message) {
  if (!cond) fail(message);
}

// "1 entity", "2 entities": as kg prints its summary.
function count(n, noun) {
  if (n === 1) return `1 ${noun}`;
  return noun.endsWith("y") ? `${n} ${noun.slice(0, -1)}ies` : `${n} ${noun}s`;
}

// The distinct colours of a PNG (8-bit RGB or RGBA, not interlaced: what Chromium writes).
function pngColours(buf) {
  let pos = 8;
  let width, height, type;
  const idat = [];
  while (pos < buf.length) {
    const len = buf.readUInt32BE(pos);
    const name = buf.toString("latin1", pos + 4, pos + 8);
    const body = buf.subarray(pos + 8, pos + 8 + len);
    if (name === "IHDR") {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      check(body[8] === 8 && body[12] === 0, "screenshot: not an 8-bit, non-interlaced PNG");
      type = body[9];
    } else if (name === "IDAT") idat.push(body);
    pos += 12 + len;
  }
  const bpp = type === 6 ? 4 : type === 2 ? 3 : fail(`screenshot: PNG colour type ${type}`);
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * bpp;
  const prev = Buffer.alloc(stride);
  const row = Buffer.alloc(stride);
  const colours = new Set();
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= bpp ? row[x - bpp] : 0;
      const b = prev[x];
      const c = x >= bpp ? prev[x - bpp] : 0;
      let v = line[x];
      if (filter === 1) v += a;
      else if (filter === 2) v += b;
      else if (filter === 3) v += (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
        v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      row[x] = v & 255;
    }
    for (let x = 0; x < stride; x += bpp) colours.add((row[x] << 16) | (row[x + 1] << 8) | row[x + 2]);
    row.copy(prev);
  }
  return colours;
}

async function open(browser, file, kind) {
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 800 });
  const problems = [];
  page.on("console", (m) => {
    // Software WebGL notes that reading pixels back (sigma's hover picking) stalls: a note on
    // the driver, not on the page.
    if (m.type() === "warn" && m.text().includes("GL Driver Message (OpenGL, Performance")) return;
    if (m.type() === "error" || m.type() === "warn") problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("dialog", async (d) => {
    problems.push(`a dialog opened (a script ran): ${d.message()}`);
    await d.dismiss();
  });
  page.on("request", (r) => {
    if (!r.url().startsWith("file:")) problems.push(`request not from disk: ${r.url()}`);
  });
  const url = "file://" + path.resolve(file);
  await page.goto(url, { waitUntil: "load" });
  try {
    await page.waitForSelector("body[data-ready]", { timeout: LIMIT_MS[kind] * 2 });
  } catch (e) {
    fail(`${file}: never drawn (${e.message})\n${problems.join("\n")}`);
  }
  const drawn = await page.evaluate(() => Number(document.body.dataset.ready));
  return { page, problems, drawn };
}

async function screenshot(page, data, shot) {
  const area = await page.$("#graph");
  const png = await area.screenshot({ type: "png" });
  if (shot) fs.writeFileSync(shot, png);
  const colours = pngColours(png);
  check(colours.size >= 20, `screenshot nearly blank: ${colours.size} distinct colours`);
  // The entity types show in their colours (or the paler one of discovered entities): all of
  // them on a small page; on a big one, where nodes cover each other, at least two.
  const pale = (c) => Math.round(c + (255 - c) * 0.55);
  const kinds = [...new Set(data.nodes.map((n) => n.type))];
  const shown = kinds.filter((kind) => {
    const hex = parseInt(data.kinds[kind].color.slice(1), 16);
    const light = (pale(hex >> 16) << 16) | (pale((hex >> 8) & 255) << 8) | pale(hex & 255);
    return colours.has(hex) || colours.has(light);
  });
  const want = data.nodes.length <= 200 ? kinds.length : Math.min(2, kinds.length);
  check(shown.length >= want, `entity colours in the screenshot: ${shown} of ${kinds}`);
  return colours.size;
}

async function common(browser, kind, file, graphFile, shot) {
  const graph = JSON.parse(fs.readFileSync(graphFile, "utf8"));
  const { page, problems, drawn } = await open(browser, file, kind);
  const summary = await page.$eval("#summary", (e) => e.textContent);
  const want = `${count(graph.nodes.length, "entity")}, ${count(graph.edges.length, "edge")}`;
  check(summary === want, `header says "${summary}", graph.json has "${want}"`);
  check(drawn <= LIMIT_MS[kind], `first render ${drawn.toFixed(0)} ms after navigation (limit ${LIMIT_MS[kind]} ms)`);
  const data = await page.evaluate(() => window.kgPage.data);
  const colours = await screenshot(page, data, shot);
  console.log(`${kind}: ${summary}; page holds ${data.nodes.length} entities, ${data.links.length} edges; drawn ${drawn.toFixed(0)} ms after navigation; ${colours} colours`);
  return { page, problems, graph, data };
}

// Hidden state as sigma draws it: the keys of hidden nodes.
async function hiddenKinds(page) {
  return page.evaluate(() => {
    const { renderer, data } = window.kgPage;
    const seen = {};
    data.nodes.forEach((n, i) => {
      const hidden = renderer.getNodeDisplayData(String(i)).hidden ? "hidden" : "shown";
      seen[n.type + " " + hidden] = (seen[n.type + " " + hidden] || 0) + 1;
    });
    return seen;
  });
}

async function news(browser, dir, shot) {
  const { page, problems, graph, data } = await common(browser, "news", `${dir}/graph.html`, `${dir}/graph.json`, shot);
  check(data.nodes.length === graph.nodes.length, "the news page left entities out");
  // Search "El Mencho": a suggestion, then the panel with CJNG among the neighbours.
  const mencho = graph.nodes.find((n) => n.aliases.includes("El Mencho") || n.name === "El Mencho");
  const cjng = graph.nodes.find((n) => n.aliases.includes("CJNG") || n.name === "CJNG");
  check(mencho && cjng, "graph.json has no El Mencho or no CJNG");
  await page.type("#search", "El Mencho");
  await page.waitForSelector("#suggestions li");
  const first = await page.$eval("#suggestions li", (li) => li.textContent);
  check(first.startsWith(mencho.name), `first suggestion for "El Mencho" is "${first}"`);
  await page.keyboard.press("Enter");
  await page.waitForFunction((name) => document.querySelector("#panel h2")?.textContent === name, { timeout: 2000 }, mencho.name);
  const panel = await page.evaluate((cjngName) => {
    const items = [...document.querySelectorAll("#panel li.neighbour")];
    const names = items.map((li) => li.querySelector("button").textContent);
    const li = items.find((x) => x.querySelector("button").textContent === cjngName);
    const sentences = li ? [...li.querySelectorAll("p.evidence")].map((p) => ({
      text: p.textContent,
      marks: [...p.querySelectorAll("mark")].map((m) => m.textContent),
    })) : [];
    return { names, sentences, meta: [...document.querySelectorAll("#panel .meta")].map((m) => m.textContent) };
  }, cjng.name);
  check(panel.names.includes(cjng.name), `panel neighbours lack ${cjng.name}: ${panel.names.slice(0, 10)}`);
  const forms = (n) => new Set([n.name, ...n.aliases, ...n.seen]);
  const [fm, fc] = [forms(mencho), forms(cjng)];
  const both = panel.sentences.find((s) => s.marks.length === 2 &&
    ((fm.has(s.marks[0]) && fc.has(s.marks[1])) || (fc.has(s.marks[0]) && fm.has(s.marks[1]))));
  check(both, `no evidence sentence with both names highlighted: ${JSON.stringify(panel.sentences.slice(0, 3))}`);
  check(panel.meta.some((m) => m === `${mencho.mentions} mentions in ${mencho.documents} documents` ||
    m.startsWith(`${mencho.mentions} mentions in ${mencho.documents} documents,`)), `panel counts: ${panel.meta}`);
  console.log(`news: "El Mencho" -> ${mencho.name}; ${panel.names.length} neighbours; "${both.text.slice(0, 90)}..."`);
  if (shot) {
    await new Promise((r) => setTimeout(r, 600)); // the camera's move to the entity
    await page.screenshot({ path: shot.replace(/\.png$/, "-panel.png") });
  }
  // Back to everything, then hide organizations: exactly the ORG entities go.
  await page.evaluate(() => window.kgPage.select(null));
  const orgs = graph.nodes.filter((n) => n.type === "ORG").length;
  check(orgs > 0, "the news graph has no ORG");
  await page.click('input[data-kind="ORG"]');
  const hidden = await hiddenKinds(page);
  check(!hidden["ORG shown"] && hidden["ORG hidden"] === orgs && !hidden["PERSON hidden"] && !hidden["PLACE hidden"],
    `after unticking ORG: ${JSON.stringify(hidden)}`);
  const status = await page.$eval("#status", (e) => e.textContent);
  check(status.startsWith(`showing ${graph.nodes.length - orgs} of ${graph.nodes.length} entities`), `status: ${status}`);
  await page.click('input[data-kind="ORG"]');
  const back = await hiddenKinds(page);
  check(!Object.keys(back).some((k) => k.endsWith("hidden")), `after ticking ORG again: ${JSON.stringify(back)}`);
  // Typed relations only: every co-occurrence edge hidden, every typed one between shown ends.
  await page.click("#relations-only");
  const edges = await page.evaluate(() => {
    const { renderer, data } = window.kgPage;
    let wrong = 0, typed = 0;
    data.links.forEach((l, i) => {
      const hidden = renderer.getEdgeDisplayData(String(i)).hidden;
      if (l.directed) typed += hidden ? 0 : 1;
      else if (!hidden) wrong++;
    });
    return { wrong, typed };
  });
  check(edges.wrong === 0 && edges.typed === graph.edges.filter((e) => e.directed).length, `typed relations only: ${JSON.stringify(edges)}`);
  await page.click("#relations-only");
  check(problems.length === 0, problems.join("\n"));
}

async function hostile(browser, file, graphFile, shot) {
  const { page, problems, graph } = await common(browser, "hostile", file, graphFile, shot);
  // Every name shows as the same text, in suggestions and in the panel; nothing became markup.
  for (const n of graph.nodes) {
    const got = await page.evaluate((i) => {
      window.kgPage.select(i);
      return {
        title: document.querySelector("#panel h2").textContent,
        evidence: [...document.querySelectorAll("#panel p.evidence")].map((p) => p.textContent),
      };
    }, graph.nodes.indexOf(n));
    check(got.title === n.name, `panel title ${JSON.stringify(got.title)} for ${JSON.stringify(n.name)}`);
    check(got.evidence.length > 0 && got.evidence.every((t) => t.includes(n.name)), `evidence of ${JSON.stringify(n.name)}: ${JSON.stringify(got.evidence)}`);
  }
  await page.type("#search", "script");
  await page.waitForSelector("#suggestions li");
  const suggestion = await page.$eval("#suggestions li", (li) => li.firstChild.textContent);
  check(suggestion === graph.nodes[0].name, `suggestion ${JSON.stringify(suggestion)}`);
  const markup = await page.evaluate(() => ({
    scripts: document.scripts.length,
    injected: document.querySelectorAll("img, svg, b, i, iframe").length,
  }));
  check(markup.scripts === 3 && markup.injected === 0, `markup from data: ${JSON.stringify(markup)}`);
  check(problems.length === 0, problems.join("\n"));
  console.log(`hostile: ${graph.nodes.length} names shown as text; no script ran`);
}

async function big(browser, file, graphFile, shot) {
  const { page, problems, data } = await common(browser, "big", file, graphFile, shot);
  const note = await page.$eval("#note", (e) => e.textContent);
  check(data.nodes.length === 5000 && note.includes("5000 most connected of 6000"), `cut note: "${note}", ${data.nodes.length} entities`);
  check(problems.length === 0, problems.join("\n"));
}

async function page(browser, dir, shot) {
  const { page, problems, graph, data } = await common(browser, "page", `${dir}/graph.html`, `${dir}/graph.json`, shot);
  check(data.nodes.length === Math.min(graph.nodes.length, 5000), `the page holds ${data.nodes.length} entities`);
  // A window narrower than the side panel leaves the graph no width: no error, and the graph
  // comes back when the window widens again.
  await page.setViewport({ width: 300, height: 800 });
  await new Promise((r) => setTimeout(r, 300));
  const narrow = await page.$eval("#graph", (e) => e.offsetWidth);
  await page.setViewport({ width: 1280, height: 800 });
  await new Promise((r) => setTimeout(r, 300));
  const colours = await screenshot(page, data, null);
  console.log(`page: graph ${narrow} px wide in a 300 px window, ${colours} colours when widened again`);
  check(problems.length === 0, problems.join("\n"));
}

async function view(browser, file, graphFile, shot) {
  // The header still counts the whole graph; the page holds the view.
  const { problems, graph, data } = await common(browser, "view", file, graphFile, shot);
  check(data.nodes.length > 1 && data.nodes.length < graph.nodes.length, `the view holds ${data.nodes.length} entities`);
  check(problems.length === 0, problems.join("\n"));
}

(async () => {
  const [kind, ...args] = process.argv.slice(2);
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--headless=new", "--no-sandbox", "--disable-gpu", "--enable-unsafe-swiftshader"],
  });
  try {
    if (kind === "news") await news(browser, args[0], args[1]);
    else if (kind === "hostile") await hostile(browser, args[0], args[1], args[2]);
    else if (kind === "big") await big(browser, args[0], args[1], args[2]);
    else if (kind === "page") await page(browser, args[0], args[1]);
    else if (kind === "view") await view(browser, args[0], args[1], args[2]);
    else fail(`unknown check "${kind}"`);
  } finally {
    await browser.close();
  }
})().catch((e) => fail(e.stack || String(e)));
