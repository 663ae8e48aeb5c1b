// EmbeddedFile: a file compiled into the binary by cmake/Embed.cmake (migrations, reference data,
// the OpenAPI document, the built web UI). Each embedding library offers, in its own namespace,
//   std::span<const EmbeddedFile> All();  const EmbeddedFile* Find(std::string_view path);
// Paths are relative to the source tree ("src/storage/migrations/sqlite/0001_init.sql").
#pragma once

#include <span>
#include <string_view>

namespace lz {

struct EmbeddedFile {
  std::string_view path;
  std::string_view bytes;
};

}  // namespace lz

namespace lz::storage::assets {
std::span<const lz::EmbeddedFile> All();
const lz::EmbeddedFile* Find(std::string_view path);
}  // namespace lz::storage::assets

namespace lz::http::assets {
std::span<const lz::EmbeddedFile> All();
const lz::EmbeddedFile* Find(std::string_view path);
}  // namespace lz::http::assets
