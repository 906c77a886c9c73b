export * from './event-store.port';
export * from './sqlite/sqlite-event-store';
export * from './eventstoredb/eventstoredb-event-store';
export * from './upcasting-event-store';
export * from './integrity/canonical-json';
export * from './integrity/event-seal';
