// AttachmentService: check, clean, stage; open by the case's visibility or the policy right.
#include "services/attachment_service.h"

#include "common/crypto.h"
#include "common/text.h"
#include "domain/auth/permissions.h"
#include "io/document.h"
#include "io/image.h"

namespace lz::services {

namespace perm = auth::perm;

namespace {

// The uploader's file name for display: trimmed; empty when not UTF-8 or over 100 characters.
std::string DisplayName(std::string name) {
  name = text::Trim(name);
  if (!text::IsValidUtf8(name) || text::Utf8Length(name) > 100) return "";
  return name;
}

// Whether `name` ends in ".<extension>" (any case; .jpeg counts as .jpg).
bool HasExtension(const std::string& name, const std::string& extension) {
  const std::string ext = io::LowerExtension(name);
  return ext == extension || (extension == "jpg" && ext == "jpeg");
}

}  // namespace

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
  a.width = clean.width;
  a.height = clean.height;
  a.name = DisplayName(std::move(name));
  return StageChecked(actor, std::move(a), clean.bytes);
}

Result<storage::Attachment> AttachmentService::StageDocument(const Actor& actor, std::string name,
                                                             std::string_view bytes) {
  if (!actor.Has(perm::kPolicyWrite)) {
    return audit_.Deny(actor, "attachment.create", "attachment", "",
                       PermissionDenied("uploading a document needs the right to edit policies"));
  }
  if (bytes.empty()) return InvalidArgument("the file is empty", "file");
  if (static_cast<int64_t>(bytes.size()) > limits_.max_document_bytes) {
    return InvalidArgument(
        "the file is larger than " + std::to_string(limits_.max_document_bytes / (1024 * 1024)) + " MiB", "file");
  }
  storage::Attachment a;
  std::string extension;
  std::string cleaned;
  if (auto image = io::SniffImage(bytes)) {
    ASSIGN_OR_RETURN(io::CleanImage clean, io::CleanPhoto(bytes));
    a.media_type = std::string(io::MediaTypeOf(clean.type));
    a.width = clean.width;
    a.height = clean.height;
    extension = *image == io::ImageType::kJpeg ? "jpg" : *image == io::ImageType::kPng ? "png" : "webp";
    cleaned = std::move(clean.bytes);
    bytes = cleaned;
  } else {
    ASSIGN_OR_RETURN(io::DocumentKind kind, io::SniffDocument(name, bytes));
    a.media_type = std::move(kind.media_type);
    extension = std::move(kind.extension);
  }
  a.name = DisplayName(std::move(name));
  if (a.name.empty()) {
    a.name = "附件." + extension;
  } else if (!HasExtension(a.name, extension)) {
    a.name += "." + extension;
  }
  return StageChecked(actor, std::move(a), bytes);
}

Result<storage::Attachment> AttachmentService::StageChecked(const Actor& actor, storage::Attachment a,
                                                            std::string_view bytes) {
  a.byte_size = static_cast<int64_t>(bytes.size());
  a.sha256 = crypto::Sha256Hex(bytes);
  a.created_by = actor.user_id;
  a.created_at = clock_.NowMs();
  RETURN_IF_ERROR(store_.Write([&](storage::Repositories& repos) -> Status {
    ASSIGN_OR_RETURN(a.id, repos.attachments().Insert(a, bytes));
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
    if (a->policy_id) {
      if (!actor.Has(perm::kPolicyRead)) return not_found;
    } else if (!a->case_id) {
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
