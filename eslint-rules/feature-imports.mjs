// The import rules of a project's feature folders (src/modules/<feature>/), checked rather than only
// written down (see docs/architecture.md):
// - `no-cycle`: no two feature folders import each other, directly or through others. One feature
//   reaches another only through that feature's index.ts, and only in one direction; where two must
//   talk both ways, app.ts hands one of them the other's repository through an interface (a port).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** `<modules dir>` -> feature -> the features its files import. Built once per lint run. */
const graphs = new Map();

const SIBLING_FEATURE = /from\s+'\.\.\/([^/'.]+)\//g;

function tsFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return tsFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

function featureGraph(modulesDir) {
  let graph = graphs.get(modulesDir);
  if (graph) return graph;
  graph = new Map();
  for (const entry of readdirSync(modulesDir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const imports = new Set();
    for (const file of tsFiles(path.join(modulesDir, entry.name))) {
      for (const match of readFileSync(file, 'utf8').matchAll(SIBLING_FEATURE)) {
        if (match[1] !== entry.name) imports.add(match[1]);
      }
    }
    graph.set(entry.name, imports);
  }
  graphs.set(modulesDir, graph);
  return graph;
}

/** The path of features from `from` to `to`, if `to` can be reached. */
function pathBetween(graph, from, to, seen = new Set()) {
  if (from === to) return [to];
  seen.add(from);
  for (const next of graph.get(from) ?? []) {
    if (seen.has(next)) continue;
    const rest = pathBetween(graph, next, to, seen);
    if (rest) return [from, ...rest];
  }
  return undefined;
}

const noCycle = {
  meta: {
    type: 'problem',
    docs: { description: 'Feature folders under src/modules must not import each other in a circle.' },
    schema: [],
    messages: {
      cycle:
        "'{{feature}}' imports '{{target}}', which already depends on '{{feature}}' ({{path}}). Pass one of them the other's repository or service through an interface in app.ts instead.",
    },
  },
  create(context) {
    // src/modules/<feature>/, or src/<service>/modules/<feature>/ in a project of several services.
    const match = /^(.*[/\\]src(?:[/\\][^/\\]+)?[/\\]modules)[/\\]([^/\\]+)[/\\]/.exec(context.filename);
    if (!match) return {};
    const [, modulesDir, feature] = match;
    const check = (node) => {
      const target = /^\.\.\/([^/.]+)\//.exec(node.source?.value ?? '')?.[1];
      if (!target || target === feature) return;
      const back = pathBetween(featureGraph(modulesDir), target, feature);
      if (back) context.report({ node, messageId: 'cycle', data: { feature, target, path: back.join(' -> ') } });
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check };
  },
};

export default { rules: { 'no-cycle': noCycle } };
