// A one-line label that, when narrower than its text, draws the text cut with "…" and shows all of it as
// its tooltip: the graph toolbar's status must give way to the buttons, but never as a word cut in half
// ("10 nod").
#pragma once

#include <QLabel>

namespace jitscope::ui {

class ElidingLabel : public QLabel
{
    Q_OBJECT
public:
    explicit ElidingLabel(QWidget* parent = nullptr);

    // The tooltip shown when the text is cut (the text itself is then the tooltip's first line).
    void setDetail(const QString& detail);

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    QString m_detail;
};

} // namespace jitscope::ui
