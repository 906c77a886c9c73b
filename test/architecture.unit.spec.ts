import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  formatViolation,
  productionSources,
  scanDomainSource,
  scanNestFreeSource,
  Violation,
} from './support/source-scanner';

/**
 * The layering, checked on the source with the TypeScript parser:
 *
 * - `libs/domain/src` is pure TypeScript: it imports only relative paths inside
 *   itself (no NestJS, no Node built-in, no store or client library, no other
 *   layer, no npm package at all) and never reads the clock, randomness, the
 *   process or a timer; dates and ids come in with the commands.
 * - `libs/application`, `libs/projections` and `libs/event-store` import no
 *   NestJS (and nothing from `apps/`), so the CLI and a projector can use them
 *   without a Nest container.
 *
 * Test files (`*.spec.ts`) and test helpers (`testing/`, `test-support/`) are
 * not production code and are not scanned.
 */

const REPO = path.resolve(__dirname, '..');
const DOMAIN = path.join(REPO, 'libs/domain/src');
const NEST_FREE = [
  'libs/application/src',
  'libs/projections/src',
  'libs/event-store/src',
  'libs/audit/src',
];

const relative = (v: Violation): Violation => ({ ...v, file: path.relative(REPO, v.file) });
const scanDomainFile = (file: string) =>
  scanDomainSource(file, fs.readFileSync(file, 'utf8'), DOMAIN).map(relative);

describe('architecture: the scanner itself', () => {
  const at = (source: string) =>
    scanDomainSource(path.join(DOMAIN, 'shared/in-memory.ts'), source, DOMAIN).map(
      (v) => `${v.line}: ${v.what}`,
    );

  it('given a source with one violation of each kind, when scanned, then each is reported on its own line', () => {
    const source = [
      /* 1 */ "import { Injectable } from '@nestjs/common';",
      /* 2 */ "import * as fs from 'node:fs';",
      /* 3 */ "import { join } from 'path';",
      /* 4 */ "import type { Database } from 'better-sqlite3';",
      /* 5 */ "export { Observable } from 'rxjs';",
      /* 6 */ "import { appendToStream } from '@ledger/event-store';",
      /* 7 */ "import { money } from 'dinero.js';",
      /* 8 */ "import { ok } from './fine';",
      /* 9 */ "const c = require('crypto');",
      /* 10 */ "const later = () => import('ioredis');",
      /* 11 */ 'const now = Date.now();',
      /* 12 */ 'const d = new Date(2023, 0, 1);',
      /* 13 */ 'const e = Date();',
      /* 14 */ 'const r = Math.random();',
      /* 15 */ 'const u = crypto.randomUUID();',
      /* 16 */ 'const tz = process.env.TZ;',
      /* 17 */ 'setTimeout(() => undefined, 1);',
      /* 18 */ 'const t = performance.now();',
      /* 19 */ 'const g = globalThis.Date.now();',
      /* 20 */ "import { outside } from '../../../application/src/index';",
      /* 21 */ "type Stats = import('fs').Stats;",
      /* 22 */ 'const dyn = (m: string) => require(m);',
      /* 23 */ "const i = setInterval(() => undefined, 1000), x = Date['now']();",
    ].join('\n');
    expect(at(source)).toEqual([
      "1: import '@nestjs/common': NestJS",
      "2: import 'node:fs': a Node built-in",
      "3: import 'path': a Node built-in",
      "4: import type 'better-sqlite3': an infrastructure package",
      "5: export … from 'rxjs': an infrastructure package",
      "6: import '@ledger/event-store': an outer layer",
      "7: import 'dinero.js': an npm package (the domain imports relative paths only)",
      "9: require() 'crypto': a Node built-in",
      "10: import() 'ioredis': an infrastructure package",
      '11: Date.now (the clock)',
      '12: new Date (the clock)',
      '13: Date() (the clock)',
      '14: Math.random (randomness)',
      '15: crypto.randomUUID (randomness)',
      '16: process.env (the process environment)',
      '17: setTimeout (a timer)',
      '18: performance.now (the clock)',
      '19: Date.now (the clock)',
      "20: import '../../../application/src/index': a relative path that leaves libs/domain/src",
      "21: import('…') type 'fs': a Node built-in",
      '22: require() of a computed module name',
      '23: setInterval (a timer)',
      '23: Date.now (the clock)',
    ]);
  });

  it('given pure code that only looks like a violation, when scanned, then nothing is reported', () => {
    const source = [
      "import { isBusinessDate } from './business-date';",
      "export * from '../rules/refusal';",
      'export function f(processId: string, dates: Date[], x: { process: number; now: () => number }): boolean {',
      '  const process = { id: 1 }; // a local of the same name is not the global',
      '  const when: Date | undefined = undefined;',
      '  const o = { Date: 1, random: Math.floor(1.5), now: x.now(), crypto: "sha" };',
      "  return isBusinessDate('2023-01-01') && x.process > process.id && when instanceof Date && o.Date > 0;",
      '}',
      'export const utc = (y: number) => Date.UTC(y, 0, 1);',
      'export class Clockless { setTimeout = 0; performance(): number { return this.setTimeout; } }',
      'export function g(require: (m: string) => unknown) { return require("x"); }',
    ].join('\n');
    expect(at(source)).toEqual([]);
  });

  it('given a projection importing NestJS or reaching into apps/, when scanned for Nest, then both are reported', () => {
    const file = path.join(REPO, 'libs/projections/src/x.ts');
    const source = [
      "import { Injectable } from '@nestjs/common';",
      "import { LedgerStorage } from '../../../apps/api/src/ledger/infrastructure/ledger-storage';",
      "import { DEFAULT_POLICY_TABLE } from '@ledger/domain';",
      "const lazy = () => import('@nestjs/cqrs');",
    ].join('\n');
    expect(scanNestFreeSource(file, source, REPO).map((v) => `${v.line}: ${v.what}`)).toEqual([
      "1: import '@nestjs/common': NestJS",
      "2: import '../../../apps/api/src/ledger/infrastructure/ledger-storage': reaches into apps/ (NestJS)",
      "4: import() '@nestjs/cqrs': NestJS",
    ]);
  });
});

describe('architecture: libs/domain/src is pure', () => {
  const files = productionSources(DOMAIN);

  it('given the domain sources, when listed, then a plausible number of non-test files is scanned', () => {
    expect(files.length).toBeGreaterThan(20);
    expect(files.some((f) => f.endsWith('.spec.ts'))).toBe(false);
    expect(files.some((f) => f.split(path.sep).includes('testing'))).toBe(false);
    // The files that matter most are among them.
    for (const expected of [
      'index.ts',
      'shared/business-date.ts',
      'seat-application/seat-application.decider.ts',
    ]) {
      expect(files).toContain(path.join(DOMAIN, expected));
    }
  });

  it('given every domain source, when scanned, then none imports anything but a relative path inside the domain', () => {
    const violations = files
      .flatMap(scanDomainFile)
      .filter((v) => /^(import|export|require|module|\/\/\/)/.test(v.what));
    expect(violations.map(formatViolation)).toEqual([]);
  });

  it('given every domain source, when scanned, then none reads the clock, randomness, the process or a timer', () => {
    const violations = files
      .flatMap(scanDomainFile)
      .filter((v) => !/^(import|export|require|module|\/\/\/)/.test(v.what));
    expect(violations.map(formatViolation)).toEqual([]);
  });
});

describe.each(NEST_FREE)('architecture: %s works without NestJS', (dir) => {
  const root = path.join(REPO, dir);
  const files = productionSources(root);

  it('given its sources, when scanned, then none imports @nestjs/* or anything under apps/', () => {
    expect(files.length).toBeGreaterThan(0);
    const violations = files.flatMap((file) =>
      scanNestFreeSource(file, fs.readFileSync(file, 'utf8'), REPO).map(relative),
    );
    expect(violations.map(formatViolation)).toEqual([]);
  });
});
