import { BusinessDate } from '../shared/business-date';
import { Fen } from '../shared/money';
import { Programme } from '../tranche/payable-tranche';
import { PublicityStandard } from './publicity-standard';

/**
 * One line of a notice (R-PUB, Art. 7: unit, persons, standard, amount). A
 * seat entry names the enterprise and the person; a site entry the enterprise
 * only (its `claimId` is the tranche id: the enterprise is the recipient); an
 * internship entry the school and the person (`claimId` is the intern id).
 * `programme` is absent on seat entries written before issue #11, and
 * `standard` on every entry written before it.
 */
export interface PublicityEntry {
  trancheId: string;
  claimId: string;
  programme?: Programme;
  enterpriseId?: string;
  enterpriseName?: string;
  schoolId?: string;
  schoolName?: string;
  personName?: string;
  personIdMasked?: string;
  /** R-PUB: the standard the amount was computed on, under the tranche's policy. */
  standard?: PublicityStandard;
  amountFen: Fen;
}

/** A tranche on a notice and the stream that owns it (`applicationId`: seat, site or internship id). */
export interface PublicityTranche {
  trancheId: string;
  applicationId: string;
  enterpriseId?: string;
  schoolId?: string;
  programme?: Programme;
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
        /** R-PUB: where the notice is posted (a website address, a notice board); optional. */
        publishedAt?: string;
        policyVersion: string;
        tranches: PublicityTranche[];
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
