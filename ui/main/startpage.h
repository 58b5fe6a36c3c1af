// What the window shows with no file: open, the bundled sample, recent files.
#pragma once

#include <QWidget>

class QListWidget;
class QPushButton;

namespace jitscope::ui {

class StartPage : public QWidget
{
    Q_OBJECT
public:
    explicit StartPage(QWidget* parent = nullptr);

    void setRecentFiles(const QStringList& files);
    void setSamplePath(const QString& path); // "" disables the sample button
    QPushButton* sampleButton() const { return m_sample; }

Q_SIGNALS:
    void openRequested();
    void fileRequested(const QString& path); // sample or recent file

private:
    QPushButton* m_open;
    QPushButton* m_sample;
    QListWidget* m_recent;
    QString m_samplePath;
};

} // namespace jitscope::ui
