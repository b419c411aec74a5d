#include "filedialogs.h"

#include <QAbstractFileIconProvider>
#include <QFileDialog>
#include <QFileInfo>
#include <QMimeDatabase>

namespace backstep::ui {

namespace {

// Icons and type names from the name alone, as the file system model shows them.
class NameOnlyIconProvider : public QAbstractFileIconProvider
{
public:
    QIcon icon(IconType type) const override
    {
        return QAbstractFileIconProvider::icon(type);
    }
    QIcon icon(const QFileInfo& info) const override
    {
        return icon(info.isDir() ? Folder : File);
    }
    QString type(const QFileInfo& info) const override
    {
        if (info.isDir())
            return QFileDialog::tr("Folder");
        const QMimeType mime = QMimeDatabase().mimeTypeForFile(info.fileName(), QMimeDatabase::MatchExtension);
        return mime.isDefault() ? QFileDialog::tr("File") : mime.comment();
    }
};

QAbstractFileIconProvider* nameOnlyIconProvider()
{
    static NameOnlyIconProvider provider; // outlives every dialog
    return &provider;
}

QString run(QFileDialog& dialog, QString* selectedFilter = nullptr)
{
    if (selectedFilter && !selectedFilter->isEmpty())
        dialog.selectNameFilter(*selectedFilter);
    if (dialog.exec() != QDialog::Accepted || dialog.selectedFiles().isEmpty())
        return {};
    if (selectedFilter)
        *selectedFilter = dialog.selectedNameFilter();
    return dialog.selectedFiles().constFirst();
}

} // namespace

QFileDialog* FileDialogs::create(QWidget* parent, const QString& caption, const QString& directory,
                                 const QString& filter)
{
    auto* dialog = new QFileDialog(parent, caption, directory, filter);
    dialog->setOption(QFileDialog::DontUseNativeDialog);
    dialog->setIconProvider(nameOnlyIconProvider());
    return dialog;
}

QString FileDialogs::openFileName(QWidget* parent, const QString& caption, const QString& directory,
                                  const QString& filter)
{
    std::unique_ptr<QFileDialog> dialog(create(parent, caption, directory, filter));
    dialog->setFileMode(QFileDialog::ExistingFile);
    dialog->setAcceptMode(QFileDialog::AcceptOpen);
    return run(*dialog);
}

QString FileDialogs::saveFileName(QWidget* parent, const QString& caption, const QString& proposed,
                                  const QString& filters, QString* selectedFilter)
{
    std::unique_ptr<QFileDialog> dialog(create(parent, caption, proposed, filters));
    dialog->setFileMode(QFileDialog::AnyFile);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    return run(*dialog, selectedFilter);
}

QString FileDialogs::existingDirectory(QWidget* parent, const QString& caption, const QString& directory)
{
    std::unique_ptr<QFileDialog> dialog(create(parent, caption, directory, QString()));
    dialog->setFileMode(QFileDialog::Directory);
    dialog->setOption(QFileDialog::ShowDirsOnly);
    dialog->setAcceptMode(QFileDialog::AcceptOpen);
    return run(*dialog);
}

} // namespace backstep::ui
