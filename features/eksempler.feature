# language: da
Egenskab: Eksemplerne i examples/ viser det, deres navn lover
  Eksemplerne i examples/ er til hospitalssystemer og til README'en (`indberet validate examples/…`).
  Hvert eksempel er et gyldigt skema uden advarsler – det holder tests/shipped/test_examples.py øje med, og
  bliver et eksempel ugyldigt efter en ændring af skemaet, siger fejlen hvilken regel, eksemplet ikke
  længere opfylder. Scenarierne her viser, hvad hvert eksempel er der for at vise.

  @F13 @overholdt
  Scenarie: Carcinoma in situ (DD069) får T udfyldt automatisk; N og M vælges af brugeren
    Givet eksemplet "in-situ-automatisk-t.json"
    Når skemaet valideres
    Så udfyldes kun "t_stadie" automatisk
    Og "t_stadie" udfyldes automatisk med "AZCD12"
    Og felterne "t_stadie", "n_stadie", "m_stadie" og "ydernummer" er åbne og obligatoriske
    Og felterne "lateralitet", "ann_arbor", "anatomisk_lokalisation", "udbredelse" og "operationsdato" er lukkede

  @F11 @F12 @F19 @F20 @overholdt
  Scenarie: Brystkræft med lateralitet, T, N, M og en operation
    Givet eksemplet "bryst-tnm-lateralitet.json"
    Når skemaet valideres
    Så udfyldes intet felt automatisk
    Og felterne "lateralitet", "t_stadie", "n_stadie", "m_stadie", "operationsdato" og "operationskode" er åbne og obligatoriske
    Og felterne "ann_arbor", "anatomisk_lokalisation", "udbredelse", "morfologi" og "anden_behandling_tekst" er lukkede

  @F10 @F14 @overholdt
  Scenarie: Et lymfom har Ann Arbor og anatomisk lokalisation og ingen TNM
    Givet eksemplet "lymfom-ann-arbor.json"
    Når skemaet valideres
    Så udfyldes intet felt automatisk
    Og felterne "ann_arbor" og "anatomisk_lokalisation" er åbne og obligatoriske
    Og felterne "t_stadie", "n_stadie", "m_stadie" og "lateralitet" er lukkede

  @F15 @overholdt
  Scenarie: En første kontakt før skæringsdatoen åbner Udbredelse
    Givet eksemplet "foer-2004-udbredelse.json"
    Når skemaet valideres
    Så udfyldes intet felt automatisk
    Og felterne "udbredelse" og "t_stadie" er åbne og obligatoriske
    Og felterne "operationsdato" og "lateralitet" er lukkede

  @F18 @F19 @F20 @overholdt
  Scenarie: »Anden morfologi cancer« og en operation
    Givet eksemplet "opereret-tyktarm.json"
    Når skemaet valideres
    Så udfyldes intet felt automatisk
    Og felterne "morfologi", "operationsdato" og "operationskode" er åbne og obligatoriske
    Og felterne "lateralitet", "udbredelse" og "anden_behandling_tekst" er lukkede

  @F21 @F22 @overholdt
  Scenarie: Flere behandlinger, heraf »Anden behandling« med sin beskrivelse
    Givet eksemplet "behandlinger-anden.json"
    Når skemaet valideres
    Så udfyldes intet felt automatisk
    Og feltet "anden_behandling_tekst" er åbent og obligatorisk
    Og felterne "operationsdato", "operationskode" og "lateralitet" er lukkede

  # @F17: linjen har ingen histologi og ingen fejl for den – listen viser også, at feltet er valgfrit.
  @W04 @F04 @F05 @F11 @F12 @F17 @brudt @kommandolinje
  Scenarie: Anden linje af payloads.jsonl viser de fejl, et system typisk laver
    Givet at skemaet valideres via kommandolinjen
    Og linje 2 af eksemplet "payloads.jsonl"
    Når skemaet valideres
    Så har skemaet netop disse fejl:
      | felt        | manual | besked                                                          |
      | ydernummer  | F05    | Ydernummer må højst være 6 tegn (angivet: »1234567«).           |
      | ydernummer  | F04    | Der kan ikke angives både ydernummer og SOR-kode. Slet det ene. |
      | lateralitet | F11    | Lateralitet skal angives ved diagnoser i parrede organer.       |
      | n_stadie    | F12    | N-stadie skal angives for denne diagnose.                       |
      | m_stadie    | F12    | M-stadie skal angives for denne diagnose.                       |
    Og kommandoen afslutter med status 1
