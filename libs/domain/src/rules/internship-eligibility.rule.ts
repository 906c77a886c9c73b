import { BusinessDate, Month, monthOf } from '../shared/business-date';
import { PolicyVersion } from '../policy/policy-version';
import { Refusal, refuse } from './refusal';

function monthIndex(month: Month): number {
  return Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
}

/** The longest run of consecutive months (2023-12 then 2024-01 is a run of two). */
export function longestConsecutiveMonths(months: readonly Month[]): number {
  const sorted = [...new Set(months)].map(monthIndex).sort((a, b) => a - b);
  let longest = 0;
  let run = 0;
  for (let i = 0; i < sorted.length; i++) {
    run = i > 0 && sorted[i] === sorted[i - 1] + 1 ? run + 1 : 1;
    if (run > longest) longest = run;
  }
  return longest;
}

/**
 * R-INT: an intern is retained when kept on and employed for at least
 * `minConsecutiveMonths` consecutive months, none of them after the month the
 * application is made.
 */
export function internRetention(
  employedMonths: readonly Month[],
  submittedOn: BusinessDate,
  policy: PolicyVersion,
): { longestRunMonths: number; retained: boolean } {
  const until = monthOf(submittedOn);
  const longestRunMonths = longestConsecutiveMonths(employedMonths.filter((m) => m <= until));
  return {
    longestRunMonths,
    retained: longestRunMonths >= policy.internship.minConsecutiveMonths,
  };
}

/** Retained ÷ sent in basis points, rounded down (5000 is 50 %). */
export function retentionBasisPoints(retained: number, sent: number): number {
  return sent === 0 ? 0 : Math.floor((retained * 10_000) / sent);
}

/**
 * R-INT (Art. 6(2), Annex 1 §3): a school sends at least 50 interns a year,
 * and at least 50 % of them are retained. **Interpretation (RULES.md):** Art. 6
 * says "over 50 %", Annex 1 "reaches 50 %"; by Art. 15 (the more favourable
 * reading) exactly 50 % qualifies. Compared in integers, never rounded.
 */
export function internshipEligibilityRule(
  internsSent: number,
  retained: number,
  policy: PolicyVersion,
): Refusal | undefined {
  const { minInternsPerYear, minRetentionBasisPoints } = policy.internship;
  if (internsSent < minInternsPerYear) {
    return refuse(
      'R-INT',
      `the school sent ${internsSent} interns in the year; at least ${minInternsPerYear} are needed`,
    );
  }
  if (retained * 10_000 < internsSent * minRetentionBasisPoints) {
    return refuse(
      'R-INT',
      `${retained} of ${internsSent} interns were retained (${retentionBasisPoints(retained, internsSent)} basis points); at least ${minRetentionBasisPoints} are needed`,
    );
  }
  return undefined;
}
