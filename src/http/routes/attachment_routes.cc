// Routes: /api/attachments — photos documenting cases and files of policy documents. POST stages one
// (the raw bytes as application/octet-stream, ?name= the file name, ?kind=document for a policy's
// file); the case or policy write that uses it names it in attachment_ids. GET serves the bytes
// to whoever may read the case or the policies, with headers that keep a browser from reading
// them as anything but what they are: images inline, documents as downloads under their name.
#include <cctype>

#include "http/routes/views.h"

namespace lz::http {
namespace {

using nlohmann::json;

// Content-Disposition for a download named `name` (RFC 6266 / RFC 5987: an ASCII fallback, and the
// UTF-8 name percent-encoded).
std::string DownloadDisposition(const std::string& name) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string fallback;
  std::string encoded;
  for (unsigned char c : name) {
    const bool plain = std::isalnum(c) || c == '.' || c == '-' || c == '_';
    if (plain) {
      fallback += static_cast<char>(c);
      encoded += static_cast<char>(c);
      continue;
    }
    if (c < 0x80 || c >= 0xC0) fallback += '_';  // one per character: continuation bytes add none
    encoded += '%';
    encoded += kHex[c >> 4];
    encoded += kHex[c & 15];
  }
  return "attachment; filename=\"" + fallback + "\"; filename*=UTF-8''" + encoded;
}

}  // namespace

std::optional<std::vector<int64_t>> views::AttachmentIds(const json& b) {
  auto it = b.find("attachment_ids");
  if (it == b.end() || !it->is_array()) return std::nullopt;
  return it->get<std::vector<int64_t>>();
}

json views::Attachment(const storage::Attachment& a) {
  return {{"id", a.id},
          {"case_id", a.case_id ? json(*a.case_id) : json(nullptr)},
          {"policy_id", a.policy_id ? json(*a.policy_id) : json(nullptr)},
          {"event_seq", a.event_seq ? json(*a.event_seq) : json(nullptr)},
          {"media_type", a.media_type},
          {"byte_size", a.byte_size},
          {"width", a.width},
          {"height", a.height},
          {"name", a.name},
          {"created_by", a.created_by},
          {"created_at", Time(a.created_at)},
          {"url", "/api/attachments/" + std::to_string(a.id)}};
}

void RegisterAttachmentRoutes(Router& router, services::Platform& platform) {
  router.Add({Method::kPost, "/api/attachments", "stageAttachment", Access::kAuthenticated,
              [&platform](RouteContext& ctx) {
                const std::string name = views::QueryText(ctx.request, "name");
                const std::string kind = views::QueryText(ctx.request, "kind");
                if (kind == "document") {
                  return views::Answer(platform.attachments().StageDocument(ctx.actor, name, ctx.request.body),
                                       views::Attachment, 201);
                }
                if (!kind.empty() && kind != "photo") {
                  return Response::Error(InvalidArgument("kind is photo or document", "kind"));
                }
                return views::Answer(platform.attachments().Stage(ctx.actor, name, ctx.request.body),
                                     views::Attachment, 201);
              }});
  router.Add({Method::kGet, "/api/attachments/{id}", "getAttachment", Access::kAuthenticated,
              [&platform](RouteContext& ctx) {
                auto id = views::PathId(ctx.request);
                if (!id.ok()) return Response::Error(id.status());
                auto opened = platform.attachments().Open(ctx.actor, *id);
                if (!opened.ok()) return Response::Error(opened.status());
                Response r;
                r.content_type = opened->first.media_type;
                r.body = std::move(opened->second);
                const bool image = opened->first.media_type.starts_with("image/");
                r.headers.emplace_back("X-Content-Type-Options", "nosniff");
                r.headers.emplace_back("Content-Disposition",
                                       image ? std::string("inline") : DownloadDisposition(opened->first.name));
                r.headers.emplace_back("Content-Security-Policy", "default-src 'none'; sandbox");
                return r;
              }});
}

}  // namespace lz::http
