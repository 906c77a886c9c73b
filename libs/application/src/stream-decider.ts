import {
  RemittanceEvent,
  RemittancesState,
  evolveRemittances,
  initialRemittancesState,
  BankStatementEvent,
  BankStatementState,
  evolveBankStatement,
  PaymentBatchEvent,
  PaymentBatchState,
  evolvePaymentBatch,
  initialPaymentBatchState,
  TrancheBatchEvent,
  TrancheBatchState,
  evolveTrancheBatch,
  PayeeAccountEvent,
  PayeeAccountsState,
  evolvePayeeAccounts,
  initialPayeeAccountsState,
  BudgetEvent,
  BudgetState,
  evolveBudget,
  initialBudgetState,
  BankReferenceEvent,
  BankReferenceState,
  CaseEvent,
  CaseState,
  EffectiveSeatEvent,
  EffectiveSeatsState,
  evolveEffectiveSeats,
  evolveInternship,
  evolvePremises,
  evolveSchool,
  evolveSite,
  initialEffectiveSeatsState,
  initialInternshipState,
  initialSchoolState,
  initialSiteState,
  InternshipEvent,
  InternshipState,
  PremisesEvent,
  PremisesState,
  SchoolEvent,
  SchoolState,
  SiteEvent,
  SiteState,
  EnterpriseEvent,
  EnterpriseState,
  evolveBankReference,
  evolveCase,
  evolveEnterprise,
  evolvePerson,
  evolvePublicity,
  evolveSeatApplication,
  initialCaseState,
  initialEnterpriseState,
  initialPersonState,
  initialPublicityState,
  initialSeatApplicationState,
  PersonEvent,
  PersonState,
  PublicityEvent,
  PublicityState,
  SeatApplicationEvent,
  SeatApplicationState,
} from '@ledger/domain';

/** How a stream's state is folded from its events. */
export interface StreamFold<S, E> {
  initial: () => S;
  evolve: (state: S, event: E) => S;
}

export const enterpriseFold: StreamFold<EnterpriseState, EnterpriseEvent> = {
  initial: initialEnterpriseState,
  evolve: evolveEnterprise,
};
export const seatApplicationFold: StreamFold<SeatApplicationState, SeatApplicationEvent> = {
  initial: initialSeatApplicationState,
  evolve: evolveSeatApplication,
};
export const personFold: StreamFold<PersonState, PersonEvent> = {
  initial: initialPersonState,
  evolve: evolvePerson,
};
export const publicityFold: StreamFold<PublicityState, PublicityEvent> = {
  initial: initialPublicityState,
  evolve: evolvePublicity,
};
export const bankReferenceFold: StreamFold<BankReferenceState, BankReferenceEvent> = {
  initial: () => ({}),
  evolve: evolveBankReference,
};
export const caseFold: StreamFold<CaseState, CaseEvent> = {
  initial: initialCaseState,
  evolve: evolveCase,
};

// Issue #7: effective seats, site subsidies, internship rewards.
export const effectiveSeatsFold: StreamFold<EffectiveSeatsState, EffectiveSeatEvent> = {
  initial: initialEffectiveSeatsState,
  evolve: evolveEffectiveSeats,
};
export const siteFold: StreamFold<SiteState, SiteEvent> = {
  initial: initialSiteState,
  evolve: evolveSite,
};
export const premisesFold: StreamFold<PremisesState, PremisesEvent> = {
  initial: () => ({}),
  evolve: evolvePremises,
};
export const schoolFold: StreamFold<SchoolState, SchoolEvent> = {
  initial: initialSchoolState,
  evolve: evolveSchool,
};
export const internshipFold: StreamFold<InternshipState, InternshipEvent> = {
  initial: initialInternshipState,
  evolve: evolveInternship,
};

// Issue #14: budgets (R-BUDGET, ADR 0019).
export const budgetFold: StreamFold<BudgetState, BudgetEvent> = {
  initial: initialBudgetState,
  evolve: evolveBudget,
};
export const payeeAccountsFold: StreamFold<PayeeAccountsState, PayeeAccountEvent> = {
  initial: initialPayeeAccountsState,
  evolve: evolvePayeeAccounts,
};
export const paymentBatchFold: StreamFold<PaymentBatchState, PaymentBatchEvent> = {
  initial: initialPaymentBatchState,
  evolve: evolvePaymentBatch,
};
export const trancheBatchFold: StreamFold<TrancheBatchState, TrancheBatchEvent> = {
  initial: () => ({}),
  evolve: evolveTrancheBatch,
};
export const bankStatementFold: StreamFold<BankStatementState, BankStatementEvent> = {
  initial: () => ({}),
  evolve: evolveBankStatement,
};
export const remittancesFold: StreamFold<RemittancesState, RemittanceEvent> = {
  initial: initialRemittancesState,
  evolve: evolveRemittances,
};
