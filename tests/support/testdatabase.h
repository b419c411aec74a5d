#pragma once

#include <QSqlDatabase>
#include <QString>
#include <QVariant>
#include <QVariantList>

namespace backstep::test {

// Direct access to a test's database, to arrange and inspect it independently of the
// code under test: sqlite:PATH or postgres://... URIs. Its own connection, closed on
// destruction.
class TestDatabase
{
public:
    explicit TestDatabase(const QString& uri);
    ~TestDatabase();
    TestDatabase(const TestDatabase&) = delete;
    TestDatabase& operator=(const TestDatabase&) = delete;

    bool isOpen() const;
    bool exec(const QString& sql, const QVariantList& values = {});
    // The first column of every row of a query.
    QVariantList column(const QString& sql, const QVariantList& values = {});
    QVariant scalar(const QString& sql, const QVariantList& values = {});
    bool tableExists(const QString& table);
    QString lastError() const
    {
        return m_lastError;
    }

private:
    QString m_connectionName;
    QString m_lastError;
};

} // namespace backstep::test
