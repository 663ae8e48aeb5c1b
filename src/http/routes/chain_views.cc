// JSON views of the chain analyses, shared by the chain routes and `lianzhang report chains`.
#include "http/routes/views.h"

namespace lz::http::views {

json Coverage(const engines::graph::Coverage& c) {
  return {{"segment_count", c.segment_count}, {"covered_count", c.covered_count}, {"completeness", c.completeness}};
}

json Completeness(const engines::graph::ChainCompleteness& c) {
  json by_stage = json::object();
  for (int i = 0; i < engines::graph::kStageCount; ++i) {
    by_stage[std::string(engines::graph::StageName(static_cast<engines::graph::Stage>(i)))] = Coverage(c.by_stage[i]);
  }
  return {{"overall", Coverage(c.overall)}, {"by_stage", by_stage}};
}

json Supply(const engines::graph::SupplyFigures& f) {
  return {{"total_volume", f.total_volume}, {"outside_volume", f.outside_volume}, {"outside_share", f.outside_share},
          {"local_share", f.local_share}};
}

json NamedSegment(const services::NamedSegment& s) {
  return {{"id", s.id}, {"name", s.name}, {"stage", std::string(chain::StageName(s.stage))}};
}

json SegmentStrength(const engines::graph::SegmentStrength& s) {
  return {{"health", std::string(engines::graph::HealthName(s.health))},
          {"member_count", s.member_count},
          {"local_member_count", s.local_member_count},
          {"local_revenue", s.local_revenue},
          {"local_employees", s.local_employees},
          {"has_chain_master", s.has_chain_master},
          {"leak", s.leak},
          {"supply", Supply(s.supply)}};
}

json NamedEnterprise(const services::NamedEnterprise& e) {
  return {{"id", e.id},
          {"name", e.name},
          {"credit_code", e.credit_code},
          {"region_code", e.region_code},
          {"region_name", e.region_name},
          {"local", e.local},
          {"size", std::string(chain::SizeClassName(e.size))}};
}

json ChainAnalysisSummary(const services::ChainAnalysis& a) {
  return {{"chain_id", a.chain.id},
          {"name", a.chain.name},
          {"example", a.chain.example},
          {"segment_count", static_cast<int64_t>(a.segments.size())},
          {"local_enterprise_count", a.local_enterprise_count},
          {"completeness", Completeness(a.completeness)},
          {"breakpoint_count", static_cast<int64_t>(a.breakpoints.size())},
          {"leak_count", static_cast<int64_t>(a.leaks.size())}};
}

json ChainAnalysis(const services::ChainAnalysis& a) {
  json j = ChainAnalysisSummary(a);
  j["segments"] = Array(a.segments, [](const services::SegmentHealth& h) {
    json s = NamedSegment(h.segment);
    s["parent_id"] = h.parent_id ? json(*h.parent_id) : json(nullptr);
    s["strength"] = SegmentStrength(h.strength);
    return s;
  });
  j["breakpoints"] = Array(a.breakpoints, NamedSegment);
  j["leaks"] = Array(a.leaks, [](const services::LeakView& l) {
    json s = NamedSegment(l.segment);
    s["supply"] = Supply(l.supply);
    return s;
  });
  j["links"] = Array(a.links, [](const chain::SegmentLink& l) {
    return json{{"from_segment_id", l.from_segment_id}, {"to_segment_id", l.to_segment_id}};
  });
  return j;
}

}  // namespace lz::http::views
