// Tests of photo cleaning: types by their first bytes only; EXIF (GPS, camera, times), XMP and
// comments gone after cleaning while the orientation stays; bytes appended after the image (a
// motion photo's video) gone; damaged files refused naming "file". The fixtures
// (common/test_images.h) are structurally valid files; Exiv2 writes the metadata to remove.
#include "io/image.h"

#include <gtest/gtest.h>

#include "common/test_images.h"

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
#include <exiv2/exiv2.hpp>
#include <exiv2/webpimage.hpp>

namespace lz::io {
namespace {

using namespace lz::testing::images;

struct Read {
  std::map<std::string, std::string> exif;
  size_t xmp = 0;
  std::string comment;
};
Read ReadBack(const std::string& image) {
  Read r;
  Exiv2::Image::AutoPtr img =
      Exiv2::ImageFactory::open(reinterpret_cast<const Exiv2::byte*>(image.data()), long(image.size()));
  img->readMetadata();
  for (const auto& d : img->exifData()) r.exif[d.key()] = d.toString();
  r.xmp = img->xmpData().count();
  r.comment = img->comment();
  return r;
}

class CleanPhotoTest : public ::testing::TestWithParam<int> {
 protected:
  std::string Image() const { return GetParam() == 0 ? Jpeg() : GetParam() == 1 ? Png() : Webp(); }
  ImageType Type() const { return GetParam() == 0 ? ImageType::kJpeg : GetParam() == 1 ? ImageType::kPng : ImageType::kWebp; }
};

TEST_P(CleanPhotoTest, MetadataAndTrailingBytesGoTheOrientationStays) {
  const std::string dirty = WithMetadata(Image()) + "ftypmp42 a motion photo's video, with its own GPS";
  Read before = ReadBack(dirty);
  ASSERT_TRUE(before.exif.count("Exif.GPSInfo.GPSLatitude")) << "the fixture carries GPS";
  ASSERT_GT(before.xmp, 0u);

  auto clean = CleanPhoto(dirty);
  ASSERT_TRUE(clean.ok()) << clean.status().ToString();
  EXPECT_EQ(clean->type, Type());
  EXPECT_EQ(SniffImage(clean->bytes), Type());
  EXPECT_EQ(clean->width, 3);
  EXPECT_EQ(clean->height, 2);
  EXPECT_EQ(clean->bytes.find("motion photo"), std::string::npos);
  EXPECT_EQ(clean->bytes.find("PhoneMaker"), std::string::npos);
  EXPECT_EQ(clean->bytes.find("13907961234"), std::string::npos);
  EXPECT_EQ(clean->bytes.find("王小明"), std::string::npos) << "unlisted segments and chunks go too";
  Read after = ReadBack(clean->bytes);
  // JPEG and WebP keep the orientation alone; PNG keeps nothing (phones do not rotate PNGs by it).
  const std::map<std::string, std::string> kept =
      Type() == ImageType::kPng ? std::map<std::string, std::string>{}
                                : std::map<std::string, std::string>{{"Exif.Image.Orientation", "6"}};
  EXPECT_EQ(after.exif, kept);
  EXPECT_EQ(after.xmp, 0u);
  EXPECT_EQ(after.comment, "");

  // Cleaning a clean image changes nothing further.
  auto again = CleanPhoto(clean->bytes);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->bytes, clean->bytes);
}

TEST_P(CleanPhotoTest, ATruncatedImageIsRefused) {
  const std::string image = Image();
  auto cut = CleanPhoto(image.substr(0, image.size() - 3));
  EXPECT_EQ(cut.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(cut.status().field(), "file");
}

INSTANTIATE_TEST_SUITE_P(Types, CleanPhotoTest, ::testing::Values(0, 1, 2),
                         [](const ::testing::TestParamInfo<int>& i) {
                           return std::string(i.param == 0 ? "Jpeg" : i.param == 1 ? "Png" : "Webp");
                         });

TEST(SniffImageTest, OnlyTheFirstBytesCount) {
  EXPECT_EQ(SniffImage(Jpeg()), ImageType::kJpeg);
  EXPECT_EQ(SniffImage(Png()), ImageType::kPng);
  EXPECT_EQ(SniffImage(Webp()), ImageType::kWebp);
  EXPECT_FALSE(SniffImage("GIF89a……"));
  EXPECT_FALSE(SniffImage("<svg xmlns='http://www.w3.org/2000/svg'/>"));
  EXPECT_FALSE(SniffImage("RIFF\x10\x00\x00\x00WAVEfmt "));
  EXPECT_FALSE(SniffImage(""));
  EXPECT_EQ(MediaTypeOf(ImageType::kWebp), "image/webp");
  auto text = CleanPhoto("%PDF-1.7 pretending to be photo.jpg");
  EXPECT_EQ(text.status().field(), "file");
}

}  // namespace
}  // namespace lz::io

#pragma GCC diagnostic pop
