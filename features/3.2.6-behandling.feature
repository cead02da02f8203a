# language: da
Egenskab: 3.2.6 Behandling – operation og andre behandlinger
  Manualen, afsnit 3.2.6:
  - Er der foretaget en operation, skal der angives dato for denne samt operationskode. Der kan kun
    angives en operationsdato, hvis »Operation (AZCK0)« er anført som makroskopisk grundlag, og datoen
    skal ligge efter datoen for første kontakt (F19). Vores læsning af »efter«: strengt efter – samme dag
    er en fejl (sammenligningen står i skemaets spec og kan ændres).
  - Når datoen er angivet, kan der vælges en operationskode (F20). Listen over operationskoder, vi leverer,
    er ikke komplet: en velformet SKS-operationskode uden for listen giver en advarsel; en kode, der ikke
    har formen K + 3 bogstaver + 2 cifre (+ op til 2 tegn), er en fejl.
  - Andre behandlinger vælges hver for sig med et hak; en valgt behandling skal have en påbegyndt dato;
    flere kan vælges (F21). »Anden behandling« åbner et felt, hvor behandlingen beskrives (F22).

  # -- F19: operationsdato ------------------------------------------------------------------------------

  @F19 @overholdt
  Scenarie: Operation som makroskopisk grundlag åbner operationsdato, som da skal udfyldes
    Givet et udfyldt skema for en brystkræft
    Når skemaet valideres
    Så er skemaet gyldigt
    Og feltet "operationsdato" er åbent og obligatorisk

  @F19 @overholdt
  Scenarie: Operationsdatoen dagen efter første kontakt er gyldig
    Givet et udfyldt skema for en brystkræft
    Og feltet "dato_foerste_kontakt" er "2024-03-04"
    Og feltet "operationsdato" er "2024-03-05"
    Når skemaet valideres
    Så er skemaet gyldigt

  @F19 @overholdt
  Scenarie: Uden Operation (AZCK0) er operationsdato lukket, og skemaet er gyldigt uden den
    Givet et udfyldt skema for en brystkræft
    Og feltet "makroskopisk_grundlag" er "AZCK1, AZCK2"
    Og felterne "operationsdato" og "operationskode" er tomme
    Når skemaet valideres
    Så er skemaet gyldigt
    Og felterne "operationsdato" og "operationskode" er lukkede

  @F19 @brudt
  Abstrakt Scenario: Operationsdatoen skal ligge efter dato for første kontakt
    Givet et udfyldt skema for en brystkræft
    Og feltet "dato_foerste_kontakt" er "2024-03-04"
    Og feltet "operationsdato" er "<operationsdato>"
    Og ingen behandlinger
    Når skemaet valideres
    Så er skemaet ugyldigt
    Og feltet "operationsdato" har fejlen "Operationsdato skal ligge efter dato for første kontakt." (F19)

    Eksempler:
      | operationsdato | hvorfor                                       |
      | 2024-03-04     | samme dag som første kontakt (ikke »efter«)   |
      | 2024-03-03     | dagen før                                     |
      | 2023-12-31     | året før                                      |

  @F19 @brudt
  Scenarie: Operationsdato uden Operation (AZCK0) som makroskopisk grundlag er en fejl
    Givet et udfyldt skema for en brystkræft
    Og feltet "makroskopisk_grundlag" er "AZCK1"
    Og feltet "operationskode" er tomt
    Når skemaet valideres
    Så har skemaet netop disse fejl:
      | felt           | manual | besked                                                                                                         |
      | operationsdato | F19    | Operationsdato kan kun angives, når »Operation (AZCK0)« er valgt som makroskopisk grundlag (angivet: »2024-03-20«). |

  @F19 @brudt
  Scenarie: Er der foretaget en operation, skal datoen angives
    Givet et udfyldt skema for en brystkræft
    Og felterne "operationsdato" og "operationskode" er tomme
    Når skemaet valideres
    Så har skemaet netop disse fejl:
      | felt           | manual | besked                                                                                 |
      | operationsdato | F19    | Operationsdato skal angives, når »Operation (AZCK0)« er valgt som makroskopisk grundlag. |

  @F19 @brudt
  Scenarie: En operationsdato, der ikke er en dato, er en fejl
    Givet et udfyldt skema for en brystkræft
    Og feltet "operationsdato" er "20-03-2024"
    Når skemaet valideres
    Så er skemaet ugyldigt
    Og feltet "operationsdato" har fejlen "Operationsdato: »20-03-2024« er ikke en gyldig dato." (F19)

  # -- F20: operationskode ------------------------------------------------------------------------------

  @F20 @overholdt
  Abstrakt Scenario: En operationskode fra listen kan vælges, når operationsdatoen er angivet
    Givet et udfyldt skema for en brystkræft
    Og feltet "operationskode" er "<operationskode>"
    Når skemaet valideres
    Så er skemaet gyldigt
    Og skemaet har ingen advarsler
    Og feltet "operationskode" er åbent og obligatorisk

    Eksempler:
      | operationskode | tekst                                  |
      | KHAC20         | Total mastektomi                       |
      | KHAB40         | Segmentresektion af bryst (kileresektion) |
      | KPJD42C        | Excision af sentinel node i aksil      |

  @F20 @overholdt
  Abstrakt Scenario: En velformet SKS-operationskode uden for den leverede liste giver en advarsel
    Givet et udfyldt skema for en brystkræft
    Og feltet "operationskode" er "<operationskode>"
    Når skemaet valideres
    Så er skemaet gyldigt
    Og feltet "operationskode" har advarslen "Operationskode »<operationskode>« findes ikke i den medfølgende (delvise) liste over operationskoder. Kontrollér koden." (F20)

    Eksempler:
      | operationskode |
      | KHAC99         |
      | KJFB99A        |
      | KQDG10B2       |

  @F20 @brudt
  Abstrakt Scenario: En kode, der ikke er en SKS-operationskode, er en fejl
    Givet et udfyldt skema for en brystkræft
    Og feltet "operationskode" er "<operationskode>"
    Når skemaet valideres
    Så er skemaet ugyldigt
    Og feltet "operationskode" har fejlen "Operationskode »<operationskode>« er ikke en SKS-operationskode (K efterfulgt af 3 bogstaver og 2 cifre, fx KHAC20)." (F20)

    Eksempler:
      | operationskode | hvorfor                          |
      | HAC20          | uden K                           |
      | KHA20          | kun 2 bogstaver                  |
      | KHAC2          | kun 1 ciffer                     |
      | khac20         | små bogstaver                    |
      | KHAC20ABC      | 3 tegn efter cifrene             |
      | Total mastektomi | teksten i stedet for koden     |

  @F20 @brudt
  Scenarie: Med en operationsdato skal operationskoden angives
    Givet et udfyldt skema for en brystkræft
    Og feltet "operationskode" er tomt
    Når skemaet valideres
    Så har skemaet netop disse fejl:
      | felt           | manual | besked                                                              |
      | operationskode | F20    | Operationskode skal angives, når der er angivet en operationsdato. |

  @F20 @brudt
  Scenarie: En operationskode uden operationsdato er en fejl – koden kan først vælges, når datoen er angivet
    Givet et udfyldt skema for en brystkræft
    Og feltet "operationsdato" er tomt
    Når skemaet valideres
    Så er skemaet ugyldigt
    Og feltet "operationskode" er lukket
    Og feltet "operationskode" har fejlen "Operationskode kan kun angives, når operationsdatoen er angivet (angivet: »KHAC20«)." (F20)
    Og feltet "operationsdato" har fejlen "Operationsdato skal angives, når »Operation (AZCK0)« er valgt som makroskopisk grundlag." (F19)

  # -- F21: andre behandlinger --------------------------------------------------------------------------

  @F21 @overholdt
  Scenarie: Flere behandlinger kan vælges, hver med sin påbegyndte dato
    Givet et udfyldt skema for en brystkræft
    Og behandlingerne:
      | kode | startdato  |
      | BWG  | 2024-04-02 |
      | BWHA | 2024-04-15 |
      | BWHB | 2024-04-15 |
      | BWHC | 2024-05-01 |
      | BOHJ | 2024-06-10 |
    Når skemaet valideres
    Så er skemaet gyldigt
    Og skemaet har ingen advarsler

  @F21 @overholdt
  Scenarie: Ingen andre behandlinger er også gyldigt
    Givet et udfyldt skema for en brystkræft
    Og ingen behandlinger
    Når skemaet valideres
    Så er skemaet gyldigt
    Og feltet "behandlinger" er ikke obligatorisk

  @F21 @overholdt
  Scenarie: En behandling påbegyndt før første kontakt giver kun en advarsel
    Givet et udfyldt skema for en brystkræft
    Og behandlingerne:
      | kode | startdato  |
      | BWHC | 2024-02-01 |
    Når skemaet valideres
    Så er skemaet gyldigt
    Og feltet "behandlinger[0].startdato" har advarslen "Behandling »Hormonbehandling«: Påbegyndt før dato for første kontakt. Kontrollér datoen." (F21)

  @F21 @brudt
  Scenarie: En valgt behandling uden påbegyndt dato er en fejl
    Givet et udfyldt skema for en brystkræft
    Og behandlingerne:
      | kode | startdato  |
      | BWG  | 2024-04-02 |
      | BWHA |            |
    Når skemaet valideres
    Så har skemaet netop disse fejl:
      | felt                      | manual | besked                                                                                 |
      | behandlinger[1].startdato | F21    | Behandling »Kemoterapi (cytostatisk behandling)«: Angiv datoen, hvor behandlingen blev påbegyndt. |

  @F21 @brudt
  Scenarie: Den samme behandling kan ikke vælges to gange
    Givet et udfyldt skema for en brystkræft
    Og behandlingerne:
      | kode | startdato  |
      | BWHA | 2024-04-15 |
      | BWG  | 2024-04-20 |
      | BWHA | 2024-05-15 |
    Når skemaet valideres
    Så har skemaet netop disse fejl:
      | felt                 | manual | besked                                                                        |
      | behandlinger[2].kode | F21    | Behandling »Kemoterapi (cytostatisk behandling)«: Er angivet mere end én gang. |

  @F21 @brudt
  Scenarie: En behandling, der ikke står på listen, er en fejl
    Givet et udfyldt skema for en brystkræft
    Og behandlingerne:
      | kode | startdato  |
      | BWX  | 2024-04-15 |
    Når skemaet valideres
    Så er skemaet ugyldigt
    Og feltet "behandlinger[0].kode" har fejlen "Behandling »BWX«: Koden findes ikke på listen over behandlinger." (F21)

  @F21 @brudt
  Scenarie: En påbegyndt dato, der ikke findes, er en fejl
    Givet et udfyldt skema for en brystkræft
    Og behandlingerne:
      | kode | startdato  |
      | BWHA | 2024-04-31 |
    Når skemaet valideres
    Så er skemaet ugyldigt
    Og feltet "behandlinger[0].startdato" har fejlen "Behandling »Kemoterapi (cytostatisk behandling)«: Påbegyndt dato »2024-04-31« er ikke en gyldig dato." (F21)

  @F21 @brudt
  Scenarie: En behandling uden kode er en fejl
    Givet et udfyldt skema for en brystkræft
    Og behandlingerne:
      | kode | startdato  |
      |      | 2024-04-15 |
    Når skemaet valideres
    Så er skemaet ugyldigt
    Og feltet "behandlinger[0].kode" har fejlen "Behandling nr. 1: Vælg behandlingen." (F21)

  # -- F22: anden behandling ----------------------------------------------------------------------------

  @F22 @overholdt
  Scenarie: »Anden behandling« med en beskrivelse er gyldig
    Givet et udfyldt skema for en brystkræft
    Og behandlingerne:
      | kode  | startdato  |
      | BWHA  | 2024-04-15 |
      | ANDEN | 2024-05-02 |
    Og feltet "anden_behandling_tekst" er "Kryoterapi af levermetastase"
    Når skemaet valideres
    Så er skemaet gyldigt
    Og feltet "anden_behandling_tekst" er åbent og obligatorisk

  @F22 @overholdt
  Scenarie: Uden »Anden behandling« er beskrivelsesfeltet lukket
    Givet et udfyldt skema for en brystkræft
    Når skemaet valideres
    Så er skemaet gyldigt
    Og feltet "anden_behandling_tekst" er lukket

  @F22 @brudt
  Scenarie: »Anden behandling« uden beskrivelse er en fejl
    Givet et udfyldt skema for en brystkræft
    Og behandlingerne:
      | kode  | startdato  |
      | ANDEN | 2024-05-02 |
    Når skemaet valideres
    Så har skemaet netop disse fejl:
      | felt                   | manual | besked                                                           |
      | anden_behandling_tekst | F22    | Beskriv den anden behandling, når »Anden behandling« er valgt. |

  @F22 @brudt
  Scenarie: En beskrivelse uden »Anden behandling« er en fejl
    Givet et udfyldt skema for en brystkræft
    Og feltet "anden_behandling_tekst" er "Kryoterapi af levermetastase"
    Når skemaet valideres
    Så er skemaet ugyldigt
    Og feltet "anden_behandling_tekst" er lukket
    Og feltet "anden_behandling_tekst" har fejlen "Beskrivelse af anden behandling kan kun angives, når »Anden behandling« er valgt (angivet: »Kryoterapi af levermetastase«)." (F22)

  # -- Plausibilitet: skemaets egne advarsler (manual: none), ikke manualens regler -----------------------
  # Tagget med checkets id i forms/cancer.yaml. Antallet af år er konstanten plausibel_aar (5).

  @operationsdato_sent @overholdt
  Scenarie: En operation præcis fem år efter første kontakt giver ingen advarsel
    Givet et udfyldt skema for en brystkræft
    Og feltet "dato_foerste_kontakt" er "2019-03-20"
    Og feltet "operationsdato" er "2024-03-20"
    Når skemaet valideres
    Så er skemaet gyldigt
    Og feltet "operationsdato" har ingen advarsler

  @operationsdato_sent @brudt
  Scenarie: En operation mere end fem år efter første kontakt giver en advarsel
    Givet et udfyldt skema for en brystkræft
    Og feltet "dato_foerste_kontakt" er "2019-03-04"
    Og feltet "operationsdato" er "2024-03-20"
    Når skemaet valideres
    Så er skemaet gyldigt
    Og feltet "operationsdato" har advarslen "Operationsdato ligger mere end 5 år efter dato for første kontakt. Kontrollér datoerne."

  @behandling_sent @overholdt
  Scenarie: En behandling påbegyndt præcis fem år efter første kontakt giver ingen advarsel
    Givet et udfyldt skema for en brystkræft
    Og feltet "dato_foerste_kontakt" er "2019-04-15"
    Og feltet "operationsdato" er "2019-05-01"
    Og behandlingerne:
      | kode | startdato  |
      | BWHA | 2024-04-15 |
    Når skemaet valideres
    Så er skemaet gyldigt
    Og feltet "behandlinger[0].startdato" har ingen advarsler

  @behandling_sent @brudt
  Scenarie: En behandling påbegyndt mere end fem år efter første kontakt giver en advarsel, der nævner behandlingen
    Givet et udfyldt skema for en brystkræft
    Og feltet "dato_foerste_kontakt" er "2019-04-15"
    Og feltet "operationsdato" er "2019-05-01"
    Og behandlingerne:
      | kode | startdato  |
      | BWHA | 2024-04-16 |
    Når skemaet valideres
    Så er skemaet gyldigt
    Og feltet "behandlinger[0].startdato" har advarslen "Behandling »Kemoterapi (cytostatisk behandling)«: Påbegyndt mere end 5 år efter dato for første kontakt. Kontrollér datoerne."

  @behandling_fremtid @overholdt
  Scenarie: En behandling påbegyndt før dags dato giver ingen advarsel om datoen
    Givet et udfyldt skema for en brystkræft
    Når skemaet valideres
    Så er skemaet gyldigt
    Og feltet "behandlinger[0].startdato" har ingen advarsler

  @behandling_fremtid @brudt
  Scenarie: En behandling påbegyndt efter dags dato giver en advarsel
    Givet et udfyldt skema for en brystkræft
    Og behandlingerne:
      | kode | startdato  |
      | BWG  | 2099-01-05 |
    Når skemaet valideres
    Så er skemaet gyldigt
    Og feltet "behandlinger[0].startdato" har advarslen "Behandling »Strålebehandling«: Påbegyndt dato ligger efter dags dato. Kontrollér datoen."
