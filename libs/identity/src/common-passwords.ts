/**
 * Passwords refused because attackers try them first (ASVS 6.2.4). Typed in by hand from
 * the top of the well-known public lists (the RockYou leak, SecLists' most-common lists),
 * as nothing could be downloaded here, plus Danish words, names, places and this product's
 * own names, which those English lists miss. Lower-case; the policy compares
 * case-insensitively. Whitespace-separated text rather than an array literal, so the
 * formatter keeps ~2,200 entries on a couple of hundred lines.
 */
const ENGLISH = `
123456 password 12345678 qwerty 123456789 12345 1234 111111 1234567 dragon 123123 baseball abc123 football
monkey letmein 696969 shadow master 666666 qwertyuiop 123321 mustang 1234567890 michael 654321 pussy superman
1qaz2wsx 7777777 fuckyou 121212 000000 qazwsx 123qwe killer trustno1 jordan jennifer zxcvbnm asdfgh hunter
buster soccer harley batman andrew tigger sunshine iloveyou fuckme 2000 charlie robert thomas hockey ranger
daniel starwars klaster 112233 george asshole computer michelle jessica pepper 1111 zxcvbn 555555 11111111
131313 freedom 777777 pass fuck maggie 159753 aaaaaa ginger princess joshua cheese amanda summer love ashley
6969 nicole chelsea biteme matthew access yankees 987654321 dallas austin thunder taylor matrix william
corvette hello martin heather secret fucker merlin diamond 1234qwer gfhjkm hammer silver 222222 88888888
anthony justin test bailey q1w2e3r4t5 patrick internet scooter orange 11111 golfer cookie richard samantha
bigdog guitar jackson whatever mickey chicken sparky snoopy maverick phoenix camaro sexy peanut morgan welcome
falcon cowboy ferrari samsung andrea smokey steelers joseph mercedes dakota arsenal eagles melissa boomer
booboo spider nascar monster tigers yellow xxxxxx 123123123 gateway marina diablo bulldog qwer1234 compaq
purple hardcore banana junior hannah 123654 porsche lakers iceman money cowboys 987654 london tennis 999999
ncc1701 coffee scooby 0000 miller boston q1w2e3r4 fuckoff brandon yamaha chester mother forever johnny edward
333333 oliver redsox player nikita knight fender barney midnight please brandy chicago badboy iwantu slayer
rangers charles angel flower bigdaddy rabbit wizard bigdick jasper enter rachel chris steven winner adidas
victoria natasha 1q2w3e4r jasmine winter prince panties marine ghbdtn fishing cocacola casper james 232323
raiders 888888 marlboro gandalf asdfasdf crystal 87654321 12344321 sexsex golden blowme bigtits 8675309
panther lauren angela bitch spanky thx1138 angels madison winston shannon mike toyota blowjob jordan23 canada
sophie apples dick tiger razz 123abc pokemon qazxsw 55555 qwaszx muffin johnson murphy cooper jonathan
liverpoo david danielle 159357 jackie 1990 123456a 789456 turtle horny abcd1234 scorpion qazwsxedc 101010
butter carlos password1 dennis slipknot qwerty123 booger asdf 1991 black startrek 12341234 cameron newyork
rainbow nathan john 1992 rocket viking redskins butthead asdfghjkl 1212 sierra peaches gemini doctor wilson
sandra helpme qwertyui victor florida dolphin pookie captain tucker blue liverpool theman bandit dolphins
maddog packers jaguar lovers nicholas united tiffany maxwell zzzzzz nirvana jeremy suckit stupid porn monica
elephant giants jackass hotdog rosebud success debbie mountain 444444 xxxxxxxx warrior 1q2w3e4r5t q1w2e3
123456q albert metallic lucky azerty 7777 shithead alex bond007 alexis 1111111 samson 5150 willie scorpio
bonnie gators benjamin voodoo driver dexter 2112 jason calvin freddy 212121 creative 12345a sydney rush2112
1989 asdfghjk red123 bubba 4815162342 passw0rd trouble gunner happy fucking gordon legend jessie stella qwert
eminem arthur apple nissan bullshit bear america 1qazxsw2 nothing parker 4444 rebecca qweqwe garfield 01012011
beavis 69696969 jack asdasd december 2222 102030 252525 11223344 magic apollo skippy 315475 girls kitten golf
copper braves shelby godzilla beaver fred tomcat august buddy airborne 1993 1988 lifehack qqqqqq brooklyn
animal platinum phantom online xavier darkness blink182 power fish green 789456123 voyager police travis
12qwaszx heaven snowball lover abcdef 00000 pakistan 007007 walter playboy blazer cricket sniper hooters
donkey willow loveme saturn therock redwings bigboy pumpkin trinity williams tits nintendo digital destiny
topgun runner marvin guinness chance bubbles testing fire november minecraft asdf1234 lasvegas sergey broncos
cartman private celtic birdie little cassie babygirl donald beatles 1313 dickhead family 12121212 school
louise gabriel eclipse fluffy 147258369 lol123 explorer beer nelson flyers spencer scott lovely gibson doggie
cherry andrey snickers buffalo pantera metallica member carter qwertyu peter alexande steve bronco paradise
goober 5555 samuel montana mexico dreams michigan cock carolina friends magnum surfer poopoo maximus genius
cool vampire lacrosse asd123 aaaa christin kimberly speedy sharon carmen 111222 kristina sammy racing ou812
sabrina horses 0987654321 qwerty1 pimpin baby stalker enigma 147147 star poohbear boobies 147258 simple
bollocks 12345q marcus brian 1987 qweasdzxc drowssap hahaha caroline barbara dave viper drummer action
einstein bitches genesis hello1 scotty friend forest 010203 hotrod google vanessa spitfire badger maryjane
friday alaska 1232323q tester jester jake champion billy 147852 rock hawaii badass chevy 420420 walker stephen
eagle1 bill 1986 october gregory svetlana pamela 1984 music shorty westside stanley diesel courtney 242424
kevin porno hitman boobs mark 12345qwert reddog frank qwe123 popcorn patricia aaaaaaaa 1969 teresa mozart
buddha anderson paul melanie abcdefg security lucky1 lizard denise 3333 a12345 123789 ruslan stargate simpsons
scarface eagle 123456789a thumper olivia naruto 1234554321 general cherokee a123456 vincent usuckballz1 spooky
qweasd cumshot free frankie douglas death 1980 loveyou kitty kelly veronica suzuki semperfi penguin mercury
liberty spirit scotland natalie marley vikings system sucker king allison marshall 1979 098765 qwerty12 hummer
adrian 1985 vfhbyf sandman rocky leslie antonio 98765432 4321 softball passion mnbvcxz bastard passport horney
rascal howard franklin bigred assman alexander homer redrum jupiter claudia 55555555 141414 zaq12wsx shit
patches cunt raider infinity andre 54321 galore college russia kawasaki bishop 77777777 vladimir money1
freeuser wildcats francis disney budlight brittany 1994 00000000 sweet oksana honda domino bulldogs brutus
swordfis swordfish norman monday jimmy ironman ford fantasy 9999 7654321 hentai duncan cougar 1977 jeffrey
house dancer brooke timothy super marines justice digger connor patriots karina 202020 molly everton tinker
alicia rasdzv3 poop pearljam stinky naughty colorado 123123a water test123 ncc1701d motorola ireland asdfg
slut matt houston boogie zombie accord vision bradley reggie kermit froggy ducati avalon 6666 9379992 sarah
saints logitech chopper 852456 simpson madonna juventus claire 159951 zachary yfnfif wolverin wolverine
warcraft hello123 extreme penis peekaboo fireman eugene brenda 123654789 russell panthers georgia smith
skyline jesus elizabet elizabeth spiderma spiderman smooth pirate empire bullet 8888 virginia valentin
valentina psycho predator arizona 134679 mitchell alyssa vegeta titanic christ goblue fylhtq wolf mmmmmm
kirill indian hiphop baxter awesome people danger roland mookie 741852963 1111111111 dreamer bambam arnold
1981 skipper serega rolltide elvis changeme simon 1q2w3e lovelove fuckit laura swimming 33333 monkey1 dragon1
sunshine1 princess1 football1 baseball1 welcome1 iloveyou1 letmein1 abc12345 qwerty12345 12345678910
1q2w3e4r5t6y zaq1zaq1 zaq1xsw2 password123 password12 p@ssw0rd p@ssword pa55word pa55w0rd passwort admin
admin123 administrator root toor guest user login welcome123 changeme123 default secret123 qwertyuiop123
asdfghjkl123 iloveyou123 master123 superman1 batman1 starwars1 pokemon1 minecraft1 whatever1 freedom1 shadow1
michael1 jordan1 hunter2 hunter1 charlie1 jessica1 ashley1 michelle1 nicole1 daniel1 anthony1 andrew1 joshua1
matthew1 jennifer1 robert1 thomas1 chelsea1 liverpool1 arsenal1 manchester manutd manchesterunited realmadrid
barcelona juventus1 qwerty1234 qwertyui1 1qaz2wsx3edc 1qazxsw23edc qazwsx123 qwe123qwe qweasd123 asdasd123
zxcvbnm1 zxcvbnm123 asdfghjkl1 aa123456 a1b2c3d4 a1b2c3 abc123456 abcd123 abcde12345 abcdefgh abcdefg1
123abc123 1a2b3c4d 1234abcd 12345abc 123qweasd 123qweasdzxc 123456abc 123456qwerty 1234567a 1234567q 12345678a
12345678q 987654321a 0123456789 01234567 012345 000000000 0000000000 11111111111 123123123123 121212121212
123412345 1234512345 123456123456 1234567812345678 159753159753 147852369 963852741 741852 963852 123698745
987456321 1q2w3e4r5 1q2w3e4r5t6y7u 1qaz1qaz 2wsx3edc 3edc4rfv 4rfv5tgb qazwsxedcrfv qwertyuiopasdfghjkl
zxcvbnmasdfghjkl asdfqwer qwerasdf qwertzuiop qwertz azertyuiop azerty123 qwerty321 ytrewq poiuytrewq 654321a
7654321a 88888888a iloveu iloveyou2 iloveyou! iloveme loveyou1 loveyou2 lovelove1 mylove mylove1 sweetheart
sweetie babygirl1 baby123 princesa princesse prinsesse angel1 angel123 angelina angels1 beautiful beauty
butterfly butterfly1 flower1 flowers sunflower rainbow1 unicorn unicorn1 kitty123 hellokitty hello12 hello1234
helloworld hi123456 hithere welcome12 welcome2 welcome01 letmein123 letmein2 letmeinnow opensesame openup
openme access14 access123 accessdenied trustme trustnoone believe faith forever1 friends1 bestfriend family1
familie mother1 father mommy daddy mama papa mamapapa mama123 papa123 grandma grandpa brother sister sister1
brother1 children kids junior1 baby1 babyboy computer1 internet1 laptop windows windows7 windows10 microsoft
apple123 iphone android samsung1 nokia google1 facebook youtube twitter instagram snapchat tiktok whatsapp
netflix spotify amazon yahoo hotmail gmail outlook myspace linkedin skype steam roblox fortnite minecraft123
pokemon123 pikachu mario supermario zelda sonic nintendo1 playstation xbox xbox360 gamer gaming warcraft1
starcraft diablo2 diablo3 halo counterstrike leagueoflegends batman123 superman123 spiderman1 ironman1 hulk
thor avengers marvel deadpool wolverine1 joker harleyquinn starwars123 darthvader skywalker yoda jedi matrix1
neo trinity1 gandalf1 frodo hobbit legolas aragorn harrypotter hogwarts hermione voldemort dumbledore
gryffindor slytherin sherlock doctorwho tardis startrek1 football123 soccer1 soccer123 baseball123 basketball
basketball1 hockey1 tennis1 golf123 golfer1 cricket1 rugby volleyball swimming1 running runner1 cycling skater
skateboard surfing snowboard skiing fishing1 hunting ferrari1 porsche1 mercedes1 bmw bmw123 audi audi123 volvo
volkswagen toyota1 honda1 nissan1 mustang1 corvette1 camaro1 harley1 ducati1 yamaha1 suzuki1 kawasaki1 jeep
chevrolet ford123 dodge tesla chocolate chocolate1 cookies cookie1 cheese1 pizza pizza123 burger hamburger
pancake cupcake candy sugar honey honey1 peanut1 banana1 apple1 orange1 strawberry cherry1 lemon watermelon
pineapple coconut mango coffee1 blue123 red123456 green1 black1 white purple1 yellow1 pink silver1 golden1
gold diamond1 crystal1 ruby emerald tiger1 tigers1 lion lion123 wolf123 bear123 eagle123 falcon1 dragon123
dragons monkey123 monkeys dog123 doggy puppy puppy1 cat123 kitten1 kitty1 horse horses1 bunny rabbit1 turtle1
dolphin1 shark penguin1 panda panda1 fuckyou1 fuckyou2 fuckyou123 fuckoff1 fuckme1 shit123 bitch1 bitch123
asshole1 sexy123 sexy1 sexygirl hottie hotgirl hotstuff lover1 player1 pimp gangster thug killer1 killer123
hacker hacked hackme secret1 secrets mysecret private1 password! password01 password02 password11 password13
password2 password3 password7 password69 password99 password1234 password12345 password2020 password2021
password2022 password2023 password2024 password2025 password2026 passwd pass123 pass1234 pass12345 passpass
passw0rd1 p4ssw0rd p455w0rd pa$$word pa$$w0rd mypassword mypass newpassword newpass oldpassword changeit
changeme1 temp temp123 temppass test1 test1234 test12345 testtest testing1 testing123 demo demo123 sample
example qwerty! qwerty!@# !qaz2wsx !qaz@wsx 1qaz!qaz @dmin admin1 admin1234 admin12345 admin2020 adminadmin
root123 rootroot superuser sysadmin manager manager1 office office1 company business money123 cash dollar
dollars rich million lucky7 lucky13 lucky123 luck 7777777777 777 13131313 696969696 6969696969 123321123
112233445566 111222333 1122334455 a123456789 q123456 q1234567 q12345678 z123456 qq123456 aaa111 aaa123 abc111
asd123456 qwe12345 zxc123 zxc12345 zxcv1234 asdf123 asdf12345 qwer123 1234asdf 1234qwerty 1234zxcv qwerty7
qwerty11 qwerty13 qwerty69 qwerty777 january february march april may june july september 123456789q
12345678910q ilovemymom ilovemydad ilovegod jesus1 jesuschrist jesus123 god123 godisgood blessed blessed1
christian christ1 heaven1 angel12 amen church lord praise graceful grace faithful hope hope123 peace peace1
freedom123 liberty1 america1 usa123 london1 paris newyork1 chicago1 boston1 texas california florida1 canada1
australia england france germany italy spain mexico1 brazil russia1 china japan india sweden norway finland
denmark
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

export const COMMON_PASSWORDS: ReadonlySet<string> = new Set([
  ...`${ENGLISH} ${DANISH}`.split(/\s+/).filter((word) => word !== ''),
  ...withYears(),
]);
