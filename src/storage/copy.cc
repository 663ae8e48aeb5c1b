// CopyDatabase: catalogue reading, table ordering and the row copy.
#include "storage/copy.h"

#include <algorithm>
#include <functional>
#include <map>
#include <optional>
#include <set>

#include "storage/migrate.h"

namespace lz::storage {
namespace {

using sql::Connection;
using sql::Dialect;
using sql::Row;
using sql::Value;

constexpr size_t kReadBatch = 5000;  // rows read per query
constexpr size_t kInsertRows = 100;  // rows per multi-row INSERT

struct TableInfo {
  std::string name;
  std::vector<std::string> columns;      // in catalogue order
  std::vector<std::string> primary_key;  // in key order
  std::set<std::string> references;      // other tables this one's foreign keys point to
  std::string self_reference;            // column pointing at this table's own primary key, if any
};

std::string Quote(const std::string& identifier) { return "\"" + identifier + "\""; }

std::string JoinQuoted(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + Quote(n);
  return out;
}

Result<std::vector<std::string>> Column0(Connection& c, std::string_view query, const std::vector<Value>& params = {}) {
  ASSIGN_OR_RETURN(auto rows, c.Query(query, params));
  std::vector<std::string> out;
  for (const auto& r : rows) out.push_back(r.Text(0));
  return out;
}

// Every application table (not schema_migrations, not the engine's own) with its columns and keys.
Result<std::map<std::string, TableInfo>> ReadCatalogue(Connection& c) {
  std::map<std::string, TableInfo> tables;
  bool sqlite = c.dialect() == Dialect::kSqlite;
  ASSIGN_OR_RETURN(auto names,
                   Column0(c, sqlite ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' "
                                       "ESCAPE '\\' ORDER BY name"
                                     : "SELECT table_name FROM information_schema.tables WHERE table_schema = "
                                       "current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name"));
  for (const auto& name : names) {
    if (name == "schema_migrations") continue;
    TableInfo t;
    t.name = name;
    if (sqlite) {
      ASSIGN_OR_RETURN(auto cols, c.Query("SELECT name, pk FROM pragma_table_info(?) ORDER BY cid", {name}));
      std::vector<std::pair<int64_t, std::string>> key;
      for (const auto& r : cols) {
        t.columns.push_back(r.Text(0));
        if (r.Int(1) > 0) key.emplace_back(r.Int(1), r.Text(0));
      }
      std::sort(key.begin(), key.end());
      for (auto& [pos, col] : key) t.primary_key.push_back(col);
      ASSIGN_OR_RETURN(auto fks, c.Query("SELECT \"table\", \"from\" FROM pragma_foreign_key_list(?)", {name}));
      for (const auto& r : fks) {
        if (r.Text(0) == name) t.self_reference = r.Text(1);
        else t.references.insert(r.Text(0));
      }
    } else {
      ASSIGN_OR_RETURN(t.columns, Column0(c, "SELECT column_name FROM information_schema.columns WHERE table_schema = "
                                             "current_schema() AND table_name = ? ORDER BY ordinal_position",
                                          {name}));
      ASSIGN_OR_RETURN(t.primary_key,
                       Column0(c, "SELECT a.attname FROM pg_index i JOIN pg_class cl ON cl.oid = i.indrelid "
                                  "JOIN pg_namespace n ON n.oid = cl.relnamespace "
                                  "JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, pos) ON true "
                                  "JOIN pg_attribute a ON a.attrelid = cl.oid AND a.attnum = k.attnum "
                                  "WHERE i.indisprimary AND n.nspname = current_schema() AND cl.relname = ? "
                                  "ORDER BY k.pos",
                               {name}));
      ASSIGN_OR_RETURN(auto fks, c.Query("SELECT ref.relname, a.attname FROM pg_constraint co "
                                         "JOIN pg_class cl ON cl.oid = co.conrelid "
                                         "JOIN pg_namespace n ON n.oid = cl.relnamespace "
                                         "JOIN pg_class ref ON ref.oid = co.confrelid "
                                         "JOIN pg_attribute a ON a.attrelid = co.conrelid AND a.attnum = co.conkey[1] "
                                         "WHERE co.contype = 'f' AND n.nspname = current_schema() AND cl.relname = ?",
                                         {name}));
      for (const auto& r : fks) {
        if (r.Text(0) == name) t.self_reference = r.Text(1);
        else t.references.insert(r.Text(0));
      }
    }
    if (t.primary_key.empty()) return FailedPrecondition("table " + name + " has no primary key; cannot copy it");
    tables.emplace(name, std::move(t));
  }
  return tables;
}

// Tables ordered so that every table comes after the tables its foreign keys reference.
Result<std::vector<const TableInfo*>> CopyOrder(const std::map<std::string, TableInfo>& tables) {
  std::vector<const TableInfo*> order;
  std::set<std::string> placed;
  while (order.size() < tables.size()) {
    bool progress = false;
    for (const auto& [name, t] : tables) {
      if (placed.count(name)) continue;
      bool ready = std::all_of(t.references.begin(), t.references.end(),
                               [&](const std::string& ref) { return placed.count(ref) || !tables.count(ref); });
      if (!ready) continue;
      order.push_back(&t);
      placed.insert(name);
      progress = true;
    }
    if (!progress) return FailedPrecondition("the foreign keys between tables form a cycle; cannot order the copy");
  }
  return order;
}

// Reads every row of `t` in primary-key order, in batches (keyset paging on a one-column key).
Status ForEachBatch(Connection& c, const TableInfo& t, const std::function<Status(std::vector<Row>&)>& sink) {
  std::string select = "SELECT " + JoinQuoted(t.columns) + " FROM " + Quote(t.name);
  std::string order = " ORDER BY " + JoinQuoted(t.primary_key) + " LIMIT " + std::to_string(kReadBatch);
  bool keyset = t.primary_key.size() == 1;
  size_t key_index = keyset ? static_cast<size_t>(std::find(t.columns.begin(), t.columns.end(), t.primary_key[0]) -
                                                  t.columns.begin())
                            : 0;
  std::optional<Value> last_key;  // keyset paging: the last key read
  for (size_t offset = 0;; offset += kReadBatch) {
    std::vector<Value> params;
    std::string query = select;
    if (keyset && last_key) {
      query += " WHERE " + Quote(t.primary_key[0]) + " > ?";
      params.push_back(*last_key);
    }
    query += order;
    if (!keyset) query += " OFFSET " + std::to_string(offset);
    ASSIGN_OR_RETURN(auto rows, c.Query(query, params));
    if (rows.empty()) return Status::Ok();
    // Bound as text: both engines compare it with the key column's own type.
    if (keyset) last_key = Value(rows.back().Text(key_index));
    size_t n = rows.size();
    RETURN_IF_ERROR(sink(rows));
    if (n < kReadBatch) return Status::Ok();
  }
}

// Orders the rows of a self-referencing table so that every row follows the row it points to.
Result<std::vector<Row>> ParentsFirst(const TableInfo& t, std::vector<Row> rows) {
  auto index_of = [&](const std::string& col) {
    return static_cast<size_t>(std::find(t.columns.begin(), t.columns.end(), col) - t.columns.begin());
  };
  size_t key = index_of(t.primary_key[0]), parent = index_of(t.self_reference);
  std::set<std::string> placed;
  std::vector<Row> out;
  out.reserve(rows.size());
  while (!rows.empty()) {
    std::vector<Row> waiting;
    for (auto& r : rows) {
      if (r.IsNull(parent) || placed.count(r.Text(parent))) {
        placed.insert(r.Text(key));
        out.push_back(std::move(r));
      } else {
        waiting.push_back(std::move(r));
      }
    }
    if (waiting.size() == rows.size()) return FailedPrecondition("rows of " + t.name + " point to missing parents");
    rows = std::move(waiting);
  }
  return out;
}

Status InsertRows(Connection& c, const TableInfo& t, const std::vector<Row>& rows) {
  std::string head = "INSERT INTO " + Quote(t.name) + " (" + JoinQuoted(t.columns) + ") VALUES ";
  std::string tuple = "(";
  for (size_t i = 0; i < t.columns.size(); ++i) tuple += i ? ", ?" : "?";
  tuple += ")";
  for (size_t start = 0; start < rows.size(); start += kInsertRows) {
    size_t end = std::min(rows.size(), start + kInsertRows);
    std::string statement = head;
    std::vector<Value> params;
    params.reserve((end - start) * t.columns.size());
    for (size_t r = start; r < end; ++r) {
      statement += r == start ? tuple : ", " + tuple;
      for (size_t col = 0; col < t.columns.size(); ++col) {
        if (rows[r].IsNull(col)) params.emplace_back(nullptr);
        else if (rows[r].IsBlob(col)) params.emplace_back(rows[r].At(col));  // bytes stay bytes
        else params.emplace_back(rows[r].Text(col));
      }
    }
    RETURN_IF_ERROR(c.Exec(statement, params).status());
  }
  return Status::Ok();
}

// Moves PostgreSQL identity sequences past the ids just copied in.
Status AdvanceIdentities(Connection& c, const TableInfo& t) {
  ASSIGN_OR_RETURN(auto identity, Column0(c, "SELECT column_name FROM information_schema.columns WHERE table_schema = "
                                             "current_schema() AND table_name = ? AND is_identity = 'YES'",
                                          {t.name}));
  for (const auto& col : identity) {
    RETURN_IF_ERROR(c.Query("SELECT setval(pg_get_serial_sequence(?, ?), m) FROM (SELECT MAX(" + Quote(col) +
                                ") AS m FROM " + Quote(t.name) + ") AS last WHERE m IS NOT NULL",
                            {Quote(t.name), col})
                        .status());
  }
  return Status::Ok();
}

}  // namespace

Result<std::vector<TableCopy>> CopyDatabase(sql::Database& from, sql::Database& to) {
  RETURN_IF_ERROR(CheckSchema(from));
  ASSIGN_OR_RETURN(auto source_version, ReadSchemaVersions(from));
  ASSIGN_OR_RETURN(auto target_version, ReadSchemaVersions(to));
  if (target_version.database != source_version.database) {
    return FailedPrecondition("the target's schema (version " + std::to_string(target_version.database) +
                              ") differs from the source's (version " + std::to_string(source_version.database) +
                              "); migrate both first");
  }
  std::vector<TableCopy> report;
  Status st = from.Run(sql::TxMode::kRead, [&](Connection& src) -> Status {
    ASSIGN_OR_RETURN(auto tables, ReadCatalogue(src));
    ASSIGN_OR_RETURN(auto order, CopyOrder(tables));
    return to.Run(sql::TxMode::kWrite, [&](Connection& dst) -> Status {
      ASSIGN_OR_RETURN(auto target_tables, ReadCatalogue(dst));
      for (const auto& [name, t] : tables) {
        auto it = target_tables.find(name);
        std::set<std::string> a(t.columns.begin(), t.columns.end());
        if (it == target_tables.end() || a != std::set<std::string>(it->second.columns.begin(), it->second.columns.end())) {
          return FailedPrecondition("table " + name + " differs between source and target");
        }
      }
      if (target_tables.size() != tables.size()) return FailedPrecondition("the target has tables the source lacks");
      ASSIGN_OR_RETURN(auto used, dst.QueryInt("SELECT COUNT(*) FROM settings"));
      if (used.value_or(0) > 0) {
        return FailedPrecondition("the target already holds a lianzhang database; copy only into a new, empty one");
      }
      // Only migration seed rows can be there: replace them, children first.
      for (auto t = order.rbegin(); t != order.rend(); ++t) {
        RETURN_IF_ERROR(dst.Exec("DELETE FROM " + Quote((*t)->name)).status());
      }
      for (const TableInfo* t : order) {
        TableCopy copied{t->name, 0};
        std::vector<Row> self_referencing;
        RETURN_IF_ERROR(ForEachBatch(src, *t, [&](std::vector<Row>& rows) -> Status {
          copied.rows += static_cast<int64_t>(rows.size());
          if (!t->self_reference.empty()) {
            for (auto& r : rows) self_referencing.push_back(std::move(r));
            return Status::Ok();
          }
          return InsertRows(dst, *t, rows);
        }));
        if (!t->self_reference.empty()) {
          ASSIGN_OR_RETURN(auto ordered, ParentsFirst(*t, std::move(self_referencing)));
          RETURN_IF_ERROR(InsertRows(dst, *t, ordered));
        }
        ASSIGN_OR_RETURN(auto count, dst.QueryInt("SELECT COUNT(*) FROM " + Quote(t->name)));
        if (count.value_or(0) != copied.rows) {
          return Internal("table " + t->name + ": copied " + std::to_string(copied.rows) + " rows but the target holds " +
                          std::to_string(count.value_or(0)));
        }
        if (dst.dialect() == Dialect::kPostgres) RETURN_IF_ERROR(AdvanceIdentities(dst, *t));
        report.push_back(std::move(copied));
      }
      return Status::Ok();
    });
  });
  if (!st.ok()) return st;
  return report;
}

}  // namespace lz::storage
