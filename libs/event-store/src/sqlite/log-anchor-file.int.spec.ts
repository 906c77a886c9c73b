import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  isFormatOneAnchor,
  LogAnchor,
  LogAnchorError,
  readLogAnchor,
  readLogAnchorSlots,
  writeLogAnchor,
  writeLogAnchorSlot,
} from './log-anchor-file';

const at = (position: number): LogAnchor => ({
  position,
  hash: position.toString(16).padStart(64, '0'),
});

/** Positions the two slots hold (undefined: empty or unreadable). */
const slotPositions = (file: string) => readLogAnchorSlots(file).map((slot) => slot?.position);

/** ADR 0020 §60: the anchor written in place into the older of two slots. */
describe('log anchor file (format 2)', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-test-anchor-file-'));
    file = path.join(dir, 'ledger.anchor');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('given no file, when a slot is written, then the file is created private, in format 2, with no temporary left', () => {
    writeLogAnchorSlot(file, at(3));
    expect(readLogAnchor(file)).toEqual(at(3));
    expect(isFormatOneAnchor(file)).toBe(false);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(dir)).toEqual(['ledger.anchor']);
  });

  it('given a format-2 file, when anchors are written, then each goes in place (same file, no rename) into the older slot, so the slots hold the newest and the one before', () => {
    writeLogAnchorSlot(file, at(1));
    const inode = fs.statSync(file).ino;
    for (let position = 2; position <= 9; position++) {
      writeLogAnchorSlot(file, at(position));
      expect(fs.statSync(file).ino).toBe(inode);
      expect(new Set(slotPositions(file))).toEqual(new Set([position - 1, position]));
      expect(readLogAnchor(file)).toEqual(at(position));
    }
    expect(fs.readdirSync(dir)).toEqual(['ledger.anchor']);
  });

  it('given the newest slot torn by a crash, when read, then the anchor before it is found, and the next write goes over the torn slot', () => {
    writeLogAnchorSlot(file, at(10));
    writeLogAnchorSlot(file, at(11));
    const newest = slotPositions(file).indexOf(11) * 4096;
    // Half of a write of position 12 over the slot, the rest as it was: the check no longer holds.
    const torn = Buffer.from(fs.readFileSync(file).subarray(newest, newest + 256));
    Buffer.from(JSON.stringify({ version: 2, position: 12 })).copy(torn, 0);
    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, torn, 0, torn.length, newest);
    fs.closeSync(fd);

    expect(readLogAnchor(file)).toEqual(at(10));
    writeLogAnchorSlot(file, at(12));
    expect(new Set(slotPositions(file))).toEqual(new Set([10, 12]));
    expect(slotPositions(file)[newest / 4096]).toBe(12);
    expect(readLogAnchor(file)).toEqual(at(12));
  });

  it('given a slot whose check does not hold its content, then the slot is not believed', () => {
    writeLogAnchorSlot(file, at(5));
    writeLogAnchorSlot(file, at(6));
    const text = fs.readFileSync(file, 'utf8').replace('"position":6', '"position":7');
    fs.writeFileSync(file, text);
    expect(readLogAnchor(file)).toEqual(at(5));
  });

  it('given both slots unreadable, when read, then it is refused as damaged, and a write replaces the file whole', () => {
    writeLogAnchor(file, at(4));
    fs.writeFileSync(file, Buffer.alloc(4096 + 256, 'x'));
    expect(() => readLogAnchor(file)).toThrow(LogAnchorError);
    expect(() => readLogAnchor(file)).toThrow(/is damaged/);
    writeLogAnchorSlot(file, at(5));
    expect(readLogAnchor(file)).toEqual(at(5));
  });

  it('given a format-1 file (one JSON object), when read, then its anchor is found; when written, then it becomes format 2', () => {
    fs.writeFileSync(file, `${JSON.stringify({ version: 1, ...at(8) })}\n`, { mode: 0o600 });
    expect(readLogAnchor(file)).toEqual(at(8));
    expect(isFormatOneAnchor(file)).toBe(true);
    writeLogAnchorSlot(file, at(9));
    expect(isFormatOneAnchor(file)).toBe(false);
    expect(slotPositions(file)).toEqual([9, undefined]);
    writeLogAnchorSlot(file, at(10));
    expect(slotPositions(file)).toEqual([9, 10]);
  });

  it('given a file longer than format 2 allows (a slot followed by anything), then it is refused as damaged without reading it whole', () => {
    writeLogAnchorSlot(file, at(4));
    fs.appendFileSync(file, Buffer.alloc(64 * 1024 * 1024, ' '));
    expect(() => readLogAnchor(file)).toThrow(/is damaged/);
    writeLogAnchorSlot(file, at(5));
    expect(readLogAnchor(file)).toEqual(at(5));
    expect(fs.statSync(file).size).toBe(4096 + 256);
  });

  it('given the largest position, then a slot still holds it', () => {
    writeLogAnchorSlot(file, at(Number.MAX_SAFE_INTEGER));
    expect(readLogAnchor(file)).toEqual(at(Number.MAX_SAFE_INTEGER));
  });
});
