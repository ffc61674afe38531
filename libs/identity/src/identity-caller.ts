import type { Locale } from '@kk/texts';
import type { SenderTenant } from '@kk/notifications';
import type { TenantId } from '@kk/tenancy';

/**
 * A login's id, branded like TenantId: it comes from this lib's answers (a sign-in, a sign-up)
 * or from a session the portal issued, never from what a request carries.
 */
export type LoginId = string & { readonly __brand: 'LoginId' };

/** The id of a login row, or of a session that was signed in with one: the one place a string becomes a LoginId. */
export function loginIdOf(id: string): LoginId {
  return id as LoginId;
}

/** Who asks, before anyone is signed in: the tenant of the request. */
export interface TenantCaller {
  readonly tenantId: TenantId;
}

/** Who asks, signed in (or half-way, e.g. between password and second factor): tenant and login. */
export interface LoginCaller extends TenantCaller {
  readonly loginId: LoginId;
}

/** What an e-mail of a flow needs from the request: the tenant's look and sender, links, language. */
export interface IdentityMail {
  readonly tenant: SenderTenant;
  /** The tenant host's public origin, e.g. `https://sctibs.kantinekort.dk`. */
  readonly baseUrl: string;
  readonly locale: Locale;
}
