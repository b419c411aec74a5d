#pragma once

#include <QWidget>

class QLabel;
class QListWidget;

namespace backstep::ui {

// What the window shows while no database is open: the ways to open one (a SQLite
// file, a PostgreSQL connection, the demo, a recent database, or a file dropped on the
// window) and, when opening failed, why. It only asks; MainWindow opens. GUI thread only.
class StartPage : public QWidget
{
    Q_OBJECT

public:
    explicit StartPage(QWidget* parent = nullptr);

    void setRecent(const QStringList& uris);
    // Why the last open failed; empty hides it.
    void setMessage(const QString& message);
    QString message() const;

Q_SIGNALS:
    void openSqliteRequested();
    void openPostgresRequested();
    void openDemoRequested();
    void recentChosen(const QString& uri);

private:
    QListWidget* m_recent = nullptr;
    QLabel* m_recentTitle = nullptr;
    QLabel* m_message = nullptr;
};

} // namespace backstep::ui
