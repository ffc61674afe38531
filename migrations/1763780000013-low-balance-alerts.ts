import type { MigrationInterface, QueryRunner } from 'typeorm';

const ALERT_TABLES = ['balance_alert_subscriptions', 'balance_alerts'];

/**
 * "Besked ved lav saldo": per login and account, an e-mail when a till purchase takes the
 * balance under an amount the parent chose, at most once per 48 hours unless money put in
 * lifted the balance to the amount again (libs/balance-alerts).
 *
 * - `balance_alert_subscriptions`: one row per (login, account), `below` in øre (whole kroner),
 *   NULL when the parent turned the alert off; the row stays, so turning it off and on again
 *   keeps the 48-hour rule. `last_alert_at` is the time of the purchase that set off the last
 *   alert (the till's clock, as the ledger postings that decide re-arming carry it).
 * - `balance_alerts`: every alert sent, once per (low-balance outbox row, subscription), in the
 *   same transaction as the e-mail's own outbox row: a redelivered job finds it and sends nothing.
 * - `accounts.low_balance_alert_below`: the highest `below` of the account's subscriptions,
 *   kept by the settings form in the same transaction. pos_purchase already reads the account
 *   row, so the till pays one column more, not a query: a purchase leaving less than the higher
 *   of the tenant's top-up threshold and this writes the low-balance event.
 * - pos_purchase: exactly 1763780000003's function with that one comparison changed (and the
 *   column read with the limits).
 */
export class LowBalanceAlerts1763780000013 implements MigrationInterface {
  name = 'LowBalanceAlerts1763780000013';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE accounts ADD COLUMN low_balance_alert_below bigint CHECK (low_balance_alert_below > 0);

      CREATE TABLE balance_alert_subscriptions (
        tenant_id text NOT NULL REFERENCES tenants (id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        account_id uuid NOT NULL,
        login_id uuid NOT NULL,
        below bigint CHECK (below > 0 AND below % 100 = 0),
        email text NOT NULL CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 254),
        locale text NOT NULL CHECK (locale IN ('da', 'en')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        last_alert_at timestamptz,
        PRIMARY KEY (tenant_id, id),
        UNIQUE (tenant_id, login_id, account_id),
        FOREIGN KEY (tenant_id, account_id) REFERENCES accounts (tenant_id, id),
        FOREIGN KEY (tenant_id, login_id) REFERENCES logins (tenant_id, id)
      );
      CREATE INDEX balance_alert_subscriptions_account_idx ON balance_alert_subscriptions (tenant_id, account_id);

      CREATE TABLE balance_alerts (
        tenant_id text NOT NULL REFERENCES tenants (id),
        outbox_id uuid NOT NULL,
        subscription_id uuid NOT NULL,
        account_id uuid NOT NULL,
        purchase_id uuid NOT NULL,
        purchased_at timestamptz NOT NULL,
        balance bigint NOT NULL CHECK (balance >= 0),
        below bigint NOT NULL CHECK (below > 0),
        email_outbox_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, outbox_id, subscription_id),
        FOREIGN KEY (tenant_id, subscription_id) REFERENCES balance_alert_subscriptions (tenant_id, id),
        FOREIGN KEY (tenant_id, account_id) REFERENCES accounts (tenant_id, id)
      );
      CREATE INDEX balance_alerts_subscription_idx ON balance_alerts (tenant_id, subscription_id, created_at);
    `);

    const current = "current_setting('app.tenant_id', true)";
    for (const table of ALERT_TABLES) {
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY`);
      await q.query(
        `CREATE POLICY tenant_isolation ON ${table} USING (tenant_id = ${current}) WITH CHECK (tenant_id = ${current})`,
      );
    }

    // Least privilege: no DELETE; a subscription changes only its settings and its last alert.
    await q.query(`
      GRANT SELECT, INSERT ON balance_alert_subscriptions, balance_alerts TO kantinekort_app;
      GRANT UPDATE (below, email, locale, updated_at, last_alert_at) ON balance_alert_subscriptions TO kantinekort_app;
    `);

    await q.query(POS_PURCHASE_WITH_ALERTS);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(POS_PURCHASE_BEFORE_ALERTS);
    await q.query(`DROP TABLE ${[...ALERT_TABLES].reverse().join(', ')}`);
    await q.query('ALTER TABLE accounts DROP COLUMN low_balance_alert_below');
  }
}

/**
 * pos_purchase as 1763780000003 made it; `alerts` true adds the account's alert amount to the
 * low-balance comparison. Spelled once, so the two versions cannot drift apart.
 */
function posPurchase(alerts: boolean): string {
  return `
      CREATE OR REPLACE FUNCTION pos_purchase(
        p_tenant_id text, p_till_id uuid, p_unit_id uuid, p_idempotency_key text, p_request_hash text,
        p_card_number text, p_amount bigint, p_description text, p_now timestamptz,
        p_day_start timestamptz, p_week_start timestamptz, p_month_start timestamptz,
        p_low_balance_below bigint, p_lock_first boolean
      ) RETURNS TABLE (purchase_id uuid, decision text, decline_reason text, amount bigint, balance bigint, outcome text)
      LANGUAGE plpgsql AS $fn$
      DECLARE
        v_prev pos_purchases;
        v_found boolean;
        v_card_status text;
        v_account_id uuid;
        v_balance bigint;
        v_daily bigint;
        v_weekly bigint;
        v_monthly bigint;
        v_restricted boolean;
        v_device_ok boolean := true;
        v_today bigint := 0;
        v_week bigint := 0;
        v_month bigint := 0;
        v_reason text;
        v_id uuid := gen_random_uuid();
        v_tx uuid;
        v_sales uuid;
        v_balance_after bigint;${alerts ? '\n        v_alert_below bigint;' : ''}
      BEGIN
        PERFORM set_config('app.tenant_id', p_tenant_id, true);

        -- A retry answers from the log and moves no money.
        SELECT * INTO v_prev FROM pos_purchases p
         WHERE p.tenant_id = p_tenant_id AND p.till_id = p_till_id AND p.idempotency_key = p_idempotency_key;
        IF FOUND THEN
          RETURN QUERY SELECT v_prev.id, v_prev.decision, v_prev.decline_reason, v_prev.amount, v_prev.balance_after,
            CASE WHEN v_prev.request_hash = p_request_hash THEN 'replayed' ELSE 'key_reused' END;
          RETURN;
        END IF;

        SELECT c.status, c.account_id, w.balance, a.daily_limit, a.weekly_limit, a.monthly_limit, a.units_restricted${
          alerts ? ',\n               a.low_balance_alert_below' : ''
        }
          INTO v_card_status, v_account_id, v_balance, v_daily, v_weekly, v_monthly, v_restricted${
            alerts ? ', v_alert_below' : ''
          }
          FROM cards c
          JOIN accounts a ON a.tenant_id = c.tenant_id AND a.id = c.account_id
          JOIN ledger_accounts w ON w.tenant_id = c.tenant_id AND w.id = c.account_id
         WHERE c.tenant_id = p_tenant_id AND c.card_number = p_card_number;
        v_found := FOUND;

        IF v_found AND (p_lock_first OR v_daily IS NOT NULL OR v_weekly IS NOT NULL OR v_monthly IS NOT NULL) THEN
          -- Serialise this account's purchases before summing, so two tills cannot both pass a limit.
          SELECT w.balance INTO v_balance FROM ledger_accounts w
           WHERE w.tenant_id = p_tenant_id AND w.id = v_account_id FOR NO KEY UPDATE;
        END IF;
        IF v_found AND v_restricted THEN
          v_device_ok := EXISTS (SELECT 1 FROM account_allowed_units u
                                  WHERE u.tenant_id = p_tenant_id AND u.account_id = v_account_id AND u.unit_id = p_unit_id);
        END IF;
        IF v_found AND (v_daily IS NOT NULL OR v_weekly IS NOT NULL OR v_monthly IS NOT NULL) THEN
          SELECT coalesce(sum(s.amount) FILTER (WHERE s.created_at >= p_day_start), 0),
                 coalesce(sum(s.amount) FILTER (WHERE s.created_at >= p_week_start), 0),
                 coalesce(sum(s.amount) FILTER (WHERE s.created_at >= p_month_start), 0)
            INTO v_today, v_week, v_month
            FROM pos_purchases s
           WHERE s.tenant_id = p_tenant_id AND s.account_id = v_account_id AND s.decision = 'approved'
             AND s.reversed_at IS NULL AND s.created_at >= least(p_week_start, p_month_start);
        END IF;

        v_reason := pos_decline_reason(v_found, v_card_status, v_device_ok, p_amount,
                                       v_daily, v_today, v_weekly, v_week, v_monthly, v_month, v_balance);

        IF v_reason IS NOT NULL THEN
          INSERT INTO pos_purchases (tenant_id, id, till_id, unit_id, idempotency_key, request_hash, card_number, account_id,
                                     amount, description, decision, decline_reason, balance_after, created_at)
          VALUES (p_tenant_id, v_id, p_till_id, p_unit_id, p_idempotency_key, p_request_hash, p_card_number, v_account_id,
                  p_amount, p_description, 'declined', v_reason, v_balance, p_now)
          ON CONFLICT ON CONSTRAINT pos_purchases_tenant_id_till_id_idempotency_key_key DO NOTHING;
          IF NOT FOUND THEN
            -- The same key won a race from another request, which has committed: answer as it did.
            SELECT * INTO v_prev FROM pos_purchases p
             WHERE p.tenant_id = p_tenant_id AND p.till_id = p_till_id AND p.idempotency_key = p_idempotency_key;
            RETURN QUERY SELECT v_prev.id, v_prev.decision, v_prev.decline_reason, v_prev.amount, v_prev.balance_after,
              CASE WHEN v_prev.request_hash = p_request_hash THEN 'replayed' ELSE 'key_reused' END;
            RETURN;
          END IF;
          RETURN QUERY SELECT v_id, 'declined'::text, v_reason, p_amount, v_balance, 'new'::text;
          RETURN;
        END IF;

        -- Approved: the ledger rows first, the wallet (and its lock, unless already held) last.
        v_tx := gen_random_uuid();
        SELECT l.id INTO STRICT v_sales FROM ledger_accounts l WHERE l.tenant_id = p_tenant_id AND l.till_id = p_till_id;
        INSERT INTO ledger_transactions (tenant_id, id, kind, idempotency_key, description, created_at)
        VALUES (p_tenant_id, v_tx, 'pos_purchase', 'pos-purchase:' || v_id, p_description, p_now);
        INSERT INTO postings (tenant_id, transaction_id, ledger_account_id, amount, created_at)
        VALUES (p_tenant_id, v_tx, v_account_id, -p_amount, p_now), (p_tenant_id, v_tx, v_sales, p_amount, p_now);
        UPDATE ledger_accounts l SET balance = l.balance - p_amount
         WHERE l.tenant_id = p_tenant_id AND l.id = v_account_id AND l.balance >= p_amount
        RETURNING l.balance INTO v_balance_after;
        IF NOT FOUND THEN
          RAISE EXCEPTION 'funds changed during the purchase; retry with the wallet locked first' USING ERRCODE = 'KK001';
        END IF;
        INSERT INTO pos_purchases (tenant_id, id, till_id, unit_id, idempotency_key, request_hash, card_number, account_id,
                                   amount, description, decision, balance_after, transaction_id, created_at)
        VALUES (p_tenant_id, v_id, p_till_id, p_unit_id, p_idempotency_key, p_request_hash, p_card_number, v_account_id,
                p_amount, p_description, 'approved', v_balance_after, v_tx, p_now)
        ON CONFLICT ON CONSTRAINT pos_purchases_tenant_id_till_id_idempotency_key_key DO NOTHING;
        IF NOT FOUND THEN
          -- The same key committed first: undo this debit; the retry answers from the log.
          RAISE EXCEPTION 'idempotency key decided concurrently; retry to read the answer' USING ERRCODE = 'KK002';
        END IF;
        IF v_balance_after < ${alerts ? 'GREATEST(p_low_balance_below, v_alert_below)' : 'p_low_balance_below'} THEN${
          alerts
            ? '\n          -- GREATEST skips NULL: an account without an alert compares with the threshold alone.'
            : ''
        }
          INSERT INTO outbox (tenant_id, topic, payload)
          VALUES (p_tenant_id, 'wallet.low_balance',
                  jsonb_build_object('accountId', v_account_id, 'purchaseId', v_id, 'balance', v_balance_after));
        END IF;
        RETURN QUERY SELECT v_id, 'approved'::text, NULL::text, p_amount, v_balance_after, 'new'::text;
      END
      $fn$;
  `;
}

const POS_PURCHASE_WITH_ALERTS = posPurchase(true);
const POS_PURCHASE_BEFORE_ALERTS = posPurchase(false);
