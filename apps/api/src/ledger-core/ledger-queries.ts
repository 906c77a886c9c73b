import { Injectable } from '@nestjs/common';
import { notFound, streams, forbidden } from '@ledger/domain';
import { Actor } from '../platform/auth/actor';
import { assertOwnEnterprise } from '../platform/auth/ownership';
import { awaitMinPosition } from '../platform/http/min-position';
import { LedgerStorage } from './ledger-storage';

/** Roles that may see a person's full ID number (RULES.md "Identity"). */
export const FULL_ID_ROLES = new Set(['reviewer', 'supervisor']);

/**
 * Shared by the query handlers: wait for the read model to reach the
 * caller's position (API.md `minPosition`), and check who may see what.
 */
@Injectable()
export class LedgerQueries {
  constructor(private readonly storage: LedgerStorage) {}

  get policies() {
    return this.storage.deps.policies;
  }

  get readModels() {
    return this.storage.readModels;
  }

  async fresh(minPosition: number | undefined): Promise<void> {
    await awaitMinPosition(minPosition, () => this.storage.readModels.checkpoint());
  }

  async requireEnterprise(enterpriseId: string): Promise<void> {
    if (!(await this.storage.streamExists(streams.enterprise(enterpriseId))))
      throw notFound(`enterprise ${enterpriseId}`);
  }

  /** R-INT: 404 for a school never registered (read from its own stream, no lag). */
  async requireSchool(schoolId: string): Promise<void> {
    if (!(await this.storage.streamExists(streams.school(schoolId))))
      throw notFound(`school ${schoolId}`);
  }

  /** Applicants see their own enterprise only; a foreign one answers 403 whether or not it exists. */
  ownEnterprise(actor: Actor, enterpriseId: string): void {
    assertOwnEnterprise(actor, enterpriseId);
  }

  forbidden(message: string) {
    return forbidden(message);
  }
}
