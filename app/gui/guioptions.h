#pragma once

#include "common/result.h"

#include <QString>
#include <QStringList>

namespace backstep::gui {

// The backstep command line: what to open, which build to simulate, and whether to
// write a screenshot or exports and quit (for docs, scripts and checks without a display).
struct GuiOptions
{
    bool demo = false;
    QString database;
    QString migrations;
    QString builds;
    QString ledgerTable;
    QString target;
    QString screenshot;
    QStringList exports; // files to export to once loaded, by extension; then quit

    static Result<GuiOptions> parse(const QStringList& arguments);
};

} // namespace backstep::gui
