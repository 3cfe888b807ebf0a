<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>EntryHistory</name>
    <message numerus="yes">
        <source>%n changes since #%1</source>
        <translation>
            <numerusform>%n change since #%1</numerusform>
            <numerusform>%n changes since #%1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FailureWatch</name>
    <message numerus="yes">
        <source>%n with a bad signature (401)</source>
        <translation>
            <numerusform>%n with a bad signature (401)</numerusform>
            <numerusform>%n with a bad signature (401)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n malformed (400)</source>
        <translation>
            <numerusform>%n malformed (400)</numerusform>
            <numerusform>%n malformed (400)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n too large (413)</source>
        <translation>
            <numerusform>%n too large (413)</numerusform>
            <numerusform>%n too large (413)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unavailable (503)</source>
        <translation>
            <numerusform>%n unavailable (503)</numerusform>
            <numerusform>%n unavailable (503)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n deliveries were rejected within a minute: %1.</source>
        <translation>
            <numerusform>%n delivery was rejected within a minute: %1.</numerusform>
            <numerusform>%n deliveries were rejected within a minute: %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PgConnection</name>
    <message numerus="yes">
        <source>The keychain did not answer within %n ms.</source>
        <translation>
            <numerusform>The keychain did not answer within %n ms.</numerusform>
            <numerusform>The keychain did not answer within %n ms.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>peanuts::BytesView</name>
    <message numerus="yes">
        <source>&lt;b&gt;%Ln bytes&lt;/b&gt; received · SHA-256 &lt;code&gt;%1&lt;/code&gt;</source>
        <translation>
            <numerusform>&lt;b&gt;%Ln byte&lt;/b&gt; received · SHA-256 &lt;code&gt;%1&lt;/code&gt;</numerusform>
            <numerusform>&lt;b&gt;%Ln bytes&lt;/b&gt; received · SHA-256 &lt;code&gt;%1&lt;/code&gt;</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>peanuts::ChartsPanel</name>
    <message numerus="yes">
        <source>%1: %2 in %Ln entries</source>
        <translation>
            <numerusform>%1: %2 in %Ln entry</numerusform>
            <numerusform>%1: %2 in %Ln entries</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>peanuts::DeadLetterButton</name>
    <message numerus="yes">
        <source>⚠ %n dead letters</source>
        <translation>
            <numerusform>⚠ %n dead letter</numerusform>
            <numerusform>⚠ %n dead letters</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n more are being retried.</source>
        <translation>
            <numerusform>%n more is being retried.</numerusform>
            <numerusform>%n more are being retried.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n were refused by the per-target limit of pending actions.</source>
        <translation>
            <numerusform>%n was refused by the per-target limit of pending actions.</numerusform>
            <numerusform>%n were refused by the per-target limit of pending actions.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>peanuts::DeadLetterView</name>
    <message numerus="yes">
        <source>%n queued again.</source>
        <translation>
            <numerusform>%n queued again.</numerusform>
            <numerusform>%n queued again.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n discarded.</source>
        <translation>
            <numerusform>%n discarded.</numerusform>
            <numerusform>%n discarded.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n dead letters.</source>
        <translation>
            <numerusform>%n dead letter.</numerusform>
            <numerusform>%n dead letters.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>peanuts::DeliveryLogModel</name>
    <message numerus="yes">
        <source>%n retries</source>
        <translation>
            <numerusform>%n retry</numerusform>
            <numerusform>%n retries</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>peanuts::DeliveryLogView</name>
    <message numerus="yes">
        <source>%Ln deliveries</source>
        <translation>
            <numerusform>%Ln delivery</numerusform>
            <numerusform>%Ln deliveries</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>peanuts::HandlerTab</name>
    <message numerus="yes">
        <source>%1 — the first %2 of %Ln bytes</source>
        <comment>an answer body&apos;s title, then how much of it is kept</comment>
        <translation>
            <numerusform>%1 — the first %2 of %Ln byte</numerusform>
            <numerusform>%1 — the first %2 of %Ln bytes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>peanuts::Inspector</name>
    <message numerus="yes">
        <source>%n attempts: %1</source>
        <translation>
            <numerusform>%n attempt: %1</numerusform>
            <numerusform>%n attempts: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>peanuts::JsonTreeModel</name>
    <message numerus="yes">
        <source>object · %n keys</source>
        <translation>
            <numerusform>object · %n key</numerusform>
            <numerusform>object · %n keys</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>array · %n items</source>
        <translation>
            <numerusform>array · %n item</numerusform>
            <numerusform>array · %n items</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>peanuts::MainWindow</name>
    <message numerus="yes">
        <source>%n deliveries/min</source>
        <translation>
            <numerusform>%n delivery/min</numerusform>
            <numerusform>%n deliveries/min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n rejected in the last hour</source>
        <translation>
            <numerusform>%n rejected in the last hour</numerusform>
            <numerusform>%n rejected in the last hour</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n entries to %1</source>
        <translation>
            <numerusform>Exported %n entry to %1</numerusform>
            <numerusform>Exported %n entries to %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n deliveries to %1</source>
        <translation>
            <numerusform>Exported %n delivery to %1</numerusform>
            <numerusform>Exported %n deliveries to %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Importing %n files…</source>
        <translation>
            <numerusform>Importing %n file…</numerusform>
            <numerusform>Importing %n files…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported %n deliveries</source>
        <translation>
            <numerusform>Imported %n delivery</numerusform>
            <numerusform>Imported %n deliveries</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n already in the log</source>
        <translation>
            <numerusform>%n already in the log</numerusform>
            <numerusform>%n already in the log</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n without the body (redacted here)</source>
        <translation>
            <numerusform>%n without the body (redacted here)</numerusform>
            <numerusform>%n without the body (redacted here)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>peanuts::ReprocessDialog</name>
    <message numerus="yes">
        <source>%Ln selected rows not loaded in the log are left out: scroll to them or narrow the filter to include them.</source>
        <translation>
            <numerusform>%Ln selected row not loaded in the log is left out: scroll to it or narrow the filter to include it.</numerusform>
            <numerusform>%Ln selected rows not loaded in the log are left out: scroll to them or narrow the filter to include them.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Evaluating the rules against %n deliveries…</source>
        <translation>
            <numerusform>Evaluating the rules against %n delivery…</numerusform>
            <numerusform>Evaluating the rules against %n deliveries…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n rule hits. Uncheck the ones to leave out, then run their actions.</source>
        <translation>
            <numerusform>%n rule hit. Uncheck it to leave it out, then run its action.</numerusform>
            <numerusform>%n rule hits. Uncheck the ones to leave out, then run their actions.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n actions queued.</source>
        <translation>
            <numerusform>%n action queued.</numerusform>
            <numerusform>%n actions queued.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Post %n deliveries byte for byte, re-signed with the forwarding secret, to:</source>
        <translation>
            <numerusform>Post %n delivery byte for byte, re-signed with the forwarding secret, to:</numerusform>
            <numerusform>Post %n deliveries byte for byte, re-signed with the forwarding secret, to:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Queued %n resends to %1.</source>
        <translation>
            <numerusform>Queued %n resend to %1.</numerusform>
            <numerusform>Queued %n resends to %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>peanuts::SignatureTab</name>
    <message numerus="yes">
        <source>%Ln bytes</source>
        <translation>
            <numerusform>%Ln byte</numerusform>
            <numerusform>%Ln bytes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The expected value cannot be recomputed: only the first %1 of %Ln bytes were stored (rejected deliveries keep at most 4 KiB), and the signature covers them all.</source>
        <translation>
            <numerusform>The expected value cannot be recomputed: only the first %1 of %Ln byte was stored (rejected deliveries keep at most 4 KiB), and the signature covers it.</numerusform>
            <numerusform>The expected value cannot be recomputed: only the first %1 of %Ln bytes were stored (rejected deliveries keep at most 4 KiB), and the signature covers them all.</numerusform>
        </translation>
    </message>
</context>
</TS>
