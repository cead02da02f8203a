# language: da
Egenskab: 3.2.4 Udbredelse – T, N, M, Ann Arbor og udbredelse før 2004
  Manualen, afsnit 3.2.4:
  - DC00*–DC69* og DC73*–DC76*: her skal man selv sætte T, N og M (F12). For alle andre diagnoser, der
    hverken står her eller i tabellen over automatisk T, er T, N og M lukkede – fx DC70–DC72, DC81–DC96,
    DD32, DD33, DD42, DD43, DD45–DD47 og DB21x.
  - For nogle diagnoser udfyldes T automatisk og kan ikke ændres (F13); N og M vælges stadig af brugeren:
      DC77*–DC80*                                               → AZCD10 (manualen skriver »AZDC10«, en trykfejl)
      DD05*, DD06*, DD090, DD091 (carcinoma in situ)             → AZCD12 (cTis)
      DD095, DD096, DD301–DD309, DD37*–DD41*, DD44*, DD48*      → AZCD11 (Ta)
  - Ann Arbor åbner for DB211, DB212, DB213, DC81*–DC86*, DC884, DC902, DC903 og DC923 og er da
    obligatorisk (F14). En kode på listen dækker også sine underkoder (DC884A–DC884C).
  - Udbredelse åbner kun, når dato for første kontakt ligger før 01-01-2004, og skal da udfyldes (F15).

  # -- F12: T, N og M sættes af brugeren ---------------------------------------------------------------

  @F12 @overholdt
  Abstrakt Scenario: For DC00–DC69 og DC73–DC76 sætter brugeren selv T, N og M
    Givet et udfyldt skema for en tyktarmskræft
    Og feltet "diagnose" er "<diagnose>"
    Og feltet "lateralitet" er "<lateralitet>"
    Og feltet "t_stadie" er "<T>"
    Og feltet "n_stadie" er "<N>"
    Og feltet "m_stadie" er "<M>"
    Når skemaet valideres
    Så er skemaet gyldigt
    Og felterne "t_stadie", "n_stadie" og "m_stadie" er åbne og obligatoriske
    Og "t_stadie" udfyldes ikke automatisk

    Eksempler:
      | diagnose | tekst                                   | lateralitet | T       | N       | M       |
      | DC000    | Kræft i overlæbens yderside             |             | AZCD13  | AZCD30  | AZCD40  |
      | DC01     | Kræft i basis af tunge                  |             | AZCD14  | AZCD31  | AZCD40  |
      | DC119    | Kræft i næsesvælget UNS                 |             | AZCD16A | AZCD32B | AZCD41  |
      | DC159    | Kræft i spiserøret UNS                  |             | AZCD15  | AZCD39  | AZCD40  |
      | DC169    | Kræft i mavesækken UNS                  |             | AZCD19  | AZCD39  | AZCD41C |
      | DC189    | Kræft i tyktarmen UNS                   |             | AZCD13A | AZCD31A | AZCD40  |
      | DC220    | Hepatocellulært karcinom                |             | AZCD14B | AZCD30  | AZCD40  |
      | DC259    | Kræft i pancreas UNS                    |             | AZCD16  | AZCD33  | AZCD41B |
      | DC341    | Kræft i lungens overlap                 | TUL3        | AZCD13B | AZCD32  | AZCD40  |
      | DC439    | Malignt melanom i huden UNS             |             | AZCD13  | AZCD30  | AZCD40  |
      | DC509    | Brystkræft UNS                          | TUL1        | AZCD13C | AZCD31  | AZCD40  |
      | DC539    | Livmoderhalskræft                       |             | AZCD13A1 | AZCD30 | AZCD40  |
      | DC619    | Prostatakræft                           |             | AZCD14C | AZCD30  | AZCD40  |
      | DC679    | Kræft i urinblæren UNS                  |             | AZCD12  | AZCD30  | AZCD40  |
      | DC699    | Kræft i øje UNS                         | TUL2        | AZCD13  | AZCD30  | AZCD40  |
      | DC73     | Kræft i skjoldbruskkirtlen              |             | AZCD13  | AZCD30  | AZCD40  |
      | DC739    | Kræft i skjoldbruskkirtlen              |             | AZCD14  | AZCD31  | AZCD40  |
      | DC751    | Kræft i hypofysen                       |             | AZCD19  | AZCD39  | AZCD40  |
      | DC760    | Kræft i hoved, ansigt eller hals uden nærmere specificeret lokalisation | | AZCD10 | AZCD31 | AZCD40 |
      | DC768    | Kræft med anden eller dårligt specificeret lokalisation overgribende flere lokalisationer | | AZCD19 | AZCD39 | AZCD41 |

  @F12 @brudt
  Abstrakt Scenario: Mangler T, N og M for en diagnose, hvor brugeren selv sætter dem, er det tre fejl
    Givet et udfyldt skema for en tyktarmskræft
    Og feltet "diagnose" er "<diagnose>"
    Og felterne "t_stadie", "n_stadie" og "m_stadie" er tomme
    Når skemaet valideres
    Så har skemaet netop disse fejl:
      | felt     | manual | besked                                    |
      | t_stadie | F12    | T-stadie skal angives for denne diagnose. |
      | n_stadie | F12    | N-stadie skal angives for denne diagnose. |
      | m_stadie | F12    | M-stadie skal angives for denne diagnose. |

    Eksempler:
      | diagnose | tekst                          |
      | DC000    | første kode i DC00–DC69        |
      | DC189    | Kræft i tyktarmen UNS          |
      | DC619    | Prostatakræft                  |
      | DC73     | første kategori i DC73–DC76    |
      | DC768    | sidste kategori i DC73–DC76    |

  @F12 @brudt
  Abstrakt Scenario: Kun koder fra den rigtige liste kan vælges som T, N og M
    Givet et udfyldt skema for en tyktarmskræft
    Og feltet "<felt>" er "<kode>"
    Når skemaet valideres
    Så er skemaet ugyldigt
    Og feltet "<felt>" har fejlen "<navn>: »<kode>« findes ikke i kodelisten." (F12)

    Eksempler:
      | felt     | navn     | kode   | hvorfor               |
      | t_stadie | T-stadie | AZCD30 | en N-kode som T       |
      | t_stadie | T-stadie | AZCD17 | ingen sådan T-kode    |
      | n_stadie | N-stadie | AZCD40 | en M-kode som N       |
      | m_stadie | M-stadie | AZCD49 | Mx er udgået          |

  @F12 @overholdt
  Abstrakt Scenario: For diagnoser uden TNM er T, N og M lukkede, og skemaet er gyldigt uden dem
    Givet et udfyldt skema for en tyktarmskræft
    Og feltet "diagnose" er "<diagnose>"
    Og felterne "t_stadie", "n_stadie" og "m_stadie" er tomme
    Når skemaet valideres
    Så er skemaet gyldigt
    Og felterne "t_stadie", "n_stadie" og "m_stadie" er lukkede

    Eksempler:
      | diagnose | tekst                                                        |
      | DC700    | Kræft i hjernehinde                                          |
      | DC710    | Kræft i storhjernen                                          |
      | DC729    | Kræft i centralnervesystemet UNS                             |
      | DC900    | Myelomatose                                                  |
      | DC910    | Akut lymfoblastær leukæmi (ALL)                              |
      | DC920    | Akut myeloblastær leukæmi (AML)                              |
      | DC959    | Leukæmi UNS                                                  |
      | DC969    | Malign neoplasi fra lymfoidt eller hæmatopoietisk væv UNS    |
      | DD320    | Intrakranielt meningeom                                      |
      | DD339    | Godartet tumor i centralnervesystemet UNS                    |
      | DD420    | Ikke specificeret tumor i hjernehinde                        |
      | DD439    | Ikke specificeret tumor i ikke nærmere specificeret lokalisation i centralnervesystemet |
      | DD459    | Polycythaemia vera                                           |
      | DD469    | Myelodysplastisk syndrom UNS                                 |
      | DD479    | Neoplasi fra lymfoidt eller hæmatopoietisk væv af usikker eller ukendt karakter |
      | DD352    | Godartet tumor i hypofysen (hverken i F12 eller F13)         |

  @F12 @brudt
  Abstrakt Scenario: T, N eller M ved en diagnose uden TNM er en fejl – felterne er ikke åbne
    Givet et udfyldt skema for en tyktarmskræft
    Og feltet "diagnose" er "<diagnose>"
    Og feltet "t_stadie" er "AZCD14"
    Og feltet "n_stadie" er "AZCD30"
    Og feltet "m_stadie" er "AZCD40"
    Når skemaet valideres
    Så er skemaet ugyldigt
    Og felterne "t_stadie", "n_stadie" og "m_stadie" er lukkede
    Og feltet "t_stadie" har fejlen "T-stadie kan ikke angives for denne diagnose (angivet: »AZCD14«)." (F12)
    Og feltet "n_stadie" har fejlen "N-stadie kan ikke angives for denne diagnose (angivet: »AZCD30«)." (F12)
    Og feltet "m_stadie" har fejlen "M-stadie kan ikke angives for denne diagnose (angivet: »AZCD40«)." (F12)

    Eksempler:
      | diagnose | gruppe     |
      | DC700    | DC70       |
      | DC709    | DC70       |
      | DC710    | DC71       |
      | DC719    | DC71       |
      | DC720    | DC72       |
      | DC729    | DC72       |
      | DC810    | DC81–DC96  |
      | DC829    | DC81–DC96  |
      | DC839    | DC81–DC96  |
      | DC851    | DC81–DC96  |
      | DC860    | DC81–DC96  |
      | DC884    | DC81–DC96  |
      | DC900    | DC81–DC96  |
      | DC910    | DC81–DC96  |
      | DC920    | DC81–DC96  |
      | DC959    | DC81–DC96  |
      | DC969    | DC81–DC96  |
      | DD320    | DD32       |
      | DD329    | DD32       |
      | DD330    | DD33       |
      | DD339    | DD33       |
      | DD420    | DD42       |
      | DD429    | DD42       |
      | DD430    | DD43       |
      | DD439    | DD43       |
      | DD459    | DD45       |
      | DD460    | DD46       |
      | DD469    | DD46       |
      | DD470    | DD47       |
      | DD479    | DD47       |
      | DB211    | DB21x      |
      | DB212    | DB21x      |
      | DB213    | DB21x      |

  # -- F13: T udfyldes automatisk -----------------------------------------------------------------------

  @F13 @overholdt
  Abstrakt Scenario: T udfyldes automatisk efter tabellen, og N og M vælges af brugeren
    Givet et udfyldt skema for en tyktarmskræft
    Og feltet "diagnose" er "<diagnose>"
    Og feltet "lateralitet" er "<lateralitet>"
    Og feltet "t_stadie" er tomt
    Når skemaet valideres
    Så er skemaet gyldigt
    Og "t_stadie" udfyldes automatisk med "<T>"
    Og felterne "n_stadie" og "m_stadie" er åbne og obligatoriske

    Eksempler: DC77*–DC80* → AZCD10
      | diagnose | tekst                                                             | lateralitet | T      |
      | DC770    | Metastase eller kræft UNS i lymfeknude i hoved, ansigt eller hals |             | AZCD10 |
      | DC779    | Metastase eller kræft UNS i lymfeknude UNS                        |             | AZCD10 |
      | DC780    | Fjernmetastase i lunge                                            | TUL1        | AZCD10 |
      | DC786    | Metastase i retroperitonale rum eller i peritoneum                |             | AZCD10 |
      | DC787    | Fjernmetastase i leveren                                          |             | AZCD10 |
      | DC793    | Fjernmetastase i hjernen eller hjernehinder                       |             | AZCD10 |
      | DC799    | Sekundær kræftsygdom UNS                                          |             | AZCD10 |
      | DC80     | Ikke nærmere specificeret kræft (ukendt primærtumor)              |             | AZCD10 |
      | DC800    | Primær kræftsygdom uden kendt lokalisation                        |             | AZCD10 |
      | DC809    | Kræftsygdom UNS                                                   |             | AZCD10 |

    Eksempler: DD05*, DD06*, DD090, DD091 → AZCD12 (carcinoma in situ)
      | diagnose | tekst                                                             | lateralitet | T      |
      | DD050    | Lobulært carcinoma in situ i mamma                                | TUL2        | AZCD12 |
      | DD056    | Pagets sygdom i bryst (brystvorte)                                | TUL1        | AZCD12 |
      | DD059    | Carcinoma in situ i mamma UNS                                     | TUL3        | AZCD12 |
      | DD06     | Carcinoma in situ i livmoderhalsen                                |             | AZCD12 |
      | DD069    | Carcinoma in situ i livmoderhalsen UNS                            |             | AZCD12 |
      | DD090    | Carcinoma in situ (Tis) i urinblæren                              |             | AZCD12 |
      | DD091    | Carcinoma in situ (Tis) med anden eller ikke specificeret lokalisation i urinveje | | AZCD12 |
      | DD091A   | Carcinoma in situ i nyre (underkode af DD091)                     |             | AZCD12 |
      | DD091D   | Carcinoma in situ i urinrør (underkode af DD091)                  |             | AZCD12 |

    Eksempler: DD095, DD096, DD301–DD309, DD37*–DD41*, DD44*, DD48* → AZCD11 (Ta)
      | diagnose | tekst                                                             | lateralitet | T      |
      | DD095    | Non-invasiv papillær tumor (Ta) i urinblæren                      |             | AZCD11 |
      | DD096    | Non-invasiv papillær tumor (Ta) i anden eller ikke specificeret lokalisation i urinveje | | AZCD11 |
      | DD096B   | Non-invasiv papillær tumor (Ta) i nyrebækken                      |             | AZCD11 |
      | DD301    | Godartet tumor i nyrebækken                                       | TUL1        | AZCD11 |
      | DD302    | Godartet tumor i urinleder                                        | TUL2        | AZCD11 |
      | DD303    | Godartet tumor i urinblæren                                       |             | AZCD11 |
      | DD304    | Godartet tumor i urinrøret                                        |             | AZCD11 |
      | DD307    | Godartet tumor i urinveje med anden lokalisation                  |             | AZCD11 |
      | DD309    | Godartet tumor i nyre eller urinveje UNS                          |             | AZCD11 |
      | DD37     | Tumorer i mundhule og fordøjelsesorganer af usikker og ukendt karakter |        | AZCD11 |
      | DD370    | Ikke specificeret tumor i læbe, mundhule eller svælg              |             | AZCD11 |
      | DD374    | Ikke specificeret tumor i tyktarmen                               |             | AZCD11 |
      | DD380    | Ikke specificeret tumor i strubehovedet                           |             | AZCD11 |
      | DD381    | Ikke specificeret tumor i luftrør, bronkie eller lunge            | TUL3        | AZCD11 |
      | DD384    | Ikke specificeret tumor i thymus                                  |             | AZCD11 |
      | DD390    | Ikke specificeret tumor i livmoderen                              |             | AZCD11 |
      | DD391    | Ikke specificeret tumor i æggestok                                | TUL2        | AZCD11 |
      | DD400    | Ikke specificeret tumor i prostata                                |             | AZCD11 |
      | DD401    | Ikke specificeret tumor i testikel                                | TUL1        | AZCD11 |
      | DD410    | Ikke specificeret tumor i nyre                                    | TUL1        | AZCD11 |
      | DD414    | Ikke specificeret tumor i urinblæren                              |             | AZCD11 |
      | DD440    | Ikke specificeret tumor i skjoldbruskkirtlen                      |             | AZCD11 |
      | DD441    | Ikke specificeret tumor i binyre                                  | TUL2        | AZCD11 |
      | DD449    | Ikke specificeret tumor i endokrin kirtel UNS                     |             | AZCD11 |
      | DD480    | Ikke specificeret tumor i knogle eller ledbrusk                   |             | AZCD11 |
      | DD486    | Ikke specificeret tumor i mamma                                   | TUL1        | AZCD11 |
      | DD489    | Tumor af usikker eller ukendt karakter uden nærmere specificeret lokalisation | | AZCD11 |

  @F13 @overholdt
  Scenarie: Den automatiske T må gerne sendes med i skemaet
    Givet et udfyldt skema for carcinoma in situ i livmoderhalsen
    Og feltet "t_stadie" er "AZCD12"
    Når skemaet valideres
    Så er skemaet gyldigt
    Og "t_stadie" udfyldes automatisk med "AZCD12"

  @F13 @brudt
  Abstrakt Scenario: En anden T end den automatiske er en fejl – T kan ikke ændres
    Givet et udfyldt skema for en tyktarmskræft
    Og feltet "diagnose" er "<diagnose>"
    Og feltet "t_stadie" er "<givet>"
    Når skemaet valideres
    Så er skemaet ugyldigt
    Og feltet "t_stadie" har fejlen "T-stadie udfyldes automatisk med <T> for denne diagnose og kan ikke ændres (angivet: »<givet>«)." (F13)

    Eksempler:
      | diagnose | givet  | T      |
      | DC770    | AZCD13 | AZCD10 |
      | DC809    | AZCD19 | AZCD10 |
      | DD069    | AZCD13 | AZCD12 |
      | DD090    | AZCD11 | AZCD12 |
      | DD095    | AZCD12 | AZCD11 |
      | DD303    | AZCD10 | AZCD11 |
      | DD489    | AZCD13 | AZCD11 |

  @F12 @F13 @brudt
  Scenarie: Når T udfyldes automatisk, skal brugeren stadig vælge N og M
    Givet et udfyldt skema for carcinoma in situ i livmoderhalsen
    Og felterne "n_stadie" og "m_stadie" er tomme
    Når skemaet valideres
    Så har skemaet netop disse fejl:
      | felt     | manual | besked                                    |
      | n_stadie | F12    | N-stadie skal angives for denne diagnose. |
      | m_stadie | F12    | M-stadie skal angives for denne diagnose. |
    Og "t_stadie" udfyldes automatisk med "AZCD12"

  # -- F14: Ann Arbor -----------------------------------------------------------------------------------

  @F14 @F10 @overholdt
  Abstrakt Scenario: Ann Arbor åbner og er obligatorisk for hver diagnose på manualens liste
    Givet et udfyldt skema for et lymfom
    Og feltet "diagnose" er "<diagnose>"
    Og feltet "ann_arbor" er "<ann_arbor>"
    Når skemaet valideres
    Så er skemaet gyldigt
    Og feltet "ann_arbor" er åbent og obligatorisk
    Og feltet "anatomisk_lokalisation" er åbent og obligatorisk
    Og felterne "t_stadie", "n_stadie" og "m_stadie" er lukkede

    Eksempler:
      | diagnose | tekst                                                       | ann_arbor |
      | DB211    | HIV-sygdom med Burkitts lymfom                              | AZCC1     |
      | DB212    | HIV-sygdom med andet non-Hodgkins lymfom                    | AZCC1A    |
      | DB213    | HIV-sygdom med anden neoplasi i lymfoidt og bloddannende væv | AZCC1B   |
      | DC81     | Hodgkin lymfomer                                            | AZCC2     |
      | DC810    | Nodulært lymfocytdomineret Hodgkin lymfom                   | AZCC2A    |
      | DC819    | Hodgkin lymfom UNS                                          | AZCC2B    |
      | DC82     | Follikulære lymfomer                                        | AZCC3     |
      | DC829    | Follikulært lymfom UNS                                      | AZCC3A    |
      | DC833    | Diffust storcellet B-celle lymfom                           | AZCC3B    |
      | DC833F   | T-cellerigt diffust storcellet B-celle lymfom               | AZCC4     |
      | DC84     | Modne NK/T-celle lymfomer                                   | AZCC4A    |
      | DC840    | Mycosis fungoides                                           | AZCC4B    |
      | DC85     | Andre og ikke specificerede non-Hodgkin lymfomer            | AZCC99    |
      | DC859    | Lymfom (neoplasi) UNS                                       | AZCC1     |
      | DC86     | Andre NK/T-celle lymfomer                                   | AZCC2     |
      | DC866C   | Primært kutant CD30-positivt storcellet lymfom              | AZCC3     |
      | DC884    | Ekstranodalt marginalzone B-celle lymfom                    | AZCC1A    |
      | DC884A   | Lymfom af mucosa-associeret lymfoidt væv (MALT-lymfom)      | AZCC1A    |
      | DC884B   | Lymfom af hud-associeret lymfoidt væv (SALT-lymfom)         | AZCC2A    |
      | DC884C   | Lymfom af bronkie-associeret lymfoidt væv (BALT-lymfom)     | AZCC4B    |
      | DC902    | Solitært ikke-ossøst plasmacytom                            | AZCC1     |
      | DC903    | Solitært ossøst plasmacytom                                 | AZCC1     |
      | DC923    | Myeloidt sarkom                                             | AZCC2     |
      | DC923A   | Chloroma                                                    | AZCC2     |
      | DC923B   | Granulocytært sarkom                                        | AZCC2     |

  @F14 @brudt
  Abstrakt Scenario: Ann Arbor mangler ved en diagnose på listen
    Givet et udfyldt skema for et lymfom
    Og feltet "diagnose" er "<diagnose>"
    Og feltet "ann_arbor" er tomt
    Når skemaet valideres
    Så har skemaet netop disse fejl:
      | felt      | manual | besked                                            |
      | ann_arbor | F14    | Ann Arbor-stadie skal angives ved denne diagnose. |

    Eksempler:
      | diagnose |
      | DB211    |
      | DC819    |
      | DC833    |
      | DC884A   |
      | DC902    |
      | DC923    |

  @F14 @brudt
  Abstrakt Scenario: Ann Arbor ved en diagnose, der ikke står på listen, er en fejl
    Givet et udfyldt skema for et lymfom
    Og feltet "diagnose" er "<diagnose>"
    Og feltet "anatomisk_lokalisation" er tomt
    Og feltet "ann_arbor" er "AZCC2A"
    Når skemaet valideres
    Så er skemaet ugyldigt
    Og feltet "ann_arbor" er lukket
    Og feltet "ann_arbor" har fejlen "Ann Arbor kan kun angives ved lymfomdiagnoser (angivet: »AZCC2A«)." (F14)

    Eksempler: naboerne til listens koder
      | diagnose | tekst                                         |
      | DC880    | Waldenströms makroglobulinæmi                 |
      | DC882    | Anden heavy chain disease                     |
      | DC887    | Anden malign immunoproliferativ sygdom        |
      | DC889    | Malign immunoproliferativ sygdom UNS          |
      | DC900    | Myelomatose                                   |
      | DC901    | Plasmacelle leukæmi                           |
      | DC921    | Kronisk myeloid leukæmi (CML), BCR/ABL-positiv |
      | DC924    | Akut myeloblastær leukæmi, AML M3             |
      | DC910    | Akut lymfoblastær leukæmi (ALL)               |
      | DC180    | Kræft i caecum                                |

  @F14 @brudt
  Scenarie: Kun koder fra Ann Arbor-listen kan vælges
    Givet et udfyldt skema for et lymfom
    Og feltet "ann_arbor" er "AZCC5"
    Når skemaet valideres
    Så er skemaet ugyldigt
    Og feltet "ann_arbor" har fejlen "Ann Arbor: »AZCC5« findes ikke i kodelisten." (F14)

  # -- F15: udbredelse før 2004 -------------------------------------------------------------------------

  @F15 @overholdt
  Abstrakt Scenario: Før 01-01-2004 er udbredelse åben og skal vælges fra listen
    Givet et udfyldt skema for en tyktarmskræft før 2004
    Og feltet "dato_foerste_kontakt" er "<dato>"
    Og feltet "udbredelse" er "<udbredelse>"
    Når skemaet valideres
    Så er skemaet gyldigt
    Og feltet "udbredelse" er åbent og obligatorisk

    Eksempler:
      | dato       | udbredelse | tekst              |
      | 2003-12-31 | U1         | Lokaliseret        |
      | 2003-06-17 | U2         | Regional spredning |
      | 1999-01-01 | U3         | Fjernmetastaser    |
      | 1987-05-04 | U9         | Uoplyst            |

  @F15 @overholdt
  Abstrakt Scenario: Fra 01-01-2004 er udbredelse lukket
    Givet et udfyldt skema for en tyktarmskræft før 2004
    Og feltet "dato_foerste_kontakt" er "<dato>"
    Og feltet "udbredelse" er tomt
    Når skemaet valideres
    Så er skemaet gyldigt
    Og feltet "udbredelse" er lukket

    Eksempler:
      | dato       |
      | 2004-01-01 |
      | 2004-01-02 |
      | 2024-03-04 |

  @F15 @brudt
  Scenarie: Dagen før 01-01-2004 skal udbredelse udfyldes
    Givet et udfyldt skema for en tyktarmskræft før 2004
    Og feltet "dato_foerste_kontakt" er "2003-12-31"
    Og feltet "udbredelse" er tomt
    Når skemaet valideres
    Så er skemaet ugyldigt
    Og feltet "udbredelse" har fejlen "Udbredelse skal angives, når dato for første kontakt ligger før 01-01-2004." (F15)

  @F15 @brudt
  Scenarie: På 01-01-2004 er udbredelse lukket – en værdi er en fejl
    Givet et udfyldt skema for en tyktarmskræft før 2004
    Og feltet "dato_foerste_kontakt" er "2004-01-01"
    Og feltet "udbredelse" er "U2"
    Når skemaet valideres
    Så er skemaet ugyldigt
    Og feltet "udbredelse" har fejlen "Udbredelse kan kun angives, når dato for første kontakt ligger før 01-01-2004 (angivet: »U2«)." (F15)

  @F15 @brudt
  Scenarie: Kun koder fra udbredelseslisten kan vælges
    Givet et udfyldt skema for en tyktarmskræft før 2004
    Og feltet "udbredelse" er "U7"
    Når skemaet valideres
    Så er skemaet ugyldigt
    Og feltet "udbredelse" har fejlen "Udbredelse: »U7« findes ikke i kodelisten." (F15)
