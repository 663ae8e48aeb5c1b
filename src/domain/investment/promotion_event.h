// Promotion events (推介会, issue 7 point 2): an investment promotion held on a date in a city
// (often a Greater Bay Area city such as 深圳), organised for a chain by one or more units, with the
// firms invited (a count, and the names where they are known). Projects signed there link to the
// event (Project::event_id); the event's figures — projects signed and the amount signed — are
// summed from those projects, per event and per year and chain.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/status.h"

namespace lz::investment {

struct PromotionEvent {
  int64_t id = 0;
  std::string name;                    // 1–100 characters
  std::string held_on;                 // local date yyyy-mm-dd
  std::string city;                    // 1–50 characters, e.g. 深圳
  std::optional<int64_t> chain_id;     // the organising chain, when the event is for one
  std::vector<int64_t> unit_ids;       // organising units, at least one, no repeats
  int64_t invited_count = 0;           // firms invited; at least invited_firms.size()
  std::vector<std::string> invited_firms;  // names where known, each 1–100 characters, ≤ 500
  std::string note;                    // ≤ 2000 characters
  int64_t created_by = 0;
  TimeMs created_at = 0;
  TimeMs updated_at = 0;
  // Filled by queries.
  std::string chain_name;
  std::vector<std::string> unit_names;  // in unit_ids order
  int64_t projects_signed = 0;          // linked projects at 签约 or later
  int64_t amount_signed = 0;            // their agreed amounts, yuan
};

// Trims and checks the fields: name, held_on (a real date), city, units (at least one, repeats
// dropped), invited firms (trimmed, blanks and repeats dropped), invited_count (≥ 0, raised to
// the number of names when 0, refused when below it), note. InvalidArgument names the field.
Status NormaliseEvent(PromotionEvent& event);

// The figures of one year and chain (chain_id unset: events organised for no single chain).
struct EventFigures {
  int year = 0;
  std::optional<int64_t> chain_id;
  std::string chain_name;
  int64_t events = 0;
  int64_t invited = 0;          // sum of invited_count
  int64_t projects_signed = 0;  // projects linked to the events at 签约 or later
  int64_t amount_signed = 0;    // their agreed amounts, yuan
  bool operator==(const EventFigures&) const = default;
};

}  // namespace lz::investment
