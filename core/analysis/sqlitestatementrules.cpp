#include "sqlitestatementrules.h"

#include "catalog/sqltokenizer.h"
#include "rulecatalogue.h"
#include "sqlitecolumndefinition.h"
#include "sqlitetokencursor.h"

#include <optional>

namespace backstep {

namespace {

using namespace Qt::StringLiterals;

// Longer column lists and defaults make a message hard to read; the statement is one
// click away in every report.
constexpr int maxQuotedLength = 48;

// The text itself when it is short enough to quote in a message, else nothing.
QString quotable(const QString& text)
{
    return text.size() <= maxQuotedLength ? text : QString();
}

// Reads one statement (https://www.sqlite.org/lang.html) and reports what it does to
// objects older builds use. Anything it does not recognise yields no finding: a guess
// would be a finding nobody can trust.
class StatementReader
{
public:
    StatementReader(const SqlStatement& statement, StatementContext& context, AnalysisProfile profile, SqlTokens tokens)
        : m_statement(statement)
        , m_context(context)
        , m_profile(profile)
        , m_cursor(std::move(tokens))
    {
    }

    Findings read()
    {
        if (m_cursor.acceptKeyword("ALTER"_L1))
            readAlter();
        else if (m_cursor.acceptKeyword("CREATE"_L1))
            readCreate();
        else if (m_cursor.acceptKeyword("DROP"_L1))
            readDrop();
        else if (m_cursor.acceptKeyword("VACUUM"_L1))
            readVacuum();
        else
            readDataChange();
        return m_findings;
    }

private:
    // Objects are bare names ("users", "users.email", "users_email_idx") as the schema
    // diff spells them, so that the analyzer can match a statement with its net effect.
    void add(const QString& rule, const QString& object, const QString& message, const QString& target = {})
    {
        Finding finding = RuleCatalogue::finding(rule, m_profile);
        finding.statementNumber = m_statement.number;
        finding.line = m_statement.line;
        finding.object = object;
        finding.message = message;
        finding.target = target;
        m_findings.append(finding);
    }

    // SQLite matches table names without regard to ASCII case, quoted or not: a table
    // created as "Users" is the one a later statement calls users.
    std::optional<QString> createdTable(const SqliteName& table) const
    {
        const QString name = table.qualified();
        if (m_context.isNew(name))
            return name;
        for (const QString& created : m_context.createdTables) {
            if (created.compare(name, Qt::CaseInsensitive) == 0)
                return created;
        }
        return std::nullopt;
    }

    bool isNew(const SqliteName& table) const
    {
        return createdTable(table).has_value();
    }

    // Forgets a table of this migration that a statement drops or renames.
    bool forgetCreatedTable(const SqliteName& table)
    {
        const std::optional<QString> created = createdTable(table);
        return created && m_context.createdTables.remove(*created);
    }

    // ---- ALTER TABLE

    void readAlter()
    {
        if (!m_cursor.acceptKeyword("TABLE"_L1))
            return;
        const std::optional<SqliteName> table = m_cursor.acceptName();
        if (!table)
            return;
        if (m_cursor.acceptKeyword("RENAME"_L1))
            readRename(*table);
        else if (m_cursor.acceptKeyword("ADD"_L1))
            readAddColumn(*table);
        else if (m_cursor.acceptKeyword("DROP"_L1))
            readDropColumn(*table);
    }

    void readRename(const SqliteName& table)
    {
        if (m_cursor.acceptKeyword("TO"_L1)) {
            if (const std::optional<QString> newName = m_cursor.acceptIdentifier())
                renameTable(table, table.sibling(*newName));
            return;
        }
        m_cursor.acceptKeyword("COLUMN"_L1);
        const std::optional<QString> column = m_cursor.acceptIdentifier();
        if (!column || !m_cursor.acceptKeyword("TO"_L1))
            return;
        const std::optional<QString> newName = m_cursor.acceptIdentifier();
        if (!newName || isNew(table))
            return;
        const QString object = table.qualified() + u'.' + *column;
        add(u"rename-column"_s, object, u"renames column %1 to %2"_s.arg(object, *newName), *newName);
    }

    // The last step of a table rebuild renames a table this migration created: no
    // older build knows it, so the rename is a creation under its final name.
    void renameTable(const SqliteName& from, const SqliteName& to)
    {
        if (forgetCreatedTable(from)) {
            m_context.createdTables.insert(to.qualified());
            return;
        }
        add(u"rename-table"_s, from.qualified(), u"renames table %1 to %2"_s.arg(from.qualified(), to.name), to.name);
    }

    void readAddColumn(const SqliteName& table)
    {
        // SQLite's ADD takes a column only; ADD CONSTRAINT and the like are not SQLite.
        m_cursor.acceptKeyword("COLUMN"_L1);
        for (const QLatin1String keyword : { "CONSTRAINT"_L1, "PRIMARY"_L1, "UNIQUE"_L1, "CHECK"_L1, "FOREIGN"_L1 }) {
            if (m_cursor.isKeyword(keyword))
                return;
        }
        const std::optional<SqliteColumnDefinition> column = readSqliteColumnDefinition(m_cursor);
        // No older build has rows or code for a table this migration created.
        if (!column || isNew(table))
            return;
        const QString object = table.qualified() + u'.' + column->name;
        addColumnFinding(object, *column);
        if (column->checkReadsOtherColumns) {
            add(u"add-check-constraint"_s, object,
                u"adds a CHECK constraint with new column %1 that reads other columns"_s.arg(object));
        }
    }

    void addColumnFinding(const QString& object, const SqliteColumnDefinition& column)
    {
        QString notes;
        // Older builds leave the column NULL, and NULL satisfies both a reference and a
        // CHECK on the column alone: neither can reject what they write.
        if (!column.references.isEmpty())
            notes += u" referencing %1"_s.arg(column.references);
        if (column.hasCheck && !column.checkReadsOtherColumns)
            notes += u" with a CHECK on its own value"_s;
        const QString notNull = column.notNull ? u"NOT NULL "_s : QString();
        if (column.generated) {
            add(u"add-column-with-default"_s, object, u"adds generated column %1%2"_s.arg(object, notes));
        } else if (column.hasDefault) {
            const QString value = quotable(column.defaultText);
            const QString withDefault = value.isEmpty() ? u"a default"_s : u"default "_s + value;
            add(u"add-column-with-default"_s, object,
                u"adds %1column %2 with %3%4"_s.arg(notNull, object, withDefault, notes));
        } else if (column.notNull) {
            add(u"add-not-null-column-without-default"_s, object,
                u"adds NOT NULL column %1 without a default%2"_s.arg(object, notes));
        } else {
            add(u"add-nullable-column"_s, object, u"adds nullable column %1%2"_s.arg(object, notes));
        }
    }

    void readDropColumn(const SqliteName& table)
    {
        m_cursor.acceptKeyword("COLUMN"_L1);
        const std::optional<QString> column = m_cursor.acceptIdentifier();
        if (!column || isNew(table))
            return;
        const QString object = table.qualified() + u'.' + *column;
        add(u"drop-column"_s, object, u"drops column %1"_s.arg(object));
    }

    // ---- CREATE

    void readCreate()
    {
        const bool temporary = m_cursor.acceptKeyword("TEMP"_L1) || m_cursor.acceptKeyword("TEMPORARY"_L1);
        const bool unique = !temporary && m_cursor.acceptKeyword("UNIQUE"_L1);
        if (!unique && m_cursor.acceptKeyword("TABLE"_L1))
            readCreateTable(temporary ? u"temporary table"_s : u"table"_s);
        else if (!temporary && !unique && m_cursor.acceptKeywords({ "VIRTUAL"_L1, "TABLE"_L1 }))
            readCreateTable(u"virtual table"_s);
        else if (!temporary && m_cursor.acceptKeyword("INDEX"_L1))
            readCreateIndex(unique);
        else if (!unique && m_cursor.acceptKeyword("VIEW"_L1))
            readCreateView();
        else if (!unique && m_cursor.acceptKeyword("TRIGGER"_L1))
            readCreateTrigger();
    }

    // Returns " if it does not exist" after IF NOT EXISTS.
    QString acceptIfNotExists()
    {
        return m_cursor.acceptKeywords({ "IF"_L1, "NOT"_L1, "EXISTS"_L1 }) ? u" if it does not exist"_s : QString();
    }

    QString acceptIfExists()
    {
        return m_cursor.acceptKeywords({ "IF"_L1, "EXISTS"_L1 }) ? u" if it exists"_s : QString();
    }

    // IF NOT EXISTS may meet an existing table; the context still counts it as new,
    // since that is what the migration means, and the schema diff sees what happened.
    void readCreateTable(const QString& kind)
    {
        const QString ifNotExists = acceptIfNotExists();
        const std::optional<SqliteName> table = m_cursor.acceptName();
        if (!table)
            return;
        QString how;
        if (m_cursor.acceptKeyword("AS"_L1))
            how = u" from a query"_s;
        else if (m_cursor.acceptKeyword("USING"_L1) && m_cursor.peek())
            how = u" using "_s + sqliteIdentifier(*m_cursor.peek());
        m_context.createdTables.insert(table->qualified());
        add(u"create-table"_s, table->qualified(),
            u"creates %1 %2%3%4"_s.arg(kind, table->qualified(), how, ifNotExists));
    }

    // A unique index on a table older builds write to rejects the duplicates they may
    // still write; any other index leaves their statements as they were.
    void readCreateIndex(bool unique)
    {
        const QString ifNotExists = acceptIfNotExists();
        const std::optional<SqliteName> index = m_cursor.acceptName();
        if (!index || !m_cursor.acceptKeyword("ON"_L1))
            return;
        const std::optional<QString> tableName = m_cursor.acceptIdentifier();
        if (!tableName)
            return;
        const SqliteName table = index->sibling(*tableName);
        const int columnsStart = m_cursor.position();
        m_cursor.skipGroup();
        const QString columns = quotable(m_cursor.textFrom(columnsStart));
        const QString where = m_cursor.containsKeyword("WHERE"_L1) ? u"partial "_s : QString();
        const QString on = columns.isEmpty() ? table.qualified() : table.qualified() + u' ' + columns;
        const QString object = index->qualified();
        if (unique && !isNew(table)) {
            add(u"add-unique-constraint"_s, object,
                u"creates %1unique index %2 on existing table %3%4"_s.arg(where, index->qualified(), on, ifNotExists));
            return;
        }
        const QString kind = where + (unique ? u"unique index"_s : u"index"_s);
        add(u"create-index"_s, object, u"creates %1 %2 on %3%4"_s.arg(kind, index->qualified(), on, ifNotExists));
    }

    void readCreateView()
    {
        const QString ifNotExists = acceptIfNotExists();
        if (const std::optional<SqliteName> view = m_cursor.acceptName()) {
            add(u"create-view"_s, view->qualified(), u"creates view %1%2"_s.arg(view->qualified(), ifNotExists));
        }
    }

    // The BEGIN ... END body runs later, on the rows of later statements; what it does
    // is not analysed here.
    void readCreateTrigger()
    {
        const QString ifNotExists = acceptIfNotExists();
        const std::optional<SqliteName> trigger = m_cursor.acceptName();
        if (!trigger || !m_cursor.seekKeyword("ON"_L1))
            return;
        m_cursor.advance();
        const std::optional<QString> tableName = m_cursor.acceptIdentifier();
        if (!tableName)
            return;
        add(u"create-other"_s, trigger->qualified(),
            u"creates trigger %1 on %2%3"_s.arg(
                trigger->qualified(), trigger->sibling(*tableName).qualified(), ifNotExists));
    }

    // ---- DROP

    void readDrop()
    {
        if (m_cursor.acceptKeyword("TABLE"_L1))
            readDropTable();
        else if (m_cursor.acceptKeyword("INDEX"_L1))
            readDropObject(u"drop-index"_s, u"index"_s,
                u" (breaking if it is a unique index older builds rely on; the schema diff decides)"_s);
        else if (m_cursor.acceptKeyword("VIEW"_L1))
            readDropObject(u"drop-view"_s, u"view"_s, QString());
        else if (m_cursor.acceptKeyword("TRIGGER"_L1))
            readDropObject(u"drop-trigger"_s, u"trigger"_s, QString());
    }

    // Dropping a table this migration created (a rebuild's scratch copy) strands nobody.
    void readDropTable()
    {
        const QString ifExists = acceptIfExists();
        const std::optional<SqliteName> table = m_cursor.acceptName();
        if (!table || forgetCreatedTable(*table))
            return;
        add(u"drop-table"_s, table->qualified(), u"drops table %1%2"_s.arg(table->qualified(), ifExists));
    }

    void readDropObject(const QString& rule, const QString& kind, const QString& note)
    {
        const QString ifExists = acceptIfExists();
        if (const std::optional<SqliteName> name = m_cursor.acceptName()) {
            add(rule, name->qualified(), u"drops %1 %2%3%4"_s.arg(kind, name->qualified(), ifExists, note));
        }
    }

    // ---- VACUUM

    // VACUUM INTO writes a copy and leaves the database as it is.
    void readVacuum()
    {
        QString schema = u"main"_s;
        if (!m_cursor.isKeyword("INTO"_L1)) {
            if (const std::optional<QString> name = m_cursor.acceptIdentifier())
                schema = *name;
        }
        if (m_cursor.isKeyword("INTO"_L1))
            return;
        // No object: the whole database, as PostgreSQL's rules say for a bare VACUUM FULL.
        add(u"table-rewrite"_s, QString(),
            u"VACUUM rebuilds the whole database %1 and locks it while it runs"_s.arg(schema));
    }

    // ---- UPDATE, DELETE, INSERT, REPLACE

    void readDataChange()
    {
        // WITH ... AS (...) [, ...] precedes the statement; its bodies are in parentheses.
        if (m_cursor.isKeyword("WITH"_L1)) {
            while (!m_cursor.atEnd() && !isDataChangeKeyword()) {
                if (!m_cursor.skipGroup())
                    m_cursor.advance();
            }
        }
        if (m_cursor.acceptKeyword("UPDATE"_L1))
            readUpdate();
        else if (m_cursor.acceptKeywords({ "DELETE"_L1, "FROM"_L1 }))
            readRowChange(u"deletes rows from %1"_s, u"deletes every row of %1"_s);
        else if (m_cursor.acceptKeyword("REPLACE"_L1))
            readInsert(true);
        else if (m_cursor.acceptKeyword("INSERT"_L1))
            readInsert(false);
    }

    bool isDataChangeKeyword() const
    {
        return m_cursor.isKeyword("UPDATE"_L1) || m_cursor.isKeyword("DELETE"_L1) || m_cursor.isKeyword("INSERT"_L1)
            || m_cursor.isKeyword("REPLACE"_L1) || m_cursor.isKeyword("SELECT"_L1);
    }

    void readUpdate()
    {
        if (m_cursor.acceptKeyword("OR"_L1))
            m_cursor.advance(); // the conflict resolution
        readRowChange(u"updates rows of %1"_s, u"updates every row of %1"_s);
    }

    // Rows of a table this migration created are rows no older build has seen.
    void readRowChange(const QString& message, const QString& everyRowMessage)
    {
        const std::optional<SqliteName> table = m_cursor.acceptName();
        if (!table || isNew(*table))
            return;
        const bool everyRow = !m_cursor.containsKeyword("WHERE"_L1);
        add(u"rewrite-rows"_s, table->qualified(), (everyRow ? everyRowMessage : message).arg(table->qualified()));
    }

    // A plain INSERT adds rows older builds can read. REPLACE (and INSERT OR REPLACE)
    // deletes the conflicting rows first, and an upsert updates them.
    void readInsert(bool replace)
    {
        if (!replace && m_cursor.acceptKeyword("OR"_L1))
            replace = m_cursor.acceptKeyword("REPLACE"_L1);
        if (!m_cursor.acceptKeyword("INTO"_L1))
            return;
        const std::optional<SqliteName> table = m_cursor.acceptName();
        if (!table || isNew(*table))
            return;
        if (replace) {
            add(u"rewrite-rows"_s, table->qualified(),
                u"replaces rows of %1 that conflict with the inserted ones"_s.arg(table->qualified()));
        } else if (isUpsertWithUpdate()) {
            add(u"rewrite-rows"_s, table->qualified(),
                u"updates rows of %1 on conflict (upsert)"_s.arg(table->qualified()));
        }
    }

    bool isUpsertWithUpdate()
    {
        while (m_cursor.seekKeyword("DO"_L1)) {
            m_cursor.advance();
            if (m_cursor.isKeyword("UPDATE"_L1))
                return true;
        }
        return false;
    }

    const SqlStatement& m_statement;
    StatementContext& m_context;
    AnalysisProfile m_profile;
    SqliteTokenCursor m_cursor;
    Findings m_findings;
};

} // namespace

Findings SqliteStatementRules::analyse(
    const SqlStatement& statement, StatementContext& context, AnalysisProfile profile)
{
    Result<SqlTokens> tokens = SqlTokenizer::tokenize(statement.text, Dialect::Sqlite);
    // The statement splitter has tokenised the same text already; a failure here means
    // a caller handed in text the catalog reader would have refused.
    if (!tokens)
        return {};
    return StatementReader(statement, context, profile, std::move(tokens).value()).read();
}

} // namespace backstep
