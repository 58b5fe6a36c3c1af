#include "messagepage.h"

#include "format.h"

#include <QDir>
#include <QFileInfo>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QRegularExpression>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

namespace jitscope::ui {

MessagePage::MessagePage(QWidget* parent)
    : QWidget(parent), m_icon(new QLabel), m_title(new QLabel), m_message(new QLabel), m_hint(new QLabel),
      m_progress(new QProgressBar), m_stage(new QLabel), m_detailToggle(new QToolButton),
      m_detail(new QPlainTextEdit), m_cancel(new QPushButton(tr("Cancel"))),
      m_retry(new QPushButton(tr("Try Again"))), m_reopen(new QPushButton),
      m_loadLibrary(new QPushButton(tr("Load Library…"))), m_open(new QPushButton(tr("Open Another File…")))
{
    setObjectName(QStringLiteral("messagePage"));
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.6);
    titleFont.setWeight(QFont::DemiBold);
    m_title->setFont(titleFont);
    m_title->setWordWrap(true);
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont messageFont = m_message->font();
    messageFont.setPointSizeF(messageFont.pointSizeF() * 1.15);
    m_message->setFont(messageFont);
    m_hint->setWordWrap(true);
    m_hint->setStyleSheet(QStringLiteral("color: #4b5563;"));
    m_stage->setStyleSheet(QStringLiteral("color: #4b5563;"));
    m_detailToggle->setText(tr("Show details"));
    m_detailToggle->setCheckable(true);
    m_detailToggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_detailToggle->setArrowType(Qt::RightArrow);
    m_detailToggle->setAutoRaise(true);
    m_detail->setReadOnly(true);
    m_detail->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_detail->setVisible(false);
    m_detail->setMinimumHeight(180);
    m_progress->setTextVisible(false);
    m_progress->setMaximumHeight(8);

    m_detailToggle->setObjectName(QStringLiteral("detailToggle"));
    m_detail->setObjectName(QStringLiteral("detailText"));
    m_cancel->setObjectName(QStringLiteral("cancelButton"));
    m_retry->setObjectName(QStringLiteral("retryButton"));
    m_reopen->setObjectName(QStringLiteral("reopenButton"));
    m_loadLibrary->setObjectName(QStringLiteral("loadLibraryButton"));
    m_open->setObjectName(QStringLiteral("openButton"));

    auto* buttons = new QHBoxLayout;
    for (QPushButton* button : {m_reopen, m_loadLibrary, m_retry, m_open, m_cancel})
        buttons->addWidget(button);
    buttons->addStretch(1);

    auto* header = new QHBoxLayout;
    header->addWidget(m_icon, 0, Qt::AlignTop);
    header->addSpacing(12);
    auto* text = new QVBoxLayout;
    text->addWidget(m_title);
    text->addWidget(m_message);
    text->addWidget(m_hint);
    header->addLayout(text, 1);

    auto* column = new QVBoxLayout;
    column->addStretch(1);
    column->addLayout(header);
    column->addSpacing(12);
    column->addWidget(m_progress);
    column->addWidget(m_stage);
    column->addLayout(buttons);
    column->addWidget(m_detailToggle, 0, Qt::AlignLeft);
    column->addWidget(m_detail, 3);
    column->addStretch(2);
    auto* layout = new QHBoxLayout(this);
    layout->addStretch(1);
    layout->addLayout(column, 4);
    layout->addStretch(1);

    connect(m_detailToggle, &QToolButton::toggled, this, [this](bool on) {
        m_detail->setVisible(on);
        m_detailToggle->setArrowType(on ? Qt::DownArrow : Qt::RightArrow);
        m_detailToggle->setText(on ? tr("Hide details") : tr("Show details"));
    });
    connect(m_cancel, &QPushButton::clicked, this, &MessagePage::cancelRequested);
    connect(m_retry, &QPushButton::clicked, this, &MessagePage::retryRequested);
    connect(m_open, &QPushButton::clicked, this, &MessagePage::openRequested);
    connect(m_loadLibrary, &QPushButton::clicked, this, &MessagePage::loadLibraryRequested);
    connect(m_reopen, &QPushButton::clicked, this, [this] { Q_EMIT reopenRequested(m_lostPath); });
}

void MessagePage::setDetail(const QString& detail)
{
    m_detail->setPlainText(detail);
    m_detailToggle->setVisible(!detail.trimmed().isEmpty());
    m_detailToggle->setChecked(false);
}

void MessagePage::showLoading(const QString& path)
{
    m_mode = Mode::Loading;
    m_icon->setPixmap(QIcon(QStringLiteral(":/jitscope/icons/model.svg")).pixmap(48, 48));
    m_title->setText(tr("Opening %1").arg(QFileInfo(path).fileName()));
    m_message->setText(QDir::toNativeSeparators(path));
    m_hint->clear();
    m_progress->setRange(0, 0);
    m_progress->setVisible(true);
    m_stage->setText(tr("Starting…"));
    m_stage->setVisible(true);
    setDetail({});
    for (QPushButton* button : {m_retry, m_reopen, m_loadLibrary, m_open})
        button->setVisible(false);
    m_cancel->setVisible(true);
}

void MessagePage::setProgress(const QString& stage, double fraction)
{
    if (m_mode != Mode::Loading)
        return;
    m_stage->setText(stage.isEmpty() ? tr("Working…")
                                     : stage.left(1).toUpper() + stage.mid(1) + QStringLiteral("…"));
    if (fraction < 0) {
        m_progress->setRange(0, 0);
    } else {
        m_progress->setRange(0, 1000);
        m_progress->setValue(static_cast<int>(fraction * 1000));
    }
}

void MessagePage::showError(const QString& path, const Error& error)
{
    m_mode = Mode::Error;
    m_icon->setPixmap(QIcon(QStringLiteral(":/jitscope/icons/error.svg")).pixmap(48, 48));
    m_title->setText(tr("Could not open %1").arg(QFileInfo(path).fileName()));
    const QString message = error.message.empty() ? tr("The worker gave no reason.") : qs(error.message);
    m_message->setText(message);
    // Each thing said once: the hint keeps only what the message does not already say.
    const QString extra = unsaid(hint(error), message);
    m_hint->setText(extra);
    m_hint->setVisible(!extra.isEmpty());
    m_progress->setVisible(false);
    m_stage->setVisible(false);
    setDetail(qs(error.detail)); // folded away until asked for
    const bool unknownOp = error.code == ErrorCode::UnknownOp || error.code == ErrorCode::LibraryFailed;
    m_loadLibrary->setVisible(unknownOp);
    m_loadLibrary->setDefault(unknownOp);
    // Trying the same file again only helps when something outside it can change: the file appearing or
    // being finished, a library loaded, a cancelled load, a worker hiccup. A checkpoint, a foreign or
    // damaged archive stays what it is.
    m_retry->setVisible(retryCanHelp(error.code));
    m_open->setVisible(true);
    m_reopen->setVisible(false);
    m_cancel->setVisible(false);
}

void MessagePage::showCrash(const QString& description, const QString& workerLog, const QString& lostPath)
{
    m_mode = Mode::Crash;
    m_lostPath = lostPath;
    m_icon->setPixmap(QIcon(QStringLiteral(":/jitscope/icons/crash.svg")).pixmap(48, 48));
    m_title->setText(tr("The worker process stopped"));
    m_message->setText(description);
    m_hint->setText(lostPath.isEmpty()
                        ? tr("A fresh worker has been started.")
                        : tr("A fresh worker has been started. The model was lost with the old one; "
                             "reopen it to continue."));
    m_hint->setVisible(true);
    m_progress->setVisible(false);
    m_stage->setVisible(false);
    setDetail(workerLog.isEmpty() ? QString() : tr("Last lines the worker wrote to stderr:\n\n") + workerLog);
    m_reopen->setText(tr("Reopen %1").arg(QFileInfo(lostPath).fileName()));
    m_reopen->setVisible(!lostPath.isEmpty());
    m_reopen->setDefault(!lostPath.isEmpty());
    m_open->setVisible(true);
    for (QPushButton* button : {m_retry, m_loadLibrary, m_cancel})
        button->setVisible(false);
}

void MessagePage::setCrashTexts(const QString& title, const QString& hint, const QString& reopenText)
{
    m_title->setText(title);
    m_hint->setText(hint);
    m_reopen->setText(reopenText);
    m_reopen->setVisible(true);
    m_reopen->setDefault(true);
}

QString MessagePage::title() const
{
    return m_title->text();
}

QString MessagePage::message() const
{
    return m_message->text();
}

QString MessagePage::hintText() const
{
    return m_hint->isHidden() ? QString() : m_hint->text();
}

QString MessagePage::detail() const
{
    return m_detail->toPlainText();
}

bool MessagePage::isDetailVisible() const
{
    return m_detail->isVisible();
}

QPushButton* MessagePage::button(const QString& objectName) const
{
    return findChild<QPushButton*>(objectName);
}

bool MessagePage::retryCanHelp(ErrorCode code)
{
    switch (code) {
    case ErrorCode::Checkpoint:
    case ErrorCode::NotZip:
    case ErrorCode::NotTorchScript:
    case ErrorCode::VersionTooNew:
    case ErrorCode::Corrupt:
        return false;
    default:
        return true;
    }
}

namespace {

// The words that carry meaning (four letters or more), lower case.
QStringList keyWords(const QString& text)
{
    static const QRegularExpression split(QStringLiteral("[^\\w]+"));
    QStringList words;
    for (const QString& word : text.toLower().split(split, Qt::SkipEmptyParts))
        if (word.size() >= 4)
            words << word;
    return words;
}

} // namespace

QString MessagePage::unsaid(const QString& text, const QString& said)
{
    const QStringList known = keyWords(said);
    static const QRegularExpression sentenceEnd(QStringLiteral("(?<=[.!?])\\s+"));
    QStringList kept;
    for (const QString& sentence : text.split(sentenceEnd, Qt::SkipEmptyParts)) {
        const QStringList words = keyWords(sentence);
        int repeated = 0;
        for (const QString& word : words)
            repeated += known.contains(word) ? 1 : 0;
        // A sentence mostly made of words already said repeats it.
        if (words.isEmpty() || repeated * 10 < words.size() * 6)
            kept << sentence.trimmed();
    }
    return kept.join(QLatin1Char(' '));
}

QString MessagePage::hint(const Error& error)
{
    switch (error.code) {
    case ErrorCode::FileNotFound:
        return tr("Check the path: the file may have been moved, renamed or deleted.");
    case ErrorCode::EmptyFile:
        return tr("The file is empty (0 bytes); it was probably not written completely.");
    case ErrorCode::NotZip:
        return tr("TorchScript files are zip archives written by torch.jit.save(); this file is not one.");
    case ErrorCode::NotTorchScript:
        return tr("This zip archive holds no TorchScript code (no version, data.pkl or code/ records).");
    case ErrorCode::Checkpoint:
        return tr("This is a torch.save() checkpoint, which only Python with the model's classes can load. "
                  "Export the model with torch.jit.script(model) or torch.jit.trace(model, example) and "
                  "save it with torch.jit.save().");
    case ErrorCode::VersionTooNew:
        return tr("The file was saved by a newer PyTorch than the LibTorch this worker uses. Save it with an "
                  "older PyTorch or use a newer JitScope.");
    case ErrorCode::UnknownOp:
        // torchvision's ops have a known home: a Suggests of the .deb, found and loaded automatically.
        if (error.op.rfind("torchvision::", 0) == 0)
            return tr("The model calls %1, one of torchvision's operators. They come with the "
                      "python3-torchvision package (sudo apt install python3-torchvision); JitScope finds "
                      "and loads them itself once it is installed. Then press Retry.")
                .arg(qs(error.op));
        return tr("The model calls the operator %1, which lives in a custom-op library that is not loaded. "
                  "Load that library (a .so file) and try again; it will be loaded for every file from now "
                  "on.")
            .arg(error.op.empty() ? tr("(unknown)") : qs(error.op));
    case ErrorCode::LibraryFailed:
        return tr(
            "A custom-op library could not be loaded. Check its path in Settings › Preferences.");
    case ErrorCode::Corrupt:
        return tr("The file is damaged or incomplete. Copy or download it again.");
    case ErrorCode::Cancelled:
        return tr("Loading was cancelled.");
    case ErrorCode::LoadFailed:
        return tr("LibTorch could not load the file; the details show what it reported.");
    default:
        return {};
    }
}

} // namespace jitscope::ui
