// The Dutch telecom tenant of the demo (demo_tenant_content.hpp).
#include "demo/demo_tenant_content.hpp"

namespace sp::demo {

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
  c.hours = {{{0, 0}, {480, 1200}, {480, 1200}, {480, 1200}, {480, 1200}, {480, 1200}, {540, 1020}}};
  c.weekday_weight = {0.35, 1.3, 1.1, 1.0, 1.0, 0.9, 0.5};
  c.hour_weight = {0.10, 0.05, 0.03, 0.03, 0.03, 0.05, 0.15, 0.45, 0.90, 1.40, 1.50, 1.45,
                   1.20, 1.30, 1.35, 1.30, 1.20, 1.00, 0.80, 0.85, 0.80, 0.60, 0.40, 0.20};
  c.channel_weight = {0.28, 0.20, 0.17, 0.27, 0.08};
  c.teams = {"Facturatie en contracten", "Technische ondersteuning", "Klachtenafhandeling"};
  c.staff = {
      {{"Ingrid"}, {"Hoekstra"}, Role::Admin, -1},      {{"Mark"}, {"de Boer"}, Role::Supervisor, 0},
      {{"Fatima"}, {"El Amrani"}, Role::Supervisor, 1}, {{"Eva"}, {"Smit"}, Role::Supervisor, 2},
      {{"Sanne"}, {"Bakker"}, Role::Agent, 0},          {{"Daan"}, {"Visser"}, Role::Agent, 0},
      {{"Lotte"}, {"Mulder"}, Role::Agent, 1},          {{"Thijs"}, {"van Dam"}, Role::Agent, 1},
      {{"Kevin"}, {"Peters"}, Role::Agent, 1},          {{"Priya"}, {"Ramdin"}, Role::QaReviewer, -1},
  };
  c.customers = 260;
  c.tickets = 1900;
  c.male_first = {{"Jan"},    {"Daan"},   {"Sem"},    {"Lucas"}, {"Bram"}, {"Thomas"}, {"Ruben"},
                  {"Pieter"}, {"Willem"}, {"Joost"},  {"Henk"},  {"Kees"}, {"Stefan"}, {"Mohamed"},
                  {"Ahmed"},  {"Niels"},  {"Jeroen"}, {"Bas"},   {"Tim"},  {"Rik"}};
  c.female_first = {{"Anna"}, {"Emma"},   {"Sophie"},  {"Julia"},  {"Lisa"},     {"Fleur"},  {"Sanne"},
                    {"Iris"}, {"Maaike"}, {"Marieke"}, {"Ingrid"}, {"Annelies"}, {"Fatima"}, {"Yasmina"},
                    {"Noor"}, {"Lieke"},  {"Eline"},   {"Esther"}, {"Petra"},    {"Linda"}};
  c.last_names = {{"de Jong"},        {"Jansen"},       {"de Vries"},      {"van den Berg"}, {"van Dijk"},
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
  c.cities = {"Amsterdam", "Rotterdam", "Utrecht",  "Den Haag", "Eindhoven", "Groningen", "Tilburg",
              "Almere",    "Breda",     "Nijmegen", "Zwolle",   "Haarlem",   "Leiden",    "Amersfoort"};
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
  c.customer_signoffs = {"Groet,\n{full}", "Met vriendelijke groet,\n{full}", "Alvast bedankt!\n{first}"};
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
  c.phone_intro = "Bedankt voor uw telefoontje zojuist. Zoals beloofd zet ik het besprokene hier op een rij.";
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

}  // namespace sp::demo
