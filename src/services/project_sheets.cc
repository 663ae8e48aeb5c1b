// ProjectSheetsService: the investment projects' template, export and import.
#include "services/project_sheets.h"

#include <map>

#include "common/text.h"
#include "domain/auth/permissions.h"
#include "domain/calendar/work_calendar.h"

namespace lz::services {
namespace {

namespace perm = auth::perm;
namespace inv = investment;

// "yyyy-mm-dd" as a sheet date; blank for "" (or anything else).
io::Value DateCell(const std::string& on) {
  if (auto date = calendar::ParseDate(on)) return *date;
  return std::monostate{};
}

// The create path's field names as the sheet's columns.
Status AsRowError(const Status& st) {
  if (st.ok()) return st;
  static const std::map<std::string, std::string> kColumns = {
      {"investor_id", "investor_credit_code"}, {"chain_id", "chain"}, {"segment_id", "segment"},
      {"event_id", "event"},                   {"unit_id", "unit"},
  };
  std::string field = st.field();
  if (auto it = kColumns.find(field); it != kColumns.end()) field = it->second;
  // A unit outside the scope is a bad row, not a failed import.
  const StatusCode code = st.code() == StatusCode::kNotFound ? StatusCode::kInvalidArgument : st.code();
  return Status(code, st.message(), field);
}

// The promotion event named exactly `name` (the name search matches parts of names, so every
// page of its matches is read). InvalidArgument naming "event" when none or several are so named.
Result<int64_t> EventNamed(storage::Repositories& repos, const std::string& name) {
  storage::EventQuery q;
  q.q = name;
  q.page = {1, storage::PageRequest::kMaxPageSize};
  std::vector<int64_t> exact;
  for (;; ++q.page.page) {
    ASSIGN_OR_RETURN(auto events, repos.investments().Events(q));
    for (const auto& e : events.items) {
      if (e.name == name) exact.push_back(e.id);
    }
    if (static_cast<int64_t>(events.items.size()) < q.page.page_size) break;
  }
  if (exact.empty()) return InvalidArgument("no promotion event named " + name, "event");
  if (exact.size() > 1) {
    return InvalidArgument(std::to_string(exact.size()) + " promotion events are named " + name +
                               "; rename one so the row can name it",
                           "event");
  }
  return exact.front();
}

}  // namespace

const io::TableSpec& ProjectSheetsService::Spec() {
  static const io::TableSpec spec = [] {
    io::TableSpec s;
    s.name_zh = "招商项目";
    s.name_en = "Investment projects";
    auto name = SheetColumn("name", "项目名称", "Project", io::ColumnType::kText, io::Presence::kRequired);
    name.max_chars = 100;
    auto code = SheetColumn("investor_credit_code", "投资方统一社会信用代码", "Investor credit code",
                            io::ColumnType::kText, io::Presence::kRequired);
    code.max_chars = 64;
    code.note = "须为企业库中已有的企业；请将本列设为文本格式";
    auto investor = SheetColumn("investor_name", "投资方名称", "Investor", io::ColumnType::kText);
    investor.max_chars = 200;
    investor.note = "导出时填写；导入时仅供参考，以信用代码为准";
    auto chain_col = SheetColumn("chain", "产业链", "Chain", io::ColumnType::kText, io::Presence::kRequired);
    chain_col.max_chars = 100;
    auto segment = SheetColumn("segment", "环节", "Segment", io::ColumnType::kText, io::Presence::kRequired);
    segment.max_chars = 100;
    segment.note = "该产业链下的环节名称";
    auto purpose = SheetColumn("purpose", "类型", "Purpose", io::ColumnType::kEnum, io::Presence::kRequired);
    for (inv::Purpose p : {inv::Purpose::kChainFill, inv::Purpose::kChainExtend, inv::Purpose::kChainStrengthen}) {
      purpose.options.push_back({std::string(inv::PurposeName(p)), std::string(inv::PurposeLabel(p)),
                                 std::string(inv::PurposeName(p))});
    }
    auto agreed = SheetColumn("agreed_amount", "协议投资额（元）", "Agreed amount (yuan)", io::ColumnType::kText);
    agreed.max_chars = 40;
    agreed.note = "整数元，可含千分位逗号；空白为 0";
    auto paid = SheetColumn("paid_in_amount", "实际到位（元）", "Paid in (yuan)", io::ColumnType::kText);
    paid.max_chars = 40;
    paid.note = "整数元；不得超过协议投资额";
    auto stage = SheetColumn("stage", "阶段", "Stage", io::ColumnType::kEnum, io::Presence::kRequired);
    for (inv::Stage st : inv::AllStages()) {
      stage.options.push_back({std::string(inv::StageName(st)), std::string(inv::StageLabel(st)),
                               std::string(inv::StageName(st))});
    }
    auto stage_on = SheetColumn("stage_on", "阶段日期", "Stage date", io::ColumnType::kDate);
    stage_on.note = "进入该阶段的日期，不晚于今天；空白为今天";
    auto signed_on = SheetColumn("signed_on", "签约日期", "Signed on", io::ColumnType::kDate);
    signed_on.note = "仅导出；导入时由阶段和阶段日期得出";
    auto event = SheetColumn("event", "推介会", "Promotion event", io::ColumnType::kText);
    event.max_chars = 200;
    event.note = "推介会名称，可空";
    auto unit = SheetColumn("unit", "责任单位", "Responsible unit", io::ColumnType::kText);
    unit.max_chars = 100;
    unit.note = "单位名称；空白为导入人所在单位";
    auto contact = SheetColumn("contact", "联系人", "Contact", io::ColumnType::kText);
    contact.max_chars = 100;
    auto note = SheetColumn("note", "备注", "Note", io::ColumnType::kText);
    note.max_chars = 2000;
    s.columns = {name, code, investor, chain_col, segment, purpose, agreed, paid,
                 stage, stage_on, signed_on, event, unit, contact, note};
    return s;
  }();
  return spec;
}

Result<SheetFile> ProjectSheetsService::Template(const Actor& actor, io::Format format) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kProjectRead, "project.template", "project"));
  ASSIGN_OR_RETURN(auto bytes, io::Template(Spec(), format));
  return SheetFileOf("招商项目导入模板", format, std::move(bytes));
}

Result<SheetFile> ProjectSheetsService::Export(const Actor& actor, const storage::ProjectQuery& query,
                                               io::Format format) {
  std::vector<io::Record> rows;
  RETURN_IF_ERROR(investments_.ForEachProject(actor, query, [&](const inv::Project& p) {
    io::Record r;
    r["name"] = p.name;
    r["investor_credit_code"] = p.investor_credit_code;
    r["investor_name"] = p.investor_name;
    r["chain"] = p.chain_name;
    r["segment"] = p.segment_name;
    r["purpose"] = std::string(inv::PurposeName(p.purpose));
    r["agreed_amount"] = std::to_string(p.agreed_amount);
    r["paid_in_amount"] = std::to_string(p.paid_in_amount);
    r["stage"] = std::string(inv::StageName(p.stage));
    r["stage_on"] = DateCell(p.stage_on);
    r["signed_on"] = DateCell(p.signed_on);
    r["event"] = p.event_name;
    r["unit"] = p.unit_name;
    r["contact"] = p.contact;
    r["note"] = p.note;
    rows.push_back(std::move(r));
    return Status::Ok();
  }));
  ASSIGN_OR_RETURN(auto bytes, io::Export(Spec(), rows, format));
  return SheetFileOf("招商项目", format, std::move(bytes));
}

Result<ImportReport> ProjectSheetsService::Import(const Actor& actor, std::string_view bytes, io::ImportMode mode,
                                                  const ProgressFn& progress) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kProjectWrite, "project.import", "project"));
  TimeMs now = 0;
  Refusal refusal;
  ImportSteps steps;
  steps.prepare = [&](storage::Repositories&) {
    now = clock_.NowMs();
    return Status::Ok();
  };
  steps.write = [&](storage::Repositories& repos, const io::ParsedRow& row) -> Status {
    ProjectInput in;
    in.name = std::string(row.Text("name"));
    const std::string code = text::Trim(row.Text("investor_credit_code"));
    ASSIGN_OR_RETURN(auto investor, repos.enterprises().GetByCreditCode(code));
    if (!investor) {
      return InvalidArgument("no enterprise with credit code " + code + " in the registry", "investor_credit_code");
    }
    in.investor_id = investor->id;
    const std::string chain_name = text::Trim(row.Text("chain"));
    ASSIGN_OR_RETURN(auto chain_id, repos.chains().FindByName(chain_name));
    if (!chain_id) return InvalidArgument("no chain named " + chain_name, "chain");
    in.chain_id = *chain_id;
    const std::string segment_name = text::Trim(row.Text("segment"));
    ASSIGN_OR_RETURN(auto segment_id, repos.chains().FindSegment(*chain_id, segment_name));
    if (!segment_id) return InvalidArgument("chain " + chain_name + " has no segment named " + segment_name, "segment");
    in.segment_id = *segment_id;
    in.purpose = inv::ParsePurposeOrLabel(row.Text("purpose")).value_or(inv::Purpose::kChainFill);
    const std::string agreed = text::Trim(row.Text("agreed_amount"));
    if (!agreed.empty()) {
      ASSIGN_OR_RETURN(in.agreed_amount, inv::ParseAmountText(agreed, "agreed_amount"));
    }
    const std::string paid = text::Trim(row.Text("paid_in_amount"));
    if (!paid.empty()) {
      ASSIGN_OR_RETURN(in.paid_in_amount, inv::ParseAmountText(paid, "paid_in_amount"));
    }
    in.stage = inv::ParseStageOrLabel(row.Text("stage")).value_or(inv::Stage::kLead);
    if (auto d = row.DateValue("stage_on")) in.stage_on = calendar::FormatDate(*d);
    if (const std::string event_name = text::Trim(row.Text("event")); !event_name.empty()) {
      ASSIGN_OR_RETURN(in.event_id, EventNamed(repos, event_name));
    }
    if (const std::string unit_name = text::Trim(row.Text("unit")); !unit_name.empty()) {
      ASSIGN_OR_RETURN(auto unit_id, repos.units().FindByName(unit_name));
      if (!unit_id) return InvalidArgument("no unit named " + unit_name, "unit");
      in.unit_id = *unit_id;
    }
    in.contact = std::string(row.Text("contact"));
    in.note = std::string(row.Text("note"));
    return AsRowError(investments_.CreateProjectWithin(repos, actor, in, now, refusal).status());
  };
  steps.record = [&](storage::Repositories& repos, const ImportReport& report) {
    return audit_.Record(repos, actor, "project.import", "project", "", ImportDetail(report));
  };
  auto report = RunImport(store_, bytes, Spec(), mode, progress, steps);
  // A row naming a unit outside the scope was refused: logged as a denied attempt.
  RETURN_IF_ERROR(audit_.Finish(actor, "project.import", "project", refusal, Status::Ok()));
  return report;
}

Result<JobSnapshot> ProjectSheetsService::StartImport(const Actor& actor, std::string bytes, io::ImportMode mode) {
  RETURN_IF_ERROR(audit_.Require(actor, perm::kProjectWrite, "project.import", "project"));
  return jobs_.Start<ImportReport>(
      actor, std::string(kProjectImportJob),
      [this, actor, bytes = std::move(bytes), mode](const ProgressFn& progress) -> Result<ImportReport> {
        return Import(actor, bytes, mode, progress);
      });
}

}  // namespace lz::services
