// AutosaveStore: entries survive a session that ends without endSession (a crash), are
// offered to the next session, are never offered while their session is alive, and are
// gone after a clean exit.

#include "app/AutosaveStore.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using tessera::AutosaveEntry;
using tessera::AutosaveStore;

class TestAutosaveStore : public QObject {
    Q_OBJECT

  private slots:
    void crashedSessionIsOffered() {
        QTemporaryDir root;
        QString error;
        auto crashed = std::make_unique<AutosaveStore>(root.path());
        QVERIFY2(crashed->write(QStringLiteral("/p/pe.csl"), QStringLiteral("/p/pe.csl"),
                                QStringLiteral("pe.csl"), QStringLiteral("var ü: i16 = 1;\n"),
                                &error),
                 qPrintable(error));
        QVERIFY(crashed->write(QStringLiteral("untitled:Untitled 1"), QString(),
                               QStringLiteral("Untitled 1"), QStringLiteral("scratch"), &error));
        // Rewriting a buffer replaces its entry.
        QVERIFY(crashed->write(QStringLiteral("/p/pe.csl"), QStringLiteral("/p/pe.csl"),
                               QStringLiteral("pe.csl"), QStringLiteral("var ü: i16 = 2;\n"),
                               &error));
        QCOMPARE(crashed->sessionKeys().size(), 2);

        // While the session lives, another store does not see its buffers.
        AutosaveStore observer(root.path());
        QVERIFY(observer.orphanedEntries().isEmpty());

        // The process dies: no endSession(), the lock goes with it.
        const QString crashedDir = crashed->sessionDir();
        crashed.reset();
        QVERIFY(QDir(crashedDir).exists());

        AutosaveStore next(root.path());
        const QList<AutosaveEntry> entries = next.orphanedEntries();
        QCOMPARE(entries.size(), 2);
        const auto pe = std::find_if(entries.begin(), entries.end(), [](const AutosaveEntry& e) {
            return e.title == QLatin1String("pe.csl");
        });
        QVERIFY(pe != entries.end());
        QCOMPARE(pe->originalPath, QStringLiteral("/p/pe.csl"));
        QCOMPARE(pe->text, QStringLiteral("var ü: i16 = 2;\n"));
        QVERIFY(pe->savedAt.isValid());

        next.discard(entries);
        QVERIFY(next.orphanedEntries().isEmpty());
        QVERIFY(!QDir(crashedDir).exists());
    }

    void cleanExitLeavesNothing() {
        QTemporaryDir root;
        {
            AutosaveStore store(root.path());
            QVERIFY(store.write(QStringLiteral("k"), QString(), QStringLiteral("t"),
                                QStringLiteral("x"), nullptr));
            store.remove(QStringLiteral("k"));
            QVERIFY(store.sessionKeys().isEmpty());
            QVERIFY(store.write(QStringLiteral("k"), QString(), QStringLiteral("t"),
                                QStringLiteral("x"), nullptr));
            store.endSession();
        }
        AutosaveStore next(root.path());
        QVERIFY(next.orphanedEntries().isEmpty());
        // Only the new session's folder is left.
        QCOMPARE(QDir(root.path()).entryList(QDir::Dirs | QDir::NoDotAndDotDot).size(), 1);
    }

    void emptyDeadSessionsAreSwept() {
        QTemporaryDir root;
        { AutosaveStore crashedWithNothingUnsaved(root.path()); }
        AutosaveStore next(root.path());
        QCOMPARE(QDir(root.path()).entryList(QDir::Dirs | QDir::NoDotAndDotDot),
                 QStringList{QFileInfo(next.sessionDir()).fileName()});
    }

    void unwritableRootReportsError() {
        AutosaveStore store(QStringLiteral("/proc/tessera-cannot-write-here"));
        QString error;
        QVERIFY(!store.write(QStringLiteral("k"), QString(), QStringLiteral("layout.csl"),
                             QStringLiteral("x"), &error));
        QVERIFY2(error.contains(QStringLiteral("layout.csl")), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestAutosaveStore)
#include "tst_autosavestore.moc"
