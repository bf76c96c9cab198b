#pragma once
// Helpers shared by the GUI suites that drive the real main window under Xvfb.
#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QMessageBox>
#include <QPainter>
#include <QPixmap>
#include <QProcess>
#include <nlohmann/json.hpp>
#include <QTimer>
#include <QVariantMap>
#include <QtTest>

#include "jobs/job_manager.h"
#include "main_window.h"

namespace kronscope::test {

/// Waits (processing events) until job `id` has left the queued and running states.
inline bool waitForJob(app::MainWindow& w, int id, int timeout_ms = 300000) {
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < timeout_ms) {
        const app::JobInfo* j = w.jobs()->job(id);
        if (j && j->state != app::JobState::Queued && j->state != app::JobState::Running) return true;
        QTest::qWait(20);
    }
    return false;
}

/// Saves what `w` shows as KRONSCOPE_SCREENSHOT_DIR/name (the README's screenshots); nothing when unset.
inline void shot(QWidget& w, const QString& name) {
    const QString dir = qEnvironmentVariable("KRONSCOPE_SCREENSHOT_DIR");
    if (dir.isEmpty()) return;
    QDir().mkpath(dir);
    QTest::qWait(300);
    w.grab().save(dir + QLatin1Char('/') + name);
}

/// Closes the next modal message box, remembering its text (the caller deletes the string). With
/// `shot_name` and KRONSCOPE_SCREENSHOT_DIR set, first saves the box over the window that opened it.
inline QString* watchForMessageBox(const QString& shot_name = {}) {
    auto* text = new QString;
    auto* timer = new QTimer;
    timer->setInterval(50);
    QObject::connect(timer, &QTimer::timeout, [text, timer, shot_name] {
        if (auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget())) {
            const QString dir = qEnvironmentVariable("KRONSCOPE_SCREENSHOT_DIR");
            if (!shot_name.isEmpty() && !dir.isEmpty() && box->parentWidget()) {
                QWidget* window = box->parentWidget()->window();
                QPixmap picture = window->grab();
                const QPixmap dialog = box->grab();
                QPainter painter(&picture);
                painter.drawPixmap((picture.width() - dialog.width()) / 2,
                                   (picture.height() - dialog.height()) / 3, dialog);
                painter.end();
                QDir().mkpath(dir);
                picture.save(dir + QLatin1Char('/') + shot_name);
            }
            *text = box->text();
            box->accept();
            timer->stop();
            timer->deleteLater();
        }
    });
    timer->start();
    return text;
}

/// Runs kronscope-cli (KRONSCOPE_CLI) with `args` plus --quiet --json and returns its JSON (null on failure,
/// with the CLI's stderr as a warning).
inline nlohmann::json cliJson(const QStringList& args) {
    QProcess cli;
    cli.start(QStringLiteral(KRONSCOPE_CLI),
              args + QStringList{QStringLiteral("--quiet"), QStringLiteral("--json")});
    if (!cli.waitForFinished(300000) || cli.exitCode() != 0) {
        qWarning() << cli.readAllStandardError();
        return {};
    }
    const QList<QByteArray> lines = cli.readAllStandardOutput().trimmed().split('\n');
    return nlohmann::json::parse(lines.last().toStdString());
}

/// The Structure probes page's state for a probe run (`kind` an app::ProbeKind): the whole-matrix source, 36
/// angle bins, S_k up to 12, seed 5, both nulls, small factor first.
template <typename Kind>
QVariantMap probeState(Kind kind, const QString& scope, int block, int draws) {
    return {{QStringLiteral("probe"), static_cast<int>(kind)},
            {QStringLiteral("scope"), scope},
            {QStringLiteral("block_size"), block},
            {QStringLiteral("terms"), 0},
            {QStringLiteral("null_draws"), draws},
            {QStringLiteral("seed"), 5},
            {QStringLiteral("permuted"), true},
            {QStringLiteral("small_first"), true},
            {QStringLiteral("source"), QStringLiteral("whole")},
            {QStringLiteral("bins"), 36},
            {QStringLiteral("max_fold"), 12}};
}

}  // namespace kronscope::test
