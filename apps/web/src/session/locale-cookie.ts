import type { Request, Response } from 'express';
import { isLocale, type Locale } from '@kk/web-kit';

/** The chosen language, in a cookie of its own: choosing one needs no session. */
export const LOCALE_COOKIE = 'kk.lang';
const ONE_YEAR_MS = 365 * 24 * 60 * 60 * 1000;

export function localeOfRequest(req: Request): Locale | undefined {
  const value: unknown = (req.cookies as Record<string, unknown> | undefined)?.[LOCALE_COOKIE];
  return isLocale(value) ? value : undefined;
}

export function rememberLocale(res: Response, locale: Locale, secure: boolean): void {
  res.cookie(LOCALE_COOKIE, locale, { httpOnly: true, sameSite: 'lax', secure, path: '/', maxAge: ONE_YEAR_MS });
}
