#include "app/AutosaveStore.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QUuid>

#include <algorithm>

namespace tessera {

namespace {
const QString LockName = QStringLiteral("session.lock");
const QString EntrySuffix = QStringLiteral(".autosave.json");
} // namespace

AutosaveStore::AutosaveStore(const QString& root) : m_root(root) {
    m_sessionDir = QDir(m_root).filePath(QUuid::createUuid().toString(QUuid::WithoutBraces));
    QDir().mkpath(m_sessionDir);
    m_lock = std::make_unique<QLockFile>(QDir(m_sessionDir).filePath(LockName));
    // Only a dead owner makes a lock stale, never its age: an IDE may run for days.
    m_lock->setStaleLockTime(0);
    m_lock->tryLock(0);
    // Sessions that died with nothing unsaved leave an empty folder behind; sweep them.
    const QDir rootDir(m_root);
    for (const QString& session : rootDir.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QDir dir(rootDir.filePath(session));
        if (dir.absolutePath() == QDir(m_sessionDir).absolutePath() ||
            !dir.entryList({QLatin1Char('*') + EntrySuffix}, QDir::Files).isEmpty())
            continue;
        QLockFile probe(dir.filePath(LockName));
        probe.setStaleLockTime(0);
        if (probe.tryLock(0)) {
            probe.unlock();
            dir.removeRecursively();
        }
    }
}

AutosaveStore::~AutosaveStore() = default;

QString AutosaveStore::entryFileFor(const QString& key) const {
    const QByteArray hash =
        QCryptographicHash::hash(key.toUtf8(), QCryptographicHash::Sha1).toHex();
    return QDir(m_sessionDir).filePath(QString::fromLatin1(hash.left(16)) + EntrySuffix);
}

bool AutosaveStore::write(const QString& key, const QString& originalPath, const QString& title,
                          const QString& text, QString* error) {
    QJsonObject object;
    object[QStringLiteral("key")] = key;
    object[QStringLiteral("path")] = originalPath;
    object[QStringLiteral("title")] = title;
    object[QStringLiteral("savedAt")] = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
    object[QStringLiteral("text")] = text;
    const QByteArray bytes = QJsonDocument(object).toJson(QJsonDocument::Compact);
    QSaveFile file(entryFileFor(key));
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        if (error)
            *error = tr("Cannot autosave %1 to %2: %3")
                         .arg(title, QDir::toNativeSeparators(file.fileName()), file.errorString());
        return false;
    }
    return true;
}

void AutosaveStore::remove(const QString& key) {
    QFile::remove(entryFileFor(key));
}

QStringList AutosaveStore::sessionKeys() const {
    QStringList keys;
    QDir dir(m_sessionDir);
    for (const QString& name : dir.entryList({QLatin1Char('*') + EntrySuffix}, QDir::Files)) {
        QFile file(dir.filePath(name));
        if (file.open(QIODevice::ReadOnly))
            keys << QJsonDocument::fromJson(file.readAll())
                        .object()
                        .value(QStringLiteral("key"))
                        .toString();
    }
    keys.sort();
    return keys;
}

void AutosaveStore::endSession() {
    m_lock->unlock();
    QDir(m_sessionDir).removeRecursively();
}

QList<AutosaveEntry> AutosaveStore::orphanedEntries() const {
    QList<AutosaveEntry> entries;
    const QDir root(m_root);
    for (const QString& session : root.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        const QString sessionPath = root.filePath(session);
        if (sessionPath == m_sessionDir)
            continue;
        // A lock we can take belongs to no living process.
        QLockFile probe(QDir(sessionPath).filePath(LockName));
        probe.setStaleLockTime(0);
        if (!probe.tryLock(0))
            continue;
        probe.unlock();
        const QDir dir(sessionPath);
        for (const QString& name : dir.entryList({QLatin1Char('*') + EntrySuffix}, QDir::Files)) {
            QFile file(dir.filePath(name));
            if (!file.open(QIODevice::ReadOnly))
                continue;
            const QJsonObject object = QJsonDocument::fromJson(file.readAll()).object();
            if (!object.value(QStringLiteral("text")).isString())
                continue; // a torn or foreign file; QSaveFile makes this rare
            AutosaveEntry entry;
            entry.originalPath = object.value(QStringLiteral("path")).toString();
            entry.title = object.value(QStringLiteral("title")).toString();
            entry.text = object.value(QStringLiteral("text")).toString();
            entry.savedAt = QDateTime::fromString(
                object.value(QStringLiteral("savedAt")).toString(), Qt::ISODateWithMs);
            entry.entryFile = file.fileName();
            entries << entry;
        }
    }
    std::sort(entries.begin(), entries.end(),
              [](const AutosaveEntry& a, const AutosaveEntry& b) { return a.savedAt > b.savedAt; });
    return entries;
}

void AutosaveStore::discard(const QList<AutosaveEntry>& entries) {
    QStringList sessions;
    for (const AutosaveEntry& entry : entries) {
        QFile::remove(entry.entryFile);
        const QString session = QFileInfo(entry.entryFile).absolutePath();
        if (!sessions.contains(session))
            sessions << session;
    }
    for (const QString& session : sessions) {
        QDir dir(session);
        if (session != m_sessionDir &&
            dir.entryList({QLatin1Char('*') + EntrySuffix}, QDir::Files).isEmpty())
            dir.removeRecursively();
    }
}

} // namespace tessera
