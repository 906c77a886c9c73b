import { spawn } from 'node:child_process';
import {
  API_MAIN,
  TEST_JWT_SECRET,
  TEST_PERSON_KEY_SECRET,
  tokenFor,
} from '../test/support/ledger-process';
import { appendStories, recordTemplate, storyIds } from './history';
import { closedLoop, HttpCall, withCpu } from './http-load';
import { openEmbeddedLedger } from './ledger-fixture';
import { tempDir } from './bench-support';
const finance = { authorization: `Bearer ${tokenFor('fay', 'finance')}` };
async function main() {
  const tmp = tempDir('apiprof');
  const l = openEmbeddedLedger(tmp.dir);
  const kind = process.argv[2];
  const tpl = await recordTemplate(
    kind === 'approve' ? 'reviewed' : 'paid',
    kind === 'approve' ? 4 : 20,
  );
  await appendStories(l.store, tpl, 0, kind === 'approve' ? 1200 : 200);
  await l.store.close();
  const child = spawn(
    process.execPath,
    [
      ...(process.argv[3] === 'prof'
        ? ['--cpu-prof', '--cpu-prof-dir=/tmp/gc/apiprof', '--require', '/tmp/gc/exit.js']
        : []),
      API_MAIN,
    ],
    {
      env: {
        ...process.env,
        ...(process.env.WHATIF ? { NODE_OPTIONS: '--require /tmp/gc/jwt-keyobject.js' } : {}),
        PORT: '0',
        LEDGER_DATA_DIR: tmp.dir,
        LEDGER_JWT_SECRET: TEST_JWT_SECRET,
        LEDGER_PERSON_KEY_SECRET: TEST_PERSON_KEY_SECRET,
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const baseUrl = await new Promise<string>((resolve) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1].replace('localhost', '127.0.0.1'));
    });
  });
  let i = 0;
  const callAt = (): HttpCall =>
    kind === 'approve'
      ? {
          method: 'POST',
          path: `/v1/seat-applications/${storyIds(i++, 4).applicationId}/tranches`,
          headers: finance,
          body: { tranche: 1, decidedOn: '2023-03-10' },
        }
      : kind === 'health'
        ? { path: '/health' }
        : {
            path: `/v1/enterprises/${storyIds(i++ % 200).enterpriseId}/balance?asOf=2024-01-01`,
            headers: finance,
          };
  const r = await withCpu(child.pid!, () =>
    closedLoop({
      baseUrl,
      concurrency: Number(process.argv[4] ?? 16),
      count: kind === 'approve' ? 1200 : 4000,
      callAt,
    }),
  );
  const { latenciesMs: _l, ...rest } = r.result; console.log(JSON.stringify({ ...rest, serverCpuPct: Math.round(r.serverCpuPct), clientCpuPct: Math.round(r.clientCpuPct) }));
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  tmp.remove();
}
main();
