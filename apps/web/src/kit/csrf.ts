import type { ErrorRequestHandler, NextFunction, Request, RequestHandler, Response } from 'express';
import { doubleCsrf } from 'csrf-csrf';
import { DEFAULT_LOCALE, t } from '@kk/texts';
import { localeOfRequest } from './locale-cookie';
import { hasSessionState } from './portal-session';

/**
 * CSRF tokens as signed double-submit cookies (ASVS 3.5.1), so that an anonymous page view
 * needs no server-side session: the token is an HMAC over a random value and, once the
 * browser has a session with state (signed in, a sign-up or MitID login under way), that
 * session's id. A token made before sign-in therefore stops working at sign-in.
 */
export interface Csrf {
  readonly protect: RequestHandler;
  token(req: Request, res: Response): string;
}

export function createCsrf(options: { secret: string; secureCookies: boolean }): Csrf {
  const { generateCsrfToken, doubleCsrfProtection } = doubleCsrf({
    getSecret: () => options.secret,
    getSessionIdentifier: (req) => (hasSessionState(req) ? req.sessionID : ''),
    cookieName: options.secureCookies ? '__Host-kk.csrf' : 'kk.csrf',
    cookieOptions: { sameSite: 'lax', secure: options.secureCookies, path: '/', httpOnly: true },
    getCsrfTokenFromRequest: (req) => {
      const body: unknown = req.body;
      const fromBody = typeof body === 'object' && body !== null ? (body as { _csrf?: unknown })._csrf : undefined;
      return typeof fromBody === 'string' ? fromBody : undefined;
    },
  });
  return { protect: doubleCsrfProtection, token: (req, res) => generateCsrfToken(req, res) };
}

export function isCsrfError(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'EBADCSRFTOKEN';
}

/** A refused form answers with a plain page in the user's language, and keeps nothing. */
export const csrfErrorPage: ErrorRequestHandler = (error: unknown, req, res, next) => {
  if (!isCsrfError(error)) return next(error);
  // The texts are ours (no markup), so they go into the HTML as they are.
  const locale = localeOfRequest(req) ?? DEFAULT_LOCALE;
  res
    .status(403)
    .type('html')
    .send(
      `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>403</title></head>` +
        `<body><main><h1>${t(locale, 'error.csrf')}</h1>` +
        `<p><a href="/">${t(locale, 'error.back')}</a></p></main></body></html>`,
    );
};

/** The protection as one middleware: a refused form gets csrfErrorPage, any other error goes on. */
export function csrfProtection(csrf: Csrf): RequestHandler {
  return (req: Request, res: Response, next: NextFunction): void => {
    csrf.protect(req, res, (error?: unknown) => {
      if (error && isCsrfError(error)) return csrfErrorPage(error, req, res, next);
      next(error);
    });
  };
}
