// A warning bar above the graph for a file that failed its integrity check (CRC-32 or size mismatches):
// the weights may not be the ones that were saved, so every number the window shows is suspect.
#pragma once

#include "types/modelinfo.h"

#include <QFrame>

class QLabel;

namespace jitscope::ui {

class IntegrityBar : public QFrame
{
    Q_OBJECT
public:
    explicit IntegrityBar(QWidget* parent = nullptr);

    // Shows the bar for a damaged file and hides it otherwise.
    void setIntegrity(const jitscope::IntegrityReport& integrity);
    QString text() const;

    // A one-line description of what is wrong ("" when nothing is), shared with tool tips.
    static QString describe(const jitscope::IntegrityReport& integrity);

private:
    QLabel* m_label;
};

} // namespace jitscope::ui
