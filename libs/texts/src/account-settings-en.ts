import type { ACCOUNT_SETTINGS_DA } from './account-settings-da';

/** "User details": the English texts (merged into en.ts). */
export const ACCOUNT_SETTINGS_EN: Record<keyof typeof ACCOUNT_SETTINGS_DA, string> = {
  'accountSettings.title': 'User details',
  'accountSettings.switchAccount': 'You are editing the user details of',
  'accountSettings.switch': 'Switch account',
  'accountSettings.save': 'Save',
  'accountSettings.unchanged': 'There were no changes to save.',
  'accountSettings.atOnce': 'Changes apply at the tills at once.',

  'accountSettings.card.title': 'Card details',
  'accountSettings.card.holder': 'Cardholder',
  'accountSettings.card.number': 'Card number',
  'accountSettings.card.status': 'Status',
  'accountSettings.card.balance': 'Balance',
  'accountSettings.card.none': 'The account has no card right now.',
  'accountSettings.block.button': 'Block card',
  'accountSettings.unblock.button': 'Activate card',
  'accountSettings.block.hint':
    'If the card is lost, press Block card: the tills decline it at once. If you find it again, press Activate card. It can be wise to wait 2-3 days before getting a new card, to see whether the old one turns up.',
  'accountSettings.block.noDeposits': 'Please note that no deposits can be made to a blocked account.',
  'accountSettings.blocked.text': 'The card is blocked and the tills decline it.',
  'accountSettings.blocked.noDeposits':
    'No deposits can be made to the account while the card is blocked. Press Activate card before you deposit.',
  'accountSettings.error.block.noCard': 'The account has no card to block or activate.',

  'accountSettings.cardNumber.title': 'Link a new card',
  'accountSettings.cardNumber.intro':
    'If you have a new card, type the number from the new card in the Card number field and press Save. The new card works at the tills at once, and earlier cards can no longer be used.',
  'accountSettings.cardNumber.label': 'Card number',
  'accountSettings.cardNumber.hint': 'The number is printed on the canteen card.',
  'accountSettings.cardNumber.wasBlocked': 'If the old card is blocked, the new card is active from the start.',
  'accountSettings.error.cardNumber.missing': 'Type the number from the new card',
  'accountSettings.error.cardNumber.invalid': 'Invalid card number',
  'accountSettings.error.cardNumber.same':
    "That is the account's card number already. Type the number from the new card.",
  'accountSettings.error.cardNumber.unavailable':
    'The card number cannot be linked to the account. Check that you typed the number from the new card correctly.',
  'accountSettings.error.cardNumber.tooManyAttempts': 'You have tried too many card numbers. Try again in an hour.',

  'accountSettings.limits.title': 'Spending limits',
  'accountSettings.limits.intro':
    'Decide how much the card may be used for per day, week and month at most. Type the amount in whole kroner, or leave the field empty for no limit. The limits apply at the tills at once.',
  'accountSettings.limits.daily': 'Daily limit (DKK)',
  'accountSettings.limits.weekly': 'Weekly limit (DKK)',
  'accountSettings.limits.monthly': 'Monthly limit (DKK)',
  'accountSettings.limits.dailyHint': 'From midnight to midnight.',
  'accountSettings.limits.weeklyHint': 'From Monday to Sunday.',
  'accountSettings.limits.monthlyHint': 'From the 1st of the month.',
  'accountSettings.error.limits.notWholeKroner': 'Type the amount in whole kroner, e.g. 60, or leave the field empty',
  'accountSettings.error.limits.zero': 'Type at least 1 krone, or leave the field empty for no limit',
  'accountSettings.error.limits.tooLarge': 'Type at most 100,000 kroner',
  'accountSettings.error.limits.weeklyBelowDaily': "The week's limit cannot be lower than the day's",
  'accountSettings.error.limits.monthlyBelowWeekly': "The month's limit cannot be lower than the week's",
  'accountSettings.error.limits.monthlyBelowDaily': "The month's limit cannot be lower than the day's",

  'accountSettings.units.title': 'Units',
  'accountSettings.units.intro':
    'Tick the units where the card may be used, and press Save. Tills in other units decline the card. With every unit ticked, the card may be used everywhere, also in units added later.',
  'accountSettings.units.legend': '{product} may be used in',
  'accountSettings.units.none': 'There are no units yet, so the card can be used at every till.',
  'accountSettings.units.everywhere': 'Right now the card may be used in every unit.',
  'accountSettings.units.only': 'Right now the card may only be used in: {units}.',
  'accountSettings.units.nowhere': 'Right now the card may not be used in any unit.',
  'accountSettings.error.units.noneChosen': 'Tick at least one unit. To stop the card altogether, press Block card.',
  'accountSettings.error.units.unknownUnit': 'Choose among the units listed. Reload the page and try again.',

  'accountSettings.photo.title': 'Photo',
  'accountSettings.photo.intro':
    'Put a photo of the cardholder on the account. Only those with access to the account can see it.',
  'accountSettings.photo.label': 'Choose a photo',
  'accountSettings.photo.hint':
    'JPEG or PNG, at most 5 MB. The photo is stored at most 600 × 600 pixels, and the information in the file (e.g. where and when it was taken) is removed.',
  'accountSettings.photo.alt': 'Photo of {name}',
  'accountSettings.photo.none': 'There is no photo on the account.',
  'accountSettings.photo.remove': 'Remove photo',
  'accountSettings.error.photo.missing': 'Choose a photo',
  'accountSettings.error.photo.tooLarge': 'The photo is too large. Choose one of at most 5 MB.',
  'accountSettings.error.photo.notAnImage': 'The file is not a picture in JPEG or PNG format.',
  'accountSettings.error.photo.unreadable': 'The picture cannot be read. Try another one.',
  'accountSettings.error.photo.tooManyPixels': 'The picture has too many pixels (at most 40 megapixels).',
  'accountSettings.error.photo.tooManyAttempts': 'You have uploaded too many photos. Try again in an hour.',

  'accountSettings.contact.title': 'Address and contact',
  'accountSettings.contact.intro': 'Receipts go to the e-mail address.',
  'accountSettings.contact.introCardOrdering': 'If you order a new card, it is sent to the address here.',
  'accountSettings.contact.email': 'E-mail for receipts',
  'accountSettings.contact.street': 'Address',
  'accountSettings.contact.streetHint': 'Street, number and floor if any, e.g. Skolevej 12, 1. tv',
  'accountSettings.contact.postalCode': 'Postal code',
  'accountSettings.contact.city': 'Town',
  'accountSettings.error.email.invalid': 'Type a valid e-mail address, e.g. name@example.dk, or leave the field empty',
  'accountSettings.error.street.missing': 'Type the street and number',
  'accountSettings.error.street.invalid': "Type the street's name and number, e.g. Skolevej 12",
  'accountSettings.error.street.tooLong': 'The address may be at most 100 characters',
  'accountSettings.error.postalCode.missing': 'Type the postal code',
  'accountSettings.error.postalCode.invalid': 'The postal code is 4 digits, e.g. 2860',
  'accountSettings.error.city.missing': 'Type the town',
  'accountSettings.error.city.invalid': "Type the town's name without the postal code, e.g. Søborg",
  'accountSettings.error.city.tooLong': 'The town may be at most 60 characters',

  'accountSettings.notice.blocked': 'The card is blocked. The tills decline it from now on.',
  'accountSettings.notice.unblocked': 'The card is active again and can be used at the tills at once.',
  'accountSettings.notice.cardNumber':
    'The card number is saved. The new card works at the tills at once, and the old card is declined.',
  'accountSettings.notice.limits': 'The spending limits are saved and apply at the tills at once.',
  'accountSettings.notice.units': 'The units are saved and apply at the tills at once.',
  'accountSettings.notice.photo': 'The photo is saved.',
  'accountSettings.notice.photoRemoved': 'The photo is removed.',
  'accountSettings.notice.contact': 'Address and contact are saved.',
};
