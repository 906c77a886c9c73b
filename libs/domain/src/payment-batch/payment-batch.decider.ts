import { BusinessDate } from '../shared/business-date';
import { conflict, forbidden, notFound } from '../shared/ledger-error';
import { Fen } from '../shared/money';
import { PayeeKind } from '../payee-account/payee-account.decider';

/** One payment instruction of a batch: its `itemId` is the `EndToEndId` the bank sends back. */
export type PaymentBatchItem = {
  itemId: string;
  trancheId: string;
  payeeKind: PayeeKind;
  payeeId: string;
  payeeName: string;
  /** The account it goes to, as verified then (ADR 0019: never rewritten). */
  accountId: string;
  accountName: string;
  accountNumber: string;
  bankName: string;
  bankCode: string;
  amountFen: Fen;
};

export type PaymentBatchRefusal = { trancheId: string; rule: string; reason: string };

/**
 * `payment-batch-{batchId}`: finance gathers payable tranches, another
 * finance actor approves (R-SOD), the instruction file is produced from the
 * approved batch.
 */
export type PaymentBatchEvent =
  | {
      type: 'PaymentBatchCreated';
      data: {
        batchId: string;
        createdOn: BusinessDate;
        createdBy: string;
        items: PaymentBatchItem[];
        refused: PaymentBatchRefusal[];
        totalFen: Fen;
      };
    }
  | {
      type: 'PaymentBatchApproved';
      data: { batchId: string; approvedOn: BusinessDate; approvedBy: string };
    }
  | {
      /**
       * Process recovery found tranches claimed for this batch and the batch
       * never recorded (a crash between the claims and the batch): the id is
       * closed, so a request still running cannot record it after its claims
       * were released.
       */
      type: 'PaymentBatchAbandoned';
      data: { batchId: string; abandonedOn: BusinessDate; reason: string };
    };

export const PAYMENT_BATCH_EVENT_TYPES: readonly PaymentBatchEvent['type'][] = [
  'PaymentBatchCreated',
  'PaymentBatchApproved',
  'PaymentBatchAbandoned',
];

export interface PaymentBatchState {
  exists: boolean;
  batchId: string;
  createdOn: BusinessDate;
  createdBy: string;
  items: PaymentBatchItem[];
  refused: PaymentBatchRefusal[];
  totalFen: Fen;
  approved?: { approvedOn: BusinessDate; approvedBy: string };
  /** Never recorded: its claims were released by process recovery. */
  abandoned?: boolean;
}

export const initialPaymentBatchState = (): PaymentBatchState => ({
  exists: false,
  batchId: '',
  createdOn: '',
  createdBy: '',
  items: [],
  refused: [],
  totalFen: 0,
});

export function evolvePaymentBatch(
  state: PaymentBatchState,
  event: PaymentBatchEvent,
): PaymentBatchState {
  switch (event.type) {
    case 'PaymentBatchCreated':
      return { ...state, exists: true, ...event.data };
    case 'PaymentBatchApproved':
      return {
        ...state,
        approved: { approvedOn: event.data.approvedOn, approvedBy: event.data.approvedBy },
      };
    case 'PaymentBatchAbandoned':
      return { ...state, abandoned: true };
    default:
      return state;
  }
}

export function decideCreatePaymentBatch(
  state: PaymentBatchState,
  cmd: {
    batchId: string;
    createdOn: BusinessDate;
    createdBy: string;
    items: PaymentBatchItem[];
    refused: PaymentBatchRefusal[];
  },
): PaymentBatchEvent[] {
  if (state.exists) throw conflict(`payment batch ${cmd.batchId} already exists`);
  if (state.abandoned) {
    throw conflict(
      `payment batch ${cmd.batchId} was abandoned by process recovery and its tranches released; make a new batch`,
    );
  }
  let totalFen = 0;
  for (const i of cmd.items) totalFen += i.amountFen;
  return [{ type: 'PaymentBatchCreated', data: { ...cmd, totalFen } }];
}

/**
 * Process recovery closes a batch id whose claims it found without the batch:
 * nothing when the batch was recorded (the claims are its own) or is closed
 * already.
 */
export function decideAbandonPaymentBatch(
  state: PaymentBatchState,
  cmd: { batchId: string; abandonedOn: BusinessDate; reason: string },
): PaymentBatchEvent[] {
  if (state.exists || state.abandoned) return [];
  return [{ type: 'PaymentBatchAbandoned', data: { ...cmd } }];
}

/** R-SOD (four eyes): the batch is approved by another finance actor than the one who made it. */
export function decideApprovePaymentBatch(
  state: PaymentBatchState,
  cmd: { batchId: string; approvedOn: BusinessDate; approvedBy: string },
): PaymentBatchEvent[] {
  if (!state.exists) throw notFound(`payment batch ${cmd.batchId}`);
  if (state.approved) {
    if (
      state.approved.approvedBy === cmd.approvedBy &&
      state.approved.approvedOn === cmd.approvedOn
    )
      return [];
    throw conflict(
      `payment batch ${cmd.batchId} was already approved by ${state.approved.approvedBy}`,
    );
  }
  if (cmd.approvedBy === state.createdBy) {
    throw forbidden(
      `${cmd.approvedBy} made payment batch ${cmd.batchId} and may not also approve it`,
      'R-SOD',
    );
  }
  if (cmd.approvedOn < state.createdOn) {
    throw conflict(
      `payment batch ${cmd.batchId} was made on ${state.createdOn}, after ${cmd.approvedOn}`,
    );
  }
  return [{ type: 'PaymentBatchApproved', data: { ...cmd } }];
}

/**
 * `tranche-batch-{trancheId}`: a tranche is in one open batch at most. The
 * claim is an append at an expected revision, so two batches racing for a
 * tranche cannot both hold it; a returned payment releases it (the tranche is
 * payable again).
 */
export type TrancheBatchEvent =
  | {
      type: 'TrancheBatched';
      data: {
        trancheId: string;
        batchId: string;
        itemId: string;
        /**
         * The batch id: a claim is a process (ADR 0002) ended by its batch's
         * `PaymentBatchCreated`, or by its release when the batch was never
         * recorded. Claims written before had none.
         */
        processId?: string;
        /** The batch's date (its business date), for the release recovery writes. */
        claimedOn?: BusinessDate;
      };
    }
  | {
      type: 'TrancheBatchReleased';
      data: {
        trancheId: string;
        batchId: string;
        itemId: string;
        reason: string;
        /** Set when process recovery released a claim whose batch was never recorded. */
        processId?: string;
      };
    };

export const TRANCHE_BATCH_EVENT_TYPES: readonly TrancheBatchEvent['type'][] = [
  'TrancheBatched',
  'TrancheBatchReleased',
];

export interface TrancheBatchState {
  live?: { batchId: string; itemId: string };
}

export function evolveTrancheBatch(
  state: TrancheBatchState,
  event: TrancheBatchEvent,
): TrancheBatchState {
  switch (event.type) {
    case 'TrancheBatched':
      return { live: { batchId: event.data.batchId, itemId: event.data.itemId } };
    case 'TrancheBatchReleased':
      return state.live?.itemId === event.data.itemId ? {} : state;
    default:
      return state;
  }
}

/** The batch a tranche is in, or a refusal naming the open batch that holds it. */
export function decideBatchTranche(
  state: TrancheBatchState,
  cmd: {
    trancheId: string;
    batchId: string;
    itemId: string;
    processId?: string;
    claimedOn?: BusinessDate;
  },
): TrancheBatchEvent[] {
  if (state.live?.batchId === cmd.batchId) return [];
  if (state.live) {
    throw conflict(`tranche ${cmd.trancheId} is in open payment batch ${state.live.batchId}`, {
      rule: 'R-PAY',
    });
  }
  return [{ type: 'TrancheBatched', data: { ...cmd } }];
}

export function decideReleaseTrancheBatch(
  state: TrancheBatchState,
  cmd: { trancheId: string; itemId: string; reason: string; processId?: string },
): TrancheBatchEvent[] {
  if (state.live?.itemId !== cmd.itemId) return [];
  return [{ type: 'TrancheBatchReleased', data: { ...cmd, batchId: state.live.batchId } }];
}

/** Fen as the bank writes amounts: yuan with exactly two decimals, no float on the way. */
export function fenToDecimal(amountFen: Fen): string {
  if (!Number.isSafeInteger(amountFen) || amountFen < 0) {
    throw new RangeError(`not an amount in fen: ${amountFen}`);
  }
  const s = String(amountFen).padStart(3, '0');
  return `${s.slice(0, -2)}.${s.slice(-2)}`;
}

/**
 * The batch claim a return (退票) frees, if any (issue #14): the claim whose
 * item made the payment that came back, or one taken before that payment
 * (the tranche was paid by hand while a batch held it, so that item was
 * passed over, and would otherwise keep the tranche out of every batch). A
 * claim taken after the payment (a new batch, once the return made the
 * tranche payable) stays. `claimedAt`/`paidAt` are log positions.
 */
export function claimFreedByReturn(
  claim: { itemId: string; claimedAt: number } | undefined,
  payment: { disbursementId: string; paidAt: number | undefined },
): string | undefined {
  if (!claim) return undefined;
  if (claim.itemId === payment.disbursementId) return claim.itemId;
  return payment.paidAt !== undefined && claim.claimedAt < payment.paidAt
    ? claim.itemId
    : undefined;
}
