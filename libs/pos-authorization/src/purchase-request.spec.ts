import { parseCardNumber, parsePurchaseRequest, purchaseRequestHash } from './purchase-request';

describe('parsePurchaseRequest', () => {
  const body = { cardNumber: '1234567890123456', amount: 3500, description: 'Frokost' };

  it('accepts a valid request and upper-cases letters in the card number', () => {
    const parsed = parsePurchaseRequest('till-1:42', { ...body, cardNumber: ' ab12 ' });
    expect(parsed).toEqual({
      ok: true,
      value: { idempotencyKey: 'till-1:42', cardNumber: 'AB12', amount: 3500, description: 'Frokost' },
    });
  });

  it.each([
    ['missing key', undefined],
    ['empty key', ''],
    ['65 characters', 'a'.repeat(65)],
    ['a space', 'a b'],
    ['a slash', 'a/b'],
  ])('rejects an Idempotency-Key with %s', (_label, key) => {
    const parsed = parsePurchaseRequest(key, body);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors.map((e) => e.field)).toEqual(['Idempotency-Key']);
  });

  it('accepts a 64-character key of every allowed character class', () => {
    expect(parsePurchaseRequest(`${'aZ09._:-'.repeat(8)}`, body).ok).toBe(true);
  });

  it.each([
    ['zero', 0],
    ['negative', -1],
    ['a fraction', 10.5],
    ['over the maximum', 10_000_001],
    ['a string', '3500'],
    ['missing', undefined],
  ])('rejects an amount that is %s', (_label, amount) => {
    const parsed = parsePurchaseRequest('k', { ...body, amount });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors.map((e) => e.field)).toEqual(['amount']);
  });

  it('accepts the amount bounds 1 and 10,000,000', () => {
    expect(parsePurchaseRequest('k', { ...body, amount: 1 }).ok).toBe(true);
    expect(parsePurchaseRequest('k', { ...body, amount: 10_000_000 }).ok).toBe(true);
  });

  it('rejects bad card numbers, long descriptions, unknown fields and non-objects', () => {
    const parsed = parsePurchaseRequest('k', {
      cardNumber: '12-34',
      amount: 1,
      description: 'x'.repeat(201),
      extra: 1,
    });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors.map((e) => e.field).sort()).toEqual(['cardNumber', 'description', 'extra']);
    expect(parsePurchaseRequest('k', [1, 2]).ok).toBe(false);
    expect(parsePurchaseRequest('k', null).ok).toBe(false);
  });

  it('accepts a 200-character description and a missing one', () => {
    expect(parsePurchaseRequest('k', { ...body, description: 'x'.repeat(200) }).ok).toBe(true);
    const parsed = parsePurchaseRequest('k', { cardNumber: '1', amount: 1 });
    expect(parsed.ok && parsed.value.description).toBeNull();
  });
});

describe('parsePurchaseRequest: strings that could not be stored or shown', () => {
  const body = { cardNumber: '1234567890123456', amount: 3500 };
  const fieldsOf = (parsed: ReturnType<typeof parsePurchaseRequest>) =>
    parsed.ok ? [] : parsed.errors.map((e) => e.field);
  const hex = (code: number) => `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  const CONTROL = [...range(0x00, 0x1f), 0x7f, ...range(0x80, 0x9f)];

  it.each(CONTROL.map((code) => [hex(code), code]))('refuses %s in the description', (_label, code) => {
    const parsed = parsePurchaseRequest('k', { ...body, description: `Frokost${String.fromCharCode(code)}x` });
    expect(fieldsOf(parsed)).toEqual(['description']);
    if (!parsed.ok) expect(parsed.errors[0].message).toMatch(/control characters/);
  });

  it('accepts the neighbours of the control ranges and any other text', () => {
    for (const description of [' ~', '\u00a0', 'Æblegrød på 2. sal', 'Kaffe ☕', '🍕 Pizza', '\u2028', '']) {
      expect([description, parsePurchaseRequest('k', { ...body, description }).ok]).toEqual([description, true]);
    }
  });

  it.each([
    ['a lone high surrogate', 'Frokost\ud800'],
    ['a lone low surrogate', '\udc00Frokost'],
    ['reversed halves', '\udc00\ud800'],
  ])('refuses %s in the description', (_label, description) => {
    const parsed = parsePurchaseRequest('k', { ...body, description });
    expect(fieldsOf(parsed)).toEqual(['description']);
  });

  it.each([
    ['a NUL', '1234\u00005678'],
    ['a lone surrogate', '1234\ud800'],
    ['a C1 control', '1234\u0085'],
    ['DEL', '1234\u007f'],
  ])('refuses a card number with %s, in the body and as a path parameter', (_label, cardNumber) => {
    expect(fieldsOf(parsePurchaseRequest('k', { ...body, cardNumber }))).toEqual(['cardNumber']);
    expect(parseCardNumber(cardNumber).ok).toBe(false);
  });

  it.each([
    ['a NUL', 'k\u0000'],
    ['a lone surrogate', 'k\ud800'],
    ['a C1 control', 'k\u0085'],
    ['a Latin-1 letter', 'kø'],
  ])('refuses an Idempotency-Key with %s', (_label, key) => {
    expect(fieldsOf(parsePurchaseRequest(key, body))).toEqual(['Idempotency-Key']);
  });
});

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

describe('purchaseRequestHash', () => {
  const base = { idempotencyKey: 'k', cardNumber: 'A1', amount: 100, description: null };

  it('is the same for the same body and differs when any field differs', () => {
    expect(purchaseRequestHash(base)).toBe(purchaseRequestHash({ ...base, idempotencyKey: 'other' }));
    expect(purchaseRequestHash(base)).not.toBe(purchaseRequestHash({ ...base, amount: 101 }));
    expect(purchaseRequestHash(base)).not.toBe(purchaseRequestHash({ ...base, cardNumber: 'A2' }));
    expect(purchaseRequestHash(base)).not.toBe(purchaseRequestHash({ ...base, description: '' }));
  });
});
