#pragma once
// The client side of Genesys' WFM upload flows (forecast import, schedule import and update; genesys-api.md
// §6e/§6f): POST {step}/uploadurl {contentLengthBytes} → PUT the gzip bytes to the returned url with the
// returned headers → POST {step} {uploadKey} → {status, operationId}. The completion comes later (a
// notification, or a listing that shows the result).
#include <string>
#include <string_view>

#include "mockgc/client/org_client.hpp"

namespace mockgc::workflows {

struct WfmSubmit {
  bool accepted = false;    // the step answered 2xx with a status other than Error/Canceled
  bool transient = false;   // not accepted for a reason that may heal by waiting (429, 502-504, no answer)
  std::string why;          // not accepted: what failed ("POST …/import answered 503 service.unavailable")
  std::string operation_id, status;
};

// `step_path`: …/shorttermforecasts/import, …/schedules/import, …/schedules/{id}/update.
WfmSubmit submit_wfm_upload(client::OrgClient& c, const std::string& step_path, const std::string& gzip_bytes);


}  // namespace mockgc::workflows
