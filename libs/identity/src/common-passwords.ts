import { dictionary } from '@zxcvbn-ts/language-common';

/**
 * Passwords refused because attackers try them first (ASVS 6.2.4 and 6.2.12, offline): the
 * ~49,000 passwords of zxcvbn-ts's common list (drawn from leaked-password corpora), plus
 * Danish words, names, places and this product's own names, which those lists miss.
 * Lower-case; the policy compares case-insensitively. Whitespace-separated text rather than
 * an array literal, so the formatter keeps the hand-kept entries on few lines.
 */
const BREACHED: readonly string[] = dictionary['passwords-common'];

/**
 * zxcvbn leaves out what its own pattern matchers find (number runs, repeats, keyboard walks,
 * years), and this policy has no such matchers; so these, from the hand-typed list the big one
 * replaced, stay. Only those the policy would otherwise stop refusing are kept.
 */
const LIST_GAPS = `
654321 121212 2000 987654321 123123123 987654 232323 87654321 1990 101010 1991 1992 1212 212121 1989 252525
1993 1988 abcdef 1313 12121212 0987654321 147147 1987 hahaha 420420 1986 1984 242424 1969 abcdefg 1980 1979
098765 1985 98765432 4321 mnbvcxz 141414 54321 1994 7654321 1977 202020 1981 zaq1zaq1 p@ssword toor login
manchesterunited abcdefgh 0123456789 01234567 012345 121212121212 1234567812345678 1q2w3e4r5t6y7u 1qaz1qaz
qwertyuiopasdfghjkl zxcvbnmasdfghjkl qwertzuiop qwertz ytrewq poiuytrewq 88888888a hi123456 accessdenied mama
papa twitter instagram snapchat tiktok whatsapp netflix spotify yahoo hotmail gmail linkedin skype roblox
fortnite leagueoflegends harleyquinn voldemort dumbledore gryffindor slytherin doctorwho red123456 pa$$word
oldpassword !qaz@wsx @dmin adminadmin rootroot superuser 13131313 abc111 qwe12345 12345678910q ilovemymom
ilovemydad
`;

const DANISH = `
kodeord kodeord1 kodeord12 kodeord123 kodeord1234 kodeordet mitkodeord nytkodeord adgangskode adgangskode1
adgangskode123 minadgangskode hemmelig hemmelig1 hemmelig123 hemmeligt hemmeligheder velkommen velkommen1
velkommen12 velkommen123 velkommen2024 velkommen2025 kantinekort kantinekort1 kantinekort123 kantine
kantine123 kantinen skole skole123 skolen skolekort elevkort elev123 eleven klasse laerer lærer lærerinde
sctibs sctib sctibs123 gladsaxe gladsaxe1 gladsaxe123 gladsaxekortet cpos cpos123 borgerportal borger kommune
kommunen danmark danmark1 danmark12 danmark123 danmark2024 danmark2025 dannebrog denmark1 danish dansk dansker
kobenhavn københavn koebenhavn copenhagen aarhus århus odense aalborg ålborg esbjerg randers kolding horsens
vejle roskilde herning silkeborg næstved naestved fredericia viborg køge koge holstebro taastrup slagelse
hillerød hillerod svendborg sønderborg sonderborg hjørring hjorring frederikshavn helsingør helsingor jylland
sjælland sjaelland fyn bornholm amager nørrebro norrebro vesterbro østerbro osterbro frederiksberg
jegelskerdig jegelskerdig1 elskerdig elskerdig1 elskerdig123 elsker elskede elskling skat skatter skattebasse
kæreste kaereste kærlighed kaerlighed kaerlighed1 hjerte hjertet hjertelig hejmeddig hejmeddig1 hejmeddig123
hejhej hejhej1 hejhej123 hejsa hejsa123 hej123 hej1234 hej12345 hallo hallo123 godmorgen goddag farvel mormor
morfar farmor farfar mormor1 morfar1 farmor1 farfar1 bedstemor bedstefar oldemor mor123 far123 mor far
mormor123 farmor123 familien familie1 familie123 børn born boern barn børnene datter søn soen sønnen lillebror
storebror lillesøster lillesoster storesøster storesoster søster soster bror broder mor1 far1 fodbold fodbold1
fodbold123 fck fck1992 fckobenhavn brøndby brondby brondby1 brondbyif agf agf123 ob1887 aab fcm fcmidtjylland
fcn randersfc vejlebk landsholdet danskfodbold dbu håndbold haandbold handbold badminton ridning hest heste
hesten hestepige pony ponyer fodboldpige fodbolddreng cykel cykling svømning hund hunden hundehvalp hvalp
hvalpen kat katten killing kattekilling mis missekat misser kanin kaninen marsvin hamster fisk fugl hest123
hund123 kat123 bamse bamse123 bamsefar bamsemor nusser nussebasse kage kager lagkage kagemand lakrids
lakridspibe flødebolle flodebolle flødeboller rødgrød rødgrødmedfløde rodgrodmedflode pølse polse pølser
hotdog1 frikadelle frikadeller smørrebrød smorrebrod rugbrød rugbrod wienerbrød spandauer æbleskiver
aebleskiver risalamande flæskesteg flaeskesteg hygge hygge123 hyggelig hyggeligt hyggetid fredagsbar
fredagshygge øl ol carlsberg tuborg grøn tuborggrøn snaps akvavit mandag tirsdag onsdag torsdag fredag lørdag
lordag søndag sondag januar februar marts april maj juni juli august september oktober november december forår
foraar sommer efterår efteraar vinter sommerferie vinterferie efterårsferie påskeferie paaskeferie juleferie
jul julen julemand julemanden julenisse nisse nissemand glædeligjul glaedeligjul godjul juleaften nytår nytaar
godtnytår godtnytaar påske paaske pinse fastelavn sankthans solskin solskin1 regnbue regnbue1 stjerne stjernen
stjerneskud måne maane himmel himlen havet stranden skoven blomst blomster blomsten rose roser tulipan
sommerfugl mariehøne mariehone prinsesse prinsesse1 prinsessen prins prinsen dronning dronningen konge kongen
kongelig ridder drage dragen enhjørning enhjorning trold trolden heks heksen spøgelse spogelse monster1
superhelt guld guld123 sølv solv diamant penge penge123 rig rigdom millionær millionaer lotto heldig heldig123
lykke lykke123 lykkelig glad glad123 smil smilet sjov sjov123 fest fest123 party123 venner venner123 veninde
ven vennen bedsteven bedstevenner kammerat anders anders1 anders123 mette mette1 mette123 jens jens123 hanne
hanne123 lars lars123 susanne peter peter1 peter123 kirsten kirsten1 michael123 lone lone123 henrik henrik1
henrik123 søren soren soren123 thomas123 martin1 martin123 rasmus rasmus1 rasmus123 christian1 jesper jesper1
jesper123 mads mads123 emil emil123 mathias mathias1 freja freja123 ida ida123 emma emma123 sofie sofie123
laura1 laura123 mikkel mikkel123 frederik frederik1 lucas lucas123 william1 oliver1 oliver123 noah noah123
alma alma123 clara clara123 ella ella123 karla karla123 agnes agnes123 anna anna123 josefine mikkeline nikolaj
nikolaj123 kasper kasper123 jonas jonas123 magnus magnus123 victor1 viktor sebastian sebastian1 alexander1
tobias tobias123 simon123 morten morten123 kim kim123 jan jan123 niels niels123 ole ole123 hans hans123 per
per123 poul poul123 erik erik123 karin karin123 inger lene lene123 bente bente123 birgitte pia pia123 tina
tina123 camilla camilla123 line line123 maria maria123 julie julie123 caroline1 cecilie cecilie123 nanna signe
signe123 maja maja123 mille mille123 sarah123 emilie emilie123 louise1 louise123 katrine malene malene123
charlotte charlotte1 christina kristina1 stine stine123 rikke rikke123 trine helle helle123 dorte dorthe jette
annette jensen nielsen hansen pedersen andersen christensen larsen sørensen sorensen rasmussen jørgensen
jorgensen petersen madsen kristensen olsen thomsen christiansen poulsen johansen møller moller mortensen
kodeord2023 kodeord2024 kodeord2025 hemmelig2024 qwertyuiopå qwertyuiopå¨ asdfghjklæø asdfghjklæ zxcvbnm,. æøå
æøåæøå aeoeaa 1234æøå
`;

/** Season, month and greeting words with a year: "sommer2024", "velkommen25", "vinter2023!". */
const WITH_YEAR = `
sommer vinter foraar forår efteraar efterår jul julen kodeord password velkommen danmark hemmelig kantinekort
skole fodbold januar februar marts april maj juni juli august september oktober november december summer
winter spring autumn welcome qwerty hejsa hejmeddig elskerdig mandag fredag
`
  .split(/\s+/)
  .filter((word) => word !== '');

function withYears(): string[] {
  const out: string[] = [];
  for (const word of WITH_YEAR) {
    for (let year = 2015; year <= 2035; year += 1) {
      out.push(`${word}${year}`, `${word}${String(year).slice(2)}`, `${word}${year}!`);
    }
  }
  return out;
}

// Built once at import, in a few milliseconds. The package's list is lower-case already (the spec
// checks every entry), so it goes in as it is: lower-casing 49,000 strings would double the cost.
function buildCommonPasswords(): Set<string> {
  const set = new Set(BREACHED);
  for (const word of `${LIST_GAPS} ${DANISH}`.split(/\s+/)) if (word !== '') set.add(word);
  for (const word of withYears()) set.add(word);
  return set;
}

export const COMMON_PASSWORDS: ReadonlySet<string> = buildCommonPasswords();
