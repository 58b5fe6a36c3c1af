// Editors of containers: List[T] and Dict[K, V] as rows of element editors with +/− buttons, Tuple[…] as
// one editor per element. Their values are lists and dicts (InputValue) of the elements' values.
#pragma once

#include "argumenteditors.h"

#include <vector>

class QGridLayout;

namespace jitscope::ui {

class ListEditor : public ValueEditor
{
    Q_OBJECT
public:
    // `initial`: the items it starts with.
    ListEditor(spec::TypeNode element, const InputValue& initial, QWidget* parent = nullptr);
    InputValue value() const override;
    bool setValue(const InputValue& value) override;
    QString kind() const override { return QStringLiteral("list"); }
    int count() const { return static_cast<int>(m_items.size()); }
    ValueEditor* item(int index) const { return m_items[static_cast<size_t>(index)].editor; }
    // What + does: a copy of the last item (or the element's default editor).
    void addItem();
    void removeItem(int index);

private:
    struct Item
    {
        QWidget* row;
        ValueEditor* editor;
    };
    Item makeItem(ValueEditor* editor);
    void renumber();

    spec::TypeNode m_element;
    std::vector<Item> m_items;
    QVBoxLayout* m_rows = nullptr;
};

class DictEditor : public ValueEditor
{
    Q_OBJECT
public:
    // `type` is Dict[str, V] or Dict[int, V]: str keys give a dict, int keys a list of [key, value] pairs.
    DictEditor(spec::TypeNode type, const InputValue& initial, QWidget* parent = nullptr);
    InputValue value() const override;
    bool setValue(const InputValue& value) override;
    QString kind() const override { return QStringLiteral("dict"); }
    int count() const { return static_cast<int>(m_entries.size()); }
    QLineEdit* key(int index) const { return m_entries[static_cast<size_t>(index)].key; }
    ValueEditor* item(int index) const { return m_entries[static_cast<size_t>(index)].editor; }
    void addEntry();
    void removeEntry(int index);

private:
    struct Entry
    {
        QWidget* row;
        QLineEdit* key;
        ValueEditor* editor;
    };
    Entry makeEntry(const QString& key, ValueEditor* editor);

    spec::TypeNode m_type;
    bool m_intKeys = false;
    std::vector<Entry> m_entries;
    QVBoxLayout* m_rows = nullptr;
};

class TupleEditor : public ValueEditor
{
    Q_OBJECT
public:
    explicit TupleEditor(const spec::TypeNode& type, QWidget* parent = nullptr);
    InputValue value() const override;
    bool setValue(const InputValue& value) override;
    QString kind() const override { return QStringLiteral("tuple"); }
    int count() const { return static_cast<int>(m_elements.size()); }
    ValueEditor* item(int index) const { return m_elements[static_cast<size_t>(index)]; }

private:
    std::vector<ValueEditor*> m_elements;
};

} // namespace jitscope::ui
