import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Time-ordered ids for what a till's purchase writes (issue 10, measured with bench:pos).
 *
 * A purchase inserts its decision row (pos_purchases, keyed by its id), its ledger
 * transaction (keyed by its id, and by 'pos-purchase:<purchase id>') and two postings (keyed
 * by the transaction's id). With random v4 ids, each of those four index entries lands on a
 * random leaf page: once the ledger outgrows the cache every purchase reads and dirties pages
 * all over the indexes, and after each checkpoint writes a full copy of each page it touches
 * first to the WAL. So a purchase cost more the older the ledger, the benchmark's ratios fell
 * from round to round, and a purchase wrote 2–3 times the WAL of the reference work.
 *
 * `time_ordered_uuid()` is a UUID version 7 (RFC 9562: 48 bits of Unix milliseconds, then
 * random bits), which PostgreSQL 17 does not have built in (18's uuidv7() is the same
 * layout). New entries go to the right-hand edge of each index, where the pages are in cache
 * and already dirty. The ids stay unguessable enough for what they are (74 random bits; no id
 * is a secret: every read checks the till or the login), and they tell the time of the
 * purchase, which every row carries anyway.
 *
 * pos_purchase is 1763780000013's function with only the two ids made this way.
 */
export class TimeOrderedPurchaseIds1763780000015 implements MigrationInterface {
  name = 'TimeOrderedPurchaseIds1763780000015';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION time_ordered_uuid() RETURNS uuid LANGUAGE sql VOLATILE PARALLEL SAFE AS $fn$
        -- The first 6 bytes become the milliseconds; bits 52 and 53 turn version 4 into 7.
        SELECT encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid())
                 PLACING substring(int8send((extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3)
                 FROM 1 FOR 6), 52, 1), 53, 1), 'hex')::uuid
      $fn$;
    `);
    await q.query(posPurchase('time_ordered_uuid'));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(posPurchase('gen_random_uuid'));
    await q.query('DROP FUNCTION time_ordered_uuid()');
  }
}

/** pos_purchase as 1763780000013 left it, with its two new ids made by `newId`. */
function posPurchase(newId: 'time_ordered_uuid' | 'gen_random_uuid'): string {
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
        v_id uuid := ${newId}();
        v_tx uuid;
        v_sales uuid;
        v_balance_after bigint;
        v_alert_below bigint;
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

        SELECT c.status, c.account_id, w.balance, a.daily_limit, a.weekly_limit, a.monthly_limit, a.units_restricted,
               a.low_balance_alert_below
          INTO v_card_status, v_account_id, v_balance, v_daily, v_weekly, v_monthly, v_restricted, v_alert_below
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
        v_tx := ${newId}();
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
        IF v_balance_after < GREATEST(p_low_balance_below, v_alert_below) THEN
          -- GREATEST skips NULL: an account without an alert compares with the threshold alone.
          INSERT INTO outbox (tenant_id, topic, payload)
          VALUES (p_tenant_id, 'wallet.low_balance',
                  jsonb_build_object('accountId', v_account_id, 'purchaseId', v_id, 'balance', v_balance_after));
        END IF;
        RETURN QUERY SELECT v_id, 'approved'::text, NULL::text, p_amount, v_balance_after, 'new'::text;
      END
      $fn$;
  
  `;
}
