// The answers of one connection, kept by ticket so that they go out in request order, whenever each
// becomes ready. Tickets come from two sides that must agree: the framer opens one for each request
// head it has read, and QHttpServer takes them over, in the same order, as it hands requests out.
// Every ticket is checked before it is used: a ticket already written, never handed over, or never
// opened is refused, never indexed.
#pragma once

#include <QByteArray>

#include <deque>
#include <optional>

namespace peanuts {

class AnswerQueue
{
public:
    struct Answer
    {
        QByteArray bytes;
        bool close = false; // the connection ends after it
    };

    // The framer has read a head: the request takes the next place in line.
    quint64 open(bool close, bool head);
    // QHttpServer hands over the next request: its ticket, or nothing when the framer has not read
    // that request (the two disagree).
    std::optional<quint64> handOver();
    // An answer for a ticket QHttpServer was handed; false (and nothing changes) for any other ticket,
    // or one answered already. A HEAD request's answer loses its body.
    bool answer(quint64 ticket, int status, const QByteArray &body, const QByteArray &extraHeaders);
    // The request being received (when its head was read and QHttpServer does not have it yet) is
    // refused with this status; requests read whole but not handed over yet will never be handled and
    // get a 503. The refusal closes the connection, and nothing after it is answered.
    void refuse(std::optional<quint64> current, int status, const QByteArray &body);
    void expectContinue(quint64 ticket);

    // The front's pending 100 Continue, once (empty when there is none).
    QByteArray takeContinue();
    // The front's answer when it is ready, removed from the line; after one that closes the
    // connection, the line is empty for good.
    std::optional<Answer> takeReady();

    bool empty() const { return m_slots.empty(); }
    bool closed() const { return m_closed; }
    // Requests handed over to QHttpServer and not answered and written yet.
    qsizetype inServer() const { return qsizetype(m_nextHandedOut - m_first); }
    // Requests the framer has read that QHttpServer has not taken yet.
    qsizetype aheadOfServer() const { return qsizetype(m_next - m_nextHandedOut); }
    bool handedOver(quint64 ticket) const { return ticket < m_nextHandedOut; }
    // Drops every answer still waiting (the connection is closing).
    void clear();

private:
    struct Slot
    {
        Answer answer;
        bool ready = false;
        bool head = false;
        bool continuePending = false;
    };
    Slot *slot(quint64 ticket);

    std::deque<Slot> m_slots; // m_slots[i] is ticket m_first + i
    quint64 m_first = 0;
    quint64 m_next = 0; // the next ticket open() gives
    quint64 m_nextHandedOut = 0; // the next ticket handOver() gives
    bool m_closed = false; // a closing answer is in line: nothing opens after it
};

// Response bytes: status line, JSON content type, length, extra header lines ("Name: value\r\n"), body
// (left out when head is set, with the length it would have).
QByteArray httpResponse(int status, const QByteArray &body, const QByteArray &extraHeaders = QByteArray(),
    bool close = false, bool head = false);

} // namespace peanuts
