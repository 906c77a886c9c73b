import AxeBuilder from '@axe-core/playwright';
import * as fs from 'node:fs';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';

/**
 * Debian's Chromium (`apt-get install chromium fonts-noto-cjk`, as .ci/run
 * does): playwright-core downloads no browser. CHROMIUM_PATH points elsewhere.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: apt-get install chromium fonts-noto-cjk`);
  // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
}

export interface ConsolePage {
  context: BrowserContext;
  page: Page;
  /** Script errors, failed loads and CSP violations seen so far. */
  problems: string[];
}

/** A fresh browser profile that opens the sign-in link `…/console/#token=…`. */
export async function openConsole(
  browser: Browser,
  baseUrl: string,
  token: string,
): Promise<ConsolePage> {
  const context = await browser.newContext({
    locale: 'zh-CN',
    viewport: { width: 1280, height: 900 },
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    // A refused command is a 4xx the page shows on purpose; CSP and script errors are not.
    if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) problems.push(m.text());
  });
  await page.goto(`${baseUrl}/console/#token=${token}`);
  await page.locator('header.top').waitFor();
  return { context, page, problems };
}

/** Serious and critical axe-core violations, as short lines. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
