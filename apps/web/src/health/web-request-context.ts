import type { IncomingMessage } from 'node:http';
import type { Request } from 'express';
import type { RequestContext } from '@kk/observability';
import { findCurrentTenant } from '@kk/tenancy';

/**
 * The request line's tenant and login, read from what the tenant host middleware and the
 * session put on the request; Express's request is the Node request pino-http is given.
 */
export function webRequestContext(req: IncomingMessage): RequestContext {
  const session = (req as Partial<Pick<Request, 'session'>>).session;
  return { tenant: findCurrentTenant(req)?.slug, loginId: session?.loginId };
}
