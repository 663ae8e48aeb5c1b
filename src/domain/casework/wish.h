// Micro-wishes (微心愿, issue 6 point 3): a social worker at a social-work station records a child's
// small wish (an item, material or care) during a campaign that a unit such as 民政局 organises;
// the station publishes it anonymously, a donor (a person or an organisation) claims it, and the
// station confirms delivery with a photo. Each wish is a case on the micro_wish channel (the
// casework engine does the work: the station is its intake and its lead unit, the claim a progress
// note, the delivery the reply, which closes the case since the channel takes no callback).
//
// Rules kept here (pure; times are passed in):
//  - a campaign runs from its opening date to its deadline date, both local (UTC+8) dates and
//    both inclusive: wishes are recorded and published until the deadline's end, claimed between
//    the opening date's start and the deadline's end; a delivery is always accepted once a wish is
//    claimed, and counted on time when it comes by the deadline's end;
//  - the child is minimised: only an alias (surname + 某, or 小 + a given name; at most three
//    characters, and a three-character alias must hold 某 or begin with 小, so a full name is
//    refused) and an age 0–17; the public story may hold no run of 5+ digits (phone numbers, ids)
//    nor the alias itself;
//  - a wish's state follows its times: recorded → published → claimed → delivered.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/clock.h"
#include "common/status.h"

namespace lz::casework {

// The channel and category of wishes (data/casework/*.csv).
inline constexpr std::string_view kWishChannel = "micro_wish";
inline constexpr std::string_view kWishCategory = "1001";  // 未成年人关爱（微心愿）

enum class WishKind { kMaterial, kCare };  // 物质 / 关爱
std::string_view WishKindName(WishKind kind);  // "material", "care"
std::optional<WishKind> ParseWishKind(std::string_view name);

enum class DonorKind { kPerson, kOrganisation };  // 个人 / 单位
std::string_view DonorKindName(DonorKind kind);  // "person", "organisation"
std::optional<DonorKind> ParseDonorKind(std::string_view name);

// recorded (待发布), published (待认领), claimed (已认领), delivered (已实现).
enum class WishState { kRecorded, kPublished, kClaimed, kDelivered };
std::string_view WishStateName(WishState state);  // "recorded", "published", "claimed", "delivered"
std::optional<WishState> ParseWishState(std::string_view name);

struct WishCampaign {
  int64_t id = 0;
  std::string name;               // 1–100 characters
  int64_t organiser_unit_id = 0;  // the organising unit (民政局 …)
  std::string region_code;        // the campaign's area (GB/T 2260)
  std::string opens_on;           // local date "YYYY-MM-DD": claims from its start
  std::string deadline_on;        // local date: records, publications and claims until its end
  std::string description;        // ≤ 2000 characters
  int64_t created_by = 0;
  TimeMs created_at = 0;
  TimeMs updated_at = 0;
  bool operator==(const WishCampaign&) const = default;
};

struct Donor {
  DonorKind kind = DonorKind::kPerson;
  std::string name;   // 1–50 characters (a person's or an organisation's name)
  std::string phone;  // 5–20 digits after normalising
  bool operator==(const Donor&) const = default;
};

// The wish row beside its case. The child's alias is the case's subject name (facts.subject_name).
struct Wish {
  int64_t case_id = 0;
  int64_t campaign_id = 0;
  int64_t station_unit_id = 0;
  std::string item;   // 1–100 characters
  WishKind kind = WishKind::kMaterial;
  int32_t child_age = 0;  // 0–17
  std::string story;      // the public text, 1–500 characters
  int64_t recorded_by = 0;
  TimeMs recorded_at = 0;
  std::optional<TimeMs> published_at;
  std::optional<Donor> donor;           // set with claimed_at
  std::optional<int64_t> claimed_by;    // the staff member who recorded the claim; unset for the public page
  std::optional<TimeMs> claimed_at;
  std::optional<TimeMs> delivered_at;
  bool operator==(const Wish&) const = default;
};

WishState StateOf(const Wish& wish);

// Trims and checks a campaign's fields: name, dates (valid, opening ≤ deadline), description.
// The organiser and region are checked by the service. InvalidArgument names the field.
Status NormaliseCampaign(WishCampaign& campaign);
// The instant the opening date begins and the deadline date ends (local midnight after it).
TimeMs CampaignOpensAt(const WishCampaign& campaign);
TimeMs CampaignClosesAt(const WishCampaign& campaign);

// Trims and checks the alias (the rules above). InvalidArgument naming "child_alias".
Status NormaliseChildAlias(std::string& alias);
// Trims and checks item, age and story of a new wish, whose child goes by `alias` (normalised).
// InvalidArgument naming "item", "child_age" or "story".
Status NormaliseWish(Wish& wish, std::string_view alias);
// Trims and checks the donor: name required, phone digits (spaces, dashes, +, () dropped;
// full-width digits accepted). InvalidArgument naming "donor_name" or "donor_phone".
Status NormaliseDonor(Donor& donor);

// Whether a wish may be recorded / published in the campaign at `now`: FailedPrecondition naming
// "campaign_id" after the deadline.
Status CheckRecordOpen(const WishCampaign& campaign, TimeMs now);
// Publishing: not yet published (FailedPrecondition naming "published_at"), campaign not closed.
Status CheckPublish(const Wish& wish, const WishCampaign& campaign, TimeMs now);
// A claim: published and not yet claimed (AlreadyExists naming "claimed_at": "wish … is already
// claimed"), and within the campaign (FailedPrecondition naming "deadline_on" after the deadline,
// "opens_on" before the opening date).
Status CheckClaim(const Wish& wish, const WishCampaign& campaign, TimeMs now);
// A delivery: claimed and not delivered (FailedPrecondition naming "claimed_at" / "delivered_at"),
// with at least one photo (InvalidArgument naming "attachment_ids").
Status CheckDelivery(const Wish& wish, size_t photos);
// Delivered by the deadline's end.
bool DeliveredOnTime(const Wish& wish, const WishCampaign& campaign);

// The case title of a wish: "微心愿：" + item (cut to 100 characters).
std::string WishTitle(std::string_view item);
// The progress note of a claim, with the donor's name masked: "已被认领（个人 张*）".
std::string ClaimNote(const Donor& donor);
// The wish's readable kind and state: "物质", "关爱"; "待发布", "待认领", "已认领", "已实现".
std::string_view WishKindLabel(WishKind kind);
std::string_view WishStateLabel(WishState state);

}  // namespace lz::casework
