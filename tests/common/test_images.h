// Image fixtures for the photo tests (unit and HTTP): structurally valid JPEG, PNG and WebP files
// built byte by byte, and the same with metadata written by Exiv2 (GPS, camera, time, XMP, a
// comment naming a person and a phone, orientation 6) — what cleaning must remove. Header-only.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
#include <exiv2/exiv2.hpp>
#include <exiv2/webpimage.hpp>
#pragma GCC diagnostic pop

namespace lz::testing::images {

inline std::string Be32(uint32_t v) {
  return {char(v >> 24), char(v >> 16), char(v >> 8), char(v)};
}
inline std::string Le32(uint32_t v) {
  return {char(v), char(v >> 8), char(v >> 16), char(v >> 24)};
}
inline uint32_t Crc32(std::string_view data) {
  uint32_t crc = 0xFFFFFFFFu;
  for (unsigned char c : data) {
    crc ^= c;
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
  }
  return ~crc;
}

// A 3×2 baseline JPEG's marker structure (JFIF, frame header, a scan with stuffed and restart bytes).
inline std::string Jpeg() {
  using namespace std::string_literals;
  return "\xFF\xD8"s + "\xFF\xE0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"s +
         "\xFF\xEC\x00\x12"s + "Ducky 王小明\x00"s + "\xFF\xFE\x00\x10note 王小明"s +
         "\xFF\xC0\x00\x0B\x08\x00\x02\x00\x03\x01\x01\x11\x00"s + "\xFF\xDA\x00\x08\x01\x01\x00\x00\x3F\x00"s +
         "\x12\x34\xFF\x00\x56\xFF\xD0\x78"s + "\xFF\xD9"s;
}
inline std::string PngChunk(const std::string& type, const std::string& data) {
  return Be32(uint32_t(data.size())) + type + data + Be32(Crc32(type + data));
}
inline std::string Png() {
  using namespace std::string_literals;
  return "\x89PNG\r\n\x1a\n"s + PngChunk("IHDR", Be32(3) + Be32(2) + "\x08\x02\x00\x00\x00"s) +
         PngChunk("tEXt", "Comment\0拍摄人 王小明"s) + PngChunk("iTXt", "Author\0\0\0\0\0王小明"s) + PngChunk("IDAT", "\x78\x9c\x63\x00\x00\x00\x01\x00\x01"s) +
         PngChunk("IEND", "");
}
inline std::string Webp() {
  using namespace std::string_literals;
  // VP8L: signature 0x2f, then width-1 (14 bits) = 2, height-1 (14 bits) = 1, no alpha, version 0.
  std::string vp8l = "\x2f"s + "\x02\x40\x00\x00"s + "\x00\x00\x00"s;
  std::string chunk = "VP8L" + Le32(uint32_t(vp8l.size())) + vp8l + "XYZW" + Le32(10) + "王小明.";
  return "RIFF" + Le32(uint32_t(4 + chunk.size())) + "WEBP" + chunk;
}

// `image` with GPS, camera, time, a comment and XMP written by Exiv2, orientation 6 (rotate 90°).
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
inline std::string WithMetadata(const std::string& image) {
  Exiv2::Image::AutoPtr img =
      Exiv2::ImageFactory::open(reinterpret_cast<const Exiv2::byte*>(image.data()), long(image.size()));
  img->readMetadata();
  Exiv2::ExifData& exif = img->exifData();
  exif["Exif.Image.Orientation"] = uint16_t(6);
  exif["Exif.Image.Make"] = "PhoneMaker";
  exif["Exif.Photo.DateTimeOriginal"] = "2026:06:01 09:30:00";
  exif["Exif.GPSInfo.GPSLatitudeRef"] = "N";
  exif["Exif.GPSInfo.GPSLatitude"] = "27/1 6/1 45/1";
  img->xmpData()["Xmp.dc.creator"] = "王小明 13907961234";
  if (img->imageType() != Exiv2::ImageType::webp) img->setComment("拍摄人 王小明 13907961234");  // WebP has none
  img->writeMetadata();
  Exiv2::BasicIo& io = img->io();
  io.open();
  Exiv2::DataBuf buf = io.read(long(io.size()));
  io.close();
  return std::string(reinterpret_cast<const char*>(buf.pData_), size_t(buf.size_));
}

#pragma GCC diagnostic pop

}  // namespace lz::testing::images
