#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QLockFile>
#include <QString>

#include <memory>

namespace tessera {

// One buffer saved by the autosave timer.
struct AutosaveEntry {
    QString originalPath; // empty for a buffer that was never saved
    QString title;        // tab title, e.g. "pe_program.csl" or "Untitled 2"
    QString text;
    QDateTime savedAt;
    QString entryFile; // where the entry lives in the store
};

// Unsaved buffers survive a crash or kill: every few seconds the IDE writes each modified
// buffer here. Each running IDE owns one session folder, marked by a QLockFile; a clean
// exit deletes the folder. A folder whose lock is free (its process died) holds buffers
// that can be offered back. Another IDE that is still running keeps its lock, so its
// buffers are never offered twice.
class AutosaveStore {
    Q_DECLARE_TR_FUNCTIONS(AutosaveStore)
  public:
    // `root` is e.g. QStandardPaths::AppDataLocation + "/autosave".
    explicit AutosaveStore(const QString& root);
    // Leaves the session's entries in place (a crash must not lose them); only
    // endSession() deletes them.
    ~AutosaveStore();

    // `key` identifies a buffer for the lifetime of the session (e.g. its path, or
    // "untitled:3").
    bool write(const QString& key, const QString& originalPath, const QString& title,
               const QString& text, QString* error);
    void remove(const QString& key);
    QStringList sessionKeys() const;
    // Clean exit: deletes this session's folder.
    void endSession();

    // Buffers left behind by sessions whose process is gone, newest first.
    QList<AutosaveEntry> orphanedEntries() const;
    // Deletes the entries (once restored or declined) and their emptied session folders.
    void discard(const QList<AutosaveEntry>& entries);

    QString sessionDir() const { return m_sessionDir; }

  private:
    QString entryFileFor(const QString& key) const;

    QString m_root;
    QString m_sessionDir;
    std::unique_ptr<QLockFile> m_lock;
};

} // namespace tessera
