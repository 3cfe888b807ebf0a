// Finding and installing the translators (see translations.h).
#include "platform/translations.h"

#include "platform/logging.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QLibraryInfo>
#include <QPointer>
#include <QTranslator>

#include <vector>

namespace peanuts {

namespace {

// The translators the last call installed, removed by the next one.
std::vector<QPointer<QTranslator>> &installed()
{
    static std::vector<QPointer<QTranslator>> translators;
    return translators;
}

QString catalogue(const QString &dir, const QString &name, const QString &language)
{
    return QDir(dir).filePath(QStringLiteral("%1_%2.qm").arg(name, language));
}

bool install(const QString &file)
{
    auto *translator = new QTranslator(QCoreApplication::instance());
    if (!translator->load(file) || !QCoreApplication::installTranslator(translator)) {
        qCWarning(lcApp).noquote() << "cannot load the translation" << file;
        delete translator;
        return false;
    }
    installed().emplace_back(translator);
    return true;
}

} // namespace

QStringList translationDirectories(const QString &binaryDir)
{
    const QDir bin(binaryDir);
    return {QDir::cleanPath(bin.filePath(QStringLiteral("../share/peanuts-monitor/translations"))),
        bin.filePath(QStringLiteral("translations"))};
}

QStringList translationCandidates(const QLocale &locale)
{
    // uiLanguages() lists each preferred language with its expansions together ("de-Latn-DE", "de-DE",
    // "de"): every name of one language is tried, most specific first, before the next language, and the
    // language alone ("de", a catalogue for every German) last within its group.
    QStringList candidates;
    QString fallback;
    const auto add = [&candidates](const QString &name) {
        if (!name.isEmpty() && !candidates.contains(name))
            candidates.append(name);
    };
    const QStringList languages = locale.uiLanguages();
    for (const QString &uiLanguage : languages) {
        const QLocale named(uiLanguage);
        const QLocale::Language language = named.language();
        if (language == QLocale::English || language == QLocale::C || language == QLocale::AnyLanguage)
            break;
        const QString code = QLocale::languageToCode(language);
        if (code != fallback) {
            add(fallback);
            fallback = code;
        }
        add(QString(uiLanguage).replace(u'-', u'_'));
        add(named.name());
    }
    add(fallback);
    return candidates;
}

QStringList installTranslations(const QLocale &locale, const QStringList &dirs)
{
    for (const QPointer<QTranslator> &translator : installed()) {
        if (translator) {
            QCoreApplication::removeTranslator(translator);
            delete translator;
        }
    }
    installed().clear();

    QStringList loaded;
    const QStringList candidates = translationCandidates(locale);
    for (const QString &language : candidates) {
        for (const QString &dir : dirs) {
            const QString ours = catalogue(dir, QStringLiteral("peanuts-monitor"), language);
            if (!QFileInfo::exists(ours) || !install(ours))
                continue;
            loaded.append(ours);
            // Qt's for the same language, the nearest there is: ours for de_AT, Qt's for de.
            const QString qtDir = QLibraryInfo::path(QLibraryInfo::TranslationsPath);
            QString qt;
            for (QString name = language; !name.isEmpty(); name.truncate(qMax(0, name.lastIndexOf(u'_')))) {
                qt = catalogue(qtDir, QStringLiteral("qtbase"), name);
                if (QFileInfo::exists(qt))
                    break;
            }
            if (QFileInfo::exists(qt) && install(qt))
                loaded.append(qt);
            else
                qCDebug(lcApp).noquote() << "no Qt translation for" << language << "in" << qtDir
                                         << "(Debian: qt6-translations-l10n)";
            qCDebug(lcApp).noquote() << "translations for" << locale.uiLanguages() << "loaded:" << loaded;
            return loaded;
        }
    }
    // English, the sources' language: only its plural forms ("1 retry"), which %n alone cannot pick.
    for (const QString &dir : dirs) {
        const QString english = catalogue(dir, QStringLiteral("peanuts-monitor"), QStringLiteral("en"));
        if (QFileInfo::exists(english) && install(english)) {
            loaded.append(english);
            break;
        }
    }
    qCDebug(lcApp).noquote() << "no translation for" << locale.uiLanguages() << "; English plural forms:" << loaded;
    return loaded;
}

QStringList installTranslations(const QLocale &locale)
{
    return installTranslations(locale, translationDirectories(QCoreApplication::applicationDirPath()));
}

} // namespace peanuts
