#include "buildsfile.h"

#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QRegularExpression>
#include <QStringList>

using namespace Qt::StringLiterals;

namespace backstep {

namespace {

// JSON numbers are doubles: 6.0 is accepted as 6, 6.5 and 1e30 are not integers.
std::optional<qint64> positiveInteger(const QJsonValue& value)
{
    if (!value.isDouble())
        return std::nullopt;
    const qint64 integer = value.toInteger(0);
    if (integer < 1 || value.toDouble() != static_cast<double>(integer))
        return std::nullopt;
    return integer;
}

// The value as it was written, so a message shows what the file holds.
QString jsonText(const QJsonValue& value)
{
    const QByteArray array = QJsonDocument(QJsonArray { value }).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(array.mid(1, array.size() - 2));
}

// QDate::fromString(Qt::ISODate) also takes "2023-3-4" and trailing times; the file
// format promises exactly yyyy-MM-dd.
QDate isoDate(const QString& text)
{
    static const QRegularExpression pattern(u"^\\d{4}-\\d{2}-\\d{2}$"_s);
    if (!pattern.match(text).hasMatch())
        return {};
    return QDate::fromString(text, Qt::ISODate);
}

QString entryLabel(int index, const QString& version)
{
    const QString label = u"entry %1"_s.arg(index + 1);
    return version.isEmpty() ? label : u"%1 (%2)"_s.arg(label, version);
}

// Problems found in one file, each one line naming the file.
class Problems
{
public:
    explicit Problems(const QString& path)
        : m_path(path)
    {
    }

    void add(int index, const QString& version, const QString& what)
    {
        m_lines.append(u"%1: %2: %3"_s.arg(m_path, entryLabel(index, version), what));
    }
    int count() const
    {
        return m_lines.size();
    }
    Error error() const
    {
        return makeError(Error::Code::Catalog, m_lines.join(u'\n'));
    }

private:
    QString m_path;
    QStringList m_lines;
};

Error fileError(const QString& path, const QString& what)
{
    return makeError(Error::Code::Catalog, u"%1: %2"_s.arg(path, what));
}

Result<QJsonArray> readArray(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fileError(path, u"cannot read the builds file: %1"_s.arg(file.errorString()));
    const QByteArray bytes = file.readAll();
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        // The offset counts bytes of the UTF-8 text; people look for a line.
        const qsizetype line = bytes.left(parseError.offset).count('\n') + 1;
        return makeError(
            Error::Code::Catalog, u"%1:%2: not JSON: %3"_s.arg(path, QString::number(line), parseError.errorString()));
    }
    if (!document.isArray())
        return fileError(path, u"not a JSON array of builds ([{\"version\": ..., \"max_id\": ...}, ...])"_s);
    return document.array();
}

void readVersion(const QJsonObject& entry, int index, Build& build, Problems& problems)
{
    const QJsonValue value = entry.value(u"version"_s);
    if (value.isUndefined())
        problems.add(index, {}, u"no \"version\""_s);
    else if (!value.isString() || value.toString().isEmpty())
        problems.add(index, {}, u"version must be a non-empty string, not %1"_s.arg(jsonText(value)));
    else
        build.version = value.toString();
}

void readMaxId(const QJsonObject& entry, int index, Build& build, Problems& problems)
{
    const QJsonValue value = entry.value(u"max_id"_s);
    if (value.isUndefined()) {
        problems.add(index, build.version, u"no \"max_id\""_s);
        return;
    }
    if (const auto maxId = positiveInteger(value))
        build.maxId = *maxId;
    else
        problems.add(index, build.version, u"max_id must be a positive integer, not %1"_s.arg(jsonText(value)));
}

void readReleased(const QJsonObject& entry, int index, Build& build, Problems& problems)
{
    // A build without a known date is still a build; null says so as well as absence.
    const QJsonValue value = entry.value(u"released"_s);
    if (value.isUndefined() || value.isNull())
        return;
    build.released = isoDate(value.toString());
    if (!build.released.isValid())
        problems.add(index, build.version, u"released must be a date as yyyy-MM-dd, not %1"_s.arg(jsonText(value)));
}

// nullopt when the entry has a problem (already added).
std::optional<Build> readEntry(const QJsonValue& value, int index, Problems& problems)
{
    if (!value.isObject()) {
        problems.add(index, {}, u"not an object but %1"_s.arg(jsonText(value)));
        return std::nullopt;
    }
    const QJsonObject entry = value.toObject();
    Build build;
    const int before = problems.count();
    readVersion(entry, index, build, problems);
    readMaxId(entry, index, build, problems);
    readReleased(entry, index, build, problems);
    if (problems.count() != before)
        return std::nullopt;
    return build;
}

// The gate and the timeline take a build's max_id as "knows every id up to here",
// which only makes sense when later releases know at least as much.
void checkOrder(const Builds& builds, const QVector<int>& indexes, Problems& problems)
{
    for (int i = 1; i < builds.size(); ++i) {
        const Build& previous = builds.at(i - 1);
        const Build& build = builds.at(i);
        if (build.maxId < previous.maxId)
            problems.add(indexes.at(i), build.version,
                u"max_id %1 is below the %2 of %3: builds are listed oldest first"_s.arg(QString::number(build.maxId),
                    QString::number(previous.maxId), entryLabel(indexes.at(i - 1), previous.version)));
    }
}

} // namespace

Result<Builds> BuildsFile::read(const QString& path)
{
    const auto array = readArray(path);
    if (!array)
        return array.error();

    Problems problems(path);
    Builds builds;
    QVector<int> indexes; // the entry each build came from
    QHash<QString, int> seen;
    for (int index = 0; index < array->size(); ++index) {
        const auto build = readEntry(array->at(index), index, problems);
        if (!build)
            continue;
        if (const auto first = seen.constFind(build->version); first != seen.cend()) {
            problems.add(index, build->version, u"the version is also %1"_s.arg(entryLabel(*first, build->version)));
            continue;
        }
        seen.insert(build->version, index);
        builds.append(*build);
        indexes.append(index);
    }
    checkOrder(builds, indexes, problems);
    if (problems.count() > 0)
        return problems.error();
    return builds;
}

std::optional<Build> BuildsFile::find(const Builds& builds, const QString& versionOrId)
{
    const QString text = versionOrId.trimmed();
    for (const Build& build : builds) {
        if (build.version == text)
            return build;
    }
    const QString digits = text.startsWith(u'#') ? text.mid(1) : text;
    static const QRegularExpression number(u"^[0-9]+$"_s);
    if (!number.match(digits).hasMatch())
        return std::nullopt;
    bool ok = false;
    const qint64 id = digits.toLongLong(&ok);
    if (!ok || id < 1)
        return std::nullopt;
    return Build { u"#%1"_s.arg(id), id, QDate() };
}

} // namespace backstep
