import { isUuid } from '@kk/database';
import { Injectable } from '@nestjs/common';
import { TenantRepository } from '@kk/tenant-transactions';
import { SignupEntity, type SignupStep } from '../entities/signup.entity';
import { minutesFromNow } from '../identity.queries';

/** Each step has this long; the clock restarts when a step is passed. */
export const SIGNUP_STEP_MINUTES = 30;
/** Wrong card numbers, and separately wrong codes, before the sign-up must start over. */
export const SIGNUP_MAX_ATTEMPTS = 5;

/**
 * The signups row as a step sees it, locked. Each step runs in one transaction that locks
 * the row first, so two tabs (or an attacker's parallel guesses) take turns, and attempt
 * counters cannot be raced past their limit.
 */
export interface LockedSignup {
  readonly id: string;
  readonly email: string;
  readonly cardholderId: string | null;
  readonly step: SignupStep;
  readonly activationCodeHash: Buffer | null;
  readonly cardAttempts: number;
  readonly codeAttempts: number;
  /** expires_at is still ahead (by the database's clock). */
  readonly live: boolean;
}

/** Email sign-ups of the active tenant transaction's tenant. */
@Injectable()
export class SignupsRepository extends TenantRepository<SignupEntity> {
  constructor() {
    super(SignupEntity);
  }

  async create(email: string, cardholderId: string | null): Promise<{ id: string; expiresAt: Date }> {
    const result = await this.repo
      .createQueryBuilder()
      .insert()
      .values({ tenantId: this.tenantId, email, cardholderId, expiresAt: minutesFromNow(SIGNUP_STEP_MINUTES) })
      .returning('id, expires_at AS "expiresAt"')
      .updateEntity(false)
      .execute();
    return (result.raw as { id: string; expiresAt: Date }[])[0];
  }

  /** Undefined for a malformed id too: ids come from sessions. */
  async lock(signupId: string): Promise<LockedSignup | undefined> {
    if (!isUuid(signupId)) return undefined;
    const row = await this.repo
      .createQueryBuilder('s')
      .select([
        's.id AS "id"',
        's.email AS "email"',
        's.cardholder_id AS "cardholderId"',
        's.step AS "step"',
        's.activation_code_hash AS "activationCodeHash"',
        's.card_attempts AS "cardAttempts"',
        's.code_attempts AS "codeAttempts"',
      ])
      .addSelect('s.expires_at > now()', 'live')
      .where('s.tenant_id = :tenant AND s.id = :signupId', { tenant: this.tenantId, signupId })
      .setLock('pessimistic_write')
      .getRawOne<LockedSignup>();
    return row ?? undefined;
  }

  /** One more wrong card number or code; the new count. */
  async countAttempt(signupId: string, counter: 'cardAttempts' | 'codeAttempts'): Promise<number> {
    const column = counter === 'cardAttempts' ? 'card_attempts' : 'code_attempts';
    const result = await this.repo
      .createQueryBuilder()
      .update()
      .set(
        counter === 'cardAttempts'
          ? { cardAttempts: () => 'card_attempts + 1' }
          : { codeAttempts: () => 'code_attempts + 1' },
      )
      .where('tenant_id = :tenant AND id = :signupId', { tenant: this.tenantId, signupId })
      .returning(`${column} AS "attempts"`)
      .execute();
    return (result.raw as { attempts: number }[])[0].attempts;
  }

  /** Step 2 passed: a fresh code and link (their hashes), and the step's clock restarts. */
  async awaitActivation(signupId: string, activationCodeHash: Buffer, resumeTokenHash: Buffer): Promise<Date> {
    const result = await this.repo
      .createQueryBuilder()
      .update()
      .set({ step: 'activation', activationCodeHash, resumeTokenHash, expiresAt: minutesFromNow(SIGNUP_STEP_MINUTES) })
      .where('tenant_id = :tenant AND id = :signupId', { tenant: this.tenantId, signupId })
      .returning('expires_at AS "expiresAt"')
      .execute();
    return (result.raw as { expiresAt: Date }[])[0].expiresAt;
  }

  /** Too many wrong codes: no code verifies any more. */
  async spendCode(signupId: string): Promise<void> {
    await this.repo.update({ tenantId: this.tenantId, id: signupId }, { activationCodeHash: null });
  }

  /** The code was right: on to the password, with a fresh clock. */
  async awaitPassword(signupId: string): Promise<void> {
    await this.repo.update(
      { tenantId: this.tenantId, id: signupId },
      { step: 'password', activationCodeHash: null, expiresAt: minutesFromNow(SIGNUP_STEP_MINUTES) },
    );
  }

  /** The sign-up the email's link names, while it is under way and live. */
  async liveByResumeToken(
    resumeTokenHash: Buffer,
  ): Promise<{ id: string; step: Exclude<SignupStep, 'completed'>; email: string } | undefined> {
    const row = await this.repo
      .createQueryBuilder('s')
      .select(['s.id AS "id"', 's.step AS "step"', 's.email AS "email"'])
      .where('s.tenant_id = :tenant AND s.resume_token_hash = :resumeTokenHash', {
        tenant: this.tenantId,
        resumeTokenHash,
      })
      .andWhere("s.step <> 'completed' AND s.expires_at > now()")
      .getRawOne<{ id: string; step: Exclude<SignupStep, 'completed'>; email: string }>();
    return row ?? undefined;
  }

  /** Done: the login it made; no code or link of it works any more. */
  async complete(signupId: string, loginId: string): Promise<void> {
    await this.repo.update(
      { tenantId: this.tenantId, id: signupId },
      { step: 'completed', completedAt: () => 'now()', loginId, resumeTokenHash: null, activationCodeHash: null },
    );
  }
}
