import type { Request } from 'express';
import { currentTenant, type TenantConfig } from '@kk/tenancy';
import { isLocale, type Locale } from '@kk/web-kit';
import { localeOfRequest } from '../session/locale-cookie';

/** What every portal page needs from its request: tenant, language, form token, sign-in state. */
export interface PageContext {
  readonly tenant: TenantConfig;
  readonly locale: Locale;
  readonly csrfToken: string;
  readonly signedIn: boolean;
}

export function localeOf(req: Request, tenant: TenantConfig): Locale {
  const chosen = localeOfRequest(req);
  if (chosen && tenant.locale.offered.includes(chosen)) return chosen;
  return isLocale(tenant.locale.default) ? tenant.locale.default : 'da';
}

export function pageContext(req: Request): PageContext {
  const tenant = currentTenant(req);
  return {
    tenant,
    locale: localeOf(req, tenant),
    // Set by the CSRF middleware (csrf.ts); pages served without the portal carry no forms.
    csrfToken: req.csrfToken?.() ?? '',
    signedIn: Boolean(req.session?.loginId),
  };
}
