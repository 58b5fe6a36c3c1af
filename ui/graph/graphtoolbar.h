// The graph widget's toolbar: expand/collapse all, the view modes (Inlined, Focus on data flow, Raw IR), Heat
// with its legend, Fit, Map, Find, Export, and the status line. Focus and Map are remembered per user.
#pragma once

#include <QWidget>

#include <vector>

class QToolButton;

namespace jitscope::ui {

class ElidingLabel;
class HeatOverlay;

class GraphToolBar : public QWidget
{
    Q_OBJECT
public:
    explicit GraphToolBar(QWidget* parent = nullptr);

    // Only Focus, Raw IR, Fit and Find (a pane beside another: the Passes view).
    void setCompact(bool compact);

    QToolButton* inlinedButton() const { return m_inlined; }
    QToolButton* focusButton() const { return m_focus; } // checked as last remembered
    QToolButton* rawButton() const { return m_raw; }
    QToolButton* heatButton() const { return m_heat; }
    QToolButton* mapButton() const { return m_map; } // checked as last remembered
    HeatOverlay* heatOverlay() const { return m_heatOverlay; }
    ElidingLabel* status() const { return m_status; }

Q_SIGNALS:
    void expandAllClicked();
    void collapseAllClicked();
    void fitClicked();
    void findClicked();
    void exportRequested(const QString& format); // "svg", "png" or "dot"

private:
    QToolButton* m_inlined;
    QToolButton* m_focus;
    QToolButton* m_raw;
    QToolButton* m_heat;
    QToolButton* m_map;
    std::vector<QWidget*> m_fullOnly; // hidden by setCompact()
    HeatOverlay* m_heatOverlay;
    ElidingLabel* m_status;
};

} // namespace jitscope::ui
