import type { z } from 'zod';

/** A webhook body we can act on, or why not (a body to refuse with 400, never a crash). */
export type WebhookParseResult<T> =
  { readonly ok: true; readonly event: T } | { readonly ok: false; readonly error: string };

/** Accepts the body as the framework hands it over: raw bytes, a string, or parsed JSON. */
export function parseWebhookBody<T>(body: unknown, schema: z.ZodType<T>): WebhookParseResult<T> {
  let json: unknown = body;
  if (Buffer.isBuffer(body)) json = body.toString('utf8');
  if (typeof json === 'string') {
    try {
      json = JSON.parse(json) as unknown;
    } catch {
      return { ok: false, error: 'the body is not JSON' };
    }
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return { ok: true, event: parsed.data };
  const fields = parsed.error.issues.map((issue) => issue.path.join('.') || '(body)');
  return { ok: false, error: `the body does not fit the documented envelope (${[...new Set(fields)].join(', ')})` };
}
