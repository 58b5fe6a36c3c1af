#include "irview.h"

#include "format.h"
#include "graph/graphstore.h"

#include <QComboBox>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QVBoxLayout>

namespace jitscope::ui {

IrView::IrView(QWidget* parent)
    : QWidget(parent), m_graphs(new QComboBox), m_find(new QLineEdit), m_text(new QPlainTextEdit)
{
    m_text->setReadOnly(true);
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_text->setObjectName(QStringLiteral("irText"));
    m_graphs->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_find->setPlaceholderText(tr("Find (Enter: next, Shift+Enter: previous)"));
    m_find->setClearButtonEnabled(true);

    auto* bar = new QHBoxLayout;
    bar->addWidget(m_graphs);
    bar->addStretch(1);
    bar->addWidget(m_find);
    m_find->setMinimumWidth(260);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(bar);
    layout->addWidget(m_text, 1);

    connect(m_graphs, &QComboBox::currentIndexChanged, this, &IrView::showIndex);
    connect(m_find, &QLineEdit::returnPressed, this, [this] {
        const bool backward = QGuiApplication::keyboardModifiers() & Qt::ShiftModifier;
        const auto flags = backward ? QTextDocument::FindBackward : QTextDocument::FindFlags();
        if (!m_text->find(m_find->text(), flags)) {
            m_text->moveCursor(backward ? QTextCursor::End : QTextCursor::Start); // wrap around
            m_text->find(m_find->text(), flags);
        }
    });
}

void IrView::setStore(GraphStore* store)
{
    connect(store, &GraphStore::graphArrived, this, [this, store](const GraphRef& ref) {
        if (auto graph = store->graph(ref))
            addGraph(ref, *graph);
    });
    connect(store, &GraphStore::cleared, this, &IrView::clear);
}

void IrView::addGraph(const GraphRef& ref, const Graph& graph)
{
    const QString label = qs(ref.label());
    const int existing = m_graphs->findText(label);
    if (existing >= 0) {
        m_texts[existing] = qs(graph.text);
        if (existing == m_graphs->currentIndex())
            showIndex(existing);
        return;
    }
    m_texts << qs(graph.text);
    m_graphs->addItem(label);
    if (m_graphs->count() == 1)
        showIndex(0);
}

void IrView::clear()
{
    m_texts.clear();
    m_graphs->clear();
    m_text->clear();
}

int IrView::graphCount() const
{
    return m_graphs->count();
}

QString IrView::currentText() const
{
    return m_text->toPlainText();
}

void IrView::showIndex(int index)
{
    if (index >= 0 && index < m_texts.size())
        m_text->setPlainText(m_texts[index]);
}

} // namespace jitscope::ui
