import type { OidcLoginConfig, TenantConfig } from '@kk/tenancy';
import { t } from '@kk/texts';
import type { PageContext } from '../portal/page-context';
import { loginPage, portalView } from '../portal/portal-views';

export type OidcNotice = 'cancelled' | 'failed' | 'unavailable' | 'disabled' | 'expired' | 'tooManyAttempts';

/** The tenant's OIDC login, or nothing: then the OIDC routes do not exist on its host. */
export function oidcLoginOf(tenant: TenantConfig): OidcLoginConfig | undefined {
  return tenant.login.method === 'oidc' ? tenant.login : undefined;
}

/** Back on the login page, with a notice of what happened to the MitID login. */
export function oidcLoginPage(ctx: PageContext, login: OidcLoginConfig, notice: OidcNotice) {
  return loginPage(ctx, {
    next: '/konti',
    notice: t(ctx.locale, `oidc.notice.${notice}`, { provider: login.providerName }),
  });
}

export interface CprPage {
  /** Beside the field: the CPR number's form, or the broker's "not your CPR". */
  error?: string;
  /** Linked before on a typed CPR alone: asked to confirm it once. */
  reverify?: boolean;
}

export function cprPage(ctx: PageContext, page: CprPage = {}) {
  return portalView(ctx, 'oidc.cpr.title', {
    ...page,
    intro: t(ctx.locale, page.reverify ? 'oidc.cpr.reverifyIntro' : 'oidc.cpr.intro'),
  });
}

/** No link can be made: the MitID has no CPR number, or there is no card for it. */
export function noCprPage(ctx: PageContext, login: OidcLoginConfig, page: { problem?: string; support?: string } = {}) {
  return portalView(ctx, 'oidc.noCpr.title', {
    problem: page.problem ?? t(ctx.locale, 'oidc.noCpr.text', { provider: login.providerName }),
    support: page.support ?? supportLine(ctx),
  });
}

/** How to reach the card issuer, from the tenant's support settings. */
export function supportLine(ctx: PageContext): string {
  const { support } = ctx.tenant;
  const ways = [support.phone, support.email].filter((way): way is string => Boolean(way));
  return ways.length > 0 ? t(ctx.locale, 'oidc.cpr.contact', { ways: ways.join(', ') }) : '';
}
