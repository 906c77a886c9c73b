import AxeBuilder from '@axe-core/playwright';
import * as fs from 'node:fs';
import { ruleArticle } from '@ledger/domain/policy/rule-articles';
import { Browser, BrowserContext, chromium, Locator, Page, Route } from 'playwright-core';
import {
  LedgerProcess,
  removeTempDataDirs,
  startLedger,
  tempDataDir,
} from '../../support/ledger-process';

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
  // A slow CI box runs every other suite beside the browser: 90 s an action, not
  // Playwright's 30. (A fill that ran out on the finance page in stops 21 and 25
  // was the page spinning, not slowness: work-list-idle.e2e.spec.ts.)
  context.setDefaultTimeout(90_000);
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

/**
 * A spec's ledger (the real API process on a fresh data directory), a browser,
 * and the console pages it opened, one fresh profile per sign-in: `start()` in
 * `beforeAll`, `stop()` in `afterAll` ends them all and removes the data.
 */
export class ConsoleBrowser<Who extends string> {
  /** In the order opened. */
  readonly opened: ConsolePage[] = [];
  private ledger?: LedgerProcess;
  private browser?: Browser;

  constructor(
    /** Names the data directory. */
    private readonly label: string,
    private readonly tokens: Record<Who, string>,
    /** The API process's environment beyond the test defaults. */
    private readonly env: Record<string, string> = {},
  ) {}

  async start(): Promise<LedgerProcess> {
    this.ledger = await startLedger(tempDataDir(this.label), this.env);
    this.browser = await launchChromium();
    return this.ledger;
  }

  /** The console as `who` sees it after following their sign-in link. */
  open = async (who: Who): Promise<ConsolePage> => {
    if (!this.browser || !this.ledger) throw new Error('start() first');
    const c = await openConsole(this.browser, this.ledger.baseUrl, this.tokens[who]);
    this.opened.push(c);
    return c;
  };

  async stop(): Promise<void> {
    for (const c of this.opened) await c.context.close();
    await this.browser?.close();
    await this.ledger?.stop();
    removeTempDataDirs();
  }
}

/** A titled section (`<section aria-labelledby>`) by its whole heading. */
export const region = (page: Page, name: string): Locator =>
  page.getByRole('region', { name, exact: true });

export const text = async (l: Locator): Promise<string> => ((await l.textContent()) ?? '').trim();

/** The page shows no script error, no CSP violation, and no serious accessibility problem. */
export async function healthy(c: ConsolePage): Promise<void> {
  expect(await seriousViolations(c.page)).toEqual([]);
  expect(c.problems).toEqual([]);
}

/** A refusal as shown: the rule id and its policy article, in Chinese. Returns the rule id. */
export async function refusal(scope: Locator): Promise<string> {
  const alert = scope.getByRole('alert');
  await alert.waitFor();
  const rule = await text(alert.locator('.rule'));
  expect(rule).toMatch(/^R-[A-Z]+/);
  expect(await text(alert.locator('.article'))).toBe(ruleArticle(rule)?.zh);
  expect(await text(alert)).toContain('操作被拒绝');
  return rule;
}

/** Answers an intercepted API request as the API does when it is unavailable. */
export const answerUnavailable = (route: Route): Promise<void> =>
  route.fulfill({
    status: 503,
    contentType: 'application/json',
    body: JSON.stringify({ statusCode: 503, message: 'unavailable' }),
  });
