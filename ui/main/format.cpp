#include "format.h"

#include <QLocale>
#include <QRegularExpression>
#include <QStringList>

#include <cmath>

namespace jitscope::ui {

QString formatBytes(int64_t bytes)
{
    static const char* const units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
    double value = static_cast<double>(bytes);
    int unit = 0;
    while (std::abs(value) >= 1024.0 && unit < 4) {
        value /= 1024.0;
        ++unit;
    }
    if (unit == 0)
        return QStringLiteral("%1 B").arg(bytes);
    return QStringLiteral("%1 %2").arg(value, 0, 'f', value < 10 ? 2 : 1).arg(QLatin1String(units[unit]));
}

QString formatCount(int64_t count)
{
    return QLocale().toString(static_cast<qlonglong>(count));
}

QString formatShape(const std::vector<int64_t>& shape)
{
    QStringList parts;
    for (int64_t dim : shape)
        parts << QString::number(dim);
    return QLatin1Char('[') + parts.join(QStringLiteral(", ")) + QLatin1Char(']');
}

QString formatNumber(double value)
{
    if (std::isnan(value))
        return QStringLiteral("nan");
    if (value == 0)
        return QStringLiteral("0");
    return QString::number(value, 'g', 5);
}

QString formatDuration(double milliseconds)
{
    if (milliseconds < 1)
        return QStringLiteral("%1 µs").arg(milliseconds * 1000, 0, 'f', 0);
    if (milliseconds < 1000)
        return QStringLiteral("%1 ms").arg(milliseconds, 0, 'f', milliseconds < 10 ? 1 : 0);
    return QStringLiteral("%1 s").arg(milliseconds / 1000, 0, 'f', 2);
}

QString shortTypeName(const std::string& qualified)
{
    const QString text = qs(qualified);
    const int dot = text.lastIndexOf(QLatin1Char('.'));
    return dot < 0 ? text : text.mid(dot + 1);
}

QString demangledTypeName(const std::string& qualified)
{
    static const QRegularExpression mangle(QStringLiteral("\\.___torch_mangle_\\d+"));
    return qs(qualified).remove(mangle);
}

QString htmlEscape(const QString& text)
{
    return text.toHtmlEscaped();
}

} // namespace jitscope::ui
