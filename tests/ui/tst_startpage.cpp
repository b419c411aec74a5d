// StartPage in the main window: shown while nothing is open, its buttons and recent
// list, files dropped on the window, and bad input (an unsupported file, a database
// without a ledger table, a catalog with errors, a refused connection) explained on the
// page while the window stays usable.

#include "decisionbanner.h"
#include "demo/demodatabase.h"
#include "mainwindow.h"
#include "recentdatabases.h"
#include "postgresdialog.h"
#include "startpage.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QInputDialog>
#include <QListWidget>
#include <QMenuBar>
#include <QMimeData>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUrl>

using namespace Qt::StringLiterals;
using backstep::DemoDatabase;
using backstep::ui::MainWindow;
using backstep::ui::PostgresDialog;
using backstep::ui::RecentDatabases;
using backstep::ui::StartPage;

namespace {

// What a file manager sends: a drag entering the window, then the drop.
bool drop(MainWindow& window, const QStringList& paths)
{
    QMimeData mime;
    QList<QUrl> urls;
    for (const QString& path : paths)
        urls << QUrl::fromLocalFile(path);
    mime.setUrls(urls);
    const QPoint centre = window.rect().center();
    QDragEnterEvent enter(centre, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(&window, &enter);
    if (!enter.isAccepted())
        return false;
    QDropEvent dropped(QPointF(centre), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(&window, &dropped);
    return dropped.isAccepted();
}

QAction* menuAction(MainWindow& window, const QString& text)
{
    for (QAction* action : window.menuBar()->findChildren<QAction*>()) {
        if (action->text().remove(u'&') == text)
            return action;
    }
    return nullptr;
}

// Runs one statement on the SQLite file at `path` (created if missing) on a
// connection of its own, closed again before the window reads the file.
bool execute(const QString& path, const QString& sql)
{
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"arrange"_s);
        db.setDatabaseName(path);
        ok = db.open() && QSqlQuery(sql, db).isActive();
        db.close();
    }
    QSqlDatabase::removeDatabase(u"arrange"_s);
    return ok;
}

bool writeFile(const QString& path, const QByteArray& content)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(content) == content.size();
}

} // namespace

class TestStartPage : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_folder;
    DemoDatabase::Files m_demo;

    static StartPage* startPage(MainWindow& window)
    {
        return window.findChild<StartPage*>();
    }

    // Waits for the load the test just started; true when it loaded. The load reports
    // through the event loop, so nothing arrives before the spies are cleared here.
    static bool waitForLoad(QSignalSpy& loaded, QSignalSpy& failed)
    {
        loaded.clear();
        failed.clear();
        return QTest::qWaitFor([&] { return loaded.count() + failed.count() > 0; }, 60000) && loaded.count() > 0;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(u"BackstepTest"_s);
        QCoreApplication::setApplicationName(u"tst_startpage"_s);
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_folder.filePath(u"settings"_s));
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_folder.filePath(u"settings"_s));
        const auto demo = DemoDatabase::createBundled(m_folder.filePath(u"demo"_s));
        QVERIFY2(demo.ok(), qPrintable(demo.ok() ? QString() : demo.error().message));
        m_demo = demo.value();
    }

    void init()
    {
        RecentDatabases::clear();
    }

    void shownUntilSomethingIsOpen()
    {
        MainWindow window;
        window.show();
        QVERIFY(startPage(window)->isVisible());
        QVERIFY(!window.findChild<QTableView*>(u"ledgerTable"_s)->isVisible());
        QAction* exportAction = menuAction(window, u"Export\u2026"_s);
        QVERIFY(exportAction);
        QVERIFY(!exportAction->isEnabled());
        QVERIFY(!window.findChild<QComboBox*>(u"targetCombo"_s)->isEnabled());
        for (auto* button : startPage(window)->findChildren<QPushButton*>())
            QVERIFY2(!button->accessibleName().isEmpty(), qPrintable(button->objectName()));
    }

    void theDemoButtonOpensTheDemo()
    {
        MainWindow window;
        window.show();
        QSignalSpy loaded(&window, &MainWindow::projectLoaded);
        QTest::mouseClick(startPage(window)->findChild<QPushButton*>(u"openDemoButton"_s), Qt::LeftButton);
        QVERIFY(loaded.wait(60000));
        QVERIFY(!startPage(window)->isVisible());
        QVERIFY(window.findChild<QTableView*>(u"ledgerTable"_s)->isVisible());
        QVERIFY(menuAction(window, u"Export\u2026"_s)->isEnabled());
        QVERIFY(window.findChild<QComboBox*>(u"targetCombo"_s)->isEnabled());
        // The demo lives in a temporary folder: it is not one to come back to.
        QVERIFY(RecentDatabases::list().isEmpty());
    }

    void cancellingAnOpenKeepsTheStartPage()
    {
        MainWindow window;
        window.show();
        QSignalSpy loaded(&window, &MainWindow::projectLoaded);
        window.openDemo();
        auto* cancel = window.findChild<QPushButton*>(u"cancelLoadButton"_s);
        QVERIFY(cancel && cancel->isVisible());
        QTest::mouseClick(cancel, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!cancel->isVisible(), 30000);
        QCOMPARE(loaded.count(), 0);
        QVERIFY(startPage(window)->isVisible());
        // And the next open goes ahead.
        window.openDemo();
        QVERIFY(loaded.wait(60000));
    }

    void theRecentListOpensADatabase()
    {
        const QString uri = u"sqlite://"_s + m_demo.database;
        RecentDatabases::remember(uri);
        MainWindow window;
        window.show();
        auto* list = startPage(window)->findChild<QListWidget*>(u"recentList"_s);
        QVERIFY(list && list->isVisible());
        QCOMPARE(list->count(), 1);
        QCOMPARE(list->item(0)->text(), uri);
        QSignalSpy loaded(&window, &MainWindow::projectLoaded);
        list->setCurrentRow(0);
        QTest::keyClick(list, Qt::Key_Return);
        QVERIFY(loaded.wait(60000));
        QVERIFY(window.windowTitle().contains(m_demo.database));
    }

    void aRecentServerAsksForThePasswordAgain()
    {
        RecentDatabases::remember(u"postgres://alice:old-pw@db.example.org:5433/larder"_s);
        MainWindow window;
        window.show();
        auto* list = startPage(window)->findChild<QListWidget*>(u"recentList"_s);
        QCOMPARE(list->item(0)->text(), u"postgres://alice@db.example.org:5433/larder"_s);
        QString shownUri;
        QString shownPassword = u"unset"_s;
        QTimer::singleShot(0, this, [&] {
            auto* dialog = qobject_cast<PostgresDialog*>(QApplication::activeModalWidget());
            if (!dialog)
                return;
            shownUri = dialog->uri();
            shownPassword = dialog->password();
            dialog->reject();
        });
        list->setCurrentRow(0);
        QTest::keyClick(list, Qt::Key_Return);
        QCOMPARE(shownUri, u"postgres://alice@db.example.org:5433/larder"_s);
        QCOMPARE(shownPassword, QString());
        QVERIFY(startPage(window)->isVisible()); // rejected: nothing opened
    }

    void droppedFilesAreOpened()
    {
        MainWindow window;
        window.show();
        QSignalSpy loaded(&window, &MainWindow::projectLoaded);
        QSignalSpy failed(&window, &MainWindow::loadFailed);
        QVERIFY(drop(window, { m_demo.database }));
        QVERIFY(waitForLoad(loaded, failed));
        auto* combo = window.findChild<QComboBox*>(u"targetCombo"_s);
        // Without builds.json the head alone stands as a virtual build, and the strip of
        // builds has nothing to show.
        QCOMPARE(combo->count(), 1);
        auto* strip = window.findChild<QWidget*>(u"buildStrip"_s);
        QVERIFY(strip && !strip->isVisible());
        QCOMPARE(RecentDatabases::list().value(0), u"sqlite://"_s + m_demo.database);

        // The catalog folder and builds.json, dropped together, join the open database.
        QVERIFY(drop(window, { m_demo.catalogFolder, m_demo.buildsFile }));
        QVERIFY(waitForLoad(loaded, failed));
        QCOMPARE(combo->count(), 10);
        QCOMPARE(combo->itemText(0), u"2.1.0"_s);
        QVERIFY(strip->isVisible());
    }

    void anUnsupportedDropIsExplained()
    {
        MainWindow window;
        window.show();
        const QString notes = m_folder.filePath(u"notes.txt"_s);
        QVERIFY(writeFile(notes, "not a database\n"));
        QVERIFY(!drop(window, { notes }));
        QVERIFY2(startPage(window)->message().contains(u"notes.txt: not a SQLite database"_s),
            qPrintable(startPage(window)->message()));
        QVERIFY(startPage(window)->isVisible());

        // A drag without local files is not even taken.
        QMimeData text;
        text.setText(u"hello"_s);
        QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &text, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(&window, &enter);
        QVERIFY(!enter.isAccepted());
    }

    void aDatabaseWithoutLedgerTableIsExplained()
    {
        const QString path = m_folder.filePath(u"plain.db"_s);
        QVERIFY(execute(path, u"CREATE TABLE notes (id INTEGER PRIMARY KEY)"_s));
        MainWindow window;
        window.show();
        QSignalSpy loaded(&window, &MainWindow::projectLoaded);
        QSignalSpy failed(&window, &MainWindow::loadFailed);
        QVERIFY(drop(window, { path }));
        QVERIFY(!waitForLoad(loaded, failed));
        const QString message = startPage(window)->message();
        QVERIFY2(message.contains(u"_migrations"_s), qPrintable(message));
        QVERIFY(startPage(window)->isVisible());

        // Still usable.
        QVERIFY(drop(window, { m_demo.database }));
        QVERIFY(waitForLoad(loaded, failed));
    }

    // An app whose runner keeps its ledger under another name: the error says where to
    // name it, and File > Ledger table… reads the database again with that name.
    void aLedgerUnderAnotherNameIsReadOnceNamed()
    {
        const QString path = m_folder.filePath(u"renamed-ledger.db"_s);
        QFile::remove(path);
        QVERIFY(QFile::copy(m_demo.database, path));
        QVERIFY(execute(path, u"ALTER TABLE _migrations RENAME TO schema_ledger"_s));
        MainWindow window;
        window.show();
        QSignalSpy loaded(&window, &MainWindow::projectLoaded);
        QSignalSpy failed(&window, &MainWindow::loadFailed);
        QVERIFY(drop(window, { path }));
        QVERIFY(!waitForLoad(loaded, failed));
        QVERIFY2(startPage(window)->message().contains(u"File \u25b8 Ledger table"_s), qPrintable(startPage(window)->message()));

        QAction* action = window.findChild<QAction*>(u"ledgerTableAction"_s);
        QVERIFY(action);
        QVERIFY(action->isEnabled());
        // The dialog is modal: answered from the event loop once it is up.
        QTimer::singleShot(0, &window, [] {
            QTRY_VERIFY(QApplication::activeModalWidget());
            auto* dialog = qobject_cast<QInputDialog*>(QApplication::activeModalWidget());
            QVERIFY(dialog);
            QCOMPARE(dialog->textValue(), u"_migrations"_s);
            dialog->setTextValue(u"  schema_ledger "_s);
            if (const QString grabs = qEnvironmentVariable("BACKSTEP_TEST_GRABS"); !grabs.isEmpty())
                QVERIFY(dialog->grab().save(grabs + u"/ledger-table-dialog.png"_s));
            dialog->accept();
        });
        loaded.clear();
        failed.clear();
        action->trigger();
        QVERIFY(QTest::qWaitFor([&] { return loaded.count() + failed.count() > 0; }, 60000));
        QCOMPARE(failed.count(), 0);
        QVERIFY(window.findChild<QTableView*>(u"ledgerTable"_s)->isVisible());
        QVERIFY(window.findChild<QTableView*>(u"ledgerTable"_s)->model()->rowCount() > 30);
    }

    void aCatalogWithErrorsIsExplained()
    {
        const QString catalog = m_folder.filePath(u"broken-catalog"_s);
        QVERIFY(QDir().mkpath(catalog));
        QVERIFY(writeFile(catalog + u"/0001_create_users.sql"_s, "CREATE TABLE users (id INTEGER PRIMARY KEY);\n"));
        QVERIFY(writeFile(catalog + u"/0001_create_other.sql"_s, "CREATE TABLE other (id INTEGER PRIMARY KEY);\n"));
        MainWindow window;
        window.show();
        QSignalSpy loaded(&window, &MainWindow::projectLoaded);
        QSignalSpy failed(&window, &MainWindow::loadFailed);
        backstep::ProjectLoader::Request request;
        request.database = u"sqlite://"_s + m_demo.database;
        request.migrations = catalog;
        window.openProject(request);
        QVERIFY(!waitForLoad(loaded, failed));
        const QString message = startPage(window)->message();
        QVERIFY2(message.contains(u"0001"_s), qPrintable(message));
        window.openDemo();
        QVERIFY(waitForLoad(loaded, failed));
    }

    void aRefusedConnectionIsExplained()
    {
        MainWindow window;
        window.show();
        QSignalSpy loaded(&window, &MainWindow::projectLoaded);
        QSignalSpy failed(&window, &MainWindow::loadFailed);
        backstep::ProjectLoader::Request request;
        // Port 1: nothing listens there, so the connection is refused at once.
        request.database = u"postgres://backstep:secret-pw@127.0.0.1:1/app"_s;
        window.openProject(request);
        QVERIFY(!waitForLoad(loaded, failed));
        const QString message = startPage(window)->message();
        QVERIFY2(message.contains(u"127.0.0.1"_s), qPrintable(message));
        QVERIFY(!message.contains(u"secret-pw"_s));
        QCOMPARE(RecentDatabases::list().value(0), u"postgres://backstep@127.0.0.1:1/app"_s);
    }
};

QTEST_MAIN(TestStartPage)
#include "tst_startpage.moc"
