import { Inject, ValueProvider } from '@nestjs/common';
import { LEDGER_CONFIG, LedgerConfig } from './ledger-config';

export const ledgerConfigProvider = (config: LedgerConfig): ValueProvider<LedgerConfig> => ({
  provide: LEDGER_CONFIG,
  useValue: config,
});

/** `constructor(@InjectLedgerConfig() private readonly config: LedgerConfig)` */
export const InjectLedgerConfig = (): ParameterDecorator => Inject(LEDGER_CONFIG);
