// Parses a kg GraphML with graphology-graphml and a kg GEXF with graphology-gexf (the parsers
// Gephi Lite uses) and checks each against graph.json: node and edge counts, numeric weights,
// labels, and which edges are directed.
const fs = require('fs');
const Graph = require('graphology');
const graphml = require('graphology-graphml');
const gexf = require('graphology-gexf');

const [path, jsonPath] = process.argv.slice(2);
const parser = path.endsWith('.gexf') ? gexf : graphml;
const graph = parser.parse(Graph, fs.readFileSync(path, 'utf8'));
const data = JSON.parse(fs.readFileSync(jsonPath, 'utf8'));
function check(ok, message) {
  if (!ok) {
    console.error(`${path}: ${message}`);
    process.exit(1);
  }
}
check(graph.order === data.nodes.length, `nodes ${graph.order} != ${data.nodes.length}`);
check(graph.size === data.edges.length, `edges ${graph.size} != ${data.edges.length}`);
graph.forEachEdge((edge, attrs) => {
  check(typeof attrs.weight === 'number' && attrs.weight >= 1, `edge ${edge} weight ${attrs.weight}`);
});
graph.forEachNode((node, attrs) => {
  check(typeof attrs.label === 'string' && attrs.label.length > 0, `node ${node} has no label`);
  check(typeof attrs.mentions === 'number', `node ${node} mentions ${attrs.mentions}`);
});
if (parser === gexf) {
  // GraphML declares every edge directed and says which are not in data; GEXF says it in the
  // edge type, so graphology's own count of directed edges must match graph.json's.
  const directed = data.edges.filter((e) => e.directed).length;
  check(graph.directedSize === directed, `directed edges ${graph.directedSize} != ${directed}`);
}
console.log(`${path}: graphology read ${graph.order} nodes and ${graph.size} edges (${graph.directedSize} directed); weights are numeric`);
