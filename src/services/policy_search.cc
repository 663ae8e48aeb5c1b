// PolicySearch: the policy documents' text index, kept current by the change feed.
#include "services/policy_search.h"

#include <charconv>
#include <optional>
#include <set>
#include <string>

#include "storage/repositories.h"

namespace lz::services {
namespace {

namespace es = engines::search;

// What is indexed of a policy: its number, title, full text and measures, one a line (a line
// break is a separator, so no word spans two of them).
std::string DocumentText(const storage::PolicyText& t) {
  std::string out;
  out.reserve(t.doc_number.size() + t.title.size() + t.text.size() + t.measures.size() + 3);
  out += t.doc_number;
  out += '\n';
  out += t.title;
  out += '\n';
  out += t.text;
  out += '\n';
  out += t.measures;
  return out;
}

std::optional<int64_t> IdOf(const std::string& ref) {
  int64_t id = 0;
  auto [ptr, ec] = std::from_chars(ref.data(), ref.data() + ref.size(), id);
  if (ec != std::errc() || ptr != ref.data() + ref.size()) return std::nullopt;
  return id;
}

}  // namespace

Status PolicySearch::Reload(storage::Repositories& repos) {
  std::vector<std::string> texts;
  std::vector<int64_t> ids;
  RETURN_IF_ERROR(repos.policies().ForEachText([&](const storage::PolicyText& t) {
    ids.push_back(t.id);
    texts.push_back(DocumentText(t));
    return Status::Ok();
  }));
  std::vector<es::Document> docs;
  docs.reserve(ids.size());
  for (size_t i = 0; i < ids.size(); ++i) docs.push_back(es::Document{ids[i], 0, texts[i]});
  RETURN_IF_ERROR(index_.Reset(docs));
  MarkLoaded();
  return Status::Ok();
}

Status PolicySearch::Apply(storage::Repositories& repos, const std::vector<storage::Change>& changes) {
  std::set<int64_t> ids;
  for (const auto& change : changes) {
    if (change.topic != storage::topic::kPolicy) continue;
    if (auto id = IdOf(change.ref)) ids.insert(*id);
  }
  for (int64_t id : ids) {
    ASSIGN_OR_RETURN(auto text, repos.policies().Text(id));
    if (text) {
      const std::string doc = DocumentText(*text);
      RETURN_IF_ERROR(index_.Upsert(es::Document{id, 0, doc}));
    } else {
      Status st = index_.Remove(id);
      if (!st.ok() && st.code() != StatusCode::kNotFound) return st;
    }
  }
  return Status::Ok();
}

Result<std::vector<int64_t>> PolicySearch::SearchAll(std::string_view query) const {
  RETURN_IF_ERROR(RequireLoaded("the policy search index"));
  es::SearchRequest request;
  request.query = query;
  request.limit = es::kMaxLimit;
  std::vector<int64_t> out;
  for (size_t offset = 0;; offset += es::kMaxLimit) {
    request.offset = offset;
    auto page = index_.Search(request);
    if (!page.ok()) return Status(page.status().code(), std::string(page.status().message()), "q");
    if (page->total > static_cast<int64_t>(es::kMaxWindow)) {
      return InvalidArgument("q matches more than " + std::to_string(es::kMaxWindow) + " policies; add a word", "q");
    }
    out.insert(out.end(), page->ids.begin(), page->ids.end());
    if (page->ids.size() < es::kMaxLimit || static_cast<int64_t>(out.size()) >= page->total) break;
  }
  return out;
}

}  // namespace lz::services
