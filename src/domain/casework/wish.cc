// Micro-wishes: campaign windows, the child's minimised data, donors, and the claim and delivery rules.
#include "domain/casework/wish.h"

#include "domain/field_text.h"

#include <chrono>
#include <vector>

#include "common/china_time.h"
#include "common/enum_names.h"
#include "common/text.h"
#include "domain/casework/case.h"
#include "domain/casework/meeting.h"

namespace lz::casework {
namespace {

using domain::CheckText;

using N = std::string_view;
constexpr auto kKindNames =
    MakeEnumNames<WishKind>(std::pair{WishKind::kMaterial, N("material")}, std::pair{WishKind::kCare, N("care")});
constexpr auto kDonorNames = MakeEnumNames<DonorKind>(std::pair{DonorKind::kPerson, N("person")},
                                                      std::pair{DonorKind::kOrganisation, N("organisation")});
constexpr auto kStateNames = MakeEnumNames<WishState>(
    std::pair{WishState::kRecorded, N("recorded")}, std::pair{WishState::kPublished, N("published")},
    std::pair{WishState::kClaimed, N("claimed")}, std::pair{WishState::kDelivered, N("delivered")});

constexpr size_t kMaxCampaignName = 100;
constexpr size_t kMaxDescription = 2000;
constexpr size_t kMaxItem = 100;
constexpr size_t kMaxStory = 500;
constexpr size_t kMaxAlias = 3;
constexpr size_t kMaxDonorName = 50;
constexpr int32_t kMaxChildAge = 17;

// The UTF-8 characters of valid text, one string each.
std::vector<std::string> Characters(std::string_view s) {
  std::vector<std::string> out;
  for (size_t i = 0; i < s.size();) {
    const auto lead = static_cast<unsigned char>(s[i]);
    const size_t n = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    out.emplace_back(s.substr(i, n));
    i += n;
  }
  return out;
}

// Local midnight starting the date "YYYY-MM-DD" (which must be valid).
TimeMs MidnightOf(std::string_view date) {
  const int y = std::stoi(std::string(date.substr(0, 4)));
  const unsigned m = static_cast<unsigned>(std::stoi(std::string(date.substr(5, 2))));
  const unsigned d = static_cast<unsigned>(std::stoi(std::string(date.substr(8, 2))));
  return ChinaMidnightOf(DayNumber(std::chrono::year_month_day{std::chrono::year(y), std::chrono::month(m),
                                                               std::chrono::day(d)}));
}

}  // namespace

std::string_view WishKindName(WishKind kind) { return kKindNames.Name(kind); }
std::optional<WishKind> ParseWishKind(std::string_view name) { return kKindNames.Parse(name); }
std::string_view DonorKindName(DonorKind kind) { return kDonorNames.Name(kind); }
std::optional<DonorKind> ParseDonorKind(std::string_view name) { return kDonorNames.Parse(name); }
std::string_view WishStateName(WishState state) { return kStateNames.Name(state); }
std::optional<WishState> ParseWishState(std::string_view name) { return kStateNames.Parse(name); }

WishState StateOf(const Wish& w) {
  if (w.delivered_at) return WishState::kDelivered;
  if (w.claimed_at) return WishState::kClaimed;
  if (w.published_at) return WishState::kPublished;
  return WishState::kRecorded;
}

Status NormaliseCampaign(WishCampaign& c) {
  RETURN_IF_ERROR(CheckText(c.name, kMaxCampaignName, "name", "the campaign's name", true));
  RETURN_IF_ERROR(CheckMeetingDate(c.opens_on, "opens_on"));
  RETURN_IF_ERROR(CheckMeetingDate(c.deadline_on, "deadline_on"));
  if (c.deadline_on < c.opens_on) return InvalidArgument("the deadline cannot come before the opening date", "deadline_on");
  return CheckText(c.description, kMaxDescription, "description", "the description", false);
}

TimeMs CampaignOpensAt(const WishCampaign& c) { return MidnightOf(c.opens_on); }
TimeMs CampaignClosesAt(const WishCampaign& c) { return MidnightOf(c.deadline_on) + kDayMs; }

Status NormaliseChildAlias(std::string& alias) {
  RETURN_IF_ERROR(CheckText(alias, kMaxAlias, "child_alias", "the child's alias", true));
  const std::vector<std::string> chars = Characters(alias);
  for (const std::string& ch : chars) {
    const unsigned char b = static_cast<unsigned char>(ch[0]);
    if (ch.size() == 1 && !((b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z'))) {
      return InvalidArgument("the alias holds letters only (surname + 某, or 小 + a given name)", "child_alias");
    }
  }
  if (chars.size() == kMaxAlias && chars[0] != "小" && alias.find("某") == std::string::npos) {
    return InvalidArgument("a three-character alias looks like a full name: use the surname + 某 (王某某) or 小 + the "
                           "given name",
                           "child_alias");
  }
  return Status::Ok();
}

Status NormaliseWish(Wish& w, std::string_view alias) {
  RETURN_IF_ERROR(CheckText(w.item, kMaxItem, "item", "the wished item", true));
  if (w.child_age < 0 || w.child_age > kMaxChildAge) {
    return InvalidArgument("the child's age must be between 0 and 17", "child_age");
  }
  RETURN_IF_ERROR(CheckText(w.story, kMaxStory, "story", "the story", true));
  int run = 0;
  for (char ch : text::ToHalfWidth(w.story)) {
    run = (ch >= '0' && ch <= '9') ? run + 1 : 0;
    if (run >= 5) return InvalidArgument("the public story may not hold phone numbers or other long numbers", "story");
  }
  std::string bare(alias);
  for (size_t at; (at = bare.find("某")) != std::string::npos;) bare.erase(at, std::string_view("某").size());
  if (text::Utf8Length(bare) >= 2 && w.story.find(alias) != std::string::npos) {
    return InvalidArgument("the public story may not name the child", "story");
  }
  return Status::Ok();
}

Status NormaliseDonor(Donor& d) {
  RETURN_IF_ERROR(CheckText(d.name, kMaxDonorName, "donor_name", "the donor's name", true));
  std::string phone;
  for (char ch : text::ToHalfWidth(d.phone)) {
    if (ch >= '0' && ch <= '9') {
      phone.push_back(ch);
    } else if (ch != ' ' && ch != '-' && ch != '+' && ch != '(' && ch != ')') {
      return InvalidArgument("the phone number may contain only digits", "donor_phone");
    }
  }
  if (phone.empty()) return InvalidArgument("the donor's phone is required", "donor_phone");
  if (phone.size() < 5 || phone.size() > 20) return InvalidArgument("the phone number must have 5 to 20 digits", "donor_phone");
  d.phone = std::move(phone);
  return Status::Ok();
}

Status CheckRecordOpen(const WishCampaign& c, TimeMs now) {
  if (now >= CampaignClosesAt(c)) {
    return FailedPrecondition("the campaign " + c.name + " closed on " + c.deadline_on, "campaign_id");
  }
  return Status::Ok();
}

Status CheckPublish(const Wish& w, const WishCampaign& c, TimeMs now) {
  if (w.published_at) return FailedPrecondition("the wish is published already", "published_at");
  return CheckRecordOpen(c, now);
}

Status CheckClaim(const Wish& w, const WishCampaign& c, TimeMs now) {
  if (w.claimed_at) {
    return AlreadyExists("wish " + std::to_string(w.case_id) + " (" + w.item + ") is already claimed", "claimed_at");
  }
  if (!w.published_at) return FailedPrecondition("the wish is not published", "published_at");
  if (now >= CampaignClosesAt(c)) {
    return FailedPrecondition("the campaign's deadline " + c.deadline_on + " has passed; claims are closed",
                              "deadline_on");
  }
  if (now < CampaignOpensAt(c)) {
    return FailedPrecondition("claims open on " + c.opens_on, "opens_on");
  }
  return Status::Ok();
}

Status CheckDelivery(const Wish& w, size_t photos) {
  if (photos == 0) return InvalidArgument("a delivery is confirmed with at least one photo", "attachment_ids");
  if (w.delivered_at) return FailedPrecondition("the wish is delivered already", "delivered_at");
  if (!w.claimed_at) return FailedPrecondition("the wish has not been claimed", "claimed_at");
  return Status::Ok();
}

bool DeliveredOnTime(const Wish& w, const WishCampaign& c) {
  return w.delivered_at && *w.delivered_at < CampaignClosesAt(c);
}

std::string WishTitle(std::string_view item) {
  const std::string prefix = "微心愿：";
  std::string out = prefix;
  size_t count = text::Utf8Length(prefix);
  for (const std::string& ch : Characters(text::Trim(item))) {
    if (count >= 100) break;
    out += ch;
    ++count;
  }
  return out;
}

std::string ClaimNote(const Donor& d) {
  return std::string("已被认领（") + (d.kind == DonorKind::kPerson ? "个人 " : "单位 ") + MaskName(d.name) + "）";
}

std::string_view WishKindLabel(WishKind kind) { return kind == WishKind::kMaterial ? "物质" : "关爱"; }

std::string_view WishStateLabel(WishState state) {
  switch (state) {
    case WishState::kRecorded: return "待发布";
    case WishState::kPublished: return "待认领";
    case WishState::kClaimed: return "已认领";
    case WishState::kDelivered: return "已实现";
  }
  return "";
}

}  // namespace lz::casework
