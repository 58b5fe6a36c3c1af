// FileWatcher on real files: a replace (write, then rename over) and a burst of in-place writes each give one
// changed() after the writes stop; other files in the directory and a file put back unchanged give none.
#include "filewatcher.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>

using namespace jitscope::ui;

class TestFileWatcher : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;

    QString path(const char* name) const { return m_dir.filePath(QLatin1String(name)); }
    static void write(const QString& file, const QByteArray& bytes)
    {
        QFile out(file);
        QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
        out.write(bytes);
    }

private Q_SLOTS:
    void replacedFileIsReportedOnce()
    {
        write(path("a.pt"), "one");
        FileWatcher watcher;
        watcher.watch(path("a.pt"));
        QSignalSpy changed(&watcher, &FileWatcher::changed);
        write(path("a.pt.tmp"), "two, longer");
        QVERIFY(std::rename(qPrintable(path("a.pt.tmp")), qPrintable(path("a.pt"))) == 0);
        QVERIFY(changed.wait(3000));
        QCOMPARE(changed.takeFirst().at(0).toString(), path("a.pt"));
        // Replaced again: the new inode is watched too.
        write(path("a.pt.tmp"), "three");
        QVERIFY(std::rename(qPrintable(path("a.pt.tmp")), qPrintable(path("a.pt"))) == 0);
        QVERIFY(changed.wait(3000));
        QTest::qWait(700);
        QCOMPARE(changed.count(), 1);
    }

    void burstOfWritesIsOneChangeAfterTheLast()
    {
        write(path("b.pt"), "start");
        FileWatcher watcher;
        watcher.watch(path("b.pt"));
        QSignalSpy changed(&watcher, &FileWatcher::changed);
        QFile out(path("b.pt"));
        QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
        QElapsedTimer sinceLastWrite;
        for (int i = 0; i < 12; ++i) {
            out.write(QByteArray(1000, char('a' + i)));
            out.flush();
            sinceLastWrite.start();
            QTest::qWait(80);
            QCOMPARE(changed.count(), 0);
        }
        out.close();
        QVERIFY(changed.wait(3000));
        QVERIFY2(sinceLastWrite.elapsed() >= watcher.settleMs(), "reported before the writes had settled");
        QTest::qWait(800);
        QCOMPARE(changed.count(), 1);
    }

    void neighboursAndUnchangedFilesAreQuiet()
    {
        write(path("c.pt"), "content");
        FileWatcher watcher;
        watcher.watch(path("c.pt"));
        QSignalSpy changed(&watcher, &FileWatcher::changed);
        write(path("other.pt"), "something else");
        QFile::remove(path("other.pt"));
        QTest::qWait(900);
        QCOMPARE(changed.count(), 0);
        // Stopped watching: nothing either.
        watcher.watch(QString());
        write(path("c.pt"), "changed while not watched");
        QTest::qWait(900);
        QCOMPARE(changed.count(), 0);
    }

    void deletedThenWrittenAgainIsReported()
    {
        write(path("d.pt"), "before");
        FileWatcher watcher;
        watcher.watch(path("d.pt"));
        QSignalSpy changed(&watcher, &FileWatcher::changed);
        QVERIFY(QFile::remove(path("d.pt")));
        QTest::qWait(800);
        QCOMPARE(changed.count(), 0); // missing is not a version to load
        write(path("d.pt"), "after, at last");
        QVERIFY(changed.wait(3000));
    }
};

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    TestFileWatcher test;
    return QTest::qExec(&test, argc, argv);
}

#include "test_filewatcher.moc"
