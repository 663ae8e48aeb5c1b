// AttachmentService: check, clean, stage; open by the case's visibility.
#include "services/attachment_service.h"

#include "common/crypto.h"
#include "common/text.h"
#include "domain/auth/permissions.h"
#include "io/image.h"

namespace lz::services {

namespace perm = auth::perm;

Result<storage::Attachment> AttachmentService::Stage(const Actor& actor, std::string name, std::string_view bytes) {
  if (!actor.Has(perm::kCaseCreate) && !actor.Has(perm::kCaseHandle)) {
    return audit_.Deny(actor, "attachment.create", "attachment", "",
                       PermissionDenied("uploading needs the right to register or handle cases"));
  }
  if (bytes.empty()) return InvalidArgument("the file is empty", "file");
  if (static_cast<int64_t>(bytes.size()) > limits_.max_bytes) {
    return InvalidArgument("the file is larger than " + std::to_string(limits_.max_bytes / (1024 * 1024)) + " MiB",
                           "file");
  }
  ASSIGN_OR_RETURN(io::CleanImage clean, io::CleanPhoto(bytes));
  storage::Attachment a;
  a.media_type = std::string(io::MediaTypeOf(clean.type));
  a.byte_size = static_cast<int64_t>(clean.bytes.size());
  a.sha256 = crypto::Sha256Hex(clean.bytes);
  a.width = clean.width;
  a.height = clean.height;
  name = text::Trim(name);
  if (!text::IsValidUtf8(name)) name.clear();
  a.name = text::Utf8Length(name) > 100 ? std::string() : name;
  a.created_by = actor.user_id;
  a.created_at = clock_.NowMs();
  RETURN_IF_ERROR(store_.Write([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(a.id, repos.attachments().Insert(a, clean.bytes));
    return Status::Ok();
  }));
  return a;
}

Result<std::pair<storage::Attachment, std::string>> AttachmentService::Open(const Actor& actor, int64_t id) {
  const Status not_found = NotFound("attachment " + std::to_string(id) + " not found");
  std::pair<storage::Attachment, std::string> out;
  RETURN_IF_ERROR(store_.Read([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(auto a, repos.attachments().Get(id));
    if (!a) return not_found;
    if (!a->case_id) {
      if (a->created_by != actor.user_id || actor.user_id == 0) return not_found;
    } else {
      if (!actor.Has(perm::kCaseRead)) return not_found;
      ASSIGN_OR_RETURN(auto c, repos.cases().Get(*a->case_id));
      const bool reporter = c && actor.user_id != 0 && c->facts.reporter_user_id == actor.user_id;
      if (!reporter) {
        ASSIGN_OR_RETURN(bool visible, repos.cases().Visible(*a->case_id, actor.Filter()));
        if (!visible) return not_found;
      }
    }
    ASSIGN_OR_RETURN(auto bytes, repos.attachments().Content(id));
    if (!bytes) return not_found;
    out = {std::move(*a), std::move(*bytes)};
    return Status::Ok();
  }));
  return out;
}

Result<int64_t> AttachmentService::SweepStaged() {
  int64_t n = 0;
  RETURN_IF_ERROR(store_.Write([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(n, repos.attachments().DeleteStaged(clock_.NowMs() - limits_.staged_ttl));
    return Status::Ok();
  }));
  return n;
}

}  // namespace lz::services
