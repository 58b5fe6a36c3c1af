// A benchmark's per-op profile as a table: self time and share by op kind, by module, or by op and module.
#pragma once

#include "types/runresult.h"

#include <QWidget>

#include <optional>

class QComboBox;
class QTableWidget;

namespace jitscope::ui {

class ProfileView : public QWidget
{
    Q_OBJECT
public:
    explicit ProfileView(QWidget* parent = nullptr);
    void setProfile(const std::optional<OpProfile>& profile); // nullopt: empty
    QTableWidget* table() const { return m_table; }

private:
    void fill();

    std::optional<OpProfile> m_profile;
    QComboBox* m_grouping;
    QTableWidget* m_table;
};

} // namespace jitscope::ui
