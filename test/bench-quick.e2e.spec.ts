import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

/**
 * `npm run bench -- --quick` keeps working: every workload runs, each figure
 * is printed as one JSON line and again as a row of the closing Markdown
 * table. No timing is asserted: speed targets live in the benchmark (bench/),
 * whose figures on a shared machine are no test's business.
 */
jest.setTimeout(420_000);

const ROOT = resolve(__dirname, '..');

/** Figures each workload prints in quick mode. */
const EXPECTED: Record<string, number> = {
  'append path': 4,
  'http commands': 15,
  queries: 8,
  'tranche size': 4,
  growth: 6,
  rebuild: 3,
  'work-lists': 6,
  'bank statement': 2,
  verify: 2,
};

interface Figure {
  workload: string;
  metric: string;
  value: number;
  unit: string;
  reference?: number;
  ratio?: number;
  target?: string;
  met?: boolean;
  notes?: string;
}

function runQuickBench(): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    // The e2e tier runs after the build, so the bench need not build again.
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'bench/run.ts', '--quick', '--no-build'],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], timeout: 400_000, killSignal: 'SIGKILL' },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.once('exit', (code) => done({ code, stdout, stderr }));
  });
}

describe('npm run bench -- --quick', () => {
  let run: { code: number | null; stdout: string; stderr: string };

  beforeAll(async () => {
    run = await runQuickBench();
  });

  it('given the quick mode, when it runs, then it exits 0', () => {
    expect({ code: run.code, stderr: run.code === 0 ? '' : run.stderr }).toEqual({
      code: 0,
      stderr: '',
    });
  });

  it('given its output, when the JSON lines are read, then every workload printed each of its figures as valid JSON with a finite value', () => {
    const figures = run.stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Figure);

    const counts: Record<string, number> = {};
    for (const f of figures) counts[f.workload] = (counts[f.workload] ?? 0) + 1;
    expect(counts).toEqual(EXPECTED);
    for (const f of figures) {
      expect(f).toEqual(
        expect.objectContaining({
          workload: expect.any(String),
          metric: expect.any(String),
          value: expect.any(Number),
          unit: expect.any(String),
        }),
      );
      expect(Number.isFinite(f.value)).toBe(true);
      if (f.reference !== undefined) expect(Number.isFinite(f.reference)).toBe(true);
      if (f.target !== undefined) expect(typeof f.met).toBe('boolean');
    }
  });

  it('given its output, when the table is read, then it has the header and one row per figure, in order', () => {
    const lines = run.stdout.split('\n');
    const figures = lines.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Figure);
    const header = lines.indexOf('| workload | figure | ledger | reference | ratio | target |');
    expect(header).toBeGreaterThan(0);
    expect(lines[header + 1]).toBe('|---|---|---|---|---|---|');
    const rows = lines.slice(header + 2).filter((l) => l.startsWith('|'));
    expect(rows).toHaveLength(figures.length);
    rows.forEach((row, i) => {
      const cells = row.split('|').map((c) => c.trim());
      expect(cells[1]).toBe(figures[i].workload);
      expect(cells[2]).toBe(figures[i].metric);
      expect(cells[3]).toBe(`${figures[i].value} ${figures[i].unit}`);
    });
    expect(run.stdout).toMatch(/quick run on \d+ × .+, \d+ GiB, Node v\d+/);
  });
});
