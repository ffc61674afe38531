import type { NexiPayment } from './nexi-api';
import { nexiChargeFailure, nexiPaymentState, nexiStoredCardChargeState } from './nexi-payment-state';

function payment(overrides: Partial<NexiPayment> = {}): NexiPayment {
  return {
    paymentId: '02a900006091a9a96937598058c4e474',
    orderDetails: { amount: 15000, currency: 'DKK', reference: 'dep-0000000001' },
    summary: {},
    ...overrides,
  };
}

const visa = {
  paymentType: 'CARD',
  paymentMethod: 'Visa',
  cardDetails: { maskedPan: '492500******0004', expiryDate: '1228' },
};

describe('nexiPaymentState', () => {
  it('is pending while nothing is reserved or charged', () => {
    expect(nexiPaymentState(payment())).toEqual({ status: 'pending' });
    expect(nexiPaymentState(payment({ summary: null }))).toEqual({ status: 'pending' });
  });

  it('is pending while reserved but not (yet) charged in full', () => {
    expect(nexiPaymentState(payment({ summary: { reservedAmount: 15000 } }))).toEqual({ status: 'pending' });
    expect(nexiPaymentState(payment({ summary: { reservedAmount: 15000, chargedAmount: 5000 } }))).toEqual({
      status: 'pending',
    });
  });

  it('is completed when the charged amount is the order amount, with the card', () => {
    expect(
      nexiPaymentState(payment({ summary: { reservedAmount: 15000, chargedAmount: 15000 }, paymentDetails: visa })),
    ).toEqual({
      status: 'completed',
      chargedAmount: 15000,
      card: { maskedPan: '492500******0004', expiry: '1228', brand: 'Visa' },
    });
  });

  it('gives the stored card id when the card was kept on file', () => {
    const state = nexiPaymentState(
      payment({
        summary: { chargedAmount: 15000 },
        paymentDetails: visa,
        unscheduledSubscription: { unscheduledSubscriptionId: 'd5e5e5e5d5e5e5e5d5e5e5e5d5e5e5e5' },
      }),
    );
    expect(state).toMatchObject({ status: 'completed', card: { storedCardId: 'd5e5e5e5d5e5e5e5d5e5e5e5d5e5e5e5' } });
  });

  it('completes a card registration (amount 0) only once the card is stored', () => {
    const registration = payment({ orderDetails: { amount: 0, currency: 'DKK', reference: 'reg-0000000001' } });
    expect(nexiPaymentState(registration)).toEqual({ status: 'pending' });
    expect(nexiPaymentState({ ...registration, paymentDetails: visa })).toEqual({ status: 'pending' });
    expect(
      nexiPaymentState({
        ...registration,
        paymentDetails: visa,
        unscheduledSubscription: { unscheduledSubscriptionId: 'sub-1' },
      }),
    ).toEqual({
      status: 'completed',
      chargedAmount: 0,
      card: { maskedPan: '492500******0004', expiry: '1228', storedCardId: 'sub-1', brand: 'Visa' },
    });
  });

  it('is cancelled when terminated or when the reservation was cancelled', () => {
    expect(nexiPaymentState(payment({ terminated: '2025-12-01T12:30:00Z' }))).toEqual({
      status: 'cancelled',
      detail: 'terminated',
    });
    expect(nexiPaymentState(payment({ summary: { reservedAmount: 15000, cancelledAmount: 15000 } }))).toMatchObject({
      status: 'cancelled',
    });
  });

  it('counts a charge that went through as completed even if the payment was terminated afterwards', () => {
    expect(
      nexiPaymentState(payment({ summary: { chargedAmount: 15000 }, terminated: '2025-12-01T12:30:00Z' })),
    ).toMatchObject({ status: 'completed', chargedAmount: 15000 });
  });
});

describe('nexiStoredCardChargeState', () => {
  it('is pending until the bulk reports the charge', () => {
    expect(nexiStoredCardChargeState(undefined, 10000)).toEqual({ status: 'pending' });
    expect(nexiStoredCardChargeState({ status: 'Pending' }, 10000)).toEqual({ status: 'pending' });
    // Success without the ids we reconcile against is not an answer yet.
    expect(nexiStoredCardChargeState({ status: 'Succeeded', paymentId: 'p1' }, 10000)).toEqual({ status: 'pending' });
  });

  it('gives the payment and charge of a success', () => {
    expect(nexiStoredCardChargeState({ status: 'Succeeded', paymentId: 'p1', chargeId: 'c1' }, 10000)).toEqual({
      status: 'succeeded',
      providerPaymentId: 'p1',
      chargeId: 'c1',
      amount: 10000,
    });
  });

  it('maps a failure and keeps the provider’s code and message as detail', () => {
    expect(nexiStoredCardChargeState({ status: 'Failed', code: '54', message: 'Expired card' }, 10000)).toEqual({
      status: 'failed',
      failure: 'card_expired',
      detail: '54: Expired card',
    });
    expect(nexiStoredCardChargeState({ status: 'Failed', code: 51 }, 10000)).toEqual({
      status: 'failed',
      failure: 'no_funds',
      detail: '51',
    });
    expect(nexiStoredCardChargeState({ status: 'Failed' }, 10000)).toEqual({ status: 'failed', failure: 'declined' });
  });
});

describe('nexiChargeFailure', () => {
  it.each([
    ['33', undefined, 'card_expired'],
    ['54', 'Expired card', 'card_expired'],
    ['4', undefined, 'card_blocked'],
    ['41', 'Lost card', 'card_blocked'],
    ['43', 'Stolen card', 'card_blocked'],
    ['46', undefined, 'card_blocked'],
    ['57', undefined, 'card_blocked'],
    ['62', 'Restricted card', 'card_blocked'],
    ['51', 'Insufficient funds', 'no_funds'],
    ['61', undefined, 'no_funds'],
    ['05', 'Do not honour', 'declined'],
    ['99', 'Refused by issuer', 'declined'],
    [undefined, undefined, 'declined'],
  ] as const)('code %s (%s) is %s', (code, message, failure) => {
    expect(nexiChargeFailure(code, message)).toBe(failure);
  });

  it('reads the message when the code is not an issuer code we know', () => {
    expect(nexiChargeFailure('Refused', 'The card has expired')).toBe('card_expired');
    expect(nexiChargeFailure(undefined, 'Not sufficient funds')).toBe('no_funds');
    expect(nexiChargeFailure('999', 'Card blocked by issuer')).toBe('card_blocked');
    expect(nexiChargeFailure('999', 'Declined')).toBe('declined');
  });
});
