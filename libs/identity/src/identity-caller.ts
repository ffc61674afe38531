import type { Locale } from '@kk/texts';
import type { SenderTenant } from '@kk/notifications';

/** Who asks, before anyone is signed in: the tenant of the request. */
export interface TenantCaller {
  readonly tenantId: string;
}

/** Who asks, signed in (or half-way, e.g. between password and second factor): tenant and login. */
export interface LoginCaller extends TenantCaller {
  readonly loginId: string;
}

/** What an e-mail of a flow needs from the request: the tenant's look and sender, links, language. */
export interface IdentityMail {
  readonly tenant: SenderTenant;
  /** The tenant host's public origin, e.g. `https://sctibs.kantinekort.dk`. */
  readonly baseUrl: string;
  readonly locale: Locale;
}
