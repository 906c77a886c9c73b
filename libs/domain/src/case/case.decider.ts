/**
 * The case stream (R-FRAUD, ADR 0005): state and evolve in `case.state.ts`,
 * the deciders one file per command group; this barrel keeps
 * `./case.decider` the one import for all of them.
 */
export * from './case.state';
export * from './open-case.decider';
export * from './record-finding.decider';
export * from './record-recovery.decider';
export * from './close-case.decider';
export { requireCase } from './case.guards';
