#include "widgets/language.h"

#include <QApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QPointer>
#include <QSettings>
#include <QTranslator>

namespace kronscope::app {

namespace {
// The translators installed by the last installTranslators() call (owned by the application object).
QList<QPointer<QTranslator>>& installed() {
    static QList<QPointer<QTranslator>> list;
    return list;
}
}  // namespace

QStringList availableLanguages() {
    return {QStringLiteral("en"), QStringLiteral("de"), QStringLiteral("zh_CN")};
}

QString languageNativeName(const QString& code) {
    if (code == QLatin1String("en")) return QStringLiteral("English");
    if (code == QLatin1String("de")) return QStringLiteral("Deutsch");
    if (code == QLatin1String("zh_CN")) return QStringLiteral("简体中文");
    return code;
}

void installTranslators(QApplication& app) {
    for (const QPointer<QTranslator>& t : installed()) {
        if (!t) continue;
        QApplication::removeTranslator(t);
        delete t;
    }
    installed().clear();

    const QString setting = QSettings().value(QStringLiteral("language")).toString();
    const QLocale locale =
        setting.isEmpty() || setting == QLatin1String("system") ? QLocale::system() : QLocale(setting);
    if (locale.language() == QLocale::English || locale.language() == QLocale::C)
        return;  // the source strings

    auto* ours = new QTranslator(&app);
    // Tries the locale's UI languages in order (e.g. kronscope_zh_CN, then kronscope_zh).
    if (!ours->load(locale, QStringLiteral("kronscope"), QStringLiteral("_"), QStringLiteral(":/i18n"))) {
        delete ours;
        return;  // an unsupported language: English throughout rather than Qt's dialogs in another language
    }
    QApplication::installTranslator(ours);
    installed().append(ours);

    auto* qt = new QTranslator(&app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QApplication::installTranslator(qt);
        installed().append(qt);
    } else {
        delete qt;  // Qt's own catalogue is optional (Debian: qt6-translations-l10n)
    }
}

void applyPreferences() {
    const int threads = QSettings().value(QStringLiteral("threads"), 0).toInt();
    if (threads > 0) qputenv("KRONSCOPE_THREADS", QByteArray::number(threads));
}

}  // namespace kronscope::app
