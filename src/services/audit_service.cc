// AuditService: log listing and chain verification.
#include "services/audit_service.h"

#include "domain/auth/permissions.h"

namespace lz::services {

Result<storage::PageOf<audit::LoginRecord>> AuditService::ListLogins(const Actor& actor, storage::LogQuery query) {
  RETURN_IF_ERROR(audit_.Require(actor, auth::perm::kAuditRead, "audit.list_logins", "login_log"));
  query.page = query.page.Clamped();
  storage::PageOf<audit::LoginRecord> page;
  RETURN_IF_ERROR(store_.Read([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(page, repos.audit().ListLogins(query));
    return Status::Ok();
  }));
  return page;
}

Result<storage::PageOf<audit::OperationRecord>> AuditService::ListOperations(const Actor& actor,
                                                                            storage::LogQuery query) {
  RETURN_IF_ERROR(audit_.Require(actor, auth::perm::kAuditRead, "audit.list_operations", "operation_log"));
  query.page = query.page.Clamped();
  storage::PageOf<audit::OperationRecord> page;
  RETURN_IF_ERROR(store_.Read([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(page, repos.audit().ListOperations(query));
    return Status::Ok();
  }));
  return page;
}

Result<VerifyReport> AuditService::Verify(const Actor& actor) {
  RETURN_IF_ERROR(audit_.Require(actor, auth::perm::kAuditRead, "audit.verify", "audit"));
  VerifyReport report;
  RETURN_IF_ERROR(store_.Read([&](storage::Repositories& repos) -> Status {
    audit::ChainVerifier logins(audit::LogKind::kLogin);
    RETURN_IF_ERROR(repos.audit().ForEachLogin([&](const audit::LoginRecord& r) { logins.Add(r); }));
    ASSIGN_OR_RETURN(auto login_head, repos.audit().Head(audit::LogKind::kLogin));
    logins.Finish(login_head);
    audit::ChainVerifier operations(audit::LogKind::kOperation);
    RETURN_IF_ERROR(repos.audit().ForEachOperation([&](const audit::OperationRecord& r) { operations.Add(r); }));
    ASSIGN_OR_RETURN(auto op_head, repos.audit().Head(audit::LogKind::kOperation));
    operations.Finish(op_head);
    report.checked = logins.checked() + operations.checked();
    report.first_bad = logins.finding() ? logins.finding() : operations.finding();
    return Status::Ok();
  }));
  return report;
}

}  // namespace lz::services
