// The inspector's Headers tab: the request line's facts, then every header as received.
#pragma once

#include <QTableWidget>

namespace peanuts {

struct Delivery;

class HeadersTab : public QTableWidget
{
    Q_OBJECT
public:
    explicit HeadersTab(QWidget *parent = nullptr);

    void showDelivery(const Delivery &delivery);
    void clearRows();

private:
    void copyRows();
};

} // namespace peanuts
