# language: da
Egenskab: 3.2.2 Cancerindberetning – ydernummer/SOR-kode, dato for første kontakt, diagnose, lokalisation
  Manualen, afsnit 3.2.2:
  - Det er obligatorisk at angive lægens ydernummer eller en SOR-kode. Begge kan ikke angives (F04).
  - Programmet kontrollerer, at ydernummeret er på højst 6 tegn (F05).
  - Dato for første kontakt er obligatorisk (F07). Ændres datoen, slettes de andre indtastede oplysninger
    i skemaet, og de skal indtastes på ny (F08). Vores læsning: CPR, ydernummer/SOR-kode og gruppen
    bevares; alle felter under datoen ryddes.
  - Diagnosen kan kun vælges blandt de anmeldelsespligtige diagnoser (F09).
  - Anatomisk lokalisation er kun åben ved en lymfomdiagnose (F10); vores læsning: de diagnoser, der åbner
    Ann Arbor (F14), og feltet er da obligatorisk.
  I et skema (payload) skrives datoer ÅÅÅÅ-MM-DD; siderne viser og modtager DD-MM-ÅÅÅÅ.

  # -- F04 og F05: ydernummer eller SOR-kode ------------------------------------------------------------

  @F04 @overholdt
  Scenarie: Et skema med SOR-kode og uden ydernummer er gyldigt
    Givet et udfyldt skema for en brystkræft
    Og feltet "sor_kode" er "276231000016004"
    Og feltet "ydernummer" er tomt
    Når skemaet valideres
    Så er skemaet gyldigt

  @F04 @F05 @overholdt
  Scenarie: Et skema med et ydernummer på 6 tegn og uden SOR-kode er gyldigt
    Givet et udfyldt skema for en brystkræft
    Og feltet "sor_kode" er tomt
    Og feltet "ydernummer" er "012345"
    Når skemaet valideres
    Så er skemaet gyldigt
    Og skemaet har ingen advarsler

  @F04 @brudt
  Scenarie: Begge kan ikke angives – ydernummer og SOR-kode på én gang er en fejl
    Givet et udfyldt skema for en brystkræft
    Og feltet "ydernummer" er "012345"
    Og feltet "sor_kode" er "276231000016004"
    Når skemaet valideres
    Så er skemaet ugyldigt
    Og feltet "ydernummer" har fejlen "Der kan ikke angives både ydernummer og SOR-kode. Slet det ene." (F04)

  @F04 @brudt
  Scenarie: Hverken ydernummer eller SOR-kode er en fejl
    Givet et udfyldt skema for en brystkræft
    Og felterne "ydernummer" og "sor_kode" er tomme
    Når skemaet valideres
    Så er skemaet ugyldigt
    Og feltet "ydernummer" har fejlen "Angiv enten ydernummer eller SOR-kode." (F04)

  @F04 @brudt
  Scenarie: En SOR-kode med andet end cifre er en fejl
    Givet et udfyldt skema for en brystkræft
    Og feltet "sor_kode" er "27623100001600X"
    Når skemaet valideres
    Så er skemaet ugyldigt
    Og feltet "sor_kode" har fejlen "SOR-kode »27623100001600X« må kun indeholde cifre." (F04)

  @F05 @overholdt
  Abstrakt Scenario: Et ydernummer på højst 6 tegn er gyldigt
    Givet et udfyldt skema for en brystkræft
    Og feltet "sor_kode" er tomt
    Og feltet "ydernummer" er "<ydernummer>"
    Når skemaet valideres
    Så er skemaet gyldigt

    Eksempler:
      | ydernummer |
      | 1          |
      | 12345      |
      | 123456     |
      | 000001     |

  @F05 @brudt
  Abstrakt Scenario: Et ydernummer på mere end 6 tegn er en fejl
    Givet et udfyldt skema for en brystkræft
    Og feltet "sor_kode" er tomt
    Og feltet "ydernummer" er "<ydernummer>"
    Når skemaet valideres
    Så er skemaet ugyldigt
    Og feltet "ydernummer" har fejlen "Ydernummer må højst være 6 tegn (angivet: »<ydernummer>«)." (F05)

    Eksempler:
      | ydernummer   |
      | 1234567      |
      | 0123456789   |

  @F05 @overholdt
  Scenarie: Et ydernummer med bogstaver giver kun en advarsel (ydernumre er cifre – vores antagelse)
    Givet et udfyldt skema for en brystkræft
    Og feltet "sor_kode" er tomt
    Og feltet "ydernummer" er "12A45"
    Når skemaet valideres
    Så er skemaet gyldigt
    Og feltet "ydernummer" har advarslen "Ydernummer »12A45« indeholder andet end cifre. Kontrollér nummeret." (F05)

  # -- F07: dato for første kontakt ---------------------------------------------------------------------

  @F07 @overholdt
  Scenarie: Dato for første kontakt er angivet som ÅÅÅÅ-MM-DD
    Givet et udfyldt skema for en brystkræft
    Og feltet "dato_foerste_kontakt" er "2024-03-04"
    Når skemaet valideres
    Så er skemaet gyldigt
    Og feltet "dato_foerste_kontakt" er åbent og obligatorisk

  @F07 @brudt
  Scenarie: Dato for første kontakt skal udfyldes
    Givet et udfyldt skema for en brystkræft
    Og feltet "dato_foerste_kontakt" er tomt
    Når skemaet valideres
    Så er skemaet ugyldigt
    Og feltet "dato_foerste_kontakt" har fejlen "Dato for første kontakt skal udfyldes." (F07)

  @F07 @brudt
  Abstrakt Scenario: En dato, der ikke er en gyldig ÅÅÅÅ-MM-DD-dato, er en fejl
    Givet et udfyldt skema for en brystkræft
    Og feltet "dato_foerste_kontakt" er "<dato>"
    Når skemaet valideres
    Så er skemaet ugyldigt
    Og feltet "dato_foerste_kontakt" har fejlen "Dato for første kontakt: »<dato>« er ikke en gyldig dato." (F07)

    Eksempler:
      | dato       | hvorfor                                      |
      | 04-03-2024 | sidernes format DD-MM-ÅÅÅÅ, ikke et skemas  |
      | 2024-02-30 | 30. februar findes ikke                      |
      | 20240304   | uden bindestreger                            |
      | i går      | ikke en dato                                 |

  @F07 @overholdt
  Scenarie: En dato efter dags dato giver kun en advarsel
    Givet et udfyldt skema for en brystkræft
    Og feltet "dato_foerste_kontakt" er "2099-01-05"
    Og feltet "operationsdato" er "2099-01-20"
    Og ingen behandlinger
    Når skemaet valideres
    Så er skemaet gyldigt
    Og feltet "dato_foerste_kontakt" har advarslen "Dato for første kontakt ligger efter dags dato. Kontrollér datoen." (F07)

  # -- F08: en ændret dato rydder felterne under den ----------------------------------------------------

  @F08 @overholdt
  Scenarie: Ændres dato for første kontakt, ryddes alle felter under datoen, men patient og afsender bevares
    Givet et udfyldt skema for en brystkræft
    Når dato for første kontakt ændres til "2024-02-26"
    Så ryddes felterne:
      | felt                   |
      | diagnose               |
      | anatomisk_lokalisation |
      | lateralitet            |
      | t_stadie               |
      | n_stadie               |
      | m_stadie               |
      | ann_arbor              |
      | udbredelse             |
      | makroskopisk_grundlag  |
      | mikroskopisk_grundlag  |
      | histologi              |
      | morfologi              |
      | operationsdato         |
      | operationskode         |
      | behandlinger           |
      | anden_behandling_tekst |
    Og felterne "cpr", "ydernummer" og "sor_kode" bevares
    Og feltet "cpr" har stadig værdien "120355-1009"
    Og feltet "sor_kode" har stadig værdien "276231000016004"
    Og feltet "dato_foerste_kontakt" har stadig værdien "2024-02-26"

  # @F17: Histologi ryddes også, men står ikke i listen – listen viser også, at feltet er valgfrit.
  @F08 @F09 @F16 @F17 @brudt
  Scenarie: Efter en ændret dato skal oplysningerne indtastes på ny
    Givet et udfyldt skema for en brystkræft
    Når dato for første kontakt ændres til "2024-02-26"
    Og skemaet valideres
    Så har skemaet netop disse fejl:
      | felt                  | manual | besked                                                |
      | diagnose              | F09    | Diagnose (ICD-10) skal udfyldes.                      |
      | makroskopisk_grundlag | F16    | Angiv mindst ét makroskopisk grundlag for diagnosen.  |
      | mikroskopisk_grundlag | F16    | Angiv mindst ét mikroskopisk grundlag for diagnosen.  |

  @F08 @F15 @brudt
  Scenarie: Gamle oplysninger sendt med en ny dato bliver fanget – udbredelse gælder kun før 2004
    Givet et udfyldt skema for en tyktarmskræft før 2004
    Når dato for første kontakt ændres til "2024-03-04" uden at de øvrige felter ryddes
    Og skemaet valideres
    Så er skemaet ugyldigt
    Og feltet "udbredelse" har fejlen "Udbredelse kan kun angives, når dato for første kontakt ligger før 01-01-2004 (angivet: »U2«)." (F15)

  @F08 @F15 @overholdt
  Scenarie: Ændres datoen til før 2004, skal udbredelsen angives sammen med de øvrige oplysninger
    Givet et udfyldt skema for en tyktarmskræft
    Og dato for første kontakt er ændret til "2003-06-17"
    Og feltet "diagnose" er "DC189"
    Og feltet "t_stadie" er "AZCD15"
    Og feltet "n_stadie" er "AZCD31"
    Og feltet "m_stadie" er "AZCD40"
    Og feltet "udbredelse" er "U2"
    Og feltet "makroskopisk_grundlag" er "AZCK3"
    Og feltet "mikroskopisk_grundlag" er "AZCL0"
    Og feltet "histologi" er "M81403"
    Når skemaet valideres
    Så er skemaet gyldigt

  # -- F09: diagnose ------------------------------------------------------------------------------------

  @F09 @overholdt
  Abstrakt Scenario: En anmeldelsespligtig diagnose kan vælges
    Givet et udfyldt skema for en tyktarmskræft
    Og feltet "diagnose" er "<diagnose>"
    Når skemaet valideres
    Så er skemaet gyldigt

    Eksempler:
      | diagnose | tekst                                |
      | DC180    | Kræft i caecum                       |
      | DC189    | Kræft i tyktarmen UNS                |
      | DC20     | Kræft i endetarmen                   |
      | DC250    | Kræft i caput pancreatis             |
      | DC619    | Prostatakræft                        |

  @F09 @brudt
  Abstrakt Scenario: En diagnose, der ikke står på listen over anmeldelsespligtige diagnoser, er en fejl
    Givet et udfyldt skema for en tyktarmskræft
    Og feltet "diagnose" er "<diagnose>"
    Når skemaet valideres
    Så er skemaet ugyldigt
    Og feltet "diagnose" har fejlen "Diagnosen »<diagnose>« findes ikke på listen over anmeldelsespligtige diagnoser." (F09)

    Eksempler:
      | diagnose | hvorfor                                   |
      | DE109    | type 1-diabetes: ikke anmeldelsespligtig  |
      | DD300    | godartet tumor i nyre: ikke på listen     |
      | DC999    | findes ikke                               |
      | C18.0    | ICD-10 skrevet uden D og med punktum      |

  @F09 @brudt
  Scenarie: Diagnosen skal udfyldes
    Givet et udfyldt skema for en tyktarmskræft
    Og feltet "diagnose" er tomt
    Og felterne "t_stadie", "n_stadie" og "m_stadie" er tomme
    Når skemaet valideres
    Så har skemaet netop disse fejl:
      | felt     | manual | besked                           |
      | diagnose | F09    | Diagnose (ICD-10) skal udfyldes. |

  # -- F10: anatomisk lokalisation ----------------------------------------------------------------------

  @F10 @overholdt
  Scenarie: Ved en lymfomdiagnose er anatomisk lokalisation åben og obligatorisk
    Givet et udfyldt skema for et lymfom
    Og feltet "anatomisk_lokalisation" er "T000146"
    Når skemaet valideres
    Så er skemaet gyldigt
    Og feltet "anatomisk_lokalisation" er åbent og obligatorisk

  @F10 @overholdt
  Scenarie: Ved en diagnose, der ikke er et lymfom, er anatomisk lokalisation lukket
    Givet et udfyldt skema for en tyktarmskræft
    Når skemaet valideres
    Så er skemaet gyldigt
    Og feltet "anatomisk_lokalisation" er lukket

  @F10 @brudt
  Scenarie: Anatomisk lokalisation mangler ved et lymfom
    Givet et udfyldt skema for et lymfom
    Og feltet "anatomisk_lokalisation" er tomt
    Når skemaet valideres
    Så er skemaet ugyldigt
    Og feltet "anatomisk_lokalisation" har fejlen "Anatomisk lokalisation skal angives ved en lymfomdiagnose." (F10)

  @F10 @brudt
  Scenarie: Anatomisk lokalisation ved en diagnose, der ikke er et lymfom, er en fejl
    Givet et udfyldt skema for en tyktarmskræft
    Og feltet "anatomisk_lokalisation" er "T000146"
    Når skemaet valideres
    Så er skemaet ugyldigt
    Og feltet "anatomisk_lokalisation" har fejlen "Anatomisk lokalisation kan kun angives ved en lymfomdiagnose (angivet: »T000146«)." (F10)

  @F10 @brudt
  Scenarie: En lokalisation, der ikke står på listen, er en fejl
    Givet et udfyldt skema for et lymfom
    Og feltet "anatomisk_lokalisation" er "T999999"
    Når skemaet valideres
    Så er skemaet ugyldigt
    Og feltet "anatomisk_lokalisation" har fejlen "Anatomisk lokalisation: »T999999« findes ikke i kodelisten." (F10)

  # -- Plausibilitet: skemaets egne advarsler (manual: none), ikke manualens regler -----------------------
  # Tagget med checkets id i forms/cancer.yaml. Fødselsdatoen læses af CPR-nummeret: 150324-4000 er født
  # 15-03-2024 (7. ciffer 4 og år 24: 2000-tallet).

  @dato_foerste_kontakt_foer_foedsel @overholdt
  Scenarie: En første kontakt på fødselsdagen giver ingen advarsel om fødselsdatoen
    Givet et udfyldt skema for en brystkræft
    Og feltet "cpr" er "150324-4000"
    Og feltet "dato_foerste_kontakt" er "2024-03-15"
    Når skemaet valideres
    Så er skemaet gyldigt
    Og feltet "dato_foerste_kontakt" har ingen advarsler

  @dato_foerste_kontakt_foer_foedsel @brudt
  Scenarie: En første kontakt før patientens fødsel giver en advarsel
    Givet et udfyldt skema for en brystkræft
    Og feltet "cpr" er "150324-4000"
    Når skemaet valideres
    Så er skemaet gyldigt
    Og feltet "dato_foerste_kontakt" har advarslen "Dato for første kontakt ligger før patientens fødselsdato (efter CPR-nummeret). Kontrollér datoen og CPR-nummeret."

  @dato_foerste_kontakt_foer_foedsel @overholdt
  Scenarie: Et erstatnings-CPR-nummer siger ingen fødselsdato, og der advares ikke om den
    Givet et udfyldt skema for en brystkræft
    Og feltet "cpr" er "020329-1WQ3"
    Og feltet "dato_foerste_kontakt" er "1900-01-01"
    Når skemaet valideres
    Så feltet "dato_foerste_kontakt" har ingen advarsler
