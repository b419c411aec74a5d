// MainWindow's "Rehearse rollback…": from the chosen target build to a rehearsal
// request for the database that is open. The rehearsal itself runs in core, in
// RehearsalDialog's worker thread.
#include "mainwindow.h"

#include "decisionbanner.h"
#include "rehearsal/rehearsaldialog.h"

#include <QComboBox>

namespace backstep::ui {

RehearsalDialog* MainWindow::rehearseRollback()
{
    const int index = m_targetCombo->currentIndex();
    if (!m_hasSnapshot || index < 0)
        return nullptr;
    if (!m_snapshot.hasCatalog()) {
        // The build's expected schema comes from replaying its catalog.
        m_banner->setMessage(tr("A rehearsal needs the migrations folder"),
            tr("Open the catalog with File \u25b8 Open catalog folder, then rehearse again."),
            DecisionBanner::Tone::Warning);
        return nullptr;
    }
    RehearsalRequest request;
    // m_request, not the snapshot: the snapshot's URI is redacted, and a password
    // typed for this connection is needed again (it still is never stored).
    request.database = m_request.database;
    request.migrations = m_request.migrations;
    request.builds = m_request.builds;
    request.ledgerTable = m_snapshot.ledgerTable;
    request.scratch = m_request.scratch;
    const QString name = m_targetCombo->itemText(index);
    if (name.startsWith(u'#')) // a virtual build: a point on the timeline
        request.upTo = m_targetCombo->itemData(index).toLongLong();
    else
        request.buildVersion = name;

    auto* dialog = new RehearsalDialog(request, m_snapshot.dialect, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
    return dialog;
}

} // namespace backstep::ui
