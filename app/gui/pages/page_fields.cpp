#include "pages/page_fields.h"

#include <QCoreApplication>
#include <QStringList>

#include "kronscope/core/base/error.h"

namespace kronscope::app {

std::vector<int64_t> blockSizesFrom(const QString& text) {
    std::vector<int64_t> out;
    for (const QString& part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        bool ok = false;
        const qlonglong n = part.trimmed().toLongLong(&ok);
        if (!ok || n < 1)
            throw core::InputError(QCoreApplication::translate("kronscope::app::SweepPanel",
                                                               "block sizes: '%1' is not a positive integer")
                                       .arg(part.trimmed())
                                       .toStdString());
        out.push_back(n);
    }
    return out;
}

}  // namespace kronscope::app
