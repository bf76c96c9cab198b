// Translations (issue 8): the embedded catalogues load and the real main window comes up in German and in
// Simplified Chinese; the Preferences dialog stores the language and the thread count. Settings live in a
// scratch scope, never the user's.
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QFile>
#include <QMenuBar>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

#include "widgets/language.h"
#include "main_window.h"
#include "widgets/preferences_dialog.h"

using kronscope::app::MainWindow;

namespace {

QStringList menuTitles(const MainWindow& w) {
    QStringList titles;
    for (QAction* a : w.menuBar()->actions()) titles << a->text();
    return titles;
}

void useLanguage(const QString& code) {
    QSettings().setValue(QStringLiteral("language"), code);
    kronscope::app::installTranslators(*qApp);
}

}  // namespace

class TestTranslations : public QObject {
    Q_OBJECT
    QTemporaryDir settings_dir_;

  private slots:
    void initTestCase() {
        QVERIFY(settings_dir_.isValid());
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("KronscopeTranslationTest"));
        QCoreApplication::setApplicationName(QStringLiteral("test_translations"));
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, settings_dir_.path());
        QVERIFY(QSettings().fileName().startsWith(settings_dir_.path()));
    }

    void cleanup() {
        useLanguage(QStringLiteral("en"));  // back to the source strings
        QSettings().clear();
    }

    void catalogsAreEmbedded() {
        QCOMPARE(kronscope::app::availableLanguages(),
                 QStringList({QStringLiteral("en"), QStringLiteral("de"), QStringLiteral("zh_CN")}));
        for (const char* lang : {"de", "zh_CN"}) {
            const QString path = QStringLiteral(":/i18n/kronscope_%1.qm").arg(QLatin1String(lang));
            QVERIFY2(QFile::exists(path), qPrintable(path));
        }
    }

    void mainWindowInGerman() {
        useLanguage(QStringLiteral("de"));
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QCOMPARE(menuTitles(w), QStringList({QStringLiteral("&Datei"), QStringLiteral("&Bearbeiten"),
                                             QStringLiteral("E&xtras"), QStringLiteral("&Reproduzieren"),
                                             QStringLiteral("&Hilfe")}));
        QCOMPARE(w.findChild<QAction*>(QStringLiteral("actionPreferences"))->text(),
                 QStringLiteral("&Einstellungen…"));
        QCOMPARE(w.viewTabs()->tabText(0), QStringLiteral("Willkommen"));
        // Numerus forms: German has two.
        QCOMPARE(
            QCoreApplication::translate("kronscope::app::AboutDialog", "available, %n device(s)", nullptr, 1),
            QStringLiteral("verfügbar, 1 Gerät"));
        QCOMPARE(
            QCoreApplication::translate("kronscope::app::AboutDialog", "available, %n device(s)", nullptr, 2),
            QStringLiteral("verfügbar, 2 Geräte"));
    }

    void mainWindowInChinese() {
        useLanguage(QStringLiteral("zh_CN"));
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QCOMPARE(menuTitles(w), QStringList({QStringLiteral("文件(&F)"), QStringLiteral("编辑(&E)"),
                                             QStringLiteral("工具(&T)"), QStringLiteral("复现(&R)"),
                                             QStringLiteral("帮助(&H)")}));
        QCOMPARE(w.viewTabs()->tabText(0), QStringLiteral("欢迎"));
        QCOMPARE(
            QCoreApplication::translate("kronscope::app::AboutDialog", "available, %n device(s)", nullptr, 3),
            QStringLiteral("可用，3 个设备"));
    }

    void englishReplacesEarlierTranslators() {
        useLanguage(QStringLiteral("de"));
        useLanguage(QStringLiteral("en"));
        MainWindow w;
        QCOMPARE(menuTitles(w).value(0), QStringLiteral("&File"));
        QCOMPARE(menuTitles(w).value(1), QStringLiteral("&Edit"));
    }

    void systemDefaultFollowsTheLocale() {
        useLanguage(QStringLiteral("system"));
        const QString expected = QLocale::system().language() == QLocale::German ? QStringLiteral("&Datei")
                                 : QLocale::system().language() == QLocale::Chinese
                                     ? QStringLiteral("文件(&F)")
                                     : QStringLiteral("&File");
        MainWindow w;
        QCOMPARE(menuTitles(w).value(0), expected);
    }

    void preferencesDialogFromTheEditMenu() {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        bool seen = false;
        QStringList items;
        QString initial;
        QTimer::singleShot(200, [&] {
            auto* dlg = qobject_cast<kronscope::app::PreferencesDialog*>(QApplication::activeModalWidget());
            if (!dlg) return;
            auto* language = dlg->findChild<QComboBox*>(QStringLiteral("preferencesLanguage"));
            auto* threads = dlg->findChild<QSpinBox*>(QStringLiteral("preferencesThreads"));
            seen = language && threads;
            if (seen) {
                for (int i = 0; i < language->count(); ++i) items << language->itemText(i);
                initial = language->currentData().toString();
                language->setCurrentIndex(language->findData(QStringLiteral("zh_CN")));
                threads->setValue(3);
                dlg->save();
            }
            dlg->reject();
        });
        w.findChild<QAction*>(QStringLiteral("actionPreferences"))->trigger();
        QVERIFY(seen);
        QCOMPARE(items, QStringList({QStringLiteral("System default"), QStringLiteral("English"),
                                     QStringLiteral("Deutsch"), QStringLiteral("简体中文")}));
        QCOMPARE(initial, QStringLiteral("system"));
        QCOMPARE(QSettings().value(QStringLiteral("language")).toString(), QStringLiteral("zh_CN"));
        QCOMPARE(QSettings().value(QStringLiteral("threads")).toInt(), 3);

        const QByteArray before = qgetenv("KRONSCOPE_THREADS");
        kronscope::app::applyPreferences();
        QCOMPARE(qgetenv("KRONSCOPE_THREADS"), QByteArray("3"));
        if (before.isNull())
            qunsetenv("KRONSCOPE_THREADS");
        else
            qputenv("KRONSCOPE_THREADS", before);
    }
};

QTEST_MAIN(TestTranslations)
#include "test_translations.moc"
