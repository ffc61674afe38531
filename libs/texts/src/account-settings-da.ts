/**
 * "Brugeroplysninger": the Danish texts (merged into da.ts). The labels are the seeds' own
 * ("Spær kort", "Aktiver kort", "Kortoplysninger", "Kortnummer", "Gem", "Max forbrug").
 */
export const ACCOUNT_SETTINGS_DA = {
  'accountSettings.title': 'Brugeroplysninger',
  'accountSettings.switchAccount': 'Du redigerer Brugeroplysninger for',
  'accountSettings.switch': 'Skift konto',
  'accountSettings.save': 'Gem',
  'accountSettings.unchanged': 'Der var ingen ændringer at gemme.',
  'accountSettings.atOnce': 'Ændringer gælder ved kasserne med det samme.',

  'accountSettings.card.title': 'Kortoplysninger',
  'accountSettings.card.holder': 'Kortholder',
  'accountSettings.card.number': 'Kortnummer',
  'accountSettings.card.status': 'Status',
  'accountSettings.card.balance': 'Saldo',
  'accountSettings.card.none': 'Kontoen har ikke noget kort lige nu.',
  'accountSettings.block.button': 'Spær kort',
  'accountSettings.unblock.button': 'Aktiver kort',
  'accountSettings.block.hint':
    'Er kortet bortkommet, så tryk Spær kort: kortet afvises ved kasserne med det samme. Finder du det igen, trykker du Aktiver kort. Det kan være en god idé at vente 2-3 dage, før du skaffer et nyt kort, for at se om det gamle dukker op igen.',
  'accountSettings.block.noDeposits': 'Vær opmærksom på, at der ikke kan indbetales på en spærret konto.',
  'accountSettings.blocked.text': 'Kortet er spærret og afvises ved kasserne.',
  'accountSettings.blocked.noDeposits':
    'Der kan ikke indbetales på kontoen, mens kortet er spærret. Tryk Aktiver kort, før du indbetaler.',
  'accountSettings.error.block.noCard': 'Kontoen har ikke noget kort at spærre eller aktivere.',

  'accountSettings.cardNumber.title': 'Tilknyt et nyt kort',
  'accountSettings.cardNumber.intro':
    'Har du fået et nyt kort, så skriv nummeret fra det nye kort i feltet Kortnummer, og tryk Gem. Det nye kort virker ved kasserne med det samme, og tidligere kort kan ikke længere bruges.',
  'accountSettings.cardNumber.label': 'Kortnummer',
  'accountSettings.cardNumber.hint': 'Nummeret står på kantinekortet.',
  'accountSettings.cardNumber.wasBlocked': 'Er det gamle kort spærret, er det nye kort aktivt fra starten.',
  'accountSettings.error.cardNumber.missing': 'Skriv nummeret fra det nye kort',
  'accountSettings.error.cardNumber.invalid': 'Ugyldigt kortnummer',
  'accountSettings.error.cardNumber.same': 'Det er allerede kontoens kortnummer. Skriv nummeret fra det nye kort.',
  'accountSettings.error.cardNumber.unavailable':
    'Kortnummeret kan ikke tilknyttes kontoen. Kontroller, at du har skrevet nummeret fra det nye kort rigtigt.',
  'accountSettings.error.cardNumber.tooManyAttempts': 'Du har prøvet for mange kortnumre. Prøv igen om en time.',

  'accountSettings.limits.title': 'Max forbrug',
  'accountSettings.limits.intro':
    'Bestem hvor meget kortet højst må bruges for pr. dag, uge og måned. Skriv beløbet i hele kroner, eller lad feltet stå tomt for ingen grænse. Grænserne gælder ved kasserne med det samme.',
  'accountSettings.limits.daily': 'Max forbrug dagligt (kr.)',
  'accountSettings.limits.weekly': 'Max forbrug ugentligt (kr.)',
  'accountSettings.limits.monthly': 'Max forbrug månedligt (kr.)',
  'accountSettings.limits.dailyHint': 'Fra midnat til midnat.',
  'accountSettings.limits.weeklyHint': 'Fra mandag til og med søndag.',
  'accountSettings.limits.monthlyHint': 'Fra den 1. i måneden.',
  'accountSettings.error.limits.notWholeKroner': 'Skriv beløbet i hele kroner, fx 60, eller lad feltet stå tomt',
  'accountSettings.error.limits.zero': 'Skriv mindst 1 kr., eller lad feltet stå tomt for ingen grænse',
  'accountSettings.error.limits.tooLarge': 'Skriv højst 100.000 kr.',
  'accountSettings.error.limits.weeklyBelowDaily': 'Ugens grænse kan ikke være mindre end dagens',
  'accountSettings.error.limits.monthlyBelowWeekly': 'Månedens grænse kan ikke være mindre end ugens',
  'accountSettings.error.limits.monthlyBelowDaily': 'Månedens grænse kan ikke være mindre end dagens',

  'accountSettings.units.title': 'Enheder',
  'accountSettings.units.intro':
    'Sæt flueben ved de enheder, hvor kortet må bruges, og tryk Gem. Ved kasser i andre enheder afvises kortet. Har alle enheder flueben, må kortet bruges overalt, også i enheder der kommer til senere.',
  'accountSettings.units.legend': '{product} må bruges i',
  'accountSettings.units.none': 'Der er ingen enheder endnu, så kortet kan bruges ved alle kasser.',
  'accountSettings.units.everywhere': 'Lige nu må kortet bruges i alle enheder.',
  'accountSettings.units.only': 'Lige nu må kortet kun bruges i: {units}.',
  'accountSettings.units.nowhere': 'Lige nu må kortet ikke bruges i nogen enhed.',
  'accountSettings.error.units.noneChosen':
    'Sæt flueben ved mindst én enhed. Vil du stoppe kortet helt, så tryk Spær kort.',
  'accountSettings.error.units.unknownUnit': 'Vælg blandt enhederne på listen. Genindlæs siden, og prøv igen.',

  'accountSettings.photo.title': 'Billede',
  'accountSettings.photo.intro':
    'Læg et billede af kortholderen på kontoen. Billedet kan kun ses af dem, der har adgang til kontoen.',
  'accountSettings.photo.label': 'Vælg et billede',
  'accountSettings.photo.hint':
    'JPEG eller PNG, højst 5 MB. Billedet gemmes i højst 600 × 600 punkter, og oplysninger i filen (fx hvor og hvornår det er taget) fjernes.',
  'accountSettings.photo.alt': 'Billede af {name}',
  'accountSettings.photo.none': 'Der er ikke noget billede på kontoen.',
  'accountSettings.photo.remove': 'Fjern billede',
  'accountSettings.error.photo.missing': 'Vælg et billede',
  'accountSettings.error.photo.tooLarge': 'Billedet er for stort. Vælg et billede på højst 5 MB.',
  'accountSettings.error.photo.notAnImage': 'Filen er ikke et billede i JPEG- eller PNG-format.',
  'accountSettings.error.photo.unreadable': 'Billedet kan ikke læses. Prøv med et andet billede.',
  'accountSettings.error.photo.tooManyPixels': 'Billedet har for mange punkter (højst 40 megapixel).',
  'accountSettings.error.photo.tooManyAttempts': 'Du har lagt for mange billeder op. Prøv igen om en time.',

  'accountSettings.contact.title': 'Adresse og kontakt',
  'accountSettings.contact.intro': 'E-mailen bruges til kvitteringer.',
  'accountSettings.contact.introCardOrdering': 'Bestiller du et nyt kort, sendes det til adressen her.',
  'accountSettings.contact.email': 'E-mail til kvitteringer',
  'accountSettings.contact.street': 'Adresse',
  'accountSettings.contact.streetHint': 'Vej, husnummer og evt. etage, fx Skolevej 12, 1. tv',
  'accountSettings.contact.postalCode': 'Postnummer',
  'accountSettings.contact.city': 'By',
  'accountSettings.error.email.invalid':
    'Skriv en gyldig e-mailadresse, fx navn@eksempel.dk, eller lad feltet stå tomt',
  'accountSettings.error.street.missing': 'Skriv vej og husnummer',
  'accountSettings.error.street.invalid': 'Skriv vejens navn og husnummer, fx Skolevej 12',
  'accountSettings.error.street.tooLong': 'Adressen må højst være 100 tegn',
  'accountSettings.error.postalCode.missing': 'Skriv postnummeret',
  'accountSettings.error.postalCode.invalid': 'Postnummeret skal være 4 cifre, fx 2860',
  'accountSettings.error.city.missing': 'Skriv byen',
  'accountSettings.error.city.invalid': 'Skriv byens navn uden postnummer, fx Søborg',
  'accountSettings.error.city.tooLong': 'Byen må højst være 60 tegn',

  'accountSettings.notice.blocked': 'Kortet er spærret. Det afvises ved kasserne fra nu af.',
  'accountSettings.notice.unblocked': 'Kortet er aktiveret igen og kan bruges ved kasserne med det samme.',
  'accountSettings.notice.cardNumber':
    'Kortnummeret er gemt. Det nye kort virker ved kasserne med det samme, og det gamle kort afvises.',
  'accountSettings.notice.limits': 'Max forbrug er gemt og gælder ved kasserne med det samme.',
  'accountSettings.notice.units': 'Enhederne er gemt og gælder ved kasserne med det samme.',
  'accountSettings.notice.photo': 'Billedet er gemt.',
  'accountSettings.notice.photoRemoved': 'Billedet er fjernet.',
  'accountSettings.notice.contact': 'Adresse og kontakt er gemt.',
} as const;
