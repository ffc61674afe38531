import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { OutboxPayloads, OutboxTopic } from './queues';

/**
 * A side effect written in the business transaction it belongs to (enqueueOutbox); the
 * relay moves it into its Bull queue (`sent_at`), the processor marks it done
 * (`processed_at`), and the sweep re-enqueues what Redis lost. Written by outbox.queries.ts.
 */
@Entity({ name: 'outbox' })
export class OutboxEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** What happened, e.g. `email.send`; TOPIC_QUEUES routes it to its queue. */
  @Column({ type: 'text' })
  topic!: OutboxTopic;

  /** The job's data; an e-mail's is sealed (EmailSealer), never readable here. */
  @Column({ type: 'jsonb' })
  payload!: OutboxPayloads[OutboxTopic];

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  @Column({ name: 'processed_at', type: 'timestamptz', nullable: true })
  processedAt!: Date | null;
}

/** The jobs lib's entities, for an app's DataSource. */
export const JOB_ENTITIES = [OutboxEntity];
