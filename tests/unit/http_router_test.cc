// Tests of Router: literal-over-parameter precedence, 405 detection, trailing slashes, HEAD
// falling back to GET, and percent-decoded parameters.
#include "http/router.h"

#include <gtest/gtest.h>

namespace lz::http {
namespace {

Route Make(Method method, std::string path_template, std::string operation_id) {
  return Route{method, std::move(path_template), std::move(operation_id), Access::kAuthenticated, nullptr};
}

class RouterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // Registration order puts the parameter route first: precedence must not depend on it.
    router_.Add(Make(Method::kGet, "/api/units/{id}", "getUnit"));
    router_.Add(Make(Method::kGet, "/api/units/export", "exportUnits"));
    router_.Add(Make(Method::kGet, "/api/units", "listUnits"));
    router_.Add(Make(Method::kPost, "/api/units", "createUnit"));
    router_.Add(Make(Method::kDelete, "/api/units/{id}", "deleteUnit"));
    router_.Add(Make(Method::kGet, "/api/chains/{chain_id}/segments/{segment_id}", "getSegment"));
    router_.Add(Make(Method::kGet, "/api/chains/{chain_id}/segments/stats", "segmentStats"));
    router_.Add(Make(Method::kGet, "/", "index"));
  }
  Router router_;
};

std::string OperationOf(const Router::Match& m) { return m.route == nullptr ? "" : m.route->operation_id; }

TEST_F(RouterTest, LiteralBeatsParameter) {
  EXPECT_EQ(OperationOf(router_.Find(Method::kGet, "/api/units/export")), "exportUnits");
  auto m = router_.Find(Method::kGet, "/api/units/42");
  EXPECT_EQ(OperationOf(m), "getUnit");
  EXPECT_EQ(m.params.at("id"), "42");
  EXPECT_EQ(OperationOf(router_.Find(Method::kGet, "/api/chains/7/segments/stats")), "segmentStats");
  m = router_.Find(Method::kGet, "/api/chains/7/segments/9");
  EXPECT_EQ(OperationOf(m), "getSegment");
  EXPECT_EQ(m.params.at("chain_id"), "7");
  EXPECT_EQ(m.params.at("segment_id"), "9");
  EXPECT_EQ(OperationOf(router_.Find(Method::kGet, "/")), "index");
}

TEST(RouterSuffix, SuffixedParametersSitBetweenLiteralsAndBareParameters) {
  Router router;
  router.Add(Make(Method::kGet, "/v2/services/{anything}", "bare"));
  router.Add(Make(Method::kGet, "/v2/services/{code}.json", "json"));
  router.Add(Make(Method::kGet, "/v2/services/{code}.xml", "xml"));
  router.Add(Make(Method::kGet, "/v2/services/all.json", "literal"));
  auto m = router.Find(Method::kGet, "/v2/services/0203.json");
  EXPECT_EQ(OperationOf(m), "json");
  EXPECT_EQ(m.params.at("code"), "0203");
  m = router.Find(Method::kGet, "/v2/services/a%2Eb.xml");
  EXPECT_EQ(OperationOf(m), "xml");
  EXPECT_EQ(m.params.at("code"), "a.b");
  EXPECT_EQ(OperationOf(router.Find(Method::kGet, "/v2/services/all.json")), "literal");
  // Nothing before the suffix, or another suffix: the bare parameter takes it.
  m = router.Find(Method::kGet, "/v2/services/.json");
  EXPECT_EQ(OperationOf(m), "bare");
  EXPECT_EQ(m.params.at("anything"), ".json");
  EXPECT_EQ(OperationOf(router.Find(Method::kGet, "/v2/services/0203.csv")), "bare");
}

TEST_F(RouterTest, MethodSelectsRoute) {
  EXPECT_EQ(OperationOf(router_.Find(Method::kGet, "/api/units")), "listUnits");
  EXPECT_EQ(OperationOf(router_.Find(Method::kPost, "/api/units")), "createUnit");
  EXPECT_EQ(OperationOf(router_.Find(Method::kDelete, "/api/units/3")), "deleteUnit");
}

TEST_F(RouterTest, OtherMethodMeans405) {
  auto m = router_.Find(Method::kPut, "/api/units");
  EXPECT_EQ(m.route, nullptr);
  EXPECT_TRUE(m.path_matched_other_method);
  m = router_.Find(Method::kPost, "/api/units/export");
  EXPECT_EQ(m.route, nullptr);
  EXPECT_TRUE(m.path_matched_other_method);
  m = router_.Find(Method::kGet, "/api/nothing");
  EXPECT_EQ(m.route, nullptr);
  EXPECT_FALSE(m.path_matched_other_method);
}

TEST_F(RouterTest, TrailingSlashAndEmptySegmentsDoNotMatch) {
  auto m = router_.Find(Method::kGet, "/api/units/");
  EXPECT_EQ(m.route, nullptr);  // "{id}" needs a non-empty segment, "/api/units" has no trailing one
  EXPECT_FALSE(m.path_matched_other_method);
  EXPECT_EQ(router_.Find(Method::kGet, "/api//units").route, nullptr);
  EXPECT_EQ(router_.Find(Method::kGet, "/api/units/1/extra").route, nullptr);
  EXPECT_EQ(router_.Find(Method::kGet, "api/units").route, nullptr);
  EXPECT_EQ(router_.Find(Method::kGet, "").route, nullptr);
}

TEST_F(RouterTest, ParametersAreDecoded) {
  auto m = router_.Find(Method::kGet, "/api/units/%E5%8D%97%E6%98%8C");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.params.at("id"), "南昌");
  m = router_.Find(Method::kGet, "/api/units/a%2Fb");  // an encoded slash stays inside the segment
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.params.at("id"), "a/b");
  m = router_.Find(Method::kGet, "/api/units/100%");  // malformed escape kept as is
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.params.at("id"), "100%");
  EXPECT_EQ(OperationOf(router_.Find(Method::kGet, "/api/units/%65xport")), "exportUnits");
}

TEST_F(RouterTest, HeadFallsBackToGet) {
  auto m = router_.Find(Method::kHead, "/api/units/5");
  EXPECT_EQ(OperationOf(m), "getUnit");
  EXPECT_EQ(m.params.at("id"), "5");
  router_.Add(Make(Method::kHead, "/api/units/{id}", "headUnit"));
  EXPECT_EQ(OperationOf(router_.Find(Method::kHead, "/api/units/5")), "headUnit");
}

}  // namespace
}  // namespace lz::http
