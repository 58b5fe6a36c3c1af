#include "startpage.h"

#include <QDir>
#include <QFileInfo>
#include <QIcon>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace jitscope::ui {

StartPage::StartPage(QWidget* parent)
    : QWidget(parent), m_open(new QPushButton(tr("Open TorchScript File…"))),
      m_sample(new QPushButton(tr("Open the Sample Model"))), m_recent(new QListWidget)
{
    setObjectName(QStringLiteral("startPage"));
    auto* logo = new QLabel;
    logo->setPixmap(QIcon(QStringLiteral(":/jitscope/icons/jitscope.svg")).pixmap(96, 96));
    logo->setAlignment(Qt::AlignCenter);
    auto* title = new QLabel(tr("JitScope"));
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 2.2);
    titleFont.setWeight(QFont::DemiBold);
    title->setFont(titleFont);
    title->setAlignment(Qt::AlignCenter);
    auto* subtitle =
        new QLabel(tr("Inspect, draw and run TorchScript models (.pt files saved by torch.jit.save)"));
    subtitle->setAlignment(Qt::AlignCenter);
    subtitle->setStyleSheet(QStringLiteral("color: #4b5563;"));
    auto* hint = new QLabel(tr("or drop a file anywhere in this window"));
    hint->setAlignment(Qt::AlignCenter);
    hint->setStyleSheet(QStringLiteral("color: #6b7280;"));

    m_open->setIcon(QIcon(QStringLiteral(":/jitscope/icons/open.svg")));
    m_open->setDefault(true);
    m_open->setObjectName(QStringLiteral("startOpen"));
    m_sample->setObjectName(QStringLiteral("startSample"));
    for (QPushButton* button : {m_open, m_sample}) {
        button->setMinimumHeight(36);
        button->setMinimumWidth(260);
    }

    auto* recentTitle = new QLabel(tr("<b>Recent files</b>"));
    m_recent->setObjectName(QStringLiteral("recentFiles"));
    m_recent->setMaximumWidth(560);
    m_recent->setMinimumWidth(420);
    m_recent->setMaximumHeight(220);
    m_recent->setFrameShape(QFrame::NoFrame);
    m_recent->setStyleSheet(QStringLiteral("QListWidget { background: transparent; }"));

    auto* column = new QVBoxLayout;
    column->addStretch(2);
    column->addWidget(logo);
    column->addWidget(title);
    column->addWidget(subtitle);
    column->addSpacing(24);
    column->addWidget(m_open, 0, Qt::AlignHCenter);
    column->addWidget(m_sample, 0, Qt::AlignHCenter);
    column->addWidget(hint);
    column->addSpacing(24);
    column->addWidget(recentTitle, 0, Qt::AlignHCenter);
    column->addWidget(m_recent, 0, Qt::AlignHCenter);
    column->addStretch(3);
    auto* layout = new QHBoxLayout(this);
    layout->addStretch(1);
    layout->addLayout(column, 2);
    layout->addStretch(1);
    recentTitle->setObjectName(QStringLiteral("recentTitle"));

    connect(m_open, &QPushButton::clicked, this, &StartPage::openRequested);
    connect(m_sample, &QPushButton::clicked, this, [this] { Q_EMIT fileRequested(m_samplePath); });
    connect(m_recent, &QListWidget::itemClicked, this,
            [this](QListWidgetItem* item) { Q_EMIT fileRequested(item->data(Qt::UserRole).toString()); });
    setRecentFiles({});
}

void StartPage::setRecentFiles(const QStringList& files)
{
    m_recent->clear();
    for (const QString& file : files) {
        const QFileInfo info(file);
        auto* item =
            new QListWidgetItem(QIcon(QStringLiteral(":/jitscope/icons/model.svg")),
                                QStringLiteral("%1   —   %2")
                                    .arg(info.fileName(), QDir::toNativeSeparators(info.absolutePath())));
        item->setData(Qt::UserRole, file);
        item->setToolTip(file);
        if (!info.exists())
            item->setForeground(palette().brush(QPalette::Disabled, QPalette::Text));
        m_recent->addItem(item);
    }
    m_recent->setVisible(!files.isEmpty());
    if (auto* title = findChild<QWidget*>(QStringLiteral("recentTitle")))
        title->setVisible(!files.isEmpty());
}

void StartPage::setSamplePath(const QString& path)
{
    m_samplePath = path;
    m_sample->setEnabled(!path.isEmpty());
    m_sample->setToolTip(path.isEmpty() ? tr("The sample model is not installed") : path);
}

} // namespace jitscope::ui
