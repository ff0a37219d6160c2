// Routes of customer surveys (issue 8): agents issue a link for a solved
// ticket; customers answer through the JSON API (for the portal) or through a
// plain server-rendered page at /survey that works from a closing e-mail
// without the web app (no script, no style, a Content-Security-Policy that
// allows nothing but posting the form to itself).
//
// Stable problem types: /problems/survey-link-unknown (404),
// /problems/survey-link-expired (410), /problems/survey-already-answered (409),
// /problems/ticket-not-solved (409), and /problems/invalid-field (422, with
// "field") for out-of-range answers.
#pragma once

#include "http/api.hpp"
#include "service/survey_service.hpp"

namespace sp::http {

void register_survey_routes(Api& api, service::SurveyService& surveys);

}  // namespace sp::http
