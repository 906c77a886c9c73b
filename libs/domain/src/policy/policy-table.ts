import { BusinessDate } from '../shared/business-date';
import { ruleViolation } from '../shared/ledger-error';
import { DATONG_2022 } from './datong-2022.policy';
import { PolicyVersion } from './policy-version';

/**
 * The versions the ledger knows, oldest first. A new version is appended here
 * with its effective date; decisions already taken keep the id they recorded.
 */
export class PolicyTable {
  private readonly versions: readonly PolicyVersion[];

  constructor(versions: readonly PolicyVersion[]) {
    if (versions.length === 0) throw new RangeError('a policy table needs a version');
    this.versions = [...versions].sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : 1));
  }

  /** R-POL: the version in force on a business date. */
  inForceOn(date: BusinessDate): PolicyVersion {
    let found: PolicyVersion | undefined;
    for (const v of this.versions) if (v.effectiveFrom <= date) found = v;
    if (!found) {
      throw ruleViolation('R-POL', `no policy was in force on ${date}`, {
        earliest: this.versions[0].effectiveFrom,
      });
    }
    return found;
  }

  byId(id: string): PolicyVersion {
    const v = this.versions.find((x) => x.id === id);
    if (!v) throw new RangeError(`unknown policy version ${id}`);
    return v;
  }

  list(): readonly PolicyVersion[] {
    return this.versions;
  }
}

export const DEFAULT_POLICY_TABLE = new PolicyTable([DATONG_2022]);
