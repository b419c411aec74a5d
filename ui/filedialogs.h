#pragma once

#include <QString>

class QFileDialog;
class QWidget;

namespace backstep::ui {

// The window's file dialogs, built so that they never read the files they list.
// Qt's QFileDialog asks its icon provider for each file's type, and the default one
// reads a file whose extension does not settle it (*.db, *.db-shm) to guess. That
// opens and closes the file inside this process, and closing any descriptor of a
// SQLite database drops every lock the process holds on it (see core's
// SharedFileDescriptor): a rehearsal copying that database at the time would lose
// its read lock. These dialogs name types by extension only and are Qt's own
// widgets (the desktop's native dialogs guess types the same way, in process).
class FileDialogs
{
public:
    static QString openFileName(QWidget* parent, const QString& caption, const QString& directory,
                                const QString& filter);
    static QString saveFileName(QWidget* parent, const QString& caption, const QString& proposed,
                                const QString& filters, QString* selectedFilter = nullptr);
    static QString existingDirectory(QWidget* parent, const QString& caption, const QString& directory);

    // A dialog set up as those use it, not shown (for tests); the caller owns it.
    static QFileDialog* create(QWidget* parent, const QString& caption, const QString& directory,
                               const QString& filter);
};

} // namespace backstep::ui
