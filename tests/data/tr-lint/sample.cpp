// Input for check-tr.py --markers (tests/CMakeLists.txt): the lines ending in "// HIT" are exactly
// the ones the lint must report. Never compiled.
void Sample::build()
{
    m_label->setText(QStringLiteral("Bare text")); // HIT
    m_label->setText(tr("Translated text"));
    m_edit->setPlaceholderText("plain literal"); // HIT
    m_box->setToolTip(QCoreApplication::translate("peanuts::Sample", "Translated elsewhere"));
    m_box->setWindowTitle(QLatin1String("Latin1 title")); // HIT
    m_spin->setSuffix(QStringLiteral(" %"));
    m_spin->setSuffix(QStringLiteral(" ms")); // HIT
    auto *label = new QLabel(QStringLiteral("A label"), this); // HIT
    auto *ok = new QPushButton(tr("&OK"), this);
    QPushButton button(QStringLiteral("On the stack")); // HIT
    auto *check = new QCheckBox(
        QStringLiteral("Wrapped onto the next line"), this); // HIT
    m_tabs->addTab(m_page, QStringLiteral("A tab")); // HIT
    m_tabs->addTab(m_page, tr("A translated tab"));
    toolbar->addAction(style()->standardIcon(QStyle::SP_MediaPause), QStringLiteral("Pause")); // HIT
    menu.addAction(QStringLiteral("Save"), this, [] {}); // HIT
    menu.addAction(tr("Save as…"), this, [] {});
    m_table->setHorizontalHeaderLabels({tr("One"), QStringLiteral("Two"), tr("Three")}); // HIT
    m_table->setHorizontalHeaderLabels({tr("One"), tr("Two")});
    QMessageBox::warning(this, QStringLiteral("Title"), tr("Text")); // HIT
    QMessageBox::warning(this, tr("Title"), QStringLiteral("Text")); // HIT
    QMessageBox box(QMessageBox::Warning, tr("Title"), QStringLiteral("Body"), QMessageBox::Ok, this); // HIT
    const QString path = QFileDialog::getSaveFileName(this, tr("Save"), dir, QStringLiteral("PNG images (*.png)")); // HIT
    m_combo->addItems({QStringLiteral("entry.created"), QStringLiteral("entry.updated")}); // tr-lint: not text
    m_combo->addItem(QStringLiteral("Any")); // HIT
    m_combo->addItem(tr("Any"));
    setObjectName(QStringLiteral("notText"));
    setStyleSheet(QStringLiteral("QLabel { color: red; }"));
    m_label->setText(QStringLiteral("#%1").arg(id));
    m_series->setName(QT_TRANSLATE_NOOP("peanuts::Sample", "accepted"));
    Q_EMIT titleChanged(QStringLiteral("Entry history (%1)").arg(n)); // HIT
    Q_EMIT titleChanged(tr("Entry history (%1)").arg(n));
    Q_EMIT deliverySelected(QStringLiteral("not a text"));
}
