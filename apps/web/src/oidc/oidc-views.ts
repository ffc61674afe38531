import type { Response } from 'express';
import type { OidcLoginConfig } from '@kk/tenancy';
import { t } from '@kk/texts';
import { loginPage, portalView, type PageContext } from '../kit';

export type OidcNotice = 'cancelled' | 'failed' | 'unavailable' | 'disabled' | 'expired' | 'tooManyAttempts';

/** How a step of the MitID login ended, for the page; oidcAnswer says which view or redirect. */
export type OidcOutcome =
  | { readonly kind: 'signedIn' }
  /** The broker proved who it is; now the CPR question (match mode). */
  | { readonly kind: 'askCpr' }
  | { readonly kind: 'cprPage'; readonly status: 200 | 422; readonly reverify: boolean; readonly error?: string }
  /** Back on the login page with a notice of what happened. */
  | { readonly kind: 'loginNotice'; readonly status: 200 | 403 | 429 | 503; readonly notice: OidcNotice }
  /** The MitID has no CPR number. */
  | { readonly kind: 'noCpr' }
  /** The broker vouched for the CPR, but the card issuer has no card for it. */
  | { readonly kind: 'noCard'; readonly problem: string };

/** What the response is: a redirect, or a view with its status and data. */
export type OidcAnswer =
  { readonly redirect: string } | { readonly status: number; readonly view: string; readonly data: object };

export function oidcAnswer(page: PageContext, login: OidcLoginConfig, outcome: OidcOutcome): OidcAnswer {
  switch (outcome.kind) {
    case 'signedIn':
      return { redirect: '/konti' };
    case 'askCpr':
      return { redirect: '/auth/oidc/cpr' };
    case 'cprPage':
      return { status: outcome.status, view: 'oidc/cpr', data: cprPage(page, outcome) };
    case 'loginNotice':
      return { status: outcome.status, view: 'portal/login', data: oidcLoginPage(page, login, outcome.notice) };
    case 'noCpr':
      return { status: 403, view: 'oidc/no-cpr', data: noCprPage(page, login) };
    case 'noCard':
      return { status: 404, view: 'oidc/no-cpr', data: noCprPage(page, login, outcome.problem) };
  }
}

export function reply(res: Response, answer: OidcAnswer): void {
  if ('redirect' in answer) return res.redirect(303, answer.redirect);
  res.status(answer.status).render(answer.view, answer.data);
}

/** Back on the login page, with a notice of what happened to the MitID login. */
function oidcLoginPage(page: PageContext, login: OidcLoginConfig, notice: OidcNotice) {
  return loginPage(page, {
    next: '/konti',
    notice: t(page.locale, `oidc.notice.${notice}`, { provider: login.providerName }),
  });
}

function cprPage(page: PageContext, step: { readonly reverify: boolean; readonly error?: string }) {
  return portalView(page, 'oidc.cpr.title', {
    ...(step.error ? { error: step.error } : {}),
    reverify: step.reverify,
    intro: t(page.locale, step.reverify ? 'oidc.cpr.reverifyIntro' : 'oidc.cpr.intro'),
  });
}

/** No link can be made: the MitID has no CPR number, or there is no card for it. */
function noCprPage(page: PageContext, login: OidcLoginConfig, problem?: string) {
  return portalView(page, 'oidc.noCpr.title', {
    problem: problem ?? t(page.locale, 'oidc.noCpr.text', { provider: login.providerName }),
    support: supportLine(page),
  });
}

/** How to reach the card issuer, from the tenant's support settings. */
function supportLine(page: PageContext): string {
  const { support } = page.tenant;
  const ways = [support.phone, support.email].filter((way): way is string => Boolean(way));
  return ways.length > 0 ? t(page.locale, 'oidc.cpr.contact', { ways: ways.join(', ') }) : '';
}
