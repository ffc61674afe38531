import type { MobilePayPayment } from './mobilepay-api';
import { mobilePayPaymentState } from './mobilepay-payment-state';

function payment(state: MobilePayPayment['state'], amounts: { authorized?: number; captured?: number } = {}) {
  const dkk = (value: number) => ({ currency: 'DKK', value });
  return {
    reference: 'dep-0000000001',
    state,
    amount: dkk(15000),
    aggregate: {
      authorizedAmount: dkk(amounts.authorized ?? 0),
      cancelledAmount: dkk(0),
      capturedAmount: dkk(amounts.captured ?? 0),
      refundedAmount: dkk(0),
    },
    pspReference: '1234567890123456789',
  } satisfies MobilePayPayment;
}

describe('mobilePayPaymentState', () => {
  it('is pending while the payer has not acted', () => {
    expect(mobilePayPaymentState(payment('CREATED'))).toEqual({ status: 'pending' });
  });

  it('is authorized until captured in full', () => {
    expect(mobilePayPaymentState(payment('AUTHORIZED', { authorized: 15000 }))).toEqual({
      status: 'authorized',
      authorizedAmount: 15000,
    });
    expect(mobilePayPaymentState(payment('AUTHORIZED', { authorized: 15000, captured: 10000 }))).toEqual({
      status: 'authorized',
      authorizedAmount: 15000,
    });
  });

  it('is completed once captured in full', () => {
    expect(mobilePayPaymentState(payment('AUTHORIZED', { authorized: 15000, captured: 15000 }))).toEqual({
      status: 'completed',
      chargedAmount: 15000,
    });
  });

  it('ends as cancelled when aborted or terminated, failed when expired', () => {
    expect(mobilePayPaymentState(payment('ABORTED'))).toMatchObject({ status: 'cancelled' });
    expect(mobilePayPaymentState(payment('TERMINATED', { authorized: 15000 }))).toMatchObject({ status: 'cancelled' });
    expect(mobilePayPaymentState(payment('EXPIRED'))).toMatchObject({ status: 'failed' });
  });
});
