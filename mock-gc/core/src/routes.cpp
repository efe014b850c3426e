// The route table of a world epoch: method + path template -> handler and access (public, login, API).
#include <string>

#include "world_epoch.hpp"

namespace mockgc::core {

void WorldEpoch::add_routes() {
  using A = Route::Access;
  const std::string wfm = "/api/v2/workforcemanagement";
  const struct {
    const char* method;
    std::string pattern;
    Handler handler;
    A access;
  } table[] = {
      {"POST", "/oauth/token", &handle_oauth_token, A::Login},
      {"GET", "/mockgc/downloads/{downloadId}", &handle_download, A::Public},
      {"PUT", "/mockgc/uploads/{uploadKey}", &handle_upload_put, A::Public},
      {"GET", "/api/v2/tokens/me", &handle_tokens_me, A::Api},
      {"GET", "/api/v2/users", &handle_users_list, A::Api},
      {"GET", "/api/v2/users/{userId}", &handle_user_get, A::Api},
      {"GET", "/api/v2/routing/queues", &handle_queues_list, A::Api},
      {"GET", "/api/v2/routing/queues/{queueId}", &handle_queue_get, A::Api},
      // Directory: organization, divisions, teams, routing dictionaries and membership.
      {"GET", "/api/v2/users/me", &handle_users_me, A::Api},
      {"POST", "/api/v2/users/search", &handle_users_search, A::Api},
      {"GET", "/api/v2/users/{userId}/routingskills", &handle_user_routing_skills, A::Api},
      {"GET", "/api/v2/organizations/me", &handle_organization_me, A::Api},
      {"GET", "/api/v2/oauth/clients/{clientId}", &handle_oauth_client_get, A::Api},
      {"GET", "/api/v2/authorization/divisions", &handle_divisions_list, A::Api},
      {"GET", "/api/v2/authorization/divisions/{divisionId}", &handle_division_get, A::Api},
      {"GET", "/api/v2/teams", &handle_teams_list, A::Api},
      {"GET", "/api/v2/teams/{teamId}", &handle_team_get, A::Api},
      {"GET", "/api/v2/teams/{teamId}/members", &handle_team_members, A::Api},
      {"GET", "/api/v2/routing/skills", &handle_skills_list, A::Api},
      {"GET", "/api/v2/routing/skills/{skillId}", &handle_skill_get, A::Api},
      {"GET", "/api/v2/routing/languages", &handle_languages_list, A::Api},
      {"GET", "/api/v2/routing/languages/{languageId}", &handle_language_get, A::Api},
      {"GET", "/api/v2/routing/queues/{queueId}/members", &handle_queue_members, A::Api},
      {"GET", wfm + "/businessunits/{businessUnitId}/planninggroups/{planningGroupId}", &handle_planning_group_get, A::Api},
      {"GET", wfm + "/businessunits", &handle_business_units_list, A::Api},
      {"GET", wfm + "/businessunits/{businessUnitId}", &handle_business_unit_get, A::Api},
      {"GET", wfm + "/businessunits/{businessUnitId}/managementunits", &handle_business_unit_management_units, A::Api},
      {"GET", wfm + "/businessunits/{businessUnitId}/activitycodes", &handle_activity_codes_list, A::Api},
      {"POST", wfm + "/businessunits/{businessUnitId}/activitycodes", &handle_activity_code_create, A::Api},
      {"PATCH", wfm + "/businessunits/{businessUnitId}/activitycodes/bulk", &handle_activity_codes_bulk_patch, A::Api},
      {"GET", wfm + "/businessunits/{businessUnitId}/activitycodes/{activityCodeId}", &handle_activity_code_get, A::Api},
      {"PATCH", wfm + "/businessunits/{businessUnitId}/activitycodes/{activityCodeId}", &handle_activity_code_patch, A::Api},
      {"DELETE", wfm + "/businessunits/{businessUnitId}/activitycodes/{activityCodeId}", &handle_activity_code_delete, A::Api},
      {"GET", wfm + "/managementunits", &handle_management_units_list, A::Api},
      {"GET", wfm + "/managementunits/{managementUnitId}", &handle_management_unit_get, A::Api},
      {"GET", wfm + "/managementunits/{managementUnitId}/users", &handle_management_unit_users, A::Api},
      {"GET", wfm + "/managementunits/{managementUnitId}/activitycodes", &handle_management_unit_activity_codes, A::Api},
      {"GET", wfm + "/agents/{agentId}/managementunit", &handle_agent_management_unit, A::Api},
      // Conversation history: analytics aggregates + historical-data import.
      {"POST", "/api/v2/analytics/conversations/aggregates/query", &handle_aggregates_query, A::Api},
      {"POST", "/api/v2/analytics/conversations/aggregates/jobs", &handle_aggregates_job_create, A::Api},
      {"GET", "/api/v2/analytics/conversations/aggregates/jobs/{jobId}", &handle_aggregates_job_status, A::Api},
      {"GET", "/api/v2/analytics/conversations/aggregates/jobs/{jobId}/results", &handle_aggregates_job_results, A::Api},
      {"POST", "/api/v2/analytics/users/aggregates/query", &handle_user_aggregates_query, A::Api},
      {"POST", "/api/v2/analytics/users/details/query", &handle_user_details_query, A::Api},
      // Analytics jobs of every family, and conversation details.
      {"DELETE", "/api/v2/analytics/conversations/aggregates/jobs/{jobId}", &handle_aggregates_job_delete, A::Api},
      {"POST", "/api/v2/analytics/conversations/details/query", &handle_conversation_details_query, A::Api},
      {"POST", "/api/v2/analytics/conversations/details/jobs", &handle_conversation_details_job_create, A::Api},
      {"GET", "/api/v2/analytics/conversations/details/jobs/availability", &handle_analytics_details_availability, A::Api},
      {"GET", "/api/v2/analytics/conversations/details/jobs/{jobId}", &handle_conversation_details_job_status, A::Api},
      {"DELETE", "/api/v2/analytics/conversations/details/jobs/{jobId}", &handle_conversation_details_job_delete, A::Api},
      {"GET", "/api/v2/analytics/conversations/details/jobs/{jobId}/results", &handle_conversation_details_job_results, A::Api},
      {"POST", "/api/v2/analytics/users/aggregates/jobs", &handle_user_aggregates_job_create, A::Api},
      {"GET", "/api/v2/analytics/users/aggregates/jobs/{jobId}", &handle_user_aggregates_job_status, A::Api},
      {"DELETE", "/api/v2/analytics/users/aggregates/jobs/{jobId}", &handle_user_aggregates_job_delete, A::Api},
      {"GET", "/api/v2/analytics/users/aggregates/jobs/{jobId}/results", &handle_user_aggregates_job_results, A::Api},
      {"POST", "/api/v2/analytics/users/details/jobs", &handle_user_details_job_create, A::Api},
      {"GET", "/api/v2/analytics/users/details/jobs/availability", &handle_analytics_details_availability, A::Api},
      {"GET", "/api/v2/analytics/users/details/jobs/{jobId}", &handle_user_details_job_status, A::Api},
      {"DELETE", "/api/v2/analytics/users/details/jobs/{jobId}", &handle_user_details_job_delete, A::Api},
      {"GET", "/api/v2/analytics/users/details/jobs/{jobId}/results", &handle_user_details_job_results, A::Api},
      // One conversation's details (GET by id).
      {"GET", "/api/v2/analytics/conversations/{conversationId}/details", &handle_conversation_details_get, A::Api},
      {"POST", "/api/v2/uploads/workforcemanagement/historicaldata/csv", &handle_historicaldata_upload_url, A::Api},
      {"POST", wfm + "/historicaldata/validate", &handle_historicaldata_validate, A::Api},
      {"GET", wfm + "/historicaldata/importstatus", &handle_historicaldata_importstatus_list, A::Api},
      {"GET", wfm + "/historicaldata/importstatus/{jobId}", &handle_historicaldata_importstatus_get, A::Api},
      // WFM data: schedules, time off, live adherence, short-term forecasts.
      {"GET", wfm + "/businessunits/{businessUnitId}/weeks/{weekId}/schedules", &handle_bu_schedules_list, A::Api},
      {"GET", wfm + "/businessunits/{businessUnitId}/weeks/{weekId}/schedules/{scheduleId}", &handle_bu_schedule_get, A::Api},
      {"POST", wfm + "/businessunits/{businessUnitId}/weeks/{weekId}/schedules/{scheduleId}/agentschedules/query",
       &handle_bu_agent_schedules_query, A::Api},
      {"POST", wfm + "/businessunits/{businessUnitId}/agentschedules/search", &handle_bu_agent_schedules_search, A::Api},
      {"POST", wfm + "/managementunits/{managementUnitId}/agentschedules/search", &handle_mu_agent_schedules_search, A::Api},
      {"POST", wfm + "/managementunits/{managementUnitId}/timeoffrequests", &handle_time_off_create, A::Api},
      {"POST", wfm + "/managementunits/{managementUnitId}/timeoffrequests/query", &handle_time_off_query, A::Api},
      {"GET", wfm + "/managementunits/{managementUnitId}/users/{userId}/timeoffrequests", &handle_user_time_off_list, A::Api},
      {"GET", wfm + "/managementunits/{managementUnitId}/users/{userId}/timeoffrequests/{timeOffRequestId}",
       &handle_user_time_off_get, A::Api},
      {"PATCH", wfm + "/managementunits/{managementUnitId}/users/{userId}/timeoffrequests/{timeOffRequestId}",
       &handle_user_time_off_patch, A::Api},
      {"GET", wfm + "/timeoffrequests", &handle_agent_time_off, A::Api},
      {"POST", wfm + "/timeoffrequests", &handle_agent_time_off, A::Api},
      {"GET", wfm + "/timeoffrequests/{timeOffRequestId}", &handle_agent_time_off, A::Api},
      {"PATCH", wfm + "/timeoffrequests/{timeOffRequestId}", &handle_agent_time_off, A::Api},
      {"GET", wfm + "/adherence", &handle_adherence, A::Api},
      {"GET", wfm + "/managementunits/{managementUnitId}/adherence", &handle_mu_adherence, A::Api},
      {"GET", wfm + "/teams/{teamId}/adherence", &handle_team_adherence, A::Api},
      // Historical adherence: 202 + job, result by notification and downloadUrl.
      {"POST", wfm + "/managementunits/{managementUnitId}/historicaladherencequery", &handle_mu_historical_adherence,
       A::Api},
      {"POST", wfm + "/teams/{teamId}/adherence/historical", &handle_team_historical_adherence, A::Api},
      {"GET", wfm + "/adherence/historical/jobs/{jobId}", &handle_historical_adherence_job, A::Api},
      // Agent state: presence definitions (the ids users' presence and adherence refer to).
      {"GET", "/api/v2/presence/definitions", &handle_presence_definitions_list, A::Api},
      {"GET", "/api/v2/presence/definitions/{definitionId}", &handle_presence_definition_get, A::Api},
      {"GET", wfm + "/businessunits/{businessUnitId}/planninggroups", &handle_planning_groups, A::Api},
      {"GET", wfm + "/businessunits/{businessUnitId}/weeks/{weekDateId}/shorttermforecasts", &handle_forecasts_list, A::Api},
      {"GET", wfm + "/businessunits/{businessUnitId}/weeks/{weekDateId}/shorttermforecasts/{forecastId}",
       &handle_forecast_get, A::Api},
      {"GET", wfm + "/businessunits/{businessUnitId}/weeks/{weekDateId}/shorttermforecasts/{forecastId}/data",
       &handle_forecast_data, A::Api},
      {"POST", wfm + "/businessunits/{businessUnitId}/weeks/{weekDateId}/shorttermforecasts/import/uploadurl",
       &handle_forecast_import_upload_url, A::Api},
      {"POST", wfm + "/businessunits/{businessUnitId}/weeks/{weekDateId}/shorttermforecasts/import",
       &handle_forecast_import, A::Api},
      // BU schedule import: upload URL, then the import call naming the upload.
      {"POST", wfm + "/businessunits/{businessUnitId}/weeks/{weekId}/schedules/import/uploadurl",
       &handle_schedule_import_upload_url, A::Api},
      {"POST", wfm + "/businessunits/{businessUnitId}/weeks/{weekId}/schedules/import", &handle_schedule_import, A::Api},
      // BU schedule update (and publishing): upload URL, then the update call naming the upload.
      {"POST", wfm + "/businessunits/{businessUnitId}/weeks/{weekId}/schedules/{scheduleId}/update/uploadurl",
       &handle_schedule_update_upload_url, A::Api},
      {"POST", wfm + "/businessunits/{businessUnitId}/weeks/{weekId}/schedules/{scheduleId}/update",
       &handle_schedule_update, A::Api},
      // Shift trades of an MU week: list, create, search, PATCH, admin bulk approve/deny.
      {"GET", wfm + "/managementunits/{managementUnitId}/weeks/{weekDateId}/shifttrades", &handle_shift_trades_list,
       A::Api},
      {"POST", wfm + "/managementunits/{managementUnitId}/weeks/{weekDateId}/shifttrades", &handle_shift_trade_create,
       A::Api},
      {"POST", wfm + "/managementunits/{managementUnitId}/weeks/{weekDateId}/shifttrades/search",
       &handle_shift_trades_search, A::Api},
      {"POST", wfm + "/managementunits/{managementUnitId}/weeks/{weekDateId}/shifttrades/state/bulk",
       &handle_shift_trades_state_bulk, A::Api},
      {"PATCH", wfm + "/managementunits/{managementUnitId}/weeks/{weekDateId}/shifttrades/{tradeId}",
       &handle_shift_trade_patch, A::Api},
      // Notifications: channels and subscriptions (the WebSocket side is open_stream).
      {"POST", "/api/v2/notifications/channels", &handle_notification_channel_create, A::Api},
      {"GET", "/api/v2/notifications/channels", &handle_notification_channels_list, A::Api},
      {"HEAD", "/api/v2/notifications/channels/{channelId}", &handle_notification_channel_head, A::Api},
      {"GET", "/api/v2/notifications/channels/{channelId}/subscriptions", &handle_notification_subscriptions_get, A::Api},
      {"POST", "/api/v2/notifications/channels/{channelId}/subscriptions", &handle_notification_subscriptions_add, A::Api},
      {"PUT", "/api/v2/notifications/channels/{channelId}/subscriptions", &handle_notification_subscriptions_replace, A::Api},
      {"DELETE", "/api/v2/notifications/channels/{channelId}/subscriptions", &handle_notification_subscriptions_delete,
       A::Api},
      {"GET", "/api/v2/notifications/availabletopics", &handle_notification_available_topics, A::Api},
  };
  for (const auto& row : table) {
    router_.add(row.method, row.pattern, static_cast<int>(routes_.size()));
    routes_.push_back({row.handler, row.access, row.pattern});
  }
}

}  // namespace mockgc::core
