import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';

/**
 * Security headers for every response, by helmet. The CSP carries a fresh nonce per response
 * (one inline style block: the tenant's colours; no inline scripts at all), and HSTS is sent
 * only over TLS (with TRUST_PROXY set, as the proxy says). Pages carry balances, names and
 * form tokens, so nothing is stored by a browser or a proxy; the static files replace that
 * with their own max-age.
 */
const withHelmet = helmet({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", (_req: IncomingMessage, res: ServerResponse) => `'nonce-${nonceOf(res)}'`],
      imgSrc: ["'self'", 'data:'],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  },
  // Sent below only when the request came over TLS.
  strictTransportSecurity: false,
  xFrameOptions: { action: 'deny' },
  referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
  crossOriginOpenerPolicy: { policy: 'same-origin' },
  crossOriginResourcePolicy: { policy: 'same-origin' },
  // The CSP's frame-ancestors and the COOP/CORP above are what matter; helmet's other defaults stay.
  crossOriginEmbedderPolicy: false,
});

export function securityHeaders(request: Request, response: Response, next: NextFunction): void {
  response.locals.cspNonce = randomBytes(16).toString('base64url');
  withHelmet(request, response, (error?: unknown) => {
    if (error) return next(error);
    response.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=()');
    response.setHeader('Cache-Control', 'no-store');
    if (request.secure) response.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    next();
  });
}

function nonceOf(res: ServerResponse): string {
  const locals = (res as ServerResponse & { locals?: { cspNonce?: unknown } }).locals;
  return typeof locals?.cspNonce === 'string' ? locals.cspNonce : '';
}
