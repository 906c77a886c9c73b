import { BusinessDate } from '../shared/business-date';

export type Industry = 'call' | 'annotation';

/** Events of `enterprise-{creditCode}`. */
export type EnterpriseEvent =
  | {
      type: 'EnterpriseRegistered';
      data: {
        enterpriseId: string;
        name: string;
        industry: Industry;
        seats: number;
        registeredOn: BusinessDate;
      };
    }
  | {
      // A step of the seat-application submission: the enterprise stream numbers
      // its applications, so "first application in the trial year" (R-SEAT-2)
      // is decided once, consistently, whatever else runs at the same time.
      type: 'SeatApplicationRegistered';
      data: {
        applicationId: string;
        submittedOn: BusinessDate;
        ordinal: number;
        firstTrancheMonths: number;
        policyVersion: string;
      };
    };

export const ENTERPRISE_EVENT_TYPES: readonly EnterpriseEvent['type'][] = [
  'EnterpriseRegistered',
  'SeatApplicationRegistered',
];
