// Micro-wish storage on every backend (issue 6, point 3): campaigns (round trip, update, list by
// deadline and name, delete refused while wishes belong to it), wish rows beside cases (round
// trip with the case's number, state and alias joined; one row per case), publication, the claim
// as one conditional write (a second claim and a claim on an unpublished wish change nothing; two
// claims racing from two threads: exactly one wins), deliveries, lists (campaign, station, state,
// public, scope) and the figures per station (delivered by the deadline counted against closes_at).
#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "backends.h"

namespace lz::testing {
namespace {

using casework::CaseState;
using casework::Donor;
using casework::DonorKind;
using casework::Wish;
using casework::WishCampaign;
using casework::WishKind;
using casework::WishState;
using storage::Repositories;
using storage::WishQuery;

class WishContract : public StorageFixture {
 protected:
  void SetUp() override {
    StorageFixture::SetUp();
    if (HasFatalFailure()) return;
    MustWrite([&](Repositories& r) -> Status {
      for (const org::Region& region : std::vector<org::Region>{{"36", "江西省", org::RegionLevel::kProvince, "", 0},
                                                                {"3601", "南昌市", org::RegionLevel::kCity, "36", 0},
                                                                {"360121", "南昌县", org::RegionLevel::kCounty, "3601", 0},
                                                                {"360112", "新建区", org::RegionLevel::kCounty, "3601", 0}}) {
        RETURN_IF_ERROR(r.regions().Insert(region, "test"));
      }
      ASSIGN_OR_RETURN(mzj_, AddUnit(r, "南昌市民政局", org::UnitKind::kDepartment, "3601"));
      ASSIGN_OR_RETURN(station_a_, AddUnit(r, "莲塘镇社工站", org::UnitKind::kSocialWorkStation, "360121"));
      ASSIGN_OR_RETURN(station_b_, AddUnit(r, "新建区社工站", org::UnitKind::kSocialWorkStation, "360112"));
      casework::Channel channel;
      channel.code = "micro_wish";
      channel.name = "微心愿";
      RETURN_IF_ERROR(r.catalogue().PutChannel(channel));
      casework::Category category;
      category.code = "10";
      category.name = "未成年人关爱";
      return r.catalogue().InsertCategory(category).status();
    });
  }

  static Result<int64_t> AddUnit(Repositories& r, const std::string& name, org::UnitKind kind, const std::string& region) {
    org::Unit u;
    u.name = name;
    u.kind = kind;
    u.region_code = region;
    u.created_at = u.updated_at = kStart;
    return r.units().Insert(u);
  }

  static WishCampaign Campaign(int64_t organiser, const std::string& name, const std::string& deadline) {
    WishCampaign k;
    k.name = name;
    k.organiser_unit_id = organiser;
    k.region_code = "3601";
    k.opens_on = "2026-01-01";
    k.deadline_on = deadline;
    k.description = "六一前夕";
    k.created_by = 7;
    k.created_at = k.updated_at = kStart;
    return k;
  }

  int64_t InsertCampaign(const WishCampaign& k, TimeMs closes_at) {
    int64_t id = 0;
    MustWrite([&](Repositories& r) -> Status {
      ASSIGN_OR_RETURN(id, r.wishes().InsertCampaign(k, closes_at));
      return Status::Ok();
    });
    return id;
  }

  // A case on the micro_wish channel with its wish row (published when asked).
  int64_t InsertWish(int64_t campaign, int64_t station, const std::string& number, bool published = true) {
    const int64_t case_id =
        StorageFixture::InsertCase(number, "micro_wish", "10", "360121", CaseState::kHandling, kStart, station);
    MustWrite([&](Repositories& r) -> Status {
      Wish w;
      w.case_id = case_id;
      w.campaign_id = campaign;
      w.station_unit_id = station;
      w.item = "绘本 " + number;
      w.kind = WishKind::kMaterial;
      w.child_age = 9;
      w.story = "喜欢读书";
      w.recorded_by = 7;
      w.recorded_at = kStart;
      if (published) w.published_at = kStart + 1;
      return r.wishes().Insert(w);
    });
    return case_id;
  }

  std::optional<storage::WishRow> Get(int64_t case_id) {
    std::optional<storage::WishRow> out;
    MustRead([&](Repositories& r) -> Status {
      ASSIGN_OR_RETURN(out, r.wishes().Get(case_id));
      return Status::Ok();
    });
    return out;
  }

  bool Claim(int64_t case_id, const std::string& donor, TimeMs at) {
    bool won = false;
    MustWrite([&](Repositories& r) -> Status {
      ASSIGN_OR_RETURN(won, r.wishes().Claim(case_id, Donor{DonorKind::kPerson, donor, "13800138000"}, std::nullopt, at));
      return Status::Ok();
    });
    return won;
  }

  std::vector<int64_t> Listed(WishQuery q) {
    std::vector<int64_t> ids;
    MustRead([&](Repositories& r) -> Status {
      ASSIGN_OR_RETURN(auto page, r.wishes().List(q));
      for (const auto& row : page.items) ids.push_back(row.wish.case_id);
      return Status::Ok();
    });
    return ids;
  }

  static WishQuery All() {
    WishQuery q;
    q.scope = auth::ScopeFilter::All();
    return q;
  }

  int64_t mzj_ = 0, station_a_ = 0, station_b_ = 0;
};

TEST_P(WishContract, CampaignsRoundTripUpdateListAndDelete) {
  const int64_t june = InsertCampaign(Campaign(mzj_, "六一微心愿", "2026-06-05"), kStart + 100);
  const int64_t winter = InsertCampaign(Campaign(mzj_, "冬日暖心", "2026-12-31"), kStart + 200);
  std::optional<storage::WishCampaignRow> got;
  MustRead([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(got, r.wishes().GetCampaign(june));
    return Status::Ok();
  });
  ASSERT_TRUE(got);
  WishCampaign expected = Campaign(mzj_, "六一微心愿", "2026-06-05");
  expected.id = june;
  EXPECT_EQ(got->campaign, expected);
  EXPECT_EQ(got->organiser_name, "南昌市民政局");

  expected.name = "六一微心愿（延长）";
  expected.deadline_on = "2026-06-10";
  expected.updated_at = kStart + 5;
  MustWrite([&](Repositories& r) { return r.wishes().UpdateCampaign(expected, kStart + 300); });
  MustRead([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(got, r.wishes().GetCampaign(june));
    return Status::Ok();
  });
  EXPECT_EQ(got->campaign, expected);
  WishCampaign unknown = expected;
  unknown.id = 9999;
  EXPECT_EQ(store_->Write([&](Repositories& r) { return r.wishes().UpdateCampaign(unknown, 0); }).code(),
            StatusCode::kNotFound);

  // Latest deadline first; the name filter.
  storage::WishCampaignQuery q;
  MustRead([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(auto page, r.wishes().Campaigns(q));
    EXPECT_EQ(page.total, 2);
    EXPECT_EQ(page.items.at(0).campaign.id, winter);
    q.q = "六一";
    ASSIGN_OR_RETURN(page, r.wishes().Campaigns(q));
    EXPECT_EQ(page.total, 1);
    EXPECT_EQ(page.items.at(0).campaign.id, june);
    return Status::Ok();
  });

  // Not while a wish belongs to it.
  InsertWish(june, station_a_, "360121-20260101-0001");
  Status refused = store_->Write([&](Repositories& r) { return r.wishes().DeleteCampaign(june); });
  EXPECT_EQ(refused.code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(refused.field(), "id");
  MustWrite([&](Repositories& r) { return r.wishes().DeleteCampaign(winter); });
  Status gone = store_->Write([&](Repositories& r) { return r.wishes().DeleteCampaign(winter); });
  EXPECT_EQ(gone.code(), StatusCode::kNotFound);
}

TEST_P(WishContract, WishRowsRoundTripAndOneRowPerCase) {
  const int64_t june = InsertCampaign(Campaign(mzj_, "六一微心愿", "2026-06-05"), kStart + 100);
  const int64_t id = InsertWish(june, station_a_, "360121-20260101-0001", false);
  auto row = Get(id);
  ASSERT_TRUE(row);
  EXPECT_EQ(row->wish.campaign_id, june);
  EXPECT_EQ(row->wish.station_unit_id, station_a_);
  EXPECT_EQ(row->wish.item, "绘本 360121-20260101-0001");
  EXPECT_EQ(row->wish.child_age, 9);
  EXPECT_FALSE(row->wish.published_at);
  EXPECT_FALSE(row->wish.donor);
  EXPECT_EQ(row->case_number, "360121-20260101-0001");
  EXPECT_EQ(row->case_state, CaseState::kHandling);
  EXPECT_EQ(row->station_name, "莲塘镇社工站");
  EXPECT_EQ(row->campaign_name, "六一微心愿");
  EXPECT_EQ(row->deadline_on, "2026-06-05");
  EXPECT_FALSE(Get(id + 1000));
  const Wish again = row->wish;
  EXPECT_EQ(store_->Write([&](Repositories& r) { return r.wishes().Insert(again); }).code(), StatusCode::kAlreadyExists);
  // Publication once.
  bool first = false, second = true;
  MustWrite([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(first, r.wishes().MarkPublished(id, kStart + 10));
    ASSIGN_OR_RETURN(second, r.wishes().MarkPublished(id, kStart + 20));
    return Status::Ok();
  });
  EXPECT_TRUE(first);
  EXPECT_FALSE(second);
  EXPECT_EQ(Get(id)->wish.published_at, kStart + 10);
}

TEST_P(WishContract, AClaimIsOneConditionalWriteAndDeliveryFollowsIt) {
  const int64_t june = InsertCampaign(Campaign(mzj_, "六一微心愿", "2026-06-05"), kStart + 100);
  const int64_t unpublished = InsertWish(june, station_a_, "360121-20260101-0001", false);
  const int64_t id = InsertWish(june, station_a_, "360121-20260101-0002");
  EXPECT_FALSE(Claim(unpublished, "张三", kStart + 5));
  EXPECT_FALSE(Get(unpublished)->wish.claimed_at);
  // Delivery before a claim changes nothing.
  bool delivered = true;
  MustWrite([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(delivered, r.wishes().MarkDelivered(id, kStart + 6));
    return Status::Ok();
  });
  EXPECT_FALSE(delivered);

  MustWrite([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(bool won, r.wishes().Claim(id, Donor{DonorKind::kOrganisation, "南昌某公司", "079188888888"},
                                                 int64_t{7}, kStart + 5));
    EXPECT_TRUE(won);
    return Status::Ok();
  });
  EXPECT_FALSE(Claim(id, "李四", kStart + 6));
  auto row = Get(id);
  ASSERT_TRUE(row && row->wish.donor);
  EXPECT_EQ(*row->wish.donor, (Donor{DonorKind::kOrganisation, "南昌某公司", "079188888888"}));
  EXPECT_EQ(row->wish.claimed_by, 7);
  EXPECT_EQ(row->wish.claimed_at, kStart + 5);

  MustWrite([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(delivered, r.wishes().MarkDelivered(id, kStart + 50));
    EXPECT_TRUE(delivered);
    ASSIGN_OR_RETURN(delivered, r.wishes().MarkDelivered(id, kStart + 60));
    EXPECT_FALSE(delivered);
    return Status::Ok();
  });
  EXPECT_EQ(Get(id)->wish.delivered_at, kStart + 50);
}

TEST_P(WishContract, TwoClaimsRacingFromTwoThreadsExactlyOneWins) {
  const int64_t june = InsertCampaign(Campaign(mzj_, "六一微心愿", "2026-06-05"), kStart + 100);
  for (int round = 0; round < 5; ++round) {
    const int64_t id = InsertWish(june, station_a_, "360121-20260101-010" + std::to_string(round));
    std::atomic<int> wins{0}, errors{0};
    std::atomic<bool> go{false};
    auto claim = [&](const std::string& donor) {
      while (!go.load()) std::this_thread::yield();
      Status st = store_->Write([&](Repositories& r) -> Status {
        ASSIGN_OR_RETURN(bool won, r.wishes().Claim(id, Donor{DonorKind::kPerson, donor, "13800138000"}, std::nullopt,
                                                    kStart + 5));
        if (won) ++wins;
        return Status::Ok();
      });
      if (!st.ok()) ++errors;
    };
    std::thread a(claim, "张三"), b(claim, "李四");
    go = true;
    a.join();
    b.join();
    EXPECT_EQ(errors.load(), 0);
    EXPECT_EQ(wins.load(), 1) << "round " << round;
    auto row = Get(id);
    ASSERT_TRUE(row && row->wish.donor);
    EXPECT_TRUE(row->wish.donor->name == "张三" || row->wish.donor->name == "李四");
  }
}

TEST_P(WishContract, ListsFilterByCampaignStationStateScopeAndPublication) {
  const int64_t june = InsertCampaign(Campaign(mzj_, "六一微心愿", "2026-06-05"), kStart + 100);
  const int64_t winter = InsertCampaign(Campaign(mzj_, "冬日暖心", "2026-12-31"), kStart + 200);
  const int64_t a1 = InsertWish(june, station_a_, "360121-20260101-0001", false);
  const int64_t a2 = InsertWish(june, station_a_, "360121-20260101-0002");
  const int64_t b1 = InsertWish(winter, station_b_, "360112-20260101-0001");
  EXPECT_TRUE(Claim(b1, "张三", kStart + 5));

  EXPECT_EQ(Listed(All()), (std::vector<int64_t>{b1, a2, a1}));  // newest case first
  WishQuery q = All();
  q.campaign_id = june;
  EXPECT_EQ(Listed(q), (std::vector<int64_t>{a2, a1}));
  q = All();
  q.station_unit_id = station_b_;
  EXPECT_EQ(Listed(q), (std::vector<int64_t>{b1}));
  q = All();
  q.state = WishState::kRecorded;
  EXPECT_EQ(Listed(q), (std::vector<int64_t>{a1}));
  q.state = WishState::kPublished;
  EXPECT_EQ(Listed(q), (std::vector<int64_t>{a2}));
  q.state = WishState::kClaimed;
  EXPECT_EQ(Listed(q), (std::vector<int64_t>{b1}));
  q.state = WishState::kDelivered;
  EXPECT_TRUE(Listed(q).empty());
  q = All();
  q.published_only = true;
  EXPECT_EQ(Listed(q), (std::vector<int64_t>{b1, a2}));
  // Scope: the station's own staff see its wishes only.
  q = WishQuery{};
  q.scope.kind = auth::ScopeKind::kOwnUnit;
  q.scope.unit_ids = {station_a_};
  EXPECT_EQ(Listed(q), (std::vector<int64_t>{a2, a1}));
}

TEST_P(WishContract, FiguresPerStationCountDeliveriesByTheDeadline) {
  const TimeMs closes = kStart + 1000;
  const int64_t june = InsertCampaign(Campaign(mzj_, "六一微心愿", "2026-06-05"), closes);
  const int64_t other = InsertCampaign(Campaign(mzj_, "冬日暖心", "2026-12-31"), kStart + 100000);
  const int64_t a1 = InsertWish(june, station_a_, "360121-20260101-0001");
  const int64_t a2 = InsertWish(june, station_a_, "360121-20260101-0002");
  InsertWish(june, station_a_, "360121-20260101-0003", false);
  const int64_t b1 = InsertWish(june, station_b_, "360112-20260101-0001");
  InsertWish(other, station_b_, "360112-20260101-0002");
  for (int64_t id : {a1, a2, b1}) EXPECT_TRUE(Claim(id, "张三", kStart + 5));
  MustWrite([&](Repositories& r) -> Status {
    RETURN_IF_ERROR(r.wishes().MarkDelivered(a1, closes - 1).status());  // on time
    RETURN_IF_ERROR(r.wishes().MarkDelivered(a2, closes).status());      // late
    return r.wishes().MarkDelivered(b1, kStart + 10).status();
  });
  storage::WishFigureQuery q;
  q.campaign_id = june;
  q.scope = auth::ScopeFilter::All();
  std::vector<storage::StationWishCounts> figures;
  MustRead([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(figures, r.wishes().Figures(q));
    return Status::Ok();
  });
  ASSERT_EQ(figures.size(), 2u);
  // (Ordered by name, which collates differently per engine: found by id here.)
  const auto& a = figures[0].station_unit_id == station_a_ ? figures[0] : figures[1];
  const auto& b = figures[0].station_unit_id == station_a_ ? figures[1] : figures[0];
  EXPECT_EQ(a.station_name, "莲塘镇社工站");
  EXPECT_EQ(a.region_code, "360121");
  EXPECT_EQ(a.counts, (storage::WishCounts{3, 2, 2, 2, 1}));
  EXPECT_EQ(b.counts, (storage::WishCounts{1, 1, 1, 1, 1}));
  // Every campaign, and a region's stations.
  q.campaign_id.reset();
  q.region_code = "360112";
  MustRead([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(figures, r.wishes().Figures(q));
    return Status::Ok();
  });
  ASSERT_EQ(figures.size(), 1u);
  EXPECT_EQ(figures[0].counts, (storage::WishCounts{2, 2, 1, 1, 1}));
  // Scope.
  q.region_code.clear();
  q.scope = auth::ScopeFilter{auth::ScopeKind::kOwnUnit, {station_a_}, {}, 0};
  MustRead([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(figures, r.wishes().Figures(q));
    return Status::Ok();
  });
  ASSERT_EQ(figures.size(), 1u);
  EXPECT_EQ(figures[0].station_unit_id, station_a_);
}

INSTANTIATE_TEST_SUITE_P(AllBackends, WishContract, ::testing::ValuesIn(StorageBackends()), BackendName);

}  // namespace
}  // namespace lz::testing
