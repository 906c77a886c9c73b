import * as fs from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import {
  LedgerProcess,
  removeTempDataDirs,
  startLedger,
  tempDataDir,
} from '../support/ledger-process';

/**
 * The console as the API serves it (issue #13): same origin under /console/,
 * a strict Content-Security-Policy, no inline script in what Vite built, a year
 * of cache for hashed assets and none for index.html, index.html for any page
 * the browser reloads, and a first load under 300 KB of gzip-compressed script.
 */
jest.setTimeout(60_000);

const DIST = path.resolve(__dirname, '../../dist/console');
const BUDGET_BYTES = 300 * 1024;

/** The scripts index.html makes the browser fetch before the first render. */
function initialScripts(html: string): string[] {
  const srcs = [...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1]);
  const preloads = [...html.matchAll(/<link\b[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)].map(
    (m) => m[1],
  );
  return [...new Set([...srcs, ...preloads])];
}

describe('the console, served by the API', () => {
  let ledger: LedgerProcess;

  beforeAll(async () => {
    ledger = await startLedger(tempDataDir('console-static'));
  });
  afterAll(async () => {
    await ledger?.stop();
    removeTempDataDirs();
  });

  it('given the built console, when /console/ is fetched, then it is index.html under a strict CSP with no inline script', async () => {
    const res = await fetch(`${ledger.baseUrl}/console/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    const csp = res.headers.get('content-security-policy') ?? '';
    for (const directive of [
      "default-src 'self'",
      "script-src 'self'",
      "object-src 'none'",
      "frame-ancestors 'none'",
      "base-uri 'none'",
    ])
      expect(csp).toContain(directive);
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    const html = await res.text();
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, body] of scripts) {
      expect(attrs).toMatch(/\bsrc="\/console\/assets\//);
      expect(body.trim()).toBe('');
    }
    expect(html).not.toMatch(/\son[a-z]+="/i);
  });

  it('given a hashed asset, when fetched, then it is cached for a year as immutable; an unknown asset is 404, not the page', async () => {
    const html = await (await fetch(`${ledger.baseUrl}/console/`)).text();
    const [script] = initialScripts(html);
    const asset = await fetch(`${ledger.baseUrl}${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('content-security-policy')).toContain("script-src 'self'");
    const missing = await fetch(`${ledger.baseUrl}/console/assets/nothing-here.js`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ statusCode: 404 });
  });

  it('given a page reloaded in the browser, when /console/reviewer is fetched, then index.html answers; /console redirects to /console/', async () => {
    const page = await fetch(`${ledger.baseUrl}/console/reviewer`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root"></div>');
    const bare = await fetch(`${ledger.baseUrl}/console`, { redirect: 'manual' });
    expect(bare.status).toBe(301);
    expect(bare.headers.get('location')).toBe('/console/');
    const api = await fetch(`${ledger.baseUrl}/v1/policies`);
    expect(api.headers.get('content-security-policy')).toBeNull();
  });

  it('given the built console, when the scripts of the first load are gzip-compressed, then they weigh under 300 KB', () => {
    const html = fs.readFileSync(path.join(DIST, 'index.html'), 'utf8');
    const scripts = initialScripts(html);
    expect(scripts.length).toBeGreaterThan(0);
    const sizes = scripts.map((src) => {
      const file = path.join(DIST, src.replace(/^\/console\//, ''));
      return { src, gzipBytes: gzipSync(fs.readFileSync(file), { level: 9 }).length };
    });
    const total = sizes.reduce((s, x) => s + x.gzipBytes, 0);
    process.stderr.write(
      `console first load: ${total} bytes of gzip script (${sizes.map((s) => `${s.src} ${s.gzipBytes}`).join(', ')})\n`,
    );
    expect(total).toBeLessThan(BUDGET_BYTES);
    // ECharts and the spreadsheet parsers are chunks of their own, loaded on demand.
    const lazy = fs.readdirSync(path.join(DIST, 'assets')).filter((f) => f.endsWith('.js'));
    expect(lazy.length).toBeGreaterThan(scripts.length);
  });
});
