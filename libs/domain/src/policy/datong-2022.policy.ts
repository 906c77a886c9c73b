import datong2022 from './versions/datong-2022.policy.json';
import { parsePolicyVersion } from './policy-schema';
import { PolicyVersion } from './policy-version';

/**
 * 大同市促进数据呼叫（标注）产业发展的若干政策, issued 2022-11-23, in force
 * 2022-12-23: the parameters live in `versions/datong-2022.policy.json` and
 * are checked against the schema when this module loads (R-POL).
 */
export const DATONG_2022: PolicyVersion = parsePolicyVersion(datong2022, 'datong-2022.policy.json');

/** Every version the ledger ships, oldest first. A new policy is a new file added here. */
export const SHIPPED_POLICY_VERSIONS: readonly PolicyVersion[] = [DATONG_2022];
