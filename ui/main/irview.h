// The "Graph IR" tab: the TorchScript IR text of every graph received so far.
#pragma once

#include "types/graph.h"

#include <QWidget>

class QComboBox;
class QLineEdit;
class QPlainTextEdit;

namespace jitscope::ui {

class IrView : public QWidget
{
    Q_OBJECT
public:
    explicit IrView(QWidget* parent = nullptr);

    void addGraph(const jitscope::Graph& graph); // shows it when it is the first one
    void clear();
    int graphCount() const;
    QString currentText() const;
    QPlainTextEdit* editor() const { return m_text; }

private:
    void showIndex(int index);

    QComboBox* m_graphs;
    QLineEdit* m_find;
    QPlainTextEdit* m_text;
    QStringList m_texts;
};

} // namespace jitscope::ui
