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

#include <limits>

namespace peanuts {

namespace {

ExportFormat formatForPath(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("har"))
        return ExportFormat::Har;
    if (suffix == QLatin1String("csv"))
        return ExportFormat::Csv;
    return ExportFormat::JsonLines;
}

// The dialog's filter decides the format when the name has no known suffix. The filters are
// translated, so the chosen one is told by its place in the list, not by its text.
QString askExportPath(QWidget *parent, const QString &title)
{
    const QStringList filters {MainWindow::tr("JSON lines (*.jsonl)"), MainWindow::tr("HAR 1.2 (*.har)"),
        MainWindow::tr("CSV of the current entries (*.csv)"), MainWindow::tr("All files (*)")};
    QString filter;
    QString path = QFileDialog::getSaveFileName(
        parent, title, QStringLiteral("deliveries.jsonl"), filters.join(QStringLiteral(";;")), &filter);
    if (path.isEmpty())
        return path;
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix != QLatin1String("jsonl") && suffix != QLatin1String("har") && suffix != QLatin1String("csv")) {
        if (filter == filters.at(1))
            path += QStringLiteral(".har");
        else if (filter == filters.at(2))
            path += QStringLiteral(".csv");
    }
    return path;
}

} // namespace

void MainWindow::buildExchangeActions(QToolBar *toolbar)
{
    auto *menu = new QMenu(this);
    QAction *filtered = menu->addAction(tr("Export what the filter shows…"));
    filtered->setShortcut(QKeySequence::Save);
    filtered->setToolTip(
        tr("Save the deliveries the filter shows as JSON lines or HAR, or the current entries as CSV."));
    connect(filtered, &QAction::triggered, this, [this] { exportDeliveries(); });
    QAction *selected = menu->addAction(tr("Export the selected deliveries…"));
    selected->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    connect(selected, &QAction::triggered, this, [this] { exportSelected(); });
    menu->addSeparator();
    QAction *import = menu->addAction(style()->standardIcon(QStyle::SP_DialogOpenButton), tr("Import deliveries…"));
    import->setObjectName(QStringLiteral("importAction"));
    import->setShortcut(QKeySequence::Open);
    import->setToolTip(tr("Bring deliveries back from JSON lines or HAR exports, marked as imported."));
    connect(import, &QAction::triggered, this, [this] { importDeliveries(); });

    QAction *exportAction = toolbar->addAction(style()->standardIcon(QStyle::SP_DialogSaveButton), tr("Export…"));
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
    const QString path = chosenPath.isEmpty() ? askExportPath(this, tr("Export deliveries")) : chosenPath;
    if (!path.isEmpty())
        runExport(path, {});
}

void MainWindow::exportSelected(const QString &chosenPath)
{
    const QList<qint64> ids = m_log->selectedIds();
    if (ids.isEmpty()) {
        statusBar()->showMessage(tr("Select deliveries in the log to export them."), 6000);
        Q_EMIT exportFinished(-1, QStringLiteral("nothing selected"));
        return;
    }
    const QString path = chosenPath.isEmpty() ? askExportPath(this, tr("Export the selected deliveries")) : chosenPath;
    if (!path.isEmpty())
        runExport(path, ids);
}

void MainWindow::runExport(const QString &path, const QList<qint64> &ids)
{
    const ExportFormat format = formatForPath(path);
    const ExportSelection selection {m_log->model()->filter(), ids};
    statusBar()->showMessage(tr("Exporting to %1…").arg(path));
    m_core->log()->exportDeliveries(
        this, path, format, selection, [this, path, format](qint64 count, const QString &error) {
            const int n = int(qMin<qint64>(count, std::numeric_limits<int>::max()));
            const QString done = format == ExportFormat::Csv ? tr("Exported %n entries to %1", nullptr, n).arg(path)
                                                             : tr("Exported %n deliveries to %1", nullptr, n).arg(path);
            statusBar()->showMessage(error.isEmpty() ? done : tr("Export failed: %1").arg(error), 10'000);
            Q_EMIT exportFinished(error.isEmpty() ? count : -1, error);
        });
}

void MainWindow::importDeliveries(const QStringList &chosenPaths)
{
    const QStringList paths = chosenPaths.isEmpty() ? QFileDialog::getOpenFileNames(this, tr("Import deliveries"),
                                  QString(), tr("Exports (*.jsonl *.har)") + QStringLiteral(";;") + tr("All files (*)"))
                                                    : chosenPaths;
    if (paths.isEmpty())
        return;
    statusBar()->showMessage(tr("Importing %n files…", nullptr, int(paths.size())));
    m_core->maintenance()->importFiles(this, paths, [this](const ImportTally &tally, const QString &error) {
        // One sentence per part, so that each count takes its own plural form.
        QStringList parts {tr("Imported %n deliveries", nullptr, int(tally.imported))};
        if (tally.alreadyPresent)
            parts.append(tr("%n already in the log", nullptr, int(tally.alreadyPresent)));
        if (tally.redactedHere)
            parts.append(tr("%n without the body (redacted here)", nullptr, int(tally.redactedHere)));
        const QString message = parts.join(tr(", ", "between the parts of the import summary"));
        statusBar()->showMessage(
            error.isEmpty() ? message : tr("Import failed: %1 (%2)").arg(error, message), error.isEmpty() ? 10'000 : 0);
        m_log->model()->reload();
        m_charts->refreshNow();
        Q_EMIT importFinished(error.isEmpty() ? tally.imported : -1, error);
    });
}

} // namespace peanuts
