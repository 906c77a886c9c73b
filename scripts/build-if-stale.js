#!/usr/bin/env node
// Builds dist/ (API, CLI and projector: one tsc pass of `nest build api` emits
// every app and lib; then the web console, `vite build` into dist/console) only
// when a source changed since the last build, so that
// `npm start` and `npm run token` start in well under a second on an unchanged
// tree. The stamp is a hash of every build input's path, size and mtime: a
// deleted file or a checkout of older files changes it too.
//
//   node scripts/build-if-stale.js           build if stale
//   node scripts/build-if-stale.js --force   build anyway (npm run build)
//   node scripts/build-if-stale.js --check   exit 1 if stale, build nothing
'use strict';
const { createHash } = require('node:crypto');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const STAMP = path.join(ROOT, 'dist', '.build-stamp');
const OUTPUTS = [
  'apps/api/src/main.js',
  'apps/cli/src/main.js',
  'apps/projector/src/main.js',
  'console/index.html',
];
const INPUT_DIRS = ['apps', 'libs', 'bench'];
const INPUT_FILES = ['package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'nest-cli.json'];
// What tsconfig.build.json excludes: a test edit must not cost a rebuild.
const IGNORED = /(\.spec\.ts$|\/test-support\/|\/testing\/)/;

function inputs() {
  const files = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(ts|tsx|mts|json|css|html)$/.test(entry.name) && !IGNORED.test(full))
        files.push(full);
    }
  };
  for (const dir of INPUT_DIRS) if (fs.existsSync(path.join(ROOT, dir))) walk(path.join(ROOT, dir));
  for (const file of INPUT_FILES) files.push(path.join(ROOT, file));
  return files.sort();
}

function fingerprint() {
  const hash = createHash('sha256');
  for (const file of inputs()) {
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    hash.update(`${path.relative(ROOT, file)}\0${stat ? `${stat.size}\0${stat.mtimeMs}` : '-'}\n`);
  }
  return hash.digest('hex');
}

function isFresh(current) {
  if (OUTPUTS.some((o) => !fs.existsSync(path.join(ROOT, 'dist', o)))) return false;
  try {
    return fs.readFileSync(STAMP, 'utf8').trim() === current;
  } catch {
    return false;
  }
}

const args = process.argv.slice(2);
const current = fingerprint();
if (args.includes('--check')) process.exit(isFresh(current) ? 0 : 1);
if (!args.includes('--force') && isFresh(current)) process.exit(0);

// Build output goes to stderr: `TOKEN=$(npm run -s token)` must capture the token only.
const nest = path.join(ROOT, 'node_modules', '@nestjs', 'cli', 'bin', 'nest.js');
const build = spawnSync(process.execPath, [nest, 'build', 'api'], {
  cwd: ROOT,
  stdio: ['ignore', process.stderr, process.stderr],
});
if (build.status !== 0) process.exit(build.status ?? 1);
// The console (apps/console, React + Vite): static files the API serves at /console/.
const vite = path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
const consoleBuild = spawnSync(
  process.execPath,
  [vite, 'build', '--config', path.join(ROOT, 'apps', 'console', 'vite.config.mts')],
  { cwd: ROOT, stdio: ['ignore', process.stderr, process.stderr] },
);
if (consoleBuild.status !== 0) process.exit(consoleBuild.status ?? 1);
const missing = OUTPUTS.filter((o) => !fs.existsSync(path.join(ROOT, 'dist', o)));
if (missing.length > 0) {
  process.stderr.write(`build-if-stale: the build did not write dist/${missing.join(', dist/')}\n`);
  process.exit(1);
}
fs.writeFileSync(STAMP, `${current}\n`);
