import type { MyPerson } from '@kk/identity';
import { t } from '@kk/texts';
import { portalView, type PageContext } from '../kit';
import { accountActions } from './account-actions';

/** "Mine konti": each person this login sees, with their accounts, cards, balances and actions. */
export function accountsPage(page: PageContext, people: MyPerson[], requestsToDecide = 0, notice?: string) {
  return portalView(page, 'accounts.title', {
    ...(notice ? { notice } : {}),
    // Email logins only: a MitID login has its second factor in MitID.
    securityLink: page.tenant.login.method === 'email',
    requestsLink:
      requestsToDecide > 0
        ? t(page.locale, 'accounts.requestsWaiting', { count: requestsToDecide })
        : t(page.locale, 'accounts.requests'),
    people: people.map((person) => ({
      name: person.name,
      // 'self' is the person the login was made for (a parent's pupil, or the citizen): no label.
      kindLabel: person.kind === 'relation' ? t(page.locale, 'accounts.relation') : '',
      accounts: person.accounts.map((account) => ({
        actions: accountActions(page.tenant, page.locale, account.accountId),
        cardNumber: account.cardNumber,
        cardStatus: account.cardStatus,
        statusLabel: account.cardStatus ? t(page.locale, `accounts.status.${account.cardStatus}`) : '',
        balance: account.balance,
      })),
    })),
  });
}

/** A per-account entry point; its feature's own issue fills the page. */
export function accountActionPage(page: PageContext, title: string, contactText: string | undefined) {
  return portalView(page, 'accounts.title', {
    title: `${title} – ${page.tenant.productName}`,
    heading: title,
    contactText,
    support: page.tenant.support.text,
  });
}
