#pragma once

#include <QString>

namespace backstep {

// A PostgreSQL function or procedure. Overloads differ by arguments, so a function is
// name + arguments.
struct Function
{
    enum class Kind
    {
        Function,
        Procedure,
        Aggregate,
        Window,
    };

    QString name; // schema-qualified like Table::name
    QString arguments; // pg_get_function_identity_arguments(): "a integer, b text"
    QString result; // pg_get_function_result(): "integer", "trigger"; empty for a procedure
    Kind kind = Kind::Function;
    // pg_get_functiondef(): the whole CREATE OR REPLACE statement; empty for aggregates.
    QString definition;

    // "name(arguments)": what identifies the function.
    QString signature() const
    {
        return name + QLatin1Char('(') + arguments + QLatin1Char(')');
    }

    friend bool operator==(const Function& a, const Function& b)
    {
        return a.name == b.name && a.arguments == b.arguments && a.result == b.result && a.kind == b.kind
            && a.definition == b.definition;
    }
    friend bool operator!=(const Function& a, const Function& b)
    {
        return !(a == b);
    }
};

} // namespace backstep
