// The service charter: configuration (/api/v1/charter...), the commitment letter, and the
// public pages that need no login (/public/...): the promises and how well each was kept,
// an embeddable JSON and a badge. Public answers are cacheable for ten minutes.
#pragma once

#include "http/api.hpp"
#include "service/charter_service.hpp"

namespace sp::http {

void register_charter_routes(Api& api, service::CharterService& charters);

}  // namespace sp::http
