import * as fs from 'node:fs';
import { parseArgs } from 'node:util';
import { generateSigningKeyPair, parsePublicKey, publicKeyBase64 } from '@ledger/audit';
import { CliCommand, CommandError, UsageError } from './command';

/**
 * `ledger keygen --out FILE`: a new Ed25519 key pair for signing checkpoints.
 * The private key goes to FILE (PKCS#8 PEM, mode 0600, never overwritten),
 * the public key to FILE.pub and to stdout. Set the private key as
 * `LEDGER_AUDIT_SIGNING_KEY`; give auditors the public key.
 */
export const keygenCommand: CliCommand = {
  name: 'keygen',
  summary: 'make an Ed25519 key pair for signing checkpoints',
  usage: 'keygen --out FILE',
  async run(args, io) {
    let values;
    try {
      ({ values } = parseArgs({
        args,
        strict: true,
        allowPositionals: false,
        options: { out: { type: 'string' } },
      }));
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    if (!values.out) throw new UsageError('--out FILE is required');
    const { privateKeyPem, publicKeyPem } = generateSigningKeyPair();
    try {
      fs.writeFileSync(values.out, privateKeyPem, { mode: 0o600, flag: 'wx' });
      fs.writeFileSync(`${values.out}.pub`, publicKeyPem, { mode: 0o644, flag: 'wx' });
    } catch (error) {
      throw new CommandError(`cannot write the key: ${(error as Error).message}`);
    }
    io.stdout(publicKeyPem);
    io.stderr(
      `private key: ${values.out} (set LEDGER_AUDIT_SIGNING_KEY="$(cat ${values.out})")\n` +
        `public key: ${values.out}.pub, base64 ${publicKeyBase64(parsePublicKey(publicKeyPem))}\n`,
    );
    return 0;
  },
};
