import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createApp } from '../apps/api/src/bootstrap';
import { buildOpenApiDocument } from '../apps/api/src/platform/openapi/openapi';
import { openApiJson } from '../apps/api/src/write-openapi';
import { openApiProblems, listOperations } from './support/openapi-completeness';
import {
  LedgerProcess,
  removeTempDataDirs,
  startLedger,
  tempDataDir,
} from './support/ledger-process';

/**
 * Issue #15 point 3: the contract is complete, and the published
 * `docs/openapi.json` is what the running API serves.
 */
const PUBLISHED = path.resolve(__dirname, '../docs/openapi.json');

afterAll(() => removeTempDataDirs());

describe('the OpenAPI document the built API serves', () => {
  let ledger: LedgerProcess;
  let served: Record<string, any>;

  beforeAll(async () => {
    ledger = await startLedger(tempDataDir('openapi'));
    const answer = await fetch(`${ledger.baseUrl}/docs-json`);
    expect(answer.status).toBe(200);
    served = (await answer.json()) as Record<string, any>;
  }, 60_000);
  afterAll(() => ledger?.stop());

  it('given every operation, then each documents its success body, errors, types, patterns and examples', () => {
    expect(listOperations(served).length).toBeGreaterThan(40);
    // One line per problem, naming the operation and the field.
    expect(openApiProblems(served).join('\n')).toBe('');
  });

  it('given docs/openapi.json, then it is exactly what /docs-json serves (else run `npm run openapi`)', () => {
    const published = fs.existsSync(PUBLISHED) ? fs.readFileSync(PUBLISHED, 'utf8') : '';
    if (published !== openApiJson(served)) {
      throw new Error(
        'docs/openapi.json differs from what the API serves at /docs-json: run `npm run openapi` and commit docs/openapi.json',
      );
    }
  });
});

describe('the success status each operation documents', () => {
  it('given each route, then its documented success status is the one it answers with', async () => {
    const dataDir = tempDataDir('openapi-status');
    const app = await createApp({ env: { LEDGER_DATA_DIR: dataDir, LOG_LEVEL: 'silent' } });
    try {
      const document = buildOpenApiDocument(app);
      const problems: string[] = [];
      for (const nestModule of app.get(ModulesContainer).values()) {
        for (const controller of nestModule.controllers.values()) {
          const type = controller.metatype as (new (...args: never[]) => unknown) | null;
          if (!type) continue;
          const base = String(Reflect.getMetadata(PATH_METADATA, type) ?? '');
          for (const key of Object.getOwnPropertyNames(type.prototype)) {
            const handler: unknown = (type.prototype as Record<string, unknown>)[key];
            if (typeof handler !== 'function' || key === 'constructor') continue;
            const method = Reflect.getMetadata(METHOD_METADATA, handler) as
              RequestMethod | undefined;
            if (method === undefined) continue;
            const route: string = String(Reflect.getMetadata(PATH_METADATA, handler) ?? '');
            const openApiPath = `/${[base, route].filter((p) => p && p !== '/').join('/')}`
              .replace(/\/+/g, '/')
              .replace(/:([A-Za-z]+)/g, '{$1}');
            const verb = RequestMethod[method].toLowerCase();
            const op = document.paths[openApiPath]?.[verb as 'get'];
            if (!op) continue; // excluded from the document (metrics)
            const expected =
              (Reflect.getMetadata(HTTP_CODE_METADATA, handler) as number | undefined) ??
              (method === RequestMethod.POST ? 201 : 200);
            if (!op.responses[String(expected)]) {
              problems.push(
                `${verb.toUpperCase()} ${openApiPath} answers ${expected} but documents ${Object.keys(op.responses).join(',')}`,
              );
            }
          }
        }
      }
      expect(problems.join('\n')).toBe('');
    } finally {
      await app.close();
    }
  }, 60_000);
});
