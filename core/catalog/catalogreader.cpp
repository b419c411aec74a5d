#include "catalogreader.h"

#include "catalogfilename.h"
#include "checksum.h"
#include "directive.h"
#include "statementsplitter.h"
#include "utf8validator.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMap>
#include <QStringList>

#include <algorithm>
#include <limits>

#include <algorithm>
#include <thread>
#include <vector>

namespace backstep {

namespace {

using namespace Qt::StringLiterals;

using Role = CatalogFileName::Role;

struct Problem
{
    QString path;
    int line = 1;
    QString message;
};

struct CatalogFile
{
    QString path;
    QString fileName;
    CatalogFileName name;
};

// A migration file read and cut into statements.
struct SqlFile
{
    QString text;
    SqlTokens tokens;
    SqlStatements statements;
};

// The tokenizer says "line 12: unterminated string"; the reader says "path:12: ...".
std::pair<int, QString> splitLinePrefix(const QString& message)
{
    static const QLatin1String prefix("line ");
    const qsizetype colon = message.indexOf(u':');
    if (message.startsWith(prefix) && colon > prefix.size()) {
        bool ok = false;
        const int line = QStringView(message).mid(prefix.size(), colon - prefix.size()).toInt(&ok);
        if (ok)
            return { line, message.mid(colon + 1).trimmed() };
    }
    return { 1, message };
}

int lineAt(const QByteArray& bytes, qsizetype offset)
{
    return 1 + int(std::count(bytes.cbegin(), bytes.cbegin() + offset, '\n'));
}

const SqlToken* firstStatementToken(const SqlTokens& tokens)
{
    for (const SqlToken& token : tokens) {
        if (token.type != SqlToken::Type::Comment && token.type != SqlToken::Type::Semicolon)
            return &token;
    }
    return nullptr;
}

class FolderReader
{
public:
    FolderReader(const QString& directory, Dialect dialect)
        : m_directory(QDir::cleanPath(QDir(directory).absolutePath()))
        , m_dialect(dialect)
    {
    }

    Result<Catalog> read()
    {
        Catalog catalog { m_directory, m_dialect, {} };
        if (checkFolder())
            catalog.migrations = readInParallel(groupById(listFiles()).values());
        if (!m_problems.isEmpty())
            return makeError(Error::Code::Catalog, problemReport());
        return catalog;
    }

private:
    using Groups = QVector<QVector<CatalogFile>>;

    Migrations readGroups(const Groups& groups, qsizetype from, qsizetype to)
    {
        Migrations migrations;
        migrations.reserve(to - from);
        for (qsizetype i = from; i < to; ++i) {
            if (std::optional<Migration> migration = readMigration(groups.at(i)))
                migrations.append(std::move(*migration));
        }
        return migrations;
    }

    // Reading a large catalog is mostly file system calls and tokenizing, both of which
    // scale with cores: the ids are cut into one contiguous range per core, each read
    // by its own FolderReader, so problems and order merge back without locks.
    Migrations readInParallel(const Groups& groups)
    {
        constexpr qsizetype smallCatalog = 256;
        const qsizetype workers
            = groups.size() < smallCatalog ? 1 : std::clamp<qsizetype>(std::thread::hardware_concurrency(), 1, 8);
        if (workers == 1)
            return readGroups(groups, 0, groups.size());
        std::vector<FolderReader> readers(workers - 1, FolderReader(m_directory, m_dialect));
        std::vector<Migrations> parts(workers);
        std::vector<std::thread> threads;
        const qsizetype chunk = (groups.size() + workers - 1) / workers;
        for (qsizetype w = 1; w < workers; ++w) {
            threads.emplace_back([&, w] {
                parts[w] = readers[w - 1].readGroups(groups, w * chunk, std::min(groups.size(), (w + 1) * chunk));
            });
        }
        parts[0] = readGroups(groups, 0, std::min(groups.size(), chunk));
        Migrations migrations = std::move(parts[0]);
        for (qsizetype w = 1; w < workers; ++w) {
            threads[w - 1].join();
            migrations += std::move(parts[w]);
            m_problems += readers[w - 1].m_problems;
        }
        return migrations;
    }

    void report(const QString& path, int line, const QString& message)
    {
        m_problems.append(Problem { path, line, message });
    }

    QString problemReport()
    {
        std::stable_sort(m_problems.begin(), m_problems.end(),
            [](const Problem& a, const Problem& b) { return a.path != b.path ? a.path < b.path : a.line < b.line; });
        QStringList lines;
        for (const Problem& problem : std::as_const(m_problems))
            lines.append(u"%1:%2: %3"_s.arg(problem.path).arg(problem.line).arg(problem.message));
        return lines.join(u'\n');
    }

    bool checkFolder()
    {
        const QFileInfo info(m_directory);
        if (!info.exists())
            report(m_directory, 1, u"catalog folder does not exist"_s);
        else if (!info.isDir())
            report(m_directory, 1, u"not a folder"_s);
        else if (!info.isReadable() || !info.isExecutable())
            report(m_directory, 1, u"catalog folder cannot be read"_s);
        return m_problems.isEmpty();
    }

    QVector<CatalogFile> listFiles()
    {
        const QDir dir(m_directory);
        QVector<CatalogFile> files;
        for (const QString& fileName : dir.entryList(QDir::Files | QDir::NoDotAndDotDot, QDir::Name)) {
            if (!CatalogFileName::isCandidate(fileName))
                continue;
            const QString path = dir.filePath(fileName);
            Result<CatalogFileName> name = CatalogFileName::parse(fileName);
            if (name)
                files.append(CatalogFile { path, fileName, std::move(name).value() });
            else
                report(path, 1, name.error().message);
        }
        return files;
    }

    static QMap<qint64, QVector<CatalogFile>> groupById(const QVector<CatalogFile>& files)
    {
        QMap<qint64, QVector<CatalogFile>> groups;
        for (const CatalogFile& file : files)
            groups[file.name.id].append(file);
        return groups;
    }

    // One id is one migration: every file of it carries the same name and fills its own
    // slot (up or down, generic or per dialect). Files come sorted by name.
    bool checkDuplicates(const QVector<CatalogFile>& files)
    {
        bool ok = true;
        for (qsizetype i = 1; i < files.size(); ++i) {
            const auto clash = std::find_if(files.cbegin(), files.cbegin() + i, [&](const CatalogFile& earlier) {
                return earlier.name.name != files.at(i).name.name || earlier.name.sameSlot(files.at(i).name);
            });
            if (clash != files.cbegin() + i) {
                report(files.at(i).path, 1,
                    u"duplicate id %1: also used by %2"_s.arg(files.at(i).name.id).arg(clash->fileName));
                ok = false;
            }
        }
        return ok;
    }

    static const CatalogFile* findFile(const QVector<CatalogFile>& files, Role role, std::optional<Dialect> dialect)
    {
        for (const CatalogFile& file : files) {
            if (file.name.role == role && file.name.dialect == dialect)
                return &file;
        }
        return nullptr;
    }

    // The dialect's own file wins over the generic one.
    const CatalogFile* resolve(const QVector<CatalogFile>& files, Role role) const
    {
        const CatalogFile* specific = findFile(files, role, m_dialect);
        return specific ? specific : findFile(files, role, std::nullopt);
    }

    // A down file reverts an up file of its dialect (or, generic, of any dialect).
    void checkDownsHaveUps(const QVector<CatalogFile>& files)
    {
        for (const CatalogFile& down : files) {
            if (down.name.role != Role::Down)
                continue;
            const bool hasUp = std::any_of(files.cbegin(), files.cend(), [&](const CatalogFile& up) {
                return up.name.role == Role::Up
                    && (!down.name.dialect || !up.name.dialect || up.name.dialect == down.name.dialect);
            });
            if (!hasUp)
                report(down.path, 1, u"down file with no up file"_s);
        }
    }

    // The id has up SQL, but only for the other dialect.
    void reportMissingVariant(const QVector<CatalogFile>& files)
    {
        const auto up = std::find_if(
            files.cbegin(), files.cend(), [](const CatalogFile& file) { return file.name.role == Role::Up; });
        if (up == files.cend())
            return;
        const QString stem = up->fileName.section(u'.', 0, 0);
        report(up->path, 1,
            u"no up SQL for %1: id %2 has only %3 (add %4.sql or %4.%1.sql)"_s.arg(dialectName(m_dialect))
                .arg(up->name.id)
                .arg(up->fileName, stem));
    }

    std::optional<Migration> readMigration(const QVector<CatalogFile>& files)
    {
        if (!checkDuplicates(files))
            return std::nullopt;
        checkDownsHaveUps(files);
        const CatalogFile* up = resolve(files, Role::Up);
        if (!up) {
            reportMissingVariant(files);
            return std::nullopt;
        }
        Migration migration;
        migration.id = up->name.id;
        migration.name = up->name.name;
        migration.upFile = up->path;
        std::optional<SqlFile> upSql = readSqlFile(up->path);
        if (upSql) {
            readDirectives(*upSql, up->path, Role::Up, migration);
            if (upSql->statements.isEmpty())
                report(up->path, 1, u"empty migration: no SQL statements"_s);
            migration.checksum = Checksum::of(upSql->text);
            migration.upSql = std::move(upSql->text);
            migration.upStatements = std::move(upSql->statements);
        }
        if (const CatalogFile* down = resolve(files, Role::Down)) {
            migration.downFile = down->path;
            if (std::optional<SqlFile> downSql = readSqlFile(down->path)) {
                readDirectives(*downSql, down->path, Role::Down, migration);
                migration.downSql = std::move(downSql->text);
                migration.downStatements = std::move(downSql->statements);
            }
        }
        return migration;
    }

    std::optional<SqlFile> readSqlFile(const QString& path)
    {
        std::optional<QString> text = readText(path);
        if (!text)
            return std::nullopt;
        Result<SqlTokens> tokens = SqlTokenizer::tokenize(*text, m_dialect);
        if (!tokens) {
            const auto [line, message] = splitLinePrefix(tokens.error().message);
            report(path, line, message);
            return std::nullopt;
        }
        SqlFile file { std::move(*text), std::move(tokens).value(), {} };
        file.statements = StatementSplitter::split(file.text, file.tokens, m_dialect);
        return file;
    }

    std::optional<QString> readText(const QString& path)
    {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            report(path, 1, u"cannot be read: %1"_s.arg(file.errorString()));
            return std::nullopt;
        }
        QByteArray bytes = file.readAll();
        if (bytes.startsWith("\xEF\xBB\xBF"))
            bytes.remove(0, 3);
        if (const std::optional<qsizetype> bad = Utf8Validator::firstInvalidByte(bytes)) {
            report(path, lineAt(bytes, *bad), u"not valid UTF-8"_s);
            return std::nullopt;
        }
        return QString::fromUtf8(bytes);
    }

    // Directives live in the up file's header, the "--" lines before the first statement.
    void readDirectives(const SqlFile& file, const QString& path, Role role, Migration& migration)
    {
        const SqlToken* first = firstStatementToken(file.tokens);
        const int headerEnd = first ? first->offset : std::numeric_limits<int>::max();
        for (const SqlToken& token : file.tokens) {
            if (token.type != SqlToken::Type::Comment)
                continue;
            const std::optional<QStringView> arguments = Directive::arguments(token.text);
            if (!arguments)
                continue;
            if (role == Role::Down)
                report(path, token.line, u"directives belong in the up file"_s);
            else if (token.offset > headerEnd)
                report(path, token.line, u"directive after the first statement: move it to the header comments"_s);
            else
                applyDirectives(*arguments, path, token.line, migration);
        }
    }

    void applyDirectives(QStringView arguments, const QString& path, int line, Migration& migration)
    {
        bool named = false;
        for (QStringView argument : arguments.split(u',')) {
            argument = argument.trimmed();
            if (argument.isEmpty())
                continue;
            named = true;
            if (argument.compare(QLatin1String("backward-compatible"), Qt::CaseInsensitive) == 0)
                migration.backwardCompatible = true;
            else if (argument.compare(QLatin1String("no-transaction"), Qt::CaseInsensitive) == 0)
                migration.noTransaction = true;
            else
                report(
                    path, line, u"unknown directive '%1' (known: backward-compatible, no-transaction)"_s.arg(argument));
        }
        if (!named)
            report(path, line, u"directive line names no directive"_s);
    }

    QString m_directory;
    Dialect m_dialect;
    QVector<Problem> m_problems;
};

} // namespace

Result<Catalog> CatalogReader::read(const QString& directory, Dialect dialect)
{
    return FolderReader(directory, dialect).read();
}

} // namespace backstep
