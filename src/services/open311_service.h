// Open311Service: GeoReport v2 on the casework engine (issue 6, point 7). Services are the active
// case categories an operator offers (leaves of the tree, optionally under configured code
// prefixes); a POSTed request becomes a case on the configured channel (the residents'
// complaint channel by default), registered in the key's unit and region and waiting for the
// intake to accept it, with the request's own fields (coordinates, device, account, media URL)
// in a row beside it, written in the same transaction. A key reads back only what it filed: the
// texts and places are the reporters', so one app's users are not shown to another. Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "domain/open311/georeport.h"
#include "services/api_key_service.h"
#include "services/case_service.h"
#include "services/rate_limiter.h"
#include "storage/repositories.h"

namespace lz::services {

struct Open311Options {
  // When set, a request naming another jurisdiction_id is refused; empty accepts any (the
  // parameter is "only required if the endpoint serves multiple jurisdictions").
  std::string jurisdiction_id;
  std::string channel = "complaint";   // the channel Open311 requests are filed on
  std::vector<std::string> categories;  // code prefixes offered as services; empty: every category
  int posts_per_key = 60;               // requests a key may POST at once; then one more every…
  TimeMs post_interval_ms = 1000;       // …second
};

// One service (a case category) as Open311 lists it.
struct Open311ServiceInfo {
  std::string code;         // the category code
  std::string name;
  std::string description;  // where it sits in the tree and its time limit
  std::string group;        // the top-level category's name
  int handle_days = 0;
};

// The answer to a POST.
struct Open311Receipt {
  std::string number;  // service_request_id: the case number
  std::string notice;  // service_notice
  std::string account_id;
};

// One request as GET Service Requests shows it.
struct Open311RequestView {
  casework::Case c;
  storage::Open311Request extra;
  std::string service_name;
  std::string agency;        // the responsible unit, if any
  std::string status_notes;  // the state in words, with the reply or reason when there is one
};

class Open311Service {
 public:
  // Everything passed must outlive the service.
  Open311Service(storage::Store& store, const Clock& clock, CaseService& cases, ApiKeyService& keys,
                 Open311Options options);

  const Open311Options& options() const { return options_; }
  // NotFound ("unknown jurisdiction_id") for an id other than the configured one; empty passes.
  Status CheckJurisdiction(std::string_view jurisdiction_id) const;
  // The services on offer, in category order.
  Result<std::vector<Open311ServiceInfo>> Services();
  // NotFound for a code that is not on offer.
  Result<Open311ServiceInfo> Service(std::string_view code);

  // Files `form` as a case. PermissionDenied for an invalid key; ResourceExhausted (with
  // *retry_after_ms) when the key posts too fast; NotFound for a foreign jurisdiction_id;
  // InvalidArgument naming the Open311 field (service_code not on offer, texts too long …).
  Result<Open311Receipt> Submit(const open311::ServiceRequestForm& form, const std::string& client_address,
                                TimeMs* retry_after_ms = nullptr);
  // The requests the key filed that match, newest first, at most 1,000. PermissionDenied for an
  // invalid key.
  Result<std::vector<Open311RequestView>> Requests(std::string_view api_key, const open311::RequestsFilter& filter,
                                                   const std::string& client_address);

 private:
  bool Offered(const casework::Category& category, const std::vector<casework::Category>& all) const;
  Result<std::vector<Open311ServiceInfo>> ServicesIn(storage::Repositories& repos);

  storage::Store& store_;
  const Clock& clock_;
  CaseService& cases_;
  ApiKeyService& keys_;
  Open311Options options_;
  RateLimiter posts_by_key_;
};

}  // namespace lz::services
