#include "helppages.h"

#include <QAction>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFile>
#include <QMenu>
#include <QMenuBar>
#include <QMainWindow>
#include <QTextBrowser>
#include <QVBoxLayout>

// The resource lives in the static `ui` library, whose initializer the linker would otherwise drop.
static void initHelpResource()
{
    Q_INIT_RESOURCE(help);
}

namespace jitscope::ui::helppages {

QString gettingStartedMarkdown()
{
    initHelpResource();
    QFile file(QStringLiteral(":/jitscope/help/README.md"));
    if (!file.open(QIODevice::ReadOnly))
        return QObject::tr("The README could not be read from this build.");
    const QString readme = QString::fromUtf8(file.readAll());
    const QString heading = QStringLiteral("## Using the window");
    const qsizetype start = readme.indexOf(heading);
    if (start < 0)
        return readme;
    qsizetype end = readme.indexOf(QStringLiteral("\n## "), start + heading.size());
    if (end < 0)
        end = readme.size();
    return QStringLiteral("# Getting started\n") + readme.mid(start + heading.size(), end - start - heading.size());
}

namespace {

void collect(const QMenu* menu, const QString& prefix, QStringList& rows)
{
    for (const QAction* action : menu->actions()) {
        if (action->menu()) {
            collect(action->menu(), prefix + action->menu()->title().remove(QLatin1Char('&')) +
                                        QStringLiteral(" › "),
                    rows);
            continue;
        }
        if (action->shortcut().isEmpty() || action->isSeparator())
            continue;
        rows << QStringLiteral("| %1 | %2%3 |")
                    .arg(action->shortcut().toString(QKeySequence::NativeText), prefix,
                         action->text().remove(QLatin1Char('&')));
    }
}

} // namespace

QString shortcutsMarkdown(const QWidget* window)
{
    QStringList rows;
    if (const auto* main = qobject_cast<const QMainWindow*>(window))
        for (const QAction* top : main->menuBar()->actions())
            if (top->menu())
                collect(top->menu(), top->menu()->title().remove(QLatin1Char('&')) + QStringLiteral(" › "),
                        rows);
    QString text = QObject::tr("# Keyboard shortcuts\n\n## Menus\n\n| Keys | Action |\n|---|---|\n");
    text += rows.join(QLatin1Char('\n'));
    text += QObject::tr(
        "\n\n## Graph view (click the graph first)\n\n| Keys | Action |\n|---|---|\n"
        "| + / − / wheel | Zoom in / out around the cursor |\n"
        "| 0 or F | Fit the whole graph |\n"
        "| Arrow keys | Step to the nearest node in that direction |\n"
        "| Enter / double-click | Expand the selected module or function call |\n"
        "| Double-click a module's header | Collapse it |\n"
        "| Ctrl+F | Find op kinds, value names and module paths |\n"
        "| M | Show or hide the minimap |\n"
        "| Shift+wheel | Scroll |\n");
    return text;
}

QDialog* showMarkdown(QWidget* parent, const QString& objectName, const QString& title, const QString& markdown)
{
    auto* dialog = new QDialog(parent);
    dialog->setObjectName(objectName);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(title);
    auto* browser = new QTextBrowser;
    browser->setObjectName(QStringLiteral("helpBrowser"));
    browser->setOpenExternalLinks(true);
    browser->setMarkdown(markdown);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    QObject::connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::close);
    auto* layout = new QVBoxLayout(dialog);
    layout->addWidget(browser);
    layout->addWidget(buttons);
    dialog->resize(720, 560);
    dialog->show();
    return dialog;
}

} // namespace jitscope::ui::helppages
