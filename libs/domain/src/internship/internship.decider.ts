/**
 * The internship-application stream (R-INT, ADR 0009): state and evolve in
 * `internship.state.ts`, the deciders one file per command group; this
 * barrel keeps `./internship.decider` the one import for all of them.
 */
export * from './internship.state';
export * from './submit-internship-application.decider';
export * from './approve-internship-tranche.decider';
export * from './internship-tranche-publicity.decider';
export * from './record-internship-disbursement.decider';
export * from './find-internship-tranche-false.decider';
export { requireInternshipTranche } from './internship.guards';
export * from './return-internship-disbursement.decider';
