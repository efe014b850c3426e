#include "mockgc/workflows/wfm_upload.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "mockgc/api/error_body.hpp"
#include "mockgc/client/json_calls.hpp"
#include "mockgc/workflows/region_status.hpp"

namespace mockgc::workflows {

using nlohmann::json;

WfmSubmit submit_wfm_upload(client::OrgClient& c, const std::string& step_path, const std::string& bytes) {
  WfmSubmit out;
  auto fail = [&](std::string_view method, std::string_view path, const client::Result<api::HttpResponse>& r) {
    out.why = call_failure(method, path, r);
    out.transient = call_transient(r);
    return out;
  };
  const auto url_path = step_path + "/uploadurl";
  auto r = c.call("POST", url_path, {}, json{{"contentLengthBytes", bytes.size()}}.dump());
  if (!r || !r->ok()) return fail("POST", url_path, r);
  auto upload = client::parse_json_body(*r);
  if (!upload || !upload->is_object() || !upload->contains("uploadKey") || !(*upload)["uploadKey"].is_string() ||
      !upload->contains("url") || !(*upload)["url"].is_string()) {
    out.why = fmt::format("POST {}: no uploadKey/url in the answer", url_path);
    return out;
  }
  std::vector<std::pair<std::string, std::string>> headers;
  const json upload_headers = upload->value("headers", json::object());
  for (const auto& [k, v] : upload_headers.items())
    if (v.is_string()) headers.emplace_back(k, v.get<std::string>());
  auto put = c.put_url((*upload)["url"].get<std::string>(), bytes, headers);
  if (!put || !put->ok()) return fail("PUT", "<upload url>", put);
  r = c.call("POST", step_path, {}, json{{"uploadKey", (*upload)["uploadKey"]}}.dump());
  if (!r || !r->ok()) return fail("POST", step_path, r);
  auto answer = client::parse_json_body(*r);
  if (!answer || !answer->is_object()) {
    out.why = fmt::format("POST {}: malformed answer", step_path);
    return out;
  }
  out.operation_id = answer->value("operationId", std::string());
  out.status = answer->value("status", std::string());
  if (out.status == "Error" || out.status == "Canceled") {
    out.why = fmt::format("the job {} ended {}", out.operation_id, out.status);
    return out;
  }
  out.accepted = true;
  return out;
}

}  // namespace mockgc::workflows
