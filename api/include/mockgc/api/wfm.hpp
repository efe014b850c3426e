#pragma once
// WFM wire facts the server and the reference client share (genesys-api.md §6f).

namespace mockgc::api {

// A short-term forecast week: 7 × 96 fixed 15-minute intervals from its referenceStartDate (a DST week too),
// in the forecast data the server answers and in the import bodies a client uploads.
inline constexpr int kForecastIntervalsPerWeek = 672;

}  // namespace mockgc::api
