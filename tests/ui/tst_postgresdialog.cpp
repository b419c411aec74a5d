// PostgresDialog: the fields and the URI kept in sync both ways, the password kept out
// of the URI, and, through the main window against the test server, a connection whose
// password reaches neither the recent list nor the settings file.

#include "mainwindow.h"
#include "postgresdialog.h"
#include "recentdatabases.h"

#include <QAction>
#include <QApplication>
#include <QDialogButtonBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace Qt::StringLiterals;
using backstep::ui::MainWindow;
using backstep::ui::PostgresDialog;
using backstep::ui::RecentDatabases;

namespace {

template<typename T>
T* field(QWidget& dialog, const QString& name)
{
    auto* widget = dialog.findChild<T*>(name);
    if (!widget)
        qFatal("no field %s", qPrintable(name));
    return widget;
}

void typeInto(QLineEdit* edit, const QString& text)
{
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Delete);
    QTest::keyClicks(edit, text);
}

QPushButton* openButton(QWidget& dialog)
{
    return dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Open);
}

} // namespace

class TestPostgresDialog : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_settings;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(u"BackstepTest"_s);
        QCoreApplication::setApplicationName(u"tst_postgresdialog"_s);
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settings.path());
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settings.path());
    }

    void init()
    {
        RecentDatabases::clear();
    }

    void fieldsBuildTheUri()
    {
        PostgresDialog dialog;
        typeInto(field<QLineEdit>(dialog, u"host"_s), u"db.example.org"_s);
        auto* port = field<QSpinBox>(dialog, u"port"_s);
        port->setFocus();
        port->selectAll();
        QTest::keyClicks(port, u"6543"_s);
        typeInto(field<QLineEdit>(dialog, u"database"_s), u"larder"_s);
        typeInto(field<QLineEdit>(dialog, u"user"_s), u"alice"_s);
        typeInto(field<QLineEdit>(dialog, u"password"_s), u"s3cret"_s);
        QCOMPARE(dialog.uri(), u"postgres://alice@db.example.org:6543/larder"_s);
        QCOMPARE(field<QLineEdit>(dialog, u"uri"_s)->text(), dialog.uri());
        QCOMPARE(dialog.password(), u"s3cret"_s);
        QCOMPARE(dialog.connectionUri(), u"postgres://alice:s3cret@db.example.org:6543/larder"_s);
        QVERIFY(openButton(dialog)->isEnabled());
    }

    void aPastedUriFillsTheFieldsAndGivesUpItsPassword()
    {
        PostgresDialog dialog;
        typeInto(field<QLineEdit>(dialog, u"uri"_s), u"postgresql://bob:p%40ss@10.0.0.5:5433/app?sslmode=require"_s);
        QCOMPARE(field<QLineEdit>(dialog, u"host"_s)->text(), u"10.0.0.5"_s);
        QCOMPARE(field<QSpinBox>(dialog, u"port"_s)->value(), 5433);
        QCOMPARE(field<QLineEdit>(dialog, u"database"_s)->text(), u"app"_s);
        QCOMPARE(field<QLineEdit>(dialog, u"user"_s)->text(), u"bob"_s);
        QCOMPARE(field<QLineEdit>(dialog, u"password"_s)->text(), u"p@ss"_s);
        QCOMPARE(field<QLineEdit>(dialog, u"password"_s)->echoMode(), QLineEdit::Password);
        QCOMPARE(dialog.uri(), u"postgresql://bob@10.0.0.5:5433/app?sslmode=require"_s);
        QVERIFY(dialog.connectionUri().contains(u"bob:p%40ss@"_s));

        // And back: editing a field rewrites the URI.
        typeInto(field<QLineEdit>(dialog, u"database"_s), u"other"_s);
        QCOMPARE(dialog.uri(), u"postgres://bob@10.0.0.5:5433/other"_s);
    }

    void withoutUserTheUriHasNoAt()
    {
        PostgresDialog dialog;
        typeInto(field<QLineEdit>(dialog, u"database"_s), u"larder"_s);
        QCOMPARE(dialog.uri(), u"postgres://localhost:5432/larder"_s);
        QVERIFY(openButton(dialog)->isEnabled());
    }

    void aPasswordInTheQueryStringMovesToo()
    {
        PostgresDialog dialog;
        dialog.setUri(u"postgres://carol@localhost/app?password=hunter2&sslmode=disable"_s);
        QCOMPARE(dialog.password(), u"hunter2"_s);
        QVERIFY(!dialog.uri().contains(u"hunter2"_s));
        QVERIFY(dialog.uri().contains(u"sslmode=disable"_s));
    }

    void somethingElseCannotBeOpened_data()
    {
        QTest::addColumn<QString>("uri");
        QTest::newRow("sqlite") << u"sqlite:///tmp/app.db"_s;
        QTest::newRow("no database") << u"postgres://alice@localhost:5432/"_s;
        QTest::newRow("bad port") << u"postgres://alice@localhost:99999/app"_s;
    }

    void somethingElseCannotBeOpened()
    {
        QFETCH(QString, uri);
        PostgresDialog dialog;
        dialog.show();
        dialog.setUri(uri);
        QVERIFY(!openButton(dialog)->isEnabled());
        auto* problem = field<QLabel>(dialog, u"problem"_s);
        if (qstrcmp(QTest::currentDataTag(), "no database") == 0)
            QCOMPARE(problem->text(), u"Name the database."_s);
        QVERIFY(problem->isVisible());
        QVERIFY(!problem->text().isEmpty());
    }

    void everyFieldHasAnAccessibleName()
    {
        PostgresDialog dialog;
        for (QWidget* child : dialog.findChildren<QWidget*>()) {
            const bool insideSpinBox = qobject_cast<QSpinBox*>(child->parentWidget());
            if ((qobject_cast<QLineEdit*>(child) && !insideSpinBox) || qobject_cast<QSpinBox*>(child))
                QVERIFY2(!child->accessibleName().isEmpty(), qPrintable(child->objectName()));
        }
    }

    // The whole way, against the test server: File ▸ Connect to PostgreSQL, the fields
    // typed, a password given; it is used, but stored nowhere.
    void thePasswordIsNeverStored()
    {
        const QString server = qEnvironmentVariable("BACKSTEP_TEST_PG");
        if (server.isEmpty())
            QSKIP("BACKSTEP_TEST_PG is not set: run the tests with `make test`");
        const QUrl url(server);
        const QString password = u"never-stored-7f3a"_s;

        MainWindow window;
        window.show();
        QTimer::singleShot(0, this, [&] {
            auto* dialog = qobject_cast<PostgresDialog*>(QApplication::activeModalWidget());
            QVERIFY(dialog);
            typeInto(field<QLineEdit>(*dialog, u"uri"_s), server);
            typeInto(field<QLineEdit>(*dialog, u"password"_s), password);
            QTest::mouseClick(openButton(*dialog), Qt::LeftButton);
        });
        QSignalSpy loaded(&window, &MainWindow::projectLoaded);
        QSignalSpy failed(&window, &MainWindow::loadFailed);
        QAction* connect = nullptr;
        for (QAction* action : window.menuBar()->findChildren<QAction*>()) {
            if (action->text().contains(u"PostgreSQL"_s))
                connect = action;
        }
        QVERIFY(connect);
        connect->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(loaded.count() + failed.count() > 0, 30000);

        const QString expected = u"postgres://%1@%2:%3%4"_s.arg(url.userName(), url.host())
                                     .arg(url.port())
                                     .arg(url.path());
        QCOMPARE(RecentDatabases::list().value(0), expected);
        QSettings().sync();
        QFile file(QSettings().fileName());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray stored = file.readAll();
        QVERIFY(stored.contains(url.host().toUtf8()));
        QVERIFY(!stored.contains(password.toUtf8()));
        QVERIFY(!window.windowTitle().contains(password));
        for (const QList<QVariant>& arguments : std::as_const(failed))
            QVERIFY(!arguments.first().toString().contains(password));
    }
};

QTEST_MAIN(TestPostgresDialog)
#include "tst_postgresdialog.moc"
