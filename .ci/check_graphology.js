// Parses a kg GraphML with graphology-graphml (the parser Gephi Lite uses) and checks it against
// graph.json: node and edge counts, numeric weights.
const fs = require('fs');
const Graph = require('graphology');
const graphml = require('graphology-graphml');

const [graphmlPath, jsonPath] = process.argv.slice(2);
const graph = graphml.parse(Graph, fs.readFileSync(graphmlPath, 'utf8'));
const data = JSON.parse(fs.readFileSync(jsonPath, 'utf8'));
function check(ok, message) {
  if (!ok) {
    console.error(`${graphmlPath}: ${message}`);
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
console.log(`${graphmlPath}: graphology read ${graph.order} nodes and ${graph.size} edges; weights are numeric`);
