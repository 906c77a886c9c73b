/** The parties of RULES.md "Parties and roles", as token roles. */
export const ROLES = ['applicant', 'reviewer', 'finance', 'supervisor', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling, from a verified token. */
export interface Actor {
  /** The token's `sub`. */
  actorId: string;
  role: Role;
  /** Applicants only: the enterprise (unified social credit code) they act for. */
  enterpriseId?: string;
  /** Applicants only: the school they act for. */
  schoolId?: string;
}

export const isRole = (value: unknown): value is Role =>
  typeof value === 'string' && (ROLES as readonly string[]).includes(value);
