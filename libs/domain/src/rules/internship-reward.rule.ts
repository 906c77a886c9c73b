import { Fen } from '../shared/money';
import { PolicyVersion } from '../policy/policy-version';
import { Refusal, refuse } from './refusal';

export type InternLevel = 'secondary' | 'higher';
export const INTERN_LEVELS: readonly InternLevel[] = ['secondary', 'higher'];

/** R-INT: 800 yuan for a secondary-vocational graduate, 1,000 for higher vocational and above. */
export function internshipRewardFen(level: InternLevel, policy: PolicyVersion): Fen {
  return policy.internship.rewardFenByLevel[level];
}

/** Who a school's reward was already paid (or reserved) for, by person key. */
export interface SchoolReward {
  trancheId: string;
  internId: string;
}

/**
 * R-INT: a person earns a school this reward once, whichever year or
 * application names them again. Decided on `school-{schoolId}`, so two
 * tranches of one school racing cannot both reward the same person.
 */
export function oncePerPersonRule(
  rewarded: ReadonlyMap<string, SchoolReward>,
  personKey: string,
  trancheId: string,
): Refusal | undefined {
  const earlier = rewarded.get(personKey);
  if (!earlier || earlier.trancheId === trancheId) return undefined;
  return refuse(
    'R-INT',
    `the school was already rewarded for this person (${earlier.internId}, tranche ${earlier.trancheId})`,
  );
}

/** The internship reward a person holds (reserved or paid), from their person stream. */
export interface PersonInternshipReward {
  schoolId: string;
  trancheId: string;
  internId: string;
}

/**
 * R-INT (amended): a person earns the internship reward **once in total**,
 * whichever school lists them, and whichever year. Decided on `person-{key}`,
 * so two schools' tranches racing for one person cannot both pay. The
 * reason names another school's tranche only to that school: a refusal never
 * tells a school anything about another one.
 */
export function oncePerPersonInTotalRule(
  current: PersonInternshipReward | undefined,
  schoolId: string,
  trancheId: string,
): Refusal | undefined {
  if (!current || current.trancheId === trancheId) return undefined;
  const where =
    current.schoolId === schoolId
      ? `in tranche ${current.trancheId} of this school`
      : 'through another school';
  return refuse(
    'R-INT',
    `the person has already earned an internship reward, ${where} (a person earns it once in total)`,
  );
}
