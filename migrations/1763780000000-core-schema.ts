import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tenants, places and tills, cardholders with their accounts (konti) and cards,
 * the double-entry ledger, the till purchase log, and the outbox.
 * Every tenant table leads its keys with tenant_id; composite foreign keys keep a
 * row from pointing into another tenant.
 */
export class CoreSchema1763780000000 implements MigrationInterface {
  name = 'CoreSchema1763780000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE tenants (
        id text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
        name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE units (
        tenant_id text NOT NULL REFERENCES tenants (id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        UNIQUE (tenant_id, name)
      );

      CREATE TABLE tills (
        tenant_id text NOT NULL REFERENCES tenants (id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        unit_id uuid NOT NULL,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        api_key_hash bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz,
        PRIMARY KEY (tenant_id, id),
        UNIQUE (tenant_id, api_key_hash),
        FOREIGN KEY (tenant_id, unit_id) REFERENCES units (tenant_id, id)
      );

      CREATE TABLE cardholders (
        tenant_id text NOT NULL REFERENCES tenants (id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        cpr_encrypted bytea NOT NULL,
        cpr_hmac bytea NOT NULL,
        email text,
        address text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        UNIQUE (tenant_id, cpr_hmac)
      );

      CREATE TABLE accounts (
        tenant_id text NOT NULL REFERENCES tenants (id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        cardholder_id uuid NOT NULL,
        daily_limit bigint CHECK (daily_limit >= 0),
        weekly_limit bigint CHECK (weekly_limit >= 0),
        monthly_limit bigint CHECK (monthly_limit >= 0),
        units_restricted boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, cardholder_id) REFERENCES cardholders (tenant_id, id)
      );
      CREATE INDEX accounts_cardholder_idx ON accounts (tenant_id, cardholder_id);

      -- Device restriction: with units_restricted, a card may pay only at tills in these units.
      CREATE TABLE account_allowed_units (
        tenant_id text NOT NULL,
        account_id uuid NOT NULL,
        unit_id uuid NOT NULL,
        PRIMARY KEY (tenant_id, account_id, unit_id),
        FOREIGN KEY (tenant_id, account_id) REFERENCES accounts (tenant_id, id),
        FOREIGN KEY (tenant_id, unit_id) REFERENCES units (tenant_id, id)
      );

      CREATE TABLE cards (
        tenant_id text NOT NULL REFERENCES tenants (id),
        card_number text NOT NULL CHECK (card_number ~ '^[A-Z0-9]{1,64}$'),
        account_id uuid NOT NULL,
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'blocked', 'replaced')),
        created_at timestamptz NOT NULL DEFAULT now(),
        status_changed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, card_number),
        FOREIGN KEY (tenant_id, account_id) REFERENCES accounts (tenant_id, id)
      );
      CREATE INDEX cards_account_idx ON cards (tenant_id, account_id);
      -- One usable card per account: a new card replaces the old one.
      CREATE UNIQUE INDEX cards_one_usable_per_account ON cards (tenant_id, account_id) WHERE status <> 'replaced';

      -- Ledger accounts: one wallet per konto (same id), plus system accounts per tenant.
      -- Only wallets carry a balance; system balances are sums of postings, so no
      -- tenant-wide row is updated by every purchase.
      CREATE TABLE ledger_accounts (
        tenant_id text NOT NULL REFERENCES tenants (id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        kind text NOT NULL CHECK (kind IN ('wallet', 'till_sales', 'gateway_clearing', 'payout_clearing',
                                           'card_fee_revenue', 'webshop_sales', 'subscription_revenue', 'cash_office')),
        account_id uuid,
        balance bigint,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, account_id) REFERENCES accounts (tenant_id, id),
        CONSTRAINT wallet_is_its_account CHECK ((kind = 'wallet') = (account_id IS NOT NULL) AND (account_id IS NULL OR account_id = id)),
        CONSTRAINT wallet_never_negative CHECK (kind <> 'wallet' OR (balance IS NOT NULL AND balance >= 0)),
        CONSTRAINT system_accounts_carry_no_balance CHECK (kind = 'wallet' OR balance IS NULL)
      );
      CREATE UNIQUE INDEX ledger_accounts_one_system_account_per_kind ON ledger_accounts (tenant_id, kind) WHERE kind <> 'wallet';

      CREATE TABLE ledger_transactions (
        tenant_id text NOT NULL REFERENCES tenants (id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        kind text NOT NULL,
        idempotency_key text NOT NULL,
        description text,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        UNIQUE (tenant_id, idempotency_key)
      );

      CREATE TABLE postings (
        tenant_id text NOT NULL,
        id bigint GENERATED ALWAYS AS IDENTITY,
        transaction_id uuid NOT NULL,
        ledger_account_id uuid NOT NULL,
        amount bigint NOT NULL CHECK (amount <> 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, transaction_id) REFERENCES ledger_transactions (tenant_id, id),
        FOREIGN KEY (tenant_id, ledger_account_id) REFERENCES ledger_accounts (tenant_id, id)
      );
      CREATE INDEX postings_account_idx ON postings (tenant_id, ledger_account_id, id);
      CREATE INDEX postings_transaction_idx ON postings (tenant_id, transaction_id);

      -- A transaction's postings arrive in one statement and sum to zero there; postings
      -- can never be changed, so every transaction sums to zero for ever.
      CREATE FUNCTION postings_must_balance() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        IF EXISTS (SELECT 1 FROM new_postings GROUP BY tenant_id, transaction_id HAVING sum(amount) <> 0) THEN
          RAISE EXCEPTION 'unbalanced ledger transaction: postings must sum to zero' USING ERRCODE = '23514';
        END IF;
        IF EXISTS (SELECT 1 FROM postings p JOIN (SELECT DISTINCT tenant_id, transaction_id FROM new_postings) n
                     ON p.tenant_id = n.tenant_id AND p.transaction_id = n.transaction_id
                    WHERE p.id NOT IN (SELECT id FROM new_postings)) THEN
          RAISE EXCEPTION 'a ledger transaction''s postings must be written in one statement' USING ERRCODE = '23514';
        END IF;
        RETURN NULL;
      END $fn$;
      CREATE TRIGGER postings_balanced AFTER INSERT ON postings
        REFERENCING NEW TABLE AS new_postings FOR EACH STATEMENT EXECUTE FUNCTION postings_must_balance();

      -- Every decision a till asked for, approved or declined, with its reason.
      CREATE TABLE pos_purchases (
        tenant_id text NOT NULL REFERENCES tenants (id),
        id uuid NOT NULL,
        till_id uuid NOT NULL,
        unit_id uuid NOT NULL,
        idempotency_key text NOT NULL,
        request_hash text NOT NULL,
        card_number text NOT NULL,
        account_id uuid,
        amount bigint NOT NULL CHECK (amount > 0),
        description text,
        decision text NOT NULL CHECK (decision IN ('approved', 'declined')),
        decline_reason text CHECK (decline_reason IN ('card_unknown', 'card_replaced', 'card_blocked', 'device_not_allowed',
          'daily_limit_exceeded', 'weekly_limit_exceeded', 'monthly_limit_exceeded', 'insufficient_funds')),
        balance_after bigint,
        transaction_id uuid,
        created_at timestamptz NOT NULL,
        reversed_at timestamptz,
        reversal_transaction_id uuid,
        reversal_balance bigint,
        PRIMARY KEY (tenant_id, id),
        UNIQUE (tenant_id, till_id, idempotency_key),
        FOREIGN KEY (tenant_id, till_id) REFERENCES tills (tenant_id, id),
        FOREIGN KEY (tenant_id, account_id) REFERENCES accounts (tenant_id, id),
        FOREIGN KEY (tenant_id, transaction_id) REFERENCES ledger_transactions (tenant_id, id) DEFERRABLE INITIALLY DEFERRED,
        FOREIGN KEY (tenant_id, reversal_transaction_id) REFERENCES ledger_transactions (tenant_id, id) DEFERRABLE INITIALLY DEFERRED,
        CONSTRAINT decline_has_one_reason CHECK ((decision = 'declined') = (decline_reason IS NOT NULL)),
        CONSTRAINT approval_has_transaction CHECK ((decision = 'approved') = (transaction_id IS NOT NULL)),
        CONSTRAINT only_approvals_reverse CHECK (reversed_at IS NULL OR decision = 'approved')
      );
      -- Spending limits sum approved purchases per account over a period.
      CREATE INDEX pos_purchases_spending_idx ON pos_purchases (tenant_id, account_id, created_at)
        INCLUDE (amount, reversed_at) WHERE decision = 'approved';
      CREATE INDEX pos_purchases_card_recent_idx ON pos_purchases (tenant_id, card_number, created_at DESC);

      CREATE TABLE outbox (
        tenant_id text NOT NULL REFERENCES tenants (id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        topic text NOT NULL,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        PRIMARY KEY (tenant_id, id)
      );
      CREATE INDEX outbox_unsent_idx ON outbox (tenant_id, created_at) WHERE sent_at IS NULL;

      CREATE TABLE admins (
        tenant_id text NOT NULL REFERENCES tenants (id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        email text NOT NULL CHECK (email = lower(email)),
        password_hash text,
        set_password_token_hash bytea,
        set_password_expires_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        UNIQUE (tenant_id, email)
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE admins, outbox, pos_purchases, postings, ledger_transactions, ledger_accounts,
        cards, account_allowed_units, accounts, cardholders, tills, units, tenants CASCADE;
      DROP FUNCTION postings_must_balance();
    `);
  }
}
