#pragma once

#include <QString>

namespace backstep {

// What went wrong, as a value. The code decides how a caller reports it (the CLI maps
// it to an exit status); the message is one line for a person and names the file, row,
// statement or URI concerned. Messages never contain a password.
struct Error
{
    enum class Code {
        Usage, // bad command line
        Catalog, // a migration folder or file is malformed
        Uri, // a database location that cannot be parsed
        Connection, // the database cannot be opened or reached
        Ledger, // the ledger table is missing or holds rows that make no sense
        Migration, // a migration's SQL failed on the database
        Sandbox, // SQL Backstep did not write tried to reach outside its sandbox, and was denied
        Cancelled, // the caller asked to stop
        Internal, // a bug or an unexpected state
    };

    Code code = Code::Internal;
    QString message;
    // The engine's own code for a failed statement (PostgreSQL's SQLSTATE, SQLite's
    // result code), empty otherwise. Not part of equality: messages are what tests and
    // people compare.
    QString engineCode;

    friend bool operator==(const Error& a, const Error& b)
    {
        return a.code == b.code && a.message == b.message;
    }
};

} // namespace backstep
