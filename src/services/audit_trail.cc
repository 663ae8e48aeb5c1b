// AuditTrail: operation-log rows for services.
#include "services/audit_trail.h"

#include <spdlog/spdlog.h>

namespace lz::services {
namespace {

audit::OperationRecord MakeRow(const Actor& actor, TimeMs at, std::string_view action, std::string_view object_type,
                               std::string_view object_id, audit::OperationResult result, std::string_view detail) {
  audit::OperationRecord r;
  r.at = at;
  if (!actor.system) r.user_id = actor.user_id;
  r.login = actor.login;
  r.action = std::string(action);
  r.object_type = std::string(object_type);
  r.object_id = std::string(object_id);
  r.result = result;
  r.detail = std::string(detail);
  r.client_address = actor.client_address;
  return r;
}

}  // namespace

Status AuditTrail::Record(storage::Repositories& repos, const Actor& actor, std::string_view action,
                          std::string_view object_type, std::string_view object_id, std::string_view detail) const {
  auto row = MakeRow(actor, clock_.NowMs(), action, object_type, object_id, audit::OperationResult::kOk, detail);
  return repos.audit().Append(row);
}

Status AuditTrail::Require(const Actor& actor, std::string_view permission, std::string_view action,
                           std::string_view object_type, std::string_view object_id) const {
  if (actor.Has(permission)) return Status::Ok();
  return Deny(actor, action, object_type, object_id,
              PermissionDenied("permission " + std::string(permission) + " is required"));
}

void AuditTrail::LogDenied(const Actor& actor, std::string_view action, std::string_view object_type,
                           std::string_view object_id, std::string_view reason) const {
  auto row = MakeRow(actor, clock_.NowMs(), action, object_type, object_id, audit::OperationResult::kDenied, reason);
  Status st = store_.Write([&](storage::Repositories& repos) { return repos.audit().Append(row); });
  if (!st.ok()) spdlog::error("could not write the operation log: {}", st.ToString());
}

Status AuditTrail::Deny(const Actor& actor, std::string_view action, std::string_view object_type,
                        std::string_view object_id, const Status& refusal) const {
  LogDenied(actor, action, object_type, object_id, refusal.message());
  return refusal;
}

Status AuditTrail::Finish(const Actor& actor, std::string_view action, std::string_view object_type,
                          const Refusal& refusal, const Status& result) const {
  if (refusal.refused) LogDenied(actor, action, object_type, refusal.object_id, "outside the data scope");
  return result;
}

}  // namespace lz::services
