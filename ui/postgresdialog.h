#pragma once

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace backstep::ui {

// Asks where a PostgreSQL database is: host, port, database and user, or a pasted URI;
// the two stay in sync as either is edited. The password has its own masked field and
// is never part of uri(): the caller uses it for one connection and stores nothing.
// Left empty, libpq looks where it always does (PGPASSWORD, ~/.pgpass, service files).
// GUI thread only.
class PostgresDialog : public QDialog
{
    Q_OBJECT

public:
    explicit PostgresDialog(QWidget* parent = nullptr);

    // postgres://user@host:port/database, without a password.
    QString uri() const;
    QString password() const;
    // uri() with the password in it, for the one connection; never to be stored.
    QString connectionUri() const;
    // Fills the fields from a URI; a password in it moves to the password field.
    void setUri(const QString& uri);

private:
    void fieldsEdited();
    void uriEdited();
    void updateAcceptable();

    QLineEdit* m_host = nullptr;
    QSpinBox* m_port = nullptr;
    QLineEdit* m_database = nullptr;
    QLineEdit* m_user = nullptr;
    QLineEdit* m_password = nullptr;
    QLineEdit* m_uri = nullptr;
    QLabel* m_problem = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
};

} // namespace backstep::ui
