<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>peanuts::ChartsPanel</name>
    <message>
        <source>No expenses yet — send a test delivery</source>
        <translation>Noch keine Ausgaben – senden Sie eine Testzustellung</translation>
    </message>
    <message>
        <source>Total this month</source>
        <translation>Summe diesen Monat</translation>
    </message>
    <message>
        <source>Entries</source>
        <translation>Einträge</translation>
    </message>
    <message>
        <source>Average expense</source>
        <translation>Durchschnittliche Ausgabe</translation>
    </message>
    <message>
        <source>current expense entries, all time</source>
        <translation>aktuelle Ausgabeneinträge, gesamter Zeitraum</translation>
    </message>
    <message>
        <source>per entry with an amount, all time</source>
        <translation>pro Eintrag mit Betrag, gesamter Zeitraum</translation>
    </message>
    <message>
        <source>Daily totals, last %1 days</source>
        <translation>Tagessummen, letzte %1 Tage</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <comment>day: total</comment>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>By category: total and entries</source>
        <translation>Nach Kategorie: Summe und Einträge</translation>
    </message>
    <message>
        <source>total</source>
        <translation>Summe</translation>
    </message>
    <message>
        <source>entries</source>
        <translation>Einträge</translation>
    </message>
    <message>
        <source>%1: %2 in 1 entry</source>
        <translation>%1: %2 in 1 Eintrag</translation>
    </message>
    <message numerus="yes">
        <source>%1: %2 in %Ln entries</source>
        <translation>
            <numerusform>%1: %2 in %Ln Eintrag</numerusform>
            <numerusform>%1: %2 in %Ln Einträgen</numerusform>
        </translation>
    </message>
    <message>
        <source>Deliveries per minute, last hour</source>
        <translation>Zustellungen pro Minute, letzte Stunde</translation>
    </message>
    <message>
        <source>accepted</source>
        <translation>angenommen</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>abgelehnt</translation>
    </message>
    <message>
        <source>%1: %2 accepted, %3 rejected</source>
        <translation>%1: %2 angenommen, %3 abgelehnt</translation>
    </message>
    <message>
        <source>Save as PNG…</source>
        <translation>Als PNG speichern…</translation>
    </message>
    <message>
        <source>Save chart as PNG</source>
        <translation>Diagramm als PNG speichern</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG-Bilder (*.png)</translation>
    </message>
    <message>
        <source>There is no chart named &quot;%1&quot; (daily, categories, minutes).</source>
        <translation>Es gibt kein Diagramm namens „%1“ (daily, categories, minutes).</translation>
    </message>
    <message>
        <source>Could not write %1.</source>
        <translation>%1 konnte nicht geschrieben werden.</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <comment>month · time zone</comment>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Daily totals, %1 – %2</source>
        <translation>Tagessummen, %1 – %2</translation>
    </message>
    <message>
        <source>Daily totals</source>
        <translation>Tagessummen</translation>
    </message>
    <message>
        <source>No expenses in the last %1 days</source>
        <translation>Keine Ausgaben in den letzten %1 Tagen</translation>
    </message>
    <message>
        <source>(no category)</source>
        <translation>(ohne Kategorie)</translation>
    </message>
    <message>
        <source>%1 others</source>
        <translation>%1 weitere</translation>
    </message>
    <message>
        <source>By category: total and entries (largest %1)</source>
        <translation>Nach Kategorie: Summe und Einträge (die %1 größten)</translation>
    </message>
    <message>
        <source>No deliveries in the last hour — send a test delivery</source>
        <translation>Keine Zustellungen in der letzten Stunde – senden Sie eine Testzustellung</translation>
    </message>
</context>
<context>
    <name>peanuts::DeadLetterButton</name>
    <message>
        <source>⚠ 1 dead letter</source>
        <translation>⚠ 1 unzustellbare Aktion</translation>
    </message>
    <message numerus="yes">
        <source>⚠ %n dead letters</source>
        <translation>
            <numerusform>⚠ %n unzustellbare Aktion</numerusform>
            <numerusform>⚠ %n unzustellbare Aktionen</numerusform>
        </translation>
    </message>
    <message>
        <source>Outgoing actions that failed on every attempt: click to retry or discard them.</source>
        <translation>Ausgehende Aktionen, bei denen jeder Versuch fehlschlug: Klicken Sie, um sie erneut zu versuchen oder zu verwerfen.</translation>
    </message>
    <message numerus="yes">
        <source>%n more are being retried.</source>
        <translation>
            <numerusform>%n weitere wird erneut versucht.</numerusform>
            <numerusform>%n weitere werden erneut versucht.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n were refused by the per-target limit of pending actions.</source>
        <translation>
            <numerusform>%n wurde durch das Limit ausstehender Aktionen pro Ziel abgewiesen.</numerusform>
            <numerusform>%n wurden durch das Limit ausstehender Aktionen pro Ziel abgewiesen.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>peanuts::DeadLetterDialog</name>
    <message>
        <source>Dead letters</source>
        <translation>Unzustellbare Aktionen</translation>
    </message>
    <message>
        <source>Outgoing actions that failed on every attempt. Retry sends them again; discard drops them. Kept 30 days.</source>
        <translation>Ausgehende Aktionen, bei denen jeder Versuch fehlschlug. „Erneut versuchen“ sendet sie noch einmal, „Verwerfen“ löscht sie. Sie werden 30 Tage aufbewahrt.</translation>
    </message>
</context>
<context>
    <name>peanuts::DeadLetterView</name>
    <message>
        <source>desktop notification</source>
        <translation>Desktop-Benachrichtigung</translation>
    </message>
    <message>
        <source>Dead letters</source>
        <translation>Unzustellbare Aktionen</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>Regel</translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation>Zustellung</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Versuche</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>Letzter Fehler</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <source>Send the selected actions again, with a fresh round of attempts</source>
        <translation>Die ausgewählten Aktionen erneut senden, mit einer neuen Runde von Versuchen</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Verwerfen</translation>
    </message>
    <message>
        <source>Drop the selected actions for good</source>
        <translation>Die ausgewählten Aktionen endgültig verwerfen</translation>
    </message>
    <message>
        <source>Could not retry: the database refused the change.</source>
        <translation>Erneuter Versuch nicht möglich: Die Datenbank hat die Änderung abgelehnt.</translation>
    </message>
    <message numerus="yes">
        <source>%n queued again.</source>
        <translation>
            <numerusform>%n erneut eingereiht.</numerusform>
            <numerusform>%n erneut eingereiht.</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not discard: the database refused the change.</source>
        <translation>Verwerfen nicht möglich: Die Datenbank hat die Änderung abgelehnt.</translation>
    </message>
    <message numerus="yes">
        <source>%n discarded.</source>
        <translation>
            <numerusform>%n verworfen.</numerusform>
            <numerusform>%n verworfen.</numerusform>
        </translation>
    </message>
    <message>
        <source>The receiver is not running.</source>
        <translation>Der Empfänger läuft nicht.</translation>
    </message>
    <message>
        <source>No dead letters: every action went out.</source>
        <translation>Keine unzustellbaren Aktionen: Jede Aktion wurde gesendet.</translation>
    </message>
    <message>
        <source>Showing the newest %1.</source>
        <translation>Die neuesten %1 werden angezeigt.</translation>
    </message>
    <message>
        <source>1 dead letter.</source>
        <translation>1 unzustellbare Aktion.</translation>
    </message>
    <message numerus="yes">
        <source>%n dead letters.</source>
        <translation>
            <numerusform>%n unzustellbare Aktion.</numerusform>
            <numerusform>%n unzustellbare Aktionen.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>peanuts::DeliveryLogView</name>
    <message>
        <source>1 delivery</source>
        <translation>1 Zustellung</translation>
    </message>
    <message numerus="yes">
        <source>%Ln deliveries</source>
        <translation>
            <numerusform>%Ln Zustellung</numerusform>
            <numerusform>%Ln Zustellungen</numerusform>
        </translation>
    </message>
    <message>
        <source>Search raw bodies</source>
        <translation>Rohinhalte durchsuchen</translation>
    </message>
    <message>
        <source>Search raw bodies…</source>
        <translation>Rohinhalte durchsuchen…</translation>
    </message>
    <message>
        <source>Substring of the raw body, case-insensitive (Ctrl+F)</source>
        <translation>Teil des Rohinhalts, ohne Beachtung der Groß-/Kleinschreibung (Strg+F)</translation>
    </message>
    <message>
        <source>Any</source>
        <translation>Alle</translation>
    </message>
    <message>
        <source>Event type (any other type can be typed)</source>
        <translation>Ereignistyp (jeder andere Typ kann eingegeben werden)</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>Angenommen</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>Duplikat</translation>
    </message>
    <message>
        <source>Stale</source>
        <translation>Veraltet</translation>
    </message>
    <message>
        <source>Ignored</source>
        <translation>Ignoriert</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Abgelehnt</translation>
    </message>
    <message>
        <source>Unavailable</source>
        <translation>Nicht verfügbar</translation>
    </message>
    <message>
        <source>Result (Rejected: 401, 400 and 413)</source>
        <translation>Ergebnis (Abgelehnt: 401, 400 und 413)</translation>
    </message>
    <message>
        <source>Helper name or command</source>
        <translation>Name oder Befehl des Helfers</translation>
    </message>
    <message>
        <source>Retries together</source>
        <translation>Wiederholungen zusammenfassen</translation>
    </message>
    <message>
        <source>A retry (the same bytes again) is not listed apart: its first attempt&apos;s row counts it, and the inspector lists every attempt. Applies while Result is Any.</source>
        <translation>Eine Wiederholung (dieselben Bytes noch einmal) erscheint nicht als eigene Zeile: Die Zeile des ersten Versuchs zählt sie mit, und der Inspektor listet jeden Versuch auf. Gilt, solange „Ergebnis“ auf „Alle“ steht.</translation>
    </message>
    <message>
        <source>All time</source>
        <translation>Gesamter Zeitraum</translation>
    </message>
    <message>
        <source>Last 15 minutes</source>
        <translation>Letzte 15 Minuten</translation>
    </message>
    <message>
        <source>Last hour</source>
        <translation>Letzte Stunde</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>Letzte 24 Stunden</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Letzte 7 Tage</translation>
    </message>
    <message>
        <source>&amp;Event</source>
        <translation>&amp;Ereignis</translation>
    </message>
    <message>
        <source>Res&amp;ult</source>
        <translation>Er&amp;gebnis</translation>
    </message>
    <message>
        <source>&amp;Helper</source>
        <translation>&amp;Helfer</translation>
    </message>
    <message>
        <source>&amp;When</source>
        <translation>&amp;Zeitraum</translation>
    </message>
    <message>
        <source>cannot read the log: %1</source>
        <translation>Protokoll kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>%1 · filtered in %2 ms</source>
        <translation>%1 · gefiltert in %2 ms</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <comment>status: the count, then a notice</comment>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Redact bodies</source>
        <translation>Inhalte schwärzen</translation>
    </message>
    <message>
        <source>Delete deliveries</source>
        <translation>Zustellungen löschen</translation>
    </message>
    <message>
        <source>Remove the body and headers of %1, with every copy of them: duplicate deliveries, the entry&apos;s data and the search index? Size and result stay, and the figures keep the amounts and categories. The bytes are gone for good; a retry of the same delivery is stored without them.</source>
        <translation>Inhalt und Header von %1 entfernen, mit allen Kopien davon: doppelte Zustellungen, die Daten des Eintrags und der Suchindex? Größe und Ergebnis bleiben erhalten, und die Kennzahlen behalten Beträge und Kategorien. Die Bytes sind endgültig verloren; eine Wiederholung derselben Zustellung wird ohne sie gespeichert.</translation>
    </message>
    <message>
        <source>Delete %1 from the log? Counters, figures and current entries are kept.</source>
        <translation>%1 aus dem Protokoll löschen? Zähler, Kennzahlen und aktuelle Einträge bleiben erhalten.</translation>
    </message>
    <message>
        <source>Redact</source>
        <translation>Schwärzen</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>redacted %1</source>
        <translation>%1 geschwärzt</translation>
    </message>
    <message>
        <source>deleted %1</source>
        <translation>%1 gelöscht</translation>
    </message>
    <message>
        <source>could not change the log: %1</source>
        <translation>Protokoll konnte nicht geändert werden: %1</translation>
    </message>
</context>
<context>
    <name>peanuts::Inspector</name>
    <message>
        <source>Copy as curl</source>
        <translation>Als curl-Befehl kopieren</translation>
    </message>
    <message>
        <source>Copy JSON</source>
        <translation>JSON kopieren</translation>
    </message>
    <message>
        <source>The body, pretty-printed when it is JSON</source>
        <translation>Der Inhalt, formatiert, wenn er JSON ist</translation>
    </message>
    <message>
        <source>Edit and resend…</source>
        <translation>Bearbeiten und erneut senden…</translation>
    </message>
    <message>
        <source>Pretty JSON</source>
        <translation>Formatiertes JSON</translation>
    </message>
    <message>
        <source>Tree</source>
        <translation>Baum</translation>
    </message>
    <message>
        <source>Raw</source>
        <translation>Rohdaten</translation>
    </message>
    <message>
        <source>Headers</source>
        <translation>Header</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>Signatur</translation>
    </message>
    <message>
        <source>Entry history</source>
        <translation>Verlauf des Eintrags</translation>
    </message>
    <message>
        <source>Select a delivery in the log to inspect it.</source>
        <translation>Wählen Sie eine Zustellung im Protokoll aus, um sie zu untersuchen.</translation>
    </message>
    <message>
        <source>The receiver is not running, so its database cannot be read.</source>
        <translation>Der Empfänger läuft nicht, daher kann seine Datenbank nicht gelesen werden.</translation>
    </message>
    <message>
        <source>Loading delivery #%1…</source>
        <translation>Zustellung #%1 wird geladen…</translation>
    </message>
    <message>
        <source>Delivery #%1 is not in the database (any more).</source>
        <translation>Zustellung #%1 ist nicht (mehr) in der Datenbank.</translation>
    </message>
    <message>
        <source>This delivery was redacted: its body was removed on request.</source>
        <translation>Diese Zustellung wurde geschwärzt: Ihr Inhalt wurde auf Wunsch entfernt.</translation>
    </message>
    <message>
        <source>Only the first %1 bytes were stored: rejected deliveries keep at most 4 KiB.</source>
        <translation>Nur die ersten %1 Bytes wurden gespeichert: Abgelehnte Zustellungen behalten höchstens 4 KiB.</translation>
    </message>
    <message>
        <source>A command that replays this delivery to this receiver, signed at replay time with the secret in $PEANUTS_SECRET (the command never contains a secret).</source>
        <translation>Ein Befehl, der diese Zustellung erneut an diesen Empfänger sendet, beim Senden signiert mit dem Secret aus $PEANUTS_SECRET (der Befehl enthält nie ein Secret).</translation>
    </message>
    <message>
        <source>Not available: the exact bytes of this body are not stored.</source>
        <translation>Nicht verfügbar: Die genauen Bytes dieses Inhalts sind nicht gespeichert.</translation>
    </message>
    <message>
        <source>Handler</source>
        <translation>Handler</translation>
    </message>
    <message>
        <source>Handler · %1</source>
        <comment>the handler&apos;s answer status</comment>
        <translation>Handler · %1</translation>
    </message>
    <message>
        <source>&lt;i&gt;no event&lt;/i&gt;</source>
        <translation>&lt;i&gt;kein Ereignis&lt;/i&gt;</translation>
    </message>
    <message>
        <source>entry &lt;b&gt;%1&lt;/b&gt;</source>
        <translation>Eintrag &lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>resent from &lt;a href=&apos;#%1&apos;&gt;#%1&lt;/a&gt;</source>
        <translation>erneut gesendet von &lt;a href=&apos;#%1&apos;&gt;#%1&lt;/a&gt;</translation>
    </message>
    <message>
        <source>answered in %1 ms</source>
        <translation>beantwortet in %1 ms</translation>
    </message>
    <message>
        <source>%1: a custom response; the delivery was stored as shown</source>
        <translation>%1: eine eigene Antwort; die Zustellung wurde wie angezeigt gespeichert</translation>
    </message>
    <message>
        <source>%1 simulated</source>
        <comment>an attempt&apos;s answer</comment>
        <translation>%1 simuliert</translation>
    </message>
    <message numerus="yes">
        <source>%n attempts: %1</source>
        <translation>
            <numerusform>%n Versuch: %1</numerusform>
            <numerusform>%n Versuche: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Event and entry as the refused body names them: the receiver did not accept it.</source>
        <translation>Ereignis und Eintrag, wie der abgewiesene Inhalt sie nennt: Der Empfänger hat ihn nicht angenommen.</translation>
    </message>
</context>
<context>
    <name>peanuts::PipelinePage</name>
    <message>
        <source>contains</source>
        <translation>enthält</translation>
    </message>
    <message>
        <source>due within days</source>
        <translation>fällig in Tagen</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Rules: when a delivery raises an alert</source>
        <translation>Regeln: wann eine Zustellung einen Alarm auslöst</translation>
    </message>
    <message>
        <source>On</source>
        <translation>An</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Helper</source>
        <translation>Helfer</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>Ereignisse</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Feld</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Operator</translation>
    </message>
    <message>
        <source>Value / days</source>
        <translation>Wert / Tage</translation>
    </message>
    <message>
        <source>Notification text</source>
        <translation>Benachrichtigungstext</translation>
    </message>
    <message>
        <source>Post to URL</source>
        <translation>An URL senden</translation>
    </message>
    <message>
        <source>Rules</source>
        <translation>Regeln</translation>
    </message>
    <message>
        <source>Helper: a command such as /expenses (empty: any). Events: comma-separated (empty: created and updated). Amounts compare exactly, in cents. “due within days” counts calendar days in the figures&apos; time zone, overdue included. Texts are templates: {amount}, {due_date}, {data.FIELD}, {entry.id}, {event}, {helper.name}. Posts send {&quot;text&quot;: …}, Slack-style.</source>
        <translation>Helfer: ein Befehl wie /expenses (leer: alle). Ereignisse: durch Kommas getrennt (leer: created und updated). Beträge werden exakt in Cent verglichen. „fällig in Tagen“ zählt Kalendertage in der Zeitzone der Kennzahlen, Überfälliges eingeschlossen. Texte sind Vorlagen: {amount}, {due_date}, {data.FIELD}, {entry.id}, {event}, {helper.name}. Sendungen an eine URL schicken {&quot;text&quot;: …} wie Slack.</translation>
    </message>
    <message>
        <source>Add rule</source>
        <translation>Regel hinzufügen</translation>
    </message>
    <message>
        <source>Forward deliveries to your own handler</source>
        <translation>Zustellungen an Ihren eigenen Handler weiterleiten</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Helpers</source>
        <translation>Helfer</translation>
    </message>
    <message>
        <source>Also duplicates</source>
        <translation>Auch Duplikate</translation>
    </message>
    <message>
        <source>Also stale</source>
        <translation>Auch veraltete</translation>
    </message>
    <message>
        <source>Also ignored</source>
        <translation>Auch ignorierte</translation>
    </message>
    <message>
        <source>Forward targets</source>
        <translation>Weiterleitungsziele</translation>
    </message>
    <message>
        <source>Each accepted delivery is posted byte for byte, re-signed with the forwarding secret under X-Peanuts-Signature, like stripe listen --forward-to. The handler&apos;s answer shows in the inspector. Empty events or helpers: all of them.</source>
        <translation>Jede angenommene Zustellung wird Byte für Byte gesendet und unter X-Peanuts-Signature mit dem Weiterleitungs-Secret neu signiert, wie bei stripe listen --forward-to. Die Antwort des Handlers erscheint im Inspektor. Leere Ereignisse oder Helfer: alle.</translation>
    </message>
    <message>
        <source>Add forward</source>
        <translation>Weiterleitung hinzufügen</translation>
    </message>
    <message>
        <source>Forwarding secret:</source>
        <translation>Weiterleitungs-Secret:</translation>
    </message>
    <message>
        <source>a new secret for your handler; empty keeps the one in use</source>
        <translation>ein neues Secret für Ihren Handler; leer behält das aktuelle</translation>
    </message>
    <message>
        <source>Alert URL</source>
        <translation>Alarm-URL</translation>
    </message>
    <message>
        <source>a new URL, e.g. https://hooks.slack.com/services/…</source>
        <translation>eine neue URL, z. B. https://hooks.slack.com/services/…</translation>
    </message>
    <message>
        <source>Remove the alert URL</source>
        <translation>Alarm-URL entfernen</translation>
    </message>
    <message>
        <source>Every rule that fires and every failure alert posts {&quot;text&quot;: …} here. It is kept like a secret (keychain or a file only you can read) and never shown or logged in full.</source>
        <translation>Jede auslösende Regel und jeder Fehleralarm sendet {&quot;text&quot;: …} hierher. Die URL wird wie ein Secret aufbewahrt (Schlüsselbund oder eine Datei, die nur Sie lesen können) und nie vollständig angezeigt oder protokolliert.</translation>
    </message>
    <message>
        <source>Allow private and local addresses for alert URLs</source>
        <translation>Private und lokale Adressen für Alarm-URLs erlauben</translation>
    </message>
    <message>
        <source>Warning: with this on, a rule or alert URL can reach machines on your network and cloud metadata services (169.254.169.254). Leave it off unless your alert endpoint is one of yours on this network.</source>
        <translation>Warnung: Ist dies eingeschaltet, kann eine Regel- oder Alarm-URL Rechner in Ihrem Netzwerk und Cloud-Metadatendienste (169.254.169.254) erreichen. Lassen Sie es aus, es sei denn, Ihr Alarm-Endpunkt ist einer Ihrer eigenen in diesem Netzwerk.</translation>
    </message>
    <message>
        <source>Retries</source>
        <translation>Wiederholungen</translation>
    </message>
    <message>
        <source> s</source>
        <comment>seconds</comment>
        <translation> s</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Versuche</translation>
    </message>
    <message>
        <source>first retry after</source>
        <translation>erste Wiederholung nach</translation>
    </message>
    <message>
        <source>(doubled each time, with jitter)   Timeout</source>
        <translation>(jedes Mal verdoppelt, mit Streuung)   Zeitlimit</translation>
    </message>
    <message>
        <source>After the last attempt an action becomes a dead letter, which you can retry or discard from the status bar.</source>
        <translation>Nach dem letzten Versuch wird eine Aktion unzustellbar; Sie können sie über die Statusleiste erneut versuchen oder verwerfen.</translation>
    </message>
    <message>
        <source>No alert URL is set.</source>
        <translation>Es ist keine Alarm-URL festgelegt.</translation>
    </message>
    <message>
        <source>In use: %1 (type a new one below to replace it)</source>
        <translation>In Verwendung: %1 (geben Sie unten eine neue ein, um sie zu ersetzen)</translation>
    </message>
    <message>
        <source>Nothing can sign forwards yet: type a forwarding secret, or add a receiving secret.</source>
        <translation>Noch kann nichts Weiterleitungen signieren: Geben Sie ein Weiterleitungs-Secret ein oder fügen Sie ein Empfangs-Secret hinzu.</translation>
    </message>
    <message>
        <source>Forwards are signed with %1. A secret typed here is kept in the system keychain (or a file only you can read) and is overridden by --forward-secret-file and PEANUTS_FORWARD_SECRET.</source>
        <translation>Weiterleitungen werden mit %1 signiert. Ein hier eingegebenes Secret wird im Schlüsselbund des Systems aufbewahrt (oder in einer Datei, die nur Sie lesen können); --forward-secret-file und PEANUTS_FORWARD_SECRET haben Vorrang.</translation>
    </message>
    <message>
        <source>New rule</source>
        <translation>Neue Regel</translation>
    </message>
    <message>
        <source>Rule %1: “%2” is not an operator.</source>
        <translation>Regel %1: „%2“ ist kein Operator.</translation>
    </message>
    <message>
        <source>Rule %1: “due within days” needs a number of days, not “%2”.</source>
        <translation>Regel %1: „fällig in Tagen“ braucht eine Anzahl Tage, nicht „%2“.</translation>
    </message>
    <message>
        <source>Rule %1 (“%2”) needs a notification text or a URL to post to.</source>
        <translation>Regel %1 („%2“) braucht einen Benachrichtigungstext oder eine URL, an die gesendet wird.</translation>
    </message>
    <message>
        <source>Rules not saved: %1</source>
        <translation>Regeln nicht gespeichert: %1</translation>
    </message>
    <message>
        <source>Forwards not saved: %1</source>
        <translation>Weiterleitungen nicht gespeichert: %1</translation>
    </message>
    <message>
        <source>Alert URL not saved: %1</source>
        <translation>Alarm-URL nicht gespeichert: %1</translation>
    </message>
</context>
<context>
    <name>peanuts::ResponsesPage</name>
    <message>
        <source>any</source>
        <translation>alle</translation>
    </message>
    <message>
        <source>Answer deliveries with custom responses</source>
        <translation>Zustellungen mit eigenen Antworten beantworten</translation>
    </message>
    <message>
        <source>To test how a sender retries: a verified delivery gets the answer of the first rule below that matches its event and helper, in this order; the first match wins. Deliveries no rule matches get the receiver&apos;s usual answer.</source>
        <translation>Um zu testen, wie ein Absender wiederholt: Eine verifizierte Zustellung erhält die Antwort der ersten Regel unten, die zu ihrem Ereignis und Helfer passt, in dieser Reihenfolge; der erste Treffer gilt. Zustellungen, auf die keine Regel passt, erhalten die übliche Antwort des Empfängers.</translation>
    </message>
    <message>
        <source>Custom response rules, first match wins</source>
        <translation>Regeln für eigene Antworten, der erste Treffer gilt</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Ereignis</translation>
    </message>
    <message>
        <source>Helper</source>
        <translation>Helfer</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Percent</source>
        <translation>Prozent</translation>
    </message>
    <message>
        <source>Delay</source>
        <translation>Verzögerung</translation>
    </message>
    <message>
        <source>Body</source>
        <translation>Inhalt</translation>
    </message>
    <message>
        <source>&amp;Add rule</source>
        <translation>Regel &amp;hinzufügen</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <source>Move &amp;up</source>
        <translation>Nach &amp;oben</translation>
    </message>
    <message>
        <source>Move &amp;down</source>
        <translation>Nach &amp;unten</translation>
    </message>
    <message>
        <source>Remove the selected rule</source>
        <translation>Die ausgewählte Regel entfernen</translation>
    </message>
    <message>
        <source>Try the selected rule earlier</source>
        <translation>Die ausgewählte Regel früher prüfen</translation>
    </message>
    <message>
        <source>Try the selected rule later</source>
        <translation>Die ausgewählte Regel später prüfen</translation>
    </message>
    <message>
        <source>Event and helper: “any”, or one of them (a helper by its command, such as /expenses, or its name). Percent: of the deliveries the rule matches, how many get its answer; the others get the usual answer, not the next rule&apos;s. Delay: how long the answer waits after the commit, up to 60 s. Body: empty sends the usual body for a 2xx and a JSON error naming the simulation otherwise.</source>
        <translation>Ereignis und Helfer: „alle“ oder ein bestimmtes (ein Helfer über seinen Befehl, etwa /expenses, oder seinen Namen). Prozent: wie viele der Zustellungen, auf die die Regel passt, ihre Antwort erhalten; die übrigen erhalten die übliche Antwort, nicht die der nächsten Regel. Verzögerung: wie lange die Antwort nach dem Speichern wartet, bis zu 60 s. Inhalt: leer sendet bei 2xx den üblichen Inhalt und sonst einen JSON-Fehler, der die Simulation nennt.</translation>
    </message>
    <message>
        <source>Refusals (400, 401, 413, and 503 while there is no secret) are never changed: only deliveries that verified and parsed are matched. A 2xx still waits for the commit, and the delivery is stored and applied whatever the answer. Simulated failures are labelled in the log and the inspector and left out of the failure alerts.</source>
        <translation>Abweisungen (400, 401, 413 und 503, solange es kein Secret gibt) werden nie geändert: Nur verifizierte und gelesene Zustellungen werden geprüft. Eine 2xx-Antwort wartet weiterhin auf das Speichern, und die Zustellung wird unabhängig von der Antwort gespeichert und angewendet. Simulierte Fehlschläge sind in Protokoll und Inspektor gekennzeichnet und lösen keine Fehleralarme aus.</translation>
    </message>
    <message>
        <source>This run&apos;s custom responses came from --respond: what you apply here is in force until the receiver stops, and is not saved.</source>
        <translation>Die eigenen Antworten dieses Laufs stammen aus --respond: Was Sie hier anwenden, gilt, bis der Empfänger stoppt, und wird nicht gespeichert.</translation>
    </message>
    <message>
        <source>The event this rule answers; any: every event</source>
        <translation>Das Ereignis, das diese Regel beantwortet; alle: jedes Ereignis</translation>
    </message>
    <message>
        <source>The helper this rule answers, by command or name; any: every helper</source>
        <translation>Der Helfer, den diese Regel beantwortet, nach Befehl oder Name; alle: jeder Helfer</translation>
    </message>
    <message>
        <source>The HTTP status answered, from 200 to 599</source>
        <translation>Der geantwortete HTTP-Status, von 200 bis 599</translation>
    </message>
    <message>
        <source>%</source>
        <comment>percent suffix</comment>
        <translation>&#xa0;%</translation>
    </message>
    <message>
        <source>Of the deliveries this rule matches, how many get its answer</source>
        <translation>Wie viele der Zustellungen, auf die diese Regel passt, ihre Antwort erhalten</translation>
    </message>
    <message>
        <source> ms</source>
        <comment>milliseconds suffix</comment>
        <translation> ms</translation>
    </message>
    <message>
        <source>How long the answer waits after the commit, up to 60,000 ms</source>
        <translation>Wie lange die Antwort nach dem Speichern wartet, bis zu 60.000 ms</translation>
    </message>
    <message>
        <source>What the answer says; empty: the receiver&apos;s usual body, or a JSON error naming the simulation for a failure</source>
        <translation>Was die Antwort enthält; leer: der übliche Inhalt des Empfängers oder, bei einem Fehlschlag, ein JSON-Fehler, der die Simulation nennt</translation>
    </message>
    <message>
        <source>the usual body</source>
        <translation>der übliche Inhalt</translation>
    </message>
    <message>
        <source>JSON error: simulated failure</source>
        <translation>JSON-Fehler: simulierter Fehlschlag</translation>
    </message>
    <message>
        <source>Rule %1 event</source>
        <translation>Regel %1 Ereignis</translation>
    </message>
    <message>
        <source>Rule %1 helper</source>
        <translation>Regel %1 Helfer</translation>
    </message>
    <message>
        <source>Rule %1 status</source>
        <translation>Regel %1 Status</translation>
    </message>
    <message>
        <source>Rule %1 percent of matching deliveries</source>
        <translation>Regel %1 Prozent der passenden Zustellungen</translation>
    </message>
    <message>
        <source>Rule %1 delay in milliseconds</source>
        <translation>Regel %1 Verzögerung in Millisekunden</translation>
    </message>
    <message>
        <source>Rule %1 body</source>
        <translation>Regel %1 Inhalt</translation>
    </message>
    <message>
        <source>on, but with no rules: deliveries get the receiver&apos;s usual answers.</source>
        <translation>an, aber ohne Regeln: Zustellungen erhalten die üblichen Antworten des Empfängers.</translation>
    </message>
    <message>
        <source>off: deliveries get the receiver&apos;s usual answers.</source>
        <translation>aus: Zustellungen erhalten die üblichen Antworten des Empfängers.</translation>
    </message>
    <message>
        <source>In force: %1</source>
        <translation>In Kraft: %1</translation>
    </message>
    <message>
        <source>After Apply: %1</source>
        <translation>Nach „Anwenden“: %1</translation>
    </message>
    <message>
        <source>Rule %1: Peanuts sends %2; “%3” matches only an event of exactly that name.</source>
        <translation>Regel %1: Peanuts sendet %2; „%3“ passt nur auf ein Ereignis mit genau diesem Namen.</translation>
    </message>
    <message>
        <source>Rule %1 is never used: rule %2 comes first and matches every delivery it would.</source>
        <translation>Regel %1 wird nie verwendet: Regel %2 kommt zuerst und passt auf jede Zustellung, auf die sie passen würde.</translation>
    </message>
</context>
</TS>
