import type { IncomingMessage } from 'node:http';
import type { FastifyRequest } from 'fastify';
import type { Till } from '@kk/pos-authorization';
import type { RequestContext } from '@kk/observability';

// pino-http sees the raw Node request, not Fastify's wrapper the guard puts the till on.
const tillByRawRequest = new WeakMap<IncomingMessage, Till>();

/** Called by the till guard, so the request's log line names the till and its tenant. */
export function noteTillForLogs(request: FastifyRequest, till: Till): void {
  // Optional only for the guard's unit tests, whose hand-made requests have no raw request.
  const raw: IncomingMessage | undefined = request.raw;
  if (raw) tillByRawRequest.set(raw, till);
}

export function posRequestContext(req: IncomingMessage): RequestContext {
  const till = tillByRawRequest.get(req);
  return till ? { tenant: till.tenantId, tillId: till.tillId } : {};
}
