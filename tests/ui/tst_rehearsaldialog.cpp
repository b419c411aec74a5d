// "Rehearse rollback…" driven as a person would: the demo opened in the main window,
// a target build chosen, the dialog's Rehearse button clicked, the verdict and the
// per-table results read off the widgets, both exports read back, and the demo
// database's bytes compared before and after every rehearsal.

#include "catalogwriter.h"
#include "decisionbanner.h"
#include "demo/demodatabase.h"
#include "mainwindow.h"
#include "rehearsal/rehearsaldialog.h"
#include "rehearsal/rehearsalresulttree.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using backstep::DemoDatabase;
using backstep::ProjectLoader;
using backstep::test::fileSha256;
using backstep::ui::MainWindow;
using backstep::ui::RehearsalDialog;
using backstep::ui::RehearsalResultTree;

namespace {

QPushButton* buttonNamed(QDialog* dialog, const QString& text)
{
    const auto buttons = dialog->findChildren<QPushButton*>();
    for (QPushButton* button : buttons) {
        if (button->text() == text)
            return button;
    }
    return nullptr;
}

RehearsalResultTree::Status statusOf(const QTreeWidgetItem* item)
{
    return static_cast<RehearsalResultTree::Status>(item->data(0, RehearsalResultTree::statusRole).toInt());
}

QStringList childTexts(const QTreeWidgetItem* item)
{
    QStringList texts;
    for (int i = 0; i < item->childCount(); ++i)
        texts << item->child(i)->text(0);
    return texts;
}

QByteArray readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestRehearsalDialog : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_folder;
    DemoDatabase::Files m_demo;
    QByteArray m_hashBefore;
    QStringList m_filesBefore; // the demo's folder: the database and what came with it

    ProjectLoader::Request demoRequest() const
    {
        ProjectLoader::Request request;
        request.database = u"sqlite://"_s + m_demo.database;
        request.migrations = m_demo.catalogFolder;
        request.builds = m_demo.buildsFile;
        return request;
    }

    static void open(MainWindow& window, const ProjectLoader::Request& request, const QString& target)
    {
        QSignalSpy loaded(&window, &MainWindow::projectLoaded);
        window.setTarget(target);
        window.openProject(request);
        QVERIFY(loaded.wait(60000));
    }

    // Clicks Rehearse and waits for the verdict.
    static void rehearse(RehearsalDialog* dialog)
    {
        QSignalSpy ended(dialog, &RehearsalDialog::rehearsalEnded);
        QPushButton* run = buttonNamed(dialog, RehearsalDialog::tr("&Rehearse"));
        QVERIFY(run);
        QVERIFY(run->isEnabled());
        QTest::mouseClick(run, Qt::LeftButton);
        QVERIFY(dialog->isRunning());
        QVERIFY(!run->isEnabled()); // one rehearsal at a time
        QVERIFY(ended.wait(120000));
        QVERIFY(!dialog->isRunning());
        QVERIFY(run->isEnabled());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_folder.isValid());
        const auto demo = DemoDatabase::createBundled(m_folder.filePath(u"demo"_s));
        QVERIFY2(demo.ok(), qPrintable(demo.ok() ? QString() : demo.error().message));
        m_demo = demo.value();
        m_hashBefore = fileSha256(m_demo.database);
        QVERIFY(!m_hashBefore.isEmpty());
        m_filesBefore = QDir(QFileInfo(m_demo.database).absolutePath()).entryList(QDir::Files);
    }

    void cleanup()
    {
        // Whatever a rehearsal did, the demo database's bytes are the same.
        QCOMPARE(fileSha256(m_demo.database), m_hashBefore);
        // …and nothing was left beside it (no -journal, -wal or copy).
        QCOMPARE(QDir(QFileInfo(m_demo.database).absolutePath()).entryList(QDir::Files), m_filesBefore);
    }

    void refusedBuildNamesItsBlockersAndProbesAnyway()
    {
        MainWindow window;
        open(window, demoRequest(), u"1.6.0"_s);
        RehearsalDialog* dialog = window.rehearseRollback();
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        rehearse(dialog);

        QVERIFY2(dialog->verdictText().startsWith(u"REFUSED: build 1.6.0 would refuse to boot"_s),
            qPrintable(dialog->verdictText()));
        RehearsalResultTree* tree = dialog->resultTree();
        QTreeWidgetItem* boot = tree->section(RehearsalResultTree::tr("Boot"));
        QVERIFY(boot);
        QCOMPARE(statusOf(boot), RehearsalResultTree::Status::Problem);
        const QStringList blockers = childTexts(boot);
        QVERIFY2(blockers.contains(u"#30 drop_sessions"_s), qPrintable(blockers.join(u", "_s)));
        QVERIFY(blockers.contains(u"#34 rename_recipe_tags_to_recipe_labels"_s));
        // Long messages are elided in the tree; the chosen line is shown in full below it.
        tree->setCurrentItem(boot->child(blockers.indexOf(u"#30 drop_sessions"_s)));
        QCOMPARE(dialog->selectedLineText(),
            u"#30 drop_sessions: "_s + boot->child(blockers.indexOf(u"#30 drop_sessions"_s))->text(1));
        QVERIFY(dialog->selectedLineText().contains(u"mislabelled"_s) || dialog->selectedLineText().contains(u"breaking"_s));

        // "Probe a refused build too" is on by default: the probes ran, per table.
        QTreeWidgetItem* readWrite = tree->section(RehearsalResultTree::tr("Read/write probe"));
        QVERIFY(readWrite);
        QVERIFY(readWrite->childCount() > 5);
        QVERIFY(childTexts(readWrite).contains(u"recipes"_s));
        QTreeWidgetItem* schema = tree->section(RehearsalResultTree::tr("Schema probe"));
        QVERIFY(schema);
        // 1.6.0 reads recipe_tags and sessions, which newer migrations renamed and dropped.
        QCOMPARE(statusOf(schema), RehearsalResultTree::Status::Problem);

        QTreeWidgetItem* downPath = tree->section(RehearsalResultTree::tr("Down path"));
        QVERIFY(downPath);
        QVERIFY(downPath->childCount() >= 2);
        QVERIFY(childTexts(downPath).first().startsWith(u"#37 "_s)); // newest first

        QTreeWidgetItem* unchanged = tree->section(RehearsalResultTree::tr("Database unchanged"));
        QVERIFY(unchanged);
        QCOMPARE(statusOf(unchanged), RehearsalResultTree::Status::Ok);
        QVERIFY(unchanged->text(1).startsWith(u"yes"_s));

        QVERIFY(dialog->report().has_value());
        QVERIFY(!dialog->report()->buildWorks());

        // For a person to look at: BACKSTEP_TEST_GRABS=folder keeps a picture.
        const QString grabs = qEnvironmentVariable("BACKSTEP_TEST_GRABS");
        if (!grabs.isEmpty()) {
            QTest::qWait(100); // let the layout take the verdict's new height
            QVERIFY(dialog->grab().save(grabs + u"/rehearsal-dialog.png"_s));
        }
    }

    void newestBuildWorks()
    {
        MainWindow window;
        open(window, demoRequest(), u"2.1.0"_s);
        RehearsalDialog* dialog = window.rehearseRollback();
        QVERIFY(dialog);
        rehearse(dialog);
        QVERIFY2(dialog->verdictText().startsWith(u"WORKS: build 2.1.0 would boot"_s), qPrintable(dialog->verdictText()));
        RehearsalResultTree* tree = dialog->resultTree();
        for (const QString& title : { u"Boot"_s, u"Schema probe"_s, u"Read/write probe"_s, u"Down path"_s,
                 u"Database unchanged"_s }) {
            QTreeWidgetItem* section = tree->section(title);
            QVERIFY2(section, qPrintable(title));
            QVERIFY2(statusOf(section) == RehearsalResultTree::Status::Ok,
                qPrintable(title + u": "_s + section->text(1)));
        }
        QTreeWidgetItem* recipes = nullptr;
        QTreeWidgetItem* readWrite = tree->section(u"Read/write probe"_s);
        for (int i = 0; i < readWrite->childCount(); ++i) {
            if (readWrite->child(i)->text(0) == u"recipes"_s)
                recipes = readWrite->child(i);
        }
        QVERIFY(recipes);
        QCOMPARE(recipes->text(1), u"ok"_s);
        QCOMPARE(childTexts(recipes), (QStringList { u"SELECT"_s, u"INSERT"_s, u"UPDATE"_s, u"INSERT … ON CONFLICT"_s }));
    }

    void virtualBuildFromTheTimeline()
    {
        MainWindow window;
        open(window, demoRequest(), u"#29"_s);
        RehearsalDialog* dialog = window.rehearseRollback();
        QVERIFY(dialog);
        rehearse(dialog);
        QVERIFY2(dialog->verdictText().contains(u"#29"_s), qPrintable(dialog->verdictText()));
        QVERIFY(dialog->report().has_value());
        QCOMPARE(dialog->report()->build.maxId, 29);
    }

    void exportsMarkdownAndJson()
    {
        MainWindow window;
        open(window, demoRequest(), u"1.6.0"_s);
        RehearsalDialog* dialog = window.rehearseRollback();
        QVERIFY(dialog);
        QPushButton* markdownButton = buttonNamed(dialog, RehearsalDialog::tr("Export &Markdown…"));
        QVERIFY(markdownButton);
        QVERIFY(!markdownButton->isEnabled()); // nothing to export yet
        QVERIFY(!dialog->exportJson(m_folder.filePath(u"early.json"_s)).ok());
        rehearse(dialog);
        QVERIFY(markdownButton->isEnabled());

        const QString markdown = m_folder.filePath(u"rehearsal.md"_s);
        QVERIFY(dialog->exportMarkdown(markdown).ok());
        const QString text = QString::fromUtf8(readAll(markdown));
        QVERIFY2(text.contains(u"1.6.0"_s), qPrintable(text));
        QVERIFY(text.contains(u"#30"_s));
        QVERIFY(text.contains(u"drop_sessions"_s));

        const QString json = m_folder.filePath(u"rehearsal.json"_s);
        QVERIFY(dialog->exportJson(json).ok());
        QJsonParseError error;
        const QJsonObject object = QJsonDocument::fromJson(readAll(json), &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(object.value(u"decision"_s).toString(), u"refuse"_s);
        QCOMPARE(object.value(u"database_unchanged"_s).toBool(false), true);
        QVERIFY(object.value(u"rw_probe"_s).toObject().value(u"tables"_s).toArray().size() > 5);
        QVERIFY(object.contains(u"down_path"_s));

        // A place that cannot be written is refused with the path in the message.
        const auto refused = dialog->exportJson(m_folder.filePath(u"missing-folder/r.json"_s));
        QVERIFY(!refused.ok());
        QVERIFY(refused.error().message.contains(u"missing-folder"_s));
    }

    void closingWhileRunningCancelsAndCloses()
    {
        MainWindow window;
        open(window, demoRequest(), u"1.6.0"_s);
        QPointer<RehearsalDialog> dialog = window.rehearseRollback();
        QVERIFY(dialog);
        QSignalSpy ended(dialog.data(), &RehearsalDialog::rehearsalEnded);
        QTest::mouseClick(buttonNamed(dialog, RehearsalDialog::tr("&Rehearse")), Qt::LeftButton);
        QVERIFY(dialog->isRunning());
        QPushButton* close = dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Close);
        QCOMPARE(close->text(), RehearsalDialog::tr("&Cancel"));
        QTest::mouseClick(close, Qt::LeftButton);
        // It closes once the core has discarded its workspace (then deletes itself).
        QTRY_VERIFY_WITH_TIMEOUT(dialog.isNull() || !dialog->isVisible(), 120000);
        QCOMPARE(ended.count(), 1);
    }

    void withoutCatalogTheBannerSaysWhatIsMissing()
    {
        MainWindow window;
        ProjectLoader::Request request;
        request.database = u"sqlite://"_s + m_demo.database;
        open(window, request, u"#30"_s);
        QVERIFY(!window.rehearseRollback());
        const auto* banner = window.findChild<backstep::ui::DecisionBanner*>(u"decisionBanner"_s);
        QVERIFY(banner);
        QVERIFY2(banner->text().contains(u"migrations folder"_s), qPrintable(banner->text()));
    }
};

QTEST_MAIN(TestRehearsalDialog)
#include "tst_rehearsaldialog.moc"
