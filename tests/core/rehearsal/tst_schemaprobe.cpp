// SchemaProbe::compare: one row per kind of difference an older build meets, on
// snapshots built by hand (the probe is pure).
#include "rehearsal/schemaprobe.h"

#include <QTest>

using namespace backstep;

namespace {

Column column(const QString& name, const QString& type, bool notNull = false, const QString& defaultExpression = {})
{
    Column column;
    column.name = name;
    column.declaredType = type;
    column.type = type.toLower();
    column.notNull = notNull;
    column.defaultExpression = defaultExpression;
    return column;
}

Table table(const QString& name, const QVector<Column>& columns)
{
    Table table;
    table.name = name;
    table.columns = columns;
    table.primaryKey = { QStringLiteral("id") };
    return table;
}

// users(id, email) and notes(id, user_id, body): what the older build was written for.
SchemaSnapshot base()
{
    SchemaSnapshot snapshot;
    snapshot.dialect = Dialect::Postgres;
    snapshot.tables.insert(QStringLiteral("users"),
                           table(QStringLiteral("users"),
                                 { column(QStringLiteral("id"), QStringLiteral("integer"), true,
                                          QStringLiteral("nextval('users_id_seq'::regclass)")),
                                   column(QStringLiteral("email"), QStringLiteral("character varying(40)"), true) }));
    snapshot.tables.insert(QStringLiteral("notes"),
                           table(QStringLiteral("notes"),
                                 { column(QStringLiteral("id"), QStringLiteral("integer"), true),
                                   column(QStringLiteral("user_id"), QStringLiteral("integer"), true),
                                   column(QStringLiteral("body"), QStringLiteral("text")) }));
    Index email;
    email.name = QStringLiteral("users_email");
    email.table = QStringLiteral("users");
    email.unique = true;
    email.columns = { QStringLiteral("email") };
    email.method = QStringLiteral("btree");
    snapshot.indexes.append(email);
    Index byUser = email;
    byUser.name = QStringLiteral("notes_user");
    byUser.table = QStringLiteral("notes");
    byUser.unique = false;
    byUser.columns = { QStringLiteral("user_id") };
    snapshot.indexes.append(byUser);
    View recent;
    recent.name = QStringLiteral("recent_notes");
    recent.definition = QStringLiteral("SELECT * FROM notes");
    snapshot.views.append(recent);
    snapshot.sort();
    return snapshot;
}

Column& columnOf(SchemaSnapshot& snapshot, const QString& tableName, const QString& columnName)
{
    Table& found = snapshot.tables[tableName];
    for (Column& candidate : found.columns) {
        if (candidate.name == columnName)
            return candidate;
    }
    qFatal("no column %s.%s", qPrintable(tableName), qPrintable(columnName));
}

QStringList kindsOf(const TableSchemaProbe* probe)
{
    QStringList kinds;
    if (probe) {
        for (const SchemaIssue& issue : probe->issues)
            kinds.append(schemaIssueKindName(issue.kind));
    }
    return kinds;
}

} // namespace

class TestSchemaProbe : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void compare_data()
    {
        QTest::addColumn<SchemaSnapshot>("live");
        QTest::addColumn<QString>("table");
        QTest::addColumn<QStringList>("kinds");
        QTest::addColumn<QString>("status");
        QTest::addColumn<bool>("passes");

        QTest::newRow("unchanged") << base() << QStringLiteral("users") << QStringList() << QStringLiteral("ok") << true;
        {
            SchemaSnapshot live = base();
            live.tables.insert(QStringLiteral("tags"), table(QStringLiteral("tags"), { column(QStringLiteral("id"), QStringLiteral("integer")) }));
            QTest::newRow("extra table") << live << QStringLiteral("tags") << QStringList { QStringLiteral("extra-table") }
                                         << QStringLiteral("harmless") << true;
        }
        {
            SchemaSnapshot live = base();
            live.tables[QStringLiteral("notes")].columns.append(column(QStringLiteral("pinned"), QStringLiteral("boolean")));
            QTest::newRow("nullable column") << live << QStringLiteral("notes") << QStringList { QStringLiteral("extra-column") }
                                             << QStringLiteral("harmless") << true;
        }
        {
            SchemaSnapshot live = base();
            live.tables[QStringLiteral("notes")].columns.append(
                column(QStringLiteral("pinned"), QStringLiteral("boolean"), true, QStringLiteral("false")));
            QTest::newRow("NOT NULL column with default") << live << QStringLiteral("notes") << QStringList { QStringLiteral("extra-column") }
                                                          << QStringLiteral("harmless") << true;
        }
        {
            SchemaSnapshot live = base();
            live.tables[QStringLiteral("notes")].columns.append(column(QStringLiteral("priority"), QStringLiteral("integer"), true));
            QTest::newRow("NOT NULL column without default")
                << live << QStringLiteral("notes") << QStringList { QStringLiteral("new-required-column") }
                << QStringLiteral("writes-fail") << false;
        }
        {
            SchemaSnapshot live = base();
            live.tables[QStringLiteral("notes")].columns.removeLast();
            QTest::newRow("dropped column") << live << QStringLiteral("notes") << QStringList { QStringLiteral("missing-column") }
                                            << QStringLiteral("reads-fail") << false;
        }
        {
            SchemaSnapshot live = base();
            columnOf(live, QStringLiteral("notes"), QStringLiteral("body")).name = QStringLiteral("content");
            QTest::newRow("renamed column") << live << QStringLiteral("notes") << QStringList { QStringLiteral("renamed-column") }
                                            << QStringLiteral("reads-fail") << false;
        }
        {
            SchemaSnapshot live = base();
            live.tables.remove(QStringLiteral("notes"));
            live.indexes.removeIf([](const Index& index) { return index.table == QLatin1String("notes"); });
            QTest::newRow("dropped table") << live << QStringLiteral("notes") << QStringList { QStringLiteral("missing-table") }
                                           << QStringLiteral("reads-fail") << false;
        }
        {
            SchemaSnapshot live = base();
            Table renamed = live.tables.take(QStringLiteral("notes"));
            renamed.name = QStringLiteral("posts");
            live.tables.insert(renamed.name, renamed);
            live.indexes.removeIf([](const Index& index) { return index.table == QLatin1String("notes"); });
            QTest::newRow("renamed table") << live << QStringLiteral("notes") << QStringList { QStringLiteral("renamed-table") }
                                           << QStringLiteral("reads-fail") << false;
        }
        {
            SchemaSnapshot live = base();
            Column& id = columnOf(live, QStringLiteral("notes"), QStringLiteral("user_id"));
            id.type = id.declaredType = QStringLiteral("bigint");
            QTest::newRow("integer to bigint") << live << QStringLiteral("notes") << QStringList { QStringLiteral("retyped-column") }
                                               << QStringLiteral("reads-fail") << false;
        }
        {
            SchemaSnapshot live = base();
            Column& email = columnOf(live, QStringLiteral("users"), QStringLiteral("email"));
            email.type = email.declaredType = QStringLiteral("character varying(80)");
            QTest::newRow("varchar widened") << live << QStringLiteral("users") << QStringList { QStringLiteral("widened-column") }
                                             << QStringLiteral("harmless") << true;
        }
        {
            SchemaSnapshot live = base();
            columnOf(live, QStringLiteral("users"), QStringLiteral("id")).defaultExpression.clear();
            QTest::newRow("dropped default") << live << QStringLiteral("users") << QStringList { QStringLiteral("dropped-default") }
                                             << QStringLiteral("writes-fail") << false;
        }
        {
            SchemaSnapshot live = base();
            columnOf(live, QStringLiteral("notes"), QStringLiteral("body")).notNull = true;
            QTest::newRow("now NOT NULL") << live << QStringLiteral("notes") << QStringList { QStringLiteral("now-not-null") }
                                          << QStringLiteral("writes-may-fail") << true;
        }
        {
            SchemaSnapshot live = base();
            live.tables[QStringLiteral("notes")].checkConstraints.append(
                CheckConstraint { QStringLiteral("body_length"), QStringLiteral("length(body) > 0"), true });
            QTest::newRow("new check") << live << QStringLiteral("notes") << QStringList { QStringLiteral("new-check") }
                                       << QStringLiteral("writes-may-fail") << true;
        }
        {
            SchemaSnapshot live = base();
            ForeignKey key;
            key.name = QStringLiteral("notes_user_fk");
            key.columns = { QStringLiteral("user_id") };
            key.referencedTable = QStringLiteral("users");
            key.referencedColumns = { QStringLiteral("id") };
            live.tables[QStringLiteral("notes")].foreignKeys.append(key);
            QTest::newRow("new foreign key") << live << QStringLiteral("notes") << QStringList { QStringLiteral("new-foreign-key") }
                                             << QStringLiteral("writes-may-fail") << true;
        }
        {
            SchemaSnapshot live = base();
            live.indexes.removeIf([](const Index& index) { return index.name == QLatin1String("users_email"); });
            QTest::newRow("dropped unique index") << live << QStringLiteral("users") << QStringList { QStringLiteral("dropped-unique") }
                                                  << QStringLiteral("writes-may-fail") << true;
        }
        {
            SchemaSnapshot live = base();
            Index unique = live.indexes.constFirst(); // notes_user
            QCOMPARE(unique.table, QStringLiteral("notes"));
            unique.name = QStringLiteral("notes_body_unique");
            unique.unique = true;
            unique.columns = { QStringLiteral("body") };
            live.indexes.append(unique);
            live.sort();
            QTest::newRow("new unique index") << live << QStringLiteral("notes") << QStringList { QStringLiteral("new-unique") }
                                              << QStringLiteral("writes-may-fail") << true;
        }
        {
            SchemaSnapshot live = base();
            live.indexes.removeIf([](const Index& index) { return index.name == QLatin1String("notes_user"); });
            QTest::newRow("dropped plain index") << live << QStringLiteral("notes") << QStringList { QStringLiteral("dropped-index") }
                                                 << QStringLiteral("harmless") << true;
        }
        {
            SchemaSnapshot live = base();
            live.views.clear();
            QTest::newRow("dropped view") << live << QStringLiteral("recent_notes") << QStringList { QStringLiteral("missing-view") }
                                          << QStringLiteral("reads-fail") << false;
        }
    }

    void compare()
    {
        QFETCH(SchemaSnapshot, live);
        QFETCH(QString, table);
        QFETCH(QStringList, kinds);
        QFETCH(QString, status);
        QFETCH(bool, passes);

        const SchemaProbeResult result = SchemaProbe::compare(base(), live);
        const TableSchemaProbe* probe = result.table(table);
        QVERIFY2(probe, qPrintable(table));
        QCOMPARE(kindsOf(probe), kinds);
        QCOMPARE(probe->status(), status);
        QCOMPARE(result.passes(), passes);
        for (const SchemaIssue& issue : probe->issues)
            QVERIFY2(!issue.message.isEmpty() && !issue.object.isEmpty(), qPrintable(schemaIssueKindName(issue.kind)));
        // Every other table the build knows is untouched by the row's change.
        for (const TableSchemaProbe& other : result.tables) {
            if (other.table != table && other.knownToBuild && base().tables.contains(other.table))
                QVERIFY2(other.issues.isEmpty(), qPrintable(other.table + QStringLiteral(": ") + kindsOf(&other).join(u',')));
        }
    }

    void renamedTableIsNotAlsoExtra()
    {
        SchemaSnapshot live = base();
        Table renamed = live.tables.take(QStringLiteral("notes"));
        renamed.name = QStringLiteral("posts");
        live.tables.insert(renamed.name, renamed);
        const SchemaProbeResult result = SchemaProbe::compare(base(), live);
        QVERIFY(!result.table(QStringLiteral("posts")));
        QVERIFY(result.table(QStringLiteral("notes"))->issues.first().message.contains(QStringLiteral("posts")));
    }

    void renamedColumnNamesItsSuccessor()
    {
        SchemaSnapshot live = base();
        columnOf(live, QStringLiteral("notes"), QStringLiteral("body")).name = QStringLiteral("content");
        const SchemaProbeResult result = SchemaProbe::compare(base(), live);
        const SchemaIssues issues = result.table(QStringLiteral("notes"))->issues;
        QCOMPARE(issues.size(), 1);
        QCOMPARE(issues.first().object, QStringLiteral("notes.body"));
        QVERIFY(issues.first().message.contains(QStringLiteral("content")));
    }
};

QTEST_GUILESS_MAIN(TestSchemaProbe)
#include "tst_schemaprobe.moc"
