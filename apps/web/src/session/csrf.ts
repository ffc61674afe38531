import type { ErrorRequestHandler, Request } from 'express';
import { csrfSync } from 'csrf-sync';

/**
 * Synchronizer tokens kept in the session: every form posts `_csrf`, every unsafe request
 * without the session's token is refused (ASVS 3.5.1).
 */
export const csrf = csrfSync({
  getTokenFromRequest: (req: Request) => {
    const body: unknown = req.body;
    const fromBody = typeof body === 'object' && body !== null ? (body as { _csrf?: unknown })._csrf : undefined;
    return typeof fromBody === 'string' ? fromBody : undefined;
  },
  errorConfig: { statusCode: 403, message: 'invalid csrf token', code: 'EBADCSRFTOKEN' },
});

export function isCsrfError(error: unknown): boolean {
  return error === csrf.invalidCsrfTokenError || (error as { code?: unknown } | null)?.code === 'EBADCSRFTOKEN';
}

/** A refused form answers with a plain page in the user's language, and keeps nothing. */
export const csrfErrorPage: ErrorRequestHandler = (error: unknown, req, res, next) => {
  if (!isCsrfError(error)) return next(error);
  const english = req.session?.locale === 'en';
  res
    .status(403)
    .type('html')
    .send(
      `<!doctype html><html lang="${english ? 'en' : 'da'}"><head><meta charset="utf-8"><title>403</title></head>` +
        `<body><main><h1>${english ? 'The page had expired. Please try again.' : 'Siden var udløbet. Prøv igen.'}</h1>` +
        `<p><a href="/">${english ? 'Back' : 'Tilbage'}</a></p></main></body></html>`,
    );
};
