#include "kronscope/views/save_file.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QObject>
#include <QTemporaryFile>
#include <cerrno>
#include <cstdio>
#include <cstring>

namespace kronscope::views {

bool saveAtomically(const QString& path, const std::function<bool(const QString& temporary)>& write,
                    QString* error) {
    const QFileInfo target(path);
    if (target.isDir()) {
        if (error) *error = QObject::tr("%1: is a folder, not a file").arg(path);
        return false;
    }
    // The suffix stays last: writers that choose their format by it (PDF, SVG) see the right one.
    QTemporaryFile temporary(target.absoluteDir().filePath(
        QStringLiteral(".%1.XXXXXX.%2").arg(target.completeBaseName(), target.suffix())));
    temporary.setAutoRemove(false);
    if (!temporary.open()) {
        if (error)
            *error =
                QObject::tr("%1: cannot create a temporary file (%2)").arg(path, temporary.errorString());
        return false;
    }
    const QString tmp = temporary.fileName();
    temporary.close();
    const bool written = write(tmp) && QFileInfo(tmp).size() > 0;
    if (!written) {
        QFile::remove(tmp);
        if (error && error->isEmpty()) *error = QObject::tr("could not write %1").arg(path);
        return false;
    }
    QFile::setPermissions(tmp, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther);
    if (std::rename(QFile::encodeName(tmp).constData(), QFile::encodeName(path).constData()) != 0) {
        const QString reason = QString::fromLocal8Bit(std::strerror(errno));
        QFile::remove(tmp);
        if (error) *error = QObject::tr("%1: cannot replace it (%2)").arg(path, reason);
        return false;
    }
    return true;
}

bool saveBytesAtomically(const QString& path, const QByteArray& bytes, QString* error) {
    return saveAtomically(
        path,
        [&bytes](const QString& tmp) {
            QFile f(tmp);
            return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size() && f.flush();
        },
        error);
}

}  // namespace kronscope::views
