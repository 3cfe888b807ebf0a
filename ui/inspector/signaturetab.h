// The inspector's Signature tab: the verdict, the received signature, and the one expected under each
// secret configured now.
#pragma once

#include <QScrollArea>

class QLabel;

namespace peanuts {

struct Inspection;

class SignatureTab : public QScrollArea
{
    Q_OBJECT
public:
    explicit SignatureTab(QWidget *parent = nullptr);

    void show(const Inspection &inspection); // inspection.delivery is set; coloured for the current palette
    void clear();

private:
    QLabel *m_text;
};

} // namespace peanuts
