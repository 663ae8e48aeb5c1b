// PolicyService: the policy set that backs the chains (issue 7 point 3, "1 + 2 + N"): policy
// documents with their measures and eligibility conditions (domain/policy/policy.h), the policy
// library's list and Chinese full-text search (PolicySearch, the casework search engine kept
// current by the change feed), 惠企政策匹配 — for a measure the enterprises of the registry it
// applies to (so benefits can be granted without an application), for an enterprise the measures
// that apply to it — and the policy funds paid out to enterprises under a measure (grants), with
// their sums per enterprise and per policy.
//
// Permissions: chain:policy:read to read policies, matches, grants and figures; chain:policy:write
// to create, update and delete policies; chain:policy:grant to record a grant. Policies are
// platform-wide documents: no data scope applies to them. Each write is one transaction with its
// operation-log row; refusals are logged. A grant to an enterprise the measure does not apply to
// is refused unless the caller overrides with a reason (kept on the grant and in the log).
// Time comes from the injected clock only. Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "domain/policy/policy.h"
#include "services/actor.h"
#include "services/audit_trail.h"
#include "services/policy_search.h"
#include "storage/repositories.h"

namespace lz::services {

// A measure with the match of one enterprise against it.
struct MeasureMatch {
  storage::MeasureRow row;
  policy::MatchResult match;
};

// The measures for one enterprise: those that apply (and, when asked, the others with the first
// condition that fails).
struct EnterpriseMeasures {
  chain::Enterprise enterprise;
  std::vector<MeasureMatch> measures;
};

// A measure with the enterprises its conditions select, one page.
struct MeasureEnterprises {
  policy::Measure measure;
  std::string policy_title;
  storage::PageOf<chain::Enterprise> enterprises;
};

struct NewGrant {
  int64_t measure_id = 0;
  std::string credit_code;       // the enterprise paid
  int64_t amount_yuan = 0;       // 1 … policy::kMaxGrantYuan
  std::string paid_on;           // "YYYY-MM-DD", not after today
  int64_t paid_by_unit_id = 0;   // 0: the actor's unit
  bool override_match = false;   // pay although the measure does not apply…
  std::string override_reason;   // …for this reason (required then)
  std::string note;
};

// Policy funds paid out: the total and the sums per enterprise and per policy.
struct GrantFigures {
  int64_t grants = 0;
  int64_t total_yuan = 0;
  std::vector<storage::GrantSum> by_enterprise;  // largest first, at most 20
  std::vector<storage::GrantSum> by_policy;      // largest first, at most 20
};

// A policy document with its files (PDF, Word, OFD …), oldest first.
struct PolicyDetail {
  policy::Policy policy;
  std::vector<storage::Attachment> attachments;
};

// The most files one policy carries.
inline constexpr size_t kMaxPolicyAttachments = 50;

class PolicyService {
 public:
  // `search` may be null (a process without the index): searches then use SQL LIKE on the title
  // and document number.
  PolicyService(storage::Store& store, const Clock& clock, const AuditTrail& audit, const PolicySearch* search)
      : store_(store), clock_(clock), audit_(audit), search_(search) {}

  // Creates the policy with its measures (their ids are ignored) and attaches the actor's staged
  // uploads `attachment_ids` (AttachmentService::StageDocument). InvalidArgument naming the field
  // (NormalisePolicy, "issuer_unit_id" for an unknown unit, "attachment_ids" for more than
  // kMaxPolicyAttachments), AlreadyExists naming "doc_number", NotFound naming "attachment_ids"
  // for an id that is not a staged upload of the actor's. Nothing is written on an error.
  Result<PolicyDetail> Create(const Actor& actor, policy::Policy input, std::vector<int64_t> attachment_ids = {});
  // Replaces the document's fields, chains and measures: a measure with the id of one of this
  // policy's measures updates it, id 0 adds one, a stored measure not listed is removed —
  // FailedPrecondition naming "measures" when it has grants. With `attachment_ids`, those are the
  // attachments the policy keeps: its own listed stay, the actor's staged uploads listed are
  // attached, its own not listed are deleted (errors as Create); without, they are unchanged.
  // NotFound for an unknown id.
  Result<PolicyDetail> Update(const Actor& actor, int64_t id, policy::Policy input,
                              std::optional<std::vector<int64_t>> attachment_ids = std::nullopt);
  // Deletes the policy with its attachments; FailedPrecondition when funds were paid under it.
  Status Delete(const Actor& actor, int64_t id);
  Result<PolicyDetail> Get(const Actor& actor, int64_t id);
  // The library: filters of PolicyQuery; `query.q` is searched as words in the text index (or,
  // for single characters or without an index, as a substring of title or document number).
  Result<storage::PageOf<storage::PolicyRow>> List(const Actor& actor, storage::PolicyQuery query);

  // The enterprises of the registry the measure applies to, by name, one page.
  Result<MeasureEnterprises> MatchingEnterprises(const Actor& actor, int64_t measure_id, storage::PageRequest page);
  // The measures that apply to the enterprise (with `all`, also those that do not, each with the
  // first failing condition). InvalidArgument naming "credit_code" for an unknown enterprise.
  Result<EnterpriseMeasures> MeasuresFor(const Actor& actor, const std::string& credit_code, bool all);

  // Records a payment under a measure. InvalidArgument naming the field (amount_yuan, paid_on,
  // measure_id, credit_code, paid_by_unit_id, override_reason); FailedPrecondition naming
  // "credit_code" when the measure does not apply and no override was given.
  Result<policy::Grant> RecordGrant(const Actor& actor, NewGrant input);
  Result<storage::PageOf<policy::Grant>> Grants(const Actor& actor, storage::GrantQuery query);
  // The figures of every grant (of one policy when set).
  Result<GrantFigures> Figures(const Actor& actor, std::optional<int64_t> policy_id);

 private:
  Status Check(storage::Repositories& repos, policy::Policy& p);
  // Brings the policy's attachments to `ids` (see Update); returns the audit detail ("" when
  // nothing changed, else e.g. "；附件 +2 −1").
  Result<std::string> KeepAttachments(storage::Repositories& repos, const Actor& actor, int64_t policy_id,
                                      const std::vector<int64_t>& ids);
  static Result<policy::EnterpriseFacts> FactsOf(storage::Repositories& repos, const chain::Enterprise& e);

  storage::Store& store_;
  const Clock& clock_;
  const AuditTrail& audit_;
  const PolicySearch* search_;
};

}  // namespace lz::services
