#pragma once

#include <QString>

namespace backstep::test {

// A database of its own on the test server named by BACKSTEP_TEST_PG (started by
// tests/run-tests.sh), created for one test and dropped afterwards. Never a
// developer's own database: without BACKSTEP_TEST_PG it is not available().
class ScratchPostgres
{
public:
    ScratchPostgres();
    ~ScratchPostgres();
    ScratchPostgres(const ScratchPostgres&) = delete;
    ScratchPostgres& operator=(const ScratchPostgres&) = delete;

    static bool available();
    static QString serverUri(); // BACKSTEP_TEST_PG

    bool isValid() const
    {
        return !m_name.isEmpty();
    }
    QString name() const
    {
        return m_name;
    }
    QString uri() const; // postgres://postgres@127.0.0.1:PORT/<name>
    QString error() const
    {
        return m_error;
    }

private:
    QString m_name;
    QString m_error;
};

} // namespace backstep::test
