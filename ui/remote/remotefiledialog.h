// File › Open on a remote worker: browses the worker's file system through list_dir, never blocking the
// window while the link answers. Stale listings (the user clicked on) are dropped by a generation counter.
#pragma once

#include "remotefiles.h"

#include <QDialog>

class QCheckBox;
class QLabel;
class QLineEdit;
class QTreeView;
class QToolButton;
class QDialogButtonBox;

namespace jitscope::ui {

class RemoteFileModel;

class RemoteFileDialog : public QDialog
{
    Q_OBJECT
public:
    RemoteFileDialog(WorkerClient* worker, const QString& hostName, const QString& startFolder,
                     QWidget* parent = nullptr);

    void browse(const QString& folder); // "" = the worker's home
    QString selectedPath() const { return m_selected; }
    QString currentFolder() const;
    RemoteFileModel* model() const { return m_model; }
    QTreeView* view() const { return m_view; }
    QCheckBox* modelsOnlyBox() const { return m_modelsOnly; }
    QLineEdit* pathEdit() const { return m_path; }
    bool isBusy() const { return m_busy; }

Q_SIGNALS:
    void listed(const QString& folder); // a listing arrived and is shown
    void listFailed(const QString& message);

private:
    void activate(const QModelIndex& index);
    void acceptPath(const QString& path);
    void setBusy(bool busy, const QString& status = {});

    RemoteFiles m_files;
    RemoteFileModel* m_model;
    QTreeView* m_view;
    QLineEdit* m_path;
    QCheckBox* m_modelsOnly;
    QToolButton* m_up;
    QToolButton* m_home;
    QLabel* m_status;
    QDialogButtonBox* m_buttons;
    QString m_selected;
    int m_generation = 0;
    bool m_busy = false;
};

} // namespace jitscope::ui
