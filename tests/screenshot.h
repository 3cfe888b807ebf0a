// Screenshots to look at: a widget saved as NAME.png in PEANUTS_SCREENSHOT_DIR, when it is set.
#pragma once

#include <QDir>
#include <QTest>
#include <QWidget>

inline void saveScreenshot(QWidget *widget, const QString &name)
{
    const QString dir = qEnvironmentVariable("PEANUTS_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    QTest::qWait(200); // what the widget lays out and paints after it is shown
    QVERIFY(widget->grab().save(QDir(dir).filePath(name + QStringLiteral(".png"))));
}
