// Photo cleaning: container walking keeps what draws the image; Exiv2 reads and writes back the
// orientation.
#include "io/image.h"

// Exiv2 0.27's public API is written with std::auto_ptr, deprecated since C++11; its use is
// confined to this file.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
#include <exiv2/exiv2.hpp>
#include <exiv2/webpimage.hpp>

#include <algorithm>
#include <cstdint>
#include <mutex>

namespace lz::io {
namespace {

const Status kNotAnImage = InvalidArgument("the file is not a JPEG, PNG or WebP image", "file");

uint32_t Be32(std::string_view s, size_t at) {
  return (uint32_t(uint8_t(s[at])) << 24) | (uint32_t(uint8_t(s[at + 1])) << 16) | (uint32_t(uint8_t(s[at + 2])) << 8) |
         uint32_t(uint8_t(s[at + 3]));
}
uint32_t Le32(std::string_view s, size_t at) {
  return uint32_t(uint8_t(s[at])) | (uint32_t(uint8_t(s[at + 1])) << 8) | (uint32_t(uint8_t(s[at + 2])) << 16) |
         (uint32_t(uint8_t(s[at + 3])) << 24);
}

// Keeps of a JPEG what draws the image: every marker but APPn and COM, and of those only JFIF
// (APP0), the ICC profile (APP2) and Adobe's colour transform (APP14); the scans' entropy-coded
// data; up to and including the EOI that ends the first image. nullopt when the structure is broken.
std::optional<std::string> JpegImageOnly(std::string_view s) {
  std::string out = "\xFF\xD8";
  size_t i = 2;  // after SOI
  while (i + 2 <= s.size()) {
    if (uint8_t(s[i]) != 0xFF) return std::nullopt;
    const uint8_t marker = uint8_t(s[i + 1]);
    if (marker == 0xFF) {  // a fill byte before the marker
      ++i;
      continue;
    }
    if (marker == 0xD9) return out + "\xFF\xD9";  // EOI
    if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {  // markers without a length
      out.append(s.substr(i, 2));
      i += 2;
      continue;
    }
    if (i + 4 > s.size()) return std::nullopt;
    const size_t length = (size_t(uint8_t(s[i + 2])) << 8) | uint8_t(s[i + 3]);
    if (length < 2 || i + 2 + length > s.size()) return std::nullopt;
    const std::string_view segment = s.substr(i, 2 + length);
    const std::string_view payload = segment.substr(4);
    const bool app = marker >= 0xE0 && marker <= 0xEF;
    const bool keep = !(app || marker == 0xFE) || (marker == 0xE0 && payload.starts_with("JFIF")) ||
                      (marker == 0xE2 && payload.starts_with(std::string_view("ICC_PROFILE\0", 12))) ||
                      (marker == 0xEE && payload.starts_with("Adobe"));
    if (keep) out.append(segment);
    i += 2 + length;
    if (marker != 0xDA) continue;  // not SOS
    // Entropy-coded data: FF 00 is a data byte, FF D0–D7 a restart; any other marker ends it.
    const size_t data = i;
    while (i + 1 < s.size()) {
      if (uint8_t(s[i]) != 0xFF) {
        ++i;
        continue;
      }
      const uint8_t next = uint8_t(s[i + 1]);
      if (next == 0x00 || (next >= 0xD0 && next <= 0xD7)) {
        i += 2;
      } else if (next == 0xFF) {
        ++i;
      } else {
        break;  // a marker: the outer loop reads it
      }
    }
    if (i + 1 >= s.size()) return std::nullopt;
    out.append(s.substr(data, i - data));
  }
  return std::nullopt;
}

// Keeps of a PNG the chunks that draw it (critical chunks, transparency, colour, resolution,
// animation) through IEND; text (tEXt, zTXt, iTXt), eXIf, tIME and anything unknown go. nullopt
// when the chunks are broken.
std::optional<std::string> PngImageOnly(std::string_view s) {
  static constexpr std::string_view kKept[] = {"IHDR", "PLTE", "IDAT", "IEND", "tRNS", "gAMA", "cHRM", "sRGB",
                                               "iCCP", "sBIT", "pHYs", "bKGD", "acTL", "fcTL", "fdAT"};
  std::string out(s.substr(0, 8));
  size_t i = 8;
  while (i + 12 <= s.size()) {
    const uint32_t length = Be32(s, i);
    if (length > s.size() - i - 12) return std::nullopt;
    const std::string_view type = s.substr(i + 4, 4);
    if (std::find(std::begin(kKept), std::end(kKept), type) != std::end(kKept)) out.append(s.substr(i, 12 + length));
    i += 12 + length;
    if (type == "IEND") return out;
  }
  return std::nullopt;
}

// Keeps of a WebP the chunks that draw it (VP8, VP8L, VP8X, ALPH, ANIM, ANMF, ICCP) inside a RIFF
// of the new size, with VP8X's EXIF and XMP flags cleared; EXIF, XMP and unknown chunks go, and
// whatever follows the RIFF. nullopt when the chunks are broken.
std::optional<std::string> WebpImageOnly(std::string_view s) {
  static constexpr std::string_view kKept[] = {"VP8 ", "VP8L", "VP8X", "ALPH", "ANIM", "ANMF", "ICCP"};
  const uint64_t end = uint64_t(Le32(s, 4)) + 8;
  if (end < 12 || end > s.size()) return std::nullopt;
  std::string chunks;
  size_t i = 12;
  while (i + 8 <= end) {
    const uint64_t length = Le32(s, i + 4);
    const uint64_t padded = length + (length & 1);
    if (i + 8 + padded > end) return std::nullopt;
    const std::string_view type = s.substr(i, 4);
    if (std::find(std::begin(kKept), std::end(kKept), type) != std::end(kKept)) {
      std::string chunk(s.substr(i, size_t(8 + padded)));
      if (type == "VP8X" && length >= 1) chunk[8] = char(uint8_t(chunk[8]) & ~0x0C);  // no EXIF (0x08), no XMP (0x04)
      chunks += chunk;
    }
    i += size_t(8 + padded);
  }
  if (i != end || chunks.empty()) return std::nullopt;
  const uint32_t size = uint32_t(chunks.size() + 4);
  std::string out = "RIFF";
  for (int shift = 0; shift < 32; shift += 8) out.push_back(char((size >> shift) & 0xFF));
  return out + "WEBP" + chunks;
}

std::unique_ptr<Exiv2::Image> Open(ImageType type, std::string_view bytes) {
  Exiv2::BasicIo::AutoPtr io(new Exiv2::MemIo(reinterpret_cast<const Exiv2::byte*>(bytes.data()), long(bytes.size())));
  switch (type) {
    case ImageType::kJpeg: return std::make_unique<Exiv2::JpegImage>(io, false);
    case ImageType::kPng: return std::make_unique<Exiv2::PngImage>(io, false);
    case ImageType::kWebp: return std::make_unique<Exiv2::WebPImage>(io);
  }
  return nullptr;
}

}  // namespace

std::optional<ImageType> SniffImage(std::string_view b) {
  if (b.size() >= 3 && uint8_t(b[0]) == 0xFF && uint8_t(b[1]) == 0xD8 && uint8_t(b[2]) == 0xFF) return ImageType::kJpeg;
  if (b.size() >= 8 && b.substr(0, 8) == std::string_view("\x89PNG\r\n\x1a\n", 8)) return ImageType::kPng;
  if (b.size() >= 12 && b.substr(0, 4) == "RIFF" && b.substr(8, 4) == "WEBP") return ImageType::kWebp;
  return std::nullopt;
}

std::string_view MediaTypeOf(ImageType type) {
  switch (type) {
    case ImageType::kJpeg: return "image/jpeg";
    case ImageType::kPng: return "image/png";
    case ImageType::kWebp: return "image/webp";
  }
  return "application/octet-stream";
}

Result<CleanImage> CleanPhoto(std::string_view bytes) {
  auto type = SniffImage(bytes);
  if (!type) return kNotAnImage;
  // What draws the image, kept by name; everything else goes, known metadata or not.
  const std::optional<std::string> image = *type == ImageType::kJpeg  ? JpegImageOnly(bytes)
                                           : *type == ImageType::kPng ? PngImageOnly(bytes)
                                                                      : WebpImageOnly(bytes);
  if (!image) return InvalidArgument("the image file is damaged or incomplete", "file");

  static std::once_flag quiet;
  std::call_once(quiet, [] { Exiv2::LogMsg::setLevel(Exiv2::LogMsg::mute); });
  CleanImage out;
  out.type = *type;
  try {
    // The orientation is read from the upload, then written alone into the cleaned image (PNG
    // keeps none: phones do not rotate PNGs by metadata).
    long orientation = 0;
    if (*type != ImageType::kPng) {
      std::unique_ptr<Exiv2::Image> original = Open(*type, bytes);
      original->readMetadata();
      Exiv2::ExifData& exif = original->exifData();
      if (auto it = exif.findKey(Exiv2::ExifKey("Exif.Image.Orientation")); it != exif.end() && it->count() > 0) {
        orientation = it->toLong();
      }
    }
    std::unique_ptr<Exiv2::Image> clean = Open(*type, *image);
    clean->readMetadata();
    out.width = clean->pixelWidth();
    out.height = clean->pixelHeight();
    if (orientation >= 2 && orientation <= 8) {
      clean->clearMetadata();
      clean->exifData()["Exif.Image.Orientation"] = static_cast<uint16_t>(orientation);
      clean->writeMetadata();
      Exiv2::BasicIo& io = clean->io();
      if (io.open() != 0) return Internal("cannot reopen the cleaned image");
      Exiv2::DataBuf buf = io.read(long(io.size()));
      io.close();
      out.bytes.assign(reinterpret_cast<const char*>(buf.pData_), size_t(buf.size_));
    } else {
      out.bytes = *image;
    }
  } catch (const Exiv2::AnyError& e) {
    return InvalidArgument("the image file is damaged: " + std::string(e.what()), "file");
  } catch (const std::exception& e) {
    return InvalidArgument("the image file is damaged: " + std::string(e.what()), "file");
  }
  return out;
}

}  // namespace lz::io

#pragma GCC diagnostic pop
