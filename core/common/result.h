#pragma once

#include "error.h"

#include <utility>
#include <variant>

namespace backstep {

// A value or an Error. Core functions return this instead of throwing or keeping a
// "last error" member, so every failure travels with the call that caused it.
template<typename T>
class Result
{
public:
    Result(T value)
        : m_data(std::move(value))
    {
    }
    Result(Error error)
        : m_data(std::move(error))
    {
    }

    bool ok() const
    {
        return std::holds_alternative<T>(m_data);
    }
    explicit operator bool() const
    {
        return ok();
    }

    const T& value() const&
    {
        return std::get<T>(m_data);
    }
    T& value() &
    {
        return std::get<T>(m_data);
    }
    T&& value() &&
    {
        return std::get<T>(std::move(m_data));
    }
    const T* operator->() const
    {
        return &std::get<T>(m_data);
    }
    const T& operator*() const&
    {
        return std::get<T>(m_data);
    }

    const Error& error() const
    {
        return std::get<Error>(m_data);
    }

private:
    std::variant<T, Error> m_data;
};

// For operations that produce nothing but can fail.
template<>
class Result<void>
{
public:
    Result() = default;
    Result(Error error)
        : m_error(std::move(error))
        , m_failed(true)
    {
    }

    bool ok() const
    {
        return !m_failed;
    }
    explicit operator bool() const
    {
        return ok();
    }
    const Error& error() const
    {
        return m_error;
    }

private:
    Error m_error;
    bool m_failed = false;
};

inline Error makeError(Error::Code code, QString message)
{
    return Error { code, std::move(message), {} };
}

} // namespace backstep
