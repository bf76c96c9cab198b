// One implementation per use case: the GUI's Structure map page, Decomposition page and Train dialog and
// `kronscope-cli map`, `decompose` and `train` fill the same core Request and get the same Result. Each case
// runs the real window's job and the real CLI with the same settings and compares every number (to 1e-9
// relative).
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QProcess>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>

#include "pages/decomposition_panel.h"
#include "results/decomposition_view.h"
#include "gui_test_util.h"
#include "jobs/job_manager.h"
#include "kronscope/core/model/checkpoint_writer.h"
#include "main_window.h"
#include "widgets/model_browser.h"
#include "pages/structure_map_panel.h"
#include "results/structure_map_view.h"
#include "widgets/train_dialog.h"

using namespace kronscope;
using app::MainWindow;
using test::waitForJob;

namespace {

bool close(double a, double b) {
    return std::abs(a - b) <= 1e-9 * std::max(1.0, std::abs(b));
}

}  // namespace

class TestGuiCliParity : public QObject {
    Q_OBJECT
    QTemporaryDir tmp_;
    QString model_;

    /// The CLI's last stdout line as JSON (the --json contract); fails the test on a non-zero exit.
    QJsonObject cli(const QStringList& args) {
        QProcess p;
        p.start(QStringLiteral(KRONSCOPE_CLI), args);
        if (!p.waitForFinished(300000) || p.exitCode() != 0) {
            qWarning() << "kronscope-cli" << args << "failed:" << p.readAllStandardError();
            return {};
        }
        const QList<QByteArray> lines = p.readAllStandardOutput().trimmed().split('\n');
        return QJsonDocument::fromJson(lines.last()).object();
    }

  private slots:
    void initTestCase() {
        QVERIFY(tmp_.isValid());
        model_ = tmp_.filePath(QStringLiteral("model"));
        core::Gpt2Config c = core::presetConfig("gpt2");
        c.n_layer = 2;
        c.n_embd = 32;
        c.n_head = 2;
        c.n_positions = 64;
        core::RandomCheckpointOptions o;
        o.seed = 5;
        o.copy_tokenizer = false;
        core::writeRandomCheckpoint(model_.toStdString(), c, o);
    }

    void structureMapAndDecompositionMatchTheCli() {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(waitForJob(w, w.openCheckpoint(model_)));
        QVERIFY(w.model());

        w.structureMapPanel()->setState({{QStringLiteral("metric"), 0},
                                         {QStringLiteral("blocks"), QStringLiteral("2,4,8")},
                                         {QStringLiteral("null_draws"), 4},
                                         {QStringLiteral("targets"), QStringLiteral("attn")}});
        const int map = w.runStructureMap();
        QVERIFY(waitForJob(w, map));
        QCOMPARE(w.jobs()->job(map)->state, app::JobState::Finished);
        const auto& g = w.structureMapView()->result();
        const QJsonObject c =
            cli({QStringLiteral("map"), QStringLiteral("--model"), model_, QStringLiteral("--block-sizes"),
                 QStringLiteral("2,4,8"), QStringLiteral("--null-draws"), QStringLiteral("4"),
                 QStringLiteral("--targets"), QStringLiteral("attn"), QStringLiteral("--json")});
        const QJsonArray values = c.value(QStringLiteral("values")).toArray();
        const QJsonArray nulls = c.value(QStringLiteral("null_mean")).toArray();
        QCOMPARE(values.size(), int(g.values.size()));
        QCOMPARE(int(g.values.size()), 4 * 3);  // 2 layers x 2 attention matrices x 3 block sizes
        for (int i = 0; i < values.size(); ++i) {
            QVERIFY2(close(values[i].toDouble(), g.values[size_t(i)]),
                     qPrintable(QStringLiteral("map cell %1: CLI %2, GUI %3")
                                    .arg(i)
                                    .arg(values[i].toDouble())
                                    .arg(g.values[size_t(i)])));
            QVERIFY(close(nulls[i].toDouble(), g.null_mean[size_t(i)]));
        }
        QCOMPARE(c.value(QStringLiteral("settings")).toString().toStdString(), g.settings);

        w.modelBrowser()->selectMatrix(QStringLiteral("h.1.mlp.c_fc"));
        w.decompositionPanel()->setBlockSize(4);
        const int dec = w.runDecomposition();
        QVERIFY(waitForJob(w, dec));
        QCOMPARE(w.jobs()->job(dec)->state, app::JobState::Finished);
        const auto& d = w.decompositionView()->outcome();
        QCOMPARE(QString::fromStdString(d.request.matrix), QStringLiteral("h.1.mlp.c_fc"));
        const QJsonObject dc =
            cli({QStringLiteral("decompose"), QStringLiteral("--model"), model_, QStringLiteral("--matrix"),
                 QStringLiteral("h.1.mlp.c_fc"), QStringLiteral("--method"), QStringLiteral("kron"),
                 QStringLiteral("--block-size"), QStringLiteral("4"), QStringLiteral("--json")});
        QVERIFY(close(dc.value(QStringLiteral("rel_err")).toDouble(), d.rel_err));
        QCOMPARE(dc.value(QStringLiteral("params")).toInteger(), d.params);
        const QJsonObject gn = dc.value(QStringLiteral("null")).toObject(),
                          pn = dc.value(QStringLiteral("permuted_null")).toObject();
        QVERIFY(close(gn.value(QStringLiteral("mean")).toDouble(), d.null.mean));
        QVERIFY(close(gn.value(QStringLiteral("std")).toDouble(), d.null.std));
        QVERIFY(d.hasPermutedNull());
        QVERIFY(close(pn.value(QStringLiteral("mean")).toDouble(), d.permuted.mean));
        QVERIFY(close(pn.value(QStringLiteral("std")).toDouble(), d.permuted.std));
        QCOMPARE(gn.value(QStringLiteral("draws")).toInt(), d.null.draws);
        // The view shows both nulls, as the CLI prints them.
        QVERIFY(w.decompositionView()->summaryText().contains(QStringLiteral("permuted null")));
    }

    void trainDialogMatchesTheCli() {
        const QString text = tmp_.filePath(QStringLiteral("corpus.txt"));
        {
            QFile f(text);
            QVERIFY(f.open(QIODevice::WriteOnly));
            QByteArray t;
            for (int i = 0; i < 40; ++i)
                t += "The jury further said in term-end presentments that the City Executive Committee "
                     "deserves praise. ";
            f.write(t);
        }
        MainWindow w;
        app::TrainDialog dialog(w.jobs(), &w);
        dialog.setPreset(QStringLiteral("tiny"));
        dialog.setSteps(6);
        dialog.setCorpusFile(text);
        const QString gui_out = tmp_.filePath(QStringLiteral("gui-run"));
        dialog.setOutputDirectory(gui_out);
        dialog.setDevice(QStringLiteral("cpu"));
        const int id = dialog.start();
        QVERIFY(id > 0);
        QVERIFY(waitForJob(w, id));
        QCOMPARE(w.jobs()->job(id)->state, app::JobState::Finished);
        // The same request from the command line: the dialog's visible settings.
        auto value = [&](const char* name) {
            return QString::number(dialog.findChild<QSpinBox*>(QLatin1String(name))->value());
        };
        const QString cli_out = tmp_.filePath(QStringLiteral("cli-run"));
        const QJsonObject c =
            cli({QStringLiteral("train"), QStringLiteral("--corpus"), text, QStringLiteral("--config"),
                 QStringLiteral("tiny"), QStringLiteral("--steps"), QStringLiteral("6"),
                 QStringLiteral("--seed"), value("trainSeed"), QStringLiteral("--batch"), value("trainBatch"),
                 QStringLiteral("--context"), value("trainContext"), QStringLiteral("--out"), cli_out,
                 QStringLiteral("--quiet"), QStringLiteral("--json")});
        QVERIFY(!c.isEmpty());
        auto log = [](const QString& dir) {
            QFile f(dir + QStringLiteral("/training_log.json"));
            return f.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(f.readAll()).object()
                                               : QJsonObject();
        };
        const QJsonObject a = log(gui_out), b = log(cli_out);
        QVERIFY(!a.isEmpty() && !b.isEmpty());
        QJsonObject sa = a.value(QStringLiteral("settings")).toObject(),
                    sb = b.value(QStringLiteral("settings")).toObject();
        sa.remove(QStringLiteral("out_dir"));
        sb.remove(QStringLiteral("out_dir"));
        QVERIFY2(sa == sb, qPrintable(QJsonDocument(sa).toJson(QJsonDocument::Compact) + "\nvs\n" +
                                      QJsonDocument(sb).toJson(QJsonDocument::Compact)));
        const QJsonArray ea = a.value(QStringLiteral("evals")).toArray(),
                         eb = b.value(QStringLiteral("evals")).toArray();
        QCOMPARE(ea.size(), eb.size());
        QVERIFY(ea.size() >= 2);
        for (int i = 0; i < ea.size(); ++i)
            QVERIFY2(close(ea[i].toObject().value(QStringLiteral("train_loss")).toDouble(),
                           eb[i].toObject().value(QStringLiteral("train_loss")).toDouble()),
                     qPrintable(QStringLiteral("eval %1").arg(i)));
        QCOMPARE(a.value(QStringLiteral("corpus")), b.value(QStringLiteral("corpus")));
        QCOMPARE(a.value(QStringLiteral("data")), b.value(QStringLiteral("data")));  // same tokens, same hash
        QVERIFY(close(c.value(QStringLiteral("final_train_loss")).toDouble(),
                      ea.last().toObject().value(QStringLiteral("train_loss")).toDouble()));
    }
};

QTEST_MAIN(TestGuiCliParity)
#include "test_gui_cli_parity.moc"
