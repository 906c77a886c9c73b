import { LedgerError } from '@ledger/domain';

/** The LedgerError a process refused with; anything else (a bug, a success) fails the test. */
export async function thrown(p: Promise<unknown>): Promise<LedgerError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof LedgerError) return e;
    throw e;
  }
  throw new Error('expected a LedgerError');
}
