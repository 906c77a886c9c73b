import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  KeyObject,
  sign,
  verify,
} from 'node:crypto';
import { canonicalJson } from '@ledger/event-store/integrity/canonical-json';
import { isHashHex } from '@ledger/event-store/integrity/event-seal';

/**
 * A signed checkpoint of the global log (ADR 0007): "the first `eventCount`
 * events, up to `toPosition`, have the log root `rootHash`", signed with
 * Ed25519. An auditor keeps the file outside the system; later,
 * `ledger verify --checkpoint FILE` recomputes the root over the same events
 * and checks the signature, proving the log still extends it unchanged.
 *
 * The signature is over the canonical JSON (`canonicalJson`, in
 * libs/event-store/src/integrity) of every other field, `publicKey` included,
 * so nothing in the file can be changed.
 */
export interface LogCheckpoint {
  /** Always 0: a checkpoint covers the log from its start. */
  fromPosition: 0;
  /** Position of the last event covered. */
  toPosition: number;
  eventCount: number;
  /** Hex SHA-256 (log-root.ts). */
  rootHash: string;
  /** ISO-8601 UTC. */
  signedAt: string;
  /** The signer's Ed25519 public key, SPKI DER in base64. */
  publicKey: string;
  /** Ed25519 signature, base64. */
  signature: string;
}

export type UnsignedCheckpoint = Omit<LogCheckpoint, 'signature' | 'publicKey'>;

/** Thrown for a key or a checkpoint file that cannot be used; the message says why. */
export class CheckpointError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CheckpointError';
  }
}

const BASE64 = /^[A-Za-z0-9+/=\s]+$/;

/**
 * An Ed25519 private key from configuration (`LEDGER_AUDIT_SIGNING_KEY`): PEM
 * (`-----BEGIN PRIVATE KEY-----`) or the base64 of the PKCS#8 DER.
 */
export function parseSigningKey(text: string): KeyObject {
  const trimmed = text.trim();
  let key: KeyObject;
  try {
    key = trimmed.startsWith('-----BEGIN')
      ? createPrivateKey({ key: trimmed, format: 'pem' })
      : createPrivateKey({ key: base64Der(trimmed), format: 'der', type: 'pkcs8' });
  } catch {
    throw new CheckpointError(
      'the signing key is not a PEM or base64 PKCS#8 private key (make one with `ledger keygen`)',
    );
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new CheckpointError(`the signing key is ${key.asymmetricKeyType}, not Ed25519`);
  }
  return key;
}

/** An Ed25519 public key: PEM (SPKI) or the base64 of the SPKI DER (as in a checkpoint file). */
export function parsePublicKey(text: string): KeyObject {
  const trimmed = text.trim();
  let key: KeyObject;
  try {
    key = trimmed.startsWith('-----BEGIN')
      ? createPublicKey({ key: trimmed, format: 'pem' })
      : createPublicKey({ key: base64Der(trimmed), format: 'der', type: 'spki' });
  } catch {
    throw new CheckpointError('the public key is not a PEM or base64 SPKI Ed25519 public key');
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new CheckpointError(`the public key is ${key.asymmetricKeyType}, not Ed25519`);
  }
  return key;
}

function base64Der(text: string): Buffer {
  if (!BASE64.test(text)) throw new CheckpointError('not base64');
  return Buffer.from(text.replace(/\s+/g, ''), 'base64');
}

export const publicKeyBase64 = (key: KeyObject): string =>
  (key.type === 'public' ? key : createPublicKey(key))
    .export({ format: 'der', type: 'spki' })
    .toString('base64');

/** A fresh key pair, as PEM texts (`ledger keygen`). */
export function generateSigningKeyPair(): { privateKeyPem: string; publicKeyPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    publicKeyPem: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
  };
}

/** The bytes that are signed: the canonical JSON of every field but `signature`. */
export function checkpointSigningInput(checkpoint: Omit<LogCheckpoint, 'signature'>): Buffer {
  return Buffer.from(
    canonicalJson({
      fromPosition: checkpoint.fromPosition,
      toPosition: checkpoint.toPosition,
      eventCount: checkpoint.eventCount,
      rootHash: checkpoint.rootHash,
      signedAt: checkpoint.signedAt,
      publicKey: checkpoint.publicKey,
    }),
    'utf8',
  );
}

export function signCheckpoint(unsigned: UnsignedCheckpoint, privateKey: KeyObject): LogCheckpoint {
  const body = { ...unsigned, fromPosition: 0 as const, publicKey: publicKeyBase64(privateKey) };
  const signature = sign(null, checkpointSigningInput(body), privateKey).toString('base64');
  return { ...body, signature };
}

/**
 * Checks the signature with the key in the file, or with `trustedKey` when
 * given (an auditor should pin the key they trust: a forger can sign with a
 * key of their own and put it in the file). Returns the problem, if any.
 */
export function checkpointSignatureProblem(
  checkpoint: LogCheckpoint,
  trustedKey?: KeyObject,
): string | undefined {
  let fileKey: KeyObject;
  try {
    fileKey = parsePublicKey(checkpoint.publicKey);
  } catch (error) {
    return (error as Error).message;
  }
  if (trustedKey && publicKeyBase64(trustedKey) !== publicKeyBase64(fileKey)) {
    return 'the checkpoint was signed with another key than the trusted public key';
  }
  const ok = verify(
    null,
    checkpointSigningInput(checkpoint),
    trustedKey ?? fileKey,
    Buffer.from(checkpoint.signature, 'base64'),
  );
  return ok ? undefined : 'the signature does not match the checkpoint';
}

/** A checkpoint file's JSON, shape-checked. */
export function parseCheckpoint(text: string): LogCheckpoint {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new CheckpointError('the checkpoint file is not JSON');
  }
  const c = value as Partial<LogCheckpoint> | null;
  const problems: string[] = [];
  if (typeof c !== 'object' || c === null)
    throw new CheckpointError('the checkpoint is not an object');
  if (c.fromPosition !== 0) problems.push('fromPosition must be 0');
  if (!isCount(c.toPosition)) problems.push('toPosition must be a non-negative integer');
  if (!isCount(c.eventCount)) problems.push('eventCount must be a non-negative integer');
  if (!isHashHex(c.rootHash)) problems.push('rootHash must be 64 hex characters');
  if (typeof c.signedAt !== 'string' || Number.isNaN(Date.parse(c.signedAt)))
    problems.push('signedAt must be an ISO-8601 time');
  if (typeof c.publicKey !== 'string') problems.push('publicKey must be a string');
  if (typeof c.signature !== 'string') problems.push('signature must be a string');
  if (problems.length > 0) throw new CheckpointError(`bad checkpoint: ${problems.join('; ')}`);
  return c as LogCheckpoint;
}

const isCount = (v: unknown): v is number =>
  typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
