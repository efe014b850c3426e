#include "mockgc/reports/charts/chart_css.hpp"

namespace mockgc::reports::charts {

const std::string_view kChartCss = R"css(
svg .s0{fill:#4a7fc1}svg .s1{fill:#3a9d5d}svg .s2{fill:#d0443e}svg .s3{fill:#b9c0c9}svg .s4{fill:#e0a030}
svg .s5{fill:#8e6bc9}
svg .fan-band.outer{fill:#cfdcef}svg .fan-band.inner{fill:#93b4de}
svg .fan-line{stroke:#2d5c99;stroke-width:1}svg .fan-line.p50{stroke-width:2.5}
svg .fan-line.p5,svg .fan-line.p95{stroke-dasharray:3 2}
svg .plan-line{fill:none;stroke:#d0443e;stroke-width:1.5;stroke-dasharray:6 4}
svg .legend .plan-line{fill:#d0443e;stroke:none}
svg .hover{fill:transparent}svg .hover:hover{fill:rgba(0,0,0,.05)}
svg .tornado-low{fill:#6f9fd8}svg .tornado-high{fill:#e0a030}svg .baseline{stroke:var(--ink);stroke-width:1.5}
svg .band.mark rect{fill:rgba(142,107,201,.2)}svg .band.mark text{fill:#5b3f99}
svg .total text{font-weight:600}svg .caption{fill:var(--muted)}
)css";

}  // namespace mockgc::reports::charts
