// The Signature tab: rich text, rebuilt on every show (and by the inspector when the palette changes).
#include "inspector/signaturetab.h"

#include "inspect/headerlines.h"
#include "inspector/tabsupport.h"
#include "palette.h"
#include "services/inspection.h"

#include <QLabel>
#include <QLocale>

namespace peanuts {

namespace {
constexpr int kReceivedShownChars = 256;
}

SignatureTab::SignatureTab(QWidget *parent)
    : QScrollArea(parent)
{
    m_text = noteLabel(this);
    m_text->setTextFormat(Qt::RichText);
    m_text->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_text->setContentsMargins(6, 8, 6, 8);
    setWidget(m_text);
    setWidgetResizable(true);
    setFrameShape(QFrame::NoFrame);
    setBackgroundRole(QPalette::Base);
}

void SignatureTab::clear()
{
    m_text->clear();
}

void SignatureTab::show(const Inspection &loaded)
{
    const Delivery &d = *loaded.delivery;
    const std::optional<QByteArray> header = headerValue(d.headers, "x-peanuts-signature");
    const QByteArray received = header.value_or(QByteArray());
    const OutcomeVerdict verdict = outcomeVerdict(d, header.has_value() && !received.isEmpty());
    const QPalette colours = palette();
    auto code = [](const QString &text) { return QStringLiteral("<code>%1</code>").arg(text.toHtmlEscaped()); };
    // Names never wrap (the inspector is often narrow); a remark goes under its value, not beside it.
    auto row = [](QString name, const QString &value, const QString &remark = QString()) {
        return QStringLiteral("<tr><td valign='top'>%1</td><td valign='top'>%2%3</td></tr>")
            .arg(name.replace(u' ', QStringLiteral("&nbsp;")), value,
                remark.isEmpty() ? QString() : QString(QStringLiteral("<br>") + remark));
    };
    auto wide = [](const QString &html) {
        return QStringLiteral("<tr><td colspan='2' style='padding-top:10px'>%1</td></tr>").arg(html);
    };

    QString html = QStringLiteral("<p style='font-size:large; font-weight:600; color:%1'>%2</p>")
                       .arg(toneText(verdict.tone, colours), verdict.text.toHtmlEscaped());
    html += QStringLiteral("<table cellspacing='0' cellpadding='3'>");
    auto italic = [](const QString &text) { return QStringLiteral("<i>%1</i>").arg(text.toHtmlEscaped()); };
    auto bold = [](const QString &text) { return QStringLiteral("<b>%1</b>").arg(text.toHtmlEscaped()); };
    QString receivedCell;
    if (!header)
        receivedCell = italic(tr("no X-Peanuts-Signature header"));
    else if (received.isEmpty())
        receivedCell = italic(tr("an empty X-Peanuts-Signature header"));
    else
        receivedCell = code(elided(headerText(received), kReceivedShownChars))
            + (received.size() > kReceivedShownChars
                    ? QStringLiteral(" (%1)").arg(tr("%Ln bytes", nullptr, trCount(received.size())))
                    : QString());
    html += row(bold(tr("Received")), receivedCell);
    QString atReceipt;
    if (!d.secretLabel.isEmpty())
        atReceipt = tr("matched secret '%1'").toHtmlEscaped().arg(d.secretLabel.toHtmlEscaped());
    else if (d.outcome == Outcome::RejectedSignature)
        atReceipt = tr("matched no secret configured at the time").toHtmlEscaped();
    else
        atReceipt = tr("not checked", "the signature at receipt").toHtmlEscaped();
    html += row(bold(tr("At receipt")), atReceipt);

    html += wide(QStringLiteral("%1 &nbsp;%2")
                     .arg(bold(tr("Expected", "the expected signature")),
                         tr("HMAC-SHA256 of the stored bytes under each secret configured now").toHtmlEscaped()));
    QString cannot;
    if (d.redacted) {
        cannot = tr("The expected value cannot be recomputed: the body was redacted.");
    } else if (!loaded.bodyWhole) {
        cannot = tr("The expected value cannot be recomputed: only the first %1 of %Ln bytes were stored (rejected "
                    "deliveries keep at most 4 KiB), and the signature covers them all.",
            nullptr, trCount(d.bodySize))
                     .arg(QLocale().toString(d.body.size()));
    } else if (loaded.expected.isEmpty()) {
        cannot = tr("No secret is configured now, so there is nothing to compare with.");
    } else {
        for (const auto &[label, hex] : loaded.expected) {
            const bool match = !received.isEmpty() && received == hex;
            html += row(tr("secret '%1'").toHtmlEscaped().arg(label.toHtmlEscaped()), code(QString::fromLatin1(hex)),
                QStringLiteral("<span style='color:%1'>%2 %3</span>")
                    .arg(toneText(match ? OutcomeTone::Good : OutcomeTone::Bad, colours),
                        match ? QStringLiteral("✓") : QStringLiteral("✗"),
                        (match ? tr("equals the received value") : tr("differs", "from the received value"))
                            .toHtmlEscaped()));
        }
    }
    if (!cannot.isEmpty())
        html += wide(cannot.toHtmlEscaped());
    html += QStringLiteral("</table>");
    html += QStringLiteral("<p style='color:%1'>%2</p>")
                .arg(colours.color(QPalette::PlaceholderText).name(),
                    tr("Expected values are computed here, in the window, and shown only on this tab. Secrets are "
                       "named by their label; their values are never shown.")
                        .toHtmlEscaped());
    m_text->setText(html);
}

} // namespace peanuts
