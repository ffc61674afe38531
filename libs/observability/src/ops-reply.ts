import type { HealthCheckResult } from '@nestjs/terminus';
import type { HealthAnswer } from './health';
import type { MetricsRegistry } from './metrics';

/** What Express's response and Fastify's reply both offer, for ops controllers on either. */
export interface OpsReply {
  status(code: number): unknown;
  header(name: string, value: string): unknown;
}

/** A probe's answer: 200 or 503 with terminus's body, never cached by a proxy. */
export async function replyHealth(reply: OpsReply, answer: Promise<HealthAnswer>): Promise<HealthCheckResult> {
  const { status, body } = await answer;
  reply.status(status);
  reply.header('cache-control', 'no-store');
  return body;
}

/**
 * The scrape, in the registry's content type (the Prometheus text format; Express moves its
 * charset parameter first, which Prometheus reads the same).
 */
export async function replyMetrics(reply: OpsReply, metrics: MetricsRegistry): Promise<string> {
  const text = await metrics.text();
  reply.header('content-type', metrics.contentType);
  reply.header('cache-control', 'no-store');
  return text;
}
