import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createApp } from './bootstrap';
import { buildOpenApiDocument } from './platform/openapi/openapi';

/**
 * `npm run openapi`: writes the OpenAPI document the API serves at `/docs-json`
 * to `docs/openapi.json` (or the path given), keys sorted, without listening.
 * The app is built over a throw-away data directory and a clean environment,
 * so the document never depends on the machine it is written on.
 */
export const DEFAULT_OPENAPI_FILE = path.resolve(__dirname, '../../../../docs/openapi.json');

export function openApiJson(document: unknown): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}

async function main(): Promise<void> {
  const target = path.resolve(process.argv[2] ?? DEFAULT_OPENAPI_FILE);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-openapi-'));
  try {
    const app = await createApp({ env: { LEDGER_DATA_DIR: dataDir, LOG_LEVEL: 'silent' } });
    const json = openApiJson(buildOpenApiDocument(app));
    await app.close();
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, json);
    process.stdout.write(`wrote ${path.relative(process.cwd(), target) || target}\n`);
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
