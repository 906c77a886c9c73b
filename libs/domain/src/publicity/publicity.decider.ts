import { BusinessDate } from '../shared/business-date';
import { conflict, invalidInput, notFound, ruleViolation } from '../shared/ledger-error';
import { PolicyVersion } from '../policy/policy-version';
import { PublicityForPayment } from '../rules/payment-after-publicity.rule';
import { publicityDurationRule } from '../rules/publicity-duration.rule';
import { PublicityEntry, PublicityEvent, PublicityTranche } from './publicity.events';

export interface ObjectionState {
  objectionId: string;
  raisedOn: BusinessDate;
  claimId?: string;
  trancheId?: string;
  text: string;
  status: 'open' | 'upheld' | 'dismissed';
  resolvedOn?: BusinessDate;
  reason?: string;
}

export interface PublicityState {
  exists: boolean;
  publicityId: string;
  startsOn: BusinessDate;
  endsOn: BusinessDate;
  tranches: PublicityTranche[];
  entries: PublicityEntry[];
  /** Tranches whose application stream accepted this notice. */
  linked: Set<string>;
  objections: Map<string, ObjectionState>;
  openProcesses: Set<string>;
}

export const initialPublicityState = (): PublicityState => ({
  exists: false,
  publicityId: '',
  startsOn: '',
  endsOn: '',
  tranches: [],
  entries: [],
  linked: new Set(),
  objections: new Map(),
  openProcesses: new Set(),
});

/** Mutates and returns `state`; callers fold from a fresh initial state. */
export function evolvePublicity(state: PublicityState, event: PublicityEvent): PublicityState {
  switch (event.type) {
    case 'PublicityOpened': {
      const d = event.data;
      state.exists = true;
      state.publicityId = d.publicityId;
      state.startsOn = d.startsOn;
      state.endsOn = d.endsOn;
      state.tranches = d.tranches;
      state.entries = d.entries;
      state.openProcesses.add(d.processId);
      return state;
    }
    case 'PublicityLinked':
      for (const t of event.data.linked) state.linked.add(t);
      state.openProcesses.delete(event.data.processId);
      return state;
    case 'ObjectionRaised': {
      const d = event.data;
      const entry = d.claimId ? state.entries.find((e) => e.claimId === d.claimId) : undefined;
      state.objections.set(d.objectionId, {
        objectionId: d.objectionId,
        raisedOn: d.raisedOn,
        claimId: d.claimId,
        trancheId: entry?.trancheId,
        text: d.text,
        status: 'open',
      });
      return state;
    }
    case 'ObjectionResolved': {
      const o = state.objections.get(event.data.objectionId);
      if (o) {
        o.status = event.data.upheld ? 'upheld' : 'dismissed';
        o.resolvedOn = event.data.resolvedOn;
        o.reason = event.data.reason;
      }
      if (event.data.upheld && event.data.claimId) state.openProcesses.add(event.data.processId);
      return state;
    }
    case 'ObjectionResolutionApplied':
      state.openProcesses.delete(event.data.processId);
      return state;
    default: {
      const never: never = event;
      throw new Error(`unhandled event ${JSON.stringify(never)}`);
    }
  }
}

export interface OpenPublicityCommand {
  publicityId: string;
  startsOn: BusinessDate;
  endsOn: BusinessDate;
  /** Where the notice is posted (R-PUB); older clients do not send it. */
  publishedAt?: string;
  tranches: PublicityTranche[];
  entries: PublicityEntry[];
}

/** R-PUB: a notice of at least 7 days listing who gets what. */
export function decideOpenPublicity(
  state: PublicityState,
  cmd: OpenPublicityCommand,
  policy: PolicyVersion,
): PublicityEvent[] {
  if (state.exists) throw conflict(`publicity ${cmd.publicityId} already exists`);
  if (cmd.endsOn < cmd.startsOn) throw invalidInput('endsOn', 'must not be before startsOn');
  const duration = publicityDurationRule(cmd.startsOn, cmd.endsOn, policy);
  if (duration) throw ruleViolation(duration.rule, duration.reason);
  if (cmd.tranches.length === 0) throw invalidInput('trancheIds', 'at least one tranche is needed');
  if (cmd.publishedAt !== undefined && !cmd.publishedAt.trim()) {
    throw invalidInput('publishedAt', 'must name where the notice is posted, or be left out');
  }
  return [
    {
      type: 'PublicityOpened',
      data: { processId: cmd.publicityId, policyVersion: policy.id, ...cmd },
    },
  ];
}

export function decideCompletePublicityLinking(
  state: PublicityState,
  linked: string[],
  notLinked: string[],
): PublicityEvent[] {
  if (!state.openProcesses.has(state.publicityId)) return [];
  return [
    {
      type: 'PublicityLinked',
      data: { processId: state.publicityId, publicityId: state.publicityId, linked, notLinked },
    },
  ];
}

export function requirePublicity(state: PublicityState, publicityId: string): PublicityState {
  if (!state.exists) throw notFound(`publicity ${publicityId}`);
  return state;
}

export function decideRaiseObjection(
  state: PublicityState,
  cmd: { objectionId: string; raisedOn: BusinessDate; claimId?: string; text: string },
): PublicityEvent[] {
  requirePublicity(state, cmd.objectionId);
  if (cmd.raisedOn < state.startsOn) {
    throw ruleViolation(
      'R-PUB',
      `the notice starts on ${state.startsOn}; an objection cannot be raised before`,
    );
  }
  if (cmd.claimId && !state.entries.some((e) => e.claimId === cmd.claimId)) {
    throw notFound(`claim ${cmd.claimId} on publicity ${state.publicityId}`);
  }
  if (!cmd.text.trim()) throw invalidInput('text', 'must not be empty');
  return [{ type: 'ObjectionRaised', data: { publicityId: state.publicityId, ...cmd } }];
}

/** An upheld objection on one claim starts a process that takes the claim out of its tranche. */
export function decideResolveObjection(
  state: PublicityState,
  cmd: { objectionId: string; resolvedOn: BusinessDate; upheld: boolean; reason: string },
): PublicityEvent[] {
  const o = state.objections.get(cmd.objectionId);
  if (!state.exists || !o) throw notFound(`objection ${cmd.objectionId}`);
  if (o.status !== 'open') throw conflict(`objection ${cmd.objectionId} is already ${o.status}`);
  if (cmd.resolvedOn < o.raisedOn)
    throw invalidInput('resolvedOn', `must not be before the objection (${o.raisedOn})`);
  if (!cmd.reason.trim()) throw invalidInput('reason', 'must not be empty');
  return [
    {
      type: 'ObjectionResolved',
      data: {
        processId: cmd.objectionId,
        publicityId: state.publicityId,
        claimId: o.claimId,
        trancheId: o.trancheId,
        ...cmd,
      },
    },
  ];
}

export function decideCompleteObjectionResolution(
  state: PublicityState,
  objectionId: string,
  withdrawnFen: number,
): PublicityEvent[] {
  if (!state.openProcesses.has(objectionId)) return [];
  return [
    {
      type: 'ObjectionResolutionApplied',
      data: { processId: objectionId, publicityId: state.publicityId, objectionId, withdrawnFen },
    },
  ];
}

/** What R-PUB needs to know about a notice to allow a payment of one tranche on it. */
export function publicityForPayment(
  state: PublicityState,
  trancheId: string,
): PublicityForPayment | undefined {
  if (!state.exists || !state.tranches.some((t) => t.trancheId === trancheId)) return undefined;
  let openObjections = 0;
  let upheldObjectionsOnTheList = 0;
  for (const o of state.objections.values()) {
    const concernsTranche = o.trancheId === undefined || o.trancheId === trancheId;
    if (!concernsTranche) continue;
    // An upheld objection on one claim holds the tranche until the claim is
    // really out of it; paying first would pay the claim it was upheld against.
    const withdrawalPending =
      o.status === 'upheld' && o.claimId !== undefined && state.openProcesses.has(o.objectionId);
    if (o.status === 'open' || withdrawalPending) openObjections += 1;
    if (o.status === 'upheld' && o.claimId === undefined) upheldObjectionsOnTheList += 1;
  }
  return {
    publicityId: state.publicityId,
    startsOn: state.startsOn,
    endsOn: state.endsOn,
    openObjections,
    upheldObjectionsOnTheList,
  };
}
