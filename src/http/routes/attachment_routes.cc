// Routes: /api/attachments — photos documenting cases. POST stages one (the raw bytes as
// application/octet-stream, ?name= the file name); the case write that uses it names it in
// attachment_ids. GET serves the bytes to whoever may read the case, with headers that keep a
// browser from reading them as anything but the image they are.
#include "http/routes/views.h"

namespace lz::http {
namespace {

using nlohmann::json;

}  // namespace

json views::Attachment(const storage::Attachment& a) {
  return {{"id", a.id},
          {"case_id", a.case_id ? json(*a.case_id) : json(nullptr)},
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
                return views::Answer(platform.attachments().Stage(ctx.actor, views::QueryText(ctx.request, "name"),
                                                                  ctx.request.body),
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
                r.headers.emplace_back("X-Content-Type-Options", "nosniff");
                r.headers.emplace_back("Content-Disposition", "inline");
                r.headers.emplace_back("Content-Security-Policy", "default-src 'none'; sandbox");
                return r;
              }});
}

}  // namespace lz::http
