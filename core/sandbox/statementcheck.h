#pragma once

#include <QString>

namespace backstep {

// What one statement of an untrusted script does beyond its own rows and schema: to
// the transaction Backstep runs it in, or outside the database it runs on. A value
// type; StatementGuard computes it from the statement's text alone.
struct StatementCheck
{
    enum class Kind {
        Ordinary, // stays inside its database and its transaction
        // Transaction control: would end, split or reshape Backstep's transaction.
        Begin, // BEGIN, START TRANSACTION
        Commit, // COMMIT, END (also AND CHAIN)
        Rollback, // ROLLBACK, ABORT
        Savepoint, // SAVEPOINT x
        Release, // RELEASE [SAVEPOINT] x
        RollbackTo, // ROLLBACK TO [SAVEPOINT] x
        TwoPhase, // PREPARE TRANSACTION, COMMIT PREPARED, ROLLBACK PREPARED
        SetTransaction, // SET TRANSACTION, SET SESSION CHARACTERISTICS, the *transaction_* settings
        // Cannot run inside a transaction block (CREATE INDEX CONCURRENTLY, VACUUM).
        OutsideTransaction,
        // Reaches outside its database: files, programs, other databases, roles, the server.
        Escape,
        // Runs SQL that cannot be read before it runs (a DO block or routine body with
        // dynamic EXECUTE or its own transaction control).
        Unchecked,
        // The parser does not accept it, so nothing about it can be promised.
        Unparsable,
    };

    Kind kind = Kind::Ordinary;
    // What the statement is, as a person would name it: "COMMIT", "COPY … TO PROGRAM",
    // "CREATE INDEX CONCURRENTLY". Empty for Ordinary.
    QString what;

    bool isTransactionControl() const
    {
        return kind >= Kind::Begin && kind <= Kind::SetTransaction;
    }
    // Rolls back work it did not do itself, so a replay without it would not show the
    // script's net effect.
    bool discardsWork() const
    {
        return kind == Kind::Rollback || kind == Kind::RollbackTo || kind == Kind::TwoPhase;
    }

    friend bool operator==(const StatementCheck& a, const StatementCheck& b)
    {
        return a.kind == b.kind && a.what == b.what;
    }
};

} // namespace backstep
