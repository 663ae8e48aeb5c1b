// Photos people upload (patrol findings, wish deliveries): recognised by their first bytes, never by
// name or declared type, and stripped of what they tell about the people in and behind them — EXIF
// (GPS position, camera, times), XMP, IPTC, comments, and anything appended after the image itself
// (the video of a "motion photo", a second embedded picture) — keeping only the orientation, so a
// phone photo still stands the right way up. Segments and chunks are kept by name (what draws the
// image), so metadata nobody listed goes too; Exiv2, parsing only the format the bytes announced,
// reads the orientation and writes it back alone. Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/status.h"

namespace lz::io {

enum class ImageType { kJpeg, kPng, kWebp };

// The type the bytes begin with (JPEG FF D8 FF, the PNG signature, RIFF….WEBP), or nullopt.
std::optional<ImageType> SniffImage(std::string_view bytes);
std::string_view MediaTypeOf(ImageType type);  // "image/jpeg", "image/png", "image/webp"

struct CleanImage {
  ImageType type = ImageType::kJpeg;
  std::string bytes;  // the image without metadata and trailing data
  int width = 0;      // pixels, as the image header states (0 when it does not say)
  int height = 0;
};

// `bytes` without metadata (see the header comment). InvalidArgument naming "file" when the bytes
// are not a JPEG, PNG or WebP image, or not a well-formed one.
Result<CleanImage> CleanPhoto(std::string_view bytes);

}  // namespace lz::io
