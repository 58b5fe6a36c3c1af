// Images for the worker: the GUI decodes image: specs with Qt and sends the pixels as a .npy file, since the
// worker's own image: decoding needs torchvision's image library. Both give the same tensor: float
// 1x3xHxW in [0, 1], resized bilinearly (align_corners=False, as at::upsample_bilinear2d) and normalised.
#pragma once

#include "types/error.h"
#include "types/inputspec.h"
#include "types/inputvalue.h"

#include <QString>

namespace jitscope::ui {

// The image of an image: spec as a .npy file in the cache folder; its path.
Result<QString> imageToNpy(const spec::TensorSpec& image);
// Replaces every "image:…" spec in `value` (and in its lists and dicts) by "file:….npy". The error names
// the image.
std::optional<Error> replaceImageSpecs(InputValue& value);

} // namespace jitscope::ui
