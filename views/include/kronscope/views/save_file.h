#pragma once
// Figure and table exports written the way every Kronscope output is (docs/threat-model.md): into a new
// temporary file beside the target (created exclusively, a random name, so a planted link is never
// followed), checked, then renamed onto the target. A failed export leaves the previous file untouched and
// no partial file behind.
#include <QByteArray>
#include <QString>
#include <functional>

namespace kronscope::views {

/// Calls write(temporary_path) (it returns false on failure), then renames the temporary file onto `path`.
/// On failure *error (when given) names the file and the reason; the temporary file is removed.
bool saveAtomically(const QString& path, const std::function<bool(const QString& temporary)>& write,
                    QString* error = nullptr);

/// saveAtomically of `bytes` as they are.
bool saveBytesAtomically(const QString& path, const QByteArray& bytes, QString* error = nullptr);

}  // namespace kronscope::views
