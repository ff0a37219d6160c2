// Quality assurance (issue 18) over HTTP (service::QaService decides who may do what):
//   GET  /api/v1/qa/queue?agent_id=&day=&cursor=&limit=   the reviewer's open samples, newest first
//   GET  /api/v1/qa/samples/{id}                          one sample (reviewers)
//   GET/PUT /api/v1/qa/scorecard                          the tenant's scorecard (PUT: supervisors, admins)
//   POST /api/v1/qa/reviews                               {sample_id, scores: [{key, score|null, comment?}],
//                                                          comment?} -> 201
//   GET  /api/v1/qa/reviews?agent=&reviewer=&ticket_id=&state=&from=&to=&cursor=&limit=
//   GET  /api/v1/qa/reviews/{id}
//   POST /api/v1/qa/reviews/{id}/acknowledge              {note?}      the reviewed agent
//   POST /api/v1/qa/reviews/{id}/dispute                  {reason}     the reviewed agent
//   GET  /api/v1/qa/calibration?from=&to=&metric=interval|ordinal|nominal
//   GET  /api/v1/qa/report?from=&to=
//   POST/GET /api/v1/qa/violations, GET/PATCH /api/v1/qa/violations/{id}
// Bad input 422 problem+json naming the field; another tenant's ids 404; a reviewer's second
// review of a sample 409 /problems/qa-already-reviewed; answering twice 409
// /problems/qa-review-answered; reviewing one's own work 403 /problems/qa-own-work.
#pragma once

#include "http/api.hpp"
#include "service/qa_service.hpp"

namespace sp::http {

void register_qa_routes(Api& api, service::QaService& qa);

}  // namespace sp::http
