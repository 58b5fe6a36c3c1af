// The "File info" tab: what the archive says about itself, and its extra files.
#pragma once

#include "types/modelinfo.h"

#include <QWidget>

class QListWidget;
class QPlainTextEdit;
class QTextBrowser;

namespace jitscope::ui {

class FileInfoView : public QWidget
{
    Q_OBJECT
public:
    explicit FileInfoView(QWidget* parent = nullptr);

    void setModelInfo(const jitscope::ModelInfo& info);
    void clear();
    void showExtraFile(const QString& name, const QString& text);
    QString summaryText() const;
    QListWidget* extraFiles() const { return m_extraFiles; }
    QString extraFileText() const;

Q_SIGNALS:
    void extraFileRequested(const QString& name);

private:
    QTextBrowser* m_summary;
    QListWidget* m_extraFiles;
    QPlainTextEdit* m_extraText;
};

} // namespace jitscope::ui
