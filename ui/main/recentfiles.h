// File › Open Recent and the start page's list: the models opened last, most recent first.
#pragma once

#include <QObject>
#include <QStringList>

class QMenu;
class QThreadPool;

namespace jitscope::ui {

class StartPage;

class RecentFiles : public QObject
{
    Q_OBJECT
public:
    static constexpr int kMaxFiles = 10;

    RecentFiles(QMenu* menu, StartPage* start, QObject* parent);

    void load(); // from the settings
    void add(const QString& path);
    QStringList files() const { return m_files; }

Q_SIGNALS:
    void fileChosen(const QString& path); // from the menu

private:
    void update();
    void save(); // off the UI thread

    QMenu* m_menu;
    StartPage* m_start;
    QStringList m_files; // most recent first; written to the settings by save()
    QThreadPool* m_writer = nullptr;
};

} // namespace jitscope::ui
