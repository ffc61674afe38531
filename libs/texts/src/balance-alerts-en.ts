import type { BALANCE_ALERTS_DA } from './balance-alerts-da';

/** "Low-balance message": the English texts (merged into en.ts). */
export const BALANCE_ALERTS_EN: Record<keyof typeof BALANCE_ALERTS_DA, string> = {
  'accountActions.saldo-besked': 'Low-balance message',
  'balanceAlert.title': 'Low-balance message',
  'balanceAlert.holder': 'Account: {name}. The balance is now {balance}',
  'balanceAlert.intro':
    'Get an email when a purchase in the canteen takes the balance under the amount you choose. You get at most one message per 48 hours, unless money put in brought the balance back to the amount.',
  'balanceAlert.on': 'The message is on: an email to {email} when the balance after a purchase is under {amount}',
  'balanceAlert.off': 'The message is off.',
  'balanceAlert.lastSent': 'The last message was sent after a purchase {when}.',
  'balanceAlert.amount': 'Amount in whole kroner',
  'balanceAlert.amountHint': 'Between {min} and {max} kr., e.g. 50',
  'balanceAlert.email': 'Email for the message',
  'balanceAlert.save': 'Save',
  'balanceAlert.turnOff': 'Turn the message off',
  'balanceAlert.saved': 'The message is saved.',
  'balanceAlert.turnedOff': 'The message is off. You will get no more low-balance emails for this account.',
  'balanceAlert.error.amountMissing': 'Enter an amount in whole kroner',
  'balanceAlert.error.amountNotWholeKroner': 'Enter the amount in whole kroner, e.g. 50',
  'balanceAlert.error.amountOutOfRange': 'The amount must be between {min} and {max} kr.',
  'balanceAlert.error.emailInvalid': 'Enter a valid email address, e.g. name@example.dk',
};
