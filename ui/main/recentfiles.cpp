#include "recentfiles.h"

#include "startpage.h"

#include <QFileInfo>
#include <QMenu>
#include <QSettings>
#include <QThreadPool>

namespace jitscope::ui {

RecentFiles::RecentFiles(QMenu* menu, StartPage* start, QObject* parent)
    : QObject(parent), m_menu(menu), m_start(start)
{}

void RecentFiles::load()
{
    m_files = QSettings().value(QStringLiteral("recentFiles")).toStringList();
    update();
}

void RecentFiles::add(const QString& path)
{
    m_files.removeAll(path);
    m_files.prepend(path);
    while (m_files.size() > kMaxFiles)
        m_files.removeLast();
    update();
    save();
}

// Writing the settings file syncs it to disk: 10–50 ms measured here, too long for the UI thread while a
// model opens. QSettings is reentrant and its cache is shared within the process, so a thread can write it.
void RecentFiles::save()
{
    // One writer thread: writes land in the order they were made.
    if (!m_writer) {
        m_writer = new QThreadPool(this);
        m_writer->setMaxThreadCount(1);
    }
    m_writer->start([files = m_files] {
        QSettings settings;
        if (files.isEmpty())
            settings.remove(QStringLiteral("recentFiles"));
        else
            settings.setValue(QStringLiteral("recentFiles"), files);
    });
}

void RecentFiles::update()
{
    m_menu->clear();
    for (const QString& file : std::as_const(m_files))
        m_menu->addAction(QFileInfo(file).fileName(), this, [this, file] { Q_EMIT fileChosen(file); })
            ->setToolTip(file);
    if (!m_files.isEmpty()) {
        m_menu->addSeparator();
        m_menu->addAction(tr("Clear List"), this, [this] {
            m_files.clear();
            update();
            save();
        });
    }
    m_menu->setEnabled(!m_files.isEmpty());
    m_start->setRecentFiles(m_files);
}

} // namespace jitscope::ui
