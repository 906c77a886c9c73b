import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LedgerConfigError, loadLedgerConfig, parseBodyLimit } from './ledger-config';

describe('loadLedgerConfig', () => {
  let root: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-test-config-'));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  const modeOf = (file: string) => fs.statSync(file).mode & 0o777;

  it('has defaults, and resolves and creates the data directory', () => {
    const dataDir = path.join(root, 'nested', 'data');
    const config = loadLedgerConfig({ LEDGER_DATA_DIR: dataDir });
    expect(config).toMatchObject({
      port: 3000,
      dataDir,
      sqliteFile: path.join(dataDir, 'ledger.sqlite'),
      bodyLimit: '10mb',
      bodyLimitBytes: 10 * 1024 * 1024,
      logLevel: 'info',
      warnings: [],
    });
    expect(fs.statSync(dataDir).isDirectory()).toBe(true);
  });

  it('resolves a relative data directory against the working directory', () => {
    const cwd = process.cwd();
    process.chdir(root);
    try {
      expect(loadLedgerConfig({}).dataDir).toBe(path.join(fs.realpathSync(root), 'data'));
    } finally {
      process.chdir(cwd);
    }
  });

  it('creates each secret file once, mode 0600, and reuses it', () => {
    const first = loadLedgerConfig({ LEDGER_DATA_DIR: root });
    const jwtFile = path.join(root, 'jwt-secret');
    const personFile = path.join(root, 'person-key-secret');
    expect(first.jwtSecret).toMatch(/^[0-9a-f]{64}$/);
    expect(first.personKeySecret).toMatch(/^[0-9a-f]{64}$/);
    expect(first.personKeySecret).not.toBe(first.jwtSecret);
    expect(modeOf(jwtFile)).toBe(0o600);
    expect(modeOf(personFile)).toBe(0o600);
    expect(fs.readFileSync(jwtFile, 'utf8').trim()).toBe(first.jwtSecret);

    const second = loadLedgerConfig({ LEDGER_DATA_DIR: root });
    expect(second.jwtSecret).toBe(first.jwtSecret);
    expect(second.personKeySecret).toBe(first.personKeySecret);
    expect(fs.readdirSync(root).sort()).toEqual(['jwt-secret', 'person-key-secret']);
  });

  it('prefers the environment and then writes no file', () => {
    const config = loadLedgerConfig({
      LEDGER_DATA_DIR: root,
      LEDGER_JWT_SECRET: 'j'.repeat(40),
      LEDGER_PERSON_KEY_SECRET: 'p'.repeat(40),
    });
    expect(config.jwtSecret).toBe('j'.repeat(40));
    expect(config.personKeySecret).toBe('p'.repeat(40));
    expect(fs.readdirSync(root)).toEqual([]);
  });

  it('treats empty variables as unset', () => {
    const config = loadLedgerConfig({ LEDGER_DATA_DIR: root, PORT: '', LEDGER_JWT_SECRET: '  ' });
    expect(config.port).toBe(3000);
    expect(fs.existsSync(path.join(root, 'jwt-secret'))).toBe(true);
  });

  it('warns about a short person-key secret and a loose file mode, without failing', () => {
    fs.writeFileSync(path.join(root, 'person-key-secret'), 'short\n', { mode: 0o644 });
    fs.chmodSync(path.join(root, 'person-key-secret'), 0o644);
    const config = loadLedgerConfig({ LEDGER_DATA_DIR: root, LEDGER_JWT_SECRET: 'j'.repeat(32) });
    expect(config.personKeySecret).toBe('short');
    expect(config.warnings).toEqual([
      expect.stringContaining('person-key-secret: secret shorter than 32'),
      expect.stringContaining('chmod 600'),
    ]);
  });

  describe('actor tokens (issue #12, point 10)', () => {
    it.each([
      ['secret', 6],
      ['s'.repeat(31), 31],
      ['密钥'.repeat(5), 30],
    ])('refuses to start with LEDGER_JWT_SECRET %j (%i bytes), naming the variable', (secret) => {
      expect(() => loadLedgerConfig({ LEDGER_DATA_DIR: root, LEDGER_JWT_SECRET: secret })).toThrow(
        /^LEDGER_JWT_SECRET must be at least 32 bytes/,
      );
    });

    it('refuses a jwt-secret file shorter than 32 bytes, naming the file and the variable', () => {
      fs.writeFileSync(path.join(root, 'jwt-secret'), 'short\n', { mode: 0o600 });
      expect(() => loadLedgerConfig({ LEDGER_DATA_DIR: root })).toThrow(
        /LEDGER_JWT_SECRET must be at least 32 bytes.*jwt-secret/,
      );
    });

    it('accepts 32 bytes, multi-byte characters counted as bytes', () => {
      for (const secret of ['s'.repeat(32), '密钥'.repeat(6)]) {
        expect(
          loadLedgerConfig({ LEDGER_DATA_DIR: root, LEDGER_JWT_SECRET: secret }).jwtSecret,
        ).toBe(secret);
      }
    });

    it('reads LEDGER_JWT_MAX_TTL, 12h by default', () => {
      expect(loadLedgerConfig({ LEDGER_DATA_DIR: root }).jwtMaxTtlSeconds).toBe(12 * 3600);
      expect(
        loadLedgerConfig({ LEDGER_DATA_DIR: root, LEDGER_JWT_MAX_TTL: '30m' }).jwtMaxTtlSeconds,
      ).toBe(1800);
      expect(
        loadLedgerConfig({ LEDGER_DATA_DIR: root, LEDGER_JWT_MAX_TTL: '7200' }).jwtMaxTtlSeconds,
      ).toBe(7200);
    });

    it.each(['0', '12x', '-1h', '400d'])('refuses LEDGER_JWT_MAX_TTL=%j', (value) => {
      expect(() => loadLedgerConfig({ LEDGER_DATA_DIR: root, LEDGER_JWT_MAX_TTL: value })).toThrow(
        /^LEDGER_JWT_MAX_TTL must be/,
      );
    });
  });

  it('reads the other settings', () => {
    const config = loadLedgerConfig({
      LEDGER_DATA_DIR: root,
      PORT: '0',
      LEDGER_BODY_LIMIT: '512kb',
      LOG_LEVEL: 'DEBUG',
    });
    expect(config).toMatchObject({ port: 0, bodyLimitBytes: 512 * 1024, logLevel: 'debug' });
  });

  it.each([
    [{ PORT: 'http' }, /PORT must be an integer from 0 to 65535, got "http"/],
    [{ PORT: '65536' }, /PORT/],
    [{ PORT: '-1' }, /PORT/],
    [{ LEDGER_BODY_LIMIT: 'lots' }, /LEDGER_BODY_LIMIT must be a size/],
    [{ LEDGER_BODY_LIMIT: '2gb' }, /LEDGER_BODY_LIMIT/],
    [{ LEDGER_BODY_LIMIT: '0' }, /LEDGER_BODY_LIMIT/],
    [
      { LOG_LEVEL: 'loud' },
      /LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent/,
    ],
  ])('fails fast on %j', (env, message) => {
    expect(() => loadLedgerConfig({ LEDGER_DATA_DIR: root, ...env })).toThrow(LedgerConfigError);
    expect(() => loadLedgerConfig({ LEDGER_DATA_DIR: root, ...env })).toThrow(message);
  });

  it('fails fast on a data directory that is a file, and on an empty secret file', () => {
    const file = path.join(root, 'file');
    fs.writeFileSync(file, '');
    expect(() => loadLedgerConfig({ LEDGER_DATA_DIR: file })).toThrow(/LEDGER_DATA_DIR/);
    fs.writeFileSync(path.join(root, 'jwt-secret'), '\n', { mode: 0o600 });
    expect(() => loadLedgerConfig({ LEDGER_DATA_DIR: root })).toThrow(
      /LEDGER_JWT_SECRET is unset and .*jwt-secret is empty/,
    );
  });
});

describe('parseBodyLimit', () => {
  it.each([
    ['10mb', 10 * 1024 * 1024],
    ['1kb', 1024],
    ['1.5KB', 1536],
    ['2048', 2048],
    ['100mb', 100 * 1024 * 1024],
  ])('%s is %i bytes', (text, bytes) => {
    expect(parseBodyLimit(text)).toBe(bytes);
  });
});
