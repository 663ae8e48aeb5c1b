// Row accessors and Connection helpers.
#include "storage/sql/sql.h"

#include <charconv>
#include <cstdio>
#include <exception>

#include <spdlog/spdlog.h>

namespace lz::storage::sql {

int64_t Row::Int(size_t i) const {
  const Value& v = columns_.at(i);
  if (auto p = std::get_if<int64_t>(&v)) return *p;
  if (auto d = std::get_if<double>(&v)) return static_cast<int64_t>(*d);
  if (auto s = std::get_if<std::string>(&v)) {
    int64_t out = 0;
    std::from_chars(s->data(), s->data() + s->size(), out);
    return out;
  }
  return 0;
}

double Row::Real(size_t i) const {
  const Value& v = columns_.at(i);
  if (auto d = std::get_if<double>(&v)) return *d;
  if (auto p = std::get_if<int64_t>(&v)) return static_cast<double>(*p);
  if (auto s = std::get_if<std::string>(&v)) return std::strtod(s->c_str(), nullptr);
  return 0;
}

std::string Row::Text(size_t i) const {
  const Value& v = columns_.at(i);
  if (auto s = std::get_if<std::string>(&v)) return *s;
  if (auto b = std::get_if<Blob>(&v)) return b->bytes;
  if (auto p = std::get_if<int64_t>(&v)) return std::to_string(*p);
  if (auto d = std::get_if<double>(&v)) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.17g", *d);
    return buf;
  }
  return {};
}

Status Connection::QueryEach(std::string_view sql, const std::vector<Value>& params,
                             const std::function<Status(const Row&)>& sink) {
  ASSIGN_OR_RETURN(auto rows, Query(sql, params));
  for (const Row& row : rows) RETURN_IF_ERROR(sink(row));
  return Status::Ok();
}

Status Connection::QueryIntBlocks(std::string_view sql, const std::vector<Value>& params, const IntBlockSink& sink) {
  std::vector<int64_t> block;
  size_t columns = 0;
  RETURN_IF_ERROR(QueryEach(sql, params, [&](const Row& row) -> Status {
    columns = row.size();
    for (size_t i = 0; i < columns; ++i) block.push_back(row.Int(i));
    if (block.size() < kIntBlockRows * columns) return Status::Ok();
    Status st = sink(block.data(), kIntBlockRows, columns);
    block.clear();
    return st;
  }));
  if (block.empty()) return Status::Ok();
  return sink(block.data(), block.size() / columns, columns);
}

Result<std::optional<int64_t>> Connection::QueryInt(std::string_view sql, const std::vector<Value>& params) {
  auto rows = Query(sql, params);
  if (!rows.ok()) return rows.status();
  if (rows->empty() || rows->front().IsNull(0)) return std::optional<int64_t>();
  return std::optional<int64_t>(rows->front().Int(0));
}

Status CompleteTransaction(Connection& c, const std::function<Status(Connection&)>& fn,
                           const std::function<bool()>& can_rollback) {
  Status st;
  try {
    st = fn(c);
  } catch (const std::exception& e) {
    st = Internal(std::string("unexpected exception in transaction: ") + e.what());
  }
  if (st.ok()) {
    Status commit = c.ExecScript("COMMIT");
    if (commit.ok()) return st;
    st = commit;
  }
  if (!can_rollback || can_rollback()) {
    Status rb = c.ExecScript("ROLLBACK");
    if (!rb.ok()) spdlog::warn("rollback failed: {}", rb.ToString());
  }
  return st;
}

}  // namespace lz::storage::sql
