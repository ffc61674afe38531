/** "Besked ved lav saldo": the Danish texts (merged into da.ts). */
export const BALANCE_ALERTS_DA = {
  'accountActions.saldo-besked': 'Besked ved lav saldo',
  'balanceAlert.title': 'Besked ved lav saldo',
  'balanceAlert.holder': 'Konto: {name}. Saldoen er nu {balance}',
  'balanceAlert.intro':
    'Få en e-mail, når et køb i kantinen får saldoen under det beløb, du vælger. Du får højst én besked pr. 48 timer, medmindre der er sat penge ind, så saldoen igen nåede beløbet.',
  'balanceAlert.on': 'Beskeden er slået til: en e-mail til {email}, når saldoen efter et køb er under {amount}',
  'balanceAlert.off': 'Beskeden er slået fra.',
  'balanceAlert.lastSent': 'Sidste besked blev sendt efter et køb {when}.',
  'balanceAlert.amount': 'Beløb i hele kroner',
  'balanceAlert.amountHint': 'Mellem {min} og {max} kr., fx 50',
  'balanceAlert.email': 'E-mail til beskeden',
  'balanceAlert.save': 'Gem',
  'balanceAlert.turnOff': 'Slå beskeden fra',
  'balanceAlert.saved': 'Beskeden er gemt.',
  'balanceAlert.turnedOff': 'Beskeden er slået fra. Du får ikke flere e-mails om lav saldo på denne konto.',
  'balanceAlert.error.amountMissing': 'Skriv et beløb i hele kroner',
  'balanceAlert.error.amountNotWholeKroner': 'Skriv beløbet i hele kroner, fx 50',
  'balanceAlert.error.amountOutOfRange': 'Beløbet skal være mellem {min} og {max} kr.',
  'balanceAlert.error.emailInvalid': 'Skriv en gyldig e-mailadresse, fx navn@eksempel.dk',
} as const;
