# language: da
Egenskab: Handlinger på et skema (W01–W11)
  Manualen, afsnit 4: skemafunktionerne »Gem«, »Slet«, »Valider«, »Rediger«, »Indberet«, »Annuller«, »Læg i
  udbakke«, »Fjern fra udbakke« og »Print« tilbydes kun, hvor de gælder: efter skemaets bakke og brugerens
  roller i skemaets gruppe. Hvad hver handling gør, hvilken rolle den kræver, og hvad der svares, når den
  afvises, står i skemaets spec (workflow:), ikke i koden.

  Baggrund:
    Givet brugerne:
      | bruger    | gruppe              | roller                        |
      | laege     | Onkologisk Afdeling | laese, indtaste, indberette   |
      | sekretaer | Onkologisk Afdeling | laese, indtaste               |
      | laeser    | Onkologisk Afdeling | laese                         |
    Og "sekretaer" har oprettet et skema for en brystkræft
    Og "sekretaer" har slået skemaets CPR-nummer op

  @W01 @overholdt
  Scenarie: Knapperne følger bakken og brugerens roller
    Så tilbydes "sekretaer" handlingerne "Gem, Slet, Valider, Læg i udbakke, Print"
    Og tilbydes "laege" handlingerne "Gem, Slet, Valider, Indberet, Læg i udbakke, Print"
    Og tilbydes "laeser" handlingerne "Valider, Print"
    Når "laege" vælger "Indberet"
    Så tilbydes "sekretaer" handlingerne "Valider, Rediger, Print"
    Og tilbydes "laege" handlingerne "Valider, Rediger, Annuller, Print"

  @W01 @W09 @brudt
  Scenarie: En handling, der ikke gælder i bakken, afvises
    Når "sekretaer" vælger "Læg i udbakke"
    Og "sekretaer" vælger "Læg i udbakke"
    Så afvises det med beskeden "»Læg i udbakke« kan ikke bruges på et skema i bakken »Udbakke«."

  @W02 @overholdt
  Scenarie: Gem gemmer kladden – også med fejl
    Når "sekretaer" gemmer skemaet med feltet "mikroskopisk_grundlag" ændret til ""
    Så ligger skemaet i bakken "Kladde"
    Og skemaet har 1 fejl
    Og "laeser" ser feltet "mikroskopisk_grundlag" som ""

  @W02 @brudt
  Scenarie: To gemmer samtidig – den sidste får besked, og intet går tabt
    Givet "laege" har åbnet skemaet
    Og "sekretaer" har åbnet skemaet
    Når "laege" gemmer det åbnede skema med feltet "ydernummer" ændret til "012345"
    Og "sekretaer" gemmer det åbnede skema med feltet "ydernummer" ændret til "054321"
    Så afvises det med beskeden "Skemaet er blevet ændret af en anden, siden du åbnede det, så dine ændringer er ikke gemt. Åbn skemaet igen for at se den nye udgave, og indtast dine ændringer der."
    Og "laeser" ser feltet "ydernummer" som "012345"

  @W03 @overholdt
  Scenarie: Slet spørger først og sletter så skemaet for altid
    Når "sekretaer" vælger "Slet"
    Så afvises det med spørgsmålet "Skemaet slettes og kan ikke genfindes. Vil du slette skemaet?"
    Når "sekretaer" vælger "Slet" og svarer "Ja"
    Så er skemaet slettet
    Og "laeser" kan ikke finde skemaet

  @W03 @W05 @brudt
  Scenarie: Et indberettet skema kan ikke slettes – heller ikke efter Rediger
    Når "laege" vælger "Indberet"
    Og "sekretaer" vælger "Rediger"
    Og "sekretaer" vælger "Slet" og svarer "Ja"
    Så afvises det med beskeden "Et indberettet skema kan ikke slettes, kun annulleres."

  @W04 @W07 @brudt
  Scenarie: Indberet validerer først, og alle fejl vises samlet
    Givet "sekretaer" har gemt skemaet med feltet "lateralitet" ændret til "TUL9"
    Og "sekretaer" har gemt skemaet med feltet "mikroskopisk_grundlag" ændret til ""
    Når "laege" vælger "Indberet"
    Så afvises det med beskeden "Skemaet kan ikke indberettes, fordi det har 2 fejl. Ret fejlene, og prøv igen."
    Og afvisningen har fejlen "Lateralitet: »TUL9« findes ikke i kodelisten." på feltet "lateralitet"
    Og afvisningen har fejlen "Angiv mindst ét mikroskopisk grundlag for diagnosen." på feltet "mikroskopisk_grundlag"
    Og skemaet ligger i bakken "Kladde"

  @W04 @overholdt
  Scenarie: Valider kan bruges i enhver bakke og flytter ikke skemaet
    Når "laeser" vælger "Valider"
    Så er valideringen uden fejl
    Når "laege" vælger "Indberet"
    Og "laeser" vælger "Valider"
    Så er valideringen uden fejl
    Og skemaet ligger i bakken "Indberettet"

  @W07 @brudt
  Scenarie: Uden rollen Indberette afvises Indberet
    Når "sekretaer" vælger "Indberet"
    Så afvises det med beskeden "Du har ikke rollen »Indberette« i skemaets gruppe og kan derfor ikke bruge »Indberet«."
    Og skemaet ligger i bakken "Kladde"

  @W07 @overholdt
  Scenarie: Indberet flytter skemaet til Indberettet som version 1
    Når "laege" vælger "Indberet"
    Så ligger skemaet i bakken "Indberettet"
    Og skemaet har version 1
    Og registret har modtaget version 1 i bakken "indberettet"

  @W05 @overholdt
  Scenarie: Rediger og indberet igen giver version 2, og version 1 bevares
    Når "laege" vælger "Indberet"
    Og "sekretaer" vælger "Rediger"
    Så ligger skemaet i bakken "Kladde"
    Og skemaet har version 1
    Når "sekretaer" gemmer skemaet med feltet "histologi" ændret til "M85103"
    Og "laege" vælger "Indberet"
    Så har skemaet version 2
    Og registret har modtaget version 1 med feltet "histologi" som "M81403"
    Og registret har modtaget version 2 med feltet "histologi" som "M85103"

  @W06 @brudt
  Scenarie: CPR-nummeret kan ikke ændres, når skemaet har været indberettet
    Når "laege" vælger "Indberet"
    Og "sekretaer" vælger "Rediger"
    Og "sekretaer" gemmer skemaet med feltet "cpr" ændret til "150772-2004"
    Så afvises det med beskeden "»CPR-nr.« kan ikke ændres, når skemaet har været indberettet. Er oplysningen forkert, skal skemaet annulleres og et nyt oprettes."
    Når "sekretaer" slår CPR-nummeret "150772-2004" op
    Så afvises det med beskeden "»CPR-nr.« kan ikke ændres, når skemaet har været indberettet. Er oplysningen forkert, skal skemaet annulleres og et nyt oprettes."
    Og skemaets opslag viser stadig navnet "Jens Erik Fiktivsen"

  @W06 @overholdt
  Scenarie: Efter Rediger kan resten af skemaet ændres, og CPR-nummeret bliver stående
    Når "laege" vælger "Indberet"
    Og "sekretaer" vælger "Rediger"
    Og "sekretaer" gemmer skemaet med feltet "histologi" ændret til "M85103"
    Så ser "laeser" feltet "cpr" som "120355-1009"
    Og "laeser" ser feltet "histologi" som "M85103"

  @W08 @overholdt
  Scenarie: Annuller spørger om »Ja« og flytter skemaet til Annulleret
    Når "laege" vælger "Indberet"
    Og "laege" vælger "Annuller"
    Så afvises det med spørgsmålet "Vil du annullere skemaet? Et annulleret skema kan ikke redigeres."
    Når "laege" vælger "Annuller" og svarer "Ja"
    Så ligger skemaet i bakken "Annulleret"
    Og registret har modtaget version 1 i bakken "annulleret"
    Og tilbydes "laege" handlingerne "Valider, Print"

  @W08 @brudt
  Scenarie: Et annulleret skema kan ikke ændres
    Når "laege" vælger "Indberet"
    Og "laege" vælger "Annuller" og svarer "Ja"
    Og "laege" gemmer skemaet med feltet "histologi" ændret til "M85103"
    Så afvises det med beskeden "Skemaet ligger i bakken »Annulleret« og kan ikke ændres."
    Når "laege" vælger "Rediger"
    Så afvises det med beskeden "»Rediger« kan ikke bruges på et skema i bakken »Annulleret«."

  @W09 @overholdt
  Scenarie: Læg i udbakke flytter skemaet til Udbakke, hvor knappen ikke tilbydes
    Når "sekretaer" vælger "Læg i udbakke"
    Så ligger skemaet i bakken "Udbakke"
    Og tilbydes "sekretaer" handlingerne "Slet, Valider, Fjern fra udbakke, Print"

  @W10 @overholdt
  Scenarie: Fjern fra udbakke flytter skemaet tilbage til Kladde
    Når "sekretaer" vælger "Læg i udbakke"
    Og "sekretaer" vælger "Fjern fra udbakke"
    Så ligger skemaet i bakken "Kladde"

  @W10 @brudt
  Scenarie: Fjern fra udbakke tilbydes kun i Udbakke
    Når "sekretaer" vælger "Fjern fra udbakke"
    Så afvises det med beskeden "»Fjern fra udbakke« kan ikke bruges på et skema i bakken »Kladde«."

  @W11 @overholdt
  Scenarie: Print giver en PDF af skemaet og flytter det ikke
    Når "laeser" vælger "Print"
    Så giver handlingen en "pdf" af skemaet med valideringen
    Og skemaet ligger i bakken "Kladde"
    Og loggen viser, at "laeser" har brugt "Print" på skemaet
