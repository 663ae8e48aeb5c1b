// EnterpriseDemandService: an enterprise's own account files and follows its demands (企业诉求,
// issue 6 point 1). The account is linked to its enterprise by an enterprise_contact position
// (context: the enterprise's credit code); it may hold several. A demand is a case on the
// `enterprise` channel whose subject is one of the account's enterprises, in one of the catalogue's
// enterprise categories (企业服务 05 and 营商环境 06 with their sub-categories), in the enterprise's
// region and on its chain (CaseService::Create resolves the chain from the enterprise's first
// membership). It is registered unaccepted: the intake of the account's unit accepts and dispatches
// it like any call.
//
// What the account sees: the demands of its own enterprises only (every contact of an enterprise
// sees its demands; any other case is NotFound and the refusal is logged), each with the public
// history as public tracking shows it (PublicView: steps, units by name, the departments' answers,
// no handler or internal notes). The rating (回访) of a replied demand is the callback of
// CaseService::Act, taken by the contact who filed it (the reporter); 1–2 reopen it, 3–5 close it.
//
// Permissions: case:demand:file for everything, plus case:case:create to file (the built-in role
// enterprise_user holds both and nothing else). Each write is one transaction with its operation-log
// row (CaseService's). Thread-safe; time from the injected clock only.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "domain/casework/case.h"
#include "domain/casework/catalogue.h"
#include "services/actor.h"
#include "services/audit_trail.h"
#include "services/case_service.h"
#include "services/public_tracking.h"
#include "storage/repositories.h"

namespace lz::services {

inline constexpr std::string_view kEnterpriseChannel = "enterprise";

// True for the catalogue codes an enterprise may file under: 05…, 06… (企业服务, 营商环境).
bool IsEnterpriseCategory(std::string_view code);

// An enterprise the account speaks for.
struct DemandEnterprise {
  int64_t id = 0;
  std::string credit_code;
  std::string name;
  std::string region_code;
};

// What the filing form offers: the account's enterprises and the categories it may choose.
struct DemandForm {
  std::vector<DemandEnterprise> enterprises;
  std::vector<casework::Category> categories;  // active enterprise categories, in catalogue order
};

struct NewDemand {
  std::string enterprise_credit_code;  // one of the account's; may be empty when it has exactly one
  std::string category_code;
  std::string title;
  std::string text;
  std::string address;        // optional
  std::string contact_name;   // default: the account's name
  std::string contact_phone;  // digits, optional (its last four open public tracking)
};

// Which demands a list shows.
enum class DemandStatus { kAll, kInProgress, kToRate, kDone };
std::optional<DemandStatus> ParseDemandStatus(std::string_view name);  // "all", "in_progress", "to_rate", "done"

struct DemandQuery {
  DemandStatus status = DemandStatus::kAll;
  std::string enterprise_credit_code;  // one of the account's; all of them when empty
  storage::PageRequest page;
};

// One demand in the list.
struct DemandSummary {
  casework::Case c;
  std::string enterprise_name;
  std::string category_name;
  std::string unit_name;  // the responsible unit now, if any
  bool can_rate = false;  // replied, and the actor filed it
};

// One demand's page.
struct DemandDetail {
  DemandSummary summary;
  std::string enterprise_credit_code;
  PublicCase progress;    // the public history and the last answer
  bool filed_by_me = false;
};

class EnterpriseDemandService {
 public:
  // `cases` must outlive the service.
  EnterpriseDemandService(storage::Store& store, const AuditTrail& audit, CaseService& cases)
      : store_(store), audit_(audit), cases_(cases) {}

  // The account's enterprises and the categories on offer. FailedPrecondition when the account
  // holds no enterprise_contact position.
  Result<DemandForm> Form(const Actor& actor);
  // Files a demand (unaccepted, for the intake). InvalidArgument naming "enterprise_credit_code"
  // (not one of the account's, or missing while it has several), "category_code" (not an active
  // enterprise category), "title" (required here), or the case's own fields (text, address,
  // contact_name, contact_phone); nothing written.
  Result<casework::Case> File(const Actor& actor, NewDemand input);
  // The demands of the account's enterprises, newest first.
  Result<storage::PageOf<DemandSummary>> List(const Actor& actor, const DemandQuery& query);
  // NotFound unless the case is a demand of one of the account's enterprises (refusal logged).
  Result<DemandDetail> Get(const Actor& actor, int64_t case_id);
  // The rating of a replied demand by the contact who filed it: NotFound as Get; PermissionDenied
  // for another contact of the same enterprise; FailedPrecondition naming "rating" unless replied;
  // InvalidArgument naming "rating" outside 1–5. 4–5 satisfied, 3 closes too, 1–2 reopen it.
  Result<casework::Case> Rate(const Actor& actor, int64_t case_id, int32_t rating, std::string note);

 private:
  // The enterprises the actor is the contact of, by id.
  static Result<std::vector<DemandEnterprise>> EnterprisesOf(storage::Repositories& repos, const Actor& actor);
  // The case if it is a demand of one of `mine`; nullopt otherwise.
  static Result<std::optional<casework::Case>> OwnDemand(storage::Repositories& repos,
                                                         const std::vector<DemandEnterprise>& mine, int64_t case_id);
  static Result<DemandSummary> Summarise(storage::Repositories& repos, const Actor& actor, casework::Case c,
                                         const std::vector<DemandEnterprise>& mine);

  storage::Store& store_;
  const AuditTrail& audit_;
  CaseService& cases_;
};

}  // namespace lz::services
