/**
 * The site stream (ADR 0009): state and evolve in `site.state.ts`, the
 * deciders one file per command group; this barrel keeps `./site.decider`
 * the one import for all of them.
 */
export * from './site.state';
export * from './submit-site-application.decider';
export * from './approve-site-tranche.decider';
export * from './site-tranche-publicity.decider';
export * from './record-site-disbursement.decider';
export * from './find-site-tranche-false.decider';
export { requireSiteTranche } from './site.guards';
export * from './return-site-disbursement.decider';
