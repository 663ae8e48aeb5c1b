// Query execution over an IndexData (the caller holds the shared lock):
//
//   1. The query is analysed into words (analyzer.h); the terms of all words are looked up.
//   2. Base: the terms' lists are ordered by length; the shortest drives, a block of up to 128
//      documents at a time, and each candidate is probed in the other lists in turn (cursors that
//      gallop over skip entries), collecting each list's hint for it. Survivors gather in batches
//      of ~1024; each must still be base-current (version 1) and in scope — one 16-byte DocState
//      read, prefetched ahead. Then every word not proved by its single term is decided by the
//      hints where they can (first offsets in a row: present; two single occurrences out of line:
//      absent); the undecided ones are verified against their stored text, prefetched ahead: one
//      comparison where a single occurrence pins the word's start, else a scan from the earliest
//      start the first occurrences allow.
//   3. Overlay: the same over the overlay's slot vectors; a slot counts only if it is its
//      document's current version.
//   4. Count: base matches + overlay matches (disjoint by construction). Page: base matches come in
//      id order, so only the first or last offset + limit are kept (a ring buffer for newest
//      first); the overlay matches are sorted by id and merged in.
#pragma once

#include "common/status.h"
#include "engines/search/internal/index_data.h"
#include "engines/search/text_index.h"

namespace lz::engines::search::internal {

Result<SearchResult> RunSearch(const IndexData& data, const SearchRequest& request);

}  // namespace lz::engines::search::internal
