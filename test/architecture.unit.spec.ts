import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  formatViolation,
  productionSources,
  scanDomainSource,
  scanNestFreeSource,
  Violation,
} from './support/source-scanner';
import { LIB_LAYERS, scanApiModuleSource, scanLibLayerSource } from './support/layering';

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
 * - No lower layer imports a higher one: event-store → domain; projections →
 *   domain and the event-store port; application → domain, event-store;
 *   audit → every lib, never apps/ (`support/layering.ts`).
 * - In `apps/api/src`, a feature module (`features/<name>/`) reaches no other
 *   feature's files (they share `ledger-core/` and `platform/`); `ledger-core/`
 *   imports no feature; `platform/` neither a feature nor `ledger-core/`.
 *
 * Test files (`*.spec.ts`) and test helpers (`testing/`, `test-support/`) are
 * not production code and are not scanned.
 */

const REPO = path.resolve(__dirname, '..');
const API = path.join(REPO, 'apps/api/src');
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
      "import { LedgerStorage } from '../../../apps/api/src/ledger-core/ledger-storage';",
      "import { DEFAULT_POLICY_TABLE } from '@ledger/domain';",
      "const lazy = () => import('@nestjs/cqrs');",
    ].join('\n');
    expect(scanNestFreeSource(file, source, REPO).map((v) => `${v.line}: ${v.what}`)).toEqual([
      "1: import '@nestjs/common': NestJS",
      "2: import '../../../apps/api/src/ledger-core/ledger-storage': reaches into apps/ (NestJS)",
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

describe('architecture: the layer checker itself', () => {
  const scan = (layer: (typeof LIB_LAYERS)[number], file: string, lines: string[]) =>
    scanLibLayerSource(layer, path.join(REPO, file), lines.join('\n'), REPO).map(
      (v) => `${v.line}: ${v.what}`,
    );

  it('given libs/domain importing another lib by alias or by path, when checked, then both are reported', () => {
    expect(
      scan('domain', 'libs/domain/src/shared/x.ts', [
        "import { money } from './money';",
        "import type { EventStore } from '@ledger/event-store';",
        "import { x } from '../../../projections/src/projections';",
      ]),
    ).toEqual([
      "2: import type '@ledger/event-store': domain → event-store (libs/domain may import nothing but itself)",
      "3: import '../../../projections/src/projections': domain → projections (libs/domain may import nothing but itself)",
    ]);
  });

  it('given libs/event-store importing past the domain, when checked, then each upward import is reported and the domain is not', () => {
    expect(
      scan('event-store', 'libs/event-store/src/sqlite/x.ts', [
        /* 1 */ "import { streams } from '@ledger/domain';",
        /* 2 */ "import { isMonth } from '../../../domain/src/shared/month';",
        /* 3 */ "import { SqliteReadModels } from '@ledger/projections/sqlite/sqlite-read-model.store';",
        /* 4 */ "import { runOnStream } from '@ledger/application/stream-command';",
        /* 5 */ "import type { ChainReport } from '@ledger/audit';",
        /* 6 */ "import { createApp } from '../../../../apps/api/src/bootstrap';",
        /* 7 */ "import { schema } from './sqlite-schema';",
        /* 8 */ "import Database from 'better-sqlite3';",
        /* 9 */ "import { eventsOf } from '../../../../test/support/event-log';",
      ]),
    ).toEqual([
      "3: import '@ledger/projections/sqlite/sqlite-read-model.store': event-store → projections (libs/event-store may import domain)",
      "4: import '@ledger/application/stream-command': event-store → application (libs/event-store may import domain)",
      "5: import type '@ledger/audit': event-store → audit (libs/event-store may import domain)",
      "6: import '../../../../apps/api/src/bootstrap': reaches into apps/ (libs/event-store may import domain)",
      "9: import '../../../../test/support/event-log': reaches outside the layers (libs/event-store may import domain)",
    ]);
  });

  it('given libs/projections importing an event-store adapter, the application or audit, when checked, then those are reported and the port and types are not', () => {
    expect(
      scan('projections', 'libs/projections/src/sqlite/x.ts', [
        /* 1 */ "import { RecordedEvent } from '@ledger/event-store/event-store.port';",
        /* 2 */ "import type { InlineProjector } from '@ledger/event-store/sqlite/sqlite-event-store';",
        /* 3 */ "import { SqliteEventStore } from '@ledger/event-store/sqlite/sqlite-event-store';",
        /* 4 */ "import { type EventStore, type ReadOptions } from '@ledger/event-store';",
        /* 5 */ "import { withUpcasting, type EventStore as S } from '@ledger/event-store';",
        /* 6 */ "import { approveTranche } from '@ledger/application';",
        /* 7 */ "import { maskResidentIds } from '@ledger/audit/mask';",
        /* 8 */ "import { DEFAULT_POLICY_TABLE } from '@ledger/domain';",
        /* 9 */ "export { SqliteEventStore } from '../../../event-store/src/sqlite/sqlite-event-store';",
      ]),
    ).toEqual([
      "3: import '@ledger/event-store/sqlite/sqlite-event-store': projections → an event-store adapter (values only from event-store.port; anything else as `import type`)",
      "5: import '@ledger/event-store': projections → an event-store adapter (values only from event-store.port; anything else as `import type`)",
      "6: import '@ledger/application': projections → application (libs/projections may import domain, event-store)",
      "7: import '@ledger/audit/mask': projections → audit (libs/projections may import domain, event-store)",
      "9: export … from '../../../event-store/src/sqlite/sqlite-event-store': projections → an event-store adapter (values only from event-store.port; anything else as `import type`)",
    ]);
  });

  it('given libs/application importing audit or projections, when checked, then both are reported and domain and event-store are not', () => {
    expect(
      scan('application', 'libs/application/src/stream-command.ts', [
        "import { sealEvents } from '@ledger/audit/event-hash';",
        "import { SqliteReadModels } from '@ledger/projections';",
        "import { EventStore } from '@ledger/event-store/event-store.port';",
        "import { streams } from '@ledger/domain';",
      ]),
    ).toEqual([
      "1: import '@ledger/audit/event-hash': application → audit (libs/application may import domain, event-store)",
      "2: import '@ledger/projections': application → projections (libs/application may import domain, event-store)",
    ]);
  });

  it('given libs/audit importing every lib and an app, when checked, then only the app is reported', () => {
    expect(
      scan('audit', 'libs/audit/src/verify-ledger.ts', [
        "import { resumeProcesses } from '@ledger/application';",
        "import { SqliteReadModels } from '@ledger/projections/sqlite/sqlite-read-model.store';",
        "import { SqliteEventStore } from '@ledger/event-store';",
        "import { streams } from '@ledger/domain';",
        "const cli = () => import('../../../apps/cli/src/main');",
      ]),
    ).toEqual([
      "5: import() '../../../apps/cli/src/main': reaches into apps/ (libs/audit may import domain, event-store, projections, application)",
    ]);
  });
});

describe('architecture: the feature-module checker itself', () => {
  const scan = (file: string, lines: string[]) =>
    scanApiModuleSource(path.join(API, file), lines.join('\n'), API).map(
      (v) => `${v.line}: ${v.what}`,
    );

  it('given a feature importing another feature’s files or the composition root, when checked, then those are reported', () => {
    expect(
      scan('features/fraud/cases.controller.ts', [
        /* 1 */ "import { OpenCaseDto } from './fraud.dto';",
        /* 2 */ "import { LedgerStorage } from '../../ledger-core/ledger-storage';",
        /* 3 */ "import { Roles } from '../../platform/auth/auth.decorators';",
        /* 4 */ "import { MinPositionDto } from '../seat-subsidy/seat-subsidy.dto';",
        /* 5 */ "import { BalancesModule } from '../balances/balances.module';",
        /* 6 */ "import type { GetPublicityQuery } from '../../features/publicity/get-publicity.query-handler';",
        /* 7 */ "import { createApp } from '../../bootstrap';",
        /* 8 */ "import { streams } from '@ledger/domain';",
      ]),
    ).toEqual([
      "4: import '../seat-subsidy/seat-subsidy.dto': features/fraud reaches into features/seat-subsidy (share through ledger-core/, or import its Nest module and use what it exports)",
      "5: import '../balances/balances.module': features/fraud reaches into features/balances (share through ledger-core/, or import its Nest module and use what it exports)",
      "6: import type '../../features/publicity/get-publicity.query-handler': features/fraud reaches into features/publicity (share through ledger-core/, or import its Nest module and use what it exports)",
      "7: import '../../bootstrap': features/fraud → the composition root (app.module, bootstrap, main are above every module)",
    ]);
  });

  it('given a feature module listing another feature’s module, when checked, then that one file is allowed', () => {
    expect(
      scan('features/fraud/fraud.module.ts', [
        "import { BalancesModule } from '../balances/balances.module';",
        "import { GetComplianceQueryHandler } from '../balances/get-compliance.query-handler';",
      ]),
    ).toEqual([
      "2: import '../balances/get-compliance.query-handler': features/fraud reaches into features/balances (share through ledger-core/, or import its Nest module and use what it exports)",
    ]);
  });

  it('given ledger-core or platform importing upwards, when checked, then each is reported', () => {
    expect(
      scan('ledger-core/ledger-queries.ts', [
        "import { Actor } from '../platform/auth/actor';",
        "import { CLAIMS_MAX } from '../features/seat-subsidy/seat-subsidy.dto';",
      ]),
    ).toEqual([
      "2: import '../features/seat-subsidy/seat-subsidy.dto': ledger-core → features/seat-subsidy (the shared module is below every feature)",
    ]);
    expect(
      scan('platform/http/validation.ts', [
        "import { LedgerStorage } from '../../ledger-core/ledger-storage';",
        "import { AuditModule } from '../../features/audit/audit.module';",
        "import { AppModule } from '../../app.module';",
        "import { ErrorBody } from './error-body';",
      ]),
    ).toEqual([
      "1: import '../../ledger-core/ledger-storage': platform → ledger-core (platform is below the ledger)",
      "2: import '../../features/audit/audit.module': platform → features/audit (platform is below the ledger)",
      "3: import '../../app.module': platform → the composition root (app.module, bootstrap, main are above every module)",
    ]);
  });

  it('given the composition root importing every module, when checked, then nothing is reported', () => {
    expect(
      scan('app.module.ts', [
        "import { FraudModule } from './features/fraud/fraud.module';",
        "import { LedgerCoreModule } from './ledger-core/ledger-core.module';",
        "import { PlatformModule } from './platform/platform.module';",
      ]),
    ).toEqual([]);
  });
});

describe.each(LIB_LAYERS)('architecture: libs/%s imports no higher layer', (layer) => {
  const files = productionSources(path.join(REPO, 'libs', layer, 'src'));

  it('given its sources, when checked against the layering, then none imports a layer it may not', () => {
    expect(files.length).toBeGreaterThan(0);
    const violations = files.flatMap((file) =>
      scanLibLayerSource(layer, file, fs.readFileSync(file, 'utf8'), REPO).map(relative),
    );
    expect(violations.map(formatViolation)).toEqual([]);
  });
});

describe('architecture: apps/api feature modules', () => {
  const features = fs
    .readdirSync(path.join(API, 'features'), { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name);

  it('given the features folder, when listed, then each feature holds its own <feature>.module.ts', () => {
    expect(features.length).toBeGreaterThanOrEqual(9);
    const missing = features.filter(
      (name) => !fs.existsSync(path.join(API, 'features', name, `${name}.module.ts`)),
    );
    expect(missing).toEqual([]);
  });

  it('given every apps/api source, when checked, then no feature reaches into another and nothing imports upwards', () => {
    const files = productionSources(API);
    expect(files.some((f) => f.includes(`${path.sep}features${path.sep}`))).toBe(true);
    const violations = files.flatMap((file) =>
      scanApiModuleSource(file, fs.readFileSync(file, 'utf8'), API).map(relative),
    );
    expect(violations.map(formatViolation)).toEqual([]);
  });
});
