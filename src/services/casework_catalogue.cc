// Loads data/casework/channels.csv and categories.csv into an empty catalogue.
#include "services/casework_catalogue.h"

#include <charconv>
#include <map>
#include <string>
#include <vector>

#include "common/csv.h"
#include "common/embedded.h"
#include "domain/casework/catalogue.h"

namespace lz::services {
namespace {

Result<std::vector<std::vector<std::string>>> Rows(const char* path, size_t columns) {
  const EmbeddedFile* file = storage::assets::Find(path);
  if (!file) return Internal(std::string("reference data missing from the binary: ") + path);
  std::vector<std::vector<std::string>> records;
  if (!csv::Parse(file->bytes, records) || records.empty()) return Internal(std::string("malformed ") + path);
  records.erase(records.begin());  // header
  for (size_t i = 0; i < records.size(); ++i) {
    if (records[i].size() != columns) return Internal(std::string(path) + ": line " + std::to_string(i + 2) + " is malformed");
  }
  return records;
}

int Int(const std::string& s) {
  int v = 0;
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}

}  // namespace

Status LoadDefaultCasework(storage::Repositories& repos) {
  ASSIGN_OR_RETURN(auto channels, repos.catalogue().Channels());
  if (channels.empty()) {
    ASSIGN_OR_RETURN(auto rows, Rows("data/casework/channels.csv", 4));
    for (const auto& r : rows) {
      casework::Channel c;
      c.code = r[0];
      c.name = r[1];
      c.on_the_spot = r[2] == "1";
      c.callback = r[3] == "1";
      RETURN_IF_ERROR(casework::ValidateChannel(c));
      RETURN_IF_ERROR(repos.catalogue().PutChannel(c));
    }
  }
  ASSIGN_OR_RETURN(auto categories, repos.catalogue().Categories());
  if (categories.empty()) {
    ASSIGN_OR_RETURN(auto rows, Rows("data/casework/categories.csv", 9));
    std::map<std::string, int64_t> ids;
    int order = 0;
    for (const auto& r : rows) {
      casework::Category c;
      c.code = r[0];
      c.name = r[1];
      c.sign_days = Int(r[2]);
      c.handle_days = Int(r[3]);
      c.max_extension_days = Int(r[4]);
      c.ladder = {Int(r[5]), Int(r[6]), Int(r[7]), Int(r[8])};
      c.sort_order = order++;
      RETURN_IF_ERROR(casework::ValidateCategory(c));
      if (std::string parent = casework::ParentCode(c.code); !parent.empty()) {
        auto it = ids.find(parent);
        if (it == ids.end()) return Internal("category " + c.code + " comes before its parent");
        c.parent_id = it->second;
      }
      ASSIGN_OR_RETURN(ids[c.code], repos.catalogue().InsertCategory(c));
    }
  }
  return Status::Ok();
}

}  // namespace lz::services
