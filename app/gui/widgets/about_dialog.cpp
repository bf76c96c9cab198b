#include "widgets/about_dialog.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QGuiApplication>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include "kronscope/core/base/build_info.h"
#include "kronscope/views/library_versions.h"

namespace kronscope::app {

QString AboutDialog::versionsText() {
    const auto& b = core::buildInfo();
    QString cuda;
    if (b.cuda_devices > 0)
        cuda = tr("available, %n device(s)", nullptr, b.cuda_devices);
    else
        cuda = tr("not available (this LibTorch build is CPU only or no GPU is visible)");
    return tr("Kronscope %1\nQt %2\nQCustomPlot %3\nLibTorch %4\nVTK %5\nHDF5 %6\nCUDA: %7\nCPU threads: %8")
        .arg(QString::fromStdString(b.app_version), views::qtVersionString(),
             views::qcustomplotVersionString(), QString::fromStdString(b.torch_version),
             views::vtkVersionString(),
             b.hdf5_version.empty() ? tr("not built in") : QString::fromStdString(b.hdf5_version), cuda)
        .arg(b.cpu_threads);
}

AboutDialog::AboutDialog(QWidget* parent) : QDialog(parent) {
    setWindowTitle(tr("About Kronscope"));
    setObjectName(QStringLiteral("aboutDialog"));
    auto* layout = new QVBoxLayout(this);
    auto* icon = new QLabel(this);
    icon->setPixmap(QApplication::windowIcon().pixmap(96, 96));
    icon->setAlignment(Qt::AlignCenter);
    layout->addWidget(icon);
    auto* title =
        new QLabel(tr("<h2>Kronscope</h2><p>Looks for algebraic structure (complex, quaternion, Clifford, "
                      "Kronecker-factored) in the weights of trained transformers.</p>"),
                   this);
    title->setWordWrap(true);
    title->setAlignment(Qt::AlignCenter);
    layout->addWidget(title);
    auto* versions = new QLabel(versionsText(), this);
    versions->setObjectName(QStringLiteral("versionsLabel"));
    versions->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(versions);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto* copy = buttons->addButton(tr("Copy versions"), QDialogButtonBox::ActionRole);
    connect(copy, &QPushButton::clicked, this, [] { QGuiApplication::clipboard()->setText(versionsText()); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

}  // namespace kronscope::app
