<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>Autostart</name>
    <message>
        <source>nothing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot remove %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 already exists and starts %2 instead of Peanuts Monitor. Remove or rename it, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create the autostart folder: %1 is a file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create the autostart folder %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CustomResponses</name>
    <message>
        <source>%1 to every delivery</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 to %2% of deliveries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 to every %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 to %2% of %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, after %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom responses are on: %1. Deliveries are still stored and applied.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; then </source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DeliveryDiff</name>
    <message>
        <source>the left body was redacted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the right body was redacted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the left body was kept only in part (%1 of %2 bytes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the right body was kept only in part (%1 of %2 bytes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the left body is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the left body is not JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the right body is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the right body is not JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>compared line by line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; </source>
        <comment>between notes</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EntryHistory</name>
    <message>
        <source>body redacted: its data cannot be compared</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the same bytes as #%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no entry.data in this body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>first version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no change in data since #%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n changes since #%1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FailureWatch</name>
    <message>
        <source>Rejected deliveries are spiking</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n with a bad signature (401)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n malformed (400)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n too large (413)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unavailable (503)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n deliveries were rejected within a minute: %1.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>, </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A spike of 401s usually means the webhook secret was rotated on one side only: compare the secret in Peanuts with the one configured here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>503s mean no secret is configured here, or the database refuses writes.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportReader</name>
    <message>
        <source>received_at must be an ISO-8601 date-time with a zone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>method and path must be non-empty strings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>headers must be [name, value] pairs of strings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>outcome &quot;%1&quot; is not one this program records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>status must be an HTTP status code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>answer_ms must be a whole number of milliseconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>body_base64 is not base64</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the record has no body (body, body_base64, or redacted)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>body_size %1 does not match the body&apos;s %2 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>body_sha256 must be 64 hex digits for a redacted or truncated body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>body_sha256 does not match the body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an accepted delivery without its body needs event_at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>amount &quot;%1&quot; is not a decimal number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the entry has no &quot;_peanuts&quot; record: only HAR written by peanuts-monitor says what was decided for each delivery</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: not a JSON object (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>another value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: not JSON lines, and not a HAR file (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no log.entries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: entry %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 changed while it was imported: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>JsonProblem</name>
    <message>
        <source>line %1, column %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MockDelivery</name>
    <message>
        <source>fixture %1 is not a JSON object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the body is not a JSON object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not JSON: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>entry id</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Options</name>
    <message>
        <source>Delete deliveries older than N days; the current entries and the delivery each was applied from are always kept (default 0: keep everything).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep only the newest N deliveries, with the same exceptions (default 0: keep everything).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete rejected deliveries older than N days; they stay counted (default %1; 0: keep them as long as the other deliveries).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Peanuts Monitor receives signed Peanuts webhooks, verifies them, stores them in a local SQLite file and shows them live.

Secrets: PEANUTS_SECRET in the environment, --secret-file, or settings. API token: PEANUTS_API_TOKEN, or generated on first run and kept in settings.

peanuts-monitor send [options]: posts signed mock deliveries to a receiver (see send --help).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print the manual page (roff) and exit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run the receiver without a window.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the database and exit: SQLite&apos;s integrity check, and the entries rebuilt from the stored deliveries compared with those kept. Exit code 0 when both pass, 1 otherwise. Safe while a receiver runs on the same database.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port to listen on (default %1; 0 picks a free one).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address to listen on (default 127.0.0.1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SQLite database file (default %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings file (default %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File of label=secret lines; any of them verifies a delivery.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Largest body accepted, in bytes (default 1048576).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close idle keep-alive connections after S seconds (default 30).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close a connection whose request has not fully arrived within S seconds (default 10).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Most connections open at once (default 512).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refuse event timestamps more than S seconds ahead (default 300).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Most rejected deliveries stored per minute; all are counted (default 60).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>normal: survives an app crash (default); full: also survives a power loss, slower.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comma-separated helper commands counted as expenses (default /expenses).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IANA zone for days and months (default: the system zone, TZ honoured).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the port actually bound to FILE (useful with --port 0).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Largest size of the database in MB (1 MB = 1048576 bytes); when it is reached, deliveries get 503 with Retry-After until space is freed (default 0: no limit).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When the database file is not a usable database, rename it (and its -wal and -shm) to NAME.corrupt-TIME and start with a new one, instead of refusing to start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Headless: print one line per delivery on standard output (time, result, event, helper, entry, amount, status). On by default when standard output is a terminal and systemd does not run the receiver.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Headless: print no line per delivery, even on a terminal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Headless: stream each verified delivery&apos;s body as one line of JSON instead (implies --stream).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer verified deliveries with a custom response, to test a sender&apos;s retries; they are still stored and applied. SPEC is status=503,percent=30,delay=2000,event=entry.created,helper=/expenses,body=TEXT (all optional; body last). Repeat it: the first that matches a delivery decides. Refusals (400, 401, 413) are never changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try --help.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unexpected argument: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--respond %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--no-stream cannot be combined with %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--bind needs an IP address, not &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--durability must be normal or full, not &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--time-zone: unknown zone &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rules file (JSON, README &quot;Rules&quot;; default: rules.json beside the settings).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forward accepted deliveries, byte for byte and re-signed, to URL (your own handler). Repeatable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also forward these outcomes: comma-separated duplicate, stale, ignored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forward only these events (comma-separated, e.g. entry.created).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forward only these helpers (comma-separated commands or names).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File holding the secret forwards are signed with (else PEANUTS_FORWARD_SECRET, else the first receiving secret).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Post {&quot;text&quot;: ...} there for every rule that fires and every failure alert (Slack style). The command line is visible to every user: prefer PEANUTS_ALERT_URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Let alert and rule URLs reach private, loopback and link-local addresses.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attempts of an outgoing action before it becomes a dead letter (default %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wait before the second attempt, in ms, doubled for each after (default %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timeout of one outgoing attempt, in ms (default %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected deliveries in a minute that raise an alert (default %1; 0: none).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Minutes between checks of the date rules over the current entries (default %1).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Outcome</name>
    <message>
        <source>accepted</source>
        <translation type="unfinished">angenommen</translation>
    </message>
    <message>
        <source>duplicate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ignored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rejected: too large</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rejected: signature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rejected: invalid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unavailable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unavailable %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rejected %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2 simulated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation type="unfinished">%1 · %2</translation>
    </message>
    <message>
        <source>answered %1 (simulated failure)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>answered %1 (custom response)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accepted: matches secret &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accepted: matches secret &apos;%1&apos; (a duplicate: these bytes were already received)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accepted: matches secret &apos;%1&apos; (stale: older than the entry&apos;s state, so not applied)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accepted: matches secret &apos;%1&apos; (an unknown event type: stored, not applied)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No signature header: rejected %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signature valid (matches secret &apos;%1&apos;), but rejected %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected %1: %2 (before the signature was checked)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected %1: %2 (oversized bodies are refused before any signature check)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QCommandLineParser</name>
    <message>
        <source>Usage: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>[options]</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Reason</name>
    <message>
        <source>no webhook secret is configured on this receiver yet; retry later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>trailer fields after a chunked body are not supported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>malformed chunked body: chunk data is not followed by CRLF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>malformed chunked body: a line does not end in CRLF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>malformed chunked body: bad chunk size line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>request lines must end in CRLF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>malformed request line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>malformed header line: a field is a token, a colon and a value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>malformed header line: a control character in a value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invalid Content-Length</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>only Transfer-Encoding: chunked is supported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>only Expect: 100-continue is supported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>both Content-Length and Transfer-Encoding: chunked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WebSocket upgrades are not supported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>body is empty; it must be a JSON object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>body is not valid UTF-8</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>body is not a JSON object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>event must be a non-empty string, such as &quot;entry.created&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>timestamp must be an ISO-8601 date-time string with a zone, such as &quot;2026-11-26T10:00:00Z&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>helper must be an object with id, name and command</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>entry must be an object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>entry.id must be a non-empty string</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>signature matches secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>X-Peanuts-Signature header is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>X-Peanuts-Signature is not 64 lowercase hex digits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>signature matches no configured secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no secret is configured</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown signature verdict</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SendCommand</name>
    <message>
        <source>Show this help.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where to post (default: http://127.0.0.1:PORT/webhook, with the port and address in the settings, else %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The secret to sign with. Every user of this computer can read it in the process list: prefer --secret-file or PEANUTS_SECRET.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File of label=secret lines; the first one signs (default: PEANUTS_SECRET, else the settings&apos; first secret, else the first one the window stored).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The receiver&apos;s settings file (default %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>entry.created, entry.updated or entry.deleted (default: the fixture&apos;s; entry.created).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The helper&apos;s command (default: the fixture&apos;s; /expenses).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sets a field of entry.data; dotted for nested ones (meta.source=cli). Repeatable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The entry&apos;s id (default: the fixture&apos;s with a suffix of this run; with --count, -1, -2, ... follow).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send this file&apos;s bytes as the body, signed as they are.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The fixture to send (see --list).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List the fixtures and exit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send N deliveries, each an entry of its own, and print a summary.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With --count: R deliveries a second (default: as fast as answers come).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With --count: most requests in flight at once (default 32).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StoreWorker</name>
    <message>
        <source>The database is full (limit %1 MB): deliveries are answered 503 until space is freed or the limit is raised</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The disk is full: deliveries are answered 503 until space is freed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database file is read-only: deliveries are answered 503 until it can be written again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database file cannot be written (I/O error): deliveries are answered 503 until it works again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database is locked by another program: deliveries are answered 503 until it lets go</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deliveries cannot be stored (%1): deliveries are answered 503 until it works again</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UrlPolicy</name>
    <message>
        <source>alert URLs may not reach private, loopback, link-local or cloud-metadata addresses (%1); allow private addresses for alerts in the settings to use it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the URL is not valid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>only http and https URLs can be used; this one has no scheme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>only http and https URLs can be used; this one is %1:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the URL has no host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>URLs with a user name or password are not used; put a secret in the path instead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this one is %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is this machine</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>peanuts::ActionService</name>
    <message>
        <source>the receiver is not running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the outbox could not be written</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>peanuts::BytesView</name>
    <message>
        <source>Text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the body as UTF-8 text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hex</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show every byte: offset, 16 bytes in hex, and their ASCII</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%Ln bytes&lt;/b&gt; received · SHA-256 &lt;code&gt;%1&lt;/code&gt;</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Contains control characters a text view cannot show exactly: shown in hex.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not valid UTF-8: shown in hex.</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database file

%1

is not a usable database (%2).

Peanuts Monitor can move it aside (it is renamed to %3.corrupt-&lt;date-time&gt;, with its -wal and -shm files) and start with a new, empty database. Nothing is deleted: the old file stays next to the new one for recovery.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move aside and start fresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>peanuts::DBusNotifier</name>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event</source>
        <translation type="unfinished">Ereignis</translation>
    </message>
    <message>
        <source>Helper</source>
        <translation type="unfinished">Helfer</translation>
    </message>
    <message>
        <source>Entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>simulated %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>custom %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>retry of #%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n retries</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (redacted)</source>
        <comment>a body size</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <comment>a result and what was ignored</comment>
        <translation type="unfinished">%1: %2</translation>
    </message>
    <message>
        <source>%1: a custom response; the delivery was stored as shown</source>
        <translation type="unfinished">%1: eine eigene Antwort; die Zustellung wurde wie angezeigt gespeichert</translation>
    </message>
    <message>
        <source>Answered %1 in %2 ms</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redact body…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reprocess with rules…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resend to URL…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare the two selected…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>peanuts::DiffDialog</name>
    <message>
        <source>%1 changed, %2 added, %3 removed, %4 the same</source>
        <comment>counts of compared rows; a row is a header or a key</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Header</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare deliveries #%1 and #%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Left: #%1 …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Right: #%1 …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show unchanged rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Headers compared</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bodies compared</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Headers</source>
        <translation type="unfinished">Header</translation>
    </message>
    <message>
        <source>Body</source>
        <translation type="unfinished">Inhalt</translation>
    </message>
    <message>
        <source>The receiver is not running: the deliveries cannot be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading both deliveries…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deliveries #%1 and #%2 are no longer in the database.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivery #%1 is no longer in the database.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Left: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Right: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Headers: %1.  Body: %2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>peanuts::DiffModel</name>
    <message>
        <source>added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>removed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>same</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(the whole body)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Right</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>peanuts::EditResendDialog</name>
    <message>
        <source>Edit and resend delivery #%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Body to send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This receiver, signed with the first webhook secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A URL, signed with the forwarding secret:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The body, sent exactly as it stands here:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the URL to send to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not JSON: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Valid JSON.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing can sign it: set a forwarding secret or a webhook secret in Settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set a webhook secret first: the receiver checks the signature.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not sent to %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 answered %2 in %3 ms: %4</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>peanuts::HandlerTab</name>
    <message>
        <source>desktop notification</source>
        <translation type="unfinished">Desktop-Benachrichtigung</translation>
    </message>
    <message>
        <source>delivered</source>
        <comment>an action&apos;s state</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dead letter</source>
        <comment>an action&apos;s state</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>retrying</source>
        <comment>an action&apos;s state</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pending</source>
        <comment>an action&apos;s state</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer headers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was forwarded or sent for this delivery.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Handler answered %1 · %2 ms · %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answered %1 · %2 ms · %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No answer · %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notification shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting to be sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <comment>an action&apos;s kind (as the rules name it) and its target</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State: %1 · attempts: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next attempt: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rule: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text: %1</source>
        <comment>the rendered text of a notification or post</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer body (not UTF-8: hex)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 — the first %2 of %Ln bytes</source>
        <comment>an answer body&apos;s title, then how much of it is kept</comment>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>peanuts::HeadersTab</name>
    <message>
        <source>Name</source>
        <translation type="unfinished">Name</translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remote address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client (X-Forwarded-For)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>— (not through a local tunnel)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Headers as received (%1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>peanuts::HistoryTab</name>
    <message>
        <source>Received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event</source>
        <translation type="unfinished">Ereignis</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event time (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes in data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Double-click a version (or press Enter) to inspect that delivery</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entry history</source>
        <translation type="unfinished">Verlauf des Eintrags</translation>
    </message>
    <message>
        <source>This delivery names no entry, so it has no history.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The history of entry %1 could not be read: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entry history (%1)</source>
        <comment>the number of versions</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every stored delivery of entry %1, in the order received; each version is compared with the one before it. Double-click a version to inspect it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entry %1 has no accepted deliveries. A refused body&apos;s entry id is only what the body claims.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This delivery was refused, so it is not one of the versions of entry %1; these are. A refused body&apos;s entry id is only what the body claims.</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>array · %n items</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>string</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>boolean</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>null</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>peanuts::JsonTreeTab</name>
    <message>
        <source>Copy value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy key path</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>peanuts::LogService</name>
    <message>
        <source>cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>peanuts::MainWindow</name>
    <message>
        <source>Peanuts Monitor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deliveries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expenses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database accepts writes again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <comment>failure alert: title, then text</comment>
        <translation type="unfinished">%1: %2</translation>
    </message>
    <message>
        <source>Main</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause live view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Freeze the log while you read it. Deliveries are still received and stored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send test delivery</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Post a signed mock delivery, as in the Peanuts guide, to this receiver.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search the raw bodies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy webhook URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h1&gt;Waiting for your first delivery&lt;/h1&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Peanuts Monitor verifies, stores and shows every webhook Peanuts sends. Three steps:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listening on %1:%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;1. Set your webhook secret.&lt;/b&gt; &lt;span style=&apos;color:%1&apos;&gt;No secret yet: deliveries are answered 503 (Peanuts retries) until you add one.&lt;/span&gt; Open &lt;i&gt;Settings → Secrets&lt;/i&gt;, or start with &lt;code&gt;PEANUTS_SECRET=…&lt;/code&gt;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;1. Webhook secret&lt;/b&gt; ✓ verifying with %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;3. Paste the webhook URL into Peanuts:&lt;/b&gt; &lt;code&gt;%1&lt;/code&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ngrok: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;2. Tunnel&lt;/b&gt; ✓ ngrok forwards &lt;code&gt;%1&lt;/code&gt; here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:%3&apos;&gt;ngrok runs, but no tunnel points at port %1&lt;/span&gt; — run &lt;code&gt;%2&lt;/code&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;2. Expose it:&lt;/b&gt; ngrok is running but not for this port. Run &lt;code&gt;%1&lt;/code&gt;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No tunnel — run &lt;code&gt;%1&lt;/code&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;2. Expose it to the internet:&lt;/b&gt; run &lt;code&gt;%1&lt;/code&gt; in a terminal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n deliveries/min</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n rejected in the last hour</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Peanuts Monitor needs attention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No webhook secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set a webhook secret first: the test delivery is signed with it, like Peanuts signs real ones.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test delivery answered %1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test delivery failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume live view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Live view paused — deliveries are still received and stored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Live view resumed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Peanuts Monitor is still running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deliveries keep arriving. Quit from the tray icon.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON lines (*.jsonl)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HAR 1.2 (*.har)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV of the current entries (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export what the filter shows…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the deliveries the filter shows as JSON lines or HAR, or the current entries as CSV.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the selected deliveries…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import deliveries…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bring deliveries back from JSON lines or HAR exports, marked as imported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export deliveries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select deliveries in the log to export them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the selected deliveries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporting to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Exported %n entries to %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n deliveries to %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import deliveries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exports (*.jsonl *.har)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Importing %n files…</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported %n deliveries</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n already in the log</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n without the body (redacted here)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>, </source>
        <comment>between the parts of the import summary</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import failed: %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>peanuts::MaintenanceService</name>
    <message>
        <source>the receiver is not running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the receiver stopped during the import</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>peanuts::OutgoingChart</name>
    <message>
        <source>Outgoing actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outgoing actions per minute, last hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>delivered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>retrying</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing went out in the last hour — add a forward or a rule in Settings → Actions</source>
        <translation type="unfinished"></translation>
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
    <name>peanuts::PrettyTab</name>
    <message>
        <source>The body of this delivery was redacted: its bytes are no longer stored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The body is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not JSON (%1 at byte %2). The text below is the body as received; the Raw tab shows every byte.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>peanuts::ReprocessDialog</name>
    <message numerus="yes">
        <source>%Ln selected rows not loaded in the log are left out: scroll to them or narrow the filter to include them.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Run these actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reprocess with rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Evaluating the rules against %n deliveries…</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation type="unfinished">Zustellung</translation>
    </message>
    <message>
        <source>Entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rule</source>
        <translation type="unfinished">Regel</translation>
    </message>
    <message>
        <source>Text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Put the checked rules&apos; actions in the outbox: they are sent as if the deliveries had just come in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No loaded delivery is selected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The receiver is not running.</source>
        <translation type="unfinished">Der Empfänger läuft nicht.</translation>
    </message>
    <message>
        <source>No rule would fire for these deliveries.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n rule hits. Uncheck the ones to leave out, then run their actions.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Queueing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The actions could not be queued: the database refused them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n actions queued.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Resend: the receiver is not running.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resend: no loaded delivery is selected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resend to URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Post %n deliveries byte for byte, re-signed with the forwarding secret, to:</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Queued %n resends to %1.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Resend refused: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>peanuts::ResponseBanner</name>
    <message>
        <source>Custom responses are on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Turn off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer deliveries as usual again; the rules are kept for next time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit custom responses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the settings on the Responses page</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fixture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fixture:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entry id:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data fields. A value that is valid JSON (99.99, true, [&quot;a&quot;], &quot;007&quot;) is sent as that JSON, exactly as typed; anything else as text. {{now+1d}} and {{date+7d}} are filled in when sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data fields</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field</source>
        <translation type="unfinished">Feld</translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The receiver&apos;s answer shows here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1-… (a new one for each send)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row %1 has a value but no field name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not sent: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not sent: no webhook secret is configured. Add one in Settings: the delivery is signed with it, as Peanuts signs real ones.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending entry %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entry %1: HTTP %2 in %3 ms
%4

Sent:
%5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entry %1: no answer: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>peanuts::SettingsDialog</name>
    <message>
        <source>Peanuts Monitor Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Receiver</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secrets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expenses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Storage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Responses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The receiver uses the new secrets, but they could not be saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The receiver is not running, so there is nothing to apply to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show or hide this secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secret row %1 needs both a label and a secret.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Two secrets are labelled “%1”; each needs a label of its own.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kept in %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not listening</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every delivery answered 200 survives an app crash and a power loss: the log is synced to disk before each answer (one sync per batch), which is slower.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every delivery answered 200 survives an app crash. After a power loss or kernel crash the database stays consistent, but its last commits can be rolled back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New token saved. This run uses PEANUTS_API_TOKEN from the environment, which wins over the saved token: the new one takes effect when the receiver starts without it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New token saved and in force: the old one is refused from now on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The receiver is not running; nothing was saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not an IP address. Use 127.0.0.1 for this computer only, or 0.0.0.0 for every network.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot listen on port %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1. Nothing was saved; the receiver is still listening on %2:%3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1. Nothing was saved; listening again on %2:%3 failed too (%4): choose a free port and apply.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start at login was not changed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compacting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listening:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Listen on:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>127.0.0.1 (or ::1) accepts connections from this computer only, which is all ngrok needs; 0.0.0.0 accepts them from every network. Port and address apply at once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unit of the largest body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Body limit:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Larger deliveries get 413 at once, unread.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any of these secrets verifies a delivery, so a secret can be rotated: add the new one, switch Peanuts over, then remove the old one. Changes apply at once. Secrets from PEANUTS_SECRET, --secret-file and the settings file are used too, but are not listed here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Webhook secrets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation type="unfinished">&amp;Entfernen</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Regenerate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bearer token:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GET /api/stats and /api/dashboard need “Authorization: Bearer &lt;token&gt;”, since ngrok exposes the whole port. /healthz and the webhook need none.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regenerate saves a new token and puts it in force at once: the current one is refused from then on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> This run uses PEANUTS_API_TOKEN from the environment, which wins over the saved token while it is set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Helper commands:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comma-separated; entries of these helper commands count as expenses in the figures.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Time zone:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Days and months of the figures begin at midnight in this zone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> This run uses %1 from --time-zone, which wins over this setting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SQLite databases (*.db);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Database:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One SQLite file per receiver. A new path starts an empty database there; the current file is left as it is.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Normal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Full</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>D&amp;urability:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closing the window keeps receiving in the tray</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Desktop notifications for rejected deliveries and problems</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit from the tray icon&apos;s menu to stop the receiver.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start at login</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starts Peanuts Monitor when you log in to this desktop, with an entry in %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disk usage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no age limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keep for:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no count limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> deliveries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep at &amp;most:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Older deliveries are deleted in the background, every minute. The current entries, the delivery each was applied from, and all counts and figures are kept whatever the limits. Applies at once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> This run was started with --keep-days or --keep-deliveries, which win over these settings at the next start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> MB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Largest size:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When the file reaches it, deliveries are answered 503 (senders retry later) and the window says so, until old deliveries are deleted or the limit is raised. Applies at once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Compact now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database size:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleting frees room inside the file for new deliveries; compacting gives it back to the disk. Deliveries wait while it runs, which can take a while for a large file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compacted: %1 → %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compacting failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>peanuts::ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alt+underlined letter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to the control a label names</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select every delivery of the log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What they do</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The log&apos;s shortcuts (Delete, Compare) work while the log has the focus.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>peanuts::SignatureTab</name>
    <message>
        <source>no X-Peanuts-Signature header</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an empty X-Peanuts-Signature header</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln bytes</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>matched secret &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>matched no secret configured at the time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not checked</source>
        <comment>the signature at receipt</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At receipt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expected</source>
        <comment>the expected signature</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HMAC-SHA256 of the stored bytes under each secret configured now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The expected value cannot be recomputed: the body was redacted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The expected value cannot be recomputed: only the first %1 of %Ln bytes were stored (rejected deliveries keep at most 4 KiB), and the signature covers them all.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>No secret is configured now, so there is nothing to compare with.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>secret &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>equals the received value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>differs</source>
        <comment>from the received value</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expected values are computed here, in the window, and shown only on this tab. Secrets are named by their label; their values are never shown.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>peanuts::StoreWorker</name>
    <message>
        <source>the database is not open</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>peanuts::TrayIcon</name>
    <message>
        <source>Show window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the receiver is not running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failing: storage refuses deliveries (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failing: not listening for deliveries (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failing: rejected deliveries are spiking. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused: the live view is frozen; deliveries are still received and stored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listening on %1:%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Peanuts Monitor</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>peanuts::settingsform</name>
    <message>
        <source>the webhook secret from Peanuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>takes effect after restart</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
