/** Thrown for any bad configuration value; the message names the variable. */
export class LedgerConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LedgerConfigError';
  }
}
