#include "widgets/experiment_pages.h"

#include <QComboBox>
#include <QFont>
#include <QLabel>
#include <QScrollArea>
#include <QScrollBar>
#include <algorithm>
#include <QStackedWidget>
#include <QStandardItemModel>
#include <QVBoxLayout>

namespace kronscope::app {

namespace {
constexpr int kPageRole = Qt::UserRole + 1;  // the page's index in the stack; -1 for group headers
}

ExperimentPages::ExperimentPages(QWidget* parent) : QWidget(parent) {
    chooser_ = new QComboBox(this);
    chooser_->setObjectName(QStringLiteral("experimentPageChooser"));
    chooser_->setMaxVisibleItems(24);
    chooser_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    chooser_->setMinimumContentsLength(16);
    stack_ = new QStackedWidget(this);
    scroll_ = new QScrollArea(this);
    scroll_->setWidgetResizable(true);
    scroll_->setFrameShape(QFrame::NoFrame);
    scroll_->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);  // never cut off, even on a tiny screen
    scroll_->setWidget(stack_);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(chooser_);
    layout->addWidget(scroll_, 1);
    connect(chooser_, &QComboBox::currentIndexChanged, this, [this](int i) {
        const int page = chooser_->itemData(i, kPageRole).toInt();
        if (page < 0 || page >= stack_->count()) return;
        // Only the page in use sets the stack's size: no empty scrolling below a short page, no scroll bar
        // for a page wider than this one.
        for (int k = 0; k < stack_->count(); ++k)  // Ignored both ways: the stack sizes to this page alone
            stack_->widget(k)->setSizePolicy(k == page ? QSizePolicy::Preferred : QSizePolicy::Ignored,
                                             k == page ? QSizePolicy::Preferred : QSizePolicy::Ignored);
        stack_->setCurrentIndex(page);
        stack_->adjustSize();
        // The dock as wide as the page in use needs (its fields filled since it was added).
        scroll_->setMinimumWidth(stack_->currentWidget()->minimumSizeHint().width() +
                                 scroll_->verticalScrollBar()->sizeHint().width() + 4);
        // The stack is as tall as its tallest page; show the current one from its top.
        scroll_->ensureVisible(0, 0);
        emit currentChanged(stack_->currentWidget());
    });
}

void ExperimentPages::addGroup(const QString& title) {
    chooser_->addItem(title);
    const int i = chooser_->count() - 1;
    chooser_->setItemData(i, -1, kPageRole);
    if (auto* model = qobject_cast<QStandardItemModel*>(chooser_->model())) {
        QStandardItem* item = model->item(i);
        item->setFlags(item->flags() & ~(Qt::ItemIsSelectable | Qt::ItemIsEnabled));
        QFont f = item->font();
        f.setBold(true);
        item->setFont(f);
    }
}

void ExperimentPages::addPage(QWidget* page, const QString& title) {
    const int index = stack_->addWidget(page);
    chooser_->addItem(QStringLiteral("    ") + title);
    chooser_->setItemData(chooser_->count() - 1, index, kPageRole);
    page->setProperty("experimentPageTitle", title);
    page->setSizePolicy(index == 0 ? QSizePolicy::Preferred : QSizePolicy::Ignored,
                        index == 0 ? QSizePolicy::Preferred : QSizePolicy::Ignored);
    if (index == 0)  // as wide as the first page needs; later pages set it when shown
        scroll_->setMinimumWidth(page->minimumSizeHint().width() +
                                 scroll_->verticalScrollBar()->sizeHint().width() + 4);
    if (index == 0) chooser_->setCurrentIndex(chooser_->count() - 1);
}

void ExperimentPages::setCurrentWidget(QWidget* page) {
    const int index = stack_->indexOf(page);
    if (index < 0) return;
    for (int i = 0; i < chooser_->count(); ++i)
        if (chooser_->itemData(i, kPageRole).toInt() == index) chooser_->setCurrentIndex(i);
}

QWidget* ExperimentPages::currentWidget() const {
    return stack_->currentWidget();
}

int ExperimentPages::count() const {
    return stack_->count();
}

QWidget* ExperimentPages::widget(int index) const {
    return stack_->widget(index);
}

QString ExperimentPages::pageTitle(QWidget* page) const {
    return stack_->indexOf(page) >= 0 ? page->property("experimentPageTitle").toString() : QString();
}

}  // namespace kronscope::app
