import { currentEventVersion, storedEventVersion } from './event-versions';

/** What an upcaster sees of a stored event: its data and the metadata stored beside it. */
export interface StoredEventShape {
  type: string;
  data: Record<string, unknown>;
  metadata: { actor?: string; businessDate?: string; schemaVersion?: number };
}

/**
 * Turns the data of version `n` of a type into version `n + 1`. Pure: returns
 * a new object and never mutates its input. A field already present is kept,
 * so an upcaster is harmless on data that already has the newer shape (events
 * written before `schemaVersion` existed are read as version 1).
 */
export type Upcaster = (
  data: Readonly<Record<string, unknown>>,
  event: StoredEventShape,
) => Record<string, unknown>;

interface IncludedV1 {
  amountFen?: unknown;
}

/** TrancheApproved v1 → v2: `amountFen` is the sum of what the included claims reserved. */
export const trancheApprovedV1ToV2: Upcaster = (data) => {
  if (typeof data['amountFen'] === 'number') return { ...data };
  const included = Array.isArray(data['included']) ? (data['included'] as IncludedV1[]) : [];
  let amountFen = 0;
  for (const c of included) if (typeof c.amountFen === 'number') amountFen += c.amountFen;
  return { ...data, amountFen };
};

/** TrancheDisbursed v1 → v2: `paidBy` is the actor who recorded the payment. */
export const trancheDisbursedV1ToV2: Upcaster = (data, event) => {
  if (typeof data['paidBy'] === 'string') return { ...data };
  return { ...data, paidBy: event.metadata.actor ?? 'unknown' };
};

/** Upcasters by type, then by the version they upcast from. */
export const UPCASTERS: Readonly<Record<string, Readonly<Record<number, Upcaster>>>> = {
  TrancheApproved: { 1: trancheApprovedV1ToV2 },
  TrancheDisbursed: { 1: trancheDisbursedV1ToV2 },
};

/**
 * The data of a stored event in the current shape of its type: applies the
 * upcasters from the stored version up to the current one. The same object
 * when there is nothing to do. A version newer than this code knows is left
 * as it is (a newer release wrote it; this one cannot know the shape).
 */
export function upcastEventData(event: StoredEventShape): Record<string, unknown> {
  const target = currentEventVersion(event.type);
  let version = storedEventVersion(event.metadata);
  let data = event.data;
  while (version < target) {
    const step = UPCASTERS[event.type]?.[version];
    if (!step) {
      throw new Error(`no upcaster for ${event.type} from version ${version} to ${version + 1}`);
    }
    data = step(data, event);
    version += 1;
  }
  return data;
}
