export * from './event-store.port';
export * from './append-scope';
export * from './sqlite/sqlite-event-store';
export * from './sqlite/sqlite-log-anchor';
export * from './eventstoredb/eventstoredb-event-store';
export * from './upcasting-event-store';
export * from './integrity/canonical-json';
export * from './integrity/event-seal';
