import type { Request, Response } from 'express';
import type { TenantConfig } from '@kk/tenancy';
import { DEFAULT_LOCALE, isLocale, type Locale } from '@kk/texts';

/** The chosen language, in a cookie of its own: choosing one needs no session. */
export const LOCALE_COOKIE = 'kk.lang';
const ONE_YEAR_MS = 365 * 24 * 60 * 60 * 1000;

export function localeOfRequest(req: Request): Locale | undefined {
  const value: unknown = (req.cookies as Record<string, unknown> | undefined)?.[LOCALE_COOKIE];
  return isLocale(value) ? value : undefined;
}

/**
 * The language of every page: the visitor's choice when the tenant offers it, else the tenant's
 * default; Danish on a host that is no tenant's (its 404 page).
 */
export function localeOf(req: Request, tenant: TenantConfig | undefined): Locale {
  if (!tenant) return DEFAULT_LOCALE;
  const chosen = localeOfRequest(req);
  if (chosen && tenant.locale.offered.includes(chosen)) return chosen;
  return tenant.locale.default;
}

export function rememberLocale(res: Response, locale: Locale, secure: boolean): void {
  res.cookie(LOCALE_COOKIE, locale, { httpOnly: true, sameSite: 'lax', secure, path: '/', maxAge: ONE_YEAR_MS });
}
