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

  /** Today's business date, YYYY-MM-DD. */
  today(at: Date = this.now()): string {
    return this.dayFormat.format(at);
  }
}
