import { Module } from '@nestjs/common';

// Placeholder: the lead engineer fills this with the ledger's controllers and handlers.
@Module({})
export class LedgerModule {}
