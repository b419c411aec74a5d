#include "analysis/analyzer.h"
#include "analysis/diffclassifier.h"
#include "analysis/rulecatalogue.h"
#include "schema/schemadiff.h"
#include "schema/sqliteaffinity.h"

#include <QTest>

using namespace backstep;

namespace {

Column column(const QString& name, const QString& type, bool notNull = false, const QString& defaultExpression = {})
{
    Column c;
    c.name = name;
    c.declaredType = type;
    c.type = type.toLower();
    c.affinity = sqliteAffinityOf(type);
    c.notNull = notNull;
    c.defaultExpression = defaultExpression;
    return c;
}

Table table(const QString& name, const QVector<Column>& columns)
{
    Table t;
    t.name = name;
    t.columns = columns;
    return t;
}

SchemaSnapshot snapshot(const QVector<Table>& tables)
{
    SchemaSnapshot s;
    for (const Table& t : tables)
        s.tables.insert(t.name, t);
    return s;
}

QStringList describe(const Findings& findings)
{
    QStringList out;
    for (const Finding& finding : findings)
        out.append(QStringLiteral("%1 %2 %3").arg(finding.rule, severityName(finding.severity), finding.object));
    return out;
}

Finding statement(const QString& rule, const QString& object, int number, const QString& message = {},
                  const QString& target = {})
{
    Finding finding = RuleCatalogue::finding(rule);
    finding.target = target;
    finding.object = object;
    finding.statementNumber = number;
    finding.line = number + 1;
    finding.message = message;
    return finding;
}

Finding diff(const QString& rule, const QString& object)
{
    Finding finding = RuleCatalogue::finding(rule);
    finding.object = object;
    finding.source = Finding::Source::SchemaDiff;
    return finding;
}

} // namespace

Q_DECLARE_METATYPE(backstep::Dialect)

class TestDiffClassifier : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void classify_data()
    {
        QTest::addColumn<SchemaSnapshot>("before");
        QTest::addColumn<SchemaSnapshot>("after");
        QTest::addColumn<Dialect>("dialect");
        QTest::addColumn<QStringList>("expected");
        const Table users = table(QStringLiteral("users"), { column(QStringLiteral("id"), QStringLiteral("integer")),
                                                             column(QStringLiteral("name"), QStringLiteral("text")) });
        const SchemaSnapshot base = snapshot({ users });

        QTest::newRow("nothing") << base << base << Dialect::Sqlite << QStringList();
        QTest::newRow("create table") << SchemaSnapshot() << base << Dialect::Sqlite
                                      << QStringList { QStringLiteral("create-table info users") };
        QTest::newRow("drop table") << base << SchemaSnapshot() << Dialect::Sqlite
                                    << QStringList { QStringLiteral("drop-table breaking users") };

        Table added = users;
        added.columns.append(column(QStringLiteral("email"), QStringLiteral("text")));
        QTest::newRow("add nullable column") << base << snapshot({ added }) << Dialect::Sqlite
                                             << QStringList { QStringLiteral("add-nullable-column info users.email") };
        added.columns.last().notNull = true;
        QTest::newRow("add not null column without default")
            << base << snapshot({ added }) << Dialect::Postgres
            << QStringList { QStringLiteral("add-not-null-column-without-default breaking users.email") };
        added.columns.last().defaultExpression = QStringLiteral("''");
        QTest::newRow("add not null column with default") << base << snapshot({ added }) << Dialect::Postgres
                                                          << QStringList { QStringLiteral("add-column-with-default info users.email") };

        Table dropped = users;
        dropped.columns.removeLast();
        QTest::newRow("drop column") << base << snapshot({ dropped }) << Dialect::Sqlite
                                     << QStringList { QStringLiteral("drop-column breaking users.name") };

        Table retyped = users;
        retyped.columns[0] = column(QStringLiteral("id"), QStringLiteral("bigint"));
        QTest::newRow("sqlite same affinity widens") << base << snapshot({ retyped }) << Dialect::Sqlite
                                                     << QStringList { QStringLiteral("widen-column-type info users.id") };
        QTest::newRow("postgres integer to bigint breaks") << base << snapshot({ retyped }) << Dialect::Postgres
                                                           << QStringList { QStringLiteral("change-column-type breaking users.id") };
        retyped.columns[0] = column(QStringLiteral("id"), QStringLiteral("real"));
        QTest::newRow("sqlite affinity change") << base << snapshot({ retyped }) << Dialect::Sqlite
                                                << QStringList { QStringLiteral("change-column-type breaking users.id") };

        const SchemaSnapshot varchar = snapshot({ table(QStringLiteral("t"), { column(QStringLiteral("c"), QStringLiteral("character varying(50)")) }) });
        const SchemaSnapshot wider = snapshot({ table(QStringLiteral("t"), { column(QStringLiteral("c"), QStringLiteral("character varying(100)")) }) });
        const SchemaSnapshot text = snapshot({ table(QStringLiteral("t"), { column(QStringLiteral("c"), QStringLiteral("text")) }) });
        QTest::newRow("varchar widens") << varchar << wider << Dialect::Postgres << QStringList { QStringLiteral("widen-column-type info t.c") };
        QTest::newRow("varchar narrows") << wider << varchar << Dialect::Postgres << QStringList { QStringLiteral("change-column-type breaking t.c") };
        QTest::newRow("varchar to text") << varchar << text << Dialect::Postgres << QStringList { QStringLiteral("widen-column-type info t.c") };
        QTest::newRow("text to varchar") << text << varchar << Dialect::Postgres << QStringList { QStringLiteral("change-column-type breaking t.c") };

        Table notNull = users;
        notNull.columns[1].notNull = true;
        QTest::newRow("set not null") << base << snapshot({ notNull }) << Dialect::Postgres
                                      << QStringList { QStringLiteral("set-not-null breaking users.name") };
        QTest::newRow("drop not null") << snapshot({ notNull }) << base << Dialect::Postgres << QStringList();

        Table defaulted = users;
        defaulted.columns[1].defaultExpression = QStringLiteral("'anon'::text");
        QTest::newRow("drop default") << snapshot({ defaulted }) << base << Dialect::Postgres
                                      << QStringList { QStringLiteral("drop-column-default breaking users.name") };
        Table serial = users;
        serial.columns[0].defaultExpression = QStringLiteral("nextval('users_id_seq'::regclass)");
        QTest::newRow("drop serial default") << snapshot({ serial }) << base << Dialect::Postgres
                                             << QStringList { QStringLiteral("drop-identity breaking users.id") };

        // A constraint on the column the migration adds sees NULL from older builds.
        Table withCheck = added;
        withCheck.columns.last() = column(QStringLiteral("email"), QStringLiteral("text"));
        withCheck.checkConstraints.append({ QStringLiteral("email_shape"), QStringLiteral("email LIKE '%@%'"), true });
        QTest::newRow("check on new column") << base << snapshot({ withCheck }) << Dialect::Postgres
                                             << QStringList { QStringLiteral("add-nullable-column info users.email") };
        Table checkOld = users;
        checkOld.checkConstraints.append({ QStringLiteral("name_short"), QStringLiteral("length(name) < 80"), true });
        QTest::newRow("check on old column") << base << snapshot({ checkOld }) << Dialect::Postgres
                                             << QStringList { QStringLiteral("add-check-constraint breaking users") };
        Table renamedCheck = checkOld;
        renamedCheck.checkConstraints.first().name = QStringLiteral("name_length");
        QTest::newRow("renamed constraint") << snapshot({ checkOld }) << snapshot({ renamedCheck }) << Dialect::Postgres
                                            << QStringList { QStringLiteral("rename-constraint caution name_short") };

        // SQLite's INTEGER PRIMARY KEY generates ids; BIGINT PRIMARY KEY does not.
        Table rowid = users;
        rowid.primaryKey = { QStringLiteral("id") };
        Table bigintKey = rowid;
        bigintKey.columns[0] = column(QStringLiteral("id"), QStringLiteral("bigint"));
        QTest::newRow("loses rowid alias") << snapshot({ rowid }) << snapshot({ bigintKey }) << Dialect::Sqlite
                                           << QStringList { QStringLiteral("drop-identity breaking users.id"),
                                                            QStringLiteral("widen-column-type info users.id") };
    }

    void classify()
    {
        QFETCH(SchemaSnapshot, before);
        QFETCH(SchemaSnapshot, after);
        QFETCH(Dialect, dialect);
        QFETCH(QStringList, expected);
        const SchemaDiff changes = SchemaDiff::between(before, after);
        QCOMPARE(describe(DiffClassifier::classify(changes, before, after, dialect, AnalysisProfile::Default)), expected);
    }

    void strictProfile()
    {
        const Table users = table(QStringLiteral("users"), { column(QStringLiteral("id"), QStringLiteral("integer")) });
        Table added = users;
        added.columns.append(column(QStringLiteral("email"), QStringLiteral("text")));
        const SchemaSnapshot before = snapshot({ users });
        const SchemaSnapshot after = snapshot({ added });
        const SchemaDiff changes = SchemaDiff::between(before, after);
        QCOMPARE(describe(DiffClassifier::classify(changes, before, after, Dialect::Sqlite, AnalysisProfile::Strict)),
                 QStringList { QStringLiteral("add-nullable-column caution users.email") });
    }

    void merge_data()
    {
        QTest::addColumn<Findings>("statements");
        QTest::addColumn<Findings>("diffs");
        QTest::addColumn<QStringList>("expected");
        QTest::addColumn<QList<int>>("lines");

        QTest::newRow("confirmed by the diff keeps the statement's line")
            << Findings { statement(QStringLiteral("drop-column"), QStringLiteral("users.name"), 1) }
            << Findings { diff(QStringLiteral("drop-column"), QStringLiteral("users.name")) }
            << QStringList { QStringLiteral("drop-column breaking users.name") } << QList<int> { 2 };
        QTest::newRow("a rebuild's temporary table and drop are not the net effect")
            << Findings { statement(QStringLiteral("create-table"), QStringLiteral("users_new"), 1),
                          statement(QStringLiteral("drop-table"), QStringLiteral("users"), 3) }
            << Findings { diff(QStringLiteral("add-nullable-column"), QStringLiteral("users.email")) }
            << QStringList { QStringLiteral("add-nullable-column info users.email") } << QList<int> { 0 };
        QTest::newRow("the diff knows a retype only widens")
            << Findings { statement(QStringLiteral("change-column-type"), QStringLiteral("t.c"), 2),
                          statement(QStringLiteral("table-rewrite"), QStringLiteral("t"), 2) }
            << Findings { diff(QStringLiteral("widen-column-type"), QStringLiteral("t.c")) }
            << QStringList { QStringLiteral("widen-column-type info t.c") } << QList<int> { 3 };
        QTest::newRow("a column rename explains the drop and the add")
            << Findings { statement(QStringLiteral("rename-column"), QStringLiteral("users.name"), 1,
                                    QStringLiteral("renames column users.name to full_name"), QStringLiteral("full_name")) }
            << Findings { diff(QStringLiteral("drop-column"), QStringLiteral("users.name")),
                          diff(QStringLiteral("add-nullable-column"), QStringLiteral("users.full_name")) }
            << QStringList { QStringLiteral("rename-column breaking users.name") } << QList<int> { 2 };
        QTest::newRow("a table rename explains the drop and the create")
            << Findings { statement(QStringLiteral("rename-table"), QStringLiteral("tags"), 1,
                                    QStringLiteral("renames table tags to labels"), QStringLiteral("labels")) }
            << Findings { diff(QStringLiteral("drop-table"), QStringLiteral("tags")),
                          diff(QStringLiteral("create-table"), QStringLiteral("labels")) }
            << QStringList { QStringLiteral("rename-table breaking tags") } << QList<int> { 2 };
        QTest::newRow("a blocking index build says what create-index says")
            << Findings { statement(QStringLiteral("create-index-blocking"), QStringLiteral("users_name"), 1) }
            << Findings { diff(QStringLiteral("create-index"), QStringLiteral("users_name")) }
            << QStringList { QStringLiteral("create-index-blocking caution users_name") } << QList<int> { 2 };
        QTest::newRow("what only statements see stays")
            << Findings { statement(QStringLiteral("rewrite-rows"), QStringLiteral("users"), 4) } << Findings {}
            << QStringList { QStringLiteral("rewrite-rows caution users") } << QList<int> { 5 };
        QTest::newRow("what only the diff sees stays")
            << Findings {} << Findings { diff(QStringLiteral("drop-trigger"), QStringLiteral("touch")) }
            << QStringList { QStringLiteral("drop-trigger breaking touch") } << QList<int> { 0 };
    }

    void merge()
    {
        QFETCH(Findings, statements);
        QFETCH(Findings, diffs);
        QFETCH(QStringList, expected);
        QFETCH(QList<int>, lines);
        const Findings merged = Analyzer::merge(statements, diffs, Dialect::Postgres);
        QCOMPARE(describe(merged), expected);
        QList<int> mergedLines;
        for (const Finding& finding : merged)
            mergedLines.append(finding.line);
        QCOMPARE(mergedLines, lines);
    }
};

QTEST_GUILESS_MAIN(TestDiffClassifier)
#include "tst_diffclassifier.moc"
