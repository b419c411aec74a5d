#include "startpage.h"

#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace backstep::ui {

using namespace Qt::StringLiterals;

namespace {
QPushButton* button(const QString& text, const QString& objectName, QWidget* parent)
{
    auto* push = new QPushButton(text, parent);
    push->setObjectName(objectName);
    push->setAccessibleName(QString(text).remove(u'&').remove(u'\u2026'));
    push->setMinimumHeight(push->sizeHint().height() + 8);
    return push;
}
} // namespace

StartPage::StartPage(QWidget* parent)
    : QWidget(parent)
    , m_recent(new QListWidget(this))
    , m_recentTitle(new QLabel(tr("Recent databases"), this))
    , m_message(new DecisionBanner(this))
{
    setObjectName(u"startPage"_s);
    setAccessibleName(tr("Start page"));

    auto* title = new QLabel(tr("Will an older build boot on this database?"), this);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.5);
    titleFont.setBold(true);
    title->setFont(titleFont);
    auto* intro = new QLabel(tr("Open an app's database to see every migration it applied, which ones would stop "
                                "an older build from booting, and why. Databases are opened read-only."),
        this);
    intro->setWordWrap(true);

    m_message->setObjectName(u"startMessage"_s);
    m_message->setAccessibleName(tr("Message"));
    m_message->hide();

    QPushButton* sqlite = button(tr("Open &SQLite database\u2026"), u"openSqliteButton"_s, this);
    QPushButton* postgres = button(tr("Connect to &PostgreSQL\u2026"), u"openPostgresButton"_s, this);
    QPushButton* demo = button(tr("Open the &demo"), u"openDemoButton"_s, this);
    auto* dropHint = new QLabel(tr("or drop a SQLite file, a catalog folder or a builds.json on this window"), this);
    dropHint->setForegroundRole(QPalette::PlaceholderText);

    m_recent->setObjectName(u"recentList"_s);
    m_recent->setAccessibleName(tr("Recent databases"));
    m_recentTitle->setBuddy(m_recent);
    // As tall as the longest list, no taller: the page is a column, not a file manager.
    m_recent->setMaximumHeight(8 * (fontMetrics().height() + 4) + 2 * m_recent->frameWidth());

    auto* column = new QVBoxLayout;
    column->addWidget(title);
    column->addWidget(intro);
    column->addSpacing(8);
    column->addWidget(m_message);
    column->addWidget(sqlite);
    column->addWidget(postgres);
    column->addWidget(demo);
    column->addWidget(dropHint);
    column->addSpacing(12);
    column->addWidget(m_recentTitle);
    column->addWidget(m_recent);
    column->addStretch(1);

    // A readable column in the middle of a wide window.
    auto* row = new QHBoxLayout(this);
    row->addStretch(1);
    row->addLayout(column, 3);
    row->addStretch(1);
    row->setContentsMargins(24, 32, 24, 24);

    connect(sqlite, &QPushButton::clicked, this, &StartPage::openSqliteRequested);
    connect(postgres, &QPushButton::clicked, this, &StartPage::openPostgresRequested);
    connect(demo, &QPushButton::clicked, this, &StartPage::openDemoRequested);
    connect(m_recent, &QListWidget::itemActivated, this,
        [this](QListWidgetItem* item) { Q_EMIT recentChosen(item->text()); });
}

void StartPage::setRecent(const QStringList& uris)
{
    m_recent->clear();
    m_recent->addItems(uris);
    m_recent->setVisible(!uris.isEmpty());
    m_recentTitle->setVisible(!uris.isEmpty());
}

void StartPage::setMessage(const QString& headline, const QString& detail, DecisionBanner::Tone tone)
{
    m_message->setMessage(headline, detail, tone);
    m_message->show();
}

void StartPage::clearMessage()
{
    m_message->hide();
}

QString StartPage::message() const
{
    return m_message->isHidden() ? QString() : m_message->text();
}

} // namespace backstep::ui
