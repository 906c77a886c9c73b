import { BusinessDate } from '../shared/business-date';
import { Fen, minFen, percentOfFen } from '../shared/money';
import { PolicyVersion } from '../policy/policy-version';
import { Refusal, refuse } from './refusal';

/**
 * R-SITE-RENO (Art. 4(2)): one payment of 30 % of the renovation investment a
 * qualified third-party auditor certified, rounded down to the fen, and at
 * most 5,000,000 yuan.
 */
export function renovationSubsidyFen(investmentFen: Fen, policy: PolicyVersion): Fen {
  const { renovationBasisPoints, renovationCapFen } = policy.site;
  return minFen(percentOfFen(investmentFen, renovationBasisPoints), renovationCapFen);
}

/**
 * R-SITE-RENO: "先改后补", renovate first, subsidy after: the work must be
 * complete by the day the application is made, and it must cost something.
 */
export function renovationRule(
  investmentFen: Fen,
  completedOn: BusinessDate,
  submittedOn: BusinessDate,
): Refusal | undefined {
  if (investmentFen <= 0) {
    return refuse('R-SITE-RENO', 'the audited renovation investment must be more than nothing');
  }
  if (completedOn > submittedOn) {
    return refuse(
      'R-SITE-RENO',
      `the renovation is completed on ${completedOn}; the subsidy is applied for after the work is done, not on ${submittedOn}`,
    );
  }
  return undefined;
}
