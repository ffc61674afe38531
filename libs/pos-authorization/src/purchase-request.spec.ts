import { parsePurchaseRequest, purchaseRequestHash } from './purchase-request';

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

describe('purchaseRequestHash', () => {
  const base = { idempotencyKey: 'k', cardNumber: 'A1', amount: 100, description: null };

  it('is the same for the same body and differs when any field differs', () => {
    expect(purchaseRequestHash(base)).toBe(purchaseRequestHash({ ...base, idempotencyKey: 'other' }));
    expect(purchaseRequestHash(base)).not.toBe(purchaseRequestHash({ ...base, amount: 101 }));
    expect(purchaseRequestHash(base)).not.toBe(purchaseRequestHash({ ...base, cardNumber: 'A2' }));
    expect(purchaseRequestHash(base)).not.toBe(purchaseRequestHash({ ...base, description: '' }));
  });
});
