import {
  LIMIT_PERIODS,
  limitAsTyped,
  tickedUnits,
  type AccountSettingsView,
  type ContactForm,
  type SpendingLimitsForm,
} from '@kk/account-settings';
import type { MyPerson } from '@kk/identity';
import { t } from '@kk/texts';
import { formatKroner } from '@kk/web-kit';
import { portalView, type FormErrors, type PageContext } from '../kit';

/** A form posted and refused: its errors beside its fields, and what was typed, kept. */
export type RefusedForm =
  | { readonly form: 'block' | 'photo'; readonly errors: FormErrors }
  | { readonly form: 'cardNumber'; readonly errors: FormErrors; readonly values: { readonly cardNumber: string } }
  | { readonly form: 'limits'; readonly errors: FormErrors; readonly values: SpendingLimitsForm }
  | { readonly form: 'units'; readonly errors: FormErrors; readonly values: { readonly units: readonly string[] } }
  | { readonly form: 'contact'; readonly errors: FormErrors; readonly values: ContactForm };

export interface SettingsPageInput {
  readonly view: AccountSettingsView;
  readonly people: readonly MyPerson[];
  readonly notice?: string;
  readonly refused?: RefusedForm;
}

/**
 * "Brugeroplysninger": the account switcher at the top (the seeds' list "i toppen af venstre
 * hjørne"), then one section per setting the tenant offers, each its own form.
 */
export function settingsPage(page: PageContext, input: SettingsPageInput) {
  const { view, refused } = input;
  const errorsOf = (form: RefusedForm['form']): FormErrors => (refused?.form === form ? refused.errors : {});
  const features = page.tenant.features;
  return portalView(page, 'accountSettings.title', {
    accountId: view.accountId,
    accounts: accountChoices(input.people, view.accountId),
    notice: input.notice,
    card: cardSection(page, view, errorsOf('block')),
    cardNumber: features.cardNumberChange ? cardNumberSection(page, view, input) : undefined,
    limits: features.spendingLimits ? limitsSection(page, view, input) : undefined,
    units: features.deviceRestrictions ? unitsSection(page, view, input) : undefined,
    photo: features.photo ? photoSection(page, view, errorsOf('photo')) : undefined,
    contact: contactSection(page, view, input),
  });
}

function accountChoices(people: readonly MyPerson[], accountId: string) {
  return people.flatMap((person) =>
    person.accounts.map((account) => ({
      accountId: account.accountId,
      label: account.cardNumber ? `${person.name} (${account.cardNumber})` : person.name,
      selected: account.accountId === accountId,
    })),
  );
}

function cardSection(page: PageContext, view: AccountSettingsView, errors: FormErrors) {
  const blocked = view.card?.status === 'blocked';
  const noDeposits = !page.tenant.features.depositsToBlockedAccount;
  return {
    holder: view.holderName,
    balance: formatKroner(view.balance),
    number: view.card?.cardNumber,
    status: view.card ? t(page.locale, `accounts.status.${view.card.status}`) : undefined,
    statusClass: view.card?.status,
    blocked,
    // The button says what it does; it posts that, so a repeated post changes nothing.
    action: blocked ? 'aktiver' : 'spaer',
    button: t(page.locale, blocked ? 'accountSettings.unblock.button' : 'accountSettings.block.button'),
    // Gladsaxe (depositsToBlockedAccount: false) refuses deposits while blocked; the seed says so too.
    noDepositsWarning: noDeposits && !blocked,
    noDepositsNow: noDeposits && blocked,
    error: errors.block,
  };
}

const DIGITS_ONLY = /^(?:\[0-9\]|\\d)(?:\{\d+(?:,\d*)?\}|[+*])$/;

function cardNumberSection(page: PageContext, view: AccountSettingsView, input: SettingsPageInput) {
  const refused = input.refused?.form === 'cardNumber' ? input.refused : undefined;
  // The tenant's hint ("De 16 cifre, der står på kantinekortet.") is Danish.
  const tenantHint = page.locale === 'da' ? page.tenant.cardNumber.hint : undefined;
  return {
    value: refused?.values.cardNumber ?? view.card?.cardNumber ?? '',
    hint: tenantHint ?? t(page.locale, 'accountSettings.cardNumber.hint'),
    // A phone shows its number pad where the tenant's cards are digits only ("[0-9]{16}").
    numeric: DIGITS_ONLY.test(page.tenant.cardNumber.pattern),
    wasBlocked: view.card?.status === 'blocked',
    error: refused?.errors.cardNumber,
  };
}

function limitsSection(page: PageContext, view: AccountSettingsView, input: SettingsPageInput) {
  const refused = input.refused?.form === 'limits' ? input.refused : undefined;
  return {
    fields: LIMIT_PERIODS.map((period) => ({
      name: period,
      label: t(page.locale, `accountSettings.limits.${period}`),
      hint: t(page.locale, `accountSettings.limits.${period}Hint`),
      value: refused ? refused.values[period] : limitAsTyped(view.limits[period]),
      error: refused?.errors[period],
    })),
  };
}

function unitsSection(page: PageContext, view: AccountSettingsView, input: SettingsPageInput) {
  const refused = input.refused?.form === 'units' ? input.refused : undefined;
  const restriction = view.unitsRestricted
    ? { restricted: true as const, allowed: view.allowedUnits }
    : { restricted: false as const };
  const ticked = refused ? new Set(refused.values.units) : tickedUnits(view.units, restriction);
  const names = view.units.filter((unit) => view.allowedUnits.includes(unit.id)).map((unit) => unit.name);
  const summary = !view.unitsRestricted
    ? t(page.locale, 'accountSettings.units.everywhere')
    : names.length === 0
      ? t(page.locale, 'accountSettings.units.nowhere')
      : t(page.locale, 'accountSettings.units.only', { units: names.join(', ') });
  return {
    hasUnits: view.units.length > 0,
    legend: t(page.locale, 'accountSettings.units.legend', { product: page.tenant.productName }),
    summary,
    items: view.units.map((unit, index) => ({ id: unit.id, name: unit.name, index, checked: ticked.has(unit.id) })),
    error: refused?.errors.units,
  };
}

function photoSection(page: PageContext, view: AccountSettingsView, errors: FormErrors) {
  return {
    url: view.photoVersion ? `/konti/${view.accountId}/oplysninger/billede?v=${view.photoVersion}` : undefined,
    alt: t(page.locale, 'accountSettings.photo.alt', { name: view.holderName }),
    error: errors.photo,
  };
}

function contactSection(page: PageContext, view: AccountSettingsView, input: SettingsPageInput) {
  const refused = input.refused?.form === 'contact' ? input.refused : undefined;
  const stored = view.contact;
  return {
    cardOrdering: page.tenant.features.cardOrdering.enabled,
    values: refused?.values ?? {
      email: stored.email ?? '',
      street: stored.street ?? '',
      postalCode: stored.postalCode ?? '',
      city: stored.city ?? '',
    },
    errors: refused?.errors ?? {},
  };
}
