#pragma once

#include "gate/gatedecision.h"

#include <QFrame>

class QLabel;

namespace backstep::ui {

// The answer first: one sentence saying whether the chosen build would boot, naming
// every blocking migration with its reason. Colour helps, but the leading symbol and
// the words carry the meaning on their own. Also shows load errors and progress.
// GUI thread only.
class DecisionBanner : public QFrame
{
    Q_OBJECT

public:
    enum class Tone
    {
        Neutral,
        Good,
        Warning,
        Bad,
    };

    explicit DecisionBanner(QWidget* parent = nullptr);

    void setDecision(const QString& buildName, const GateDecision& decision);
    void setMessage(const QString& headline, const QString& detail, Tone tone);

    // The banner's words, headline then detail, as one plain string.
    QString text() const;

    // The sentences, without widgets, so the CLI-like wording is tested once.
    static QString headline(const QString& buildName, const GateDecision& decision);
    static QString detail(const GateDecision& decision);

private:
    void applyTone(Tone tone);

    QLabel* m_headline = nullptr;
    QLabel* m_detail = nullptr;
};

} // namespace backstep::ui
