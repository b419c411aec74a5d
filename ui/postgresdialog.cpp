#include "postgresdialog.h"

#include "db/databaseuri.h"
#include "recentdatabases.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QUrl>
#include <QVBoxLayout>

namespace backstep::ui {

using namespace Qt::StringLiterals;

namespace {
constexpr int defaultPort = 5432;

QLineEdit* lineEdit(QWidget* parent, const QString& objectName, const QString& accessibleName)
{
    auto* edit = new QLineEdit(parent);
    edit->setObjectName(objectName);
    edit->setAccessibleName(accessibleName);
    return edit;
}
} // namespace

PostgresDialog::PostgresDialog(QWidget* parent)
    : QDialog(parent)
    , m_host(lineEdit(this, u"host"_s, tr("Host")))
    , m_port(new QSpinBox(this))
    , m_database(lineEdit(this, u"database"_s, tr("Database")))
    , m_user(lineEdit(this, u"user"_s, tr("User")))
    , m_password(lineEdit(this, u"password"_s, tr("Password")))
    , m_uri(lineEdit(this, u"uri"_s, tr("URI")))
    , m_problem(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Open | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Connect to PostgreSQL"));
    m_port->setObjectName(u"port"_s);
    m_port->setAccessibleName(tr("Port"));
    m_port->setRange(1, 65535);
    m_port->setValue(defaultPort);
    m_host->setText(u"localhost"_s);
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(tr("from PGPASSWORD or ~/.pgpass when empty"));
    m_uri->setPlaceholderText(u"postgres://user@host:5432/database"_s);
    m_uri->setMinimumWidth(340);
    m_problem->setObjectName(u"problem"_s);
    m_problem->setWordWrap(true);
    QPalette problemColours = m_problem->palette();
    problemColours.setColor(QPalette::WindowText, QColor(0x9b, 0x16, 0x1e));
    m_problem->setPalette(problemColours);

    auto* form = new QFormLayout;
    form->addRow(tr("&Host:"), m_host);
    form->addRow(tr("P&ort:"), m_port);
    form->addRow(tr("&Database:"), m_database);
    form->addRow(tr("&User:"), m_user);
    form->addRow(tr("Pass&word:"), m_password);
    form->addRow(tr("or paste a U&RI:"), m_uri);
    auto* note = new QLabel(
        tr("The database is opened read-only. The password is used for this connection only and never stored."),
        this);
    note->setWordWrap(true);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(note);
    layout->addWidget(m_problem);
    layout->addWidget(m_buttons);

    for (QLineEdit* edit : { m_host, m_database, m_user })
        connect(edit, &QLineEdit::textEdited, this, &PostgresDialog::fieldsEdited);
    connect(m_port, &QSpinBox::valueChanged, this, &PostgresDialog::fieldsEdited);
    connect(m_uri, &QLineEdit::textEdited, this, &PostgresDialog::uriEdited);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    fieldsEdited();
}

QString PostgresDialog::uri() const
{
    return m_uri->text().trimmed();
}

QString PostgresDialog::password() const
{
    return m_password->text();
}

QString PostgresDialog::connectionUri() const
{
    if (password().isEmpty())
        return uri();
    QUrl url(uri(), QUrl::StrictMode);
    url.setPassword(password());
    return url.toString(QUrl::FullyEncoded);
}

void PostgresDialog::setUri(const QString& text)
{
    m_uri->setText(text);
    uriEdited();
}

void PostgresDialog::fieldsEdited()
{
    QUrl url;
    url.setScheme(u"postgres"_s);
    url.setHost(m_host->text().trimmed());
    url.setPort(m_port->value());
    // Only when given: an empty user would still leave "@" in the URI.
    if (!m_user->text().trimmed().isEmpty())
        url.setUserName(m_user->text().trimmed());
    url.setPath(u"/"_s + m_database->text().trimmed());
    m_uri->setText(url.toString(QUrl::FullyEncoded));
    updateAcceptable();
}

void PostgresDialog::uriEdited()
{
    const Result<DatabaseUri> parsed = DatabaseUri::parse(uri());
    if (!parsed.ok() || parsed->dialect != Dialect::Postgres) {
        updateAcceptable();
        return;
    }
    const QSignalBlocker portBlocker(m_port);
    m_host->setText(parsed->host);
    m_port->setValue(parsed->port > 0 ? parsed->port : defaultPort);
    m_database->setText(parsed->database);
    m_user->setText(parsed->user);
    if (!parsed->password.isEmpty()) {
        // Into the masked field, and out of the URI that may end up on screen.
        m_password->setText(parsed->password);
        m_uri->setText(RecentDatabases::withoutPassword(uri()));
    }
    updateAcceptable();
}

void PostgresDialog::updateAcceptable()
{
    const Result<DatabaseUri> parsed = DatabaseUri::parse(uri());
    QString problem;
    if (m_database->text().trimmed().isEmpty())
        problem = tr("Name the database.");
    else if (!parsed.ok())
        problem = parsed.error().message;
    else if (parsed->dialect != Dialect::Postgres)
        problem = tr("This is not a PostgreSQL URI; it starts with postgres:// or postgresql://.");
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
    m_buttons->button(QDialogButtonBox::Open)->setEnabled(problem.isEmpty());
}

} // namespace backstep::ui
