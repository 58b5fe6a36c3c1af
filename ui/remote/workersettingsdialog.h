// Settings › Workers: the named worker commands, Local first (fixed), with templates for ssh, a bastion,
// Slurm, Docker and Kubernetes to start from.
#pragma once

#include "workerprofiles.h"

#include <QDialog>

class QTableWidget;

namespace jitscope::ui {

class WorkerSettingsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit WorkerSettingsDialog(const QList<WorkerProfile>& profiles, QWidget* parent = nullptr);
    QList<WorkerProfile> profiles() const; // Local first; rows without a name or command are dropped
    QTableWidget* table() const { return m_table; }
    void addProfile(const WorkerProfile& profile);

private:
    QTableWidget* m_table;
};

} // namespace jitscope::ui
