import { BusinessDate } from '../shared/business-date';
import { Fen } from '../shared/money';

export interface PublicityEntry {
  trancheId: string;
  claimId: string;
  enterpriseId: string;
  enterpriseName: string;
  personName: string;
  personIdMasked: string;
  amountFen: Fen;
}

/** Events of `publicity-{id}`: the R-PUB notice, its objections and their outcome. */
export type PublicityEvent =
  | {
      type: 'PublicityOpened';
      data: {
        processId: string;
        publicityId: string;
        startsOn: BusinessDate;
        endsOn: BusinessDate;
        policyVersion: string;
        tranches: { trancheId: string; applicationId: string; enterpriseId: string }[];
        entries: PublicityEntry[];
      };
    }
  | {
      type: 'PublicityLinked';
      data: { processId: string; publicityId: string; linked: string[]; notLinked: string[] };
    }
  | {
      type: 'ObjectionRaised';
      data: {
        publicityId: string;
        objectionId: string;
        raisedOn: BusinessDate;
        claimId?: string;
        text: string;
      };
    }
  | {
      type: 'ObjectionResolved';
      data: {
        processId: string;
        publicityId: string;
        objectionId: string;
        resolvedOn: BusinessDate;
        upheld: boolean;
        reason: string;
        claimId?: string;
        trancheId?: string;
      };
    }
  | {
      type: 'ObjectionResolutionApplied';
      data: { processId: string; publicityId: string; objectionId: string; withdrawnFen: Fen };
    };

export const PUBLICITY_EVENT_TYPES: readonly PublicityEvent['type'][] = [
  'PublicityOpened',
  'PublicityLinked',
  'ObjectionRaised',
  'ObjectionResolved',
  'ObjectionResolutionApplied',
];
