import { JwtService } from '@nestjs/jwt';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import * as fs from 'node:fs';
import { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { createApp } from '../../bootstrap';
import { LEDGER_CONFIG, LedgerConfig } from '../config/ledger-config';

/** Issue #15 point 5: `/metrics` in Prometheus text format, moving with requests and refusals. */
const SMALL = '911402000000000192';

describe('metrics: /metrics', () => {
  let app: NestFastifyApplication;
  let baseUrl: string;
  let dataDir: string;
  let reviewer: string;
  let applicant: string;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-test-metrics-'));
    app = await createApp({ env: { LEDGER_DATA_DIR: dataDir, LOG_LEVEL: 'silent' } });
    await app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    const config = app.get<LedgerConfig>(LEDGER_CONFIG);
    const jwt = new JwtService({ secret: config.jwtSecret });
    const sign = (claims: object) => jwt.sign(claims, { algorithm: 'HS256', expiresIn: '1h' });
    reviewer = sign({ sub: 'rita', role: 'reviewer' });
    applicant = sign({ sub: 'clerk', role: 'applicant', enterpriseId: SMALL });
  });

  afterAll(async () => {
    await app.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const scrape = async () => {
    const response = await fetch(`${baseUrl}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    return response.text();
  };
  /** The value of one series, 0 when absent. */
  const valueOf = (text: string, series: string): number => {
    const line = text.split('\n').find((l) => l.startsWith(`${series} `));
    return line ? Number(line.slice(series.length + 1)) : 0;
  };
  const post = (url: string, token: string, body: object) =>
    fetch(`${baseUrl}${url}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('given requests, a command and a refusal, when scraped, then the counters and histograms move', async () => {
    const before = await scrape();
    const registered = await post('/v1/enterprises', reviewer, {
      creditCode: SMALL,
      name: '大同云呼叫有限公司',
      industry: 'call',
      seats: 199,
    });
    expect(registered.status).toBe(201);
    // 199 seats: R-SEAT-1 refuses the application.
    const refused = await post('/v1/seat-applications', applicant, {
      enterpriseId: SMALL,
      submittedOn: '2023-03-01',
      claims: [
        {
          personId: '140202199001010119',
          name: '张三',
          wageMonths: ['2023-01'],
          insuranceMonths: ['2023-01'],
        },
      ],
    });
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as { rule: string }).rule).toBe('R-SEAT-1');
    expect((await fetch(`${baseUrl}/v1/enterprises`, { method: 'POST' })).status).toBe(401);
    const after = await scrape();

    const route = '/v1/enterprises';
    const applications = '/v1/seat-applications';
    const delta = (series: string) => valueOf(after, series) - valueOf(before, series);
    expect(delta(`ledger_http_requests_total{method="POST",route="${route}",status="201"}`)).toBe(
      1,
    );
    expect(
      delta(`ledger_http_requests_total{method="POST",route="${applications}",status="422"}`),
    ).toBe(1);
    expect(delta(`ledger_http_requests_total{method="POST",route="${route}",status="401"}`)).toBe(
      1,
    );
    expect(
      delta(
        `ledger_http_request_duration_seconds_count{method="POST",route="${route}",status="201"}`,
      ),
    ).toBe(1);
    expect(delta(`ledger_commands_total{route="${route}",outcome="ok"}`)).toBe(1);
    expect(delta(`ledger_commands_total{route="${applications}",outcome="refused"}`)).toBe(1);
    expect(delta(`ledger_refusals_total{rule="R-SEAT-1",route="${applications}"}`)).toBe(1);
    expect(delta('ledger_event_append_duration_seconds_count{outcome="ok"}')).toBeGreaterThan(0);
    // The start-up sweep found nothing half-done.
    expect(valueOf(after, 'ledger_recovery_passes_total{outcome="idle"}')).toBeGreaterThan(0);
    expect(after).toContain('ledger_process_cpu_seconds_total');
  });

  it('given a URL with an ID number, when counted, then the label is the route template', async () => {
    await fetch(`${baseUrl}/v1/persons/140202199001010119/cap`);
    const text = await scrape();
    expect(text).not.toContain('140202199001010119');
    expect(text).toContain('route="/v1/persons/:personId/cap"');
  });
});
