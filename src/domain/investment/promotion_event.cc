// Promotion events: field rules.
#include "domain/investment/promotion_event.h"

#include "domain/field_text.h"

#include <algorithm>
#include <set>

#include "common/text.h"
#include "domain/investment/project.h"

namespace lz::investment {
namespace {

using domain::CheckText;

constexpr size_t kMaxName = 100;
constexpr size_t kMaxCity = 50;
constexpr size_t kMaxFirmName = 100;
constexpr size_t kMaxFirms = 500;
constexpr size_t kMaxNote = 2000;
constexpr int64_t kMaxInvited = 1'000'000;

}  // namespace

Status NormaliseEvent(PromotionEvent& e) {
  RETURN_IF_ERROR(CheckText(e.name, kMaxName, "name", "the event name", true));
  e.held_on = text::Trim(e.held_on);
  if (!IsDate(e.held_on)) return InvalidArgument("the event date must be a real date written yyyy-mm-dd", "held_on");
  RETURN_IF_ERROR(CheckText(e.city, kMaxCity, "city", "the city", true));
  std::vector<int64_t> units;
  for (int64_t id : e.unit_ids) {
    if (id <= 0) return InvalidArgument("unit " + std::to_string(id) + " does not exist", "unit_ids");
    if (std::find(units.begin(), units.end(), id) == units.end()) units.push_back(id);
  }
  if (units.empty()) return InvalidArgument("at least one organising unit is required", "unit_ids");
  e.unit_ids = std::move(units);
  std::vector<std::string> firms;
  std::set<std::string> seen;
  for (auto& name : e.invited_firms) {
    RETURN_IF_ERROR(CheckText(name, kMaxFirmName, "invited_firms", "an invited firm's name", false));
    if (!name.empty() && seen.insert(name).second) firms.push_back(name);
  }
  if (firms.size() > kMaxFirms) {
    return InvalidArgument("at most " + std::to_string(kMaxFirms) + " invited firms may be listed", "invited_firms");
  }
  e.invited_firms = std::move(firms);
  const auto listed = static_cast<int64_t>(e.invited_firms.size());
  if (e.invited_count < 0 || e.invited_count > kMaxInvited) {
    return InvalidArgument("the number of invited firms must be between 0 and " + std::to_string(kMaxInvited),
                           "invited_count");
  }
  if (e.invited_count == 0) e.invited_count = listed;
  if (e.invited_count < listed) {
    return InvalidArgument("the number of invited firms (" + std::to_string(e.invited_count) +
                               ") is below the " + std::to_string(listed) + " firms listed",
                           "invited_count");
  }
  return CheckText(e.note, kMaxNote, "note", "the note", false);
}

}  // namespace lz::investment
