import { Inject, Injectable } from '@nestjs/common';
import { maskResidentId, normaliseResidentId } from '@ledger/domain';
import { createHmac } from 'node:crypto';
import { LEDGER_CONFIG, LedgerConfig } from '../platform/config/ledger-config';

export interface PersonRef {
  personKey: string;
  personIdMasked: string;
}

/**
 * A person is keyed by HMAC-SHA-256 of the ID number under a secret, so no
 * stream name, log line or index carries the number, and nobody without the
 * secret can test a guessed number against the keys.
 */
@Injectable()
export class PersonKeyService {
  constructor(@Inject(LEDGER_CONFIG) private readonly config: LedgerConfig) {}

  refOf(personId: string): PersonRef {
    const id = normaliseResidentId(personId);
    const personKey = createHmac('sha256', this.config.personKeySecret)
      .update(id, 'utf8')
      .digest('hex')
      .slice(0, 40);
    return { personKey, personIdMasked: maskResidentId(id) };
  }
}
