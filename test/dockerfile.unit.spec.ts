import * as fs from 'node:fs';
import * as path from 'node:path';
import { COMMANDS } from '../apps/cli/src/commands';

/**
 * The image cannot be built here (no Docker engine), so its Dockerfile is
 * parsed and checked against issue #15 point 7: Node 22 LTS, a HEALTHCHECK on
 * /health/live, the compiled CLI as `ledger`, a declared data volume that a
 * non-root user owns.
 */
const ROOT = path.resolve(__dirname, '..');

interface Instruction {
  keyword: string;
  args: string;
}

/** Instructions of each stage, continuation lines joined, comments dropped. */
function parseDockerfile(text: string): Instruction[][] {
  const joined = text
    .split('\n')
    .filter((line) => !/^\s*#/.test(line))
    .join('\n')
    .replace(/\\\n/g, ' ');
  const stages: Instruction[][] = [];
  for (const line of joined.split('\n')) {
    const m = /^\s*([A-Z]+)\s+(.*)$/.exec(line);
    if (!m) continue;
    const instruction = { keyword: m[1], args: m[2].trim() };
    if (instruction.keyword === 'FROM') stages.push([]);
    stages[stages.length - 1].push(instruction);
  }
  return stages;
}

const stages = parseDockerfile(fs.readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8'));
const final = stages[stages.length - 1];
const all = (keyword: string, stage = final) =>
  stage.filter((i) => i.keyword === keyword).map((i) => i.args);
const one = (keyword: string) => {
  const found = all(keyword);
  expect([keyword, found]).toEqual([keyword, [expect.any(String)]]);
  return found[0];
};
/** `ENV A=1 B=2` and `ENV A 1`. */
const envOf = (stage: Instruction[]): Record<string, string> => {
  const env: Record<string, string> = {};
  for (const args of all('ENV', stage)) {
    for (const m of args.matchAll(/([A-Z_][A-Z0-9_]*)=("[^"]*"|\S+)/g))
      env[m[1]] = m[2].replace(/^"|"$/g, '');
  }
  return env;
};

describe('Dockerfile', () => {
  it('given every stage, when read, then it is on Node 22 LTS', () => {
    expect(stages.length).toBeGreaterThan(0);
    for (const stage of stages) expect(stage[0].args).toMatch(/^node:22[.-]/);
  });

  it('given the final stage, when read, then a non-root user owns the declared data volume', () => {
    const env = envOf(final);
    const user = one('USER');
    expect(user).not.toMatch(/^(root|0)(:|$)/);
    const volume = JSON.parse(one('VOLUME')) as string[];
    expect(volume).toEqual([env.LEDGER_DATA_DIR]);
    const run = all('RUN').join(' && ');
    expect(run).toContain(`chown ${user}:${user} ${env.LEDGER_DATA_DIR}`);
    // VOLUME after the chown: Docker copies the owner into a new volume.
    const index = (keyword: string) => final.findIndex((i) => i.keyword === keyword);
    expect(index('VOLUME')).toBeGreaterThan(index('RUN'));
    expect(index('USER')).toBeGreaterThan(index('RUN'));
  });

  it('given the HEALTHCHECK, when read, then it probes /health/live on the port the API listens on', () => {
    const healthcheck = one('HEALTHCHECK');
    expect(healthcheck).toMatch(/--interval=\d+s/);
    expect(healthcheck).toContain('/health/live');
    expect(healthcheck).toContain('process.env.PORT');
    expect(envOf(final).PORT).toBe(one('EXPOSE'));
  });

  it('given the image, when the CLI is asked for, then `ledger` runs the compiled CLI without tsx', () => {
    const run = all('RUN').join('\n');
    const wrapper = /printf '([^']*)' > (\/usr\/local\/bin\/ledger)/.exec(run);
    expect(wrapper?.[2]).toBe('/usr/local/bin/ledger');
    const script = wrapper![1].replace(/\\n/g, '\n');
    expect(script).toContain('exec node /app/dist/apps/cli/src/main.js "$@"');
    expect(run).toContain('chmod 0755 /usr/local/bin/ledger');
    expect(final.map((i) => i.args).join('\n')).not.toMatch(/\btsx\b/);
    // What the wrapper serves: the commands the issue names that exist in this build.
    const names = COMMANDS.map((c) => c.name);
    for (const name of ['verify', 'rebuild', 'export', 'token']) expect(names).toContain(name);
    // The build stage builds dist/, which the final stage copies.
    expect(all('RUN', stages[0]).join(' ')).toContain('npm run build');
    expect(all('COPY')).toContain('--from=build /app/dist ./dist');
  });

  it('given the API command, when read, then it starts the compiled API', () => {
    expect(JSON.parse(one('CMD'))).toEqual(['node', 'dist/apps/api/src/main.js']);
  });
});
