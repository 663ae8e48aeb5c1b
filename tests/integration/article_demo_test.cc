// Issue 6 point 8: the demo drives the article's casework through the services over simulated time,
// and every figure `lianzhang report article` prints equals the article's. Also checks that the
// figures come from real histories (a finding settled on the spot by its team, a complaint with
// its callback), and the comparison rules of ArticleFigureMatches.
#include <gtest/gtest.h>

#include <set>

#include "common/china_time.h"
#include "integration/harness.h"
#include "services/article_figures.h"
#include "services/demo.h"
#include "services/demo_article.h"

namespace lz::testing {
namespace {

constexpr TimeMs kOrganisationDay = 1672707600000;  // 2023-01-03 09:00 China Standard Time

TEST(ArticleFigureMatches, ComparesAsTheArticlePrints) {
  EXPECT_TRUE(services::ArticleFigureMatches("1,230", "1,230"));
  EXPECT_TRUE(services::ArticleFigureMatches("3,600", "3600"));
  EXPECT_FALSE(services::ArticleFigureMatches("317", "316"));
  EXPECT_TRUE(services::ArticleFigureMatches("600+", "612"));
  EXPECT_TRUE(services::ArticleFigureMatches("600+", "600"));
  EXPECT_FALSE(services::ArticleFigureMatches("600+", "599"));
  EXPECT_TRUE(services::ArticleFigureMatches("98%", "98%"));
  EXPECT_FALSE(services::ArticleFigureMatches("98%", "97%"));
  EXPECT_FALSE(services::ArticleFigureMatches("98%", "—"));
  EXPECT_FALSE(services::ArticleFigureMatches("12", ""));
  EXPECT_EQ(services::WithThousands(3715), "3,715");
  EXPECT_EQ(services::WithThousands(1230), "1,230");
  EXPECT_EQ(services::WithThousands(600), "600");
  EXPECT_EQ(services::WithThousands(0), "0");
}

// One test (CTest runs each in its own process): the demo drives some 2,300 cases through their
// lifecycles, which is built once per backend.
TEST(ArticleDemo, EveryFigureEqualsTheArticlesAndComesFromTheWorkflow) {
  TestServer server;
  const services::Actor system = services::Actor::System("test");
  server.clock().Set(kOrganisationDay);
  auto organisation = services::BuildDemo(server.platform());
  ASSERT_TRUE(organisation.ok()) << organisation.status().ToString();
  auto casework = services::BuildArticleDemo(server.platform(), server.clock());
  ASSERT_TRUE(casework.ok()) << casework.status().ToString();

  auto figures = services::ComputeArticleFigures(server.platform(), system);
  ASSERT_TRUE(figures.ok()) << figures.status().ToString();
  std::set<std::string> keys;
  for (const auto& f : *figures) {
    keys.insert(f.key);
    EXPECT_TRUE(f.matches) << f.key << " (" << f.label << "): the article says " << f.article << ", computed "
                           << f.computed;
  }
  for (const char* key : {"dingnan.teams", "dingnan.patrol_findings", "dingnan.on_the_spot", "dingnan.complaints",
                          "dingnan.complaints_solved", "dingnan.satisfaction", "chengkaiyuan.buildings",
                          "chengkaiyuan.residents", "chengkaiyuan.dangerous_trees", "nanchang.wishes",
                          "nanchang.township_stations", "nanchang.county_stations", "nanchang.wishes_fulfilled",
                          "nanchang.fulfilled_by_deadline", "jian.problems_solved", "jian.testing_centres", "jian.workers_recruited", "jian.advisory_committees", "jian.biomedicine_academicians", "jian.events_2022", "jian.signed_projects_2022", "jian.signed_amount_2022", "jian.bay_area_years", "jian.batch_start_projects", "jian.batch_start_amount", "jian.policies", "jian.overall_plans", "jian.mechanisms",
                          "nanchangxian.liaison_officers", "nanchangxian.monitoring_points", "nanchangxian.supervisors",
                          "nanchangxian.enterprises_served"}) {
    EXPECT_EQ(keys.count(key), 1u) << key;
  }
  // Built once: a second run is refused and adds nothing.
  EXPECT_EQ(services::BuildArticleDemo(server.platform(), server.clock()).status().code(),
            StatusCode::kFailedPrecondition);
  auto again = services::ComputeArticleFigures(server.platform(), system);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ((*again)[1].computed, "317");

  EXPECT_GT(casework->actions, casework->cases) << "every case went through actions after it was registered";
  // A patrol finding: filed by a team member in March or April 2023.
  storage::CaseQuery patrol;
  patrol.channel = "patrol";
  patrol.region_code = "360728";
  patrol.states = {casework::CaseState::kClosed};
  patrol.page.page_size = 1;
  auto found = server.platform().cases().List(system, patrol);
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->page.total, 317);
  ASSERT_FALSE(found->page.items.empty());
  auto finding = server.platform().cases().Get(system, found->page.items[0].id);
  ASSERT_TRUE(finding.ok());
  ASSERT_GE(finding->events.size(), 2u);
  EXPECT_EQ(finding->events[0].type, casework::EventType::kCreate);
  EXPECT_EQ(finding->events[0].actor_user_id, finding->c.facts.reporter_user_id.value_or(-1));
  const auto day = DateOfDayNumber(ChinaDayOf(finding->c.created_at));
  EXPECT_EQ(day.year(), std::chrono::year{2023});
  EXPECT_TRUE(day.month() == std::chrono::March || day.month() == std::chrono::April) << "found in March or April 2023";

  // A complaint: accepted, dispatched to a community team, signed, replied and called back.
  storage::CaseQuery complaints;
  complaints.channel = "complaint";
  complaints.region_code = "360728";
  complaints.page.page_size = 100;
  auto listed = server.platform().cases().List(system, complaints);
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->page.total, 45);
  int rated = 0;
  for (const auto& c : listed->page.items) {
    auto detail = server.platform().cases().Get(system, c.id);
    ASSERT_TRUE(detail.ok());
    std::set<casework::EventType> types;
    for (const auto& e : detail->events) types.insert(e.type);
    EXPECT_TRUE(types.count(casework::EventType::kDispatch) && types.count(casework::EventType::kSign) &&
                types.count(casework::EventType::kReply) && types.count(casework::EventType::kCallback))
        << c.number;
    if (detail->c.rating) ++rated;
  }
  EXPECT_EQ(rated, 45);
}

}  // namespace
}  // namespace lz::testing
