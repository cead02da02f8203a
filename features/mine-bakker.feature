# language: da
Egenskab: Mine bakker, Skemaer og CPR søgning (T02–T06, A05, A06)
  Manualen, afsnit 2.1: bakkerne »Kladde«, »Udbakke«, »Indberettet« og »Annulleret« deles af medlemmerne af en
  brugergruppe; »Opdater bakketæller« opdaterer tællerne. »Skemaer« viser alle gruppens skemaer af en skematype
  og kan sorteres efter CPR-nummer, bakke og version (vi kan også filtrere). »CPR søgning« viser alle skemaer i
  brugerens grupper for ét CPR-nummer, skrevet med eller uden bindestreg. Et skema i en anden gruppe findes ikke.

  Baggrund:
    Givet brugerne:
      | bruger    | gruppe              | roller                        |
      | laege     | Onkologisk Afdeling | laese, indtaste, indberette   |
      | laege     | Kirurgisk Afdeling  | laese, indtaste, indberette   |
      | sekretaer | Onkologisk Afdeling | laese, indtaste               |
      | laeser    | Onkologisk Afdeling | laese                         |
      | kirurg    | Kirurgisk Afdeling  | laese, indtaste, indberette   |

  @T02 @overholdt
  Scenarie: Gruppens medlemmer deler Kladde
    Givet "sekretaer" har oprettet skemaet "A" for en brystkræft
    Så viser bakken "Kladde" for "laeser" i "Onkologisk Afdeling" skemaet "A"
    Og bakken "Kladde" for "laege" i "Onkologisk Afdeling" viser skemaet "A"

  @T02 @A02 @brudt
  Scenarie: En anden gruppes kladder ses ikke
    Givet "sekretaer" har oprettet skemaet "A" for en brystkræft
    Så kan "kirurg" ikke se bakken "Kladde" i "Onkologisk Afdeling"
    Og "kirurg" kan ikke finde skemaet "A"

  @T03 @T04 @T05 @overholdt
  Scenarie: Skemaet flytter mellem gruppens bakker
    Givet "sekretaer" har oprettet skemaet "A" for en brystkræft
    Og "sekretaer" har slået skemaets CPR-nummer op
    Når "sekretaer" vælger "Læg i udbakke"
    Så viser bakken "Udbakke" for "laeser" i "Onkologisk Afdeling" skemaet "A"
    Når "laege" vælger "Indberet"
    Så viser bakken "Indberettet" for "laeser" i "Onkologisk Afdeling" skemaet "A"
    Og bakken "Udbakke" for "laeser" i "Onkologisk Afdeling" viser ingen skemaer
    Når "laege" vælger "Annuller" og svarer "Ja"
    Så viser bakken "Annulleret" for "laeser" i "Onkologisk Afdeling" skemaet "A"

  @T06 @overholdt
  Scenarie: Bakketællerne følger skemaerne
    Givet "sekretaer" har oprettet skemaet "A" for en brystkræft
    Og "sekretaer" har oprettet skemaet "B" for et lymfom
    Og "kirurg" har oprettet skemaet "C" for en tyktarmskræft
    Så viser Mine bakker for "laeser" i "Onkologisk Afdeling":
      | bakke       | antal |
      | Kladde      | 2     |
      | Udbakke     | 0     |
      | Indberettet | 0     |
      | Annulleret  | 0     |
    Når "sekretaer" vælger "Læg i udbakke" på skemaet "B"
    Så viser Mine bakker for "laeser" i "Onkologisk Afdeling":
      | bakke       | antal |
      | Kladde      | 1     |
      | Udbakke     | 1     |
      | Indberettet | 0     |
      | Annulleret  | 0     |

  @A06 @overholdt
  Scenarie: Skemaer sorteret efter CPR-nummer, bakke og version
    Givet "sekretaer" har oprettet skemaet "A" for en brystkræft
    Og "sekretaer" har oprettet skemaet "B" for et lymfom
    Og "sekretaer" har oprettet skemaet "C" for en tyktarmskræft
    Og skemaet "B" er indberettet af "laege"
    Og "sekretaer" har valgt "Læg i udbakke" på skemaet "C"
    Og "kirurg" har oprettet skemaet "D" for en brystkræft
    Så viser Skemaer for "laeser" i "Onkologisk Afdeling" sorteret efter "cpr":
      | skema | cpr         | bakke       | version |
      | A     | 120355-1009 | Kladde      | 0       |
      | C     | 150772-2004 | Udbakke     | 0       |
      | B     | 230847-1007 | Indberettet | 1       |
    Og Skemaer for "laeser" i "Onkologisk Afdeling" sorteret efter "state" faldende viser:
      | skema | cpr         | bakke       | version |
      | C     | 150772-2004 | Udbakke     | 0       |
      | A     | 120355-1009 | Kladde      | 0       |
      | B     | 230847-1007 | Indberettet | 1       |
    Og Skemaer for "laeser" i "Onkologisk Afdeling" sorteret efter "version" faldende viser versionerne "1, 0, 0"
    Og Skemaer for "laeser" i "Onkologisk Afdeling" i bakken "Indberettet" viser:
      | skema | cpr         | bakke       | version |
      | B     | 230847-1007 | Indberettet | 1       |

  @A05 @overholdt
  Abstrakt Scenario: CPR søgning finder skemaerne i brugerens grupper, med eller uden bindestreg
    Givet "sekretaer" har oprettet skemaet "A" for en brystkræft
    Og "laege" har oprettet skemaet "B" for en brystkræft i gruppen "Kirurgisk Afdeling"
    Og "sekretaer" har oprettet skemaet "C" for et lymfom
    Når "<bruger>" søger på CPR-nummeret "<cpr>"
    Så finder søgningen skemaerne "<fundet>"

    Eksempler:
      | bruger    | cpr         | fundet |
      | laege     | 120355-1009 | A, B   |
      | laege     | 1203551009  | A, B   |
      | sekretaer | 120355-1009 | A      |
      | kirurg    | 1203551009  | B      |
      | kirurg    | 230847-1007 |        |

  @A05 @brudt
  Scenarie: CPR søgning på noget, der ikke er et CPR-nummer
    Når "laege" søger på CPR-nummeret "12035-51009"
    Så afvises søgningen, fordi "12035-51009" ikke er et CPR-nummer
