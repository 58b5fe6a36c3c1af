// List, Dict and Tuple editors: element editors made by createValueEditor, in rows with +/− buttons.
#include "containereditors.h"

#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <memory>

namespace jitscope::ui {

namespace {

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

// The layout of a list or dict editor: its rows, then `add` on a line of its own. Returns the rows' layout.
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

// The row of `rows` (items with a `row` widget) that holds `row`, or -1: rows move as others are removed, so
// a remove button looks its row up when clicked.
template<class Rows> int rowIndex(const Rows& rows, const QWidget* row)
{
    for (size_t i = 0; i < rows.size(); ++i)
        if (rows[i].row == row)
            return static_cast<int>(i);
    return -1;
}

QLabel* indexLabel(const QString& text)
{
    auto* label = new QLabel(text);
    label->setForegroundRole(QPalette::PlaceholderText);
    label->setMinimumWidth(label->fontMetrics().horizontalAdvance(QStringLiteral("[00]")));
    return label;
}

// Editors for every element of `values`, or none when one of them cannot be shown.
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

} // namespace

ListEditor::ListEditor(spec::TypeNode element, const InputValue& initial, QWidget* parent)
    : ValueEditor(parent), m_element(std::move(element))
{
    const bool tensors = m_element.name == "Tensor" || m_element.name == "Optional";
    QPushButton* add = addButton(tensors ? tr("+ Add tensor") : tr("+ Add item"), tr("Add an element"));
    m_rows = rowsWithAddButton(this, add);
    connect(add, &QPushButton::clicked, this, [this] { addItem(); });
    setValue(initial);
}

ListEditor::Item ListEditor::makeItem(ValueEditor* editor)
{
    auto* row = new QWidget;
    auto* h = new QHBoxLayout(row);
    h->setContentsMargins(0, 0, 0, 0);
    h->addWidget(indexLabel({}));
    h->addWidget(editor, 1);
    QToolButton* remove = removeButton(tr("Remove this element"));
    h->addWidget(remove);
    connect(editor, &ValueEditor::changed, this, &ValueEditor::changed);
    connect(remove, &QToolButton::clicked, this, [this, row] {
        if (const int i = rowIndex(m_items, row); i >= 0)
            removeItem(i);
    });
    m_rows->addWidget(row);
    return {row, editor};
}

void ListEditor::renumber()
{
    for (size_t i = 0; i < m_items.size(); ++i)
        static_cast<QLabel*>(m_items[i].row->layout()->itemAt(0)->widget())
            ->setText(QStringLiteral("[%1]").arg(i));
}

void ListEditor::addItem()
{
    ValueEditor* editor = createValueEditor(m_element);
    if (!m_items.empty())
        editor->setValue(m_items.back().editor->value());
    m_items.push_back(makeItem(editor));
    renumber();
    Q_EMIT changed();
}

void ListEditor::removeItem(int index)
{
    delete m_items[static_cast<size_t>(index)].row;
    m_items.erase(m_items.begin() + index);
    renumber();
    Q_EMIT changed();
}

InputValue ListEditor::value() const
{
    std::vector<InputValue> items;
    for (const Item& item : m_items)
        items.push_back(item.editor->value());
    return InputValue::listOf(std::move(items));
}

bool ListEditor::setValue(const InputValue& value)
{
    if (value.kind != InputValue::Kind::List)
        return false;
    auto editors = editorsFor(m_element, value.items);
    if (editors.size() != value.items.size())
        return false;
    for (const Item& item : m_items)
        delete item.row;
    m_items.clear();
    for (auto& editor : editors)
        m_items.push_back(makeItem(editor.release()));
    renumber();
    return true;
}

DictEditor::DictEditor(spec::TypeNode type, const InputValue& initial, QWidget* parent)
    : ValueEditor(parent), m_type(std::move(type)), m_intKeys(m_type.args[0].name == "int")
{
    QPushButton* add = addButton(tr("+ Add entry"), tr("Add a key and its value (entries keep their order)"));
    m_rows = rowsWithAddButton(this, add);
    connect(add, &QPushButton::clicked, this, [this] { addEntry(); });
    setValue(initial);
}

DictEditor::Entry DictEditor::makeEntry(const QString& key, ValueEditor* editor)
{
    auto* row = new QWidget;
    auto* h = new QHBoxLayout(row);
    h->setContentsMargins(0, 0, 0, 0);
    auto* keyEdit = new QLineEdit(key);
    keyEdit->setObjectName(QStringLiteral("key"));
    keyEdit->setPlaceholderText(tr("key"));
    keyEdit->setMaximumWidth(120);
    if (m_intKeys)
        keyEdit->setValidator(
            new QRegularExpressionValidator(QRegularExpression(QStringLiteral("-?[0-9]+")), keyEdit));
    h->addWidget(keyEdit);
    h->addWidget(new QLabel(QStringLiteral(":")));
    h->addWidget(editor, 1);
    QToolButton* remove = removeButton(tr("Remove this entry"));
    h->addWidget(remove);
    connect(keyEdit, &QLineEdit::textEdited, this, &ValueEditor::changed);
    connect(editor, &ValueEditor::changed, this, &ValueEditor::changed);
    connect(remove, &QToolButton::clicked, this, [this, row] {
        if (const int i = rowIndex(m_entries, row); i >= 0)
            removeEntry(i);
    });
    m_rows->addWidget(row);
    return {row, keyEdit, editor};
}

void DictEditor::addEntry()
{
    // a key not taken yet: x, x2, x3 … (or 0, 1, 2 … for int keys)
    QString key;
    for (int i = m_intKeys ? 0 : 1;; ++i) {
        key = m_intKeys ? QString::number(i) : i == 1 ? QStringLiteral("x") : QStringLiteral("x%1").arg(i);
        bool taken = false;
        for (const Entry& e : m_entries)
            taken = taken || e.key->text() == key;
        if (!taken)
            break;
    }
    ValueEditor* editor = createValueEditor(m_type.args[1]);
    if (!m_entries.empty())
        editor->setValue(m_entries.back().editor->value());
    m_entries.push_back(makeEntry(key, editor));
    Q_EMIT changed();
}

void DictEditor::removeEntry(int index)
{
    delete m_entries[static_cast<size_t>(index)].row;
    m_entries.erase(m_entries.begin() + index);
    Q_EMIT changed();
}

InputValue DictEditor::value() const
{
    if (m_intKeys) { // the spec's JSON has string keys only: [key, value] pairs (the worker reads them by
                     // the schema)
        std::vector<InputValue> pairs;
        for (const Entry& e : m_entries)
            pairs.push_back(
                InputValue::listOf({InputValue::ofInt(e.key->text().toLongLong()), e.editor->value()}));
        return InputValue::listOf(std::move(pairs));
    }
    std::vector<std::pair<std::string, InputValue>> entries;
    for (const Entry& e : m_entries) {
        // a repeated key keeps its first place and its last value, as a JSON object would
        const std::string key = e.key->text().toStdString();
        auto same =
            std::find_if(entries.begin(), entries.end(), [&](const auto& kv) { return kv.first == key; });
        if (same != entries.end())
            same->second = e.editor->value();
        else
            entries.emplace_back(key, e.editor->value());
    }
    return InputValue::dictOf(std::move(entries));
}

bool DictEditor::setValue(const InputValue& value)
{
    std::vector<QString> keys;
    std::vector<InputValue> values;
    if (value.kind == InputValue::Kind::Dict) {
        if (m_intKeys)
            return false;
        for (const auto& [key, item] : value.entries) {
            keys.push_back(QString::fromStdString(key));
            values.push_back(item);
        }
    } else if (value.kind == InputValue::Kind::List) { // [key, value] pairs
        for (const InputValue& pair : value.items) {
            if (pair.kind != InputValue::Kind::List || pair.items.size() != 2 ||
                (m_intKeys ? pair.items[0].kind != InputValue::Kind::Int
                           : pair.items[0].kind != InputValue::Kind::Spec))
                return false;
            keys.push_back(m_intKeys ? QString::number(pair.items[0].integer)
                                     : QString::fromStdString(pair.items[0].spec));
            values.push_back(pair.items[1]);
        }
    } else {
        return false;
    }
    auto editors = editorsFor(m_type.args[1], values);
    if (editors.size() != values.size())
        return false;
    for (const Entry& e : m_entries)
        delete e.row;
    m_entries.clear();
    for (size_t i = 0; i < editors.size(); ++i)
        m_entries.push_back(makeEntry(keys[i], editors[i].release()));
    return true;
}

TupleEditor::TupleEditor(const spec::TypeNode& type, QWidget* parent) : ValueEditor(parent)
{
    auto* grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setVerticalSpacing(2);
    for (size_t i = 0; i < type.args.size(); ++i) {
        ValueEditor* editor = createValueEditor(type.args[i]);
        grid->addWidget(indexLabel(QStringLiteral("[%1]").arg(i)), static_cast<int>(i), 0);
        grid->addWidget(editor, static_cast<int>(i), 1);
        connect(editor, &ValueEditor::changed, this, &ValueEditor::changed);
        m_elements.push_back(editor);
    }
    grid->setColumnStretch(1, 1);
}

InputValue TupleEditor::value() const
{
    std::vector<InputValue> items;
    for (const ValueEditor* e : m_elements)
        items.push_back(e->value());
    return InputValue::listOf(std::move(items));
}

bool TupleEditor::setValue(const InputValue& value)
{
    if (value.kind != InputValue::Kind::List || value.items.size() != m_elements.size())
        return false;
    // all or nothing: an element that cannot show its part puts the earlier ones back
    std::vector<InputValue> before;
    for (ValueEditor* e : m_elements)
        before.push_back(e->value());
    for (size_t i = 0; i < m_elements.size(); ++i) {
        if (!m_elements[i]->setValue(value.items[i])) {
            for (size_t j = 0; j < i; ++j)
                m_elements[j]->setValue(before[j]);
            return false;
        }
    }
    return true;
}

} // namespace jitscope::ui
