// The casework KPIs' JSON (GET /api/kpi and `lianzhang report kpi --format json` print the same
// document), implemented in kpi_routes.cc.
#pragma once

#include <nlohmann/json.hpp>

#include "services/kpi_service.h"

namespace lz::http::views {

// {from, to, by, category_level, region_level, bucket, as_of, restricted, total, rows, series}:
// every figures object holds the counts by their wire names (engines/kpi/kpi.h CounterName),
// "overdue", and the rates (RateName) as fractions 0…1, null when their denominator is 0.
nlohmann::json KpiReport(const services::KpiReport& report);

}  // namespace lz::http::views
