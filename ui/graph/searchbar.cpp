#include "searchbar.h"

#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QToolButton>

namespace jitscope::ui {

SearchBar::SearchBar(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 3, 6, 3);
    m_edit = new QLineEdit(this);
    m_edit->setPlaceholderText(tr("Find op kind, value name or module path"));
    m_edit->setClearButtonEnabled(true);
    m_count = new QLabel(this);
    m_count->setMinimumWidth(70);
    auto* previousButton = new QToolButton(this);
    previousButton->setText(QStringLiteral("▲"));
    previousButton->setToolTip(tr("Previous match (Shift+Enter)"));
    auto* nextButton = new QToolButton(this);
    nextButton->setText(QStringLiteral("▼"));
    nextButton->setToolTip(tr("Next match (Enter)"));
    auto* closeButton = new QToolButton(this);
    closeButton->setText(QStringLiteral("✕"));
    closeButton->setAutoRaise(true);
    layout->addWidget(m_edit, 1);
    layout->addWidget(m_count);
    layout->addWidget(previousButton);
    layout->addWidget(nextButton);
    layout->addWidget(closeButton);
    connect(m_edit, &QLineEdit::textChanged, this, &SearchBar::textChanged);
    connect(m_edit, &QLineEdit::returnPressed, this, &SearchBar::next);
    connect(nextButton, &QToolButton::clicked, this, &SearchBar::next);
    connect(previousButton, &QToolButton::clicked, this, &SearchBar::previous);
    connect(closeButton, &QToolButton::clicked, this, [this] {
        hide();
        Q_EMIT closed();
    });
}

void SearchBar::activate()
{
    show();
    m_edit->setFocus();
    m_edit->selectAll();
}

QString SearchBar::text() const
{
    return m_edit->text();
}

void SearchBar::setStatus(int current, int total)
{
    if (m_edit->text().isEmpty())
        m_count->clear();
    else if (total == 0)
        m_count->setText(tr("no match"));
    else
        m_count->setText(tr("%1 of %2").arg(current + 1).arg(total));
}

void SearchBar::keyPressEvent(QKeyEvent* event)
{
    if (event->key() == Qt::Key_Escape) {
        hide();
        Q_EMIT closed();
        return;
    }
    if ((event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) &&
        (event->modifiers() & Qt::ShiftModifier)) {
        Q_EMIT previous();
        return;
    }
    QWidget::keyPressEvent(event);
}

} // namespace jitscope::ui
