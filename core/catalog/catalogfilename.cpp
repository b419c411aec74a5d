#include "catalogfilename.h"

#include <QStringList>

namespace backstep {

namespace {

const QLatin1String sqlExtension(".sql");
const QLatin1String downWord("down");

Error badName(const QString& why)
{
    return makeError(Error::Code::Catalog, QStringLiteral("bad file name: ") + why);
}

Error expectedForm()
{
    return badName(QStringLiteral(
        "expected NNNN_name.sql, NNNN_name.<sqlite|postgres>.sql or NNNN_name[.<sqlite|postgres>].down.sql"));
}

bool isAsciiDigits(QStringView text)
{
    if (text.isEmpty())
        return false;
    for (QChar c : text) {
        if (c < u'0' || c > u'9')
            return false;
    }
    return true;
}

bool isValidName(QStringView name)
{
    for (QChar c : name) {
        if (!c.isLetter() && !c.isDigit() && c != u'_' && c != u'-')
            return false;
    }
    return true;
}

Result<qint64> parseId(QStringView digits)
{
    bool ok = false;
    const qint64 id = digits.toLongLong(&ok);
    if (!ok)
        return makeError(Error::Code::Catalog, QStringLiteral("id %1 is too large").arg(digits));
    if (id <= 0)
        return makeError(Error::Code::Catalog, QStringLiteral("id %1 is not a positive integer").arg(digits));
    return id;
}

// The suffixes between the name and ".sql": none, a dialect, "down", or both in either order.
Result<CatalogFileName> applySuffixes(CatalogFileName file, const QStringList& suffixes)
{
    bool down = false;
    for (const QString& suffix : suffixes) {
        if (suffix == downWord && !down) {
            down = true;
            continue;
        }
        const std::optional<Dialect> dialect = dialectFromName(suffix);
        if (suffix != downWord && !dialect)
            return badName(QStringLiteral("unknown suffix '.%1' (expected .sqlite, .postgres or .down)").arg(suffix));
        if (!dialect || file.dialect)
            return expectedForm();
        file.dialect = dialect;
    }
    file.role = down ? CatalogFileName::Role::Down : CatalogFileName::Role::Up;
    return file;
}

} // namespace

bool CatalogFileName::isCandidate(const QString& fileName)
{
    return !fileName.startsWith(u'.') && fileName.endsWith(sqlExtension, Qt::CaseInsensitive);
}

Result<CatalogFileName> CatalogFileName::parse(const QString& fileName)
{
    if (!fileName.endsWith(sqlExtension))
        return badName(QStringLiteral("the extension must be .sql in lower case"));
    const QStringList parts = fileName.chopped(sqlExtension.size()).split(u'.');
    const QString& stem = parts.constFirst();
    const qsizetype underscore = stem.indexOf(u'_');
    if (underscore < 0 || !isAsciiDigits(QStringView(stem).left(underscore)))
        return expectedForm();

    CatalogFileName file;
    file.name = stem.mid(underscore + 1);
    if (file.name.isEmpty())
        return badName(QStringLiteral("the name after the id is empty"));
    if (!isValidName(file.name))
        return badName(QStringLiteral("the name may only hold letters, digits, '_' and '-'"));
    const Result<qint64> id = parseId(QStringView(stem).left(underscore));
    if (!id)
        return id.error();
    file.id = id.value();
    return applySuffixes(file, parts.mid(1));
}

} // namespace backstep
