/** The run does not follow the checkpoint: events before it are missing. */
export class RedisReadModelsGapError extends Error {
  constructor(
    readonly checkpoint: number,
    readonly afterPosition: number,
  ) {
    super(
      `Redis read models are at ${checkpoint}, these events follow ${afterPosition}: ` +
        'events in between would be skipped; feed them from the checkpoint',
    );
    this.name = 'RedisReadModelsGapError';
  }
}

/** The read models under this prefix were written by other projection versions. */
export class RedisReadModelsVersionError extends Error {
  constructor(
    readonly keyPrefix: string,
    readonly stored: string | null,
    readonly expected: string,
  ) {
    super(
      `Redis read models under ${keyPrefix} were written by [${stored ?? ''}], ` +
        `these projections are [${expected}]: rebuild them`,
    );
    this.name = 'RedisReadModelsVersionError';
  }
}

/** A rebuild holds the fence: wait for it, then resume from the checkpoint. */
export class RedisReadModelsRebuildingError extends Error {
  constructor(readonly keyPrefix: string) {
    super(`Redis read models under ${keyPrefix} are being rebuilt`);
    this.name = 'RedisReadModelsRebuildingError';
  }
}
