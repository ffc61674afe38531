import { t, type Locale, type PlainTextKey } from '@kk/texts';

/**
 * The confirmations a redirect back to Brugeroplysninger may name (`?besked=`), each with the
 * section it belongs to (the redirect's #fragment, so a phone shows the form just saved).
 * Anything else in `besked` shows nothing.
 */
const NOTICES = {
  spaerret: { key: 'accountSettings.notice.blocked', section: 'kort' },
  aktiveret: { key: 'accountSettings.notice.unblocked', section: 'kort' },
  kortnummer: { key: 'accountSettings.notice.cardNumber', section: 'kortnummer' },
  graenser: { key: 'accountSettings.notice.limits', section: 'max-forbrug' },
  enheder: { key: 'accountSettings.notice.units', section: 'enheder' },
  billede: { key: 'accountSettings.notice.photo', section: 'billede' },
  'billede-fjernet': { key: 'accountSettings.notice.photoRemoved', section: 'billede' },
  kontakt: { key: 'accountSettings.notice.contact', section: 'kontakt' },
} as const satisfies Record<string, { key: PlainTextKey; section: string }>;

export type SettingsNotice = keyof typeof NOTICES;

export function noticeText(locale: Locale, value: unknown): string | undefined {
  if (value === 'uaendret') return t(locale, 'accountSettings.unchanged');
  return typeof value === 'string' && Object.hasOwn(NOTICES, value)
    ? t(locale, NOTICES[value as SettingsNotice].key)
    : undefined;
}

/** Where a saved (or unchanged) form sends the browser: back to the page, at the form's section. */
export function backToSettings(accountId: string, notice: SettingsNotice, changed: boolean): string {
  const besked = changed ? notice : 'uaendret';
  return `/konti/${accountId}/oplysninger?besked=${besked}#${NOTICES[notice].section}`;
}
