#include "widgets/preferences_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QSettings>
#include <QSpinBox>
#include <QThread>
#include <algorithm>

#include "widgets/language.h"

namespace kronscope::app {

PreferencesDialog::PreferencesDialog(QWidget* parent) : QDialog(parent) {
    setWindowTitle(tr("Preferences"));
    setObjectName(QStringLiteral("preferencesDialog"));
    const QSettings settings;
    auto* form = new QFormLayout(this);

    language_ = new QComboBox(this);
    language_->setObjectName(QStringLiteral("preferencesLanguage"));
    language_->addItem(tr("System default"), QStringLiteral("system"));
    // Each language under its own name, whatever the current one.
    for (const QString& code : availableLanguages()) language_->addItem(languageNativeName(code), code);
    QString current = settings.value(QStringLiteral("language")).toString();
    if (current.isEmpty()) current = QStringLiteral("system");
    language_->setCurrentIndex(std::max(0, language_->findData(current)));
    form->addRow(tr("&Language"), language_);

    threads_ = new QSpinBox(this);
    threads_->setObjectName(QStringLiteral("preferencesThreads"));
    threads_->setRange(0, 1024);
    threads_->setSpecialValueText(tr("All cores (%1)").arg(QThread::idealThreadCount()));
    threads_->setValue(settings.value(QStringLiteral("threads"), 0).toInt());
    threads_->setToolTip(
        tr("Threads one computation (perplexity, decomposition, training) may use. "
           "Fewer leave cores free for other work."));
    form->addRow(tr("&Threads for computations"), threads_);

    auto* note = new QLabel(tr("Changes take effect the next time Kronscope starts."), this);
    note->setObjectName(QStringLiteral("preferencesNote"));
    note->setWordWrap(true);
    form->addRow(note);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        save();
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

void PreferencesDialog::save() {
    QSettings settings;
    settings.setValue(QStringLiteral("language"), language_->currentData().toString());
    settings.setValue(QStringLiteral("threads"), threads_->value());
}

}  // namespace kronscope::app
