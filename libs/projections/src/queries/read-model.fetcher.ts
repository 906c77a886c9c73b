/** Only the rows of a journal whose `field` holds `value`. */
export interface JournalMatch {
  field: string;
  value: string;
}

/** Rows of one journal: all of them, or those of one value of a field. */
export interface JournalSelection {
  journal: string;
  /** A store keeps an index for every field a query selects by. */
  where?: JournalMatch;
}

/** A range of ids, compared as bytes: every bound given applies. */
export interface IdRange {
  gt?: string;
  gte?: string;
  lt?: string;
}

/**
 * How a store fetches what the queries read. The queries (`LedgerReadModelQueries`)
 * check the arguments and compute the answer from what comes back, so that
 * the stores differ only in how they fetch and write, never in an answer.
 * Journal rows come back as the projection wrote them, in (position, seq) order.
 */
export interface ReadModelFetcher {
  document<D extends object>(collection: string, id: string): Promise<D | undefined>;
  /**
   * The first `limit` documents of a collection, by the position that last wrote
   * each; only the collections in `POSITION_LISTED_COLLECTIONS` (the embedded
   * store indexes no other collection so).
   */
  documentsByPosition<D extends object>(collection: string, limit: number): Promise<D[]>;
  /** The rows with `businessDate <= businessDateTo` (every one when not given). */
  journalRows<R extends object>(selection: JournalSelection, businessDateTo?: string): Promise<R[]>;
  /** Ids of a collection in the range, in byte order, the first `limit` of them (work lists). */
  documentIdRange(collection: string, range: IdRange, limit: number): Promise<string[]>;
  /** Documents by id, in the order asked; `undefined` for one that is not there. */
  documents<D extends object>(
    collection: string,
    ids: readonly string[],
  ): Promise<(D | undefined)[]>;
  /** A page: the first `limit` rows after `afterPosition`. */
  journalPage<R extends object>(
    selection: JournalSelection,
    afterPosition: number,
    limit: number,
  ): Promise<R[]>;
}
