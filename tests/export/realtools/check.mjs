// Checks archassist's exports in headless Chromium: SVG as a page, draw.io XML decoded by
// mxGraph's mxCodec, Mermaid text rendered by mermaid, the HTML report as a page. Writes a
// screenshot of each next to the input (NAME.chromium.png, NAME.mxgraph.png, ...) to look at.
//
// Usage: node check.mjs DIR   (DIR as written by gen.py; see README.md)
import { chromium } from "playwright-core";
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const dir = resolve(process.argv[2] ?? "/tmp/archassist-realtools");
const files = readdirSync(dir).sort();
const HOSTILE = '<script>alert(1)</script> & "q"';
let failures = 0;
const fail = (msg) => {
  failures += 1;
  console.log(`FAIL ${msg}`);
};
const ok = (msg) => console.log(`ok   ${msg}`);

const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
});

async function newPage() {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  const seen = { dialogs: 0, errors: [], requests: [] };
  page.on("dialog", async (d) => {
    seen.dialogs += 1;
    await d.dismiss();
  });
  page.on("pageerror", (e) => seen.errors.push(String(e)));
  page.on("console", (m) => {
    if (m.type() === "error") seen.errors.push(m.text());
  });
  page.on("request", (r) => seen.requests.push(r.url()));
  return { page, seen };
}

// --- SVG: loads as a document, nothing fetched, nothing run, hostile text shown as text
for (const name of files.filter((f) => f.endsWith(".svg"))) {
  const { page, seen } = await newPage();
  const url = pathToFileURL(join(dir, name)).href;
  await page.goto(url);
  const info = await page.evaluate(() => {
    const svg = document.documentElement;
    return {
      tag: svg.tagName,
      width: svg.getAttribute("width"),
      height: svg.getAttribute("height"),
      scripts: document.getElementsByTagName("script").length,
      text: [...document.getElementsByTagName("text")].map((t) => t.textContent),
    };
  });
  const others = seen.requests.filter((u) => u !== url);
  // fullPage hangs on an SVG document: size the viewport to the drawing instead
  await page.setViewportSize({
    width: Math.min(Math.ceil(Number(info.width)) || 800, 4000),
    height: Math.min(Math.ceil(Number(info.height)) || 600, 4000),
  });
  await page.screenshot({ path: join(dir, name.replace(/\.svg$/, ".chromium.png")) });
  if (info.tag !== "svg") fail(`${name}: not an SVG document (${info.tag})`);
  else if (others.length) fail(`${name}: fetched ${others.join(", ")}`);
  else if (info.scripts || seen.dialogs) fail(`${name}: script elements or dialogs`);
  else if (seen.errors.length) fail(`${name}: ${seen.errors.join("; ")}`);
  else if (name.includes("hostile") && !info.text.includes(HOSTILE))
    fail(`${name}: the hostile label is not shown as text`);
  else ok(`${name}: ${info.width}x${info.height}, ${info.text.length} texts, no requests`);
  await page.close();
}

// --- draw.io: mxCodec decodes the model; cells, edges and container parents come through
const mxClient = readFileSync(join(here, "node_modules/mxgraph/javascript/mxClient.min.js"), "utf8");
for (const name of files.filter((f) => f.endsWith(".drawio"))) {
  const { page, seen } = await newPage();
  await page.setContent('<div id="graph" style="position:absolute;inset:0;overflow:hidden"></div>');
  await page.addScriptTag({
    content: "window.mxBasePath='.';window.mxLoadResources=false;window.mxLoadStylesheets=false;" +
      "window.mxImageBasePath='.';",
  });
  await page.addScriptTag({ content: mxClient });
  const xml = readFileSync(join(dir, name), "utf8");
  const info = await page.evaluate((xml) => {
    const doc = mxUtils.parseXml(xml);
    const modelNode = doc.getElementsByTagName("mxGraphModel")[0];
    const graph = new mxGraph(document.getElementById("graph"));
    graph.setHtmlLabels(true);
    new mxCodec(modelNode.ownerDocument).decode(modelNode, graph.getModel());
    const model = graph.getModel();
    const cells = Object.values(model.cells);
    const vertices = cells.filter((c) => c.vertex);
    const edges = cells.filter((c) => c.edge);
    const containers = vertices.filter((c) => (c.style || "").includes("container=1"));
    const childrenOk = vertices.every((c) => {
      const p = c.parent;
      return p && (p.id === "1" || (p.style || "").includes("container=1"));
    });
    const edgesOk = edges.every((e) => e.source && e.target && e.source.vertex && e.target.vertex);
    graph.fit(10);
    const labels = [...document.querySelectorAll("#graph foreignObject div, #graph text")].map(
      (d) => d.textContent,
    );
    return {
      vertices: vertices.length,
      edges: edges.length,
      containers: containers.length,
      childrenOk,
      edgesOk,
      scripts: document.querySelectorAll("#graph script").length,
      labels,
      nested: containers.filter((c) => c.parent && c.parent.id !== "1").length,
    };
  }, xml);
  const expectVertices = (xml.match(/vertex="1"/g) || []).length;
  const expectEdges = (xml.match(/edge="1"/g) || []).length;
  await page.screenshot({ path: join(dir, name.replace(/\.drawio$/, ".mxgraph.png")) });
  if (info.vertices !== expectVertices || info.edges !== expectEdges)
    fail(`${name}: decoded ${info.vertices} vertices/${info.edges} edges, file has ${expectVertices}/${expectEdges}`);
  else if (!info.childrenOk || !info.edgesOk) fail(`${name}: a parent or an edge end is wrong`);
  else if (info.scripts || seen.dialogs) fail(`${name}: a label became a script`);
  else if (name.includes("hostile") && !info.labels.some((t) => t.includes(HOSTILE)))
    fail(`${name}: the hostile label is not shown as text (${JSON.stringify(info.labels)})`);
  else
    ok(`${name}: ${info.vertices} vertices (${info.containers} containers, ${info.nested} nested), ${info.edges} edges`);
  await page.close();
}

// --- Mermaid: renders without error; one cluster per subgraph; hostile text is text
const mermaidJs = readFileSync(join(here, "node_modules/mermaid/dist/mermaid.min.js"), "utf8");
for (const name of files.filter((f) => f.endsWith(".mmd"))) {
  const { page, seen } = await newPage();
  await page.setContent('<div id="out"></div>');
  await page.addScriptTag({ content: mermaidJs });
  const text = readFileSync(join(dir, name), "utf8");
  const info = await page.evaluate(async (text) => {
    mermaid.initialize({ startOnLoad: false, securityLevel: "strict", flowchart: { htmlLabels: true } });
    try {
      const { svg } = await mermaid.render("diagram", text);
      document.getElementById("out").innerHTML = svg;
    } catch (e) {
      return { error: String(e && e.message ? e.message : e) };
    }
    const root = document.querySelector("#out svg");
    return {
      clusters: root.querySelectorAll("g.cluster").length,
      nodes: root.querySelectorAll("g.node").length,
      edges: root.querySelectorAll("path.flowchart-link, .edgePaths path").length,
      scripts: root.querySelectorAll("script").length,
      text: root.textContent,
    };
  }, text);
  await page.screenshot({ path: join(dir, name.replace(/\.mmd$/, ".mermaid.png")), fullPage: true });
  const subgraphs = (text.match(/^\s*subgraph /gm) || []).length;
  const nodes = (text.match(/^\s*n_\w+\["/gm) || []).length;
  if (info.error) fail(`${name}: mermaid says ${info.error}`);
  else if (info.clusters !== subgraphs || info.nodes !== nodes)
    fail(`${name}: ${info.clusters}/${subgraphs} clusters, ${info.nodes}/${nodes} nodes`);
  else if (info.scripts || seen.dialogs) fail(`${name}: a label became a script`);
  else if (name.includes("hostile") && !info.text.includes(HOSTILE))
    fail(`${name}: the hostile label is not shown as text`);
  else ok(`${name}: ${info.nodes} nodes, ${info.clusters} clusters, ${info.edges} edges`);
  await page.close();
}

// --- HTML reports: nothing fetched, no errors (CSP violations included), full-page shot
for (const name of files.filter((f) => f.endsWith(".html"))) {
  const { page, seen } = await newPage();
  const url = pathToFileURL(join(dir, name)).href;
  await page.goto(url);
  const info = await page.evaluate(() => ({
    sections: document.querySelectorAll("section").length,
    svg: document.querySelectorAll("figure svg").length,
    scripts: document.getElementsByTagName("script").length,
  }));
  const others = seen.requests.filter((u) => u !== url);
  await page.screenshot({ path: join(dir, name.replace(/\.html$/, ".report.png")), fullPage: true });
  if (others.length) fail(`${name}: fetched ${others.join(", ")}`);
  else if (seen.errors.length) fail(`${name}: ${seen.errors.join("; ")}`);
  else if (info.scripts || seen.dialogs) fail(`${name}: script elements or dialogs`);
  else ok(`${name}: ${info.sections} areas, ${info.svg} inline SVG, no requests, no errors`);
  await page.close();
}

await browser.close();
writeFileSync(join(dir, "chromium-summary.txt"), `${failures} failure(s)\n`);
console.log(failures ? `${failures} failure(s)` : "all Chromium checks passed");
process.exit(failures ? 1 : 0);
