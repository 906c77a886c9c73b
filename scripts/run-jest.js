#!/usr/bin/env node
// Runs jest with the arguments given, then prints one plain closing line
// ("N passed, N failed, N skipped") that any CI reader understands, and exits
// with jest's own exit code. A run that executed no test fails.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'jest-summary-')), 'result.json');
const jest = require.resolve('jest/bin/jest');
// --forceExit: a handle left open by a failing test (a reconnecting client)
// must fail the run, never hang CI until its time limit.
const run = spawnSync(
  process.execPath,
  [jest, ...process.argv.slice(2), '--forceExit', '--json', `--outputFile=${out}`],
  {
    stdio: 'inherit',
  },
);
let code = run.status ?? 1;
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
process.exit(code);
