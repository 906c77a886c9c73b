import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Seconds: from a cached read (ms) to a seat application of 20,000 claims. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * Every Prometheus series the API exposes on `/metrics`, on a registry of its
 * own (not prom-client's global one) so two apps in one test process do not
 * share counters. Labels carry route templates and rule ids only: never a URL
 * (ID numbers) nor an actor.
 */
export class LedgerMetrics {
  readonly registry = new Registry();

  readonly httpRequests = new Counter({
    name: 'ledger_http_requests_total',
    help: 'HTTP requests answered, by method, route template and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });

  readonly httpDuration = new Histogram({
    name: 'ledger_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method, route template and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  readonly commands = new Counter({
    name: 'ledger_commands_total',
    help: 'Commands (POST/PUT/PATCH/DELETE) handled, by route and outcome (ok, refused, failed)',
    labelNames: ['route', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly refusals = new Counter({
    name: 'ledger_refusals_total',
    help: 'Commands refused by a rule of RULES.md, by rule id and route',
    labelNames: ['rule', 'route'] as const,
    registers: [this.registry],
  });

  readonly appendDuration = new Histogram({
    name: 'ledger_event_append_duration_seconds',
    help: 'Time to append events to the event store, by outcome (ok, failed)',
    labelNames: ['outcome'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  readonly recoveryPasses = new Counter({
    name: 'ledger_recovery_passes_total',
    help: 'Sweeps for half-done processes (ADR 0002), by outcome (idle, recovered, skipped)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  readonly recoveredProcesses = new Counter({
    name: 'ledger_recovered_processes_total',
    help: 'Half-done processes finished by a recovery sweep',
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'ledger_' });
  }
}
