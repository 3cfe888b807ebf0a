// The translation path end to end: the German catalogue the build compiled, installed by the app's own
// loader (app/platform/translations.h), shows in real widgets; Qt's own catalogue comes with it; the C
// locale and English load only the English plural forms; the install's share folder wins over the folder beside the
// binary; the binary's --help follows LANGUAGE while --help-man stays English.
#include "chartspanel.h"
#include "deliverylogmodel.h"
#include "deliverylogview.h"
#include "inspector.h"
#include "inspector/handlertab.h"
#include "inspector/headerstab.h"
#include "inspector/historytab.h"
#include "inspector/prettytab.h"
#include "inspector/signaturetab.h"
#include "inspector/tabsupport.h"
#include "inspector/treetab.h"
#include "markingtranslator.h"
#include "monitorprocess.h"
#include "platform/translations.h"
#include "receivercore.h"
#include "services/inspection.h"
#include "testsupport.h"

#include <QAction>
#include <QChart>
#include <QChartView>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QLibraryInfo>
#include <QListWidget>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextDocument>
#include <QTreeWidget>

using namespace testsupport;

namespace {

// Where the build put the compiled catalogues (translations/CMakeLists.txt): beside the binary.
const QString kBuiltDir = QStringLiteral(PEANUTS_QM_DIR);

QStringList tabTexts(const QWidget &widget)
{
    QStringList texts;
    const QTabWidget *tabs = widget.findChild<QTabWidget *>();
    for (int i = 0; tabs && i < tabs->count(); ++i)
        texts.append(tabs->tabText(i));
    return texts;
}

QStringList labelTexts(const QWidget &widget)
{
    QStringList texts;
    for (const QLabel *label : widget.findChildren<QLabel *>())
        texts.append(label->text());
    return texts;
}

QStringList chartTitles(const QWidget &widget)
{
    QStringList titles;
    for (const QChartView *view : widget.findChildren<QChartView *>())
        titles.append(view->chart()->title());
    return titles;
}

// Texts with a word in them that did not go through the translator, leaving out the data shown as it is.
QStringList unmarked(const QStringList &texts, const QStringList &data)
{
    static const QRegularExpression word(QStringLiteral("[A-Za-z]{2}"));
    QStringList left;
    for (const QString &text : texts) {
        const QString trimmed = text.trimmed();
        if (!trimmed.contains(MarkingTranslator::kMark) && trimmed.contains(word) && !data.contains(trimmed))
            left.append(trimmed);
    }
    return left;
}

QStringList lines(const QString &text)
{
    return text.split(u'\n');
}

QStringList widgetTexts(const QWidget &widget)
{
    QStringList texts = labelTexts(widget);
    for (const QAction *action : widget.actions())
        texts.append(action->text());
    if (const auto *list = widget.findChild<QListWidget *>()) {
        for (int i = 0; i < list->count(); ++i)
            texts.append(list->item(i)->text());
    }
    return texts;
}

QString runBinary(const QStringList &arguments, const QString &language, const QString &home)
{
    QProcess process;
    QProcessEnvironment env = isolatedEnvironment(home);
    env.remove(QStringLiteral("LC_ALL"));
    env.remove(QStringLiteral("LC_MESSAGES"));
    env.insert(QStringLiteral("LANGUAGE"), language);
    process.setProcessEnvironment(env);
    process.start(binary(), arguments);
    if (!process.waitForFinished(30000))
        return QStringLiteral("(did not finish)");
    return QString::fromUtf8(process.readAllStandardOutput() + process.readAllStandardError());
}

} // namespace

class TestTranslations : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    peanuts::ReceiverCore m_core;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(QFile::exists(kBuiltDir + QStringLiteral("/peanuts-monitor_de.qm")), qPrintable(kBuiltDir));
        QString error;
        QVERIFY2(m_core.start(testOptions(m_dir.path()), &error), qPrintable(error));
    }

    void cleanup() { peanuts::installTranslations(QLocale::c(), {kBuiltDir}); }

    // The most specific name first, down to the language alone; Qt also lists the script ("de_Latn_DE").
    void candidates_data()
    {
        QTest::addColumn<QString>("locale");
        QTest::addColumn<QString>("territorial");
        QTest::addColumn<QString>("language");
        QTest::addRow("de_DE") << "de_DE"
                               << "de_DE"
                               << "de";
        QTest::addRow("de_AT") << "de_AT"
                               << "de_AT"
                               << "de";
        QTest::addRow("fr_CA") << "fr_CA"
                               << "fr_CA"
                               << "fr";
        QTest::addRow("C") << "C" << QString() << QString();
        QTest::addRow("en_US") << "en_US" << QString() << QString();
    }

    void candidates()
    {
        QFETCH(QString, locale);
        QFETCH(QString, territorial);
        QFETCH(QString, language);
        const QStringList candidates = peanuts::translationCandidates(QLocale(locale));
        if (language.isEmpty()) {
            QCOMPARE(candidates, QStringList());
            return;
        }
        QVERIFY2(candidates.contains(territorial), qPrintable(candidates.join(u' ')));
        QCOMPARE(candidates.constLast(), language);
        QVERIFY(candidates.indexOf(territorial) < candidates.indexOf(language));
        QCOMPARE(QStringList(candidates).removeDuplicates(), 0);
    }

    // The install's share folder, then beside the binary.
    void directories()
    {
        QCOMPARE(peanuts::translationDirectories(QStringLiteral("/opt/pm/bin")),
            (QStringList {QStringLiteral("/opt/pm/share/peanuts-monitor/translations"),
                QStringLiteral("/opt/pm/bin/translations")}));
    }

    void shareFolderFirst()
    {
        QTemporaryDir root;
        const QString share = root.filePath(QStringLiteral("share/peanuts-monitor/translations"));
        const QString beside = root.filePath(QStringLiteral("bin/translations"));
        QVERIFY(QDir().mkpath(share) && QDir().mkpath(beside));
        const QString built = kBuiltDir + QStringLiteral("/peanuts-monitor_de.qm");
        QVERIFY(QFile::copy(built, share + QStringLiteral("/peanuts-monitor_de.qm")));
        QVERIFY(QFile::copy(built, beside + QStringLiteral("/peanuts-monitor_de.qm")));
        const QStringList dirs = peanuts::translationDirectories(root.filePath(QStringLiteral("bin")));

        QStringList loaded = peanuts::installTranslations(QLocale(QStringLiteral("de_DE")), dirs);
        QVERIFY(!loaded.isEmpty());
        QCOMPARE(loaded.constFirst(), share + QStringLiteral("/peanuts-monitor_de.qm"));

        // A catalogue for Austrian German comes with Qt's German one.
        QVERIFY(QFile::copy(built, share + QStringLiteral("/peanuts-monitor_de_AT.qm")));
        loaded = peanuts::installTranslations(QLocale(QStringLiteral("de_AT")), dirs);
        QCOMPARE(loaded.size(), 2);
        QCOMPARE(loaded.constFirst(), share + QStringLiteral("/peanuts-monitor_de_AT.qm"));
        QVERIFY(loaded.constLast().endsWith(QStringLiteral("/qtbase_de.qm")));

        QVERIFY(QFile::remove(share + QStringLiteral("/peanuts-monitor_de.qm")));
        loaded = peanuts::installTranslations(QLocale(QStringLiteral("de_DE")), dirs);
        QVERIFY(!loaded.isEmpty());
        QCOMPARE(loaded.constFirst(), beside + QStringLiteral("/peanuts-monitor_de.qm"));
    }

    // Qt's catalogue is declared (installer/deps.sh: qt6-translations-l10n), so its absence fails here
    // rather than skipping: a machine set up by deps.sh has it, and without it standard buttons would
    // stay English beside German text.
    void germanWindow()
    {
        const QStringList loaded = peanuts::installTranslations(QLocale(QStringLiteral("de_DE")), {kBuiltDir});
        QCOMPARE(loaded.size(), 2);
        QCOMPARE(loaded.at(0), kBuiltDir + QStringLiteral("/peanuts-monitor_de.qm"));
        QVERIFY2(loaded.at(1).endsWith(QStringLiteral("/qtbase_de.qm")),
            qPrintable(QStringLiteral("Qt's German catalogue is missing from %1 (qt6-translations-l10n)")
                           .arg(QLibraryInfo::path(QLibraryInfo::TranslationsPath))));

        peanuts::Inspector inspector(&m_core);
        QVERIFY2(tabTexts(inspector).contains(QStringLiteral("Formatiertes JSON")),
            qPrintable(tabTexts(inspector).join(u'|')));
        QVERIFY(tabTexts(inspector).contains(QStringLiteral("Signatur")));

        peanuts::DeliveryLogView log(&m_core);
        QVERIFY2(labelTexts(log).contains(QStringLiteral("&Ereignis")), qPrintable(labelTexts(log).join(u'|')));

        peanuts::ChartsPanel charts(&m_core);
        QVERIFY2(labelTexts(charts).contains(QStringLiteral("Summe diesen Monat")),
            qPrintable(labelTexts(charts).join(u'|')));
        QVERIFY2(chartTitles(charts).contains(QStringLiteral("Tagessummen, letzte 30 Tage")),
            qPrintable(chartTitles(charts).join(u'|')));

        // Qt's own strings, from qtbase_de.
        QDialogButtonBox buttons(QDialogButtonBox::Cancel);
        QCOMPARE(buttons.button(QDialogButtonBox::Cancel)->text(), QStringLiteral("Abbrechen"));
    }

    // The C locale, English (the sources' language) and a language not shipped load only the English
    // plural forms: what is built then is English, with "1 retry" where %n alone would say "1 retries".
    void englishLoadsOnlyItsPluralForms()
    {
        const QStringList englishOnly {kBuiltDir + QStringLiteral("/peanuts-monitor_en.qm")};
        QVERIFY(!peanuts::installTranslations(QLocale(QStringLiteral("de_DE")), {kBuiltDir}).isEmpty());
        QCOMPARE(peanuts::installTranslations(QLocale::c(), {kBuiltDir}), englishOnly);
        QCOMPARE(peanuts::installTranslations(QLocale(QStringLiteral("fr_FR")), {kBuiltDir}), englishOnly);
        QCOMPARE(peanuts::installTranslations(QLocale(QStringLiteral("en_GB")), {kBuiltDir}), englishOnly);
        peanuts::Inspector inspector(&m_core);
        QVERIFY(tabTexts(inspector).contains(QStringLiteral("Pretty JSON")));
        QDialogButtonBox buttons(QDialogButtonBox::Cancel);
        QCOMPARE(buttons.button(QDialogButtonBox::Cancel)->text(), QStringLiteral("Cancel"));
        QCOMPARE(peanuts::DeliveryLogModel::tr("%n retries", nullptr, 1), QStringLiteral("1 retry"));
        QCOMPARE(peanuts::DeliveryLogModel::tr("%n retries", nullptr, 2), QStringLiteral("2 retries"));
    }

    // Every text of the inspector's tabs goes through tr(): under a translator that marks what it
    // translates, nothing with a word in it is left unmarked but the delivery's own data.
    void inspectorTabsTranslated()
    {
        using namespace peanuts;
        MarkingTranslator marking;
        const qint64 now = QDateTime::currentMSecsSinceEpoch();

        HandlerTab handler;
        QVERIFY(handler.statusText().startsWith(MarkingTranslator::kMark)); // nothing sent yet
        auto action = [](qint64 id, ActionKind kind, ActionState state, const QString &target) {
            OutboxAction a;
            a.id = id;
            a.kind = kind;
            a.state = state;
            a.target = target;
            a.attempts = state == ActionState::Done ? 0 : 1;
            return a;
        };
        OutboxAction forward
            = action(1, ActionKind::Forward, ActionState::Done, QStringLiteral("http://127.0.0.1:3000/hook"));
        forward.idempotencyKey = "key-1";
        forward.answer = {201, "x-handler: yes\n", "handled ok", 100000, now, 42};
        OutboxAction post
            = action(2, ActionKind::Post, ActionState::Pending, QStringLiteral("https://alerts.example/hook"));
        post.nextAttemptMs = now + 60000;
        post.lastError = QStringLiteral("connection refused");
        post.ruleId = QStringLiteral("big-orders");
        post.payload = "order e-1";
        const OutboxAction notify = action(3, ActionKind::Notify, ActionState::Done, QString());
        OutboxAction dead = forward;
        dead.id = 4;
        dead.state = ActionState::Dead;
        dead.answer = {0, {}, QByteArray("\xff\xfe", 2), 2, now, 5};
        const QStringList handlerData {
            QStringLiteral("Idempotency-Key: key-1"), QStringLiteral("x-handler: yes"), QStringLiteral("handled ok")};
        for (const auto &actions : {QList<OutboxAction> {forward, post, notify, dead}, QList<OutboxAction> {post},
                 QList<OutboxAction> {notify}, QList<OutboxAction> {dead}}) {
            handler.showActions(actions);
            for (int i = 0; i < handler.actionCount(); ++i) {
                handler.list()->setCurrentRow(i);
                const QStringList texts
                    = widgetTexts(handler) + lines(handler.statusText()) + lines(handler.detailsText());
                QVERIFY2(unmarked(texts, handlerData).isEmpty(), qPrintable(unmarked(texts, handlerData).join(u'|')));
            }
        }
        QVERIFY(marking.askedFor(
            QStringLiteral("peanuts::HandlerTab"), QStringLiteral("%1 — the first %2 of %Ln bytes"), 100000));

        Delivery d;
        d.receivedMs = now;
        d.method = "POST";
        d.path = "/hook";
        d.remoteAddress = QStringLiteral("127.0.0.1");
        d.headers = "content-type: application/json\nx-peanuts-signature: abc\n";
        d.body = "{";
        d.bodySize = 10000;
        d.outcome = Outcome::RejectedSignature;
        d.status = 401;
        HeadersTab headers;
        headers.showDelivery(d);
        QStringList headerTexts = widgetTexts(headers);
        for (int column = 0; column < headers.columnCount(); ++column)
            headerTexts.append(headers.horizontalHeaderItem(column)->text());
        for (int row = 0; row < headers.rowCount(); ++row) {
            for (int column = 0; column < headers.columnCount(); ++column)
                headerTexts.append(headers.item(row, column) ? headers.item(row, column)->text() : QString());
        }
        const QStringList requestData {QStringLiteral("POST"), QStringLiteral("/hook"), QStringLiteral("content-type"),
            QStringLiteral("application/json"), QStringLiteral("x-peanuts-signature"), QStringLiteral("abc"),
            QStringLiteral("%1  (%2)").arg(localTime(now), utcTime(now))};
        QVERIFY2(
            unmarked(headerTexts, requestData).isEmpty(), qPrintable(unmarked(headerTexts, requestData).join(u'|')));

        // The signature tab: a header that matches nothing, then none, a truncated body, a redacted one, no secret.
        Inspection loaded;
        loaded.delivery = d;
        loaded.bodyWhole = true;
        loaded.expected = {{QStringLiteral("main"), QByteArray("deadbeef")}};
        loaded.delivery->headers = "x-peanuts-signature: " + QByteArray(300, 'a') + '\n'; // shown cut, with its size
        SignatureTab signature;
        const QStringList signatureData {QStringLiteral("deadbeef")};
        auto signatureLines = [&] {
            QTextDocument document;
            document.setHtml(signature.findChild<QLabel *>()->text());
            return lines(document.toPlainText());
        };
        for (int variant = 0; variant < 4; ++variant) {
            if (variant > 0) {
                loaded.delivery->headers = "content-type: application/json\n";
                loaded.delivery->redacted = variant == 2;
                loaded.bodyWhole = variant == 3;
                loaded.expected.clear();
            }
            if (variant == 3) {
                loaded.delivery->outcome = Outcome::Accepted;
                loaded.delivery->secretLabel = QStringLiteral("main");
            }
            signature.show(loaded);
            QVERIFY2(unmarked(signatureLines(), signatureData).isEmpty(),
                qPrintable(unmarked(signatureLines(), signatureData).join(u'|')));
        }
        QVERIFY(marking.askedFor(QStringLiteral("peanuts::SignatureTab"),
            QStringLiteral("The expected value cannot be recomputed: only the first %1 of %Ln bytes were stored "
                           "(rejected deliveries keep at most 4 KiB), and the signature covers them all."),
            10000));

        // The history tab: no entry, an unreadable history, a refused delivery beside its entry's versions.
        HistoryTab history;
        QSignalSpy titles(&history, &HistoryTab::titleChanged);
        HistoryVersion version;
        version.id = 7;
        version.event = QStringLiteral("entry.updated");
        version.summary = QStringLiteral("first");
        for (int variant = 0; variant < 4; ++variant) {
            loaded.entryId = variant == 0 ? QString() : QStringLiteral("e-1");
            loaded.historyError = variant == 1 ? QStringLiteral("disk") : QString();
            loaded.history = variant == 3 ? QList<HistoryVersion> {version} : QList<HistoryVersion> {};
            history.show(loaded);
            QStringList texts = labelTexts(history);
            const QTreeWidget *versions = history.findChild<QTreeWidget *>();
            texts << versions->toolTip();
            for (int column = 0; column < versions->columnCount(); ++column)
                texts << versions->headerItem()->text(column);
            for (const QList<QVariant> &title : std::as_const(titles))
                texts << title.at(0).toString();
            QVERIFY2(unmarked(texts, {}).isEmpty(), qPrintable(unmarked(texts, {}).join(u'|')));
        }
        history.clear();
        QVERIFY(titles.constLast().at(0).toString().startsWith(MarkingTranslator::kMark));

        // The pretty tab's note: not JSON, empty, redacted.
        PrettyTab pretty;
        loaded.json.error = QStringLiteral("unterminated object");
        for (const QByteArray &body : {QByteArray("{"), QByteArray()}) {
            loaded.delivery->redacted = false;
            loaded.delivery->body = body;
            pretty.show(loaded);
            QVERIFY2(pretty.findChild<QLabel *>()->text().startsWith(MarkingTranslator::kMark),
                qPrintable(pretty.findChild<QLabel *>()->text()));
        }
        loaded.delivery->redacted = true;
        pretty.show(loaded);
        QVERIFY(pretty.findChild<QLabel *>()->text().startsWith(MarkingTranslator::kMark));

        JsonTreeTab tree;
        QCOMPARE(tree.actions().size(), 3);
        QVERIFY2(unmarked(widgetTexts(tree), {}).isEmpty(), qPrintable(unmarked(widgetTexts(tree), {}).join(u'|')));
    }

    // The binary itself: LANGUAGE picks the catalogue found beside it in the build tree; the manual page's
    // source stays English whatever the language.
    void binaryFollowsLanguage()
    {
        const QString german = runBinary({QStringLiteral("--help")}, QStringLiteral("de"), m_dir.path());
        QVERIFY2(german.contains(QStringLiteral("\nOptionen:\n")), qPrintable(german.left(400)));
        // The usage line names the command, not the path it was run by, in German too.
        QVERIFY2(german.startsWith(QStringLiteral("Aufruf: peanuts-monitor [Optionen]")), qPrintable(german.left(400)));
        const QString english = runBinary({QStringLiteral("--help")}, QStringLiteral("en"), m_dir.path());
        QVERIFY2(english.contains(QStringLiteral("\nOptions:\n")), qPrintable(english.left(400)));
        const QString man = runBinary({QStringLiteral("--help-man")}, QStringLiteral("de"), m_dir.path());
        QVERIFY2(man.contains(QStringLiteral(".SH OPTIONS")) && man.contains(QStringLiteral("Run the receiver")),
            qPrintable(man.left(400)));
        QVERIFY(!man.contains(QStringLiteral("Optionen")));
    }
};

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
