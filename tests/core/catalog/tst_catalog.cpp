#include "catalog/catalog.h"

#include <QTest>

using namespace backstep;
using namespace Qt::StringLiterals;

namespace {

Catalog catalogWithIds(const QVector<qint64>& ids)
{
    Catalog catalog;
    catalog.directory = u"/srv/app/migrations"_s;
    catalog.dialect = Dialect::Postgres;
    for (qint64 id : ids) {
        Migration migration;
        migration.id = id;
        migration.name = u"m%1"_s.arg(id);
        catalog.migrations.append(migration);
    }
    return catalog;
}

QVector<qint64> idsOf(const Catalog& catalog)
{
    QVector<qint64> ids;
    for (const Migration& migration : catalog.migrations)
        ids.append(migration.id);
    return ids;
}

} // namespace

class TestCatalog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void maxId();
    void maxIdOfEmptyCatalog();
    void find_data();
    void find();
    void upTo_data();
    void upTo();
};

void TestCatalog::maxId()
{
    QCOMPARE(catalogWithIds({ 1, 2, 5 }).maxId(), std::optional<qint64>(5));
}

void TestCatalog::maxIdOfEmptyCatalog()
{
    QCOMPARE(catalogWithIds({}).maxId(), std::nullopt);
}

void TestCatalog::find_data()
{
    QTest::addColumn<qint64>("id");
    QTest::addColumn<QString>("name");

    QTest::newRow("first") << qint64(1) << u"m1"_s;
    QTest::newRow("middle") << qint64(2) << u"m2"_s;
    QTest::newRow("last") << qint64(5) << u"m5"_s;
    QTest::newRow("gap") << qint64(3) << QString();
    QTest::newRow("below") << qint64(0) << QString();
    QTest::newRow("above") << qint64(6) << QString();
}

void TestCatalog::find()
{
    QFETCH(qint64, id);
    QFETCH(QString, name);

    const Catalog catalog = catalogWithIds({ 1, 2, 5 });
    const Migration* migration = catalog.find(id);
    if (name.isEmpty()) {
        QCOMPARE(migration, nullptr);
    } else {
        QVERIFY(migration);
        QCOMPARE(migration->id, id);
        QCOMPARE(migration->name, name);
    }
}

void TestCatalog::upTo_data()
{
    QTest::addColumn<qint64>("maxId");
    QTest::addColumn<QVector<qint64>>("expected");

    QTest::newRow("an id it knows") << qint64(2) << QVector<qint64> { 1, 2 };
    QTest::newRow("inside a gap") << qint64(4) << QVector<qint64> { 1, 2 };
    QTest::newRow("its own head") << qint64(5) << QVector<qint64> { 1, 2, 5 };
    QTest::newRow("beyond its head") << qint64(100) << QVector<qint64> { 1, 2, 5 };
    QTest::newRow("before the first") << qint64(0) << QVector<qint64> {};
}

void TestCatalog::upTo()
{
    QFETCH(qint64, maxId);
    QFETCH(QVector<qint64>, expected);

    const Catalog catalog = catalogWithIds({ 1, 2, 5 });
    const Catalog older = catalog.upTo(maxId);
    QCOMPARE(idsOf(older), expected);
    QCOMPARE(older.directory, catalog.directory);
    QCOMPARE(older.dialect, catalog.dialect);
    QCOMPARE(older.migrations, catalog.migrations.mid(0, expected.size()));
}

QTEST_GUILESS_MAIN(TestCatalog)
#include "tst_catalog.moc"
