import {
  BankReferenceEvent,
  BankReferenceState,
  CaseEvent,
  CaseState,
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
