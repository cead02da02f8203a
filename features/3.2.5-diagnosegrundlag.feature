# language: da
Egenskab: 3.2.5 Diagnosegrundlag – makro- og mikroskopisk grundlag, histologi, morfologi
  Manualen, afsnit 3.2.5:
  - Det er obligatorisk at angive mindst ét makro- og ét mikroskopisk grundlag for diagnosen (F16).
    Der kan vælges flere af hver.
  - Histologisk/cytologisk diagnose kan udfyldes, men er ikke obligatorisk (F17). Koden skrives M + 5 cifre
    (M81403); SKS-formen ZM81403 er den samme kode og gemmes som M81403.
  - Vælger man »Anden morfologi cancer«, åbnes et felt, hvor der skal indtastes en morfologi (F18).

  Baggrund:
    Givet et udfyldt skema for en tyktarmskræft

  # -- F16 ----------------------------------------------------------------------------------------------

  @F16 @overholdt
  Abstrakt Scenario: Mindst ét makroskopisk og ét mikroskopisk grundlag
    Givet feltet "makroskopisk_grundlag" er "<makroskopisk>"
    Og feltet "mikroskopisk_grundlag" er "<mikroskopisk>"
    Og felterne "operationsdato" og "operationskode" er tomme
    Når skemaet valideres
    Så er skemaet gyldigt
    Og felterne "makroskopisk_grundlag" og "mikroskopisk_grundlag" er åbne og obligatoriske

    Eksempler:
      | makroskopisk              | mikroskopisk       |
      | AZCK1                     | AZCL0              |
      | AZCK2                     | AZCL2              |
      | AZCK3                     | AZCL1              |
      | AZCK4                     | AZCL3              |
      | AZCK9                     | AZCL9              |
      | AZCK1, AZCK2, AZCK3       | AZCL0, AZCL1, AZCL2 |

  @F16 @brudt
  Scenarie: Makroskopisk grundlag mangler
    Givet feltet "makroskopisk_grundlag" er tomt
    Og felterne "operationsdato" og "operationskode" er tomme
    Når skemaet valideres
    Så har skemaet netop disse fejl:
      | felt                  | manual | besked                                               |
      | makroskopisk_grundlag | F16    | Angiv mindst ét makroskopisk grundlag for diagnosen. |

  @F16 @brudt
  Scenarie: Mikroskopisk grundlag mangler – en tom liste er ikke et grundlag
    Givet feltet "mikroskopisk_grundlag" har JSON-værdien []
    Når skemaet valideres
    Så har skemaet netop disse fejl:
      | felt                  | manual | besked                                               |
      | mikroskopisk_grundlag | F16    | Angiv mindst ét mikroskopisk grundlag for diagnosen. |

  @F16 @brudt
  Scenarie: Begge grundlag mangler – begge fejl vises
    Givet felterne "makroskopisk_grundlag", "mikroskopisk_grundlag", "operationsdato" og "operationskode" er tomme
    Når skemaet valideres
    Så har skemaet netop disse fejl:
      | felt                  | manual | besked                                               |
      | makroskopisk_grundlag | F16    | Angiv mindst ét makroskopisk grundlag for diagnosen. |
      | mikroskopisk_grundlag | F16    | Angiv mindst ét mikroskopisk grundlag for diagnosen. |

  @F16 @brudt
  Abstrakt Scenario: Et grundlag skal komme fra sin egen liste
    Givet feltet "<felt>" er "<koder>"
    Når skemaet valideres
    Så er skemaet ugyldigt
    Og feltet "<felt>[<nr>]" har fejlen "<navn>: »<kode>« findes ikke i kodelisten." (F16)

    Eksempler:
      | felt                  | koder        | nr | kode  | navn                  |
      | mikroskopisk_grundlag | AZCK0        | 0  | AZCK0 | Mikroskopisk grundlag |
      | mikroskopisk_grundlag | AZCL0, AZCL7 | 1  | AZCL7 | Mikroskopisk grundlag |
      | makroskopisk_grundlag | AZCK0, AZCL0 | 1  | AZCL0 | Makroskopisk grundlag |

  @F16 @brudt
  Scenarie: Det samme grundlag kan ikke vælges to gange
    Givet feltet "mikroskopisk_grundlag" er "AZCL0, AZCL0"
    Når skemaet valideres
    Så er skemaet ugyldigt
    Og feltet "mikroskopisk_grundlag[1]" har fejlen "Mikroskopisk grundlag: »AZCL0« er angivet mere end én gang." (F16)

  @F16 @brudt
  Scenarie: Et grundlag sendt som tekst i stedet for en liste er en fejl
    Givet feltet "mikroskopisk_grundlag" har JSON-værdien "AZCL0"
    Når skemaet valideres
    Så er skemaet ugyldigt
    Og feltet "mikroskopisk_grundlag" har fejlen "Mikroskopisk grundlag skal være en liste af koder." (F16)

  # -- F17 ----------------------------------------------------------------------------------------------

  @F17 @overholdt
  Scenarie: Histologi er ikke obligatorisk
    Givet feltet "histologi" er tomt
    Når skemaet valideres
    Så er skemaet gyldigt
    Og feltet "histologi" er åbent
    Og feltet "histologi" er ikke obligatorisk

  @F17 @overholdt
  Abstrakt Scenario: Histologi kan vælges fra listen
    Givet feltet "histologi" er "<histologi>"
    Når skemaet valideres
    Så er skemaet gyldigt

    Eksempler:
      | histologi | tekst                       |
      | M80103    | karcinom                    |
      | M80703    | planocellulært karcinom     |
      | M81403    | adenokarcinom               |
      | M84903    | signetringscellekarcinom    |
      | M96003    | malignt lymfom              |
      | M82461    | neuroendokrin tumor         |

  @F17 @overholdt
  Scenarie: SKS-formen ZM81403 er den samme kode og gemmes som M81403
    Givet feltet "histologi" er "ZM81403"
    Når skemaet valideres
    Så er skemaet gyldigt
    Og feltet "histologi" gemmes som "M81403"

  @F17 @brudt
  Abstrakt Scenario: En histologi, der ikke står på listen, er en fejl
    Givet feltet "histologi" er "<histologi>"
    Når skemaet valideres
    Så er skemaet ugyldigt
    Og feltet "histologi" har fejlen "Histologisk/cytologisk diagnose: »<histologi>« findes ikke i kodelisten." (F17)

    Eksempler:
      | histologi | hvorfor                                                 |
      | M99999    | ikke på listen                                          |
      | M8140     | kun 4 cifre                                             |
      | adenokarcinom | teksten i stedet for koden                          |

  # -- F18 ----------------------------------------------------------------------------------------------

  @F18 @overholdt
  Abstrakt Scenario: »Anden morfologi cancer« åbner feltet Morfologi, som da skal udfyldes
    Givet feltet "histologi" er "ANDEN"
    Og feltet "morfologi" er "<morfologi>"
    Når skemaet valideres
    Så er skemaet gyldigt
    Og feltet "morfologi" er åbent og obligatorisk
    Og feltet "morfologi" gemmes som "<gemt>"

    Eksempler:
      | morfologi | gemt   |
      | M82113    | M82113 |
      | M89603    | M89603 |
      | ZM82113   | M82113 |

  @F18 @overholdt
  Scenarie: Uden »Anden morfologi cancer« er Morfologi lukket
    Givet feltet "histologi" er "M81403"
    Når skemaet valideres
    Så er skemaet gyldigt
    Og feltet "morfologi" er lukket

  @F18 @brudt
  Scenarie: Morfologi mangler, når »Anden morfologi cancer« er valgt
    Givet feltet "histologi" er "ANDEN"
    Og feltet "morfologi" er tomt
    Når skemaet valideres
    Så har skemaet netop disse fejl:
      | felt      | manual | besked                                                            |
      | morfologi | F18    | Morfologi skal angives, når »Anden morfologi cancer« er valgt. |

  @F18 @brudt
  Scenarie: Morfologi uden »Anden morfologi cancer« er en fejl
    Givet feltet "histologi" er "M81403"
    Og feltet "morfologi" er "M82113"
    Når skemaet valideres
    Så er skemaet ugyldigt
    Og feltet "morfologi" har fejlen "Morfologi kan kun angives, når »Anden morfologi cancer« er valgt (angivet: »M82113«)." (F18)

  @F18 @brudt
  Abstrakt Scenario: Morfologi skal skrives som M efterfulgt af 5 cifre
    Givet feltet "histologi" er "ANDEN"
    Og feltet "morfologi" er "<morfologi>"
    Når skemaet valideres
    Så er skemaet ugyldigt
    Og feltet "morfologi" har fejlen "Morfologi »<morfologi>« skal skrives som M efterfulgt af 5 cifre (fx M81403)." (F18)

    Eksempler:
      | morfologi |
      | 82113     |
      | M8211     |
      | M821134   |
      | m82113    |
      | 8211/3    |
