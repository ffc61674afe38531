export { CardTroubleModule } from './card-trouble.module';
export { CardTroubleService, DECLINE_WINDOW_DAYS, MAX_DECLINES_SHOWN } from './card-trouble.service';
export { cardChecklist, currentCardOf, type CheckItem, type CheckState, type CheckTopic } from './card-checklist';
export { explainDecline, type AccountNow, type DeclineExplanation, type FixAction } from './decline-explanation';
export { copenhagenTime, limitAmount, tillPlace } from './wording';
export type {
  AccountFacts,
  AllowedUnit,
  CardOnFile,
  CardTroubleFacts,
  DeclinedPurchase,
  LimitPeriod,
  SpendingLimits,
  SpendingSoFar,
  TillSighting,
} from './card-trouble.types';
