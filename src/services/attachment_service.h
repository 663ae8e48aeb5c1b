// AttachmentService: photos that document cases (a patrol finding, a wish delivery) and the files of
// policy documents. An upload is checked (an image by its first bytes, a document by io/document.h,
// within the size limit), photos are cleaned of metadata (io/image.h), and it is staged; the write
// that uses it attaches it in its own transaction (NewCaseInput::attachment_ids, CaseService::Act,
// PolicyService::Create/Update). Reading one needs the right to read its case, or to read policies
// for a policy's; a staged upload only its uploader reads. Thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <utility>

#include "common/clock.h"
#include "services/actor.h"
#include "services/audit_trail.h"
#include "storage/repositories.h"

namespace lz::services {

struct AttachmentLimits {
  int64_t max_bytes = 10 * 1024 * 1024;           // one photo, as uploaded
  int64_t max_document_bytes = 20 * 1024 * 1024;  // one document (the HTTP upload limit too)
  TimeMs staged_ttl = kDayMs;            // staged uploads nobody attached are swept after this
};

class AttachmentService {
 public:
  // `store`, `clock` and `audit` must outlive the service.
  AttachmentService(storage::Store& store, const Clock& clock, const AuditTrail& audit, AttachmentLimits limits)
      : store_(store), clock_(clock), audit_(audit), limits_(limits) {}

  const AttachmentLimits& limits() const { return limits_; }

  // Stages a photo named `name` (display only; trimmed, at most 100 characters kept). Needs a
  // permission to register or handle cases. InvalidArgument naming "file" when the bytes are empty,
  // over the limit, not a JPEG, PNG or WebP image, or damaged; nothing is stored then.
  Result<storage::Attachment> Stage(const Actor& actor, std::string name, std::string_view bytes);

  // Stages a file of a policy document: a PDF, Word, Excel, PowerPoint, WPS or OFD document kept
  // as uploaded, or a JPEG, PNG or WebP scan cleaned like a photo. `name` is kept for the
  // download (trimmed; over 100 characters, or without the type's extension, it becomes
  // "附件.<ext>" or gains the extension). Needs chain:policy:write. InvalidArgument naming "file"
  // when the bytes are empty, over max_document_bytes or of no accepted kind; nothing is stored.
  Result<storage::Attachment> StageDocument(const Actor& actor, std::string name, std::string_view bytes);

  // The attachment and its bytes. NotFound (the same for "no such attachment" and "not yours to
  // see") unless the actor may read its case, holds chain:policy:read for a policy's, or uploaded
  // it while it is staged.
  Result<std::pair<storage::Attachment, std::string>> Open(const Actor& actor, int64_t id);

  // Deletes the staged uploads older than the limit; returns how many (the serve janitor).
  Result<int64_t> SweepStaged();

 private:
  // Stores `a` (media type and sizes set) as a staged upload of the actor, with `bytes`.
  Result<storage::Attachment> StageChecked(const Actor& actor, storage::Attachment a, std::string_view bytes);

  storage::Store& store_;
  const Clock& clock_;
  const AuditTrail& audit_;
  AttachmentLimits limits_;
};

}  // namespace lz::services
