// Checkpoint formats in the real main window under Xvfb: a nanoGPT ckpt.pt folder and a pytorch_model.bin
// file open (the model panel says which format and layout were read), a hostile pickle is refused with a
// message naming its global while the open model stays, and File > Save Model as Safetensors writes the same
// checkpoint as `kronscope-cli convert` (same content hash). With KRONSCOPE_SCREENSHOT_DIR set it saves the
// README's screenshot of the model panel on a nanoGPT checkpoint.
#include <QStatusBar>
#include <QTemporaryDir>
#include <QtTest>

#include "document.h"
#include "gui_test_util.h"
#include "jobs/job_manager.h"
#include "main_window.h"
#include "widgets/model_browser.h"

using namespace kronscope;
using app::MainWindow;
using test::cliJson;
using test::shot;
using test::waitForJob;
using test::watchForMessageBox;

namespace {
const QString kTorch = QStringLiteral(KRONSCOPE_TEST_DATA "/torch");
}

class TestFormats : public QObject {
    Q_OBJECT
    QTemporaryDir tmp_;

  private slots:
    void openRefuseAndConvert() {
        QFile::remove(QStringLiteral("/tmp/kronscope-pickle-ran"));
        MainWindow w;
        w.resize(1500, 950);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));

        QVERIFY(waitForJob(w, w.openCheckpoint(kTorch + QStringLiteral("/nanogpt"))));
        QVERIFY(w.document()->model());
        QCOMPARE(QString::fromStdString(w.document()->model()->keyLayout()), QStringLiteral("nanoGPT"));
        const QString summary = w.modelBrowser()->summaryText();
        QVERIFY2(
            summary.contains(QStringLiteral("Format: nanoGPT checkpoint (ckpt.pt, PyTorch zip archive)")),
            qPrintable(summary));
        QVERIFY(summary.contains(QStringLiteral("nanoGPT keys")));
        shot(w, QStringLiteral("formats-nanogpt.png"));

        // A pickle that would run os.system: refused, the nanoGPT model stays open, nothing ran.
        QString* box = watchForMessageBox();
        waitForJob(w, w.openCheckpoint(kTorch + QStringLiteral("/hostile/os_system.pt")));
        QTRY_VERIFY_WITH_TIMEOUT(!box->isEmpty(), 10000);
        QVERIFY2(box->contains(QStringLiteral("\"posix.system\" is not allowed")), qPrintable(*box));
        delete box;
        QCOMPARE(QString::fromStdString(w.document()->model()->keyLayout()), QStringLiteral("nanoGPT"));
        QVERIFY(!QFile::exists(QStringLiteral("/tmp/kronscope-pickle-ran")));

        // Save Model as Safetensors: the same files as the CLI's convert.
        const QString gui_out = tmp_.filePath(QStringLiteral("gui-f16"));
        QVERIFY(waitForJob(w, w.convertModel(gui_out, QStringLiteral("F16"))));
        QVERIFY(QFile::exists(gui_out + QStringLiteral("/model.safetensors")));
        // The message lands one event-loop turn after the job's own "done" line.
        QTRY_VERIFY2_WITH_TIMEOUT(w.statusBar()->currentMessage().contains(QStringLiteral("Wrote ")),
                                  qPrintable(w.statusBar()->currentMessage()), 5000);
        const auto cli = cliJson({QStringLiteral("convert"), QStringLiteral("--model"),
                                  kTorch + QStringLiteral("/nanogpt"), QStringLiteral("--out"),
                                  tmp_.filePath(QStringLiteral("cli-f16")), QStringLiteral("--dtype"),
                                  QStringLiteral("F16")});
        QVERIFY(!cli.is_null());
        const auto info = cliJson({QStringLiteral("info"), QStringLiteral("--model"), gui_out});
        QCOMPARE(QString::fromStdString(info["content_hash"].get<std::string>()),
                 QString::fromStdString(cli["out_hash"].get<std::string>()));
        QVERIFY(w.statusBar()->currentMessage().contains(
            QString::fromStdString(cli["out_hash"].get<std::string>())));
        // Into the folder just written: refused before anything runs.
        QString* again = watchForMessageBox();
        QCOMPARE(w.convertModel(gui_out, QStringLiteral("F32")), 0);
        QVERIFY(again->contains(QStringLiteral("already exists and is not an empty folder")));
        delete again;

        // A pytorch_model.bin named as a file.
        QVERIFY(waitForJob(w, w.openCheckpoint(kTorch + QStringLiteral("/hf-bin/pytorch_model.bin"))));
        QCOMPARE(QString::fromStdString(w.document()->model()->keyLayout()), QStringLiteral("prefixed"));
        QVERIFY(w.modelBrowser()->summaryText().contains(
            QStringLiteral("Format: PyTorch state dict (pytorch_model.bin, zip archive)")));
        QVERIFY(w.modelBrowser()->summaryText().contains(QStringLiteral("hf-bin/pytorch_model.bin")));
    }
};

QTEST_MAIN(TestFormats)
#include "test_formats.moc"
