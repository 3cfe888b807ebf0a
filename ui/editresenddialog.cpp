// Edit and resend: the editor, its JSON check, where it goes and how it is signed.
#include "editresenddialog.h"

#include "ingest/signature.h"
#include "inspect/resend.h"
#include "palette.h"
#include "pipeline/pipeline.h"
#include "pipeline/urlpolicy.h"
#include "receivercore.h"
#include "tools/deliverysender.h"

#include <QDateTime>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

namespace peanuts {

EditResendDialog::EditResendDialog(ReceiverCore *core, qint64 sourceId, const QByteArray &body, QWidget *parent)
    : QDialog(parent)
    , m_core(core)
    , m_sourceId(sourceId)
{
    setWindowTitle(tr("Edit and resend delivery #%1").arg(sourceId));
    m_editor = new QPlainTextEdit(this);
    m_editor->setAccessibleName(tr("Body to send"));
    m_editor->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_editor->setPlainText(QString::fromUtf8(body));
    m_editor->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_check = new QLabel(this);
    m_check->setWordWrap(true);

    m_toReceiver = new QRadioButton(tr("This receiver, signed with the first webhook secret"), this);
    m_toReceiver->setChecked(true);
    m_toUrl = new QRadioButton(tr("A URL, signed with the forwarding secret:"), this);
    m_url = new QLineEdit(this);
    m_url->setAccessibleName(tr("Other URL"));
    // An example URL, the same in every language.
    m_url->setPlaceholderText(QStringLiteral("http://localhost:3000/webhook")); // tr-lint: not text
    m_url->setEnabled(false);
    auto *urlRow = new QHBoxLayout;
    urlRow->addWidget(m_toUrl);
    urlRow->addWidget(m_url, 1);

    m_answer = new QLabel(this);
    m_answer->setWordWrap(true);
    m_answer->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_send = buttons->addButton(tr("Send"), QDialogButtonBox::ActionRole);
    m_send->setDefault(true);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_send, &QPushButton::clicked, this, &EditResendDialog::send);
    connect(m_editor, &QPlainTextEdit::textChanged, this, &EditResendDialog::recheck);
    connect(m_toUrl, &QRadioButton::toggled, this, [this](bool on) {
        m_url->setEnabled(on);
        recheck();
    });
    connect(m_url, &QLineEdit::textChanged, this, &EditResendDialog::recheck);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("The body, sent exactly as it stands here:"), this));
    layout->addWidget(m_editor, 1);
    layout->addWidget(m_check);
    layout->addWidget(m_toReceiver);
    layout->addLayout(urlRow);
    layout->addWidget(m_answer);
    layout->addWidget(buttons);
    resize(720, 560);

    m_network = new QNetworkAccessManager(this);
    recheck();
}

void EditResendDialog::recheck()
{
    const QString problem = jsonProblem(m_editor->toPlainText().toUtf8());
    QString urlProblem;
    if (m_toUrl->isChecked()) {
        const QUrl url(m_url->text().trimmed());
        urlProblem = m_url->text().trimmed().isEmpty()
            ? tr("Enter the URL to send to.")
            : checkOutgoingUrl(url, UrlUse::Forward, true, TextLanguage::Translated);
    }
    const bool ok = problem.isEmpty() && urlProblem.isEmpty();
    const QString text = !problem.isEmpty() ? tr("Not JSON: %1").arg(problem)
        : !urlProblem.isEmpty()             ? urlProblem
                                            : tr("Valid JSON.");
    m_check->setText(text);
    m_check->setStyleSheet(
        QStringLiteral("QLabel { color: %1; }").arg(toneText(ok ? OutcomeTone::Good : OutcomeTone::Bad, palette())));
    m_send->setEnabled(ok && !m_sending);
}

void EditResendDialog::send()
{
    const QByteArray body = m_editor->toPlainText().toUtf8();
    QUrl url;
    QByteArray signature;
    if (m_toUrl->isChecked()) {
        url = QUrl(m_url->text().trimmed());
        signature = m_core->pipeline() ? m_core->pipeline()->signAsForward(body) : QByteArray();
        if (signature.isEmpty()) {
            m_answer->setText(tr("Nothing can sign it: set a forwarding secret or a webhook secret in Settings."));
            return;
        }
    } else {
        url = localWebhookUrl(m_core->options().bindAddress, m_core->port());
        const std::optional<QByteArray> signed_ = m_core->verifier().signWithFirst(body);
        if (!signed_) {
            m_answer->setText(tr("Set a webhook secret first: the receiver checks the signature."));
            return;
        }
        signature = *signed_;
        // What arrives with these bytes links back to the delivery it was edited from.
        m_core->resends().expect(sha256(body), m_sourceId, QDateTime::currentMSecsSinceEpoch());
    }
    m_sending = true;
    recheck();
    m_answer->setText(tr("Sending to %1…").arg(redactedUrl(url)));
    postSigned(m_network, url, body, signature, this, [this, url](const ResendAnswer &answer) {
        m_sending = false;
        recheck();
        if (answer.status == 0) {
            m_answer->setText(tr("Not sent to %1: %2").arg(redactedUrl(url), answer.error));
        } else {
            m_answer->setText(tr("%1 answered %2 in %3 ms: %4")
                                  .arg(redactedUrl(url))
                                  .arg(answer.status)
                                  .arg(answer.elapsedMs)
                                  .arg(QString::fromUtf8(answer.body.left(300))));
        }
        Q_EMIT answered(answer.status);
    });
}

} // namespace peanuts
