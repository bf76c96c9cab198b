#include "widgets/model_browser.h"

#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTextDocument>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace kronscope::app {

ModelBrowser::ModelBrowser(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("modelBrowser"));
    summary_ =
        new QLabel(tr("No checkpoint open. File > Open Checkpoint… or drop a checkpoint folder here."), this);
    summary_->setWordWrap(true);
    summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    tree_ = new QTreeWidget(this);
    tree_->setObjectName(QStringLiteral("matrixTree"));
    tree_->setHeaderLabels({tr("Matrix"), tr("Shape (in × out)"), tr("Weights")});
    tree_->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(summary_);
    layout->addWidget(tree_, 1);
    connect(tree_, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem* item) {
        if (item && !item->data(0, Qt::UserRole).toString().isEmpty())
            emit matrixSelected(item->data(0, Qt::UserRole).toString());
    });
}

void ModelBrowser::setModel(const core::Gpt2Model* model) {
    tree_->clear();
    if (!model) {
        summary_->setText(tr("No checkpoint open."));
        return;
    }
    const auto& c = model->config();
    const QLocale loc;
    const auto mats = model->matrices();
    qint64 total = 0;
    for (const auto& m : mats) total += m.params();
    summary_->setText(
        tr("<b>%1</b><br>%2: %3 layers, n_embd %4, %5 heads, vocab %6, n_positions %7<br>"
           "Stored as %8 (%9 keys). %10 block matrices, %11 weights.<br>Format: %12")
            .arg(QString::fromStdString(model->source()).toHtmlEscaped(),
                 QString::fromStdString(c.sizeName()))
            .arg(c.n_layer)
            .arg(c.n_embd)
            .arg(c.n_head)
            .arg(c.vocab_size)
            .arg(c.n_positions)
            .arg(QString::fromStdString(model->storedDtype()), QString::fromStdString(model->keyLayout()))
            .arg(mats.size())
            .arg(loc.toString(total))
            .arg(QString::fromStdString(model->format()).toHtmlEscaped()));
    QTreeWidgetItem* layer_item = nullptr;
    int current_layer = -1;
    for (const auto& m : mats) {
        if (m.layer != current_layer) {
            current_layer = m.layer;
            layer_item = new QTreeWidgetItem(tree_);
            layer_item->setText(0, tr("Layer %1").arg(m.layer));
            layer_item->setExpanded(m.layer == 0);
        }
        auto* item = new QTreeWidgetItem(layer_item);
        item->setText(0, QString::fromStdString(m.kind));
        item->setText(1, QStringLiteral("%1 × %2").arg(m.rows).arg(m.cols));
        item->setText(2, loc.toString(static_cast<qint64>(m.params())));
        item->setData(0, Qt::UserRole, QString::fromStdString(m.name));
        item->setToolTip(0, QString::fromStdString(m.name));
    }
}

QString ModelBrowser::selectedMatrix() const {
    auto* item = tree_->currentItem();
    return item ? item->data(0, Qt::UserRole).toString() : QString();
}

void ModelBrowser::selectMatrix(const QString& name) {
    for (QTreeWidgetItemIterator it(tree_); *it; ++it) {
        if ((*it)->data(0, Qt::UserRole).toString() == name) {
            if ((*it)->parent()) (*it)->parent()->setExpanded(true);
            tree_->setCurrentItem(*it);
            return;
        }
    }
}

QString ModelBrowser::summaryText() const {
    QTextDocument doc;
    doc.setHtml(summary_->text());
    return doc.toPlainText();
}

}  // namespace kronscope::app
