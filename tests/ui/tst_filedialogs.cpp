// FileDialogs: a file dialog listing a folder must not read the SQLite databases in
// it. Reading one means opening and closing it in this process, which drops every
// lock the process holds on that database: here, a read transaction's SHARED lock,
// checked from outside by a sqlite3 process that tries to write.

#include "filedialogs.h"

#include <QFile>
#include <QFileDialog>
#include <QFileSystemModel>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using backstep::ui::FileDialogs;

namespace {

// What a sqlite3 process says when it tries to write `path`.
QString writeFromAnotherProcess(const QString& path)
{
    QProcess writer;
    writer.setProcessChannelMode(QProcess::MergedChannels);
    writer.start(u"sqlite3"_s, { u"-cmd"_s, u".timeout 100"_s, path, u"INSERT INTO notes (body) VALUES ('outside')"_s });
    if (!writer.waitForFinished(10000))
        return u"sqlite3 did not finish"_s;
    return QString::fromLocal8Bit(writer.readAll()).trimmed() + u" (exit %1)"_s.arg(writer.exitCode());
}

} // namespace

class TestFileDialogs : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void listingAFolderKeepsItsDatabasesLocked_data()
    {
        QTest::addColumn<QString>("fileName");
        QTest::newRow("*.db (type not settled by the name)") << u"app.db"_s;
        QTest::newRow("*.sqlite3") << u"app.sqlite3"_s;
    }
    void listingAFolderKeepsItsDatabasesLocked()
    {
        QFETCH(QString, fileName);
        QTemporaryDir dir;
        const QString path = dir.filePath(fileName);
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"holder"_s);
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery query(db);
            QVERIFY(query.exec(u"CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)"_s));
            // A read transaction: SHARED from the first read until COMMIT.
            QVERIFY(query.exec(u"BEGIN"_s));
            QVERIFY(query.exec(u"SELECT count(*) FROM notes"_s));
            QVERIFY(query.next());
            query.finish();
            QVERIFY2(writeFromAnotherProcess(path).contains(u"locked"_s), "the lock does not hold to begin with");

            std::unique_ptr<QFileDialog> dialog(FileDialogs::create(nullptr, u"Open"_s, dir.path(), u"All files (*)"_s));
            dialog->setViewMode(QFileDialog::Detail); // the Type column asks for every file's type
            dialog->show();
            auto* model = dialog->findChild<QFileSystemModel*>();
            QVERIFY(model);
            QTRY_VERIFY_WITH_TIMEOUT(model->index(path).isValid(), 5000);
            const QModelIndex type = model->index(path).siblingAtColumn(2);
            QTRY_VERIFY_WITH_TIMEOUT(!model->data(type).toString().isEmpty(), 5000);
            QTest::qWait(300); // the model's gatherer thread, done with the folder

            // For a person to look at: BACKSTEP_TEST_GRABS=folder keeps a picture.
            if (const QString grabs = qEnvironmentVariable("BACKSTEP_TEST_GRABS"); !grabs.isEmpty())
                QVERIFY(dialog->grab().save(grabs + u"/file-dialog-"_s + fileName + u".png"_s));

            const QString outcome = writeFromAnotherProcess(path);
            QVERIFY2(outcome.contains(u"locked"_s), qPrintable(u"the dialog dropped the lock: "_s + outcome));
            QVERIFY(query.exec(u"COMMIT"_s));
        }
        QSqlDatabase::removeDatabase(u"holder"_s);
    }

    void dialogsAreQtsOwn()
    {
        std::unique_ptr<QFileDialog> dialog(FileDialogs::create(nullptr, u"Save"_s, u"backstep-timeline.png"_s, u"PNG (*.png)"_s));
        QVERIFY(dialog->testOption(QFileDialog::DontUseNativeDialog));
        QVERIFY(dialog->iconProvider());
    }
};

QTEST_MAIN(TestFileDialogs)
#include "tst_filedialogs.moc"
