import * as domain from '@ledger/domain';
import { EVENT_TYPE_ZH } from '../../apps/console/src/i18n/messages';

/** Every `*_EVENT_TYPES` list the domain exports: a new aggregate's list is picked up by itself. */
const domainEventTypes = (): string[] =>
  Object.entries(domain)
    .filter(([name, value]) => /_EVENT_TYPES$/.test(name) && Array.isArray(value))
    .flatMap(([, value]) => value as string[]);

describe("the auditor's timeline names every event type in Chinese", () => {
  it('given the event-type lists of the domain, when each type is looked up, then it has a Chinese label', () => {
    const types = domainEventTypes();
    expect(types.length).toBeGreaterThan(80);
    const missing = types.filter((type) => !Object.hasOwn(EVENT_TYPE_ZH, type));
    expect(missing).toEqual([]);
  });

  it('given the labels, when read, then each is Chinese text and names a type the domain records', () => {
    const types = new Set(domainEventTypes());
    for (const [type, label] of Object.entries(EVENT_TYPE_ZH)) {
      expect([type, types.has(type)]).toEqual([type, true]);
      expect([type, /[\u4e00-\u9fff]/.test(label)]).toEqual([type, true]);
    }
  });
});
