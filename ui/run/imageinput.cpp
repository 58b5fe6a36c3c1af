// Decoding, resizing and normalising images with Qt into .npy files (see imageinput.h).
#include "imageinput.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QStandardPaths>

#include <algorithm>
#include <vector>

namespace jitscope::ui {

namespace {

// Little-endian float32 .npy, C order (what the worker's file: reads).
bool writeNpy(const QString& path, const std::vector<float>& data, const std::vector<int64_t>& shape)
{
    QString dims;
    for (int64_t d : shape)
        dims += QString::number(d) + QLatin1Char(',');
    QByteArray header =
        QStringLiteral("{'descr': '<f4', 'fortran_order': False, 'shape': (%1), }").arg(dims).toLatin1();
    while ((10 + header.size() + 1) % 64 != 0)
        header += ' ';
    header += '\n';
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    const quint16 len = static_cast<quint16>(header.size());
    file.write("\x93NUMPY\x01\x00", 8);
    file.write(reinterpret_cast<const char*>(&len), 2);
    file.write(header);
    file.write(reinterpret_cast<const char*>(data.data()), static_cast<qint64>(data.size() * sizeof(float)));
    return file.error() == QFileDevice::NoError;
}

// Source index and weights of each output index along one axis, as at::upsample_bilinear2d computes them
// with align_corners=False: src = (dst + 0.5) * in / out - 0.5, clamped at 0.
struct Tap
{
    int64_t i0, i1;
    float w0, w1;
};

std::vector<Tap> taps(int64_t in, int64_t out)
{
    std::vector<Tap> result;
    const float scale = static_cast<float>(in) / static_cast<float>(out);
    for (int64_t d = 0; d < out; ++d) {
        const float src = std::max(scale * (static_cast<float>(d) + 0.5f) - 0.5f, 0.0f);
        const auto i0 = static_cast<int64_t>(src);
        const float l1 = src - static_cast<float>(i0);
        result.push_back({i0, i0 + (i0 < in - 1 ? 1 : 0), 1.0f - l1, l1});
    }
    return result;
}

// CHW planes of size h×w → CHW planes of size oh×ow.
std::vector<float> resize(const std::vector<float>& in, int64_t h, int64_t w, int64_t oh, int64_t ow)
{
    std::vector<float> out(static_cast<size_t>(3 * oh * ow));
    const auto ys = taps(h, oh), xs = taps(w, ow);
    for (int64_t c = 0; c < 3; ++c) {
        const float* plane = in.data() + c * h * w;
        for (int64_t y = 0; y < oh; ++y) {
            const Tap& ty = ys[static_cast<size_t>(y)];
            for (int64_t x = 0; x < ow; ++x) {
                const Tap& tx = xs[static_cast<size_t>(x)];
                const float top = tx.w0 * plane[ty.i0 * w + tx.i0] + tx.w1 * plane[ty.i0 * w + tx.i1];
                const float bottom = tx.w0 * plane[ty.i1 * w + tx.i0] + tx.w1 * plane[ty.i1 * w + tx.i1];
                out[static_cast<size_t>((c * oh + y) * ow + x)] = ty.w0 * top + ty.w1 * bottom;
            }
        }
    }
    return out;
}

} // namespace

Result<QString> imageToNpy(const spec::TensorSpec& spec)
{
    const QString path = QString::fromStdString(spec.path);
    QImage image(path);
    if (image.isNull())
        return badInput(
            QStringLiteral("Cannot decode image '%1' (PNG and JPEG only).").arg(path).toStdString());
    image = image.convertToFormat(QImage::Format_RGB888);
    int64_t h = image.height(), w = image.width();
    std::vector<float> data(static_cast<size_t>(3 * h * w));
    for (int64_t y = 0; y < h; ++y) {
        const uchar* line = image.constScanLine(static_cast<int>(y));
        for (int64_t x = 0; x < w; ++x)
            for (int64_t c = 0; c < 3; ++c)
                data[static_cast<size_t>((c * h + y) * w + x)] = static_cast<float>(line[3 * x + c]) / 255.0f;
    }
    for (const auto& [oh, ow] : spec.image.resize) {
        data = resize(data, h, w, oh, ow);
        h = oh;
        w = ow;
    }
    if (!spec.image.mean.empty() || !spec.image.std.empty()) {
        for (int64_t c = 0; c < 3; ++c) {
            const auto mean = static_cast<float>(spec.image.mean.empty() ? 0.0 : spec.image.mean[c]);
            const auto stdev = static_cast<float>(spec.image.std.empty() ? 1.0 : spec.image.std[c]);
            for (int64_t i = 0; i < h * w; ++i) {
                float& v = data[static_cast<size_t>(c * h * w + i)];
                v = (v - mean) / stdev;
            }
        }
    }
    // one file per image, options and modification time
    QCryptographicHash hash(QCryptographicHash::Sha1);
    hash.addData(QByteArray::fromStdString(spec::formatTensorSpec(spec)));
    hash.addData(QByteArray::number(QFileInfo(path).lastModified().toMSecsSinceEpoch()));
    const QString dir =
        QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + QStringLiteral("/inputs");
    QDir().mkpath(dir);
    const QString npy = QStringLiteral("%1/%2-%3.npy")
                            .arg(dir, QFileInfo(path).completeBaseName(),
                                 QString::fromLatin1(hash.result().toHex().left(12)));
    if (!writeNpy(npy, data, {1, 3, h, w}))
        return badInput(QStringLiteral("Cannot write %1.").arg(npy).toStdString());
    return npy;
}

std::optional<Error> replaceImageSpecs(InputValue& value)
{
    for (InputValue& item : value.items)
        if (auto error = replaceImageSpecs(item))
            return error;
    for (auto& entry : value.entries)
        if (auto error = replaceImageSpecs(entry.second))
            return error;
    if (value.kind == InputValue::Kind::Spec && value.spec.rfind("image:", 0) == 0) {
        auto spec = spec::parseTensorSpec(value.spec);
        if (!spec)
            return spec.error();
        auto npy = imageToNpy(spec.value());
        if (!npy)
            return npy.error();
        value.spec = "file:" + npy.value().toStdString();
    }
    return std::nullopt;
}

} // namespace jitscope::ui
