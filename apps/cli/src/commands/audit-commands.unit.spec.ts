import { progressOn } from '../progress';
import { UsageError } from './command';
import { parseExportArgs } from './export.command';
import { parseRebuildArgs } from './rebuild.command';
import { parseVerifyArgs } from './verify.command';

describe('audit command arguments', () => {
  it('given verify options, when parsed, then defaults are filled and bad ones are usage errors', () => {
    expect(parseVerifyArgs([])).toEqual({
      checkpointFile: undefined,
      publicKey: undefined,
      readModels: true,
      workDir: undefined,
      problemsMax: 100,
      quiet: false,
    });
    expect(parseVerifyArgs(['--checkpoint', 'c.json', '--skip-read-models'])).toMatchObject({
      checkpointFile: 'c.json',
      readModels: false,
    });
    expect(() => parseVerifyArgs(['--public-key', 'k.pub'])).toThrow(/goes with --checkpoint/);
    expect(() => parseVerifyArgs(['--max-problems', '0'])).toThrow(UsageError);
    expect(() => parseVerifyArgs(['extra'])).toThrow(UsageError);
  });

  it('given export options, when parsed, then the period and the formats are checked; --role is refused (the token decides)', () => {
    expect(parseExportArgs(['--from', '2023-01-01', '--to', '2023-06-30', '--out', 'x'])).toEqual({
      from: '2023-01-01',
      to: '2023-06-30',
      outDir: 'x',
      formats: ['csv', 'jsonl'],
      unmasked: false,
      unmaskedAccounts: false,
      token: undefined,
      quiet: false,
      headers: 'zh',
      enterpriseId: undefined,
    });
    const base = ['--from', '2023-01-01', '--to', '2023-06-30', '--out', 'x'];
    expect(parseExportArgs([...base, '--format', 'jsonl']).formats).toEqual(['jsonl']);
    expect(parseExportArgs([...base, '--unmasked', '--token', 'a.b.c'])).toMatchObject({
      unmasked: true,
      token: 'a.b.c',
    });
    expect(() => parseExportArgs([...base, '--unmasked', '--role', 'reviewer'])).toThrow(
      /--role is no longer taken on trust/,
    );
    expect(() => parseExportArgs(['--from', '2023-01-01', '--to', '2023-06-30'])).toThrow(
      /--out DIR is required/,
    );
  });

  it('given rebuild arguments, when parsed, then one known projection at most', () => {
    expect(parseRebuildArgs([])).toEqual({ projection: undefined, quiet: false });
    expect(parseRebuildArgs(['person-cap', '--quiet'])).toEqual({
      projection: 'person-cap',
      quiet: true,
    });
    expect(() => parseRebuildArgs(['person-cap', 'enterprise-balance'])).toThrow(/unexpected/);
    expect(() => parseRebuildArgs(['nope'])).toThrow(/unknown projection nope/);
  });
});

describe('progress on stderr', () => {
  const capture = (stderrIsTTY: boolean) => {
    const out: string[] = [];
    return {
      out,
      io: {
        stdout: () => undefined,
        stderr: (t: string) => void out.push(t),
        env: {},
        stderrIsTTY,
      },
    };
  };

  it('given a pipe, when a long replay reports every page, then at most one plain line per tenth is written', () => {
    const { out, io } = capture(false);
    const p = progressOn(io, 'verify');
    for (let position = 1_000; position <= 100_000; position += 1_000)
      p.update(position, position, 100_000);
    p.finish();
    expect(out.length).toBeLessThanOrEqual(11);
    expect(out.every((l) => l.endsWith('\n') && !l.includes('\r'))).toBe(true);
    expect(out.at(-1)).toMatch(/^verify: 100% 100,000 events, position 100000\/100000/);
  });

  it('given a terminal, when it reports, then a bar is redrawn in place and ended with a newline', () => {
    const { out, io } = capture(true);
    const p = progressOn(io, 'rebuild');
    p.update(50, 50, 100);
    p.update(100, 100, 100);
    p.finish();
    expect(out[0]).toMatch(/^\rrebuild \[#{15}-{15}\] {2}50\.0%/);
    expect(out.at(-2)).toMatch(/^\rrebuild \[#{30}\] 100\.0%/);
    expect(out.at(-1)).toBe('\n');
  });
});
