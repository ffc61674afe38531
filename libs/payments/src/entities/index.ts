import { PaymentEventEntity } from './payment-event.entity';
import { PaymentEntity } from './payment.entity';
import { PaymentRefundEntity } from './payment-refund.entity';
import { TopUpAgreementEntity } from './top-up-agreement.entity';

export { PaymentEntity, UNDECIDED_STATUSES, type PaymentPurpose, type PaymentStatus } from './payment.entity';
export { TopUpAgreementEntity, type TopUpAgreementStatus } from './top-up-agreement.entity';
export { PaymentEventEntity } from './payment-event.entity';
export { PaymentRefundEntity, type PaymentRefundStatus } from './payment-refund.entity';

export const PAYMENT_ENTITIES = [PaymentEntity, TopUpAgreementEntity, PaymentEventEntity, PaymentRefundEntity];
