// Helpers of the demo tests (tst_examplesgallery, tst_presentationmode): edits of a copied
// example project. Each returns false with `error` naming the file on failure.
#pragma once

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QString>

namespace demofixture {

inline bool replaceInFile(const QString& path, const QString& before, const QString& after,
                          QString* error) {
    QFile in(path);
    if (!in.open(QIODevice::ReadOnly)) {
        *error = path + QStringLiteral(": ") + in.errorString();
        return false;
    }
    QString text = QString::fromUtf8(in.readAll());
    if (!text.contains(before)) {
        *error = path + QStringLiteral(": no \"") + before + QStringLiteral("\" in it");
        return false;
    }
    text.replace(before, after);
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly) || out.write(text.toUtf8()) < 0 || !out.commit()) {
        *error = path + QStringLiteral(": ") + out.errorString();
        return false;
    }
    return true;
}

// game-of-life's project compiled for a side×side grid (its README: smaller grids work,
// the fabric at least width+7 × height+2), so a test runs it in a fraction of the time.
inline bool shrinkGameOfLife(const QString& root, int side, QString* error) {
    const QString path = root + QStringLiteral("/tessera.json");
    QFile in(path);
    if (!in.open(QIODevice::ReadOnly)) {
        *error = path + QStringLiteral(": ") + in.errorString();
        return false;
    }
    QJsonObject project = QJsonDocument::fromJson(in.readAll()).object();
    QJsonObject compile = project.value(QStringLiteral("compile")).toObject();
    QJsonObject params = compile.value(QStringLiteral("params")).toObject();
    if (!params.contains(QStringLiteral("width")) || !params.contains(QStringLiteral("height"))) {
        *error = path + QStringLiteral(": no width/height params");
        return false;
    }
    params.insert(QStringLiteral("width"), side);
    params.insert(QStringLiteral("height"), side);
    compile.insert(QStringLiteral("params"), params);
    compile.insert(QStringLiteral("fabricDims"), QJsonArray{side + 7, side + 2});
    project.insert(QStringLiteral("compile"), compile);
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly) || out.write(QJsonDocument(project).toJson()) < 0 ||
        !out.commit()) {
        *error = path + QStringLiteral(": ") + out.errorString();
        return false;
    }
    return true;
}

} // namespace demofixture
