// The editor of a Dict[str, V] or Dict[int, V] argument: rows of a key and a value editor with +/−
// buttons; entries keep their order.
#pragma once

#include "valueeditor.h"

#include <QString>

#include <vector>

class QLineEdit;
class QVBoxLayout;

namespace jitscope::ui {

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

} // namespace jitscope::ui
