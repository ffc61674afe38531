import { parseNexiWebhook, verifyNexiWebhook } from './nexi-webhook';

describe('verifyNexiWebhook', () => {
  const expected = 'Gladsaxe8webhook2025';

  it('accepts the authorization we registered, exactly', () => {
    expect(verifyNexiWebhook('Gladsaxe8webhook2025', expected)).toBe(true);
  });

  it('refuses another value, of the same length or not', () => {
    expect(verifyNexiWebhook('Gladsaxe8webhook2026', expected)).toBe(false);
    expect(verifyNexiWebhook('gladsaxe8webhook2025', expected)).toBe(false);
    expect(verifyNexiWebhook('Gladsaxe8webhook', expected)).toBe(false);
    expect(verifyNexiWebhook(`${expected}0`, expected)).toBe(false);
    expect(verifyNexiWebhook(`Bearer ${expected}`, expected)).toBe(false);
    expect(verifyNexiWebhook(`${expected} `, expected)).toBe(false);
  });

  it('refuses a missing or empty header, and never matches an unset secret', () => {
    expect(verifyNexiWebhook(undefined, expected)).toBe(false);
    expect(verifyNexiWebhook('', expected)).toBe(false);
    expect(verifyNexiWebhook('', '')).toBe(false);
    expect(verifyNexiWebhook('anything', '')).toBe(false);
  });
});

describe('parseNexiWebhook', () => {
  // The shape of a documented payment.charge.created.v2 event.
  const chargeCreated = {
    id: '01c4a4d5e2d84b5d9e7a5b0e4c2a3f10',
    merchantId: 100012345,
    timestamp: '2025-12-01T12:00:00.0000+00:00',
    event: 'payment.charge.created.v2',
    data: {
      paymentId: '02a900006091a9a96937598058c4e474',
      chargeId: '02aa00006091a9a96937598058c4e475',
      amount: { amount: 15000, currency: 'DKK' },
      paymentMethod: 'Visa',
      orderItems: [],
    },
  };

  it('reads the event id, the event and the payment', () => {
    expect(parseNexiWebhook(chargeCreated)).toEqual({
      ok: true,
      event: {
        eventId: '01c4a4d5e2d84b5d9e7a5b0e4c2a3f10',
        event: 'payment.charge.created.v2',
        paymentId: '02a900006091a9a96937598058c4e474',
        chargeId: '02aa00006091a9a96937598058c4e475',
        timestamp: '2025-12-01T12:00:00.0000+00:00',
      },
    });
  });

  it('reads events without a charge, from raw JSON, with merchantNumber instead of merchantId', () => {
    const { merchantId: _merchantId, ...rest } = chargeCreated;
    const created = { ...rest, merchantNumber: 100012345, event: 'payment.created', data: { paymentId: 'p1' } };
    const result = parseNexiWebhook(Buffer.from(JSON.stringify(created)));
    expect(result).toEqual({
      ok: true,
      event: {
        eventId: chargeCreated.id,
        event: 'payment.created',
        paymentId: 'p1',
        timestamp: chargeCreated.timestamp,
      },
    });
  });

  it('names what is missing or wrong', () => {
    const withoutPayment = parseNexiWebhook({ ...chargeCreated, data: { chargeId: 'c1' } });
    expect(withoutPayment.ok).toBe(false);
    expect(!withoutPayment.ok && withoutPayment.error).toContain('data.paymentId');

    const { id: _id, ...withoutId } = chargeCreated;
    const noId = parseNexiWebhook(withoutId);
    expect(!noId.ok && noId.error).toContain('id');

    const { merchantId: _merchantId, ...withoutMerchant } = chargeCreated;
    expect(parseNexiWebhook(withoutMerchant).ok).toBe(false);
    expect(parseNexiWebhook({ ...chargeCreated, data: { ...chargeCreated.data, amount: 150 } }).ok).toBe(false);
    expect(parseNexiWebhook('payment.created')).toEqual({ ok: false, error: 'the body is not JSON' });
    expect(parseNexiWebhook(undefined).ok).toBe(false);
  });
});
