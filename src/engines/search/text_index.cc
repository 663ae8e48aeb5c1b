// TextIndex (text_index.h): locking around IndexData (internal/index_data.h) and the query
// (internal/query.h).
#include "engines/search/text_index.h"

#include <utility>

#include "engines/search/internal/index_data.h"
#include "engines/search/internal/query.h"

namespace lz::engines::search {

ScopeSet ScopeSet::Of(std::span<const uint32_t> keys) {
  ScopeSet set;
  for (uint32_t key : keys) set.Allow(key);
  return set;
}

void ScopeSet::Allow(uint32_t key) {
  const size_t word = key >> 6;
  if (word >= bits_.size()) bits_.resize(word + 1, 0);
  bits_[word] |= uint64_t{1} << (key & 63);
}

TextIndex::TextIndex() : data_(std::make_unique<internal::IndexData>()) {}
TextIndex::~TextIndex() = default;

Result<std::unique_ptr<TextIndex>> TextIndex::Build(std::span<const Document> documents, const BuildOptions& options) {
  ASSIGN_OR_RETURN(auto data, internal::IndexData::Build(documents, options.threads));
  auto index = std::make_unique<TextIndex>();
  index->data_ = std::move(data);
  return index;
}

Status TextIndex::Reset(std::span<const Document> documents, const BuildOptions& options) {
  std::lock_guard writer(writer_mu_);
  ASSIGN_OR_RETURN(auto data, internal::IndexData::Build(documents, options.threads));
  std::unique_lock lock(mu_);
  std::swap(data_, data);
  lock.unlock();
  return Status::Ok();  // the old state is freed here, outside the lock
}

template <typename Mutate>
Status TextIndex::Apply(Mutate&& mutate) {
  std::lock_guard writer(writer_mu_);
  bool merge_due = false;
  {
    std::unique_lock lock(mu_);
    RETURN_IF_ERROR(mutate(*data_));
    merge_due = data_->MergeDue();
  }
  if (merge_due) CompactLocked();
  return Status::Ok();
}

Status TextIndex::Upsert(const Document& document) {
  return Apply([&](internal::IndexData& data) { return data.Upsert(document); });
}

Status TextIndex::UpdateScope(int64_t id, uint32_t scope_key) {
  return Apply([&](internal::IndexData& data) { return data.UpdateScope(id, scope_key); });
}

Status TextIndex::Remove(int64_t id) {
  return Apply([&](internal::IndexData& data) { return data.Remove(id); });
}

Result<SearchResult> TextIndex::Search(const SearchRequest& request) const {
  std::shared_lock lock(mu_);
  return internal::RunSearch(*data_, request);
}

void TextIndex::Compact() {
  std::lock_guard writer(writer_mu_);
  CompactLocked();
}

void TextIndex::CompactLocked() {
  // Only this writer changes data_, so it may read it without the shared lock.
  auto merged = data_->PrepareMerge();
  {
    std::unique_lock lock(mu_);
    data_->Install(merged.get());
  }
  merged.reset();  // the old structures, freed outside the lock
}

IndexStats TextIndex::Stats() const {
  std::shared_lock lock(mu_);
  return data_->Stats();
}

}  // namespace lz::engines::search
