#pragma once

#include <QString>

namespace backstep::test {

// A plain QSQLITE connection that gives up at once when the database is locked, so
// that a lock still held shows as an error and not as a wait.
class ImpatientConnection
{
public:
    explicit ImpatientConnection(const QString& path);
    ~ImpatientConnection();
    ImpatientConnection(const ImpatientConnection&) = delete;
    ImpatientConnection& operator=(const ImpatientConnection&) = delete;

    // Empty on success, else the engine's text.
    QString exec(const QString& sql);
    // Rows in `table` (a trusted test name), or -1 when it cannot be counted.
    int count(const QString& table);

private:
    QString m_name;
};

} // namespace backstep::test
