import { internshipApplicationIdOfTranche } from '../internship/internship.events';
import { applicationIdOfTranche } from '../seat-application/seat-application.state';
import { siteIdOfTranche } from '../site/site.events';

/** Which stream owns a tranche: the programme and the application, site or internship id. */
export type TrancheRef =
  | { programme: 'seat'; applicationId: string }
  | { programme: 'site'; siteId: string }
  | { programme: 'internship'; applicationId: string };

/**
 * Tranche ids name their stream (ADR 0001, 0009): `{applicationId}.t{k}`
 * (seat), `{siteId}.y{k}` / `{siteId}.r` (site), `{applicationId}.i1`
 * (internship). So a notice or a payment finds the stream without a lookup.
 */
export function trancheRefOf(trancheId: string): TrancheRef | undefined {
  const seat = applicationIdOfTranche(trancheId);
  if (seat) return { programme: 'seat', applicationId: seat };
  const site = siteIdOfTranche(trancheId);
  if (site) return { programme: 'site', siteId: site };
  const internship = internshipApplicationIdOfTranche(trancheId);
  if (internship) return { programme: 'internship', applicationId: internship };
  return undefined;
}
