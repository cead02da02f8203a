# language: da
Egenskab: Log ind, brugergrupper, roller, anmodninger om roller og beskeder (A01–A04, T01)
  Manualen, afsnit 1 og 2.1: ingen ser noget uden at være logget ind (A01). Man arbejder i brugergrupper med
  roller pr. gruppe – læse, indtaste, indberette – og ser kun det, rollerne giver adgang til (A02, A04). En ny
  bruger er medlem af en gruppe, og en bruger kan være i flere (A03). Under »Anmod om brugerroller« beder
  brugeren om en rolle i en gruppe, og en administrator godkender eller afviser; svaret kommer som en besked
  under »Ulæste beskeder« (T01).
  Scenarierne kører mod web-appen (HTTP) med demo-brugerne, på SQLite og på PostgreSQL. Demo-brugerne har
  adgangskoden »demo«: laege (alle roller i begge afdelinger), sekretaer (læse og indtaste i Onkologisk
  Afdeling), laeser (læse i Onkologisk Afdeling), kirurg (alle roller i Kirurgisk Afdeling) og admin.

  @A01
  Scenarie: Uden at være logget ind ses intet
    Når en bruger, der ikke er logget ind, åbner siden "/skema/ny"
    Så sendes brugeren til siden "Log ind"
    Når en bruger, der ikke er logget ind, slår CPR-nummeret "120355-1009" op
    Så svarer serveren 401 med beskeden "Log ind for at fortsætte."
    Og er CPR-opslaget ikke foretaget

  @A01
  Scenarie: En forkert adgangskode afvises uden at sige, hvad der var forkert
    Når "sekretaer" logger ind med adgangskoden "forkert"
    Så vises fejlen "Brugernavnet eller adgangskoden er forkert."
    Og er "sekretaer" ikke logget ind
    Når "ingen-saadan" logger ind med adgangskoden "demo"
    Så vises fejlen "Brugernavnet eller adgangskoden er forkert."

  @A01
  Scenarie: Log ud afslutter adgangen med det samme
    Givet "sekretaer" er logget ind
    Når "sekretaer" logger ud
    Så sendes "sekretaer" til siden "Log ind", når skemaet åbnes igen

  @A02 @A04
  Scenarie: En bruger med kun rollen læse ser skemaet, men kan ikke skrive i det
    Givet "laeser" er logget ind
    Når "laeser" åbner et nyt skema
    Så er skemaet skrivebeskyttet med teksten "Du har kun læseadgang i denne gruppe: skemaet kan ses, men ikke ændres."

  @A02 @A04
  Scenarie: En bruger med rollen indtaste kan skrive i skemaet
    Givet "sekretaer" er logget ind
    Når "sekretaer" åbner et nyt skema
    Så kan der skrives i skemaet

  @A02
  Scenarie: Administrationen er kun for administratorer
    Givet "laege" er logget ind
    Når "laege" åbner siden "/admin"
    Så svarer serveren 403 med teksten "Det kræver, at du er administrator."

  @A03
  Scenarie: En ny bruger bliver medlem af en brugergruppe
    Givet "admin" er logget ind
    Når "admin" opretter brugeren "nyansat" med navnet "Nina Nyansat" i gruppen "Onkologisk Afdeling" med rollen "Læse"
    Så er "nyansat" medlem af "Onkologisk Afdeling" med rollerne "laese"
    Og kan "nyansat" logge ind med den nye adgangskode

  @A03
  Scenarie: En bruger i flere grupper skifter mellem dem
    Givet "laege" er logget ind
    Så kan "laege" vælge mellem grupperne "Kirurgisk Afdeling, Onkologisk Afdeling"
    Når "laege" skifter til gruppen "Kirurgisk Afdeling"
    Så er "Kirurgisk Afdeling" den aktuelle gruppe for "laege"

  @A04 @T01
  Scenarie: En anmodning om en rolle godkendes og gælder med det samme
    Givet "sekretaer" er logget ind
    Og "admin" er logget ind
    Når "sekretaer" anmoder om rollen "Indberette" i gruppen "Onkologisk Afdeling"
    Så ser "admin" en anmodning fra "sekretaer" om rollen "Indberette" i "Onkologisk Afdeling"
    Når "admin" godkender anmodningen
    Så har "sekretaer" rollerne "laese, indtaste, indberette" i "Onkologisk Afdeling"
    Og har "sekretaer" 1 ulæst besked
    Og lyder beskeden til "sekretaer" "Din anmodning om rollen »Indberette« i Onkologisk Afdeling er godkendt."

  @A04 @T01
  Scenarie: En afvist anmodning giver besked med begrundelsen og ingen ny rolle
    Givet "laeser" er logget ind
    Og "admin" er logget ind
    Når "laeser" anmoder om rollen "Indtaste" i gruppen "Onkologisk Afdeling"
    Og "admin" afviser anmodningen med begrundelsen "Kun personale i afdelingen indtaster."
    Så har "laeser" rollerne "laese" i "Onkologisk Afdeling"
    Og lyder beskeden til "laeser" "Din anmodning om rollen »Indtaste« i Onkologisk Afdeling er afvist. Begrundelse: Kun personale i afdelingen indtaster."

  @A04
  Scenarie: En anmodning om en rolle i en gruppe, der ikke findes, afvises med en klar besked
    Givet "sekretaer" er logget ind
    Når "sekretaer" anmoder om rollen "Læse" i gruppen "findes-ikke"
    Så vises fejlen "Brugergruppen findes ikke."

  @T01
  Scenarie: En læst besked tælles ikke længere som ulæst
    Givet "sekretaer" er logget ind
    Og "admin" er logget ind
    Og "sekretaer" har anmodet om rollen "Indberette" i gruppen "Onkologisk Afdeling"
    Og "admin" har godkendt anmodningen
    Når "sekretaer" markerer alle beskeder som læst
    Så har "sekretaer" 0 ulæste beskeder
