import { randomBytes } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

/**
 * Security headers for every response, written out rather than through helmet: the
 * CSP needs a per-response nonce (one inline style block, the tenant's colours; no inline
 * scripts at all). HSTS only where the request came over TLS (with TRUST_PROXY set, as
 * the proxy says).
 */
export function securityHeaders(request: Request, response: Response, next: NextFunction): void {
  const nonce = randomBytes(16).toString('base64url');
  response.locals.cspNonce = nonce;
  response.setHeader(
    'Content-Security-Policy',
    [
      "default-src 'self'",
      "script-src 'self'",
      `style-src 'self' 'nonce-${nonce}'`,
      "img-src 'self' data:",
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ].join('; '),
  );
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('X-Frame-Options', 'DENY');
  response.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin');
  response.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  response.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  response.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=()');
  // Pages carry balances, names and form tokens: never kept by a browser or a proxy. The
  // static files (assets, theme) replace this with their own max-age.
  response.setHeader('Cache-Control', 'no-store');
  if (request.secure) {
    response.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
  }
  next();
}
