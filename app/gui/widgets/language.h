#pragma once
// The user interface language and the preferences that must be in place before the core starts.
#include <QString>
#include <QStringList>

class QApplication;

namespace kronscope::app {

/// The languages Kronscope ships (QSettings "language" values): "en" (the source language), "de", "zh_CN".
QStringList availableLanguages();

/// A language's own name for itself ("English", "Deutsch", "简体中文"), or the code for an unknown one.
QString languageNativeName(const QString& code);

/// Installs the translators for QSettings "language": "" or "system" follows QLocale::system(), else one of
/// availableLanguages(). Loads Kronscope's catalogue (:/i18n/kronscope_<lang>.qm) and, when present, Qt's own
/// qtbase catalogue from QLibraryInfo::TranslationsPath. Replaces the translators of an earlier call; a
/// language without a catalogue (English, or an unsupported system locale) leaves the source strings.
void installTranslators(QApplication& app);

/// Applies startup preferences: QSettings "threads" > 0 is exported as KRONSCOPE_THREADS, which the core
/// reads once, on its first computation (0 = every core). Call before anything uses the core.
void applyPreferences();

}  // namespace kronscope::app
