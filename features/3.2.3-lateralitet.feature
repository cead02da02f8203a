# language: da
Egenskab: 3.2.3 Lateralitet
  Manualen, afsnit 3.2.3: Lateralitet er åben for indtastning ved de relevante diagnosekoder og skal
  udfyldes ved parrede organer. Der kan vælges én af tre muligheder: TUL1 højresidig, TUL2 venstresidig,
  TUL3 dobbeltsidig. Hvilke diagnoser: 2004-registerets regel for parrede organer plus DD05* (carcinoma in
  situ i brystet) – listen står i codelists/laterality_diagnoser.csv.

  @F11 @overholdt
  Abstrakt Scenario: Ved brystkræft kan hver af de tre muligheder vælges
    Givet et udfyldt skema for en brystkræft
    Og feltet "lateralitet" er "<lateralitet>"
    Når skemaet valideres
    Så er skemaet gyldigt
    Og feltet "lateralitet" er åbent og obligatorisk

    Eksempler:
      | lateralitet | betyder      |
      | TUL1        | højresidig   |
      | TUL2        | venstresidig |
      | TUL3        | dobbeltsidig |

  @F11 @overholdt
  Abstrakt Scenario: Lateralitet er åben og obligatorisk ved diagnoser i parrede organer
    Givet et udfyldt skema for en tyktarmskræft
    Og feltet "diagnose" er "<diagnose>"
    Og feltet "lateralitet" er "TUL1"
    Når skemaet valideres
    Så er feltet "lateralitet" åbent og obligatorisk
    Og feltet "lateralitet" har ingen fejl

    Eksempler:
      | diagnose | tekst                                        |
      | DC500    | brystvorte og areola mammae                  |
      | DC509    | brystkræft UNS                               |
      | DC341    | lungens overlap                              |
      | DC569    | æggestok                                     |
      | DC620    | ikke-nedstegen testikel                      |
      | DC649    | nyre                                         |
      | DC659    | nyrebækken                                   |
      | DC669    | urinleder                                    |
      | DC692    | retina                                       |
      | DC740    | binyrebark                                   |
      | DD051    | intraduktalt carcinoma in situ i mamma (DD05*) |

  @F11 @overholdt
  Abstrakt Scenario: Lateralitet er lukket ved diagnoser, der ikke er i parrede organer
    Givet et udfyldt skema for en tyktarmskræft
    Og feltet "diagnose" er "<diagnose>"
    Og feltet "lateralitet" er tomt
    Når skemaet valideres
    Så er feltet "lateralitet" lukket
    Og feltet "lateralitet" har ingen fejl

    Eksempler:
      | diagnose | tekst                     |
      | DC180    | caecum                    |
      | DC619    | prostata                  |
      | DC739    | skjoldbruskkirtel         |
      | DC833    | diffust storcellet B-celle lymfom |

  @F11 @brudt
  Scenarie: Lateralitet mangler ved brystkræft
    Givet et udfyldt skema for en brystkræft
    Og feltet "lateralitet" er tomt
    Når skemaet valideres
    Så er skemaet ugyldigt
    Og feltet "lateralitet" har fejlen "Lateralitet skal angives ved diagnoser i parrede organer." (F11)

  @F11 @brudt
  Scenarie: Lateralitet mangler ved carcinoma in situ i brystet (DD05*)
    Givet et udfyldt skema for carcinoma in situ i livmoderhalsen
    Og feltet "diagnose" er "DD051"
    Når skemaet valideres
    Så er skemaet ugyldigt
    Og feltet "lateralitet" har fejlen "Lateralitet skal angives ved diagnoser i parrede organer." (F11)

  @F11 @brudt
  Scenarie: Lateralitet ved en diagnose, der ikke er i et parret organ, er en fejl
    Givet et udfyldt skema for en tyktarmskræft
    Og feltet "lateralitet" er "TUL1"
    Når skemaet valideres
    Så er skemaet ugyldigt
    Og feltet "lateralitet" har fejlen "Lateralitet kan kun angives ved diagnoser i parrede organer (angivet: »TUL1«)." (F11)

  @F11 @brudt
  Abstrakt Scenario: Kun de tre muligheder kan vælges
    Givet et udfyldt skema for en brystkræft
    Og feltet "lateralitet" er "<lateralitet>"
    Når skemaet valideres
    Så er skemaet ugyldigt
    Og feltet "lateralitet" har fejlen "Lateralitet: »<lateralitet>« findes ikke i kodelisten." (F11)

    Eksempler:
      | lateralitet |
      | TUL4        |
      | V           |
      | venstre     |
