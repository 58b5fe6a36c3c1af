// The Ctrl+F bar above the graph: a query, the match count, next/previous.
#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;

namespace jitscope::ui {

class SearchBar : public QWidget
{
    Q_OBJECT
public:
    explicit SearchBar(QWidget* parent = nullptr);
    void activate(); // show, focus, select the text
    void setStatus(int current, int total);
    QString text() const;

Q_SIGNALS:
    void textChanged(const QString& text);
    void next();
    void previous();
    void closed();

protected:
    void keyPressEvent(QKeyEvent* event) override;

private:
    QLineEdit* m_edit;
    QLabel* m_count;
};

} // namespace jitscope::ui
