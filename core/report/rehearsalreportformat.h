#pragma once

#include "rehearsal/rehearsalreport.h"

#include <QJsonObject>
#include <QString>

namespace backstep {

// A RehearsalReport for people and programs: text for the terminal, JSON for
// `simulate --format json` and the GUI's export, Markdown for the GUI's export (an
// issue or a pull request). The JSON shape is documented in README.md (simulate).
class RehearsalReportFormat
{
public:
    static QString text(const RehearsalReport& report);
    static QJsonObject json(const RehearsalReport& report);
    static QString markdown(const RehearsalReport& report);
};

} // namespace backstep
