import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Refunds of a completed deposit or top-up (issue 8, "refunds reverse them"): an operator's
 * or admin's action, paid back to the payer's card or MobilePay by the provider.
 *
 * - A refund takes the money out of the wallet first: its row is written `pending` in the
 *   same transaction as the ledger debit wallet → gateway clearing (`transaction_id`, key
 *   `refund:<id>`), so the money cannot be spent while the provider is asked. The provider's
 *   answer makes it `completed`, or `failed` with the debit reversed (`reversal_transaction_id`,
 *   key `refund-reversal:<id>`). Rows are never deleted, and a final status never changes.
 * - At most one refund of a payment is pending at a time (a partial unique index): Nexi takes
 *   no idempotency key on refunds, so whether one landed is decided by comparing what the
 *   provider says it refunded with what we completed, which is only unambiguous with one
 *   refund in flight.
 * - The last line, whatever the code does: a trigger refuses a refund of anything but a
 *   completed deposit or top-up, and more in refunds (not failed) than the payment's amount;
 *   it locks the payment row, so two refunds cannot both pass.
 */
export class PaymentRefunds1763780000011 implements MigrationInterface {
  name = 'PaymentRefunds1763780000011';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE payment_refunds (
        tenant_id text NOT NULL REFERENCES tenants (id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        payment_id uuid NOT NULL,
        amount bigint NOT NULL CHECK (amount > 0),
        status text NOT NULL CHECK (status IN ('pending', 'completed', 'failed')),
        failure text CHECK (length(failure) BETWEEN 1 AND 200),
        requested_by text NOT NULL CHECK (length(requested_by) BETWEEN 1 AND 200),
        transaction_id uuid NOT NULL,
        reversal_transaction_id uuid,
        provider_refund_id text CHECK (length(provider_refund_id) BETWEEN 1 AND 100),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        settled_at timestamptz,
        PRIMARY KEY (tenant_id, id),
        UNIQUE (tenant_id, transaction_id),
        UNIQUE (tenant_id, reversal_transaction_id),
        FOREIGN KEY (tenant_id, payment_id) REFERENCES payments (tenant_id, id),
        FOREIGN KEY (tenant_id, transaction_id) REFERENCES ledger_transactions (tenant_id, id),
        FOREIGN KEY (tenant_id, reversal_transaction_id) REFERENCES ledger_transactions (tenant_id, id),
        CONSTRAINT refund_reversed_when_failed CHECK ((status = 'failed') = (reversal_transaction_id IS NOT NULL)),
        CONSTRAINT refund_failure_when_failed CHECK ((status = 'failed') = (failure IS NOT NULL)),
        CONSTRAINT refund_settled_when_final CHECK ((status = 'pending') = (settled_at IS NULL))
      );
      CREATE UNIQUE INDEX payment_refunds_one_pending ON payment_refunds (tenant_id, payment_id)
        WHERE status = 'pending';
      CREATE INDEX payment_refunds_payment_idx ON payment_refunds (tenant_id, payment_id, created_at);
      -- The reconciliation's work list: refunds still pending, least recently tried first.
      CREATE INDEX payment_refunds_pending_idx ON payment_refunds (tenant_id, updated_at) WHERE status = 'pending';

      CREATE FUNCTION payment_refunds_guard() RETURNS trigger LANGUAGE plpgsql AS $fn$
      DECLARE
        paid payments%ROWTYPE;
        refunded bigint;
      BEGIN
        IF TG_OP = 'UPDATE' THEN
          IF OLD.status <> 'pending' AND NEW.status IS DISTINCT FROM OLD.status THEN
            RAISE EXCEPTION 'a % refund is final', OLD.status USING ERRCODE = '23514';
          END IF;
          RETURN NEW;
        END IF;
        IF NEW.status <> 'pending' THEN
          RAISE EXCEPTION 'a refund begins pending' USING ERRCODE = '23514';
        END IF;
        SELECT * INTO paid FROM payments WHERE tenant_id = NEW.tenant_id AND id = NEW.payment_id FOR UPDATE;
        IF NOT FOUND OR paid.status <> 'completed' OR paid.purpose NOT IN ('deposit', 'top_up') THEN
          RAISE EXCEPTION 'only a completed deposit or top-up can be refunded' USING ERRCODE = '23514';
        END IF;
        SELECT coalesce(sum(amount), 0) INTO refunded FROM payment_refunds
         WHERE tenant_id = NEW.tenant_id AND payment_id = NEW.payment_id AND status <> 'failed';
        IF refunded + NEW.amount > paid.amount THEN
          RAISE EXCEPTION 'refunds would exceed the payment''s amount' USING ERRCODE = '23514';
        END IF;
        RETURN NEW;
      END
      $fn$;
      CREATE TRIGGER payment_refunds_guard BEFORE INSERT OR UPDATE ON payment_refunds
        FOR EACH ROW EXECUTE FUNCTION payment_refunds_guard();
    `);

    const current = "current_setting('app.tenant_id', true)";
    await q.query(`ALTER TABLE payment_refunds ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY`);
    await q.query(
      `CREATE POLICY tenant_isolation ON payment_refunds USING (tenant_id = ${current}) WITH CHECK (tenant_id = ${current})`,
    );

    // Least privilege: no DELETE; UPDATE only on the columns a refund's life changes.
    await q.query(`
      GRANT SELECT, INSERT ON payment_refunds TO kantinekort_app;
      GRANT UPDATE (status, failure, reversal_transaction_id, provider_refund_id, updated_at, settled_at)
        ON payment_refunds TO kantinekort_app;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE payment_refunds`);
    await q.query(`DROP FUNCTION payment_refunds_guard()`);
  }
}
