/**
 * The seat-application stream's deciders, one file per command group; this
 * barrel keeps `./seat-application.decider` the one import for all of them.
 * State and evolve: `seat-application.state.ts`.
 */
export * from './submit-seat-application.decider';
export * from './file-evidence.decider';
export * from './review-application.decider';
export * from './approve-tranche.decider';
export * from './tranche-publicity.decider';
export * from './record-disbursement.decider';
export * from './find-claim-false.decider';
export { requireTranche } from './seat-application.guards';
export * from './paid-in-full.decider';
export * from './return-disbursement.decider';
