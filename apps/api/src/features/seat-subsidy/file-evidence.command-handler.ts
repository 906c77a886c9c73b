import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandContext, fileEvidence, Written } from '@ledger/application';
import { EvidenceResult, FileEvidenceCommand as FileEvidenceCommandInput } from '@ledger/domain';
import { LedgerStorage } from '../../ledger-core/ledger-storage';

export class FileEvidenceCommand {
  constructor(
    readonly ctx: CommandContext,
    readonly applicationId: string,
    readonly cmd: FileEvidenceCommandInput,
  ) {}
}

@CommandHandler(FileEvidenceCommand)
export class FileEvidenceCommandHandler implements ICommandHandler<
  FileEvidenceCommand,
  Written<EvidenceResult[]>
> {
  constructor(private readonly storage: LedgerStorage) {}

  async execute(c: FileEvidenceCommand): Promise<Written<EvidenceResult[]>> {
    return this.storage.withPosition(
      await fileEvidence(this.storage.deps, c.ctx, c.applicationId, c.cmd),
    );
  }
}
