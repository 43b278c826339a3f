/**
 * The repository's static import graph (relative imports only), read with TypeScript's pre-processor so
 * that `import type`, re-exports and dynamic `import()` all count. Used by the fence tests and handy by hand:
 *   npx tsx scripts/fences/import-graph.ts cycles       print every import cycle
 *   npx tsx scripts/fences/import-graph.ts who <file>   print the files that import <file>
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export const repoRoot = path.resolve(__dirname, '../..');

const sourceDirs = ['keyring', 'extension', 'e2e', 'scripts'];
const skipDirs = new Set(['node_modules', 'fixtures', 'dist']);

export type ImportGraph = Map<string, string[]>;

function listSources(dir: string, out: string[]): void {
  if (!fs.existsSync(dir)) return;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (skipDirs.has(entry.name) || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) listSources(full, out);
    else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(full);
  }
}

function resolveImport(from: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const base = path.resolve(path.dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts'), path.join(base, 'index.tsx')]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

/** Every source file (repo-relative, forward slashes) mapped to the repo files it imports. */
export function importGraph(root: string = repoRoot): ImportGraph {
  const files: string[] = [];
  for (const dir of sourceDirs) listSources(path.join(root, dir), files);
  const graph: ImportGraph = new Map();
  const rel = (f: string): string => path.relative(root, f).split(path.sep).join('/');
  for (const file of files) {
    const info = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true);
    const targets = info.importedFiles
      .map((i) => resolveImport(file, i.fileName))
      .filter((t): t is string => t !== undefined)
      .map(rel);
    graph.set(rel(file), [...new Set(targets)]);
  }
  return graph;
}

/** Every file reachable from the given entries (including the entries). */
export function reachable(graph: ImportGraph, entries: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const stack = [...entries];
  while (stack.length > 0) {
    const file = stack.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    stack.push(...(graph.get(file) ?? []));
  }
  return seen;
}

/** The strongly connected components with more than one file (Tarjan), each sorted. */
export function cycles(graph: ImportGraph): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const out: string[][] = [];
  const visit = (v: string): void => {
    indices.set(v, index);
    low.set(v, index);
    index += 1;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!indices.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, indices.get(w)!));
    }
    if (low.get(v) === indices.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) out.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!indices.has(v)) visit(v);
  return out;
}

if (require.main === module) {
  const [cmd, arg] = process.argv.slice(2);
  const graph = importGraph();
  if (cmd === 'cycles') for (const c of cycles(graph)) console.log(c.join('\n  '), '\n');
  else if (cmd === 'who' && arg) {
    for (const [file, targets] of graph) if (targets.includes(arg)) console.log(file);
  } else console.log('usage: import-graph.ts cycles | who <repo-relative file>');
}
