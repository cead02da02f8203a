# language: da
Egenskab: 4.3 Valider – fejl, advarsler og kommandolinjen
  Manualen, afsnit 4.3: »Valider« kan bruges når som helst, og et skema valideres altid automatisk, før det
  indberettes. Fejl (rød tekstboks) forhindrer indberetning, og alle fejl vises samlet; et skema uden fejl
  giver »Valideret uden fejl« (blå). En advarsel (gul) betyder ikke, at der er fejl: skemaet kan indberettes
  alligevel – fx ved et erstatnings-CPR-nummer. Et ugyldigt CPR-nummer er en fejl (W04).

  Hospitalssystemer validerer skemaer med kommandoen `indberet validate`: ét JSON-resultat pr. skema pr.
  linje, og status 0 (alle gyldige, advarsler tilladt), 1 (fejl) eller 2 (input, der ikke er et skema).

  @W04 @overholdt
  Scenarie: Et skema uden fejl og advarsler – »Valideret uden fejl«
    Givet et udfyldt skema for en brystkræft
    Når skemaet valideres
    Så er skemaet gyldigt
    Og skemaet har ingen advarsler

  @W04 @overholdt
  Scenarie: Advarsler forhindrer ikke indberetning
    Givet et udfyldt skema for en brystkræft
    Og feltet "cpr" er "020329-1WQ3"
    Og feltet "sor_kode" er "2762310"
    Og feltet "operationskode" er "KHAC99"
    Når skemaet valideres
    Så er skemaet gyldigt
    Og feltet "cpr" har advarslen "»020329-1WQ3« er et erstatnings-CPR-nummer. Det kan ikke slås op i CPR." (W04)
    Og feltet "sor_kode" har advarslen "SOR-kode »2762310« er kortere end en SOR-kode plejer at være (mindst 11 cifre). Kontrollér koden." (F06)
    Og feltet "operationskode" har advarslen "Operationskode »KHAC99« findes ikke i den medfølgende (delvise) liste over operationskoder. Kontrollér koden." (F20)

  @W04 @F05 @F04 @F11 @F21 @brudt
  Scenarie: Alle fejl vises samlet, i skemaets rækkefølge
    Givet et udfyldt skema for en brystkræft
    Og feltet "cpr" er "320355-1009"
    Og feltet "ydernummer" er "1234567"
    Og feltet "lateralitet" er tomt
    Og behandlingerne:
      | kode | startdato |
      | BWHA |           |
    Når skemaet valideres
    Så har skemaet netop disse fejl:
      | felt                      | manual | besked                                                                            |
      | cpr                       | W04    | CPR-nummeret »320355-1009« er ugyldigt: de første seks cifre er ikke en gyldig dato. |
      | ydernummer                | F05    | Ydernummer må højst være 6 tegn (angivet: »1234567«).                             |
      | ydernummer                | F04    | Der kan ikke angives både ydernummer og SOR-kode. Slet det ene.                   |
      | lateralitet               | F11    | Lateralitet skal angives ved diagnoser i parrede organer.                         |
      | behandlinger[0].startdato | F21    | Behandling »Kemoterapi (cytostatisk behandling)«: Angiv datoen, hvor behandlingen blev påbegyndt. |

  # @F17: Histologi er åben og tom og står ikke i listen – listen viser også, at feltet er valgfrit.
  @W04 @F04 @F07 @F09 @F16 @F17 @brudt
  Scenarie: Et tomt skema kan valideres når som helst og viser alt, der mangler
    Givet et tomt skema
    Når skemaet valideres
    Så har skemaet netop disse fejl:
      | felt                  | manual | besked                                               |
      | cpr                   | W04    | CPR-nr. skal udfyldes.                               |
      | ydernummer            | F04    | Angiv enten ydernummer eller SOR-kode.               |
      | dato_foerste_kontakt  | F07    | Dato for første kontakt skal udfyldes.               |
      | diagnose              | F09    | Diagnose (ICD-10) skal udfyldes.                     |
      | makroskopisk_grundlag | F16    | Angiv mindst ét makroskopisk grundlag for diagnosen. |
      | mikroskopisk_grundlag | F16    | Angiv mindst ét mikroskopisk grundlag for diagnosen. |

  @W04 @brudt
  Scenarie: Et felt, der ikke findes i skemaet, er en fejl på det felt
    Givet et udfyldt skema for en brystkræft
    Og feltet "diagnosee" er "DC509"
    Når skemaet valideres
    Så er skemaet ugyldigt
    Og feltet "diagnosee" har fejlen "»diagnosee« er ikke et felt i skemaet."

  @W04 @F04 @F07 @F09 @F11 @F12 @F16 @F19 @F21 @brudt
  Abstrakt Scenario: En værdi af forkert type er en fejl på feltet – aldrig et nedbrud
    Givet et udfyldt skema for en brystkræft
    Og feltet "<felt>" har JSON-værdien <json>
    Når skemaet valideres
    Så er skemaet ugyldigt
    Og feltet "<fejlfelt>" har fejlen "<besked>" (<manual>)

    Eksempler:
      | felt                  | json                                            | fejlfelt              | manual | besked                                                                   |
      | cpr                   | 1203551009                                      | cpr                   | W04    | CPR-nr. skal være tekst på formen DDMMÅÅ-SSSS.                           |
      | sor_kode              | 276231000016004                                 | sor_kode              | F04    | SOR-kode skal være tekst.                                                |
      | ydernummer            | 12345                                           | ydernummer            | F04    | Ydernummer skal være tekst.                                              |
      | dato_foerste_kontakt  | 20240304                                        | dato_foerste_kontakt  | F07    | Dato for første kontakt: »20240304« er ikke en gyldig dato. |
      | diagnose              | ["DC509"]                                       | diagnose              | F09    | Diagnose (ICD-10) skal være en kode (tekst).                             |
      | lateralitet           | 2                                               | lateralitet           | F11    | Lateralitet skal være en kode (tekst).                                   |
      | t_stadie              | true                                            | t_stadie              | F12    | T-stadie skal være en kode (tekst).                                      |
      | n_stadie              | {"kode": "AZCD30"}                              | n_stadie              | F12    | N-stadie skal være en kode (tekst).                                      |
      | makroskopisk_grundlag | "AZCK0"                                         | makroskopisk_grundlag | F16    | Makroskopisk grundlag skal være en liste af koder.                       |
      | mikroskopisk_grundlag | [0]                                             | mikroskopisk_grundlag | F16    | Mikroskopisk grundlag skal være en liste af koder.                       |
      | operationsdato        | 1.5                                             | operationsdato        | F19    | Operationsdato: »1.5« er ikke en gyldig dato. |
      | behandlinger          | {"kode": "BWHA", "startdato": "2024-04-15"}     | behandlinger          | F21    | Anden behandling skal være en liste.                                     |
      | behandlinger          | [["BWHA", "2024-04-15"]]                        | behandlinger[0]       | F21    | Behandling nr. 1: Skal være et objekt med kode og påbegyndt dato.        |

  # -- Gennem kommandolinjen: `indberet validate -` med én JSON-linje på standard input ------------------

  @W04 @overholdt @kommandolinje
  Scenarie: Via kommandolinjen: et gyldigt skema giver valid true og status 0
    Givet at skemaet valideres via kommandolinjen
    Og et udfyldt skema for en brystkræft
    Når skemaet valideres
    Så er skemaet gyldigt
    Og skemaet har ingen advarsler
    Og kommandoen afslutter med status 0

  @W04 @overholdt @kommandolinje
  Scenarie: Via kommandolinjen: advarsler alene giver status 0
    Givet at skemaet valideres via kommandolinjen
    Og et udfyldt skema for en brystkræft
    Og feltet "cpr" er "020329-5AB2"
    Når skemaet valideres
    Så er skemaet gyldigt
    Og feltet "cpr" har advarslen "»020329-5AB2« er et erstatnings-CPR-nummer. Det kan ikke slås op i CPR." (W04)
    Og kommandoen afslutter med status 0

  @W04 @F11 @brudt @kommandolinje
  Scenarie: Via kommandolinjen: fejl giver status 1, og alle fejl står i resultatet
    Givet at skemaet valideres via kommandolinjen
    Og et udfyldt skema for en brystkræft
    Og feltet "cpr" er "121355-1009"
    Og feltet "lateralitet" er "TUL4"
    Når skemaet valideres
    Så har skemaet netop disse fejl:
      | felt        | manual | besked                                                                            |
      | cpr         | W04    | CPR-nummeret »121355-1009« er ugyldigt: de første seks cifre er ikke en gyldig dato. |
      | lateralitet | F11    | Lateralitet: »TUL4« findes ikke i kodelisten.                                     |
    Og kommandoen afslutter med status 1

  @F13 @overholdt @kommandolinje
  Scenarie: Via kommandolinjen: den automatiske T står i resultatet
    Givet at skemaet valideres via kommandolinjen
    Og et udfyldt skema for carcinoma in situ i livmoderhalsen
    Når skemaet valideres
    Så er skemaet gyldigt
    Og "t_stadie" udfyldes automatisk med "AZCD12"
    Og kommandoen afslutter med status 0

  @F13 @brudt @kommandolinje
  Scenarie: Via kommandolinjen: en anden T end den automatiske giver status 1
    Givet at skemaet valideres via kommandolinjen
    Og et udfyldt skema for carcinoma in situ i livmoderhalsen
    Og feltet "t_stadie" er "AZCD14"
    Når skemaet valideres
    Så er skemaet ugyldigt
    Og feltet "t_stadie" har fejlen "T-stadie udfyldes automatisk med AZCD12 for denne diagnose og kan ikke ændres (angivet: »AZCD14«)." (F13)
    Og kommandoen afslutter med status 1

  @W04 @brudt @kommandolinje
  Scenarie: Via kommandolinjen: et input, der ikke er et JSON-objekt, giver status 2 og en fejl uden felt
    Givet at skemaet valideres via kommandolinjen
    Og inputlinjen:
      """
      ["DC509"]
      """
    Når skemaet valideres
    Så er skemaet ugyldigt
    Og feltet "" har fejlen "Et skema skal være et JSON-objekt, ikke array."
    Og kommandoen afslutter med status 2
    Og kommandoen skriver "<stdin>:1" på standard error

  @W04 @brudt @kommandolinje
  Scenarie: Via kommandolinjen: et input, der ikke er JSON, giver status 2
    Givet at skemaet valideres via kommandolinjen
    Og inputlinjen:
      """
      {"cpr": NaN}
      """
    Når skemaet valideres
    Så er skemaet ugyldigt
    Og feltet "" har fejlen "Input er ikke gyldig JSON (linje 1, kolonne 9)."
    Og kommandoen afslutter med status 2
