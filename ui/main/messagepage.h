// The centre of the window while a file loads, when it failed to load, or after the worker died.
#pragma once

#include "types/error.h"

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QToolButton;

namespace jitscope::ui {

class MessagePage : public QWidget
{
    Q_OBJECT
public:
    enum class Mode
    {
        Loading,
        Error,
        Crash
    };

    explicit MessagePage(QWidget* parent = nullptr);

    void showLoading(const QString& path);
    void setProgress(const QString& stage, double fraction); // fraction < 0: unknown
    void showError(const QString& path, const jitscope::Error& error);
    void showCrash(const QString& description, const QString& workerLog, const QString& lostPath);
    // After showCrash: other words for a worker that is remote (Reconnect instead of "a fresh worker has
    // been started"); the reopen button shows even without a model, then reopenRequested("").
    void setCrashTexts(const QString& title, const QString& hint, const QString& reopenText);

    Mode mode() const { return m_mode; }
    QString title() const;
    QString message() const;
    QString hintText() const; // the advice under the message ("" when the message says it all)
    QString detail() const;
    bool isDetailVisible() const;
    QPushButton* button(const QString& objectName) const;

    // Plain-language advice for an error code (what to do, not what LibTorch said).
    static QString hint(const jitscope::Error& error);
    // Whether opening the same file again can succeed (a library loaded, the file finished …).
    static bool retryCanHelp(jitscope::ErrorCode code);
    // The sentences of `text` that do not mostly repeat what `said` says.
    static QString unsaid(const QString& text, const QString& said);

Q_SIGNALS:
    void cancelRequested();
    void retryRequested();
    void reopenRequested(const QString& path);
    void openRequested();
    void loadLibraryRequested();

private:
    void setDetail(const QString& detail);

    Mode m_mode = Mode::Loading;
    QString m_lostPath;
    QLabel* m_icon;
    QLabel* m_title;
    QLabel* m_message;
    QLabel* m_hint;
    QProgressBar* m_progress;
    QLabel* m_stage;
    QToolButton* m_detailToggle;
    QPlainTextEdit* m_detail;
    QPushButton* m_cancel;
    QPushButton* m_retry;
    QPushButton* m_reopen;
    QPushButton* m_loadLibrary;
    QPushButton* m_open;
};

} // namespace jitscope::ui
