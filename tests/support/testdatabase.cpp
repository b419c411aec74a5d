#include "testdatabase.h"

#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>

namespace backstep::test {

TestDatabase::TestDatabase(const QString& uri)
    : m_connectionName(QStringLiteral("test-%1").arg(QRandomGenerator::global()->generate64(), 0, 16))
{
    QSqlDatabase db;
    if (uri.startsWith(QLatin1String("sqlite:"))) {
        db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
        QString path = uri.mid(7);
        if (path.startsWith(QLatin1String("//")))
            path = path.mid(2);
        db.setDatabaseName(path);
    } else {
        const QUrl url(uri);
        db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), m_connectionName);
        db.setHostName(url.host());
        db.setPort(url.port(5432));
        db.setUserName(url.userName());
        db.setPassword(url.password());
        db.setDatabaseName(url.path().mid(1));
    }
    if (!db.open())
        m_lastError = db.lastError().text();
}

TestDatabase::~TestDatabase()
{
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

bool TestDatabase::isOpen() const
{
    return QSqlDatabase::database(m_connectionName, false).isOpen();
}

bool TestDatabase::exec(const QString& sql, const QVariantList& values)
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    bool ok = values.isEmpty() ? query.exec(sql) : query.prepare(sql);
    if (!values.isEmpty() && ok) {
        for (const QVariant& value : values)
            query.addBindValue(value);
        ok = query.exec();
    }
    if (!ok)
        m_lastError = query.lastError().text() + QStringLiteral(" in: ") + sql;
    return ok;
}

QVariantList TestDatabase::column(const QString& sql, const QVariantList& values)
{
    QVariantList result;
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.prepare(sql);
    for (const QVariant& value : values)
        query.addBindValue(value);
    if (!query.exec()) {
        m_lastError = query.lastError().text() + QStringLiteral(" in: ") + sql;
        return result;
    }
    while (query.next())
        result.append(query.value(0));
    return result;
}

QVariant TestDatabase::scalar(const QString& sql, const QVariantList& values)
{
    return column(sql, values).value(0);
}

bool TestDatabase::tableExists(const QString& table)
{
    return QSqlDatabase::database(m_connectionName, false).tables().contains(table);
}

} // namespace backstep::test
