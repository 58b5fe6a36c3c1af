// The "Graph IR" tab: the TorchScript IR text of every graph the model's GraphStore has received so far.
#pragma once

#include "types/graph.h"
#include "types/graphref.h"

#include <QWidget>

class QComboBox;
class QLineEdit;
class QPlainTextEdit;

namespace jitscope::ui {

class GraphStore;

class IrView : public QWidget
{
    Q_OBJECT
public:
    explicit IrView(QWidget* parent = nullptr);

    // Lists every graph of `store` as it arrives (its text is read from the shared graph, not copied).
    void setStore(GraphStore* store);
    void addGraph(const jitscope::GraphRef& ref, const jitscope::Graph& graph); // shows the first one
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
