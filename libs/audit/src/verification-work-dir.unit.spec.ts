import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { VERIFICATION_WORK_DIR, VerificationWorkDir } from './verification-work-dir';

describe('VerificationWorkDir', () => {
  let dataDir: string;
  const root = () => path.join(dataDir, VERIFICATION_WORK_DIR);
  const folder = (...parts: string[]) => {
    const dir = path.join(root(), ...parts);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'replay.sqlite'), 'x');
    return dir;
  };

  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-test-work-dir-'));
  });
  afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('given folders of a live process, a dead one, a dead process under this pid and a stray name, when leftovers are cleared, then only the live process keeps its folder', () => {
    const live = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    try {
      const dead = spawnSync(process.execPath, ['-e', '']).pid!;
      folder(String(live.pid), 'run-a');
      folder(String(dead), 'run-b');
      folder('4242', 'run-c');
      folder('stray');
      const removed = new VerificationWorkDir(dataDir, 4242).clearLeftovers();
      expect(removed.sort()).toEqual([String(dead), path.join('4242', 'run-c'), 'stray'].sort());
      expect(fs.readdirSync(root()).sort()).toEqual([String(live.pid), '4242'].sort());
      expect(fs.readdirSync(path.join(root(), '4242'))).toEqual([]);
    } finally {
      live.kill('SIGKILL');
    }
  });

  it('given a run of this process under way, when another instance in the same process clears leftovers and ends its own runs, then the run keeps its folder', () => {
    const first = new VerificationWorkDir(dataDir, 4242);
    const running = first.forRun('under-way');
    const second = new VerificationWorkDir(dataDir, 4242);
    expect(second.clearLeftovers()).toEqual([]);
    second.forRun('quick');
    second.removeMine();
    expect(fs.existsSync(running)).toBe(true);
    expect(fs.readdirSync(path.join(root(), '4242'))).toEqual(['under-way']);
    first.removeMine();
    expect(fs.readdirSync(root())).toEqual([]);
  });

  it('given no work folder yet, when leftovers are cleared, then nothing is removed and nothing is made', () => {
    expect(new VerificationWorkDir(dataDir, 4242).clearLeftovers()).toEqual([]);
    expect(fs.existsSync(root())).toBe(false);
  });

  it('given two runs, when one is removed, then the other stays until the instance removes its own', () => {
    const work = new VerificationWorkDir(dataDir, 4242);
    const a = work.forRun('a');
    const b = work.forRun('b');
    expect(path.relative(root(), a)).toBe(path.join('4242', 'a'));
    work.removeRun('a');
    expect(fs.existsSync(a)).toBe(false);
    expect(fs.existsSync(b)).toBe(true);
    work.removeMine();
    expect(fs.readdirSync(root())).toEqual([]);
  });
});
