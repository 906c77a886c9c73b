import type { PublicityStandard } from '@ledger/domain';
import type { RecordedEvent } from '@ledger/event-store/event-store.port';
import { asLedgerEvent, cloneDocument, DocumentProjection } from './read-model';

export const PUBLICITY_COLLECTION = 'publicity';

/**
 * A seat entry names the enterprise and the person; a site entry the
 * enterprise only; an internship entry the school and the person (masked).
 * Every entry names its programme (`seat` for entries written before
 * programmes were recorded) and, from issue #11 on, the standard its amount
 * was computed on (R-PUB).
 */
export interface PublicityEntryView {
  trancheId: string;
  claimId: string;
  programme: string;
  enterpriseName?: string;
  schoolName?: string;
  personName?: string;
  personIdMasked?: string;
  standard?: PublicityStandard;
  amountFen: number;
  /** Present once an upheld objection has taken the claim out of its tranche. */
  withdrawn?: true;
}

export interface ObjectionView {
  objectionId: string;
  raisedOn: string;
  claimId?: string;
  text: string;
  status: 'open' | 'upheld' | 'dismissed';
  resolvedOn?: string;
  reason?: string;
  /** What an upheld objection on a claim took out of the tranche, once applied. */
  withdrawnFen?: number;
}

/** The R-PUB notice: `GET /v1/publicity/:id` (public, so masked IDs only). */
export interface PublicityView {
  publicityId: string;
  startsOn: string;
  endsOn: string;
  /** R-PUB: where the notice is posted, when the reviewer said so. */
  publishedAt?: string;
  tranches: {
    trancheId: string;
    applicationId: string;
    enterpriseId?: string;
    schoolId?: string;
    programme?: string;
  }[];
  entries: PublicityEntryView[];
  objections: ObjectionView[];
  /** Tranches whose application accepted the notice, once linking has finished. */
  linked?: string[];
  /** Tranches that were already on another notice. */
  notLinked?: string[];
  /** Position of the last event folded in: an older or repeated event is ignored. */
  lastPosition: number;
}

export const publicityViewProjection: DocumentProjection<PublicityView> = {
  kind: 'document',
  name: 'publicity-view',
  // v2: every entry names its programme (seat when the event did not).
  version: 2,
  collection: PUBLICITY_COLLECTION,
  eventTypes: [
    'PublicityOpened',
    'PublicityLinked',
    'ObjectionRaised',
    'ObjectionResolved',
    'ObjectionResolutionApplied',
    // Withdrawals by an upheld objection (`cause.kind === 'objection'`) only.
    'ClaimWithdrawnFromTranche',
    'SiteTrancheWithdrawn',
    'InternWithdrawnFromTranche',
  ],
  documentIds(event: RecordedEvent): string[] {
    const e = asLedgerEvent(event);
    switch (e?.type) {
      case 'PublicityOpened':
      case 'PublicityLinked':
      case 'ObjectionRaised':
      case 'ObjectionResolved':
      case 'ObjectionResolutionApplied':
        return [e.data.publicityId];
      case 'ClaimWithdrawnFromTranche':
      case 'SiteTrancheWithdrawn':
      case 'InternWithdrawnFromTranche':
        return e.data.cause.kind === 'objection' ? [e.data.cause.publicityId] : [];
      default:
        return [];
    }
  },
  evolve: evolvePublicityView,
};

export function evolvePublicityView(
  current: PublicityView | undefined,
  event: RecordedEvent,
): PublicityView | undefined {
  const e = asLedgerEvent(event);
  if (!e) return current;
  if (e.type === 'PublicityOpened') {
    if (current) return current;
    const d = e.data;
    return {
      publicityId: d.publicityId,
      startsOn: d.startsOn,
      endsOn: d.endsOn,
      ...present({ publishedAt: d.publishedAt }),
      tranches: d.tranches.map((t) => ({
        trancheId: t.trancheId,
        applicationId: t.applicationId,
        ...present({ enterpriseId: t.enterpriseId, schoolId: t.schoolId, programme: t.programme }),
      })),
      // Fields only when present; entries before programmes were recorded are seat entries.
      entries: d.entries.map((en) => ({
        trancheId: en.trancheId,
        claimId: en.claimId,
        programme: en.programme ?? 'seat',
        ...present({
          enterpriseName: en.enterpriseName,
          schoolName: en.schoolName,
          personName: en.personName,
          personIdMasked: en.personIdMasked,
          standard: en.standard,
        }),
        amountFen: en.amountFen,
      })),
      objections: [],
      lastPosition: event.position,
    };
  }
  if (!current || event.position <= current.lastPosition) return current;
  const doc = cloneDocument(current);
  doc.lastPosition = event.position;
  const objection = (objectionId: string) =>
    doc.objections.find((o) => o.objectionId === objectionId);

  switch (e.type) {
    case 'PublicityLinked':
      doc.linked = [...e.data.linked];
      doc.notLinked = [...e.data.notLinked];
      return doc;
    case 'ObjectionRaised': {
      const d = e.data;
      if (objection(d.objectionId)) return doc;
      doc.objections.push({
        objectionId: d.objectionId,
        raisedOn: d.raisedOn,
        ...(d.claimId === undefined ? {} : { claimId: d.claimId }),
        text: d.text,
        status: 'open',
      });
      return doc;
    }
    case 'ObjectionResolved': {
      const o = objection(e.data.objectionId);
      if (o) {
        o.status = e.data.upheld ? 'upheld' : 'dismissed';
        o.resolvedOn = e.data.resolvedOn;
        o.reason = e.data.reason;
      }
      return doc;
    }
    case 'ObjectionResolutionApplied': {
      const o = objection(e.data.objectionId);
      if (o) o.withdrawnFen = e.data.withdrawnFen;
      return doc;
    }
    case 'ClaimWithdrawnFromTranche':
      // The claim really left its tranche (not only "the objection was upheld":
      // a tranche already paid keeps its claims).
      return withdrawn(doc, e.data.trancheId, e.data.claimId);
    case 'SiteTrancheWithdrawn':
      // A site entry's claim is its tranche: the enterprise is the recipient.
      return withdrawn(doc, e.data.trancheId, e.data.trancheId);
    case 'InternWithdrawnFromTranche':
      return withdrawn(doc, e.data.trancheId, e.data.internId);
    default:
      return current;
  }
}

function withdrawn(doc: PublicityView, trancheId: string, claimId: string): PublicityView {
  for (const entry of doc.entries) {
    if (entry.trancheId === trancheId && entry.claimId === claimId) entry.withdrawn = true;
  }
  return doc;
}

/** The fields of `fields` that are not undefined (JSON keeps no undefined anyway). */
function present<T extends Record<string, unknown>>(fields: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(fields))
    if (v !== undefined) out[k as keyof T] = v as T[keyof T];
  return out;
}
