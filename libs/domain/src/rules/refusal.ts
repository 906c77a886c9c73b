/** A rule's "no", with the rule id from RULES.md and a reason a person can read. */
export interface Refusal {
  rule: string;
  reason: string;
}

export const refuse = (rule: string, reason: string): Refusal => ({ rule, reason });
