import fs from 'node:fs';
import path from 'node:path';
import { allActions } from '../../cloudfunctions/api/src/app/registry';
import { FIELD_LABELS, RETRYABLE_ACTIONS } from '../../typings/contract/constants';
import { fieldLabel } from '../../cloudfunctions/api/src/app/validation';

const actions = allActions();

// The house rules of the function's code (docs/architecture.md#layout), checked on the source so a
// change that breaks one is told at once rather than found in review.

const SRC = path.join(__dirname, '../../cloudfunctions/api/src');
const EMULATOR = path.join(__dirname, '../../emulator');

function sourceFiles(dir = SRC): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'dist' ? [] : sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** Files a source file imports from the same code base (type-only imports included: they still couple). */
function localImports(file: string, root = SRC): string[] {
  const text = fs.readFileSync(file, 'utf8');
  return [...text.matchAll(/from '(\.{1,2}\/[^']+)'/g)]
    .map((m) => path.resolve(path.dirname(file), m[1]))
    .map((target) => (fs.existsSync(`${target}.ts`) ? `${target}.ts` : path.join(target, 'index.ts')))
    .filter((target) => target.startsWith(root) && fs.existsSync(target));
}

function cyclesIn(root: string): string[] {
  const graph = new Map(sourceFiles(root).map((f) => [f, localImports(f, root)]));
  const cycles: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (file: string, trail: string[]) => {
    if (state.get(file) === 'done') return;
    if (state.get(file) === 'visiting') {
      cycles.push([...trail.slice(trail.indexOf(file)), file].map((f) => path.relative(root, f)).join(' → '));
      return;
    }
    state.set(file, 'visiting');
    for (const next of graph.get(file) ?? []) visit(next, [...trail, file]);
    state.set(file, 'done');
  };
  for (const file of graph.keys()) visit(file, []);
  return cycles;
}

const rel = (file: string) => path.relative(SRC, file);
const files = sourceFiles();

test('rules are pure decisions: no rules.ts imports actions, a store or the platform database', () => {
  const offending = files
    .filter((f) => f.endsWith('rules.ts'))
    .flatMap((f) =>
      localImports(f)
        .filter((t) => /(actions|store|db|openapi|cloud)\.ts$/.test(t))
        .map((t) => `${rel(f)} → ${rel(t)}`),
    );
  expect(offending).toEqual([]);
});

test('no capability reaches into another capability’s actions', () => {
  const offending = files.flatMap((f) =>
    localImports(f)
      .filter(
        (t) =>
          /actions\.ts$/.test(t) && !rel(t).startsWith('app/') && path.dirname(t) !== path.dirname(f) && !rel(f).startsWith('app/registry'),
      )
      .map((t) => `${rel(f)} → ${rel(t)}`),
  );
  expect(offending).toEqual([]);
});

test('imports between files never run in a circle, in the function or in the emulator', () => {
  expect(cyclesIn(SRC)).toEqual([]);
  expect(cyclesIn(EMULATOR)).toEqual([]);
});

test('every action’s handler is a named function, so a stack trace and grep find it', () => {
  const anonymous = files
    .filter((f) => /actions\.ts$/.test(f))
    .flatMap((f) => [...fs.readFileSync(f, 'utf8').matchAll(/(async handle\(|handle: (async )?\()/g)].map(() => rel(f)));
  expect(anonymous).toEqual([]);
});

test('store functions used inside a transaction share one suffix', () => {
  const named = files.flatMap((f) =>
    [...fs.readFileSync(f, 'utf8').matchAll(/function (\w+InTransaction)\b/g)].map((m) => `${rel(f)}: ${m[1]}`),
  );
  expect(named).toEqual([]);
});

test('exactly the writes the contract lists as retryable take a requestId', () => {
  const keyed = Object.entries(actions)
    .filter(([, definition]) => 'requestId' in ((definition.input as unknown as { shape?: object }).shape ?? {}))
    .map(([name]) => name)
    .sort();
  expect(keyed).toEqual([...RETRYABLE_ACTIONS].sort());
});

/** Every field name in a schema, nested objects and arrays included. */
function fieldNames(schema: unknown, into = new Set<string>()): Set<string> {
  const def = (schema as { _zod?: { def?: Record<string, any> } })?._zod?.def;
  if (!def) return into;
  if (def.type === 'object') {
    for (const [name, inner] of Object.entries(def.shape as Record<string, unknown>)) {
      into.add(name);
      fieldNames(inner, into);
    }
  } else if (['optional', 'nullable', 'default'].includes(def.type)) fieldNames(def.innerType, into);
  else if (def.type === 'pipe') fieldNames(def.in, into);
  else if (def.type === 'array') fieldNames(def.element, into);
  else if (def.type === 'union') for (const option of def.options) fieldNames(option, into);
  return into;
}

test('every payload field has a Chinese label for the messages people read', () => {
  const names = new Set<string>();
  for (const definition of Object.values(actions)) fieldNames(definition.input, names);
  expect([...names].filter((name) => !FIELD_LABELS[name])).toEqual([]);
  expect(fieldLabel('projects.0.title')).toBe('候选项目第 1 项的标题');
});

test('the audit trail is append-only: only the command writes it, and no code updates or removes an entry', () => {
  const read = (f: string) => fs.readFileSync(f, 'utf8');
  // The collection is named in one place, and that store's only write is the command's insert.
  // (The registry names the audit capability, not the collection.)
  expect(files.filter((f) => rel(f) !== 'app/registry.ts' && /['"]audit['"]/.test(read(f))).map(rel)).toEqual(['audit/store.ts']);
  expect(
    files
      .filter((f) => /\binsertAuditInTx\b/.test(read(f)))
      .map(rel)
      .sort(),
  ).toEqual(['app/command.ts', 'audit/store.ts']);
  const store = read(path.join(SRC, 'audit/store.ts'));
  expect(store).not.toMatch(/\.(update|remove)\(/);
  expect([...store.matchAll(/export async function (\w+)/g)].map((m) => m[1]).sort()).toEqual(['insertAuditInTx', 'listAudit']);
  // Staff read it; no action is there to change it.
  expect(Object.keys(actions).filter((name) => /audit/i.test(name))).toEqual(['admin.audit.list']);
});

test('zod is imported as a namespace, so the bundle keeps only the schema kinds the function uses', () => {
  // `import { z }` pulls zod's whole namespace object (every schema kind, ~100 KB more to compile on a cold start).
  const named = sourceFiles().filter((f) => /import \{[^}]*\bz\b[^}]*\} from 'zod'/.test(fs.readFileSync(f, 'utf8')));
  expect(named.map((f) => path.relative(SRC, f))).toEqual([]);
});
