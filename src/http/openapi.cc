// OpenApi: loads the OpenAPI 3 document, compiles every operation's parameter and JSON body
// schemas with valijson, and validates requests against them, turning valijson's error queue into
// one readable InvalidArgument that names the offending field ("scope.unit_ids[2]").
//
// How $refs resolve: valijson resolves "#/..." references against the root node it parses. Each
// schema is therefore compiled from a copy of the whole (normalised) document whose root carries
// a "$ref" to the JSON pointer of that schema, so "#/components/schemas/UnitInput" resolves
// wherever it is used.
//
// OpenAPI 3.0 is not quite JSON Schema; before compiling, schemas are normalised:
//   - `nullable: true` becomes a "null" member of `type` (or an anyOf with {"type":"null"}), and
//     null joins an `enum`;
//   - `pattern` and the formats date, time and date-time become the custom keywords
//     x-lz-pattern / x-lz-format, checked by GuardedStringConstraint below instead of valijson's
//     own code: libstdc++'s std::regex recurses once per input character and a long string
//     (~100 KB against "^[0-9]+$") overflows the stack, so strings over kMaxRegexInput bytes are
//     refused before any regex runs, and dates and times are parsed without regexes. Other
//     formats (int64, uuid, ...) are annotations and dropped;
//   - 3.0 documents compile as draft 4 (boolean exclusiveMinimum/Maximum), 3.1 as draft 7.

// valijson must throw (not abort) on schema and conversion errors: CMake defines
// VALIJSON_USE_EXCEPTIONS=1 for the whole lz_http target.

#include "http/openapi.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <map>
#include <memory>
#include <new>
#include <optional>
#include <set>
#include <stdexcept>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

// GCC 12 reports a false -Wmaybe-uninitialized inside <regex> (used by valijson) in sanitizer
// builds; silence it for these system headers only.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <regex>  // NOLINT(build/c++11): valijson's engine; see GuardedStringConstraint
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

namespace lz::http {
namespace {

using nlohmann::json;

constexpr int kMaxRefHops = 32;
constexpr int kMaxJsonDepth = 64;
// Longest string (bytes) a regex is run on; far below where std::regex exhausts an 8 MB stack.
constexpr size_t kMaxRegexInput = 1024;
constexpr size_t kMaxEnumValuesInMessage = 12;
constexpr const char* kHttpMethods[] = {"get", "put", "post", "delete", "options", "head", "patch", "trace"};

// ---------------------------------------------------------------------------------------------
// Small string helpers.

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.compare(0, prefix.size(), prefix) == 0;
}

std::string ToLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string ToUpper(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) {
    s.remove_suffix(1);
  }
  return s;
}

// "application/JSON; charset=utf-8" → "application/json".
std::string MediaType(std::string_view content_type) {
  size_t semi = content_type.find(';');
  return ToLower(Trim(content_type.substr(0, semi)));
}

// One JSON pointer token (RFC 6901), with '%' escaped too because valijson percent-decodes
// pointers taken from a "$ref" URI fragment.
std::string PointerToken(std::string_view token) {
  std::string out;
  out.reserve(token.size());
  for (char c : token) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else if (c == '%') {
      out += "%25";
    } else {
      out.push_back(c);
    }
  }
  return out;
}

// "100.000000" → "100", "0.500000" → "0.5" (valijson prints limits with std::to_string).
std::string TidyNumber(std::string_view s) {
  std::string out(Trim(s));
  if (out.find('.') != std::string::npos) {
    while (!out.empty() && out.back() == '0') out.pop_back();
    if (!out.empty() && out.back() == '.') out.pop_back();
  }
  return out;
}

// True when the JSON text nests arrays/objects deeper than `max_depth` (checked before parsing, so
// hostile input cannot exhaust the stack in the parser or the validator).
bool NestsTooDeep(std::string_view text, int max_depth) {
  int depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth) return true;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// String checks that valijson would do with std::regex.

bool ParseDigits(std::string_view s, size_t pos, size_t n, int& value) {
  if (pos + n > s.size()) return false;
  value = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    value = value * 10 + (s[i] - '0');
  }
  return true;
}

// RFC 3339 full-date: YYYY-MM-DD with a day that exists in that month.
bool IsDate(std::string_view s) {
  int y = 0;
  int m = 0;
  int d = 0;
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  if (!ParseDigits(s, 0, 4, y) || !ParseDigits(s, 5, 2, m) || !ParseDigits(s, 8, 2, d)) return false;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12 || d < 1) return false;
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return d <= kDays[m - 1] + (m == 2 && leap ? 1 : 0);
}

// RFC 3339 full-time: HH:MM:SS[.fraction](Z|+HH:MM|-HH:MM).
bool IsTime(std::string_view s) {
  int h = 0;
  int m = 0;
  int sec = 0;
  if (s.size() < 9 || s[2] != ':' || s[5] != ':') return false;
  if (!ParseDigits(s, 0, 2, h) || !ParseDigits(s, 3, 2, m) || !ParseDigits(s, 6, 2, sec)) return false;
  if (h > 23 || m > 59 || sec > 60) return false;
  size_t pos = 8;
  if (pos < s.size() && s[pos] == '.') {
    size_t start = ++pos;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
    if (pos == start) return false;
  }
  if (pos == s.size()) return false;
  if ((s[pos] == 'Z' || s[pos] == 'z') && pos + 1 == s.size()) return true;
  if (s[pos] != '+' && s[pos] != '-') return false;
  int oh = 0;
  int om = 0;
  return s.size() == pos + 6 && s[pos + 3] == ':' && ParseDigits(s, pos + 1, 2, oh) && ParseDigits(s, pos + 4, 2, om) &&
         oh <= 23 && om <= 59;
}

bool IsDateTime(std::string_view s) {
  return s.size() > 11 && (s[10] == 'T' || s[10] == 't') && IsDate(s.substr(0, 10)) && IsTime(s.substr(11));
}

// The x-lz-pattern / x-lz-format keywords (see the file comment). Reports with valijson's own
// wording so that Translate() words them like the rest.
class GuardedStringConstraint : public valijson::constraints::PolyConstraint {
 public:
  enum class Kind { kPattern, kDate, kTime, kDateTime };

  GuardedStringConstraint(Kind kind, std::shared_ptr<const std::regex> regex) : kind_(kind), regex_(std::move(regex)) {}

  bool validate(const valijson::adapters::Adapter& target, const std::vector<std::string>& context,
                valijson::ValidationResults* results) const override {
    if (!target.isString()) return true;  // other types are the 'type' keyword's business
    std::string value;
    if (!target.getString(value)) return true;
    if (value.size() > kMaxRegexInput) {
      if (results) {
        results->pushError(context, "String is too long to check (max " + std::to_string(kMaxRegexInput) + " bytes).");
      }
      return false;
    }
    bool ok = false;
    const char* failure = "";
    switch (kind_) {
      case Kind::kPattern:
        ok = std::regex_search(value, *regex_);
        failure = "Failed to match regex specified by 'pattern' constraint.";
        break;
      case Kind::kDate:
        ok = IsDate(value);
        failure = "String should be a valid date";
        break;
      case Kind::kTime:
        ok = IsTime(value);
        failure = "String should be a valid time";
        break;
      case Kind::kDateTime:
        ok = IsDateTime(value);
        failure = "String should be a valid date-time";
        break;
    }
    if (!ok && results) results->pushError(context, failure);
    return ok;
  }

 private:
  Constraint* cloneInto(void* where) const override { return new (where) GuardedStringConstraint(*this); }
  size_t sizeOf() const override { return sizeof(GuardedStringConstraint); }

  Kind kind_;
  std::shared_ptr<const std::regex> regex_;  // for kPattern; const use is thread-safe
};

class PatternBuilder : public valijson::ConstraintBuilder {
 public:
  valijson::constraints::Constraint* make(const valijson::adapters::Adapter& node) const override {
    std::string pattern;
    if (!node.getString(pattern)) throw std::runtime_error("'pattern' must be a string");
    std::shared_ptr<const std::regex> regex;
    try {
      regex = std::make_shared<const std::regex>(pattern, std::regex::ECMAScript);
    } catch (const std::regex_error& e) {
      throw std::runtime_error("bad 'pattern' " + pattern + ": " + e.what());
    }
    return new GuardedStringConstraint(GuardedStringConstraint::Kind::kPattern, std::move(regex));
  }
};

class FormatBuilder : public valijson::ConstraintBuilder {
 public:
  valijson::constraints::Constraint* make(const valijson::adapters::Adapter& node) const override {
    std::string format;
    node.getString(format);
    using Kind = GuardedStringConstraint::Kind;
    Kind kind = format == "date" ? Kind::kDate : format == "time" ? Kind::kTime : Kind::kDateTime;
    return new GuardedStringConstraint(kind, nullptr);
  }
};

// True when an object anywhere in `j` has a member name longer than `max` bytes.
bool HasLongMemberName(const json& j, size_t max) {
  if (j.is_object()) {
    for (const auto& [name, member] : j.items()) {
      if (name.size() > max || HasLongMemberName(member, max)) return true;
    }
  } else if (j.is_array()) {
    for (const auto& member : j) {
      if (HasLongMemberName(member, max)) return true;
    }
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Document helpers.

// Follows local "$ref"s ("#/...") from `node`; `pointer` tracks the JSON pointer of the result.
// Returns null (with `error` set) when a reference cannot be resolved.
const json* Deref(const json& doc, const json* node, std::string* pointer, std::string* error) {
  for (int hop = 0; hop < kMaxRefHops; ++hop) {
    if (node == nullptr || !node->is_object()) return node;
    auto it = node->find("$ref");
    if (it == node->end() || !it->is_string()) return node;
    const std::string& ref = it->get_ref<const std::string&>();
    if (!StartsWith(ref, "#")) {
      if (error) *error = "only local $refs are supported: " + ref;
      return nullptr;
    }
    try {
      json::json_pointer ptr(ref.substr(1));
      if (!doc.contains(ptr)) {
        if (error) *error = "unresolvable $ref " + ref;
        return nullptr;
      }
      node = &doc.at(ptr);
      if (pointer) *pointer = ref.substr(1);
    } catch (const std::exception& e) {
      if (error) *error = "bad $ref " + ref + ": " + e.what();
      return nullptr;
    }
  }
  if (error) *error = "$ref chain too long";
  return nullptr;
}

// Rewrites one OpenAPI schema object (and the schemas nested in it) into plain JSON Schema plus
// the x-lz-* keywords; see the file comment.
void NormalizeSchema(json& s, bool oas30, bool& uses_pattern_properties) {
  if (!s.is_object()) return;
  if (auto f = s.find("format"); f != s.end() && f->is_string()) {
    std::string fmt = f->get<std::string>();
    s.erase(f);
    if (fmt == "date" || fmt == "date-time" || fmt == "time") s["x-lz-format"] = fmt;
  }
  if (auto p = s.find("pattern"); p != s.end() && p->is_string()) {
    std::string pattern = p->get<std::string>();
    s.erase(p);
    s["x-lz-pattern"] = pattern;
  }
  if (s.contains("patternProperties")) uses_pattern_properties = true;
  if (oas30) {
    if (auto n = s.find("nullable"); n != s.end() && n->is_boolean()) {
      bool nullable = n->get<bool>();
      s.erase(n);
      if (nullable) {
        if (auto e = s.find("enum"); e != s.end() && e->is_array()) {
          if (std::find(e->begin(), e->end(), json(nullptr)) == e->end()) e->push_back(nullptr);
        }
        auto t = s.find("type");
        if (t != s.end() && t->is_string()) {
          *t = json::array({*t, "null"});
        } else if (t != s.end() && t->is_array()) {
          if (std::find(t->begin(), t->end(), json("null")) == t->end()) t->push_back("null");
        } else if (t == s.end()) {
          json inner = std::move(s);
          s = json::object();
          s["anyOf"] = json::array({json{{"type", "null"}}, std::move(inner)});
        }
      }
    }
  }
  for (const char* key : {"properties", "patternProperties", "definitions", "$defs"}) {
    auto it = s.find(key);
    if (it == s.end() || !it->is_object()) continue;
    for (auto& [name, sub] : it->items()) {
      (void)name;
      NormalizeSchema(sub, oas30, uses_pattern_properties);
    }
  }
  for (const char* key : {"additionalProperties", "items", "additionalItems", "not", "propertyNames", "contains", "if",
                          "then", "else"}) {
    auto it = s.find(key);
    if (it == s.end()) continue;
    if (it->is_object()) {
      NormalizeSchema(*it, oas30, uses_pattern_properties);
    } else if (it->is_array()) {
      for (auto& sub : *it) NormalizeSchema(sub, oas30, uses_pattern_properties);
    }
  }
  for (const char* key : {"allOf", "anyOf", "oneOf"}) {
    auto it = s.find(key);
    if (it != s.end() && it->is_array()) {
      for (auto& sub : *it) NormalizeSchema(sub, oas30, uses_pattern_properties);
    }
  }
}

void NormalizeContentSchemas(json& content, bool oas30, bool& flag) {
  if (!content.is_object()) return;
  for (auto& [type, media] : content.items()) {
    (void)type;
    if (media.is_object() && media.contains("schema")) NormalizeSchema(media["schema"], oas30, flag);
  }
}

void NormalizeParameters(json& params, bool oas30, bool& flag) {
  if (!params.is_array()) return;
  for (auto& p : params) {
    if (!p.is_object()) continue;
    if (p.contains("schema")) NormalizeSchema(p["schema"], oas30, flag);
    if (p.contains("content")) NormalizeContentSchemas(p["content"], oas30, flag);
  }
}

// Normalises every schema an operation can use; sets `uses_pattern_properties` when any has
// patternProperties (whose regexes run on member names).
void NormalizeDocument(json& doc, bool oas30, bool& uses_pattern_properties) {
  bool& flag = uses_pattern_properties;
  if (auto c = doc.find("components"); c != doc.end() && c->is_object()) {
    if (auto s = c->find("schemas"); s != c->end() && s->is_object()) {
      for (auto& [name, schema] : s->items()) {
        (void)name;
        NormalizeSchema(schema, oas30, flag);
      }
    }
    if (auto p = c->find("parameters"); p != c->end() && p->is_object()) {
      for (auto& [name, param] : p->items()) {
        (void)name;
        if (param.is_object() && param.contains("schema")) NormalizeSchema(param["schema"], oas30, flag);
      }
    }
    if (auto r = c->find("requestBodies"); r != c->end() && r->is_object()) {
      for (auto& [name, body] : r->items()) {
        (void)name;
        if (body.is_object() && body.contains("content")) NormalizeContentSchemas(body["content"], oas30, flag);
      }
    }
  }
  if (auto paths = doc.find("paths"); paths != doc.end() && paths->is_object()) {
    for (auto& [path, item] : paths->items()) {
      (void)path;
      if (!item.is_object()) continue;
      if (item.contains("parameters")) NormalizeParameters(item["parameters"], oas30, flag);
      for (const char* m : kHttpMethods) {
        auto op = item.find(m);
        if (op == item.end() || !op->is_object()) continue;
        if (op->contains("parameters")) NormalizeParameters((*op)["parameters"], oas30, flag);
        if (auto rb = op->find("requestBody"); rb != op->end() && rb->is_object() && rb->contains("content")) {
          NormalizeContentSchemas((*rb)["content"], oas30, flag);
        }
      }
    }
  }
}

// Types a schema admits ("string", "null", ...), looking through $ref and allOf/anyOf/oneOf.
void CollectTypes(const json& doc, const json* node, std::vector<std::string>& types, int depth = 0) {
  if (depth > 8) return;
  node = Deref(doc, node, nullptr, nullptr);
  if (node == nullptr || !node->is_object()) return;
  auto add = [&types](const std::string& t) {
    if (std::find(types.begin(), types.end(), t) == types.end()) types.push_back(t);
  };
  if (auto t = node->find("type"); t != node->end()) {
    if (t->is_string()) {
      add(t->get<std::string>());
    } else if (t->is_array()) {
      for (const auto& x : *t) {
        if (x.is_string()) add(x.get<std::string>());
      }
    }
    return;
  }
  for (const char* key : {"anyOf", "oneOf", "allOf"}) {
    auto it = node->find(key);
    if (it == node->end() || !it->is_array()) continue;
    for (const auto& sub : *it) CollectTypes(doc, &sub, types, depth + 1);
  }
}

// The schema that applies to member `step` (object property or array index) of a value described
// by `node`; best effort, used only to word error messages. Null when unknown.
const json* ChildSchema(const json& doc, const json* node, const std::string& step, bool in_array, int depth = 0) {
  if (depth > 8) return nullptr;
  node = Deref(doc, node, nullptr, nullptr);
  if (node == nullptr || !node->is_object()) return nullptr;
  if (in_array) {
    if (auto items = node->find("items"); items != node->end()) {
      if (items->is_object()) return &*items;
      if (items->is_array()) {
        size_t index = std::strtoul(step.c_str(), nullptr, 10);
        if (index < items->size()) return &(*items)[index];
      }
    }
  } else {
    if (auto props = node->find("properties"); props != node->end() && props->is_object()) {
      if (auto p = props->find(step); p != props->end()) return &*p;
    }
    if (auto extra = node->find("additionalProperties"); extra != node->end() && extra->is_object()) {
      return &*extra;
    }
  }
  for (const char* key : {"allOf", "anyOf", "oneOf"}) {
    auto it = node->find(key);
    if (it == node->end() || !it->is_array()) continue;
    for (const auto& sub : *it) {
      if (const json* found = ChildSchema(doc, &sub, step, in_array, depth + 1)) return found;
    }
  }
  return nullptr;
}

const json* EnumOf(const json& doc, const json* node) {
  node = Deref(doc, node, nullptr, nullptr);
  if (node == nullptr || !node->is_object()) return nullptr;
  auto e = node->find("enum");
  return e != node->end() && e->is_array() ? &*e : nullptr;
}

std::string TypePhrase(const std::vector<std::string>& types) {
  static const std::map<std::string, std::string, std::less<>> kArticle = {
      {"string", "a string"},   {"integer", "an integer"}, {"number", "a number"}, {"boolean", "true or false"},
      {"object", "an object"},  {"array", "an array"},     {"null", "null"}};
  std::string out;
  for (size_t i = 0; i < types.size(); ++i) {
    if (i > 0) out += " or ";
    auto it = kArticle.find(types[i]);
    out += it == kArticle.end() ? types[i] : it->second;
  }
  return out;
}

// Turns one valijson description into the message users read; `schema` is the schema of the
// offending value when known.
std::string Translate(const std::string& d, const json& doc, const json* schema) {
  auto number_after = [&d](std::string_view prefix) { return TidyNumber(std::string_view(d).substr(prefix.size())); };
  auto count_between = [&d](std::string_view prefix) {
    std::string_view rest = std::string_view(d).substr(prefix.size());
    return std::string(rest.substr(0, rest.find(' ')));
  };
  if (StartsWith(d, "Value type not permitted")) {
    std::vector<std::string> types;
    CollectTypes(doc, schema, types);
    return types.empty() ? "has the wrong type" : "must be " + TypePhrase(types);
  }
  if (StartsWith(d, "String should be no more than ")) {
    return "too long (max " + count_between("String should be no more than ") + " characters)";
  }
  if (StartsWith(d, "String should be no fewer than ")) {
    return "too short (min " + count_between("String should be no fewer than ") + " characters)";
  }
  if (StartsWith(d, "Expected number less than or equal to ")) {
    return "must be at most " + number_after("Expected number less than or equal to ");
  }
  if (StartsWith(d, "Expected number less than ")) return "must be less than " + number_after("Expected number less than ");
  if (StartsWith(d, "Expected number greater than or equal to ")) {
    return "must be at least " + number_after("Expected number greater than or equal to ");
  }
  if (StartsWith(d, "Expected number greater than ")) {
    return "must be greater than " + number_after("Expected number greater than ");
  }
  if (StartsWith(d, "Failed to match against any enum values")) {
    const json* values = EnumOf(doc, schema);
    if (values == nullptr || values->empty()) return "is not one of the allowed values";
    std::string out = "must be one of: ";
    size_t n = 0;
    for (const auto& v : *values) {
      if (n == kMaxEnumValuesInMessage) {
        out += ", ...";
        break;
      }
      if (n++ > 0) out += ", ";
      out += v.is_string() ? v.get<std::string>() : v.dump();
    }
    return out;
  }
  if (StartsWith(d, "Failed to match regex")) return "has an invalid format";
  if (StartsWith(d, "String is too long to check")) {
    return "too long (max " + std::to_string(kMaxRegexInput) + " bytes)";
  }
  if (StartsWith(d, "Array should contain no more than ")) {
    return "too many items (max " + count_between("Array should contain no more than ") + ")";
  }
  if (StartsWith(d, "Array should contain no fewer than ")) {
    return "too few items (min " + count_between("Array should contain no fewer than ") + ")";
  }
  if (StartsWith(d, "Object should have no more than ")) {
    return "too many fields (max " + count_between("Object should have no more than ") + ")";
  }
  if (StartsWith(d, "Object should have no fewer than ")) {
    return "too few fields (min " + count_between("Object should have no fewer than ") + ")";
  }
  if (d == "String should be a valid date") return "must be a date (YYYY-MM-DD)";
  if (d == "String should be a valid date-time") return "must be a date-time (e.g. 2024-06-01T08:00:00+08:00)";
  if (d == "String should be a valid time") return "must be a time (e.g. 08:00:00+08:00)";
  if (d.find("violate uniqueness constraint") != std::string::npos) return "items must be unique";
  if (StartsWith(d, "Value should be a multiple of ")) {
    return "must be a multiple of " + number_after("Value should be a multiple of ");
  }
  if (StartsWith(d, "Failed to match expected value set by 'const'")) return "has a value that is not allowed";
  if (StartsWith(d, "Array contains more items than allowed")) return "too many items";
  if (StartsWith(d, "Failed to validate against any") || StartsWith(d, "Failed to validate against exactly one")) {
    return "does not match any allowed form";
  }
  return d;
}

// Text between the first and the last single quote of `d` ("... 'name'." → "name").
std::string Quoted(const std::string& d) {
  size_t first = d.find('\'');
  size_t last = d.rfind('\'');
  if (first == std::string::npos || last <= first) return {};
  return d.substr(first + 1, last - first - 1);
}

// The property refused by additionalProperties: false. valijson 1.0 names it at the end of its
// message ("... constraints: 'colour'."); should that wording change, the first member of the
// object that its schema does not declare is taken instead.
std::string UnknownProperty(const std::string& d, const json& doc, const json* schema, const json* value) {
  static constexpr std::string_view kMarker = "constraints: '";
  size_t at = d.find(kMarker);
  size_t last = d.rfind('\'');
  if (at != std::string::npos && last != std::string::npos && last >= at + kMarker.size()) {
    return d.substr(at + kMarker.size(), last - at - kMarker.size());
  }
  if (value != nullptr && value->is_object()) {
    for (const auto& [name, member] : value->items()) {
      (void)member;
      if (ChildSchema(doc, schema, name, false) == nullptr) return name;
    }
  }
  return {};
}

void AppendProperty(std::string& field, const std::string& name) {
  if (!field.empty()) field += '.';
  field += name;
}

// Picks the most useful error of `results` (the deepest; among equals, the first that is not a
// summary of its children) and turns it into InvalidArgument naming the field. `instance` is the
// validated value, `schema` the schema node it was validated against (normalised document),
// `field_prefix` the field name of the value itself ("" for a body, the parameter name otherwise).
Status Explain(const valijson::ValidationResults& results, const json& doc, const json* schema,
               const json& instance, const std::string& field_prefix, const std::string& empty_field) {
  struct Candidate {
    std::string field;
    std::string message;
    size_t depth = 0;
    bool summary = true;
  };
  std::optional<Candidate> best;
  for (const auto& error : results) {
    Candidate c;
    c.field = field_prefix;
    const json* value = &instance;
    const json* node = schema;
    // context[0] is "<root>"; the rest are "[name]" or "[index]".
    for (size_t i = 1; i < error.context.size(); ++i) {
      std::string step = error.context[i];
      if (step.size() >= 2 && step.front() == '[' && step.back() == ']') step = step.substr(1, step.size() - 2);
      bool in_array = value != nullptr && value->is_array();
      if (in_array) {
        c.field += "[" + step + "]";
        size_t index = std::strtoul(step.c_str(), nullptr, 10);
        value = index < value->size() ? &(*value)[index] : nullptr;
      } else {
        AppendProperty(c.field, step);
        if (value != nullptr && value->is_object()) {
          auto it = value->find(step);
          value = it == value->end() ? nullptr : &*it;
        } else {
          value = nullptr;
        }
      }
      node = node == nullptr ? nullptr : ChildSchema(doc, node, step, in_array);
      ++c.depth;
    }
    const std::string& d = error.description;
    c.summary = StartsWith(d, "Failed to validate") || StartsWith(d, "Cannot validate");
    if (StartsWith(d, "Missing required property")) {
      AppendProperty(c.field, Quoted(d));
      c.message = "is required";
      ++c.depth;
    } else if (StartsWith(d, "Object contains a property that could not be validated")) {
      AppendProperty(c.field, UnknownProperty(d, doc, node, value));
      c.message = "unknown field";
      ++c.depth;
    } else {
      c.message = Translate(d, doc, node);
    }
    if (!best || c.depth > best->depth || (c.depth == best->depth && best->summary && !c.summary)) {
      best = std::move(c);
    }
  }
  if (!best) return InvalidArgument("invalid value", field_prefix.empty() ? empty_field : field_prefix);
  std::string field = best->field.empty() ? empty_field : best->field;
  return InvalidArgument(best->message, field);
}

bool ValidateWith(const valijson::Schema& schema, const json& value, valijson::ValidationResults& results) {
  // Validator keeps a regex cache and is not thread-safe: one per thread, shared by all schemas.
  thread_local valijson::Validator validator(valijson::Validator::kStrongTypes);
  valijson::adapters::NlohmannJsonAdapter adapter(value);
  return validator.validate(schema, adapter, &results);
}

}  // namespace

// ---------------------------------------------------------------------------------------------

struct OpenApi::Impl {
  struct Param {
    std::string name;
    bool in_path = false;
    bool required = false;
    bool explode = true;
    std::string type;       // declared scalar type ("" when none: treated as string)
    std::string item_type;  // for type "array"
    const json* schema = nullptr;  // node in `normalized`
    std::unique_ptr<valijson::Schema> compiled;
  };
  struct Operation {
    std::vector<Param> params;
    bool has_body = false;
    bool body_required = false;
    bool json_body = false;
    std::vector<std::string> media_types;  // declared, lower-case
    const json* body_schema = nullptr;     // node in `normalized`
    std::unique_ptr<valijson::Schema> compiled_body;
  };

  json document;    // as loaded
  json normalized;  // plain JSON Schema; compiled from, and used to word messages
  valijson::SchemaParser::Version version = valijson::SchemaParser::kDraft4;
  bool uses_pattern_properties = false;
  std::unordered_map<std::string, Operation> operations;  // "GET /api/units/{id}"
  std::set<std::pair<std::string, std::string>> operation_names;

  const Operation* Find(Method method, const std::string& path_template) const {
    std::string key(MethodName(method));
    key += ' ';
    key += path_template;
    auto it = operations.find(key);
    if (it == operations.end() && method == Method::kHead) {
      it = operations.find("GET " + path_template);
    }
    return it == operations.end() ? nullptr : &it->second;
  }

  // Compiles the schema at JSON `pointer` of `normalized`.
  Result<std::unique_ptr<valijson::Schema>> Compile(const std::string& pointer) {
    try {
      normalized["$ref"] = "#" + pointer;
      auto schema = std::make_unique<valijson::Schema>();
      valijson::SchemaParser parser(version);
      parser.addConstraintBuilder("x-lz-pattern", new PatternBuilder());
      parser.addConstraintBuilder("x-lz-format", new FormatBuilder());
      valijson::adapters::NlohmannJsonAdapter adapter(normalized);
      parser.populateSchema(adapter, *schema);
      normalized.erase("$ref");
      return schema;
    } catch (const std::exception& e) {
      normalized.erase("$ref");
      return InvalidArgument("OpenAPI document: cannot compile schema at " + pointer + ": " + e.what());
    }
  }

  Status AddParameter(Operation& op, const json& raw, const std::string& raw_pointer) {
    std::string pointer = raw_pointer;
    std::string error;
    const json* p = Deref(normalized, &raw, &pointer, &error);
    if (p == nullptr) return InvalidArgument("OpenAPI document: " + error);
    if (!p->is_object() || !p->contains("name") || !p->contains("in")) {
      return InvalidArgument("OpenAPI document: parameter without name/in at " + pointer);
    }
    std::string in = p->value("in", "");
    if (in != "query" && in != "path") return Status::Ok();  // header and cookie parameters are not checked here
    Param param;
    param.name = p->value("name", "");
    param.in_path = in == "path";
    param.required = param.in_path || p->value("required", false);
    param.explode = p->value("explode", true);
    if (auto s = p->find("schema"); s != p->end()) {
      std::string schema_pointer = pointer + "/schema";
      param.schema = &*s;
      std::vector<std::string> types;
      CollectTypes(normalized, param.schema, types);
      types.erase(std::remove(types.begin(), types.end(), "null"), types.end());
      if (!types.empty()) param.type = types.front();
      if (param.type == "array") {
        std::string items_pointer;
        const json* resolved = Deref(normalized, param.schema, &items_pointer, nullptr);
        if (resolved != nullptr && resolved->is_object() && resolved->contains("items")) {
          std::vector<std::string> item_types;
          CollectTypes(normalized, &resolved->at("items"), item_types);
          if (!item_types.empty()) param.item_type = item_types.front();
        }
      }
      ASSIGN_OR_RETURN(param.compiled, Compile(schema_pointer));
    }
    // An operation-level parameter overrides a path-level one of the same name and location.
    for (auto& existing : op.params) {
      if (existing.name == param.name && existing.in_path == param.in_path) {
        existing = std::move(param);
        return Status::Ok();
      }
    }
    op.params.push_back(std::move(param));
    return Status::Ok();
  }

  Status AddRequestBody(Operation& op, const json& raw, const std::string& raw_pointer) {
    std::string pointer = raw_pointer;
    std::string error;
    const json* body = Deref(normalized, &raw, &pointer, &error);
    if (body == nullptr) return InvalidArgument("OpenAPI document: " + error);
    if (!body->is_object()) return InvalidArgument("OpenAPI document: bad requestBody at " + pointer);
    op.has_body = true;
    op.body_required = body->value("required", false);
    auto content = body->find("content");
    if (content == body->end() || !content->is_object()) return Status::Ok();
    for (const auto& [type, media] : content->items()) {
      std::string media_type = MediaType(type);
      op.media_types.push_back(media_type);
      if (media_type != "application/json") continue;
      op.json_body = true;
      if (media.is_object() && media.contains("schema")) {
        op.body_schema = &media.at("schema");
        ASSIGN_OR_RETURN(op.compiled_body, Compile(pointer + "/content/" + PointerToken(type) + "/schema"));
      }
    }
    return Status::Ok();
  }

  Status Build() {
    std::string v = document.value("openapi", "");
    bool oas30 = StartsWith(v, "3.0");
    if (!oas30 && !StartsWith(v, "3.1")) {
      return InvalidArgument("OpenAPI document: unsupported version \"" + v + "\" (3.0.x or 3.1.x expected)");
    }
    version = oas30 ? valijson::SchemaParser::kDraft4 : valijson::SchemaParser::kDraft7;
    normalized = document;
    NormalizeDocument(normalized, oas30, uses_pattern_properties);
    auto paths_it = std::as_const(normalized).find("paths");
    if (paths_it == normalized.cend()) return Status::Ok();
    if (!paths_it->is_object()) return InvalidArgument("OpenAPI document: \"paths\" must be an object");
    for (const auto& [path, item] : paths_it->items()) {
      if (!item.is_object()) continue;
      std::string item_pointer = "/paths/" + PointerToken(path);
      for (const char* m : kHttpMethods) {
        auto op_it = item.find(m);
        if (op_it == item.end() || !op_it->is_object()) continue;
        const json& op_json = *op_it;
        std::string op_pointer = item_pointer + "/" + m;
        Operation op;
        if (auto common = item.find("parameters"); common != item.end() && common->is_array()) {
          for (size_t i = 0; i < common->size(); ++i) {
            RETURN_IF_ERROR(AddParameter(op, (*common)[i], item_pointer + "/parameters/" + std::to_string(i)));
          }
        }
        if (auto own = op_json.find("parameters"); own != op_json.end() && own->is_array()) {
          for (size_t i = 0; i < own->size(); ++i) {
            RETURN_IF_ERROR(AddParameter(op, (*own)[i], op_pointer + "/parameters/" + std::to_string(i)));
          }
        }
        if (auto rb = op_json.find("requestBody"); rb != op_json.end()) {
          RETURN_IF_ERROR(AddRequestBody(op, *rb, op_pointer + "/requestBody"));
        }
        std::string upper = ToUpper(m);
        operation_names.emplace(upper, path);
        operations.emplace(upper + " " + path, std::move(op));
      }
    }
    return Status::Ok();
  }
};

namespace {

Result<json> ConvertScalar(const std::string& value, const std::string& type, const std::string& field) {
  if (type == "integer") {
    int64_t v = 0;
    auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
    if (ec != std::errc() || end != value.data() + value.size() || value.empty()) {
      return InvalidArgument("must be an integer", field);
    }
    return json(v);
  }
  if (type == "number") {
    double v = 0;
    auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
    if (ec != std::errc() || end != value.data() + value.size() || value.empty() || !std::isfinite(v)) {
      return InvalidArgument("must be a number", field);
    }
    return json(v);
  }
  if (type == "boolean") {
    if (value == "true") return json(true);
    if (value == "false") return json(false);
    return InvalidArgument("must be true or false", field);
  }
  return json(value);
}

bool IsBlank(std::string_view s) { return Trim(s).empty(); }

}  // namespace

OpenApi::OpenApi() : impl_(std::make_unique<Impl>()) {}
OpenApi::~OpenApi() = default;

Result<std::shared_ptr<const OpenApi>> OpenApi::Load(std::string_view document_json) {
  std::shared_ptr<OpenApi> api(new OpenApi());
  try {
    api->impl_->document = json::parse(document_json);
  } catch (const json::exception& e) {
    return InvalidArgument(std::string("OpenAPI document is not valid JSON: ") + e.what());
  }
  if (!api->impl_->document.is_object()) return InvalidArgument("OpenAPI document must be a JSON object");
  RETURN_IF_ERROR(api->impl_->Build());
  return std::shared_ptr<const OpenApi>(std::move(api));
}

const nlohmann::json& OpenApi::document() const { return impl_->document; }

std::set<std::pair<std::string, std::string>> OpenApi::Operations() const { return impl_->operation_names; }

Status OpenApi::Validate(const Request& request, const std::string& path_template, nlohmann::json& parsed_body) const {
  parsed_body = nullptr;
  const Impl::Operation* op = impl_->Find(request.method, path_template);
  if (op == nullptr) {
    return Internal("operation not documented: " + std::string(MethodName(request.method)) + " " + path_template);
  }
  const json& doc = impl_->normalized;

  // Query parameters the operation does not declare are refused.
  for (auto it = request.query.begin(); it != request.query.end(); it = request.query.upper_bound(it->first)) {
    bool known = std::any_of(op->params.begin(), op->params.end(),
                             [&](const Impl::Param& p) { return !p.in_path && p.name == it->first; });
    if (!known) return InvalidArgument("unknown query parameter", it->first);
  }

  for (const Impl::Param& p : op->params) {
    json value;
    if (p.in_path) {
      auto it = request.path_params.find(p.name);
      if (it == request.path_params.end()) return InvalidArgument("missing path parameter", p.name);
      ASSIGN_OR_RETURN(value, ConvertScalar(it->second, p.type, p.name));
    } else {
      auto [first, last] = request.query.equal_range(p.name);
      if (first == last) {
        if (p.required) return InvalidArgument("is required", p.name);
        continue;
      }
      if (p.type == "array") {
        value = json::array();
        for (auto it = first; it != last; ++it) {
          std::string_view rest = it->second;
          while (true) {
            size_t comma = p.explode ? std::string_view::npos : rest.find(',');
            std::string item(rest.substr(0, comma));
            std::string item_field = p.name + "[" + std::to_string(value.size()) + "]";
            ASSIGN_OR_RETURN(json converted, ConvertScalar(item, p.item_type, item_field));
            value.push_back(std::move(converted));
            if (comma == std::string_view::npos) break;
            rest.remove_prefix(comma + 1);
          }
        }
      } else {
        if (std::next(first) != last) return InvalidArgument("given more than once", p.name);
        ASSIGN_OR_RETURN(value, ConvertScalar(first->second, p.type, p.name));
      }
    }
    if (p.compiled == nullptr) continue;
    valijson::ValidationResults results;
    try {
      if (!ValidateWith(*p.compiled, value, results)) return Explain(results, doc, p.schema, value, p.name, p.name);
    } catch (const std::exception& e) {
      return InvalidArgument(std::string("cannot validate: ") + e.what(), p.name);
    }
  }

  // Body.
  bool state_changing_body_method =
      request.method == Method::kPost || request.method == Method::kPut || request.method == Method::kPatch;
  if (!op->has_body) {
    if (!request.body.empty() && state_changing_body_method) {
      return InvalidArgument("this operation takes no request body", "body");
    }
    return Status::Ok();
  }
  if (IsBlank(request.body)) {
    if (op->body_required) return InvalidArgument("request body is required", "body");
    return Status::Ok();
  }
  std::string media_type = MediaType(request.Header("content-type"));
  if (media_type != "application/json" || !op->json_body) {
    // Another declared media type (an upload, say) is the handler's to read.
    if (std::find(op->media_types.begin(), op->media_types.end(), media_type) != op->media_types.end()) {
      return Status::Ok();
    }
    return InvalidArgument(op->json_body ? "Content-Type must be application/json" : "unsupported Content-Type",
                           "body");
  }
  if (NestsTooDeep(request.body, kMaxJsonDepth)) {
    return InvalidArgument("malformed JSON: nested more than " + std::to_string(kMaxJsonDepth) + " levels", "body");
  }
  json body;
  try {
    body = json::parse(request.body);
  } catch (const json::exception& e) {
    std::string what = e.what();
    // Drop nlohmann's "[json.exception.parse_error.101] " prefix.
    if (StartsWith(what, "[json.exception.")) {
      size_t close = what.find("] ");
      if (close != std::string::npos) what = what.substr(close + 2);
    }
    return InvalidArgument("malformed JSON: " + what, "body");
  }
  if (op->compiled_body != nullptr) {
    if (impl_->uses_pattern_properties && HasLongMemberName(body, kMaxRegexInput)) {
      return InvalidArgument("field name too long (max " + std::to_string(kMaxRegexInput) + " bytes)", "body");
    }
    valijson::ValidationResults results;
    try {
      if (!ValidateWith(*op->compiled_body, body, results)) {
        return Explain(results, doc, op->body_schema, body, "", "body");
      }
    } catch (const std::exception& e) {
      return InvalidArgument(std::string("cannot validate body: ") + e.what(), "body");
    }
  }
  parsed_body = std::move(body);
  return Status::Ok();
}

}  // namespace lz::http
