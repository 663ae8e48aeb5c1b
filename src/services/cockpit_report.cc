// The monthly report: one list of indicators, rendered as xlsx columns and as HTML sections.
#include "services/cockpit_report.h"

#include <cstdio>
#include <functional>
#include <optional>
#include <vector>

#include "io/table.h"

namespace lz::services {
namespace {

namespace kpi = engines::kpi;
using investment::Stage;

// How an indicator's integer is shown: a count, 万元 in hundredths, or a percentage in hundredths.
enum class Kind { kCount, kWan, kPercent };

struct Indicator {
  const char* key;
  const char* zh;
  const char* en;
  Kind kind;
  // The value from the month's and the year-to-date figures; nullopt when undefined (a rate
  // without a denominator).
  std::function<std::optional<int64_t>(const CockpitFigures& month, const CockpitFigures& year)> value;
};

// Yuan as 万元 hundredths (1 unit = 100 yuan), rounded half up.
int64_t Wan(int64_t yuan) { return yuan / 100 + (yuan % 100 >= 50 ? 1 : 0); }

std::optional<int64_t> Percent(int64_t numerator, int64_t denominator) {
  if (denominator <= 0) return std::nullopt;
  // Hundredths of a percent, rounded half up; in 128 bits so that amounts cannot overflow.
  const __int128 scaled = static_cast<__int128>(numerator) * 10000 * 2 / denominator;
  return static_cast<int64_t>((scaled + 1) / 2);
}

std::optional<int64_t> Rate(const kpi::Figures& f, kpi::Rate rate) { return kpi::PercentHundredths(kpi::RateOf(f, rate)); }

int64_t StageCount(const CockpitFigures& f, Stage s) { return f.projects.by_stage[static_cast<size_t>(s)].count; }

const std::vector<Indicator>& Indicators() {
  using F = const CockpitFigures&;
  static const std::vector<Indicator> list = {
      {"segments", "环节数", "Segments", Kind::kCount, [](F, F y) { return y.health.segment_count; }},
      {"breakpoints", "断点环节", "Breakpoints", Kind::kCount, [](F, F y) { return y.health.breakpoint_count; }},
      {"leaks", "漏点环节", "Leaks", Kind::kCount, [](F, F y) { return y.health.leak_count; }},
      {"completeness", "链条完整度(%)", "Completeness (%)", Kind::kPercent,
       [](F, F y) { return Percent(y.health.covered_count, y.health.segment_count); }},
      {"local_enterprises", "本地企业数", "Local enterprises", Kind::kCount,
       [](F, F y) { return y.health.local_enterprise_count; }},
      {"local_revenue", "本地企业营收(万元)", "Local revenue (10k yuan)", Kind::kWan,
       [](F, F y) { return Wan(y.health.local_revenue); }},
      {"leads", "线索及洽谈项目", "Leads and talks", Kind::kCount,
       [](F, F y) { return StageCount(y, Stage::kLead) + StageCount(y, Stage::kNegotiating); }},
      {"signed_stage", "签约未开工项目", "Signed, not started", Kind::kCount, [](F, F y) { return StageCount(y, Stage::kSigned); }},
      {"started", "开工项目", "Started", Kind::kCount, [](F, F y) { return StageCount(y, Stage::kStarted); }},
      {"funded", "到资项目", "Funded", Kind::kCount, [](F, F y) { return StageCount(y, Stage::kFunded); }},
      {"producing", "投产项目", "Producing", Kind::kCount, [](F, F y) { return StageCount(y, Stage::kProducing); }},
      {"month_signed", "本月签约项目", "Signed this month", Kind::kCount, [](F m, F) { return m.projects.signed_count; }},
      {"month_signed_amount", "本月签约额(万元)", "Signed this month (10k yuan)", Kind::kWan,
       [](F m, F) { return Wan(m.projects.signed_amount); }},
      {"year_signed", "年累计签约项目", "Signed this year", Kind::kCount, [](F, F y) { return y.projects.signed_count; }},
      {"year_signed_amount", "年累计签约额(万元)", "Signed this year (10k yuan)", Kind::kWan,
       [](F, F y) { return Wan(y.projects.signed_amount); }},
      {"signing_target", "年度签约目标(万元)", "Signing target (10k yuan)", Kind::kWan,
       [](F, F y) -> std::optional<int64_t> {
         if (y.projects.signing_target == 0) return std::nullopt;
         return Wan(y.projects.signing_target);
       }},
      {"target_rate", "目标完成率(%)", "Of target (%)", Kind::kPercent,
       [](F, F y) { return Percent(y.projects.signed_amount, y.projects.signing_target); }},
      {"month_events", "本月推介会", "Events this month", Kind::kCount, [](F m, F) { return m.events.count; }},
      {"year_events", "年累计推介会", "Events this year", Kind::kCount, [](F, F y) { return y.events.count; }},
      {"month_received", "本月受理企业诉求", "Cases received this month", Kind::kCount,
       [](F m, F) { return m.cases[kpi::Counter::kReceived]; }},
      {"month_closed", "本月受理已办结", "Of them closed", Kind::kCount, [](F m, F) { return m.cases[kpi::Counter::kClosed]; }},
      {"month_on_time", "按时办结率(%)", "Closed on time (%)", Kind::kPercent,
       [](F m, F) { return Rate(m.cases, kpi::Rate::kCompletionOnTime); }},
      {"month_satisfaction", "满意率(%)", "Satisfaction (%)", Kind::kPercent,
       [](F m, F) { return Rate(m.cases, kpi::Rate::kSatisfaction); }},
      {"year_received", "年累计受理企业诉求", "Cases received this year", Kind::kCount,
       [](F, F y) { return y.cases[kpi::Counter::kReceived]; }},
      {"overdue", "当前超期诉求", "Overdue now", Kind::kCount, [](F, F y) { return y.cases.overdue; }},
      {"tasks_open", "在办工作要点", "Open tasks", Kind::kCount, [](F, F y) { return y.tasks.open; }},
      {"tasks_overdue", "逾期工作要点", "Overdue tasks", Kind::kCount, [](F, F y) { return y.tasks.overdue; }},
  };
  return list;
}

std::string Title(const CockpitReport& r) {
  std::string chain;
  if (r.year_view.chains.size() == 1) chain = r.year_view.chains[0].name;
  return (r.region_name.empty() ? std::string() : r.region_name) + (chain.empty() ? "产业链链长制" : chain + "产业链") +
         "月报（" + std::to_string(r.year) + "年" + std::to_string(r.month) + "月）";
}

// "1,234,567" or "12,345.67" for a value in hundredths.
std::string Grouped(int64_t v, bool hundredths) {
  const bool negative = v < 0;
  uint64_t u = negative ? 0 - static_cast<uint64_t>(v) : static_cast<uint64_t>(v);
  std::string fraction;
  if (hundredths) {
    char buf[8];
    std::snprintf(buf, sizeof buf, ".%02u", static_cast<unsigned>(u % 100));
    fraction = buf;
    u /= 100;
  }
  std::string digits = std::to_string(u);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return (negative ? "-" : "") + out + fraction;
}

std::string Shown(const Indicator& ind, std::optional<int64_t> v) {
  if (!v) return "—";
  return Grouped(*v, ind.kind != Kind::kCount);
}

std::string Escape(std::string_view text) {
  std::string out;
  for (char ch : text) {
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out.push_back(ch);
    }
  }
  return out;
}

// The chains of both views side by side (the same chains: one scope, one chain filter), then the city.
struct Line {
  std::string name;
  const CockpitFigures* month;
  const CockpitFigures* year;
};

std::vector<Line> Lines(const CockpitReport& r) {
  std::vector<Line> out;
  for (size_t i = 0; i < r.year_view.chains.size() && i < r.month_view.chains.size(); ++i) {
    out.push_back({r.year_view.chains[i].name, &r.month_view.chains[i].figures, &r.year_view.chains[i].figures});
  }
  if (r.year_view.chains.size() != 1) out.push_back({"合计", &r.month_view.total, &r.year_view.total});
  return out;
}

}  // namespace

Result<SheetFile> CockpitReportSheet(const CockpitReport& report) {
  io::TableSpec spec;
  spec.name_zh = "产业链月报";
  spec.name_en = "Monthly chain report";
  spec.columns.push_back(SheetColumn("chain", "产业链", "Chain", io::ColumnType::kText));
  for (const Indicator& ind : Indicators()) {
    spec.columns.push_back(SheetColumn(ind.key, ind.zh, ind.en,
                                       ind.kind == Kind::kCount ? io::ColumnType::kInteger : io::ColumnType::kDecimal));
  }
  std::vector<io::Record> rows;
  for (const Line& line : Lines(report)) {
    io::Record rec;
    rec["chain"] = line.name;
    for (const Indicator& ind : Indicators()) {
      if (auto v = ind.value(*line.month, *line.year)) rec[ind.key] = *v;
    }
    rows.push_back(std::move(rec));
  }
  ASSIGN_OR_RETURN(auto bytes, io::Export(spec, rows, io::Format::kXlsx));
  char month[16];
  std::snprintf(month, sizeof month, "%04d-%02d", report.year, report.month);
  const std::string who = report.year_view.chains.size() == 1 ? report.year_view.chains[0].name + "产业链" : "产业链";
  return SheetFile{who + "月报_" + month + ".xlsx", std::string(kXlsxContentType), std::move(bytes)};
}

std::string CockpitReportHtml(const CockpitReport& report) {
  const std::string title = Escape(Title(report));
  std::string html =
      "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + title +
      "</title>\n<style>\n"
      "body{font-family:\"Noto Sans CJK SC\",\"Microsoft YaHei\",sans-serif;margin:24px;color:#1f2329}\n"
      "h1{font-size:22px;margin:0 0 4px}\n.meta{color:#646a73;font-size:13px;margin-bottom:16px}\n"
      "section{border:1px solid #dee0e3;border-radius:6px;padding:12px 16px;margin:0 0 14px;"
      "page-break-inside:avoid;break-inside:avoid}\n"
      "h2{font-size:16px;margin:0 0 8px}\ntable{border-collapse:collapse;width:100%;font-size:13px}\n"
      "td{padding:3px 8px;border-bottom:1px solid #f0f1f2}\ntd.v{text-align:right;font-variant-numeric:tabular-nums}\n"
      "@media print{body{margin:0}section{border-color:#999}.noprint{display:none}}\n"
      "@page{size:A4;margin:14mm}\n</style>\n</head>\n<body>\n<h1>" +
      title + "</h1>\n<div class=\"meta\">统计期：" + std::to_string(report.year) + "年" + std::to_string(report.month) +
      "月（本月）及 1—" + std::to_string(report.month) + "月（年累计）；生成日期：" + Escape(report.generated_on) +
      "；金额单位：万元</div>\n";
  for (const Line& line : Lines(report)) {
    html += "<section>\n<h2>" + Escape(line.name == "合计" ? "全市合计" : line.name) + "</h2>\n<table>\n";
    const auto& list = Indicators();
    for (size_t i = 0; i < list.size(); i += 2) {
      html += "<tr>";
      for (size_t k = i; k < i + 2; ++k) {
        if (k >= list.size()) {
          html += "<td></td><td></td>";
          continue;
        }
        html += "<td>" + Escape(list[k].zh) + "</td><td class=\"v\">" +
                Escape(Shown(list[k], list[k].value(*line.month, *line.year))) + "</td>";
      }
      html += "</tr>\n";
    }
    html += "</table>\n</section>\n";
  }
  html += "</body>\n</html>\n";
  return html;
}

}  // namespace lz::services
