#include "dicteditor.h"

#include "containerrows.h"

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

using namespace containerrows;

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

} // namespace jitscope::ui
