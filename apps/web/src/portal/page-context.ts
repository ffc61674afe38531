import type { Request } from 'express';
import { currentTenant, type TenantConfig } from '@kk/tenancy';
import type { Locale } from '@kk/texts';
import { localeOf } from '../session/locale-cookie';

// The choice itself lives with the cookie, so pages outside the portal (front page, 404) share it.
export { localeOf };

/** What every portal page needs from its request: tenant, language, form token, sign-in state. */
export interface PageContext {
  readonly tenant: TenantConfig;
  readonly locale: Locale;
  readonly csrfToken: string;
  readonly signedIn: boolean;
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
