#include "remotefiledialog.h"

#include "format.h"
#include "remotefilemodel.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStyle>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace jitscope::ui {

RemoteFileDialog::RemoteFileDialog(WorkerClient* worker, const QString& hostName, const QString& startFolder,
                                   QWidget* parent)
    : QDialog(parent), m_files(worker), m_model(new RemoteFileModel(this)), m_view(new QTreeView),
      m_path(new QLineEdit), m_modelsOnly(new QCheckBox(tr("TorchScript files only"))), m_up(new QToolButton),
      m_home(new QToolButton), m_status(new QLabel),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Open | QDialogButtonBox::Cancel))
{
    setObjectName(QStringLiteral("remoteFileDialog"));
    setWindowTitle(tr("Open a File on %1").arg(hostName));
    m_view->setObjectName(QStringLiteral("remoteFileView"));
    m_view->setModel(m_model);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setSortingEnabled(false); // the worker sorts: folders first, then by name
    m_view->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_path->setObjectName(QStringLiteral("remotePathEdit"));
    m_path->setPlaceholderText(tr("A folder or file on %1").arg(hostName));
    m_modelsOnly->setObjectName(QStringLiteral("modelsOnlyBox"));
    m_modelsOnly->setChecked(true);
    m_up->setIcon(style()->standardIcon(QStyle::SP_FileDialogToParent));
    m_up->setToolTip(tr("Parent folder"));
    m_home->setIcon(style()->standardIcon(QStyle::SP_DirHomeIcon));
    m_home->setToolTip(tr("Home folder on %1").arg(hostName));
    m_status->setWordWrap(true);

    auto* top = new QHBoxLayout;
    top->addWidget(m_up);
    top->addWidget(m_home);
    top->addWidget(m_path, 1);
    auto* bottom = new QHBoxLayout;
    bottom->addWidget(m_modelsOnly);
    bottom->addWidget(m_status, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_view, 1);
    layout->addLayout(bottom);
    layout->addWidget(m_buttons);
    resize(720, 480);

    connect(m_view, &QTreeView::activated, this, &RemoteFileDialog::activate);
    connect(m_up, &QToolButton::clicked, this, [this] {
        if (!m_model->parentFolder().isEmpty())
            browse(m_model->parentFolder());
    });
    connect(m_home, &QToolButton::clicked, this, [this] { browse(QString()); });
    connect(m_path, &QLineEdit::returnPressed, this, [this] { acceptPath(m_path->text().trimmed()); });
    connect(m_modelsOnly, &QCheckBox::toggled, this, [this] { browse(currentFolder()); });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        const QModelIndex current = m_view->currentIndex();
        if (current.isValid() && m_view->selectionModel()->isSelected(current))
            activate(current);
        else
            acceptPath(m_path->text().trimmed());
    });
    browse(startFolder);
}

QString RemoteFileDialog::currentFolder() const
{
    return m_model->folder();
}

void RemoteFileDialog::browse(const QString& folder)
{
    const int generation = ++m_generation;
    setBusy(true, tr("Listing %1…").arg(folder.isEmpty() ? tr("the home folder") : folder));
    protocol::ListDirRequest request;
    request.path = folder.toStdString();
    request.models_only = m_modelsOnly->isChecked();
    m_files.listDir(
        request,
        [this, generation](const protocol::ListDirResult& listing) {
            if (generation != m_generation)
                return; // the user went elsewhere meanwhile
            m_model->setListing(listing);
            m_path->setText(m_model->folder());
            m_up->setEnabled(!m_model->parentFolder().isEmpty());
            setBusy(false, tr("%n item(s)", nullptr, m_model->rowCount()));
            Q_EMIT listed(m_model->folder());
        },
        [this, generation](const Error& error) {
            if (generation != m_generation)
                return;
            setBusy(false, qs(error.message));
            Q_EMIT listFailed(qs(error.message));
        });
}

void RemoteFileDialog::activate(const QModelIndex& index)
{
    if (!index.isValid())
        return;
    const QString path = m_model->pathAt(index.row());
    if (m_model->isDirAt(index.row()))
        browse(path);
    else {
        m_selected = path;
        accept();
    }
}

void RemoteFileDialog::acceptPath(const QString& path)
{
    if (path.isEmpty())
        return;
    // A typed path may be a folder (browse it) or a file (open it): the worker says which.
    const int generation = ++m_generation;
    setBusy(true, tr("Looking up %1…").arg(path));
    m_files.stat(
        path,
        [this, generation](const protocol::StatResult& info) {
            if (generation != m_generation)
                return;
            if (!info.exists) {
                setBusy(false, tr("%1 does not exist.").arg(qs(info.path)));
            } else if (info.is_dir) {
                browse(qs(info.path));
            } else {
                setBusy(false);
                m_selected = qs(info.path);
                accept();
            }
        },
        [this, generation](const Error& error) {
            if (generation == m_generation)
                setBusy(false, qs(error.message));
        });
}

void RemoteFileDialog::setBusy(bool busy, const QString& status)
{
    m_busy = busy;
    m_status->setText(status);
    m_view->setEnabled(!busy);
}

} // namespace jitscope::ui
