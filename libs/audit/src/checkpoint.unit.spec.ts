import { createHash, generateKeyPairSync } from 'node:crypto';
import {
  CheckpointError,
  checkpointSignatureProblem,
  generateSigningKeyPair,
  parseCheckpoint,
  parsePublicKey,
  parseSigningKey,
  signCheckpoint,
} from './checkpoint';
import { LogRoot, logRootOf } from './log-root';

const h = (n: number) => n.toString(16).padStart(64, '0');

describe('the log root', () => {
  it('given event hashes, when rooted, then the root depends on every hash and on their order', () => {
    const root = logRootOf([h(1), h(2), h(3)]);
    expect(root).toMatch(/^[0-9a-f]{64}$/);
    expect(logRootOf([h(1), h(2), h(3)])).toBe(root);
    expect(logRootOf([h(1), h(3), h(2)])).not.toBe(root);
    expect(logRootOf([h(1), h(2)])).not.toBe(root);
    expect(logRootOf([h(1), h(2), h(4)])).not.toBe(root);
  });

  it('given positions with gaps (EventStoreDB), when rooted, then only the order counts', () => {
    const a = new LogRoot();
    a.add(10, h(1));
    a.add(5_000, h(2));
    expect(a.rootHash).toBe(logRootOf([h(1), h(2)]));
    expect(a.eventCount).toBe(2);
    expect(a.position).toBe(5_000);
    expect(() => a.add(5_000, h(3))).toThrow(RangeError);
  });

  it('given three event hashes, when rooted, then the root is SHA-256(root ‖ hash) from 32 zero bytes, as ADR 0007 writes it', () => {
    const hashes = [h(1), 'ab'.repeat(32), createHash('sha256').update('x').digest('hex')];
    let expected = Buffer.alloc(32);
    for (const x of hashes) {
      expected = createHash('sha256').update(expected).update(Buffer.from(x, 'hex')).digest();
    }
    expect(logRootOf(hashes)).toBe(expected.toString('hex'));
  });

  it('given something that is not 64 hex digits, when added, then it is refused and the root is unchanged', () => {
    const a = new LogRoot();
    a.add(1, h(1));
    const before = a.rootHash;
    for (const bad of ['', h(1).slice(1), `${h(1).slice(2)}zz`, `${h(1)}00`]) {
      expect(() => a.add(2, bad)).toThrow(RangeError);
    }
    expect(a.rootHash).toBe(before);
    a.add(2, h(2));
    expect(a.rootHash).toBe(logRootOf([h(1), h(2)]));
  });
});

describe('signed checkpoints (Ed25519)', () => {
  const { privateKeyPem, publicKeyPem } = generateSigningKeyPair();
  const key = parseSigningKey(privateKeyPem);
  const unsigned = {
    fromPosition: 0 as const,
    toPosition: 42,
    eventCount: 42,
    rootHash: h(7),
    signedAt: '2024-05-01T08:00:00.000Z',
  };

  it('given a key from configuration, when it is PEM or base64 PKCS#8, then both are read', () => {
    const der = key.export({ format: 'der', type: 'pkcs8' }).toString('base64');
    expect(parseSigningKey(der).asymmetricKeyType).toBe('ed25519');
    expect(() => parseSigningKey('not a key')).toThrow(CheckpointError);
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey;
    expect(() => parseSigningKey(rsa.export({ format: 'pem', type: 'pkcs8' }).toString())).toThrow(
      /rsa, not Ed25519/,
    );
  });

  it('given a signed checkpoint, when checked with its own key or the pinned public key, then it holds', () => {
    const checkpoint = signCheckpoint(unsigned, key);
    expect(checkpoint).toMatchObject({ ...unsigned, publicKey: expect.any(String) });
    expect(checkpointSignatureProblem(checkpoint)).toBeUndefined();
    expect(checkpointSignatureProblem(checkpoint, parsePublicKey(publicKeyPem))).toBeUndefined();
    expect(parseCheckpoint(JSON.stringify(checkpoint))).toEqual(checkpoint);
  });

  it.each([
    ['the root', { rootHash: h(8) }],
    ['the position', { toPosition: 43 }],
    ['the count', { eventCount: 41 }],
    ['the time', { signedAt: '2024-05-02T08:00:00.000Z' }],
  ])('given a signed checkpoint, when %s is changed, then the signature fails', (_what, change) => {
    const forged = { ...signCheckpoint(unsigned, key), ...change };
    expect(checkpointSignatureProblem(forged)).toBe('the signature does not match the checkpoint');
  });

  it('given a checkpoint re-signed by another key, when checked against the pinned key, then it fails', () => {
    const other = parseSigningKey(generateSigningKeyPair().privateKeyPem);
    const forged = signCheckpoint({ ...unsigned, rootHash: h(9) }, other);
    expect(checkpointSignatureProblem(forged)).toBeUndefined(); // self-consistent…
    expect(checkpointSignatureProblem(forged, parsePublicKey(publicKeyPem))).toMatch(/another key/);
  });

  it('given a file that is not a checkpoint, when parsed, then it says what is wrong', () => {
    expect(() => parseCheckpoint('{')).toThrow('not JSON');
    expect(() => parseCheckpoint(JSON.stringify({ fromPosition: 1, rootHash: 'x' }))).toThrow(
      /fromPosition must be 0.*rootHash must be 64 hex/,
    );
  });
});
