import { Provider, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import * as fs from 'node:fs';
import { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { configureApp } from '../configure-app';
import { ledgerFastifyAdapter } from '../http/fastify-adapter';
import { LedgerConfig, loadLedgerConfig } from '../config/ledger-config';
import { IdempotencyOptions } from '../idempotency/idempotency.interceptor';
import { PlatformModule } from '../platform.module';

export interface PlatformTestAppOptions {
  controllers?: Type[];
  providers?: Provider[];
  /**
   * Extra environment. LEDGER_DATA_DIR defaults to a fresh temporary directory,
   * removed by `close()`; a given one is left alone.
   */
  env?: Record<string, string | undefined>;
  idempotency?: Partial<IdempotencyOptions>;
}

export interface PlatformTestApp {
  app: NestFastifyApplication;
  baseUrl: string;
  config: LedgerConfig;
  /** Every JSON log line the app wrote. */
  logs: string[];
  /** A token signed with the app's secret (HS256). `exp` may be set in the claims. */
  token(claims: Record<string, unknown>, expiresInSeconds?: number): string;
  /** `fetch` relative to the app, with JSON body and bearer token helpers. */
  request(
    method: string,
    url: string,
    options?: { token?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<{ status: number; headers: Headers; body: unknown; text: string }>;
  close(): Promise<void>;
}

/**
 * A real HTTP server: PlatformModule plus the given controllers, configured as
 * the API is (createApp), on 127.0.0.1 and a free port. Logs go to `logs`.
 */
export async function startPlatformTestApp(
  options: PlatformTestAppOptions = {},
): Promise<PlatformTestApp> {
  const ownDataDir = options.env?.LEDGER_DATA_DIR
    ? undefined
    : fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-test-platform-'));
  const config = loadLedgerConfig({
    LEDGER_DATA_DIR: ownDataDir,
    LOG_LEVEL: 'info',
    ...options.env,
  });
  const logs: string[] = [];
  const logStream = { write: (line: string) => void logs.push(line) };
  class PlatformTestAppModule {}
  const app = await NestFactory.create<NestFastifyApplication>(
    {
      module: PlatformTestAppModule,
      imports: [PlatformModule.forRoot({ config, idempotency: options.idempotency, logStream })],
      controllers: options.controllers ?? [],
      providers: options.providers ?? [],
    },
    ledgerFastifyAdapter(),
    { bufferLogs: true, bodyParser: false, abortOnError: false },
  );
  configureApp(app, config);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  const jwt = new JwtService();

  return {
    app,
    baseUrl,
    config,
    logs,
    token: (claims, expiresInSeconds) =>
      jwt.sign(claims, {
        secret: config.jwtSecret,
        algorithm: 'HS256',
        ...(expiresInSeconds === undefined ? {} : { expiresIn: expiresInSeconds }),
      }),
    async request(method, url, { token, body, headers = {} } = {}) {
      const response = await fetch(`${baseUrl}${url}`, {
        method,
        headers: {
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
          ...headers,
        },
        body:
          body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // not JSON: keep the text
      }
      return { status: response.status, headers: response.headers, body: parsed, text };
    },
    async close() {
      await app.close();
      if (ownDataDir) fs.rmSync(ownDataDir, { recursive: true, force: true });
    },
  };
}
