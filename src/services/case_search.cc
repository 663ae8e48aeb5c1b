// CaseSearch: the scope-key mapping, the index's load and updates, and searches by data scope.
#include "services/case_search.h"

#include <algorithm>
#include <charconv>
#include <set>
#include <string>
#include <thread>

#include <spdlog/spdlog.h>

namespace lz::services {
namespace {

namespace es = engines::search;

std::optional<int64_t> IdOf(const std::string& ref) {
  int64_t id = 0;
  auto [end, ec] = std::from_chars(ref.data(), ref.data() + ref.size(), id);
  if (ec != std::errc() || end != ref.data() + ref.size()) return std::nullopt;
  return id;
}

void SortUnique(std::vector<int64_t>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

// What is indexed of a case: its title and its text, apart (a line break separates words).
void AppendDocumentText(std::string_view title, std::string_view text, std::string& out) {
  out.append(title);
  if (!title.empty()) out.push_back('\n');
  out.append(text);
}

// Texts for a bulk build, in chunks that never move (the documents point into them).
class TextArena {
 public:
  std::string_view Add(std::string_view title, std::string_view text) {
    const size_t need = title.size() + 1 + text.size();
    if (chunks_.empty() || chunks_.back().capacity() - chunks_.back().size() < need) {
      // Chunks double from 64 KiB to 64 MiB: a few own cases cost little, ten million few chunks.
      next_ = std::min(next_ * 2, kMaxChunk);
      chunks_.emplace_back();
      chunks_.back().reserve(std::max(next_, need));
    }
    std::string& chunk = chunks_.back();
    const size_t begin = chunk.size();
    AppendDocumentText(title, text, chunk);
    return std::string_view(chunk.data() + begin, chunk.size() - begin);
  }

 private:
  static constexpr size_t kMaxChunk = size_t{64} << 20;
  size_t next_ = size_t{32} << 10;
  std::vector<std::string> chunks_;
};

// The engine's refusals of a query, named after the API's parameter.
Status AsQueryError(const Status& st) {
  if (st.code() != StatusCode::kInvalidArgument) return st;
  if (st.field() == "query") {
    if (st.message().find("single characters") != std::string::npos) {
      return InvalidArgument(
          "q 需要至少一个两字及以上的中文词语或一个字母/数字词，单字只能与这样的词一起搜索 "
          "(q needs a word of two or more Chinese characters or of Latin letters or digits; single characters "
          "are searched only beside such a word)",
          "q");
    }
    return InvalidArgument("q: " + st.message(), "q");
  }
  if (st.field() == "offset" || st.field() == "limit") {
    return InvalidArgument("a full-text search shows at most its first " + std::to_string(es::kMaxWindow) +
                               " matches; add a word to narrow it",
                           "page");
  }
  return st;
}

}  // namespace

// ---- UnitSetScopes ------------------------------------------------------------------------------

uint32_t UnitSetScopes::KeyOf(std::vector<int64_t> unit_ids) {
  SortUnique(unit_ids);
  std::lock_guard lock(mu_);
  auto it = keys_.find(unit_ids);
  if (it != keys_.end()) return it->second;
  const auto key = static_cast<uint32_t>(sets_.size());
  for (int64_t unit : unit_ids) keys_of_unit_[unit].push_back(key);
  keys_.emplace(unit_ids, key);
  sets_.push_back(std::move(unit_ids));
  return key;
}

std::shared_ptr<const es::ScopeSet> UnitSetScopes::SetFor(std::vector<int64_t> allowed) {
  SortUnique(allowed);
  std::lock_guard lock(mu_);
  const auto now = static_cast<uint32_t>(sets_.size());
  auto it = cache_.find(allowed);
  if (it != cache_.end() && it->second.covered == now) return it->second.set;
  std::shared_ptr<es::ScopeSet> set;
  if (it != cache_.end()) {
    // Keys added since: allowed when their set meets the allowed units.
    set = std::make_shared<es::ScopeSet>(*it->second.set);
    for (uint32_t key = it->second.covered; key < now; ++key) {
      const auto& units = sets_[key];
      auto a = allowed.begin();
      auto u = units.begin();
      while (a != allowed.end() && u != units.end()) {
        if (*a == *u) {
          set->Allow(key);
          break;
        }
        if (*a < *u) {
          ++a;
        } else {
          ++u;
        }
      }
    }
  } else {
    set = std::make_shared<es::ScopeSet>();
    for (int64_t unit : allowed) {
      auto found = keys_of_unit_.find(unit);
      if (found == keys_of_unit_.end()) continue;
      for (uint32_t key : found->second) set->Allow(key);
    }
    if (cache_.size() >= kMaxCached) cache_.clear();
  }
  cache_[allowed] = Cached{set, now};
  return set;
}

size_t UnitSetScopes::size() const {
  std::lock_guard lock(mu_);
  return sets_.size();
}

std::vector<int64_t> UnitSetScopes::UnitsOf(uint32_t key) const {
  std::lock_guard lock(mu_);
  return key < sets_.size() ? sets_[key] : std::vector<int64_t>();
}

size_t UnitSetScopes::cached_count() const {
  std::lock_guard lock(mu_);
  return cache_.size();
}

bool IsTextQuery(std::string_view q) {
  bool any = false;
  for (char ch : q) {
    if ((ch >= '0' && ch <= '9') || ch == '-' || ch == ' ' || ch == '\t') continue;
    any = true;
  }
  return any;
}

// ---- CaseSearch ---------------------------------------------------------------------------------

CaseSearch::CaseSearch(int build_threads) : build_threads_(build_threads) {
  if (build_threads_ <= 0) {
    build_threads_ = static_cast<int>(std::clamp(std::thread::hardware_concurrency(), 1u, 8u));
  }
}

Status CaseSearch::Reload(storage::Repositories& repos) {
  TextArena arena;
  std::vector<es::Document> docs;
  RETURN_IF_ERROR(repos.cases().ForEachText([&](const storage::CaseText& t) {
    docs.push_back(es::Document{t.id, scopes_.KeyOf(t.unit_ids), arena.Add(t.title, t.text)});
    return Status::Ok();
  }));
  RETURN_IF_ERROR(index_.Reset(docs, es::BuildOptions{build_threads_}));
  MarkLoaded();
  spdlog::debug("case search: indexed {} cases ({} unit sets)", docs.size(), scopes_.size());
  return Status::Ok();
}

Status CaseSearch::Apply(storage::Repositories& repos, const std::vector<storage::Change>& changes) {
  std::set<int64_t> ids;
  for (const auto& change : changes) {
    if (change.topic != storage::topic::kCase) continue;
    if (auto id = IdOf(change.ref)) ids.insert(*id);
  }
  if (ids.empty()) return Status::Ok();
  ASSIGN_OR_RETURN(auto texts, repos.cases().Texts(std::vector<int64_t>(ids.begin(), ids.end())));
  std::string text;
  for (const storage::CaseText& t : texts) {
    text.clear();
    AppendDocumentText(t.title, t.text, text);
    RETURN_IF_ERROR(index_.Upsert(es::Document{t.id, scopes_.KeyOf(t.unit_ids), text}));
    ids.erase(t.id);
  }
  for (int64_t gone : ids) {
    Status st = index_.Remove(gone);
    if (!st.ok() && st.code() != StatusCode::kNotFound) return st;
  }
  return Status::Ok();
}

Result<CaseSearch::Target> CaseSearch::Resolve(storage::Repositories& repos, const auth::ScopeFilter& scope) const {
  RETURN_IF_ERROR(RequireLoaded("the case search index"));
  Target target;
  target.index = &index_;
  std::vector<int64_t> allowed;
  switch (scope.kind) {
    case auth::ScopeKind::kAll: return target;
    case auth::ScopeKind::kSelf: {
      // The user's own cases (few): indexed for this query only.
      storage::CaseQuery own;
      own.scope = scope;
      TextArena arena;
      std::vector<es::Document> docs;
      RETURN_IF_ERROR(repos.cases().ForEach(own, [&](const casework::Case& c) {
        docs.push_back(es::Document{c.id, 0, arena.Add(c.facts.title, c.facts.text)});
        return Status::Ok();
      }));
      ASSIGN_OR_RETURN(target.own, es::TextIndex::Build(docs));
      target.index = target.own.get();
      return target;
    }
    case auth::ScopeKind::kUnits:
    case auth::ScopeKind::kOwnUnit: allowed = scope.unit_ids; break;
    case auth::ScopeKind::kOwnUnitAndBelow: {
      storage::UnitQuery units;
      units.scope = scope;
      RETURN_IF_ERROR(repos.units().ForEach(units, [&](const org::Unit& u) {
        allowed.push_back(u.id);
        return Status::Ok();
      }));
      break;
    }
  }
  target.set = scopes_.SetFor(std::move(allowed));
  target.scope = target.set.get();
  return target;
}

Result<es::SearchResult> CaseSearch::Run(const Target& target, std::string_view query, size_t offset, size_t limit) {
  es::SearchRequest request;
  request.query = query;
  request.scope = target.scope;
  request.offset = offset;
  request.limit = limit;
  request.order = es::Order::kNewestFirst;
  auto result = target.index->Search(request);
  if (!result.ok()) return AsQueryError(result.status());
  return result;
}

Result<es::SearchResult> CaseSearch::Search(storage::Repositories& repos, const auth::ScopeFilter& scope,
                                            std::string_view query, size_t offset, size_t limit) const {
  ASSIGN_OR_RETURN(Target target, Resolve(repos, scope));
  return Run(target, query, offset, limit);
}

Result<std::vector<int64_t>> CaseSearch::SearchAll(storage::Repositories& repos, const auth::ScopeFilter& scope,
                                                   std::string_view query) const {
  ASSIGN_OR_RETURN(Target target, Resolve(repos, scope));
  ASSIGN_OR_RETURN(es::SearchResult first, Run(target, query, 0, es::kMaxLimit));
  if (first.total > static_cast<int64_t>(es::kMaxWindow)) {
    return InvalidArgument("q matches " + std::to_string(first.total) + " cases, more than the " +
                               std::to_string(es::kMaxWindow) + " a search combines with list filters; add a word",
                           "q");
  }
  std::vector<int64_t> ids = std::move(first.ids);
  for (size_t offset = ids.size(); offset < static_cast<size_t>(first.total); offset += es::kMaxLimit) {
    ASSIGN_OR_RETURN(es::SearchResult page, Run(target, query, offset, es::kMaxLimit));
    if (page.ids.empty()) break;  // documents removed meanwhile
    ids.insert(ids.end(), page.ids.begin(), page.ids.end());
  }
  // Pages read at different moments may overlap when cases were added meanwhile.
  std::sort(ids.begin(), ids.end(), std::greater<>());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

}  // namespace lz::services
