import { NestFastifyApplication } from '@nestjs/platform-fastify';
import * as fs from 'node:fs';
import { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { createApp } from '../../bootstrap';
import { HealthRegistry } from './health.registry';

describe('health: /health/live, /health/ready and /health (issue #15 point 4)', () => {
  let app: NestFastifyApplication;
  let baseUrl: string;
  let dataDir: string;

  const get = async (url: string) => {
    const response = await fetch(`${baseUrl}${url}`);
    return { status: response.status, body: (await response.json()) as Record<string, any> };
  };

  beforeEach(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-test-health-'));
    app = await createApp({ env: { LEDGER_DATA_DIR: dataDir, LOG_LEVEL: 'silent' } });
    await app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  });

  afterEach(async () => {
    await app.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('given the SQLite store in place, when probed, then live, ready and /health answer 200 ok', async () => {
    expect(await get('/health/live')).toEqual({
      status: 200,
      body: expect.objectContaining({ status: 'ok' }),
    });
    const ready = await get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ status: 'ok', details: { sqlite: { status: 'up' } } });
    expect(await get('/health')).toEqual({ status: 200, body: ready.body });
  });

  it('given the SQLite file gone, when probed, then ready and /health answer 503 naming sqlite, live stays 200', async () => {
    fs.renameSync(path.join(dataDir, 'ledger.sqlite'), path.join(dataDir, 'moved.sqlite'));
    const ready = await get('/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({
      status: 'error',
      error: { sqlite: { status: 'down', message: expect.stringContaining('missing') } },
    });
    expect((await get('/health')).status).toBe(503);
    expect((await get('/health/live')).status).toBe(200);
  });

  it('given another indicator plugged in and down, when probed, then ready names it', async () => {
    app.get(HealthRegistry).register({
      name: 'example-dependency',
      check: () => Promise.reject(new Error('unreachable')),
    });
    const ready = await get('/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.body.error).toEqual({
      'example-dependency': { status: 'down', message: 'unreachable' },
    });
    expect(ready.body.info).toMatchObject({ sqlite: { status: 'up' } });
  });
});
