// Every icon the app shows renders: the icons compiled into the resources (the SVG window icon, which
// the tray icon reuses) and the icons of the window's actions. An SVG needs Qt's SVG plugins at run
// time (libqt6svg6), which no build record shows: without them these icons are null and the window
// and the tray have no icon at all.
#include "config/secretstore.h"
#include "mainwindow.h"
#include "notifier.h"
#include "receivercore.h"
#include "testsupport.h"

#include <QAction>
#include <QApplication>
#include <QDirIterator>
#include <QIcon>
#include <QImage>
#include <QPixmap>
#include <QTemporaryDir>
#include <QTest>

using namespace testsupport;

namespace {

// Empty when the icon renders at size x size with at least one visible pixel, else what is wrong.
QString renderProblem(const QIcon &icon, int size)
{
    if (icon.isNull())
        return QStringLiteral("the icon is null");
    const QPixmap pixmap = icon.pixmap(size, size);
    if (pixmap.isNull())
        return QStringLiteral("pixmap(%1) is null").arg(size);
    const QImage image = pixmap.toImage().convertToFormat(QImage::Format_ARGB32);
    for (int y = 0; y < image.height(); ++y) {
        const auto *line = reinterpret_cast<const QRgb *>(image.constScanLine(y));
        for (int x = 0; x < image.width(); ++x) {
            if (qAlpha(line[x]) != 0)
                return QString();
        }
    }
    return QStringLiteral("pixmap(%1) is fully transparent").arg(size);
}

} // namespace

class TestIcons : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void resourceIcons_data()
    {
        QTest::addColumn<QString>("path");
        QDirIterator it(QStringLiteral(":/icons"), QDir::Files, QDirIterator::Subdirectories);
        int count = 0;
        while (it.hasNext()) {
            const QString path = it.next();
            QTest::newRow(qPrintable(path)) << path;
            ++count;
        }
        QVERIFY2(count > 0, "no icons under :/icons: are the resources linked?");
    }

    void resourceIcons()
    {
        QFETCH(QString, path);
        for (int size : {16, 32, 64}) {
            const QString problem = renderProblem(QIcon(path), size);
            QVERIFY2(problem.isEmpty(), qPrintable(path + QStringLiteral(": ") + problem));
        }
    }

    // The window's own icon (which the tray icon is made from) and the icons of its actions
    // (toolbar, tray menu), as the window really sets them.
    void windowIcons()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        peanuts::ReceiverCore core;
        QString error;
        QVERIFY2(core.start(testOptions(dir.path()), &error), qPrintable(error));
        peanuts::RecordingNotifier notifier;
        peanuts::SecretStore secrets(
            QStringLiteral("peanuts-monitor-test"), dir.filePath(QStringLiteral("secrets.json")));
        secrets.setKeychainEnabled(false);
        {
            peanuts::MainWindow window(&core, &notifier, &secrets);
            const QString problem = renderProblem(window.windowIcon(), 32);
            QVERIFY2(problem.isEmpty(), qPrintable(QStringLiteral("window (and tray) icon: ") + problem));
            int withIcon = 0;
            const auto actions = window.findChildren<QAction *>();
            for (QAction *action : actions) {
                if (action->icon().isNull())
                    continue;
                ++withIcon;
                const QString actionProblem = renderProblem(action->icon(), 32);
                QVERIFY2(actionProblem.isEmpty(),
                    qPrintable(QStringLiteral("icon of action \"%1\": %2").arg(action->text(), actionProblem)));
            }
            QVERIFY2(withIcon > 0, "no action with an icon: the toolbar changed?");
        }
        core.stop();
    }
};

QTEST_MAIN(TestIcons)
#include "tst_icons.moc"
