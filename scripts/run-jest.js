#!/usr/bin/env node
// Runs jest with the arguments given, then prints one plain closing line
// ("N passed, N failed, N skipped") that any CI reader understands, and exits
// with jest's own exit code. The run also fails when:
// - it executed no test;
// - a test left anything in the temporary folder: jest and every process it
//   starts get a folder of their own as TMPDIR, which must be empty at the end;
// - jest does not exit by itself once its results are written (a handle left
//   open), or runs past LEDGER_TEST_TIMEOUT_MIN: it is killed and the run fails
//   instead of hanging CI until its time limit.
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
// Kept inside the project (git-ignored) so a run writes nothing outside it.
const out = path.join(ROOT, '.jest', 'result.json');
// Caches of tools the tests start (tsx compiles TypeScript children), not test data.
const TOOL_CACHES = /^tsx-\d+$/;
const EXIT_GRACE_MS = 60_000;
const timeoutMin = Number(process.env.LEDGER_TEST_TIMEOUT_MIN ?? 60);

fs.mkdirSync(path.dirname(out), { recursive: true });
fs.rmSync(out, { force: true });
const runTmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-test-run-'));

const jest = spawn(
  process.execPath,
  // Ours first: after a `--` in the arguments they would be read as test paths.
  [require.resolve('jest/bin/jest'), '--json', `--outputFile=${out}`, ...process.argv.slice(2)],
  // Its own process group, so that a kill also reaches the servers tests started.
  { stdio: 'inherit', detached: true, env: { ...process.env, TMPDIR: runTmp } },
);

let killedFor;
function killJest(reason) {
  if (killedFor) return;
  killedFor = reason;
  console.error(`\n${reason}: killing jest`);
  try {
    process.kill(-jest.pid, 'SIGKILL');
  } catch {
    // already gone
  }
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    try {
      process.kill(-jest.pid, signal);
    } catch {
      // already gone
    }
  });
}

const deadline = setTimeout(
  () => killJest(`jest ran longer than ${timeoutMin} min (LEDGER_TEST_TIMEOUT_MIN)`),
  timeoutMin * 60_000,
);
let resultSeenAt;
const watch = setInterval(() => {
  if (resultSeenAt === undefined) {
    if (fs.existsSync(out)) resultSeenAt = Date.now();
  } else if (Date.now() - resultSeenAt > EXIT_GRACE_MS) {
    killJest(
      `jest did not exit ${EXIT_GRACE_MS / 1000} s after the run: a handle was left open ` +
        '(find it with --detectOpenHandles)',
    );
  }
}, 1_000);

jest.on('exit', (status, signal) => {
  clearTimeout(deadline);
  clearInterval(watch);
  // Servers a test started in jest's group outlive a killed jest otherwise.
  try {
    process.kill(-jest.pid, 'SIGKILL');
  } catch {
    // the group is empty
  }
  let code = status ?? 1;
  if (killedFor || signal) code = 1;
  try {
    const r = JSON.parse(fs.readFileSync(out, 'utf8'));
    const skipped = r.numPendingTests + r.numTodoTests;
    console.log(
      `\ntests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${skipped} skipped`,
    );
    if (r.numTotalTests === 0) {
      console.error('no test ran');
      code = 1;
    }
  } catch (e) {
    console.error(`no jest result: ${e.message}`);
    code = code || 1;
  }
  const left = fs.readdirSync(runTmp).filter((name) => !TOOL_CACHES.test(name));
  if (left.length > 0) {
    console.error(`tests left ${left.length} entries in the temporary folder:`);
    for (const name of left.sort()) console.error(`  ${name}`);
    code = code || 1;
  }
  fs.rmSync(runTmp, { recursive: true, force: true });
  process.exit(code);
});
