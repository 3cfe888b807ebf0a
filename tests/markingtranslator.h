// A translator that "translates" every text by marking it, and remembers what it was asked: tests use
// it to see which texts go through tr() (marked) and which stay as written (stored, sent, logged).
#pragma once

#include <QCoreApplication>
#include <QList>
#include <QTranslator>

#include <tuple>

namespace testsupport {

class MarkingTranslator : public QTranslator
{
public:
    static inline const QString kMark = QStringLiteral("‹T›");

    MarkingTranslator() { QCoreApplication::installTranslator(this); }
    ~MarkingTranslator() override { QCoreApplication::removeTranslator(this); }

    bool isEmpty() const override { return false; }
    QString translate(const char *context, const char *source, const char *disambiguation, int n) const override
    {
        Q_UNUSED(disambiguation);
        asked.append({QString::fromUtf8(context), QString::fromUtf8(source), n});
        return kMark + QString::fromUtf8(source);
    }
    // Whether source was asked for in context with the count n (a plural form).
    bool askedFor(const QString &context, const QString &source, int n) const
    {
        return asked.contains(std::make_tuple(context, source, n));
    }

    mutable QList<std::tuple<QString, QString, int>> asked;
};

} // namespace testsupport
