# language: da
Egenskab: Skemasiden – CPR-opslag, SOR-søgning og diagnosesøgning
  Manualen, afsnit 3.2.1 og 3.2.2, om selve siden: »Opslag« ved CPR-nummeret henter patientens navn, køn og
  adresse (F03); SOR-koden kan fremsøges under »Mit CVR – SI«, »Mit CVR – Alle«, »Statslig«, »Regional«,
  »Kommunal« og »Privat«, og hver kolonne kan filtreres (F06); diagnosen findes ved at skrive en stump af
  koden eller teksten, og en kendt kode kan tastes fuldt ud (F09). Skemaet kan bruges med tastatur og
  skærmlæser (F01: Opret skema → Cancer). Scenarierne kører i en rigtig browser mod demo-registrene
  (fiktive personer og enheder).

  Baggrund:
    Givet et nyt canceranmeldelsesskema i browseren

  @F01 @overholdt
  Scenarie: Det nye skema kan bruges med tastatur og skærmlæser (axe-core finder ingen fejl)
    Så finder axe-core ingen fejl på siden

  @F01 @W04 @overholdt
  Scenarie: Også efter »Valider« med fejl finder axe-core ingen fejl
    Når jeg klikker på "Valider"
    Så finder axe-core ingen fejl på siden

  @F03 @overholdt
  Abstrakt Scenario: Opslag henter patientens navn, køn og adresse
    Når jeg skriver "<cpr>" i feltet "CPR-nr."
    Og jeg klikker på "Opslag"
    Så viser opslaget navnet "<navn>", køn "<køn>" og adressen "<adresse>"
    Og siden husker, at der er slået op på "<cpr>"

    Eksempler:
      | cpr         | navn                    | køn    | adresse              |
      | 120355-1009 | Jens Erik Fiktivsen     | Mand   | Eksempelvej 12       |
      | 150772-2004 | Karen Margrethe Demosen | Kvinde | Fiktivgade 3, 2. th. |
      | 230847-1007 | Poul Henning Prøvesen   | Mand   | Opdigtet Allé 45     |

  @F03 @overholdt
  Scenarie: Et nummer uden bindestreg slås op og skrives med bindestreg
    Når jeg skriver "1203551009" i feltet "CPR-nr."
    Og jeg klikker på "Opslag"
    Så står der "120355-1009" i feltet "CPR-nr."
    Og siden husker, at der er slået op på "120355-1009"

  @F03 @brudt
  Abstrakt Scenario: Et nummer, der ikke kan slås op, siger hvorfor
    Når jeg skriver "<cpr>" i feltet "CPR-nr."
    Og jeg klikker på "Opslag"
    Så siger opslaget "<besked>"
    Og siden husker intet opslag

    Eksempler:
      | cpr         | besked                                                                                   |
      | 020329-1WQ3 | CPR-nummeret er et erstatnings-CPR-nummer og kan ikke slås op i CPR.                     |
      | 010101-1234 | CPR-nummeret findes ikke i CPR-registeret.                                               |
      | 320329-1009 | CPR-nummeret kan ikke slås op: de første seks cifre er ikke en gyldig dato (DDMMÅÅ).     |
      | 020329-2WQ3 | Det indtastede er ikke et CPR-nummer. Skriv det som DDMMÅÅ-SSSS.                         |

  @F06 @overholdt
  Scenarie: SOR-søgning under »Mit CVR – Alle« med filter på navnet
    Når jeg klikker på "Søg SOR-enhed"
    Og jeg vælger udvalget "Mit CVR – Alle"
    Og jeg filtrerer kolonnen "Navn" med "onkologisk afd"
    Så viser tabellen 3 enheder
    Og kolonnen "Niveau" viser "OE" i hver række
    Når jeg vælger enheden "276231000016004"
    Så står der "276231000016004" i feltet "SOR-kode"
    Og står enheden "Onkologisk Afdeling" ved feltet "SOR-kode"

  @F06 @overholdt
  Scenarie: Enhedens navn står ved SOR-koden, så længe koden står der – også en tastet kode
    Når jeg skriver "276231000016004" i feltet "SOR-kode"
    Og jeg trykker "Tab"
    Så står enheden "Onkologisk Afdeling" ved feltet "SOR-kode"
    Når jeg skriver "04-03-2024" i feltet "Dato for første kontakt"
    Og jeg trykker "Tab"
    Og jeg klikker på "Valider"
    Så står enheden "Onkologisk Afdeling" ved feltet "SOR-kode"

  @F06 @brudt
  Scenarie: En SOR-kode, som registret ikke kender, giver en advarsel ved feltet – ikke en fejl
    Når jeg skriver "123456789012345" i feltet "SOR-kode"
    Og jeg trykker "Tab"
    Så advarer siden ved feltet "SOR-kode": "SOR-koden 123456789012345 findes ikke i demo-registret, som kun kender fiktive enheder. Kontrollér koden."
    Når jeg klikker på "Valider"
    Så nævner valideringen ikke "SOR-koden 123456789012345"

  @F06 @overholdt
  Scenarie: Under »Mit CVR – SI« er alle enheder sundhedsinstitutioner
    Når jeg klikker på "Søg SOR-enhed"
    Og jeg vælger udvalget "Mit CVR – SI"
    Og jeg filtrerer kolonnen "Enhedstype" med "hospital"
    Så viser tabellen 3 enheder
    Og kolonnen "Niveau" viser "SI" i hver række

  @F06 @overholdt
  Scenarie: Filter på ydernummer under »Privat«
    Når jeg klikker på "Søg SOR-enhed"
    Og jeg vælger udvalget "Privat"
    Og jeg filtrerer kolonnen "Ydernummer" med "0"
    Så viser tabellen mindst 1 enhed
    Og kolonnen "Ydernummer" indeholder "0" i hver række

  @F06 @brudt
  Scenarie: Et filter, som ingen enhed passer på
    Når jeg klikker på "Søg SOR-enhed"
    Og jeg vælger udvalget "Regional"
    Og jeg filtrerer kolonnen "Navn" med "findes ikke"
    Så viser tabellen 0 enheder
    Og siger dialogen "Ingen enheder passer til søgningen."

  @F09 @overholdt
  Scenarie: Diagnosen findes ved en stump af teksten
    Når jeg skriver "brystkræft u" i feltet "Diagnose (ICD-10)"
    Så foreslår listen "DC509 Brystkræft UNS" og "DC506 Brystkræft i processus axillaris mammae"
    Når jeg trykker "ArrowDown" og "Enter"
    Så står der "DC509" i feltet "Diagnose (ICD-10)"
    Og teksten "Brystkræft UNS" står under feltet "Diagnose (ICD-10)"

  @F09 @overholdt
  Scenarie: Diagnosen findes ved en stump af koden
    Når jeg skriver "dc50" i feltet "Diagnose (ICD-10)"
    Så foreslår listen først "DC50 Brystkræft"

  @F09 @overholdt
  Abstrakt Scenario: En kendt kode tastet fuldt ud viser sin tekst ved Enter eller når feltet forlades
    Når jeg skriver "<kode>" i feltet "Diagnose (ICD-10)"
    Og jeg trykker "<tast>"
    Så står der "<vist>" i feltet "Diagnose (ICD-10)"
    Og teksten "<tekst>" står under feltet "Diagnose (ICD-10)"

    Eksempler:
      | kode  | tast  | vist  | tekst                                  |
      | DC509 | Enter | DC509 | Brystkræft UNS                         |
      | dc509 | Tab   | DC509 | Brystkræft UNS                         |
      | DD051 | Enter | DD051 | Intraduktalt carcinoma in situ i mamma |

  @F09 @brudt
  Scenarie: En diagnose, der ikke er anmeldelsespligtig, kan ikke vælges
    Når jeg skriver "DA000" i feltet "Diagnose (ICD-10)"
    Og jeg trykker "Enter"
    Så står teksten "Koden findes ikke i listen." under feltet "Diagnose (ICD-10)"
    Og feltet "Diagnose (ICD-10)" har fejlen "Diagnosen »DA000« findes ikke på listen over anmeldelsespligtige diagnoser."

  @F13 @overholdt
  Scenarie: Ved carcinoma in situ udfylder siden T, og T kan ikke ændres
    Når jeg skriver "DD051" i feltet "Diagnose (ICD-10)"
    Og jeg trykker "Enter"
    Så står der "AZCD12" i feltet "T-stadie"
    Og viser siden feltet "T-stadie" som udfyldt automatisk
    Og viser siden feltet "N-stadie" som åbent og obligatorisk

  @F15 @overholdt
  Scenarie: En første kontakt før 01-01-2004 åbner Udbredelse, og på 01-01-2004 lukker den igen
    Når jeg skriver "15-06-2003" i feltet "Dato for første kontakt"
    Og jeg trykker "Tab"
    Så viser siden feltet "Udbredelse" som åbent og obligatorisk
    Når jeg skriver "01-01-2004" i feltet "Dato for første kontakt"
    Og jeg trykker "Tab"
    Så viser siden feltet "Udbredelse" som lukket

  @F08 @overholdt
  Scenarie: Ændres dato for første kontakt, spørger siden først og rydder derefter felterne under datoen
    Når jeg skriver "04-03-2024" i feltet "Dato for første kontakt"
    Og jeg trykker "Tab"
    Og jeg skriver "DC509" i feltet "Diagnose (ICD-10)"
    Og jeg trykker "Enter"
    Og jeg skriver "05-03-2024" i feltet "Dato for første kontakt"
    Og jeg trykker "Tab"
    Så spørger siden "Når dato for første kontakt ændres, slettes de øvrige oplysninger under datoen"
    Når jeg klikker på "Ja"
    Så står der "" i feltet "Diagnose (ICD-10)"
    Og står der "05-03-2024" i feltet "Dato for første kontakt"


  @F12 @overholdt
  Scenarie: T-stadiets valgmuligheder viser den fælles tekst én gang
    Når jeg skriver "04-03-2024" i feltet "Dato for første kontakt"
    Og jeg trykker "Tab"
    Og jeg skriver "DC509" i feltet "Diagnose (ICD-10)"
    Og jeg trykker "Enter"
    Så viser siden feltet "T-stadie" som åbent og obligatorisk
    Og samler feltet "T-stadie" valgmulighederne "cT1 (AZCD13)" til "cT4e (AZCD16E)" under "Primær tumors størrelse/udstrækning"

  @F01 @overholdt
  Scenarie: Vejledningen står i afsnit og punkter og kan foldes sammen
    Så står vejledningen i 3 afsnit og 6 punkter
    Når jeg folder vejledningen sammen
    Så er vejledningen foldet sammen, også når siden hentes igen

  @F07 @overholdt
  Scenarie: Kalenderen er på dansk med mandag først
    Når jeg skriver "04-03-2024" i feltet "Dato for første kontakt"
    Og jeg trykker "Tab"
    Og jeg klikker på "Vælg Dato for første kontakt i kalenderen"
    Så viser kalenderen "marts 2024" med ugedagene "ma ti on to fr lø sø"
    Når jeg trykker "ArrowRight" og "Enter"
    Så står der "05-03-2024" i feltet "Dato for første kontakt"

  @F01 @overholdt
  Scenarie: Indtastede værdier, der ikke blev gemt, tilbydes igen – uden CPR-nummeret
    Når jeg skriver "120355-1009" i feltet "CPR-nr."
    Og jeg trykker "Tab"
    Og jeg skriver "04-03-2024" i feltet "Dato for første kontakt"
    Og jeg trykker "Tab"
    Og jeg skriver "DC509" i feltet "Diagnose (ICD-10)"
    Og jeg trykker "Enter"
    Og jeg henter siden igen
    Så spørger siden "Genskab indtastede værdier?" øverst
    Når jeg klikker på "Genskab"
    Så står der "04-03-2024" i feltet "Dato for første kontakt"
    Og står der "DC509" i feltet "Diagnose (ICD-10)"
    Og står der "" i feltet "CPR-nr."

  @F01 @overholdt
  Scenarie: Handlingslinjen og indholdsfortegnelsen med antal fejl pr. afsnit
    Når jeg klikker på "Valider"
    Så viser indholdsfortegnelsen "Patientoplysninger 1 fejl" og "Cancerindberetning 3 fejl"
    Og står "Valider" i handlingslinjen øverst, også når siden er rullet til bunden
    Og kan siden ses i 1280 og 390 punkters bredde
