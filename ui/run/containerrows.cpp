#include "containerrows.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

namespace jitscope::ui::containerrows {

QToolButton* removeButton(const QString& tip)
{
    auto* button = new QToolButton;
    button->setObjectName(QStringLiteral("remove"));
    button->setText(QStringLiteral("−"));
    button->setToolTip(tip);
    const int side = button->sizeHint().height();
    button->setFixedSize(side, side);
    return button;
}

QPushButton* addButton(const QString& text, const QString& tip)
{
    auto* button = new QPushButton(text);
    button->setObjectName(QStringLiteral("add"));
    button->setToolTip(tip);
    button->setFlat(true);
    button->setCursor(Qt::PointingHandCursor);
    return button;
}

QVBoxLayout* rowsWithAddButton(QWidget* editor, QPushButton* add)
{
    auto* layout = new QVBoxLayout(editor);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    auto* rows = new QVBoxLayout;
    rows->setSpacing(2);
    layout->addLayout(rows);
    auto* addRow = new QHBoxLayout;
    addRow->addWidget(add);
    addRow->addStretch(1);
    layout->addLayout(addRow);
    return rows;
}

QLabel* indexLabel(const QString& text)
{
    auto* label = new QLabel(text);
    label->setForegroundRole(QPalette::PlaceholderText);
    label->setMinimumWidth(label->fontMetrics().horizontalAdvance(QStringLiteral("[00]")));
    return label;
}

std::vector<std::unique_ptr<ValueEditor>> editorsFor(const spec::TypeNode& type,
                                                     const std::vector<InputValue>& values)
{
    std::vector<std::unique_ptr<ValueEditor>> editors;
    for (const InputValue& v : values) {
        std::unique_ptr<ValueEditor> editor(createValueEditor(type));
        if (!editor || !editor->setValue(v))
            return {};
        editors.push_back(std::move(editor));
    }
    return editors;
}

} // namespace jitscope::ui::containerrows
