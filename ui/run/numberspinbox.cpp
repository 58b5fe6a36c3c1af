#include "numberspinbox.h"

#include "qtstring.h"
#include "types/inputspec.h"

#include <QRegularExpression>

#include <limits>

namespace jitscope::ui {

NumberSpinBox::NumberSpinBox(QWidget* parent) : QDoubleSpinBox(parent)
{
    setDecimals(17);
    setRange(-std::numeric_limits<double>::max(), std::numeric_limits<double>::max());
    setSingleStep(0.1);
    setKeyboardTracking(true);
}

QString NumberSpinBox::textFromValue(double value) const
{
    return qs(spec::formatNumber(value));
}

// Qt passes the text with prefix and suffix.
QString NumberSpinBox::number(QString text) const
{
    if (text.startsWith(prefix()))
        text.remove(0, prefix().size());
    if (text.endsWith(suffix()))
        text.chop(suffix().size());
    return text.trimmed();
}

double NumberSpinBox::valueFromText(const QString& text) const
{
    return number(text).toDouble();
}

QValidator::State NumberSpinBox::validate(QString& text, int&) const
{
    const QString n = number(text);
    bool ok = false;
    n.toDouble(&ok);
    if (ok)
        return QValidator::Acceptable;
    // on the way to a number: "", "-", "1e", "1e-"
    static const QRegularExpression partial(
        QRegularExpression::anchoredPattern(QStringLiteral("[-+]?[0-9]*\\.?[0-9]*([eE][-+]?)?")));
    return partial.match(n).hasMatch() ? QValidator::Intermediate : QValidator::Invalid;
}

} // namespace jitscope::ui
