import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandContext, recognizeEffectiveSeats, RecognitionResult } from '@ledger/application';
import { RecognizeEffectiveSeatsCommand as RecognizeInput } from '@ledger/domain';
import { LedgerStorage } from '../../ledger-core/ledger-storage';

export class RecognizeEffectiveSeatsCommand {
  constructor(
    readonly ctx: CommandContext,
    readonly input: Omit<RecognizeInput, 'recognizedBy'>,
  ) {}
}

/** R-EFF: a reviewer recognises an enterprise's effective seats (the whole roster on a date). */
@CommandHandler(RecognizeEffectiveSeatsCommand)
export class RecognizeEffectiveSeatsCommandHandler implements ICommandHandler<
  RecognizeEffectiveSeatsCommand,
  { result: RecognitionResult; position: number }
> {
  constructor(private readonly storage: LedgerStorage) {}

  async execute(
    c: RecognizeEffectiveSeatsCommand,
  ): Promise<{ result: RecognitionResult; position: number }> {
    return this.storage.withPosition(
      await recognizeEffectiveSeats(this.storage.deps, c.ctx, c.input),
    );
  }
}
