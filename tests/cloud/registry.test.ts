import fs from 'node:fs';
import path from 'node:path';

// The registry loads a capability when one of its actions is first called (app/registry.ts). These
// tests hold it to that: every action is found through its area alone, and a call loads only what it
// needs. Each test gets a fresh module registry, so nothing is loaded before it starts.

type Registry = typeof import('../../cloudfunctions/api/src/app/registry');
const freshRegistry = (): Registry => {
  jest.resetModules();
  return require('../../cloudfunctions/api/src/app/registry') as Registry;
};

test('every action of every capability is found through its area, as the same definition', () => {
  const all = freshRegistry().allActions();
  const names = Object.keys(all);
  expect(names.length).toBeGreaterThan(80);
  const areas = new Map<string, string[]>();
  const { areaOf } = freshRegistry();
  for (const name of names) areas.set(areaOf(name), [...(areas.get(areaOf(name)) ?? []), name]);
  for (const [area, inArea] of areas) {
    // A fresh registry per area: an action must be reachable without another area having loaded its module.
    const registry = freshRegistry();
    for (const name of inArea) {
      const found = registry.findAction(name);
      expect({ area, name, found: found !== undefined }).toEqual({ area, name, found: true });
      expect(Object.keys(found!)).toEqual(Object.keys(all[name as keyof typeof all]!));
    }
  }
});

test('every action the contract declares is registered', () => {
  const contract = fs
    .readdirSync(path.join(__dirname, '../../typings/contract'))
    .map((f) => fs.readFileSync(path.join(__dirname, '../../typings/contract', f), 'utf8'))
    .flatMap((text) => [...text.matchAll(/export interface \w+Actions \{([\s\S]*?)\n\}/g)])
    .flatMap((m) => [...m[1].matchAll(/^ {2}'([\w.]+)':/gm)].map((n) => n[1]));
  expect(contract.length).toBeGreaterThan(80);
  expect(Object.keys(freshRegistry().allActions()).sort()).toEqual([...new Set(contract)].sort());
});

test('a call loads only the capabilities of its area: a ballot does not compile the directory or the messages', () => {
  const registry = freshRegistry();
  expect(registry.loadedCapabilities()).toEqual([]);
  expect(registry.findAction('votes.cast')).toBeDefined();
  expect(registry.loadedCapabilities()).toEqual(['voting']);
  expect(registry.findAction('me.export')).toBeDefined();
  expect(registry.loadedCapabilities()).toEqual(['voting', 'identity', 'privacy']);
});

test('an unknown action is not found, and an unknown area loads nothing', () => {
  const registry = freshRegistry();
  for (const name of ['nope', 'admin', 'admin.nope.list', 'messages.nope', 'constructor', '__proto__.x', 'toString'])
    expect(registry.findAction(name)).toBeUndefined();
  expect(registry.loadedCapabilities()).toEqual(['messages']);
});

test('staff moderation loads every capability whose held text it approves or rejects', () => {
  const registry = freshRegistry();
  const screening =
    require('../../cloudfunctions/api/src/moderation/screening') as typeof import('../../cloudfunctions/api/src/moderation/screening');
  expect(registry.findAction('admin.moderation.approve')).toBeDefined();
  for (const kind of ['message', 'entry', 'duty', 'supervision'] as const)
    expect({ kind, registered: !!screening.moderationSubject(kind) }).toEqual({ kind, registered: true });
});
