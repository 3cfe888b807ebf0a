// The inspector's logic in the core, without widgets: the ordered JSON tree, the printers, the version
// diff, the entry history, header lines, the replay command and the outcome texts.
#include "ingest/delivery.h"
#include "inspect/entryhistory.h"
#include "inspect/headerlines.h"
#include "inspect/replay.h"
#include "json/jsondiff.h"
#include "json/jsontext.h"
#include "json/jsontree.h"

#include <QCryptographicHash>
#include <QProcess>
#include <QTest>

using namespace peanuts;

namespace {

Delivery deliveryWith(qint64 id, const QByteArray &body, Outcome outcome = Outcome::Accepted)
{
    Delivery d;
    d.id = id;
    d.receivedMs = 1795687200000 + id;
    d.body = body;
    d.bodySize = body.size();
    d.bodySha256 = QCryptographicHash::hash(body, QCryptographicHash::Sha256);
    d.outcome = outcome;
    d.status = 200;
    d.method = "POST";
    d.path = "/webhook";
    return d;
}

QByteArray entryBody(const QByteArray &data)
{
    return "{\"event\":\"entry.updated\",\"entry\":{\"id\":\"e1\",\"data\":" + data + "}}";
}

} // namespace

class InspectCoreTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void treeKeepsOrderAndSpelling()
    {
        const JsonParse parsed = parseJsonTree("{\"z\":12.50,\"a\":[true,null,\"\\u00e9\\n\"],\"z\":1e2}");
        QVERIFY(parsed.tree);
        const JsonNode *top = parsed.tree->top.get();
        QCOMPARE(top->children.size(), size_t(3));
        QCOMPARE(top->children[0]->key, QStringLiteral("z"));
        QCOMPARE(top->children[0]->value, QStringLiteral("12.50")); // as written
        QCOMPARE(top->member(QStringLiteral("z"))->value, QStringLiteral("1e2")); // the last duplicate
        const JsonNode *a = top->member(QStringLiteral("a"));
        QCOMPARE(parsed.tree->bytesOf(a), QByteArrayView("[true,null,\"\\u00e9\\n\"]"));
        QCOMPARE(a->children[2]->value, QStringLiteral("é\n"));
        QCOMPARE(keyPathOf(a->children[2].get()), QStringLiteral("a[2]"));
        QCOMPARE(parsed.tree->nodeCount, 7); // the document itself too

        // Qt's parser takes numbers that start or end with a point, so the tree must too (fuzz_json).
        const JsonParse loose = parseJsonTree("{\"a\":.5,\"b\":-.25,\"c\":5.}");
        QVERIFY2(loose.tree, qPrintable(loose.error));
        QCOMPARE(loose.tree->top->member(QStringLiteral("a"))->value, QStringLiteral(".5"));
        QCOMPARE(loose.tree->top->member(QStringLiteral("b"))->kind, JsonNode::Kind::Number);
        QCOMPARE(loose.tree->top->member(QStringLiteral("c"))->value, QStringLiteral("5."));

        const JsonParse refused = parseJsonTree("{\"a\":1,}");
        QVERIFY(!refused.tree);
        QVERIFY(!refused.error.isEmpty());
        QVERIFY(refused.errorOffset > 0);
    }

    void printersMoveOnlyWhitespace()
    {
        const QByteArray json = "{ \"a\" :[1 , 2.0,{}], \"s\":\"x , y: {\\\"q\\\"}\" }";
        QCOMPARE(prettyJson(json),
            QByteArray("{\n  \"a\": [\n    1,\n    2.0,\n    {}\n  ],\n  \"s\": \"x , y: {\\\"q\\\"}\"\n}"));
        QCOMPARE(compactJson(json), QByteArray("{\"a\":[1,2.0,{}],\"s\":\"x , y: {\\\"q\\\"}\"}"));
        QCOMPARE(compactJson(prettyJson(json)), compactJson(json));
    }

    void diffMemberByMember()
    {
        const JsonParse before = parseJsonTree("{\"amount\":10,\"tags\":[\"a\"],\"gone\":1,\"same\":{\"x\":1}}");
        const JsonParse after = parseJsonTree("{\"amount\":12.50,\"same\":{ \"x\" : 1 },\"tags\":[\"a\",\"b\"],"
                                              "\"new-key\":null}");
        const QList<JsonChange> changes
            = diffJson(before.tree.get(), before.tree->top.get(), after.tree.get(), after.tree->top.get());
        QStringList lines;
        for (const JsonChange &change : changes)
            lines << describeChange(change);
        QCOMPARE(lines,
            QStringList({QStringLiteral("amount: 10 → 12.50"), QStringLiteral("tags: [\"a\"] → [\"a\",\"b\"]"),
                QStringLiteral("+ [\"new-key\"]: null"), QStringLiteral("− gone (was 1)")}));
        QVERIFY(
            diffJson(before.tree.get(), before.tree->top.get(), before.tree.get(), before.tree->top.get()).isEmpty());
        // Duplicates: only the last member counts, on both sides.
        const JsonParse dup = parseJsonTree("{\"a\":1,\"a\":2}");
        const JsonParse last = parseJsonTree("{\"a\":2}");
        QVERIFY(diffJson(dup.tree.get(), dup.tree->top.get(), last.tree.get(), last.tree->top.get()).isEmpty());
        // A whole value that differs has an empty path, which describeChange names.
        const QList<JsonChange> whole
            = diffJson(dup.tree.get(), dup.tree->top->children[0].get(), last.tree.get(), last.tree->top.get());
        QCOMPARE(whole.size(), 1);
        QCOMPARE(describeChange(whole[0]), QStringLiteral("data: 1 → {\"a\":2}"));
    }

    void entryHistoryComparesVersions()
    {
        Delivery redacted = deliveryWith(4, QByteArray());
        redacted.redacted = true;
        const QList<HistoryVersion> versions = entryHistoryVersions({
            deliveryWith(1, entryBody("{\"amount\":1}")),
            deliveryWith(2, entryBody("{\"amount\":1}")), // the same bytes
            deliveryWith(3, entryBody("{\"amount\":2,\"note\":\"x\"}"), Outcome::Stale),
            redacted,
            deliveryWith(5, "{\"event\":\"entry.deleted\",\"entry\":{\"id\":\"e1\"}}"),
            deliveryWith(6, entryBody("{ \"note\":\"x\",\"amount\":2 }")),
        });
        QCOMPARE(versions.size(), 6);
        QCOMPARE(versions[0].summary, QStringLiteral("first version"));
        QCOMPARE(versions[0].changes.size(), 1);
        QCOMPARE(describeChange(versions[0].changes[0]), QStringLiteral("+ amount: 1"));
        QCOMPARE(versions[1].summary, QStringLiteral("the same bytes as #1"));
        QCOMPARE(versions[2].summary, QStringLiteral("2 changes since #1"));
        QCOMPARE(versions[2].outcome, Outcome::Stale);
        QCOMPARE(versions[3].summary, QStringLiteral("body redacted: its data cannot be compared"));
        QCOMPARE(versions[4].summary, QStringLiteral("no entry.data in this body"));
        QCOMPARE(versions[5].summary, QStringLiteral("no change in data since #3"));
    }

    void headerLinesAsStored()
    {
        const QByteArray headers = "Host: example\nX-Peanuts-Signature:  abc \n: no name\nbroken line\n"
                                   "content-type: application/json\n";
        const auto lines = headerLines(headers);
        QCOMPARE(lines.size(), 3);
        QCOMPARE(lines[1], (QPair<QByteArray, QByteArray>("X-Peanuts-Signature", "abc")));
        QCOMPARE(headerValue(headers, "x-peanuts-signature"), std::optional<QByteArray>("abc"));
        QCOMPARE(headerValue(headers, "Content-Type"), std::optional<QByteArray>("application/json"));
        QVERIFY(!headerValue(headers, "missing"));
        QCOMPARE(headerText("caf\xc3\xa9"), QStringLiteral("café"));
        QCOMPARE(headerText("caf\xe9"), QStringLiteral("café")); // not UTF-8: one character a byte
    }

    void printfFormatGivesTheBytesBack()
    {
        QByteArray bytes = "-a %s \\n 'q' \"d\"\ttab\nline\r\x01\xff\xc3\xa9";
        bytes.append('\0');
        bytes.append("end");
        QProcess shell;
        shell.start(QStringLiteral("sh"), {QStringLiteral("-c"), QStringLiteral("printf ") + printfFormat(bytes)});
        QVERIFY(shell.waitForFinished(10000));
        QCOMPARE(shell.exitCode(), 0);
        QCOMPARE(shell.readAllStandardOutput(), bytes);
        QCOMPARE(shellQuote(QStringLiteral("it's")), QStringLiteral("'it'\\''s'"));
    }

    void replayOnlyExactBytes()
    {
        Delivery d = deliveryWith(7, "{\"a\":1}");
        d.headers = "Content-Type: application/json; charset=utf-8\n";
        const QString command = replayCommand(d, replayHost(QHostAddress::Any), 8787);
        QVERIFY(command.contains(QStringLiteral("'http://127.0.0.1:8787/webhook'")));
        QVERIFY(command.contains(QStringLiteral("'Content-Type: application/json; charset=utf-8'")));
        QVERIFY(command.contains(QStringLiteral("$PEANUTS_SECRET")));
        Delivery truncated = d;
        truncated.bodySize = d.body.size() + 1;
        QVERIFY(replayCommand(truncated, QStringLiteral("127.0.0.1"), 8787).isEmpty());
        Delivery redacted = d;
        redacted.redacted = true;
        QVERIFY(replayCommand(redacted, QStringLiteral("127.0.0.1"), 8787).isEmpty());

        QCOMPARE(replayHost(QHostAddress::LocalHost), QStringLiteral("127.0.0.1"));
        QCOMPARE(replayHost(QHostAddress::AnyIPv6), QStringLiteral("127.0.0.1"));
        QCOMPARE(replayHost(QHostAddress::LocalHostIPv6), QStringLiteral("[::1]"));
        QCOMPARE(replayHost(QHostAddress(QStringLiteral("192.168.1.5"))), QStringLiteral("192.168.1.5"));
        QCOMPARE(replayHost(QHostAddress(QStringLiteral("fe80::1"))), QStringLiteral("[fe80::1]"));
    }

    void outcomeTextsHaveOnePlace()
    {
        QCOMPARE(outcomeLabel(Outcome::Accepted, 200, QString()), QStringLiteral("accepted"));
        QCOMPARE(outcomeLabel(Outcome::Stale, 200, QStringLiteral("older")), QStringLiteral("stale"));
        QCOMPARE(outcomeLabel(Outcome::RejectedSignature, 401, QStringLiteral("bad signature")),
            QStringLiteral("rejected 401: bad signature"));
        QCOMPARE(outcomeLabel(Outcome::Unavailable, 503, QStringLiteral("no secret")),
            QStringLiteral("unavailable 503: no secret"));
        QCOMPARE(outcomeChip(Outcome::RejectedSize, 413), QStringLiteral("rejected: too large · 413"));
        QCOMPARE(outcomeTone(Outcome::Accepted), OutcomeTone::Good);
        QCOMPARE(outcomeTone(Outcome::Duplicate), OutcomeTone::Warning);
        QCOMPARE(outcomeTone(Outcome::Unavailable), OutcomeTone::Bad);

        Delivery d = deliveryWith(1, "{}");
        d.secretLabel = QStringLiteral("env");
        QCOMPARE(outcomeVerdict(d, true).text, QStringLiteral("Accepted: matches secret 'env'"));
        d.outcome = Outcome::RejectedShape;
        d.status = 400;
        d.reason = QStringLiteral("entry.id must be a string");
        const OutcomeVerdict shape = outcomeVerdict(d, true);
        QCOMPARE(shape.text,
            QStringLiteral("Signature valid (matches secret 'env'), but rejected 400: entry.id must be a string"));
        QCOMPARE(shape.tone, OutcomeTone::Warning);
        d.outcome = Outcome::RejectedSignature;
        d.status = 401;
        d.secretLabel.clear();
        QCOMPARE(outcomeVerdict(d, false).text, QStringLiteral("No signature header: rejected 401"));
        QCOMPARE(outcomeVerdict(d, false).tone, OutcomeTone::Bad);
    }
};

QTEST_GUILESS_MAIN(InspectCoreTest)
#include "tst_inspectcore.moc"
