#include "demo/demo_content.hpp"

namespace sp::demo {

namespace {

using domain::Language;
using domain::Role;

// Customer e-mail addresses use the reserved example.* domains (RFC 2606) so that a demo
// database connected to a real SMTP server can never write to a real person.

TenantContent telecom_nl() {
  TenantContent c;
  c.slug = "telnet-nl";
  c.name = "TelNet Nederland";
  c.timezone = "Europe/Amsterdam";
  c.language = Language::Nl;
  c.utc_offset_minutes = 60;
  c.eu_summer_time = true;
  c.hours = {
      {{0, 0}, {480, 1200}, {480, 1200}, {480, 1200}, {480, 1200}, {480, 1200}, {540, 1020}}};
  c.weekday_weight = {0.35, 1.3, 1.1, 1.0, 1.0, 0.9, 0.5};
  c.hour_weight = {0.10, 0.05, 0.03, 0.03, 0.03, 0.05, 0.15, 0.45, 0.90, 1.40, 1.50, 1.45,
                   1.20, 1.30, 1.35, 1.30, 1.20, 1.00, 0.80, 0.85, 0.80, 0.60, 0.40, 0.20};
  c.channel_weight = {0.28, 0.20, 0.17, 0.27, 0.08};
  c.teams = {"Facturatie en contracten", "Technische ondersteuning", "Klachtenafhandeling"};
  c.staff = {
      {{"Ingrid"}, {"Hoekstra"}, Role::Admin, -1},
      {{"Mark"}, {"de Boer"}, Role::Supervisor, 0},
      {{"Fatima"}, {"El Amrani"}, Role::Supervisor, 1},
      {{"Eva"}, {"Smit"}, Role::Supervisor, 2},
      {{"Sanne"}, {"Bakker"}, Role::Agent, 0},
      {{"Daan"}, {"Visser"}, Role::Agent, 0},
      {{"Lotte"}, {"Mulder"}, Role::Agent, 1},
      {{"Thijs"}, {"van Dam"}, Role::Agent, 1},
      {{"Kevin"}, {"Peters"}, Role::Agent, 1},
      {{"Priya"}, {"Ramdin"}, Role::QaReviewer, -1},
  };
  c.customers = 260;
  c.tickets = 1900;
  c.male_first = {{"Jan"},    {"Daan"},   {"Sem"},    {"Lucas"}, {"Bram"}, {"Thomas"}, {"Ruben"},
                  {"Pieter"}, {"Willem"}, {"Joost"},  {"Henk"},  {"Kees"}, {"Stefan"}, {"Mohamed"},
                  {"Ahmed"},  {"Niels"},  {"Jeroen"}, {"Bas"},   {"Tim"},  {"Rik"}};
  c.female_first = {{"Anna"},   {"Emma"},     {"Sophie"}, {"Julia"},   {"Lisa"},
                    {"Fleur"},  {"Sanne"},    {"Iris"},   {"Maaike"},  {"Marieke"},
                    {"Ingrid"}, {"Annelies"}, {"Fatima"}, {"Yasmina"}, {"Noor"},
                    {"Lieke"},  {"Eline"},    {"Esther"}, {"Petra"},   {"Linda"}};
  c.last_names = {
      {"de Jong"},        {"Jansen"},       {"de Vries"},      {"van den Berg"}, {"van Dijk"},
      {"Bakker"},         {"Janssen"},      {"Visser"},        {"Smit"},         {"Meijer"},
      {"de Boer"},        {"Mulder"},       {"de Groot"},      {"Bos"},          {"Vos"},
      {"Peters"},         {"Hendriks"},     {"van Leeuwen"},   {"Dekker"},       {"Brouwer"},
      {"de Wit"},         {"Dijkstra"},     {"Smits"},         {"de Graaf"},     {"van der Meer"},
      {"van der Linden"}, {"Kok"},          {"Jacobs"},        {"de Haan"},      {"Vermeulen"},
      {"van den Heuvel"}, {"van der Veen"}, {"van den Broek"}, {"de Bruijn"},    {"Schouten"},
      {"Hoekstra"},       {"Koster"},       {"Prins"},         {"Postma"},       {"Kuipers"},
      {"Yilmaz"},         {"El Idrissi"}};
  c.phone_prefix = "+316";
  c.phone_digits = 8;
  c.cities = {"Amsterdam", "Rotterdam", "Utrecht", "Den Haag",  "Eindhoven",
              "Groningen", "Tilburg",   "Almere",  "Breda",     "Nijmegen",
              "Zwolle",    "Haarlem",   "Leiden",  "Amersfoort"};
  c.products = {"TelNet Box 6", "TelNet Box 5", "tv-ontvanger", "wifi-versterker"};
  c.order_prefix = "TN";
  c.order_digits = 8;
  c.amount_min = 12;
  c.amount_max = 180;

  c.categories = {
      {"outage",
       0.32,
       1,
       {"internet", "glasvezel", "dsl", "tv", "wifi", "mobiel"},
       {
           {{"Internet valt steeds weg", "Verbinding valt 's avonds steeds weg"},
            {"Mijn internetverbinding valt steeds weg, soms wel tien keer per avond. Ik heb de "
             "{product} al een paar keer opnieuw opgestart, maar dat helpt niet. Ik werk veel "
             "thuis, dus dit is echt een probleem. Mijn klantnummer is {custno}."},
            "Ik heb op afstand een meting op uw lijn gedaan en zie een aantal onderbrekingen. Wilt "
            "u de {product} rechtstreeks op de aansluiting in de meterkast aansluiten, zonder "
            "verdeelstekker, en laten weten of het probleem dan nog optreedt?",
            "Ik heb de {product} nu zonder verdeelstekker aangesloten. Het lijkt iets beter, maar "
            "gisteravond viel de verbinding toch weer twee keer weg.",
            "Ik heb uw lijnprofiel opnieuw ingesteld en nieuwe software naar uw {product} "
            "gestuurd. De metingen zien er nu goed uit. Wilt u het apparaat nog één keer "
            "herstarten?",
            "Er is een monteur ingepland om uw aansluiting te controleren. Hij komt op {date} "
            "tussen 8:00 en 13:00 uur. Wij houden u op de hoogte.",
            "Helaas, het probleem is terug. Gisteravond viel de verbinding weer meerdere keren "
            "weg."},
           {{"Geen tv-signaal sinds vanochtend", "Tv doet het niet meer"},
            {"Sinds vanochtend heb ik geen tv-beeld meer: op alle zenders staat 'geen signaal'. "
             "Internet doet het wel gewoon. Kunnen jullie kijken wat er aan de hand is?"},
            "Vervelend dat uw tv het niet doet. Welke melding ziet u precies op het scherm, en "
            "brandt het lampje op de tv-ontvanger groen of rood?",
            "Er staat 'geen signaal (E-202)' op het scherm en het lampje op de ontvanger brandt "
            "rood.",
            "Ik heb uw tv-ontvanger op afstand opnieuw geactiveerd. Zet het kastje één keer uit en "
            "weer aan, dan zijn alle zenders weer beschikbaar.",
            "De ontvanger reageert niet op een herstart op afstand. Ik heb een nieuwe "
            "tv-ontvanger voor u besteld; die wordt op {date} bezorgd.",
            "Het werkte twee dagen goed, maar nu heb ik opnieuw geen signaal."},
           {{"Storing internet in {city}?", "Rood lampje op de {product}"},
            {"Het internetlampje op mijn {product} brandt rood en ik heb helemaal geen "
             "verbinding. De buren in {city} hebben hetzelfde probleem. Is er een storing in de "
             "wijk?"},
            "Om het probleem goed te kunnen onderzoeken: sinds hoe laat heeft u geen verbinding, "
            "en wat is de postcode van uw aansluiting?",
            "Sinds ongeveer half acht vanochtend. Mijn postcode is {digits} KL.",
            "Er was een storing in een wijkkast bij u in de buurt. Onze monteurs hebben die "
            "inmiddels verholpen, dus uw verbinding zou nu weer stabiel moeten zijn. Komt het "
            "probleem terug? Laat het ons dan gerust weten.",
            "Ik heb de storing doorgezet naar ons netwerkbeheer; zij onderzoeken de wijkkast in "
            "{city}. Zodra er meer bekend is, hoort u van ons.",
            "De storing is terug: sinds vanmiddag brandt het lampje weer rood."},
           {{"Wifi 's avonds erg traag", "Snelheid veel lager dan afgesproken"},
            {"De snelheid van mijn internet is 's avonds heel laag, vaak minder dan 10 Mbit/s, "
             "terwijl ik voor 500 Mbit/s betaal. Overdag is het wel in orde. Hoe kan dat?"},
            "Wilt u een snelheidstest doen met een computer die met een netwerkkabel op de "
            "{product} is aangesloten, en mij de uitkomst sturen? Dan weten we of het aan de wifi "
            "of aan de lijn ligt.",
            "Met een kabel haal ik 480 Mbit/s, via wifi in de woonkamer maar 12 Mbit/s.",
            "De lijn is in orde; de traagheid zit in de wifi. Ik heb de {product} op afstand naar "
            "een rustiger wifi-kanaal gezet en stuur u kosteloos een wifi-versterker voor de "
            "woonkamer.",
            "Ik heb een technicus gevraagd de capaciteit in uw wijk te bekijken. Hij koppelt "
            "uiterlijk {date} aan mij terug.",
            "Ook met de versterker is de wifi 's avonds nog steeds traag."},
           {{"Mobiel internet werkt niet meer"},
            {"Sinds ik een nieuwe telefoon heb, werkt mijn mobiele internet niet meer. Bellen en "
             "sms'en gaat wel. Klantnummer {custno}."},
            "Wilt u controleren of de APN-instelling op uw telefoon op 'internet.telnet.nl' "
            "staat? Laat u mij weten wat u daar ziet?",
            "De APN stond inderdaad anders ingesteld. Ik heb het aangepast, maar mobiel internet "
            "doet het nog steeds niet.",
            "Uw simkaart was nog niet geschikt voor mobiel internet op uw nieuwe toestel. Ik heb "
            "de simkaart op afstand bijgewerkt; na een herstart van de telefoon werkt mobiel "
            "internet weer.",
            "Ik heb uw melding doorgezet naar onze afdeling mobiel netwerk. Zij laten uiterlijk "
            "{date} weten wat er aan de hand is.",
            "Na een dag werkt mobiel internet opnieuw niet."},
       }},
      {"billing",
       0.28,
       0,
       {"factuur", "incasso", "terugbetaling", "betalingsregeling"},
       {
           {{"Factuur veel hoger dan normaal", "Vraag over mijn factuur van deze maand"},
            {"Op mijn laatste factuur staat een bedrag van {amount}, terwijl ik normaal veel "
             "minder betaal. Ik zie kosten voor bellen naar het buitenland, maar ik heb niet naar "
             "het buitenland gebeld. Klantnummer {custno}."},
            "Kunt u aangeven over welke periode de kosten gaan en of iemand anders gebruikmaakt "
            "van uw aansluiting?",
            "De kosten gaan over de afgelopen vier weken. Ik woon alleen, dus niemand anders "
            "gebruikt de aansluiting.",
            "De kosten voor bellen naar het buitenland zijn ontstaan door een verkeerd ingestelde "
            "bundel. Ik heb dit gecorrigeerd en u ontvangt een creditnota van {amount}.",
            "Ik heb de belgegevens laten nakijken door onze afdeling fraudebestrijding. Zij ronden "
            "het onderzoek uiterlijk {date} af; tot die tijd hoeft u het bedrag niet te betalen.",
            "Op de nieuwe factuur staan dezelfde kosten weer. Dit is toch niet de bedoeling?"},
           {{"Dubbel afgeschreven", "Twee keer betaald deze maand"},
            {"Deze maand is het abonnementsgeld twee keer van mijn rekening afgeschreven, beide "
             "keren {amount}. Wilt u het teveel betaalde terugstorten?"},
            "Om dit goed uit te zoeken: op welke data zijn de bedragen afgeschreven, en wat zijn "
            "de laatste vier cijfers van uw rekeningnummer?",
            "Beide keren op de 27e. Het rekeningnummer eindigt op {digits}.",
            "U heeft gelijk: het bedrag is per abuis twee keer geïncasseerd. Wij storten {amount} "
            "binnen vijf werkdagen terug op uw rekening. Excuses voor het ongemak.",
            "Ik heb uw terugbetaling aangevraagd bij onze financiële administratie. De controle "
            "duurt een paar dagen; uiterlijk {date} hoort u van mij.",
            "Ik heb de terugbetaling nog steeds niet op mijn rekening ontvangen."},
           {{"Kosten na opzegging nog afgeschreven"},
            {"Ik heb mijn abonnement vorige maand opgezegd, maar er is opnieuw {amount} "
             "afgeschreven. Hoe kan dat?"},
            "Kunt u mij de datum van uw opzegging doorgeven, en heeft u daarvan een bevestiging "
            "per e-mail ontvangen?",
            "Ik heb op de 3e van vorige maand opgezegd via Mijn TelNet. Een bevestiging heb ik "
            "niet gekregen.",
            "Na controle blijkt de opzegging pas aan het einde van de opzegtermijn in te gaan. "
            "Het afgeschreven bedrag klopt daarom, maar ik heb als gebaar {amount} gecrediteerd.",
            "Ik zoek met onze afdeling opzeggingen uit waarom uw opzegging niet is verwerkt. "
            "Uiterlijk {date} laat ik u de uitkomst weten.",
            "Ik heb vandaag weer een factuur ontvangen, terwijl het abonnement toch echt is "
            "opgezegd."},
           {{"Betalingsregeling aanvragen"},
            {"Door omstandigheden kan ik de factuur van {amount} deze maand niet in één keer "
             "betalen. Is een betalingsregeling mogelijk?"},
            "Dat kunnen we zeker bekijken. In hoeveel termijnen zou u het bedrag willen betalen, "
            "en op welke dag van de maand komt een afschrijving u het best uit?",
            "Drie termijnen zou fijn zijn, het liefst rond de 25e, na mijn salaris.",
            "Ik heb een betalingsregeling voor u ingesteld: het bedrag wordt in drie maandelijkse "
            "termijnen afgeschreven, zonder extra kosten. U ontvangt hiervan een bevestiging per "
            "e-mail.",
            "Ik heb uw verzoek voorgelegd aan onze afdeling debiteurenbeheer. Zij nemen uiterlijk "
            "{date} een besluit; tot die tijd brengen wij geen incassokosten in rekening.",
            "Er is toch het volledige bedrag afgeschreven in plaats van de eerste termijn."},
       }},
      {"account",
       0.16,
       0,
       {"verhuizing", "contract", "inloggen", "opzegging"},
       {
           {{"Verhuizing doorgeven"},
            {"Ik ga binnenkort verhuizen naar een nieuw adres in {city}. Kan ik mijn internet- "
             "en tv-abonnement meenemen, en hoe regel ik dat?"},
            "Ik help u graag. Kunt u ter verificatie uw huidige postcode en huisnummer doorgeven, "
            "en het nieuwe adres inclusief postcode?",
            "Mijn huidige postcode is {digits} KL, huisnummer 14. Het nieuwe adres is Lindelaan 7 "
            "in {city}.",
            "Uw verhuizing is verwerkt. Op uw nieuwe adres is glasvezel beschikbaar; de "
            "installatie staat gepland op {date}. U ontvangt een bevestiging per e-mail.",
            "Uw verhuizing hangt af van de beschikbaarheid van een aansluiting op het nieuwe "
            "adres. Wij hebben dit bij de netbeheerder nagevraagd en verwachten uiterlijk {date} "
            "antwoord.",
            "Ik heb nog steeds geen bevestiging van de verhuizing ontvangen, en ik verhuis al over "
            "een paar dagen."},
           {{"Contract verlengen of overstappen?"},
            {"Mijn contract loopt binnenkort af. Kunnen jullie mij een aanbieding doen? Bij een "
             "andere aanbieder krijg ik een lager tarief."},
            "Jammer dat u overweegt over te stappen. Welk tarief biedt de andere aanbieder, en "
            "gebruikt u naast internet ook tv en vaste telefonie?",
            "Ze bieden internet en tv voor 45 euro per maand. Vaste telefonie gebruik ik niet "
            "meer.",
            "Ik kan u een verlenging van een jaar aanbieden met de eerste zes maanden 10 euro "
            "korting per maand. De aanbieding staat klaar in Mijn TelNet; u kunt hem daar "
            "accepteren.",
            "Ik heb een aanbieding op maat aangevraagd bij onze afdeling klantbehoud. U ontvangt "
            "die uiterlijk {date}.",
            "De aanbieding staat niet in Mijn TelNet."},
           {{"Inloggen op Mijn TelNet lukt niet"},
            {"Ik kan niet meer inloggen op Mijn TelNet. Bij 'wachtwoord vergeten' krijg ik geen "
             "e-mail. Mijn klantnummer is {custno}."},
            "Ter controle: op welk e-mailadres verwacht u de mail te ontvangen? Heeft u ook in de "
            "map met ongewenste e-mail gekeken?",
            "Ik verwacht de mail op dit adres. In de map met ongewenste e-mail staat ook niets.",
            "Ik heb uw e-mailadres in ons systeem gecorrigeerd; er stond een tikfout in. U kunt "
            "nu via 'wachtwoord vergeten' een nieuw wachtwoord aanvragen.",
            "Ik heb uw account voorgelegd aan onze technische afdeling, omdat het herstel niet "
            "lukt. Zij lossen het uiterlijk {date} op.",
            "Het inloggen lukt nog steeds niet, ook niet met het nieuwe wachtwoord."},
           {{"Abonnement opzeggen"},
            {"Ik wil graag mijn abonnement opzeggen. Wat is mijn opzegtermijn en moet ik de "
             "{product} terugsturen?"},
            "Jammer dat u weggaat. Mag ik vragen waarom u wilt opzeggen, en per welke datum?",
            "Ik ga samenwonen en mijn partner heeft al een abonnement. Graag zo snel mogelijk.",
            "Uw abonnement is opgezegd per het einde van de opzegtermijn van één maand. U "
            "ontvangt een retourdoos voor de {product}.",
            "Uw opzegging wordt verwerkt door onze administratie; u ontvangt uiterlijk {date} de "
            "bevestiging met de einddatum.",
            "Ik heb de retourdoos voor de {product} nog steeds niet ontvangen."},
       }},
      {"delivery",
       0.14,
       1,
       {"levering", "installatie", "simkaart", "monteur"},
       {
           {{"Simkaart nog niet ontvangen"},
            {"Ik heb twee weken geleden een nieuwe simkaart besteld, maar die is nog steeds niet "
             "bezorgd. Kunnen jullie nagaan waar hij blijft?"},
            "Kunt u het adres bevestigen waarop de simkaart bezorgd had moeten worden, en nagaan "
            "of er een briefje van de bezorger in de bus lag?",
            "Het adres klopt en er lag geen briefje. Ik ben de hele dag thuis geweest.",
            "De brief met uw simkaart is bij de post zoekgeraakt. Ik heb de oude simkaart "
            "geblokkeerd en een nieuwe verstuurd; die ligt binnen twee werkdagen bij u in de bus.",
            "Ik heb bij de vervoerder een onderzoek naar de zending gestart. Dat duurt meestal "
            "twee werkdagen; uiterlijk {date} neem ik contact met u op.",
            "Ook de nieuwe simkaart is niet aangekomen."},
           {{"Monteur is niet gekomen"},
            {"De monteur zou vandaag tussen 8:00 en 13:00 uur komen voor de "
             "glasvezelinstallatie, maar er is niemand geweest. Ik heb hiervoor vrij genomen van "
             "mijn werk!"},
            "Excuses daarvoor. Op welke dagen komt een nieuwe afspraak u het best uit, in de "
            "ochtend of de middag?",
            "Een ochtend volgende week komt mij het best uit, bij voorkeur dinsdag of donderdag.",
            "Excuses dat de monteur niet is gekomen. Ik heb een nieuwe afspraak gemaakt voor "
            "{date} tussen 8:00 en 13:00 uur, en u ontvangt een vergoeding van {amount} op uw "
            "volgende factuur.",
            "Ik zoek met onze planning uit waarom de monteur niet is gekomen en vraag een nieuwe "
            "afspraak aan. Uiterlijk {date} hoort u van mij.",
            "De nieuwe afspraak is opnieuw niet nagekomen."},
           {{"{product} niet bezorgd"},
            {"Volgens de track-and-trace is de {product} bezorgd, maar ik heb niets ontvangen. "
             "Ook niet bij de buren."},
            "Kunt u nagaan of het pakket bij een afhaalpunt in de buurt is afgeleverd? De "
            "bezorger laat dan meestal een kaartje achter.",
            "Er lag geen kaartje en bij het afhaalpunt hebben ze niets voor mij.",
            "Het pakket is door de vervoerder kwijtgeraakt. Ik heb een nieuwe zending voor u "
            "aangemaakt; u ontvangt die binnen twee werkdagen met een nieuwe "
            "track-and-trace-code.",
            "Ik heb bij de vervoerder een onderzoek naar de zending gestart. Dat duurt meestal "
            "twee werkdagen; uiterlijk {date} neem ik contact met u op.",
            "Ook de nieuwe zending is niet aangekomen."},
           {{"Installatieafspraak verzetten"},
            {"Ik wil de installatieafspraak van {date} graag verzetten, omdat ik dan niet thuis "
             "ben."},
            "Dat kan. Welke dagen komen u de komende twee weken het best uit, in de ochtend of de "
            "middag?",
            "Woensdag- of vrijdagmiddag komt mij het best uit.",
            "Uw afspraak is verzet naar {date}. U ontvangt een dag van tevoren een sms met een "
            "tijdvak van twee uur.",
            "De planning voor uw regio zit op dit moment vol. Ik heb een nieuwe afspraak "
            "aangevraagd en laat u uiterlijk {date} de datum weten.",
            "Ik heb geen sms ontvangen en er is vandaag niemand gekomen."},
       }},
      {"major_complaint",
       0.03,
       2,
       {"klacht", "geschillencommissie", "compensatie"},
       {
           {{"Formele klacht: al drie weken zonder internet"},
            {"Ik zit nu al drie weken zonder internet. Ik heb vijf keer gebeld en elke keer wordt "
             "beloofd dat het wordt opgelost, maar er gebeurt niets. Ik dien hierbij een formele "
             "klacht in en wil een schadevergoeding. Als dit niet snel wordt opgelost, stap ik "
             "naar de Geschillencommissie."},
            "Het spijt me zeer dat u dit heeft moeten meemaken. Ik neem uw klacht persoonlijk in "
            "behandeling. Kunt u aangeven op welke data u contact met ons heeft gehad?",
            "Ik heb gebeld op de 3e, de 8e en de 15e van deze maand, en twee keer gemaild.",
            "Ik heb uw klacht onderzocht en u heeft gelijk: we hebben u onvoldoende geholpen. De "
            "storing is inmiddels verholpen en we crediteren {amount} als compensatie voor de "
            "periode zonder internet. Onze excuses.",
            "Uw klacht ligt ter beoordeling bij het management. U ontvangt uiterlijk {date} een "
            "inhoudelijke reactie.",
            "Ik ben het niet eens met deze afhandeling. De compensatie staat niet in verhouding "
            "tot de schade die ik heb geleden."},
           {{"Klacht over behandeling door medewerker"},
            {"Ik ben zeer ontevreden over de manier waarop ik gisteren aan de telefoon ben "
             "behandeld. De medewerker was onbeleefd en heeft zonder iets te zeggen opgehangen. "
             "Ik verwacht excuses en een oplossing."},
            "Ik neem uw klacht persoonlijk in behandeling. Mag ik u morgen tussen 10:00 en 12:00 "
            "uur bellen om de situatie door te nemen?",
            "Morgen tussen 10:00 en 12:00 uur schikt; u kunt mij op mijn mobiele nummer bellen.",
            "Ik heb het gesprek teruggeluisterd: de manier waarop u bent behandeld, past niet bij "
            "hoe wij met klanten willen omgaan. Dit is met de medewerker besproken. Als excuus "
            "crediteren we {amount}.",
            "Ik laat het gesprek teruggeluisteren door de teamleider van de betreffende afdeling. "
            "Uiterlijk {date} ontvangt u van mij een inhoudelijke reactie.",
            "Excuses per e-mail vind ik niet genoeg. Ik wil dat een leidinggevende mij belt."},
           {{"Abonnement zonder toestemming gewijzigd"},
            {"Er is zonder mijn toestemming een duurder abonnement op mijn naam afgesloten. Dit "
             "is onacceptabel. Ik wil dat dit per direct wordt teruggedraaid en dat het te veel "
             "betaalde wordt terugbetaald."},
            "Dit is inderdaad niet hoe het hoort. Weet u nog wanneer en hoe de wijziging zou "
            "zijn doorgegeven, bijvoorbeeld via een verkoper aan de deur of telefonisch?",
            "Er is vorige maand een verkoper aan de deur geweest, maar ik heb niets getekend.",
            "Het abonnement is teruggezet naar uw oorspronkelijke abonnement, en het te veel "
            "betaalde bedrag van {amount} wordt binnen vijf werkdagen teruggestort. We hebben "
            "intern maatregelen genomen zodat dit niet opnieuw gebeurt.",
            "Ik heb de verkooporganisatie gevraagd om de gegevens van het verkoopgesprek. "
            "Uiterlijk {date} ontvangt u een inhoudelijke reactie.",
            "De toegezegde terugbetaling heb ik nog steeds niet ontvangen."},
       }},
  };
  // Digging work cut a fibre cable: a morning of outage reports from one city.
  const std::string_view kOutageAsk =
      "Er is op dit moment een storing in een deel van {city}. Kunt u uw postcode en "
      "huisnummer doorgeven, zodat ik kan nagaan of uw adres in het storingsgebied ligt?";
  const std::string_view kOutageAnswer = "Mijn postcode is {digits} RS, huisnummer 22.";
  const std::string_view kOutageSolution =
      "De storing in {city} is verholpen: bij graafwerkzaamheden was een glasvezelkabel "
      "geraakt. Uw verbinding zou weer moeten werken; herstart zo nodig de {product}. Voor het "
      "ongemak crediteren we {amount}.";
  const std::string_view kOutageHold =
      "Onze monteurs zijn bezig met het herstel van de beschadigde kabel in {city}. Zodra de "
      "storing is verholpen, laten wij het u weten.";
  const std::string_view kOutageReopen =
      "Bij mij werkt het nog steeds niet, terwijl de buren weer internet hebben.";
  c.incidents = {
      {"outage",
       23,
       7,
       7,
       140,
       "incident-utrecht-oost",
       "Utrecht",
       {
           {{"Storing in {city}: geen internet en tv", "Geen internet in {city}"},
            {"Sinds vanochtend heb ik in {city} geen internet en geen tv meer. Is er een "
             "storing?"},
            kOutageAsk,
            kOutageAnswer,
            kOutageSolution,
            kOutageHold,
            kOutageReopen},
           {{"Storing? Alles ligt eruit"},
            {"Bij ons in {city} ligt alles eruit: internet, tv en vaste telefoon. De lampjes op "
             "de {product} knipperen rood. Wanneer is dit opgelost?"},
            kOutageAsk,
            kOutageAnswer,
            kOutageSolution,
            kOutageHold,
            kOutageReopen},
           {{"Geen internet, kan niet werken"},
            {"Ik kan niet werken omdat het internet het niet doet. Volgens mijn buren is er een "
             "storing in heel {city}. Klopt dat?"},
            kOutageAsk,
            kOutageAnswer,
            kOutageSolution,
            kOutageHold,
            kOutageReopen},
       }},
  };

  c.word_gap = " ";
  c.agent_greeting = "Beste {hon},";
  c.agent_signoff = "Met vriendelijke groet,\n\n{agent}\nKlantenservice TelNet";
  c.customer_greetings = {"Hallo,", "Goedendag,", "Beste TelNet,", "Geachte heer/mevrouw,"};
  c.customer_signoffs = {"Groet,\n{full}", "Met vriendelijke groet,\n{full}",
                         "Alvast bedankt!\n{first}"};
  c.chases = {"Ik heb nog steeds geen reactie op mijn vraag gehad. Wanneer hoor ik iets?",
              "Is er al nieuws? Ik wacht nu al een tijd op antwoord.",
              "Graag zo snel mogelijk een reactie, dit duurt echt te lang."};
  c.thanks = {"Bedankt, het werkt weer!", "Dank u wel voor de snelle hulp.",
              "Top, bedankt voor het oplossen."};
  c.notes = {"Klant heeft eerder deze maand ook gebeld over hetzelfde probleem.",
             "Klantgegevens gecontroleerd: adres en klantnummer kloppen.",
             "Geen openstaande betalingen; klant is al vijf jaar klant.",
             "Let op: klant heeft een voorkeur voor contact per e-mail."};
  c.reminders = {
      "Wij hebben nog geen reactie van u ontvangen. Is uw vraag nog actueel? Als "
      "wij binnen vier dagen niets horen, sluiten wij deze melding."};
  c.phone_intro =
      "Bedankt voor uw telefoontje zojuist. Zoals beloofd zet ik het besprokene hier op een rij.";
  c.escalation_note =
      "Klant is zeer ontevreden en dreigt met opzeggen. Doorgezet naar "
      "Klachtenafhandeling.";
  c.handover_note = "Overgenomen van een collega vanwege een dienstwissel.";
  c.hold_note = "Wacht op terugkoppeling van een externe partij; status on hold.";
  c.months = {"januari", "februari", "maart",     "april",   "mei",      "juni",
              "juli",    "augustus", "september", "oktober", "november", "december"};
  c.weekdays = {"zondag", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag"};
  return c;
}

TenantContent webshop_uk() {
  TenantContent c;
  c.slug = "brightbasket-uk";
  c.name = "BrightBasket";
  c.timezone = "Europe/London";
  c.language = Language::En;
  c.utc_offset_minutes = 0;
  c.eu_summer_time = true;
  c.hours = {
      {{600, 960}, {480, 1080}, {480, 1080}, {480, 1080}, {480, 1080}, {480, 1080}, {540, 1020}}};
  c.weekday_weight = {0.70, 1.35, 1.1, 1.0, 1.0, 0.95, 0.6};
  c.hour_weight = {0.15, 0.08, 0.05, 0.03, 0.03, 0.05, 0.15, 0.45, 0.85, 1.20, 1.35, 1.30,
                   1.25, 1.25, 1.20, 1.10, 1.05, 1.00, 0.95, 1.00, 1.00, 0.85, 0.55, 0.30};
  c.channel_weight = {0.40, 0.28, 0.20, 0.05, 0.07};
  c.teams = {"Orders & Delivery", "Returns & Refunds", "Customer Relations"};
  c.staff = {
      {{"Olivia"}, {"Bennett"}, Role::Admin, -1},   {{"James"}, {"Whitfield"}, Role::Supervisor, 0},
      {{"Priya"}, {"Sharma"}, Role::Supervisor, 1}, {{"Hannah"}, {"Clarke"}, Role::Supervisor, 2},
      {{"Tom"}, {"Fletcher"}, Role::Agent, 0},      {{"Chloe"}, {"Davies"}, Role::Agent, 0},
      {{"Ryan"}, {"O'Connor"}, Role::Agent, 0},     {{"Amelia"}, {"Hughes"}, Role::Agent, 1},
      {{"Jack"}, {"Turner"}, Role::Agent, 1},       {{"Grace"}, {"Okafor"}, Role::QaReviewer, -1},
  };
  c.customers = 300;
  c.tickets = 1800;
  c.male_first = {{"Oliver"}, {"George"},   {"Harry"},  {"Jack"},    {"Jacob"},
                  {"Noah"},   {"Charlie"},  {"Thomas"}, {"William"}, {"James"},
                  {"Daniel"}, {"Mohammed"}, {"Samuel"}, {"Joshua"},  {"Liam"},
                  {"Callum"}, {"Aiden"},    {"Ben"},    {"Matthew"}, {"David"}};
  c.female_first = {{"Olivia"},  {"Amelia"},    {"Isla"},  {"Ava"},    {"Emily"},
                    {"Sophie"},  {"Grace"},     {"Lily"},  {"Chloe"},  {"Ella"},
                    {"Jessica"}, {"Charlotte"}, {"Lucy"},  {"Hannah"}, {"Emma"},
                    {"Megan"},   {"Sarah"},     {"Laura"}, {"Priya"},  {"Aisha"}};
  c.last_names = {{"Smith"},   {"Jones"},  {"Taylor"},   {"Brown"},    {"Williams"}, {"Wilson"},
                  {"Johnson"}, {"Davies"}, {"Robinson"}, {"Wright"},   {"Thompson"}, {"Evans"},
                  {"Walker"},  {"White"},  {"Roberts"},  {"Green"},    {"Hall"},     {"Wood"},
                  {"Jackson"}, {"Clarke"}, {"Patel"},    {"Khan"},     {"Lewis"},    {"Harris"},
                  {"Martin"},  {"Cooper"}, {"King"},     {"Lee"},      {"Baker"},    {"Hughes"},
                  {"Edwards"}, {"Murphy"}, {"O'Brien"},  {"Campbell"}, {"Anderson"}, {"Scott"},
                  {"Ahmed"},   {"Ward"},   {"Turner"},   {"Hill"}};
  // Ofcom keeps 07700 900000-900999 free for fiction, so these numbers reach nobody.
  c.phone_prefix = "+447700900";
  c.phone_digits = 3;
  c.cities = {"London",    "Manchester", "Birmingham", "Leeds",   "Glasgow",    "Bristol",
              "Liverpool", "Sheffield",  "Edinburgh",  "Cardiff", "Nottingham", "Brighton"};
  c.products = {
      "Ceramic Pour-Over Coffee Set", "Bamboo Bed Sheet Set",         "5.5 L Air Fryer",
      "Kids' Waterproof Jacket",      "Cast Iron Casserole Dish",     "Memory Foam Pillow",
      "Cordless Stick Vacuum",        "Solar Garden Lights (10 pack)"};
  c.order_prefix = "#";
  c.order_digits = 7;
  c.amount_min = 9;
  c.amount_max = 240;

  c.categories = {
      {"delivery",
       0.36,
       0,
       {"delivery", "courier", "late", "missing-parcel", "wrong-item"},
       {
           {{"Where is my order {order}?", "Order {order} has not arrived"},
            {"My order {order} has not arrived. It was supposed to be delivered on Tuesday and "
             "the tracking page hasn't updated since. Can you tell me where it is?"},
            "I'm sorry for the wait. Could you confirm the delivery address on the order, and "
            "whether there's a safe place the courier might have used, such as a porch or a bin "
            "store?",
            "The address on the order is correct. There's no porch, and I've checked the bins and "
            "the shed.",
            "I've checked with the courier and your parcel was misrouted at their depot. It's back "
            "on the van today and should arrive by 6pm. I've refunded the delivery charge as an "
            "apology.",
            "I've raised a trace with the courier. They usually reply within 48 hours, and I'll "
            "update you as soon as I hear back, by {date} at the latest.",
            "Tracking still says 'in transit' and it's now past the date you gave me."},
           {{"Parcel marked as delivered but not received"},
            {"The courier's tracking says my parcel was delivered yesterday at 14:12, but I was "
             "home all day and nothing came. I've checked with my neighbours too. Order {order}."},
            "Sorry to hear that. Did the courier leave a card, and could a neighbour at a similar "
            "house number have taken it in?",
            "No card. One neighbour thinks a van stopped at number 12 instead of 21.",
            "The courier has confirmed the parcel went to the wrong address and can't be "
            "recovered, so I've sent a replacement by next-day tracked delivery. You'll get a new "
            "tracking link by email within the hour.",
            "I've raised a claim with the courier, who will check the driver's GPS record. I'll "
            "update you by {date} at the latest.",
            "The replacement hasn't turned up either. This is getting ridiculous."},
           {{"Wrong item delivered", "Received the wrong product"},
            {"I ordered the {product} but received a completely different item in the box. Order "
             "number {order}. How do I get the right one?"},
            "Could you please send me a photo of the item you received and of the label on the "
            "box? That lets me arrange the exchange straight away.",
            "Photos of the item and the label are attached. The label does show my name, so it "
            "looks like a packing mistake.",
            "Sorry about the mix-up. A courier will collect the wrong item on {date}, and the "
            "{product} is on its way to you today. You don't need to print anything.",
            "I've asked the warehouse to check their stock of the {product} before I send a "
            "replacement. They'll confirm by {date}.",
            "The courier didn't come to collect the wrong item."},
           {{"Delivery date keeps changing"},
            {"This is the third time the delivery date for order {order} has been pushed back. I "
             "need the {product} by the weekend. What is going on?"},
            "I'm sorry about the delays. Would you like me to keep the order open, or would you "
            "prefer to cancel it for a full refund?",
            "I'd still like it if it can arrive by Saturday. Otherwise please cancel.",
            "The {product} was held up by a supplier delay. It has now left our warehouse by "
            "next-day delivery and should be with you tomorrow. I've refunded the delivery charge "
            "for the trouble.",
            "Our supplier expects new stock of the {product} on {date}. I've reserved one for you "
            "and will confirm as soon as it ships.",
            "It still hasn't arrived and the weekend has come and gone."},
       }},
      {"return",
       0.24,
       1,
       {"return", "refund", "exchange"},
       {
           {{"Return request for order {order}", "How do I return the {product}?"},
            {"I'd like to return the {product} from order {order}. It's unused and still in the "
             "original packaging. How do I get a returns label?"},
            "Happy to help. Could you let me know the reason for the return, and whether you "
            "would prefer a refund or an exchange?",
            "It's just not what I expected, so a refund please.",
            "I've emailed you a free returns label. Once the warehouse scans the parcel, your "
            "refund of {amount} will be processed within 5 working days.",
            "Returns of this item go back to the supplier directly. I've asked them for a "
            "collection slot and will confirm it by {date}.",
            "The returns label doesn't work: the post office couldn't scan it."},
           {{"Refund not received yet"},
            {"I sent back order {order} two weeks ago and the tracking shows you received it, but "
             "I still haven't had my refund of {amount}."},
            "Could you tell me the tracking number of your return parcel, so I can match it to "
            "the return in our warehouse?",
            "The tracking number is on the receipt from the post office: it starts with RT and "
            "ends in GB, the digits in between are {digits}.",
            "I found your return: it had been received but not booked in. I've processed the "
            "refund of {amount} now, and it should reach your account within 3 to 5 working "
            "days. Sorry for the wait.",
            "The warehouse needs to inspect the returned item before the refund can be released. "
            "This normally takes two working days; I'll come back to you by {date}.",
            "The refund still hasn't appeared in my account."},
           {{"Exchange for a different size"},
            {"The jacket I ordered is too small. Can I exchange it for the next size up rather "
             "than getting a refund? Order {order}."},
            "Of course. Which size would you like, and is the jacket unworn with the tags still "
            "attached?",
            "Size M please. It's unworn and the tags are still on.",
            "I've set up the exchange. A courier will bring the new size and collect the old one "
            "at the same time on {date}.",
            "Size M is out of stock until {date}. I've reserved one for you from the next "
            "delivery and will arrange the swap as soon as it arrives.",
            "The courier didn't turn up to collect the item on the day you said."},
           {{"Item arrived damaged"},
            {"The {product} arrived with a cracked lid. I'd like a replacement rather than a "
             "refund, please."},
            "I'm sorry it arrived damaged. Could you send a photo of the damage and of the outer "
            "box, so I can report it to the courier?",
            "Photos attached. The box was dented on one corner.",
            "A replacement {product} is on its way to you; there's no need to send the damaged "
            "one back.",
            "I've reported the damage to the courier, which I have to do before sending a "
            "replacement. I'll confirm the replacement by {date}.",
            "The replacement is damaged as well."},
       }},
      {"billing",
       0.14,
       1,
       {"payment", "double-charge", "discount-code", "invoice"},
       {
           {{"Charged twice for order {order}"},
            {"I've been charged twice for order {order}: there are two payments of {amount} on my "
             "card statement. Please refund the duplicate."},
            "Could you confirm the last four digits of the card you used and the dates of both "
            "payments? Please don't send the full card number.",
            "The card ends in {digits}, and both payments were on the same day, a few minutes "
            "apart.",
            "You're right, the payment was taken twice. I've refunded the duplicate payment of "
            "{amount}; it can take up to 5 working days to appear.",
            "I've asked our payments team to check this with the card processor. They'll confirm "
            "within two working days, by {date}.",
            "The refund still isn't showing on my statement after a week."},
           {{"Discount code not applied"},
            {"I used the discount code WELCOME15 at checkout, but the 15% wasn't taken off. Order "
             "{order}."},
            "Could you tell me the email address you used at checkout? WELCOME15 only works on a "
            "first order, so I'd like to check the account.",
            "I used this same email address, and this was my first order.",
            "I've applied the discount manually and refunded the difference of {amount} to your "
            "card.",
            "I've asked our marketing team why the code was rejected. They'll come back to me by "
            "{date}.",
            "I haven't received the refund of the discount."},
           {{"Payment failed but money taken"},
            {"My payment failed at checkout, but {amount} has still been taken from my bank "
             "account, and there's no order in my account."},
            "Could you tell me roughly what time you tried to pay and which payment method you "
            "used?",
            "It was about 8pm yesterday, with my debit card.",
            "The failed payment was only a pending authorisation: your bank will release the "
            "{amount} automatically within 3 to 5 working days. No money has actually been taken.",
            "I've asked our payment provider to confirm the authorisation has been cancelled. "
            "I'll update you by {date}.",
            "It's been a week and the money is still gone from my account."},
           {{"VAT invoice for order {order}"},
            {"Could you send me a VAT invoice for order {order}? I need it for my business "
             "expenses."},
            "Of course. Which company name and address should appear on the invoice?",
            "Please put Hill & Co Ltd, 4 Market Street, {city}.",
            "I've attached the VAT invoice for order {order}, made out to your company, to this "
            "email.",
            "Our finance team issues VAT invoices; they'll send it to you by {date}.",
            "The invoice still shows my own name instead of the company's."},
       }},
      {"account",
       0.10,
       0,
       {"login", "password", "gdpr", "newsletter"},
       {
           {{"Can't log in to my account"},
            {"I can't log in to my account. The password reset email never arrives, not even in "
             "my spam folder."},
            "To protect your account, could you confirm the postcode of your billing address and "
            "the date of your most recent order?",
            "The postcode is the one on the account, and my last order was about a month ago.",
            "I've reset the login on your account and sent a new password link; it should arrive "
            "in the next few minutes and is valid for 24 hours.",
            "Our web team is looking into why reset emails aren't arriving for some addresses. "
            "I'll update you by {date}.",
            "The reset link says it has expired."},
           {{"Please delete my account"},
            {"Please delete my account and all the personal data you hold about me."},
            "To make sure the request comes from the account holder, could you confirm the "
            "postcode of your billing address?",
            "Yes, it's the postcode on my account; I've just checked it.",
            "Your account has been deleted, along with the personal data we're not legally "
            "required to keep. Order records are kept for 6 years for tax purposes and then "
            "deleted.",
            "Your request has been passed to our data protection team, who will confirm the "
            "deletion by {date}.",
            "I've just had another email from you, so my data clearly hasn't been deleted."},
           {{"Unsubscribe me from marketing emails"},
            {"I keep getting marketing emails even though I've unsubscribed twice. Please stop "
             "them."},
            "Could you confirm which email address the messages are being sent to?",
            "They come to the same address I'm writing from.",
            "I've removed your address from all marketing lists. It can take up to 48 hours for "
            "emails that were already scheduled to stop.",
            "Our email provider has to remove the address from a separate list. I've asked them "
            "to, and I'll confirm by {date}.",
            "I'm still receiving the emails."},
           {{"Change the email address on my account"},
            {"I'd like to change the email address on my account, but the website won't let me."},
            "Could you tell me the new address you'd like to use, and what the website says when "
            "you try?",
            "It says 'this email is already in use', but I don't have another account.",
            "There was an old guest checkout on the new address, which blocked the change. I've "
            "merged it into your account and updated the email address; you'll get a "
            "confirmation at the new address.",
            "I've asked our web team to release the new address from an old guest account. I'll "
            "confirm by {date}.",
            "It still says the email is already in use."},
       }},
      {"warranty",
       0.10,
       1,
       {"faulty", "warranty", "repair"},
       {
           {{"{product} stopped working", "Faulty {product} after two months"},
            {"My {product} stopped working after just two months. It won't switch on at all. Is "
             "it still under warranty?"},
            "I'm sorry it's let you down. Could you send a short video showing what happens when "
            "you switch it on, plus the serial number from the label underneath?",
            "Video attached. The serial number on the sticker underneath ends in {digits}.",
            "That's covered by the 2-year warranty. I've arranged a replacement, which will be "
            "delivered on {date}; the courier will take the faulty one away at the same time.",
            "I've sent your video to the manufacturer's warranty team for assessment and expect "
            "their answer by {date}.",
            "The replacement has the same fault."},
           {{"Warranty claim: {product} rattling"},
            {"The {product} I bought in the spring has started making a loud rattling noise. Can "
             "it be repaired or replaced?"},
            "Could you confirm roughly when you bought it, and whether it's been used as "
            "described in the manual?",
            "I bought it in April and have only ever used it as the manual says.",
            "The manufacturer will repair it free of charge. A prepaid label is on its way; "
            "repairs take about 7 working days.",
            "The manufacturer wants to inspect it first. I've asked them for a collection date "
            "and will let you know by {date}.",
            "It's been two weeks and I haven't heard back about the repair."},
           {{"Casserole dish enamel chipping"},
            {"The enamel on my Cast Iron Casserole Dish is chipping after three weeks. That can't "
             "be right."},
            "I'm sorry to hear that. Could you send a photo of the chipped area?",
            "Photo attached: there are two chips inside the rim.",
            "That shouldn't happen with normal use. I've issued a full refund of {amount}, as the "
            "dish is no longer in stock for a replacement.",
            "I've sent your photo to the manufacturer for assessment and expect their answer by "
            "{date}.",
            "The refund hasn't arrived yet."},
       }},
      {"major_complaint",
       0.03,
       2,
       {"complaint", "escalated"},
       {
           {{"Formal complaint about your service", "Extremely disappointed: please escalate"},
            {"This is a formal complaint. I've contacted you four times about order {order} over "
             "three weeks, and every time I'm promised a call back that never happens. I want a "
             "full refund of {amount} and an explanation, or I'll take this to my bank and to "
             "Trading Standards."},
            "I'm very sorry about your experience. I lead our customer relations team and will "
            "handle your case personally. Could you share the dates you contacted us, so I can "
            "review each conversation?",
            "I contacted you on the 2nd, the 9th and the 14th: twice by phone and once by email.",
            "I've reviewed every contact and we let you down badly. I've refunded the full "
            "{amount} and added a £20 voucher as an apology, and I've shared this case with the "
            "team so it doesn't happen again.",
            "I'm reviewing the call recordings with the team leaders involved and will give you a "
            "full answer by {date}.",
            "The refund you promised still hasn't arrived."},
           {{"Complaint: rude customer service"},
            {"The agent I spoke to on the phone yesterday was rude and hung up on me. I expect an "
             "apology and a manager to deal with my case."},
            "I'm sorry you were treated that way. I'd like to call you to go through this "
            "properly. Would tomorrow between 10am and 12pm suit you?",
            "Tomorrow between 10 and 12 is fine, please call my mobile.",
            "I listened to the call recording and I agree it wasn't acceptable. I've spoken to "
            "the agent's manager, and I've credited {amount} to your account as an apology.",
            "I've asked for the call recording to be reviewed by the agent's manager and will "
            "come back to you by {date}.",
            "I'm not satisfied with this response and I want to take it further."},
           {{"Courier damaged my front door"},
            {"Your courier damaged my front door while delivering a parcel and nobody will take "
             "responsibility. I want this escalated to a manager immediately."},
            "I'm sorry this happened. Could you send photos of the damage and, if you have one, a "
            "quote for the repair?",
            "Photos attached, and a joiner has quoted £180 for the repair.",
            "Our courier partner has accepted liability for the damage and will contact you "
            "within 2 working days to arrange the repair at no cost to you.",
            "I've asked our courier partner's claims team to review the damage. I'll update you "
            "with their decision by {date}.",
            "Nobody from the courier has been in touch."},
       }},
  };
  // The courier's depot in one city fell behind for a day and a half.
  const std::string_view kDepotAsk =
      "There's a backlog at our courier's {city} depot. Could you confirm the delivery address, "
      "so I can check your parcel is on their priority list?";
  const std::string_view kDepotAnswer = "Yes, the address on the order is right.";
  const std::string_view kDepotSolution =
      "The {city} depot has cleared its backlog and your parcel is out for delivery today. I've "
      "refunded the delivery charge for the delay.";
  const std::string_view kDepotHold =
      "Our courier is working through the backlog at the {city} depot. I'll update you as soon "
      "as your parcel moves, by {date} at the latest.";
  const std::string_view kDepotReopen = "It's still stuck in {city}.";
  c.incidents = {
      {"delivery",
       41,
       8,
       30,
       90,
       "depot-delay-manchester",
       "Manchester",
       {
           {{"Order {order} delayed at the {city} depot?"},
            {"My order {order} was due yesterday and the tracking says it's being held at the "
             "{city} depot. When will it arrive?"},
            kDepotAsk,
            kDepotAnswer,
            kDepotSolution,
            kDepotHold,
            kDepotReopen},
           {{"Still waiting for order {order}"},
            {"Tracking for order {order} hasn't moved from the {city} hub for two days. I need "
             "the {product} for a birthday this weekend."},
            kDepotAsk,
            kDepotAnswer,
            kDepotSolution,
            kDepotHold,
            kDepotReopen},
           {{"Parcel stuck in {city}"},
            {"Is something wrong with your courier in {city}? My parcel has been 'delayed' since "
             "Monday."},
            kDepotAsk,
            kDepotAnswer,
            kDepotSolution,
            kDepotHold,
            kDepotReopen},
       }},
  };

  c.word_gap = " ";
  c.agent_greeting = "Hi {hon},";
  c.agent_signoff = "Kind regards,\n\n{agent}\nBrightBasket Customer Care";
  c.customer_greetings = {"Hello,", "Hi,", "Hi there,", "Dear BrightBasket,"};
  c.customer_signoffs = {"Thanks,\n{first}", "Kind regards,\n{full}", "Many thanks,\n{full}"};
  c.chases = {"I still haven't heard anything back. When can I expect a reply?",
              "Any update on this, please?",
              "Chasing this again. It's been days without a response."};
  c.thanks = {"Brilliant, thank you for sorting that out.", "Thanks for your help!",
              "Received it today, thanks."};
  c.notes = {"Customer has contacted us three times this month.",
             "Checked the order history: no previous issues with this customer.",
             "Customer since 2019; no previous complaints.",
             "Customer prefers email; please don't call."};
  c.reminders = {
      "We haven't heard back from you, so just checking in. If we don't hear from "
      "you within 4 days, we'll close this request."};
  c.phone_intro = "Thanks for your call just now. As promised, here is what we agreed.";
  c.escalation_note =
      "Customer is very unhappy and mentioned Trading Standards. Passing to "
      "Customer Relations.";
  c.handover_note = "Picking this up from a colleague after a shift change.";
  c.hold_note = "Waiting on a third party; set to on hold.";
  c.months = {"January", "February", "March",     "April",   "May",      "June",
              "July",    "August",   "September", "October", "November", "December"};
  c.weekdays = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
  return c;
}

TenantContent electronics_cn() {
  TenantContent c;
  c.slug = "huaxin-cn";
  c.name = "华信电子";
  c.timezone = "Asia/Shanghai";
  c.language = Language::Zh;
  c.utc_offset_minutes = 480;
  c.eu_summer_time = false;
  c.hours = {
      {{540, 1260}, {540, 1260}, {540, 1260}, {540, 1260}, {540, 1260}, {540, 1260}, {540, 1260}}};
  c.weekday_weight = {0.85, 1.15, 1.05, 1.0, 1.0, 1.0, 0.9};
  c.hour_weight = {0.25, 0.10, 0.05, 0.03, 0.03, 0.05, 0.10, 0.30, 0.70, 1.10, 1.30, 1.25,
                   1.00, 1.05, 1.20, 1.20, 1.15, 1.05, 1.00, 1.15, 1.30, 1.30, 1.00, 0.55};
  c.channel_weight = {0.12, 0.22, 0.38, 0.13, 0.15};
  c.teams = {"售后服务", "订单与物流", "投诉处理"};
  c.staff = {
      {{"敏", "min"}, {"周", "zhou"}, Role::Admin, -1},
      {{"强", "qiang"}, {"李", "li"}, Role::Supervisor, 0},
      {{"静", "jing"}, {"陈", "chen"}, Role::Supervisor, 1},
      {{"磊", "lei"}, {"王", "wang"}, Role::Supervisor, 2},
      {{"婷", "ting"}, {"张", "zhang"}, Role::Agent, 0},
      {{"洋", "yang"}, {"刘", "liu"}, Role::Agent, 0},
      {{"丽", "li"}, {"孙", "sun"}, Role::Agent, 0},
      {{"雪", "xue"}, {"黄", "huang"}, Role::Agent, 1},
      {{"杰", "jie"}, {"赵", "zhao"}, Role::Agent, 1},
      {{"芳", "fang"}, {"徐", "xu"}, Role::QaReviewer, -1},
  };
  c.customers = 200;
  c.tickets = 1300;
  c.male_first = {
      {"伟", "wei"},      {"强", "qiang"},    {"磊", "lei"},        {"军", "jun"},
      {"洋", "yang"},     {"勇", "yong"},     {"杰", "jie"},        {"涛", "tao"},
      {"明", "ming"},     {"超", "chao"},     {"浩然", "haoran"},   {"子轩", "zixuan"},
      {"宇航", "yuhang"}, {"俊杰", "junjie"}, {"志强", "zhiqiang"}, {"建国", "jianguo"}};
  c.female_first = {{"芳", "fang"},    {"娜", "na"},        {"敏", "min"},       {"静", "jing"},
                    {"丽", "li"},      {"艳", "yan"},       {"婷", "ting"},      {"雪", "xue"},
                    {"欣怡", "xinyi"}, {"梓涵", "zihan"},   {"诗涵", "shihan"},  {"雨桐", "yutong"},
                    {"佳怡", "jiayi"}, {"晓燕", "xiaoyan"}, {"秀英", "xiuying"}, {"思琪", "siqi"}};
  c.last_names = {{"王", "wang"}, {"李", "li"},    {"张", "zhang"}, {"刘", "liu"}, {"陈", "chen"},
                  {"杨", "yang"}, {"黄", "huang"}, {"赵", "zhao"},  {"吴", "wu"},  {"周", "zhou"},
                  {"徐", "xu"},   {"孙", "sun"},   {"马", "ma"},    {"朱", "zhu"}, {"胡", "hu"},
                  {"郭", "guo"},  {"何", "he"},    {"林", "lin"},   {"高", "gao"}, {"罗", "luo"}};
  c.family_name_first = true;
  c.phone_prefix = "+8613";
  c.phone_digits = 9;
  c.male_title = "先生";
  c.female_title = "女士";
  c.cities = {"北京", "上海", "广州", "深圳", "杭州", "成都", "武汉", "南京", "西安", "重庆"};
  c.products = {"HX Buds Pro 无线耳机", "HX Watch 5 智能手表", "HX Pad 11 平板电脑",
                "HX 65W 快充充电器",    "HX Phone X3 手机",    "HX Mini 蓝牙音箱"};
  c.order_prefix = "HX";
  c.order_digits = 12;
  c.amount_min = 59;
  c.amount_max = 3999;

  c.categories = {
      {"warranty",
       0.34,
       0,
       {"warranty", "repair", "headphones", "watch", "tablet", "phone"},
       {
           {{"耳机左声道没有声音", "HX Buds Pro 左耳没有声音"},
            {"我购买的耳机左声道没有声音，右边正常。已经按照说明书重置过了，还是不行。订单号是"
             "{order}，请问可以保修吗？"},
            "非常抱歉给您带来不便。为了更快帮您处理，麻烦您提供一下充电盒上的序列号和购买日期。",
            "序列号是HX2C{digits}，是两个月前买的。",
            "经过核实，您的耳机在保修期内。我们将为您免费更换一副新耳机，预计{date}送达，届时快递员"
            "会同时取回故障耳机。",
            "您的耳机已送达维修中心，工程师正在检测，预计{date}前给您检测结果，请耐心等待。",
            "换回来的耳机还是有同样的问题。"},
           {{"{product}无法开机"},
            {"我的{product}用了不到三个月，今天突然无法开机，充电也没有任何反应。请问怎么处理？"},
            "请您先长按电源键15秒强制重启，再换一根充电线充电30分钟后试一下。如果仍无法开机，请"
            "告诉我们产品序列号。",
            "试过了，还是不行。序列号是HX7A{digits}。",
            "已为您安排免费上门取件维修，维修周期约为5到7个工作日，维修完成后我们会免费寄回。",
            "您的产品已送达维修中心，工程师正在检测，预计{date}前给您检测结果，请耐心等待。",
            "维修已经超过一周了，还没有任何消息。"},
           {{"手表充电很慢"},
            {"手表充电特别慢，充满要四五个小时，以前一个多小时就满了。是不是电池有问题？"},
            "请问您是否尝试过更换充电线和充电头？麻烦告诉我们使用的是原装配件还是第三方配件。",
            "用的是原装充电器和线，换了一根线也一样。",
            "我们已为您远程推送了最新的固件更新，更新后充电问题即可解决。如果还有问题，请随时联系"
            "我们。",
            "该问题已提交给产品技术团队分析，预计{date}前给您答复。",
            "更新以后充电还是很慢。"},
           {{"平板屏幕出现亮线", "申请保修维修"},
            {"平板屏幕上出现了一条竖着的亮线，没有摔过也没有进水。还在保修期内，想申请维修。"},
            "麻烦您拍一张屏幕亮线的照片，并提供平板的序列号（在“设置-关于本机”中可以找到）。",
            "照片已经拍好了，序列号是HX9P{digits}。",
            "经过检测，屏幕问题属于保修范围内的质量问题。我们将为您免费更换屏幕，维修完成后免费"
            "寄回。",
            "您的平板已送达维修中心，正在等待屏幕配件，预计{date}前维修完成。",
            "修好的平板屏幕又出现了亮线。"},
       }},
      {"delivery",
       0.22,
       1,
       {"delivery", "courier", "late", "lost"},
       {
           {{"订单{order}还没有发货"},
            {"我的订单{order}已经下单五天了，还显示未发货。请问什么时候能发？"},
            "非常抱歉让您久等了。该商品目前库存紧张，请问您是继续等待发货，还是取消订单全额退款？",
            "我还是想要，请尽快发货。",
            "您的订单今天已经从仓库发出，快递单号已通过短信发送给您，预计两天内送达。给您带来的"
            "不便，我们深表歉意。",
            "仓库预计{date}补货，到货后会第一时间为您发货。",
            "你们说的时间已经过了，还是没有发货。"},
           {{"快递显示已签收但我没收到"},
            {"快递显示已经签收了，但是我本人没有收到，也没有人给我打电话。订单号{order}。"},
            "请您核对一下收货地址和手机号码是否正确，另外请确认是否有家人、门卫或快递柜代收。",
            "地址和电话都是对的，门卫和快递柜都问过了，没有。",
            "经核实包裹被误投，无法找回，我们已经为您重新补发，新的快递单号会通过短信发送给您。",
            "我们已经向快递公司提交了查件申请，一般需要48小时，有结果后第一时间通知您，最晚{date}"
            "前回复您。",
            "补发的包裹也还没有收到。"},
           {{"物流信息三天没更新"},
            {"物流信息已经三天没有更新了，一直停在{city}转运中心。麻烦帮我查一下。"},
            "请问您方便提供一下收货人手机号的后四位吗？我们需要核实包裹信息。",
            "手机号后四位是{digits}。",
            "已经联系快递公司核实，包裹在{city}转运中心滞留，今天已经重新派送，预计明天送达。",
            "我们已经向快递公司提交了查件申请，一般需要48小时，最晚{date}前回复您。",
            "物流还是没有更新。"},
           {{"收到的商品和订单不符"},
            {"我买的是{product}，收到的却是别的东西，订单号{order}，请尽快处理。"},
            "麻烦您拍一张收到的商品和快递面单的照片，方便我们核实处理。",
            "照片已经拍好了，面单上是我的名字，应该是仓库发错了。",
            "已为您安排换货，快递员将于{date}上门取回错发的商品，正确的{product}今天已经发出。",
            "仓库正在核实发货记录，预计{date}前给您答复。",
            "快递员没有上门取件。"},
       }},
      {"return",
       0.20,
       1,
       {"return", "refund", "exchange"},
       {
           {{"申请七天无理由退货", "退货流程咨询"},
            {"我想申请七天无理由退货，{product}没有拆封，订单号{order}。请问怎么操作？"},
            "请问您是希望退款还是换货呢？",
            "我希望直接退款。",
            "已为您生成退货单，请在7天内将商品寄回，运费由我们承担。仓库签收后1到3个工作日内为您"
            "办理退款。",
            "您的退货申请需要仓库确认库存，预计{date}前审核完成。",
            "快递员没有按约定时间上门取件。"},
           {{"退款一直没有到账"},
            {"我一周前就把商品寄回去了，物流显示你们已经签收，但是退款{amount}一直没有到账。"},
            "请问您的退货快递单号是多少？我们需要和仓库核对签收记录。",
            "退货单号是SF{digits}，顺丰寄的。",
            "经核实仓库已签收您的退货，但系统未及时登记。已为您办理退款{amount}，预计3到5个工作日"
            "原路退回，给您带来不便非常抱歉。",
            "您的退货正在仓库质检中，质检完成后即可退款，预计{date}前完成。",
            "退款还是没有到账，已经超过五个工作日了。"},
           {{"想换一个颜色"},
            {"收到的手表颜色和图片差别很大，想换成黑色的，可以吗？"},
            "可以的。请问手表是否已经激活使用过？包装和配件是否齐全？",
            "还没有激活，包装和配件都在。",
            "已为您办理换货，黑色款已发出，快递员会在{date}上门取回原商品。",
            "黑色款暂时缺货，预计{date}到货，到货后第一时间为您换货。",
            "换货的快递员一直没有来。"},
       }},
      {"billing",
       0.10,
       1,
       {"invoice", "payment", "coupon"},
       {
           {{"申请开具增值税发票"},
            {"我需要为订单{order}开具增值税专用发票，公司信息怎么提交？"},
            "请提供公司名称、纳税人识别号、地址电话和开户行信息，我们会在核实后为您开具。",
            "公司信息我已经整理好了，发在下面，请查收。",
            "发票已开具，电子发票已发送到您的邮箱，请注意查收。",
            "已提交财务部门处理，财务审核一般需要2个工作日，预计{date}前完成。",
            "发票上的税号是错的。"},
           {{"优惠券没有抵扣"},
            {"下单时优惠券没有抵扣成功，多付了{amount}，请帮忙处理。"},
            "麻烦您提供一下优惠券的截图和下单时间，我们核实一下优惠券的使用条件。",
            "截图已经上传了，是昨天晚上八点左右下的单。",
            "已核实优惠券应当可以使用，已为您补发{amount}的差价，款项将退回到您的支付账户。",
            "已提交给营销部门核实优惠券规则，预计{date}前给您答复。",
            "差价到现在还没收到。"},
           {{"重复扣款"},
            {"同一个订单被扣了两次款，每次{amount}，请尽快退还多扣的钱。"},
            "麻烦您提供一下两笔扣款的支付截图，以便我们与支付平台核对。",
            "截图已经上传了，两笔都是同一天扣的。",
            "已核实确实重复扣款，多扣的{amount}已原路退回，预计1到3个工作日到账。",
            "已提交支付平台核查，一般需要2个工作日，预计{date}前完成。",
            "退款到现在还没收到。"},
           {{"发票抬头填错了"},
            {"我的发票抬头填错了，能重新开吗？订单号{order}。"},
            "可以重新开具。请提供正确的发票抬头和纳税人识别号。",
            "正确的抬头和税号我发在下面了，麻烦尽快处理。",
            "原发票已作废，新的电子发票已发送到您的邮箱，请注意查收。",
            "发票重开需要财务审核，预计{date}前完成。",
            "新发票上的抬头还是错的。"},
       }},
      {"account",
       0.10,
       0,
       {"account", "app", "login", "binding"},
       {
           {{"手表无法绑定APP"},
            {"手表一直无法和华信健康APP绑定，蓝牙能搜到，但是配对总是失败。"},
            "请问您的手机型号和系统版本是多少？APP是否是最新版本？",
            "手机是安卓14，APP已经更新到最新版了。",
            "请先在手机蓝牙设置中删除手表的配对记录，然后将手表恢复出厂设置，再在APP中重新添加设备"
            "即可。我们也已修复了该版本的配对问题。",
            "该问题已提交给APP技术团队排查，预计{date}前给您答复。",
            "按照你们说的做了，还是绑定不上。"},
           {{"账号登录不了"},
            {"我的华信账号登录不了，提示密码错误，但是我确定密码是对的。找回密码也收不到验证码。"},
            "为了保护您的账号安全，请提供注册时使用的手机号后四位和最近一次登录的大概时间。",
            "注册手机号后四位是{digits}，上周还能正常登录。",
            "已为您重置账号登录状态，验证码通道已恢复，请重新尝试找回密码。",
            "已提交给账号安全团队处理，预计{date}前恢复。",
            "还是收不到验证码。"},
           {{"更换绑定手机号"},
            {"我换了手机号，想把账号绑定的手机号改成新的，请问怎么操作？"},
            "为了核实身份，请提供原手机号的后四位和最近一笔订单的订单号。",
            "原手机号后四位是{digits}，最近的订单号是{order}。",
            "已为您完成手机号换绑，请使用新手机号登录。",
            "换绑申请需要人工审核，预计{date}前完成。",
            "新手机号还是登录不了。"},
           {{"注销账号"},
            {"我想注销我的华信账号，并删除我的个人信息。"},
            "注销后账号内的订单记录和保修信息将无法恢复。请问您确认要注销吗？",
            "确认注销。",
            "您的注销申请已提交，账号及个人信息将在15天内删除，期间可随时撤销。",
            "注销申请正在审核中，预计{date}前完成。",
            "为什么我还在收到你们的短信？"},
       }},
      {"major_complaint",
       0.04,
       2,
       {"complaint", "escalated", "12315"},
       {
           {{"严重投诉：多次联系无人处理"},
            {"我已经联系你们四次了，每次都说会处理，但是到现在快一个月了问题还是没有解决。我要正式"
             "投诉，如果今天再没有答复，我会向12315消费者投诉平台反映。"},
            "非常抱歉给您带来这么不好的体验。我是投诉处理组的负责人，会全程跟进您的问题。请问方便"
            "提供一下之前联系我们的时间吗？",
            "我是本月3号、8号和15号联系的，有两次是电话，一次是在线客服。",
            "经调查，确实是我们处理不及时，非常抱歉。我们已为您办理全额退款{amount}，并补偿一张100"
            "元优惠券。我们也已针对此事进行内部整改。",
            "您的投诉已提交公司管理层处理，我们将在{date}前给您正式答复。",
            "答应的退款到现在还没收到。"},
           {{"投诉客服态度恶劣"},
            {"昨天电话里的客服态度非常差，没说几句就挂了我的电话。我要求你们给一个说法。"},
            "非常抱歉。我们想电话与您详细沟通，请问明天上午10点到12点之间是否方便？",
            "明天上午可以，打我手机。",
            "我们已调取通话录音，客服的态度确实不符合我们的服务规范，已对相关人员进行处理。向您"
            "郑重道歉，并为您补偿{amount}。",
            "我们正在调取通话录音核实情况，将在{date}前给您正式答复。",
            "我对这个处理结果不满意，要求进一步处理。"},
           {{"要求退一赔三"},
            {"我买的{product}是翻新机，不是新机！这是欺诈行为，我要求退一赔三。"},
            "非常重视您反映的问题。麻烦您提供一下认为是翻新机的依据，例如照片或检测结果，我们会"
            "送检测中心鉴定。",
            "包装有拆封痕迹，系统里显示激活时间是上个月，照片已经上传。",
            "经检测中心鉴定，您的商品为全新正品，激活时间是出厂检测时产生的，鉴定报告已发送至您的"
            "邮箱。为表歉意，我们为您提供一年免费延保。",
            "您的商品已送检测中心鉴定，我们将在{date}前告知您鉴定结果。",
            "我对鉴定结果不认可，要求第三方检测。"},
       }},
  };
  // A watch firmware update broke data sync: two days of reports.
  const std::string_view kFirmwareAsk =
      "非常抱歉给您带来不便。请问您手表当前的固件版本号是多少？可以在手表“设置-关于”中查看。";
  const std::string_view kFirmwareAnswer = "版本号是5.2.0.118。";
  const std::string_view kFirmwareSolution =
      "我们已发布修复版本5.2.1，请在APP中检查更新并升级手表固件，升级后数据会自动同步，之前的"
      "记录也会恢复。给您带来不便，非常抱歉。";
  const std::string_view kFirmwareHold =
      "技术团队已确认是新固件的问题，正在紧急修复，预计{date}前发布修复版本，届时会通知您。";
  const std::string_view kFirmwareReopen = "升级了修复版本，还是同步不了。";
  c.incidents = {
      {"warranty",
       31,
       10,
       48,
       80,
       "fw-5-2-sync",
       "",
       {
           {{"手表升级后无法同步数据"},
            {"手表昨天升级了固件以后，步数和心率数据都无法同步到APP了。重启了好几次也没用。"},
            kFirmwareAsk,
            kFirmwareAnswer,
            kFirmwareSolution,
            kFirmwareHold,
            kFirmwareReopen},
           {{"HX Watch 5 固件更新后同步失败"},
            {"HX Watch 5 更新到新版本后一直显示“同步失败”，请问是不是新固件的问题？"},
            kFirmwareAsk,
            kFirmwareAnswer,
            kFirmwareSolution,
            kFirmwareHold,
            kFirmwareReopen},
           {{"升级固件后心率数据丢失"},
            {"升级以后手表里的心率记录全没了，APP里也看不到。什么时候能修复？"},
            kFirmwareAsk,
            kFirmwareAnswer,
            kFirmwareSolution,
            kFirmwareHold,
            kFirmwareReopen},
       }},
  };

  c.word_gap = "";
  c.agent_greeting = "{hon}，您好！";
  c.agent_signoff = "祝您生活愉快！\n\n华信电子客服中心 {agent}";
  c.customer_greetings = {"你好，", "您好，", "客服你好，"};
  c.customer_signoffs = {"谢谢！\n{full}", "谢谢。\n{full}", "{full}"};
  c.chases = {"怎么还没有人回复？请尽快处理。", "请问我的问题处理得怎么样了？",
              "已经等了很久了，能不能快一点？"};
  c.thanks = {"好的，问题已经解决了，谢谢！", "收到了，谢谢你们的帮助。", "谢谢，服务很好。"};
  c.notes = {"该客户本月已第二次联系，请优先处理。", "已核实客户身份和订单信息。",
             "客户要求电话回访，时间为工作日下午。", "客户情绪较急，请尽快回复。"};
  c.reminders = {
      "我们还没有收到您的回复。请问您的问题是否已经解决？如4天内未收到回复，"
      "我们将关闭此工单。"};
  c.phone_intro = "感谢您刚才的来电，现将电话沟通的结果确认如下。";
  c.escalation_note = "客户情绪激动，提到要向12315投诉，已转投诉处理组。";
  c.handover_note = "因交接班，由我接手跟进。";
  c.hold_note = "等待第三方（维修中心或快递公司）反馈，状态设为暂停。";
  c.months = {"1月", "2月", "3月", "4月",  "5月",  "6月",
              "7月", "8月", "9月", "10月", "11月", "12月"};
  c.weekdays = {"星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"};
  return c;
}

}  // namespace

const std::vector<TenantContent>& demo_tenants() {
  static const std::vector<TenantContent> tenants = {telecom_nl(), webshop_uk(), electronics_cn()};
  return tenants;
}

}  // namespace sp::demo
