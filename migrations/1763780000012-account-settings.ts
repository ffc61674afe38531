import type { MigrationInterface, QueryRunner } from 'typeorm';

const SETTINGS_TABLES = ['account_photos', 'account_audit_events'];

/** What account_audit_events.action may say; libs/account-settings names the same list. */
const AUDIT_ACTIONS = [
  'card_blocked',
  'card_unblocked',
  'card_number_changed',
  'spending_limits_changed',
  'allowed_units_changed',
  'photo_uploaded',
  'photo_removed',
  'contact_changed',
];

/**
 * "Brugeroplysninger" (libs/account-settings): what a parent or citizen changes on an account
 * themselves, and the trail of every change.
 *
 * - `accounts` gains the address an ordered card is sent to and the contact e-mail receipts go
 *   to. They live on the account, not on `cardholders`, whose `email` and `address` are the
 *   school's import's (a re-import would overwrite a parent's own). The address is all or
 *   nothing: street, Danish postal code and town together.
 * - `account_photos`: at most one photo per account, re-encoded by the portal (JPEG, metadata
 *   stripped, at most 1 MB), served only to logins with access to the account.
 * - `account_audit_events`: who (login), from where (IP), when, what, and the values before and
 *   after, written in the same transaction as the change. Append-only for the app role (no
 *   UPDATE, no DELETE), for the tenant admin to read.
 */
export class AccountSettings1763780000012 implements MigrationInterface {
  name = 'AccountSettings1763780000012';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE accounts
        ADD COLUMN contact_email text
          CHECK (contact_email = lower(contact_email) AND length(contact_email) BETWEEN 3 AND 254),
        ADD COLUMN address_street text CHECK (length(address_street) BETWEEN 1 AND 100),
        ADD COLUMN address_postal_code text CHECK (address_postal_code ~ '^[0-9]{4}$'),
        ADD COLUMN address_city text CHECK (length(address_city) BETWEEN 1 AND 60),
        ADD CONSTRAINT accounts_address_complete CHECK (
          (address_street IS NULL) = (address_postal_code IS NULL)
          AND (address_postal_code IS NULL) = (address_city IS NULL));

      CREATE TABLE account_photos (
        tenant_id text NOT NULL REFERENCES tenants (id),
        account_id uuid NOT NULL,
        content_type text NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png')),
        data bytea NOT NULL CHECK (octet_length(data) BETWEEN 1 AND 1048576),
        width integer NOT NULL CHECK (width BETWEEN 1 AND 4000),
        height integer NOT NULL CHECK (height BETWEEN 1 AND 4000),
        sha256 bytea NOT NULL CHECK (octet_length(sha256) = 32),
        uploaded_by_login_id uuid NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, account_id),
        FOREIGN KEY (tenant_id, account_id) REFERENCES accounts (tenant_id, id),
        FOREIGN KEY (tenant_id, uploaded_by_login_id) REFERENCES logins (tenant_id, id)
      );

      CREATE TABLE account_audit_events (
        tenant_id text NOT NULL REFERENCES tenants (id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        account_id uuid NOT NULL,
        login_id uuid NOT NULL,
        ip text CHECK (length(ip) BETWEEN 1 AND 100),
        action text NOT NULL CHECK (action IN (${AUDIT_ACTIONS.map((a) => `'${a}'`).join(', ')})),
        before jsonb NOT NULL CHECK (jsonb_typeof(before) = 'object'),
        after jsonb NOT NULL CHECK (jsonb_typeof(after) = 'object'),
        -- The moment of the change, not of its transaction's start: written under the account's
        -- lock, so one account's rows are in the order its changes were made.
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, account_id) REFERENCES accounts (tenant_id, id),
        FOREIGN KEY (tenant_id, login_id) REFERENCES logins (tenant_id, id)
      );
      -- The admin's two questions: what happened to this account, and what happened lately.
      CREATE INDEX account_audit_events_account_idx ON account_audit_events (tenant_id, account_id, created_at);
      CREATE INDEX account_audit_events_recent_idx ON account_audit_events (tenant_id, created_at);
    `);

    const current = "current_setting('app.tenant_id', true)";
    for (const table of SETTINGS_TABLES) {
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY`);
      await q.query(
        `CREATE POLICY tenant_isolation ON ${table} USING (tenant_id = ${current}) WITH CHECK (tenant_id = ${current})`,
      );
    }

    // Least privilege: a photo is replaced or removed; the audit trail is only ever added to.
    await q.query(`
      GRANT SELECT, INSERT, DELETE ON account_photos TO kantinekort_app;
      GRANT UPDATE (content_type, data, width, height, sha256, uploaded_by_login_id, updated_at)
        ON account_photos TO kantinekort_app;
      GRANT SELECT, INSERT ON account_audit_events TO kantinekort_app;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ${[...SETTINGS_TABLES].reverse().join(', ')}`);
    await q.query(`
      ALTER TABLE accounts DROP CONSTRAINT accounts_address_complete,
        DROP COLUMN contact_email, DROP COLUMN address_street, DROP COLUMN address_postal_code, DROP COLUMN address_city
    `);
  }
}
