import type { ProviderPaymentState } from '../../gateway/payment-gateway';
import type { MobilePayPayment } from './mobilepay-api';

/**
 * What an ePayment means for us. AUTHORIZED is the final state of an approved payment whatever
 * was captured since, so the captured amount decides: in full, the money is ours ('completed');
 * less, it is only reserved and must be captured first ('authorized').
 */
export function mobilePayPaymentState(payment: MobilePayPayment): ProviderPaymentState {
  const { authorizedAmount, capturedAmount } = payment.aggregate;
  switch (payment.state) {
    case 'CREATED':
      return { status: 'pending' };
    case 'AUTHORIZED':
      if (payment.amount.value > 0 && capturedAmount.value >= payment.amount.value) {
        return { status: 'completed', chargedAmount: capturedAmount.value };
      }
      return { status: 'authorized', authorizedAmount: authorizedAmount.value };
    case 'ABORTED':
      return { status: 'cancelled', detail: 'ABORTED: the payer cancelled in the app' };
    case 'TERMINATED':
      return { status: 'cancelled', detail: 'TERMINATED: the payment was cancelled before capture' };
    case 'EXPIRED':
      return { status: 'failed', detail: 'EXPIRED: the payer did not approve in time' };
  }
}
