import * as fs from 'node:fs';
import * as os from 'node:os';
import { isStorageFull } from './storage-full';

describe('isStorageFull (issue #12, point 3)', () => {
  const error = (code: string, cause?: unknown) => Object.assign(new Error(code), { code, cause });

  it('takes SQLITE_FULL, ENOSPC and EDQUOT for a full disk, also as the cause of another error', () => {
    for (const code of ['SQLITE_FULL', 'ENOSPC', 'EDQUOT']) {
      expect(isStorageFull(error(code), '/data')).toBe(true);
      expect(isStorageFull(new Error('append failed', { cause: error(code) }), '/data')).toBe(true);
    }
  });

  it('takes an SQLITE_IOERR for a full disk only while the data directory has no room left', () => {
    const full = () => 8192;
    expect(isStorageFull(error('SQLITE_IOERR_WRITE'), '/data', full)).toBe(true);
    expect(isStorageFull(error('SQLITE_IOERR_SHMSIZE'), '/data', full)).toBe(true);
    expect(isStorageFull(error('SQLITE_IOERR_WRITE'), '/data', () => 2 ** 34)).toBe(false);
    expect(isStorageFull(error('SQLITE_IOERR_WRITE'), '/data', () => undefined)).toBe(false);
    // The real probe, on a directory with room: not full.
    const free = fs.statfsSync(os.tmpdir());
    expect(free.bavail * free.bsize).toBeGreaterThan(1024 * 1024);
    expect(isStorageFull(error('SQLITE_IOERR_WRITE'), os.tmpdir())).toBe(false);
  });

  it('leaves every other error alone', () => {
    for (const e of [error('SQLITE_CORRUPT'), error('SQLITE_BUSY'), new Error('x'), 'text', null]) {
      expect(isStorageFull(e, '/data')).toBe(false);
    }
  });
});
