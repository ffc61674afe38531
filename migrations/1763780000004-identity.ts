import type { MigrationInterface, QueryRunner } from 'typeorm';

const IDENTITY_TABLES = [
  'logins',
  'login_identities',
  'login_access',
  'signups',
  'password_resets',
  'relation_requests',
];

/**
 * Citizen logins: email + password (self sign-up with an activation code), OpenID Connect
 * identities linked to a CPR, which cardholders a login may see, password resets, and
 * requests for access to another person's accounts.
 *
 * `logins.cardholder_id` is the person the login IS, set only where an identity provider
 * authenticated that person and their CPR was linked (OIDC). An email sign-up is made by a
 * guardian whose own CPR we never learn, so it has no cardholder_id; it sees the student it
 * was made for through a 'self' row in login_access.
 *
 * Tokens and activation codes are stored only as SHA-256 hashes. Like every tenant table,
 * keys and indexes lead with tenant_id and RLS is forced. The app role may not delete here:
 * tokens, requests and sign-ups end by a state change, which keeps the history.
 */
export class Identity1763780000004 implements MigrationInterface {
  name = 'Identity1763780000004';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE logins (
        tenant_id text NOT NULL REFERENCES tenants (id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        email text CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 254),
        password_hash text,
        cardholder_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        -- Sessions made before this instant are void. Millisecond precision, so the value a
        -- session keeps (a JS Date) compares equal to the stored one.
        sessions_valid_after timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
        failed_logins integer NOT NULL DEFAULT 0 CHECK (failed_logins >= 0),
        locked_until timestamptz,
        disabled_at timestamptz,
        PRIMARY KEY (tenant_id, id),
        UNIQUE (tenant_id, email),
        UNIQUE (tenant_id, cardholder_id),
        FOREIGN KEY (tenant_id, cardholder_id) REFERENCES cardholders (tenant_id, id),
        CONSTRAINT password_needs_email CHECK (password_hash IS NULL OR email IS NOT NULL)
      );

      -- (issuer, sub) names a person at one OIDC broker; sub differs between brokers.
      CREATE TABLE login_identities (
        tenant_id text NOT NULL,
        issuer text NOT NULL CHECK (length(issuer) BETWEEN 1 AND 500),
        subject text NOT NULL CHECK (length(subject) BETWEEN 1 AND 255),
        login_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, issuer, subject),
        FOREIGN KEY (tenant_id, login_id) REFERENCES logins (tenant_id, id)
      );
      CREATE INDEX login_identities_login_idx ON login_identities (tenant_id, login_id);

      CREATE TABLE login_access (
        tenant_id text NOT NULL,
        login_id uuid NOT NULL,
        cardholder_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('self', 'relation')),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, login_id, cardholder_id),
        FOREIGN KEY (tenant_id, login_id) REFERENCES logins (tenant_id, id),
        FOREIGN KEY (tenant_id, cardholder_id) REFERENCES cardholders (tenant_id, id)
      );
      -- Who may approve a request on a person: the logins with 'self' access to them.
      CREATE INDEX login_access_cardholder_idx ON login_access (tenant_id, cardholder_id, kind);

      -- Pending email sign-ups (seed 000, steps 1-7). cardholder_id stays NULL when the CPR
      -- is unknown, and the flow then fails at the card number exactly as for a wrong one.
      CREATE TABLE signups (
        tenant_id text NOT NULL REFERENCES tenants (id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        email text NOT NULL CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 254),
        cardholder_id uuid,
        step text NOT NULL DEFAULT 'details' CHECK (step IN ('details', 'activation', 'password', 'completed')),
        activation_code_hash bytea,
        resume_token_hash bytea,
        card_attempts integer NOT NULL DEFAULT 0 CHECK (card_attempts >= 0),
        code_attempts integer NOT NULL DEFAULT 0 CHECK (code_attempts >= 0),
        expires_at timestamptz NOT NULL,
        completed_at timestamptz,
        login_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        UNIQUE (tenant_id, resume_token_hash),
        FOREIGN KEY (tenant_id, cardholder_id) REFERENCES cardholders (tenant_id, id),
        FOREIGN KEY (tenant_id, login_id) REFERENCES logins (tenant_id, id),
        CONSTRAINT completed_has_login CHECK ((step = 'completed') = (completed_at IS NOT NULL AND login_id IS NOT NULL))
      );

      CREATE TABLE password_resets (
        tenant_id text NOT NULL,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        login_id uuid NOT NULL,
        token_hash bytea NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        UNIQUE (tenant_id, token_hash),
        FOREIGN KEY (tenant_id, login_id) REFERENCES logins (tenant_id, id)
      );
      CREATE INDEX password_resets_login_idx ON password_resets (tenant_id, login_id) WHERE used_at IS NULL;

      -- "Tilføj konto" with a wrong or missing card number. A request for a CPR nobody holds
      -- is stored too (cardholder_id NULL, never approvable), so the requester's own list
      -- cannot tell a known CPR from an unknown one. cpr_hmac is the cardholders' blind
      -- index, to keep one pending request per requester and person.
      CREATE TABLE relation_requests (
        tenant_id text NOT NULL,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        requester_login_id uuid NOT NULL,
        cardholder_id uuid,
        cpr_hmac bytea NOT NULL,
        cpr_masked text NOT NULL CHECK (cpr_masked ~ '^[0-9]{6}-XXXX$'),
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected', 'withdrawn')),
        created_at timestamptz NOT NULL DEFAULT now(),
        decided_at timestamptz,
        decided_by_login_id uuid,
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, requester_login_id) REFERENCES logins (tenant_id, id),
        FOREIGN KEY (tenant_id, cardholder_id) REFERENCES cardholders (tenant_id, id),
        FOREIGN KEY (tenant_id, decided_by_login_id) REFERENCES logins (tenant_id, id),
        CONSTRAINT decided_when_not_pending CHECK ((status = 'pending') = (decided_at IS NULL))
      );
      CREATE UNIQUE INDEX relation_requests_one_pending ON relation_requests (tenant_id, requester_login_id, cpr_hmac)
        WHERE status = 'pending';
      CREATE INDEX relation_requests_pending_by_person ON relation_requests (tenant_id, cardholder_id)
        WHERE status = 'pending';
    `);

    const current = "current_setting('app.tenant_id', true)";
    for (const table of IDENTITY_TABLES) {
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY`);
      await q.query(
        `CREATE POLICY tenant_isolation ON ${table} USING (tenant_id = ${current}) WITH CHECK (tenant_id = ${current})`,
      );
    }

    // Least privilege: no DELETE anywhere, UPDATE only on the columns a flow changes.
    await q.query(`
      GRANT SELECT, INSERT ON logins, login_identities, login_access, signups, password_resets, relation_requests
        TO kantinekort_app;
      GRANT UPDATE (email, password_hash, sessions_valid_after, failed_logins, locked_until, disabled_at)
        ON logins TO kantinekort_app;
      GRANT UPDATE (step, activation_code_hash, resume_token_hash, card_attempts, code_attempts, expires_at,
                    completed_at, login_id)
        ON signups TO kantinekort_app;
      GRANT UPDATE (expires_at, used_at) ON password_resets TO kantinekort_app;
      GRANT UPDATE (status, decided_at, decided_by_login_id) ON relation_requests TO kantinekort_app;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ${[...IDENTITY_TABLES].reverse().join(', ')}`);
  }
}
