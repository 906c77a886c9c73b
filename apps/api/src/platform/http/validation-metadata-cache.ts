import { getMetadataStorage } from 'class-validator';

type MetadataStorage = ReturnType<typeof getMetadataStorage>;
type TargetMetadatas = ReturnType<MetadataStorage['getTargetValidationMetadatas']>;

/**
 * class-validator looks a DTO's constraints up on every `validate` by walking
 * every class it knows (an `instanceof` per DTO of the API, for the DTO and for
 * each nested one): ~3 % of a query's CPU under load (issue #16). The answer
 * depends only on the arguments and the decorators registered so far, so it is
 * remembered per arguments and forgotten whenever a decorator registers more.
 * Callers get the same array class-validator would build; they only read it.
 * Idempotent: a second call leaves the storage as the first left it.
 */
export function cacheValidationMetadataLookups(
  storage: MetadataStorage = getMetadataStorage(),
): void {
  const marked = storage as MetadataStorage & { ledgerLookupsCached?: true };
  if (marked.ledgerLookupsCached) return;
  marked.ledgerLookupsCached = true;
  const lookUp = storage.getTargetValidationMetadatas.bind(storage);
  const byTarget = new Map<unknown, Map<string, TargetMetadatas>>();
  const forgetting = <A extends unknown[]>(add: (...args: A) => void) =>
    function (this: MetadataStorage, ...args: A): void {
      byTarget.clear();
      add.apply(this, args);
    };
  storage.addValidationMetadata = forgetting(storage.addValidationMetadata);
  storage.addValidationSchema = forgetting(storage.addValidationSchema);
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    const key = `${schema}\u0000${always}\u0000${strictGroups}\u0000${groups?.join('\u0000') ?? ''}`;
    let forTarget = byTarget.get(target);
    if (!forTarget) byTarget.set(target, (forTarget = new Map()));
    let metadatas = forTarget.get(key);
    if (!metadatas) {
      metadatas = lookUp(target, schema, always, strictGroups, groups);
      forTarget.set(key, metadatas);
    }
    return metadatas;
  };
}
