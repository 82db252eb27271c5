// Fault tests of saving (issue 8): a full disk and a read-only target. File > Save must
// fail with an error box that names the file and the reason, leave the old file byte for
// byte as it was, and keep the edit: the buffer stays modified and its autosaved copy is
// kept for crash recovery. Saving works again once the fault is gone.
//   Disk full: RLIMIT_FSIZE below the buffer's size, so write() fails part-way with EFBIG
//     exactly as on a full disk (no root, no mount needed; SIGXFSZ is ignored, or the
//     kernel would kill the process instead of failing the write).
//   Read-only target, two ways, each skipped only where its mechanism does not exist:
//     - a directory and file without write permission. Root ignores permission bits, so
//       as root the save runs with the file system uid of an unprivileged user
//       (setfsuid, which drops CAP_DAC_OVERRIDE for the calling thread only; needs
//       CAP_SETUID, which root has even in a default Docker container).
//     - an immutable file (FS_IOC_SETFLAGS, as chattr +i) in a writable directory:
//       refused even for root (QSaveFile's writability check, access(2), honours the
//       attribute; the final rename would be refused too). Needs CAP_LINUX_IMMUTABLE
//       (root outside Docker's default capability set) and a file system with the
//       attribute (ext4, xfs, btrfs).
#include "app/MainWindow.h"
#include "widgets/CslEditor.h"
#include "widgets/EditorPane.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QMessageBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <linux/fs.h>
#include <sys/fsuid.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace tessera;

namespace {

QByteArray readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QByteArray encoded(const QString& path) {
    return QFile::encodeName(path);
}

// Sets or clears the immutable attribute. Empty on success, else why not.
QString setImmutable(const QString& path, bool on) {
    const int fd = ::open(encoded(path).constData(), O_RDONLY);
    if (fd < 0)
        return QString::fromLocal8Bit(std::strerror(errno));
    int flags = 0;
    QString problem;
    if (::ioctl(fd, FS_IOC_GETFLAGS, &flags) != 0)
        problem = QString::fromLocal8Bit(std::strerror(errno));
    else {
        flags = on ? (flags | FS_IMMUTABLE_FL) : (flags & ~FS_IMMUTABLE_FL);
        if (::ioctl(fd, FS_IOC_SETFLAGS, &flags) != 0)
            problem = QString::fromLocal8Bit(std::strerror(errno));
    }
    ::close(fd);
    return problem;
}

// Lowers the file size limit for its lifetime; SIGXFSZ is ignored so write() returns EFBIG.
class FileSizeLimit {
  public:
    explicit FileSizeLimit(rlim_t bytes) {
        ::getrlimit(RLIMIT_FSIZE, &m_old);
        m_oldHandler = std::signal(SIGXFSZ, SIG_IGN);
        rlimit lowered = m_old;
        lowered.rlim_cur = bytes;
        m_ok = ::setrlimit(RLIMIT_FSIZE, &lowered) == 0;
    }
    ~FileSizeLimit() {
        ::setrlimit(RLIMIT_FSIZE, &m_old);
        std::signal(SIGXFSZ, m_oldHandler);
    }
    bool ok() const { return m_ok; }

  private:
    rlimit m_old{};
    void (*m_oldHandler)(int) = nullptr;
    bool m_ok = false;
};

// Runs file operations of this thread as an unprivileged user while it lives (root only:
// for anyone else permissions already apply). setfsuid is per thread; the IDE saves on
// the GUI thread, which is this one.
class UnprivilegedFiles {
  public:
    UnprivilegedFiles() {
        if (::geteuid() != 0)
            return;
        constexpr uid_t nobody = 65534;
        ::setfsuid(nobody);
        m_dropped = ::setfsuid(uid_t(-1)) == nobody; // setfsuid answers the previous id
    }
    ~UnprivilegedFiles() {
        if (m_dropped)
            ::setfsuid(0);
    }
    UnprivilegedFiles(const UnprivilegedFiles&) = delete;
    UnprivilegedFiles& operator=(const UnprivilegedFiles&) = delete;
    bool ok() const { return ::geteuid() != 0 || m_dropped; }

  private:
    bool m_dropped = false;
};

// Whether this thread can create a file in `dir` (what QSaveFile needs first) and open
// `file` for writing: the probes that the read-only mechanism took.
bool canCreateIn(const QString& dir) {
    const QByteArray probe = encoded(dir + QStringLiteral("/.tst_savefaults_probe"));
    const int fd = ::open(probe.constData(), O_WRONLY | O_CREAT | O_EXCL, 0644);
    if (fd < 0)
        return false;
    ::close(fd);
    ::unlink(probe.constData());
    return true;
}

bool canWrite(const QString& file) {
    const int fd = ::open(encoded(file).constData(), O_WRONLY);
    if (fd >= 0)
        ::close(fd);
    return fd >= 0;
}

QAction* menuAction(MainWindow& window, const QString& text) {
    for (QAction* action : window.findChildren<QAction*>())
        if (action->text() == text)
            return action;
    return nullptr;
}

// Triggers `action` and returns the text of the error box it opens ("title: text"),
// closing the box; empty when none opened.
QString errorBoxOf(QAction* action) {
    QString shown;
    QTimer poll;
    poll.setInterval(5);
    QObject::connect(&poll, &QTimer::timeout, [&] {
        if (auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget())) {
            if (shown.isEmpty())
                shown = box->windowTitle() + QStringLiteral(": ") + box->text();
            box->done(QMessageBox::Ok);
        }
    });
    poll.start();
    action->trigger();
    return shown;
}

// The autosaved copies of this window's session contain `text`.
bool autosaveHas(MainWindow& window, const QByteArray& text) {
    if (window.autosaveStore().sessionKeys().size() != 1)
        return false;
    const QDir session(window.autosaveStore().sessionDir());
    for (const QString& name : session.entryList(QDir::Files))
        if (readAll(session.filePath(name)).contains(text))
            return true;
    return false;
}

} // namespace

class TestSaveFaults : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init() {
        m_tmp = std::make_unique<QTemporaryDir>();
        QVERIFY(m_tmp->isValid());
        QString error;
        m_root = MainWindow::copyExample(QStringLiteral("gemv-single-pe"), m_tmp->path(), &error);
        QVERIFY2(!m_root.isEmpty(), qPrintable(error));
        m_file = m_root + QStringLiteral("/pe_program.csl");
        m_before = readAll(m_file);
        QVERIFY(!m_before.isEmpty());
    }

    void cleanup() {
        // Whatever a failed test left behind, the temporary directory must go away.
        setImmutable(m_file, false);
        ::chmod(encoded(m_root).constData(), 0755);
        ::chmod(encoded(m_file).constData(), 0644);
        m_tmp.reset();
    }

    void diskFullKeepsOldFileAndEdit_data() {
        QTest::addColumn<int>("comments");
        QTest::addColumn<int>("limit");
        // Above and below Qt's 16 KiB write buffer. A buffered small file used to be written
        // only by the flush in QSaveFile::commit(), which ignores a failed flush: the save
        // reported success and left a truncated file.
        QTest::newRow("64 KiB") << 64 * 1024 / 18 << 16 * 1024;
        QTest::newRow("2 KiB") << 40 << 1024;
    }

    void diskFullKeepsOldFileAndEdit() {
        QFETCH(int, comments);
        QFETCH(int, limit);
        MainWindow window;
        QString error;
        QVERIFY2(window.openProject(m_root, &error), qPrintable(error));
        EditorPane* pane = window.openFile(m_file, &error);
        QVERIFY2(pane, qPrintable(error));
        QAction* save = menuAction(window, QStringLiteral("&Save"));
        QVERIFY(save);
        const QString edited =
            pane->editor()->text() + QStringLiteral("// a long comment\n").repeated(comments);
        QVERIFY(edited.size() > limit);
        pane->editor()->setText(edited);
        QVERIFY(pane->isModified());
        window.autosaveNow(); // as the autosave timer does before the save
        QString shown;
        {
            FileSizeLimit lowered{rlim_t(limit)};
            QVERIFY(lowered.ok());
            shown = errorBoxOf(save);
        }
        qInfo("error shown: %s", qPrintable(shown));
        QVERIFY2(shown.contains(QDir::toNativeSeparators(m_file)), qPrintable(shown));
        QVERIFY2(shown.contains(QString::fromLocal8Bit(std::strerror(EFBIG))), qPrintable(shown));
        QCOMPARE(readAll(m_file), m_before);
        QVERIFY(pane->isModified());
        QCOMPARE(pane->editor()->text(), edited);
        QVERIFY(autosaveHas(window, "// a long comment"));
        // No half-written temporary file is left beside it.
        const QStringList left = QDir(m_root).entryList(QDir::Files | QDir::Hidden);
        QVERIFY2(left.filter(QStringLiteral("pe_program.csl")) ==
                     QStringList{QStringLiteral("pe_program.csl")},
                 qPrintable(left.join(QLatin1Char(' '))));
        // With space again, the same buffer saves and its autosaved copy goes.
        QVERIFY(errorBoxOf(save).isEmpty());
        QCOMPARE(readAll(m_file), edited.toUtf8());
        QVERIFY(!pane->isModified());
        QVERIFY(window.autosaveStore().sessionKeys().isEmpty());
    }

    void readOnlyTargetKeepsOldFileAndEdit_data() {
        QTest::addColumn<bool>("immutable");
        QTest::newRow("directory without write permission") << false;
        QTest::newRow("immutable file") << true;
    }

    void readOnlyTargetKeepsOldFileAndEdit() {
        QFETCH(bool, immutable);
        MainWindow window;
        QString error;
        QVERIFY2(window.openProject(m_root, &error), qPrintable(error));
        EditorPane* pane = window.openFile(m_file, &error);
        QVERIFY2(pane, qPrintable(error));
        QAction* save = menuAction(window, QStringLiteral("&Save"));
        QVERIFY(save);
        const QString edited = QStringLiteral("// edited\n") + pane->editor()->text();
        pane->editor()->setText(edited);
        window.autosaveNow();
        QVERIFY(autosaveHas(window, "// edited"));

        QString shown;
        if (immutable) {
            const QString problem = setImmutable(m_file, true);
            if (!problem.isEmpty())
                QSKIP(qPrintable(QStringLiteral("cannot set the immutable attribute here (%1): "
                                                "it needs CAP_LINUX_IMMUTABLE and ext4/xfs/btrfs")
                                     .arg(problem)));
            QVERIFY2(!canWrite(m_file), "the immutable file is still writable");
            shown = errorBoxOf(save);
            QVERIFY(setImmutable(m_file, false).isEmpty());
        } else {
            // The unprivileged user must reach the project: the temporary dir is 0700.
            QVERIFY(::chmod(encoded(m_tmp->path()).constData(), 0711) == 0);
            QVERIFY(::chmod(encoded(m_root).constData(), 0555) == 0);
            QVERIFY(::chmod(encoded(m_file).constData(), 0444) == 0);
            {
                UnprivilegedFiles unprivileged;
                if (!unprivileged.ok())
                    QSKIP("running as root without CAP_SETUID: cannot drop the file system "
                          "uid, and root writes into a directory without write permission");
                if (canCreateIn(m_root) || canWrite(m_file))
                    QSKIP("the directory without write permission is still writable here "
                          "(a file system that ignores permissions?)");
                shown = errorBoxOf(save);
            }
            QVERIFY(::chmod(encoded(m_root).constData(), 0755) == 0);
            QVERIFY(::chmod(encoded(m_file).constData(), 0644) == 0);
        }
        qInfo("error shown: %s", qPrintable(shown));
        QVERIFY2(shown.contains(QDir::toNativeSeparators(m_file)), qPrintable(shown));
        // The reason: QSaveFile's check of the file ("Existing file ... is not writable",
        // access(2) as the process's real user) or the failed create/rename (errno).
        const QString reason = QString::fromLocal8Bit(std::strerror(immutable ? EPERM : EACCES));
        QVERIFY2(shown.contains(QStringLiteral("is not writable")) || shown.contains(reason),
                 qPrintable(shown));
        QCOMPARE(readAll(m_file), m_before);
        QVERIFY(pane->isModified());
        QCOMPARE(pane->editor()->text(), edited);
        QVERIFY(autosaveHas(window, "// edited"));
        const QStringList left = QDir(m_root).entryList(QDir::Files | QDir::Hidden);
        QVERIFY2(left.filter(QStringLiteral("pe_program.csl")) ==
                     QStringList{QStringLiteral("pe_program.csl")},
                 qPrintable(left.join(QLatin1Char(' '))));

        // Writable again: the same buffer saves.
        QVERIFY(errorBoxOf(save).isEmpty());
        QCOMPARE(readAll(m_file), edited.toUtf8());
        QVERIFY(!pane->isModified());
    }

  private:
    std::unique_ptr<QTemporaryDir> m_tmp;
    QString m_root, m_file;
    QByteArray m_before;
};

QTEST_MAIN(TestSaveFaults)
#include "tst_savefaults.moc"
