// The chain and enterprise repositories on every backend: chains with responsible units,
// segments and segment links, the enterprise registry with its filters, memberships, supply
// links, the constraints that refuse bad rows, and the change-feed topics each write publishes.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "backends.h"
#include "storage/sql_repos/internal.h"

namespace lz::testing {
namespace {

using chain::MemberRole;
using chain::SizeClass;
using chain::Stage;
using storage::Repositories;

class ChainContract : public StorageFixture {
 protected:
  void SetUp() override {
    StorageFixture::SetUp();
    MustWrite([&](Repositories& r) -> Status {
      for (const org::Region& region : std::vector<org::Region>{{"36", "江西省", org::RegionLevel::kProvince, "", 0},
                                                                {"3608", "吉安市", org::RegionLevel::kCity, "36", 0},
                                                                {"360802", "吉州区", org::RegionLevel::kCounty, "3608", 0},
                                                                {"44", "广东省", org::RegionLevel::kProvince, "", 0},
                                                                {"4403", "深圳市", org::RegionLevel::kCity, "44", 0}}) {
        RETURN_IF_ERROR(r.regions().Insert(region, "test"));
      }
      for (const char* name : {"吉安市工业和信息化局", "吉安市商务局", "吉安市科技局"}) {
        org::Unit u;
        u.name = name;
        u.kind = org::UnitKind::kDepartment;
        u.region_code = "3608";
        ASSIGN_OR_RETURN(int64_t id, r.units().Insert(u));
        units_.push_back(id);
      }
      return Status::Ok();
    });
  }

  int64_t AddChain(const std::string& name, std::vector<int64_t> responsible = {}) {
    chain::Chain c;
    c.name = name;
    c.region_code = "3608";
    c.lead_unit_id = units_[0];
    c.responsible_unit_ids = std::move(responsible);
    c.target_revenue = 100000000000;
    c.target_year = 2025;
    c.created_at = c.updated_at = kStart;
    int64_t id = 0;
    MustWrite([&](Repositories& r) -> Status {
      ASSIGN_OR_RETURN(id, r.chains().Insert(c));
      return Status::Ok();
    });
    return id;
  }

  int64_t AddSegment(int64_t chain_id, const std::string& name, Stage stage, std::optional<int64_t> parent = {},
                     int order = 0) {
    chain::Segment s;
    s.chain_id = chain_id;
    s.name = name;
    s.stage = stage;
    s.parent_id = parent;
    s.sort_order = order;
    int64_t id = 0;
    MustWrite([&](Repositories& r) -> Status {
      ASSIGN_OR_RETURN(id, r.chains().InsertSegment(s));
      return Status::Ok();
    });
    return id;
  }

  static chain::Enterprise Firm(const std::string& code, const std::string& name, const std::string& region, bool local,
                                SizeClass size = SizeClass::kMedium) {
    chain::Enterprise e;
    e.credit_code = code;
    e.name = name;
    e.name_key = chain::NormaliseEnterpriseName(name);
    e.region_code = region;
    e.local = local;
    e.size = size;
    e.revenue = 5000000;
    e.employees = 120;
    e.founded = "2016-05-01";
    e.created_at = e.updated_at = kStart;
    return e;
  }

  int64_t AddFirm(const chain::Enterprise& e) {
    int64_t id = 0;
    MustWrite([&](Repositories& r) -> Status {
      ASSIGN_OR_RETURN(id, r.enterprises().Insert(e));
      return Status::Ok();
    });
    return id;
  }

  static chain::Membership Member(int64_t enterprise, int64_t segment, MemberRole role) {
    chain::Membership m;
    m.enterprise_id = enterprise;
    m.segment_id = segment;
    m.role = role;
    return m;
  }

  // Topic:ref of every change published since `after`.
  std::vector<std::string> Published(int64_t after) {
    std::vector<std::string> out;
    MustRead([&](Repositories& r) -> Status {
      ASSIGN_OR_RETURN(auto changes, r.changes().Since(after, 1000));
      for (const auto& c : changes) out.push_back(c.topic + ":" + c.ref);
      return Status::Ok();
    });
    return out;
  }
  int64_t LastSeq() {
    int64_t last = 0;
    MustRead([&](Repositories& r) -> Status {
      ASSIGN_OR_RETURN(last, r.changes().LastSeq());
      return Status::Ok();
    });
    return last;
  }

  std::vector<int64_t> units_;
};

TEST_P(ChainContract, ChainRoundTripWithUnitsAndDisplayFields) {
  int64_t id = AddChain("电子信息", {units_[2], units_[1]});
  AddSegment(id, "封装", Stage::kMidstream);
  MustRead([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(auto c, r.chains().Get(id));
    EXPECT_TRUE(c.has_value());
    if (!c) return Status::Ok();
    EXPECT_EQ(c->name, "电子信息");
    EXPECT_EQ(c->region_name, "吉安市");
    EXPECT_EQ(c->lead_unit_name, "吉安市工业和信息化局");
    EXPECT_EQ(c->responsible_unit_ids, (std::vector<int64_t>{units_[1], units_[2]}));
    EXPECT_EQ(c->segment_count, 1);
    EXPECT_EQ(c->target_revenue, 100000000000);
    EXPECT_EQ(c->target_year, 2025);
    ASSIGN_OR_RETURN(auto found, r.chains().FindByName("电子信息"));
    EXPECT_EQ(found, std::optional<int64_t>(id));
    ASSIGN_OR_RETURN(int64_t for_unit, r.chains().CountForUnit(units_[2]));
    EXPECT_EQ(for_unit, 1);
    return Status::Ok();
  });
  Status dup = store_->Write([&](Repositories& r) {
    chain::Chain c;
    c.name = "电子信息";
    c.region_code = "3608";
    return r.chains().Insert(c).status();
  });
  EXPECT_EQ(dup.code(), StatusCode::kAlreadyExists);
  MustWrite([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(auto c, r.chains().Get(id));
    c->name = "电子信息产业链";
    c->responsible_unit_ids = {units_[1]};
    c->lead_unit_id.reset();
    return r.chains().Update(*c);
  });
  MustRead([&](Repositories& r) -> Status {
    storage::ChainQuery q;
    q.q = "产业链";
    ASSIGN_OR_RETURN(auto page, r.chains().List(q));
    EXPECT_EQ(page.total, 1);
    if (page.items.empty()) return Status::Ok();
    EXPECT_EQ(page.items[0].responsible_unit_ids, std::vector<int64_t>{units_[1]});
    EXPECT_EQ(page.items[0].lead_unit_name, "");
    return Status::Ok();
  });
}

TEST_P(ChainContract, SegmentsOrderByStageAndRefuseDuplicatesInAChain) {
  int64_t a = AddChain("电子信息");
  int64_t b = AddChain("生物医药");
  int64_t screens = AddSegment(a, "显示屏", Stage::kDownstream);
  int64_t glue = AddSegment(a, "胶水", Stage::kUpstream, std::nullopt, 2);
  int64_t brackets = AddSegment(a, "支架", Stage::kUpstream, std::nullopt, 1);
  int64_t packaging = AddSegment(a, "封装", Stage::kMidstream);
  int64_t mini = AddSegment(a, "Mini LED 封装", Stage::kMidstream, packaging);
  AddSegment(b, "封装", Stage::kMidstream);  // the same name in another chain is fine
  Status dup = store_->Write([&](Repositories& r) {
    chain::Segment s;
    s.chain_id = a;
    s.name = "胶水";
    return r.chains().InsertSegment(s).status();
  });
  EXPECT_EQ(dup.code(), StatusCode::kAlreadyExists);
  MustRead([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(auto segs, r.chains().Segments(a));
    std::vector<int64_t> ids;
    for (const auto& s : segs) ids.push_back(s.id);
    EXPECT_EQ(ids, (std::vector<int64_t>{brackets, glue, packaging, mini, screens}));
    ASSIGN_OR_RETURN(auto all, r.chains().Segments(0));
    EXPECT_EQ(all.size(), 6u);
    ASSIGN_OR_RETURN(auto child, r.chains().GetSegment(mini));
    EXPECT_EQ(child->parent_id, std::optional<int64_t>(packaging));
    ASSIGN_OR_RETURN(int64_t children, r.chains().CountChildSegments(packaging));
    EXPECT_EQ(children, 1);
    ASSIGN_OR_RETURN(auto found, r.chains().FindSegment(a, "封装"));
    EXPECT_EQ(found, std::optional<int64_t>(packaging));
    return Status::Ok();
  });
  // An update names its chain: a segment cannot be moved into another chain by id.
  Status moved = store_->Write([&](Repositories& r) {
    chain::Segment s;
    s.id = glue;
    s.chain_id = b;
    s.name = "胶水";
    return r.chains().UpdateSegment(s);
  });
  EXPECT_EQ(moved.code(), StatusCode::kNotFound);
}

TEST_P(ChainContract, SegmentLinksAreIdempotentAndPerChain) {
  int64_t a = AddChain("电子信息");
  int64_t glue = AddSegment(a, "胶水", Stage::kUpstream);
  int64_t packaging = AddSegment(a, "封装", Stage::kMidstream);
  MustWrite([&](Repositories& r) -> Status {
    RETURN_IF_ERROR(r.chains().AddSegmentLink(a, {glue, packaging}));
    return r.chains().AddSegmentLink(a, {glue, packaging});
  });
  Status self = store_->Write([&](Repositories& r) { return r.chains().AddSegmentLink(a, {glue, glue}); });
  EXPECT_FALSE(self.ok());
  MustRead([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(auto links, r.chains().SegmentLinks(a));
    EXPECT_EQ(links.size(), 1u);
    return Status::Ok();
  });
  MustWrite([&](Repositories& r) { return r.chains().RemoveSegmentLink(a, {glue, packaging}); });
  MustRead([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(auto links, r.chains().SegmentLinks(0));
    EXPECT_TRUE(links.empty());
    return Status::Ok();
  });
}

TEST_P(ChainContract, EnterpriseRegistryRoundTripAndConstraints) {
  int64_t lx = AddFirm(Firm("91360800MA35F0EX1K", "江西立讯智造有限公司", "360802", true, SizeClass::kLarge));
  MustRead([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(auto e, r.enterprises().GetByCreditCode("91360800MA35F0EX1K"));
    EXPECT_TRUE(e.has_value());
    if (!e) return Status::Ok();
    EXPECT_EQ(e->id, lx);
    EXPECT_EQ(e->region_name, "吉州区");
    EXPECT_TRUE(e->local);
    EXPECT_EQ(e->size, SizeClass::kLarge);
    EXPECT_EQ(e->founded, "2016-05-01");
    EXPECT_EQ(e->employees, 120);
    ASSIGN_OR_RETURN(auto same, r.enterprises().FindByNameKey(chain::NormaliseEnterpriseName("江西立讯智造有限责任公司"), 0));
    EXPECT_EQ(same.size(), 1u);
    ASSIGN_OR_RETURN(auto not_self, r.enterprises().FindByNameKey(e->name_key, lx));
    EXPECT_TRUE(not_self.empty());
    return Status::Ok();
  });
  Status dup = store_->Write(
      [&](Repositories& r) { return r.enterprises().Insert(Firm("91360800MA35F0EX1K", "别的公司", "3608", true)).status(); });
  EXPECT_EQ(dup.code(), StatusCode::kAlreadyExists);
  Status nowhere = store_->Write(
      [&](Repositories& r) { return r.enterprises().Insert(Firm("91440300708461136T", "外地公司", "999999", false)).status(); });
  EXPECT_FALSE(nowhere.ok()) << "an unknown region is refused by the database too";
  MustWrite([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(auto e, r.enterprises().Get(lx));
    e->employees = 7000;
    e->updated_at = kStart + 1;
    return r.enterprises().Update(*e);
  });
  MustRead([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(auto e, r.enterprises().Get(lx));
    EXPECT_EQ(e->employees, 7000);
    return Status::Ok();
  });
}

TEST_P(ChainContract, EnterpriseFiltersAndMemberships) {
  int64_t a = AddChain("电子信息");
  int64_t b = AddChain("生物医药");
  int64_t packaging = AddSegment(a, "封装", Stage::kMidstream);
  int64_t screens = AddSegment(a, "显示屏", Stage::kDownstream);
  int64_t drugs = AddSegment(b, "原料药", Stage::kUpstream);
  int64_t lx = AddFirm(Firm("91360800MA35F0EX1K", "江西立讯智造有限公司", "360802", true, SizeClass::kLarge));
  int64_t mls = AddFirm(Firm("91360800MA35F0EY9X", "木林森（吉安）有限公司", "3608", true, SizeClass::kMedium));
  int64_t tx = AddFirm(Firm("91440300708461136T", "深圳示例电子有限公司", "4403", false, SizeClass::kLarge));
  MustWrite([&](Repositories& r) -> Status {
    RETURN_IF_ERROR(r.enterprises().PutMembership(Member(lx, packaging, MemberRole::kMember)));
    RETURN_IF_ERROR(r.enterprises().PutMembership(Member(lx, packaging, MemberRole::kChainMaster)));  // upsert
    RETURN_IF_ERROR(r.enterprises().PutMembership(Member(mls, screens, MemberRole::kKey)));
    RETURN_IF_ERROR(r.enterprises().PutMembership(Member(tx, packaging, MemberRole::kMember)));
    return r.enterprises().PutMembership(Member(mls, drugs, MemberRole::kMember));
  });
  auto ids = [&](storage::EnterpriseQuery q) {
    std::vector<int64_t> out;
    MustRead([&](Repositories& r) -> Status {
      ASSIGN_OR_RETURN(auto page, r.enterprises().List(q));
      for (const auto& e : page.items) out.push_back(e.id);
      std::sort(out.begin(), out.end());
      EXPECT_EQ(page.total, static_cast<int64_t>(out.size()));
      return Status::Ok();
    });
    return out;
  };
  storage::EnterpriseQuery q;
  q.q = "立讯";
  EXPECT_EQ(ids(q), std::vector<int64_t>{lx});
  q.q = "708461136t";  // credit codes are searched too, in any case
  EXPECT_EQ(ids(q), std::vector<int64_t>{tx});
  q = {};
  q.region_code = "36";
  EXPECT_EQ(ids(q), (std::vector<int64_t>{lx, mls}));
  q = {};
  q.local = false;
  EXPECT_EQ(ids(q), std::vector<int64_t>{tx});
  q = {};
  q.size = SizeClass::kLarge;
  EXPECT_EQ(ids(q), (std::vector<int64_t>{lx, tx}));
  q = {};
  q.segment_id = packaging;
  EXPECT_EQ(ids(q), (std::vector<int64_t>{lx, tx}));
  q = {};
  q.chain_id = b;
  EXPECT_EQ(ids(q), std::vector<int64_t>{mls});
  q = {};
  q.page.page_size = 2;
  MustRead([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(auto page, r.enterprises().List(q));
    EXPECT_EQ(page.total, 3);
    EXPECT_EQ(page.items.size(), 2u);
    ASSIGN_OR_RETURN(auto of_lx, r.enterprises().Memberships(lx, 0));
    EXPECT_EQ(of_lx.size(), 1u);
    if (!of_lx.empty()) {
      EXPECT_EQ(of_lx[0].role, MemberRole::kChainMaster);
      EXPECT_EQ(of_lx[0].segment_name, "封装");
      EXPECT_EQ(of_lx[0].chain_id, a);
    }
    ASSIGN_OR_RETURN(auto in_packaging, r.enterprises().Memberships(0, packaging));
    EXPECT_EQ(in_packaging.size(), 2u);
    ASSIGN_OR_RETURN(auto all, r.enterprises().Memberships(0, 0));
    EXPECT_EQ(all.size(), 4u);
    return Status::Ok();
  });
  Status missing = store_->Write([&](Repositories& r) { return r.enterprises().RemoveMembership(tx, drugs); });
  EXPECT_EQ(missing.code(), StatusCode::kNotFound);
  // Deleting a chain takes its segments and the memberships in them.
  MustWrite([&](Repositories& r) { return r.chains().Delete(b); });
  MustRead([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(auto of_mls, r.enterprises().Memberships(mls, 0));
    EXPECT_EQ(of_mls.size(), 1u);
    ASSIGN_OR_RETURN(auto gone, r.chains().GetSegment(drugs));
    EXPECT_FALSE(gone.has_value());
    return Status::Ok();
  });
}

TEST_P(ChainContract, SupplyLinksBothWaysAndConstraints) {
  int64_t lx = AddFirm(Firm("91360800MA35F0EX1K", "江西立讯智造有限公司", "360802", true));
  int64_t mls = AddFirm(Firm("91360800MA35F0EY9X", "木林森（吉安）有限公司", "3608", true));
  int64_t tx = AddFirm(Firm("91440300708461136T", "深圳示例电子有限公司", "4403", false));
  int64_t link = 0;
  MustWrite([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(link, r.enterprises().InsertLink({0, tx, lx, 3000000, "芯片", "", ""}));
    return r.enterprises().InsertLink({0, mls, lx, 1000000, "", "", ""}).status();
  });
  Status dup = store_->Write([&](Repositories& r) { return r.enterprises().InsertLink({0, tx, lx, 1, "", "", ""}).status(); });
  EXPECT_EQ(dup.code(), StatusCode::kAlreadyExists);
  Status self = store_->Write([&](Repositories& r) { return r.enterprises().InsertLink({0, lx, lx, 1, "", "", ""}).status(); });
  EXPECT_FALSE(self.ok());
  MustRead([&](Repositories& r) -> Status {
    std::vector<int64_t> suppliers;
    RETURN_IF_ERROR(r.enterprises().ForEachLink(lx, false, [&](const chain::SupplyLink& l) {
      suppliers.push_back(l.supplier_id);
      return Status::Ok();
    }));
    EXPECT_EQ(std::set<int64_t>(suppliers.begin(), suppliers.end()), (std::set<int64_t>{tx, mls}));
    int buyers = 0;
    RETURN_IF_ERROR(r.enterprises().ForEachLink(tx, true, [&](const chain::SupplyLink& l) {
      EXPECT_EQ(l.buyer_name, "江西立讯智造有限公司");
      EXPECT_EQ(l.volume, 3000000);
      ++buyers;
      return Status::Ok();
    }));
    EXPECT_EQ(buyers, 1);
    ASSIGN_OR_RETURN(auto found, r.enterprises().FindLink(tx, lx));
    EXPECT_EQ(found->id, link);
    return Status::Ok();
  });
  MustWrite([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(auto l, r.enterprises().GetLink(link));
    l->volume = 4000000;
    return r.enterprises().UpdateLink(*l);
  });
  // Deleting an enterprise takes its links.
  MustWrite([&](Repositories& r) { return r.enterprises().Delete(tx); });
  MustRead([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(auto gone, r.enterprises().GetLink(link));
    EXPECT_FALSE(gone.has_value());
    return Status::Ok();
  });
}

TEST_P(ChainContract, ScanRegistryReadsEveryRowInKeyOrderWithoutText) {
  int64_t c = AddChain("电子信息");
  int64_t packaging = AddSegment(c, "封装", Stage::kMidstream);
  int64_t screens = AddSegment(c, "显示屏", Stage::kDownstream);
  chain::Enterprise big = Firm("91360800MA35F0EX1K", "江西立讯智造有限公司", "360802", true, SizeClass::kLarge);
  big.revenue = 7;
  big.employees = 9;
  int64_t lx = AddFirm(big);
  int64_t mls = AddFirm(Firm("91360800MA35F0EY9X", "木林森（吉安）有限公司", "3608", true, SizeClass::kSmall));
  int64_t tx = AddFirm(Firm("91440300708461136T", "深圳示例电子有限公司", "4403", false));
  MustWrite([&](Repositories& r) -> Status {
    RETURN_IF_ERROR(r.enterprises().PutMembership(Member(mls, screens, MemberRole::kKey)));
    RETURN_IF_ERROR(r.enterprises().PutMembership(Member(lx, packaging, MemberRole::kChainMaster)));
    RETURN_IF_ERROR(r.enterprises().PutMembership(Member(lx, screens, MemberRole::kMember)));
    RETURN_IF_ERROR(r.enterprises().InsertLink({0, tx, lx, 3000000, "芯片", "", ""}).status());
    return r.enterprises().InsertLink({0, lx, mls, 5, "", "", ""}).status();
  });
  std::vector<chain::Enterprise> firms;
  std::vector<std::string> members, links;
  storage::RegistryScanSink all;
  all.enterprise = [&](const chain::Enterprise& e) {
    firms.push_back(e);
    return Status::Ok();
  };
  all.membership = [&](const chain::Membership& m) {
    members.push_back(std::to_string(m.enterprise_id) + "/" + std::to_string(m.segment_id) + "/" +
                      std::string(chain::MemberRoleName(m.role)));
    return Status::Ok();
  };
  all.links = [&](std::span<const storage::SupplyEdge> edges) {
    for (const auto& l : edges) {
      links.push_back(std::to_string(l.supplier_id) + ">" + std::to_string(l.buyer_id) + ":" + std::to_string(l.volume));
    }
    return Status::Ok();
  };
  MustRead([&](Repositories& r) { return r.enterprises().ScanRegistry(all); });
  ASSERT_EQ(firms.size(), 3u);
  EXPECT_EQ(firms[0].id, lx);
  EXPECT_EQ(firms[0].region_code, "360802");
  EXPECT_TRUE(firms[0].local);
  EXPECT_EQ(firms[0].size, SizeClass::kLarge);
  EXPECT_EQ(firms[0].revenue, 7);
  EXPECT_EQ(firms[0].employees, 9);
  EXPECT_EQ(firms[0].name, "");  // no text
  EXPECT_EQ(firms[1].size, SizeClass::kSmall);
  EXPECT_FALSE(firms[2].local);
  auto m = [](int64_t e, int64_t s, const char* role) { return std::to_string(e) + "/" + std::to_string(s) + "/" + role; };
  EXPECT_EQ(members, (std::vector<std::string>{m(lx, packaging, "chain_master"), m(lx, screens, "member"),
                                               m(mls, screens, "key")}));
  EXPECT_EQ(links, (std::vector<std::string>{std::to_string(tx) + ">" + std::to_string(lx) + ":3000000",
                                             std::to_string(lx) + ">" + std::to_string(mls) + ":5"}));
  // Sinks may be left empty.
  int only_links = 0;
  storage::RegistryScanSink links_only;
  links_only.links = [&](std::span<const storage::SupplyEdge> edges) {
    only_links += static_cast<int>(edges.size());
    return Status::Ok();
  };
  int64_t expected_links = -1;
  links_only.expect_links = [&](int64_t n) { expected_links = n; };
  MustRead([&](Repositories& r) { return r.enterprises().ScanRegistry(links_only); });
  EXPECT_EQ(only_links, 2);
  EXPECT_GE(expected_links, 2) << "an upper bound of the links";
}

TEST_P(ChainContract, KeysetBatchesVisitEveryRowOnceAcrossBatchBoundaries) {
  int64_t c = AddChain("电子信息");
  std::vector<int64_t> segments;
  for (const char* name : {"胶水", "支架", "载带"}) segments.push_back(AddSegment(c, name, Stage::kUpstream));
  int64_t lx = AddFirm(Firm("91360800MA35F0EX1K", "江西立讯智造有限公司", "360802", true));
  int64_t mls = AddFirm(Firm("91360800MA35F0EY9X", "木林森（吉安）有限公司", "3608", true));
  std::vector<std::string> expected;
  MustWrite([&](Repositories& r) -> Status {
    for (int64_t firm : {lx, mls}) {
      for (int64_t segment : segments) {
        RETURN_IF_ERROR(r.enterprises().PutMembership(Member(firm, segment, MemberRole::kMember)));
        expected.push_back(std::to_string(firm) + "/" + std::to_string(segment));
      }
    }
    return Status::Ok();
  });
  std::sort(expected.begin(), expected.end(), [](const std::string& a, const std::string& b) {
    return std::make_pair(std::stoll(a), std::stoll(a.substr(a.find('/') + 1))) <
           std::make_pair(std::stoll(b), std::stoll(b.substr(b.find('/') + 1)));
  });
  for (size_t batch : {1u, 2u, 4u, 6u, 7u}) {
    std::vector<std::string> seen;
    Status st = db_->Run(storage::sql::TxMode::kRead, [&](storage::sql::Connection& conn) {
      return storage::sqlrepo::ForEachInKeyOrder(
          conn, "enterprise_id, segment_id", "FROM memberships WHERE enterprise_id > ?", {storage::sql::Value(int64_t{0})},
          {"enterprise_id", "segment_id"},
          [&](const storage::sql::Row& row) {
            seen.push_back(std::to_string(row.Int(0)) + "/" + std::to_string(row.Int(1)));
            return Status::Ok();
          },
          batch);
    });
    ASSERT_TRUE(st.ok()) << st.ToString();
    EXPECT_EQ(seen, expected) << "batch " << batch;
    std::vector<std::string> blocks_seen;
    st = db_->Run(storage::sql::TxMode::kRead, [&](storage::sql::Connection& conn) {
      return storage::sqlrepo::ForEachIntBlockInKeyOrder(
          conn, "enterprise_id, segment_id", "FROM memberships WHERE enterprise_id > ?", {storage::sql::Value(int64_t{0})},
          {"enterprise_id", "segment_id"},
          [&](const int64_t* v, size_t rows, size_t stride) {
            EXPECT_GE(stride, 2u);
            for (size_t i = 0; i < rows; ++i, v += stride) blocks_seen.push_back(std::to_string(v[0]) + "/" + std::to_string(v[1]));
            return Status::Ok();
          },
          batch);
    });
    ASSERT_TRUE(st.ok()) << st.ToString();
    EXPECT_EQ(blocks_seen, expected) << "integer blocks, batch " << batch;
  }
}

TEST_P(ChainContract, IntegerBlocksCarryEveryRowInOrder) {
  // More rows than one block holds, so the blocks split the result.
  const int64_t n = static_cast<int64_t>(storage::sql::Connection::kIntBlockRows) * 2 + 5;
  int64_t next = 1, blocks = 0;
  bool in_order = true;
  Status st = db_->Run(storage::sql::TxMode::kRead, [&](storage::sql::Connection& conn) {
    return conn.QueryIntBlocks(
        "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < ?) SELECT x, x * 2 FROM n ORDER BY x",
        {storage::sql::Value(n)}, [&](const int64_t* v, size_t rows, size_t columns) {
          ++blocks;
          EXPECT_EQ(columns, 2u);
          EXPECT_LE(rows, storage::sql::Connection::kIntBlockRows);
          for (size_t i = 0; i < rows; ++i, v += columns) {
            in_order = in_order && v[0] == next && v[1] == 2 * next;
            ++next;
          }
          return Status::Ok();
        });
  });
  ASSERT_TRUE(st.ok()) << st.ToString();
  EXPECT_TRUE(in_order);
  EXPECT_EQ(next, n + 1);
  EXPECT_EQ(blocks, 3);
  // A sink's error stops the scan and is returned.
  int calls = 0;
  st = db_->Run(storage::sql::TxMode::kRead, [&](storage::sql::Connection& conn) {
    return conn.QueryIntBlocks(
        "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < ?) SELECT x FROM n",
        {storage::sql::Value(n)}, [&](const int64_t*, size_t, size_t) {
          ++calls;
          return InvalidArgument("stop", "x");
        });
  });
  EXPECT_EQ(st.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(calls, 1);
}

TEST_P(ChainContract, WritesPublishWhatTheyTouch) {
  int64_t a = AddChain("电子信息");
  int64_t seg = AddSegment(a, "封装", Stage::kMidstream);
  int64_t lx = AddFirm(Firm("91360800MA35F0EX1K", "江西立讯智造有限公司", "360802", true));
  int64_t tx = AddFirm(Firm("91440300708461136T", "深圳示例电子有限公司", "4403", false));
  int64_t before = LastSeq();
  MustWrite([&](Repositories& r) { return r.enterprises().InsertLink({0, tx, lx, 1, "", "", ""}).status(); });
  std::vector<std::string> link_changes = Published(before);
  EXPECT_EQ(std::set<std::string>(link_changes.begin(), link_changes.end()),
            (std::set<std::string>{"enterprise:" + std::to_string(lx), "enterprise:" + std::to_string(tx)}));
  before = LastSeq();
  MustWrite([&](Repositories& r) { return r.enterprises().PutMembership(Member(lx, seg, MemberRole::kKey)); });
  EXPECT_EQ(Published(before), std::vector<std::string>{"enterprise:" + std::to_string(lx)});
  before = LastSeq();
  MustWrite([&](Repositories& r) { return r.chains().DeleteSegment(seg); });
  std::vector<std::string> seg_changes = Published(before);
  EXPECT_EQ(std::set<std::string>(seg_changes.begin(), seg_changes.end()),
            (std::set<std::string>{"chain:" + std::to_string(a), "enterprise:" + std::to_string(lx)}));
}

INSTANTIATE_TEST_SUITE_P(AllBackends, ChainContract, ::testing::ValuesIn(StorageBackends()), BackendName);

}  // namespace
}  // namespace lz::testing
