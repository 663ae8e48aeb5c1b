// EnumNames: a constexpr table between an enum class and its stable wire names, so every enum
// that crosses JSON or SQL is named in exactly one place.
#pragma once

#include <array>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

namespace lz {

template <typename E, size_t N>
struct EnumNames {
  std::array<std::pair<E, std::string_view>, N> entries;

  constexpr std::string_view Name(E value) const {
    for (const auto& [v, n] : entries) if (v == value) return n;
    return entries[0].second;
  }
  constexpr std::optional<E> Parse(std::string_view name) const {
    for (const auto& [v, n] : entries) if (n == name) return v;
    return std::nullopt;
  }
  std::vector<E> Values() const {
    std::vector<E> out;
    for (const auto& [v, n] : entries) out.push_back(v);
    return out;
  }
};

template <typename E, typename... P>
constexpr auto MakeEnumNames(P... pairs) {
  return EnumNames<E, sizeof...(P)>{{{pairs...}}};
}

}  // namespace lz
