// The custom responses' banner: the warning tone behind white text, like the outcome chips.
#include "responsebanner.h"

#include "palette.h"
#include "receivercore.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace peanuts {

ResponseBanner::ResponseBanner(ReceiverCore *core, QWidget *parent)
    : QFrame(parent)
    , m_core(core)
{
    setObjectName(QStringLiteral("responseBanner"));
    setAccessibleName(tr("Custom responses are on"));
    setAttribute(Qt::WA_StyledBackground);
    setStyleSheet(QStringLiteral("#responseBanner { background: %1; } #responseBanner QLabel { color: white; }")
                      .arg(toneBackground(OutcomeTone::Warning)));

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 6, 10, 6);
    auto *icon = new QLabel(QStringLiteral("⚠"), this);
    icon->setAccessibleName(tr("Warning"));
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("responseSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_turnOff = new QPushButton(tr("Turn off"), this);
    m_turnOff->setObjectName(QStringLiteral("responsesTurnOff"));
    m_turnOff->setToolTip(tr("Answer deliveries as usual again; the rules are kept for next time"));
    m_edit = new QPushButton(tr("Edit…"), this);
    m_edit->setObjectName(QStringLiteral("responsesEdit"));
    m_edit->setAccessibleName(tr("Edit custom responses"));
    m_edit->setToolTip(tr("Open the settings on the Responses page"));
    layout->addWidget(icon, 0, Qt::AlignVCenter);
    layout->addWidget(m_summary, 1);
    layout->addWidget(m_turnOff, 0, Qt::AlignVCenter);
    layout->addWidget(m_edit, 0, Qt::AlignVCenter);

    connect(m_turnOff, &QPushButton::clicked, this, [this] {
        CustomResponses off = m_core->customResponses();
        off.enabled = false;
        m_core->setCustomResponses(off);
    });
    connect(m_edit, &QPushButton::clicked, this, &ResponseBanner::editRequested);
    connect(m_core, &ReceiverCore::customResponsesChanged, this, &ResponseBanner::follow);
    follow(m_core->customResponses());
}

void ResponseBanner::follow(const CustomResponses &responses)
{
    m_summary->setText(responses.summary());
    setVisible(responses.active());
}

} // namespace peanuts
