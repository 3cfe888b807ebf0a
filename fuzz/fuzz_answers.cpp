// Fuzz target: AnswerQueue, a connection's answers by ticket. The input is a script of what the
// framer and QHttpServer do on one connection: the framer reads heads (some closing, some HEAD), the
// server takes requests over and answers them early, late and out of order, answers tickets it was
// never given or that are written already, a refusal lands on a request the server has answered
// already (the server and the framer disagreed on where it ended), and the socket takes what is ready.
//
// Invariants, against a model kept here:
// - handOver() gives the framer's tickets in order, and nothing the framer has not read;
// - answer() takes a ticket only when it was handed over and not answered yet, and changes nothing
//   otherwise (ASan: no ticket indexes memory it does not own);
// - answers come out in ticket order, each once, with no gap, each the bytes given for it (a HEAD
//   answer without its body); a refusal answers its request, and every request read but not handed
//   over before it gets a 503;
// - nothing comes out after an answer that closes the connection.
#include "fuzzcheck.h"
#include "http/answerqueue.h"

#include <QByteArray>

#include <cstdint>
#include <map>
#include <optional>

using peanuts::AnswerQueue;

namespace {

struct Model
{
    struct Ticket
    {
        bool close = false;
        bool head = false;
        bool handed = false;
        int status = 0; // 0 until answered
    };
    std::map<quint64, Ticket> tickets; // every ticket opened and not dropped
    quint64 next = 0; // next ticket open() gives
    quint64 handed = 0; // next ticket handOver() gives
    quint64 written = 0; // next ticket to come out
    bool closed = false; // a refusal or a closing answer is in line
    bool ended = false; // a closing answer came out
};

QByteArray bodyOf(quint64 ticket)
{
    QByteArray body = QByteArrayLiteral("{\"t\":");
    body += QByteArray::number(ticket);
    body += '}';
    return body;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    AnswerQueue queue;
    Model model;
    std::optional<quint64> current; // the last head the framer read, as Connection keeps it
    for (size_t i = 0; i + 1 < size; i += 2) {
        const quint8 op = data[i] % 7;
        const quint8 arg = data[i + 1];
        switch (op) {
        case 0: { // the framer reads a head; it reads none after a refusal or a closing request
            const bool lastCloses
                = model.next > 0 && model.tickets.count(model.next - 1) && model.tickets[model.next - 1].close;
            if (model.closed || lastCloses)
                break;
            const quint64 t = queue.open(arg & 1, arg & 2);
            FUZZ_CHECK(t == model.next);
            model.tickets[t] = {bool(arg & 1), bool(arg & 2), false, 0};
            ++model.next;
            current = t;
            break;
        }
        case 1: { // the server hands over the next request
            const std::optional<quint64> t = queue.handOver();
            if (model.closed || model.handed == model.next) {
                FUZZ_CHECK(!t);
                break;
            }
            FUZZ_CHECK(t && *t == model.handed);
            model.tickets[*t].handed = true;
            ++model.handed;
            break;
        }
        case 2: { // the server answers some ticket: its own, a stale one, or one it never had
            const quint64 t = model.written + quint64(arg % 24) - 4; // wraps below 0: never valid
            const auto found = model.tickets.find(t);
            const bool valid = found != model.tickets.end() && found->second.handed && found->second.status == 0
                && t >= model.written && !model.ended;
            const int status = 200 + arg % 3;
            FUZZ_CHECK(queue.answer(t, status, bodyOf(t), QByteArray()) == valid);
            if (valid)
                found->second.status = status;
            break;
        }
        case 3: { // a refusal, on the request being received or on none
            if (model.closed)
                break;
            const std::optional<quint64> on = (arg & 1) ? current : std::nullopt;
            const int status = (arg & 2) ? 400 : 413;
            queue.refuse(on, status, "{\"error\":\"refused\"}");
            const bool keepsPlace = on && model.tickets.count(*on) && !model.tickets[*on].handed;
            const quint64 refused = keepsPlace ? *on : model.next++;
            for (quint64 t = model.handed; t < refused; ++t)
                model.tickets[t].status = 503;
            for (auto it = model.tickets.upper_bound(refused); it != model.tickets.end();)
                it = model.tickets.erase(it);
            model.next = refused + 1;
            Model::Ticket &r = model.tickets[refused];
            r.status = status;
            r.close = true;
            r.handed = true;
            model.handed = model.next;
            model.closed = true;
            current.reset();
            break;
        }
        case 4: // the request being received completes
            current.reset();
            break;
        case 5: { // the socket takes what is ready
            while (std::optional<AnswerQueue::Answer> answer = queue.takeReady()) {
                FUZZ_CHECK(!model.ended);
                const auto front = model.tickets.find(model.written);
                FUZZ_CHECK(front != model.tickets.end() && front->second.status != 0);
                const Model::Ticket &t = front->second;
                FUZZ_CHECK(answer->bytes.startsWith(
                    QByteArrayLiteral("HTTP/1.1 ").append(QByteArray::number(t.status)).append(' ')));
                FUZZ_CHECK(answer->close == t.close);
                FUZZ_CHECK(answer->bytes.contains("Connection: close\r\n") == t.close);
                if (t.head)
                    FUZZ_CHECK(answer->bytes.endsWith("\r\n\r\n"));
                else if (t.status < 300)
                    FUZZ_CHECK(answer->bytes.endsWith(QByteArrayLiteral("\r\n\r\n").append(bodyOf(model.written))));
                model.ended = answer->close;
                model.closed = model.closed || answer->close;
                model.tickets.erase(front);
                ++model.written;
            }
            // What is left at the front is not ready.
            const auto front = model.tickets.find(model.written);
            FUZZ_CHECK(model.ended || front == model.tickets.end() || front->second.status == 0);
            break;
        }
        case 6: { // Expect: 100-continue on the request being received
            if (current)
                queue.expectContinue(*current);
            const QByteArray interim = queue.takeContinue();
            if (!interim.isEmpty()) {
                const auto front = model.tickets.find(model.written);
                FUZZ_CHECK(front != model.tickets.end() && front->second.status == 0);
                FUZZ_CHECK(interim == "HTTP/1.1 100 Continue\r\n\r\n");
            }
            break;
        }
        }
        if (model.ended)
            FUZZ_CHECK(queue.empty() && !queue.takeReady());
    }
    return 0;
}
