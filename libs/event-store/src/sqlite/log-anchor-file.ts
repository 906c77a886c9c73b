import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The log head as recorded outside the database: a position and the hash of the event there. */
export interface LogAnchor {
  position: number;
  /** `eventRowHash` of the event at `position`. */
  hash: string;
}

/** The log is shorter than its anchor, or differs from it: nothing may be served from it. */
export class LogAnchorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LogAnchorError';
  }
}

/*
 * Format 2 (ADR 0020 §60): two slots, each a JSON line with a check over its
 * content, the second a page after the first so that writing one never
 * rewrites the other's sector. Each commit overwrites the slot holding the
 * older anchor in place and syncs the data only: no temporary file, rename or
 * directory sync. The slot it leaves holds the newest anchor written before,
 * so a write torn by a crash costs at most that one newer anchor, which no
 * append was acknowledged under.
 */
const SLOT_BYTES = 256;
const SLOT_OFFSETS = [0, 4096] as const;
const FILE_BYTES = SLOT_OFFSETS[1] + SLOT_BYTES;
const HEX_64 = /^[0-9a-f]{64}$/;

function slotCheck(anchor: LogAnchor): string {
  return createHash('sha256')
    .update(`2:${anchor.position}:${anchor.hash}`)
    .digest('hex')
    .slice(0, 16);
}

function slotText(anchor: LogAnchor): string {
  const json = JSON.stringify({
    version: 2,
    position: anchor.position,
    hash: anchor.hash,
    check: slotCheck(anchor),
  });
  return `${json.padEnd(SLOT_BYTES - 1, ' ')}\n`;
}

function isAnchor(position: unknown, hash: unknown): boolean {
  return Number.isSafeInteger(position) && (position as number) >= 1 && HEX_64.test(String(hash));
}

function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed !== null && typeof parsed === 'object'
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** A slot's anchor; undefined when it is empty, torn or damaged. */
function parseSlot(bytes: Buffer): LogAnchor | undefined {
  const slot = parseJson(bytes.toString('utf8').trim());
  if (slot === undefined || slot.version !== 2 || !isAnchor(slot.position, slot.hash)) {
    return undefined;
  }
  const anchor = { position: slot.position as number, hash: slot.hash as string };
  return slot.check === slotCheck(anchor) ? anchor : undefined;
}

/** What one read of the file found: the anchor, and per slot what it holds. */
export interface AnchorFileContent {
  anchor: LogAnchor;
  /** undefined: format 1 (one JSON object), rewritten whole on the next write. */
  slots?: readonly [LogAnchor | undefined, LogAnchor | undefined];
}

function parseAnchorFile(bytes: Buffer): AnchorFileContent | undefined {
  if (bytes.length === FILE_BYTES) {
    const slots = SLOT_OFFSETS.map((at) => parseSlot(bytes.subarray(at, at + SLOT_BYTES))) as [
      LogAnchor | undefined,
      LogAnchor | undefined,
    ];
    const [a, b] = slots;
    const anchor = a && b ? (a.position >= b.position ? a : b) : (a ?? b);
    return anchor && { anchor, slots };
  }
  // Format 1, from before §60: `{"version":1,"position":…,"hash":…}` written by rename.
  const { version, position, hash } = parseJson(bytes.toString('utf8')) ?? {};
  return (version === undefined || version === 1) && isAnchor(position, hash)
    ? { anchor: { position: position as number, hash: hash as string } }
    : undefined;
}

/** The file's first bytes, at most one more than a format-2 file: anything longer is damaged, and is not read whole. */
function readHead(fd: number): Buffer {
  const bytes = Buffer.alloc(FILE_BYTES + 1);
  return bytes.subarray(0, fs.readSync(fd, bytes, 0, bytes.length, 0));
}

function readBounded(file: string): Buffer {
  const fd = fs.openSync(file, 'r');
  try {
    return readHead(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** The anchor file as read once; undefined when there is none. Throws LogAnchorError when unreadable. */
export function readLogAnchorFile(file: string): AnchorFileContent | undefined {
  let bytes: Buffer;
  try {
    bytes = readBounded(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new LogAnchorError(`cannot read the anchor ${file}: ${(error as Error).message}`);
  }
  const content = parseAnchorFile(bytes);
  if (content === undefined) {
    throw new LogAnchorError(`the anchor ${file} is damaged: not {position, hash}`);
  }
  return content;
}

/** The anchor file's newest anchor; undefined when there is none. Throws LogAnchorError when unreadable. */
export function readLogAnchor(file: string): LogAnchor | undefined {
  return readLogAnchorFile(file)?.anchor;
}

/** The two slots of a format-2 file as they read (undefined: empty, torn or damaged); [] for format 1. */
export function readLogAnchorSlots(file: string): readonly (LogAnchor | undefined)[] {
  return readLogAnchorFile(file)?.slots ?? [];
}

/** True when the file is in format 1 and is to be rewritten in format 2. */
export function isFormatOneAnchor(file: string): boolean {
  const content = readLogAnchorFile(file);
  return content !== undefined && content.slots === undefined;
}

/**
 * Replaces the anchor file whole and atomically, in format 2 with `anchor` in
 * its first slot: a private temporary file, fsynced, renamed over the old one,
 * and the directory fsynced so the rename itself survives a power cut. Used
 * when there is no file in format 2 to write a slot of.
 */
export function writeLogAnchor(file: string, anchor: LogAnchor): void {
  const dir = path.dirname(file);
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const content = Buffer.alloc(FILE_BYTES, ' ');
  content.write(slotText(anchor), SLOT_OFFSETS[0], 'utf8');
  // The rest is spaces: a line break before the empty second slot and at its end.
  content.write('\n', SLOT_OFFSETS[1] - 1, 'utf8');
  content.write('\n', FILE_BYTES - 1, 'utf8');
  try {
    const fd = fs.openSync(tmp, 'wx', 0o600);
    try {
      fs.writeSync(fd, content);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, file);
  } finally {
    fs.rmSync(tmp, { force: true });
  }
  const dirFd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(dirFd);
  } finally {
    fs.closeSync(dirFd);
  }
}

/**
 * Records `anchor` as the newest: in place, over the slot holding the older
 * anchor (or an unreadable one), then `fdatasync`. The caller holds SQLite's
 * write lock, so no other process writes the file meanwhile and the slots
 * always hold the newest anchor and the one before it. A missing file, one in
 * format 1 or one with no readable slot is replaced whole instead.
 */
export function writeLogAnchorSlot(file: string, anchor: LogAnchor): void {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r+');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    return writeLogAnchor(file, anchor);
  }
  let replaceWhole = false;
  try {
    const slots = parseAnchorFile(readHead(fd))?.slots;
    if (slots === undefined) {
      replaceWhole = true;
    } else {
      const [a, b] = slots;
      const target = a === undefined ? 0 : b === undefined ? 1 : a.position <= b.position ? 0 : 1;
      fs.writeSync(fd, slotText(anchor), SLOT_OFFSETS[target], 'utf8');
      fs.fdatasyncSync(fd);
    }
  } finally {
    fs.closeSync(fd);
  }
  if (replaceWhole) writeLogAnchor(file, anchor);
}
