import type { TenantConfig } from '@kk/tenancy';
import { t, type Locale } from '@kk/texts';

/** The per-account entry points of Mine konti; each feature's own issue fills its page. */
export const ACCOUNT_ACTIONS = [
  'indbetal',
  'udbetal',
  'oplysninger',
  'kontoudskrift',
  'kortet-virker-ikke',
  'saldo-besked',
] as const;
export type AccountAction = (typeof ACCOUNT_ACTIONS)[number];

export interface AccountActionLink {
  readonly action: AccountAction;
  readonly label: string;
  readonly href: string;
}

export function isAccountAction(value: unknown): value is AccountAction {
  return typeof value === 'string' && (ACCOUNT_ACTIONS as readonly string[]).includes(value);
}

/** The label a tenant uses: its statement tab is "Kontoudskrift" or "Rapporter". */
export function actionLabel(tenant: TenantConfig, locale: Locale, action: AccountAction): string {
  if (action === 'kontoudskrift') return tenant.features.statementTabName;
  return t(locale, `accountActions.${action}`);
}

/** Every tenant takes deposits, shows user details and statements, and has a payout page (a form or a contact text). */
export function accountActions(tenant: TenantConfig, locale: Locale, accountId: string): AccountActionLink[] {
  return ACCOUNT_ACTIONS.map((action) => ({
    action,
    label: actionLabel(tenant, locale, action),
    href: `/konti/${accountId}/${action}`,
  }));
}
