import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Identity hardening before money moves.
 *
 * - A MitID identity is linked to a person only on the broker's word (a CPR claim or the
 *   broker's CPR match). `cpr_verified_at` records when the broker vouched for the link.
 *   Links made before this migration were made on a typed CPR alone, and nothing can tell
 *   which of them were right, so they stay NULL: such an identity signs in only after it
 *   re-verifies, and every session of a login reached through one ends now. The app may
 *   re-point an identity (a re-verification that proves another person) but still not
 *   delete it.
 * - Password lock-out counts failures within one streak (`failed_since`): the counter starts
 *   over when the streak is older than the lock window or the lock has expired, so a
 *   stranger's one wrong try now and then never adds up to a lock.
 * - Optional two-factor sign-in (TOTP): the secret encrypted with MFA_ENCRYPTION_KEY, the
 *   moment it was confirmed, and the last accepted time step (a code is never accepted twice).
 */
export class IdentityHardening1763780000005 implements MigrationInterface {
  name = 'IdentityHardening1763780000005';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE login_identities ADD COLUMN cpr_verified_at timestamptz;
      GRANT UPDATE (login_id, cpr_verified_at) ON login_identities TO kantinekort_app;

      UPDATE logins SET sessions_valid_after = greatest(date_trunc('milliseconds', now()),
                                                       sessions_valid_after + interval '1 millisecond')
       WHERE (tenant_id, id) IN (SELECT tenant_id, login_id FROM login_identities);

      ALTER TABLE logins
        ADD COLUMN failed_since timestamptz,
        ADD COLUMN totp_secret bytea,
        ADD COLUMN totp_enabled_at timestamptz,
        ADD COLUMN totp_last_step bigint CHECK (totp_last_step >= 0),
        ADD CONSTRAINT totp_enabled_has_secret CHECK (totp_enabled_at IS NULL OR totp_secret IS NOT NULL);
      GRANT UPDATE (failed_since, totp_secret, totp_enabled_at, totp_last_step) ON logins TO kantinekort_app;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE logins DROP COLUMN failed_since, DROP COLUMN totp_secret, DROP COLUMN totp_enabled_at,
        DROP COLUMN totp_last_step;
      ALTER TABLE login_identities DROP COLUMN cpr_verified_at;
    `);
  }
}
