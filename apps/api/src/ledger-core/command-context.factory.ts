import { Injectable } from '@nestjs/common';
import { CommandContext } from '@ledger/application';
import { invalidInput } from '@ledger/domain';
import { randomUUID } from 'node:crypto';
import { Actor } from '../platform/auth/actor';
import { LedgerClock } from './ledger-clock';

/** Turns the caller and the clock into the context every command carries. */
@Injectable()
export class CommandContextFactory {
  constructor(private readonly clock: LedgerClock) {}

  create(actor: Actor, idempotencyKey?: string): CommandContext {
    const ctx: CommandContext = {
      actorId: actor.actorId,
      role: actor.role,
      recordedAt: this.clock.now().toISOString(),
      correlationId: randomUUID(),
    };
    if (idempotencyKey) ctx.idempotencyKey = idempotencyKey;
    return ctx;
  }

  /** Business dates may lie in the past (history is entered late) but never in the future. */
  assertNotFuture(dates: Record<string, string | undefined>): void {
    const today = this.clock.today();
    for (const [field, date] of Object.entries(dates)) {
      if (date !== undefined && date > today) {
        throw invalidInput(field, `${date} is in the future (today is ${today} in Datong)`);
      }
    }
  }

  /** Months of evidence cannot lie after the current month either. */
  assertMonthsNotFuture(field: string, months: readonly string[]): void {
    const thisMonth = this.clock.today().slice(0, 7);
    const late = months.find((m) => m > thisMonth);
    if (late) throw invalidInput(field, `month ${late} is in the future`);
  }

  today(): string {
    return this.clock.today();
  }
}
