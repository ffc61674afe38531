import { t, type Locale } from '@kk/texts';
import { formatKroner } from '@kk/web-kit';

/** Danish time wherever the server runs: "12. marts 2025 kl. 12.05". */
export function copenhagenTime(at: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === 'da' ? 'da-DK' : 'en-GB', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'Europe/Copenhagen',
  }).format(at);
}

/** Where a till stands: "Kasse 2, Caféen". */
export function tillPlace(locale: Locale, tillName: string, unitName: string): string {
  return t(locale, 'cardTrouble.place', { till: tillName, unit: unitName });
}

/** Limits are set in whole kroner, and read as such: "60 kr." rather than "60,00 kr.". */
export function limitAmount(ore: number): string {
  const text = formatKroner(ore);
  return ore % 100 === 0 ? text.replace(',00', '') : text;
}
