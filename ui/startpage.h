#pragma once

#include "decisionbanner.h"

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
    // Why the last open failed, or what happens next, in the banner's words and tones.
    void setMessage(const QString& headline, const QString& detail, DecisionBanner::Tone tone);
    void clearMessage();
    // Headline and detail as one string; empty when no message is shown.
    QString message() const;

Q_SIGNALS:
    void openSqliteRequested();
    void openPostgresRequested();
    void openDemoRequested();
    void recentChosen(const QString& uri);

private:
    QListWidget* m_recent = nullptr;
    QLabel* m_recentTitle = nullptr;
    DecisionBanner* m_message = nullptr;
};

} // namespace backstep::ui
