<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>Autostart</name>
    <message>
        <source>nothing</source>
        <translation>nichts</translation>
    </message>
    <message>
        <source>Cannot remove %1: %2</source>
        <translation>%1 kann nicht entfernt werden: %2</translation>
    </message>
    <message>
        <source>%1 already exists and starts %2 instead of Peanuts Monitor. Remove or rename it, then try again.</source>
        <translation>%1 existiert bereits und startet %2 statt Peanuts Monitor. Entfernen Sie die Datei oder benennen Sie sie um und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>Cannot create the autostart folder: %1 is a file.</source>
        <translation>Der Autostart-Ordner kann nicht erstellt werden: %1 ist eine Datei.</translation>
    </message>
    <message>
        <source>Cannot create the autostart folder %1.</source>
        <translation>Der Autostart-Ordner %1 kann nicht erstellt werden.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>CustomResponses</name>
    <message>
        <source>%1 to every delivery</source>
        <translation>%1 für jede Zustellung</translation>
    </message>
    <message>
        <source>%1 to %2% of deliveries</source>
        <translation>%1 für %2 % der Zustellungen</translation>
    </message>
    <message>
        <source>%1 to every %2</source>
        <translation>%1 für jedes %2</translation>
    </message>
    <message>
        <source>%1 to %2% of %3</source>
        <translation>%1 für %2 % von %3</translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation>%1 bei %2</translation>
    </message>
    <message>
        <source>%1, after %2 s</source>
        <translation>%1, nach %2 s</translation>
    </message>
    <message>
        <source>Custom responses are on: %1. Deliveries are still stored and applied.</source>
        <translation>Eigene Antworten sind aktiv: %1. Zustellungen werden weiterhin gespeichert und angewendet.</translation>
    </message>
    <message>
        <source>; then </source>
        <translation>; dann </translation>
    </message>
</context>
<context>
    <name>DeliveryDiff</name>
    <message>
        <source>the left body was redacted</source>
        <translation>der linke Inhalt wurde geschwärzt</translation>
    </message>
    <message>
        <source>the right body was redacted</source>
        <translation>der rechte Inhalt wurde geschwärzt</translation>
    </message>
    <message>
        <source>the left body was kept only in part (%1 of %2 bytes)</source>
        <translation>der linke Inhalt wurde nur teilweise aufbewahrt (%1 von %2 Bytes)</translation>
    </message>
    <message>
        <source>the right body was kept only in part (%1 of %2 bytes)</source>
        <translation>der rechte Inhalt wurde nur teilweise aufbewahrt (%1 von %2 Bytes)</translation>
    </message>
    <message>
        <source>line %1</source>
        <translation>Zeile %1</translation>
    </message>
    <message>
        <source>the left body is empty</source>
        <translation>der linke Inhalt ist leer</translation>
    </message>
    <message>
        <source>the left body is not JSON</source>
        <translation>der linke Inhalt ist kein JSON</translation>
    </message>
    <message>
        <source>the right body is empty</source>
        <translation>der rechte Inhalt ist leer</translation>
    </message>
    <message>
        <source>the right body is not JSON</source>
        <translation>der rechte Inhalt ist kein JSON</translation>
    </message>
    <message>
        <source>compared line by line</source>
        <translation>zeilenweise verglichen</translation>
    </message>
    <message>
        <source>; </source>
        <comment>between notes</comment>
        <translation>; </translation>
    </message>
</context>
<context>
    <name>EntryHistory</name>
    <message>
        <source>body redacted: its data cannot be compared</source>
        <translation>Inhalt geschwärzt: Seine Daten können nicht verglichen werden</translation>
    </message>
    <message>
        <source>the same bytes as #%1</source>
        <translation>dieselben Bytes wie #%1</translation>
    </message>
    <message>
        <source>no entry.data in this body</source>
        <translation>kein entry.data in diesem Inhalt</translation>
    </message>
    <message>
        <source>first version</source>
        <translation>erste Version</translation>
    </message>
    <message>
        <source>no change in data since #%1</source>
        <translation>keine Datenänderung seit #%1</translation>
    </message>
    <message numerus="yes">
        <source>%n changes since #%1</source>
        <translation>
            <numerusform>%n Änderung seit #%1</numerusform>
            <numerusform>%n Änderungen seit #%1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FailureWatch</name>
    <message>
        <source>Rejected deliveries are spiking</source>
        <translation>Abgelehnte Zustellungen nehmen sprunghaft zu</translation>
    </message>
    <message numerus="yes">
        <source>%n with a bad signature (401)</source>
        <translation>
            <numerusform>%n mit ungültiger Signatur (401)</numerusform>
            <numerusform>%n mit ungültiger Signatur (401)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n malformed (400)</source>
        <translation>
            <numerusform>%n fehlerhaft (400)</numerusform>
            <numerusform>%n fehlerhaft (400)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n too large (413)</source>
        <translation>
            <numerusform>%n zu groß (413)</numerusform>
            <numerusform>%n zu groß (413)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unavailable (503)</source>
        <translation>
            <numerusform>%n nicht verfügbar (503)</numerusform>
            <numerusform>%n nicht verfügbar (503)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n deliveries were rejected within a minute: %1.</source>
        <translation>
            <numerusform>%n Zustellung wurde innerhalb einer Minute abgelehnt: %1.</numerusform>
            <numerusform>%n Zustellungen wurden innerhalb einer Minute abgelehnt: %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <source>A spike of 401s usually means the webhook secret was rotated on one side only: compare the secret in Peanuts with the one configured here.</source>
        <translation>Eine Häufung von 401 bedeutet meist, dass das Webhook-Secret nur auf einer Seite rotiert wurde: Vergleichen Sie das Secret in Peanuts mit dem hier konfigurierten.</translation>
    </message>
    <message>
        <source>503s mean no secret is configured here, or the database refuses writes.</source>
        <translation>503 bedeutet, dass hier kein Secret konfiguriert ist oder die Datenbank Schreibvorgänge ablehnt.</translation>
    </message>
</context>
<context>
    <name>ImportReader</name>
    <message>
        <source>received_at must be an ISO-8601 date-time with a zone</source>
        <translation>received_at muss ein ISO-8601-Datum mit Uhrzeit und Zeitzone sein</translation>
    </message>
    <message>
        <source>method and path must be non-empty strings</source>
        <translation>method und path müssen nicht leere Zeichenketten sein</translation>
    </message>
    <message>
        <source>headers must be [name, value] pairs of strings</source>
        <translation>headers müssen Paare [name, value] aus Zeichenketten sein</translation>
    </message>
    <message>
        <source>outcome &quot;%1&quot; is not one this program records</source>
        <translation>outcome „%1“ wird von diesem Programm nicht erfasst</translation>
    </message>
    <message>
        <source>status must be an HTTP status code</source>
        <translation>status muss ein HTTP-Statuscode sein</translation>
    </message>
    <message>
        <source>answer_ms must be a whole number of milliseconds</source>
        <translation>answer_ms muss eine ganze Zahl von Millisekunden sein</translation>
    </message>
    <message>
        <source>body_base64 is not base64</source>
        <translation>body_base64 ist kein Base64</translation>
    </message>
    <message>
        <source>the record has no body (body, body_base64, or redacted)</source>
        <translation>der Datensatz hat keinen Inhalt (body, body_base64 oder redacted)</translation>
    </message>
    <message>
        <source>body_size %1 does not match the body&apos;s %2 bytes</source>
        <translation>body_size %1 passt nicht zu den %2 Bytes des Inhalts</translation>
    </message>
    <message>
        <source>body_sha256 must be 64 hex digits for a redacted or truncated body</source>
        <translation>body_sha256 muss für einen geschwärzten oder gekürzten Inhalt aus 64 Hexadezimalziffern bestehen</translation>
    </message>
    <message>
        <source>body_sha256 does not match the body</source>
        <translation>body_sha256 passt nicht zum Inhalt</translation>
    </message>
    <message>
        <source>an accepted delivery without its body needs event_at</source>
        <translation>eine angenommene Zustellung ohne ihren Inhalt braucht event_at</translation>
    </message>
    <message>
        <source>amount &quot;%1&quot; is not a decimal number</source>
        <translation>amount „%1“ ist keine Dezimalzahl</translation>
    </message>
    <message>
        <source>the entry has no &quot;_peanuts&quot; record: only HAR written by peanuts-monitor says what was decided for each delivery</source>
        <translation>der Eintrag hat keinen „_peanuts“-Datensatz: Nur von peanuts-monitor geschriebenes HAR gibt an, was für jede Zustellung entschieden wurde</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1: not a JSON object (%2)</source>
        <translation>%1: kein JSON-Objekt (%2)</translation>
    </message>
    <message>
        <source>another value</source>
        <translation>ein anderer Wert</translation>
    </message>
    <message>
        <source>%1: not JSON lines, and not a HAR file (%2)</source>
        <translation>%1: weder JSON Lines noch eine HAR-Datei (%2)</translation>
    </message>
    <message>
        <source>no log.entries</source>
        <translation>kein log.entries</translation>
    </message>
    <message>
        <source>%1: entry %2</source>
        <translation>%1: Eintrag %2</translation>
    </message>
    <message>
        <source>%1 changed while it was imported: %2</source>
        <translation>%1 hat sich während des Imports geändert: %2</translation>
    </message>
</context>
<context>
    <name>JsonProblem</name>
    <message>
        <source>line %1, column %2: %3</source>
        <translation>Zeile %1, Spalte %2: %3</translation>
    </message>
</context>
<context>
    <name>ListenerSecurity</name>
    <message>
        <source>TLS needs a certificate as well as the key %1 (--tls-cert, or the setting).</source>
        <translation>TLS braucht zum Schlüssel %1 auch ein Zertifikat (--tls-cert oder die Einstellung).</translation>
    </message>
    <message>
        <source>TLS needs a key as well as the certificate %1 (--tls-key, or the setting).</source>
        <translation>TLS braucht zum Zertifikat %1 auch einen Schlüssel (--tls-key oder die Einstellung).</translation>
    </message>
    <message>
        <source>TLS is not available: Qt found no TLS backend (OpenSSL) on this system.</source>
        <translation>TLS ist nicht verfügbar: Qt hat auf diesem System kein TLS-Backend (OpenSSL) gefunden.</translation>
    </message>
    <message>
        <source>cannot read the TLS certificate %1: %2</source>
        <translation>das TLS-Zertifikat %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>cannot read the TLS key %1: %2</source>
        <translation>der TLS-Schlüssel %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>the TLS certificate %1 holds no PEM certificate</source>
        <translation>das TLS-Zertifikat %1 enthält kein PEM-Zertifikat</translation>
    </message>
    <message>
        <source>the TLS key %1 holds no PEM private key (RSA, EC or DSA, without a passphrase)</source>
        <translation>der TLS-Schlüssel %1 enthält keinen privaten PEM-Schlüssel (RSA, EC oder DSA, ohne Passphrase)</translation>
    </message>
    <message>
        <source>the TLS key %1 does not belong to the certificate %2</source>
        <translation>der TLS-Schlüssel %1 gehört nicht zum Zertifikat %2</translation>
    </message>
    <message>
        <source>refusing to listen on %1 with plain HTTP: beyond this computer, deliveries and the API token would cross the network unencrypted. Give a certificate and key (--tls-cert and --tls-key, or the receiver&apos;s settings), or allow plain HTTP (--allow-plain-http, or the setting) when a proxy in front of the receiver encrypts it.</source>
        <translation>Lauschen auf %1 mit unverschlüsseltem HTTP abgelehnt: über diesen Computer hinaus gingen Zustellungen und das API-Token unverschlüsselt durchs Netz. Geben Sie Zertifikat und Schlüssel an (--tls-cert und --tls-key oder die Einstellungen des Empfängers), oder erlauben Sie unverschlüsseltes HTTP (--allow-plain-http oder die Einstellung), wenn ein Proxy vor dem Empfänger verschlüsselt.</translation>
    </message>
</context>
<context>
    <name>MockDelivery</name>
    <message>
        <source>fixture %1 is not a JSON object</source>
        <translation>Fixture %1 ist kein JSON-Objekt</translation>
    </message>
    <message>
        <source>the body is not a JSON object</source>
        <translation>der Inhalt ist kein JSON-Objekt</translation>
    </message>
    <message>
        <source>not JSON: %1</source>
        <translation>kein JSON: %1</translation>
    </message>
    <message>
        <source>entry id</source>
        <translation>Eintrags-ID</translation>
    </message>
</context>
<context>
    <name>Options</name>
    <message>
        <source>Delete deliveries older than N days; the current entries and the delivery each was applied from are always kept (default 0: keep everything).</source>
        <translation>Zustellungen löschen, die älter als N Tage sind; die aktuellen Einträge und die Zustellung, aus der jeder übernommen wurde, bleiben immer erhalten (Standard 0: alles behalten).</translation>
    </message>
    <message>
        <source>Keep only the newest N deliveries, with the same exceptions (default 0: keep everything).</source>
        <translation>Nur die neuesten N Zustellungen behalten, mit denselben Ausnahmen (Standard 0: alles behalten).</translation>
    </message>
    <message>
        <source>Delete rejected deliveries older than N days; they stay counted (default %1; 0: keep them as long as the other deliveries).</source>
        <translation>Abgelehnte Zustellungen löschen, die älter als N Tage sind; sie bleiben gezählt (Standard %1; 0: so lange behalten wie die anderen Zustellungen).</translation>
    </message>
    <message>
        <source>Peanuts Monitor receives signed Peanuts webhooks, verifies them, stores them in a local SQLite file and shows them live.

Secrets: PEANUTS_SECRET in the environment, --secret-file, or settings. API token: PEANUTS_API_TOKEN, or generated on first run and kept in settings.

peanuts-monitor send [options]: posts signed mock deliveries to a receiver (see send --help).</source>
        <translation>Peanuts Monitor empfängt signierte Peanuts-Webhooks, verifiziert sie, speichert sie in einer lokalen SQLite-Datei und zeigt sie live an.

Secrets: PEANUTS_SECRET in der Umgebung, --secret-file oder die Einstellungen. API-Token: PEANUTS_API_TOKEN oder beim ersten Start erzeugt und in den Einstellungen aufbewahrt.

peanuts-monitor send [options]: sendet signierte Beispielzustellungen an einen Empfänger (siehe send --help).</translation>
    </message>
    <message>
        <source>Print the manual page (roff) and exit.</source>
        <translation>Die Manpage (roff) ausgeben und beenden.</translation>
    </message>
    <message>
        <source>Run the receiver without a window.</source>
        <translation>Den Empfänger ohne Fenster ausführen.</translation>
    </message>
    <message>
        <source>Check the database and exit: SQLite&apos;s integrity check, and the entries rebuilt from the stored deliveries compared with those kept. Exit code 0 when both pass, 1 otherwise. Safe while a receiver runs on the same database.</source>
        <translation>Die Datenbank prüfen und beenden: die Integritätsprüfung von SQLite und ein Vergleich der aus den gespeicherten Zustellungen neu aufgebauten Einträge mit den aufbewahrten. Exit-Code 0, wenn beides besteht, sonst 1. Sicher, während ein Empfänger auf derselben Datenbank läuft.</translation>
    </message>
    <message>
        <source>Port to listen on (default %1; 0 picks a free one).</source>
        <translation>Port, auf dem gelauscht wird (Standard %1; 0 wählt einen freien).</translation>
    </message>
    <message>
        <source>Address to listen on (default 127.0.0.1).</source>
        <translation>Adresse, auf der gelauscht wird (Standard 127.0.0.1).</translation>
    </message>
    <message>
        <source>SQLite database file (default %1).</source>
        <translation type="vanished">SQLite-Datenbankdatei (Standard %1).</translation>
    </message>
    <message>
        <source>Settings file (default %1).</source>
        <translation>Einstellungsdatei (Standard %1).</translation>
    </message>
    <message>
        <source>File of label=secret lines; any of them verifies a delivery.</source>
        <translation>Datei mit Zeilen der Form label=secret; jedes davon verifiziert eine Zustellung.</translation>
    </message>
    <message>
        <source>Largest body accepted, in bytes (default 1048576).</source>
        <translation>Größter angenommener Inhalt in Bytes (Standard 1048576).</translation>
    </message>
    <message>
        <source>Close idle keep-alive connections after S seconds (default 30).</source>
        <translation>Inaktive Keep-Alive-Verbindungen nach S Sekunden schließen (Standard 30).</translation>
    </message>
    <message>
        <source>Close a connection whose request has not fully arrived within S seconds (default 10).</source>
        <translation>Eine Verbindung schließen, deren Anfrage nicht innerhalb von S Sekunden vollständig eingetroffen ist (Standard 10).</translation>
    </message>
    <message>
        <source>Most connections open at once (default 512).</source>
        <translation>Höchstzahl gleichzeitig offener Verbindungen (Standard 512).</translation>
    </message>
    <message>
        <source>Refuse event timestamps more than S seconds ahead (default 300).</source>
        <translation>Ereigniszeitstempel ablehnen, die mehr als S Sekunden in der Zukunft liegen (Standard 300).</translation>
    </message>
    <message>
        <source>Most rejected deliveries stored per minute; all are counted (default 60).</source>
        <translation>Höchstzahl gespeicherter abgelehnter Zustellungen pro Minute; gezählt werden alle (Standard 60).</translation>
    </message>
    <message>
        <source>normal: survives an app crash (default); full: also survives a power loss, slower.</source>
        <translation>normal: übersteht einen Absturz der App (Standard); full: übersteht auch einen Stromausfall, langsamer.</translation>
    </message>
    <message>
        <source>Comma-separated helper commands counted as expenses (default /expenses).</source>
        <translation>Durch Kommas getrennte Helfer-Befehle, die als Ausgaben gezählt werden (Standard /expenses).</translation>
    </message>
    <message>
        <source>IANA zone for days and months (default: the system zone, TZ honoured).</source>
        <translation>IANA-Zeitzone für Tage und Monate (Standard: die Systemzeitzone, TZ wird berücksichtigt).</translation>
    </message>
    <message>
        <source>Write the port actually bound to FILE (useful with --port 0).</source>
        <translation>Den tatsächlich gebundenen Port in FILE schreiben (nützlich mit --port 0).</translation>
    </message>
    <message>
        <source>Largest size of the database in MB (1 MB = 1048576 bytes); when it is reached, deliveries get 503 with Retry-After until space is freed (default 0: no limit).</source>
        <translation>Höchstgröße der Datenbank in MB (1 MB = 1048576 Bytes); ist sie erreicht, erhalten Zustellungen 503 mit Retry-After, bis Platz frei wird (Standard 0: keine Grenze).</translation>
    </message>
    <message>
        <source>When the database file is not a usable database, rename it (and its -wal and -shm) to NAME.corrupt-TIME and start with a new one, instead of refusing to start.</source>
        <translation>Wenn die Datenbankdatei keine brauchbare Datenbank ist, sie (samt -wal und -shm) in NAME.corrupt-TIME umbenennen und mit einer neuen starten, statt den Start zu verweigern.</translation>
    </message>
    <message>
        <source>Headless: print one line per delivery on standard output (time, result, event, helper, entry, amount, status). On by default when standard output is a terminal and systemd does not run the receiver.</source>
        <translation>Ohne Fenster: eine Zeile pro Zustellung auf der Standardausgabe ausgeben (Zeit, Ergebnis, Ereignis, Helfer, Eintrag, Betrag, Status). Standardmäßig an, wenn die Standardausgabe ein Terminal ist und systemd den Empfänger nicht ausführt.</translation>
    </message>
    <message>
        <source>Headless: print no line per delivery, even on a terminal.</source>
        <translation>Ohne Fenster: keine Zeile pro Zustellung ausgeben, auch nicht in einem Terminal.</translation>
    </message>
    <message>
        <source>Headless: stream each verified delivery&apos;s body as one line of JSON instead (implies --stream).</source>
        <translation>Ohne Fenster: stattdessen den Inhalt jeder verifizierten Zustellung als eine JSON-Zeile ausgeben (impliziert --stream).</translation>
    </message>
    <message>
        <source>Answer verified deliveries with a custom response, to test a sender&apos;s retries; they are still stored and applied. SPEC is status=503,percent=30,delay=2000,event=entry.created,helper=/expenses,body=TEXT (all optional; body last). Repeat it: the first that matches a delivery decides. Refusals (400, 401, 413) are never changed.</source>
        <translation>Verifizierte Zustellungen mit einer eigenen Antwort beantworten, um die Wiederholungen eines Absenders zu testen; sie werden trotzdem gespeichert und angewendet. SPEC ist status=503,percent=30,delay=2000,event=entry.created,helper=/expenses,body=TEXT (alles optional; body zuletzt). Wiederholbar: Die erste, die zu einer Zustellung passt, entscheidet. Abweisungen (400, 401, 413) werden nie geändert.</translation>
    </message>
    <message>
        <source>Try --help.</source>
        <translation>Versuchen Sie --help.</translation>
    </message>
    <message>
        <source>unexpected argument: %1</source>
        <translation>unerwartetes Argument: %1</translation>
    </message>
    <message>
        <source>--respond %1: %2</source>
        <translation>--respond %1: %2</translation>
    </message>
    <message>
        <source>--no-stream cannot be combined with %1</source>
        <translation>--no-stream kann nicht mit %1 kombiniert werden</translation>
    </message>
    <message>
        <source>--bind needs an IP address, not &quot;%1&quot;</source>
        <translation>--bind braucht eine IP-Adresse, nicht „%1“</translation>
    </message>
    <message>
        <source>--durability must be normal or full, not &quot;%1&quot;</source>
        <translation>--durability muss normal oder full sein, nicht „%1“</translation>
    </message>
    <message>
        <source>--time-zone: unknown zone &quot;%1&quot;</source>
        <translation>--time-zone: unbekannte Zeitzone „%1“</translation>
    </message>
    <message>
        <source>Rules file (JSON, README &quot;Rules&quot;; default: rules.json beside the settings).</source>
        <translation>Regeldatei (JSON, README „Rules“; Standard: rules.json neben den Einstellungen).</translation>
    </message>
    <message>
        <source>Forward accepted deliveries, byte for byte and re-signed, to URL (your own handler). Repeatable.</source>
        <translation>Angenommene Zustellungen Byte für Byte und neu signiert an URL weiterleiten (Ihr eigener Handler). Wiederholbar.</translation>
    </message>
    <message>
        <source>Also forward these outcomes: comma-separated duplicate, stale, ignored.</source>
        <translation>Auch diese Ergebnisse weiterleiten: durch Kommas getrennt duplicate, stale, ignored.</translation>
    </message>
    <message>
        <source>Forward only these events (comma-separated, e.g. entry.created).</source>
        <translation>Nur diese Ereignisse weiterleiten (durch Kommas getrennt, z. B. entry.created).</translation>
    </message>
    <message>
        <source>Forward only these helpers (comma-separated commands or names).</source>
        <translation>Nur diese Helfer weiterleiten (durch Kommas getrennte Befehle oder Namen).</translation>
    </message>
    <message>
        <source>File holding the secret forwards are signed with (else PEANUTS_FORWARD_SECRET, else the first receiving secret).</source>
        <translation>Datei mit dem Secret, mit dem Weiterleitungen signiert werden (sonst PEANUTS_FORWARD_SECRET, sonst das erste Empfangs-Secret).</translation>
    </message>
    <message>
        <source>Post {&quot;text&quot;: ...} there for every rule that fires and every failure alert (Slack style). The command line is visible to every user: prefer PEANUTS_ALERT_URL.</source>
        <translation>Für jede auslösende Regel und jeden Fehleralarm {&quot;text&quot;: ...} dorthin senden (wie Slack). Die Befehlszeile ist für alle Benutzer sichtbar: Verwenden Sie besser PEANUTS_ALERT_URL.</translation>
    </message>
    <message>
        <source>Let alert and rule URLs reach private, loopback and link-local addresses.</source>
        <translation>Alarm- und Regel-URLs private, Loopback- und Link-Local-Adressen erreichen lassen.</translation>
    </message>
    <message>
        <source>Attempts of an outgoing action before it becomes a dead letter (default %1).</source>
        <translation>Versuche einer ausgehenden Aktion, bevor sie unzustellbar wird (Standard %1).</translation>
    </message>
    <message>
        <source>Wait before the second attempt, in ms, doubled for each after (default %1).</source>
        <translation>Wartezeit vor dem zweiten Versuch in ms, für jeden weiteren verdoppelt (Standard %1).</translation>
    </message>
    <message>
        <source>Timeout of one outgoing attempt, in ms (default %1).</source>
        <translation>Zeitlimit eines ausgehenden Versuchs in ms (Standard %1).</translation>
    </message>
    <message>
        <source>Rejected deliveries in a minute that raise an alert (default %1; 0: none).</source>
        <translation>Abgelehnte Zustellungen pro Minute, ab denen ein Alarm ausgelöst wird (Standard %1; 0: keiner).</translation>
    </message>
    <message>
        <source>Minutes between checks of the date rules over the current entries (default %1).</source>
        <translation>Minuten zwischen den Prüfungen der Datumsregeln über die aktuellen Einträge (Standard %1).</translation>
    </message>
    <message>
        <source>SQLite database file (default %1), or a team database on PostgreSQL: postgresql://user@host:port/dbname (the password from PGPASSFILE, ~/.pgpass or the keychain).</source>
        <translation>SQLite-Datenbankdatei (Vorgabe %1) oder eine Team-Datenbank auf PostgreSQL: postgresql://benutzer@host:port/datenbank (das Passwort aus PGPASSFILE, ~/.pgpass oder dem Schlüsselbund).</translation>
    </message>
    <message>
        <source>Watch a team database (--db postgresql://...) without receiving: the log, the charts and the notifications follow what the team&apos;s receiver stores.</source>
        <translation>Eine Team-Datenbank beobachten (--db postgresql://...), ohne zu empfangen: Protokoll, Diagramme und Benachrichtigungen folgen dem, was der Empfänger des Teams speichert.</translation>
    </message>
    <message>
        <source>Serve TLS (HTTPS) with this PEM certificate: the server&apos;s certificate, then its chain. Needs --tls-key.</source>
        <translation>TLS (HTTPS) mit diesem PEM-Zertifikat anbieten: das Zertifikat des Servers, danach seine Kette. Braucht --tls-key.</translation>
    </message>
    <message>
        <source>The PEM private key of --tls-cert, without a passphrase.</source>
        <translation>Der private PEM-Schlüssel zu --tls-cert, ohne Passphrase.</translation>
    </message>
    <message>
        <source>Listen beyond this computer (--bind other than 127.0.0.1 or ::1) without TLS, as behind a proxy that encrypts; refused otherwise.</source>
        <translation>Über diesen Computer hinaus (--bind außer 127.0.0.1 oder ::1) ohne TLS lauschen, etwa hinter einem verschlüsselnden Proxy; sonst abgelehnt.</translation>
    </message>
</context>
<context>
    <name>Outcome</name>
    <message>
        <source>accepted</source>
        <translation>angenommen</translation>
    </message>
    <message>
        <source>duplicate</source>
        <translation>Duplikat</translation>
    </message>
    <message>
        <source>stale</source>
        <translation>veraltet</translation>
    </message>
    <message>
        <source>ignored</source>
        <translation>ignoriert</translation>
    </message>
    <message>
        <source>rejected: too large</source>
        <translation>abgelehnt: zu groß</translation>
    </message>
    <message>
        <source>rejected: signature</source>
        <translation>abgelehnt: Signatur</translation>
    </message>
    <message>
        <source>rejected: invalid</source>
        <translation>abgelehnt: ungültig</translation>
    </message>
    <message>
        <source>unavailable</source>
        <translation>nicht verfügbar</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>unavailable %1: %2</source>
        <translation>nicht verfügbar %1: %2</translation>
    </message>
    <message>
        <source>rejected %1: %2</source>
        <translation>abgelehnt %1: %2</translation>
    </message>
    <message>
        <source>%1 · %2 simulated</source>
        <translation>%1 · %2 simuliert</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>answered %1 (simulated failure)</source>
        <translation>mit %1 beantwortet (simulierter Fehlschlag)</translation>
    </message>
    <message>
        <source>answered %1 (custom response)</source>
        <translation>mit %1 beantwortet (eigene Antwort)</translation>
    </message>
    <message>
        <source>Accepted: matches secret &apos;%1&apos;</source>
        <translation>Angenommen: passt zum Secret „%1“</translation>
    </message>
    <message>
        <source>Accepted: matches secret &apos;%1&apos; (a duplicate: these bytes were already received)</source>
        <translation>Angenommen: passt zum Secret „%1“ (ein Duplikat: Diese Bytes wurden bereits empfangen)</translation>
    </message>
    <message>
        <source>Accepted: matches secret &apos;%1&apos; (stale: older than the entry&apos;s state, so not applied)</source>
        <translation>Angenommen: passt zum Secret „%1“ (veraltet: älter als der Stand des Eintrags, daher nicht angewendet)</translation>
    </message>
    <message>
        <source>Accepted: matches secret &apos;%1&apos; (an unknown event type: stored, not applied)</source>
        <translation>Angenommen: passt zum Secret „%1“ (ein unbekannter Ereignistyp: gespeichert, nicht angewendet)</translation>
    </message>
    <message>
        <source>No signature header: rejected %1</source>
        <translation>Kein Signatur-Header: abgelehnt %1</translation>
    </message>
    <message>
        <source>Signature valid (matches secret &apos;%1&apos;), but rejected %2: %3</source>
        <translation>Signatur gültig (passt zum Secret „%1“), aber abgelehnt %2: %3</translation>
    </message>
    <message>
        <source>Rejected %1: %2 (before the signature was checked)</source>
        <translation>Abgelehnt %1: %2 (bevor die Signatur geprüft wurde)</translation>
    </message>
    <message>
        <source>Rejected %1: %2 (oversized bodies are refused before any signature check)</source>
        <translation>Abgelehnt %1: %2 (zu große Inhalte werden vor jeder Signaturprüfung abgewiesen)</translation>
    </message>
    <message>
        <source>Rejected %1: %2</source>
        <translation>Abgelehnt %1: %2</translation>
    </message>
</context>
<context>
    <name>PgConnection</name>
    <message>
        <source>The %1 in the database URL has a &apos;%&apos; not followed by two hex digits.</source>
        <translation>%1 in der Datenbank-URL enthält ein &apos;%&apos; ohne zwei folgende Hexziffern.</translation>
    </message>
    <message>
        <source>The %1 in the database URL holds a NUL byte (%00).</source>
        <translation>%1 in der Datenbank-URL enthält ein NUL-Byte (%00).</translation>
    </message>
    <message>
        <source>The database URL has a &apos;[&apos; without its &apos;]&apos; around an IPv6 address.</source>
        <translation>Die Datenbank-URL hat um eine IPv6-Adresse ein &apos;[&apos; ohne sein &apos;]&apos;.</translation>
    </message>
    <message>
        <source>The database URL has &apos;%1&apos; after the IPv6 address; expected &apos;:port&apos;.</source>
        <translation>Die Datenbank-URL hat &apos;%1&apos; nach der IPv6-Adresse; erwartet wurde &apos;:port&apos;.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; in the database URL is not an IPv6 address.</source>
        <translation>&apos;%1&apos; in der Datenbank-URL ist keine IPv6-Adresse.</translation>
    </message>
    <message>
        <source>The database URL&apos;s host has a &apos;:&apos;; write an IPv6 address in brackets, as [::1].</source>
        <translation>Der Host der Datenbank-URL enthält ein &apos;:&apos;; schreiben Sie eine IPv6-Adresse in Klammern, etwa [::1].</translation>
    </message>
    <message>
        <source>A database URL starts with postgresql:// or postgres://.</source>
        <translation>Eine Datenbank-URL beginnt mit postgresql:// oder postgres://.</translation>
    </message>
    <message>
        <source>user name</source>
        <translation>Der Benutzername</translation>
    </message>
    <message>
        <source>password</source>
        <translation>Das Passwort</translation>
    </message>
    <message>
        <source>The database URL names several hosts; give exactly one.</source>
        <translation>Die Datenbank-URL nennt mehrere Hosts; geben Sie genau einen an.</translation>
    </message>
    <message>
        <source>host</source>
        <translation>Der Host</translation>
    </message>
    <message>
        <source>database name</source>
        <translation>Der Datenbankname</translation>
    </message>
    <message>
        <source>The database URL&apos;s parameters are keyword=value pairs joined by &amp;.</source>
        <translation>Die Parameter der Datenbank-URL sind Paare schlüssel=wert, verbunden mit &amp;.</translation>
    </message>
    <message>
        <source>parameter name</source>
        <translation>Der Parametername</translation>
    </message>
    <message>
        <source>value of %1</source>
        <translation>Der Wert von %1</translation>
    </message>
    <message>
        <source>The value of %1 in the database URL holds a &apos;;&apos;, which Qt&apos;s PostgreSQL driver cannot pass on.</source>
        <translation>Der Wert von %1 in der Datenbank-URL enthält ein &apos;;&apos;, das Qts PostgreSQL-Treiber nicht weitergeben kann.</translation>
    </message>
    <message>
        <source>The database URL has the parameter &apos;%1&apos;, which is not one of libpq&apos;s: host, port, user, password, dbname, %2.</source>
        <translation>Die Datenbank-URL hat den Parameter &apos;%1&apos;, der keiner von libpq ist: host, port, user, password, dbname, %2.</translation>
    </message>
    <message>
        <source>sslmode=%1 in the database URL is not one of %2.</source>
        <translation>sslmode=%1 in der Datenbank-URL ist keiner von %2.</translation>
    </message>
    <message>
        <source>connect_timeout=%1 in the database URL is not a number of seconds.</source>
        <translation>connect_timeout=%1 in der Datenbank-URL ist keine Anzahl Sekunden.</translation>
    </message>
    <message>
        <source>The port &apos;%1&apos; in the database URL is not a number from 1 to 65535.</source>
        <translation>Der Port &apos;%1&apos; in der Datenbank-URL ist keine Zahl von 1 bis 65535.</translation>
    </message>
    <message>
        <source>The database URL names no user, and the system user is unknown.</source>
        <translation>Die Datenbank-URL nennt keinen Benutzer, und der Systembenutzer ist unbekannt.</translation>
    </message>
    <message>
        <source>The keychain holds no password for %1.</source>
        <translation>Der Schlüsselbund enthält kein Passwort für %1.</translation>
    </message>
    <message>
        <source>The keychain could not be read: %1</source>
        <translation>Der Schlüsselbund konnte nicht gelesen werden: %1</translation>
    </message>
    <message numerus="yes">
        <source>The keychain did not answer within %n ms.</source>
        <translation>
            <numerusform>Der Schlüsselbund hat nicht innerhalb von %n ms geantwortet.</numerusform>
            <numerusform>Der Schlüsselbund hat nicht innerhalb von %n ms geantwortet.</numerusform>
        </translation>
    </message>
    <message>
        <source>Qt&apos;s PostgreSQL driver (QPSQL, Debian&apos;s package libqt6sql6-psql) is not installed; the drivers found are: %1.</source>
        <translation>Qts PostgreSQL-Treiber (QPSQL, Debian-Paket libqt6sql6-psql) ist nicht installiert; gefunden wurden: %1.</translation>
    </message>
    <message>
        <source>Cannot connect to PostgreSQL at %1: %2</source>
        <translation>Keine Verbindung zu PostgreSQL auf %1: %2</translation>
    </message>
</context>
<context>
    <name>QCommandLineParser</name>
    <message>
        <source>Usage: %1</source>
        <translation>Aufruf: %1</translation>
    </message>
    <message>
        <source>[options]</source>
        <translation>[Optionen]</translation>
    </message>
</context>
<context>
    <name>Reason</name>
    <message>
        <source>no webhook secret is configured on this receiver yet; retry later</source>
        <translation>auf diesem Empfänger ist noch kein Webhook-Secret konfiguriert; versuchen Sie es später erneut</translation>
    </message>
    <message>
        <source>unknown event</source>
        <translation>unbekanntes Ereignis</translation>
    </message>
    <message>
        <source>trailer fields after a chunked body are not supported</source>
        <translation>Trailer-Felder nach einem Chunked-Inhalt werden nicht unterstützt</translation>
    </message>
    <message>
        <source>malformed chunked body: chunk data is not followed by CRLF</source>
        <translation>fehlerhafter Chunked-Inhalt: Auf die Chunk-Daten folgt kein CRLF</translation>
    </message>
    <message>
        <source>malformed chunked body: a line does not end in CRLF</source>
        <translation>fehlerhafter Chunked-Inhalt: Eine Zeile endet nicht auf CRLF</translation>
    </message>
    <message>
        <source>malformed chunked body: bad chunk size line</source>
        <translation>fehlerhafter Chunked-Inhalt: ungültige Zeile mit Chunk-Größe</translation>
    </message>
    <message>
        <source>request lines must end in CRLF</source>
        <translation>Anfragezeilen müssen auf CRLF enden</translation>
    </message>
    <message>
        <source>malformed request line</source>
        <translation>fehlerhafte Anfragezeile</translation>
    </message>
    <message>
        <source>malformed header line: a field is a token, a colon and a value</source>
        <translation>fehlerhafte Header-Zeile: Ein Feld besteht aus einem Token, einem Doppelpunkt und einem Wert</translation>
    </message>
    <message>
        <source>malformed header line: a control character in a value</source>
        <translation>fehlerhafte Header-Zeile: ein Steuerzeichen in einem Wert</translation>
    </message>
    <message>
        <source>invalid Content-Length</source>
        <translation>ungültige Content-Length</translation>
    </message>
    <message>
        <source>only Transfer-Encoding: chunked is supported</source>
        <translation>nur Transfer-Encoding: chunked wird unterstützt</translation>
    </message>
    <message>
        <source>only Expect: 100-continue is supported</source>
        <translation>nur Expect: 100-continue wird unterstützt</translation>
    </message>
    <message>
        <source>both Content-Length and Transfer-Encoding: chunked</source>
        <translation>sowohl Content-Length als auch Transfer-Encoding: chunked</translation>
    </message>
    <message>
        <source>WebSocket upgrades are not supported</source>
        <translation>WebSocket-Upgrades werden nicht unterstützt</translation>
    </message>
    <message>
        <source>body is empty; it must be a JSON object</source>
        <translation>Inhalt ist leer; er muss ein JSON-Objekt sein</translation>
    </message>
    <message>
        <source>body is not valid UTF-8</source>
        <translation>Inhalt ist kein gültiges UTF-8</translation>
    </message>
    <message>
        <source>body is not a JSON object</source>
        <translation>Inhalt ist kein JSON-Objekt</translation>
    </message>
    <message>
        <source>event must be a non-empty string, such as &quot;entry.created&quot;</source>
        <translation>event muss eine nicht leere Zeichenkette sein, etwa &quot;entry.created&quot;</translation>
    </message>
    <message>
        <source>timestamp must be an ISO-8601 date-time string with a zone, such as &quot;2026-11-26T10:00:00Z&quot;</source>
        <translation>timestamp muss eine ISO-8601-Zeichenkette aus Datum und Uhrzeit mit Zeitzone sein, etwa &quot;2026-11-26T10:00:00Z&quot;</translation>
    </message>
    <message>
        <source>helper must be an object with id, name and command</source>
        <translation>helper muss ein Objekt mit id, name und command sein</translation>
    </message>
    <message>
        <source>entry must be an object</source>
        <translation>entry muss ein Objekt sein</translation>
    </message>
    <message>
        <source>entry.id must be a non-empty string</source>
        <translation>entry.id muss eine nicht leere Zeichenkette sein</translation>
    </message>
    <message>
        <source>signature matches secret</source>
        <translation>Signatur passt zum Secret</translation>
    </message>
    <message>
        <source>X-Peanuts-Signature header is missing</source>
        <translation>Header X-Peanuts-Signature fehlt</translation>
    </message>
    <message>
        <source>X-Peanuts-Signature is not 64 lowercase hex digits</source>
        <translation>X-Peanuts-Signature besteht nicht aus 64 kleingeschriebenen Hexziffern</translation>
    </message>
    <message>
        <source>signature matches no configured secret</source>
        <translation>Signatur passt zu keinem konfigurierten Secret</translation>
    </message>
    <message>
        <source>no secret is configured</source>
        <translation>kein Secret konfiguriert</translation>
    </message>
    <message>
        <source>unknown signature verdict</source>
        <translation>unbekanntes Ergebnis der Signaturprüfung</translation>
    </message>
</context>
<context>
    <name>SendCommand</name>
    <message>
        <source>Show this help.</source>
        <translation>Diese Hilfe anzeigen.</translation>
    </message>
    <message>
        <source>Where to post (default: http://127.0.0.1:PORT/webhook, with the port and address in the settings, else %1).</source>
        <translation>Wohin gesendet wird (Standard: http://127.0.0.1:PORT/webhook mit Port und Adresse aus den Einstellungen, sonst %1).</translation>
    </message>
    <message>
        <source>The secret to sign with. Every user of this computer can read it in the process list: prefer --secret-file or PEANUTS_SECRET.</source>
        <translation>Das Secret zum Signieren. Jeder Benutzer dieses Computers kann es in der Prozessliste lesen: Verwenden Sie besser --secret-file oder PEANUTS_SECRET.</translation>
    </message>
    <message>
        <source>File of label=secret lines; the first one signs (default: PEANUTS_SECRET, else the settings&apos; first secret, else the first one the window stored).</source>
        <translation>Datei mit Zeilen der Form label=secret; die erste signiert (Standard: PEANUTS_SECRET, sonst das erste Secret der Einstellungen, sonst das erste, das das Fenster gespeichert hat).</translation>
    </message>
    <message>
        <source>The receiver&apos;s settings file (default %1).</source>
        <translation>Die Einstellungsdatei des Empfängers (Standard: %1).</translation>
    </message>
    <message>
        <source>entry.created, entry.updated or entry.deleted (default: the fixture&apos;s; entry.created).</source>
        <translation>entry.created, entry.updated oder entry.deleted (Standard: das des Fixtures; entry.created).</translation>
    </message>
    <message>
        <source>The helper&apos;s command (default: the fixture&apos;s; /expenses).</source>
        <translation>Der Befehl des Helfers (Standard: der des Fixtures; /expenses).</translation>
    </message>
    <message>
        <source>Sets a field of entry.data; dotted for nested ones (meta.source=cli). Repeatable.</source>
        <translation>Setzt ein Feld von entry.data; verschachtelte mit Punkten (meta.source=cli). Wiederholbar.</translation>
    </message>
    <message>
        <source>The entry&apos;s id (default: the fixture&apos;s with a suffix of this run; with --count, -1, -2, ... follow).</source>
        <translation>Die ID des Eintrags (Standard: die des Fixtures mit einem Suffix dieses Laufs; mit --count folgen -1, -2, ...).</translation>
    </message>
    <message>
        <source>Send this file&apos;s bytes as the body, signed as they are.</source>
        <translation>Die Bytes dieser Datei als Inhalt senden, unverändert signiert.</translation>
    </message>
    <message>
        <source>The fixture to send (see --list).</source>
        <translation>Das zu sendende Fixture (siehe --list).</translation>
    </message>
    <message>
        <source>List the fixtures and exit.</source>
        <translation>Die Fixtures auflisten und beenden.</translation>
    </message>
    <message>
        <source>Send N deliveries, each an entry of its own, and print a summary.</source>
        <translation>N Zustellungen senden, jede mit eigenem Eintrag, und eine Zusammenfassung ausgeben.</translation>
    </message>
    <message>
        <source>With --count: R deliveries a second (default: as fast as answers come).</source>
        <translation>Mit --count: R Zustellungen pro Sekunde (Standard: so schnell, wie Antworten eintreffen).</translation>
    </message>
    <message>
        <source>With --count: most requests in flight at once (default 32).</source>
        <translation>Mit --count: höchstens so viele Anfragen gleichzeitig (Standard: 32).</translation>
    </message>
</context>
<context>
    <name>StoreWorker</name>
    <message>
        <source>The database is full (limit %1 MB): deliveries are answered 503 until space is freed or the limit is raised</source>
        <translation>Die Datenbank ist voll (Grenze %1 MB): Zustellungen werden mit 503 beantwortet, bis Platz frei wird oder die Grenze erhöht wird</translation>
    </message>
    <message>
        <source>The disk is full: deliveries are answered 503 until space is freed</source>
        <translation>Der Datenträger ist voll: Zustellungen werden mit 503 beantwortet, bis Platz frei wird</translation>
    </message>
    <message>
        <source>The database file is read-only: deliveries are answered 503 until it can be written again</source>
        <translation>Die Datenbankdatei ist schreibgeschützt: Zustellungen werden mit 503 beantwortet, bis sie wieder beschreibbar ist</translation>
    </message>
    <message>
        <source>The database file cannot be written (I/O error): deliveries are answered 503 until it works again</source>
        <translation>Die Datenbankdatei kann nicht geschrieben werden (E/A-Fehler): Zustellungen werden mit 503 beantwortet, bis es wieder funktioniert</translation>
    </message>
    <message>
        <source>The database is locked by another program: deliveries are answered 503 until it lets go</source>
        <translation>Die Datenbank ist von einem anderen Programm gesperrt: Zustellungen werden mit 503 beantwortet, bis es sie freigibt</translation>
    </message>
    <message>
        <source>Deliveries cannot be stored (%1): deliveries are answered 503 until it works again</source>
        <translation>Zustellungen können nicht gespeichert werden (%1): Zustellungen werden mit 503 beantwortet, bis es wieder funktioniert</translation>
    </message>
    <message>
        <source>The team database cannot be reached: deliveries are answered 503 until it is back</source>
        <translation>Die Team-Datenbank ist nicht erreichbar: Zustellungen werden mit 503 beantwortet, bis sie wieder da ist</translation>
    </message>
</context>
<context>
    <name>UrlPolicy</name>
    <message>
        <source>alert URLs may not reach private, loopback, link-local or cloud-metadata addresses (%1); allow private addresses for alerts in the settings to use it</source>
        <translation>Alarm-URLs dürfen keine privaten, Loopback-, Link-Local- oder Cloud-Metadaten-Adressen erreichen (%1); erlauben Sie in den Einstellungen private Adressen für Alarme, um sie zu verwenden</translation>
    </message>
    <message>
        <source>the URL is not valid</source>
        <translation>die URL ist nicht gültig</translation>
    </message>
    <message>
        <source>only http and https URLs can be used; this one has no scheme</source>
        <translation>nur http- und https-URLs können verwendet werden; diese hat kein Schema</translation>
    </message>
    <message>
        <source>only http and https URLs can be used; this one is %1:</source>
        <translation>nur http- und https-URLs können verwendet werden; diese ist %1:</translation>
    </message>
    <message>
        <source>the URL has no host</source>
        <translation>die URL hat keinen Host</translation>
    </message>
    <message>
        <source>URLs with a user name or password are not used; put a secret in the path instead</source>
        <translation>URLs mit Benutzername oder Passwort werden nicht verwendet; legen Sie stattdessen ein Secret in den Pfad</translation>
    </message>
    <message>
        <source>this one is %1</source>
        <translation>diese ist %1</translation>
    </message>
    <message>
        <source>%1 is this machine</source>
        <translation>%1 ist dieser Rechner</translation>
    </message>
</context>
<context>
    <name>peanuts::ActionService</name>
    <message>
        <source>the receiver is not running</source>
        <translation>der Empfänger läuft nicht</translation>
    </message>
    <message>
        <source>the outbox could not be written</source>
        <translation>der Postausgang konnte nicht geschrieben werden</translation>
    </message>
</context>
<context>
    <name>peanuts::BytesView</name>
    <message>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>Show the body as UTF-8 text</source>
        <translation>Den Inhalt als UTF-8-Text anzeigen</translation>
    </message>
    <message>
        <source>Hex</source>
        <translation>Hex</translation>
    </message>
    <message>
        <source>Show every byte: offset, 16 bytes in hex, and their ASCII</source>
        <translation>Jedes Byte anzeigen: Offset, 16 Bytes hexadezimal und als ASCII</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%Ln bytes&lt;/b&gt; received · SHA-256 &lt;code&gt;%1&lt;/code&gt;</source>
        <translation>
            <numerusform>&lt;b&gt;%Ln Byte&lt;/b&gt; empfangen · SHA-256 &lt;code&gt;%1&lt;/code&gt;</numerusform>
            <numerusform>&lt;b&gt;%Ln Bytes&lt;/b&gt; empfangen · SHA-256 &lt;code&gt;%1&lt;/code&gt;</numerusform>
        </translation>
    </message>
    <message>
        <source>Contains control characters a text view cannot show exactly: shown in hex.</source>
        <translation>Enthält Steuerzeichen, die eine Textansicht nicht genau darstellen kann: hexadezimal angezeigt.</translation>
    </message>
    <message>
        <source>Not valid UTF-8: shown in hex.</source>
        <translation>Kein gültiges UTF-8: hexadezimal angezeigt.</translation>
    </message>
</context>
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
        <translation type="vanished">%1: %2 in 1 Eintrag</translation>
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
    <name>peanuts::CorruptDatabaseDialog</name>
    <message>
        <source>Peanuts Monitor: the database cannot be used</source>
        <translation>Peanuts Monitor: Die Datenbank kann nicht verwendet werden</translation>
    </message>
    <message>
        <source>The database file

%1

is not a usable database (%2).

Peanuts Monitor can move it aside (it is renamed to %3.corrupt-&lt;date-time&gt;, with its -wal and -shm files) and start with a new, empty database. Nothing is deleted: the old file stays next to the new one for recovery.</source>
        <translation>Die Datenbankdatei

%1

ist keine verwendbare Datenbank (%2).

Peanuts Monitor kann sie beiseitelegen (sie wird samt ihren -wal- und -shm-Dateien in %3.corrupt-&lt;date-time&gt; umbenannt) und mit einer neuen, leeren Datenbank starten. Es wird nichts gelöscht: Die alte Datei bleibt zur Wiederherstellung neben der neuen liegen.</translation>
    </message>
    <message>
        <source>Move aside and start fresh</source>
        <translation>Beiseitelegen und neu beginnen</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
</context>
<context>
    <name>peanuts::DBusNotifier</name>
    <message>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
</context>
<context>
    <name>peanuts::DeadLetterButton</name>
    <message>
        <source>⚠ 1 dead letter</source>
        <translation type="vanished">⚠ 1 unzustellbare Aktion</translation>
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
    <name>peanuts::DeliveryLogModel</name>
    <message>
        <source>Received</source>
        <translation>Empfangen</translation>
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
        <source>Entry</source>
        <translation>Eintrag</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Kategorie</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>simulated %1</source>
        <translation>simuliert %1</translation>
    </message>
    <message>
        <source>custom %1</source>
        <translation>eigene Antwort %1</translation>
    </message>
    <message>
        <source>retry of #%1</source>
        <translation>Wiederholung von #%1</translation>
    </message>
    <message numerus="yes">
        <source>%n retries</source>
        <translation>
            <numerusform>%n Wiederholung</numerusform>
            <numerusform>%n Wiederholungen</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (redacted)</source>
        <comment>a body size</comment>
        <translation>%1 (geschwärzt)</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <comment>a result and what was ignored</comment>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1: a custom response; the delivery was stored as shown</source>
        <translation>%1: eine eigene Antwort; die Zustellung wurde wie angezeigt gespeichert</translation>
    </message>
    <message>
        <source>Answered %1 in %2 ms</source>
        <translation>Mit %1 in %2 ms beantwortet</translation>
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
    <message>
        <source>Delete…</source>
        <translation>Löschen…</translation>
    </message>
    <message>
        <source>Redact body…</source>
        <translation>Inhalt schwärzen…</translation>
    </message>
    <message>
        <source>Reprocess with rules…</source>
        <translation>Mit Regeln erneut verarbeiten…</translation>
    </message>
    <message>
        <source>Resend to URL…</source>
        <translation>Erneut an URL senden…</translation>
    </message>
    <message>
        <source>Compare the two selected…</source>
        <translation>Die beiden ausgewählten vergleichen…</translation>
    </message>
</context>
<context>
    <name>peanuts::DiffDialog</name>
    <message>
        <source>%1 changed, %2 added, %3 removed, %4 the same</source>
        <comment>counts of compared rows; a row is a header or a key</comment>
        <translation>%1 geändert, %2 hinzugefügt, %3 entfernt, %4 gleich</translation>
    </message>
    <message>
        <source>Header</source>
        <translation>Header</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <source>Compare deliveries #%1 and #%2</source>
        <translation>Zustellungen #%1 und #%2 vergleichen</translation>
    </message>
    <message>
        <source>Left: #%1 …</source>
        <translation>Links: #%1 …</translation>
    </message>
    <message>
        <source>Right: #%1 …</source>
        <translation>Rechts: #%1 …</translation>
    </message>
    <message>
        <source>Show unchanged rows</source>
        <translation>Unveränderte Zeilen anzeigen</translation>
    </message>
    <message>
        <source>Headers compared</source>
        <translation>Verglichene Header</translation>
    </message>
    <message>
        <source>Bodies compared</source>
        <translation>Verglichene Inhalte</translation>
    </message>
    <message>
        <source>Headers</source>
        <translation>Header</translation>
    </message>
    <message>
        <source>Body</source>
        <translation>Inhalt</translation>
    </message>
    <message>
        <source>The receiver is not running: the deliveries cannot be read.</source>
        <translation>Der Empfänger läuft nicht: Die Zustellungen können nicht gelesen werden.</translation>
    </message>
    <message>
        <source>Reading both deliveries…</source>
        <translation>Beide Zustellungen werden gelesen…</translation>
    </message>
    <message>
        <source>Deliveries #%1 and #%2 are no longer in the database.</source>
        <translation>Die Zustellungen #%1 und #%2 sind nicht mehr in der Datenbank.</translation>
    </message>
    <message>
        <source>Delivery #%1 is no longer in the database.</source>
        <translation>Zustellung #%1 ist nicht mehr in der Datenbank.</translation>
    </message>
    <message>
        <source>Left: %1</source>
        <translation>Links: %1</translation>
    </message>
    <message>
        <source>Right: %1</source>
        <translation>Rechts: %1</translation>
    </message>
    <message>
        <source>Headers: %1.  Body: %2.</source>
        <translation>Header: %1.  Inhalt: %2.</translation>
    </message>
</context>
<context>
    <name>peanuts::DiffModel</name>
    <message>
        <source>added</source>
        <translation>hinzugefügt</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>entfernt</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>geändert</translation>
    </message>
    <message>
        <source>same</source>
        <translation>gleich</translation>
    </message>
    <message>
        <source>(the whole body)</source>
        <translation>(der ganze Inhalt)</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>Links</translation>
    </message>
    <message>
        <source>Right</source>
        <translation>Rechts</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Änderung</translation>
    </message>
</context>
<context>
    <name>peanuts::EditResendDialog</name>
    <message>
        <source>Edit and resend delivery #%1</source>
        <translation>Zustellung #%1 bearbeiten und erneut senden</translation>
    </message>
    <message>
        <source>Body to send</source>
        <translation>Zu sendender Inhalt</translation>
    </message>
    <message>
        <source>This receiver, signed with the first webhook secret</source>
        <translation>Dieser Empfänger, signiert mit dem ersten Webhook-Secret</translation>
    </message>
    <message>
        <source>A URL, signed with the forwarding secret:</source>
        <translation>Eine URL, signiert mit dem Weiterleitungs-Secret:</translation>
    </message>
    <message>
        <source>Other URL</source>
        <translation>Andere URL</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <source>The body, sent exactly as it stands here:</source>
        <translation>Der Inhalt, genau so gesendet, wie er hier steht:</translation>
    </message>
    <message>
        <source>Enter the URL to send to.</source>
        <translation>Geben Sie die URL ein, an die gesendet werden soll.</translation>
    </message>
    <message>
        <source>Not JSON: %1</source>
        <translation>Kein JSON: %1</translation>
    </message>
    <message>
        <source>Valid JSON.</source>
        <translation>Gültiges JSON.</translation>
    </message>
    <message>
        <source>Nothing can sign it: set a forwarding secret or a webhook secret in Settings.</source>
        <translation>Signieren nicht möglich: Legen Sie in den Einstellungen ein Weiterleitungs-Secret oder ein Webhook-Secret fest.</translation>
    </message>
    <message>
        <source>Set a webhook secret first: the receiver checks the signature.</source>
        <translation>Legen Sie zuerst ein Webhook-Secret fest: Der Empfänger prüft die Signatur.</translation>
    </message>
    <message>
        <source>Sending to %1…</source>
        <translation>Wird an %1 gesendet…</translation>
    </message>
    <message>
        <source>Not sent to %1: %2</source>
        <translation>Nicht an %1 gesendet: %2</translation>
    </message>
    <message>
        <source>%1 answered %2 in %3 ms: %4</source>
        <translation>%1 hat in %3 ms mit %2 geantwortet: %4</translation>
    </message>
</context>
<context>
    <name>peanuts::HandlerTab</name>
    <message>
        <source>desktop notification</source>
        <translation>Desktop-Benachrichtigung</translation>
    </message>
    <message>
        <source>delivered</source>
        <comment>an action&apos;s state</comment>
        <translation>zugestellt</translation>
    </message>
    <message>
        <source>dead letter</source>
        <comment>an action&apos;s state</comment>
        <translation>unzustellbar</translation>
    </message>
    <message>
        <source>retrying</source>
        <comment>an action&apos;s state</comment>
        <translation>wird wiederholt</translation>
    </message>
    <message>
        <source>pending</source>
        <comment>an action&apos;s state</comment>
        <translation>ausstehend</translation>
    </message>
    <message>
        <source>Answer headers</source>
        <translation>Antwort-Header</translation>
    </message>
    <message>
        <source>Answer body</source>
        <translation>Antwortinhalt</translation>
    </message>
    <message>
        <source>Nothing was forwarded or sent for this delivery.</source>
        <translation>Für diese Zustellung wurde nichts weitergeleitet oder gesendet.</translation>
    </message>
    <message>
        <source>Handler answered %1 · %2 ms · %3</source>
        <translation>Handler-Antwort %1 · %2 ms · %3</translation>
    </message>
    <message>
        <source>Answered %1 · %2 ms · %3</source>
        <translation>Antwort %1 · %2 ms · %3</translation>
    </message>
    <message>
        <source>No answer · %1</source>
        <translation>Keine Antwort · %1</translation>
    </message>
    <message>
        <source>Notification shown</source>
        <translation>Benachrichtigung angezeigt</translation>
    </message>
    <message>
        <source>Waiting to be sent</source>
        <translation>Wartet auf Versand</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <comment>an action&apos;s kind (as the rules name it) and its target</comment>
        <translation>%1 an %2</translation>
    </message>
    <message>
        <source>State: %1 · attempts: %2</source>
        <translation>Status: %1 · Versuche: %2</translation>
    </message>
    <message>
        <source>Next attempt: %1</source>
        <translation>Nächster Versuch: %1</translation>
    </message>
    <message>
        <source>Last error: %1</source>
        <translation>Letzter Fehler: %1</translation>
    </message>
    <message>
        <source>Rule: %1</source>
        <translation>Regel: %1</translation>
    </message>
    <message>
        <source>Text: %1</source>
        <comment>the rendered text of a notification or post</comment>
        <translation>Text: %1</translation>
    </message>
    <message>
        <source>Answer body (not UTF-8: hex)</source>
        <translation>Antwortinhalt (kein UTF-8: hex)</translation>
    </message>
    <message numerus="yes">
        <source>%1 — the first %2 of %Ln bytes</source>
        <comment>an answer body&apos;s title, then how much of it is kept</comment>
        <translation>
            <numerusform>%1 – die ersten %2 von %Ln Byte</numerusform>
            <numerusform>%1 – die ersten %2 von %Ln Bytes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>peanuts::HeadersTab</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Methode</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>Pfad</translation>
    </message>
    <message>
        <source>Remote address</source>
        <translation>Remote-Adresse</translation>
    </message>
    <message>
        <source>Client (X-Forwarded-For)</source>
        <translation>Client (X-Forwarded-For)</translation>
    </message>
    <message>
        <source>— (not through a local tunnel)</source>
        <translation>– (nicht über einen lokalen Tunnel)</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Empfangen</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>Anfrage</translation>
    </message>
    <message>
        <source>Headers as received (%1)</source>
        <translation>Header wie empfangen (%1)</translation>
    </message>
</context>
<context>
    <name>peanuts::HistoryTab</name>
    <message>
        <source>Received</source>
        <translation>Empfangen</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Ereignis</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Event time (UTC)</source>
        <translation>Ereigniszeit (UTC)</translation>
    </message>
    <message>
        <source>Changes in data</source>
        <translation>Änderungen der Daten</translation>
    </message>
    <message>
        <source>Double-click a version (or press Enter) to inspect that delivery</source>
        <translation>Doppelklicken Sie auf eine Version (oder drücken Sie Enter), um diese Zustellung zu untersuchen</translation>
    </message>
    <message>
        <source>Entry history</source>
        <translation>Verlauf des Eintrags</translation>
    </message>
    <message>
        <source>This delivery names no entry, so it has no history.</source>
        <translation>Diese Zustellung nennt keinen Eintrag und hat daher keinen Verlauf.</translation>
    </message>
    <message>
        <source>The history of entry %1 could not be read: %2</source>
        <translation>Der Verlauf von Eintrag %1 konnte nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>Entry history (%1)</source>
        <comment>the number of versions</comment>
        <translation>Verlauf des Eintrags (%1)</translation>
    </message>
    <message>
        <source>Every stored delivery of entry %1, in the order received; each version is compared with the one before it. Double-click a version to inspect it.</source>
        <translation>Jede gespeicherte Zustellung von Eintrag %1 in der Reihenfolge des Empfangs; jede Version wird mit der vorherigen verglichen. Doppelklicken Sie auf eine Version, um sie zu untersuchen.</translation>
    </message>
    <message>
        <source>Entry %1 has no accepted deliveries. A refused body&apos;s entry id is only what the body claims.</source>
        <translation>Eintrag %1 hat keine angenommenen Zustellungen. Die Eintrags-ID eines abgewiesenen Inhalts ist nur das, was der Inhalt behauptet.</translation>
    </message>
    <message>
        <source>This delivery was refused, so it is not one of the versions of entry %1; these are. A refused body&apos;s entry id is only what the body claims.</source>
        <translation>Diese Zustellung wurde abgewiesen und ist daher keine der Versionen von Eintrag %1; diese hier sind es. Die Eintrags-ID eines abgewiesenen Inhalts ist nur das, was der Inhalt behauptet.</translation>
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
    <name>peanuts::JsonTreeModel</name>
    <message numerus="yes">
        <source>object · %n keys</source>
        <translation>
            <numerusform>Objekt · %n Schlüssel</numerusform>
            <numerusform>Objekt · %n Schlüssel</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>array · %n items</source>
        <translation>
            <numerusform>Array · %n Element</numerusform>
            <numerusform>Array · %n Elemente</numerusform>
        </translation>
    </message>
    <message>
        <source>string</source>
        <translation>Zeichenkette</translation>
    </message>
    <message>
        <source>number</source>
        <translation>Zahl</translation>
    </message>
    <message>
        <source>boolean</source>
        <translation>Boolescher Wert</translation>
    </message>
    <message>
        <source>null</source>
        <translation>null</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
</context>
<context>
    <name>peanuts::JsonTreeTab</name>
    <message>
        <source>Copy value</source>
        <translation>Wert kopieren</translation>
    </message>
    <message>
        <source>Copy key</source>
        <translation>Schlüssel kopieren</translation>
    </message>
    <message>
        <source>Copy key path</source>
        <translation>Schlüsselpfad kopieren</translation>
    </message>
</context>
<context>
    <name>peanuts::LogService</name>
    <message>
        <source>cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>peanuts::MainWindow</name>
    <message>
        <source>Peanuts Monitor</source>
        <translation>Peanuts Monitor</translation>
    </message>
    <message>
        <source>Deliveries</source>
        <translation>Zustellungen</translation>
    </message>
    <message>
        <source>Expenses</source>
        <translation>Ausgaben</translation>
    </message>
    <message>
        <source>The database accepts writes again.</source>
        <translation>Die Datenbank nimmt wieder Schreibvorgänge an.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <comment>failure alert: title, then text</comment>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Hauptwerkzeugleiste</translation>
    </message>
    <message>
        <source>Pause live view</source>
        <translation>Live-Ansicht pausieren</translation>
    </message>
    <message>
        <source>Freeze the log while you read it. Deliveries are still received and stored.</source>
        <translation>Das Protokoll einfrieren, während Sie es lesen. Zustellungen werden weiterhin empfangen und gespeichert.</translation>
    </message>
    <message>
        <source>Send test delivery</source>
        <translation>Testzustellung senden</translation>
    </message>
    <message>
        <source>Post a signed mock delivery, as in the Peanuts guide, to this receiver.</source>
        <translation>Eine signierte Beispielzustellung wie im Peanuts-Leitfaden an diesen Empfänger senden.</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>Einstellungen…</translation>
    </message>
    <message>
        <source>Search the raw bodies</source>
        <translation>Die Rohinhalte durchsuchen</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Copy webhook URL</source>
        <translation>Webhook-URL kopieren</translation>
    </message>
    <message>
        <source>Copied %1</source>
        <translation>%1 kopiert</translation>
    </message>
    <message>
        <source>&lt;h1&gt;Waiting for your first delivery&lt;/h1&gt;</source>
        <translation>&lt;h1&gt;Warten auf Ihre erste Zustellung&lt;/h1&gt;</translation>
    </message>
    <message>
        <source>Peanuts Monitor verifies, stores and shows every webhook Peanuts sends. Three steps:</source>
        <translation>Peanuts Monitor verifiziert, speichert und zeigt jeden Webhook, den Peanuts sendet. Drei Schritte:</translation>
    </message>
    <message>
        <source>Open settings…</source>
        <translation>Einstellungen öffnen…</translation>
    </message>
    <message>
        <source>Listening on %1:%2</source>
        <translation>Lauscht auf %1:%2</translation>
    </message>
    <message>
        <source>&lt;b&gt;1. Set your webhook secret.&lt;/b&gt; &lt;span style=&apos;color:%1&apos;&gt;No secret yet: deliveries are answered 503 (Peanuts retries) until you add one.&lt;/span&gt; Open &lt;i&gt;Settings → Secrets&lt;/i&gt;, or start with &lt;code&gt;PEANUTS_SECRET=…&lt;/code&gt;.</source>
        <translation>&lt;b&gt;1. Legen Sie Ihr Webhook-Secret fest.&lt;/b&gt; &lt;span style=&apos;color:%1&apos;&gt;Noch kein Secret: Zustellungen werden mit 503 beantwortet (Peanuts wiederholt sie), bis Sie eines hinzufügen.&lt;/span&gt; Öffnen Sie &lt;i&gt;Einstellungen → Secrets&lt;/i&gt; oder starten Sie mit &lt;code&gt;PEANUTS_SECRET=…&lt;/code&gt;.</translation>
    </message>
    <message>
        <source>&lt;b&gt;1. Webhook secret&lt;/b&gt; ✓ verifying with %1.</source>
        <translation>&lt;b&gt;1. Webhook-Secret&lt;/b&gt; ✓ Verifizierung mit %1.</translation>
    </message>
    <message>
        <source>&lt;b&gt;3. Paste the webhook URL into Peanuts:&lt;/b&gt; &lt;code&gt;%1&lt;/code&gt;</source>
        <translation>&lt;b&gt;3. Fügen Sie die Webhook-URL in Peanuts ein:&lt;/b&gt; &lt;code&gt;%1&lt;/code&gt;</translation>
    </message>
    <message>
        <source>ngrok: %1</source>
        <translation>ngrok: %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;2. Tunnel&lt;/b&gt; ✓ ngrok forwards &lt;code&gt;%1&lt;/code&gt; here.</source>
        <translation>&lt;b&gt;2. Tunnel&lt;/b&gt; ✓ ngrok leitet &lt;code&gt;%1&lt;/code&gt; hierher weiter.</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:%3&apos;&gt;ngrok runs, but no tunnel points at port %1&lt;/span&gt; — run &lt;code&gt;%2&lt;/code&gt;</source>
        <translation>&lt;span style=&apos;color:%3&apos;&gt;ngrok läuft, aber kein Tunnel zeigt auf Port %1&lt;/span&gt; – führen Sie &lt;code&gt;%2&lt;/code&gt; aus</translation>
    </message>
    <message>
        <source>&lt;b&gt;2. Expose it:&lt;/b&gt; ngrok is running but not for this port. Run &lt;code&gt;%1&lt;/code&gt;.</source>
        <translation>&lt;b&gt;2. Machen Sie ihn erreichbar:&lt;/b&gt; ngrok läuft, aber nicht für diesen Port. Führen Sie &lt;code&gt;%1&lt;/code&gt; aus.</translation>
    </message>
    <message>
        <source>No tunnel — run &lt;code&gt;%1&lt;/code&gt;</source>
        <translation>Kein Tunnel – führen Sie &lt;code&gt;%1&lt;/code&gt; aus</translation>
    </message>
    <message>
        <source>&lt;b&gt;2. Expose it to the internet:&lt;/b&gt; run &lt;code&gt;%1&lt;/code&gt; in a terminal.</source>
        <translation>&lt;b&gt;2. Machen Sie ihn im Internet erreichbar:&lt;/b&gt; Führen Sie &lt;code&gt;%1&lt;/code&gt; in einem Terminal aus.</translation>
    </message>
    <message numerus="yes">
        <source>%n deliveries/min</source>
        <translation>
            <numerusform>%n Zustellung/min</numerusform>
            <numerusform>%n Zustellungen/min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n rejected in the last hour</source>
        <translation>
            <numerusform>%n abgelehnt in der letzten Stunde</numerusform>
            <numerusform>%n abgelehnt in der letzten Stunde</numerusform>
        </translation>
    </message>
    <message>
        <source>Peanuts Monitor needs attention</source>
        <translation>Peanuts Monitor erfordert Aufmerksamkeit</translation>
    </message>
    <message>
        <source>No webhook secret</source>
        <translation>Kein Webhook-Secret</translation>
    </message>
    <message>
        <source>Set a webhook secret first: the test delivery is signed with it, like Peanuts signs real ones.</source>
        <translation>Legen Sie zuerst ein Webhook-Secret fest: Die Testzustellung wird damit signiert, so wie Peanuts echte Zustellungen signiert.</translation>
    </message>
    <message>
        <source>Test delivery answered %1 %2</source>
        <translation>Testzustellung beantwortet mit %1 %2</translation>
    </message>
    <message>
        <source>Test delivery failed: %1</source>
        <translation>Testzustellung fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Resume live view</source>
        <translation>Live-Ansicht fortsetzen</translation>
    </message>
    <message>
        <source>Live view paused — deliveries are still received and stored.</source>
        <translation>Live-Ansicht pausiert – Zustellungen werden weiterhin empfangen und gespeichert.</translation>
    </message>
    <message>
        <source>Live view resumed.</source>
        <translation>Live-Ansicht fortgesetzt.</translation>
    </message>
    <message>
        <source>Peanuts Monitor is still running</source>
        <translation>Peanuts Monitor läuft weiter</translation>
    </message>
    <message>
        <source>Deliveries keep arriving. Quit from the tray icon.</source>
        <translation>Zustellungen treffen weiterhin ein. Beenden Sie das Programm über das Symbol im Infobereich.</translation>
    </message>
    <message>
        <source>JSON lines (*.jsonl)</source>
        <translation>JSON Lines (*.jsonl)</translation>
    </message>
    <message>
        <source>HAR 1.2 (*.har)</source>
        <translation>HAR 1.2 (*.har)</translation>
    </message>
    <message>
        <source>CSV of the current entries (*.csv)</source>
        <translation>CSV der aktuellen Einträge (*.csv)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Export what the filter shows…</source>
        <translation>Exportieren, was der Filter zeigt…</translation>
    </message>
    <message>
        <source>Save the deliveries the filter shows as JSON lines or HAR, or the current entries as CSV.</source>
        <translation>Die vom Filter angezeigten Zustellungen als JSON Lines oder HAR speichern oder die aktuellen Einträge als CSV.</translation>
    </message>
    <message>
        <source>Export the selected deliveries…</source>
        <translation>Ausgewählte Zustellungen exportieren…</translation>
    </message>
    <message>
        <source>Import deliveries…</source>
        <translation>Zustellungen importieren…</translation>
    </message>
    <message>
        <source>Bring deliveries back from JSON lines or HAR exports, marked as imported.</source>
        <translation>Zustellungen aus JSON-Lines- oder HAR-Exporten zurückholen, als importiert markiert.</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exportieren…</translation>
    </message>
    <message>
        <source>Export deliveries</source>
        <translation>Zustellungen exportieren</translation>
    </message>
    <message>
        <source>Select deliveries in the log to export them.</source>
        <translation>Wählen Sie Zustellungen im Protokoll aus, um sie zu exportieren.</translation>
    </message>
    <message>
        <source>Export the selected deliveries</source>
        <translation>Ausgewählte Zustellungen exportieren</translation>
    </message>
    <message>
        <source>Exporting to %1…</source>
        <translation>Wird nach %1 exportiert…</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n entries to %1</source>
        <translation>
            <numerusform>%n Eintrag nach %1 exportiert</numerusform>
            <numerusform>%n Einträge nach %1 exportiert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n deliveries to %1</source>
        <translation>
            <numerusform>%n Zustellung nach %1 exportiert</numerusform>
            <numerusform>%n Zustellungen nach %1 exportiert</numerusform>
        </translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>Export fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Import deliveries</source>
        <translation>Zustellungen importieren</translation>
    </message>
    <message>
        <source>Exports (*.jsonl *.har)</source>
        <translation>Exporte (*.jsonl *.har)</translation>
    </message>
    <message numerus="yes">
        <source>Importing %n files…</source>
        <translation>
            <numerusform>%n Datei wird importiert…</numerusform>
            <numerusform>%n Dateien werden importiert…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported %n deliveries</source>
        <translation>
            <numerusform>%n Zustellung importiert</numerusform>
            <numerusform>%n Zustellungen importiert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n already in the log</source>
        <translation>
            <numerusform>%n bereits im Protokoll</numerusform>
            <numerusform>%n bereits im Protokoll</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n without the body (redacted here)</source>
        <translation>
            <numerusform>%n ohne Inhalt (hier geschwärzt)</numerusform>
            <numerusform>%n ohne Inhalt (hier geschwärzt)</numerusform>
        </translation>
    </message>
    <message>
        <source>, </source>
        <comment>between the parts of the import summary</comment>
        <translation>, </translation>
    </message>
    <message>
        <source>Import failed: %1 (%2)</source>
        <translation>Import fehlgeschlagen: %1 (%2)</translation>
    </message>
    <message>
        <source>Connected to the team database again; caught up.</source>
        <translation>Wieder mit der Team-Datenbank verbunden; alles nachgeholt.</translation>
    </message>
    <message>
        <source>⚠ Reconnecting to the team database…</source>
        <translation>⚠ Verbindung zur Team-Datenbank wird wiederhergestellt…</translation>
    </message>
    <message>
        <source>Plain HTTP beyond this computer</source>
        <translation>Unverschlüsseltes HTTP über diesen Computer hinaus</translation>
    </message>
    <message>
        <source>Connect to a team database…</source>
        <translation>Mit einer Team-Datenbank verbinden…</translation>
    </message>
    <message>
        <source>Viewing the team database %1</source>
        <translation>Beobachte die Team-Datenbank %1</translation>
    </message>
</context>
<context>
    <name>peanuts::MaintenanceService</name>
    <message>
        <source>the receiver is not running</source>
        <translation>der Empfänger läuft nicht</translation>
    </message>
    <message>
        <source>the receiver stopped during the import</source>
        <translation>der Empfänger wurde während des Imports beendet</translation>
    </message>
</context>
<context>
    <name>peanuts::OutgoingChart</name>
    <message>
        <source>Outgoing actions</source>
        <translation>Ausgehende Aktionen</translation>
    </message>
    <message>
        <source>Outgoing actions per minute, last hour</source>
        <translation>Ausgehende Aktionen pro Minute, letzte Stunde</translation>
    </message>
    <message>
        <source>delivered</source>
        <translation>zugestellt</translation>
    </message>
    <message>
        <source>retrying</source>
        <translation>wird wiederholt</translation>
    </message>
    <message>
        <source>dead</source>
        <translation>unzustellbar</translation>
    </message>
    <message>
        <source>Nothing went out in the last hour — add a forward or a rule in Settings → Actions</source>
        <translation>In der letzten Stunde wurde nichts gesendet – fügen Sie unter Einstellungen → Aktionen eine Weiterleitung oder Regel hinzu</translation>
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
        <source>Saving the rules in the team database…</source>
        <translation>Die Regeln werden in der Team-Datenbank gespeichert…</translation>
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
    <name>peanuts::PrettyTab</name>
    <message>
        <source>The body of this delivery was redacted: its bytes are no longer stored.</source>
        <translation>Der Inhalt dieser Zustellung wurde geschwärzt: Seine Bytes sind nicht mehr gespeichert.</translation>
    </message>
    <message>
        <source>The body is empty.</source>
        <translation>Der Inhalt ist leer.</translation>
    </message>
    <message>
        <source>Not JSON (%1 at byte %2). The text below is the body as received; the Raw tab shows every byte.</source>
        <translation>Kein JSON (%1 bei Byte %2). Der Text unten ist der Inhalt wie empfangen; der Tab „Rohdaten“ zeigt jedes Byte.</translation>
    </message>
</context>
<context>
    <name>peanuts::ReceiverCore</name>
    <message>
        <source>the receiver is not running</source>
        <translation>der Empfänger läuft nicht</translation>
    </message>
    <message>
        <source>Listening on %1 with plain HTTP because settings saved by an earlier version chose that address: deliveries and the API token cross the network unencrypted. Set a TLS certificate and key, or allow plain HTTP, in Settings → Receiver (or start with --tls-cert and --tls-key, or --allow-plain-http).</source>
        <translation>Lausche auf %1 mit unverschlüsseltem HTTP, weil Einstellungen einer früheren Version diese Adresse gewählt haben: Zustellungen und das API-Token gehen unverschlüsselt durchs Netz. Legen Sie unter Einstellungen → Empfänger ein TLS-Zertifikat und einen Schlüssel fest oder erlauben Sie unverschlüsseltes HTTP (oder starten Sie mit --tls-cert und --tls-key oder --allow-plain-http).</translation>
    </message>
</context>
<context>
    <name>peanuts::ReprocessDialog</name>
    <message numerus="yes">
        <source>%Ln selected rows not loaded in the log are left out: scroll to them or narrow the filter to include them.</source>
        <translation>
            <numerusform>%Ln ausgewählte Zeile, die im Protokoll nicht geladen ist, wird ausgelassen: Scrollen Sie zu ihr oder schränken Sie den Filter ein, um sie einzubeziehen.</numerusform>
            <numerusform>%Ln ausgewählte Zeilen, die im Protokoll nicht geladen sind, werden ausgelassen: Scrollen Sie zu ihnen oder schränken Sie den Filter ein, um sie einzubeziehen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Run these actions</source>
        <translation>Diese Aktionen ausführen</translation>
    </message>
    <message>
        <source>Reprocess with rules</source>
        <translation>Mit Regeln erneut verarbeiten</translation>
    </message>
    <message numerus="yes">
        <source>Evaluating the rules against %n deliveries…</source>
        <translation>
            <numerusform>Die Regeln werden für %n Zustellung ausgewertet…</numerusform>
            <numerusform>Die Regeln werden für %n Zustellungen ausgewertet…</numerusform>
        </translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation>Zustellung</translation>
    </message>
    <message>
        <source>Entry</source>
        <translation>Eintrag</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>Regel</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>Put the checked rules&apos; actions in the outbox: they are sent as if the deliveries had just come in.</source>
        <translation>Die Aktionen der markierten Regeln in den Postausgang stellen: Sie werden gesendet, als wären die Zustellungen gerade eingegangen.</translation>
    </message>
    <message>
        <source>No loaded delivery is selected.</source>
        <translation>Es ist keine geladene Zustellung ausgewählt.</translation>
    </message>
    <message>
        <source>The receiver is not running.</source>
        <translation>Der Empfänger läuft nicht.</translation>
    </message>
    <message>
        <source>No rule would fire for these deliveries.</source>
        <translation>Für diese Zustellungen würde keine Regel auslösen.</translation>
    </message>
    <message numerus="yes">
        <source>%n rule hits. Uncheck the ones to leave out, then run their actions.</source>
        <translation>
            <numerusform>%n Regeltreffer. Entfernen Sie das Häkchen bei Treffern, die ausgelassen werden sollen, und führen Sie dann ihre Aktionen aus.</numerusform>
            <numerusform>%n Regeltreffer. Entfernen Sie das Häkchen bei Treffern, die ausgelassen werden sollen, und führen Sie dann ihre Aktionen aus.</numerusform>
        </translation>
    </message>
    <message>
        <source>Queueing…</source>
        <translation>Wird eingereiht…</translation>
    </message>
    <message>
        <source>The actions could not be queued: the database refused them.</source>
        <translation>Die Aktionen konnten nicht eingereiht werden: Die Datenbank hat sie abgelehnt.</translation>
    </message>
    <message numerus="yes">
        <source>%n actions queued.</source>
        <translation>
            <numerusform>%n Aktion eingereiht.</numerusform>
            <numerusform>%n Aktionen eingereiht.</numerusform>
        </translation>
    </message>
    <message>
        <source>Resend: the receiver is not running.</source>
        <translation>Erneut senden: Der Empfänger läuft nicht.</translation>
    </message>
    <message>
        <source>Resend: no loaded delivery is selected.</source>
        <translation>Erneut senden: Es ist keine geladene Zustellung ausgewählt.</translation>
    </message>
    <message>
        <source>Resend to URL</source>
        <translation>Erneut an URL senden</translation>
    </message>
    <message numerus="yes">
        <source>Post %n deliveries byte for byte, re-signed with the forwarding secret, to:</source>
        <translation>
            <numerusform>%n Zustellung Byte für Byte, mit dem Weiterleitungs-Secret neu signiert, senden an:</numerusform>
            <numerusform>%n Zustellungen Byte für Byte, mit dem Weiterleitungs-Secret neu signiert, senden an:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Queued %n resends to %1.</source>
        <translation>
            <numerusform>%n erneute Sendung an %1 eingereiht.</numerusform>
            <numerusform>%n erneute Sendungen an %1 eingereiht.</numerusform>
        </translation>
    </message>
    <message>
        <source>Resend refused: %1</source>
        <translation>Erneutes Senden abgelehnt: %1</translation>
    </message>
</context>
<context>
    <name>peanuts::ResponseBanner</name>
    <message>
        <source>Custom responses are on</source>
        <translation>Eigene Antworten sind aktiv</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>Turn off</source>
        <translation>Ausschalten</translation>
    </message>
    <message>
        <source>Answer deliveries as usual again; the rules are kept for next time</source>
        <translation>Zustellungen wieder wie üblich beantworten; die Regeln bleiben für das nächste Mal erhalten</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Bearbeiten…</translation>
    </message>
    <message>
        <source>Edit custom responses</source>
        <translation>Eigene Antworten bearbeiten</translation>
    </message>
    <message>
        <source>Open the settings on the Responses page</source>
        <translation>Die Einstellungen auf der Seite „Antworten“ öffnen</translation>
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
<context>
    <name>peanuts::SendDialog</name>
    <message>
        <source>Send test delivery</source>
        <translation>Testzustellung senden</translation>
    </message>
    <message>
        <source>Fixture</source>
        <translation>Fixture</translation>
    </message>
    <message>
        <source>Fixture:</source>
        <translation>Fixture:</translation>
    </message>
    <message>
        <source>Entry id:</source>
        <translation>Eintrags-ID:</translation>
    </message>
    <message>
        <source>Data fields. A value that is valid JSON (99.99, true, [&quot;a&quot;], &quot;007&quot;) is sent as that JSON, exactly as typed; anything else as text. {{now+1d}} and {{date+7d}} are filled in when sent.</source>
        <translation>Datenfelder. Ein Wert, der gültiges JSON ist (99.99, true, [&quot;a&quot;], &quot;007&quot;), wird genau wie eingegeben als dieses JSON gesendet, alles andere als Text. {{now+1d}} und {{date+7d}} werden beim Senden ausgefüllt.</translation>
    </message>
    <message>
        <source>Data fields</source>
        <translation>Datenfelder</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Feld</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Add field</source>
        <translation>Feld hinzufügen</translation>
    </message>
    <message>
        <source>Remove field</source>
        <translation>Feld entfernen</translation>
    </message>
    <message>
        <source>Answer:</source>
        <translation>Antwort:</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Antwort</translation>
    </message>
    <message>
        <source>The receiver&apos;s answer shows here.</source>
        <translation>Die Antwort des Empfängers erscheint hier.</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <source>%1-… (a new one for each send)</source>
        <translation>%1-… (bei jedem Senden eine neue)</translation>
    </message>
    <message>
        <source>Row %1 has a value but no field name.</source>
        <translation>Zeile %1 hat einen Wert, aber keinen Feldnamen.</translation>
    </message>
    <message>
        <source>Not sent: %1</source>
        <translation>Nicht gesendet: %1</translation>
    </message>
    <message>
        <source>Not sent: no webhook secret is configured. Add one in Settings: the delivery is signed with it, as Peanuts signs real ones.</source>
        <translation>Nicht gesendet: Es ist kein Webhook-Secret konfiguriert. Fügen Sie eines in den Einstellungen hinzu: Die Zustellung wird damit signiert, so wie Peanuts echte Zustellungen signiert.</translation>
    </message>
    <message>
        <source>Sending entry %1…</source>
        <translation>Eintrag %1 wird gesendet…</translation>
    </message>
    <message>
        <source>Entry %1: HTTP %2 in %3 ms
%4

Sent:
%5</source>
        <translation>Eintrag %1: HTTP %2 in %3 ms
%4

Gesendet:
%5</translation>
    </message>
    <message>
        <source>Entry %1: no answer: %2</source>
        <translation>Eintrag %1: keine Antwort: %2</translation>
    </message>
</context>
<context>
    <name>peanuts::SettingsDialog</name>
    <message>
        <source>Peanuts Monitor Settings</source>
        <translation>Einstellungen von Peanuts Monitor</translation>
    </message>
    <message>
        <source>Receiver</source>
        <translation>Empfänger</translation>
    </message>
    <message>
        <source>Secrets</source>
        <translation>Secrets</translation>
    </message>
    <message>
        <source>API token</source>
        <translation>API-Token</translation>
    </message>
    <message>
        <source>Expenses</source>
        <translation>Ausgaben</translation>
    </message>
    <message>
        <source>Storage</source>
        <translation>Speicher</translation>
    </message>
    <message>
        <source>Actions</source>
        <translation>Aktionen</translation>
    </message>
    <message>
        <source>Responses</source>
        <translation>Antworten</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>Fenster</translation>
    </message>
    <message>
        <source>The receiver uses the new secrets, but they could not be saved: %1</source>
        <translation>Der Empfänger verwendet die neuen Secrets, sie konnten aber nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>The receiver is not running, so there is nothing to apply to.</source>
        <translation>Der Empfänger läuft nicht, daher kann nichts angewendet werden.</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Anzeigen</translation>
    </message>
    <message>
        <source>Show or hide this secret</source>
        <translation>Dieses Secret anzeigen oder verbergen</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>Verbergen</translation>
    </message>
    <message>
        <source>Secret row %1 needs both a label and a secret.</source>
        <translation>Secret-Zeile %1 braucht sowohl eine Bezeichnung als auch ein Secret.</translation>
    </message>
    <message>
        <source>Two secrets are labelled “%1”; each needs a label of its own.</source>
        <translation>Zwei Secrets haben die Bezeichnung „%1“; jedes braucht eine eigene Bezeichnung.</translation>
    </message>
    <message>
        <source>Kept in %1.</source>
        <translation>Aufbewahrt in %1.</translation>
    </message>
    <message>
        <source>not listening</source>
        <translation>lauscht nicht</translation>
    </message>
    <message>
        <source>Every delivery answered 200 survives an app crash and a power loss: the log is synced to disk before each answer (one sync per batch), which is slower.</source>
        <translation>Jede mit 200 beantwortete Zustellung übersteht einen Absturz der App und einen Stromausfall: Das Protokoll wird vor jeder Antwort auf die Festplatte synchronisiert (eine Synchronisierung pro Stapel), was langsamer ist.</translation>
    </message>
    <message>
        <source>Every delivery answered 200 survives an app crash. After a power loss or kernel crash the database stays consistent, but its last commits can be rolled back.</source>
        <translation>Jede mit 200 beantwortete Zustellung übersteht einen Absturz der App. Nach einem Stromausfall oder Kernel-Absturz bleibt die Datenbank konsistent, die zuletzt gespeicherten Transaktionen können aber zurückgerollt werden.</translation>
    </message>
    <message>
        <source>New token saved. This run uses PEANUTS_API_TOKEN from the environment, which wins over the saved token: the new one takes effect when the receiver starts without it.</source>
        <translation>Neues Token gespeichert. Dieser Lauf verwendet PEANUTS_API_TOKEN aus der Umgebung, das Vorrang vor dem gespeicherten Token hat: Das neue wird wirksam, wenn der Empfänger ohne diese Variable startet.</translation>
    </message>
    <message>
        <source>New token saved and in force: the old one is refused from now on.</source>
        <translation>Neues Token gespeichert und in Kraft: Das alte wird ab jetzt abgewiesen.</translation>
    </message>
    <message>
        <source>The receiver is not running; nothing was saved.</source>
        <translation>Der Empfänger läuft nicht; es wurde nichts gespeichert.</translation>
    </message>
    <message>
        <source>“%1” is not an IP address. Use 127.0.0.1 for this computer only, or 0.0.0.0 for every network.</source>
        <translation>„%1“ ist keine IP-Adresse. Verwenden Sie 127.0.0.1 nur für diesen Computer oder 0.0.0.0 für alle Netzwerke.</translation>
    </message>
    <message>
        <source>Cannot listen on port %1</source>
        <translation>Lauschen auf Port %1 nicht möglich</translation>
    </message>
    <message>
        <source>%1. Nothing was saved; the receiver is still listening on %2:%3.</source>
        <translation>%1. Es wurde nichts gespeichert; der Empfänger lauscht weiterhin auf %2:%3.</translation>
    </message>
    <message>
        <source>%1. Nothing was saved; listening again on %2:%3 failed too (%4): choose a free port and apply.</source>
        <translation>%1. Es wurde nichts gespeichert; auch das erneute Lauschen auf %2:%3 ist fehlgeschlagen (%4): Wählen Sie einen freien Port und wenden Sie ihn an.</translation>
    </message>
    <message>
        <source>Start at login was not changed: %1</source>
        <translation>„Bei Anmeldung starten“ wurde nicht geändert: %1</translation>
    </message>
    <message>
        <source>Compacting…</source>
        <translation>Wird komprimiert…</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>Listening:</source>
        <translation>Lauscht auf:</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>&amp;Port:</translation>
    </message>
    <message>
        <source>&amp;Listen on:</source>
        <translation>&amp;Lauschen auf:</translation>
    </message>
    <message>
        <source>127.0.0.1 (or ::1) accepts connections from this computer only, which is all ngrok needs; 0.0.0.0 accepts them from every network. Port and address apply at once.</source>
        <translation type="vanished">127.0.0.1 (oder ::1) nimmt nur Verbindungen von diesem Computer an, was für ngrok genügt; 0.0.0.0 nimmt sie aus allen Netzwerken an. Port und Adresse gelten sofort.</translation>
    </message>
    <message>
        <source>Unit of the largest body</source>
        <translation>Einheit der maximalen Inhaltsgröße</translation>
    </message>
    <message>
        <source>KiB</source>
        <translation>KiB</translation>
    </message>
    <message>
        <source>MiB</source>
        <translation>MiB</translation>
    </message>
    <message>
        <source>&amp;Body limit:</source>
        <translation>&amp;Inhaltslimit:</translation>
    </message>
    <message>
        <source>Larger deliveries get 413 at once, unread.</source>
        <translation>Größere Zustellungen erhalten sofort 413, ungelesen.</translation>
    </message>
    <message>
        <source>Any of these secrets verifies a delivery, so a secret can be rotated: add the new one, switch Peanuts over, then remove the old one. Changes apply at once. Secrets from PEANUTS_SECRET, --secret-file and the settings file are used too, but are not listed here.</source>
        <translation>Jedes dieser Secrets verifiziert eine Zustellung, sodass ein Secret rotiert werden kann: Fügen Sie das neue hinzu, stellen Sie Peanuts um und entfernen Sie dann das alte. Änderungen gelten sofort. Secrets aus PEANUTS_SECRET, --secret-file und der Einstellungsdatei werden ebenfalls verwendet, aber hier nicht aufgeführt.</translation>
    </message>
    <message>
        <source>Webhook secrets</source>
        <translation>Webhook-Secrets</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Bezeichnung</translation>
    </message>
    <message>
        <source>Secret</source>
        <translation>Secret</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Hinzufügen</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <source>&amp;Regenerate</source>
        <translation>&amp;Neu erzeugen</translation>
    </message>
    <message>
        <source>Bearer token:</source>
        <translation>Bearer-Token:</translation>
    </message>
    <message>
        <source>GET /api/stats and /api/dashboard need “Authorization: Bearer &lt;token&gt;”, since ngrok exposes the whole port. /healthz and the webhook need none.</source>
        <translation>GET /api/stats und /api/dashboard benötigen „Authorization: Bearer &lt;token&gt;“, da ngrok den ganzen Port freigibt. /healthz und der Webhook kommen ohne aus.</translation>
    </message>
    <message>
        <source>Regenerate saves a new token and puts it in force at once: the current one is refused from then on.</source>
        <translation>„Neu erzeugen“ speichert ein neues Token und setzt es sofort in Kraft: Das aktuelle wird ab dann abgewiesen.</translation>
    </message>
    <message>
        <source> This run uses PEANUTS_API_TOKEN from the environment, which wins over the saved token while it is set.</source>
        <translation> Dieser Lauf verwendet PEANUTS_API_TOKEN aus der Umgebung, das Vorrang vor dem gespeicherten Token hat, solange es gesetzt ist.</translation>
    </message>
    <message>
        <source>&amp;Helper commands:</source>
        <translation>&amp;Helferbefehle:</translation>
    </message>
    <message>
        <source>Comma-separated; entries of these helper commands count as expenses in the figures.</source>
        <translation>Durch Kommas getrennt; Einträge dieser Helferbefehle zählen in den Kennzahlen als Ausgaben.</translation>
    </message>
    <message>
        <source>System (%1)</source>
        <translation>System (%1)</translation>
    </message>
    <message>
        <source>&amp;Time zone:</source>
        <translation>&amp;Zeitzone:</translation>
    </message>
    <message>
        <source>Days and months of the figures begin at midnight in this zone.</source>
        <translation>Tage und Monate der Kennzahlen beginnen um Mitternacht in dieser Zeitzone.</translation>
    </message>
    <message>
        <source> This run uses %1 from --time-zone, which wins over this setting.</source>
        <translation> Dieser Lauf verwendet %1 aus --time-zone, was Vorrang vor dieser Einstellung hat.</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>Database file</source>
        <translation>Datenbankdatei</translation>
    </message>
    <message>
        <source>SQLite databases (*.db);;All files (*)</source>
        <translation>SQLite-Datenbanken (*.db);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>&amp;Database:</source>
        <translation>&amp;Datenbank:</translation>
    </message>
    <message>
        <source>One SQLite file per receiver. A new path starts an empty database there; the current file is left as it is.</source>
        <translation type="vanished">Eine SQLite-Datei pro Empfänger. Ein neuer Pfad legt dort eine leere Datenbank an; die aktuelle Datei bleibt unverändert.</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>Normal</translation>
    </message>
    <message>
        <source>Full</source>
        <translation>Vollständig</translation>
    </message>
    <message>
        <source>D&amp;urability:</source>
        <translation>Da&amp;uerhaftigkeit:</translation>
    </message>
    <message>
        <source>Closing the window keeps receiving in the tray</source>
        <translation>Beim Schließen des Fensters im Infobereich weiter empfangen</translation>
    </message>
    <message>
        <source>Desktop notifications for rejected deliveries and problems</source>
        <translation>Desktop-Benachrichtigungen bei abgelehnten Zustellungen und Problemen</translation>
    </message>
    <message>
        <source>Quit from the tray icon&apos;s menu to stop the receiver.</source>
        <translation>Um den Empfänger zu stoppen, beenden Sie die App über das Menü des Symbols im Infobereich.</translation>
    </message>
    <message>
        <source>Start at login</source>
        <translation>Bei Anmeldung starten</translation>
    </message>
    <message>
        <source>Starts Peanuts Monitor when you log in to this desktop, with an entry in %1.</source>
        <translation>Startet Peanuts Monitor, wenn Sie sich an diesem Desktop anmelden, über einen Eintrag in %1.</translation>
    </message>
    <message>
        <source>Disk usage</source>
        <translation>Speicherplatz</translation>
    </message>
    <message>
        <source>no age limit</source>
        <translation>keine Altersgrenze</translation>
    </message>
    <message>
        <source> days</source>
        <translation> Tage</translation>
    </message>
    <message>
        <source>&amp;Keep for:</source>
        <translation>Aufbewahren &amp;für:</translation>
    </message>
    <message>
        <source>no count limit</source>
        <translation>keine Höchstanzahl</translation>
    </message>
    <message>
        <source> deliveries</source>
        <translation> Zustellungen</translation>
    </message>
    <message>
        <source>Keep at &amp;most:</source>
        <translation>&amp;Höchstens behalten:</translation>
    </message>
    <message>
        <source>Older deliveries are deleted in the background, every minute. The current entries, the delivery each was applied from, and all counts and figures are kept whatever the limits. Applies at once.</source>
        <translation>Ältere Zustellungen werden jede Minute im Hintergrund gelöscht. Die aktuellen Einträge, die Zustellung, aus der jeder angewendet wurde, sowie alle Zähler und Kennzahlen bleiben unabhängig von den Grenzen erhalten. Gilt sofort.</translation>
    </message>
    <message>
        <source> This run was started with --keep-days or --keep-deliveries, which win over these settings at the next start.</source>
        <translation> Dieser Lauf wurde mit --keep-days oder --keep-deliveries gestartet, die beim nächsten Start Vorrang vor diesen Einstellungen haben.</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>keine Grenze</translation>
    </message>
    <message>
        <source> MB</source>
        <translation> MB</translation>
    </message>
    <message>
        <source>&amp;Largest size:</source>
        <translation>Maximale &amp;Größe:</translation>
    </message>
    <message>
        <source>When the file reaches it, deliveries are answered 503 (senders retry later) and the window says so, until old deliveries are deleted or the limit is raised. Applies at once.</source>
        <translation>Erreicht die Datei diese Größe, werden Zustellungen mit 503 beantwortet (Absender versuchen es später erneut), und das Fenster weist darauf hin, bis alte Zustellungen gelöscht werden oder die Grenze angehoben wird. Gilt sofort.</translation>
    </message>
    <message>
        <source>&amp;Compact now</source>
        <translation>Jetzt &amp;komprimieren</translation>
    </message>
    <message>
        <source>Database size:</source>
        <translation>Datenbankgröße:</translation>
    </message>
    <message>
        <source>Deleting frees room inside the file for new deliveries; compacting gives it back to the disk. Deliveries wait while it runs, which can take a while for a large file.</source>
        <translation>Löschen schafft in der Datei Platz für neue Zustellungen; Komprimieren gibt ihn an die Festplatte zurück. Zustellungen warten, solange es läuft, was bei einer großen Datei eine Weile dauern kann.</translation>
    </message>
    <message>
        <source>Compacted: %1 → %2</source>
        <translation>Komprimiert: %1 → %2</translation>
    </message>
    <message>
        <source>Compacting failed: %1</source>
        <translation>Komprimieren fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>127.0.0.1 (or ::1) accepts connections from this computer only, which is all ngrok needs; 0.0.0.0 accepts them from every network, and needs TLS below or plain HTTP allowed. Port and address apply at once.</source>
        <translation>127.0.0.1 (oder ::1) nimmt nur Verbindungen von diesem Computer an, und mehr braucht ngrok nicht; 0.0.0.0 nimmt sie aus jedem Netz an und braucht TLS (unten) oder erlaubtes unverschlüsseltes HTTP. Port und Adresse gelten sofort.</translation>
    </message>
    <message>
        <source>none: plain HTTP</source>
        <translation>keins: unverschlüsseltes HTTP</translation>
    </message>
    <message>
        <source>TLS &amp;certificate:</source>
        <translation>TLS-&amp;Zertifikat:</translation>
    </message>
    <message>
        <source>TLS certificate (PEM)</source>
        <translation>TLS-Zertifikat (PEM)</translation>
    </message>
    <message>
        <source>TLS &amp;key:</source>
        <translation>TLS-&amp;Schlüssel:</translation>
    </message>
    <message>
        <source>TLS private key (PEM)</source>
        <translation>Privater TLS-Schlüssel (PEM)</translation>
    </message>
    <message>
        <source>PEM files: the certificate (then its chain) and its private key, without a passphrase. With both, the receiver serves HTTPS only; they apply at once.</source>
        <translation>PEM-Dateien: das Zertifikat (danach seine Kette) und sein privater Schlüssel, ohne Passphrase. Mit beiden bietet der Empfänger nur HTTPS an; sie gelten sofort.</translation>
    </message>
    <message>
        <source>&amp;Allow plain HTTP beyond this computer</source>
        <translation>Unverschlüsseltes HTTP über diesen Computer hinaus &amp;erlauben</translation>
    </message>
    <message>
        <source>Only when something in front of the receiver, such as a proxy, encrypts the traffic: otherwise deliveries and the API token cross the network readable.</source>
        <translation>Nur wenn etwas vor dem Empfänger, etwa ein Proxy, den Verkehr verschlüsselt: sonst gehen Zustellungen und das API-Token lesbar durchs Netz.</translation>
    </message>
    <message>
        <source>PEM files (*.pem *.crt *.key);;All files (*)</source>
        <translation>PEM-Dateien (*.pem *.crt *.key);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>One SQLite file per receiver. A new path starts an empty database there; the current file is left as it is. A team database on PostgreSQL is a URL: postgresql://user@host:port/dbname (the password from ~/.pgpass or the keychain).</source>
        <translation>Eine SQLite-Datei je Empfänger. Ein neuer Pfad beginnt dort eine leere Datenbank; die bisherige Datei bleibt, wie sie ist. Eine Team-Datenbank auf PostgreSQL ist eine URL: postgresql://benutzer@host:port/datenbank (das Passwort aus ~/.pgpass oder dem Schlüsselbund).</translation>
    </message>
    <message>
        <source>Only &amp;watch the team database: receive nothing (a viewer)</source>
        <translation>Die Team-Datenbank nur &amp;beobachten: nichts empfangen (Betrachter)</translation>
    </message>
    <message>
        <source>Team:</source>
        <translation>Team:</translation>
    </message>
</context>
<context>
    <name>peanuts::ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Alt+underlined letter</source>
        <translation>Alt+unterstrichener Buchstabe</translation>
    </message>
    <message>
        <source>Go to the control a label names</source>
        <translation>Zu dem Bedienelement springen, das eine Beschriftung nennt</translation>
    </message>
    <message>
        <source>Select every delivery of the log</source>
        <translation>Alle Zustellungen des Protokolls auswählen</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Tasten</translation>
    </message>
    <message>
        <source>What they do</source>
        <translation>Funktion</translation>
    </message>
    <message>
        <source>The log&apos;s shortcuts (Delete, Compare) work while the log has the focus.</source>
        <translation>Die Tastenkürzel des Protokolls (Löschen, Vergleichen) funktionieren, solange das Protokoll den Fokus hat.</translation>
    </message>
</context>
<context>
    <name>peanuts::SignatureTab</name>
    <message>
        <source>no X-Peanuts-Signature header</source>
        <translation>kein Header X-Peanuts-Signature</translation>
    </message>
    <message>
        <source>an empty X-Peanuts-Signature header</source>
        <translation>ein leerer Header X-Peanuts-Signature</translation>
    </message>
    <message numerus="yes">
        <source>%Ln bytes</source>
        <translation>
            <numerusform>%Ln Byte</numerusform>
            <numerusform>%Ln Bytes</numerusform>
        </translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Empfangen</translation>
    </message>
    <message>
        <source>matched secret &apos;%1&apos;</source>
        <translation>passte zum Secret „%1“</translation>
    </message>
    <message>
        <source>matched no secret configured at the time</source>
        <translation>passte zu keinem damals konfigurierten Secret</translation>
    </message>
    <message>
        <source>not checked</source>
        <comment>the signature at receipt</comment>
        <translation>nicht geprüft</translation>
    </message>
    <message>
        <source>At receipt</source>
        <translation>Bei Empfang</translation>
    </message>
    <message>
        <source>Expected</source>
        <comment>the expected signature</comment>
        <translation>Erwartet</translation>
    </message>
    <message>
        <source>HMAC-SHA256 of the stored bytes under each secret configured now</source>
        <translation>HMAC-SHA256 der gespeicherten Bytes mit jedem derzeit konfigurierten Secret</translation>
    </message>
    <message>
        <source>The expected value cannot be recomputed: the body was redacted.</source>
        <translation>Der erwartete Wert kann nicht neu berechnet werden: Der Inhalt wurde geschwärzt.</translation>
    </message>
    <message numerus="yes">
        <source>The expected value cannot be recomputed: only the first %1 of %Ln bytes were stored (rejected deliveries keep at most 4 KiB), and the signature covers them all.</source>
        <translation>
            <numerusform>Der erwartete Wert kann nicht neu berechnet werden: Nur die ersten %1 von %Ln Byte wurden gespeichert (abgelehnte Zustellungen behalten höchstens 4 KiB), und die Signatur deckt sie alle ab.</numerusform>
            <numerusform>Der erwartete Wert kann nicht neu berechnet werden: Nur die ersten %1 von %Ln Bytes wurden gespeichert (abgelehnte Zustellungen behalten höchstens 4 KiB), und die Signatur deckt sie alle ab.</numerusform>
        </translation>
    </message>
    <message>
        <source>No secret is configured now, so there is nothing to compare with.</source>
        <translation>Derzeit ist kein Secret konfiguriert, daher gibt es nichts zum Vergleichen.</translation>
    </message>
    <message>
        <source>secret &apos;%1&apos;</source>
        <translation>Secret „%1“</translation>
    </message>
    <message>
        <source>equals the received value</source>
        <translation>entspricht dem empfangenen Wert</translation>
    </message>
    <message>
        <source>differs</source>
        <comment>from the received value</comment>
        <translation>weicht ab</translation>
    </message>
    <message>
        <source>Expected values are computed here, in the window, and shown only on this tab. Secrets are named by their label; their values are never shown.</source>
        <translation>Erwartete Werte werden hier im Fenster berechnet und nur auf diesem Tab angezeigt. Secrets werden mit ihrer Bezeichnung genannt; ihre Werte werden nie angezeigt.</translation>
    </message>
</context>
<context>
    <name>peanuts::StoreWorker</name>
    <message>
        <source>the database is not open</source>
        <translation>die Datenbank ist nicht geöffnet</translation>
    </message>
</context>
<context>
    <name>peanuts::TeamFeed</name>
    <message>
        <source>Cannot connect to the team database %1: %2</source>
        <translation>Keine Verbindung zur Team-Datenbank %1: %2</translation>
    </message>
    <message>
        <source>Cannot listen to the team database %1: %2</source>
        <translation>Die Team-Datenbank %1 kann nicht abgehört werden: %2</translation>
    </message>
    <message>
        <source>Lost the connection to the team database %1.</source>
        <translation>Die Verbindung zur Team-Datenbank %1 ist verloren.</translation>
    </message>
    <message>
        <source>Lost the connection to the team database %1: %2</source>
        <translation>Die Verbindung zur Team-Datenbank %1 ist verloren: %2</translation>
    </message>
    <message>
        <source>The server gave an unexpected snapshot: %1</source>
        <translation>Der Server lieferte einen unerwarteten Snapshot: %1</translation>
    </message>
</context>
<context>
    <name>peanuts::TrayIcon</name>
    <message>
        <source>Show window</source>
        <translation>Fenster anzeigen</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <source>the receiver is not running</source>
        <translation>der Empfänger läuft nicht</translation>
    </message>
    <message>
        <source>Failing: storage refuses deliveries (%1)</source>
        <translation>Fehler: Der Speicher weist Zustellungen ab (%1)</translation>
    </message>
    <message>
        <source>Failing: not listening for deliveries (%1)</source>
        <translation>Fehler: Es wird nicht auf Zustellungen gelauscht (%1)</translation>
    </message>
    <message>
        <source>Failing: rejected deliveries are spiking. %1</source>
        <translation>Fehler: Abgelehnte Zustellungen häufen sich. %1</translation>
    </message>
    <message>
        <source>Paused: the live view is frozen; deliveries are still received and stored.</source>
        <translation>Pausiert: Die Live-Ansicht ist eingefroren; Zustellungen werden weiterhin empfangen und gespeichert.</translation>
    </message>
    <message>
        <source>Listening on %1:%2</source>
        <translation>Lauscht auf %1:%2</translation>
    </message>
    <message>
        <source>Peanuts Monitor</source>
        <translation>Peanuts Monitor</translation>
    </message>
    <message>
        <source>the team database is out of reach; reconnecting</source>
        <translation>die Team-Datenbank ist nicht erreichbar; Verbindung wird wiederhergestellt</translation>
    </message>
</context>
<context>
    <name>peanuts::settingsform</name>
    <message>
        <source>the webhook secret from Peanuts</source>
        <translation>das Webhook-Secret aus Peanuts</translation>
    </message>
    <message>
        <source>takes effect after restart</source>
        <translation>wird nach einem Neustart wirksam</translation>
    </message>
</context>
</TS>
