// What outgoing URLs may be used for what: only http and https, and alert URLs only to public
// addresses unless allowed; and how URLs are shown in logs.
#include "pipeline/urlpolicy.h"

#include <QTest>

using peanuts::checkOutgoingUrl;
using peanuts::checkResolvedAddresses;
using peanuts::isNonPublicAddress;
using peanuts::redactedUrl;
using peanuts::UrlUse;

class TestUrlPolicy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void addresses_data()
    {
        QTest::addColumn<QString>("address");
        QTest::addColumn<bool>("nonPublic");
        const QList<QPair<const char *, bool>> rows = {
            {"10.0.0.1", true},
            {"10.255.255.255", true},
            {"172.16.0.1", true},
            {"172.31.255.1", true},
            {"172.32.0.1", false},
            {"192.168.1.1", true},
            {"127.0.0.1", true},
            {"127.9.9.9", true},
            {"169.254.1.1", true},
            {"169.254.169.254", true},
            {"100.64.0.1", true},
            {"100.127.255.255", true},
            {"100.128.0.1", false},
            {"0.0.0.0", true},
            {"0.1.2.3", true},
            {"224.0.0.1", true},
            {"239.255.255.250", true},
            {"255.255.255.255", true},
            {"8.8.8.8", false},
            {"1.1.1.1", false},
            {"93.184.216.34", false},
            {"::1", true},
            {"::", true},
            {"fe80::1", true},
            {"febf::1", true},
            {"fc00::1", true},
            {"fd12:3456::1", true},
            {"fd00:ec2::254", true},
            {"ff02::1", true},
            {"::ffff:10.0.0.1", true},
            {"::ffff:127.0.0.1", true},
            {"::ffff:169.254.169.254", true},
            {"::ffff:8.8.8.8", false},
            {"64:ff9b::a00:1", true},
            {"64:ff9b::808:808", false},
            {"2002:a00:1::", true},
            {"2002:808:808::", false},
            {"2001:4860:4860::8888", false},
            {"2606:4700::1111", false},
        };
        for (const auto &[address, nonPublic] : rows)
            QTest::newRow(address) << QString::fromLatin1(address) << nonPublic;
    }
    void addresses()
    {
        QFETCH(QString, address);
        QFETCH(bool, nonPublic);
        const QHostAddress parsed(address);
        QVERIFY(!parsed.isNull());
        QCOMPARE(isNonPublicAddress(parsed), nonPublic);
    }

    void urls_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<int>("use"); // 0 forward, 1 alert
        QTest::addColumn<bool>("allowPrivate");
        QTest::addColumn<QString>("refusal"); // a part of the sentence; empty: allowed
        const QString scheme = QStringLiteral("only http and https");
        const QString priv = QStringLiteral("may not reach private");
        QTest::newRow("https alert") << "https://hooks.slack.com/services/T0/B0/xyz" << 1 << false << QString();
        QTest::newRow("http forward loopback") << "http://127.0.0.1:3000/hook" << 0 << false << QString();
        QTest::newRow("forward localhost") << "http://localhost:3000/hook" << 0 << false << QString();
        QTest::newRow("forward private") << "http://10.0.0.5/hook" << 0 << false << QString();
        QTest::newRow("file") << "file:///etc/passwd" << 0 << false
                              << QStringLiteral("only http and https URLs can be used; this one is file:");
        QTest::newRow("file alert allowed private") << "file:///etc/passwd" << 1 << true << scheme;
        QTest::newRow("qrc") << "qrc:/secret" << 0 << false << scheme;
        QTest::newRow("data") << "data:text/plain,hello" << 0 << false << scheme;
        QTest::newRow("ftp") << "ftp://example.com/x" << 1 << false << scheme;
        QTest::newRow("javascript") << "javascript:alert(1)" << 1 << false << scheme;
        QTest::newRow("no scheme") << "example.com/hook" << 1 << false << QStringLiteral("no scheme");
        QTest::newRow("no host") << "http:///hook" << 1 << false << QStringLiteral("no host");
        QTest::newRow("user info") << "https://user:pw@example.com/" << 1 << false << QStringLiteral("user name");
        QTest::newRow("alert 10.0.0.1") << "http://10.0.0.1/hook" << 1 << false << priv;
        QTest::newRow("alert 10.0.0.1 allowed") << "http://10.0.0.1/hook" << 1 << true << QString();
        QTest::newRow("alert 127.0.0.1") << "http://127.0.0.1:8080/" << 1 << false << priv;
        QTest::newRow("alert metadata") << "http://169.254.169.254/latest/meta-data/" << 1 << false << priv;
        QTest::newRow("alert v6 metadata") << "http://[fd00:ec2::254]/" << 1 << false << priv;
        QTest::newRow("alert mapped") << "http://[::ffff:10.0.0.1]/" << 1 << false << priv;
        QTest::newRow("alert ::1") << "http://[::1]:9000/" << 1 << false << priv;
        QTest::newRow("alert localhost") << "http://localhost:8080/" << 1 << false << priv;
        QTest::newRow("alert LOCALHOST.") << "http://LOCALHOST./" << 1 << false << priv;
        QTest::newRow("alert sub.localhost") << "http://app.localhost/" << 1 << false << priv;
        QTest::newRow("alert localhost allowed") << "http://localhost:8080/" << 1 << true << QString();
        QTest::newRow("alert public literal") << "https://93.184.216.34/" << 1 << false << QString();
        QTest::newRow("alert decimal loopback") << "http://2130706433/" << 1 << false << priv;
    }
    void urls()
    {
        QFETCH(QString, url);
        QFETCH(int, use);
        QFETCH(bool, allowPrivate);
        QFETCH(QString, refusal);
        const QString why = checkOutgoingUrl(QUrl(url), use == 0 ? UrlUse::Forward : UrlUse::Alert, allowPrivate);
        if (refusal.isEmpty())
            QVERIFY2(why.isEmpty(), qPrintable(why));
        else
            QVERIFY2(why.contains(refusal), qPrintable(why));
    }

    void resolved()
    {
        const QList<QHostAddress> pub = {QHostAddress(QStringLiteral("93.184.216.34"))};
        const QList<QHostAddress> mixed
            = {QHostAddress(QStringLiteral("93.184.216.34")), QHostAddress(QStringLiteral("10.1.2.3"))};
        const QString host = QStringLiteral("hooks.example.com");
        QVERIFY(checkResolvedAddresses(host, pub, UrlUse::Alert, false).isEmpty());
        const QString why = checkResolvedAddresses(host, mixed, UrlUse::Alert, false);
        QVERIFY2(why.contains(QStringLiteral("resolves to 10.1.2.3")), qPrintable(why));
        QVERIFY(checkResolvedAddresses(host, mixed, UrlUse::Alert, true).isEmpty());
        QVERIFY(checkResolvedAddresses(host, mixed, UrlUse::Forward, false).isEmpty());
        QVERIFY(!checkResolvedAddresses(host, {}, UrlUse::Forward, false).isEmpty());
    }

    void redacted_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("shown");
        QTest::newRow("slack") << "https://hooks.slack.com/services/T0/B0/xyz"
                               << "https://hooks.slack.com/…";
        QTest::newRow("port") << "http://127.0.0.1:3000/hook?token=abc"
                              << "http://127.0.0.1:3000/…";
        QTest::newRow("bare") << "https://example.com"
                              << "https://example.com/";
        QTest::newRow("query only") << "https://example.com/?k=secret"
                                    << "https://example.com/…";
        QTest::newRow("user info dropped") << "https://user:pw@example.com/x"
                                           << "https://example.com/…";
        QTest::newRow("ipv6") << "http://[::1]:8080/x"
                              << "http://[::1]:8080/…";
        QTest::newRow("invalid") << ""
                                 << "…";
    }
    void redacted()
    {
        QFETCH(QString, url);
        QFETCH(QString, shown);
        QCOMPARE(redactedUrl(QUrl(url)), shown);
    }
};

QTEST_GUILESS_MAIN(TestUrlPolicy)
#include "tst_urlpolicy.moc"
