<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl_NL" sourcelanguage="en">
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
</TS>
