import {
  EVENT_ID_LENGTH_MAX,
  EVENT_TYPE_LENGTH_MAX,
  STREAM_NAME_LENGTH_MAX,
} from '../event-store-arguments';

/** Limits: every input is bounded, and the bound is checked before any write. */
export const SQLITE_EVENT_STORE_LIMITS = {
  eventsPerAppendMax: 10_000,
  streamNameLengthMax: STREAM_NAME_LENGTH_MAX,
  eventTypeLengthMax: EVENT_TYPE_LENGTH_MAX,
  eventIdLengthMax: EVENT_ID_LENGTH_MAX,
  /** data + metadata JSON of one event, in UTF-16 code units. */
  // An application of 20,000 claims (the API's limit) is one event of a few MiB.
  eventJsonLengthMax: 16_777_216,
  filterStreamPrefixesMax: 32,
  filterEventTypesMax: 128,
  subscriptionPageSize: 500,
  pollIntervalMsMin: 1,
  pollIntervalMsMax: 60_000,
  busyTimeoutMs: 10_000,
  groupCommitAppendsMax: 10_000,
  groupCommitEventsMax: 100_000,
} as const;
