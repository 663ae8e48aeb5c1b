// The article's figures computed by the platform (article_figures.h).
#include "services/article_figures.h"

#include <cstdlib>
#include <optional>

namespace lz::services {
namespace {

using engines::kpi::Counter;
using engines::kpi::Rate;

// The article's year and the months around it: every case of the demo is accepted in 2023.
constexpr const char* kFrom = "2023-01-01";
constexpr const char* kTo = "2023-12-31";

// "1,230" → 1230; nullopt when not an integer with optional separators.
std::optional<int64_t> ParseGrouped(std::string_view s) {
  if (s.empty()) return std::nullopt;
  int64_t n = 0;
  for (char ch : s) {
    if (ch == ',') continue;
    if (ch < '0' || ch > '9') return std::nullopt;
    n = n * 10 + (ch - '0');
  }
  return n;
}

class FigureReader {
 public:
  FigureReader(Platform& p, const Actor& actor) : p_(p), actor_(actor) {}

  // The KPI figures of the cases of `channel` (and category, when given) in `region` and below.
  Result<engines::kpi::Figures> Kpi(const std::string& channel, const std::string& region,
                                    const std::string& category = "") {
    KpiRequest request;
    request.from = kFrom;
    request.to = kTo;
    request.channel = channel;
    request.region_code = region;
    request.category_code = category;
    ASSIGN_OR_RETURN(auto report, p_.kpi().Report(actor_, request));
    return report.total;
  }

  // Units of a kind in a region and below.
  Result<int64_t> Units(org::UnitKind kind, const std::string& region) {
    UnitFilter filter{"", kind, region, {}, {1, 1}};
    ASSIGN_OR_RETURN(auto page, p_.org().ListUnits(actor_, filter));
    return page.total;
  }

  Result<casework::MeetingSchedule> Schedule(const std::string& community_name) {
    ASSIGN_OR_RETURN(auto page, p_.org().ListUnits(actor_, UnitFilter{community_name, {}, "", {}, {1, 100}}));
    for (const auto& u : page.items) {
      if (u.name == community_name) return p_.meetings().Schedule(actor_, u.id);
    }
    return casework::MeetingSchedule{};
  }

 private:
  Platform& p_;
  const Actor& actor_;
};

ArticleFigure Count(std::string key, std::string label, std::string article, int64_t computed) {
  ArticleFigure f{std::move(key), std::move(label), std::move(article), WithThousands(computed), false};
  f.matches = ArticleFigureMatches(f.article, f.computed);
  return f;
}

// A rate printed as a whole percentage, rounded half up ("—" when nothing was rated).
ArticleFigure Percent(std::string key, std::string label, std::string article, const engines::kpi::Figures& figures,
                      Rate rate) {
  auto hundredths = engines::kpi::PercentHundredths(engines::kpi::RateOf(figures, rate));
  std::string computed = hundredths ? std::to_string((*hundredths + 50) / 100) + "%" : "—";
  ArticleFigure f{std::move(key), std::move(label), std::move(article), std::move(computed), false};
  f.matches = ArticleFigureMatches(f.article, f.computed);
  return f;
}

}  // namespace

std::string WithThousands(int64_t n) {
  std::string digits = std::to_string(n < 0 ? -n : n);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return n < 0 ? "-" + out : out;
}

bool ArticleFigureMatches(const std::string& article, const std::string& computed) {
  if (article.size() > 1 && article.back() == '%') {
    return computed.size() > 1 && computed.back() == '%' &&
           ParseGrouped(std::string_view(article).substr(0, article.size() - 1)) ==
               ParseGrouped(std::string_view(computed).substr(0, computed.size() - 1)) &&
           ParseGrouped(std::string_view(computed).substr(0, computed.size() - 1)).has_value();
  }
  auto value = ParseGrouped(computed);
  if (!value) return false;
  if (article.size() > 1 && article.back() == '+') {
    auto floor = ParseGrouped(std::string_view(article).substr(0, article.size() - 1));
    return floor && *value >= *floor;
  }
  auto expected = ParseGrouped(article);
  return expected && *value == *expected;
}

Result<std::vector<ArticleFigure>> ComputeArticleFigures(Platform& platform, const Actor& actor) {
  FigureReader read(platform, actor);
  std::vector<ArticleFigure> out;

  // 定南县: 城管进社区.
  ASSIGN_OR_RETURN(int64_t teams, read.Units(org::UnitKind::kCommunityTeam, "360728"));
  out.push_back(Count("dingnan.teams", "定南县城管进社区工作组", "12", teams));
  ASSIGN_OR_RETURN(auto patrol, read.Kpi("patrol", "360728"));
  out.push_back(Count("dingnan.patrol_findings", "定南县巡查发现问题", "317", patrol[Counter::kFindings]));
  out.push_back(Count("dingnan.on_the_spot", "定南县现场解决问题", "261", patrol[Counter::kOnTheSpot]));
  ASSIGN_OR_RETURN(auto complaints, read.Kpi("complaint", "360728"));
  out.push_back(Count("dingnan.complaints", "定南县受理群众投诉", "45", complaints[Counter::kReceived]));
  out.push_back(Count("dingnan.complaints_solved", "定南县投诉解决", "44", complaints[Counter::kResolved]));
  out.push_back(Percent("dingnan.satisfaction", "定南县投诉群众满意率", "98%", complaints, Rate::kSatisfaction));

  // 南昌市: 微心愿 (the stations that recorded wishes: township stations are on 9-digit regions,
  // county stations on 6-digit ones).
  ASSIGN_OR_RETURN(auto wishes, read.Kpi("micro_wish", "3601"));
  out.push_back(Count("nanchang.wishes", "南昌市社工站收集微心愿", "1,230", wishes[Counter::kReceived]));
  ASSIGN_OR_RETURN(auto stations, platform.wishes().Figures(actor, std::nullopt, "3601"));
  int64_t township_stations = 0, county_stations = 0;
  for (const auto& st : stations.stations) {
    if (st.counts.recorded == 0) continue;
    if (st.region_code.size() == 9) ++township_stations;
    if (st.region_code.size() == 6) ++county_stations;
  }
  out.push_back(Count("nanchang.township_stations", "收集心愿的乡镇（街道）社工站", "124", township_stations));
  out.push_back(Count("nanchang.county_stations", "收集心愿的县级社工站", "9", county_stations));
  out.push_back(Count("nanchang.wishes_fulfilled", "微心愿全部实现", "1,230", wishes[Counter::kResolved]));
  out.push_back(Count("nanchang.fulfilled_by_deadline", "6月5日活动截止前送达", "1,230", stations.total.delivered_on_time));

  // 吉安市: 特派员驻企帮扶 (the problems the commissioners carried, solved: closed as resolved).
  ASSIGN_OR_RETURN(auto commissioned, read.Kpi("commissioner", "3608"));
  out.push_back(Count("jian.problems_solved", "吉安市特派员协调解决企业问题", "600+", commissioned[Counter::kResolved]));
  ASSIGN_OR_RETURN(int64_t centres, read.Units(org::UnitKind::kTestingCentre, "3608"));
  out.push_back(Count("jian.testing_centres", "吉安市为企业新建电子信息检测中心", "1", centres));

  // 南昌县: 营商环境联络、监测、监督.
  storage::FieldFigureQuery field_query;
  field_query.region_code = "360121";
  field_query.period = {kFrom, kTo};
  ASSIGN_OR_RETURN(auto field, platform.field().Figures(actor, field_query));
  out.push_back(Count("nanchangxian.liaison_officers", "南昌县营商环境联络员", "14", field.liaison_officers));
  out.push_back(Count("nanchangxian.monitoring_points", "南昌县营商环境监测点", "50", field.monitoring_points));
  out.push_back(Count("nanchangxian.supervisors", "南昌县营商环境监督员", "100", field.supervisors));
  out.push_back(Count("nanchangxian.enterprises_served", "南昌县服务企业", "136", field.enterprises_served));

  // 城开苑社区: 楼栋会.
  ASSIGN_OR_RETURN(auto schedule, read.Schedule("城开苑社区居委会"));
  out.push_back(Count("chengkaiyuan.buildings", "城开苑社区楼栋会覆盖楼栋", "56", schedule.buildings));
  out.push_back(Count("chengkaiyuan.residents", "城开苑社区楼栋会覆盖居民", "3,600", schedule.residents));
  ASSIGN_OR_RETURN(auto trees, read.Kpi("building_meeting", "360112005002", "0206"));
  out.push_back(Count("chengkaiyuan.dangerous_trees", "城开苑社区楼栋会议结清除危树", "3", trees[Counter::kClosed]));

  return out;
}

}  // namespace lz::services
