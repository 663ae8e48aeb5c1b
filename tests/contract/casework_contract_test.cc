// The casework repositories on every backend: the catalogue (channels, categories, routing rules),
// cases (round trip of facts and projection, every CaseQuery filter, data scopes, orders, paging,
// case numbers, the optimistic version check), the append-only events (every field of every type,
// duplicate seq refused, batched reads), a run of real lifecycle commands (Decide + Apply) whose
// stored cases are rebuilt from their events and compared, notifications, and the copy of all of it
// to another database.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <limits>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "backends.h"
#include "domain/casework/lifecycle.h"
#include "storage/copy.h"
#include "storage/migrate.h"
#include "storage/sql_store.h"

namespace lz::testing {
namespace {

using auth::ScopeFilter;
using auth::ScopeKind;
using casework::Case;
using casework::CaseEvent;
using casework::CaseFacts;
using casework::CaseState;
using casework::Category;
using casework::Channel;
using casework::Command;
using casework::CoState;
using casework::CoUnit;
using casework::Escalation;
using casework::EventType;
using casework::Outcome;
using casework::Party;
using casework::RoutingRule;
using casework::SubjectKind;
using storage::CaseQuery;
using storage::Repositories;

constexpr int64_t kDayMs = 86400000;
constexpr int64_t kHourMs = 3600000;
constexpr int64_t kUtc8Ms = 8 * kHourMs;
// 2026-11-30 00:00 China Standard Time, a Monday.
constexpr TimeMs kMonday = 1795968000000;

// Test fixture, not the statutory calendar (domain/calendar): Saturdays and Sundays are off, every
// other day works, 24 hours each, days in China Standard Time (UTC+8).
class WeekendsOffForTest final : public casework::WorkingTime {
 public:
  static int64_t DayOf(TimeMs t) {
    TimeMs local = t + kUtc8Ms;
    return local >= 0 ? local / kDayMs : (local - kDayMs + 1) / kDayMs;
  }
  static TimeMs StartOf(int64_t day) { return day * kDayMs - kUtc8Ms; }
  // Day 0 (1970-01-01) was a Thursday; Saturday and Sunday are 2 and 3 (mod 7).
  static bool Works(int64_t day) { return ((day % 7) + 7) % 7 != 2 && ((day % 7) + 7) % 7 != 3; }

  Result<TimeMs> DueAfter(TimeMs start, int days) const override {
    int64_t day = DayOf(start);
    for (int left = days; left > 0;) {
      if (Works(++day)) --left;
    }
    return StartOf(day + 1);
  }
  Result<TimeMs> AddWorking(TimeMs t, int64_t working_ms) const override {
    while (working_ms > 0) {
      int64_t day = DayOf(t);
      TimeMs end = StartOf(day + 1);
      if (Works(day)) {
        int64_t take = std::min(working_ms, end - t);
        t += take;
        working_ms -= take;
      } else {
        t = end;
      }
    }
    while (working_ms < 0) {
      int64_t day = DayOf(t - 1);
      TimeMs start = StartOf(day);
      if (Works(day)) {
        int64_t take = std::min(-working_ms, t - start);
        t -= take;
        working_ms += take;
      } else {
        t = start;
      }
    }
    return t;
  }
  Result<int64_t> WorkingBetween(TimeMs a, TimeMs b) const override {
    int64_t total = 0;
    while (a < b) {
      int64_t day = DayOf(a);
      TimeMs end = std::min(b, StartOf(day + 1));
      if (Works(day)) total += end - a;
      a = end;
    }
    return total;
  }
};

std::string OptText(const std::optional<int64_t>& v) { return v ? std::to_string(*v) : "-"; }
std::string OptText(const std::optional<int32_t>& v) { return v ? std::to_string(*v) : "-"; }

// Every field, for readable failure messages (operator== stays the judge for cases).
std::string Describe(const Case& c) {
  std::ostringstream os;
  const CaseFacts& f = c.facts;
  os << "id=" << c.id << " number=" << c.number << " channel=" << f.channel << " category=" << f.category_code
     << " title=" << f.title << " text=" << f.text << " region=" << f.region_code << " address=" << f.address
     << " reporter=" << f.reporter_name << "/" << f.reporter_phone << "/" << OptText(f.reporter_user_id)
     << " subject=" << casework::SubjectKindName(f.subject_kind) << "/" << OptText(f.enterprise_id) << "/"
     << f.subject_name << " chain=" << OptText(f.chain_id) << " | state=" << casework::CaseStateName(c.state)
     << " version=" << c.version << " created=" << c.created_at << " updated=" << c.updated_at
     << " accepted=" << OptText(c.accepted_at) << " lead=" << OptText(c.lead_unit_id) << " co=[";
  for (const CoUnit& co : c.co_units) os << co.unit_id << ":" << casework::CoStateName(co.state) << " ";
  os << "] handler=" << OptText(c.handler_user_id) << " dispatched=" << OptText(c.dispatched_at)
     << " sign_due=" << OptText(c.sign_due_at) << " signed=" << OptText(c.signed_at) << " due=" << OptText(c.due_at)
     << " suspended=" << OptText(c.suspended_since) << "/" << c.suspended_ms
     << " extension=" << OptText(c.extension_requested_days) << "/" << c.extension_days
     << " replied=" << OptText(c.replied_at) << " outcome=" << (c.outcome ? casework::OutcomeName(*c.outcome) : "-")
     << " closed=" << OptText(c.closed_at) << " rating=" << OptText(c.rating) << " spot=" << c.on_the_spot
     << " on_time=" << c.signed_on_time << " returns=" << c.return_count << " reopens=" << c.reopen_count
     << " arbitrated=" << c.arbitrated << " escalation=" << casework::EscalationName(c.escalation)
     << " merged_into=" << OptText(c.merged_into) << " absorbed=[";
  for (int64_t a : c.absorbed) os << a << " ";
  os << "]";
  return os.str();
}

// Every field of an event (CaseEvent has no operator==; this is the comparison).
std::string Describe(const CaseEvent& e) {
  std::ostringstream os;
  os << "id=" << e.id << " case=" << e.case_id << " seq=" << e.seq << " type=" << casework::EventTypeName(e.type)
     << " actor=" << e.actor_user_id << "/" << OptText(e.actor_unit_id) << " at=" << e.at
     << " from=" << casework::CaseStateName(e.from_state) << " to=" << casework::CaseStateName(e.to_state)
     << " note=" << e.note << " unit=" << OptText(e.unit_id) << " co=[";
  for (int64_t u : e.co_unit_ids) os << u << " ";
  os << "] handler=" << OptText(e.handler_user_id) << " sign_due=" << OptText(e.sign_due_at)
     << " due=" << OptText(e.due_at) << " days=" << OptText(e.days)
     << " outcome=" << (e.outcome ? casework::OutcomeName(*e.outcome) : "-") << " rating=" << OptText(e.rating)
     << " related=" << OptText(e.related_case_id)
     << " escalation=" << (e.escalation ? casework::EscalationName(*e.escalation) : "-");
  return os.str();
}

std::vector<std::string> Describe(const std::vector<CaseEvent>& events) {
  std::vector<std::string> out;
  for (const CaseEvent& e : events) out.push_back(Describe(e));
  return out;
}

std::vector<int64_t> Sorted(std::vector<int64_t> v) {
  std::sort(v.begin(), v.end());
  return v;
}

class CaseworkContract : public StorageFixture {
 protected:
  void SetUp() override {
    StorageFixture::SetUp();
    if (HasFatalFailure()) return;
    MustWrite([&](Repositories& r) -> Status {
      for (const org::Region& region : std::vector<org::Region>{{"36", "江西省", org::RegionLevel::kProvince, "", 0},
                                                                {"3608", "吉安市", org::RegionLevel::kCity, "36", 0},
                                                                {"360802", "吉州区", org::RegionLevel::kCounty, "3608", 0},
                                                                {"360803", "青原区", org::RegionLevel::kCounty, "3608", 0},
                                                                {"44", "广东省", org::RegionLevel::kProvince, "", 0},
                                                                {"4403", "深圳市", org::RegionLevel::kCity, "44", 0}}) {
        RETURN_IF_ERROR(r.regions().Insert(region, "test"));
      }
      // intake (12345 centre) ─ b ─ b2;  intake ─ c;  d (another root)
      ASSIGN_OR_RETURN(intake_, AddUnit(r, "12345热线中心", std::nullopt));
      ASSIGN_OR_RETURN(b_, AddUnit(r, "吉州区住建局", intake_.id));
      ASSIGN_OR_RETURN(b2_, AddUnit(r, "吉州区市政所", b_.id));
      ASSIGN_OR_RETURN(c_, AddUnit(r, "吉州区城管局", intake_.id));
      ASSIGN_OR_RETURN(d_, AddUnit(r, "青原区政府", std::nullopt));
      ASSIGN_OR_RETURN(clerk_, AddUser(r, "clerk", intake_.id));
      ASSIGN_OR_RETURN(handler_b_, AddUser(r, "handler.b", b_.id));
      ASSIGN_OR_RETURN(handler_c_, AddUser(r, "handler.c", c_.id));
      ASSIGN_OR_RETURN(handler_d_, AddUser(r, "handler.d", d_.id));
      ASSIGN_OR_RETURN(reporter_, AddUser(r, "resident", intake_.id));

      Channel hotline;
      hotline.code = "hotline";
      hotline.name = "12345热线";
      RETURN_IF_ERROR(r.catalogue().PutChannel(hotline));
      Channel patrol;
      patrol.code = "patrol";
      patrol.name = "城管巡查";
      patrol.on_the_spot = true;
      patrol.callback = false;
      RETURN_IF_ERROR(r.catalogue().PutChannel(patrol));
      ASSIGN_OR_RETURN(cat01_, r.catalogue().InsertCategory(NewCategory("01", "城乡建设", std::nullopt)));
      ASSIGN_OR_RETURN(cat0101_, r.catalogue().InsertCategory(NewCategory("0101", "道路破损", cat01_)));
      ASSIGN_OR_RETURN(cat0102_, r.catalogue().InsertCategory(NewCategory("0102", "路灯故障", cat01_)));
      ASSIGN_OR_RETURN(cat02_, r.catalogue().InsertCategory(NewCategory("02", "环境保护", std::nullopt)));

      chain::Chain ch;
      ch.name = "电子信息";
      ch.region_code = "3608";
      ch.created_at = ch.updated_at = kStart;
      ASSIGN_OR_RETURN(chain_, r.chains().Insert(ch));
      chain::Enterprise e;
      e.credit_code = "91360800MA35F0EX1K";
      e.name = "江西立讯智造有限公司";
      e.name_key = chain::NormaliseEnterpriseName(e.name);
      e.region_code = "360802";
      e.local = true;
      e.created_at = e.updated_at = kStart;
      ASSIGN_OR_RETURN(enterprise_, r.enterprises().Insert(e));
      return Status::Ok();
    });
  }

  static Result<org::Unit> AddUnit(Repositories& r, const std::string& name, std::optional<int64_t> parent) {
    org::Unit u;
    u.name = name;
    u.kind = org::UnitKind::kDepartment;
    u.region_code = "3608";
    u.parent_id = parent;
    u.created_at = u.updated_at = kStart;
    ASSIGN_OR_RETURN(u.id, r.units().Insert(u));
    return u;
  }

  static Result<int64_t> AddUser(Repositories& r, const std::string& login, int64_t unit_id) {
    auth::User u;
    u.login = login;
    u.name = "用户 " + login;
    u.unit_id = unit_id;
    u.scope.kind = ScopeKind::kOwnUnit;
    u.password_hash = "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA";
    u.password_changed_at = u.created_at = u.updated_at = kStart;
    return r.users().Insert(u);
  }

  static Category NewCategory(const std::string& code, const std::string& name, std::optional<int64_t> parent) {
    Category c;
    c.code = code;
    c.name = name;
    c.parent_id = parent;
    c.sign_days = 1;
    c.handle_days = 5;
    c.max_extension_days = 4;
    return c;
  }

  // A received case (as after its create event), not yet stored.
  static Case NewCase(const std::string& number, TimeMs created) {
    Case c;
    c.number = number;
    c.facts.channel = "hotline";
    c.facts.category_code = "0101";
    c.facts.title = "标题 " + number;
    c.facts.text = "市民反映 " + number;
    c.facts.region_code = "360802";
    c.state = CaseState::kReceived;
    c.version = 1;
    c.created_at = c.updated_at = created;
    return c;
  }

  int64_t InsertCase(const Case& c, std::optional<int64_t> intake) {
    int64_t id = 0;
    MustWrite([&](Repositories& r) -> Status {
      ASSIGN_OR_RETURN(id, r.cases().Insert(c, intake));
      return Status::Ok();
    });
    return id;
  }

  Case GetCase(int64_t id) {
    std::optional<Case> out;
    MustRead([&](Repositories& r) -> Status {
      ASSIGN_OR_RETURN(out, r.cases().Get(id));
      return Status::Ok();
    });
    EXPECT_TRUE(out.has_value()) << "case " << id;
    return out.value_or(Case());
  }

  std::vector<CaseEvent> GetEvents(int64_t case_id) {
    std::vector<CaseEvent> out;
    MustRead([&](Repositories& r) -> Status {
      ASSIGN_OR_RETURN(out, r.cases().Events(case_id));
      return Status::Ok();
    });
    return out;
  }

  storage::PageOf<Case> ListCases(const CaseQuery& q) {
    storage::PageOf<Case> out;
    MustRead([&](Repositories& r) -> Status {
      ASSIGN_OR_RETURN(out, r.cases().List(q));
      return Status::Ok();
    });
    return out;
  }

  // Ids of every case the query finds (one big page), in the list's order; checks the total.
  std::vector<int64_t> Found(CaseQuery q) {
    q.page.page_size = 100;
    auto page = ListCases(q);
    std::vector<int64_t> ids;
    for (const Case& c : page.items) ids.push_back(c.id);
    EXPECT_EQ(page.total, static_cast<int64_t>(ids.size()));
    return ids;
  }
  std::vector<int64_t> FoundSorted(const CaseQuery& q) { return Sorted(Found(q)); }

  static CaseQuery Everything() {
    CaseQuery q;
    q.scope = ScopeFilter::All();
    return q;
  }

  std::vector<int64_t> VisibleTo(const ScopeFilter& scope, const std::vector<int64_t>& ids) {
    std::vector<int64_t> out;
    MustRead([&](Repositories& r) -> Status {
      for (int64_t id : ids) {
        ASSIGN_OR_RETURN(bool visible, r.cases().Visible(id, scope));
        if (visible) out.push_back(id);
      }
      return Status::Ok();
    });
    return Sorted(out);
  }

  org::Unit intake_, b_, b2_, c_, d_;
  int64_t clerk_ = 0, handler_b_ = 0, handler_c_ = 0, handler_d_ = 0, reporter_ = 0;
  int64_t cat01_ = 0, cat0101_ = 0, cat0102_ = 0, cat02_ = 0;
  int64_t chain_ = 0, enterprise_ = 0;
};

// ---- Catalogue --------------------------------------------------------------------------------

TEST_P(CaseworkContract, ChannelsArePutAndListedByCode) {
  MustWrite([&](Repositories& r) -> Status {
    Channel wish;
    wish.code = "micro_wish";
    wish.name = "微心愿";
    wish.active = false;
    RETURN_IF_ERROR(r.catalogue().PutChannel(wish));
    Channel hotline;  // an update of the existing one
    hotline.code = "hotline";
    hotline.name = "12345政务服务便民热线";
    hotline.on_the_spot = true;
    hotline.callback = false;
    return r.catalogue().PutChannel(hotline);
  });
  MustRead([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(auto all, r.catalogue().Channels());
    std::vector<std::string> codes;
    for (const Channel& ch : all) codes.push_back(ch.code);
    EXPECT_EQ(codes, (std::vector<std::string>{"hotline", "micro_wish", "patrol"}));
    ASSIGN_OR_RETURN(auto hotline, r.catalogue().GetChannel("hotline"));
    EXPECT_TRUE(hotline.has_value());
    if (hotline) {
      EXPECT_EQ(hotline->name, "12345政务服务便民热线");
      EXPECT_TRUE(hotline->on_the_spot);
      EXPECT_FALSE(hotline->callback);
      EXPECT_TRUE(hotline->active);
    }
    ASSIGN_OR_RETURN(auto wish, r.catalogue().GetChannel("micro_wish"));
    EXPECT_TRUE(wish.has_value());
    if (wish) {
      EXPECT_FALSE(wish->active);
      EXPECT_FALSE(wish->on_the_spot);
      EXPECT_TRUE(wish->callback);
    }
    ASSIGN_OR_RETURN(auto missing, r.catalogue().GetChannel("fax"));
    EXPECT_FALSE(missing.has_value());
    return Status::Ok();
  });
}

TEST_P(CaseworkContract, CategoriesRoundTripUpdateAndUniqueCodes) {
  Category full = NewCategory("0103", "井盖缺失", cat01_);
  full.sign_days = 2;
  full.handle_days = 7;
  full.max_extension_days = 9;
  full.ladder.warn_before_days = 3;
  full.ladder.supervise_after_days = 4;
  full.ladder.circulate_after_days = 6;
  full.ladder.escalate_after_days = 8;
  full.active = false;
  full.sort_order = 5;
  MustWrite([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(full.id, r.catalogue().InsertCategory(full));
    // A taken code is AlreadyExists naming the field, and the transaction goes on (no poisoned
    // PostgreSQL transaction): the next insert in it commits.
    Result<int64_t> dup = r.catalogue().InsertCategory(NewCategory("0103", "重复", cat01_));
    EXPECT_EQ(dup.status().code(), StatusCode::kAlreadyExists);
    EXPECT_EQ(dup.status().field(), "code");
    return r.catalogue().InsertCategory(NewCategory("03", "教育", std::nullopt)).status();
  });
  MustRead([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(auto got, r.catalogue().GetCategory(full.id));
    EXPECT_TRUE(got.has_value());
    if (got) {
      EXPECT_TRUE(*got == full);
    }
    ASSIGN_OR_RETURN(auto by_code, r.catalogue().GetCategoryByCode("0103"));
    EXPECT_TRUE(by_code.has_value() && *by_code == full);
    ASSIGN_OR_RETURN(auto missing, r.catalogue().GetCategoryByCode("99"));
    EXPECT_FALSE(missing.has_value());
    ASSIGN_OR_RETURN(auto all, r.catalogue().Categories());
    std::vector<std::string> codes;
    for (const Category& c : all) codes.push_back(c.code);
    EXPECT_EQ(codes, (std::vector<std::string>{"01", "0101", "0102", "0103", "02", "03"}));
    ASSIGN_OR_RETURN(int64_t children, r.catalogue().CountChildCategories(cat01_));
    EXPECT_EQ(children, 3);
    return Status::Ok();
  });
  // Update changes everything but the code and the parent.
  Category changed = full;
  changed.code = "0999";
  changed.parent_id = cat02_;
  changed.name = "井盖缺失或破损";
  changed.sign_days = 1;
  changed.handle_days = 3;
  changed.max_extension_days = 2;
  changed.ladder = casework::EscalationLadder{};
  changed.active = true;
  changed.sort_order = 1;
  MustWrite([&](Repositories& r) { return r.catalogue().UpdateCategory(changed); });
  Category expect = changed;
  expect.code = "0103";
  expect.parent_id = cat01_;
  MustRead([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(auto got, r.catalogue().GetCategory(full.id));
    EXPECT_TRUE(got.has_value() && *got == expect);
    return Status::Ok();
  });
  Category ghost = NewCategory("09", "不存在", std::nullopt);
  ghost.id = full.id + 1000;
  EXPECT_EQ(store_->Write([&](Repositories& r) { return r.catalogue().UpdateCategory(ghost); }).code(),
            StatusCode::kNotFound);
  EXPECT_EQ(store_->Write([&](Repositories& r) { return r.catalogue().DeleteCategory(ghost.id); }).code(),
            StatusCode::kNotFound);
  // A parent with children cannot go (the service refuses first; the database agrees).
  EXPECT_FALSE(store_->Write([&](Repositories& r) { return r.catalogue().DeleteCategory(cat01_); }).ok());
  // An unknown parent is refused by the database.
  EXPECT_FALSE(store_->Write([&](Repositories& r) {
                       return r.catalogue().InsertCategory(NewCategory("0401", "孤儿", cat02_ + 1000)).status();
                     }).ok());
}

TEST_P(CaseworkContract, RoutesPutReplaceListAndGoWithTheirCategory) {
  int64_t city = 0, county = 0, everywhere = 0, other = 0;
  MustWrite([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(city, r.catalogue().PutRoute(RoutingRule{0, cat0101_, "3608", b_.id}));
    ASSIGN_OR_RETURN(county, r.catalogue().PutRoute(RoutingRule{0, cat0101_, "360802", b2_.id}));
    ASSIGN_OR_RETURN(everywhere, r.catalogue().PutRoute(RoutingRule{0, cat01_, "", intake_.id}));
    ASSIGN_OR_RETURN(other, r.catalogue().PutRoute(RoutingRule{0, cat02_, "3608", d_.id}));
    // The same (category, region) again changes the unit of the existing rule.
    ASSIGN_OR_RETURN(int64_t again, r.catalogue().PutRoute(RoutingRule{0, cat0101_, "3608", c_.id}));
    EXPECT_EQ(again, city);
    return Status::Ok();
  });
  MustRead([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(auto of_road, r.catalogue().Routes({cat0101_, cat01_}));
    EXPECT_EQ(of_road.size(), 3u);
    std::vector<int64_t> ids;
    for (const RoutingRule& rule : of_road) ids.push_back(rule.id);
    EXPECT_EQ(ids, (std::vector<int64_t>{city, county, everywhere}));
    if (of_road.size() == 3) {
      EXPECT_EQ(of_road[0].unit_id, c_.id);
      EXPECT_EQ(of_road[0].category_id, cat0101_);
      EXPECT_EQ(of_road[0].region_code, "3608");
      EXPECT_EQ(of_road[2].region_code, "");
      // The rules as the lifecycle's router sees them.
      auto proposed = casework::ProposeRoute(of_road, {cat0101_, cat01_}, "360802001");
      EXPECT_EQ(proposed ? proposed->unit_id : 0, b2_.id);
    }
    ASSIGN_OR_RETURN(auto all, r.catalogue().Routes({}));
    EXPECT_EQ(all.size(), 4u);
    ASSIGN_OR_RETURN(auto none, r.catalogue().Routes({cat0102_}));
    EXPECT_TRUE(none.empty());
    return Status::Ok();
  });
  MustWrite([&](Repositories& r) { return r.catalogue().DeleteRoute(other); });
  EXPECT_EQ(store_->Write([&](Repositories& r) { return r.catalogue().DeleteRoute(other); }).code(), StatusCode::kNotFound);
  EXPECT_FALSE(store_->Write([&](Repositories& r) {
                       return r.catalogue().PutRoute(RoutingRule{0, cat02_, "", d_.id + 1000}).status();
                     }).ok())
      << "a rule to a unit that does not exist";
  // Deleting a category takes its rules.
  MustWrite([&](Repositories& r) { return r.catalogue().DeleteCategory(cat0101_); });
  MustRead([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(auto all, r.catalogue().Routes({}));
    EXPECT_EQ(all.size(), 1u);
    if (!all.empty()) {
      EXPECT_EQ(all[0].id, everywhere);
    }
    return Status::Ok();
  });
}

// ---- Cases ------------------------------------------------------------------------------------

TEST_P(CaseworkContract, CaseRoundTripsEveryFieldWithCoUnitsAndAbsorbed) {
  int64_t dup_low = InsertCase(NewCase("360802-20261130-0001", kMonday), intake_.id);
  int64_t dup_high = InsertCase(NewCase("360802-20261130-0002", kMonday), intake_.id);

  Case c = NewCase("360802-20261130-0003", kMonday + 1);
  CaseFacts& f = c.facts;
  f.channel = "patrol";
  f.category_code = "0102";
  f.title = "路灯不亮 100% 'quoted' \\";
  f.text = "第一行\n第二行：吉州区人民大道路灯不亮";
  f.region_code = "360803";
  f.address = "人民大道 88 号";
  f.reporter_name = "张三";
  f.reporter_phone = "13812345678";
  f.reporter_user_id = reporter_;
  f.subject_kind = SubjectKind::kEnterprise;
  f.enterprise_id = enterprise_;
  f.chain_id = chain_;
  c.state = CaseState::kHandling;
  c.version = 9;
  c.created_at = kMonday + 1;
  c.updated_at = kMonday + 2;
  c.accepted_at = kMonday + 3;
  c.lead_unit_id = b_.id;
  c.co_units = {{d_.id, CoState::kReplied}, {c_.id, CoState::kSigned}, {b2_.id, CoState::kDispatched}};
  c.handler_user_id = handler_b_;
  c.dispatched_at = kMonday + 4;
  c.sign_due_at = kMonday + 5;
  c.signed_at = kMonday + 6;
  c.due_at = kMonday + 7;
  c.suspended_since = kMonday + 8;
  c.suspended_ms = 9;
  c.extension_requested_days = 2;
  c.extension_days = 3;
  c.replied_at = kMonday + 10;
  c.outcome = Outcome::kPartlyResolved;
  c.closed_at = kMonday + 11;
  c.rating = 2;
  c.on_the_spot = true;
  c.signed_on_time = true;
  c.return_count = 2;
  c.reopen_count = 1;
  c.arbitrated = true;
  c.escalation = Escalation::kCirculate;
  c.merged_into = dup_low;
  c.id = InsertCase(c, intake_.id);
  ASSERT_GT(c.id, dup_high);

  // absorbed is what the fold makes of the case's absorb events: in their order, not by id.
  MustWrite([&](Repositories& r) {
    std::vector<CaseEvent> events;
    for (int64_t related : {dup_high, dup_low}) {
      CaseEvent e;
      e.case_id = c.id;
      e.seq = static_cast<int32_t>(events.size()) + 1;
      e.type = EventType::kAbsorb;
      e.at = kMonday;
      e.related_case_id = related;
      events.push_back(e);
    }
    return r.cases().AppendEvents(events);
  });
  c.absorbed = {dup_high, dup_low};
  Case got = GetCase(c.id);
  EXPECT_TRUE(got == c) << "stored: " << Describe(c) << "\nread:   " << Describe(got);

  Case resident = NewCase("360802-20261130-0004", kMonday);
  resident.facts.subject_kind = SubjectKind::kChild;
  resident.facts.subject_name = "李四";
  resident.id = InsertCase(resident, std::nullopt);
  Case got_resident = GetCase(resident.id);
  EXPECT_TRUE(got_resident == resident) << Describe(resident) << "\n" << Describe(got_resident);

  MustRead([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(auto by_number, r.cases().GetByNumber("360802-20261130-0003"));
    EXPECT_TRUE(by_number.has_value() && *by_number == c);
    ASSIGN_OR_RETURN(auto missing, r.cases().Get(c.id + 1000));
    EXPECT_FALSE(missing.has_value());
    ASSIGN_OR_RETURN(auto no_number, r.cases().GetByNumber("360802-20261130-9999"));
    EXPECT_FALSE(no_number.has_value());
    ASSIGN_OR_RETURN(int64_t count, r.cases().Count());
    EXPECT_EQ(count, 4);
    return Status::Ok();
  });

  // A taken number is AlreadyExists ("number") and leaves the transaction usable.
  MustWrite([&](Repositories& r) -> Status {
    Result<int64_t> dup = r.cases().Insert(NewCase("360802-20261130-0003", kMonday), intake_.id);
    EXPECT_EQ(dup.status().code(), StatusCode::kAlreadyExists);
    EXPECT_EQ(dup.status().field(), "number");
    return r.cases().Insert(NewCase("360802-20261130-0005", kMonday), intake_.id).status();
  });
  // References are checked by the database too.
  Case bad_category = NewCase("360802-20261130-0006", kMonday);
  bad_category.facts.category_code = "77";
  EXPECT_FALSE(store_->Write([&](Repositories& r) { return r.cases().Insert(bad_category, std::nullopt).status(); }).ok());
  Case bad_channel = NewCase("360802-20261130-0007", kMonday);
  bad_channel.facts.channel = "fax";
  EXPECT_FALSE(store_->Write([&](Repositories& r) { return r.cases().Insert(bad_channel, std::nullopt).status(); }).ok());
}

TEST_P(CaseworkContract, NextNumberCountsPerPrefixAndRollsBackWithItsTransaction) {
  std::vector<int64_t> got;
  MustWrite([&](Repositories& r) -> Status {
    for (const char* prefix : {"360802-20261130", "360802-20261130", "360803-20261130", "360802-20261130"}) {
      ASSIGN_OR_RETURN(int64_t n, r.cases().NextNumber(prefix));
      got.push_back(n);
    }
    return Status::Ok();
  });
  EXPECT_EQ(got, (std::vector<int64_t>{1, 2, 1, 3}));
  // A number taken in a transaction that rolls back is handed out again.
  Status failed = store_->Write([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(int64_t n, r.cases().NextNumber("360802-20261130"));
    EXPECT_EQ(n, 4);
    return FailedPrecondition("changed my mind");
  });
  EXPECT_EQ(failed.code(), StatusCode::kFailedPrecondition);
  MustWrite([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(int64_t n, r.cases().NextNumber("360802-20261130"));
    EXPECT_EQ(n, 4);
    ASSIGN_OR_RETURN(int64_t other_day, r.cases().NextNumber("360802-20261201"));
    EXPECT_EQ(other_day, 1);
    return Status::Ok();
  });
  EXPECT_FALSE(store_->Read([&](Repositories& r) { return r.cases().NextNumber("360802-20261130").status(); }).ok())
      << "numbers are handed out in write transactions only";
}

TEST_P(CaseworkContract, SaveProjectionChecksTheVersionAndKeepsEveryUnitInvolved) {
  Case c = NewCase("360802-20261130-0001", kMonday);
  c.id = InsertCase(c, intake_.id);

  // Two writers read version 1; the first to save wins.
  Case first = GetCase(c.id);
  Case second = first;
  first.state = CaseState::kDispatched;
  first.version = 2;
  first.lead_unit_id = b_.id;
  first.co_units = {{c_.id, CoState::kDispatched}, {b2_.id, CoState::kDispatched}};
  first.due_at = kMonday + 5 * kDayMs;
  second.state = CaseState::kRejected;
  second.version = 2;
  MustWrite([&](Repositories& r) { return r.cases().SaveProjection(first, 1); });
  Status lost = store_->Write([&](Repositories& r) { return r.cases().SaveProjection(second, 1); });
  EXPECT_EQ(lost.code(), StatusCode::kFailedPrecondition) << lost.ToString();
  Case stored = GetCase(c.id);
  EXPECT_TRUE(stored == first) << Describe(stored);

  // A stale version changes nothing, not even the co-units.
  Case stale = stored;
  stale.version = 3;
  stale.co_units.clear();
  stale.lead_unit_id = d_.id;
  EXPECT_EQ(store_->Write([&](Repositories& r) { return r.cases().SaveProjection(stale, 1); }).code(),
            StatusCode::kFailedPrecondition);
  EXPECT_TRUE(GetCase(c.id) == first);

  // Reassigned to d with no co-units: the co-units are replaced, every unit involved stays visible.
  Case moved = first;
  moved.version = 3;
  moved.lead_unit_id = d_.id;
  moved.co_units = {{b_.id, CoState::kDispatched}};
  MustWrite([&](Repositories& r) { return r.cases().SaveProjection(moved, 2); });
  EXPECT_TRUE(GetCase(c.id) == moved) << Describe(GetCase(c.id));
  for (int64_t unit : {intake_.id, b_.id, b2_.id, c_.id, d_.id}) {
    EXPECT_EQ(VisibleTo({ScopeKind::kOwnUnit, {unit}, "", 0}, {c.id}), std::vector<int64_t>{c.id}) << "unit " << unit;
  }
  Case ghost = moved;
  ghost.id = c.id + 1000;
  EXPECT_EQ(store_->Write([&](Repositories& r) { return r.cases().SaveProjection(ghost, 3); }).code(),
            StatusCode::kNotFound);
}

TEST_P(CaseworkContract, AppendEventsRefusesADuplicateSeqAndRollsBackWhole) {
  Case c = NewCase("360802-20261130-0001", kMonday);
  c.id = InsertCase(c, intake_.id);
  CaseEvent create = casework::CreateEvent(clerk_, intake_.id, kMonday);
  create.case_id = c.id;
  MustWrite([&](Repositories& r) { return r.cases().AppendEvents({create}); });
  CaseEvent accept;
  accept.case_id = c.id;
  accept.seq = 2;
  accept.type = EventType::kAccept;
  accept.from_state = CaseState::kReceived;
  accept.to_state = CaseState::kPendingDispatch;
  Status dup = store_->Write([&](Repositories& r) { return r.cases().AppendEvents({accept, create}); });
  EXPECT_EQ(dup.code(), StatusCode::kFailedPrecondition) << dup.ToString();
  std::vector<CaseEvent> events = GetEvents(c.id);
  ASSERT_EQ(events.size(), 1u) << "the accept before the duplicate went with the rollback";
  EXPECT_EQ(events[0].type, EventType::kCreate);
  // An event of a case that does not exist.
  CaseEvent orphan = accept;
  orphan.case_id = c.id + 1000;
  EXPECT_FALSE(store_->Write([&](Repositories& r) { return r.cases().AppendEvents({orphan}); }).ok());
}

TEST_P(CaseworkContract, EventsRoundTripEveryFieldOfEveryType) {
  Case a = NewCase("360802-20261130-0001", kMonday);
  a.id = InsertCase(a, intake_.id);
  Case b = NewCase("360802-20261130-0002", kMonday);
  b.id = InsertCase(b, intake_.id);
  const std::vector<CaseState> states = {CaseState::kReceived, CaseState::kPendingDispatch, CaseState::kDispatched,
                                         CaseState::kHandling, CaseState::kReturned, CaseState::kArbitration,
                                         CaseState::kReplied, CaseState::kClosed, CaseState::kArchived,
                                         CaseState::kRejected, CaseState::kMerged};
  const std::vector<Outcome> outcomes = {Outcome::kResolved, Outcome::kPartlyResolved, Outcome::kUnresolved,
                                         Outcome::kExplained};
  const std::vector<Escalation> rungs = {Escalation::kNone, Escalation::kWarning, Escalation::kUrge,
                                         Escalation::kSupervise, Escalation::kCirculate, Escalation::kEscalate};
  // Case a: every type with every field set (the storage keeps what it is given, whatever the
  // type); case b: the bare create event and events with every optional field empty.
  std::vector<CaseEvent> full;
  for (int t = 0; t <= static_cast<int>(EventType::kEscalate); ++t) {
    CaseEvent e;
    e.case_id = a.id;
    e.seq = t + 1;
    e.type = static_cast<EventType>(t);
    e.actor_user_id = 100 + t;
    e.actor_unit_id = 200 + t;
    e.at = kMonday + t * kHourMs;
    e.from_state = states[static_cast<size_t>(t) % states.size()];
    e.to_state = states[static_cast<size_t>(t + 3) % states.size()];
    e.note = "备注 " + std::to_string(t) + " ' \" % _ \\ ;";
    e.unit_id = 300 + t;
    e.co_unit_ids = {400 + t, 7, 399 + t};
    e.handler_user_id = 500 + t;
    e.sign_due_at = kMonday + t * kDayMs;
    e.due_at = kMonday + (t + 5) * kDayMs;
    e.days = t % 10 + 1;
    e.outcome = outcomes[static_cast<size_t>(t) % outcomes.size()];
    e.rating = t % 5 + 1;
    e.related_case_id = b.id;
    e.escalation = rungs[static_cast<size_t>(t) % rungs.size()];
    full.push_back(e);
  }
  std::vector<CaseEvent> bare;
  CaseEvent create = casework::CreateEvent(0, std::nullopt, kMonday);
  create.case_id = b.id;
  bare.push_back(create);
  for (EventType type : {EventType::kAccept, EventType::kEscalate}) {
    CaseEvent e;
    e.case_id = b.id;
    e.seq = static_cast<int32_t>(bare.size()) + 1;
    e.type = type;
    e.at = kMonday;
    bare.push_back(e);
  }
  MustWrite([&](Repositories& r) -> Status {
    RETURN_IF_ERROR(r.cases().AppendEvents(bare));  // b's first: ids are not in (case, seq) order
    return r.cases().AppendEvents(full);
  });
  std::vector<CaseEvent> read_a = GetEvents(a.id);
  std::vector<CaseEvent> read_b = GetEvents(b.id);
  ASSERT_EQ(read_a.size(), full.size());
  ASSERT_EQ(read_b.size(), bare.size());
  std::set<int64_t> ids;
  for (size_t i = 0; i < full.size(); ++i) {
    EXPECT_GT(read_a[i].id, 0);
    ids.insert(read_a[i].id);
    full[i].id = read_a[i].id;
  }
  for (size_t i = 0; i < bare.size(); ++i) {
    ids.insert(read_b[i].id);
    bare[i].id = read_b[i].id;
  }
  EXPECT_EQ(ids.size(), full.size() + bare.size()) << "ids are assigned, one each";
  EXPECT_EQ(Describe(read_a), Describe(full));
  EXPECT_EQ(Describe(read_b), Describe(bare));
  // Every event, in (case_id, seq) order.
  std::vector<CaseEvent> expect_all = a.id < b.id ? full : bare;
  for (const CaseEvent& e : a.id < b.id ? bare : full) expect_all.push_back(e);
  std::vector<CaseEvent> all;
  MustRead([&](Repositories& r) {
    return r.cases().ForEachEvent([&](const CaseEvent& e) {
      all.push_back(e);
      return Status::Ok();
    });
  });
  EXPECT_EQ(Describe(all), Describe(expect_all));
}

// Cases for the list tests, with what each filter should find.
class CaseListContract : public CaseworkContract {
 protected:
  void SetUp() override {
    CaseworkContract::SetUp();
    if (HasFatalFailure()) return;
    const TimeMs t = kMonday + 9 * kHourMs;
    now_ = t;
    // k1: handling at b with co-unit c, due tomorrow, reported by the resident's account.
    Case k1 = NewCase("360802-20261130-0001", t + 1);
    k1.facts.reporter_user_id = reporter_;
    k1.state = CaseState::kHandling;
    k1.lead_unit_id = b_.id;
    k1.co_units = {{c_.id, CoState::kSigned}};
    k1.handler_user_id = handler_b_;
    k1.due_at = t + kDayMs;
    k1.accepted_at = t - 3 * kDayMs;
    k1_ = InsertCase(k1, intake_.id);
    // k2: a patrol finding about the enterprise, dispatched to c, overdue.
    Case k2 = NewCase("360803-20261130-0001", t + 2);
    k2.facts.channel = "patrol";
    k2.facts.category_code = "0102";
    k2.facts.region_code = "360803";
    k2.facts.subject_kind = SubjectKind::kEnterprise;
    k2.facts.enterprise_id = enterprise_;
    k2.facts.chain_id = chain_;
    k2.state = CaseState::kDispatched;
    k2.lead_unit_id = c_.id;
    k2.due_at = t - kDayMs;
    k2.accepted_at = t - 2 * kDayMs;
    k2_ = InsertCase(k2, intake_.id);
    // k3: closed at b2, past its due time (not overdue: closed), the newest.
    Case k3 = NewCase("440300-20261130-0001", t + 9);
    k3.facts.category_code = "02";
    k3.facts.region_code = "4403";
    k3.state = CaseState::kClosed;
    k3.lead_unit_id = b2_.id;
    k3.due_at = t - 2 * kDayMs;
    k3.accepted_at = t - kDayMs;
    k3_ = InsertCase(k3, intake_.id);
    // k4: handling at d, overdue but suspended; the reporter's phone ends in 1234. d took it in.
    Case k4 = NewCase("360802-20261130-0002", t + 4);
    k4.facts.reporter_phone = "13800001234";
    k4.state = CaseState::kHandling;
    k4.lead_unit_id = d_.id;
    k4.due_at = t - 3 * kDayMs;
    k4.suspended_since = t - 4 * kDayMs;
    k4.accepted_at = t;
    k4_ = InsertCase(k4, d_.id);
    // k5: just received, in the city, no unit but the intake; filed by the resident.
    Case k5 = NewCase("360800-20261130-0001", t + 5);
    k5.facts.category_code = "01";
    k5.facts.region_code = "3608";
    k5.facts.title = "路灯不亮";
    k5_ = InsertCase(k5, intake_.id);
    // k6: dispatched to b, then returned (no lead any more), overdue.
    Case k6 = NewCase("360802-20261130-0003", t + 6);
    k6.state = CaseState::kDispatched;
    k6.lead_unit_id = b_.id;
    k6.due_at = t - 5 * kDayMs;
    k6.accepted_at = t - 4 * kDayMs;
    k6_ = InsertCase(k6, intake_.id);
    Case returned = GetCase(k6_);
    returned.state = CaseState::kReturned;
    returned.version = 2;
    returned.lead_unit_id.reset();
    returned.return_count = 1;
    MustWrite([&](Repositories& r) -> Status {
      RETURN_IF_ERROR(r.cases().SaveProjection(returned, 1));
      CaseEvent by_resident = casework::CreateEvent(reporter_, std::nullopt, t);
      by_resident.case_id = k5_;
      CaseEvent by_clerk = casework::CreateEvent(clerk_, intake_.id, t);
      by_clerk.case_id = k2_;
      return r.cases().AppendEvents({by_resident, by_clerk});
    });
    all_ = Sorted({k1_, k2_, k3_, k4_, k5_, k6_});
  }
  TimeMs now_ = 0;
  int64_t k1_ = 0, k2_ = 0, k3_ = 0, k4_ = 0, k5_ = 0, k6_ = 0;
  std::vector<int64_t> all_;
};

TEST_P(CaseListContract, EachFilterFindsItsCases) {
  CaseQuery q = Everything();
  EXPECT_EQ(FoundSorted(q), all_);
  q = Everything();
  q.q = "路灯";
  EXPECT_EQ(FoundSorted(q), std::vector<int64_t>{k5_});
  q.q = "440300-2026";
  EXPECT_EQ(FoundSorted(q), std::vector<int64_t>{k3_});
  q.q = "1234";
  EXPECT_EQ(FoundSorted(q), std::vector<int64_t>{k4_}) << "the phone's last four digits";
  q.q = "3800";
  EXPECT_TRUE(FoundSorted(q).empty()) << "other digits of the phone are not searched";
  q.q = "%";
  EXPECT_TRUE(FoundSorted(q).empty()) << "wildcards are literal";
  q = Everything();
  q.states = {CaseState::kHandling};
  EXPECT_EQ(FoundSorted(q), Sorted({k1_, k4_}));
  q.states = {CaseState::kDispatched, CaseState::kReturned, CaseState::kArchived};
  EXPECT_EQ(FoundSorted(q), Sorted({k2_, k6_}));
  q = Everything();
  q.unit_id = c_.id;
  EXPECT_EQ(FoundSorted(q), std::vector<int64_t>{k2_});
  q.include_co_units = true;
  EXPECT_EQ(FoundSorted(q), Sorted({k1_, k2_}));
  q.unit_id = b_.id;
  EXPECT_EQ(FoundSorted(q), std::vector<int64_t>{k1_}) << "a unit the case left is not its lead unit";
  q = Everything();
  q.handler_user_id = handler_b_;
  EXPECT_EQ(FoundSorted(q), std::vector<int64_t>{k1_});
  q = Everything();
  q.channel = "patrol";
  EXPECT_EQ(FoundSorted(q), std::vector<int64_t>{k2_});
  q = Everything();
  q.category_code = "01";
  EXPECT_EQ(FoundSorted(q), Sorted({k1_, k2_, k4_, k5_, k6_}));
  q.category_code = "0101";
  EXPECT_EQ(FoundSorted(q), Sorted({k1_, k4_, k6_}));
  q.category_code = "02";
  EXPECT_EQ(FoundSorted(q), std::vector<int64_t>{k3_});
  q = Everything();
  q.region_code = "3608";
  EXPECT_EQ(FoundSorted(q), Sorted({k1_, k2_, k4_, k5_, k6_}));
  q.region_code = "360802";
  EXPECT_EQ(FoundSorted(q), Sorted({k1_, k4_, k6_}));
  q.region_code = "36080";
  EXPECT_EQ(FoundSorted(q), Sorted({k1_, k2_, k4_, k6_}));
  q.region_code = "44";
  EXPECT_EQ(FoundSorted(q), std::vector<int64_t>{k3_});
  q.region_code = "3_";
  EXPECT_TRUE(FoundSorted(q).empty()) << "wildcards in a prefix are literal";
  q = Everything();
  q.enterprise_id = enterprise_;
  EXPECT_EQ(FoundSorted(q), std::vector<int64_t>{k2_});
  q = Everything();
  q.chain_id = chain_;
  EXPECT_EQ(FoundSorted(q), std::vector<int64_t>{k2_});
  q = Everything();
  q.reporter_user_id = reporter_;
  EXPECT_EQ(FoundSorted(q), std::vector<int64_t>{k1_});
  q = Everything();
  q.due_before = now_;
  EXPECT_EQ(FoundSorted(q), Sorted({k2_, k6_})) << "open, not suspended, due before";
  q.due_before = now_ + 2 * kDayMs;
  EXPECT_EQ(FoundSorted(q), Sorted({k1_, k2_, k6_}));
  q = Everything();
  q.accepted_from = now_ - 2 * kDayMs;
  EXPECT_EQ(FoundSorted(q), Sorted({k2_, k3_, k4_}));
  q.accepted_to = now_;
  EXPECT_EQ(FoundSorted(q), Sorted({k2_, k3_}));
  q = Everything();
  q.ids = {k5_, k3_, k5_};
  EXPECT_EQ(FoundSorted(q), Sorted({k3_, k5_}));
  // Filters combine.
  q = Everything();
  q.region_code = "3608";
  q.states = {CaseState::kHandling, CaseState::kDispatched};
  q.category_code = "0101";
  EXPECT_EQ(FoundSorted(q), Sorted({k1_, k4_}));
  q.region_code = "360803";
  EXPECT_TRUE(FoundSorted(q).empty());
}

TEST_P(CaseListContract, DueBeforeFindsOpenStatesOnly) {
  // One case in every state, all due long ago: only the open ones (casework::IsOpen) are overdue.
  std::vector<int64_t> open;
  const TimeMs t = now_;
  for (int s = 0; s <= static_cast<int>(CaseState::kMerged); ++s) {
    Case c = NewCase("999999-20261130-" + std::to_string(100 + s), t);
    c.state = static_cast<CaseState>(s);
    c.due_at = t - 30 * kDayMs;
    int64_t id = InsertCase(c, std::nullopt);
    if (casework::IsOpen(c.state)) open.push_back(id);
  }
  EXPECT_EQ(open.size(), 4u);
  CaseQuery q = Everything();
  q.due_before = t - 10 * kDayMs;
  EXPECT_EQ(FoundSorted(q), Sorted(open));
  std::vector<int64_t> running;
  MustRead([&](Repositories& r) {
    return r.cases().ForEachRunning(std::numeric_limits<TimeMs>::max(), [&](const Case& c) {
      running.push_back(c.id);
      return Status::Ok();
    });
  });
  // The timer's list: every open, unsuspended case with a deadline, soonest first (ties by id).
  std::vector<int64_t> expect = open;
  for (int64_t id : {k6_, k2_, k1_}) expect.push_back(id);
  EXPECT_EQ(running, expect);
  // With a bound: only those due before it (the overdue ones here).
  std::vector<int64_t> due_soon;
  MustRead([&](Repositories& r) {
    return r.cases().ForEachRunning(t - 10 * kDayMs, [&](const Case& c) {
      due_soon.push_back(c.id);
      return Status::Ok();
    });
  });
  EXPECT_EQ(due_soon, open);
}

TEST_P(CaseListContract, ScopesSeeTheCasesTheirUnitsTookPartIn) {
  auto scoped = [&](ScopeFilter scope) {
    CaseQuery q = Everything();
    q.scope = scope;
    std::vector<int64_t> listed = FoundSorted(q);
    EXPECT_EQ(VisibleTo(scope, all_), listed) << "Visible agrees with List for " << auth::ScopeKindName(scope.kind);
    return listed;
  };
  EXPECT_EQ(scoped(ScopeFilter::All()), all_);
  // b led k1 and k6 (k6 has been returned since: b still sees it).
  EXPECT_EQ(scoped({ScopeKind::kUnits, {b_.id}, "", 0}), Sorted({k1_, k6_}));
  EXPECT_EQ(scoped({ScopeKind::kOwnUnit, {c_.id}, "", 0}), Sorted({k1_, k2_})) << "c co-handles k1";
  EXPECT_EQ(scoped({ScopeKind::kOwnUnit, {d_.id}, "", 0}), std::vector<int64_t>{k4_}) << "d took k4 in and leads it";
  EXPECT_EQ(scoped({ScopeKind::kUnits, {b2_.id, d_.id}, "", 0}), Sorted({k3_, k4_}));
  EXPECT_EQ(scoped({ScopeKind::kOwnUnitAndBelow, {}, b_.path, 0}), Sorted({k1_, k3_, k6_}));
  EXPECT_EQ(scoped({ScopeKind::kOwnUnitAndBelow, {}, intake_.path, 0}), Sorted({k1_, k2_, k3_, k5_, k6_}));
  EXPECT_TRUE(scoped({ScopeKind::kUnits, {}, "", 0}).empty());
  EXPECT_TRUE(scoped({ScopeKind::kOwnUnitAndBelow, {}, "", 0}).empty());
  // Self: the cases the user reported (k1) or filed (k5's create event).
  EXPECT_EQ(scoped({ScopeKind::kSelf, {}, "", reporter_}), Sorted({k1_, k5_}));
  EXPECT_EQ(scoped({ScopeKind::kSelf, {}, "", clerk_}), std::vector<int64_t>{k2_});
  EXPECT_TRUE(scoped({ScopeKind::kSelf, {}, "", 0}).empty());
  // The default query (self of nobody) sees nothing.
  EXPECT_TRUE(Found(CaseQuery{}).empty());
  // Scope and filters combine.
  CaseQuery q = Everything();
  q.scope = {ScopeKind::kOwnUnitAndBelow, {}, b_.path, 0};
  q.states = {CaseState::kClosed, CaseState::kHandling};
  EXPECT_EQ(FoundSorted(q), Sorted({k1_, k3_}));
}

TEST_P(CaseListContract, OrdersAndPages) {
  CaseQuery q = Everything();
  // Newest by creation time (k3 was created last, though not inserted last).
  EXPECT_EQ(Found(q), (std::vector<int64_t>{k3_, k6_, k5_, k4_, k2_, k1_}));
  q.order = CaseQuery::Order::kDueSoonest;
  EXPECT_EQ(Found(q), (std::vector<int64_t>{k6_, k4_, k3_, k2_, k1_, k5_})) << "no due time last";
  q.page.page_size = 4;
  q.page.page = 2;
  auto page = ListCases(q);
  EXPECT_EQ(page.total, 6);
  ASSERT_EQ(page.items.size(), 2u);
  EXPECT_EQ(page.items[0].id, k1_);
  EXPECT_EQ(page.items[1].id, k5_);
  q.page.page = 3;
  page = ListCases(q);
  EXPECT_EQ(page.total, 6);
  EXPECT_TRUE(page.items.empty());
  // Listed cases carry their co-units like Get.
  q = Everything();
  q.ids = {k1_};
  page = ListCases(q);
  ASSERT_EQ(page.items.size(), 1u);
  EXPECT_TRUE(page.items[0] == GetCase(k1_));
  EXPECT_EQ(page.items[0].co_units.size(), 1u);
}

TEST_P(CaseworkContract, LongReadsGoInBatchesInOrder) {
  // More rows than one batch of the keyset reads (512), with ties in due time.
  constexpr int kCases = 600;
  std::vector<int64_t> ids;
  std::vector<std::pair<TimeMs, int64_t>> running;
  MustWrite([&](Repositories& r) -> Status {
    for (int i = 0; i < kCases; ++i) {
      char number[32];
      std::snprintf(number, sizeof number, "360802-20261130-%04d", i + 1);
      Case c = NewCase(number, kMonday + i);
      c.state = CaseState::kDispatched;
      c.lead_unit_id = i % 2 ? b_.id : c_.id;
      c.due_at = kMonday + (i * 7919 % 300) * kHourMs;  // repeats: ties are broken by id
      c.co_units = {{d_.id, CoState::kDispatched}};
      ASSIGN_OR_RETURN(c.id, r.cases().Insert(c, intake_.id));
      ids.push_back(c.id);
      running.emplace_back(*c.due_at, c.id);
      CaseEvent create = casework::CreateEvent(clerk_, intake_.id, kMonday);
      create.case_id = c.id;
      CaseEvent accept = create;
      accept.seq = 2;
      accept.type = EventType::kAccept;
      accept.to_state = CaseState::kPendingDispatch;
      RETURN_IF_ERROR(r.cases().AppendEvents({create, accept}));
    }
    return Status::Ok();
  });
  std::sort(running.begin(), running.end());
  std::vector<int64_t> running_ids;
  for (const auto& [due, id] : running) running_ids.push_back(id);

  std::vector<int64_t> each, each_running;
  std::vector<std::pair<int64_t, int32_t>> events;
  size_t co_units = 0;
  MustRead([&](Repositories& r) -> Status {
    RETURN_IF_ERROR(r.cases().ForEach(Everything(), [&](const Case& c) {
      each.push_back(c.id);
      co_units += c.co_units.size();
      return Status::Ok();
    }));
    RETURN_IF_ERROR(r.cases().ForEachRunning(std::numeric_limits<TimeMs>::max(), [&](const Case& c) {
      each_running.push_back(c.id);
      return Status::Ok();
    }));
    return r.cases().ForEachEvent([&](const CaseEvent& e) {
      events.emplace_back(e.case_id, e.seq);
      return Status::Ok();
    });
  });
  EXPECT_EQ(each, ids);
  EXPECT_EQ(co_units, static_cast<size_t>(kCases));
  EXPECT_EQ(each_running, running_ids);
  ASSERT_EQ(events.size(), 2u * kCases);
  EXPECT_TRUE(std::is_sorted(events.begin(), events.end()));
  EXPECT_EQ((std::set<std::pair<int64_t, int32_t>>(events.begin(), events.end()).size()), events.size());
  // Filters apply across batches too, and a sink's error stops the walk.
  CaseQuery half = Everything();
  half.unit_id = b_.id;
  int seen = 0;
  MustRead([&](Repositories& r) {
    return r.cases().ForEach(half, [&](const Case& c) {
      EXPECT_EQ(c.lead_unit_id, std::optional<int64_t>(b_.id));
      ++seen;
      return Status::Ok();
    });
  });
  EXPECT_EQ(seen, kCases / 2);
  int calls = 0;
  Status stopped = store_->Read([&](Repositories& r) {
    return r.cases().ForEachEvent(
        [&](const CaseEvent&) { return ++calls == 700 ? ResourceExhausted("enough") : Status::Ok(); });
  });
  EXPECT_EQ(stopped.code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(calls, 700);
}

// The full-text index's reads: every case's texts with the units it involved (intake, leads and
// co-units, also after a reassignment), in id order across batches; Texts for chosen ids; Ids with
// the list filters.
TEST_P(CaseworkContract, TextsCarryTheUnitsInvolvedAndIdsApplyTheFilters) {
  constexpr int kCases = 600;  // more than one keyset batch
  std::vector<int64_t> ids;
  std::map<int64_t, std::vector<int64_t>> units;
  std::map<int64_t, std::string> numbers;
  MustWrite([&](Repositories& r) -> Status {
    for (int i = 0; i < kCases; ++i) {
      char number[32];
      std::snprintf(number, sizeof number, "360802-20261130-%04d", i + 1);
      Case c = NewCase(number, kMonday + i);
      c.state = CaseState::kDispatched;
      c.lead_unit_id = i % 2 ? b_.id : c_.id;
      if (i % 3 == 0) c.co_units = {{d_.id, CoState::kDispatched}};
      ASSIGN_OR_RETURN(c.id, r.cases().Insert(c, intake_.id));
      ids.push_back(c.id);
      numbers[c.id] = number;
      std::vector<int64_t> involved = {intake_.id, *c.lead_unit_id};
      if (i % 3 == 0) involved.push_back(d_.id);
      std::sort(involved.begin(), involved.end());
      units[c.id] = involved;
    }
    return Status::Ok();
  });
  // Reassign the first case to b2: it keeps its earlier units.
  Case moved = GetCase(ids[0]);
  moved.version = 2;
  moved.lead_unit_id = b2_.id;
  MustWrite([&](Repositories& r) { return r.cases().SaveProjection(moved, 1); });
  units[ids[0]].push_back(b2_.id);
  std::sort(units[ids[0]].begin(), units[ids[0]].end());

  std::vector<int64_t> seen;
  MustRead([&](Repositories& r) {
    return r.cases().ForEachText([&](const storage::CaseText& t) {
      seen.push_back(t.id);
      EXPECT_EQ(t.unit_ids, units[t.id]) << "case " << t.id;
      EXPECT_EQ(t.title, "标题 " + numbers[t.id]);
      EXPECT_EQ(t.text, "市民反映 " + numbers[t.id]);
      return Status::Ok();
    });
  });
  EXPECT_EQ(seen, ids);

  std::vector<storage::CaseText> some;
  MustRead([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(some, r.cases().Texts({ids[5], ids[0] + 100000, ids[0], ids[5]}));
    return Status::Ok();
  });
  ASSERT_EQ(some.size(), 2u) << "absent ids left out, duplicates once";
  EXPECT_EQ(some[0].id, ids[0]);
  EXPECT_EQ(some[0].unit_ids, units[ids[0]]);
  EXPECT_EQ(some[1].id, ids[5]);

  CaseQuery at_b = Everything();
  at_b.unit_id = b_.id;
  CaseQuery chosen = at_b;
  chosen.ids = {ids[1], ids[2], ids[3], ids[0]};
  std::vector<int64_t> all_b, chosen_b;
  MustRead([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(all_b, r.cases().Ids(at_b));
    ASSIGN_OR_RETURN(chosen_b, r.cases().Ids(chosen));
    return Status::Ok();
  });
  std::vector<int64_t> expected;
  for (int i = 1; i < kCases; i += 2) expected.push_back(ids[i]);
  EXPECT_EQ(all_b, expected);
  EXPECT_EQ(chosen_b, (std::vector<int64_t>{ids[1], ids[3]}));
}

// ---- The lifecycle, stored and rebuilt ---------------------------------------------------------

class CaseLifecycleContract : public CaseworkContract {
 protected:
  // Files a case as `actor` of `unit` at now_: numbers it, stores it with its create event.
  int64_t File(CaseFacts facts, int64_t actor, std::optional<int64_t> unit) {
    int64_t id = 0;
    MustWrite([&](Repositories& r) -> Status {
      RETURN_IF_ERROR(casework::NormaliseFacts(facts));
      Case c;
      c.facts = facts;
      const std::string prefix = casework::CaseNumberPrefix(facts.region_code, now_);
      ASSIGN_OR_RETURN(int64_t seq, r.cases().NextNumber(prefix));
      c.number = casework::CaseNumber(facts.region_code, now_, seq);
      CaseEvent create = casework::CreateEvent(actor, unit, now_);
      RETURN_IF_ERROR(casework::Apply(c, create));
      ASSIGN_OR_RETURN(id, r.cases().Insert(c, unit));
      create.case_id = id;
      return r.cases().AppendEvents({create});
    });
    return id;
  }

  static CaseFacts Facts(const std::string& channel, const std::string& text) {
    CaseFacts f;
    f.channel = channel;
    f.category_code = "0101";
    f.text = text;
    f.region_code = "360802";
    f.reporter_phone = "138 0000 5678";
    return f;
  }

  // Runs the commands in one transaction, as a service would: load, decide, fold, append, save.
  Status Act(const std::vector<std::pair<int64_t, Command>>& commands) {
    return store_->Write([&](Repositories& r) -> Status {
      for (const auto& [id, cmd] : commands) {
        ASSIGN_OR_RETURN(auto found, r.cases().Get(id));
        if (!found) return NotFound("case " + std::to_string(id));
        Case c = std::move(*found);
        ASSIGN_OR_RETURN(auto category, r.catalogue().GetCategoryByCode(c.facts.category_code));
        ASSIGN_OR_RETURN(auto channel, r.catalogue().GetChannel(c.facts.channel));
        if (!category || !channel) return NotFound("the case's category or channel");
        casework::DecideContext ctx;
        ctx.now = now_;
        ctx.category = &*category;
        ctx.channel = &*channel;
        ctx.working = &working_;
        ASSIGN_OR_RETURN(auto events, casework::Decide(c, cmd, ctx));
        const int32_t previous = c.version;
        for (const CaseEvent& e : events) RETURN_IF_ERROR(casework::Apply(c, e));
        RETURN_IF_ERROR(r.cases().AppendEvents(events));
        RETURN_IF_ERROR(r.cases().SaveProjection(c, previous));
      }
      return Status::Ok();
    });
  }
  void Do(int64_t id, const Command& cmd) {
    Status st = Act({{id, cmd}});
    ASSERT_TRUE(st.ok()) << casework::EventTypeName(cmd.type) << " on case " << id << ": " << st.ToString();
  }

  Command Intake(EventType type, std::string note = "") const {
    return Cmd(type, Party::kIntake, clerk_, intake_.id, std::move(note));
  }
  static Command Cmd(EventType type, Party party, int64_t actor, std::optional<int64_t> unit, std::string note = "") {
    Command c;
    c.type = type;
    c.party = party;
    c.actor_user_id = actor;
    c.actor_unit_id = unit;
    c.note = std::move(note);
    return c;
  }
  Command Send(EventType type, int64_t unit, std::vector<int64_t> co = {}, std::string note = "") const {
    Command c = Intake(type, std::move(note));
    c.unit_id = unit;
    c.co_unit_ids = std::move(co);
    return c;
  }

  WeekendsOffForTest working_;
  TimeMs now_ = kMonday + 9 * kHourMs;
};

TEST_P(CaseLifecycleContract, EveryStoredCaseEqualsTheRebuildOfItsEvents) {
  const int64_t lead_b = handler_b_, lead_c = handler_c_, lead_d = handler_d_;
  // A: the long way round, with co-handling, an extension, a suspension over a weekend, a
  // dissatisfied callback that reopens it, two duplicates merged in, archived at the end.
  int64_t a = File(Facts("hotline", "人民大道路面塌陷"), clerk_, intake_.id);
  int64_t dup1 = File(Facts("hotline", "人民大道有个坑"), clerk_, intake_.id);
  int64_t dup2 = File(Facts("hotline", "人民大道路面破损"), reporter_, std::nullopt);
  Do(a, Intake(EventType::kAccept));
  Do(a, Send(EventType::kDispatch, b_.id, {c_.id}));
  now_ += 2 * kHourMs;
  Do(a, Cmd(EventType::kSign, Party::kLeadUnit, lead_b, b_.id));
  Do(a, Cmd(EventType::kCoSign, Party::kCoUnit, lead_c, c_.id));
  Do(dup1, Intake(EventType::kAccept));
  // Merged in the order the clerk found them: the later case first.
  for (int64_t dup : {dup2, dup1}) {
    Command merge = Intake(EventType::kMerge, "重复诉求");
    merge.related_case_id = a;
    Command absorb = Intake(EventType::kAbsorb, "合并重复诉求");
    absorb.related_case_id = dup;
    ASSERT_TRUE(Act({{dup, merge}, {a, absorb}}).ok());
  }
  now_ += kDayMs;
  Do(a, Cmd(EventType::kProgress, Party::kLeadUnit, lead_b, b_.id, "已安排施工队"));
  Do(a, Cmd(EventType::kCoReply, Party::kCoUnit, lead_c, c_.id, "已设置围挡"));
  Command extend = Cmd(EventType::kRequestExtension, Party::kLeadUnit, lead_b, b_.id, "需要等待材料");
  extend.days = 2;
  Do(a, extend);
  Do(a, Intake(EventType::kApproveExtension));
  Do(a, Intake(EventType::kSuspend, "雨季暂停施工"));  // Tuesday 11:00
  now_ += 6 * kDayMs;                                   // over the weekend to Monday
  Do(a, Intake(EventType::kResume));
  Command reply = Cmd(EventType::kReply, Party::kLeadUnit, lead_b, b_.id, "已修复路面");
  reply.outcome = Outcome::kResolved;
  Do(a, reply);
  Command unhappy = Cmd(EventType::kCallback, Party::kReporter, reporter_, std::nullopt);
  unhappy.rating = 2;
  Do(a, unhappy);
  Do(a, Cmd(EventType::kCoReply, Party::kCoUnit, lead_c, c_.id, "围挡已撤除"));
  Do(a, reply);
  Command happy = Cmd(EventType::kCallback, Party::kIntake, clerk_, intake_.id);
  happy.rating = 5;
  Do(a, happy);
  Do(a, Intake(EventType::kArchive));

  // B: returned three times into arbitration, then escalated past its deadline.
  int64_t b = File(Facts("hotline", "小区噪音扰民"), clerk_, intake_.id);
  Do(b, Intake(EventType::kAccept));
  Do(b, Send(EventType::kDispatch, b_.id));
  Do(b, Send(EventType::kReassign, c_.id, {}, "职责在城管"));
  Do(b, Cmd(EventType::kReturn, Party::kLeadUnit, lead_c, c_.id, "不属于本单位职责"));
  Do(b, Send(EventType::kDispatch, d_.id));
  Do(b, Cmd(EventType::kReturn, Party::kLeadUnit, lead_d, d_.id, "不在本辖区"));
  Do(b, Send(EventType::kDispatch, b_.id, {d_.id}));
  Do(b, Cmd(EventType::kSign, Party::kLeadUnit, lead_b, b_.id));
  Do(b, Cmd(EventType::kReturn, Party::kLeadUnit, lead_b, b_.id, "仍不属于本单位"));
  Command arbitrate = Send(EventType::kArbitrate, c_.id, {}, "按三定方案由城管办理");
  arbitrate.party = Party::kArbiter;
  Do(b, arbitrate);
  Do(b, Cmd(EventType::kSign, Party::kLeadUnit, lead_c, c_.id));
  now_ += 12 * kDayMs;
  {
    Case before = GetCase(b);
    ASSERT_TRUE(before.due_at.has_value());
    auto category = NewCategory("0101", "道路破损", cat01_);
    auto due = casework::DueRungs(before, category, working_, now_);
    ASSERT_TRUE(due.ok()) << due.status().ToString();
    ASSERT_GE(due->size(), 3u) << "warning, urge and supervise are due";
    for (const casework::Rung& rung : *due) {
      Command up = Cmd(EventType::kEscalate, Party::kSystem, 0, std::nullopt);
      up.escalation = rung.level;
      Do(b, up);
    }
  }
  Command explained = Cmd(EventType::kReply, Party::kLeadUnit, lead_c, c_.id, "已约谈施工方");
  explained.outcome = Outcome::kExplained;
  Do(b, explained);
  Do(b, Intake(EventType::kClose, "回访电话无人接听"));

  // C: a patrol finding resolved on the spot. E: not accepted.
  int64_t c = File(Facts("patrol", "占道经营"), clerk_, c_.id);
  Command spot = Intake(EventType::kResolveOnSpot, "当场劝离");
  spot.unit_id = c_.id;
  Do(c, spot);
  int64_t e = File(Facts("hotline", "咨询社保政策"), reporter_, std::nullopt);
  Do(e, Intake(EventType::kReject, "不属于受理范围"));

  // A command decided on an older version (a second writer) is refused and changes nothing.
  Command late = Intake(EventType::kClose, "重复提交");
  late.expected_version = 3;
  Status stale = Act({{b, late}});
  EXPECT_EQ(stale.code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(stale.field(), "expected_version");

  // What the run did, as stored.
  Case got_a = GetCase(a);
  EXPECT_EQ(got_a.state, CaseState::kArchived);
  EXPECT_EQ(got_a.reopen_count, 1);
  EXPECT_EQ(got_a.extension_days, 2);
  EXPECT_GT(got_a.suspended_ms, 0);
  EXPECT_EQ(got_a.rating, std::optional<int32_t>(5));
  EXPECT_EQ(got_a.absorbed, (std::vector<int64_t>{dup2, dup1}));
  EXPECT_EQ(got_a.co_units, (std::vector<CoUnit>{{c_.id, CoState::kReplied}}));
  EXPECT_EQ(GetCase(dup1).merged_into, std::optional<int64_t>(a));
  EXPECT_EQ(GetCase(dup2).state, CaseState::kMerged);
  Case got_b = GetCase(b);
  EXPECT_EQ(got_b.state, CaseState::kClosed);
  EXPECT_EQ(got_b.return_count, 3);
  EXPECT_TRUE(got_b.arbitrated);
  EXPECT_GE(got_b.escalation, Escalation::kSupervise);
  EXPECT_EQ(got_b.lead_unit_id, std::optional<int64_t>(c_.id));
  EXPECT_TRUE(GetCase(c).on_the_spot);
  EXPECT_EQ(GetCase(e).state, CaseState::kRejected);

  // Every unit that handled B keeps seeing it after it moved on; the reporter sees what they filed.
  for (int64_t unit : {intake_.id, b_.id, c_.id, d_.id}) {
    EXPECT_EQ(VisibleTo({ScopeKind::kOwnUnit, {unit}, "", 0}, {b}), std::vector<int64_t>{b}) << "unit " << unit;
  }
  EXPECT_EQ(VisibleTo({ScopeKind::kOwnUnit, {b2_.id}, "", 0}, {a, b, c, e}), std::vector<int64_t>{});
  EXPECT_EQ(VisibleTo({ScopeKind::kSelf, {}, "", reporter_}, {a, b, c, dup1, dup2, e}), Sorted({dup2, e}));

  // Rebuild every case from its events and compare with what is stored.
  auto mismatches = [&]() {
    std::map<int64_t, std::vector<CaseEvent>> history;
    std::vector<std::string> out;
    MustRead([&](Repositories& r) -> Status {
      RETURN_IF_ERROR(r.cases().ForEachEvent([&](const CaseEvent& ev) {
        history[ev.case_id].push_back(ev);
        return Status::Ok();
      }));
      return r.cases().ForEach(Everything(), [&](const Case& stored) {
        auto rebuilt = casework::Rebuild(stored.id, stored.number, stored.facts, history[stored.id]);
        if (!rebuilt.ok()) {
          out.push_back(stored.number + ": " + rebuilt.status().ToString());
        } else if (!(*rebuilt == stored)) {
          out.push_back("stored:  " + Describe(stored) + "\nrebuilt: " + Describe(*rebuilt));
        }
        history.erase(stored.id);
        return Status::Ok();
      });
    });
    for (const auto& [id, events] : history) out.push_back("events of a missing case " + std::to_string(id));
    return out;
  };
  std::vector<std::string> found = mismatches();
  EXPECT_TRUE(found.empty()) << ::testing::PrintToString(found);
  MustRead([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(int64_t count, r.cases().Count());
    EXPECT_EQ(count, 6);
    return Status::Ok();
  });

  // The comparison does catch a projection that no event explains.
  Case tampered = GetCase(e);
  tampered.rating = 3;
  MustWrite([&](Repositories& r) { return r.cases().SaveProjection(tampered, tampered.version); });
  found = mismatches();
  ASSERT_EQ(found.size(), 1u);
  EXPECT_NE(found[0].find(tampered.number), std::string::npos) << found[0];
}

// ---- Notifications ----------------------------------------------------------------------------

TEST_P(CaseworkContract, NotificationsListCountAndMarkRead) {
  int64_t case_id = InsertCase(NewCase("360802-20261130-0001", kMonday), intake_.id);
  auto note = [&](int64_t user, const std::string& kind, TimeMs at) {
    notify::Notification n;
    n.user_id = user;
    n.kind = kind;
    n.title = "工单 " + kind;
    n.body = "请及时处理 " + kind;
    n.case_id = case_id;
    n.link = "/cases/" + std::to_string(case_id);
    n.created_at = at;
    return n;
  };
  notify::Notification plain = note(handler_b_, "system.notice", kMonday + 3);
  plain.case_id.reset();
  plain.link.clear();
  MustWrite([&](Repositories& r) {
    return r.notifications().Insert({note(handler_b_, "case.dispatch", kMonday + 1),
                                     note(handler_c_, "case.dispatch", kMonday + 1),
                                     note(handler_b_, "case.escalate.urge", kMonday + 2), plain});
  });
  storage::PageRequest page;
  storage::PageOf<notify::Notification> listed;
  MustRead([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(listed, r.notifications().List(handler_b_, false, page));
    ASSIGN_OR_RETURN(int64_t unread, r.notifications().UnreadCount(handler_b_));
    EXPECT_EQ(unread, 3);
    ASSIGN_OR_RETURN(int64_t unread_c, r.notifications().UnreadCount(handler_c_));
    EXPECT_EQ(unread_c, 1);
    ASSIGN_OR_RETURN(int64_t nobody, r.notifications().UnreadCount(clerk_));
    EXPECT_EQ(nobody, 0);
    return Status::Ok();
  });
  EXPECT_EQ(listed.total, 3);
  ASSERT_EQ(listed.items.size(), 3u);
  std::vector<std::string> kinds;
  for (const auto& n : listed.items) kinds.push_back(n.kind);
  EXPECT_EQ(kinds, (std::vector<std::string>{"system.notice", "case.escalate.urge", "case.dispatch"})) << "newest first";
  notify::Notification expect_plain = plain;
  expect_plain.id = listed.items[0].id;
  EXPECT_TRUE(listed.items[0] == expect_plain);
  notify::Notification expect_urge = note(handler_b_, "case.escalate.urge", kMonday + 2);
  expect_urge.id = listed.items[1].id;
  expect_urge.case_number = "360802-20261130-0001";  // read with the notification
  EXPECT_TRUE(listed.items[1] == expect_urge);
  const int64_t urge = listed.items[1].id;

  // Paging.
  page.page_size = 2;
  page.page = 2;
  MustRead([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(auto second, r.notifications().List(handler_b_, false, page));
    EXPECT_EQ(second.total, 3);
    EXPECT_EQ(second.items.size(), 1u);
    return Status::Ok();
  });
  page = {};

  // Marking someone else's notification changes nothing; marking one's own twice counts once.
  int64_t of_c = 0;
  MustRead([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(auto theirs, r.notifications().List(handler_c_, false, page));
    if (!theirs.items.empty()) of_c = theirs.items[0].id;
    return Status::Ok();
  });
  MustWrite([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(int64_t changed, r.notifications().MarkRead(handler_b_, {urge, of_c}, kMonday + 10));
    EXPECT_EQ(changed, 1);
    ASSIGN_OR_RETURN(int64_t again, r.notifications().MarkRead(handler_b_, {urge}, kMonday + 11));
    EXPECT_EQ(again, 0);
    return Status::Ok();
  });
  MustRead([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(auto unread, r.notifications().List(handler_b_, true, page));
    EXPECT_EQ(unread.total, 2);
    for (const auto& n : unread.items) EXPECT_NE(n.id, urge);
    ASSIGN_OR_RETURN(auto all, r.notifications().List(handler_b_, false, page));
    for (const auto& n : all.items) {
      EXPECT_EQ(n.read_at.has_value(), n.id == urge);
      if (n.id == urge) {
        EXPECT_EQ(n.read_at, std::optional<TimeMs>(kMonday + 10));
      }
    }
    ASSIGN_OR_RETURN(int64_t unread_c, r.notifications().UnreadCount(handler_c_));
    EXPECT_EQ(unread_c, 1);
    return Status::Ok();
  });
  // Everything of the user.
  MustWrite([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(int64_t changed, r.notifications().MarkRead(handler_b_, {}, kMonday + 20));
    EXPECT_EQ(changed, 2);
    ASSIGN_OR_RETURN(int64_t left, r.notifications().UnreadCount(handler_b_));
    EXPECT_EQ(left, 0);
    ASSIGN_OR_RETURN(auto unread, r.notifications().List(handler_b_, true, page));
    EXPECT_EQ(unread.total, 0);
    ASSIGN_OR_RETURN(int64_t unread_c, r.notifications().UnreadCount(handler_c_));
    EXPECT_EQ(unread_c, 1);
    return Status::Ok();
  });
  EXPECT_FALSE(store_->Write([&](Repositories& r) {
                       return r.notifications().Insert({note(clerk_ + 1000, "case.dispatch", kMonday)});
                     }).ok())
      << "a recipient who does not exist";
}

// ---- Copy -------------------------------------------------------------------------------------

TEST_P(CaseworkContract, CopyCarriesTheCasework) {
  // Categories reference their parents and the sequence, co-units, units, events and
  // notifications reference cases: all of it arrives, ids unchanged.
  Case original = NewCase("360802-20261130-0001", kMonday);
  original.state = CaseState::kHandling;
  original.lead_unit_id = b_.id;
  original.co_units = {{d_.id, CoState::kSigned}, {c_.id, CoState::kDispatched}};
  original.id = InsertCase(original, intake_.id);
  Case dup = NewCase("360802-20261130-0002", kMonday);
  dup.state = CaseState::kMerged;
  dup.merged_into = original.id;
  dup.id = InsertCase(dup, intake_.id);
  MustWrite([&](Repositories& r) -> Status {
    CaseEvent absorb;
    absorb.case_id = original.id;
    absorb.seq = 2;
    absorb.type = EventType::kAbsorb;
    absorb.related_case_id = dup.id;
    absorb.co_unit_ids = {3, 1};
    RETURN_IF_ERROR(r.cases().AppendEvents({absorb}));
    RETURN_IF_ERROR(r.cases().NextNumber("360802-20261130").status());
    RETURN_IF_ERROR(r.catalogue().PutRoute(RoutingRule{0, cat0101_, "360802", b_.id}).status());
    notify::Notification n;
    n.user_id = handler_b_;
    n.kind = "case.dispatch";
    n.title = "新工单";
    n.case_id = original.id;
    n.created_at = kMonday;
    return r.notifications().Insert({n});
  });

  TempDir other;
  auto target = GetParam().open(other.path());
  ASSERT_TRUE(target.ok()) << target.status().ToString();
  ASSERT_TRUE(storage::Migrate(**target, clock_).ok());
  auto copied = storage::CopyDatabase(*db_, **target);
  ASSERT_TRUE(copied.ok()) << copied.status().ToString();
  std::set<std::string> tables;
  for (const auto& t : *copied) tables.insert(t.table);
  for (const char* t : {"case_channels", "case_categories", "case_routes", "case_number_seq", "cases", "case_co_units",
                        "case_units", "case_events", "notifications"}) {
    EXPECT_TRUE(tables.count(t)) << t;
  }

  auto copy = storage::MakeSqlStore(*target);
  Case source_original = GetCase(original.id);
  Case source_dup = GetCase(dup.id);
  std::vector<CaseEvent> source_events = GetEvents(original.id);
  std::vector<Category> source_categories;
  MustRead([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(source_categories, r.catalogue().Categories());
    return Status::Ok();
  });
  Status st = copy->Write([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(auto got, r.cases().Get(original.id));
    EXPECT_TRUE(got && *got == source_original) << (got ? Describe(*got) : "missing");
    EXPECT_EQ(got ? got->absorbed : std::vector<int64_t>{}, std::vector<int64_t>{dup.id});
    ASSIGN_OR_RETURN(auto got_dup, r.cases().Get(dup.id));
    EXPECT_TRUE(got_dup && *got_dup == source_dup);
    ASSIGN_OR_RETURN(auto events, r.cases().Events(original.id));
    EXPECT_EQ(Describe(events), Describe(source_events));
    ASSIGN_OR_RETURN(auto categories, r.catalogue().Categories());
    EXPECT_EQ(categories, source_categories);
    ASSIGN_OR_RETURN(auto routes, r.catalogue().Routes({}));
    EXPECT_EQ(routes.size(), 1u);
    ASSIGN_OR_RETURN(auto notes, r.notifications().List(handler_b_, true, storage::PageRequest{}));
    EXPECT_EQ(notes.total, 1);
    ASSIGN_OR_RETURN(bool visible, r.cases().Visible(original.id, {ScopeKind::kOwnUnit, {d_.id}, "", 0}));
    EXPECT_TRUE(visible);
    // The sequence and the identities continue where the source stopped.
    ASSIGN_OR_RETURN(int64_t next, r.cases().NextNumber("360802-20261130"));
    EXPECT_EQ(next, 2);
    ASSIGN_OR_RETURN(int64_t fresh, r.cases().Insert(NewCase("360802-20261130-0003", kMonday), intake_.id));
    EXPECT_GT(fresh, dup.id);
    return Status::Ok();
  });
  EXPECT_TRUE(st.ok()) << st.ToString();
  copy.reset();
}

INSTANTIATE_TEST_SUITE_P(AllBackends, CaseworkContract, ::testing::ValuesIn(StorageBackends()), BackendName);
INSTANTIATE_TEST_SUITE_P(AllBackends, CaseListContract, ::testing::ValuesIn(StorageBackends()), BackendName);
INSTANTIATE_TEST_SUITE_P(AllBackends, CaseLifecycleContract, ::testing::ValuesIn(StorageBackends()), BackendName);

}  // namespace
}  // namespace lz::testing
