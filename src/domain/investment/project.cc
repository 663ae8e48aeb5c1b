// Investment projects: purposes and stages by name, amount checks, and the stage-move rules.
#include "domain/investment/project.h"

#include "domain/field_text.h"

#include <chrono>
#include <cstdio>

#include "common/china_time.h"
#include "common/enum_names.h"
#include "common/text.h"

namespace lz::investment {
namespace {

using domain::CheckText;

using N = std::string_view;
constexpr auto kPurposeNames = MakeEnumNames<Purpose>(std::pair{Purpose::kChainFill, N("chain_fill")},
                                                      std::pair{Purpose::kChainExtend, N("chain_extend")},
                                                      std::pair{Purpose::kChainStrengthen, N("chain_strengthen")});
constexpr auto kPurposeLabels = MakeEnumNames<Purpose>(std::pair{Purpose::kChainFill, N("补链")},
                                                       std::pair{Purpose::kChainExtend, N("延链")},
                                                       std::pair{Purpose::kChainStrengthen, N("强链")});
constexpr auto kStageNames = MakeEnumNames<Stage>(
    std::pair{Stage::kLead, N("lead")}, std::pair{Stage::kNegotiating, N("negotiating")},
    std::pair{Stage::kSigned, N("signed")}, std::pair{Stage::kStarted, N("started")},
    std::pair{Stage::kFunded, N("funded")}, std::pair{Stage::kProducing, N("producing")});
constexpr auto kStageLabels = MakeEnumNames<Stage>(
    std::pair{Stage::kLead, N("线索")}, std::pair{Stage::kNegotiating, N("洽谈")}, std::pair{Stage::kSigned, N("签约")},
    std::pair{Stage::kStarted, N("开工")}, std::pair{Stage::kFunded, N("到资")}, std::pair{Stage::kProducing, N("投产")});

constexpr size_t kMaxName = 100;
constexpr size_t kMaxContact = 100;
constexpr size_t kMaxNote = 2000;
constexpr size_t kMaxReason = 500;

}  // namespace

std::string_view PurposeName(Purpose purpose) { return kPurposeNames.Name(purpose); }
std::optional<Purpose> ParsePurpose(std::string_view name) { return kPurposeNames.Parse(name); }
std::string_view PurposeLabel(Purpose purpose) { return kPurposeLabels.Name(purpose); }
std::optional<Purpose> ParsePurposeOrLabel(std::string_view text) {
  const std::string t = text::Trim(text);
  if (auto p = kPurposeNames.Parse(t)) return p;
  return kPurposeLabels.Parse(t);
}

std::string_view StageName(Stage stage) { return kStageNames.Name(stage); }
std::optional<Stage> ParseStage(std::string_view name) { return kStageNames.Parse(name); }
std::string_view StageLabel(Stage stage) { return kStageLabels.Name(stage); }
std::optional<Stage> ParseStageOrLabel(std::string_view text) {
  const std::string t = text::Trim(text);
  if (auto s = kStageNames.Parse(t)) return s;
  return kStageLabels.Parse(t);
}
const std::vector<Stage>& AllStages() {
  static const std::vector<Stage> kAll = kStageNames.Values();
  return kAll;
}

Status CheckAmount(int64_t amount, const std::string& field) {
  if (amount < 0) return InvalidArgument("the amount must not be negative", field);
  if (amount > kMaxAmountYuan) {
    return InvalidArgument("the amount is too large (max " + std::to_string(kMaxAmountYuan) + " yuan)", field);
  }
  return Status::Ok();
}

Result<int64_t> ParseAmountText(std::string_view input, const std::string& field) {
  const std::string t = text::ToHalfWidth(text::Trim(input));
  if (t.empty()) return InvalidArgument("the amount is required", field);
  if (t[0] == '-') return InvalidArgument("the amount must not be negative", field);
  int64_t value = 0;
  bool any_digit = false;
  for (size_t i = 0; i < t.size(); ++i) {
    const char ch = t[i];
    if (ch == ',') continue;
    if (i + 2 < t.size() && t.compare(i, 3, "，") == 0) {  // a full-width comma ToHalfWidth left
      i += 2;
      continue;
    }
    if (ch < '0' || ch > '9') return InvalidArgument("the amount must be a whole number of yuan", field);
    any_digit = true;
    const int digit = ch - '0';
    if (value > (kMaxAmountYuan - digit) / 10) {
      return InvalidArgument("the amount is too large (max " + std::to_string(kMaxAmountYuan) + " yuan)", field);
    }
    value = value * 10 + digit;
  }
  if (!any_digit) return InvalidArgument("the amount must be a whole number of yuan", field);
  return value;
}

Status CheckAmounts(int64_t agreed, int64_t paid_in, PaidInAboveAgreed confirmation) {
  RETURN_IF_ERROR(CheckAmount(agreed, "agreed_amount"));
  RETURN_IF_ERROR(CheckAmount(paid_in, "paid_in_amount"));
  if (paid_in > agreed && confirmation != PaidInAboveAgreed::kConfirmed) {
    return InvalidArgument("the paid-in amount (" + std::to_string(paid_in) + " yuan) is above the agreed amount (" +
                               std::to_string(agreed) + " yuan); confirm it to save",
                           "paid_in_amount");
  }
  return Status::Ok();
}

Status NormaliseProject(Project& p, PaidInAboveAgreed confirmation) {
  RETURN_IF_ERROR(CheckText(p.name, kMaxName, "name", "the project name", true));
  RETURN_IF_ERROR(CheckText(p.contact, kMaxContact, "contact", "the contact", false));
  RETURN_IF_ERROR(CheckText(p.note, kMaxNote, "note", "the note", false));
  return CheckAmounts(p.agreed_amount, p.paid_in_amount, confirmation);
}

bool IsDate(std::string_view date) {
  if (date.size() != 10 || date[4] != '-' || date[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (date[i] < '0' || date[i] > '9') return false;
  }
  const int y = std::stoi(std::string(date.substr(0, 4)));
  const unsigned m = static_cast<unsigned>(std::stoi(std::string(date.substr(5, 2))));
  const unsigned d = static_cast<unsigned>(std::stoi(std::string(date.substr(8, 2))));
  return y >= 1900 && std::chrono::year_month_day{std::chrono::year(y), std::chrono::month(m), std::chrono::day(d)}.ok();
}

std::string LocalDateOf(TimeMs t) {
  const auto ymd = DateOfDayNumber(ChinaDayOf(t));
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()));
  return buf;
}

Status CheckStageMove(Stage from, const std::string& last_on, Stage to, const std::string& on, std::string& reason,
                      const std::string& today) {
  if (to == from) {
    return FailedPrecondition("the project is at " + std::string(StageLabel(from)) + " already", "stage");
  }
  RETURN_IF_ERROR(CheckText(reason, kMaxReason, "reason", "the reason", false));
  if (IsBackward(from, to) && reason.empty()) {
    return InvalidArgument("moving a project back from " + std::string(StageLabel(from)) + " to " +
                               std::string(StageLabel(to)) + " needs a reason",
                           "reason");
  }
  if (!IsDate(on)) return InvalidArgument("the date of the move must be a real date written yyyy-mm-dd", "on");
  if (on > today) return InvalidArgument("the date of the move (" + on + ") is after today (" + today + ")", "on");
  if (!last_on.empty() && on < last_on) {
    return InvalidArgument("the date of the move (" + on + ") is before the project's last move (" + last_on + ")",
                           "on");
  }
  return Status::Ok();
}

void ApplyStageMove(Project& project, Stage to, const std::string& on) {
  const bool was_signed = IsSignedStage(project.stage) && !project.signed_on.empty();
  if (IsSignedStage(to)) {
    if (!was_signed) project.signed_on = on;
  } else {
    project.signed_on.clear();
  }
  project.stage = to;
  project.stage_on = on;
}

}  // namespace lz::investment
