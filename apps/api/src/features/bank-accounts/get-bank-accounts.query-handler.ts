import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { readPayeeAccounts } from '@ledger/application';
import { maskAccountNumber, notFound, PayeeAccount, PayeeKind } from '@ledger/domain';
import { LedgerStorage } from '../../ledger-core/ledger-storage';
import { BankAccountDto, BankAccountsDto } from './bank-accounts.dto';

export class GetBankAccountsQuery {
  constructor(
    readonly payeeKind: PayeeKind,
    readonly payeeId: string,
    /** Finance pays: it sees the numbers in full; everyone else the last four digits. */
    readonly fullNumbers: boolean,
  ) {}
}

/** A payee's accounts, read from its own stream (no read-model lag: a batch reads the same). */
@QueryHandler(GetBankAccountsQuery)
export class GetBankAccountsQueryHandler implements IQueryHandler<
  GetBankAccountsQuery,
  BankAccountsDto
> {
  constructor(private readonly storage: LedgerStorage) {}

  async execute(q: GetBankAccountsQuery): Promise<BankAccountsDto> {
    const state = await readPayeeAccounts(this.storage.deps, q.payeeKind, q.payeeId);
    if (state.accounts.length === 0) throw notFound(`bank accounts of ${q.payeeKind} ${q.payeeId}`);
    const view = (a: PayeeAccount): BankAccountDto => ({
      accountId: a.accountId,
      accountName: a.accountName,
      accountNumber: q.fullNumbers ? a.accountNumber : maskAccountNumber(a.accountNumber),
      bankName: a.bankName,
      bankCode: a.bankCode,
      verifiedOn: a.verifiedOn,
      verifiedBy: a.verifiedBy,
    });
    const history = state.accounts.map(view);
    return {
      payeeId: q.payeeId,
      payeeKind: q.payeeKind,
      current: history[history.length - 1],
      history,
    };
  }
}
