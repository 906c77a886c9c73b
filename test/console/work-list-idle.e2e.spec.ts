import { Route } from 'playwright-core';
import { tokenFor } from '../support/ledger-process';
import { answerUnavailable, ConsoleBrowser, ConsolePage, region } from './support/browser';

/**
 * A work list whose page has not come (slow network) or will not come (an
 * error) must leave the browser idle. A table fed a new empty array each
 * render re-rendered itself without end meanwhile (TanStack Table resets its
 * page index whenever its data changes, which re-renders, which made a new
 * array): the finance page's main thread spun and, when the list's answer
 * was an error, never stopped; CI's clicks on that page timed out (stops 21
 * and 25). Script time is Chromium's own count (CDP `Performance.getMetrics`).
 */
jest.setTimeout(120_000);

const IDLE_MS = 2_000;
/** Script a quiet page may run in IDLE_MS (timers, the chart's animation): far below a spin. */
const SCRIPT_S_MAX = 0.3;

async function scriptSecondsOver(c: ConsolePage, ms: number): Promise<number> {
  const cdp = await c.context.newCDPSession(c.page);
  await cdp.send('Performance.enable');
  const scriptS = async () =>
    (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'ScriptDuration')
      ?.value ?? NaN;
  const before = await scriptS();
  await c.page.waitForTimeout(ms);
  const after = await scriptS();
  await cdp.detach();
  return after - before;
}

describe('a work list waiting for its page, in Chromium', () => {
  const consoles = new ConsoleBrowser('work-list-idle', { finance: tokenFor('fay', 'finance') });

  beforeAll(() => consoles.start());
  afterAll(() => consoles.stop());

  /** The finance page reloaded with its recoveries list (`/v1/cases`) answered by `answer`. */
  async function financeWithCases(answer: (route: Route) => unknown): Promise<ConsolePage> {
    const c = await consoles.open('finance');
    await c.context.route(/\/v1\/cases\?/, answer);
    await c.page.reload();
    await c.page.locator('header.top').waitFor();
    return c;
  }

  it('given the recoveries list held by the network, when finance waits for it, then the page runs no script meanwhile, and shows the list once it comes', async () => {
    const held: Route[] = [];
    const c = await financeWithCases((route) => held.push(route));
    await region(c.page, '追回款').getByText('加载中').waitFor();
    expect(held).toHaveLength(1);

    expect(await scriptSecondsOver(c, IDLE_MS)).toBeLessThan(SCRIPT_S_MAX);

    await held[0].continue();
    await region(c.page, '追回款').getByText('暂无数据').waitFor();
  });

  it('given the recoveries list answered with an error, when finance opens the page, then the error shows and the page runs no script afterwards', async () => {
    const c = await financeWithCases(answerUnavailable);
    await region(c.page, '追回款').getByRole('alert').waitFor();

    expect(await scriptSecondsOver(c, IDLE_MS)).toBeLessThan(SCRIPT_S_MAX);
  });
});
