import type { MyPerson } from '@kk/identity';
import { t, type PlainTextKey } from '@kk/texts';
import { accountActions } from '../account-actions/account-actions';
import { presentLayout, type LayoutView } from '../layout/layout.presenter';
import type { PageContext } from './page-context';

/** Every portal view: the layout's data plus the page's own, with the locale for {{t}}. */
export type PortalView<T> = LayoutView & T & { locale: string; csrfToken: string; signedIn: boolean };

export function portalView<T extends object>(ctx: PageContext, titleKey: PlainTextKey, page: T): PortalView<T> {
  return {
    ...presentLayout(ctx.tenant, t(ctx.locale, titleKey)),
    lang: ctx.locale,
    locale: ctx.locale,
    csrfToken: ctx.csrfToken,
    signedIn: ctx.signedIn,
    ...page,
  };
}

export interface LoginPage {
  next: string;
  email?: string;
  error?: string;
  notice?: string;
  passwordLogin: boolean;
  /** Links to "Ny bruger? Opret dig her" (email tenants with self sign-up). */
  signUp?: boolean;
  /** The tenant's MitID/OIDC login (/auth/oidc). */
  oidc?: { providerName: string };
}

export function loginPage(ctx: PageContext, page: Omit<LoginPage, 'passwordLogin' | 'oidc'>): PortalView<LoginPage> {
  const login = ctx.tenant.login;
  return portalView(ctx, 'login.title', {
    ...page,
    passwordLogin: login.method === 'email',
    signUp: login.method === 'email' && login.selfSignUp,
    ...(login.method === 'oidc' ? { oidc: { providerName: login.providerName } } : {}),
  });
}

export function accountsPage(ctx: PageContext, people: MyPerson[], requestsToDecide = 0, notice?: string) {
  return portalView(ctx, 'accounts.title', {
    ...(notice ? { notice } : {}),
    // Email logins only: a MitID login has its second factor in MitID.
    securityLink: ctx.tenant.login.method === 'email',
    requestsLink:
      requestsToDecide > 0
        ? t(ctx.locale, 'accounts.requestsWaiting', { count: requestsToDecide })
        : t(ctx.locale, 'accounts.requests'),
    people: people.map((person) => ({
      name: person.name,
      // 'self' is the person the login was made for (a parent's pupil, or the citizen): no label.
      kindLabel: person.kind === 'relation' ? t(ctx.locale, 'accounts.relation') : '',
      accounts: person.accounts.map((account) => ({
        actions: accountActions(ctx.tenant, ctx.locale, account.accountId),
        cardNumber: account.cardNumber,
        cardStatus: account.cardStatus,
        statusLabel: account.cardStatus ? t(ctx.locale, `accounts.status.${account.cardStatus}`) : '',
        balance: account.balance,
      })),
    })),
  });
}
