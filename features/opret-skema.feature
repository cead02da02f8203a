# language: da
Egenskab: Opret skema – gruppe, oprettelsesdato og CPR-opslag (F01–F03)
  Manualen, afsnit 3.1, 3.2 og 3.2.1: »Opret skema → Cancer« giver en ny kladde (F01). Oprettelsesdatoen
  udfyldes af systemet, og gruppen også, når brugeren kun er i én gruppe; ellers vælges den blandt brugerens
  grupper. Et gemt skema kan ikke flyttes til en anden gruppe af brugeren – det kan en administrator (F02).
  Et CPR-nummer kan gemmes uden opslag, men der skal være slået op på nummeret, før skemaet indberettes (F03).
  Scenarierne kører mod web-appen (HTTP), som brugernes browsere sender, på SQLite og på PostgreSQL.

  Baggrund:
    Givet brugerne:
      | bruger    | gruppe              | roller                        |
      | laege     | Onkologisk Afdeling | laese, indtaste, indberette   |
      | laege     | Kirurgisk Afdeling  | laese, indtaste, indberette   |
      | sekretaer | Onkologisk Afdeling | laese, indtaste               |
      | kirurg    | Kirurgisk Afdeling  | laese, indtaste, indberette   |
      | admin     |                     | administrator                 |

  @F01 @F02 @overholdt
  Scenarie: En ny kladde får brugerens eneste gruppe og dagens dato
    Når "sekretaer" opretter et canceranmeldelsesskema
    Så ligger skemaet i bakken "Kladde"
    Og skemaet hører til gruppen "Onkologisk Afdeling"
    Og skemaet har oprettelsesdatoen "04-05-2026"
    Og skemaet har version 0

  @F02 @W02 @brudt
  Scenarie: En bruger i flere grupper skal vælge gruppen, før skemaet kan gemmes
    Når "laege" opretter et canceranmeldelsesskema
    Så afvises det med beskeden "Skemaet kan ikke gemmes, før der er valgt en gruppe."

  @F02 @overholdt
  Scenarie: En bruger i flere grupper vælger en af sine grupper
    Når "laege" opretter et canceranmeldelsesskema i gruppen "Kirurgisk Afdeling"
    Så hører skemaet til gruppen "Kirurgisk Afdeling"
    Og "kirurg" kan åbne skemaet
    Men "sekretaer" kan ikke finde skemaet

  @F02 @brudt
  Scenarie: Brugeren kan ikke flytte et gemt skema til en anden gruppe
    Givet "laege" har oprettet et canceranmeldelsesskema i gruppen "Onkologisk Afdeling"
    Når "laege" flytter skemaet til gruppen "Kirurgisk Afdeling"
    Så afvises det med beskeden "Det kan kun en administrator."
    Og skemaet hører til gruppen "Onkologisk Afdeling"

  @F02 @overholdt
  Scenarie: En administrator flytter skemaet til en anden gruppe
    Givet "sekretaer" har oprettet et canceranmeldelsesskema
    Når "admin" flytter skemaet til gruppen "Kirurgisk Afdeling"
    Så hører skemaet til gruppen "Kirurgisk Afdeling"
    Og "kirurg" kan åbne skemaet
    Men "sekretaer" kan ikke finde skemaet

  @F03 @brudt
  Scenarie: Uden CPR-opslag kan skemaet ikke indberettes
    Givet "sekretaer" har oprettet et skema for en brystkræft
    Når "laege" vælger "Indberet"
    Så afvises det med beskeden "Der skal foretages et CPR-opslag, før skemaet kan indberettes."
    Og skemaet ligger i bakken "Kladde"

  @F03 @overholdt
  Scenarie: Et CPR-opslag kan gemmes før indberetningen, og så kan skemaet indberettes
    Givet "sekretaer" har oprettet et skema for en brystkræft
    Når "sekretaer" slår CPR-nummeret "1203551009" op
    Så viser opslaget navnet "Jens Erik Fiktivsen"
    Og skemaet husker, at der er slået op på dets CPR-nummer
    Når "laege" vælger "Indberet"
    Så ligger skemaet i bakken "Indberettet"

  @F03 @brudt
  Scenarie: Et opslag gælder kun det nummer, der blev slået op
    Givet "sekretaer" har oprettet et skema for en brystkræft
    Og "sekretaer" har slået skemaets CPR-nummer op
    Når "sekretaer" gemmer skemaet med feltet "cpr" ændret til "150772-2004"
    Og "laege" vælger "Indberet"
    Så afvises det med beskeden "Der skal foretages et CPR-opslag, før skemaet kan indberettes."

  @F03 @W04 @overholdt
  Scenarie: Et erstatnings-CPR-nummer kan ikke slås op; svaret tæller som opslaget
    Givet "sekretaer" har oprettet et skema for en brystkræft
    Og "sekretaer" har gemt skemaet med feltet "cpr" ændret til "020329-1WQ3"
    Når "sekretaer" slår CPR-nummeret "020329-1WQ3" op
    Så svarer opslaget "cpr_substitute"
    Når "laege" vælger "Indberet"
    Så ligger skemaet i bakken "Indberettet"
