# language: da
Egenskab: 3.2.1 Patientoplysninger – CPR-nummer
  Manualen, afsnit 3.2.1 og 4.3: I feltet »CPR-nr.« indtastes patientens CPR-nummer, DDMMÅÅ-SSSS
  (bindestregen kan udelades; nummeret gemmes med den). Et ugyldigt CPR-nummer er en fejl, og skemaet kan
  ikke indberettes. Et erstatnings-CPR-nummer giver kun en advarsel: skemaet kan indberettes.
  Et nummer, der ikke opfylder modulus 11-kontrollen, er også kun en advarsel (CPR udsteder sådanne numre
  siden 2007). CPR-opslaget (F03) kontrolleres, når et gemt skema indberettes – ikke her.

  Baggrund:
    Givet et udfyldt skema for en brystkræft

  @W04 @overholdt
  Scenarie: Et gyldigt CPR-nummer giver hverken fejl eller advarsler
    Givet feltet "cpr" er "120355-1009"
    Når skemaet valideres
    Så er skemaet gyldigt
    Og skemaet har ingen advarsler

  @W04 @overholdt
  Scenarie: CPR-nummeret kan tastes uden bindestreg og gemmes med bindestreg
    Givet feltet "cpr" er "1203551009"
    Når skemaet valideres
    Så er skemaet gyldigt
    Og feltet "cpr" gemmes som "120355-1009"

  @W04 @overholdt
  Scenarie: Skuddag i år 2000 er en gyldig dato (7. ciffer 4 og år 00 giver 2000)
    Givet feltet "cpr" er "290200-4001"
    Når skemaet valideres
    Så er skemaet gyldigt

  @W04 @brudt
  Abstrakt Scenario: Et CPR-nummer, hvis første seks cifre ikke er en dato, er en fejl
    Givet feltet "cpr" er "<cpr>"
    Når skemaet valideres
    Så er skemaet ugyldigt
    Og feltet "cpr" har fejlen "CPR-nummeret »<cpr>« er ugyldigt: de første seks cifre er ikke en gyldig dato." (W04)

    Eksempler: dag, måned og skuddag
      | cpr         | hvorfor                                    |
      | 320355-1009 | dag 32                                     |
      | 001055-1009 | dag 00                                     |
      | 121355-1009 | måned 13                                   |
      | 310455-1009 | 31. april                                  |
      | 290201-1234 | 29. februar 1901 (ikke skudår)             |
      | 290200-1234 | 29. februar 1900 (7. ciffer 1: 1900-tallet) |
      | 320329-1WQ3 | erstatnings-CPR med dag 32                 |

  @W04 @brudt
  Abstrakt Scenario: Et CPR-nummer, der ikke har formen DDMMÅÅ-SSSS, er en fejl
    Givet feltet "cpr" er "<cpr>"
    Når skemaet valideres
    Så er skemaet ugyldigt
    Og feltet "cpr" har fejlen "CPR-nummeret »<cpr>« er ugyldigt: det skal have formen DDMMÅÅ-SSSS." (W04)

    Eksempler:
      | cpr          | hvorfor                                   |
      | 120355-100   | et ciffer for lidt                        |
      | 120355-10099 | et ciffer for meget                       |
      | 12035-51009  | bindestregen står forkert                 |
      | 12-03-55-1009 | skrevet som en dato                      |
      | abc          | ikke et nummer                            |
      | 020329-2WQ3  | bogstaver, men 2 er ikke et erstatningstegn |
      | 020329-1W13  | kun ét bogstav                            |

  @W04 @brudt
  Scenarie: CPR-nummeret skal udfyldes
    Givet feltet "cpr" er tomt
    Når skemaet valideres
    Så er skemaet ugyldigt
    Og feltet "cpr" har fejlen "CPR-nr. skal udfyldes." (W04)

  @W04 @brudt
  Scenarie: Et CPR-nummer sendt som tal er en fejl på feltet
    Givet feltet "cpr" har JSON-værdien 1203551009
    Når skemaet valideres
    Så er skemaet ugyldigt
    Og feltet "cpr" har fejlen "CPR-nr. skal være tekst på formen DDMMÅÅ-SSSS." (W04)

  @W04 @overholdt
  Abstrakt Scenario: Et erstatnings-CPR-nummer giver en advarsel, og skemaet kan indberettes
    Givet feltet "cpr" er "<cpr>"
    Når skemaet valideres
    Så er skemaet gyldigt
    Og feltet "cpr" har advarslen "»<cpr>« er et erstatnings-CPR-nummer. Det kan ikke slås op i CPR." (W04)

    Eksempler: X-eCPR (7. tegn 1 eller 7) og D-eCPR (7. tegn 0, 5 eller 6)
      | cpr         |
      | 020329-1WQ3 |
      | 020329-7WQ3 |
      | 020329-0WQ3 |
      | 020329-5AB2 |
      | 020329-6AB2 |

  @W04 @overholdt
  Scenarie: Erstatnings-CPR uden bindestreg gemmes med bindestreg
    Givet feltet "cpr" er "0203291WQ3"
    Når skemaet valideres
    Så er skemaet gyldigt
    Og feltet "cpr" har advarslen "»020329-1WQ3« er et erstatnings-CPR-nummer. Det kan ikke slås op i CPR." (W04)

  @W04 @overholdt
  Scenarie: Et CPR-nummer, der ikke opfylder modulus 11, giver kun en advarsel
    Givet feltet "cpr" er "120355-1008"
    Når skemaet valideres
    Så er skemaet gyldigt
    Og feltet "cpr" har advarslen "CPR-nummeret »120355-1008« opfylder ikke modulus 11-kontrollen. Kontrollér nummeret." (W04)
