import { BusinessDate } from '../shared/business-date';
import { ruleViolation } from '../shared/ledger-error';
import { SHIPPED_POLICY_VERSIONS } from './datong-2022.policy';
import { PolicyVersion } from './policy-version';

/**
 * The versions the ledger knows, oldest first, built from their data files
 * (R-POL). A new version is added with its effective date; decisions already
 * taken keep the id they recorded and the amounts they wrote, so adding one
 * never changes a past decision (policy-replay.int.spec.ts proves it).
 */
export class PolicyTable {
  private readonly versions: readonly PolicyVersion[];

  constructor(versions: readonly PolicyVersion[]) {
    if (versions.length === 0) throw new RangeError('a policy table needs a version');
    const ids = new Set<string>();
    const dates = new Set<string>();
    for (const v of versions) {
      if (ids.has(v.id)) throw new RangeError(`policy version ${v.id} is listed twice`);
      if (dates.has(v.effectiveFrom)) {
        throw new RangeError(`two policy versions take effect on ${v.effectiveFrom}`);
      }
      ids.add(v.id);
      dates.add(v.effectiveFrom);
    }
    this.versions = [...versions].sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : 1));
  }

  /**
   * R-POL: the version a decision dated `date` takes its numbers from: the
   * last one effective on or before it. This is also the version of a
   * decision after the end of its validity (a later tranche of an application
   * accepted in time keeps its schedule); a new application checks `validOn`.
   */
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

  /**
   * R-POL: the version in force on `date` for something new: the version of
   * `inForceOn` when its validity (`validFrom` to `validTo`) covers the date,
   * otherwise a rule error naming R-POL.
   */
  validOn(date: BusinessDate): PolicyVersion {
    const version = this.inForceOn(date);
    if (date < version.validFrom || date > version.validTo) {
      throw ruleViolation(
        'R-POL',
        `no policy version is in force on ${date} (${version.id} is valid from ${version.validFrom} to ${version.validTo})`,
        { validFrom: version.validFrom, validTo: version.validTo },
      );
    }
    return version;
  }

  byId(id: string): PolicyVersion {
    const v = this.versions.find((x) => x.id === id);
    if (!v) throw new RangeError(`unknown policy version ${id}`);
    return v;
  }

  list(): readonly PolicyVersion[] {
    return this.versions;
  }

  /** This table with more versions (a replay with a later policy added). */
  with(...versions: PolicyVersion[]): PolicyTable {
    return new PolicyTable([...this.versions, ...versions]);
  }
}

export const DEFAULT_POLICY_TABLE = new PolicyTable(SHIPPED_POLICY_VERSIONS);
