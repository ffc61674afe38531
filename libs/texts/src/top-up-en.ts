import type { TOP_UP_DA } from './top-up-da';

/** "Automatic top-up": the English texts (merged into en.ts). */
export const TOP_UP_EN: Record<keyof typeof TOP_UP_DA, string> = {
  'topUp.tab': 'Automatic top-up',
  'topUp.intro':
    'When the card pays in the canteen and the balance after the purchase is below {threshold}, the chosen amount is added automatically from your payment card.',
  'topUp.amount': 'Amount in whole kroner',
  'topUp.amountHint': 'Between {min} and {max} kr. each time',
  'topUp.terms': 'Payment terms',
  'topUp.next': 'Next',
  'topUp.active':
    'Automatic top-up is on: {amount} from the card {card} when the balance after a purchase is below {threshold}',
  'topUp.cancel': 'Cancel automatic top-up',
  'topUp.cancelled': 'Automatic top-up is cancelled. Your card is no longer kept for top-ups.',
  'topUp.activated': 'Automatic top-up is set up. Your card is kept for top-ups.',
  'topUp.notStored': 'The card was not stored and no automatic top-up was set up. Please try again.',
  'topUp.replaceHint': 'Want to use another card? Set up a new agreement below; it replaces the old one.',
  'topUp.attempts': 'Latest top-ups',
  'topUp.none': 'No top-ups yet.',
  'topUp.attempt.completed': 'Completed',
  'topUp.attempt.pending': 'Pending',
  'topUp.attempt.failed': 'Failed',
  'topUp.failure.card_expired':
    'The payment card has expired or been replaced. Cancel automatic top-up and set up a new one with your new card.',
  'topUp.failure.card_blocked':
    'The payment card is blocked. Cancel automatic top-up and set up a new one with a card that is not blocked.',
  'topUp.failure.no_funds':
    'The payment card has no funds. If the balance is low, deposit by hand: automatic top-up only happens at a canteen purchase.',
  'topUp.failure.declined':
    'The bank declined the payment. Contact your bank, or set up a new agreement with another card. If the balance is low, deposit by hand.',
  'topUp.failure.canteen_card_blocked':
    'The canteen card is blocked. Activate it under User details. If the balance is low, deposit by hand: automatic top-up only happens at a canteen purchase.',
  'topUp.error.notOffered': 'Automatic top-up needs card payments, which are not offered here. Contact {support}.',
};
