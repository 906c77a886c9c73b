import { BusinessDate } from '../shared/business-date';
import { Refusal, refuse } from './refusal';

export interface PublicityForPayment {
  publicityId: string;
  startsOn: BusinessDate;
  endsOn: BusinessDate;
  /** Objections still waiting for a decision. */
  openObjections: number;
  /** Upheld objections that name no single claim: they stop the whole list. */
  upheldObjectionsOnTheList: number;
}

/**
 * R-PUB: a payment may be recorded only after its tranche's notice has ended
 * with no upheld objection. An objection not yet decided also holds the
 * payment: it may still be upheld. Upheld objections on one claim take that
 * claim out of the tranche instead, so they do not block the rest.
 */
export function paymentAfterPublicityRule(
  publicity: PublicityForPayment | undefined,
  paidOn: BusinessDate,
): Refusal | undefined {
  if (!publicity) return refuse('R-PUB', 'the tranche has not been published');
  if (paidOn <= publicity.endsOn) {
    return refuse(
      'R-PUB',
      `the notice ${publicity.publicityId} runs until ${publicity.endsOn}; pay after it ends`,
    );
  }
  if (publicity.openObjections > 0) {
    return refuse(
      'R-PUB',
      `the notice ${publicity.publicityId} has ${publicity.openObjections} objection(s) not yet decided`,
    );
  }
  if (publicity.upheldObjectionsOnTheList > 0) {
    return refuse('R-PUB', `an objection to the notice ${publicity.publicityId} was upheld`);
  }
  return undefined;
}
