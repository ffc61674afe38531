import type { NexiPayment } from './nexi-api';
import { nexiRefundState } from './nexi-refund-state';

const payment = (extra: Partial<NexiPayment>): NexiPayment => ({
  paymentId: 'p1',
  orderDetails: { amount: 30_000 },
  summary: { chargedAmount: 30_000 },
  charges: [{ chargeId: 'c1', amount: 30_000 }],
  ...extra,
});

describe('nexiRefundState', () => {
  it('reads the charge and nothing refunded', () => {
    expect(nexiRefundState(payment({}))).toEqual({ chargedAmount: 30_000, refundedAmount: 0, refundTarget: 'c1' });
  });

  it('counts a refund Nexi accepted and is still carrying out, so it is never asked for twice', () => {
    const state = nexiRefundState(
      payment({
        summary: { chargedAmount: 30_000, refundedAmount: 10_000 },
        refunds: [
          { refundId: 'r1', amount: 10_000, state: 'Completed' },
          { refundId: 'r2', amount: 5_000, state: 'Pending' },
          { refundId: 'r3', amount: 7_000, state: 'Failed' },
          { refundId: 'r4', amount: 1_000, state: 'Cancelled' },
        ],
      }),
    );
    expect(state.refundedAmount).toBe(15_000);
  });

  it('takes the summary when the list is absent', () => {
    expect(nexiRefundState(payment({ summary: { chargedAmount: 30_000, refundedAmount: 4_000 } })).refundedAmount).toBe(
      4_000,
    );
  });

  it('names no charge to refund against when there is none, or several', () => {
    expect(nexiRefundState(payment({ charges: undefined, summary: {} })).refundTarget).toBeUndefined();
    const two = [
      { chargeId: 'c1', amount: 10_000 },
      { chargeId: 'c2', amount: 20_000 },
    ];
    expect(nexiRefundState(payment({ charges: two })).refundTarget).toBeUndefined();
  });
});
