// The window's export and import: the Export… button and its menu (the filtered log, the selected
// deliveries, Import…), run through the core's services off the window's thread.
#include "chartspanel.h"
#include "deliverylogmodel.h"
#include "deliverylogview.h"
#include "mainwindow.h"
#include "receivercore.h"
#include "services/logservice.h"
#include "services/maintenanceservice.h"
#include "store/exporter.h"

#include <QAction>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QStatusBar>
#include <QStyle>
#include <QToolBar>
#include <QToolButton>

namespace peanuts {

namespace {

const QString kExportFilters
    = QStringLiteral("JSON lines (*.jsonl);;HAR 1.2 (*.har);;CSV of the current entries (*.csv);;All files (*)");

ExportFormat formatForPath(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("har"))
        return ExportFormat::Har;
    if (suffix == QLatin1String("csv"))
        return ExportFormat::Csv;
    return ExportFormat::JsonLines;
}

// The dialog's filter decides the format when the name has no known suffix.
QString askExportPath(QWidget *parent, const QString &title)
{
    QString filter;
    QString path
        = QFileDialog::getSaveFileName(parent, title, QStringLiteral("deliveries.jsonl"), kExportFilters, &filter);
    if (path.isEmpty())
        return path;
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix != QLatin1String("jsonl") && suffix != QLatin1String("har") && suffix != QLatin1String("csv")) {
        if (filter.startsWith(QLatin1String("HAR")))
            path += QStringLiteral(".har");
        else if (filter.startsWith(QLatin1String("CSV")))
            path += QStringLiteral(".csv");
    }
    return path;
}

} // namespace

void MainWindow::buildExchangeActions(QToolBar *toolbar)
{
    auto *menu = new QMenu(this);
    QAction *filtered = menu->addAction(QStringLiteral("Export what the filter shows…"));
    filtered->setShortcut(QKeySequence::Save);
    filtered->setToolTip(
        QStringLiteral("Save the deliveries the filter shows as JSON lines or HAR, or the current entries as CSV."));
    connect(filtered, &QAction::triggered, this, [this] { exportDeliveries(); });
    QAction *selected = menu->addAction(QStringLiteral("Export the selected deliveries…"));
    selected->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    connect(selected, &QAction::triggered, this, [this] { exportSelected(); });
    menu->addSeparator();
    QAction *import
        = menu->addAction(style()->standardIcon(QStyle::SP_DialogOpenButton), QStringLiteral("Import deliveries…"));
    import->setObjectName(QStringLiteral("importAction"));
    import->setShortcut(QKeySequence::Open);
    import->setToolTip(QStringLiteral("Bring deliveries back from JSON lines or HAR exports, marked as imported."));
    connect(import, &QAction::triggered, this, [this] { importDeliveries(); });

    QAction *exportAction
        = toolbar->addAction(style()->standardIcon(QStyle::SP_DialogSaveButton), QStringLiteral("Export…"));
    exportAction->setObjectName(QStringLiteral("exportAction"));
    exportAction->setToolTip(filtered->toolTip());
    exportAction->setMenu(menu);
    connect(exportAction, &QAction::triggered, this, [this] { exportDeliveries(); });
    if (auto *button = qobject_cast<QToolButton *>(toolbar->widgetForAction(exportAction)))
        button->setPopupMode(QToolButton::MenuButtonPopup);
    addActions({filtered, selected, import}); // their shortcuts work wherever the focus is
}

void MainWindow::exportDeliveries(const QString &chosenPath)
{
    const QString path = chosenPath.isEmpty() ? askExportPath(this, QStringLiteral("Export deliveries")) : chosenPath;
    if (!path.isEmpty())
        runExport(path, {});
}

void MainWindow::exportSelected(const QString &chosenPath)
{
    const QList<qint64> ids = m_log->selectedIds();
    if (ids.isEmpty()) {
        statusBar()->showMessage(QStringLiteral("Select deliveries in the log to export them."), 6000);
        Q_EMIT exportFinished(-1, QStringLiteral("nothing selected"));
        return;
    }
    const QString path
        = chosenPath.isEmpty() ? askExportPath(this, QStringLiteral("Export the selected deliveries")) : chosenPath;
    if (!path.isEmpty())
        runExport(path, ids);
}

void MainWindow::runExport(const QString &path, const QList<qint64> &ids)
{
    const ExportFormat format = formatForPath(path);
    const ExportSelection selection {m_log->model()->filter(), ids};
    const QString what = format == ExportFormat::Csv ? QStringLiteral("entries") : QStringLiteral("deliveries");
    statusBar()->showMessage(QStringLiteral("Exporting to %1…").arg(path));
    m_core->log()->exportDeliveries(
        this, path, format, selection, [this, path, what](qint64 count, const QString &error) {
            statusBar()->showMessage(error.isEmpty() ? QStringLiteral("Exported %1 %2 to %3").arg(count).arg(what, path)
                                                     : QStringLiteral("Export failed: %1").arg(error),
                10'000);
            Q_EMIT exportFinished(error.isEmpty() ? count : -1, error);
        });
}

void MainWindow::importDeliveries(const QStringList &chosenPaths)
{
    const QStringList paths = chosenPaths.isEmpty()
        ? QFileDialog::getOpenFileNames(this, QStringLiteral("Import deliveries"), QString(),
            QStringLiteral("Exports (*.jsonl *.har);;All files (*)"))
        : chosenPaths;
    if (paths.isEmpty())
        return;
    statusBar()->showMessage(QStringLiteral("Importing %1 file(s)…").arg(paths.size()));
    m_core->maintenance()->importFiles(this, paths, [this](const ImportTally &tally, const QString &error) {
        QString message = QStringLiteral("Imported %1 deliveries").arg(tally.imported);
        if (tally.alreadyPresent)
            message += QStringLiteral(", %1 already in the log").arg(tally.alreadyPresent);
        if (tally.redactedHere)
            message += QStringLiteral(", %1 without the body (redacted here)").arg(tally.redactedHere);
        statusBar()->showMessage(
            error.isEmpty() ? message : QStringLiteral("Import failed: %1 (%2)").arg(error, message),
            error.isEmpty() ? 10'000 : 0);
        m_log->model()->reload();
        m_charts->refreshNow();
        Q_EMIT importFinished(error.isEmpty() ? tally.imported : -1, error);
    });
}

} // namespace peanuts
