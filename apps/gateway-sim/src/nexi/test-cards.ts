export type CardBrand = 'Visa' | 'Mastercard' | 'Dankort';

/** What the issuer answers for a card: approve, or one of the declines the sim knows. */
export type CardOutcome = 'success' | 'declined' | 'insufficient_funds' | 'expired' | 'blocked';

export interface TestCard {
  /** Luhn-valid, without spaces. */
  readonly number: string;
  readonly brand: CardBrand;
  readonly outcome: CardOutcome;
  /** Danish, for the demo's printout and the README. */
  readonly description: string;
}

/**
 * The hosted page's test cards. Any expiry date in the future and any three-digit CVC work;
 * a past expiry date is always "expired". Another Luhn-valid Visa, Mastercard or Dankort
 * number is approved too; other brands are refused as not accepted.
 */
export const TEST_CARDS = {
  visa: {
    number: '4925000000000004',
    brand: 'Visa',
    outcome: 'success',
    description: 'Visa, godkendes',
  },
  mastercard: {
    number: '5213199803453465',
    brand: 'Mastercard',
    outcome: 'success',
    description: 'Mastercard, godkendes',
  },
  dankort: {
    number: '5019100000000006',
    brand: 'Dankort',
    outcome: 'success',
    description: 'Dankort, godkendes',
  },
  declined: {
    number: '4000000000000002',
    brand: 'Visa',
    outcome: 'declined',
    description: 'Visa, afvises af kortudstederen',
  },
  insufficientFunds: {
    number: '4000000000009995',
    brand: 'Visa',
    outcome: 'insufficient_funds',
    description: 'Visa, afvises: ikke dækning på kontoen',
  },
  expired: {
    number: '4000000000000069',
    brand: 'Visa',
    outcome: 'expired',
    description: 'Visa, afvises: kortet er udløbet (uanset den indtastede udløbsdato)',
  },
  blocked: {
    number: '5019200000000004',
    brand: 'Dankort',
    outcome: 'blocked',
    description: 'Dankort, afvises: kortet er spærret',
  },
} as const satisfies Record<string, TestCard>;

const BY_NUMBER = new Map<string, TestCard>(Object.values(TEST_CARDS).map((card) => [card.number, card]));

export function findTestCard(number: string): TestCard | undefined {
  return BY_NUMBER.get(number);
}

/** The brand from the number's first digits (IIN ranges); undefined for a brand not accepted here. */
export function detectBrand(number: string): CardBrand | undefined {
  if (/^5019/.test(number)) return 'Dankort';
  if (/^4/.test(number)) return 'Visa';
  if (/^5[1-5]/.test(number)) return 'Mastercard';
  const firstFour = Number(number.slice(0, 4));
  if (firstFour >= 2221 && firstFour <= 2720) return 'Mastercard';
  return undefined;
}

export function passesLuhn(number: string): boolean {
  if (!/^\d+$/.test(number)) return false;
  let sum = 0;
  for (let i = 0; i < number.length; i++) {
    let digit = Number(number[number.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** As Nexi shows a card: the first six and the last four digits, stars between. */
export function maskPan(number: string): string {
  return `${number.slice(0, 6)}${'*'.repeat(Math.max(0, number.length - 10))}${number.slice(-4)}`;
}

/** Nexi's paymentMethod names. */
export function nexiPaymentMethod(brand: CardBrand): string {
  return brand === 'Mastercard' ? 'MasterCard' : brand;
}
