// Router: a linear scan over the registered routes, matching '/'-separated segments without
// allocating; literal segments beat {param}.suffix segments, which beat {param} segments, HEAD falls back to GET, and the winning
// route's parameters are percent-decoded.
#include "http/router.h"

#include <string_view>
#include <utility>

namespace lz::http {
namespace {

// Splits off the next segment of `rest` (which has no leading '/'); false when none is left.
// "a/b" yields "a" then "b"; "a/" yields "a" then "" (so a trailing slash is a segment of its own).
bool NextSegment(std::string_view& rest, bool& done, std::string_view& segment) {
  if (done) return false;
  size_t slash = rest.find('/');
  if (slash == std::string_view::npos) {
    segment = rest;
    rest = {};
    done = true;
  } else {
    segment = rest.substr(0, slash);
    rest.remove_prefix(slash + 1);
  }
  return true;
}

// Segment iterator over a path that must start with '/'.
class Segments {
 public:
  explicit Segments(std::string_view path) {
    if (path.empty() || path.front() != '/') {
      done_ = true;
      valid_ = false;
    } else {
      rest_ = path.substr(1);
    }
  }
  bool valid() const { return valid_; }
  bool Next(std::string_view& segment) { return NextSegment(rest_, done_, segment); }

 private:
  std::string_view rest_;
  bool done_ = false;
  bool valid_ = true;
};

// A template segment is a literal ("units"), a parameter ("{id}") or a parameter followed by a
// literal suffix ("{code}.json", as Open311 names formats); Kind ranks them by specificity.
enum class Kind { kParam = 0, kSuffixedParam = 1, kLiteral = 2 };

// The kind of a template segment; for parameters, its name and suffix.
Kind KindOf(std::string_view segment, std::string_view* name = nullptr, std::string_view* suffix = nullptr) {
  if (segment.size() < 2 || segment.front() != '{') return Kind::kLiteral;
  size_t close = segment.find('}');
  if (close == std::string_view::npos || close < 2) return Kind::kLiteral;
  if (name != nullptr) *name = segment.substr(1, close - 1);
  if (suffix != nullptr) *suffix = segment.substr(close + 1);
  return close + 1 == segment.size() ? Kind::kParam : Kind::kSuffixedParam;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Percent-decodes one segment; malformed escapes are kept literally.
std::string DecodeSegment(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    if (in[i] == '%' && i + 2 < in.size()) {
      int hi = HexValue(in[i + 1]);
      int lo = HexValue(in[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out.push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
        continue;
      }
    }
    out.push_back(in[i]);
  }
  return out;
}

bool LiteralEquals(std::string_view literal, std::string_view segment) {
  if (segment.find('%') == std::string_view::npos) return literal == segment;
  return DecodeSegment(segment) == literal;
}

// True when `path` matches `path_template`; fills `params` (decoded) when it is not null.
bool Matches(std::string_view path_template, std::string_view path, std::map<std::string, std::string>* params) {
  Segments t(path_template);
  Segments p(path);
  if (!t.valid() || !p.valid()) return false;
  std::string_view ts;
  std::string_view ps;
  while (true) {
    bool has_t = t.Next(ts);
    bool has_p = p.Next(ps);
    if (!has_t || !has_p) return has_t == has_p;
    std::string_view name;
    std::string_view suffix;
    if (KindOf(ts, &name, &suffix) == Kind::kLiteral) {
      if (!LiteralEquals(ts, ps)) return false;
      continue;
    }
    // The suffix is matched as received: formats are plain ASCII and never percent-encoded.
    if (ps.size() <= suffix.size() || !ps.ends_with(suffix)) return false;
    if (params != nullptr) (*params)[std::string(name)] = DecodeSegment(ps.substr(0, ps.size() - suffix.size()));
  }
}

// True when template `a` is more specific than `b` (both matching the same path): at the first
// segment where their kinds differ, the literal wins over a suffixed parameter, which wins over
// a bare one.
bool MoreSpecific(std::string_view a, std::string_view b) {
  Segments sa(a);
  Segments sb(b);
  std::string_view x;
  std::string_view y;
  while (sa.Next(x) && sb.Next(y)) {
    Kind kx = KindOf(x);
    Kind ky = KindOf(y);
    if (kx != ky) return kx > ky;
  }
  return false;
}

}  // namespace

void Router::Add(Route route) { routes_.push_back(std::move(route)); }

Router::Match Router::Find(Method method, std::string_view path) const {
  Match match;
  const Route* best = nullptr;
  const Route* best_get = nullptr;  // fallback for HEAD
  bool other_method = false;
  for (const Route& r : routes_) {
    if (!Matches(r.path_template, path, nullptr)) continue;
    if (r.method == method) {
      if (best == nullptr || MoreSpecific(r.path_template, best->path_template)) best = &r;
    } else if (method == Method::kHead && r.method == Method::kGet) {
      if (best_get == nullptr || MoreSpecific(r.path_template, best_get->path_template)) best_get = &r;
    } else {
      other_method = true;
    }
  }
  if (best == nullptr) best = best_get;
  if (best == nullptr) {
    match.path_matched_other_method = other_method;
    return match;
  }
  match.route = best;
  Matches(best->path_template, path, &match.params);
  return match;
}

}  // namespace lz::http
