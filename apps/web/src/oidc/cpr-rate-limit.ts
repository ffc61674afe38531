import type { Request, RequestHandler, Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import { translate } from '@kk/web-kit';
import { pageContext } from '../portal/page-context';
import { loginPage } from '../portal/portal-views';

/**
 * Per client address, across identities: the per-identity bound (MAX_CPR_MISSES) does not
 * stop someone who logs in with MitID again and again to try more CPR numbers.
 */
export function cprRateLimit(): RequestHandler {
  return rateLimit({
    windowMs: 15 * 60 * 1000,
    limit: 20,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (req: Request, res: Response) => {
      const ctx = pageContext(req);
      res
        .status(429)
        .render('portal/login', loginPage(ctx, { next: '/konti', notice: translate(ctx.locale, 'login.throttled') }));
    },
  });
}
