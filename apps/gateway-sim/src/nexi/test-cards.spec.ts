import { detectBrand, maskPan, passesLuhn, TEST_CARDS } from './test-cards';

describe('TEST_CARDS', () => {
  it.each(Object.entries(TEST_CARDS))('%s is a Luhn-valid number of its brand', (_name, card) => {
    expect(card.number).toMatch(/^\d{16}$/);
    expect(passesLuhn(card.number)).toBe(true);
    expect(detectBrand(card.number)).toBe(card.brand);
    expect(card.description).not.toBe('');
  });

  it('has a success card of each brand and one card per decline', () => {
    const successes = Object.values(TEST_CARDS).filter((card) => card.outcome === 'success');
    expect(new Set(successes.map((card) => card.brand))).toEqual(new Set(['Visa', 'Mastercard', 'Dankort']));
    const declines = Object.values(TEST_CARDS)
      .map((card) => card.outcome)
      .filter((outcome) => outcome !== 'success');
    expect(declines.sort()).toEqual(['blocked', 'declined', 'expired', 'insufficient_funds']);
  });
});

describe('card numbers', () => {
  it('checks the Luhn digit', () => {
    expect(passesLuhn('4111111111111111')).toBe(true);
    expect(passesLuhn('4111111111111112')).toBe(false);
    expect(passesLuhn('4111 1111')).toBe(false);
  });

  it('tells the brands apart by their first digits', () => {
    expect(detectBrand('5019100000000006')).toBe('Dankort');
    expect(detectBrand('2221000000000009')).toBe('Mastercard');
    expect(detectBrand('5555555555554444')).toBe('Mastercard');
    expect(detectBrand('4571000000000001')).toBe('Visa');
    expect(detectBrand('378282246310005')).toBeUndefined();
  });

  it('masks all but the first six and last four digits', () => {
    expect(maskPan('4925000000000004')).toBe('492500******0004');
  });
});
