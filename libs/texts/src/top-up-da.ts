/** "Automatisk Optankning": the Danish texts (merged into da.ts). The advice follows both seeds. */
export const TOP_UP_DA = {
  'topUp.tab': 'Automatisk Optankning',
  'topUp.intro':
    'Når kortet bruges til et køb i kantinen, og saldoen efter købet er under {threshold}, sættes det valgte beløb automatisk ind fra dit betalingskort.',
  'topUp.amount': 'Beløb i hele kroner',
  'topUp.amountHint': 'Mellem {min} og {max} kr. hver gang',
  'topUp.terms': 'Betalingsbetingelser',
  'topUp.next': 'Næste',
  'topUp.active':
    'Automatisk optankning er slået til: {amount} fra kortet {card}, når saldoen efter et køb er under {threshold}',
  'topUp.cancel': 'Annuller Automatisk optankning',
  'topUp.cancelled': 'Den automatiske optankning er annulleret. Dit kort er ikke længere gemt til optankning.',
  'topUp.activated': 'Den automatiske optankning er oprettet. Dit kort er gemt til optankning.',
  'topUp.notStored': 'Kortet blev ikke gemt, og der er ikke oprettet automatisk optankning. Prøv igen.',
  'topUp.replaceHint': 'Vil du bruge et andet kort? Opret en ny aftale herunder; den erstatter den gamle.',
  'topUp.attempts': 'Seneste optankninger',
  'topUp.none': 'Ingen optankninger endnu.',
  'topUp.attempt.completed': 'Gennemført',
  'topUp.attempt.pending': 'Afventer',
  'topUp.attempt.failed': 'Mislykkedes',
  'topUp.failure.card_expired':
    'Betalingskortet er udløbet eller skiftet ud. Annuller den automatiske optankning, og opret en ny med dit nye kort.',
  'topUp.failure.card_blocked':
    'Betalingskortet er spærret. Annuller den automatiske optankning, og opret en ny med et kort, der ikke er spærret.',
  'topUp.failure.no_funds':
    'Der er ikke dækning på betalingskortet. Er saldoen lav, så indbetal manuelt: automatisk optankning sker kun ved køb i kantinen.',
  'topUp.failure.declined':
    'Banken afviste betalingen. Kontakt din bank, eller opret en ny aftale med et andet kort. Er saldoen lav, så indbetal manuelt.',
  'topUp.failure.canteen_card_blocked':
    'Kantinekortet er spærret. Aktiver kortet under Brugeroplysninger. Er saldoen lav, så indbetal manuelt: automatisk optankning sker kun ved køb i kantinen.',
  'topUp.error.notOffered': 'Automatisk optankning kræver betaling med kort, som ikke tilbydes her. Kontakt {support}.',
} as const;
