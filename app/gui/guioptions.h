#pragma once

#include "common/result.h"

#include <QString>
#include <QStringList>

namespace backstep::gui {

// The backstep command line: what to open, which build to simulate, and whether to
// write a screenshot and quit (for docs and checks without a display).
struct GuiOptions
{
    bool demo = false;
    QString database;
    QString migrations;
    QString builds;
    QString target;
    QString screenshot;

    static Result<GuiOptions> parse(const QStringList& arguments);
};

} // namespace backstep::gui
