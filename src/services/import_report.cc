// RowErrorOf: a domain check's failure as an import report line with its column.
#include "services/import_report.h"

namespace lz::services {

ImportRowError RowErrorOf(const io::ParseReport& parsed, const io::TableSpec& spec, uint32_t row,
                          const Status& check) {
  ImportRowError e;
  e.row = row;
  e.message = check.message();
  if (check.field().empty()) return e;
  if (const io::FileColumn* c = parsed.Column(check.field())) {
    e.column = c->column;
    e.header = c->header;
    return e;
  }
  for (const auto& c : spec.columns) {
    if (c.key == check.field()) e.header = c.zh;
  }
  return e;
}

}  // namespace lz::services
