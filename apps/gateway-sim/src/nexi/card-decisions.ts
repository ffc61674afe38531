import { createHash } from 'node:crypto';
import type { NexiErrorBody } from './nexi-errors';
import type { StoredCard, UnscheduledSubscriptionRecord } from './nexi-state';
import { findTestCard, type CardOutcome } from './test-cards';

export type CardDecline = Exclude<CardOutcome, 'success'>;

/** What the issuer answers, with the ISO 8583 response codes issuers use. */
const ISSUER_ANSWERS: Record<CardDecline, NexiErrorBody & { readonly danish: string }> = {
  declined: {
    code: '05',
    message: 'Do not honour',
    source: 'Issuer',
    danish: 'Betalingen blev afvist af kortudstederen. Prøv et andet kort.',
  },
  insufficient_funds: {
    code: '51',
    message: 'Insufficient funds',
    source: 'Issuer',
    danish: 'Der er ikke dækning på kortet. Prøv et andet kort.',
  },
  expired: { code: '54', message: 'Expired card', source: 'Issuer', danish: 'Kortet er udløbet. Prøv et andet kort.' },
  blocked: {
    code: '62',
    message: 'Restricted card',
    source: 'Issuer',
    danish: 'Kortet er spærret. Prøv et andet kort.',
  },
};

export function issuerError(decline: CardDecline): NexiErrorBody {
  const { code, message, source } = ISSUER_ANSWERS[decline];
  return { code, message, source };
}

export function danishDeclineText(decline: CardDecline): string {
  return ISSUER_ANSWERS[decline].danish;
}

/** A card typed on the hosted page: its test-card outcome, and any past expiry date is expired. */
export function decideEnteredCard(number: string, expiryMonth: number, expiryYear: number, now: Date): CardOutcome {
  const outcome = findTestCard(number)?.outcome ?? 'success';
  if (outcome !== 'success') return outcome;
  return hasExpired(expiryMonth, expiryYear, now) ? 'expired' : 'success';
}

/** A merchant-initiated charge of a stored card: its switched state, then its expiry date. */
export function decideStoredCard(subscription: UnscheduledSubscriptionRecord, now: Date): CardOutcome {
  switch (subscription.state) {
    case 'expired':
      return 'expired';
    case 'blocked':
      return 'blocked';
    case 'no_funds':
      return 'insufficient_funds';
    // "Do not honour": the issuer says no without saying why.
    case 'declined':
      return 'declined';
    case 'ok':
      return hasExpired(subscription.card.expiryMonth, subscription.card.expiryYear, now) ? 'expired' : 'success';
  }
}

/** A card is valid to the end of its expiry month. */
export function hasExpired(expiryMonth: number, expiryYear: number, now: Date): boolean {
  const firstDayAfter = Date.UTC(expiryYear, expiryMonth, 1);
  return now.getTime() >= firstDayAfter;
}

/** Nexi's cardDetails.expiryDate: MMYY. */
export function expiryDateMmYy(card: Pick<StoredCard, 'expiryMonth' | 'expiryYear'>): string {
  return `${String(card.expiryMonth).padStart(2, '0')}${String(card.expiryYear % 100).padStart(2, '0')}`;
}

export function cardNumberHash(number: string): string {
  return createHash('sha256').update(number).digest('hex');
}
