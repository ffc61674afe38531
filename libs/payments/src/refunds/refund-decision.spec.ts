import { decideRefund } from './refund-decision';

const seen = (refundedAmount: number, target: 'one charge' | 'none' = 'one charge') => ({
  chargedAmount: 30_000,
  refundedAmount,
  refundTarget: target === 'one charge' ? 'charge-1' : undefined,
});

describe('decideRefund', () => {
  it('sends a refund the provider has not made, against its charge', () => {
    expect(decideRefund(seen(0), 0, 12_000)).toEqual({ kind: 'send', refundTarget: 'charge-1' });
    expect(decideRefund(seen(5_000), 5_000, 12_000)).toEqual({ kind: 'send', refundTarget: 'charge-1' });
  });

  it('takes a refund the provider already made as landed, whatever else was refunded before', () => {
    expect(decideRefund(seen(12_000), 0, 12_000)).toEqual({ kind: 'landed' });
    expect(decideRefund(seen(17_000), 5_000, 12_000)).toEqual({ kind: 'landed' });
    // Landed needs no charge to refund against: nothing is sent.
    expect(decideRefund(seen(12_000, 'none'), 0, 12_000)).toEqual({ kind: 'landed' });
  });

  it('leaves any other figure to an operator, never guessing', () => {
    for (const refunded of [1, 11_999, 12_001, 30_000]) {
      const decision = decideRefund(seen(refunded), 0, 12_000);
      expect(decision.kind).toBe('unclear');
    }
    // The provider shows less than we completed before: a refund of ours it does not know.
    expect(decideRefund(seen(0), 5_000, 12_000)).toMatchObject({
      kind: 'unclear',
      detail: expect.stringContaining('we completed 5000 øre'),
    });
  });

  it('leaves a refund with nothing to refund against to an operator', () => {
    expect(decideRefund(seen(0, 'none'), 0, 12_000)).toEqual({
      kind: 'unclear',
      detail: 'the provider shows no single charge to refund against',
    });
  });
});
