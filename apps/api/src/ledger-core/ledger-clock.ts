import { Inject, Injectable } from '@nestjs/common';
import { LEDGER_CONFIG, LedgerConfig } from '../platform/config/ledger-config';

/**
 * The only clock the ledger reads. Business dates are days in Datong
 * (Asia/Shanghai); recorded times are UTC instants. Both enter the domain as
 * command fields, never read inside it.
 */
@Injectable()
export class LedgerClock {
  private readonly dayFormat: Intl.DateTimeFormat;
  /** The last day formatted, and the second of time it was formatted for. */
  private dayOf = { second: Number.NaN, day: '' };

  constructor(@Inject(LEDGER_CONFIG) config: Pick<LedgerConfig, 'timeZone'>) {
    this.dayFormat = new Intl.DateTimeFormat('en-CA', {
      timeZone: config.timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
  }

  now(): Date {
    return new Date();
  }

  /**
   * Today's business date, YYYY-MM-DD. Every command asks (its dates may not
   * lie in the future), and formatting in a time zone costs ~1 % of a
   * command's CPU (issue #16); every zone's offset is a whole number of
   * seconds, so within one second the day is the one formatted last.
   */
  today(at: Date = this.now()): string {
    const second = Math.floor(at.getTime() / 1000);
    if (second !== this.dayOf.second) {
      // An invalid date (NaN) is never remembered: format throws on it, as before.
      this.dayOf = { second, day: this.dayFormat.format(at) };
    }
    return this.dayOf.day;
  }
}
