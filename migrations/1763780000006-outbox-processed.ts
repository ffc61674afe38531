import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Outbox rows learn when their effect is done (T14–T16).
 *
 * - `processed_at`: set by a processor, in its own transaction, once the job's effect has
 *   happened (an e-mail accepted by the SMTP server). A processor that finds it set does
 *   nothing, so a redelivered job has no second effect; and a row marked sent but not
 *   processed long after is one whose job Redis may have lost, which the relay's sweep
 *   looks for (libs/jobs/src/outbox-sweep.ts). Existing rows stay NULL: no processor
 *   has run for them yet.
 * - The app role may now update only the two markers, never a row's topic or payload.
 */
export class OutboxProcessed1763780000006 implements MigrationInterface {
  name = 'OutboxProcessed1763780000006';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE outbox ADD COLUMN processed_at timestamptz;
      CREATE INDEX outbox_unprocessed_idx ON outbox (tenant_id, topic, sent_at)
        WHERE processed_at IS NULL AND sent_at IS NOT NULL;

      REVOKE UPDATE ON outbox FROM kantinekort_app;
      GRANT UPDATE (sent_at, processed_at) ON outbox TO kantinekort_app;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      REVOKE UPDATE (sent_at, processed_at) ON outbox FROM kantinekort_app;
      GRANT UPDATE ON outbox TO kantinekort_app;
      DROP INDEX outbox_unprocessed_idx;
      ALTER TABLE outbox DROP COLUMN processed_at;
    `);
  }
}
