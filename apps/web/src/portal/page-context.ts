import type { Request } from 'express';
import { currentTenant, type TenantConfig } from '@kk/tenancy';
import { isLocale, type Locale } from '@kk/web-kit';
import { csrf } from '../session/csrf';

/** What every portal page needs from its request: tenant, language, form token, sign-in state. */
export interface PageContext {
  readonly tenant: TenantConfig;
  readonly locale: Locale;
  readonly csrfToken: string;
  readonly signedIn: boolean;
}

export function localeOf(req: Request, tenant: TenantConfig): Locale {
  const chosen = req.session?.locale;
  if (isLocale(chosen)) return chosen;
  return isLocale(tenant.locale.default) ? tenant.locale.default : 'da';
}

export function pageContext(req: Request): PageContext {
  const tenant = currentTenant(req);
  return {
    tenant,
    locale: localeOf(req, tenant),
    csrfToken: csrf.generateToken(req),
    signedIn: Boolean(req.session?.loginId),
  };
}
