// The demo's industry chains (issue 4 item 6), read back through the services: the eight chains of
// 吉安市 with their lead and responsible units, the Mini LED sub-chain below broader electronics
// segments, the firms the article names, and data that give every analysis something to show. The
// gaps are computed here from the service reads alone (no SQL, no analysis engine): a breakpoint is
// a segment without a local member; a leak is a segment whose supply into local buyers comes mostly
// (> 50% of the volume) from non-local members.
#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <set>

#include "domain/chain/credit_code.h"
#include "harness.h"
#include "services/demo.h"
#include "services/demo_chains.h"

namespace lz::testing {
namespace {

using services::Actor;

std::string Join(const std::set<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

class DemoChains : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new TestServer();
    auto t0 = std::chrono::steady_clock::now();
    auto built = services::BuildDemo(server_->platform());
    build_seconds_ = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    ASSERT_TRUE(built.ok()) << built.status().ToString();
    summary_ = *built;
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }

  services::Platform& p() { return server_->platform(); }

  std::vector<chain::Chain> AllChains() {
    auto page = p().chains().List(actor_, storage::ChainQuery{"", "", {1, 100}});
    EXPECT_TRUE(page.ok()) << page.status().ToString();
    return page.ok() ? page->items : std::vector<chain::Chain>{};
  }

  services::ChainDetail Detail(const std::string& name) {
    for (const auto& c : AllChains()) {
      if (c.name == name) {
        auto d = p().chains().Get(actor_, c.id);
        EXPECT_TRUE(d.ok()) << d.status().ToString();
        if (d.ok()) return *d;
      }
    }
    ADD_FAILURE() << "no chain named " << name;
    return {};
  }

  // Every enterprise matching the query, across pages.
  std::vector<chain::Enterprise> Firms(storage::EnterpriseQuery q) {
    std::vector<chain::Enterprise> out;
    for (q.page = {1, 100};; ++q.page.page) {
      auto page = p().enterprises().List(actor_, q);
      EXPECT_TRUE(page.ok()) << page.status().ToString();
      if (!page.ok()) break;
      out.insert(out.end(), page->items.begin(), page->items.end());
      if (page->items.empty() || static_cast<int64_t>(out.size()) >= page->total) break;
    }
    return out;
  }

  static storage::EnterpriseQuery InSegment(int64_t segment_id) {
    storage::EnterpriseQuery q;
    q.segment_id = segment_id;
    return q;
  }

  const services::EnterpriseProfile& Profile(int64_t id) {
    auto it = profiles_.find(id);
    if (it == profiles_.end()) {
      auto got = p().enterprises().Get(actor_, id);
      EXPECT_TRUE(got.ok()) << got.status().ToString();
      it = profiles_.emplace(id, got.ok() ? *got : services::EnterpriseProfile{}).first;
    }
    return it->second;
  }

  struct Gap {
    bool breakpoint = false;
    int64_t to_local = 0;    // volume from members to local buyers
    int64_t from_outside = 0;  // of which from non-local members
    bool leak() const { return to_local > 0 && from_outside * 2 > to_local; }
  };

  // Gap figures of one segment, from the members and their profiles.
  Gap GapOf(int64_t segment_id, const std::map<int64_t, bool>& local) {
    Gap g;
    g.breakpoint = true;
    for (const auto& m : Firms(InSegment(segment_id))) {
      if (m.local) g.breakpoint = false;
      for (const auto& link : Profile(m.id).buyers) {
        if (!local.at(link.buyer_id)) continue;
        g.to_local += link.volume;
        if (!m.local) g.from_outside += link.volume;
      }
    }
    return g;
  }

  std::map<int64_t, bool> LocalById() {
    std::map<int64_t, bool> local;
    for (const auto& e : Firms({})) local[e.id] = e.local;
    return local;
  }

  static TestServer* server_;
  static services::DemoSummary summary_;
  static double build_seconds_;
  Actor actor_ = Actor::System("test");
  std::map<int64_t, services::EnterpriseProfile> profiles_;
};

TestServer* DemoChains::server_ = nullptr;
services::DemoSummary DemoChains::summary_;
double DemoChains::build_seconds_ = 0;

TEST_F(DemoChains, EightChainsWithTheirUnitsAndSegments) {
  EXPECT_EQ(summary_.chains, 8);
  std::vector<chain::Chain> chains = AllChains();
  ASSERT_EQ(chains.size(), 8u);
  std::set<int64_t> leads, responsible;
  int examples = 0, segments = 0;
  for (const auto& c : chains) {
    auto d = p().chains().Get(actor_, c.id);
    ASSERT_TRUE(d.ok());
    EXPECT_EQ(c.region_code, "3608") << c.name;
    ASSERT_TRUE(c.lead_unit_id) << c.name;
    leads.insert(*c.lead_unit_id);
    EXPECT_GE(d->responsible_units.size(), 2u) << c.name;
    EXPECT_LE(d->responsible_units.size(), 5u) << c.name;
    for (const auto& u : d->responsible_units) responsible.insert(u.id);
    EXPECT_GT(c.target_revenue, 0) << c.name;
    EXPECT_GE(c.target_year, 2023) << c.name;
    EXPECT_EQ(c.example, c.name.find("（示例）") != std::string::npos) << c.name;
    examples += c.example;
    EXPECT_GE(d->segments.size(), 6u) << c.name;
    EXPECT_LE(d->segments.size(), 15u) << c.name;
    segments += static_cast<int>(d->segments.size());
    std::set<chain::Stage> stages;
    for (const auto& s : d->segments) {
      stages.insert(s.stage);
      EXPECT_FALSE(s.industry_code.empty()) << s.name;
      EXPECT_TRUE(chain::IsIndustryCode(s.industry_code)) << s.name;
    }
    EXPECT_EQ(stages.size(), 3u) << c.name << " spans upstream, midstream and downstream";
    EXPECT_FALSE(d->links.empty()) << c.name;
  }
  EXPECT_EQ(examples, 4);
  EXPECT_EQ(leads.size(), 8u) << "8 lead departments (8个牵头市直部门)";
  EXPECT_EQ(responsible.size(), 36u) << "36 responsible departments (36个责任部门)";
  EXPECT_EQ(segments, summary_.segments);
  for (const char* name : {"电子信息产业链", "生物医药产业链", "数字经济产业链", "新型材料产业链"}) {
    EXPECT_FALSE(Detail(name).chain.example) << name << " is named by the article";
  }
  EXPECT_EQ(Detail("电子信息产业链").chain.lead_unit_name, "吉安市工业和信息化局");
}

TEST_F(DemoChains, MiniLedSubChainHangsBelowBroaderElectronicsSegments) {
  services::ChainDetail d = Detail("电子信息产业链");
  std::map<std::string, chain::Segment> by_name;
  for (const auto& s : d.segments) by_name[s.name] = s;
  for (const char* name : {"电子专用材料", "胶水", "支架", "封装载带", "芯片", "电子电路（PCB）", "电子元器件",
                           "显示器件", "Mini LED封装", "显示模组", "智能终端", "消费电子", "显示屏", "健康照明"}) {
    ASSERT_TRUE(by_name.count(name)) << name;
  }
  for (const char* upstream : {"胶水", "支架", "封装载带"}) {
    EXPECT_EQ(by_name[upstream].stage, chain::Stage::kUpstream) << upstream;
    EXPECT_EQ(by_name[upstream].parent_id, by_name["电子专用材料"].id) << upstream;
  }
  EXPECT_EQ(by_name["Mini LED封装"].stage, chain::Stage::kMidstream);
  EXPECT_EQ(by_name["Mini LED封装"].parent_id, by_name["显示器件"].id);
  EXPECT_EQ(by_name["Mini LED封装"].industry_code, "C3975");
  EXPECT_EQ(by_name["电子电路（PCB）"].industry_code, "C3982");
  EXPECT_EQ(by_name["显示屏"].stage, chain::Stage::kDownstream);
  EXPECT_EQ(by_name["健康照明"].stage, chain::Stage::kDownstream);
  std::set<std::pair<int64_t, int64_t>> links;
  for (const auto& l : d.links) links.insert({l.from_segment_id, l.to_segment_id});
  for (const char* from : {"胶水", "支架", "封装载带"}) {
    EXPECT_TRUE(links.count({by_name[from].id, by_name["Mini LED封装"].id})) << from << " → 封装";
  }
  EXPECT_TRUE(links.count({by_name["Mini LED封装"].id, by_name["显示屏"].id}));
  EXPECT_TRUE(links.count({by_name["Mini LED封装"].id, by_name["健康照明"].id}));
}

TEST_F(DemoChains, TheFirmsOfTheArticle) {
  std::vector<chain::Enterprise> all = Firms({});
  EXPECT_EQ(static_cast<int>(all.size()), summary_.enterprises);
  EXPECT_GE(all.size(), 60u);
  EXPECT_LE(all.size(), 120u);
  EXPECT_GE(summary_.links, 100);
  EXPECT_LE(summary_.links, 250);
  std::map<std::string, chain::Enterprise> by_name;
  int local = 0, luxshare_subsidiaries = 0, holitech_subsidiaries = 0, brought_to_taihe = 0;
  for (const auto& e : all) {
    by_name[e.name] = e;
    EXPECT_TRUE(chain::ValidateCreditCode(e.credit_code).ok()) << e.name << " " << e.credit_code;
    EXPECT_EQ(e.local, e.region_code.rfind("3608", 0) == 0) << e.name;
    local += e.local;
    if (e.name.rfind("立讯", 0) == 0 && e.name.find("（吉安）") != std::string::npos) ++luxshare_subsidiaries;
    if (e.name.rfind("合力泰", 0) == 0 && e.name.find("（泰和）") != std::string::npos) ++holitech_subsidiaries;
    if (e.name.rfind("泰和县", 0) == 0 && e.region_code == "360826" && e.founded >= "2019") ++brought_to_taihe;
  }
  EXPECT_GT(local, 0);
  EXPECT_LT(local, static_cast<int>(all.size()));
  const std::set<std::string> real = {"江西立讯智造有限公司", "江西合力泰科技有限公司", "红板（江西）有限公司",
                                      "木林森股份有限公司"};
  for (const auto& name : real) ASSERT_TRUE(by_name.count(name)) << name;
  for (const auto& e : all) {
    if (!real.count(e.name)) {
      EXPECT_NE(e.name.find("（示例）"), std::string::npos) << e.name << " is invented";
    }
  }
  EXPECT_EQ(luxshare_subsidiaries, 6) << "在吉安的子公司已达6家";
  EXPECT_EQ(holitech_subsidiaries, 3) << "先后设立子公司3家";
  EXPECT_EQ(brought_to_taihe, 6) << "带动上下游企业入驻6家";
  // Each of 立讯's and 合力泰's local subsidiaries trades with its group.
  int64_t lx = by_name["江西立讯智造有限公司"].id;
  EXPECT_TRUE(by_name["江西立讯智造有限公司"].local);
  EXPECT_TRUE(by_name["红板（江西）有限公司"].local);
  EXPECT_FALSE(by_name["木林森股份有限公司"].local) << "the group is registered in 中山";
  const auto& profile = Profile(lx);
  EXPECT_GE(profile.suppliers.size(), 5u);
  std::set<int64_t> on_chain;
  for (const auto& m : profile.memberships) on_chain.insert(m.chain_id);
  EXPECT_EQ(on_chain.size(), 1u);
  // Electronics revenue of the local members passes the article's 2220亿元.
  services::ChainDetail electronics = Detail("电子信息产业链");
  storage::EnterpriseQuery local_members;
  local_members.local = true;
  local_members.chain_id = electronics.chain.id;
  int64_t revenue = 0;
  for (const auto& e : Firms(local_members)) revenue += e.revenue;
  EXPECT_GT(revenue, 222'000'000'000) << "推动产业营业收入突破2220亿元";
}

TEST_F(DemoChains, BreakpointsLeaksAndCandidates) {
  std::map<int64_t, bool> local = LocalById();
  std::set<std::string> breakpoints, leaks;
  bool candidate_trades_locally = false;
  for (const auto& c : AllChains()) {
    auto d = p().chains().Get(actor_, c.id);
    ASSERT_TRUE(d.ok());
    for (const auto& s : d->segments) {
      Gap g = GapOf(s.id, local);
      std::string name = c.name + "/" + s.name;
      if (g.breakpoint) breakpoints.insert(name);
      if (g.leak()) leaks.insert(name);
      if (!g.breakpoint) continue;
      // Outside members of a breakpoint segment that already trade with local firms rank first.
      auto members = Firms(InSegment(s.id));
      EXPECT_FALSE(members.empty()) << name << " has outside candidates";
      for (const auto& m : members) {
        const auto& prof = Profile(m.id);
        for (const auto& l : prof.buyers) candidate_trades_locally |= local.at(l.buyer_id);
        for (const auto& l : prof.suppliers) candidate_trades_locally |= local.at(l.supplier_id);
      }
    }
  }
  EXPECT_TRUE(breakpoints.count("电子信息产业链/芯片")) << Join(breakpoints);
  EXPECT_TRUE(leaks.count("电子信息产业链/胶水")) << Join(leaks);
  EXPECT_TRUE(leaks.count("电子信息产业链/封装载带")) << Join(leaks);
  EXPECT_FALSE(leaks.count("电子信息产业链/支架")) << "brackets come mostly from local firms";
  EXPECT_FALSE(breakpoints.count("电子信息产业链/封装载带")) << "a local carrier-tape maker exists, it is small";
  EXPECT_TRUE(candidate_trades_locally);
  EXPECT_GE(breakpoints.size(), 3u);
  EXPECT_GE(leaks.size(), 3u);
  // The chain maps are not all gaps.
  int segments = 0;
  for (const auto& c : AllChains()) segments += static_cast<int>(c.segment_count);
  EXPECT_LT(breakpoints.size() + leaks.size(), static_cast<size_t>(segments) / 3);
  std::printf("breakpoints: %s\nleaks: %s\n", Join(breakpoints).c_str(), Join(leaks).c_str());
}

TEST_F(DemoChains, ChainLeadersAndCommissionersReferenceTheRegistries) {
  auto leaders = p().org().ListPositions(actor_, services::PositionFilter{{}, org::PositionKind::kChainLeader, {1, 100}});
  ASSERT_TRUE(leaders.ok());
  EXPECT_EQ(leaders->total, 18) << "18名市领导";
  std::map<int64_t, int> per_chain;
  for (const auto& pos : leaders->items) {
    ASSERT_EQ(pos.context_type, org::ContextType::kChain);
    int64_t id = std::stoll(pos.context_ref);
    auto c = p().chains().Get(actor_, id);
    ASSERT_TRUE(c.ok()) << "chain " << pos.context_ref;
    EXPECT_EQ(pos.context_name, c->chain.name);
    ++per_chain[id];
  }
  EXPECT_EQ(per_chain.size(), 8u);
  auto commissioners =
      p().org().ListPositions(actor_, services::PositionFilter{{}, org::PositionKind::kCommissioner, {1, 100}});
  ASSERT_TRUE(commissioners.ok());
  EXPECT_GE(commissioners->total, 3);
  std::map<std::string, std::string> by_code;
  for (const auto& e : Firms({})) by_code[e.credit_code] = e.name;
  for (const auto& pos : commissioners->items) {
    ASSERT_EQ(pos.context_type, org::ContextType::kEnterprise);
    ASSERT_TRUE(by_code.count(pos.context_ref)) << pos.context_ref;
    EXPECT_EQ(pos.context_name, by_code[pos.context_ref]);
  }
}

TEST_F(DemoChains, BuiltQuicklyAndTheAuditChainVerifies) {
  EXPECT_LT(build_seconds_, 30.0) << "the whole demo, users' password hashing included";
  Client c(server_->port());
  ASSERT_EQ(c.Login("admin", kAdminPassword).status, 200);
  EXPECT_EQ(c.Get("/api/audit/verify").json["ok"], true);
  Reply list = c.Get("/api/chains?page_size=100");
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_EQ(list.json["total"], 8);
}

TEST(DemoCreditCode, GeneratedCodesAreValidAndStable) {
  std::string code = services::demo::DemoCreditCode("示例企业", "360821401", "2020-01-01");
  EXPECT_TRUE(chain::ValidateCreditCode(code).ok()) << code;
  EXPECT_EQ(code.substr(0, 8), "91360821");
  EXPECT_EQ(code.substr(8, 2), "MA") << "a code issued after the 2015 reform";
  EXPECT_EQ(code[16], chain::OrganisationCodeCheckChar(code.substr(8, 8)));
  EXPECT_EQ(code, services::demo::DemoCreditCode("示例企业", "360821401", "2020-01-01"));
  std::string old = services::demo::DemoCreditCode("示例企业", "4403", "2003-01-01");
  EXPECT_TRUE(chain::ValidateCreditCode(old).ok()) << old;
  EXPECT_EQ(old.substr(2, 6), "440300");
  EXPECT_NE(old.substr(8, 2), "MA");
}

}  // namespace
}  // namespace lz::testing
