// One KPI card of the charts panel: a small caption, a big number and a muted detail line, drawn as a
// subtle rounded card whose colours are derived from the palette, so it suits light and dark themes.
#pragma once

#include <QColor>
#include <QFrame>

class QLabel;

namespace peanuts {

// `a` moved towards `b` by t (0..1): muted text and borders that keep their contrast in any palette.
// Shared with the charts, so that cards and charts agree.
QColor blend(const QColor &a, const QColor &b, qreal t);

class KpiCard : public QFrame
{
    Q_OBJECT
public:
    explicit KpiCard(const QString &caption, QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(KpiCard)

    QString value() const;
    void setValue(const QString &value);
    void setDetail(const QString &detail);

protected:
    void paintEvent(QPaintEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void applyPalette();

    QLabel *m_caption;
    QLabel *m_value;
    QLabel *m_detail;
};

} // namespace peanuts
