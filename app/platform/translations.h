// Loading the app's catalogues and Qt's own for a locale: the install's share folder first, then the
// folder beside the binary (a build tree).
#pragma once

#include <QLocale>
#include <QStringList>

namespace peanuts {

// Where our peanuts-monitor_<lang>.qm files are looked for, in order, for a binary in binaryDir:
// <binaryDir>/../share/peanuts-monitor/translations, then <binaryDir>/translations.
QStringList translationDirectories(const QString &binaryDir);

// The language names to try for locale, most preferred first, from its uiLanguages() (so LANGUAGE,
// LC_ALL, LC_MESSAGES and LANG count as usual): "de_Latn_DE", "de_DE", then "de", then the next language.
// It ends at the first English or C entry: English is the language of the sources, so whatever comes
// after it is never needed.
QStringList translationCandidates(const QLocale &locale);

// Installs translators for locale on the running QCoreApplication, replacing those an earlier call
// installed: ours, from the first of dirs holding a catalogue for one of the candidates, and Qt's own
// (qtbase_<lang>.qm from QLibraryInfo's translations path) for the same language, so that a window never
// mixes two languages. When no catalogue matches (English, the C locale, a language not shipped), it
// installs our English one instead, which holds only the plural forms of the sources' English. Returns
// the files loaded (also logged, at debug level: --help prints nothing else).
QStringList installTranslations(const QLocale &locale, const QStringList &dirs);
// The same for the running binary's own directories.
QStringList installTranslations(const QLocale &locale);

} // namespace peanuts
