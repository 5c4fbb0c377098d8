<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl_NL" sourcelanguage="en">
<context>
    <name>AuditTrailDialog</name>
    <message>
        <source>Audit trail of candidate {key}</source>
        <translation>Auditspoor van kandidaat {key}</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Laden…</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Wanneer</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Wie</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Wat</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Toelichting</translation>
    </message>
    <message>
        <source>Audit trail</source>
        <translation>Auditspoor</translation>
    </message>
    <message numerus="yes">
        <source>%Ln entries (times in UTC)</source>
        <translation>
            <numerusform>%Ln regel (tijden in UTC)</numerusform>
            <numerusform>%Ln regels (tijden in UTC)</numerusform>
        </translation>
    </message>
    <message>
        <source>The audit trail could not be read.</source>
        <translation>Het auditspoor kon niet worden gelezen.</translation>
    </message>
    <message>
        <source>Audit trail…</source>
        <translation>Auditspoor…</translation>
    </message>
    <message>
        <source>Who viewed or changed this candidate, and when (teamleider)</source>
        <translation>Wie deze kandidaat heeft bekeken of gewijzigd, en wanneer (teamleider)</translation>
    </message>
</context>
<context>
    <name>CandidateEditor</name>
    <message>
        <source>The only free text an anonymised profile may hold: it goes to an employer only after you confirm it in the print preview. Write nothing about health, debts, justice, religion or family.</source>
        <translation>De enige vrije tekst die een geanonimiseerd profiel mag bevatten: hij gaat pas naar een werkgever als u hem in het afdrukvoorbeeld bevestigt. Schrijf niets over gezondheid, schulden, justitie, geloof of familie.</translation>
    </message>
    <message>
        <source>Skills and language</source>
        <translation>Vaardigheden en taal</translation>
    </message>
    <message>
        <source>Contact moments</source>
        <translation>Contactmomenten</translation>
    </message>
    <message>
        <source>Proposals</source>
        <translation>Voorstellen</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Soort</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>Aanbieder</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>End</source>
        <translation>Einde</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>Oordeel</translation>
    </message>
    <message>
        <source>Trajectories of the candidate</source>
        <translation>Trajecten van de kandidaat</translation>
    </message>
    <message>
        <source>&amp;Start trajectory…</source>
        <translation>Traject &amp;starten…</translation>
    </message>
    <message>
        <source>Allowed</source>
        <translation>Toegestaan</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Waarschuwing</translation>
    </message>
    <message>
        <source>Blocked</source>
        <translation>Geblokkeerd</translation>
    </message>
    <message>
        <source>Trajectories</source>
        <translation>Trajecten</translation>
    </message>
    <message>
        <source>Case manager</source>
        <translation>Matchmaker</translation>
    </message>
    <message>
        <source>Case manager:</source>
        <translation>Matchmaker:</translation>
    </message>
    <message>
        <source>&amp;Print profile…</source>
        <translation>Profiel afdrukken…</translation>
    </message>
    <message>
        <source>Print profile (Ctrl+P)</source>
        <translation>Profiel afdrukken (Ctrl+P)</translation>
    </message>
    <message>
        <source>Candidate {key}</source>
        <translation>Kandidaat {key}</translation>
    </message>
    <message>
        <source>New candidate</source>
        <translation>Nieuwe kandidaat</translation>
    </message>
</context>
<context>
    <name>CandidatesPage</name>
    <message>
        <source>&amp;My candidates</source>
        <translation>&amp;Mijn kandidaten</translation>
    </message>
    <message>
        <source>Doelgroep</source>
        <translation>Doelgroep</translation>
    </message>
    <message>
        <source>Doelgroep: all</source>
        <translation>Doelgroep: alle</translation>
    </message>
    <message>
        <source>Doelgroep {value}</source>
        <translation>Doelgroep {value}</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Categorie</translation>
    </message>
    <message>
        <source>Category: all</source>
        <translation>Categorie: alle</translation>
    </message>
    <message>
        <source>Category {value}</source>
        <translation>Categorie {value}</translation>
    </message>
    <message>
        <source>Municipality</source>
        <translation>Gemeente</translation>
    </message>
    <message>
        <source>Municipality: all</source>
        <translation>Gemeente: alle</translation>
    </message>
    <message>
        <source>Taaleis</source>
        <translation>Taaleis</translation>
    </message>
    <message>
        <source>Taaleis: all</source>
        <translation>Taaleis: alle</translation>
    </message>
    <message>
        <source>Taaleis: open</source>
        <translation>Taaleis: open</translation>
    </message>
    <message>
        <source>Taaleis: {value}</source>
        <translation>Taaleis: {value}</translation>
    </message>
    <message>
        <source>Young people &lt;27 without startkwalificatie</source>
        <translation>Jongeren &lt;27 zonder startkwalificatie</translation>
    </message>
    <message>
        <source>50-plus</source>
        <translation>50-plus</translation>
    </message>
    <message>
        <source>Status holder</source>
        <translation>Statushouder</translation>
    </message>
    <message>
        <source>Banenafspraak</source>
        <translation>Banenafspraak</translation>
    </message>
    <message numerus="yes">
        <source>{count} candidates</source>
        <translation>
            <numerusform>{count} kandidaat</numerusform>
            <numerusform>{count} kandidaten</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ContactsPanel</name>
    <message>
        <source>Questions at the next contact</source>
        <translation>Vragen bij volgend contact</translation>
    </message>
    <message>
        <source>Contact moments</source>
        <translation>Contactmomenten</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Soort</translation>
    </message>
    <message>
        <source>Staff member</source>
        <translation>Medewerker</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Samenvatting</translation>
    </message>
    <message>
        <source>Next contact</source>
        <translation>Volgend contact</translation>
    </message>
    <message>
        <source>Contact date</source>
        <translation>Datum contact</translation>
    </message>
    <message>
        <source>Contact type</source>
        <translation>Soort contact</translation>
    </message>
    <message>
        <source>Short report (no medical details)</source>
        <translation>Kort verslag (geen medische details)</translation>
    </message>
    <message>
        <source>Next contact on</source>
        <translation>Volgend contact op</translation>
    </message>
    <message>
        <source>Next contact date</source>
        <translation>Datum volgend contact</translation>
    </message>
    <message>
        <source>&amp;Record contact</source>
        <translation>Contact &amp;vastleggen</translation>
    </message>
    <message>
        <source>&amp;Date and type:</source>
        <translation>&amp;Datum en soort:</translation>
    </message>
    <message>
        <source>Re&amp;port:</source>
        <translation>Ve&amp;rslag:</translation>
    </message>
    <message>
        <source>&lt;b&gt;Questions at the next contact:&lt;/b&gt; {questions}</source>
        <translation>&lt;b&gt;Vragen bij volgend contact:&lt;/b&gt; {questions}</translation>
    </message>
    <message>
        <source>All data needed for matching is known.</source>
        <translation>Alle gegevens voor het matchen zijn bekend.</translation>
    </message>
</context>
<context>
    <name>DateField</name>
    <message>
        <source>dd-mm-yyyy</source>
        <translation>dd-mm-jjjj</translation>
    </message>
    <message>
        <source>Type the date as dd-mm-yyyy (also 4-7-27); Alt+Down opens the calendar</source>
        <translation>Typ de datum als dd-mm-jjjj (ook 4-7-27); Alt+Omlaag opent de kalender</translation>
    </message>
    <message>
        <source>Choose from the calendar (Alt+Down)</source>
        <translation>Kies in de kalender (Alt+Omlaag)</translation>
    </message>
    <message>
        <source>Calendar</source>
        <translation>Kalender</translation>
    </message>
</context>
<context>
    <name>EditorDialog</name>
    <message>
        <source>unknown</source>
        <translation>onbekend</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Opslaan</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Annuleren</translation>
    </message>
    <message>
        <source>Not saved: {error}</source>
        <translation>Niet opgeslagen: {error}</translation>
    </message>
    <message>
        <source>Changed at the same time</source>
        <translation>Tegelijk gewijzigd</translation>
    </message>
    <message>
        <source>{record} saved.</source>
        <translation>{record} opgeslagen.</translation>
    </message>
    <message>
        <source>Archived on {date} by {name}. Restore it to use it again.</source>
        <translation>Gearchiveerd op {date} door {name}. Zet het terug om het weer te gebruiken.</translation>
    </message>
    <message>
        <source>Re&amp;store…</source>
        <translation>Terug&amp;zetten…</translation>
    </message>
    <message>
        <source>Archive…</source>
        <translation>Archiveren…</translation>
    </message>
    <message>
        <source>Back into the lists and the matching</source>
        <translation>Terug in de lijsten en het matchen</translation>
    </message>
    <message>
        <source>Keep the record but hide it from the lists and the matching</source>
        <translation>Bewaren, maar niet meer tonen in de lijsten en niet meer matchen</translation>
    </message>
    <message>
        <source>Save or cancel your changes first.</source>
        <translation>Sla uw wijzigingen eerst op of annuleer ze.</translation>
    </message>
    <message>
        <source>Restore {record}? It is shown in the lists and matched again.</source>
        <translation>{record} terugzetten? Het wordt weer in de lijsten getoond en weer gematcht.</translation>
    </message>
    <message>
        <source>Archive {record}? It is kept with all its data, but hidden from the lists and no longer matched. You can restore it later.</source>
        <translation>{record} archiveren? Alle gegevens blijven bewaard, maar het wordt niet meer in de lijsten getoond en niet meer gematcht. U kunt het later terugzetten.</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Terugzetten</translation>
    </message>
    <message>
        <source>Archive</source>
        <translation>Archiveren</translation>
    </message>
    <message>
        <source>Not restored: {error}</source>
        <translation>Niet teruggezet: {error}</translation>
    </message>
    <message>
        <source>Not archived: {error}</source>
        <translation>Niet gearchiveerd: {error}</translation>
    </message>
    <message>
        <source>{record} restored.</source>
        <translation>{record} teruggezet.</translation>
    </message>
    <message>
        <source>{record} archived.</source>
        <translation>{record} gearchiveerd.</translation>
    </message>
    <message>
        <source>{error}

Your changes have not been saved. Do you want to load the latest version? Your own changes will then be lost.</source>
        <translation>{error}

Uw wijzigingen zijn niet opgeslagen. Wilt u de nieuwste versie laden? Uw eigen wijzigingen gaan dan verloren.</translation>
    </message>
    <message>
        <source>Changes not saved</source>
        <translation>Wijzigingen niet opgeslagen</translation>
    </message>
    <message>
        <source>You have changes that have not been saved yet. Save?</source>
        <translation>U heeft wijzigingen die nog niet zijn opgeslagen. Opslaan?</translation>
    </message>
    <message>
        <source>Draft found</source>
        <translation>Concept gevonden</translation>
    </message>
    <message>
        <source>There is an unsaved draft from {date} at {time}. Do you want to continue with it?</source>
        <translation>Er is een niet-opgeslagen concept van {date} om {time}. Wilt u daarmee verder?</translation>
    </message>
    <message>
        <source>&amp;Client number:</source>
        <translation>&amp;Klantnummer:</translation>
    </message>
    <message>
        <source>&amp;First name:</source>
        <translation>&amp;Voornaam:</translation>
    </message>
    <message>
        <source>Surname p&amp;refix:</source>
        <translation>&amp;Tussenvoegsel:</translation>
    </message>
    <message>
        <source>&amp;Surname:</source>
        <translation>Achter&amp;naam:</translation>
    </message>
    <message>
        <source>Date of &amp;birth:</source>
        <translation>&amp;Geboortedatum:</translation>
    </message>
    <message>
        <source>BS&amp;N:</source>
        <translation>&amp;BSN:</translation>
    </message>
    <message>
        <source>BSN is &amp;generated test data:</source>
        <translation>BSN is te&amp;stgegeven (gegenereerd):</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>Ad&amp;res:</translation>
    </message>
    <message>
        <source>&amp;Postcode:</source>
        <translation>&amp;Postcode:</translation>
    </message>
    <message>
        <source>&amp;Town:</source>
        <translation>&amp;Woonplaats:</translation>
    </message>
    <message>
        <source>&amp;Municipality:</source>
        <translation>Ge&amp;meente:</translation>
    </message>
    <message>
        <source>P&amp;hone:</source>
        <translation>Tele&amp;foon:</translation>
    </message>
    <message>
        <source>&amp;E-mail:</source>
        <translation>&amp;E-mail:</translation>
    </message>
    <message>
        <source>&amp;Doelgroep:</source>
        <translation>&amp;Doelgroep:</translation>
    </message>
    <message>
        <source>&amp;Category:</source>
        <translation>&amp;Categorie:</translation>
    </message>
    <message>
        <source>Bene&amp;fit:</source>
        <translation>&amp;Uitkering:</translation>
    </message>
    <message>
        <source>&amp;Banenafspraak (target group register):</source>
        <translation>&amp;Banenafspraak (doelgroepregister):</translation>
    </message>
    <message>
        <source>&amp;Sheltered work indication:</source>
        <translation>Indicatie be&amp;schut werk:</translation>
    </message>
    <message>
        <source>&amp;Wsw (existing SW employee):</source>
        <translation>&amp;Wsw (zittende SW-medewerker):</translation>
    </message>
    <message>
        <source>Status &amp;holder:</source>
        <translation>S&amp;tatushouder:</translation>
    </message>
    <message>
        <source>&amp;Language deficit:</source>
        <translation>Taalachte&amp;rstand:</translation>
    </message>
    <message>
        <source>Language &amp;requirement:</source>
        <translation>Taal&amp;eis:</translation>
    </message>
    <message>
        <source>Language requirement s&amp;ince:</source>
        <translation>Taaleis s&amp;inds:</translation>
    </message>
    <message>
        <source>Basic &amp;qualification:</source>
        <translation>Start&amp;kwalificatie:</translation>
    </message>
    <message>
        <source>&amp;Exemption until:</source>
        <translation>Ont&amp;heffing tot:</translation>
    </message>
    <message>
        <source>Wage &amp;value (%):</source>
        <translation>&amp;Loonwaarde (%):</translation>
    </message>
    <message>
        <source>&amp;Hours per week:</source>
        <translation>&amp;Uren per week:</translation>
    </message>
    <message>
        <source>&amp;Available from:</source>
        <translation>&amp;Beschikbaar vanaf:</translation>
    </message>
    <message>
        <source>&amp;Driving licences:</source>
        <translation>&amp;Rijbewijzen:</translation>
    </message>
    <message>
        <source>&amp;Max. travel distance (km):</source>
        <translation>&amp;Max. reisafstand (km):</translation>
    </message>
    <message>
        <source>Desired &amp;occupations:</source>
        <translation>&amp;Gewenste beroepen:</translation>
    </message>
    <message>
        <source>&amp;Wishes:</source>
        <translation>&amp;Wensen:</translation>
    </message>
    <message>
        <source>Te&amp;xt for the employer:</source>
        <translation>&amp;Tekst voor werkgever:</translation>
    </message>
    <message>
        <source>&amp;Limitations (functional):</source>
        <translation>Be&amp;perkingen (functioneel):</translation>
    </message>
    <message>
        <source>&amp;Notes:</source>
        <translation>&amp;Notities:</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Persoon</translation>
    </message>
    <message>
        <source>Doelgroep and schemes</source>
        <translation>Doelgroep en regelingen</translation>
    </message>
    <message>
        <source>Availability and wishes</source>
        <translation>Beschikbaarheid en wensen</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Naam:</translation>
    </message>
    <message>
        <source>&amp;KvK number:</source>
        <translation>&amp;KvK-nummer:</translation>
    </message>
    <message>
        <source>&amp;Sector:</source>
        <translation>&amp;Sector:</translation>
    </message>
    <message>
        <source>Cit&amp;y:</source>
        <translation>P&amp;laats:</translation>
    </message>
    <message>
        <source>&amp;Contact person:</source>
        <translation>&amp;Contactpersoon:</translation>
    </message>
    <message>
        <source>&amp;Telephone:</source>
        <translation>&amp;Telefoon:</translation>
    </message>
    <message>
        <source>&amp;Reference:</source>
        <translation>&amp;Referentie:</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>&amp;Titel:</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>&amp;Soort:</translation>
    </message>
    <message>
        <source>Pro&amp;vider:</source>
        <translation>Aan&amp;bieder:</translation>
    </message>
    <message>
        <source>&amp;Start date:</source>
        <translation>Start&amp;datum:</translation>
    </message>
    <message>
        <source>Number of p&amp;laces:</source>
        <translation>Aantal plaatse&amp;n:</translation>
    </message>
    <message>
        <source>&amp;Driving licence required:</source>
        <translation>Rijbewijs &amp;vereist:</translation>
    </message>
    <message>
        <source>Lan&amp;guage support:</source>
        <translation>Taalondersteunin&amp;g:</translation>
    </message>
    <message>
        <source>D&amp;escription:</source>
        <translation>Omschr&amp;ijving:</translation>
    </message>
</context>
<context>
    <name>EmployerEditor</name>
    <message>
        <source>Employer</source>
        <translation>Werkgever</translation>
    </message>
    <message>
        <source>New &amp;vacancy…</source>
        <translation>Nieuwe &amp;vacature…</translation>
    </message>
    <message>
        <source>A new vacancy or leerwerkplek of this employer (a new or changed employer is saved first)</source>
        <translation>Een nieuwe vacature of leerwerkplek van deze werkgever (een nieuwe of gewijzigde werkgever wordt eerst opgeslagen)</translation>
    </message>
    <message>
        <source>Employer {key}</source>
        <translation>Werkgever {key}</translation>
    </message>
    <message>
        <source>New employer</source>
        <translation>Nieuwe werkgever</translation>
    </message>
</context>
<context>
    <name>EmployerPicker</name>
    <message>
        <source>New vacancy: employer</source>
        <translation>Nieuwe vacature: werkgever</translation>
    </message>
    <message>
        <source>A vacancy belongs to an employer. Which employer is the new vacancy for?</source>
        <translation>Een vacature hoort bij een werkgever. Voor welke werkgever is de nieuwe vacature?</translation>
    </message>
    <message>
        <source>Name or KvK number…</source>
        <translation>Naam of KvK-nummer…</translation>
    </message>
    <message>
        <source>Employer name or KvK number</source>
        <translation>Naam of KvK-nummer van de werkgever</translation>
    </message>
    <message>
        <source>Employers</source>
        <translation>Werkgevers</translation>
    </message>
    <message>
        <source>No employer found. Create the employer first on the Employers page.</source>
        <translation>Geen werkgever gevonden. Maak de werkgever eerst aan op de pagina Werkgevers.</translation>
    </message>
    <message>
        <source>&amp;Next</source>
        <translation>&amp;Volgende</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Annuleren</translation>
    </message>
</context>
<context>
    <name>EmployersPage</name>
    <message>
        <source>&amp;My employers</source>
        <translation>&amp;Mijn werkgevers</translation>
    </message>
    <message numerus="yes">
        <source>{count} employers</source>
        <translation>
            <numerusform>{count} werkgever</numerusform>
            <numerusform>{count} werkgevers</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExceptionHandler</name>
    <message>
        <source>No access to the file. Close it in Excel or another program and try again.</source>
        <translation>Geen toegang tot het bestand. Sluit het in Excel of een ander programma en probeer opnieuw.</translation>
    </message>
    <message>
        <source>The file could not be read or written ({reason}).</source>
        <translation>Het bestand kon niet worden gelezen of geschreven ({reason}).</translation>
    </message>
    <message>
        <source>Unexpected error</source>
        <translation>Onverwachte fout</translation>
    </message>
    <message>
        <source>Something went wrong that MatchDesk did not expect. Nothing has been half saved; you can continue working.

The technical details (without personal data) are in:
{path}</source>
        <translation>Er ging iets mis dat MatchDesk niet verwachtte. Er is niets half opgeslagen; u kunt verder werken.

De technische gegevens (zonder persoonsgegevens) staan in:
{path}</translation>
    </message>
</context>
<context>
    <name>FiguresTab</name>
    <message>
        <source>Chart {name}</source>
        <translation>Grafiek {name}</translation>
    </message>
    <message>
        <source>Table {name}</source>
        <translation>Tabel {name}</translation>
    </message>
</context>
<context>
    <name>FirstStartDialog</name>
    <message>
        <source>Welcome to MatchDesk</source>
        <translation>Welkom bij MatchDesk</translation>
    </message>
    <message>
        <source>Staff member</source>
        <translation>Medewerker</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Regio</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rol</translation>
    </message>
    <message>
        <source>&amp;Staff member:</source>
        <translation>&amp;Medewerker:</translation>
    </message>
    <message>
        <source>&amp;Role:</source>
        <translation>&amp;Rol:</translation>
    </message>
    <message>
        <source>Re&amp;gion:</source>
        <translation>Re&amp;gio:</translation>
    </message>
    <message>
        <source>Under which name are you working in MatchDesk today?</source>
        <translation>Met welke naam werkt u vandaag in MatchDesk?</translation>
    </message>
    <message>
        <source>Please enter your name.</source>
        <translation>Vul uw naam in.</translation>
    </message>
</context>
<context>
    <name>HandOverDialog</name>
    <message>
        <source>Hand over signals</source>
        <translation>Signalen overdragen</translation>
    </message>
    <message numerus="yes">
        <source>Hand %n signal(s) over to a colleague: from now on they are in the colleague&apos;s own list.</source>
        <translation>
            <numerusform>Draag %n signaal over aan een collega: vanaf nu staat het in de eigen lijst van de collega.</numerusform>
            <numerusform>Draag %n signalen over aan een collega: vanaf nu staan ze in de eigen lijst van de collega.</numerusform>
        </translation>
    </message>
    <message>
        <source>Colleague</source>
        <translation>Collega</translation>
    </message>
    <message>
        <source>&amp;Colleague:</source>
        <translation>&amp;Collega:</translation>
    </message>
    <message>
        <source>Hand over</source>
        <translation>Overdragen</translation>
    </message>
</context>
<context>
    <name>HandleDialog</name>
    <message>
        <source>Handle signals</source>
        <translation>Signalen afhandelen</translation>
    </message>
    <message numerus="yes">
        <source>Mark %n signal(s) as handled. It does not come back unless its facts change.</source>
        <translation>
            <numerusform>Markeer %n signaal als afgehandeld. Het komt alleen terug als de feiten veranderen.</numerusform>
            <numerusform>Markeer %n signalen als afgehandeld. Ze komen alleen terug als de feiten veranderen.</numerusform>
        </translation>
    </message>
    <message>
        <source>What was done, in a few words</source>
        <translation>Wat er is gedaan, in een paar woorden</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notitie</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>&amp;Notitie:</translation>
    </message>
    <message>
        <source>Handled</source>
        <translation>Afgehandeld</translation>
    </message>
</context>
<context>
    <name>HelpWindow</name>
    <message>
        <source>MatchDesk manual</source>
        <translation>Handleiding MatchDesk</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Candidates</source>
        <translation>Kandidaten</translation>
    </message>
    <message>
        <source>Employers</source>
        <translation>Werkgevers</translation>
    </message>
    <message>
        <source>Vacancies</source>
        <translation>Vacatures</translation>
    </message>
    <message>
        <source>Trajectories</source>
        <translation>Trajecten</translation>
    </message>
    <message>
        <source>Education</source>
        <translation>Opleidingen</translation>
    </message>
    <message>
        <source>Work experience</source>
        <translation>Werkervaring</translation>
    </message>
    <message>
        <source>Contact moments</source>
        <translation>Contactmomenten</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>Medewerkers</translation>
    </message>
    <message>
        <source>— ignore —</source>
        <translation>— negeren —</translation>
    </message>
    <message>
        <source>recognised</source>
        <translation>herkend</translation>
    </message>
    <message>
        <source>chosen by hand</source>
        <translation>zelf gekozen</translation>
    </message>
    <message>
        <source>is ignored</source>
        <translation>wordt genegeerd</translation>
    </message>
    <message>
        <source>unknown: is ignored</source>
        <translation>onbekend: wordt genegeerd</translation>
    </message>
    <message>
        <source>duplicate: the first column counts</source>
        <translation>dubbel: de eerste kolom telt</translation>
    </message>
    <message>
        <source>Import file — MatchDesk</source>
        <translation>Bestand importeren — MatchDesk</translation>
    </message>
    <message>
        <source>Import file</source>
        <translation>Bestand importeren</translation>
    </message>
    <message>
        <source>Type of data</source>
        <translation>Soort gegevens</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Bestand</translation>
    </message>
    <message>
        <source>Choose a .csv or .xlsx file</source>
        <translation>Kies een .csv- of .xlsx-bestand</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Bladeren…</translation>
    </message>
    <message>
        <source>Choose file</source>
        <translation>Bestand kiezen</translation>
    </message>
    <message>
        <source>About the file</source>
        <translation>Over het bestand</translation>
    </message>
    <message>
        <source>Error message</source>
        <translation>Foutmelding</translation>
    </message>
    <message>
        <source>&amp;Type of data:</source>
        <translation>&amp;Soort gegevens:</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>Bes&amp;tand:</translation>
    </message>
    <message>
        <source>Preview of the first rows</source>
        <translation>Voorbeeld van de eerste rijen</translation>
    </message>
    <message>
        <source>Columns of the file</source>
        <translation>Kolommen van het bestand</translation>
    </message>
    <message>
        <source>Explanation of the columns</source>
        <translation>Toelichting bij de kolommen</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Samenvatting</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>Rapport</translation>
    </message>
    <message>
        <source>Message in full</source>
        <translation>Melding voluit</translation>
    </message>
    <message>
        <source>&amp;Preview</source>
        <translation>&amp;Voorbeeld</translation>
    </message>
    <message>
        <source>&amp;Columns</source>
        <translation>&amp;Kolommen</translation>
    </message>
    <message>
        <source>&amp;Report</source>
        <translation>&amp;Rapport</translation>
    </message>
    <message>
        <source>An &amp;empty cell clears the stored value</source>
        <translation>Een &amp;lege cel wist de opgeslagen waarde</translation>
    </message>
    <message>
        <source>Empty cell clears the stored value</source>
        <translation>Lege cel wist de opgeslagen waarde</translation>
    </message>
    <message>
        <source>Unchecked, an existing record keeps its stored value when the cell is empty</source>
        <translation>Zonder vinkje blijft bij een bestaand record de opgeslagen waarde staan als de cel leeg is</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Voortgang</translation>
    </message>
    <message>
        <source>Ca&amp;ncel</source>
        <translation>A&amp;fbreken</translation>
    </message>
    <message>
        <source>Cancel import</source>
        <translation>Import afbreken</translation>
    </message>
    <message>
        <source>Stop after the rows being processed now; what has been saved stays</source>
        <translation>Stoppen na de rijen die nu worden verwerkt; wat al is opgeslagen blijft</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>&amp;Save report…</source>
        <translation>Rapport &amp;opslaan…</translation>
    </message>
    <message>
        <source>Save report</source>
        <translation>Rapport opslaan</translation>
    </message>
    <message>
        <source>&amp;Dry run</source>
        <translation>&amp;Proefdraaien</translation>
    </message>
    <message>
        <source>Dry run</source>
        <translation>Proefdraaien</translation>
    </message>
    <message>
        <source>Check everything and make the report without saving anything</source>
        <translation>Alles controleren en het rapport maken zonder iets op te slaan</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Importeren</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importeren</translation>
    </message>
    <message>
        <source>C&amp;lose</source>
        <translation>Sl&amp;uiten</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Sluiten</translation>
    </message>
    <message>
        <source>Reading the file…</source>
        <translation>Het bestand wordt gelezen…</translation>
    </message>
    <message>
        <source>unknown number of rows</source>
        <translation>onbekend aantal rijen</translation>
    </message>
    <message numerus="yes">
        <source>about %Ln row(s) with data</source>
        <translation>
            <numerusform>ongeveer %Ln rij met gegevens</numerusform>
            <numerusform>ongeveer %Ln rijen met gegevens</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>the first %Ln row(s) shown below</source>
        <translation>
            <numerusform>de eerste rij staat hieronder</numerusform>
            <numerusform>de eerste %Ln staan hieronder</numerusform>
        </translation>
    </message>
    <message>
        <source>no rows with data</source>
        <translation>geen rijen met gegevens</translation>
    </message>
    <message>
        <source>{file}: {description}, header in row {row}, {rows}; {shown}.</source>
        <translation>{file}: {description}, kopregel in rij {row}, {rows}; {shown}.</translation>
    </message>
    <message>
        <source>&lt;b&gt;The column {columns} is missing.&lt;/b&gt; Choose which column of the file it is; without it MatchDesk cannot recognise the {records}.</source>
        <translation>&lt;b&gt;De kolom {columns} ontbreekt.&lt;/b&gt; Kies bij welke kolom van het bestand dat is; zonder kan MatchDesk de {records} niet herkennen.</translation>
    </message>
    <message>
        <source>Not recognised: {names}. Under “Read as”, choose which column it is, or have the column ignored.</source>
        <translation>Niet herkend: {names}. Kies onder “Wordt ingelezen als” welke kolom het is, of laat de kolom negeren.</translation>
    </message>
    <message>
        <source>Two columns for the same field: the first one counts ({columns} is ignored).</source>
        <translation>Twee kolommen voor hetzelfde veld: de eerste telt ({columns} wordt genegeerd).</translation>
    </message>
    <message>
        <source>All columns were recognised. You can also link a column to another field yourself or have it ignored.</source>
        <translation>Alle kolommen zijn herkend. U kunt een kolom ook zelf aan een ander veld koppelen of laten negeren.</translation>
    </message>
    <message>
        <source>&amp;Columns ({columns} missing)</source>
        <translation>&amp;Kolommen ({columns} ontbreekt)</translation>
    </message>
    <message>
        <source>&amp;Columns ({count} not recognised)</source>
        <translation>&amp;Kolommen ({count} niet herkend)</translation>
    </message>
    <message>
        <source>Dry run: everything is checked, nothing is saved…</source>
        <translation>Proefdraaien: alles wordt gecontroleerd, er wordt niets opgeslagen…</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>Bezig met importeren…</translation>
    </message>
    <message>
        <source>Cancelling… the rows being processed now are still finished.</source>
        <translation>Afbreken… de rijen die nu worden verwerkt, worden nog afgemaakt.</translation>
    </message>
    <message numerus="yes">
        <source>{done} of %Ln row(s) ({percent}%)</source>
        <translation>
            <numerusform>{done} van %Ln rij ({percent}%)</numerusform>
            <numerusform>{done} van %Ln rijen ({percent}%)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The report has %Ln line(s).</source>
        <translation>
            <numerusform>Het rapport heeft %Ln regel.</numerusform>
            <numerusform>Het rapport heeft %Ln regels.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Import cancelled. The first %Ln row(s) have been processed and stay saved; the rest of the file has not been read.</source>
        <translation>
            <numerusform>Import afgebroken. De eerste rij is verwerkt en blijft opgeslagen; de rest van het bestand is niet ingelezen.</numerusform>
            <numerusform>Import afgebroken. De eerste %Ln rijen zijn verwerkt en blijven opgeslagen; de rest van het bestand is niet ingelezen.</numerusform>
        </translation>
    </message>
    <message>
        <source>CSV, semicolon (*.csv);;Excel workbook (*.xlsx);;OpenDocument spreadsheet (*.ods)</source>
        <translation>CSV, puntkomma (*.csv);;Excel-werkmap (*.xlsx);;OpenDocument-rekenblad (*.ods)</translation>
    </message>
    <message numerus="yes">
        <source>Report saved in {file} (%Ln line(s)).</source>
        <translation>
            <numerusform>Rapport opgeslagen in {file} (%Ln regel).</numerusform>
            <numerusform>Rapport opgeslagen in {file} (%Ln regels).</numerusform>
        </translation>
    </message>
    <message>
        <source>Dry run finished: nothing has been saved.</source>
        <translation>Proefdraaien klaar: er is niets opgeslagen.</translation>
    </message>
    <message>
        <source>Tables (*.csv *.xlsx *.xlsm *.xls *.ods *.txt *.tsv);;All files (*)</source>
        <translation>Tabellen (*.csv *.xlsx *.xlsm *.xls *.ods *.txt *.tsv);;Alle bestanden (*)</translation>
    </message>
    <message>
        <source>Import finished.</source>
        <translation>Import klaar.</translation>
    </message>
    <message>
        <source>Dry run cancelled; nothing has been saved.</source>
        <translation>Proefdraaien afgebroken; er is niets opgeslagen.</translation>
    </message>
    <message>
        <source>read</source>
        <translation>gelezen</translation>
    </message>
    <message>
        <source>new</source>
        <translation>nieuw</translation>
    </message>
    <message>
        <source>updated</source>
        <translation>bijgewerkt</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>ongewijzigd</translation>
    </message>
    <message>
        <source>restored</source>
        <translation>hersteld</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>afgewezen</translation>
    </message>
    <message>
        <source>warnings</source>
        <translation>waarschuwingen</translation>
    </message>
    <message>
        <source>&lt;b&gt;Dry run&lt;/b&gt;: this is how the import would go; nothing has been saved.</source>
        <translation>&lt;b&gt;Proefdraaien&lt;/b&gt;: zo zou de import gaan; er is niets opgeslagen.</translation>
    </message>
    <message>
        <source>Rejected rows: {rows}{more}. See the messages below.</source>
        <translation>Afgewezen rijen: {rows}{more}. Zie de meldingen hieronder.</translation>
    </message>
    <message>
        <source>Row {row}, column {column} (value “{value}”):</source>
        <translation>Rij {row}, kolom {column} (waarde “{value}”):</translation>
    </message>
    <message>
        <source>Row {row}, column {column}:</source>
        <translation>Rij {row}, kolom {column}:</translation>
    </message>
    <message>
        <source>Cancel and c&amp;lose</source>
        <translation>Afbreken en sl&amp;uiten</translation>
    </message>
    <message>
        <source>No access to the file. Close it in Excel or another program and try again.</source>
        <translation>Geen toegang tot het bestand. Sluit het in Excel of een ander programma en probeer opnieuw.</translation>
    </message>
    <message>
        <source>The file could not be read or written ({reason}).</source>
        <translation>Het bestand kon niet worden gelezen of geschreven ({reason}).</translation>
    </message>
</context>
<context>
    <name>LanguageEditor</name>
    <message>
        <source>Dutch {skill}</source>
        <translation>Nederlands {skill}</translation>
    </message>
    <message>
        <source>Dutch – {skill}:</source>
        <translation>Nederlands – {skill}:</translation>
    </message>
</context>
<context>
    <name>ListPage</name>
    <message>
        <source>Search…</source>
        <translation>Zoeken…</translation>
    </message>
    <message>
        <source>Search in {list}</source>
        <translation>Zoeken in {list}</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>Aantal</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exporteren…</translation>
    </message>
    <message>
        <source>The list as filtered, to .csv, .xlsx or .ods</source>
        <translation>De lijst zoals gefilterd, naar .csv, .xlsx of .ods</translation>
    </message>
    <message>
        <source>{action} (Ctrl+N)</source>
        <translation>{action} (Ctrl+N)</translation>
    </message>
    <message>
        <source>Rank on the Matchen page for the selected row</source>
        <translation>Rangschikken op de pagina Matchen voor de gekozen rij</translation>
    </message>
    <message>
        <source>Also a&amp;rchived</source>
        <translation>Ook &amp;gearchiveerd</translation>
    </message>
    <message>
        <source>Show archived records too (greyed, marked “archived”)</source>
        <translation>Ook gearchiveerde gegevens tonen (grijs, gemarkeerd met “gearchiveerd”)</translation>
    </message>
    <message>
        <source>{count} rows</source>
        <translation>{count} rijen</translation>
    </message>
    <message>
        <source>Export list</source>
        <translation>Lijst exporteren</translation>
    </message>
    <message>
        <source>CSV (*.csv);;Excel (*.xlsx);;OpenDocument (*.ods)</source>
        <translation>CSV (*.csv);;Excel (*.xlsx);;OpenDocument (*.ods)</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exporteren</translation>
    </message>
    <message>
        <source>The export failed: {error}</source>
        <translation>Exporteren is niet gelukt: {error}</translation>
    </message>
    <message>
        <source>Search by name, client number…</source>
        <translation>Zoek op naam, klantnummer…</translation>
    </message>
    <message>
        <source>&amp;New candidate</source>
        <translation>&amp;Nieuwe kandidaat</translation>
    </message>
    <message>
        <source>Rank vacancies</source>
        <translation>Vacatures rangschikken</translation>
    </message>
    <message>
        <source>Search by name, KvK or place…</source>
        <translation>Zoek op naam, KvK of plaats…</translation>
    </message>
    <message>
        <source>&amp;New employer</source>
        <translation>&amp;Nieuwe werkgever</translation>
    </message>
    <message>
        <source>Search by title, reference, employer or place…</source>
        <translation>Zoek op titel, referentie, werkgever of plaats…</translation>
    </message>
    <message>
        <source>&amp;New vacancy</source>
        <translation>&amp;Nieuwe vacature</translation>
    </message>
    <message>
        <source>Rank candidates</source>
        <translation>Kandidaten rangschikken</translation>
    </message>
    <message>
        <source>Search by name or client number…</source>
        <translation>Zoek op naam of klantnummer…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Bestand</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>&amp;Importeren…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Afsluiten</translation>
    </message>
    <message>
        <source>&amp;Go to</source>
        <translation>&amp;Ga naar</translation>
    </message>
    <message>
        <source>Quick &amp;search…</source>
        <translation>&amp;Snel zoeken…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>&amp;Manual</source>
        <translation>&amp;Handleiding</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Sneltoetsen</translation>
    </message>
    <message>
        <source>&amp;About MatchDesk</source>
        <translation>&amp;Over MatchDesk</translation>
    </message>
    <message>
        <source>Database: {label}</source>
        <translation>Database: {label}</translation>
    </message>
    <message>
        <source>Staff member: {name}</source>
        <translation>Medewerker: {name}</translation>
    </message>
    <message>
        <source>Own rulebook in use: {books}</source>
        <translation>Eigen regelboek in gebruik: {books}</translation>
    </message>
    <message>
        <source>Own rulebook</source>
        <translation>Eigen regelboek</translation>
    </message>
    <message>
        <source>Region: {region}</source>
        <translation>Regio: {region}</translation>
    </message>
    <message>
        <source>This database is empty. Load demo data to explore MatchDesk, or import your region&apos;s files.</source>
        <translation>Deze database is leeg. Laad demo-gegevens om MatchDesk te verkennen, of importeer de bestanden van uw regio.</translation>
    </message>
    <message>
        <source>&amp;Find on this page</source>
        <translation>&amp;Zoeken op deze pagina</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Beeld</translation>
    </message>
    <message>
        <source>&amp;Compact navigation</source>
        <translation>&amp;Compacte navigatie</translation>
    </message>
    <message>
        <source>Load demo data</source>
        <translation>Demo-gegevens laden</translation>
    </message>
    <message>
        <source>Import file…</source>
        <translation>Bestand importeren…</translation>
    </message>
    <message>
        <source>Rulebook errors</source>
        <translation>Regelboekfouten</translation>
    </message>
    <message>
        <source>Trajectories cannot be recorded for: {rulebooks}.</source>
        <translation>Trajecten vastleggen kan niet voor: {rulebooks}.</translation>
    </message>
    <message>
        <source>A rulebook could not be loaded.</source>
        <translation>Een regelboek kon niet worden geladen.</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) exported</source>
        <translation>
            <numerusform>%n rij geëxporteerd</numerusform>
            <numerusform>%n rijen geëxporteerd</numerusform>
        </translation>
    </message>
    <message>
        <source>Demo data</source>
        <translation>Demo-gegevens</translation>
    </message>
    <message>
        <source>Load an invented region with 9,000 candidates? This takes about half a minute.</source>
        <translation>Een verzonnen regio met 9.000 kandidaten laden? Dit duurt ongeveer een halve minuut.</translation>
    </message>
    <message>
        <source>Loading demo data…</source>
        <translation>Demo-gegevens laden…</translation>
    </message>
    <message>
        <source>Matching, trajectories and signals for werkgeversservicepunten.</source>
        <translation>Matchen, trajecten en signalen voor werkgeversservicepunten.</translation>
    </message>
    <message>
        <source>About MatchDesk</source>
        <translation>Over MatchDesk</translation>
    </message>
</context>
<context>
    <name>MappingModel</name>
    <message>
        <source>Column in the file</source>
        <translation>Kolom in het bestand</translation>
    </message>
    <message>
        <source>Read as</source>
        <translation>Wordt ingelezen als</translation>
    </message>
    <message>
        <source>Recognition</source>
        <translation>Herkenning</translation>
    </message>
    <message>
        <source>Sample</source>
        <translation>Voorbeeld</translation>
    </message>
</context>
<context>
    <name>MatchActions</name>
    <message>
        <source>The selection has been proposed already.</source>
        <translation>De selectie is al voorgesteld.</translation>
    </message>
    <message>
        <source>Propose</source>
        <translation>Voorstellen</translation>
    </message>
    <message>
        <source>Candidate {klantnummer} proposed for {reference}.</source>
        <translation>Kandidaat {klantnummer} voorgesteld voor {reference}.</translation>
    </message>
    <message>
        <source>Not proposed:
{lines}</source>
        <translation>Niet voorgesteld:
{lines}</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Plaatsen</translation>
    </message>
    <message>
        <source>{candidate} has been placed on {vacancy}; the trajectory has started.</source>
        <translation>{candidate} is geplaatst op {vacancy}; het traject is gestart.</translation>
    </message>
    <message>
        <source>Export results</source>
        <translation>Resultaten exporteren</translation>
    </message>
    <message>
        <source>CSV (*.csv);;Excel (*.xlsx);;OpenDocument (*.ods)</source>
        <translation>CSV (*.csv);;Excel (*.xlsx);;OpenDocument (*.ods)</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exporteren</translation>
    </message>
    <message>
        <source>The export failed: {error}</source>
        <translation>Het exporteren is mislukt: {error}</translation>
    </message>
</context>
<context>
    <name>MatchingPage</name>
    <message>
        <source>Matching</source>
        <translation>Matchen</translation>
    </message>
    <message>
        <source>Candidates for a &amp;vacancy</source>
        <translation>Kandidaten voor een &amp;vacature</translation>
    </message>
    <message>
        <source>Vacancies for a &amp;candidate</source>
        <translation>Vacatures voor een &amp;kandidaat</translation>
    </message>
    <message>
        <source>Vacancy or candidate</source>
        <translation>Vacature of kandidaat</translation>
    </message>
    <message>
        <source>&amp;Rank</source>
        <translation>&amp;Rangschikken</translation>
    </message>
    <message>
        <source>Vacancy on &amp;the spot…</source>
        <translation>Vacature &amp;ter plekke…</translation>
    </message>
    <message>
        <source>Ranked for</source>
        <translation>Gerangschikt voor</translation>
    </message>
    <message>
        <source>Save as v&amp;acancy…</source>
        <translation>Bewaren als v&amp;acature…</translation>
    </message>
    <message>
        <source>Keep this vacancy typed in on the spot as a vacancy of an employer</source>
        <translation>Deze ter plekke ingevoerde vacature bewaren als vacature van een werkgever</translation>
    </message>
    <message>
        <source>Municipality</source>
        <translation>Gemeente</translation>
    </message>
    <message>
        <source>Municipality: all</source>
        <translation>Gemeente: alle</translation>
    </message>
    <message>
        <source>Doelgroep</source>
        <translation>Doelgroep</translation>
    </message>
    <message>
        <source>Doelgroep: all</source>
        <translation>Doelgroep: alle</translation>
    </message>
    <message>
        <source>Doelgroep {doelgroep}</source>
        <translation>Doelgroep {doelgroep}</translation>
    </message>
    <message>
        <source>Maximum distance</source>
        <translation>Maximale afstand</translation>
    </message>
    <message>
        <source>Distance: any</source>
        <translation>Afstand: elke</translation>
    </message>
    <message>
        <source>Minimum score</source>
        <translation>Minimale score</translation>
    </message>
    <message>
        <source>Score from </source>
        <translation>Score vanaf </translation>
    </message>
    <message>
        <source>Available &amp;now</source>
        <translation>Nu &amp;beschikbaar</translation>
    </message>
    <message>
        <source>P&amp;lace…</source>
        <translation>P&amp;laatsen…</translation>
    </message>
    <message>
        <source>Place the candidate on the vacancy and start the trajectory</source>
        <translation>De kandidaat op de vacature plaatsen en het traject starten</translation>
    </message>
    <message>
        <source>E&amp;xport…</source>
        <translation>E&amp;xporteren…</translation>
    </message>
    <message>
        <source>The results as shown, to .csv or .xlsx</source>
        <translation>De resultaten zoals getoond, naar .csv of .xlsx</translation>
    </message>
    <message>
        <source>Klantnummer or name of the candidate</source>
        <translation>Klantnummer of naam van de kandidaat</translation>
    </message>
    <message>
        <source>Vacancy on the spot: &lt;b&gt;{title}&lt;/b&gt; (not stored)</source>
        <translation>Vacature ter plekke: &lt;b&gt;{title}&lt;/b&gt; (niet opgeslagen)</translation>
    </message>
    <message numerus="yes">
        <source>Propose %n candidate(s) for {vacancy}?</source>
        <translation>
            <numerusform>%n kandidaat voorstellen voor {vacancy}?</numerusform>
            <numerusform>%n kandidaten voorstellen voor {vacancy}?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Propose {candidate} for %n vacancy(ies)?</source>
        <translation>
            <numerusform>{candidate} voorstellen voor %n vacature?</numerusform>
            <numerusform>{candidate} voorstellen voor %n vacatures?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n proposal(s) recorded.</source>
        <translation>
            <numerusform>%n voorstel vastgelegd.</numerusform>
            <numerusform>%n voorstellen vastgelegd.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n result(s) exported.</source>
        <translation>
            <numerusform>%n resultaat geëxporteerd.</numerusform>
            <numerusform>%n resultaten geëxporteerd.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n selected</source>
        <translation>
            <numerusform>%n geselecteerd</numerusform>
            <numerusform>%n geselecteerd</numerusform>
        </translation>
    </message>
    <message>
        <source>Results</source>
        <translation>Resultaten</translation>
    </message>
    <message>
        <source>Reference, title, employer or place of the vacancy</source>
        <translation>Referentie, titel, werkgever of plaats van de vacature</translation>
    </message>
    <message>
        <source>Explanation</source>
        <translation>Uitleg</translation>
    </message>
    <message>
        <source>&amp;Propose</source>
        <translation>Voorstell&amp;en</translation>
    </message>
    <message>
        <source>Propose the selected results (Ctrl+click or Shift+click to select more than one)</source>
        <translation>De geselecteerde resultaten voorstellen (Ctrl+klik of Shift+klik om er meer te selecteren)</translation>
    </message>
    <message>
        <source>Print &amp;shortlist…</source>
        <translation>&amp;Shortlist afdrukken…</translation>
    </message>
    <message>
        <source>The anonymised profiles of the selected candidates, for the employer</source>
        <translation>De geanonimiseerde profielen van de geselecteerde kandidaten, voor de werkgever</translation>
    </message>
    <message>
        <source>Print pro&amp;file…</source>
        <translation>Profiel afdrukken…</translation>
    </message>
    <message>
        <source>Enter a reference or klantnummer.</source>
        <translation>Vul een referentie of klantnummer in.</translation>
    </message>
    <message>
        <source>Ranking…</source>
        <translation>Bezig met rangschikken…</translation>
    </message>
    <message>
        <source>{shown} of {total} candidates</source>
        <translation>{shown} van {total} kandidaten</translation>
    </message>
    <message>
        <source>{shown} of {total} vacancies and leerwerkplekken</source>
        <translation>{shown} van {total} vacatures en leerwerkplekken</translation>
    </message>
    <message>
        <source>{name} — {score} points</source>
        <translation>{name} — {score} punten</translation>
    </message>
    <message>
        <source>Not suitable:</source>
        <translation>Niet geschikt:</translation>
    </message>
    <message>
        <source>Questions for the next contact:</source>
        <translation>Vragen bij volgend contact:</translation>
    </message>
    <message>
        <source>{hours} hours a week</source>
        <translation>{hours} uur per week</translation>
    </message>
    <message>
        <source>Required: {skills}</source>
        <translation>Vereist: {skills}</translation>
    </message>
    <message>
        <source>Desired: {skills}</source>
        <translation>Gewenst: {skills}</translation>
    </message>
    <message>
        <source>Dutch: {levels}</source>
        <translation>Nederlands: {levels}</translation>
    </message>
</context>
<context>
    <name>Navigation</name>
    <message>
        <source>Navigation</source>
        <translation>Navigatie</translation>
    </message>
    <message>
        <source>« Collapse</source>
        <translation>« Inklappen</translation>
    </message>
    <message>
        <source>Show the names of the pages</source>
        <translation>De namen van de pagina&apos;s tonen</translation>
    </message>
    <message>
        <source>Show only the icons</source>
        <translation>Alleen de pictogrammen tonen</translation>
    </message>
</context>
<context>
    <name>Ops</name>
    <message>
        <source>MatchDesk</source>
        <translation>MatchDesk</translation>
    </message>
</context>
<context>
    <name>Page</name>
    <message>
        <source>Candidates</source>
        <translation>Kandidaten</translation>
    </message>
    <message>
        <source>Employers</source>
        <translation>Werkgevers</translation>
    </message>
    <message>
        <source>Vacancies &amp; leerwerkplekken</source>
        <translation>Vacatures &amp; leerwerkplekken</translation>
    </message>
    <message>
        <source>Trajectories</source>
        <translation>Trajecten</translation>
    </message>
    <message>
        <source>Matching</source>
        <translation>Matchen</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>Rapportage</translation>
    </message>
    <message>
        <source>Signals</source>
        <translation>Signalen</translation>
    </message>
</context>
<context>
    <name>PlacementDialog</name>
    <message>
        <source>Place — {candidate} at {employer}</source>
        <translation>Plaatsen — {candidate} bij {employer}</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Plaatsen</translation>
    </message>
    <message>
        <source>Placement on {vacancy} at {employer}. Placing starts this trajectory; the proposal gets the status geplaatst.</source>
        <translation>Plaatsing op {vacancy} bij {employer}. Bij het plaatsen start dit traject; het voorstel krijgt de status geplaatst.</translation>
    </message>
    <message>
        <source>The vacancy&apos;s kind</source>
        <translation>De soort van de vacature</translation>
    </message>
    <message>
        <source>&amp;Place</source>
        <translation>&amp;Plaatsen</translation>
    </message>
</context>
<context>
    <name>PreviewModel</name>
    <message>
        <source>(column {number})</source>
        <translation>(kolom {number})</translation>
    </message>
    <message>
        <source>{header}
(not read)</source>
        <translation>{header}
(niet ingelezen)</translation>
    </message>
    <message>
        <source>{header} is read as {target}</source>
        <translation>{header} wordt ingelezen als {target}</translation>
    </message>
    <message>
        <source>{header} is not read</source>
        <translation>{header} wordt niet ingelezen</translation>
    </message>
</context>
<context>
    <name>PrintPreviewDialog</name>
    <message>
        <source>Print preview — {title}</source>
        <translation>Afdrukvoorbeeld — {title}</translation>
    </message>
    <message>
        <source>Variant</source>
        <translation>Variant</translation>
    </message>
    <message>
        <source>Anonymised (for the employer)</source>
        <translation>Geanonimiseerd (voor werkgever)</translation>
    </message>
    <message>
        <source>Full (internal)</source>
        <translation>Volledig (intern)</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>&amp;Afdrukken…</translation>
    </message>
    <message>
        <source>&amp;Save as PDF…</source>
        <translation>&amp;Opslaan als PDF…</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Sluiten</translation>
    </message>
    <message>
        <source>Text for the employer (not in the anonymised profile unless you include it):</source>
        <translation>Tekst voor werkgever (niet in het geanonimiseerde profiel tenzij u hem meeneemt):</translation>
    </message>
    <message>
        <source>Text for the employer</source>
        <translation>Tekst voor werkgever</translation>
    </message>
    <message>
        <source>Include the &amp;text for the employer</source>
        <translation>&amp;Tekst voor werkgever meenemen</translation>
    </message>
    <message>
        <source>Only after reading it: the highlighted words may be sensitive. Your confirmation is recorded in the audit log.</source>
        <translation>Alleen na lezen: de gemarkeerde woorden kunnen gevoelig zijn. Uw bevestiging komt in het auditlog.</translation>
    </message>
    <message>
        <source>No text for the employer has been written: the anonymised profile holds no free text.</source>
        <translation>Er is geen tekst voor werkgever geschreven: het geanonimiseerde profiel bevat geen vrije tekst.</translation>
    </message>
    <message>
        <source>Marked, may be sensitive: {categories}. Read before you include it.</source>
        <translation>Gemarkeerd, mogelijk gevoelig: {categories}. Lees dit voordat u de tekst meeneemt.</translation>
    </message>
    <message numerus="yes">
        <source>%n page(s), A4</source>
        <translation>
            <numerusform>%n pagina, A4</numerusform>
            <numerusform>%n pagina’s, A4</numerusform>
        </translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation>Opslaan als PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>Afdrukken</translation>
    </message>
    <message>
        <source>The printer could not be started.</source>
        <translation>De printer kon niet worden gestart.</translation>
    </message>
    <message>
        <source>profile {klantnummer}</source>
        <translation>profiel {klantnummer}</translation>
    </message>
    <message>
        <source>shortlist {reference}</source>
        <translation>shortlist {reference}</translation>
    </message>
</context>
<context>
    <name>ProposalsModel</name>
    <message>
        <source>Vacancy</source>
        <translation>Vacature</translation>
    </message>
    <message>
        <source>Employer</source>
        <translation>Werkgever</translation>
    </message>
    <message>
        <source>Candidate</source>
        <translation>Kandidaat</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>Sinds</translation>
    </message>
    <message>
        <source>Proposed on</source>
        <translation>Voorgesteld op</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>Proposed by</source>
        <translation>Voorgesteld door</translation>
    </message>
</context>
<context>
    <name>ProposalsPanel</name>
    <message>
        <source>&amp;Invited</source>
        <translation>&amp;Uitgenodigd</translation>
    </message>
    <message>
        <source>The employer invites the candidate for an interview</source>
        <translation>De werkgever nodigt de kandidaat uit voor een gesprek</translation>
    </message>
    <message>
        <source>&amp;Placed…</source>
        <translation>Ge&amp;plaatst…</translation>
    </message>
    <message>
        <source>The candidate has been hired: choose the trajectory and start it</source>
        <translation>De kandidaat is aangenomen: kies het traject en start het</translation>
    </message>
    <message>
        <source>R&amp;ejected</source>
        <translation>Af&amp;gewezen</translation>
    </message>
    <message>
        <source>The employer has rejected the candidate (final)</source>
        <translation>De werkgever heeft de kandidaat afgewezen (definitief)</translation>
    </message>
    <message>
        <source>&amp;Withdrawn</source>
        <translation>&amp;Teruggetrokken</translation>
    </message>
    <message>
        <source>The proposal has been withdrawn (final)</source>
        <translation>Het voorstel is ingetrokken (definitief)</translation>
    </message>
    <message>
        <source>Set the proposal to ‘afgewezen’? This cannot be changed afterwards.</source>
        <translation>Het voorstel op ‘afgewezen’ zetten? Dat kan daarna niet meer worden veranderd.</translation>
    </message>
    <message>
        <source>Withdraw the proposal? This cannot be changed afterwards.</source>
        <translation>Het voorstel intrekken? Dat kan daarna niet meer worden veranderd.</translation>
    </message>
    <message>
        <source>Proposals</source>
        <translation>Voorstellen</translation>
    </message>
    <message>
        <source>No proposals yet. Propose a candidate from the matching view.</source>
        <translation>Nog geen voorstellen. Stel een kandidaat voor vanuit de matchweergave.</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Melding</translation>
    </message>
    <message>
        <source>New status:</source>
        <translation>Nieuwe status:</translation>
    </message>
    <message>
        <source>Proposal</source>
        <translation>Voorstel</translation>
    </message>
    <message>
        <source>{error} The list has been updated.</source>
        <translation>{error} De lijst is bijgewerkt.</translation>
    </message>
    <message>
        <source>Proposal {subject}: {status}.</source>
        <translation>Voorstel {subject}: {status}.</translation>
    </message>
    <message>
        <source>{candidate} has been placed on {vacancy}; the trajectory has started.</source>
        <translation>{candidate} is geplaatst op {vacancy}; het traject is gestart.</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>&amp;Zoeken in:</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>Bestands&amp;type:</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Map</translation>
    </message>
</context>
<context>
    <name>QuickSearchDialog</name>
    <message>
        <source>Quick search</source>
        <translation>Snel zoeken</translation>
    </message>
    <message>
        <source>Name, client number, KvK, reference or skill…</source>
        <translation>Naam, klantnummer, KvK, referentie of vaardigheid…</translation>
    </message>
    <message>
        <source>Search term</source>
        <translation>Zoekterm</translation>
    </message>
    <message>
        <source>Search results</source>
        <translation>Zoekresultaten</translation>
    </message>
    <message>
        <source>Arrows to choose, Enter to open, Esc to close.</source>
        <translation>Pijltjes om te kiezen, Enter om te openen, Esc om te sluiten.</translation>
    </message>
</context>
<context>
    <name>RecordForm</name>
    <message>
        <source>unknown</source>
        <translation>onbekend</translation>
    </message>
</context>
<context>
    <name>RecordTableModel</name>
    <message>
        <source>{value} (archived)</source>
        <translation>{value} (gearchiveerd)</translation>
    </message>
    <message>
        <source>Archived</source>
        <translation>Gearchiveerd</translation>
    </message>
</context>
<context>
    <name>RefusedDialog</name>
    <message>
        <source>Refused changes</source>
        <translation>Geweigerde wijzigingen</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Laden…</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Wijziging</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Uitkomst</translation>
    </message>
    <message>
        <source>Made on</source>
        <translation>Gemaakt op</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Melding</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Veld</translation>
    </message>
    <message>
        <source>This laptop</source>
        <translation>Deze laptop</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Opnieuw</translation>
    </message>
    <message>
        <source>Make this change again on this laptop as it is now; it is sent at the next synchronisation</source>
        <translation>Deze wijziging opnieuw maken op deze laptop zoals die nu is; ze gaat mee bij de volgende synchronisatie</translation>
    </message>
    <message>
        <source>&amp;Drop</source>
        <translation>&amp;Laten vallen</translation>
    </message>
    <message>
        <source>Let this change go: the server&apos;s version stays</source>
        <translation>Deze wijziging laten vallen: de versie van de server blijft</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) refused by the team server.</source>
        <translation>
            <numerusform>%n wijziging geweigerd door de teamserver.</numerusform>
            <numerusform>%n wijzigingen geweigerd door de teamserver.</numerusform>
        </translation>
    </message>
    <message>
        <source>No refused changes.</source>
        <translation>Geen geweigerde wijzigingen.</translation>
    </message>
    <message>
        <source>Refused by the rules</source>
        <translation>Geweigerd door de regels</translation>
    </message>
    <message>
        <source>Changed by someone else</source>
        <translation>Gewijzigd door een ander</translation>
    </message>
    <message>
        <source>Not accepted</source>
        <translation>Niet aanvaard</translation>
    </message>
    <message>
        <source>Changed on the server by {who}{when}.</source>
        <translation>Op de server gewijzigd door {who}{when}.</translation>
    </message>
    <message>
        <source>Made on this laptop</source>
        <translation>Gemaakt op deze laptop</translation>
    </message>
    <message>
        <source>Not on the server</source>
        <translation>Niet op de server</translation>
    </message>
    <message>
        <source>Not on this laptop</source>
        <translation>Niet op deze laptop</translation>
    </message>
    <message>
        <source>On the server</source>
        <translation>Op de server</translation>
    </message>
</context>
<context>
    <name>ReportPage</name>
    <message>
        <source>Regular</source>
        <translation>Regulier</translation>
    </message>
    <message>
        <source>Regular with LKS</source>
        <translation>Regulier met LKS</translation>
    </message>
    <message>
        <source>Sheltered work</source>
        <translation>Beschut werk</translation>
    </message>
    <message>
        <source>Bbz</source>
        <translation>Bbz</translation>
    </message>
    <message>
        <source>This year</source>
        <translation>Dit jaar</translation>
    </message>
    <message>
        <source>Last year</source>
        <translation>Vorig jaar</translation>
    </message>
    <message>
        <source>Last 12 months</source>
        <translation>Afgelopen 12 maanden</translation>
    </message>
    <message>
        <source>All trajectories</source>
        <translation>Alle trajecten</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>Aangepast</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nee</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Regio</translation>
    </message>
    <message>
        <source>Werkplein</source>
        <translation>Werkplein</translation>
    </message>
    <message>
        <source>Municipality</source>
        <translation>Gemeente</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Niveau</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Naam</translation>
    </message>
    <message>
        <source>Leerwerktrajecten</source>
        <translation>Leerwerktrajecten</translation>
    </message>
    <message>
        <source>Via leerwerkbedrijf</source>
        <translation>Via leerwerkbedrijf</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>Aandeel</translation>
    </message>
    <message>
        <source>Norm</source>
        <translation>Norm</translation>
    </message>
    <message>
        <source>Norm met</source>
        <translation>Norm gehaald</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Totaal</translation>
    </message>
    <message>
        <source>{level} (norm met)</source>
        <translation>{level} (norm gehaald)</translation>
    </message>
    <message>
        <source>Below the norm</source>
        <translation>Onder de norm</translation>
    </message>
    <message>
        <source>Norm {percent}</source>
        <translation>Norm {percent}</translation>
    </message>
    <message>
        <source>Trajectories started (regular work, sheltered work and Bbz)</source>
        <translation>Gestarte trajecten (regulier werk, beschut werk en Bbz)</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Periode</translation>
    </message>
    <message>
        <source>From (first start date)</source>
        <translation>Vanaf (eerste startdatum)</translation>
    </message>
    <message>
        <source>Up to and including (last start date)</source>
        <translation>Tot en met (laatste startdatum)</translation>
    </message>
    <message>
        <source>Calculating…</source>
        <translation>Bezig met berekenen…</translation>
    </message>
    <message>
        <source>Busy</source>
        <translation>Bezig</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Samenvatting</translation>
    </message>
    <message>
        <source>Parts of the report</source>
        <translation>Onderdelen van de rapportage</translation>
    </message>
    <message>
        <source>Leerwerkbedrijf share</source>
        <translation>Aandeel leerwerkbedrijf</translation>
    </message>
    <message>
        <source>Outflow</source>
        <translation>Uitstroom</translation>
    </message>
    <message>
        <source>&amp;Leerwerkbedrijf (70% norm)</source>
        <translation>&amp;Leerwerkbedrijf (70%-norm)</translation>
    </message>
    <message>
        <source>&amp;Outflow</source>
        <translation>&amp;Uitstroom</translation>
    </message>
    <message>
        <source>Export as &amp;PNG…</source>
        <translation>Exporteren als P&amp;NG…</translation>
    </message>
    <message>
        <source>Export chart as PNG</source>
        <translation>Grafiek exporteren als PNG</translation>
    </message>
    <message>
        <source>The chart of the part shown, as an image</source>
        <translation>De grafiek van het getoonde onderdeel als afbeelding</translation>
    </message>
    <message>
        <source>Export as &amp;CSV…</source>
        <translation>Exporteren als &amp;CSV…</translation>
    </message>
    <message>
        <source>Export table as CSV</source>
        <translation>Tabel exporteren als CSV</translation>
    </message>
    <message>
        <source>The table of the part shown, as .csv (or .xlsx)</source>
        <translation>De tabel van het getoonde onderdeel als .csv (of .xlsx)</translation>
    </message>
    <message>
        <source>Pe&amp;riod:</source>
        <translation>&amp;Periode:</translation>
    </message>
    <message>
        <source>&amp;from</source>
        <translation>&amp;van</translation>
    </message>
    <message>
        <source>&amp;to</source>
        <translation>&amp;tot en met</translation>
    </message>
    <message>
        <source>The start date is after the end date.</source>
        <translation>De begindatum ligt na de einddatum.</translation>
    </message>
    <message>
        <source>Leerwerktrajecten via the leerwerkbedrijf, {period}</source>
        <translation>Leerwerktrajecten via het leerwerkbedrijf, {period}</translation>
    </message>
    <message>
        <source>Outflow per municipality, {period}</source>
        <translation>Uitstroom per gemeente, {period}</translation>
    </message>
    <message>
        <source>all trajectories</source>
        <translation>alle trajecten</translation>
    </message>
    <message>
        <source>started {date_from} to {date_to}</source>
        <translation>gestart {date_from} t/m {date_to}</translation>
    </message>
    <message>
        <source>Region &lt;b&gt;{name}&lt;/b&gt;: &lt;b&gt;{share}&lt;/b&gt; of the leerwerktrajecten via the leerwerkbedrijf ({via} of {total})</source>
        <translation>Regio &lt;b&gt;{name}&lt;/b&gt;: &lt;b&gt;{share}&lt;/b&gt; van de leerwerktrajecten via het leerwerkbedrijf ({via} van {total})</translation>
    </message>
    <message>
        <source>met</source>
        <translation>gehaald</translation>
    </message>
    <message>
        <source>not met</source>
        <translation>niet gehaald</translation>
    </message>
    <message>
        <source>, norm {norm}: {verdict}</source>
        <translation>, norm {norm}: {verdict}</translation>
    </message>
    <message>
        <source>No leerwerktrajecten in this period.</source>
        <translation>Geen leerwerktrajecten in deze periode.</translation>
    </message>
    <message>
        <source>Export chart</source>
        <translation>Grafiek exporteren</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG-afbeelding (*.png)</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exporteren</translation>
    </message>
    <message>
        <source>{file} could not be written.</source>
        <translation>{file} kon niet worden geschreven.</translation>
    </message>
    <message>
        <source>CSV, semicolon-separated (*.csv);;Excel workbook (*.xlsx);;OpenDocument spreadsheet (*.ods)</source>
        <translation>CSV, puntkomma-gescheiden (*.csv);;Excel-werkmap (*.xlsx);;OpenDocument-rekenblad (*.ods)</translation>
    </message>
    <message>
        <source>Export table</source>
        <translation>Tabel exporteren</translation>
    </message>
    <message>
        <source>The file could not be written ({reason}).</source>
        <translation>Het bestand kon niet worden geschreven ({reason}).</translation>
    </message>
</context>
<context>
    <name>ResultsModel</name>
    <message>
        <source>Number</source>
        <translation>Nummer</translation>
    </message>
    <message>
        <source>Name / title</source>
        <translation>Naam / titel</translation>
    </message>
    <message>
        <source>Employer</source>
        <translation>Werkgever</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Plaats</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Soort</translation>
    </message>
    <message>
        <source>Components</source>
        <translation>Onderdelen</translation>
    </message>
    <message>
        <source>Proposal</source>
        <translation>Voorstel</translation>
    </message>
    <message>
        <source>Suitable</source>
        <translation>Geschikt</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no: {reasons}</source>
        <translation>nee: {reasons}</translation>
    </message>
</context>
<context>
    <name>RetentionDialog</name>
    <message>
        <source>Retention periods</source>
        <translation>Bewaartermijnen</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Laden…</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Gegeven</translation>
    </message>
    <message>
        <source>Client number</source>
        <translation>Klantnummer</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>Sinds</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reden</translation>
    </message>
    <message>
        <source>&amp;Erase what is due…</source>
        <translation>Verlopen gegevens &amp;wissen…</translation>
    </message>
    <message numerus="yes">
        <source>%Ln record(s) past their retention period.</source>
        <translation>
            <numerusform>%Ln gegeven is langer bewaard dan de bewaartermijn.</numerusform>
            <numerusform>%Ln gegevens zijn langer bewaard dan de bewaartermijn.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Erase the personal data of %Ln record(s) for good? This cannot be undone.</source>
        <translation>
            <numerusform>De persoonsgegevens van %Ln gegeven definitief wissen? Dit kan niet ongedaan worden gemaakt.</numerusform>
            <numerusform>De persoonsgegevens van %Ln gegevens definitief wissen? Dit kan niet ongedaan worden gemaakt.</numerusform>
        </translation>
    </message>
    <message>
        <source>Erase</source>
        <translation>Wissen</translation>
    </message>
    <message>
        <source>&amp;Retention periods…</source>
        <translation>&amp;Bewaartermijnen…</translation>
    </message>
</context>
<context>
    <name>SaveTypedVacancyDialog</name>
    <message>
        <source>Save as vacancy</source>
        <translation>Bewaren als vacature</translation>
    </message>
    <message>
        <source>&lt;b&gt;{title}&lt;/b&gt; becomes a vacancy of the employer you pick; it gets the next free reference and can then be proposed for.</source>
        <translation>&lt;b&gt;{title}&lt;/b&gt; wordt een vacature van de werkgever die u kiest; ze krijgt de volgende vrije referentie en daarna kunt u er kandidaten voor voorstellen.</translation>
    </message>
    <message>
        <source>Name, KvK number or place of the employer</source>
        <translation>Naam, KvK-nummer of plaats van de werkgever</translation>
    </message>
    <message>
        <source>Employer</source>
        <translation>Werkgever</translation>
    </message>
    <message>
        <source>&amp;Employer:</source>
        <translation>&amp;Werkgever:</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Opslaan</translation>
    </message>
</context>
<context>
    <name>SignalActions</name>
    <message>
        <source>&amp;Handle…</source>
        <translation>&amp;Afhandelen…</translation>
    </message>
    <message>
        <source>Handle signal</source>
        <translation>Signaal afhandelen</translation>
    </message>
    <message>
        <source>Mark the selected signals as handled, with a short note</source>
        <translation>Markeer de gekozen signalen als afgehandeld, met een korte notitie</translation>
    </message>
    <message>
        <source>&amp;Snooze until…</source>
        <translation>&amp;Uitstellen tot…</translation>
    </message>
    <message>
        <source>Snooze signal</source>
        <translation>Signaal uitstellen</translation>
    </message>
    <message>
        <source>Leave the selected signals out of the list until a date</source>
        <translation>Laat de gekozen signalen tot een datum uit de lijst</translation>
    </message>
    <message>
        <source>Hand &amp;over…</source>
        <translation>Over&amp;dragen…</translation>
    </message>
    <message>
        <source>Hand over signal</source>
        <translation>Signaal overdragen</translation>
    </message>
    <message>
        <source>Hand the selected signals over to a colleague</source>
        <translation>Draag de gekozen signalen over aan een collega</translation>
    </message>
    <message>
        <source>&amp;Reopen</source>
        <translation>He&amp;ropenen</translation>
    </message>
    <message>
        <source>Reopen signal</source>
        <translation>Signaal heropenen</translation>
    </message>
    <message>
        <source>Put handled or snoozed signals back in the list</source>
        <translation>Zet afgehandelde of uitgestelde signalen terug in de lijst</translation>
    </message>
    <message>
        <source>E&amp;xtend…</source>
        <translation>Ver&amp;lengen…</translation>
    </message>
    <message>
        <source>Extend trajectory</source>
        <translation>Traject verlengen</translation>
    </message>
    <message>
        <source>Extend the trajectory of the selected signal</source>
        <translation>Verleng het traject van het gekozen signaal</translation>
    </message>
    <message>
        <source>&amp;End…</source>
        <translation>B&amp;eëindigen…</translation>
    </message>
    <message>
        <source>End trajectory</source>
        <translation>Traject beëindigen</translation>
    </message>
    <message>
        <source>End the trajectory of the selected signal</source>
        <translation>Beëindig het traject van het gekozen signaal</translation>
    </message>
</context>
<context>
    <name>SignalsModel</name>
    <message>
        <source>Due date</source>
        <translation>Vervaldatum</translation>
    </message>
    <message>
        <source>Term</source>
        <translation>Termijn</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Soort</translation>
    </message>
    <message>
        <source>Klantnummer</source>
        <translation>Klantnummer</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Vandaag</translation>
    </message>
    <message>
        <source>Within a week</source>
        <translation>Binnen een week</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>Later</translation>
    </message>
    <message>
        <source>Up to 4 weeks overdue</source>
        <translation>Tot 4 weken te laat</translation>
    </message>
    <message>
        <source>1 to 3 months overdue</source>
        <translation>1 tot 3 maanden te laat</translation>
    </message>
    <message>
        <source>More than 3 months overdue</source>
        <translation>Meer dan 3 maanden te laat</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Naam</translation>
    </message>
    <message>
        <source>Staff member</source>
        <translation>Medewerker</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Melding</translation>
    </message>
    <message>
        <source>Handled by {name}</source>
        <translation>Afgehandeld door {name}</translation>
    </message>
    <message>
        <source>Handed over by {name}</source>
        <translation>Overgedragen door {name}</translation>
    </message>
    <message>
        <source>Overdue since {date}</source>
        <translation>Verlopen sinds {date}</translation>
    </message>
    <message>
        <source>handled</source>
        <translation>afgehandeld</translation>
    </message>
    <message>
        <source>snoozed until {date}</source>
        <translation>uitgesteld tot {date}</translation>
    </message>
    <message>
        <source>{text} (overdue)</source>
        <translation>{text} (verlopen)</translation>
    </message>
</context>
<context>
    <name>SignalsPage</name>
    <message>
        <source>Trajectory end approaching</source>
        <translation>Einde traject nadert</translation>
    </message>
    <message>
        <source>Past the time limit</source>
        <translation>Over de termijn</translation>
    </message>
    <message>
        <source>Detachering reaching the limit</source>
        <translation>Detachering bereikt grens</translation>
    </message>
    <message>
        <source>Maatwerk (23 months)</source>
        <translation>Maatwerk (23 maanden)</translation>
    </message>
    <message>
        <source>Ontheffing expiring</source>
        <translation>Ontheffing verloopt</translation>
    </message>
    <message>
        <source>Proposal without follow-up</source>
        <translation>Voorstel zonder opvolging</translation>
    </message>
    <message>
        <source>Leerwerktraject without a sequel</source>
        <translation>Leerwerktraject zonder vervolg</translation>
    </message>
    <message>
        <source>Taaleis</source>
        <translation>Taaleis</translation>
    </message>
    <message>
        <source>overdue ({days} day)</source>
        <translation>verlopen ({days} dag)</translation>
    </message>
    <message>
        <source>overdue ({days} days)</source>
        <translation>verlopen ({days} dagen)</translation>
    </message>
    <message>
        <source>today</source>
        <translation>vandaag</translation>
    </message>
    <message>
        <source>tomorrow</source>
        <translation>morgen</translation>
    </message>
    <message>
        <source>in {days} days</source>
        <translation>over {days} dagen</translation>
    </message>
    <message>
        <source>Signals</source>
        <translation>Signalen</translation>
    </message>
    <message>
        <source>Worklist of deadlines and follow-ups; Enter or double-click opens the record</source>
        <translation>Werklijst van termijnen en opvolging; Enter of dubbelklik opent het dossier</translation>
    </message>
    <message>
        <source> days</source>
        <translation> dagen</translation>
    </message>
    <message>
        <source>Within number of days</source>
        <translation>Binnen aantal dagen</translation>
    </message>
    <message>
        <source>Show the signals due within this many days; overdue signals stay listed</source>
        <translation>Toon signalen die binnen zoveel dagen vervallen; verlopen signalen blijven staan</translation>
    </message>
    <message>
        <source>Kind of signal</source>
        <translation>Soort signaal</translation>
    </message>
    <message>
        <source>all kinds</source>
        <translation>alle soorten</translation>
    </message>
    <message>
        <source>Only o&amp;verdue</source>
        <translation>Alleen &amp;verlopen</translation>
    </message>
    <message>
        <source>Only overdue signals</source>
        <translation>Alleen verlopen signalen</translation>
    </message>
    <message>
        <source>Number of signals</source>
        <translation>Aantal signalen</translation>
    </message>
    <message>
        <source>Calculating…</source>
        <translation>Bezig met berekenen…</translation>
    </message>
    <message>
        <source>Busy</source>
        <translation>Bezig</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;Openen</translation>
    </message>
    <message>
        <source>Open record</source>
        <translation>Dossier openen</translation>
    </message>
    <message>
        <source>Open the trajectory or the candidate of the selected signal (Enter)</source>
        <translation>Open het traject of de kandidaat van het gekozen signaal (Enter)</translation>
    </message>
    <message>
        <source>E&amp;xport…</source>
        <translation>E&amp;xporteren…</translation>
    </message>
    <message>
        <source>Export worklist</source>
        <translation>Werklijst exporteren</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>Ver&amp;nieuwen</translation>
    </message>
    <message>
        <source>Refresh signals</source>
        <translation>Signalen vernieuwen</translation>
    </message>
    <message>
        <source>Calculate the signals again (F5)</source>
        <translation>Signalen opnieuw berekenen (F5)</translation>
    </message>
    <message>
        <source>&amp;Within:</source>
        <translation>&amp;Binnen:</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>&amp;Soort:</translation>
    </message>
    <message>
        <source>There is no medewerker {name}, so there are no candidates of your own</source>
        <translation>Er is geen medewerker {name}; er zijn dus geen eigen kandidaten</translation>
    </message>
    <message>
        <source>{count} signal</source>
        <translation>{count} signaal</translation>
    </message>
    <message>
        <source>{count} signals</source>
        <translation>{count} signalen</translation>
    </message>
    <message>
        <source>{count} overdue</source>
        <translation>{count} verlopen</translation>
    </message>
    <message>
        <source>{signals}, of which {overdue}</source>
        <translation>{signals}, waarvan {overdue}</translation>
    </message>
    <message>
        <source>The file could not be written ({reason}).</source>
        <translation>Het bestand kon niet worden geschreven ({reason}).</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exporteren</translation>
    </message>
    <message>
        <source>Only &amp;mine</source>
        <translation>Alleen &amp;mijn</translation>
    </message>
    <message>
        <source>Only my signals</source>
        <translation>Alleen mijn signalen</translation>
    </message>
    <message>
        <source>The signals of your own candidates, and those handed over to you</source>
        <translation>De signalen van uw eigen kandidaten en de signalen die aan u zijn overgedragen</translation>
    </message>
    <message>
        <source>Also &amp;handled and snoozed</source>
        <translation>Ook a&amp;fgehandeld en uitgesteld</translation>
    </message>
    <message>
        <source>Also handled and snoozed signals</source>
        <translation>Ook afgehandelde en uitgestelde signalen</translation>
    </message>
    <message>
        <source>List the handled signals and the snoozed ones too, to reopen them</source>
        <translation>Toon ook de afgehandelde en de uitgestelde signalen, om ze te heropenen</translation>
    </message>
    <message>
        <source>The worklist as filtered, to .csv, .xlsx or .ods</source>
        <translation>De werklijst zoals gefilterd, naar .csv, .xlsx of .ods</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;CSV, semicolon-separated (*.csv);;OpenDocument spreadsheet (*.ods)</source>
        <translation>Excel-werkmap (*.xlsx);;CSV, puntkomma-gescheiden (*.csv);;OpenDocument-rekenblad (*.ods)</translation>
    </message>
    <message>
        <source>{count} signals written to {file}.</source>
        <translation>{count} signalen geschreven naar {file}.</translation>
    </message>
</context>
<context>
    <name>SkillsEditor</name>
    <message>
        <source>Skills</source>
        <translation>Vaardigheden</translation>
    </message>
    <message>
        <source>Skill, certificate or driving licence…</source>
        <translation>Vaardigheid, certificaat of rijbewijs…</translation>
    </message>
    <message>
        <source>New skill</source>
        <translation>Nieuwe vaardigheid</translation>
    </message>
    <message>
        <source>Level of the skill</source>
        <translation>Niveau van de vaardigheid</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Toevoegen</translation>
    </message>
    <message>
        <source>Re&amp;move</source>
        <translation>Verwij&amp;deren</translation>
    </message>
    <message>
        <source>“{text}” was recognised as “{label}”.</source>
        <translation>“{text}” is herkend als “{label}”.</translation>
    </message>
    <message>
        <source>“{text}” is not in the vocabulary and is kept as free text.</source>
        <translation>“{text}” staat niet in de woordenlijst en wordt als vrije tekst bewaard.</translation>
    </message>
</context>
<context>
    <name>SnoozeDialog</name>
    <message>
        <source>Snooze signals</source>
        <translation>Signalen uitstellen</translation>
    </message>
    <message numerus="yes">
        <source>Leave %n signal(s) out of the list until the date.</source>
        <translation>
            <numerusform>Laat %n signaal tot de datum uit de lijst.</numerusform>
            <numerusform>Laat %n signalen tot de datum uit de lijst.</numerusform>
        </translation>
    </message>
    <message>
        <source>Snooze until</source>
        <translation>Uitstellen tot</translation>
    </message>
    <message>
        <source>&amp;Until:</source>
        <translation>&amp;Tot:</translation>
    </message>
    <message>
        <source>Snooze</source>
        <translation>Uitstellen</translation>
    </message>
</context>
<context>
    <name>SyncActions</name>
    <message>
        <source>S&amp;ynchronise with the team server</source>
        <translation>S&amp;ynchroniseren met de teamserver</translation>
    </message>
    <message>
        <source>&amp;Refused changes…</source>
        <translation>&amp;Geweigerde wijzigingen…</translation>
    </message>
    <message>
        <source>Synchronise</source>
        <translation>Synchroniseren</translation>
    </message>
    <message numerus="yes">
        <source>%n refused change(s)</source>
        <translation>
            <numerusform>%n geweigerde wijziging</numerusform>
            <numerusform>%n geweigerde wijzigingen</numerusform>
        </translation>
    </message>
    <message>
        <source>Not yet synchronised</source>
        <translation>Nog niet gesynchroniseerd</translation>
    </message>
    <message>
        <source>Last synchronised: {when}</source>
        <translation>Laatst gesynchroniseerd: {when}</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) to send</source>
        <translation>
            <numerusform>%n wijziging te versturen</numerusform>
            <numerusform>%n wijzigingen te versturen</numerusform>
        </translation>
    </message>
    <message>
        <source>Synchronising…</source>
        <translation>Synchroniseren…</translation>
    </message>
    <message>
        <source>Fetching the copy from the server…</source>
        <translation>Kopie van de server ophalen…</translation>
    </message>
    <message>
        <source>Sending changes: {done} of {total}</source>
        <translation>Wijzigingen versturen: {done} van {total}</translation>
    </message>
    <message>
        <source>Fetching changes: {done}</source>
        <translation>Wijzigingen ophalen: {done}</translation>
    </message>
    <message>
        <source>Synchronised: {sent} sent, {fetched} fetched</source>
        <translation>Gesynchroniseerd: {sent} verstuurd, {fetched} opgehaald</translation>
    </message>
    <message numerus="yes">
        <source>%n refused</source>
        <translation>
            <numerusform>%n geweigerd</numerusform>
            <numerusform>%n geweigerd</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TargetDelegate</name>
    <message>
        <source>Column for {header}</source>
        <translation>Kolom voor {header}</translation>
    </message>
</context>
<context>
    <name>TrajectoriesPage</name>
    <message>
        <source>&amp;My candidates</source>
        <translation>&amp;Mijn kandidaten</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Soort</translation>
    </message>
    <message>
        <source>Type: all</source>
        <translation>Soort: alle</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Status: all</source>
        <translation>Status: alle</translation>
    </message>
    <message numerus="yes">
        <source>{count} trajectories</source>
        <translation>
            <numerusform>{count} traject</numerusform>
            <numerusform>{count} trajecten</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TrajectoryActions</name>
    <message>
        <source>E&amp;xtend…</source>
        <translation>&amp;Verlengen…</translation>
    </message>
    <message>
        <source>Extend the selected trajectory: a new planned end, judged by the rules</source>
        <translation>Het gekozen traject verlengen: een nieuw gepland einde, getoetst aan de regels</translation>
    </message>
    <message>
        <source>E&amp;nd…</source>
        <translation>Beë&amp;indigen…</translation>
    </message>
    <message>
        <source>End the selected trajectory: its last day, outcome and reason</source>
        <translation>Het gekozen traject beëindigen: de laatste dag, de uitkomst en de reden</translation>
    </message>
    <message>
        <source>Extend…</source>
        <translation>Verlengen…</translation>
    </message>
    <message>
        <source>End…</source>
        <translation>Beëindigen…</translation>
    </message>
</context>
<context>
    <name>TrajectoryDialog</name>
    <message>
        <source>Start trajectory</source>
        <translation>Traject starten</translation>
    </message>
    <message>
        <source>Extend trajectory</source>
        <translation>Traject verlengen</translation>
    </message>
    <message>
        <source>End trajectory</source>
        <translation>Traject beëindigen</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Starten</translation>
    </message>
    <message>
        <source>E&amp;xtend</source>
        <translation>&amp;Verlengen</translation>
    </message>
    <message>
        <source>&amp;End</source>
        <translation>&amp;Beëindigen</translation>
    </message>
    <message>
        <source>Blocked</source>
        <translation>Geblokkeerd</translation>
    </message>
    <message>
        <source>Warning: motivation required</source>
        <translation>Waarschuwing: motivatie vereist</translation>
    </message>
    <message>
        <source>Allowed</source>
        <translation>Toegestaan</translation>
    </message>
    <message>
        <source>Cannot be judged</source>
        <translation>Kan niet worden beoordeeld</translation>
    </message>
    <message>
        <source>Rule {id}</source>
        <translation>Regel {id}</translation>
    </message>
    <message>
        <source>in force from {start}</source>
        <translation>geldig vanaf {start}</translation>
    </message>
    <message>
        <source>in force from {start} up to and including {end}</source>
        <translation>geldig van {start} tot en met {end}</translation>
    </message>
    <message>
        <source>Rule {id} ({file}): {title}. Source: {source}; {valid}</source>
        <translation>Regel {id} ({file}): {title}. Bron: {source}; {valid}</translation>
    </message>
    <message>
        <source>{title} — {candidate}</source>
        <translation>{title} — {candidate}</translation>
    </message>
    <message>
        <source>Kind of trajectory</source>
        <translation>Soort traject</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>Uitvoerder</translation>
    </message>
    <message>
        <source>— unknown —</source>
        <translation>— onbekend —</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Locatie</translation>
    </message>
    <message>
        <source>Where the leerwerktraject takes place</source>
        <translation>Waar het leerwerktraject plaatsvindt</translation>
    </message>
    <message>
        <source>Kind of vacancy</source>
        <translation>Soort vacature</translation>
    </message>
    <message>
        <source>— none —</source>
        <translation>— geen —</translation>
    </message>
    <message>
        <source>Start date</source>
        <translation>Begindatum</translation>
    </message>
    <message>
        <source>Planned end</source>
        <translation>Gepland einde</translation>
    </message>
    <message>
        <source>The last day of the trajectory (inclusive)</source>
        <translation>De laatste dag van het traject (tot en met)</translation>
    </message>
    <message>
        <source>&amp;Open-ended</source>
        <translation>&amp;Geen einddatum</translation>
    </message>
    <message>
        <source>Open-ended</source>
        <translation>Geen einddatum</translation>
    </message>
    <message>
        <source>For example regular work for an indefinite period</source>
        <translation>Bijvoorbeeld regulier werk voor onbepaalde tijd</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Duur</translation>
    </message>
    <message>
        <source>Actual end</source>
        <translation>Werkelijk einde</translation>
    </message>
    <message>
        <source>The last day on which the trajectory ran (inclusive)</source>
        <translation>De laatste dag waarop het traject liep (tot en met)</translation>
    </message>
    <message>
        <source>A&amp;borted early</source>
        <translation>Voortijdig &amp;afgebroken</translation>
    </message>
    <message>
        <source>Aborted early</source>
        <translation>Voortijdig afgebroken</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Uitkomst</translation>
    </message>
    <message>
        <source>Choose or type the outcome</source>
        <translation>Kies of typ de uitkomst</translation>
    </message>
    <message>
        <source>Reason for ending</source>
        <translation>Reden van beëindiging</translation>
    </message>
    <message>
        <source>Why it ended; required when aborted</source>
        <translation>Waarom het eindigde; verplicht bij voortijdig afbreken</translation>
    </message>
    <message>
        <source>Motivation</source>
        <translation>Motivatie</translation>
    </message>
    <message>
        <source>Why this trajectory, and why now? Required with a warning.</source>
        <translation>Waarom dit traject, en waarom nu? Verplicht bij een waarschuwing.</translation>
    </message>
    <message>
        <source>Reason for overriding the block</source>
        <translation>Reden voor doorbreken van de blokkade</translation>
    </message>
    <message>
        <source>Only with a block: why the teamleider allows it anyway</source>
        <translation>Alleen bij een blokkade: waarom de teamleider het toch toestaat</translation>
    </message>
    <message>
        <source>The rules&apos; verdict</source>
        <translation>Oordeel van de regels</translation>
    </message>
    <message>
        <source>Error message</source>
        <translation>Foutmelding</translation>
    </message>
    <message>
        <source>a date is required</source>
        <translation>een datum is verplicht</translation>
    </message>
    <message>
        <source>{field}: {problem}</source>
        <translation>{field}: {problem}</translation>
    </message>
    <message>
        <source>Enter the reason why it was aborted.</source>
        <translation>Vul de reden in waarom het traject is afgebroken.</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Opslaan</translation>
    </message>
    <message>
        <source>Save (Ctrl+S)</source>
        <translation>Opslaan (Ctrl+S)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuleren</translation>
    </message>
    <message>
        <source>Close without saving (Esc)</source>
        <translation>Sluiten zonder opslaan (Esc)</translation>
    </message>
    <message>
        <source>{title} for {candidate}</source>
        <translation>{title} voor {candidate}</translation>
    </message>
    <message>
        <source>Municipality {municipality}; decision date {date}; the municipality&apos;s rules on that day</source>
        <translation>Gemeente {municipality}; beslisdatum {date}; regels van de gemeente op die dag</translation>
    </message>
    <message>
        <source>Kind of &amp;trajectory:</source>
        <translation>Soort &amp;traject:</translation>
    </message>
    <message>
        <source>Pro&amp;vider:</source>
        <translation>&amp;Uitvoerder:</translation>
    </message>
    <message>
        <source>&amp;Location:</source>
        <translation>&amp;Locatie:</translation>
    </message>
    <message>
        <source>Kind of va&amp;cancy:</source>
        <translation>Soort va&amp;cature:</translation>
    </message>
    <message>
        <source>Start &amp;date:</source>
        <translation>Begin&amp;datum:</translation>
    </message>
    <message>
        <source>Planned e&amp;nd:</source>
        <translation>Gepland &amp;einde:</translation>
    </message>
    <message>
        <source>New e&amp;nd:</source>
        <translation>Nieuw &amp;einde:</translation>
    </message>
    <message>
        <source>&amp;Actual end:</source>
        <translation>&amp;Werkelijk einde:</translation>
    </message>
    <message>
        <source>O&amp;utcome:</source>
        <translation>Uit&amp;komst:</translation>
    </message>
    <message>
        <source>&amp;Reason for ending:</source>
        <translation>&amp;Reden van beëindiging:</translation>
    </message>
    <message>
        <source>&amp;Motivation:</source>
        <translation>&amp;Motivatie:</translation>
    </message>
    <message>
        <source>&amp;Reason for override:</source>
        <translation>&amp;Reden doorbreken:</translation>
    </message>
    <message>
        <source>indefinite</source>
        <translation>onbepaalde tijd</translation>
    </message>
    <message>
        <source>end before start</source>
        <translation>einde vóór begin</translation>
    </message>
    <message>
        <source>{months} months ({days} days)</source>
        <translation>{months} maanden ({days} dagen)</translation>
    </message>
    <message>
        <source>elapsed: {duration}</source>
        <translation>gelopen: {duration}</translation>
    </message>
    <message>
        <source>unknown error</source>
        <translation>onbekende fout</translation>
    </message>
    <message>
        <source>Please note</source>
        <translation>Let op</translation>
    </message>
    <message>
        <source>As a teamleider you can override the block: enter the reason.</source>
        <translation>Als teamleider kunt u de blokkade doorbreken: vul de reden in.</translation>
    </message>
    <message>
        <source>Saving is not possible. Change the trajectory or ask a teamleider.</source>
        <translation>Opslaan is niet mogelijk. Pas het traject aan of vraag een teamleider.</translation>
    </message>
    <message>
        <source>Enter a motivation to save.</source>
        <translation>Vul een motivatie in om op te slaan.</translation>
    </message>
    <message>
        <source>&amp;Save with override</source>
        <translation>&amp;Opslaan met doorbreking</translation>
    </message>
</context>
<context>
    <name>TypedVacancyDialog</name>
    <message>
        <source>Vacancy on the spot</source>
        <translation>Vacature ter plekke</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>onbekend</translation>
    </message>
    <message>
        <source>e.g. heftruckcertificaat; orderpicken</source>
        <translation>bijv. heftruckcertificaat; orderpicken</translation>
    </message>
    <message>
        <source>separated by ;</source>
        <translation>gescheiden door ;</translation>
    </message>
    <message>
        <source>e.g. B or C</source>
        <translation>bijv. B of C</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>&amp;Titel:</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>&amp;Soort:</translation>
    </message>
    <message>
        <source>&amp;Place:</source>
        <translation>&amp;Plaats:</translation>
    </message>
    <message>
        <source>&amp;Hours per week:</source>
        <translation>&amp;Uren per week:</translation>
    </message>
    <message>
        <source>Re&amp;quired skills:</source>
        <translation>&amp;Vereiste vaardigheden:</translation>
    </message>
    <message>
        <source>&amp;Desired skills:</source>
        <translation>&amp;Gewenste vaardigheden:</translation>
    </message>
    <message>
        <source>Driving &amp;licence required:</source>
        <translation>Rij&amp;bewijs vereist:</translation>
    </message>
    <message>
        <source>Minimum &amp;speaking:</source>
        <translation>Minimaal spre&amp;ken:</translation>
    </message>
    <message>
        <source>Minimum Dutch speaking</source>
        <translation>Minimaal Nederlands spreken</translation>
    </message>
    <message>
        <source>Minimum liste&amp;ning:</source>
        <translation>Minimaal &amp;luisteren:</translation>
    </message>
    <message>
        <source>Minimum Dutch listening</source>
        <translation>Minimaal Nederlands luisteren</translation>
    </message>
    <message>
        <source>Minimum r&amp;eading:</source>
        <translation>Minimaal l&amp;ezen:</translation>
    </message>
    <message>
        <source>Minimum Dutch reading</source>
        <translation>Minimaal Nederlands lezen</translation>
    </message>
    <message>
        <source>Minimum &amp;writing:</source>
        <translation>Minimaal s&amp;chrijven:</translation>
    </message>
    <message>
        <source>Minimum Dutch writing</source>
        <translation>Minimaal Nederlands schrijven</translation>
    </message>
    <message>
        <source>no requirement</source>
        <translation>geen eis</translation>
    </message>
    <message>
        <source>&amp;Rank</source>
        <translation>&amp;Rangschikken</translation>
    </message>
</context>
<context>
    <name>VacanciesPage</name>
    <message>
        <source>Type</source>
        <translation>Soort</translation>
    </message>
    <message>
        <source>Type: all</source>
        <translation>Soort: alle</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Status: all</source>
        <translation>Status: alle</translation>
    </message>
    <message numerus="yes">
        <source>{count} vacancies</source>
        <translation>
            <numerusform>{count} vacature</numerusform>
            <numerusform>{count} vacatures</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>VacancyEditor</name>
    <message>
        <source>Employer</source>
        <translation>Werkgever</translation>
    </message>
    <message>
        <source>Employer:</source>
        <translation>Werkgever:</translation>
    </message>
    <message>
        <source>Vacancy</source>
        <translation>Vacature</translation>
    </message>
    <message>
        <source>Requirements</source>
        <translation>Eisen</translation>
    </message>
    <message>
        <source>Vacancy {key}</source>
        <translation>Vacature {key}</translation>
    </message>
    <message>
        <source>New vacancy at {employer}</source>
        <translation>Nieuwe vacature bij {employer}</translation>
    </message>
    <message>
        <source>New vacancy</source>
        <translation>Nieuwe vacature</translation>
    </message>
    <message>
        <source>&lt;b&gt;Required:&lt;/b&gt; {required}&lt;br&gt;&lt;b&gt;Desired:&lt;/b&gt; {desired}&lt;br&gt;&lt;b&gt;Dutch at least:&lt;/b&gt; {levels}</source>
        <translation>&lt;b&gt;Vereist:&lt;/b&gt; {required}&lt;br&gt;&lt;b&gt;Gewenst:&lt;/b&gt; {desired}&lt;br&gt;&lt;b&gt;Nederlands minimaal:&lt;/b&gt; {levels}</translation>
    </message>
    <message>
        <source>you create a new vacancy from its employer</source>
        <translation>een nieuwe vacature maakt u vanuit de werkgever</translation>
    </message>
</context>
<context>
    <name>VerdictView</name>
    <message>
        <source>Show the rules be&amp;hind the findings</source>
        <translation>Regels ac&amp;hter de bevindingen tonen</translation>
    </message>
    <message>
        <source>Rule details</source>
        <translation>Regeldetails</translation>
    </message>
    <message>
        <source>Per finding the rule&apos;s id, its source and from when it is in force</source>
        <translation>Per bevinding de id van de regel, de bron en vanaf wanneer hij geldt</translation>
    </message>
</context>
</TS>
