import type { MigrationInterface, QueryRunner } from 'typeorm';

const PAYMENT_TABLES = ['top_up_agreements', 'payments', 'payment_events'];

/**
 * Money in: deposits ("Indbetal") by card or MobilePay, the card stored for automatic
 * top-up, and the top-up charges themselves.
 *
 * - `payments` is one row per request for money at a provider, whatever started it: a
 *   deposit, a card registration (amount 0, the card kept on file) or an auto top-up charge.
 *   Its id is the reference we send the provider, so the provider's record and ours name
 *   each other. The wallet is credited by a ledger transaction whose idempotency key is
 *   `payment:<id>`, so however often the return page, a webhook or the reconciliation see a
 *   payment completed, it credits once; `transaction_id` points at that credit.
 * - At most one top-up is in flight per account (a partial unique index), and one per
 *   triggering purchase, so concurrent purchases under the threshold and a redelivered job
 *   cannot charge twice.
 * - `top_up_agreements`: one active agreement per account. Cancelling or replacing one ends
 *   it (status, ended_at); rows are never deleted, so the history of cards stays.
 * - `payment_events`: every provider event we accepted, once (its id), for the audit trail.
 *   Events never move money themselves: they only make us read the payment again.
 */
export class Payments1763780000007 implements MigrationInterface {
  name = 'Payments1763780000007';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE top_up_agreements (
        tenant_id text NOT NULL REFERENCES tenants (id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        account_id uuid NOT NULL,
        login_id uuid NOT NULL,
        amount bigint NOT NULL CHECK (amount > 0),
        status text NOT NULL CHECK (status IN ('awaiting_card', 'active', 'cancelled', 'replaced', 'abandoned')),
        stored_card_id text CHECK (length(stored_card_id) BETWEEN 1 AND 100),
        card_masked_pan text CHECK (length(card_masked_pan) BETWEEN 4 AND 32),
        card_expiry text CHECK (card_expiry ~ '^[0-9]{4}$'),
        card_brand text CHECK (length(card_brand) BETWEEN 1 AND 40),
        created_at timestamptz NOT NULL DEFAULT now(),
        activated_at timestamptz,
        ended_at timestamptz,
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, account_id) REFERENCES accounts (tenant_id, id),
        FOREIGN KEY (tenant_id, login_id) REFERENCES logins (tenant_id, id),
        CONSTRAINT active_agreement_has_card CHECK (status <> 'active' OR stored_card_id IS NOT NULL)
      );
      CREATE UNIQUE INDEX top_up_agreements_one_active ON top_up_agreements (tenant_id, account_id)
        WHERE status = 'active';
      CREATE INDEX top_up_agreements_account_idx ON top_up_agreements (tenant_id, account_id, created_at);

      CREATE TABLE payments (
        tenant_id text NOT NULL REFERENCES tenants (id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        purpose text NOT NULL CHECK (purpose IN ('deposit', 'card_registration', 'top_up')),
        provider text NOT NULL CHECK (provider IN ('nexi', 'mobilepay')),
        account_id uuid NOT NULL,
        login_id uuid,
        agreement_id uuid,
        purchase_id uuid,
        amount bigint NOT NULL CHECK (amount >= 0),
        receipt_email text CHECK (receipt_email = lower(receipt_email) AND length(receipt_email) BETWEEN 3 AND 254),
        provider_payment_id text CHECK (length(provider_payment_id) BETWEEN 1 AND 100),
        status text NOT NULL CHECK (status IN ('created', 'pending', 'completed', 'failed', 'cancelled')),
        failure text CHECK (length(failure) BETWEEN 1 AND 200),
        transaction_id uuid,
        card_masked_pan text CHECK (length(card_masked_pan) BETWEEN 4 AND 32),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        settled_at timestamptz,
        PRIMARY KEY (tenant_id, id),
        UNIQUE (tenant_id, provider, provider_payment_id),
        UNIQUE (tenant_id, purchase_id),
        FOREIGN KEY (tenant_id, account_id) REFERENCES accounts (tenant_id, id),
        FOREIGN KEY (tenant_id, login_id) REFERENCES logins (tenant_id, id),
        FOREIGN KEY (tenant_id, agreement_id) REFERENCES top_up_agreements (tenant_id, id),
        FOREIGN KEY (tenant_id, transaction_id) REFERENCES ledger_transactions (tenant_id, id),
        CONSTRAINT only_registrations_are_free CHECK ((purpose = 'card_registration') = (amount = 0)),
        CONSTRAINT top_ups_come_from_purchases CHECK ((purpose = 'top_up') = (purchase_id IS NOT NULL)),
        CONSTRAINT agreements_own_cards_and_top_ups CHECK ((purpose = 'deposit') = (agreement_id IS NULL)),
        CONSTRAINT stored_cards_are_nexi CHECK (purpose = 'deposit' OR provider = 'nexi'),
        CONSTRAINT credited_when_completed CHECK (
          (status = 'completed' AND purpose <> 'card_registration') = (transaction_id IS NOT NULL))
      );
      CREATE UNIQUE INDEX payments_one_top_up_in_flight ON payments (tenant_id, account_id)
        WHERE purpose = 'top_up' AND status IN ('created', 'pending');
      CREATE INDEX payments_account_idx ON payments (tenant_id, account_id, created_at);
      -- The reconciliation's work list: what is still undecided, oldest first.
      CREATE INDEX payments_undecided_idx ON payments (tenant_id, created_at) WHERE status IN ('created', 'pending');

      CREATE TABLE payment_events (
        tenant_id text NOT NULL REFERENCES tenants (id),
        provider text NOT NULL CHECK (provider IN ('nexi', 'mobilepay')),
        event_id text NOT NULL CHECK (length(event_id) BETWEEN 1 AND 200),
        event_name text NOT NULL CHECK (length(event_name) BETWEEN 1 AND 100),
        payment_id uuid,
        received_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, provider, event_id),
        FOREIGN KEY (tenant_id, payment_id) REFERENCES payments (tenant_id, id)
      );
    `);

    const current = "current_setting('app.tenant_id', true)";
    for (const table of PAYMENT_TABLES) {
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY`);
      await q.query(
        `CREATE POLICY tenant_isolation ON ${table} USING (tenant_id = ${current}) WITH CHECK (tenant_id = ${current})`,
      );
    }

    // Least privilege: no DELETE; UPDATE only on the columns a payment's life changes.
    await q.query(`
      GRANT SELECT, INSERT ON top_up_agreements, payments, payment_events TO kantinekort_app;
      GRANT UPDATE (status, stored_card_id, card_masked_pan, card_expiry, card_brand, activated_at, ended_at)
        ON top_up_agreements TO kantinekort_app;
      GRANT UPDATE (provider_payment_id, status, failure, transaction_id, card_masked_pan, updated_at, settled_at)
        ON payments TO kantinekort_app;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ${[...PAYMENT_TABLES].reverse().join(', ')}`);
  }
}
