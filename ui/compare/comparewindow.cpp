// Opening a compare window: from File › Compare With… or `jitscope --compare A B`.
#include "compareview.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QLineEdit>
#include <QInputDialog>
#include <QSettings>

namespace jitscope::ui {

CompareView* openCompareWindow(const QString& a, const QString& b, const QStringList& inputSpecs, QWidget* parent)
{
    auto* view = new CompareView(parent);
    view->setWindowFlag(Qt::Window);
    view->setAttribute(Qt::WA_DeleteOnClose);
    view->setWindowTitle(QObject::tr("Compare — %1 vs %2").arg(QFileInfo(a).fileName(), QFileInfo(b).fileName()));
    view->resize(1400, 900);
    CompareRequest request;
    request.a = a;
    request.b = b;
    request.inputs = inputSpecs;
    view->show();
    view->start(request);
    return view;
}

void compareWithDialog(const QString& current, QWidget* parent)
{
    const QString filter = QObject::tr("TorchScript or state_dict (*.pt *.pth *.ts *.zip);;All files (*)");
    QString a = current;
    if (a.isEmpty())
        a = QFileDialog::getOpenFileName(parent, QObject::tr("Compare: choose A (TorchScript)"), {}, filter);
    if (a.isEmpty())
        return;
    const QString b = QFileDialog::getOpenFileName(parent, QObject::tr("Compare %1 with…").arg(QFileInfo(a).fileName()),
                                                   QFileInfo(a).absolutePath(), filter);
    if (b.isEmpty())
        return;
    QSettings settings;
    bool ok = false;
    const QString specs = QInputDialog::getText(
        parent, QObject::tr("Compare: example inputs"),
        QObject::tr("Example inputs, one spec per argument separated by spaces (as for jitscope-cli run):"),
        QLineEdit::Normal, settings.value(QStringLiteral("compare/inputs"), QStringLiteral("randn:1x3x224x224")).toString(), &ok);
    if (!ok)
        return;
    settings.setValue(QStringLiteral("compare/inputs"), specs);
    openCompareWindow(a, b, specs.split(QLatin1Char(' '), Qt::SkipEmptyParts), parent);
}

} // namespace jitscope::ui
