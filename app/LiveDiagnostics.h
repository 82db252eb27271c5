#pragma once

#include <QHash>
#include <QObject>
#include <QSet>
#include <QString>

class QThreadPool;

namespace tessera {

class DiagnosticsModel;
class MainWindow;
struct DiagnosticItem;

// Semantic live diagnostics: when the text of an editor settles, the whole project is
// compiled with csl::compile (its layout file and cslc settings, the same options the
// Build action uses) over the text of every open buffer, saved or not, and the
// diagnostics of every file go into the DiagnosticsModel. Nothing is written to disk.
//
// The compile runs on `pool`, the single-thread pool of the per-file syntax checks: a
// syntax check queued before a compile reports before it, so the compile's fuller result
// for the same revision is the one that stays. At most one compile is in flight; edits
// that arrive meanwhile make it run once more, with the newest text, when it ends. Each
// batch carries the revisions the buffers had when they were read, so the model drops
// results of text that has changed since.
class LiveDiagnostics : public QObject {
    Q_OBJECT
  public:
    LiveDiagnostics(MainWindow* window, DiagnosticsModel* model, QThreadPool* pool,
                    QObject* parent);

    // An editor's text settled (after the debounce): compile now or after the running one.
    void textSettled();
    bool isCompiling() const { return m_running; }

  signals:
    // A compile took its snapshot of the buffers and is queued on the pool.
    void compileStarted();
    // A live compile's diagnostics are in the model; `milliseconds` is the compile alone.
    void compileFinished(qint64 milliseconds);

  private:
    struct Outcome;
    void start();
    void apply(const Outcome& outcome);

    MainWindow* m_window;
    DiagnosticsModel* m_model;
    QThreadPool* m_pool;
    bool m_running = false;
    bool m_pending = false;
    QSet<QString> m_reported; // files that got rows from the last live compile
};

} // namespace tessera
